//! Receipts: a decision recorded with its rule, input, library version and
//! the hash of the context used, and checked again later.

use kcsp_core::receipt::{issue, verify};
use kcsp_core::Context;
use serde_json::json;

#[test]
fn a_changed_calendar_breaks_the_receipt() {
    let kent = Context::kent();
    let r = issue(kent, "working_day", &json!({"date": "2027-06-04"})).unwrap();
    assert_eq!(r.result["working_day"], true);
    let mut cal = kcsp_core::Calendar::england_and_wales();
    cal.add_holiday(chrono::NaiveDate::from_ymd_opt(2027, 6, 4).unwrap(), "Proclaimed")
        .unwrap();
    let later = kent.clone().with_calendar(cal);
    let v = verify(&later, &r).unwrap();
    assert!(!v.holds);
    assert!(!v.same_context);
    assert_eq!(v.result["working_day"], false);
    // Same decision, other key order: still holds.
    let r2 = issue(kent, "working_day", &json!({"date": "2027-06-07"})).unwrap();
    assert!(verify(kent, &r2).unwrap().holds);
}

#[test]
fn a_receipt_with_its_own_partnership_and_calendar_checks_against_them() {
    let kent = Context::kent();
    let input = json!({"date": "2026-06-08", "calendar": {"add": ["2026-06-08"]}});
    let r = issue(kent, "working_day", &input).unwrap();
    assert_eq!(r.result["working_day"], false);
    assert_ne!(r.context_hash, kent.hash());
    let v = verify(kent, &r).unwrap();
    assert!(v.holds && v.same_context);
    let mut tampered = r.clone();
    tampered.result["working_day"] = json!(true);
    assert!(!verify(kent, &tampered).unwrap().holds);
    let mut bad = r;
    bad.rule = "nope".into();
    assert_eq!(verify(kent, &bad).unwrap_err().field(), "rule");
}
