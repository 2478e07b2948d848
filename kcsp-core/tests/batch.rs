//! The batch engine against the same requests made one at a time.

use kcsp_core::table::{Cell, Column, Sheet, Table, Values};
use kcsp_core::{batch, registry, Context};
use serde_json::{json, Value};

fn sheet<'a>(cols: &'a [(&'a str, Values)]) -> Sheet<'a> {
    Sheet {
        rows: cols.first().map_or(0, |(_, c)| c.len()),
        columns: cols.iter().map(|(n, c)| (*n, c as &dyn Column)).collect(),
        names: vec![],
        values: Default::default(),
        labels: None,
    }
}

fn col(v: &[&str]) -> Values {
    Values(
        v.iter()
            .map(|s| if s.is_empty() { Value::Null } else { json!(s) })
            .collect(),
    )
}

fn row(t: &Table, i: usize) -> Vec<(String, Cell)> {
    t.columns.iter().map(|(n, c)| (n.clone(), c[i].clone())).collect()
}

/// The cells a single request's result gives, as the batch writes them.
fn single(rule: &str, input: Value) -> Vec<(String, Cell)> {
    let (out, _) = registry::decide(Context::kent(), rule, &input).unwrap();
    out.cells()
}

fn kcsp_register() -> Vec<(&'static str, Values)> {
    let k = [
        "kent_police",
        "kent_county_council",
        "office_of_the_pcc",
        "kent_fire_and_rescue",
    ];
    let mut m = vec![];
    let mut b = vec![];
    let mut d = vec![];
    let mut o = vec![];
    for o_ in k {
        m.push("m1");
        b.push("kcsp");
        d.push("2022-07-14");
        o.push(o_);
    }
    // A DHR Steering Group meeting with the same id, judged by its own terms.
    for o_ in ["kent_police", "kent_county_council", "health"] {
        m.push("m1");
        b.push("dhr_steering_group");
        d.push("2022-09-01");
        o.push(o_);
    }
    m.push("m2");
    b.push("kcsp");
    d.push("2022-11-17");
    o.push("kent_police");
    vec![
        ("meeting_id", col(&m)),
        ("body", col(&b)),
        ("date", col(&d)),
        ("organisation", col(&o)),
    ]
}

#[test]
fn a_mixed_register_is_judged_body_by_body() {
    let cols = kcsp_register();
    let t = batch::run(Context::kent(), "quorum", &sheet(&cols)).unwrap();
    assert_eq!(t.rows(), 3);
    assert_eq!(t.column("body").unwrap()[1], Cell::Text("dhr_steering_group".into()));
    let want = single(
        "quorum",
        json!({"body": "dhr_steering_group", "date": "2022-09-01",
               "present": ["kent_police", "kent_county_council", "health"]}),
    );
    let got = row(&t, 1);
    for (name, cell) in want.iter().filter(|(n, _)| n != "body") {
        let (_, g) = got.iter().find(|(n, _)| n == name).unwrap();
        assert_eq!(g, cell, "{name}");
    }
    assert!(t.errors.is_empty());
}

#[test]
fn the_fast_path_and_the_generic_path_agree() {
    // A bad row in a meeting of its own sends the batch down the generic
    // path; the other meetings must read the same.
    let good = kcsp_register();
    let mut bad = kcsp_register();
    for (name, c) in &mut bad {
        c.0.push(json!(match *name {
            "meeting_id" => "m3",
            "body" => "kcsp",
            "date" => "2022-02-30",
            _ => "kent_police",
        }));
    }
    let fast = batch::run(Context::kent(), "quorum", &sheet(&good)).unwrap();
    let slow = batch::run(Context::kent(), "quorum", &sheet(&bad)).unwrap();
    assert_eq!(slow.rows(), 4);
    for i in 0..3 {
        assert_eq!(row(&fast, i), row(&slow, i));
    }
    assert_eq!(slow.errors.len(), 1);
    assert_eq!(
        (slow.errors[0].error.code(), slow.errors[0].error.field()),
        ("invalid_date", "rows[8].date")
    );
    assert_eq!(slow.column("error_code").unwrap()[3], Cell::Text("invalid_date".into()));
}

#[test]
fn labels_and_every_error_of_a_year() {
    let cols = vec![
        ("year", col(&["2022/23", "2022/23", "2022/23"])),
        ("allocation", col(&["39661", "39661", "39661"])),
        ("name", col(&["a", "", "c"])),
        ("round", col(&["upfront", "upfronts", "tactical"])),
        ("amount", col(&["10", "ten", "5.001"])),
        ("decision", col(&["approved", "approved", "maybe"])),
    ];
    let labels = vec!["10".to_string(), "11".to_string(), "12".to_string()];
    let mut s = sheet(&cols);
    s.labels = Some(&labels);
    let t = batch::run(Context::kent(), "grant_ledger", &s).unwrap();
    assert_eq!(t.rows(), 1);
    let found: Vec<(&str, &str)> = t.errors.iter().map(|e| (e.error.code(), e.error.field())).collect();
    let single = registry::validate(
        Context::kent(),
        "grant_ledger",
        &json!({"year": "2022/23", "allocation": "39661", "projects": [
            {"name": "a", "round": "upfront", "amount": "10", "decision": "approved"},
            {"round": "upfronts", "amount": "ten", "decision": "approved"},
            {"name": "c", "round": "tactical", "amount": "5.001", "decision": "maybe"}]}),
    )
    .unwrap();
    assert_eq!(found.len(), single.len());
    assert!(found.len() >= 4, "{found:?}");
    assert!(found.contains(&("invalid_amount", "rows[11].amount")), "{found:?}");
    assert!(found.iter().all(|(_, f)| f.starts_with("rows[1")), "{found:?}");
}

#[test]
fn a_value_given_once_and_a_column_that_contradicts_it() {
    let cols = kcsp_register();
    let mut s = sheet(&cols);
    s.values.insert("body".into(), json!("kcsp"));
    let e = batch::run(Context::kent(), "quorum", &s).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid_input", "body"));
    let e = batch::run(Context::kent(), "quorum", &sheet(&cols[..2])).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid_input", "date"));
}

#[test]
fn cadence_years_from_a_register_with_the_other_bodys_meetings() {
    let cols = vec![
        ("body", col(&["kcsp", "kcsp", "kcsp", "working_group", "working_group"])),
        (
            "date",
            col(&["2023-07-12", "2023-11-16", "2024-03-14", "2023-06-20", "2024-02-28"]),
        ),
    ];
    let t = batch::run(Context::kent(), "meeting_cadence", &sheet(&cols)).unwrap();
    assert_eq!(t.rows(), 2);
    assert_eq!(t.column("compliant").unwrap()[0], Cell::Bool(true));
    let d = chrono::NaiveDate::from_ymd_opt(2023, 11, 16).unwrap();
    assert_eq!(t.column("unprepared").unwrap()[1], Cell::List(vec![Cell::Date(d)]));
    let want = kcsp_core::cadence::register(
        Context::kent(),
        &[("working_group", chrono::NaiveDate::from_ymd_opt(2023, 6, 20).unwrap())],
    );
    assert_eq!(want.len(), 1);
}

#[test]
fn one_request_per_row_with_lists_as_text() {
    let cols = vec![
        ("date", col(&["2022-07-14", "2022-07-14"])),
        ("office", col(&["chair", "vice_chair"])),
        (
            "present",
            col(&[
                "kent_police;kent_county_council;office_of_the_pcc;kent_fire_and_rescue",
                "kent_police",
            ]),
        ),
        (
            "votes_for",
            col(&["kent_police;kent_county_council;office_of_the_pcc", "kent_police"]),
        ),
    ];
    let t = batch::run(Context::kent(), "chair_removal", &sheet(&cols)).unwrap();
    assert_eq!(t.rows(), 2);
    let want = single(
        "chair_removal",
        json!({"date": "2022-07-14", "office": "chair",
               "present": ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"],
               "votes_for": ["kent_police", "kent_county_council", "office_of_the_pcc"]}),
    );
    let got = row(&t, 0);
    assert_eq!(&got[..want.len()], &want[..]);
}
