//! The report's findings: every record of the data judged once by the core,
//! and the exceptions a manager reads first. The HTML page is drawn from
//! these; the text report calls the same helpers.

use crate::data::{DhrData, GrantYear, Meeting, ReportData};
use chrono::NaiveDate;
use kcsp_core::action_plan::{self, PlanProgress};
use kcsp_core::cadence::{self, CadenceResult};
use kcsp_core::chair::{self, TermStatus};
use kcsp_core::csa::{self, Priorities};
use kcsp_core::dhr::{self, CaseStatus, Portfolio};
use kcsp_core::grant::{self, Ledger, LedgerInput};
use kcsp_core::match_funding::{match_funding, MatchFunding};
use kcsp_core::papers::{self, PapersResult};
use kcsp_core::quorum::{self, QuorumResult};
use kcsp_core::reconcile::{self, Reconciliation, Statement};
use kcsp_core::review::{self, ReviewStatus};
use kcsp_core::tactical::{self, Facts, TacticalAccess};
use kcsp_core::{Context, Error};

/// A grant year evaluated.
#[derive(Debug)]
pub struct GrantYearResult {
    /// The ledger.
    pub ledger: Ledger,
    /// Stated versus computed.
    pub reconciliation: Reconciliation,
    /// Tactical access, where gates were given.
    pub access: Option<TacticalAccess>,
    /// Match funding of projects with a total cost.
    pub match_funding: Vec<(String, MatchFunding)>,
}

/// Evaluates one grant year.
pub fn grant_year(ctx: &Context, y: &GrantYear) -> Result<GrantYearResult, Error> {
    let year = y.year;
    let access = y.gates.as_ref().map(|g| {
        let facts = Facts {
            earlier_projects_complete: g.earlier_projects_complete,
            upfront_cases_decided: g.upfront_cases_decided,
            closed_from: None,
        };
        tactical::access(ctx, year, &facts, g.as_of)
    });
    let input = LedgerInput::new(
        year,
        y.allocation,
        Some(access.as_ref().map_or(y.tactical_open, |a| a.open)),
        y.projects.iter().map(|p| p.project.clone()).collect(),
    );
    let ledger = grant::ledger(ctx, &input)?;
    let statement = Statement {
        figures: y.stated.figures.clone(),
        projects: y.stated.projects.clone(),
    };
    let reconciliation = reconcile::reconcile(&ledger, &statement);
    let mut mf = Vec::new();
    for (p, row) in ledger.projects.iter().zip(&y.projects) {
        if let Some(total) = row.match_total_cost {
            mf.push((p.name.clone(), match_funding(ctx, p.amount, total)?));
        }
    }
    Ok(GrantYearResult {
        ledger,
        reconciliation,
        access,
        match_funding: mf,
    })
}

/// The 2011-2014 DHR portfolio.
pub fn dhr_portfolio(ctx: &Context, d: &DhrData) -> Result<Portfolio, Error> {
    dhr::portfolio(ctx, &d.portfolio_2011_2014)
}

/// The papers deadline of a meeting, or `None` where its body's terms set
/// no notice for papers (`no_notice_rule`): nothing to judge.
pub fn papers_of(ctx: &Context, m: &Meeting) -> Result<Option<PapersResult>, Error> {
    match papers::deadline(ctx, &m.body, m.date, m.papers_circulated) {
        Ok(p) => Ok(Some(p)),
        Err(e) if e.code() == "no_notice_rule" => Ok(None),
        Err(e) => Err(e),
    }
}

/// A meeting judged.
#[derive(Debug)]
pub struct MeetingFinding<'a> {
    /// The record.
    pub meeting: &'a Meeting,
    /// The body's name.
    pub body_name: String,
    /// Quorum, where the attendance is recorded.
    pub quorum: Option<QuorumResult>,
    /// The papers deadline, where the body's terms set notice.
    pub papers: Option<PapersResult>,
    /// Its anchor in the page.
    pub anchor: String,
}

/// What the papers of a meeting show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PapersState {
    /// Sent in time.
    OnTime,
    /// Sent late.
    Late,
    /// The dispatch date is not in the records.
    NotRecorded,
    /// The body's terms set no notice.
    NoRule,
}

impl MeetingFinding<'_> {
    /// What the papers show.
    pub fn papers_state(&self) -> PapersState {
        match &self.papers {
            None => PapersState::NoRule,
            Some(p) => match p.compliant {
                Some(true) => PapersState::OnTime,
                Some(false) => PapersState::Late,
                None => PapersState::NotRecorded,
            },
        }
    }
}

/// A chair's term judged: its status, or why there is none (an ex officio
/// chair with no term).
#[derive(Debug)]
pub struct ChairFinding<'a> {
    /// The record.
    pub record: &'a crate::data::ChairTerm,
    /// The body's name.
    pub body_name: String,
    /// The status, or the error saying there is no fixed term.
    pub status: Result<TermStatus, Error>,
}

/// A grant year judged.
#[derive(Debug)]
pub struct GrantFinding<'a> {
    /// The record.
    pub record: &'a GrantYear,
    /// The ledger and the rest, or why it could not be drawn (a pot
    /// overspent, a row not read).
    pub result: Result<GrantYearResult, String>,
    /// Its anchor in the page.
    pub anchor: String,
}

/// What kind of exception.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A row of a CSV file could not be read.
    RowNotRead,
    /// A meeting or year that could not be judged.
    NotJudged,
    /// An inquorate meeting.
    Inquorate,
    /// Papers sent late.
    PapersLate,
    /// The terms-of-reference review is overdue.
    ReviewOverdue,
    /// A chair election is overdue.
    ElectionOverdue,
    /// A financial year whose meeting cadence was not kept.
    CadenceNotKept,
    /// A grant ledger refused (a pot overspent or over-approved).
    LedgerRefused,
    /// A warning of a grant ledger (requests above a pot).
    GrantWarning,
    /// A printed figure that disagrees with the computed one.
    Discrepancy,
    /// An action of the Community Safety Agreement's plan overdue.
    ActionOverdue,
    /// A DHR deadline passed.
    DhrOverdue,
}

impl Kind {
    /// Every kind, in the order the summary lists them.
    pub const ALL: [Kind; 12] = [
        Kind::Inquorate,
        Kind::PapersLate,
        Kind::ReviewOverdue,
        Kind::ElectionOverdue,
        Kind::CadenceNotKept,
        Kind::LedgerRefused,
        Kind::GrantWarning,
        Kind::Discrepancy,
        Kind::ActionOverdue,
        Kind::DhrOverdue,
        Kind::NotJudged,
        Kind::RowNotRead,
    ];

    /// Its key (`data-count` in the page).
    pub fn key(self) -> &'static str {
        match self {
            Kind::RowNotRead => "rows_not_read",
            Kind::NotJudged => "not_judged",
            Kind::Inquorate => "inquorate",
            Kind::PapersLate => "papers_late",
            Kind::ReviewOverdue => "review_overdue",
            Kind::ElectionOverdue => "election_overdue",
            Kind::CadenceNotKept => "cadence_not_kept",
            Kind::LedgerRefused => "ledger_refused",
            Kind::GrantWarning => "grant_warning",
            Kind::Discrepancy => "discrepancy",
            Kind::ActionOverdue => "action_overdue",
            Kind::DhrOverdue => "dhr_overdue",
        }
    }

    /// Its label in the summary.
    pub fn label(self) -> &'static str {
        match self {
            Kind::RowNotRead => "Rows of a file not read",
            Kind::NotJudged => "Records not judged",
            Kind::Inquorate => "Meetings not quorate",
            Kind::PapersLate => "Papers sent late",
            Kind::ReviewOverdue => "Terms-of-reference review overdue",
            Kind::ElectionOverdue => "Chair elections overdue",
            Kind::CadenceNotKept => "Years the meeting cadence was not kept",
            Kind::LedgerRefused => "Grant years refused (a pot overspent)",
            Kind::GrantWarning => "Grant warnings",
            Kind::Discrepancy => "Printed figures that disagree",
            Kind::ActionOverdue => "Action plan items overdue",
            Kind::DhrOverdue => "DHR deadlines passed",
        }
    }
}

/// An exception: what needs attention, linking to its detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    /// What kind.
    pub kind: Kind,
    /// In a sentence.
    pub text: String,
    /// The anchor of its detail.
    pub anchor: String,
}

/// Every record of a report's data judged.
#[derive(Debug)]
pub struct Findings<'a> {
    /// The data.
    pub data: &'a ReportData,
    /// The meetings, in the data's order.
    pub meetings: Vec<MeetingFinding<'a>>,
    /// The terms-of-reference review of the principal body.
    pub review: ReviewStatus,
    /// The principal body's id.
    pub principal: String,
    /// Every body of the partnership: id and name.
    pub bodies: Vec<(String, String)>,
    /// Cadence per body and financial year: the result, or why there is none.
    pub cadence: Vec<(String, String, Result<CadenceResult, Error>)>,
    /// Chair terms.
    pub chairs: Vec<ChairFinding<'a>>,
    /// Grant years.
    pub grants: Vec<GrantFinding<'a>>,
    /// The agreement's priorities on the report's date.
    pub priorities: Priorities,
    /// The action plan's progress.
    pub plan: PlanProgress,
    /// The 2011-2014 portfolio.
    pub portfolio: Portfolio,
    /// Each DHR case.
    pub cases: Vec<CaseStatus>,
    /// Every case's deadlines passed.
    pub cases_portfolio: Portfolio,
}

/// The anchor of a meeting's detail.
pub fn meeting_anchor(body: &str, date: NaiveDate) -> String {
    format!("meeting-{body}-{date}")
}

/// The name of body `id`, or the id where the partnership has none.
pub fn body_name(ctx: &Context, id: &str) -> String {
    ctx.partnership()
        .body(id)
        .map_or_else(|_| id.to_string(), |b| b.name.clone())
}

impl<'a> Findings<'a> {
    /// Judges every record of `data` in `ctx`. Fails where the text report
    /// fails (a record the rules refuse), except a grant ledger refused,
    /// which becomes an exception.
    pub fn of(ctx: &Context, data: &'a ReportData) -> Result<Findings<'a>, Error> {
        let mut meetings = Vec::with_capacity(data.meetings.len());
        for m in &data.meetings {
            let quorum = match &m.present {
                Some(p) => Some(quorum::check(ctx, &m.body, m.date, p)?),
                None => None,
            };
            meetings.push(MeetingFinding {
                meeting: m,
                body_name: body_name(ctx, &m.body),
                quorum,
                papers: papers_of(ctx, m)?,
                anchor: meeting_anchor(&m.body, m.date),
            });
        }
        let principal = ctx.partnership().principal_body()?.to_string();
        let review = review::tor_review(ctx, &principal, &data.tor_approvals.dates, data.as_of)?;
        let register: Vec<(&str, NaiveDate)> = data.meetings.iter().map(|m| (m.body.as_str(), m.date)).collect();
        let cadence = cadence::register(ctx, &register)
            .into_iter()
            .map(|row| (row.body.to_string(), row.year.to_string(), row.outcome))
            .collect();
        let chairs = data
            .chair_terms
            .iter()
            .map(|t| ChairFinding {
                record: t,
                body_name: body_name(ctx, &t.body),
                status: chair::term_status(ctx, &t.body, &t.elected, data.as_of),
            })
            .collect();
        let grants = data
            .grant_years
            .iter()
            .map(|y| GrantFinding {
                record: y,
                result: match (&y.unjudged, &y.refused) {
                    (Some(why), _) | (None, Some(why)) => Err(why.clone()),
                    (None, None) => grant_year(ctx, y).map_err(|e| e.message().to_string()),
                },
                anchor: format!("grant-{}", y.year.to_string().replace('/', "-")),
            })
            .collect();
        let plan = &data.csa_action_plan;
        Ok(Findings {
            data,
            meetings,
            review,
            principal,
            bodies: ctx
                .partnership()
                .bodies()
                .iter()
                .map(|b| (b.id.as_str().to_string(), b.name.clone()))
                .collect(),
            cadence,
            chairs,
            grants,
            priorities: csa::priorities(ctx, data.as_of)?,
            plan: action_plan::progress(ctx, plan.as_of, &plan.items)?,
            portfolio: dhr_portfolio(ctx, &data.dhr)?,
            cases: data
                .dhr
                .cases
                .iter()
                .map(|c| dhr::case_status(ctx, c, data.as_of))
                .collect::<Result<_, _>>()?,
            cases_portfolio: dhr::portfolio_of_cases(ctx, &data.dhr.cases, data.as_of)?,
        })
    }

    /// Every exception, in the order of [`Kind::ALL`].
    pub fn exceptions(&self) -> Vec<Exception> {
        let mut out = Vec::new();
        let mut push = |kind: Kind, text: String, anchor: &str| {
            out.push(Exception {
                kind,
                text,
                anchor: anchor.to_string(),
            })
        };
        for m in &self.meetings {
            let when = kcsp_core::dates::long(m.meeting.date);
            if m.quorum.as_ref().is_some_and(|q| !q.quorate) {
                push(
                    Kind::Inquorate,
                    format!("{}, {when}: not quorate", m.body_name),
                    &m.anchor,
                );
            }
            if m.papers_state() == PapersState::Late {
                push(
                    Kind::PapersLate,
                    format!("{}, {when}: papers sent late", m.body_name),
                    &m.anchor,
                );
            }
        }
        if self.review.overdue {
            push(
                Kind::ReviewOverdue,
                format!(
                    "Terms-of-reference review was due by {}",
                    kcsp_core::dates::long(self.review.next_due)
                ),
                "review",
            );
        }
        for c in &self.chairs {
            if let Ok(s) = &c.status {
                if s.overdue {
                    push(
                        Kind::ElectionOverdue,
                        format!(
                            "{}: chair election was due by {}",
                            c.body_name,
                            kcsp_core::dates::long(s.next_due)
                        ),
                        "chairs",
                    );
                }
            }
        }
        for (body, year, r) in &self.cadence {
            if let Ok(c) = r {
                if c.compliant == Some(false) {
                    push(
                        Kind::CadenceNotKept,
                        format!("{}, {year}: meeting cadence not kept", self.name_of(body)),
                        "cadence",
                    );
                }
            }
        }
        for g in &self.grants {
            let year = g.record.year;
            match &g.result {
                Err(why) if g.record.unjudged.is_some() => {
                    push(Kind::NotJudged, format!("Grant year {year}: {why}"), &g.anchor)
                }
                Err(why) => push(Kind::LedgerRefused, format!("Grant year {year}: {why}"), &g.anchor),
                Ok(r) => {
                    for w in &r.ledger.warnings {
                        push(
                            Kind::GrantWarning,
                            format!("Grant year {year}: {}", w.message),
                            &g.anchor,
                        );
                    }
                    for d in &r.reconciliation.discrepancies {
                        push(
                            Kind::Discrepancy,
                            format!("Grant year {year}: {}", d.message),
                            &g.anchor,
                        );
                    }
                }
            }
        }
        for id in &self.plan.overdue {
            push(Kind::ActionOverdue, format!("Action plan item {id} overdue"), "csa");
        }
        for od in &self.cases_portfolio.overdue {
            push(
                Kind::DhrOverdue,
                format!(
                    "{}: {} deadline was {}",
                    od.reference,
                    od.deadline,
                    kcsp_core::dates::long(od.due)
                ),
                &case_anchor(&od.reference),
            );
        }
        for u in &self.data.unjudged_meetings {
            push(Kind::NotJudged, format!("{}: {}", u.what, u.why), "rows-not-read");
        }
        for p in &self.data.problems {
            push(
                Kind::RowNotRead,
                format!("{}: {}", p.place(), p.message),
                "rows-not-read",
            );
        }
        out.sort_by_key(|e| Kind::ALL.iter().position(|k| *k == e.kind));
        out
    }

    /// The name of body `id` as the page shows it.
    pub fn name_of(&self, id: &str) -> String {
        self.bodies
            .iter()
            .find(|(b, _)| b == id)
            .map_or_else(|| id.to_string(), |(_, n)| n.clone())
    }
}

/// The anchor of a DHR case's detail.
pub fn case_anchor(reference: &str) -> String {
    let slug: String = reference
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("case-{slug}")
}
