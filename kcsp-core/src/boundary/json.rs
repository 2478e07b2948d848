//! Requests as JSON: every rule's input as it arrives from outside (a form,
//! a file, another language), read into the rule's typed input from the
//! registry ([`crate::registry`]) and decided.
//!
//! The input of each rule is the object `tests/vectors/FORMAT.md` describes
//! (dates as ISO strings, money as decimal strings); the output is the rule's
//! result serialised with serde. The Python and WebAssembly bindings, the
//! conformance runners and the fuzz targets all go through here, so every
//! target maps inputs the same way. Unknown rules and unknown input keys are
//! errors (`invalid_input`), never ignored; a bad value keeps its own code
//! and the path of the value (`projects[0].amount`).
//!
//! Rules that read the partnership (`quorum`, `chair_removal`,
//! `papers_deadline`, `tor_review`, `chair_term`) accept a `partnership` key
//! (a definition in the format of [`Partnership::from_json`](crate::partnership::Partnership::from_json));
//! rules that read the calendar (`working_day`, `papers_deadline`) accept a
//! `calendar` key ([`CalendarChanges`](crate::calendar::CalendarChanges)).
//! They replace the context's for that one evaluation; errors in them are
//! `invalid_partnership` / `invalid_calendar` with the field under
//! `partnership.` / `calendar.`.
//!
//! Where a rule's `body` is optional it defaults to the partnership's
//! principal body, the first its definition lists (`kcsp` for Kent).

use crate::base::error::{Error, ErrorKind, Result};
use crate::boundary::registry;
use crate::definitions::context::Context;
use serde_json::Value;

fn invalid(field: &str, msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidInput, field, msg)
}

fn serialised(e: serde_json::Error) -> Error {
    invalid("", format!("could not serialise the result: {e}"))
}

/// Evaluates `rule` on `input` (a JSON object) in the built-in Kent context
/// and returns the result as JSON.
///
/// ```
/// use kcsp_core::json::evaluate;
/// use serde_json::json;
/// let r = evaluate("quorum", &json!({"body": "kcsp", "date": "2022-07-14",
///     "present": ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"]})).unwrap();
/// assert_eq!(r["quorate"], true);
/// let e = evaluate("grant_split", &json!({"allocation": 39661.0})).unwrap_err();
/// assert_eq!((e.code(), e.field()), ("invalid_amount", "allocation"));
/// let e = evaluate("quorum", &json!({"body": "kcsp", "date": "2022-07-14", "present": [], "colour": "red"})).unwrap_err();
/// assert_eq!((e.code(), e.field()), ("invalid_input", "colour"));
/// ```
pub fn evaluate(rule: &str, input: &Value) -> Result<Value> {
    evaluate_in(Context::kent(), rule, input)
}

/// [`evaluate`] in another context (another partnership's, or one with a
/// GOV.UK calendar).
///
/// ```
/// use kcsp_core::{json, Calendar, Context};
/// use serde_json::json;
/// let mut cal = Calendar::england_and_wales();
/// cal.add_holiday(chrono::NaiveDate::from_ymd_opt(2027, 6, 4).unwrap(), "A proclaimed day").unwrap();
/// let ctx = Context::kent().clone().with_calendar(cal);
/// let r = json::evaluate_in(&ctx, "working_day", &json!({"date": "2027-06-04"})).unwrap();
/// assert_eq!(r["working_day"], false);
/// assert_eq!(r["explanation"]["calendar"]["added"][0], "2027-06-04");
/// ```
pub fn evaluate_in(ctx: &Context, rule: &str, input: &Value) -> Result<Value> {
    evaluate_with_context(ctx, rule, input).map(|(v, _)| v)
}

/// [`evaluate_in`], with the context actually used (the given one with any
/// `partnership` or `calendar` of the input).
pub(crate) fn evaluate_with_context(ctx: &Context, rule: &str, input: &Value) -> Result<(Value, Context)> {
    let (out, used) = registry::decide(ctx, rule, input)?;
    Ok((out.to_value().map_err(serialised)?, used))
}

/// [`evaluate`] on JSON text, for bindings that pass strings: the input is
/// parsed (an unparseable input is `invalid_input`) and the result printed.
///
/// ```
/// let out = kcsp_core::json::evaluate_str("working_day", r#"{"date": "2023-05-08"}"#).unwrap();
/// assert!(out.contains("\"working_day\":false"));
/// ```
pub fn evaluate_str(rule: &str, input: &str) -> Result<String> {
    evaluate_str_in(Context::kent(), rule, input)
}

/// [`evaluate_str`] in another context.
pub fn evaluate_str_in(ctx: &Context, rule: &str, input: &str) -> Result<String> {
    let value: Value = serde_json::from_str(input).map_err(|e| invalid("", format!("input is not JSON: {e}")))?;
    let (out, _) = registry::decide(ctx, rule, &value)?;
    out.to_text().map_err(serialised)
}

/// Every input error of a request at once, in the built-in Kent context
/// ([`registry::validate`]).
///
/// ```
/// use serde_json::json;
/// let errors = kcsp_core::json::validate("papers_deadline",
///     &json!({"meeting": "14/07/2022", "circulated": "2022-07-32"})).unwrap();
/// assert_eq!(errors.len(), 2);
/// assert!(kcsp_core::json::validate("working_day", &json!({"date": "2022-07-14"})).unwrap().is_empty());
/// ```
pub fn validate(rule: &str, input: &Value) -> Result<Vec<Error>> {
    registry::validate(Context::kent(), rule, input)
}

#[cfg(test)]
mod tests {
    use super::*;
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
}
