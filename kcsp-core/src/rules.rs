//! The registry: every rule named once, with its id, typed input, result
//! type and function. The rule list, the JSON entry point
//! ([`crate::json`]), form validation ([`validate`]), and what the bindings
//! need (the TypeScript types of inputs and results, the Python binding's
//! rule list) are all derived from it. Adding a rule is one entry here plus
//! its module.
//!
//! Each rule belongs to a family, a cargo feature of this crate (all on by
//! default): `governance` (quorum, chair removal and term, papers, working
//! day, review, cadence), `grants` (split, match funding, ledger,
//! reconciliation, tactical pot), `dhr` (deadlines, transitions, portfolio,
//! case) and `csa` (priorities, action plan). A build without a family keeps
//! its modules and typed functions but leaves its rules out of [`RULES`], the
//! JSON entry point, validation and receipts, so that a binding built for one
//! kind of form (the WebAssembly package's `kcsp-wasm/governance`) carries
//! only that family's input parsing.
//!
//! ```
//! use kcsp_core::rules::{self, Rule};
//! assert!(rules::RULES.iter().any(|r| r.id == "quorum" && r.reads_partnership));
//! assert_eq!(rules::Quorum::ID, "quorum");
//! let q = rules::Quorum::run(kcsp_core::Context::kent(),
//!     &serde_json::from_value(serde_json::json!({"body": "kcsp", "date": "2022-07-14",
//!         "present": ["kent_police"]})).unwrap()).unwrap();
//! assert!(!q.quorate);
//! ```

use crate::context::{prefixed, Context};
use crate::error::{Error, ErrorKind, Result};
use crate::input::{parse, Check};
use crate::{
    action_plan, cadence, calendar, chair, csa, dhr, grant, match_funding, papers, protocol, quorum, reconcile, review,
    tactical,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

/// A rule of the registry.
pub trait Rule {
    /// Its id (`quorum`, `grant_ledger`, …).
    const ID: &'static str;
    /// Whether it reads the partnership (and so takes a request's `partnership`).
    const READS_PARTNERSHIP: bool;
    /// Whether it reads the calendar (and so takes a request's `calendar`).
    const READS_CALENDAR: bool;
    /// Its input.
    type Input: Serialize + DeserializeOwned + Check;
    /// Its result.
    type Output: Serialize + DeserializeOwned + std::fmt::Debug + Send + Native + 'static;
    /// Decides.
    fn run(ctx: &Context, input: &Self::Input) -> Result<Self::Output>;
}

/// A rule as a row of [`RULES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// The rule id.
    pub id: &'static str,
    /// Its input's keys (without `partnership` and `calendar`).
    pub fields: &'static [&'static str],
    /// Whether a request may carry a `partnership`.
    pub reads_partnership: bool,
    /// Whether a request may carry a `calendar`.
    pub reads_calendar: bool,
}

impl RuleInfo {
    /// Every key a request of this rule may carry.
    pub fn keys(&self) -> Vec<&'static str> {
        let mut keys = self.fields.to_vec();
        if self.reads_partnership {
            keys.push("partnership");
        }
        if self.reads_calendar {
            keys.push("calendar");
        }
        keys
    }
}

/// Something that wants every rule's types: a binding generating its type
/// declarations or its function list.
pub trait Visitor {
    /// Called once per rule.
    fn visit<R: Rule>(&mut self);
}

macro_rules! registry {
    ($(
        $(#[$meta:meta])*
        $name:ident = $id:literal, $input:ty => $output:ty, reads($p:literal, $c:literal), family($family:literal),
        |$ctx:ident, $i:ident| $body:expr;
    )*) => {
        $(
            $(#[$meta])*
            #[derive(Debug, Clone, Copy)]
            pub struct $name;
            impl Rule for $name {
                const ID: &'static str = $id;
                const READS_PARTNERSHIP: bool = $p;
                const READS_CALENDAR: bool = $c;
                type Input = $input;
                type Output = $output;
                fn run($ctx: &Context, $i: &$input) -> Result<$output> {
                    $body
                }
            }
        )*

        /// Every rule, in registry order.
        pub const RULES: &[RuleInfo] = &[$(#[cfg(feature = $family)] RuleInfo {
            id: $id,
            fields: <$input>::FIELDS,
            reads_partnership: $p,
            reads_calendar: $c,
        }),*];

        /// Calls `visitor` once for every rule, in registry order.
        pub fn visit<V: Visitor>(visitor: &mut V) {
            $(
                #[cfg(feature = $family)]
                visitor.visit::<$name>();
            )*
        }

        /// Runs rule `id` through `f` (generic over the rule), or `None` for
        /// an id that is no rule.
        fn with_rule<T>(id: &str, f: impl Dispatch<T>) -> Option<T> {
            match id {
                $(
                    #[cfg(feature = $family)]
                    $id => Some(f.call::<$name>()),
                )*
                _ => None,
            }
        }
    };
}

/// A generic call made for one rule.
trait Dispatch<T> {
    fn call<R: Rule>(self) -> T;
}

/// The body of a request, or the partnership's principal body.
fn body_or_principal<'a>(ctx: &'a Context, body: Option<&'a crate::BodyId>) -> Result<&'a str> {
    match body {
        Some(b) => Ok(b.as_str()),
        None => ctx.partnership().principal_body(),
    }
}

registry! {
    /// Quorum of a meeting ([`quorum::check`]).
    Quorum = "quorum", quorum::QuorumInput => quorum::QuorumResult, reads(true, false), family("governance"),
        |ctx, i| quorum::check(ctx, i.body.as_str(), i.date, &i.present);
    /// A vote to remove the chair or vice-chair ([`chair::removal_vote`]).
    ChairRemoval = "chair_removal", chair::RemovalInput => chair::RemovalResult, reads(true, false), family("governance"),
        |ctx, i| chair::removal_vote(ctx, body_or_principal(ctx, i.body.as_ref())?, i.date, i.office, &i.present, &i.votes_for);
    /// The papers deadline of a meeting ([`papers::deadline`]).
    PapersDeadline = "papers_deadline", papers::PapersInput => papers::PapersResult, reads(true, true), family("governance"),
        |ctx, i| papers::deadline(ctx, body_or_principal(ctx, i.body.as_ref())?, i.meeting, i.circulated);
    /// Whether a date is a working day ([`calendar::Calendar::working_day`]).
    WorkingDay = "working_day", calendar::WorkingDayInput => calendar::WorkingDay, reads(false, true), family("governance"),
        |ctx, i| ctx.calendar().working_day(i.date);
    /// The annual review of the terms of reference ([`review::tor_review`]).
    TorReview = "tor_review", review::ReviewInput => review::ReviewStatus, reads(true, false), family("governance"),
        |ctx, i| review::tor_review(ctx, body_or_principal(ctx, i.body.as_ref())?, &i.approvals, i.as_of);
    /// A chair's term ([`chair::term_status`]).
    ChairTerm = "chair_term", chair::TermInput => chair::TermStatus, reads(true, false), family("governance"),
        |ctx, i| chair::term_status(ctx, i.body.as_str(), &i.elected, i.as_of);
    /// The split of an allocation ([`grant::split`]).
    GrantSplit = "grant_split", grant::SplitInput => grant::Split, reads(false, false), family("grants"),
        |ctx, i| {
            let schemes = ctx.grant_schemes();
            let scheme = match i.year {
                Some(y) => schemes.for_year(y)?,
                None => schemes.latest()?,
            };
            grant::split(i.allocation, scheme)
        };
    /// Match funding of a project ([`match_funding::match_funding`]).
    MatchFunding = "match_funding", match_funding::MatchFundingInput => match_funding::MatchFunding, reads(false, false), family("grants"),
        |ctx, i| match_funding::match_funding(ctx, i.grant, i.total_cost);
    /// A year's grant ledger ([`grant::ledger`]).
    GrantLedger = "grant_ledger", grant::LedgerInput => grant::Ledger, reads(false, false), family("grants"),
        |ctx, i| grant::ledger(ctx, i);
    /// A ledger compared with the figures a report prints ([`reconcile::reconcile`]).
    GrantReconciliation = "grant_reconciliation", reconcile::ReconcileInput => reconcile::Reconciliation, reads(false, false), family("grants"),
        |ctx, i| {
            let ledger = grant::ledger(ctx, &grant::LedgerInput {
                year: i.year,
                allocation: i.allocation,
                tactical_open: i.tactical_open,
                projects: i.projects.clone(),
            })?;
            let statement = reconcile::Statement {
                figures: i.stated_figures.clone(),
                projects: i.stated_projects.clone(),
            };
            Ok(reconcile::reconcile(&ledger, &statement))
        };
    /// Access to the tactical pot ([`tactical::access`]).
    TacticalAccess = "tactical_access", tactical::AccessInput => tactical::TacticalAccess, reads(false, false), family("grants"),
        |ctx, i| {
            let facts = tactical::Facts {
                earlier_projects_complete: i.earlier_projects_complete,
                upfront_cases_decided: i.upfront_cases_decided,
                closed_from: i.closed_from,
            };
            Ok(tactical::access(ctx, i.year, &facts, i.as_of))
        };
    /// A review's deadlines ([`protocol::deadlines`]).
    DhrDeadlines = "dhr_deadlines", protocol::DeadlineInput => protocol::Deadlines, reads(false, false), family("dhr"),
        |ctx, i| protocol::deadlines(ctx, i);
    /// A sequence of review stages ([`dhr::replay`]).
    DhrTransition = "dhr_transition", dhr::TransitionInput => dhr::TransitionResult, reads(false, false), family("dhr"),
        |ctx, i| dhr::replay(ctx, &i.events);
    /// Counts over many reviews ([`dhr::portfolio`]).
    DhrPortfolio = "dhr_portfolio", dhr::PortfolioInput => dhr::Portfolio, reads(false, false), family("dhr"),
        |ctx, i| dhr::portfolio(ctx, &i.cases);
    /// Whether a body kept its meeting cadence in a year ([`cadence::cadence`]).
    MeetingCadence = "meeting_cadence", cadence::CadenceInput => cadence::CadenceResult, reads(true, false), family("governance"),
        |ctx, i| cadence::cadence(ctx, i.body.as_str(), i.year, &i.meetings, &i.other_meetings);
    /// The progress of the Community Safety Agreement's action plan ([`action_plan::progress`]).
    ActionPlan = "action_plan", action_plan::PlanInput => action_plan::PlanProgress, reads(false, false), family("csa"),
        |ctx, i| action_plan::progress(ctx, i.as_of, &i.items);
    /// The Community Safety Agreement priorities in force on a date ([`csa::priorities`]).
    CsaPriorities = "csa_priorities", csa::PrioritiesInput => csa::Priorities, reads(false, false), family("csa"),
        |ctx, i| csa::priorities(ctx, i.date);
    /// A case's status ([`dhr::case_status`]); fields inside the case are
    /// reported under `case.`.
    DhrCase = "dhr_case", dhr::CaseInput => dhr::CaseStatus, reads(false, false), family("dhr"),
        |ctx, i| dhr::case_status(ctx, &i.case, i.as_of).map_err(|e| {
            let f = e.field().to_string();
            if f.starts_with("events") || f.starts_with("extensions") || f.starts_with("actions") {
                e.at(format!("case.{f}"))
            } else {
                e
            }
        });
}

/// The rule with this id, or `invalid_input` (field `rule`) listing them.
pub fn info(id: &str) -> Result<&'static RuleInfo> {
    RULES.iter().find(|r| r.id == id).ok_or_else(|| {
        let names: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        Error::new(
            ErrorKind::InvalidInput,
            "rule",
            format!("'{}' is not a rule", crate::error::quote(id)),
        )
        .with("allowed", names.join(", "))
    })
}

/// A request split into the context it asks for and the rule's own input.
pub(crate) struct Request<'v> {
    /// The context used: the given one, with the request's partnership and calendar.
    pub context: Context,
    /// The rule's own input (without `partnership` and `calendar`).
    pub input: std::borrow::Cow<'v, Value>,
}

/// Takes a request's `partnership` and `calendar` (where the rule reads
/// them) into the context.
pub(crate) fn request<'v>(ctx: &Context, rule: &RuleInfo, value: &'v Value) -> Result<Request<'v>> {
    let Some(map) = value.as_object() else {
        return Err(Error::new(ErrorKind::InvalidInput, "", "expected an object"));
    };
    let mut context = ctx.clone();
    let has = |k: &str| map.get(k).is_some();
    let carries_context = (rule.reads_partnership && has("partnership")) || (rule.reads_calendar && has("calendar"));
    if !carries_context {
        return Ok(Request {
            context,
            input: std::borrow::Cow::Borrowed(value),
        });
    }
    let mut rest = Map::new();
    for (k, v) in map {
        match k.as_str() {
            "partnership" if rule.reads_partnership => {
                if !v.is_null() {
                    let p = crate::Partnership::from_value(v).map_err(|e| prefixed("partnership", e))?;
                    context = context.with_partnership(p);
                }
            }
            "calendar" if rule.reads_calendar => {
                if !v.is_null() {
                    let cal = calendar::CalendarChanges::from_value(v)
                        .and_then(|c| c.apply_to(ctx.calendar().clone()))
                        .map_err(|e| prefixed("calendar", e))?;
                    context = context.with_calendar(cal);
                }
            }
            _ => {
                rest.insert(k.clone(), v.clone());
            }
        }
    }
    Ok(Request {
        context,
        input: std::borrow::Cow::Owned(Value::Object(rest)),
    })
}

/// A type the Python package can hand to Python (with feature `python`,
/// anything `pyo3` converts; without it, anything).
#[cfg(feature = "python")]
pub use crate::python::Native;

/// A type the Python package can hand to Python (with feature `python`,
/// anything `pyo3` converts; without it, anything).
#[cfg(not(feature = "python"))]
pub trait Native {}
#[cfg(not(feature = "python"))]
impl<T> Native for T {}

/// A rule's result, whatever its type: what [`decide`] returns.
pub trait Output: std::fmt::Debug + Send {
    /// The result as a JSON value.
    fn to_value(&self) -> serde_json::Result<Value>;
    /// The result as JSON text.
    fn to_text(&self) -> serde_json::Result<String>;
    /// The result as its Python class (feature `python`).
    #[cfg(feature = "python")]
    fn into_python(self: Box<Self>, py: pyo3::Python<'_>) -> pyo3::PyResult<pyo3::Bound<'_, pyo3::PyAny>>;
}

impl<T: Serialize + std::fmt::Debug + Send + Native> Output for T {
    fn to_value(&self) -> serde_json::Result<Value> {
        serde_json::to_value(self)
    }
    fn to_text(&self) -> serde_json::Result<String> {
        serde_json::to_string(self)
    }
    #[cfg(feature = "python")]
    fn into_python(self: Box<Self>, py: pyo3::Python<'_>) -> pyo3::PyResult<pyo3::Bound<'_, pyo3::PyAny>> {
        use pyo3::BoundObject;
        match (*self).into_pyobject(py) {
            Ok(o) => Ok(o.into_bound().into_any()),
            Err(e) => Err(e.into()),
        }
    }
}

struct Evaluate<'a> {
    ctx: &'a Context,
    input: &'a Value,
}

impl Dispatch<Result<Box<dyn Output>>> for Evaluate<'_> {
    fn call<R: Rule>(self) -> Result<Box<dyn Output>> {
        let input: R::Input = parse(self.input)?;
        Ok(Box::new(R::run(self.ctx, &input)?))
    }
}

/// Decides a request: rule `id` on `value` (its input, which may carry a
/// `partnership` and a `calendar` where the rule reads them) in `ctx`, and
/// returns the typed result behind [`Output`] together with the context
/// actually used. This is what the JSON entry point and the bindings call.
///
/// ```
/// use kcsp_core::{rules, Context};
/// let (r, _) = rules::decide(Context::kent(), "working_day",
///     &serde_json::json!({"date": "2022-06-03"})).unwrap();
/// assert_eq!(r.to_value().unwrap()["working_day"], false);
/// ```
pub fn decide(ctx: &Context, id: &str, value: &Value) -> Result<(Box<dyn Output>, Context)> {
    let rule = info(id)?;
    let req = request(ctx, rule, value)?;
    let out = with_rule(
        id,
        Evaluate {
            ctx: &req.context,
            input: &req.input,
        },
    )
    .unwrap_or_else(|| Err(Error::new(ErrorKind::InvalidInput, "rule", "no such rule")))?;
    Ok((out, req.context))
}

struct Validate<'a> {
    ctx: &'a Context,
    input: &'a Value,
}

impl Dispatch<Vec<Error>> for Validate<'_> {
    fn call<R: Rule>(self) -> Vec<Error> {
        let mut errors = Vec::new();
        R::Input::check(self.input, "", &mut errors);
        references(self.ctx, R::ID, self.input, &mut errors);
        if errors.is_empty() {
            // Every field is valid on its own: the checks that need two
            // fields are the rule's own.
            match parse::<R::Input>(self.input).and_then(|i| R::run(self.ctx, &i)) {
                Ok(_) => {}
                Err(e) => errors.push(e),
            }
        }
        errors
    }
}

/// Every input error of a request at once, the way a form shows them: each
/// field on its own (its form, a known body or organisation, an
/// organisation that existed on a valid date, a known value of an
/// enumeration), then, when every field is valid on its own, the checks
/// that need two fields (the rule's own errors). An empty list means the
/// input is valid. Fails only for a rule id that is no rule.
///
/// ```
/// use kcsp_core::{rules, Context};
/// use serde_json::json;
/// let errors = rules::validate(Context::kent(), "quorum",
///     &json!({"body": "kcsp", "date": "2022-02-30", "present": ["kent_police", "kent_polise"]})).unwrap();
/// let found: Vec<(&str, &str)> = errors.iter().map(|e| (e.code(), e.field())).collect();
/// assert_eq!(found, [("invalid_date", "date"), ("unknown_organisation", "present[1]")]);
/// assert_eq!(errors[0].public_message(), "Enter a real date as day, month and year, for example 14 07 2022");
/// ```
pub fn validate(ctx: &Context, id: &str, value: &Value) -> Result<Vec<Error>> {
    let rule = info(id)?;
    let req = match request(ctx, rule, value) {
        Ok(r) => r,
        Err(e) => return Ok(vec![e]),
    };
    Ok(with_rule(
        id,
        Validate {
            ctx: &req.context,
            input: &req.input,
        },
    )
    .unwrap_or_default())
}

/// The checks of single fields that need the context: a `body` the
/// partnership has; the organisations of `present` and `votes_for` listed
/// (unless the body's membership is open) and, when the date is valid,
/// existing on it.
fn references(ctx: &Context, id: &str, value: &Value, errors: &mut Vec<Error>) {
    let p = ctx.partnership();
    let failed = |field: &str, errors: &Vec<Error>| errors.iter().any(|e| e.field() == field);
    let body = match value.get("body").and_then(Value::as_str) {
        Some(b) if failed("body", errors) => {
            let _ = b;
            return;
        }
        Some(b) => match p.body(b) {
            Ok(body) => Some(body),
            Err(e) => {
                errors.push(e);
                return;
            }
        },
        None => p.principal_body().ok().and_then(|b| p.body(b).ok()),
    };
    let (Some(body), true) = (body, matches!(id, "quorum" | "chair_removal")) else {
        return;
    };
    let date = value
        .get("date")
        .and_then(Value::as_str)
        .and_then(|t| crate::dates::parse_date("date", t).ok());
    let open = match date.map(|d| body.terms_on(d)) {
        Some(Ok(t)) => t.quorum.open_membership,
        // Without a valid date, membership is open if any terms make it so.
        _ => body.terms.iter().any(|t| t.quorum.open_membership),
    };
    for key in ["present", "votes_for"] {
        let Some(ids) = value.get(key).and_then(Value::as_array) else {
            continue;
        };
        for (i, v) in ids.iter().enumerate() {
            let field = format!("{key}[{i}]");
            let Some(text) = v.as_str() else { continue };
            if failed(&field, errors) || crate::OrgId::parse(&field, text).is_err() {
                continue;
            }
            let e = match date {
                Some(d) => p.resolve(&field, text, d, open).err(),
                None if !open && p.organisation(text).is_none() => {
                    p.resolve(&field, text, chrono::NaiveDate::MIN, false).err()
                }
                None => None,
            };
            errors.extend(e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_rule_is_listed_once_with_its_keys() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        let q = info("quorum").unwrap();
        assert_eq!(q.keys(), ["body", "date", "present", "partnership"]);
        assert_eq!(info("nope").unwrap_err().field(), "rule");
    }

    #[test]
    fn validation_collects_every_field_error() {
        let kent = Context::kent();
        let v = validate(
            kent,
            "grant_ledger",
            &json!({"year": "2022/24", "allocation": "39661", "projects": [
                {"name": "A", "round": "upfrnt", "amount": "12,000", "decision": "approved"},
                {"name": "B", "round": "tactical", "amount": "-5", "decision": "aproved"}]}),
        )
        .unwrap();
        let found: Vec<(&str, &str)> = v.iter().map(|e| (e.code(), e.field())).collect();
        assert_eq!(
            found,
            [
                ("invalid_financial_year", "year"),
                ("invalid_round", "projects[0].round"),
                ("invalid_amount", "projects[0].amount"),
                ("negative_amount", "projects[1].amount"),
                ("invalid_decision", "projects[1].decision"),
            ]
        );
        // Cross-field checks only once each field is valid.
        let v = validate(
            kent,
            "papers_deadline",
            &json!({"meeting": "2022-07-14", "circulated": "2022-07-15"}),
        )
        .unwrap();
        assert_eq!(
            v.iter().map(|e| e.code()).collect::<Vec<_>>(),
            ["circulated_after_meeting"]
        );
        let v = validate(
            kent,
            "quorum",
            &json!({"body": "kcsp", "date": "2022-07-14", "present": ["kent_and_medway_ccg", "x y"]}),
        )
        .unwrap();
        let found: Vec<(&str, &str)> = v.iter().map(|e| (e.code(), e.field())).collect();
        assert_eq!(
            found,
            [
                ("unknown_organisation", "present[1]"),
                ("organisation_not_current", "present[0]")
            ]
        );
        let v = validate(
            kent,
            "quorum",
            &json!({"body": "cabinet", "date": "2022-07-14", "present": [], "colour": 1}),
        )
        .unwrap();
        let found: Vec<(&str, &str)> = v.iter().map(|e| (e.code(), e.field())).collect();
        assert_eq!(found, [("invalid_input", "colour"), ("unknown_body", "body")]);
        assert!(validate(
            kent,
            "quorum",
            &json!({"body": "kcsp", "date": "2022-07-14", "present": []})
        )
        .unwrap()
        .is_empty());
    }
}
