//! The JSON entry point: type errors name their field, and the rules whose
//! inputs nest (a case, extensions, stated figures) answer through it.

use kcsp_core::json::{evaluate, evaluate_str};
use serde_json::json;

#[test]
fn type_errors_are_invalid_input_with_the_field() {
    let e = evaluate("quorum", &json!({"body": "kcsp", "date": 20220714, "present": []})).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid_input", "date"));
    let e = evaluate("quorum", &json!({"body": "kcsp", "date": "2022-07-14", "present": [1]})).unwrap_err();
    assert_eq!(e.field(), "present[0]");
    let e = evaluate("grant_ledger", &json!({"year": "2022/23", "allocation": "1", "projects": [{"name": "a", "round": "upfront", "amount": "1", "decision": "approved", "colour": 1}]})).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid_input", "projects[0].colour"));
    let e = evaluate("grant_ledger", &json!({"year": "2022/23", "allocation": "1", "projects": [{"name": "a", "round": "upfront", "amount": 1.5, "decision": "approved"}]})).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid_amount", "projects[0].amount"));
    let e = evaluate("quorum", &json!({"body": "kcsp", "present": []})).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid_input", "date"));
    assert_eq!(evaluate("nope", &json!({})).unwrap_err().field(), "rule");
    assert_eq!(evaluate("quorum", &json!([])).unwrap_err().code(), "invalid_input");
    assert_eq!(evaluate_str("quorum", "{").unwrap_err().code(), "invalid_input");
    // A context key on a rule that does not read it is not an input of that rule.
    let e = evaluate("grant_split", &json!({"allocation": "1", "calendar": {}})).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid_input", "calendar"));
}

#[test]
fn extra_rules() {
    let r = evaluate(
        "tactical_access",
        &json!({"year": "2021/22", "as_of": "2022-02-25", "closed_from": "2022-02-25"}),
    )
    .unwrap();
    assert_eq!(r["open"], false);
    let r = evaluate(
        "grant_reconciliation",
        &json!({"year": "2021/22", "allocation": "39661", "tactical_open": false, "projects": [],
                "stated_figures": [{"figure": "tactical_pot", "amount": "13220", "source": "x"}]}),
    )
    .unwrap();
    assert_eq!(r["discrepancies"][0]["difference"], "1.00");
    let r = evaluate(
        "dhr_case",
        &json!({"as_of": "2023-03-01", "case": {"reference": "A 2023", "events": [{"date": "2023-01-10", "stage": "notified"}]}}),
    )
    .unwrap();
    assert_eq!(r["deadlines"]["decision_overdue"], true);
    let e = evaluate(
        "dhr_case",
        &json!({"as_of": "2023-03-01", "case": {"events": [{"date": "2023-01-10", "stage": "x"}]}}),
    )
    .unwrap_err();
    assert_eq!((e.code(), e.field()), ("unknown_stage", "case.events[0].stage"));
    let e = evaluate(
        "dhr_case",
        &json!({"as_of": "2023-03-01", "case": {"events": [{"date": "2023-01-10", "stage": "notified"}, {"date": "2023-01-11", "stage": "published"}]}}),
    )
    .unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid_transition", "case.events[1].stage"));
    let r = evaluate(
        "dhr_deadlines",
        &json!({"notified": "2023-01-10", "decided": "2023-02-01", "decision": "commission", "as_of": "2023-09-01",
                "extensions": [{"deadline": "report", "until": "2024-02-01", "reason": "inquest"}]}),
    )
    .unwrap();
    assert_eq!(r["report_due"], "2024-02-01");
    assert_eq!(r["report_due_original"], "2023-08-01");
}
