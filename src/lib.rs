//! Workspace support for the examples and tests: the data-file format of the
//! compliance report (`examples/data/*.json`) and its rendering as text.
//!
//! The rules themselves all live in `kcsp-core`; this crate only reads a
//! partnership year's records, calls the core, and lays the answers out.

#![forbid(unsafe_code)]

use chrono::NaiveDate;
use kcsp_core::action_plan::{self, Item};
use kcsp_core::dhr::{self, Case, Portfolio, Stage};
use kcsp_core::grant::{self, Ledger, LedgerInput, Project};
use kcsp_core::match_funding::{match_funding, MatchFunding};
use kcsp_core::reconcile::{self, Reconciliation, StatedFigure, StatedProject, Statement};
use kcsp_core::tactical::{self, Facts, TacticalAccess};
use kcsp_core::{cadence, chair, csa, papers, quorum, review, Context, Error, FinancialYear, Money};
use serde::Deserialize;
use std::fmt::Write;

/// A partnership's records for the report.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportData {
    /// The report's title.
    pub title: String,
    /// The date the report is made for.
    pub as_of: NaiveDate,
    /// Notes printed at the top (what is from the sources, what is illustrative).
    pub notes: Vec<String>,
    /// Meetings.
    pub meetings: Vec<Meeting>,
    /// Terms-of-reference approvals.
    pub tor_approvals: Approvals,
    /// Chair elections per body.
    pub chair_terms: Vec<ChairTerm>,
    /// Grant years.
    pub grant_years: Vec<GrantYear>,
    /// Domestic Homicide Reviews.
    pub dhr: DhrData,
    /// The Community Safety Agreement's action plan.
    pub csa_action_plan: CsaPlan,
}

/// An action plan of the Community Safety Agreement.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CsaPlan {
    /// Where the items come from.
    pub source: String,
    /// Where the statuses come from.
    pub statuses: String,
    /// The date to report progress for.
    pub as_of: NaiveDate,
    /// The items, as the rule takes them.
    pub items: Vec<Item>,
}

/// A meeting.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// The body.
    pub body: String,
    /// The date.
    pub date: NaiveDate,
    /// When the papers went out, if known.
    pub papers_circulated: Option<NaiveDate>,
    /// Where the date comes from.
    pub source: String,
    /// Organisations present.
    pub present: Vec<String>,
    /// Where the attendance comes from.
    pub present_source: String,
}

/// Approval dates.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approvals {
    /// The dates.
    pub dates: Vec<NaiveDate>,
    /// Where they come from.
    pub source: String,
}

/// A body's chair elections.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChairTerm {
    /// The body.
    pub body: String,
    /// Election dates.
    pub elected: Vec<NaiveDate>,
    /// Where they come from.
    pub source: String,
}

/// A project row of a grant year: the core's project, and the project's
/// total cost where the grant is match-funded.
#[derive(Debug, Deserialize)]
pub struct ProjectRow {
    /// The project as the ledger takes it.
    #[serde(flatten)]
    pub project: Project,
    /// The project's total cost, where the grant is match-funded.
    pub match_total_cost: Option<Money>,
}

/// Tactical-pot gates as the records give them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gates {
    /// Were earlier years' projects complete?
    pub earlier_projects_complete: Option<bool>,
    /// Were all upfront cases decided?
    pub upfront_cases_decided: Option<bool>,
    /// The date to evaluate access for.
    pub as_of: NaiveDate,
}

/// Figures a report stated.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatedData {
    /// Figures.
    pub figures: Vec<StatedFigure>,
    /// Project amounts.
    pub projects: Vec<StatedProject>,
}

/// A grant year's records.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantYear {
    /// `2022/23`.
    pub year: FinancialYear,
    /// The allocation.
    pub allocation: Money,
    /// Whether the tactical pot was open (ignored when `gates` is given).
    #[serde(default = "yes")]
    pub tactical_open: bool,
    /// Where the figures come from.
    pub source: String,
    /// A note.
    #[serde(default)]
    pub note: Option<String>,
    /// Tactical gates.
    #[serde(default)]
    pub gates: Option<Gates>,
    /// Projects.
    pub projects: Vec<ProjectRow>,
    /// What the documents stated.
    pub stated: StatedData,
}

fn yes() -> bool {
    true
}

/// DHR records.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DhrData {
    /// Where the portfolio comes from.
    pub portfolio_source: String,
    /// The 2011-2014 portfolio as stage lists.
    pub portfolio_2011_2014: Vec<Vec<Stage>>,
    /// Where the cases come from.
    pub cases_source: String,
    /// Dated cases.
    pub cases: Vec<Case>,
}

/// Reads the data file.
pub fn load(text: &str) -> Result<ReportData, String> {
    serde_json::from_str(text).map_err(|e| format!("report data: {e}"))
}

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

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "NO"
    }
}

/// Renders the whole report as text, evaluated in `ctx`.
pub fn render(ctx: &Context, data: &ReportData) -> Result<String, Error> {
    let mut o = String::new();
    let w = &mut o;
    let _ = writeln!(w, "{}\nas of {}\n", data.title, data.as_of);
    for n in &data.notes {
        let _ = writeln!(w, "  * {n}");
    }

    let _ = writeln!(w, "\n== Meetings ==");
    for m in &data.meetings {
        let q = quorum::check(ctx, &m.body, m.date, &m.present)?;
        let _ = writeln!(w, "\n{} {} ({})", m.date, q.body, m.source);
        let _ = writeln!(w, "  quorate: {} -- {}", yes_no(q.quorate), q.explanation.reason);
        let _ = writeln!(w, "    attendance: {}", m.present_source);
        if !q.missing.is_empty() {
            let _ = writeln!(w, "    seats missing: {}", q.missing.join(", "));
        }
        if !q.not_counted.is_empty() {
            let names: Vec<&str> = q.not_counted.iter().map(|o| o.as_str()).collect();
            let _ = writeln!(w, "    present but not counted: {}", names.join(", "));
        }
        if m.body == "kcsp" {
            let p = papers::deadline(ctx, &m.body, m.date, m.papers_circulated)?;
            match (p.circulated, p.compliant) {
                (Some(c), Some(ok)) => {
                    let _ = writeln!(
                        w,
                        "  papers on time: {} -- sent {c}, {} clear working days; latest dispatch day {}",
                        yes_no(ok),
                        p.clear_working_days.unwrap_or(0),
                        p.latest_circulation
                    );
                }
                _ => {
                    let _ = writeln!(
                        w,
                        "  papers: dispatch date not in the sources; latest dispatch day {}",
                        p.latest_circulation
                    );
                }
            }
        }
    }

    let _ = writeln!(w, "\n== Terms-of-reference review ==");
    let r = review::tor_review(ctx, "kcsp", &data.tor_approvals.dates, data.as_of)?;
    let _ = writeln!(w, "  {} ({})", r.explanation.reason, data.tor_approvals.source);
    for c in &r.explanation.citations {
        let _ = writeln!(w, "    per {c}");
    }

    render_cadence(ctx, data, w)?;

    let _ = writeln!(w, "\n== Chair terms ==");
    for t in &data.chair_terms {
        match chair::term_status(ctx, &t.body, &t.elected, data.as_of) {
            Ok(s) => {
                let _ = writeln!(w, "  {}: {} [{}]", t.body, s.explanation.reason, t.source);
            }
            Err(e) if e.code() == "no_fixed_term" => {
                let _ = writeln!(w, "  {}: no fixed term -- {}", t.body, e.message());
            }
            Err(e) => return Err(e),
        }
    }

    let _ = writeln!(w, "\n== Crime Reduction Grant ==");
    for y in &data.grant_years {
        let g = grant_year(ctx, y)?;
        let l = &g.ledger;
        let _ = writeln!(w, "\n{} {} ({})", l.year, l.scheme, y.source);
        if let Some(n) = &y.note {
            let _ = writeln!(w, "  note: {n}");
        }
        let _ = writeln!(
            w,
            "  allocation {}: upfront pot {}, tactical pot {}",
            l.allocation, l.upfront_pot, l.tactical_pot
        );
        let _ = writeln!(
            w,
            "  upfront: requested {}, approved {}, pending {}, rejected {}",
            l.upfront_requested, l.upfront_approved, l.upfront_pending, l.upfront_rejected
        );
        if l.tactical_pot.is_zero() {
            let _ = writeln!(w, "  tactical: no tactical pot under this scheme");
        } else {
            let _ = writeln!(
                w,
                "  tactical: {} -- available {}, approved {}, remaining {}",
                if l.tactical_open { "open" } else { "closed" },
                l.tactical_available,
                l.tactical_approved,
                l.tactical_remaining
            );
        }
        if let Some(a) = &g.access {
            let _ = writeln!(w, "    {}", a.explanation.reason);
        }
        if l.projects.iter().any(|p| p.spent.is_some()) {
            let _ = writeln!(
                w,
                "  spent {}, underspend {}, unallocated {}",
                l.spent, l.underspend, l.unallocated
            );
        } else {
            let _ = writeln!(w, "  spend not recorded in the sources; unallocated {}", l.unallocated);
        }
        for warn in &l.warnings {
            let _ = writeln!(w, "  warning {} ({}): {}", warn.code, warn.field, warn.message);
        }
        for (name, m) in &g.match_funding {
            let _ = writeln!(w, "  match funding, {name}: {}", m.explanation.reason);
        }
        if g.reconciliation.consistent {
            let _ = writeln!(w, "  reconciliation: stated figures agree");
        } else {
            let _ = writeln!(w, "  reconciliation: {}", g.reconciliation.explanation.reason);
            for d in &g.reconciliation.discrepancies {
                let _ = writeln!(w, "    - [{}] {}", d.kind, d.message);
            }
        }
    }

    render_csa(ctx, data, w)?;

    let _ = writeln!(w, "\n== Domestic Homicide Reviews ==");
    let p = dhr_portfolio(ctx, &data.dhr)?;
    let _ = writeln!(
        w,
        "  2011-2014: {} ({})",
        p.explanation.reason, data.dhr.portfolio_source
    );
    let _ = writeln!(w, "  Cases ({}):", data.dhr.cases_source);
    for c in &data.dhr.cases {
        let s = dhr::case_status(ctx, c, data.as_of)?;
        let d = &s.deadlines;
        let _ = writeln!(w, "    {}: at {}, protocol {}", s.reference, s.stage, d.protocol);
        let _ = writeln!(w, "      {}", d.explanation.reason);
        let next: Vec<&str> = s.next_allowed.iter().map(|x| x.as_str()).collect();
        let _ = writeln!(
            w,
            "      next: {}; open actions {}; can close: {}",
            next.join(" or "),
            s.open_actions,
            yes_no(s.can_close)
        );
    }
    let all = dhr::portfolio_of_cases(ctx, &data.dhr.cases, data.as_of)?;
    for od in &all.overdue {
        let _ = writeln!(w, "  OVERDUE: {} {} deadline was {}", od.reference, od.deadline, od.due);
    }
    Ok(o)
}

/// "Meeting cadence": each body's meetings in each financial year the file
/// records, against its cadence.
fn render_cadence(ctx: &Context, data: &ReportData, w: &mut String) -> Result<(), Error> {
    let _ = writeln!(w, "\n== Meeting cadence ==");
    let register: Vec<(&str, NaiveDate)> = data.meetings.iter().map(|m| (m.body.as_str(), m.date)).collect();
    for row in cadence::register(ctx, &register) {
        match row.outcome {
            Ok(c) => {
                let _ = writeln!(w, "  {} {}: {}", row.body, row.year, c.explanation.reason);
            }
            Err(e) if e.code() == "no_cadence_rule" => {
                let _ = writeln!(w, "  {} {}: no cadence in the terms of reference", row.body, row.year);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// "Community Safety Agreement": the priorities in force, and the action
/// plan's progress.
fn render_csa(ctx: &Context, data: &ReportData, w: &mut String) -> Result<(), Error> {
    let _ = writeln!(w, "\n== Community Safety Agreement ==");
    let p = csa::priorities(ctx, data.as_of)?;
    let _ = writeln!(w, "  {}", p.explanation.reason);
    if !p.silent {
        let _ = writeln!(w, "    priorities: {}", p.priorities.join("; "));
        let _ = writeln!(w, "    cross-cutting themes: {}", p.themes.join("; "));
    }
    let plan = &data.csa_action_plan;
    let a = action_plan::progress(ctx, plan.as_of, &plan.items)?;
    let _ = writeln!(w, "  Action plan ({}; statuses {}):", plan.source, plan.statuses);
    let _ = writeln!(w, "    {}", a.explanation.reason);
    if !a.overdue.is_empty() {
        let _ = writeln!(w, "    overdue: {}", a.overdue.join(", "));
    }
    Ok(())
}

/// The README's Rust example, run as a doctest.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
