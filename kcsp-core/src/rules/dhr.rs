//! Domestic Homicide Reviews: the stages of a review, the legal order of
//! transitions, case timelines with action plans, and portfolio counts.
//!
//! The KCSP runs one joint protocol for every CSP in Kent and Medway; the
//! Kent Community Safety Team manages it and the DHR Steering Group monitors
//! it (DHR Steering Group ToR, Purpose and Responsibilities). Case records
//! carry no personal data: a case is known by its published pseudonym and
//! year at most (for example "Sylvie 2018").
//!
//! Legal order: `notified`; then `commissioned` or `not_commissioned`;
//! `home_office_informed` exactly once, after the decision and before
//! `submitted` (commissioned) or `closed` (not commissioned);
//! `chair_appointed`; `submitted`; then `qa_returned` (back to `submitted`)
//! or `qa_approved`; `published`; `closed`. A case closes only when every
//! action of its plan is complete.

use crate::base::dates::long;
use crate::base::error::{quote, Error, ErrorKind, Result};
use crate::definitions::context::Context;
use crate::definitions::explain::Explanation;
use crate::rules::protocol::{deadlines, CommissionDecision, DeadlineInput, DeadlineKind, Deadlines, Extension};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The id of the `dhr_transition` rule: its entry in the registry, its explanations' `rule`.
pub const TRANSITION_ID: &str = "dhr_transition";
/// The id of the `dhr_portfolio` rule: its entry in the registry, its explanations' `rule`.
pub const PORTFOLIO_ID: &str = "dhr_portfolio";
/// The id of the `dhr_case` rule: its entry in the registry, its explanations' `rule`.
pub const CASE_ID: &str = "dhr_case";

crate::base::input::enumeration! {
    /// A stage of a review (`unknown_stage` for any other text).
    ///
    /// ```
    /// use kcsp_core::dhr::Stage;
    /// assert_eq!(Stage::parse("events[0]", "qa_approved").unwrap(), Stage::QaApproved);
    /// assert_eq!(Stage::parse("events[0]", "drafted").unwrap_err().code(), "unknown_stage");
    /// ```
    pub enum Stage (UnknownStage, "a review stage") {
        /// The police told the CSP in writing.
        Notified = "notified",
        /// A review was commissioned.
        Commissioned = "commissioned",
        /// No review was commissioned.
        NotCommissioned = "not_commissioned",
        /// The Home Office was told of the decision.
        HomeOfficeInformed = "home_office_informed",
        /// An independent chair was appointed and a panel set up.
        ChairAppointed = "chair_appointed",
        /// The overview report went to the Home Office quality-assurance panel.
        Submitted = "submitted",
        /// The panel returned it for changes.
        QaReturned = "qa_returned",
        /// The panel approved it.
        QaApproved = "qa_approved",
        /// Published, anonymised.
        Published = "published",
        /// Closed: every action complete (or not commissioned).
        Closed = "closed",
    }
}

/// Where a review is: its last stage (not counting `home_office_informed`)
/// and whether the Home Office has been told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Progress {
    /// The last stage reached, other than `home_office_informed`; `None` before notification.
    pub stage: Option<Stage>,
    /// Whether the Home Office has been informed.
    pub home_office_informed: bool,
    /// Whether the review reached `qa_approved` at some point.
    pub qa_approved: bool,
    /// Whether a review was commissioned.
    pub commissioned: bool,
}

impl Progress {
    /// The stages that may legally come next.
    pub(crate) fn allowed(&self) -> Vec<Stage> {
        use Stage::*;
        let inform = if self.home_office_informed {
            vec![]
        } else {
            vec![HomeOfficeInformed]
        };
        match self.stage {
            None => vec![Notified],
            Some(Notified) => vec![Commissioned, NotCommissioned],
            Some(Commissioned) => [inform, vec![ChairAppointed]].concat(),
            Some(NotCommissioned) if self.home_office_informed => vec![Closed],
            Some(NotCommissioned) => inform,
            Some(ChairAppointed) if self.home_office_informed => vec![Submitted],
            Some(ChairAppointed) => inform,
            Some(Submitted) => vec![QaReturned, QaApproved],
            Some(QaReturned) => vec![Submitted],
            Some(QaApproved) => vec![Published],
            Some(Published) => vec![Closed],
            Some(Closed) | Some(HomeOfficeInformed) => vec![],
        }
    }

    /// Moves to `next`, or fails with `invalid_transition` naming the step
    /// and what was allowed.
    pub(crate) fn step(&mut self, field: &str, next: Stage) -> Result<()> {
        let allowed = self.allowed();
        if !allowed.contains(&next) {
            let from = self.stage.map_or("the start", Stage::as_str);
            let names: Vec<&str> = allowed.iter().map(|s| s.as_str()).collect();
            let what = if names.is_empty() {
                "nothing".to_string()
            } else {
                names.join(" or ")
            };
            return Err(Error::new(
                ErrorKind::InvalidTransition,
                field,
                format!(
                    "{next} cannot follow {from}{}: allowed is {what}",
                    if self.home_office_informed {
                        " (Home Office informed)"
                    } else {
                        ""
                    }
                ),
            )
            .with("from", from)
            .with("to", next.as_str())
            .with("allowed", names.join(", ")));
        }
        match next {
            Stage::HomeOfficeInformed => self.home_office_informed = true,
            s => {
                self.stage = Some(s);
                self.qa_approved |= s == Stage::QaApproved;
                self.commissioned |= s == Stage::Commissioned;
            }
        }
        Ok(())
    }
}

/// Where a sequence of stages leads.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TransitionResult {
    /// The last stage reached, other than `home_office_informed`.
    pub stage: Stage,
    /// Whether the Home Office was informed.
    pub home_office_informed: bool,
    /// What may come next.
    pub next_allowed: Vec<Stage>,
    /// Which clause applied and why.
    pub explanation: Explanation,
}

/// Checks a sequence of stage names is legal and says where it leads.
///
/// Errors: `unknown_stage`, `invalid_transition` (field `events[i]`).
///
/// ```
/// use kcsp_core::dhr::{replay, Stage};
/// use kcsp_core::Context;
/// let kent = Context::kent();
/// use Stage::*;
/// let r = replay(kent, &[Notified, Commissioned, ChairAppointed, HomeOfficeInformed, Submitted]).unwrap();
/// assert_eq!(r.stage, Stage::Submitted);
/// let e = replay(kent, &[Notified, Commissioned, HomeOfficeInformed, ChairAppointed, Submitted, Published]).unwrap_err();
/// assert_eq!(e.code(), "invalid_transition");
/// assert_eq!(e.details()["allowed"], "qa_returned, qa_approved");
/// ```
pub fn replay(ctx: &Context, events: &[Stage]) -> Result<TransitionResult> {
    replay_stages(ctx, "events", events)
}

fn progress_of(field: &str, stages: &[Stage]) -> Result<Progress> {
    let mut p = Progress::default();
    for (i, s) in stages.iter().enumerate() {
        p.step(&format!("{field}[{i}]"), *s)?;
    }
    Ok(p)
}

fn replay_stages(ctx: &Context, field: &str, stages: &[Stage]) -> Result<TransitionResult> {
    let p = progress_of(field, stages)?;
    let Some(stage) = p.stage else {
        return Err(
            Error::new(ErrorKind::InvalidTransition, field, "a review starts with notified")
                .with("allowed", "notified"),
        );
    };
    let next_allowed = p.allowed();
    let names: Vec<&str> = next_allowed.iter().map(|s| s.as_str()).collect();
    let reason = format!(
        "The review is at {stage}{}; next: {}.",
        if p.home_office_informed {
            ", Home Office informed"
        } else {
            ", Home Office not yet informed"
        },
        if names.is_empty() {
            "nothing".into()
        } else {
            names.join(" or ")
        }
    );
    Ok(TransitionResult {
        stage,
        home_office_informed: p.home_office_informed,
        next_allowed,
        explanation: Explanation::new(TRANSITION_ID, reason)
            .cite_all(ctx.citations(TRANSITION_ID))
            .figure("events", stages.len()),
    })
}

/// Counts over many reviews.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Portfolio {
    /// Deaths considered (every case notified).
    pub considered: u32,
    /// Reviews commissioned.
    pub commissioned: u32,
    /// Reviews not commissioned.
    pub not_commissioned: u32,
    /// Reviews that completed Home Office quality assurance.
    pub qa_completed: u32,
    /// Reviews published.
    pub published: u32,
    /// Cases closed.
    pub closed: u32,
    /// Cases by their current stage.
    #[cfg_attr(feature = "typescript", tsify(type = "Partial<Record<Stage, number>>"))]
    pub by_stage: BTreeMap<Stage, u32>,
    /// Cases overdue as of the date asked about (only from [`portfolio_of_cases`]).
    pub overdue: Vec<OverdueCase>,
    /// Why.
    pub explanation: Explanation,
}

/// A case with a missed deadline.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OverdueCase {
    /// The case reference.
    pub reference: String,
    /// Which deadline.
    pub deadline: DeadlineKind,
    /// When it was due.
    pub due: NaiveDate,
}

fn count_portfolio(ctx: &Context, progress: &[Progress]) -> Portfolio {
    let n = |f: &dyn Fn(&Progress) -> bool| u32::try_from(progress.iter().filter(|p| f(p)).count()).unwrap_or(u32::MAX);
    let mut by_stage = BTreeMap::new();
    for p in progress {
        if let Some(s) = p.stage {
            *by_stage.entry(s).or_insert(0u32) += 1;
        }
    }
    let considered = n(&|p| p.stage.is_some());
    let commissioned = n(&|p| p.commissioned);
    let qa_completed = n(&|p| p.qa_approved);
    let published = n(&|p| matches!(p.stage, Some(Stage::Published | Stage::Closed)) && p.commissioned);
    let reason = format!(
        "{considered} considered, {commissioned} commissioned, {qa_completed} through Home Office quality assurance, {published} published."
    );
    Portfolio {
        considered,
        commissioned,
        not_commissioned: n(&|p| p.stage.is_some() && !p.commissioned && p.stage != Some(Stage::Notified)),
        qa_completed,
        published,
        closed: n(&|p| p.stage == Some(Stage::Closed)),
        by_stage,
        overdue: Vec::new(),
        explanation: Explanation::new(PORTFOLIO_ID, reason).cite_all(ctx.citations(PORTFOLIO_ID)),
    }
}

/// Counts over many reviews, each given as its stage names in order.
///
/// Errors: `unknown_stage`, `invalid_transition` (field `cases[i][j]`).
///
/// ```
/// use kcsp_core::dhr::{portfolio, Stage::*};
/// let p = portfolio(kcsp_core::Context::kent(), &[
///     vec![Notified, Commissioned, HomeOfficeInformed, ChairAppointed, Submitted, QaApproved],
///     vec![Notified, NotCommissioned, HomeOfficeInformed, Closed],
/// ]).unwrap();
/// assert_eq!((p.considered, p.commissioned, p.qa_completed, p.published), (2, 1, 1, 0));
/// ```
pub fn portfolio(ctx: &Context, cases: &[Vec<Stage>]) -> Result<Portfolio> {
    let mut progress = Vec::with_capacity(cases.len());
    for (i, stages) in cases.iter().enumerate() {
        let p = progress_of(&format!("cases[{i}]"), stages)?;
        if p.stage.is_none() {
            return Err(Error::new(
                ErrorKind::InvalidTransition,
                format!("cases[{i}]"),
                "a review starts with notified",
            ));
        }
        progress.push(p);
    }
    Ok(count_portfolio(ctx, &progress))
}

crate::base::input::enumeration! {
    /// The status of an action in a review's action plan
    /// (`invalid_action_status` for any other text).
    pub enum ActionStatus (InvalidActionStatus, "an action status") {
        /// Not started.
        Open = "open",
        /// Under way.
        InProgress = "in_progress",
        /// Done.
        Complete = "complete",
    }
}

crate::base::input::input! {
    /// An action of a review's plan, monitored by the Steering Group.
    pub struct Action {
        /// A reference for the action.
        pub id: String,
        /// The agency that owns it.
        pub owner: String = default,
        /// Its status.
        pub status: ActionStatus,
    }
}

crate::base::input::input! {
    /// A dated event in a case's timeline.
    pub struct CaseEvent {
        /// When.
        #[serde(with = "crate::base::dates::iso")]
        pub date: NaiveDate,
        /// Which stage was reached.
        pub stage: Stage,
    }
}

crate::base::input::input! {
    /// A review case: its reference (a published pseudonym and year at
    /// most, empty when not given), dated events, agreed extensions and
    /// action plan.
    pub struct Case {
        /// The reference, e.g. "Sylvie 2018".
        pub reference: String = default,
        /// Events in date order.
        pub events: Vec<CaseEvent>,
        /// Agreed extensions.
        pub extensions: Vec<Extension> = default,
        /// The action plan.
        pub actions: Vec<Action> = default,
    }
}

crate::base::input::input! {
    /// The input of the `dhr_case` rule ([`case_status`]).
    pub struct CaseInput {
        /// The case.
        pub case: Case,
        /// The date to evaluate for.
        #[serde(with = "crate::base::dates::iso")]
        pub as_of: NaiveDate,
    }
}

crate::base::input::input! {
    /// The input of the `dhr_transition` rule ([`replay`]).
    pub struct TransitionInput {
        /// Stages in order.
        pub events: Vec<Stage>,
    }
}

crate::base::input::input! {
    /// The input of the `dhr_portfolio` rule ([`portfolio`]).
    pub struct PortfolioInput {
        /// Each review's stages in order.
        pub cases: Vec<Vec<Stage>>,
    }
}

/// A case's status as of a date.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CaseStatus {
    /// The reference.
    pub reference: String,
    /// The last stage reached, other than `home_office_informed`.
    pub stage: Stage,
    /// Whether the Home Office was informed.
    pub home_office_informed: bool,
    /// What may come next.
    pub next_allowed: Vec<Stage>,
    /// Deadlines under the protocol version in force at notification.
    pub deadlines: Deadlines,
    /// Actions not yet complete.
    pub open_actions: u32,
    /// Whether the case could close now.
    pub can_close: bool,
    /// Why.
    pub explanation: Explanation,
}

/// The status of `case` as of `as_of`.
///
/// Errors: `events_out_of_order`, `event_after_as_of`, `invalid_transition`
/// (field `events[i].stage`), `actions_incomplete` (a `closed` event while
/// actions are open), and the deadline errors.
///
/// ```
/// use kcsp_core::dhr::{case_status, Case, CaseEvent, Stage};
/// use chrono::NaiveDate;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// let case = Case::new(
///     "Example 2023".into(),
///     vec![
///         CaseEvent::new(d(2023, 1, 10), Stage::Notified),
///         CaseEvent::new(d(2023, 2, 1), Stage::Commissioned),
///         CaseEvent::new(d(2023, 2, 3), Stage::HomeOfficeInformed),
///     ],
///     vec![],
///     vec![],
/// );
/// let s = case_status(kcsp_core::Context::kent(), &case, d(2023, 8, 2)).unwrap();
/// assert_eq!(s.deadlines.report_due, Some(d(2023, 8, 1)));
/// assert!(s.deadlines.report_overdue);
/// assert_eq!(s.next_allowed, [Stage::ChairAppointed]);
/// ```
pub fn case_status(ctx: &Context, case: &Case, as_of: NaiveDate) -> Result<CaseStatus> {
    let mut progress = Progress::default();
    let mut last: Option<NaiveDate> = None;
    let mut decided = None;
    let mut submitted = None;
    let open_actions = u32::try_from(
        case.actions
            .iter()
            .filter(|a| a.status != ActionStatus::Complete)
            .count(),
    )
    .unwrap_or(u32::MAX);
    for (i, e) in case.events.iter().enumerate() {
        let field = format!("events[{i}].date");
        if last.is_some_and(|l| e.date < l) {
            return Err(Error::new(
                ErrorKind::EventsOutOfOrder,
                field,
                format!("{} is earlier than the event before it", e.date),
            ));
        }
        if e.date > as_of {
            return Err(Error::new(
                ErrorKind::EventAfterAsOf,
                field,
                format!("{} is after the as-of date {as_of}", e.date),
            ));
        }
        last = Some(e.date);
        progress.step(&format!("events[{i}].stage"), e.stage)?;
        match e.stage {
            Stage::Commissioned => decided = Some((e.date, CommissionDecision::Commission)),
            Stage::NotCommissioned => decided = Some((e.date, CommissionDecision::NotCommission)),
            Stage::Submitted if submitted.is_none() => submitted = Some(e.date),
            Stage::Closed if open_actions > 0 => {
                return Err(Error::new(
                    ErrorKind::ActionsIncomplete,
                    format!("events[{i}].stage"),
                    format!(
                        "'{}' cannot close with {open_actions} action(s) incomplete",
                        quote(&case.reference)
                    ),
                ))
            }
            _ => {}
        }
    }
    let (Some(stage), Some(first)) = (progress.stage, case.events.first()) else {
        return Err(
            Error::new(ErrorKind::InvalidTransition, "events", "a review starts with notified")
                .with("allowed", "notified"),
        );
    };
    let deadlines = deadlines(
        ctx,
        &DeadlineInput {
            notified: first.date,
            decided: decided.map(|d| d.0),
            decision: decided.map(|d| d.1),
            submitted,
            as_of,
            extensions: case.extensions.clone(),
        },
    )?;
    let next_allowed = progress.allowed();
    let can_close = next_allowed.contains(&Stage::Closed) && open_actions == 0;
    let reason = format!(
        "{} is at {stage}; {open_actions} action(s) open; {}.",
        case.reference,
        if can_close {
            "it can close"
        } else {
            "it cannot close yet"
        }
    );
    let explanation = Explanation::new(CASE_ID, reason)
        .cite_all(ctx.citations(CASE_ID))
        .cite_all(&deadlines.explanation.citations)
        .figure("open_actions", open_actions);
    Ok(CaseStatus {
        reference: case.reference.clone(),
        stage,
        home_office_informed: progress.home_office_informed,
        next_allowed,
        deadlines,
        open_actions,
        can_close,
        explanation,
    })
}

/// Counts over many cases, with the ones overdue as of `as_of`.
pub fn portfolio_of_cases(ctx: &Context, cases: &[Case], as_of: NaiveDate) -> Result<Portfolio> {
    let mut progress = Vec::with_capacity(cases.len());
    let mut overdue = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        let s = case_status(ctx, c, as_of).map_err(|e| {
            let f = format!("cases[{i}].{}", e.field());
            e.at(f)
        })?;
        let d = &s.deadlines;
        if d.decision_overdue && !s.progress_has_decision() {
            overdue.push(OverdueCase {
                reference: c.reference.clone(),
                deadline: DeadlineKind::Decision,
                due: d.decision_due,
            });
        }
        if let (true, Some(due)) = (d.report_overdue && s.stage_before_submission(), d.report_due) {
            overdue.push(OverdueCase {
                reference: c.reference.clone(),
                deadline: DeadlineKind::Report,
                due,
            });
        }
        let mut p = Progress::default();
        for e in &c.events {
            p.step("", e.stage)?;
        }
        progress.push(p);
    }
    let mut out = count_portfolio(ctx, &progress);
    out.explanation
        .reason
        .push_str(&format!(" {} overdue as of {}.", overdue.len(), long(as_of)));
    out.overdue = overdue;
    Ok(out)
}

impl CaseStatus {
    fn progress_has_decision(&self) -> bool {
        self.stage != Stage::Notified
    }

    fn stage_before_submission(&self) -> bool {
        matches!(self.stage, Stage::Commissioned | Stage::ChairAppointed)
    }
}

crate::definitions::explain::results!(TransitionResult, Portfolio, CaseStatus);

#[cfg(feature = "python")]
crate::base::python::class!(OverdueCase);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::dates::parse_date;
    use Stage::*;

    fn d(s: &str) -> NaiveDate {
        parse_date("d", s).unwrap()
    }

    /// Every (state, stage) pair not in the legal table is refused.
    #[test]
    fn every_illegal_transition_is_refused() {
        let paths: &[&[Stage]] = &[
            &[],
            &[Notified],
            &[Notified, Commissioned],
            &[Notified, Commissioned, HomeOfficeInformed],
            &[Notified, Commissioned, ChairAppointed],
            &[Notified, Commissioned, HomeOfficeInformed, ChairAppointed],
            &[Notified, NotCommissioned],
            &[Notified, NotCommissioned, HomeOfficeInformed],
            &[Notified, NotCommissioned, HomeOfficeInformed, Closed],
            &[Notified, Commissioned, HomeOfficeInformed, ChairAppointed, Submitted],
            &[
                Notified,
                Commissioned,
                HomeOfficeInformed,
                ChairAppointed,
                Submitted,
                QaReturned,
            ],
            &[
                Notified,
                Commissioned,
                HomeOfficeInformed,
                ChairAppointed,
                Submitted,
                QaApproved,
            ],
            &[
                Notified,
                Commissioned,
                HomeOfficeInformed,
                ChairAppointed,
                Submitted,
                QaApproved,
                Published,
            ],
            &[
                Notified,
                Commissioned,
                HomeOfficeInformed,
                ChairAppointed,
                Submitted,
                QaApproved,
                Published,
                Closed,
            ],
        ];
        let legal: &[&[Stage]] = &[
            &[Notified],
            &[Commissioned, NotCommissioned],
            &[HomeOfficeInformed, ChairAppointed],
            &[ChairAppointed],
            &[HomeOfficeInformed],
            &[Submitted],
            &[HomeOfficeInformed],
            &[Closed],
            &[],
            &[QaReturned, QaApproved],
            &[Submitted],
            &[Published],
            &[Closed],
            &[],
        ];
        let mut refused = 0;
        for (path, ok) in paths.iter().zip(legal) {
            let p = progress_of("e", path).unwrap();
            for next in Stage::ALL {
                let mut q = p;
                let r = q.step("x", *next);
                if ok.contains(next) {
                    assert!(r.is_ok(), "{path:?} -> {next}");
                } else {
                    let e = r.unwrap_err();
                    assert_eq!(e.code(), "invalid_transition", "{path:?} -> {next}");
                    assert_eq!(e.details()["to"], next.as_str());
                    refused += 1;
                }
            }
        }
        assert_eq!(refused, 14 * 10 - legal.iter().map(|l| l.len()).sum::<usize>());
    }

    #[test]
    fn home_office_informed_once_only() {
        use Stage::*;
        let e = replay(
            Context::kent(),
            &[Notified, Commissioned, HomeOfficeInformed, HomeOfficeInformed],
        )
        .unwrap_err();
        assert_eq!(e.field(), "events[3]");
        let e = replay(Context::kent(), &[Notified, HomeOfficeInformed]).unwrap_err();
        assert_eq!(e.code(), "invalid_transition");
        assert_eq!(replay(Context::kent(), &[]).unwrap_err().code(), "invalid_transition");
        let e = crate::boundary::json::evaluate(
            "dhr_transition",
            &serde_json::json!({"events": ["notified", "drafted"]}),
        )
        .unwrap_err();
        assert_eq!((e.code(), e.field()), ("unknown_stage", "events[1]"));
    }

    fn case(events: &[(&str, Stage)], actions: &[ActionStatus]) -> Case {
        Case {
            reference: "Test 2020".into(),
            events: events
                .iter()
                .map(|(dt, s)| CaseEvent { date: d(dt), stage: *s })
                .collect(),
            extensions: vec![],
            actions: actions
                .iter()
                .enumerate()
                .map(|(i, s)| Action {
                    id: format!("A{i}"),
                    owner: "kent_police".into(),
                    status: *s,
                })
                .collect(),
        }
    }

    #[test]
    fn closing_needs_every_action_complete() {
        let ev = [
            ("2020-01-10", Notified),
            ("2020-02-01", Commissioned),
            ("2020-02-02", HomeOfficeInformed),
            ("2020-02-10", ChairAppointed),
            ("2020-07-01", Submitted),
            ("2020-09-01", QaApproved),
            ("2020-10-01", Published),
        ];
        let open = case(&ev, &[ActionStatus::Complete, ActionStatus::InProgress]);
        let s = case_status(Context::kent(), &open, d("2021-01-01")).unwrap();
        assert!(!s.can_close);
        assert_eq!(s.open_actions, 1);
        let mut closed = open.clone();
        closed.events.push(CaseEvent {
            date: d("2020-12-01"),
            stage: Closed,
        });
        assert_eq!(
            case_status(Context::kent(), &closed, d("2021-01-01"))
                .unwrap_err()
                .code(),
            "actions_incomplete"
        );
        closed.actions[1].status = ActionStatus::Complete;
        let s = case_status(Context::kent(), &closed, d("2021-01-01")).unwrap();
        assert_eq!(s.stage, Closed);
        assert!(!s.deadlines.report_overdue);
    }

    #[test]
    fn timeline_errors() {
        let k = Context::kent();
        let c = case(&[("2020-01-10", Notified), ("2020-01-09", Commissioned)], &[]);
        assert_eq!(
            case_status(k, &c, d("2021-01-01")).unwrap_err().code(),
            "events_out_of_order"
        );
        let c = case(&[("2020-01-10", Notified), ("2021-01-09", Commissioned)], &[]);
        assert_eq!(
            case_status(k, &c, d("2021-01-01")).unwrap_err().code(),
            "event_after_as_of"
        );
        let c = case(&[("2020-01-10", Commissioned)], &[]);
        let e = case_status(k, &c, d("2021-01-01")).unwrap_err();
        assert_eq!((e.code(), e.field()), ("invalid_transition", "events[0].stage"));
        assert_eq!(
            case_status(k, &case(&[], &[]), d("2021-01-01")).unwrap_err().code(),
            "invalid_transition"
        );
    }

    #[test]
    fn portfolio_overdue() {
        let k = Context::kent();
        let cases = vec![
            case(&[("2023-01-10", Notified)], &[]),
            case(
                &[
                    ("2023-01-10", Notified),
                    ("2023-02-01", Commissioned),
                    ("2023-02-02", HomeOfficeInformed),
                ],
                &[],
            ),
            case(&[("2023-05-10", Notified)], &[]),
        ];
        let p = portfolio_of_cases(k, &cases, d("2023-08-02")).unwrap();
        assert_eq!(p.considered, 3);
        assert_eq!(p.commissioned, 1);
        assert_eq!(p.overdue.len(), 3);
        assert_eq!(p.overdue[0].deadline, DeadlineKind::Decision);
        assert_eq!(p.overdue[1].deadline, DeadlineKind::Report);
        assert_eq!(p.overdue[1].due, d("2023-08-01"));
        assert_eq!(p.by_stage[&Notified], 2);
    }
}
