//! The Crime Reduction Grant: the split of each year's allocation and the
//! ledger of projects against it.
//!
//! The schemes (which years, what share, the clauses) are data of the
//! [`Context`]. Readings (for Kent: KCSP Working Group updates of 14 July 2022
//! §2-3, 17 November 2022 §2, 12 July 2023 §2-3; KCSP notes of 4 July 2024,
//! minute 122):
//!
//! - **Split.** From 2021/22 one third of the allocation is a tactical pot for
//!   in-year spending and two thirds are for upfront projects. The upfront
//!   share is two thirds **rounded down to the whole pound**, the tactical pot
//!   the rest, so the two always add up to the allocation (£39,661 gives
//!   £26,440 and £13,221). The 2013/14 grant (then the Kent Community Safety
//!   Grant) had no tactical pot. The schemes are data ([`GrantScheme`]).
//! - **Upfront money not approved joins the tactical pot**: the money
//!   available to the tactical pot is the allocation less upfront projects
//!   approved or still pending (2022/23: £39,661 − £21,440 = £18,221).
//! - **Underspend** is the allocation less total actual spend.

use crate::base::error::{quote, Error, ErrorKind, Result};
use crate::base::money::Money;
use crate::base::year::FinancialYear;
use crate::definitions::context::Context;
use crate::definitions::explain::Explanation;
pub use crate::definitions::schemes::{GrantScheme, GrantSchemes};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeSet;

/// The id of the `grant_split` rule: its entry in the registry, its explanations' `rule`.
pub const SPLIT_ID: &str = "grant_split";
/// The id of the `grant_ledger` rule: its entry in the registry, its explanations' `rule`.
pub const LEDGER_ID: &str = "grant_ledger";

/// An allocation divided into the upfront share and the tactical pot.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Split {
    /// The allocation.
    pub allocation: Money,
    /// For upfront projects.
    pub upfront: Money,
    /// The tactical pot.
    pub tactical: Money,
    /// Which clause applied and why.
    pub explanation: Explanation,
}

/// Splits `allocation` under `scheme`.
///
/// ```
/// use kcsp_core::{grant, Context, FinancialYear, Money};
/// let year = FinancialYear::parse("year", "2022/23").unwrap();
/// let scheme = Context::kent().grant_schemes().for_year(year).unwrap();
/// let s = grant::split(Money::parse("allocation", "39661").unwrap(), scheme).unwrap();
/// assert_eq!((s.upfront.to_machine(), s.tactical.to_machine()), ("26440.00".into(), "13221.00".into()));
/// ```
pub fn split(allocation: Money, scheme: &GrantScheme) -> Result<Split> {
    let (upfront, tactical) = if scheme.tactical_pot {
        let upfront = allocation
            .fraction_floor_pound(scheme.upfront_numerator, scheme.upfront_denominator)
            .filter(|u| *u <= allocation)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidInput,
                    "scheme",
                    "the scheme's upfront share is not a fraction of at most one",
                )
            })?;
        (upfront, allocation.saturating_sub(upfront))
    } else {
        (allocation, Money::ZERO)
    };
    let reason = if scheme.tactical_pot {
        format!(
            "{}/{} of {allocation} rounded down to the whole pound is {upfront} upfront; the tactical pot is the remaining {tactical}.",
            scheme.upfront_numerator, scheme.upfront_denominator
        )
    } else {
        format!(
            "The {} had no tactical pot: all {allocation} is for upfront projects.",
            scheme.name
        )
    };
    let mut explanation = Explanation::new(SPLIT_ID, reason)
        .figure("allocation", allocation.to_machine())
        .figure("upfront", upfront.to_machine())
        .figure("tactical", tactical.to_machine());
    if scheme.tactical_pot {
        explanation = explanation.reading(format!(
            "Upfront is {}/{} rounded down to the whole pound; the tactical pot is the rest, so the two always sum to the allocation.",
            scheme.upfront_numerator, scheme.upfront_denominator
        ));
    }
    for c in &scheme.citations {
        explanation = explanation.cite(c);
    }
    Ok(Split {
        allocation,
        upfront,
        tactical,
        explanation,
    })
}

crate::base::input::enumeration! {
    /// Which round a project is funded from (`invalid_round` for any other text).
    pub enum Round (InvalidRound, "a round") {
        /// The upfront round at the start of the year.
        Upfront = "upfront",
        /// The in-year tactical pot.
        Tactical = "tactical",
    }
}

crate::base::input::enumeration! {
    /// The PCC's decision on a project's business case (`invalid_decision`
    /// for any other text).
    pub enum Decision (InvalidDecision, "a decision") {
        /// Approved.
        Approved = "approved",
        /// Rejected.
        Rejected = "rejected",
        /// Not yet decided.
        Pending = "pending",
    }
}

crate::base::input::input! {
    /// A project in a year's ledger.
    #[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
    pub struct Project {
        /// Its name (unique within the ledger, ignoring ASCII case and surrounding spaces).
        pub name: String,
        /// The round.
        pub round: Round,
        /// The amount requested or approved.
        pub amount: Money,
        /// The PCC's decision.
        pub decision: Decision,
        /// What it actually cost, if known.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "Money | null"))]
        pub spent: Option<Money>,
    }
}

crate::base::input::input! {
    /// The input of the `grant_split` rule ([`split`], with the scheme of
    /// the year, or the context's latest scheme when no year is given).
    pub struct SplitInput {
        /// The allocation.
        pub allocation: Money,
        /// The financial year whose scheme applies.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "FinancialYear | null"))]
        pub year: Option<FinancialYear>,
    }
}

impl Project {
    /// A project from text fields, as they arrive from a form or a file;
    /// errors name `projects[index].<field>`.
    ///
    /// ```
    /// use kcsp_core::grant::Project;
    /// let p = Project::parse(0, "Best Bar None", "upfront", "622.50", "approved", Some("622.50")).unwrap();
    /// assert_eq!(p.amount.to_string(), "£622.50");
    /// let e = Project::parse(3, "X", "later", "1", "approved", None).unwrap_err();
    /// assert_eq!((e.code(), e.field()), ("invalid_round", "projects[3].round"));
    /// ```
    pub fn parse(
        index: usize,
        name: &str,
        round: &str,
        amount: &str,
        decision: &str,
        spent: Option<&str>,
    ) -> Result<Project> {
        let f = |k: &str| format!("projects[{index}].{k}");
        Ok(Project {
            name: name.to_string(),
            round: Round::parse(&f("round"), round)?,
            amount: Money::parse(&f("amount"), amount)?,
            decision: Decision::parse(&f("decision"), decision)?,
            spent: spent.map(|s| Money::parse(&f("spent"), s)).transpose()?,
        })
    }
}

crate::base::input::input! {
    /// The input of the `grant_ledger` rule ([`ledger`]): what goes into a
    /// year's ledger.
    pub struct LedgerInput {
        /// The financial year.
        pub year: FinancialYear,
        /// The PCC's allocation.
        pub allocation: Money,
        /// Whether the tactical pot is open; open when not said.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "boolean | null"))]
        pub tactical_open: Option<bool>,
        /// The projects.
        pub projects: Vec<Project>,
    }
}

/// A warning: the ledger is consistent but something deserves attention.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Warning {
    /// A stable code: `upfront_requests_exceed_pot`, `project_overspent`,
    /// `tactical_requests_exceed_available`.
    pub code: Cow<'static, str>,
    /// The input field concerned.
    pub field: String,
    /// A readable message.
    pub message: String,
}

/// A year's derived figures.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Ledger {
    /// The financial year.
    pub year: FinancialYear,
    /// The scheme that applied.
    pub scheme: String,
    /// The allocation.
    pub allocation: Money,
    /// The upfront share of the split.
    pub upfront_pot: Money,
    /// The tactical pot of the split.
    pub tactical_pot: Money,
    /// All upfront proposals, whatever their decision.
    pub upfront_requested: Money,
    /// Upfront projects approved.
    pub upfront_approved: Money,
    /// Upfront projects awaiting a decision.
    pub upfront_pending: Money,
    /// Upfront projects rejected (their money joins the tactical pot).
    pub upfront_rejected: Money,
    /// Whether the tactical pot was open.
    pub tactical_open: bool,
    /// Money the tactical pot can use: the allocation less upfront projects
    /// approved or pending; zero when the pot is closed or the scheme has none.
    pub tactical_available: Money,
    /// Tactical projects approved.
    pub tactical_approved: Money,
    /// Tactical projects awaiting a decision.
    pub tactical_pending: Money,
    /// Available less approved tactical projects.
    pub tactical_remaining: Money,
    /// The allocation less everything approved or pending.
    pub unallocated: Money,
    /// Total actual spend.
    pub spent: Money,
    /// The allocation less total actual spend.
    pub underspend: Money,
    /// Warnings.
    pub warnings: Vec<Warning>,
    /// The projects as given.
    pub projects: Vec<Project>,
    /// Which clauses applied and why.
    pub explanation: Explanation,
}

impl Ledger {
    /// Whether every upfront business case has been decided (a gate of the
    /// 2024/25 tactical pot).
    pub fn upfront_all_decided(&self) -> bool {
        !self
            .projects
            .iter()
            .any(|p| p.round == Round::Upfront && p.decision == Decision::Pending)
    }
}

fn sum<'a>(mut it: impl Iterator<Item = &'a Money>) -> Result<Money> {
    it.try_fold(Money::ZERO, |a, m| a.checked_add(*m)).ok_or_else(|| {
        Error::new(
            ErrorKind::AmountTooLarge,
            "projects",
            "the projects' total is too large",
        )
    })
}

fn total(projects: &[Project], round: Round, decision: Option<Decision>) -> Result<Money> {
    sum(projects
        .iter()
        .filter(|p| p.round == round && decision.is_none_or(|d| p.decision == d))
        .map(|p| &p.amount))
}

/// Derives a year's figures from its projects.
///
/// Errors: `duplicate_project`; `spend_on_unapproved_project`;
/// `upfront_approvals_exceed_pot`; `tactical_pot_closed`;
/// `tactical_approvals_exceed_available`; `spend_exceeds_allocation`;
/// `no_rules_in_force` (a year before every scheme).
///
/// ```
/// use kcsp_core::grant::{ledger, LedgerInput, Project};
/// use kcsp_core::{Context, FinancialYear, Money};
/// let input = LedgerInput::new(
///     FinancialYear::parse("year", "2022/23").unwrap(),
///     Money::parse("allocation", "39661").unwrap(),
///     None, // the tactical pot open
///     vec![
///         Project::parse(0, "Trauma Awareness Project", "upfront", "13000", "approved", Some("13000")).unwrap(),
///         Project::parse(1, "Bystander Approach Training", "upfront", "5000", "rejected", None).unwrap(),
///     ],
/// );
/// let l = ledger(Context::kent(), &input).unwrap();
/// assert_eq!(l.tactical_available.to_machine(), "26661.00"); // rejected money joins the pot
/// assert_eq!(l.underspend.to_machine(), "26661.00");
/// ```
pub fn ledger(ctx: &Context, input: &LedgerInput) -> Result<Ledger> {
    let scheme = ctx.grant_schemes().for_year(input.year)?;
    let split = split(input.allocation, scheme)?;
    let projects = &input.projects;
    let mut names = BTreeSet::new();
    let mut warnings = Vec::new();
    for (i, p) in projects.iter().enumerate() {
        if p.name.trim().is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidInput,
                format!("projects[{i}].name"),
                "a project needs a name",
            ));
        }
        if !names.insert(p.name.trim().to_ascii_lowercase()) {
            return Err(Error::new(
                ErrorKind::DuplicateProject,
                format!("projects[{i}].name"),
                format!("'{}' is listed twice", quote(&p.name)),
            )
            .with("value", quote(&p.name)));
        }
        if let Some(s) = p.spent {
            if p.decision != Decision::Approved && !s.is_zero() {
                return Err(Error::new(
                    ErrorKind::SpendOnUnapprovedProject,
                    format!("projects[{i}].spent"),
                    format!("'{}' is {} but shows {s} spent", quote(&p.name), p.decision),
                ));
            }
            if s > p.amount {
                warnings.push(Warning {
                    code: Cow::Borrowed("project_overspent"),
                    field: format!("projects[{i}].spent"),
                    message: format!("'{}' spent {s}, more than its {}", quote(&p.name), p.amount),
                });
            }
        }
        if p.round == Round::Tactical
            && p.decision == Decision::Approved
            && (!input.tactical_open.unwrap_or(true) || !scheme.tactical_pot)
        {
            return Err(Error::new(
                ErrorKind::TacticalPotClosed,
                format!("projects[{i}].decision"),
                format!(
                    "'{}' is approved from the tactical pot, but {}",
                    quote(&p.name),
                    if scheme.tactical_pot {
                        "the pot was closed"
                    } else {
                        "the scheme had no tactical pot"
                    }
                ),
            ));
        }
    }
    let upfront_requested = total(projects, Round::Upfront, None)?;
    let upfront_approved = total(projects, Round::Upfront, Some(Decision::Approved))?;
    let upfront_pending = total(projects, Round::Upfront, Some(Decision::Pending))?;
    let upfront_rejected = total(projects, Round::Upfront, Some(Decision::Rejected))?;
    let tactical_approved = total(projects, Round::Tactical, Some(Decision::Approved))?;
    let tactical_pending = total(projects, Round::Tactical, Some(Decision::Pending))?;
    if upfront_approved > split.upfront {
        return Err(Error::new(
            ErrorKind::UpfrontApprovalsExceedPot,
            "projects",
            format!(
                "upfront approvals of {upfront_approved} exceed the upfront pot of {}",
                split.upfront
            ),
        ));
    }
    if upfront_requested > split.upfront {
        warnings.push(Warning {
            code: Cow::Borrowed("upfront_requests_exceed_pot"),
            field: "projects".into(),
            message: format!(
                "upfront proposals total {upfront_requested}, {} more than the upfront pot of {}",
                upfront_requested.saturating_sub(split.upfront),
                split.upfront
            ),
        });
    }
    let committed = upfront_approved
        .checked_add(upfront_pending)
        .ok_or_else(|| Error::new(ErrorKind::AmountTooLarge, "projects", "total too large"))?;
    let open = input.tactical_open.unwrap_or(true) && scheme.tactical_pot;
    let tactical_available = if open {
        input.allocation.saturating_sub(committed)
    } else {
        Money::ZERO
    };
    let Some(tactical_remaining) = tactical_available.checked_sub(tactical_approved) else {
        return Err(Error::new(
            ErrorKind::TacticalApprovalsExceedAvailable,
            "projects",
            format!("tactical approvals of {tactical_approved} exceed the {tactical_available} available"),
        ));
    };
    if tactical_approved
        .checked_add(tactical_pending)
        .is_some_and(|t| t > tactical_available)
    {
        warnings.push(Warning {
            code: Cow::Borrowed("tactical_requests_exceed_available"),
            field: "projects".into(),
            message: format!("tactical approvals and pending requests exceed the {tactical_available} available"),
        });
    }
    let spent = sum(projects.iter().filter_map(|p| p.spent.as_ref()))?;
    let Some(underspend) = input.allocation.checked_sub(spent) else {
        return Err(Error::new(
            ErrorKind::SpendExceedsAllocation,
            "projects",
            format!("total spend of {spent} exceeds the allocation of {}", input.allocation),
        ));
    };
    let all_committed = committed
        .checked_add(tactical_approved)
        .and_then(|c| c.checked_add(tactical_pending))
        .unwrap_or(input.allocation);
    let unallocated = input.allocation.saturating_sub(all_committed);
    let reason = format!(
        "{} {}: allocation {}, upfront approved {upfront_approved} of a {} pot, tactical {} available with {tactical_approved} approved, {spent} spent, underspend {underspend}.",
        scheme.name,
        input.year,
        input.allocation,
        split.upfront,
        if open { tactical_available.to_string() } else { "closed:".into() },
    );
    let mut explanation = Explanation::new(LEDGER_ID, reason)
        .reading("Money for the tactical pot is the allocation less upfront projects approved or pending, so rejected upfront money joins it; nothing is available while the pot is closed; underspend is the allocation less actual spend.")
        .figure("allocation", input.allocation.to_machine())
        .figure("upfront_pot", split.upfront.to_machine())
        .figure("tactical_pot", split.tactical.to_machine())
        .figure("upfront_approved", upfront_approved.to_machine())
        .figure("tactical_available", tactical_available.to_machine())
        .figure("spent", spent.to_machine())
        .figure("underspend", underspend.to_machine());
    for c in &scheme.citations {
        explanation = explanation.cite(c);
    }
    explanation = explanation.cite_all(&scheme.ledger_citations);
    Ok(Ledger {
        year: input.year,
        scheme: scheme.name.clone(),
        allocation: input.allocation,
        upfront_pot: split.upfront,
        tactical_pot: split.tactical,
        upfront_requested,
        upfront_approved,
        upfront_pending,
        upfront_rejected,
        tactical_open: open,
        tactical_available,
        tactical_approved,
        tactical_pending,
        tactical_remaining,
        unallocated,
        spent,
        underspend,
        warnings,
        projects: projects.clone(),
        explanation,
    })
}

crate::definitions::explain::results!(Split, Ledger);

#[cfg(feature = "python")]
crate::base::python::class!(Warning, Project);

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse("m", s).unwrap()
    }

    fn year(s: &str) -> FinancialYear {
        FinancialYear::parse("y", s).unwrap()
    }

    fn p(name: &str, round: &str, amount: &str, decision: &str, spent: Option<&str>) -> Project {
        Project::parse(0, name, round, amount, decision, spent).unwrap()
    }

    fn run(y: &str, alloc: &str, open: bool, projects: Vec<Project>) -> Result<Ledger> {
        ledger(
            Context::kent(),
            &LedgerInput {
                year: year(y),
                allocation: m(alloc),
                tactical_open: Some(open),
                projects,
            },
        )
    }

    /// DOMAIN §7, 2013/14: seven grants (KCSP 18 March 2014, grant report §2.1-2.7).
    #[test]
    fn year_2013_14() {
        let projects = vec![
            p("ASB School Tour", "upfront", "10000", "approved", None),
            p("Domestic Homicide Reviews", "upfront", "8000", "approved", None),
            p("Licence 2 Kill", "upfront", "10000", "approved", None),
            p("Mental Health First Aid", "upfront", "5000", "approved", None),
            p("SCAM Protection", "upfront", "5000", "approved", None),
            p("Licence to Kill Evaluation", "upfront", "5250", "approved", None),
            p("MARAC Training", "upfront", "5250", "approved", None),
        ];
        let l = run("2013/14", "48507", true, projects).unwrap();
        assert_eq!(l.upfront_approved, m("48500"));
        assert_eq!(l.unallocated, m("7"));
        assert_eq!(l.tactical_pot, Money::ZERO);
        assert_eq!(l.tactical_available, Money::ZERO);
        assert_eq!(l.scheme, "Kent Community Safety Grant");
    }

    #[test]
    fn closed_pot_and_errors() {
        let e = run(
            "2021/22",
            "39661",
            false,
            vec![p("T", "tactical", "10", "approved", None)],
        )
        .unwrap_err();
        assert_eq!((e.code(), e.field()), ("tactical_pot_closed", "projects[0].decision"));
        let e = run(
            "2013/14",
            "48507",
            true,
            vec![p("T", "tactical", "10", "approved", None)],
        )
        .unwrap_err();
        assert_eq!(e.code(), "tactical_pot_closed");
        let e = run(
            "2022/23",
            "39661",
            true,
            vec![p("A", "upfront", "26441", "approved", None)],
        )
        .unwrap_err();
        assert_eq!(e.code(), "upfront_approvals_exceed_pot");
        let e = run(
            "2022/23",
            "39661",
            true,
            vec![
                p("A", "upfront", "26440", "approved", None),
                p("B", "tactical", "13221.01", "approved", None),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code(), "tactical_approvals_exceed_available");
        let e = run(
            "2022/23",
            "39661",
            true,
            vec![
                p("A", "upfront", "1", "approved", None),
                p(" a ", "upfront", "1", "approved", None),
            ],
        )
        .unwrap_err();
        assert_eq!((e.code(), e.field()), ("duplicate_project", "projects[1].name"));
        let e = run(
            "2022/23",
            "100",
            true,
            vec![p("A", "upfront", "50", "approved", Some("101"))],
        )
        .unwrap_err();
        assert_eq!(e.code(), "spend_exceeds_allocation");
        let e = run("2012/13", "100", true, vec![]).unwrap_err();
        assert_eq!(e.code(), "no_rules_in_force");
    }

    #[test]
    fn overspend_is_a_warning() {
        let l = run(
            "2022/23",
            "39661",
            true,
            vec![p("A", "upfront", "50", "approved", Some("60"))],
        )
        .unwrap();
        assert_eq!(l.warnings.len(), 1);
        assert_eq!(l.warnings[0].code, "project_overspent");
        assert_eq!(l.warnings[0].field, "projects[0].spent");
    }

    #[test]
    fn pending_upfront_is_held_back_from_the_tactical_pot() {
        let l = run(
            "2024/25",
            "39661",
            true,
            vec![p("A", "upfront", "26440", "pending", None)],
        )
        .unwrap();
        assert_eq!(l.tactical_available, m("13221"));
        assert!(!l.upfront_all_decided());
    }

    #[test]
    fn split_of_odd_amounts() {
        let crg = Context::kent().grant_schemes().latest().unwrap().clone();
        let s = split(m("0.99"), &crg).unwrap();
        assert_eq!((s.upfront, s.tactical), (Money::ZERO, m("0.99")));
        let s = split(m("48507"), &crg).unwrap();
        assert_eq!((s.upfront, s.tactical), (m("32338"), m("16169")));
    }
}
