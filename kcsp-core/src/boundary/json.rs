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
//! Rules that read the partnership (`RuleInfo::reads_partnership` in
//! [`registry::RULES`]) accept a `partnership` key
//! (a definition in the format of [`Partnership::from_json`](crate::partnership::Partnership::from_json));
//! rules that read the calendar (`reads_calendar`) accept a
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
/// use kcsp_core::registry::{GrantSplit, Rule};
/// use serde_json::json;
/// let r = evaluate("quorum", &json!({"body": "kcsp", "date": "2022-07-14",
///     "present": ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"]})).unwrap();
/// assert_eq!(r["quorate"], true);
/// let e = evaluate(GrantSplit::ID, &json!({"allocation": 39661.0})).unwrap_err();
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
/// use kcsp_core::registry::{Rule, WorkingDay};
/// use kcsp_core::{json, Calendar, Context};
/// use serde_json::json;
/// let mut cal = Calendar::england_and_wales();
/// cal.add_holiday(chrono::NaiveDate::from_ymd_opt(2027, 6, 4).unwrap(), "A proclaimed day").unwrap();
/// let ctx = Context::kent().clone().with_calendar(cal);
/// let r = json::evaluate_in(&ctx, WorkingDay::ID, &json!({"date": "2027-06-04"})).unwrap();
/// assert_eq!(r["holiday"], "A proclaimed day");
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
/// let out = kcsp_core::json::evaluate_str("quorum",
///     r#"{"body": "kcsp", "date": "2023-05-08", "present": ["kent_police"]}"#).unwrap();
/// assert!(out.contains("\"quorate\":false"));
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
/// let errors = kcsp_core::json::validate("quorum",
///     &json!({"body": "kcsp", "date": "14/07/2022", "present": ["kent_polise"]})).unwrap();
/// assert_eq!(errors.len(), 2);
/// assert!(kcsp_core::json::validate("quorum",
///     &json!({"body": "kcsp", "date": "2022-07-14", "present": []})).unwrap().is_empty());
/// ```
pub fn validate(rule: &str, input: &Value) -> Result<Vec<Error>> {
    registry::validate(Context::kent(), rule, input)
}
