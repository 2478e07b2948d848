//! The registry: every rule named once, in the [`for_each_rule!`](crate::for_each_rule)
//! table, with its doc, id, typed input, result type and function. The rule
//! types and [`RULES`], the JSON entry point ([`crate::json`]), form
//! validation ([`validate`]), receipts and the bindings' per-rule code (the
//! WebAssembly exports and their TypeScript types, the Python result
//! classes and generated functions) are all derived from it. Adding a rule
//! is one entry of the table plus its module (or a function in one).
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
//! use kcsp_core::registry::{self, Rule};
//! assert!(registry::RULES.iter().any(|r| r.id == "quorum" && r.reads_partnership));
//! assert_eq!(registry::Quorum::ID, "quorum");
//! let q = registry::Quorum::run(kcsp_core::Context::kent(),
//!     &serde_json::from_value(serde_json::json!({"body": "kcsp", "date": "2022-07-14",
//!         "present": ["kent_police"]})).unwrap()).unwrap();
//! assert!(!q.quorate);
//! ```

use crate::base::error::{Error, ErrorKind, Result};
use crate::base::input::{parse, Check, Field};
#[cfg(feature = "batch")]
use crate::boundary::table::{Cell, Shape};
use crate::definitions::calendar;
use crate::definitions::context::{prefixed, Context};
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
    type Output: Serialize + DeserializeOwned + std::fmt::Debug + Send + 'static;
    /// Decides.
    fn run(ctx: &Context, input: &Self::Input) -> Result<Self::Output>;
}

/// A rule as a row of [`RULES`] (what `rules()` lists in JavaScript).
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// The rule id.
    #[cfg_attr(feature = "typescript", tsify(type = "RuleId"))]
    pub id: &'static str,
    /// Its input's keys (without `partnership` and `calendar`).
    #[cfg_attr(feature = "typescript", tsify(type = "string[]"))]
    pub fields: &'static [&'static str],
    /// Whether each key may be left out (in the order of `fields`).
    #[cfg_attr(feature = "typescript", tsify(type = "boolean[]"))]
    pub optional: &'static [bool],
    /// Whether each key holds a list (in the order of `fields`).
    #[cfg_attr(feature = "typescript", tsify(type = "boolean[]"))]
    pub lists: &'static [bool],
    /// The name of its result type (`QuorumResult`), the class or interface
    /// a binding returns.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub result: &'static str,
    /// Its family: `governance`, `grants`, `dhr` or `csa` (a cargo feature).
    #[cfg_attr(
        feature = "typescript",
        tsify(type = "\"governance\" | \"grants\" | \"dhr\" | \"csa\"")
    )]
    pub family: &'static str,
    /// Whether a request may carry a `partnership`.
    pub reads_partnership: bool,
    /// Whether a request may carry a `calendar`.
    pub reads_calendar: bool,
}

/// A rule described for the code and docs generated from the registry
/// (`cargo run -p xtask -- codegen`): its doc and its input's fields. Kept
/// apart from [`RuleInfo`] so that a build that never asks (the WebAssembly
/// package) does not carry the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleDescription {
    /// The rule id.
    pub id: &'static str,
    /// What it decides, in plain words: the registry entry's doc, line by line.
    pub doc: &'static [&'static str],
    /// Its input's fields, described ([`Field`]), in the order of [`RuleInfo::fields`].
    pub input: &'static [Field],
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

macro_rules! registry {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident = $id:path, $input:ty => $output:ty, reads($p:literal, $c:literal), family($family:literal),
        batch($shape:expr), |$ctx:ident, $i:ident| $body:expr;
    )*) => {
        $(
            $(#[doc = $doc])*
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
            optional: <$input>::OPTIONAL_FIELDS,
            lists: <$input>::LIST_FIELDS,
            result: last_segment(stringify!($output)),
            family: $family,
            reads_partnership: $p,
            reads_calendar: $c,
        }),*];

        /// Every rule described, in registry order ([`RuleDescription`]).
        pub fn descriptions() -> &'static [RuleDescription] {
            const ALL: &[RuleDescription] = &[$(#[cfg(feature = $family)] RuleDescription {
                id: $id,
                doc: &[$($doc),*],
                input: <$input>::FIELD_INFO,
            }),*];
            ALL
        }

        /// How rule `id`'s batch groups its rows (`None` for an id that is no rule).
        #[cfg(feature = "batch")]
        pub fn shape(id: &str) -> Option<Shape> {
            match id {
                $(
                    #[cfg(feature = $family)]
                    $id => Some($shape),
                )*
                _ => None,
            }
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

/// The last `::` segment of a path as `stringify!` writes it.
const fn last_segment(path: &'static str) -> &'static str {
    let bytes = path.as_bytes();
    let mut i = bytes.len();
    while i > 0 {
        let (head, tail) = bytes.split_at(i);
        if let [.., b':' | b' '] = head {
            return match std::str::from_utf8(tail) {
                Ok(last) => last,
                Err(_) => path,
            };
        }
        i -= 1;
    }
    path
}

/// A generic call made for one rule.
trait Dispatch<T> {
    fn call<R: Rule>(self) -> T;
}

/// The body of a request, or the partnership's principal body.
pub(crate) fn body_or_principal<'a>(ctx: &'a Context, body: Option<&'a crate::base::id::BodyId>) -> Result<&'a str> {
    match body {
        Some(b) => Ok(b.as_str()),
        None => ctx.partnership().principal_body(),
    }
}

/// The registry's table: every rule once, with its doc, id, typed input,
/// result, the context it reads, its family and its function. It expands
/// the given macro with the whole table; this module expands it into the
/// rule types and [`RULES`], and a binding expands it into its per-rule code
/// (the WebAssembly exports; the Python result classes), so that no binding
/// names a rule.
///
/// The callback receives, for each rule, in registry order (the doc lines
/// are written as `#[doc = "…"]`, plain words for every language's docs):
///
/// ```text
/// #[doc = "…"]
/// Name = id_path, InputType => OutputType, reads(partnership, calendar), family("…"),
///     batch(shape), |ctx, input| body;
/// ```
///
/// `Name` is the rule's type in [`registry`](crate::registry) (use it as
/// `$crate::registry::Name` with its [`Rule`] items); the family is a cargo
/// feature name, so a binding with features of the same names can `cfg` on
/// it. The shape says how the rule's batch groups rows ([`Shape`]). A
/// callback ignores what it does not need.
///
/// ```
/// macro_rules! ids {
///     ($($(#[doc = $doc:literal])* $name:ident = $id:path, $input:ty => $output:ty,
///        reads($p:literal, $c:literal), family($family:literal), batch($shape:expr), |$ctx:ident, $i:ident| $body:expr;)*) => {
///         [$(<kcsp_core::registry::$name as kcsp_core::registry::Rule>::ID),*]
///     };
/// }
/// let ids = kcsp_core::for_each_rule!(ids);
/// assert_eq!(ids[0], "quorum");
/// assert_eq!(ids.len(), kcsp_core::registry::RULES.len());
/// ```
#[macro_export]
macro_rules! for_each_rule {
    ($callback:ident) => {
        $callback! {
        #[doc = "Whether a meeting was quorate: the seats represented and missing, counted as the body's terms say."]
        Quorum = $crate::rules::quorum::ID, $crate::rules::quorum::QuorumInput => $crate::rules::quorum::QuorumResult, reads(true, false), family("governance"),
            batch($crate::boundary::grouped::QUORUM),
            |ctx, i| $crate::rules::quorum::check(ctx, i.body.as_str(), i.date, &i.present);
        #[doc = "Whether a vote removed the chair or vice-chair: the votes for removal against the majority the body's terms ask, at a quorate meeting."]
        ChairRemoval = $crate::rules::chair::REMOVAL_ID, $crate::rules::chair::RemovalInput => $crate::rules::chair::RemovalResult, reads(true, false), family("governance"),
            batch($crate::boundary::table::Shape::ROWS),
            |ctx, i| $crate::rules::chair::removal_vote(ctx, $crate::boundary::registry::body_or_principal(ctx, i.body.as_ref())?, i.date, i.office, &i.present, &i.votes_for);
        #[doc = "Whether a motion put to a meeting was carried: the votes for and against, the majority the body's terms ask, and the chair's casting vote."]
        Decision = $crate::rules::decision::ID, $crate::rules::decision::DecisionInput => $crate::rules::decision::DecisionResult, reads(true, false), family("governance"),
            batch($crate::boundary::table::Shape::ROWS),
            |ctx, i| $crate::rules::decision::decide(ctx, $crate::boundary::registry::body_or_principal(ctx, i.body.as_ref())?, i.date, &i.present, &i.votes_for, &i.against, i.casting_vote);
        #[doc = "The latest day a meeting's papers can go out (five clear working days for Kent), and whether they went out in time."]
        PapersDeadline = $crate::rules::papers::ID, $crate::rules::papers::PapersInput => $crate::rules::papers::PapersResult, reads(true, true), family("governance"),
            batch($crate::boundary::table::Shape::ROWS),
            |ctx, i| $crate::rules::papers::deadline(ctx, $crate::boundary::registry::body_or_principal(ctx, i.body.as_ref())?, i.meeting, i.circulated);
        #[doc = "Whether a date is a working day in England and Wales (or on the calendar given), and why."]
        WorkingDay = $crate::rules::working_day::ID, $crate::rules::working_day::WorkingDayInput => $crate::rules::working_day::WorkingDay, reads(false, true), family("governance"),
            batch($crate::boundary::table::Shape::ROWS),
            |ctx, i| ctx.calendar().working_day(i.date);
        #[doc = "When the terms of reference were last reviewed, when the next review is due, and whether it is overdue."]
        TorReview = $crate::rules::review::ID, $crate::rules::review::ReviewInput => $crate::rules::review::ReviewStatus, reads(true, false), family("governance"),
            batch($crate::boundary::table::Shape::ROWS),
            |ctx, i| $crate::rules::review::tor_review(ctx, $crate::boundary::registry::body_or_principal(ctx, i.body.as_ref())?, &i.approvals, i.as_of);
        #[doc = "When a body's chair was elected and when the next election is due under the body's terms."]
        ChairTerm = $crate::rules::chair::TERM_ID, $crate::rules::chair::TermInput => $crate::rules::chair::TermStatus, reads(true, false), family("governance"),
            batch($crate::boundary::table::Shape::ROWS),
            |ctx, i| $crate::rules::chair::term_status(ctx, i.body.as_str(), &i.elected, i.as_of);
        #[doc = "The split of a year's grant allocation into the upfront share and the tactical pot, to the penny."]
        GrantSplit = $crate::rules::grant::SPLIT_ID, $crate::rules::grant::SplitInput => $crate::rules::grant::Split, reads(false, false), family("grants"),
            batch($crate::boundary::table::Shape::ROWS),
            |ctx, i| {
                let schemes = ctx.grant_schemes();
                let scheme = match i.year {
                    Some(y) => schemes.for_year(y)?,
                    None => schemes.latest()?,
                };
                $crate::rules::grant::split(i.allocation, scheme)
            };
        #[doc = "The grant's share of a project's total cost, and the match funding the project brings."]
        MatchFunding = $crate::rules::match_funding::ID, $crate::rules::match_funding::MatchFundingInput => $crate::rules::match_funding::MatchFunding, reads(false, false), family("grants"),
            batch($crate::boundary::table::Shape::ROWS),
            |ctx, i| $crate::rules::match_funding::match_funding(ctx, i.grant, i.total_cost);
        #[doc = "A grant year's figures from its projects: approved, pending, spent, the tactical pot available and the underspend, with warnings."]
        GrantLedger = $crate::rules::grant::LEDGER_ID, $crate::rules::grant::LedgerInput => $crate::rules::grant::Ledger, reads(false, false), family("grants"),
            batch($crate::boundary::grouped::LEDGER),
            |ctx, i| $crate::rules::grant::ledger(ctx, i);
        #[doc = "A grant year's ledger compared with the figures and project amounts a report prints: every difference, to the penny."]
        GrantReconciliation = $crate::rules::reconcile::ID, $crate::rules::reconcile::ReconcileInput => $crate::rules::reconcile::Reconciliation, reads(false, false), family("grants"),
            batch($crate::boundary::table::Shape::ROWS),
            |ctx, i| {
                let ledger = $crate::rules::grant::ledger(ctx, &$crate::rules::grant::LedgerInput {
                    year: i.year,
                    allocation: i.allocation,
                    tactical_open: i.tactical_open,
                    projects: i.projects.clone(),
                })?;
                let statement = $crate::rules::reconcile::Statement {
                    figures: i.stated_figures.clone(),
                    projects: i.stated_projects.clone(),
                };
                Ok($crate::rules::reconcile::reconcile(&ledger, &statement))
            };
        #[doc = "Whether the tactical pot of a year can be used on a date, and which gates keep it shut."]
        TacticalAccess = $crate::rules::tactical::ID, $crate::rules::tactical::AccessInput => $crate::rules::tactical::TacticalAccess, reads(false, false), family("grants"),
            batch($crate::boundary::table::Shape::ROWS),
            |ctx, i| {
                let facts = $crate::rules::tactical::Facts {
                    earlier_projects_complete: i.earlier_projects_complete,
                    upfront_cases_decided: i.upfront_cases_decided,
                    closed_from: i.closed_from,
                };
                Ok($crate::rules::tactical::access(ctx, i.year, &facts, i.as_of))
            };
        #[doc = "A Domestic Homicide Review's decision and report deadlines under the protocol in force, with extensions, and whether they are overdue."]
        DhrDeadlines = $crate::rules::protocol::ID, $crate::rules::protocol::DeadlineInput => $crate::rules::protocol::Deadlines, reads(false, false), family("dhr"),
            batch($crate::boundary::table::Shape::ROWS),
            |ctx, i| $crate::rules::protocol::deadlines(ctx, i);
        #[doc = "Whether a sequence of review stages is legal under the protocol, where it leads, and what may come next."]
        DhrTransition = $crate::rules::dhr::TRANSITION_ID, $crate::rules::dhr::TransitionInput => $crate::rules::dhr::TransitionResult, reads(false, false), family("dhr"),
            batch($crate::boundary::table::Shape::ROWS),
            |ctx, i| $crate::rules::dhr::replay(ctx, &i.events);
        #[doc = "Counts over many reviews, each given as its stages in order: considered, commissioned, by stage."]
        DhrPortfolio = $crate::rules::dhr::PORTFOLIO_ID, $crate::rules::dhr::PortfolioInput => $crate::rules::dhr::Portfolio, reads(false, false), family("dhr"),
            batch($crate::boundary::table::Shape::ROWS),
            |ctx, i| $crate::rules::dhr::portfolio(ctx, &i.cases);
        #[doc = "Whether a body met as often as its terms ask in a financial year, given the dates it met."]
        MeetingCadence = $crate::rules::cadence::ID, $crate::rules::cadence::CadenceInput => $crate::rules::cadence::CadenceResult, reads(true, false), family("governance"),
            batch($crate::boundary::grouped::CADENCE),
            |ctx, i| $crate::rules::cadence::covered(ctx, i.body.as_str(), i.year, &i.meetings, &i.other_meetings, (i.covered_from, i.covered_to));
        #[doc = "The progress of the Community Safety Agreement's action plan on a date: each item's RAG status and the totals."]
        ActionPlan = $crate::rules::action_plan::ID, $crate::rules::action_plan::PlanInput => $crate::rules::action_plan::PlanProgress, reads(false, false), family("csa"),
            batch($crate::boundary::grouped::PLAN),
            |ctx, i| $crate::rules::action_plan::progress(ctx, i.as_of, &i.items);
        #[doc = "The Community Safety Agreement priorities and cross-cutting themes in force on a date, or that the sources are silent on it."]
        CsaPriorities = $crate::rules::csa::ID, $crate::rules::csa::PrioritiesInput => $crate::rules::csa::Priorities, reads(false, false), family("csa"),
            batch($crate::boundary::table::Shape::ROWS),
            |ctx, i| $crate::rules::csa::priorities(ctx, i.date);
        #[doc = "A review case's stage, deadlines, open actions and next steps as of a date (errors"]
        #[doc = "inside the case are reported under `case.`)."]
        DhrCase = $crate::rules::dhr::CASE_ID, $crate::rules::dhr::CaseInput => $crate::rules::dhr::CaseStatus, reads(false, false), family("dhr"),
            batch($crate::boundary::table::Shape::ROWS),
            |ctx, i| $crate::rules::dhr::case_status(ctx, &i.case, i.as_of).map_err(|e| {
                let f = e.field().to_string();
                if f.starts_with("events") || f.starts_with("extensions") || f.starts_with("actions") {
                    e.at(format!("case.{f}"))
                } else {
                    e
                }
            });
        }
    };
}

crate::for_each_rule!(registry);

/// The rule with this id, or `invalid_input` (field `rule`) listing them.
pub fn info(id: &str) -> Result<&'static RuleInfo> {
    RULES.iter().find(|r| r.id == id).ok_or_else(|| {
        let names: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        Error::new(
            ErrorKind::InvalidInput,
            "rule",
            format!("'{}' is not a rule", crate::base::error::quote(id)),
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
                    let p = crate::definitions::partnership::Partnership::from_value(v)
                        .map_err(|e| prefixed("partnership", e))?;
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

/// A rule's result, whatever its type: what [`decide`] returns.
pub trait Output: std::fmt::Debug + Send {
    /// The result as a JSON value.
    fn to_value(&self) -> serde_json::Result<Value>;
    /// The result as JSON text.
    fn to_text(&self) -> serde_json::Result<String>;
    /// The result as its own type, for a binding that converts each result
    /// type its own way (`downcast` to the rule's [`Rule::Output`]).
    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any + Send>;
    /// The result as the cells of a batch row, by column ([`crate::batch`]).
    #[cfg(feature = "batch")]
    fn cells(&self) -> Vec<(String, Cell)>;
}

impl<T: Serialize + std::fmt::Debug + Send + 'static> Output for T {
    fn to_value(&self) -> serde_json::Result<Value> {
        serde_json::to_value(self)
    }
    fn to_text(&self) -> serde_json::Result<String> {
        serde_json::to_string(self)
    }
    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any + Send> {
        self
    }
    #[cfg(feature = "batch")]
    fn cells(&self) -> Vec<(String, Cell)> {
        crate::boundary::cells::record(self)
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
/// use kcsp_core::{registry, Context};
/// let (r, _) = registry::decide(Context::kent(), "working_day",
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

/// Decides rule `id` on an input without `partnership` or `calendar`, in
/// `ctx` as it is: a batch's requests.
#[cfg(feature = "batch")]
pub(crate) fn decide_in(ctx: &Context, id: &str, input: &Value) -> Result<Box<dyn Output>> {
    with_rule(id, Evaluate { ctx, input })
        .unwrap_or_else(|| Err(Error::new(ErrorKind::InvalidInput, "rule", "no such rule")))
}

/// Every error of an input without `partnership` or `calendar`, in `ctx`:
/// a batch's requests.
#[cfg(feature = "batch")]
pub(crate) fn validate_in(ctx: &Context, id: &str, input: &Value) -> Vec<Error> {
    match info(id) {
        Ok(rule) => with_rule(id, Validate { ctx, rule, input }).unwrap_or_default(),
        Err(e) => vec![e],
    }
}

struct Validate<'a> {
    ctx: &'a Context,
    rule: &'a RuleInfo,
    input: &'a Value,
}

impl Dispatch<Vec<Error>> for Validate<'_> {
    fn call<R: Rule>(self) -> Vec<Error> {
        let mut errors = Vec::new();
        R::Input::check(self.input, "", &mut errors);
        references(self.ctx, self.rule, self.input, &mut errors);
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
/// use kcsp_core::{registry, Context};
/// use serde_json::json;
/// let errors = registry::validate(Context::kent(), "quorum",
///     &json!({"body": "kcsp", "date": "2022-02-30", "present": ["kent_police", "kent_polise"]})).unwrap();
/// let found: Vec<(&str, &str)> = errors.iter().map(|e| (e.code(), e.field())).collect();
/// assert_eq!(found, [("invalid_date", "date"), ("unknown_organisation", "present[1]")]);
/// assert_eq!(errors[0].public_message(), "Date must be a real date – check the day");
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
            rule,
            input: &req.input,
        },
    )
    .unwrap_or_default())
}

/// The checks of single fields that need the context: a `body` the
/// partnership has; the organisations of `present` and `votes_for` listed
/// (unless the body's membership is open) and, when the date is valid,
/// existing on it.
fn references(ctx: &Context, rule: &RuleInfo, value: &Value, errors: &mut Vec<Error>) {
    use std::fmt::Write as _;
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
    // Organisations listed in the input are checked against the body's
    // membership wherever the rule's input names who attended or voted.
    let names_people = rule.fields.iter().any(|f| matches!(*f, "present" | "votes_for"));
    let (Some(body), true) = (body, names_people) else {
        return;
    };
    let date = value
        .get("date")
        .and_then(Value::as_str)
        .and_then(|t| crate::base::dates::parse_date("date", t).ok());
    let open = match date.map(|d| body.terms_on(d)) {
        Some(Ok(t)) => t.quorum.open_membership,
        // Without a valid date, membership is open if any terms make it so.
        _ => body.terms.iter().any(|t| t.quorum.open_membership),
    };
    for key in ["present", "votes_for"] {
        let Some(ids) = value.get(key).and_then(Value::as_array) else {
            continue;
        };
        let mut field = String::with_capacity(16);
        for (i, v) in ids.iter().enumerate() {
            let Some(text) = v.as_str() else { continue };
            field.clear();
            let _ = write!(field, "{key}[{i}]");
            if !crate::base::id::valid(text) || failed(&field, errors) {
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

    /// The bindings name a rule after its type (`PapersDeadline` →
    /// `papersDeadline` in JS, `papers_deadline` as the TypeScript map's key),
    /// so each type's name must be its id in UpperCamelCase.
    #[test]
    fn each_rule_type_is_named_after_its_id() {
        macro_rules! names {
            ($($(#[doc = $doc:literal])* $name:ident = $id:path, $input:ty => $output:ty,
               reads($p:literal, $c:literal), family($family:literal), batch($shape:expr), |$ctx:ident, $i:ident| $body:expr;)*) => {
                [$((stringify!($name), <$name as Rule>::ID)),*]
            };
        }
        for (name, id) in crate::for_each_rule!(names) {
            let camel: String = id
                .split('_')
                .map(|w| w.get(..1).unwrap_or_default().to_uppercase() + w.get(1..).unwrap_or_default())
                .collect();
            assert_eq!(name, camel, "the type of rule {id}");
        }
    }

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
