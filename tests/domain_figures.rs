//! DOMAIN.md §4, §7 and §8: the figures of the sources, reproduced to the
//! penny from the records in `examples/data/kcsp_2022_2024.json` (the same
//! file the report example reads). The expected values are those printed in
//! the source documents, not the library's output.

use kcsp::{grant_year, load, GrantYearResult, ReportData};
use kcsp_core::{papers, Context, Money};

fn data() -> ReportData {
    load(include_str!("../examples/data/kcsp_2022_2024.json")).unwrap()
}

fn year(d: &ReportData, y: &str) -> GrantYearResult {
    grant_year(
        Context::kent(),
        d.grant_years.iter().find(|g| g.year.to_string() == y).unwrap(),
    )
    .unwrap()
}

fn m(s: &str) -> Money {
    Money::parse("m", s).unwrap()
}

#[test]
fn grant_2013_14() {
    let g = year(&data(), "2013/14");
    assert_eq!(g.ledger.allocation, m("48507"));
    assert_eq!(g.ledger.upfront_approved, m("48500"));
    assert_eq!(g.ledger.projects.len(), 7);
    assert_eq!(g.ledger.unallocated, m("7"));
    let (name, asb) = &g.match_funding[0];
    assert_eq!(name, "ASB School Tour");
    assert_eq!(asb.other_funding, m("50000"));
}

#[test]
fn grant_2021_22() {
    let g = year(&data(), "2021/22");
    assert_eq!(g.ledger.allocation, m("39661"));
    assert_eq!(g.ledger.spent, m("22941.60"));
    assert_eq!(g.ledger.underspend, m("16719.40"));
    assert!(!g.ledger.tactical_open);
    assert_eq!(g.access.as_ref().unwrap().shut[0].code, "closed");
    // The printed tactical pot of £13,220 leaves £1 unaccounted for.
    let d = &g.reconciliation.discrepancies;
    assert_eq!(d.len(), 1);
    assert_eq!(
        (d[0].subject.as_str(), d[0].stated, d[0].computed, d[0].difference),
        ("tactical_pot", m("13220"), m("13221"), m("1"))
    );
}

#[test]
fn grant_2022_23() {
    let g = year(&data(), "2022/23");
    let l = &g.ledger;
    assert_eq!(l.upfront_requested, m("26440"));
    assert_eq!(l.upfront_approved, m("21440"));
    assert_eq!(l.upfront_rejected, m("5000"));
    assert_eq!(l.tactical_available, m("18221"));
    assert_eq!(l.tactical_approved, m("7600"));
    assert_eq!(l.tactical_remaining, m("10621"));
    assert_eq!(l.spent, m("27765"));
    assert_eq!(l.underspend, m("11896"));
    assert!(l.warnings.is_empty());
    // Both documents that print the tactical pot print £13,220: two £1 discrepancies, nothing else.
    let d = &g.reconciliation.discrepancies;
    assert_eq!(d.len(), 2);
    assert!(d
        .iter()
        .all(|x| x.subject == "tactical_pot" && x.difference == m("1") && x.stated_is == "lower"));
    assert_eq!(g.match_funding[0].1.grant_share_percent.to_string(), "20.00");
}

#[test]
fn grant_2023_24() {
    let g = year(&data(), "2023/24");
    assert_eq!(g.ledger.upfront_requested, m("27240"));
    assert_eq!(g.ledger.warnings[0].code, "upfront_requests_exceed_pot");
    let d = &g.reconciliation.discrepancies;
    let over = d.iter().find(|x| x.kind == "over_request").unwrap();
    assert_eq!(over.difference, m("800"));
    let swapped: Vec<_> = d.iter().filter(|x| x.swapped_with.is_some()).collect();
    assert_eq!(swapped.len(), 2);
    assert!(swapped.iter().all(|x| x.difference == m("1240")));
    let names: Vec<&str> = swapped.iter().map(|x| x.subject.as_str()).collect();
    assert!(names.contains(&"Domestic Abuse Bitesize Training Videos"));
    assert!(names.contains(&"Reducing Abusive Behaviour Policy and Training"));
    // §3.7 prints the tactical pot as £13,220 where §3.2 prints £13,221.
    let pots: Vec<_> = d.iter().filter(|x| x.subject == "tactical_pot").collect();
    assert_eq!(pots.len(), 1);
    assert_eq!(pots[0].source, "WG update 12 July 2023 §3.7");
    assert_eq!(d.len(), 4);
}

#[test]
fn grant_2024_25() {
    let g = year(&data(), "2024/25");
    assert_eq!((g.ledger.upfront_pot, g.ledger.tactical_pot), (m("26440"), m("13221")));
    assert!(g.reconciliation.consistent);
    assert_eq!(g.access.as_ref().unwrap().shut[0].code, "upfront_cases_undecided");
}

#[test]
fn dispatch_dates_of_the_sources_give_exactly_five_clear_days() {
    let d = data();
    let kent = Context::kent();
    let with_dates: Vec<_> = d.meetings.iter().filter(|m| m.papers_circulated.is_some()).collect();
    assert_eq!(with_dates.len(), 3);
    for mt in with_dates {
        let p = papers::deadline(kent, &mt.body, mt.date, mt.papers_circulated).unwrap();
        assert_eq!(p.clear_working_days, Some(5), "{}", mt.date);
        assert_eq!(p.compliant, Some(true));
        assert_eq!(Some(p.latest_circulation), mt.papers_circulated);
    }
}

#[test]
fn dhr_portfolio_2011_2014() {
    let p = kcsp::dhr_portfolio(Context::kent(), &data().dhr).unwrap();
    assert_eq!(
        (p.considered, p.commissioned, p.qa_completed, p.published),
        (10, 9, 6, 0)
    );
}

#[test]
fn the_report_renders_every_section() {
    let text = kcsp::render(Context::kent(), &data()).unwrap();
    for needle in [
        "== Meetings ==",
        "== Meeting cadence ==",
        "kcsp 2022/23: Kept: Kent Community Safety Partnership: 3 meeting(s) in 2022/23",
        "working_group 2023/24: Not kept",
        "== Community Safety Agreement ==",
        "Violence against women and girls",
        "statuses ILLUSTRATIVE",
        "overdue: 8.2",
        "quorate: NO",
        "papers on time: yes -- sent 2022-07-06, 5 clear working days",
        "== Terms-of-reference review ==",
        "next review is due by 4 July 2025",
        "== Chair terms ==",
        "no fixed term",
        "£1.00 unaccounted for",
        "£800.00 more than the upfront pot",
        "== Domestic Homicide Reviews ==",
        "10 considered, 9 commissioned, 6 through Home Office quality assurance",
        "extended from 27 August 2023 for parallel criminal proceedings",
        "ILLUSTRATIVE",
    ] {
        assert!(text.contains(needle), "report lacks {needle:?}");
    }
}
