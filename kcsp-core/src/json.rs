//! Requests as JSON: every rule's input as it arrives from outside (a form,
//! a file, another language), mapped onto the typed API.
//!
//! The input of each rule is the object `tests/vectors/FORMAT.md` describes
//! (dates as ISO strings, money as decimal strings); the output is the rule's
//! result serialised with serde. The Python and WebAssembly bindings, the
//! conformance runners and the fuzz targets all go through [`evaluate`], so
//! every target maps inputs the same way. Unknown rules and unknown input keys
//! are errors (`invalid_input`), never ignored.
//!
//! Rules that read the partnership (`quorum`, `chair_removal`,
//! `papers_deadline`, `tor_review`, `chair_term`) accept a `partnership` key
//! (a definition in the format of [`Partnership::from_json`]); rules that
//! read the calendar (`working_day`, `papers_deadline`) accept a `calendar`
//! key ([`CalendarChanges`]). They replace the context's for that one
//! evaluation; errors in them are `invalid_partnership` / `invalid_calendar`
//! with the field under `partnership.` / `calendar.`.
//!
//! Where a rule's `body` is optional it defaults to the partnership's
//! principal body, the first its definition lists (`kcsp` for Kent).

use crate::calendar::CalendarChanges;
use crate::context::{prefixed, Context};
use crate::dates::parse_date;
use crate::dhr;
use crate::error::{quote, Error, ErrorKind, Result};
use crate::grant::{self, LedgerInput, Project};
use crate::protocol::{self, CommissionDecision, DeadlineInput};
use crate::reconcile::{self, LedgerFigure, StatedFigure, StatedProject, Statement};
use crate::tactical::{self, Facts};
use crate::{chair, match_funding, papers, quorum, review, FinancialYear, Money, Partnership};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};

/// The rules [`evaluate`] knows, with the input keys each accepts.
pub const RULES: &[(&str, &[&str])] = &[
    ("quorum", &["body", "date", "present", "partnership"]),
    (
        "chair_removal",
        &["body", "date", "office", "present", "votes_for", "partnership"],
    ),
    (
        "papers_deadline",
        &["body", "meeting", "circulated", "partnership", "calendar"],
    ),
    ("working_day", &["date", "calendar"]),
    ("tor_review", &["body", "approvals", "as_of", "partnership"]),
    ("chair_term", &["body", "elected", "as_of", "partnership"]),
    ("grant_split", &["allocation", "year"]),
    ("match_funding", &["grant", "total_cost"]),
    ("grant_ledger", &["year", "allocation", "tactical_open", "projects"]),
    (
        "grant_reconciliation",
        &[
            "year",
            "allocation",
            "tactical_open",
            "projects",
            "stated_figures",
            "stated_projects",
        ],
    ),
    (
        "tactical_access",
        &[
            "year",
            "as_of",
            "earlier_projects_complete",
            "upfront_cases_decided",
            "closed_from",
        ],
    ),
    (
        "dhr_deadlines",
        &["notified", "as_of", "decided", "decision", "submitted", "extensions"],
    ),
    ("dhr_transition", &["events"]),
    ("dhr_portfolio", &["cases"]),
    ("dhr_case", &["case", "as_of"]),
];

const PROJECT_KEYS: &[&str] = &["name", "round", "amount", "decision", "spent"];

fn invalid(field: &str, msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidInput, field, msg)
}

struct Input<'a> {
    map: &'a Map<String, Value>,
    prefix: String,
}

impl<'a> Input<'a> {
    fn new(value: &'a Value, prefix: &str) -> Result<Input<'a>> {
        let map = value.as_object().ok_or_else(|| invalid(prefix, "expected an object"))?;
        Ok(Input {
            map,
            prefix: prefix.to_string(),
        })
    }
    fn field(&self, k: &str) -> String {
        if self.prefix.is_empty() {
            k.to_string()
        } else {
            format!("{}.{k}", self.prefix)
        }
    }
    fn only(&self, keys: &[&str]) -> Result<()> {
        match self.map.keys().find(|k| !keys.contains(&k.as_str())) {
            Some(k) => Err(
                invalid(&self.field(k), format!("'{}' is not an input of this rule", quote(k)))
                    .with("allowed", keys.join(", ")),
            ),
            None => Ok(()),
        }
    }
    fn opt_str(&self, k: &str) -> Result<Option<&'a str>> {
        match self.map.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(invalid(&self.field(k), "expected a string")),
        }
    }
    fn str(&self, k: &str) -> Result<&'a str> {
        self.opt_str(k)?.ok_or_else(|| invalid(&self.field(k), "missing"))
    }
    fn date(&self, k: &str) -> Result<NaiveDate> {
        parse_date(&self.field(k), self.str(k)?)
    }
    fn opt_date(&self, k: &str) -> Result<Option<NaiveDate>> {
        self.opt_str(k)?.map(|s| parse_date(&self.field(k), s)).transpose()
    }
    fn money(&self, k: &str) -> Result<Money> {
        money(&self.field(k), self.map.get(k))
    }
    fn opt_bool(&self, k: &str) -> Result<Option<bool>> {
        match self.map.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(invalid(&self.field(k), "expected true or false")),
        }
    }
    fn list(&self, k: &str) -> Result<&'a Vec<Value>> {
        match self.map.get(k) {
            Some(Value::Array(a)) => Ok(a),
            None | Some(Value::Null) => Err(invalid(&self.field(k), "missing")),
            Some(_) => Err(invalid(&self.field(k), "expected a list")),
        }
    }
    fn opt_list(&self, k: &str) -> Result<&'a [Value]> {
        match self.map.get(k) {
            None | Some(Value::Null) => Ok(&[]),
            _ => Ok(self.list(k)?),
        }
    }
    fn strs(&self, k: &str) -> Result<Vec<&'a str>> {
        strings(&self.field(k), self.list(k)?)
    }
    fn dates(&self, k: &str) -> Result<Vec<NaiveDate>> {
        let f = self.field(k);
        self.strs(k)?
            .iter()
            .enumerate()
            .map(|(i, s)| parse_date(&format!("{f}[{i}]"), s))
            .collect()
    }
    /// The `body` key, or the partnership's principal body (its first).
    fn body<'c>(&self, ctx: &'c Context) -> Result<&'c str>
    where
        'a: 'c,
    {
        match self.opt_str("body")? {
            Some(b) => Ok(b),
            None => ctx.partnership().principal_body(),
        }
    }
}

/// Money from a JSON value: a decimal string only. A JSON number is refused
/// (it may have passed through binary floating point on its way here).
fn money(field: &str, v: Option<&Value>) -> Result<Money> {
    match v {
        Some(Value::String(s)) => Money::parse(field, s),
        Some(Value::Number(_)) => Err(Error::new(
            ErrorKind::InvalidAmount,
            field,
            "a number is not accepted for money (it may have passed through binary floating point): \
             give a decimal string such as \"1234.50\"",
        )),
        None | Some(Value::Null) => Err(invalid(field, "missing")),
        Some(_) => Err(Error::new(ErrorKind::InvalidAmount, field, "expected a decimal string")),
    }
}

fn strings<'a>(field: &str, arr: &'a [Value]) -> Result<Vec<&'a str>> {
    arr.iter()
        .enumerate()
        .map(|(i, x)| {
            x.as_str()
                .ok_or_else(|| invalid(&format!("{field}[{i}]"), "expected a string"))
        })
        .collect()
}

/// Where a result goes: a `serde_json::Value` for Rust callers, JSON text for
/// the bindings (which then need no `Value` serializer at all).
trait Out {
    type Output;
    fn put<T: Serialize>(self, t: &T) -> Result<Self::Output>;
}

struct ToValue;
impl Out for ToValue {
    type Output = Value;
    fn put<T: Serialize>(self, t: &T) -> Result<Value> {
        serde_json::to_value(t).map_err(|e| invalid("", format!("could not serialise the result: {e}")))
    }
}

struct ToText;
impl Out for ToText {
    type Output = String;
    fn put<T: Serialize>(self, t: &T) -> Result<String> {
        serde_json::to_string(t).map_err(|e| invalid("", format!("could not serialise the result: {e}")))
    }
}

fn ledger_input(i: &Input<'_>) -> Result<LedgerInput> {
    let year = FinancialYear::parse(&i.field("year"), i.str("year")?)?;
    let allocation = i.money("allocation")?;
    let tactical_open = i.opt_bool("tactical_open")?.unwrap_or(true);
    let mut projects = Vec::new();
    for (n, p) in i.list("projects")?.iter().enumerate() {
        let pi = Input::new(p, &format!("projects[{n}]"))?;
        pi.only(PROJECT_KEYS)?;
        let spent = match p.get("spent") {
            None | Some(Value::Null) => None,
            v => Some(money(&pi.field("spent"), v)?),
        };
        projects.push(Project::new(
            n,
            pi.str("name")?,
            pi.str("round")?,
            pi.money("amount")?,
            pi.str("decision")?,
            spent,
        )?);
    }
    Ok(LedgerInput {
        year,
        allocation,
        tactical_open,
        projects,
    })
}

fn extensions(list: &[Value], prefix: &str) -> Result<Vec<protocol::Extension>> {
    use protocol::{DeadlineKind, Extension, ExtensionReason};
    let mut out = Vec::with_capacity(list.len());
    for (n, e) in list.iter().enumerate() {
        let ei = Input::new(e, &format!("{prefix}[{n}]"))?;
        ei.only(&["deadline", "until", "reason", "note"])?;
        let deadline = match ei.str("deadline")? {
            "decision" => DeadlineKind::Decision,
            "report" => DeadlineKind::Report,
            other => {
                return Err(Error::new(
                    ErrorKind::InvalidExtension,
                    ei.field("deadline"),
                    format!("'{}' is not a deadline", quote(other)),
                )
                .with("allowed", "decision, report"))
            }
        };
        let reason = match ei.str("reason")? {
            "criminal_proceedings" => ExtensionReason::CriminalProceedings,
            "inquest" => ExtensionReason::Inquest,
            "other" => ExtensionReason::Other,
            other => {
                return Err(Error::new(
                    ErrorKind::InvalidExtension,
                    ei.field("reason"),
                    format!("'{}' is not a reason", quote(other)),
                )
                .with("allowed", "criminal_proceedings, inquest, other"))
            }
        };
        out.push(Extension {
            deadline,
            until: ei.date("until")?,
            reason,
            note: ei.opt_str("note")?.unwrap_or("").to_string(),
        });
    }
    Ok(out)
}

fn deadline_input(i: &Input<'_>) -> Result<(DeadlineInput, Vec<protocol::Extension>)> {
    let decision = i
        .opt_str("decision")?
        .map(|d| CommissionDecision::parse(&i.field("decision"), d))
        .transpose()?;
    let input = DeadlineInput {
        notified: i.date("notified")?,
        decided: i.opt_date("decided")?,
        decision,
        submitted: i.opt_date("submitted")?,
        as_of: i.date("as_of")?,
    };
    let extensions = extensions(i.opt_list("extensions")?, "extensions")?;
    Ok((input, extensions))
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
/// assert_eq!(e.code(), "invalid_input");
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
    dispatch(ctx, rule, input, ToValue).map(|(v, _)| v)
}

/// [`evaluate_in`], with the context actually used (the given one with any
/// `partnership` or `calendar` of the input).
pub(crate) fn evaluate_with_context(ctx: &Context, rule: &str, input: &Value) -> Result<(Value, Context)> {
    dispatch(ctx, rule, input, ToValue)
}

/// The context for one evaluation: `ctx`, with the input's own partnership
/// and calendar changes when it gives them.
fn context_for(ctx: &Context, input: &Input<'_>) -> Result<Context> {
    let mut used = ctx.clone();
    if let Some(p) = input.map.get("partnership").filter(|v| !v.is_null()) {
        used = used.with_partnership(Partnership::from_value(p).map_err(|e| prefixed("partnership", e))?);
    }
    if let Some(c) = input.map.get("calendar").filter(|v| !v.is_null()) {
        let calendar = CalendarChanges::from_value(c)
            .and_then(|changes| changes.apply_to(ctx.calendar().clone()))
            .map_err(|e| prefixed("calendar", e))?;
        used = used.with_calendar(calendar);
    }
    Ok(used)
}

fn dispatch<O: Out>(ctx: &Context, rule: &str, input: &Value, out: O) -> Result<(O::Output, Context)> {
    let Some((_, keys)) = RULES.iter().find(|(r, _)| *r == rule) else {
        let names: Vec<&str> = RULES.iter().map(|(r, _)| *r).collect();
        return Err(invalid("rule", format!("'{}' is not a rule", quote(rule))).with("allowed", names.join(", ")));
    };
    let i = Input::new(input, "")?;
    i.only(keys)?;
    let used = context_for(ctx, &i)?;
    let result = run(&used, rule, &i, out)?;
    Ok((result, used))
}

fn run<O: Out>(ctx: &Context, rule: &str, i: &Input<'_>, out: O) -> Result<O::Output> {
    match rule {
        "quorum" => out.put(&quorum::check(
            ctx,
            i.str("body")?,
            i.date("date")?,
            &i.strs("present")?,
        )?),
        "chair_removal" => out.put(&chair::removal_vote(
            ctx,
            i.body(ctx)?,
            i.date("date")?,
            i.str("office")?,
            &i.strs("present")?,
            &i.strs("votes_for")?,
        )?),
        "papers_deadline" => out.put(&papers::deadline(
            ctx,
            i.body(ctx)?,
            i.date("meeting")?,
            i.opt_date("circulated")?,
        )?),
        "working_day" => out.put(&ctx.calendar().working_day(i.date("date")?)?),
        "tor_review" => out.put(&review::tor_review(
            ctx,
            i.body(ctx)?,
            &i.dates("approvals")?,
            i.date("as_of")?,
        )?),
        "chair_term" => out.put(&chair::term_status(
            ctx,
            i.str("body")?,
            &i.dates("elected")?,
            i.date("as_of")?,
        )?),
        "grant_split" => {
            let allocation = i.money("allocation")?;
            let schemes = ctx.grant_schemes();
            let scheme = match i.opt_str("year")? {
                Some(y) => schemes.for_year(FinancialYear::parse("year", y)?)?,
                None => schemes.latest()?,
            };
            out.put(&grant::split(allocation, scheme)?)
        }
        "match_funding" => out.put(&match_funding::match_funding(
            ctx,
            i.money("grant")?,
            i.money("total_cost")?,
        )?),
        "grant_ledger" => out.put(&grant::ledger(ctx, &ledger_input(i)?)?),
        "grant_reconciliation" => {
            let ledger = grant::ledger(ctx, &ledger_input(i)?)?;
            let mut statement = Statement::default();
            for (n, f) in i.opt_list("stated_figures")?.iter().enumerate() {
                let fi = Input::new(f, &format!("stated_figures[{n}]"))?;
                fi.only(&["figure", "amount", "source"])?;
                statement.figures.push(StatedFigure {
                    figure: LedgerFigure::parse(&fi.field("figure"), fi.str("figure")?)?,
                    amount: fi.money("amount")?,
                    source: fi.opt_str("source")?.unwrap_or("").to_string(),
                });
            }
            for (n, p) in i.opt_list("stated_projects")?.iter().enumerate() {
                let pi = Input::new(p, &format!("stated_projects[{n}]"))?;
                pi.only(&["name", "amount", "source"])?;
                statement.projects.push(StatedProject {
                    name: pi.str("name")?.to_string(),
                    amount: pi.money("amount")?,
                    source: pi.opt_str("source")?.unwrap_or("").to_string(),
                });
            }
            out.put(&reconcile::reconcile(&ledger, &statement))
        }
        "tactical_access" => {
            let year = FinancialYear::parse(&i.field("year"), i.str("year")?)?;
            let facts = Facts {
                earlier_projects_complete: i.opt_bool("earlier_projects_complete")?,
                upfront_cases_decided: i.opt_bool("upfront_cases_decided")?,
                closed_from: i.opt_date("closed_from")?,
            };
            out.put(&tactical::access(ctx, year, &facts, i.date("as_of")?))
        }
        "dhr_deadlines" => {
            let (input, extensions) = deadline_input(i)?;
            out.put(&protocol::deadlines(ctx, &input, &extensions)?)
        }
        "dhr_transition" => out.put(&dhr::replay(ctx, &i.strs("events")?)?),
        "dhr_portfolio" => {
            let cases = i
                .list("cases")?
                .iter()
                .enumerate()
                .map(|(n, c)| match c {
                    Value::Array(a) => strings(&format!("cases[{n}]"), a),
                    _ => Err(invalid(&format!("cases[{n}]"), "expected a list of stages")),
                })
                .collect::<Result<Vec<_>>>()?;
            out.put(&dhr::portfolio(ctx, &cases)?)
        }
        "dhr_case" => {
            let case = case_from(i.map.get("case").unwrap_or(&Value::Null))?;
            let status = dhr::case_status(ctx, &case, i.date("as_of")?).map_err(|e| {
                // Fields inside the case are reported under `case.`, as the input names them.
                let f = e.field().to_string();
                if f.starts_with("events") || f.starts_with("extensions") || f.starts_with("actions") {
                    e.at(format!("case.{f}"))
                } else {
                    e
                }
            })?;
            out.put(&status)
        }
        _ => Err(invalid("rule", format!("'{}' is not a rule", quote(rule)))),
    }
}

/// A case from JSON, with coded errors for the parts a form fills in.
fn case_from(v: &Value) -> Result<dhr::Case> {
    let c = Input::new(v, "case")?;
    c.only(&["reference", "events", "extensions", "actions"])?;
    let mut events = Vec::new();
    for (n, e) in c.list("events")?.iter().enumerate() {
        let ei = Input::new(e, &format!("case.events[{n}]"))?;
        ei.only(&["date", "stage"])?;
        events.push(dhr::CaseEvent {
            date: ei.date("date")?,
            stage: dhr::Stage::parse(&ei.field("stage"), ei.str("stage")?)?,
        });
    }
    let mut actions = Vec::new();
    for (n, a) in c.opt_list("actions")?.iter().enumerate() {
        let ai = Input::new(a, &format!("case.actions[{n}]"))?;
        ai.only(&["id", "owner", "status"])?;
        actions.push(dhr::Action {
            id: ai.str("id")?.to_string(),
            owner: ai.opt_str("owner")?.unwrap_or("").to_string(),
            status: dhr::ActionStatus::parse(&ai.field("status"), ai.str("status")?)?,
        });
    }
    let extensions = extensions(c.opt_list("extensions")?, "case.extensions")?;
    Ok(dhr::Case {
        reference: c.opt_str("reference")?.unwrap_or("").to_string(),
        events,
        extensions,
        actions,
    })
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
    dispatch(ctx, rule, &value, ToText).map(|(t, _)| t)
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
        assert_eq!(evaluate("nope", &json!({})).unwrap_err().field(), "rule");
        assert_eq!(evaluate("quorum", &json!([])).unwrap_err().code(), "invalid_input");
        assert_eq!(evaluate_str("quorum", "{").unwrap_err().code(), "invalid_input");
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
