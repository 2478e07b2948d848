//! The compliance report from the files a partnership keeps
//! (`kcsp::files`): CSV exports read through the core's batch engine, rows
//! the rules refuse kept as problems with their line, and the meeting or
//! year they belong to reported as not judged. The records of
//! `examples/data/register/` are those of `examples/data/kcsp_2022_2024.json`.

use kcsp::files::{apply, Files};
use kcsp::findings::{Findings, Kind};
use kcsp::{load, ReportData};
use kcsp_core::Context;

const ATTENDANCE: &str = include_str!("../examples/data/register/attendance.csv");
const MEETINGS: &str = include_str!("../examples/data/register/meetings.csv");
const PROJECTS: &str = include_str!("../examples/data/register/projects.csv");

fn data() -> ReportData {
    load(include_str!("../examples/data/kcsp_2022_2024.json")).unwrap()
}

fn read(files: Files<'_>) -> Result<ReportData, String> {
    let mut d = data();
    apply(Context::kent(), &mut d, &files)?;
    Ok(d)
}

#[test]
fn the_exports_hold_the_data_files_meetings() {
    let d = read(Files {
        attendance: Some(("attendance.csv", ATTENDANCE)),
        meetings: Some(("meetings.csv", MEETINGS)),
        projects: Some(("projects.csv", PROJECTS)),
    })
    .unwrap();
    let json = data();
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    assert_eq!(d.meetings.len(), json.meetings.len());
    for (a, b) in d.meetings.iter().zip(&json.meetings) {
        assert_eq!(
            (&a.body, a.date, a.papers_circulated),
            (&b.body, b.date, b.papers_circulated)
        );
        assert_eq!(a.present, b.present, "{} {}", a.body, a.date);
    }
    // 17 November 2022: three of the seven seats (DOMAIN.md, the report's
    // inquorate meeting), judged the same from the register.
    let f = Findings::of(Context::kent(), &d).unwrap();
    let inquorate: Vec<_> = f
        .exceptions()
        .into_iter()
        .filter(|e| e.kind == Kind::Inquorate)
        .collect();
    assert_eq!(inquorate.len(), 1);
    assert_eq!(inquorate[0].anchor, "meeting-kcsp-2022-11-17");
}

#[test]
fn a_meetings_list_without_a_register_leaves_attendance_not_recorded() {
    let d = read(Files {
        meetings: Some(("meetings.csv", MEETINGS)),
        ..Files::default()
    })
    .unwrap();
    assert_eq!(d.meetings.len(), 10);
    assert!(d.meetings.iter().all(|m| m.present.is_none()));
    let text = kcsp::render(Context::kent(), &d).unwrap();
    assert_eq!(text.matches("quorate: not recorded").count(), 10);
    assert_eq!(text.matches("papers on time: yes").count(), 3);
}

#[test]
fn a_row_the_rules_refuse_is_kept_with_its_line_and_its_meeting_is_not_judged() {
    let attendance = ATTENDANCE.replacen(
        "kcsp-2022-07-14,kcsp,2022-07-14,kent_police",
        "kcsp-2022-07-14,kcsp,2022-07-14,kent_polise",
        1,
    );
    let line = attendance.lines().position(|l| l.contains("kent_polise")).unwrap() + 1;
    let d = read(Files {
        attendance: Some(("attendance.csv", &attendance)),
        ..Files::default()
    })
    .unwrap();
    assert_eq!(d.problems.len(), 1);
    let p = &d.problems[0];
    assert_eq!(
        (p.code.as_str(), p.line.clone(), p.column.as_deref()),
        ("unknown_organisation", Some(line.to_string()), Some("organisation"))
    );
    assert_eq!(d.meetings.len(), 9);
    assert!(!d.meetings.iter().any(|m| m.date.to_string() == "2022-07-14"));
    assert_eq!(d.unjudged_meetings.len(), 1);
    assert!(d.unjudged_meetings[0]
        .what
        .starts_with("Meeting kcsp-2022-07-14 of attendance.csv"));
    let text = kcsp::render(Context::kent(), &d).unwrap();
    assert!(text.contains(&format!(
        "== Rows not read ==\n  attendance.csv, line {line}, column organisation: "
    )));
}

#[test]
fn every_error_of_a_row_is_kept() {
    // One row, two bad cells: a date that does not exist and an unknown organisation.
    let attendance =
        "meeting_id,body,date,organisation\nm1,kcsp,2022-02-31,kent_polise\nm2,kcsp,2022-07-14,kent_police\n";
    let d = read(Files {
        attendance: Some(("attendance.csv", attendance)),
        ..Files::default()
    })
    .unwrap();
    let codes: Vec<(&str, Option<&str>)> = d
        .problems
        .iter()
        .map(|p| (p.code.as_str(), p.line.as_deref()))
        .collect();
    assert!(codes.contains(&("invalid_date", Some("2"))), "{codes:?}");
    assert!(codes.contains(&("unknown_organisation", Some("2"))), "{codes:?}");
    assert_eq!(d.meetings.len(), 1);
}

#[test]
fn a_year_spent_beyond_its_pot_is_refused_and_its_rows_named() {
    // 2021/22's allocation is £39,661.00: one approved project spending more.
    let projects = "year,name,round,amount,decision,spent\n2021/22,Big project,upfront,20000,approved,45000\n";
    let d = read(Files {
        projects: Some(("projects.csv", projects)),
        ..Files::default()
    })
    .unwrap();
    let y = d.grant_years.iter().find(|g| g.year.to_string() == "2021/22").unwrap();
    assert_eq!(
        y.refused.as_deref(),
        Some("total spend of £45,000.00 exceeds the allocation of £39,661.00")
    );
    assert_eq!(d.problems.len(), 1, "{:?}", d.problems);
    let p = &d.problems[0];
    assert_eq!(
        (p.code.as_str(), p.line.as_deref(), p.column.as_deref()),
        ("spend_exceeds_allocation", Some("2"), None)
    );
    let f = Findings::of(Context::kent(), &d).unwrap();
    let refused: Vec<_> = f
        .exceptions()
        .into_iter()
        .filter(|e| e.kind == Kind::LedgerRefused)
        .collect();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].anchor, "grant-2021-22");
    // The other years keep the data file's projects.
    let other = d.grant_years.iter().find(|g| g.year.to_string() == "2022/23").unwrap();
    assert!(other.unjudged.is_none() && other.projects.len() == 7);
}

#[test]
fn a_file_without_a_column_its_rule_needs_is_refused_as_a_whole() {
    let e = read(Files {
        attendance: Some(("attendance.csv", "meeting_id,body,date\nm1,kcsp,2022-07-14\n")),
        ..Files::default()
    })
    .unwrap_err();
    assert!(e.starts_with("attendance.csv: ") && e.contains("organisation"), "{e}");
}

#[test]
fn the_page_fetches_nothing_and_links_every_exception() {
    let d = data();
    let page = kcsp::html::render_html(Context::kent(), &d).unwrap();
    for needle in ["src=", "href=\"http", "url(/", "@import", "<script"] {
        assert!(!page.contains(needle), "{needle}");
    }
    for part in page.split("href=\"#").skip(1) {
        let anchor = &part[..part.find('"').unwrap()];
        assert!(page.contains(&format!("id=\"{anchor}\"")), "{anchor}");
    }
}
