//! Explanations belong to the definition in force: a made-up county gets
//! its own citations and wording, never Kent's; every result reads back from
//! its serde form.

use chrono::NaiveDate;
use kcsp_core::{chair, json, papers, quorum, review, Context, Partnership};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

/// A county with a seat called `health`, a three-day notice rule counted
/// clear, a yearly review and no citations at all.
fn county() -> Context {
    let p = Partnership::from_json(
        r#"{"name": "Westmarch Community Safety Partnership",
        "organisations": [{"id": "w_police", "name": "Police"}, {"id": "w_icb", "name": "ICB"},
                          {"id": "w_council", "name": "Council"}],
        "bodies": [{"id": "kcsp", "name": "Westmarch Board",
          "seats": [{"id": "police", "name": "Police", "holders": [{"organisation": "w_police"}]},
                    {"id": "health", "name": "Health", "holders": [{"organisation": "w_icb"}]},
                    {"id": "council", "name": "Council", "holders": [{"organisation": "w_council"}]}],
          "terms": [{"from": "2020-01-01",
                     "quorum": {"basis": "seats", "required": 2},
                     "chair": {"kind": "elected", "term_months": 12},
                     "removal": {"numerator": 1, "denominator": 2},
                     "papers": {"working_days": 3},
                     "review": {"interval_months": 12}}]}]}"#,
    )
    .unwrap();
    Context::kent().clone().with_partnership(p)
}

fn no_kent(what: &str, text: &str) {
    for word in ["Kent", "KCSP", "NHS", "five", "4 July 2024"] {
        assert!(!text.contains(word), "{what} mentions {word}: {text}");
    }
}

#[test]
fn a_made_up_county_is_explained_in_its_own_terms() {
    let ctx = county();
    let q = quorum::check(&ctx, "kcsp", d(2024, 7, 4), &["w_police", "w_icb"]).unwrap();
    assert!(q.quorate);
    let text = serde_json::to_string(&q.explanation).unwrap();
    no_kent("quorum", &text);
    assert_eq!(q.explanation.citations.len(), 1);
    let c = &q.explanation.citations[0];
    assert_eq!(c.document, "Westmarch Community Safety Partnership");
    assert_eq!(c.section, "Westmarch Board, terms from 2020-01-01");
    assert!(c.summary.contains("at least 2"), "{}", c.summary);

    let p = papers::deadline(&ctx, "kcsp", d(2024, 7, 11), None).unwrap();
    let text = serde_json::to_string(&p.explanation).unwrap();
    no_kent("papers", &text);
    assert!(p
        .explanation
        .reading
        .as_deref()
        .unwrap()
        .starts_with("3 clear working days"));
    assert_eq!(p.latest_circulation, d(2024, 7, 5));

    let r = review::tor_review(&ctx, "kcsp", &[d(2024, 7, 9)], d(2024, 11, 1)).unwrap();
    no_kent("review", &serde_json::to_string(&r.explanation).unwrap());
    assert_eq!(r.explanation.citations.len(), 1);

    let v = chair::removal_vote(
        &ctx,
        "kcsp",
        d(2024, 7, 4),
        chair::Office::Chair,
        &["w_police", "w_icb"],
        &["w_police", "w_icb"],
    )
    .unwrap();
    assert_eq!((v.required, v.seats), (2, 3));
    no_kent("removal", &serde_json::to_string(&v.explanation).unwrap());
}

#[test]
fn kent_cites_the_icb_change_only_when_the_icb_counted() {
    let kent = Context::kent();
    let icb = "NHS Kent and Medway (the integrated care board)";
    let present = [
        "nhs_kent_and_medway",
        "kent_police",
        "kent_county_council",
        "probation_service",
    ];
    let q = quorum::check(kent, "kcsp", d(2022, 11, 17), &present).unwrap();
    assert!(q.explanation.citations.iter().any(|c| c.summary.starts_with(icb)));
    let q = quorum::check(kent, "kcsp", d(2022, 6, 30), &["kent_and_medway_ccg", "kent_police"]).unwrap();
    assert!(!q.explanation.citations.iter().any(|c| c.summary.starts_with(icb)));
    // The 2024 minute is cited for reviews under the terms in force from 4 July 2024 only.
    let minute = "Notes of the KCSP meeting of 4 July 2024";
    let before = review::tor_review(kent, "kcsp", &[d(2023, 7, 12)], d(2024, 7, 3)).unwrap();
    assert!(!before.explanation.citations.iter().any(|c| c.document == minute));
    let after = review::tor_review(kent, "kcsp", &[d(2024, 7, 4)], d(2024, 7, 4)).unwrap();
    assert!(after.explanation.citations.iter().any(|c| c.document == minute));
}

fn round_trips<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) {
    let text = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&text).unwrap();
    assert_eq!(&back, value, "{text}");
}

#[test]
fn results_deserialize_as_they_serialize() {
    use kcsp_core::{dhr, grant, match_funding, protocol, reconcile, tactical, working_day};
    use serde_json::json;
    let kent = Context::kent();
    let five = [
        "kent_county_council",
        "kent_police",
        "office_of_the_pcc",
        "kent_fire_and_rescue",
        "probation_service",
    ];
    round_trips(&quorum::check(kent, "kcsp", d(2023, 11, 16), &five).unwrap());
    round_trips(&chair::removal_vote(kent, "kcsp", d(2023, 11, 16), chair::Office::Chair, &five, &five[..4]).unwrap());
    round_trips(&chair::term_status(kent, "working_group", &[d(2022, 4, 25)], d(2024, 4, 29)).unwrap());
    round_trips(&papers::deadline(kent, "kcsp", d(2023, 4, 13), Some(d(2023, 4, 5))).unwrap());
    round_trips(&review::tor_review(kent, "kcsp", &[d(2024, 7, 4)], d(2024, 11, 1)).unwrap());
    round_trips(&kent.calendar().working_day(d(2023, 5, 8)).unwrap());
    // The rest through the JSON entry point, read back into their types.
    fn typed<T: Serialize + DeserializeOwned + PartialEq + Debug>(rule: &str, input: serde_json::Value) {
        let v = json::evaluate(rule, &input).unwrap();
        let t: T = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(serde_json::to_value(&t).unwrap(), v, "{rule}");
        round_trips(&t);
    }
    let projects = json!([{"name": "A", "round": "upfront", "amount": "20000", "decision": "approved", "spent": "21000"},
                          {"name": "B", "round": "tactical", "amount": "100", "decision": "pending"}]);
    typed::<grant::Split>("grant_split", json!({"allocation": "39661"}));
    typed::<match_funding::MatchFunding>("match_funding", json!({"grant": "5000", "total_cost": "25000"}));
    typed::<grant::Ledger>(
        "grant_ledger",
        json!({"year": "2022/23", "allocation": "39661", "projects": projects}),
    );
    typed::<reconcile::Reconciliation>(
        "grant_reconciliation",
        json!({"year": "2021/22", "allocation": "39661", "tactical_open": false, "projects": [],
               "stated_figures": [{"figure": "tactical_pot", "amount": "13220", "source": "x"}]}),
    );
    typed::<tactical::TacticalAccess>("tactical_access", json!({"year": "2021/22", "as_of": "2022-03-01"}));
    typed::<protocol::Deadlines>(
        "dhr_deadlines",
        json!({"notified": "2023-01-10", "as_of": "2023-03-01"}),
    );
    typed::<dhr::TransitionResult>("dhr_transition", json!({"events": ["notified", "commissioned"]}));
    typed::<dhr::Portfolio>("dhr_portfolio", json!({"cases": [["notified", "commissioned"]]}));
    typed::<dhr::CaseStatus>(
        "dhr_case",
        json!({"as_of": "2023-03-01", "case": {"reference": "A 2023", "events": [{"date": "2023-01-10", "stage": "notified"}]}}),
    );
    typed::<working_day::WorkingDay>(
        "working_day",
        json!({"date": "2026-06-08", "calendar": {"add": ["2026-06-08"]}}),
    );
}
