//! The report's data file (`examples/data/*.json`): a partnership's records
//! as its business manager keeps them, with where each comes from.

use chrono::NaiveDate;
use kcsp_core::action_plan::Item;
use kcsp_core::dhr::{Case, Stage};
use kcsp_core::grant::Project;
use kcsp_core::reconcile::{StatedFigure, StatedProject};
use kcsp_core::{FinancialYear, Money};
use serde::Deserialize;

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
    /// Rows of the CSV files read into this data that could not be read
    /// ([`crate::files`]); never dropped, every report lists them.
    #[serde(skip)]
    pub problems: Vec<crate::files::RowProblem>,
    /// Meetings of an attendance register that could not be judged
    /// because a row of theirs could not be read.
    #[serde(skip)]
    pub unjudged_meetings: Vec<crate::files::Unjudged>,
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
    /// Organisations present; `None` where the records give no attendance
    /// (a meetings list without an attendance register).
    #[serde(default)]
    pub present: Option<Vec<String>>,
    /// Where the attendance comes from.
    #[serde(default)]
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
    /// Why the year cannot be judged, where rows of a projects file for it
    /// could not be read ([`crate::files`]).
    #[serde(skip)]
    pub unjudged: Option<String>,
    /// Why the ledger refused the year's projects as a whole (a pot
    /// overspent), where they came from a projects file.
    #[serde(skip)]
    pub refused: Option<String>,
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
