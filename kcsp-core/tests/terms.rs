//! Terms as real partnerships write them: the explanations read like the
//! clause (which condition failed, in words; the count and majority of a
//! decision; whose turn a rotating chair is), on the fictional Southdown
//! definition of the public `terms_*` vectors.

use chrono::NaiveDate;
use kcsp_core::{chair, decision, quorum, Context, Partnership};

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

/// The Southdown definition, as the vectors carry it.
fn southdown() -> Context {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/terms_decision.json"
    ))
    .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let p = Partnership::from_value(&doc["cases"][0]["input"]["partnership"]).unwrap();
    Context::kent().clone().with_partnership(p)
}

#[test]
fn a_quorum_explanation_names_the_condition_that_failed() {
    let ctx = southdown();
    let present = [
        "southdown_dc",
        "southdown_dc",
        "southdown_dc",
        "southdown_dc",
        "southdown_dc",
        "harbourside_bc",
    ];
    let q = quorum::check(&ctx, "joint_committee", d(2024, 2, 15), &present).unwrap();
    assert!(!q.quorate);
    let reason = &q.explanation.reason;
    assert!(
        reason.contains("at least 2 people from Harbourside Borough Council: 1 present"),
        "{reason}"
    );
    // The conditions that were met are not listed as failures.
    assert!(!reason.contains("Southdown District Council"), "{reason}");
    // Without a citation of its own, the body's definition is cited.
    let cited = &q.explanation.citations[0];
    assert_eq!(cited.document, "Southdown Community Safety Partnership");
    assert!(
        cited.section.contains("Joint Community Safety Committee"),
        "{}",
        cited.section
    );
}

#[test]
fn a_fraction_says_what_it_is_of() {
    let ctx = southdown();
    let present = [
        "southdown_cc",
        "southdown_dc",
        "harbourside_bc",
        "southdown_fire",
        "southdown_icb",
    ];
    let q = quorum::check(&ctx, "board", d(2023, 9, 13), &present).unwrap();
    assert!(!q.quorate);
    assert_eq!(q.conditions.len(), 2);
    assert_eq!(
        (q.conditions[1].count, q.conditions[1].required, q.conditions[1].met),
        (0, 1, false)
    );
    let reason = &q.explanation.reason;
    assert!(reason.contains("from the Police seat: 0 represented"), "{reason}");
    let figures = q.explanation.figures.iter().find(|f| f.name == "conditions").unwrap();
    assert!(
        figures.value.contains("(1/2 of 7, rounded up): 5 represented"),
        "{}",
        figures.value
    );
    // Its own citation, not the default.
    assert_eq!(q.explanation.citations[0].section, "§6 Quorum");
}

#[test]
fn a_decision_says_the_count_the_majority_and_the_casting_vote() {
    let ctx = southdown();
    let present = [
        "southdown_cc",
        "southdown_dc",
        "southdown_police",
        "southdown_fire",
        "southdown_icb",
    ];
    let tie = decision::decide(
        &ctx,
        "board",
        d(2023, 9, 13),
        &present,
        &["southdown_cc", "southdown_police"],
        &["southdown_dc", "southdown_fire"],
        Some(decision::Side::For),
    )
    .unwrap();
    assert!(tie.carried && tie.casting_vote_used);
    let reason = &tie.explanation.reason;
    assert!(
        reason.starts_with("Carried on the chair's casting vote: 2 for and 2 against"),
        "{reason}"
    );
    let people = decision::decide(
        &ctx,
        "joint_committee",
        d(2024, 2, 15),
        &[
            "southdown_dc",
            "southdown_dc",
            "southdown_dc",
            "southdown_dc",
            "harbourside_bc",
            "harbourside_bc",
            "harbourside_bc",
        ],
        &["southdown_dc", "southdown_dc", "southdown_dc"],
        &["harbourside_bc"],
        None,
    )
    .unwrap();
    assert!(!people.carried);
    assert!(
        people
            .explanation
            .reason
            .contains("a majority of the 7 voters present needs at least 4 for"),
        "{}",
        people.explanation.reason
    );
}

#[test]
fn a_rotating_chair_names_whose_turn_it_is() {
    let ctx = southdown();
    let t = chair::term_status(&ctx, "board", &[], d(2024, 6, 1)).unwrap();
    assert_eq!(t.holder.as_ref().map(|h| h.as_str()), Some("southdown_dc"));
    assert_eq!(t.last_elected, None);
    assert!(
        t.explanation.reason.starts_with("Southdown District Council chairs"),
        "{}",
        t.explanation.reason
    );
    assert!(t
        .explanation
        .reason
        .contains("passes to Harbourside Borough Council on 1 June 2025"));
}

#[test]
fn months_and_periods_are_counted_in_words() {
    let ctx = southdown();
    // Southdown's board met at least once a month until its terms of April 2023.
    let year = kcsp_core::FinancialYear::parse("year", "2022/23").unwrap();
    let every_month_but_october: Vec<NaiveDate> = [4, 5, 6, 7, 8, 9, 11, 12]
        .iter()
        .map(|&m| d(2022, m, 15))
        .chain([1, 2, 3].map(|m| d(2023, m, 15)))
        .collect();
    let r = kcsp_core::cadence::cadence(&ctx, "board", year, &every_month_but_october, &[]).unwrap();
    assert_eq!(r.compliant, Some(false));
    let reason = &r.explanation.reason;
    assert!(
        reason.contains("no meeting in the 1-month period from 1 October 2022"),
        "{reason}"
    );
    let summaries: Vec<&str> = r.explanation.citations.iter().map(|c| c.summary.as_ref()).collect();
    assert!(!summaries.iter().any(|s| s.contains("(s)")), "{summaries:?}");
    // Two months missed: periods, in the plural.
    let two_missed: Vec<NaiveDate> = every_month_but_october
        .iter()
        .copied()
        .filter(|m| *m != d(2022, 11, 15))
        .collect();
    let r = kcsp_core::cadence::cadence(&ctx, "board", year, &two_missed, &[]).unwrap();
    assert!(
        r.explanation
            .reason
            .contains("no meeting in the 1-month periods from 1 October 2022, 1 November 2022"),
        "{}",
        r.explanation.reason
    );
}
