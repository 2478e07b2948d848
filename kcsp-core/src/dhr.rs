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

use crate::context::Context;
use crate::error::{quote, Error, ErrorKind, Result};
use crate::explain::Explanation;
use crate::protocol::{deadlines, CommissionDecision, DeadlineInput, DeadlineKind, Deadlines, Extension};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A stage of a review.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The police told the CSP in writing.
    Notified,
    /// A review was commissioned.
    Commissioned,
    /// No review was commissioned.
    NotCommissioned,
    /// The Home Office was told of the decision.
    HomeOfficeInformed,
    /// An independent chair was appointed and a panel set up.
    ChairAppointed,
    /// The overview report went to the Home Office quality-assurance panel.
    Submitted,
    /// The panel returned it for changes.
    QaReturned,
    /// The panel approved it.
    QaApproved,
    /// Published, anonymised.
    Published,
    /// Closed: every action complete (or not commissioned).
    Closed,
}

const STAGES: &[(&str, Stage)] = &[
    ("notified", Stage::Notified),
    ("commissioned", Stage::Commissioned),
    ("not_commissioned", Stage::NotCommissioned),
    ("home_office_informed", Stage::HomeOfficeInformed),
    ("chair_appointed", Stage::ChairAppointed),
    ("submitted", Stage::Submitted),
    ("qa_returned", Stage::QaReturned),
    ("qa_approved", Stage::QaApproved),
    ("published", Stage::Published),
    ("closed", Stage::Closed),
];

impl Stage {
    /// Parses a stage name (`unknown_stage` otherwise).
    ///
    /// ```
    /// use kcsp_core::dhr::Stage;
    /// assert_eq!(Stage::parse("events[0]", "qa_approved").unwrap(), Stage::QaApproved);
    /// assert_eq!(Stage::parse("events[0]", "drafted").unwrap_err().code(), "unknown_stage");
    /// ```
    pub fn parse(field: &str, text: &str) -> Result<Stage> {
        STAGES.iter().find(|(n, _)| *n == text).map(|(_, s)| *s).ok_or_else(|| {
            let names: Vec<&str> = STAGES.iter().map(|(n, _)| *n).collect();
            Error::new(
                ErrorKind::UnknownStage,
                field,
                format!("'{}' is not a review stage", quote(text)),
            )
            .with("value", quote(text))
            .with("allowed", names.join(", "))
        })
    }

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        STAGES.iter().find(|(_, s)| *s == self).map_or("", |(n, _)| n)
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a review is: its last stage (not counting `home_office_informed`)
/// and whether the Home Office has been told.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Progress {
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
    ///
    /// ```
    /// use kcsp_core::dhr::{Progress, Stage};
    /// let mut p = Progress::default();
    /// p.step("events[0]", Stage::Notified).unwrap();
    /// assert_eq!(p.allowed(), [Stage::Commissioned, Stage::NotCommissioned]);
    /// ```
    pub fn allowed(&self) -> Vec<Stage> {
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
    pub fn step(&mut self, field: &str, next: Stage) -> Result<()> {
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
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
/// let r = replay(kent, &["notified", "commissioned", "chair_appointed", "home_office_informed", "submitted"]).unwrap();
/// assert_eq!(r.stage, Stage::Submitted);
/// let e = replay(kent, &["notified", "commissioned", "home_office_informed", "chair_appointed", "submitted", "published"]).unwrap_err();
/// assert_eq!(e.code(), "invalid_transition");
/// assert_eq!(e.details()["allowed"], "qa_returned, qa_approved");
/// ```
pub fn replay<S: AsRef<str>>(ctx: &Context, events: &[S]) -> Result<TransitionResult> {
    let stages = events
        .iter()
        .enumerate()
        .map(|(i, e)| Stage::parse(&format!("events[{i}]"), e.as_ref()))
        .collect::<Result<Vec<_>>>()?;
    replay_stages(ctx, "events", &stages)
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
        explanation: Explanation::new("dhr_transition", reason)
            .cite_all(ctx.citations("dhr_transition"))
            .figure("events", stages.len()),
    })
}

/// Counts over many reviews.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
        explanation: Explanation::new("dhr_portfolio", reason).cite_all(ctx.citations("dhr_portfolio")),
    }
}

/// Counts over many reviews, each given as its stage names in order.
///
/// Errors: `unknown_stage`, `invalid_transition` (field `cases[i][j]`).
///
/// ```
/// use kcsp_core::dhr::portfolio;
/// let p = portfolio(kcsp_core::Context::kent(), &[
///     vec!["notified", "commissioned", "home_office_informed", "chair_appointed", "submitted", "qa_approved"],
///     vec!["notified", "not_commissioned", "home_office_informed", "closed"],
/// ]).unwrap();
/// assert_eq!((p.considered, p.commissioned, p.qa_completed, p.published), (2, 1, 1, 0));
/// ```
pub fn portfolio<S: AsRef<str>>(ctx: &Context, cases: &[Vec<S>]) -> Result<Portfolio> {
    let mut progress = Vec::with_capacity(cases.len());
    for (i, events) in cases.iter().enumerate() {
        let stages = events
            .iter()
            .enumerate()
            .map(|(j, e)| Stage::parse(&format!("cases[{i}][{j}]"), e.as_ref()))
            .collect::<Result<Vec<_>>>()?;
        let p = progress_of(&format!("cases[{i}]"), &stages)?;
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

/// The status of an action in a review's action plan.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Not started.
    Open,
    /// Under way.
    InProgress,
    /// Done.
    Complete,
}

impl ActionStatus {
    /// Parses `open`, `in_progress` or `complete` (`invalid_action_status` otherwise).
    pub fn parse(field: &str, text: &str) -> Result<ActionStatus> {
        match text {
            "open" => Ok(ActionStatus::Open),
            "in_progress" => Ok(ActionStatus::InProgress),
            "complete" => Ok(ActionStatus::Complete),
            _ => Err(Error::new(
                ErrorKind::InvalidActionStatus,
                field,
                format!("'{}' is not an action status", quote(text)),
            )
            .with("allowed", "open, in_progress, complete")),
        }
    }
}

/// An action of a review's plan, monitored by the Steering Group.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// A reference for the action.
    pub id: String,
    /// The agency that owns it.
    pub owner: String,
    /// Its status.
    pub status: ActionStatus,
}

/// A dated event in a case's timeline.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseEvent {
    /// When.
    pub date: NaiveDate,
    /// Which stage was reached.
    pub stage: Stage,
}

/// A review case: its reference (a published pseudonym and year at most),
/// dated events, agreed extensions and action plan.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// The reference, e.g. "Sylvie 2018".
    pub reference: String,
    /// Events in date order.
    pub events: Vec<CaseEvent>,
    /// Agreed extensions.
    #[serde(default)]
    pub extensions: Vec<Extension>,
    /// The action plan.
    #[serde(default)]
    pub actions: Vec<Action>,
}

/// A case's status as of a date.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
/// use kcsp_core::dhr::{case_status, Action, ActionStatus, Case, CaseEvent, Stage};
/// use kcsp_core::protocol::Protocols;
/// use chrono::NaiveDate;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// let case = Case {
///     reference: "Example 2023".into(),
///     events: vec![
///         CaseEvent { date: d(2023, 1, 10), stage: Stage::Notified },
///         CaseEvent { date: d(2023, 2, 1), stage: Stage::Commissioned },
///         CaseEvent { date: d(2023, 2, 3), stage: Stage::HomeOfficeInformed },
///     ],
///     extensions: vec![],
///     actions: vec![],
/// };
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
        },
        &case.extensions,
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
    let explanation = Explanation::new("dhr_case", reason)
        .cite_all(ctx.citations("dhr_case"))
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
        .push_str(&format!(" {} overdue as of {as_of}.", overdue.len()));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_date;
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
            for (_, next) in STAGES {
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
        let e = replay(
            Context::kent(),
            &[
                "notified",
                "commissioned",
                "home_office_informed",
                "home_office_informed",
            ],
        )
        .unwrap_err();
        assert_eq!(e.field(), "events[3]");
        let e = replay(Context::kent(), &["notified", "home_office_informed"]).unwrap_err();
        assert_eq!(e.code(), "invalid_transition");
        assert_eq!(
            replay::<&str>(Context::kent(), &[]).unwrap_err().code(),
            "invalid_transition"
        );
        assert_eq!(
            replay(Context::kent(), &["notified", "drafted"]).unwrap_err().code(),
            "unknown_stage"
        );
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
