//! Reconciliation: compare the figures a report states with the ones the
//! ledger computes, and list every discrepancy with its amount.
//!
//! Nothing is rounded away: the 2021/22 and 2022/23 reports print the
//! tactical pot as £13,220 where the split gives £13,221, and that £1 is
//! reported. Upfront proposals above the upfront pot (2023/24: £27,240
//! against £26,440) are reported, and so are project amounts a report lists
//! twice with different values (the 2023/24 appendix gives two projects each
//! other's amounts).

use crate::base::error::quote;
use crate::base::money::Money;
use crate::definitions::explain::Explanation;
use crate::rules::grant::Ledger;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The id of the `grant_reconciliation` rule: its entry in the registry, its explanations' `rule`.
pub const ID: &str = "grant_reconciliation";

crate::base::input::enumeration! {
    /// A figure of the ledger that a report can state (`invalid_input` for
    /// any other text).
    pub enum LedgerFigure (InvalidInput, "a ledger figure") {
        /// The allocation.
        Allocation = "allocation",
        /// The upfront share of the split.
        UpfrontPot = "upfront_pot",
        /// The tactical pot of the split.
        TacticalPot = "tactical_pot",
        /// All upfront proposals.
        UpfrontRequested = "upfront_requested",
        /// Upfront projects approved.
        UpfrontApproved = "upfront_approved",
        /// Money available to the tactical pot.
        TacticalAvailable = "tactical_available",
        /// Tactical projects approved.
        TacticalApproved = "tactical_approved",
        /// Tactical money left.
        TacticalRemaining = "tactical_remaining",
        /// Total actual spend.
        Spent = "spent",
        /// The allocation less spend.
        Underspend = "underspend",
        /// The allocation less everything approved or pending.
        Unallocated = "unallocated",
    }
}

impl LedgerFigure {
    /// Its value in a ledger.
    pub fn of(self, l: &Ledger) -> Money {
        match self {
            LedgerFigure::Allocation => l.allocation,
            LedgerFigure::UpfrontPot => l.upfront_pot,
            LedgerFigure::TacticalPot => l.tactical_pot,
            LedgerFigure::UpfrontRequested => l.upfront_requested,
            LedgerFigure::UpfrontApproved => l.upfront_approved,
            LedgerFigure::TacticalAvailable => l.tactical_available,
            LedgerFigure::TacticalApproved => l.tactical_approved,
            LedgerFigure::TacticalRemaining => l.tactical_remaining,
            LedgerFigure::Spent => l.spent,
            LedgerFigure::Underspend => l.underspend,
            LedgerFigure::Unallocated => l.unallocated,
        }
    }
}

crate::base::input::input! {
    /// A figure as a report states it.
    pub struct StatedFigure {
        /// Which figure.
        pub figure: LedgerFigure,
        /// The amount stated.
        pub amount: Money,
        /// Where (document and section).
        pub source: String = default,
    }
}

crate::base::input::input! {
    /// A project amount as a report lists it.
    pub struct StatedProject {
        /// The project's name as in the ledger (ASCII case and surrounding spaces ignored).
        pub name: String,
        /// The amount listed.
        pub amount: Money,
        /// Where (document and section).
        pub source: String = default,
    }
}

crate::base::input::input! {
    /// The input of the `grant_reconciliation` rule: a year's ledger (as
    /// [`LedgerInput`](crate::grant::LedgerInput)) and what a report states
    /// about it ([`reconcile`]).
    pub struct ReconcileInput {
        /// The financial year.
        pub year: crate::base::year::FinancialYear,
        /// The PCC's allocation.
        pub allocation: Money,
        /// Whether the tactical pot is open; open when not said.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "boolean | null"))]
        pub tactical_open: Option<bool>,
        /// The projects.
        pub projects: Vec<crate::rules::grant::Project>,
        /// Figures stated.
        pub stated_figures: Vec<StatedFigure> = default,
        /// Project amounts listed.
        pub stated_projects: Vec<StatedProject> = default,
    }
}

/// What a report states.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Statement {
    /// Figures stated.
    pub figures: Vec<StatedFigure>,
    /// Project amounts listed.
    pub projects: Vec<StatedProject>,
}

/// One difference between what was stated and what is computed.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Discrepancy {
    /// `figure`, `project_amount`, `unknown_project` or `over_request`.
    pub kind: Cow<'static, str>,
    /// The figure or project concerned.
    pub subject: String,
    /// Where the stated value comes from.
    pub source: String,
    /// The value stated (for `over_request`: the total requested).
    pub stated: Money,
    /// The value computed (for `over_request`: the pot).
    pub computed: Money,
    /// The absolute difference.
    pub difference: Money,
    /// Whether the stated value is `higher` or `lower` than the computed one.
    pub stated_is: Cow<'static, str>,
    /// For a project listed with another project's amount, and vice versa: that project.
    pub swapped_with: Option<String>,
    /// A readable message.
    pub message: String,
}

/// The outcome of a reconciliation.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Reconciliation {
    /// Whether nothing differs.
    pub consistent: bool,
    /// Every difference, in the order checked.
    pub discrepancies: Vec<Discrepancy>,
    /// Why.
    pub explanation: Explanation,
}

fn key(name: &str) -> String {
    name.trim().to_ascii_lowercase()
}

/// Compares `statement` with `ledger`.
///
/// ```
/// use kcsp_core::grant::{ledger, LedgerInput};
/// use kcsp_core::reconcile::{reconcile, LedgerFigure, StatedFigure, Statement};
/// use kcsp_core::{Context, FinancialYear, Money};
/// let year = FinancialYear::parse("y", "2021/22").unwrap();
/// let l = ledger(Context::kent(), &LedgerInput::new(year, Money::pounds(39661), Some(false), vec![])).unwrap();
/// let stated = StatedFigure::new(LedgerFigure::TacticalPot, Money::pounds(13220), "WG update 14 July 2022 §3.1".into());
/// let r = reconcile(&l, &Statement { figures: vec![stated], projects: vec![] });
/// assert_eq!(r.discrepancies[0].difference, Money::pounds(1));
/// ```
pub fn reconcile(ledger: &Ledger, statement: &Statement) -> Reconciliation {
    let mut out = Vec::new();
    if ledger.upfront_requested > ledger.upfront_pot {
        let diff = ledger.upfront_requested.abs_diff(ledger.upfront_pot);
        out.push(Discrepancy {
            kind: Cow::Borrowed("over_request"),
            subject: "upfront_requested".into(),
            source: "ledger".into(),
            stated: ledger.upfront_requested,
            computed: ledger.upfront_pot,
            difference: diff,
            stated_is: Cow::Borrowed("higher"),
            swapped_with: None,
            message: format!(
                "Upfront proposals total {}, {diff} more than the upfront pot of {}.",
                ledger.upfront_requested, ledger.upfront_pot
            ),
        });
    }
    for s in &statement.figures {
        let computed = s.figure.of(ledger);
        if s.amount != computed {
            let diff = s.amount.abs_diff(computed);
            let higher = s.amount > computed;
            out.push(Discrepancy {
                kind: Cow::Borrowed("figure"),
                subject: s.figure.as_str().into(),
                source: s.source.clone(),
                stated: s.amount,
                computed,
                difference: diff,
                stated_is: Cow::Borrowed(if higher { "higher" } else { "lower" }),
                swapped_with: None,
                message: format!(
                    "{} states {} as {}, but it computes to {computed}: {diff} {}.",
                    s.source,
                    s.figure.as_str(),
                    s.amount,
                    if higher { "too much" } else { "unaccounted for" }
                ),
            });
        }
    }
    let first = out.len();
    for s in &statement.projects {
        match ledger.projects.iter().find(|p| key(&p.name) == key(&s.name)) {
            None => out.push(Discrepancy {
                kind: Cow::Borrowed("unknown_project"),
                subject: s.name.clone(),
                source: s.source.clone(),
                stated: s.amount,
                computed: Money::ZERO,
                difference: s.amount,
                stated_is: Cow::Borrowed("higher"),
                swapped_with: None,
                message: format!("{} lists '{}', which is not in the ledger.", s.source, quote(&s.name)),
            }),
            Some(p) if p.amount != s.amount => {
                let diff = s.amount.abs_diff(p.amount);
                out.push(Discrepancy {
                    kind: Cow::Borrowed("project_amount"),
                    subject: p.name.clone(),
                    source: s.source.clone(),
                    stated: s.amount,
                    computed: p.amount,
                    difference: diff,
                    stated_is: Cow::Borrowed(if s.amount > p.amount { "higher" } else { "lower" }),
                    swapped_with: None,
                    message: format!(
                        "{} lists '{}' at {}, the ledger at {}: {diff} apart.",
                        s.source, p.name, s.amount, p.amount
                    ),
                });
            }
            Some(_) => {}
        }
    }
    // Pairs of projects each listed at the other's amount.
    let listed: Vec<(String, Money, Money)> = out
        .iter()
        .skip(first)
        .filter(|d| d.kind == "project_amount")
        .map(|d| (d.subject.clone(), d.stated, d.computed))
        .collect();
    for d in out.iter_mut().skip(first).filter(|d| d.kind == "project_amount") {
        let partner = listed
            .iter()
            .find(|(name, stated, computed)| *name != d.subject && *stated == d.computed && *computed == d.stated);
        if let Some((name, _, _)) = partner {
            d.message.push_str(&format!(
                " It carries the amount of '{name}', which carries this one's."
            ));
            d.swapped_with = Some(name.clone());
        }
    }
    let consistent = out.is_empty();
    let reason = if consistent {
        format!("The stated figures for {} agree with the ledger.", ledger.year)
    } else {
        format!(
            "{} discrepancies between the stated and computed figures for {}.",
            out.len(),
            ledger.year
        )
    };
    let explanation = Explanation::new(ID, reason)
        .reading("Every stated figure is compared exactly with the computed one; nothing is rounded away.")
        .cite_all(&ledger.explanation.citations)
        .figure("discrepancies", out.len());
    Reconciliation {
        consistent,
        discrepancies: out,
        explanation,
    }
}

crate::definitions::explain::results!(Reconciliation);

#[cfg(feature = "python")]
crate::base::python::class!(Discrepancy);
