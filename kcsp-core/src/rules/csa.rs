//! The Community Safety Agreement: its priorities and cross-cutting themes
//! by agreement period, as data of the context
//! (`community_safety_agreements` in `kcsp-core/data/kent.json`).
//!
//! A date no period covers gets an answer that says the sources are silent
//! on it, never a guess (for Kent: between the 2014-17 agreement and the
//! 2022 refresh).

use crate::base::dates::long;
use crate::base::error::Result;
pub use crate::definitions::agreements::Agreement;
use crate::definitions::context::Context;
use crate::definitions::explain::Explanation;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The id of the `csa_priorities` rule: its entry in the registry, its explanations' `rule`.
pub const ID: &str = "csa_priorities";

crate::base::input::input! {
    /// The input of the `csa_priorities` rule ([`priorities`]).
    pub struct PrioritiesInput {
        /// The date asked about.
        #[serde(with = "crate::base::dates::iso")]
        pub date: NaiveDate,
    }
}

/// The priorities in force on a date.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Priorities {
    /// The date asked about.
    pub date: NaiveDate,
    /// The agreement in effect, or `null` where the sources are silent.
    pub agreement: Option<String>,
    /// Its first day.
    pub from: Option<NaiveDate>,
    /// Its last day (`null`: still in effect, or none in effect).
    pub to: Option<NaiveDate>,
    /// Its priorities (empty where the sources are silent).
    pub priorities: Vec<String>,
    /// Its cross-cutting themes.
    pub themes: Vec<String>,
    /// Whether the sources are silent on the date.
    pub silent: bool,
    /// Which clauses applied and why.
    pub explanation: Explanation,
}

/// The Community Safety Agreement priorities and themes in force on `date`.
///
/// ```
/// use kcsp_core::{csa, Context};
/// use chrono::NaiveDate;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// let p = csa::priorities(Context::kent(), d(2023, 1, 1)).unwrap();
/// assert!(p.priorities.iter().any(|x| x == "Violence against women and girls"));
/// let gap = csa::priorities(Context::kent(), d(2019, 6, 1)).unwrap();
/// assert!(gap.silent && gap.priorities.is_empty());
/// ```
pub fn priorities(ctx: &Context, date: NaiveDate) -> Result<Priorities> {
    let found = ctx
        .agreements()
        .iter()
        .filter(|a| a.from <= date && a.to.is_none_or(|t| date <= t))
        .max_by_key(|a| a.from);
    let Some(a) = found else {
        let before = ctx
            .agreements()
            .iter()
            .filter(|a| a.from <= date)
            .max_by_key(|a| a.from);
        let after = ctx.agreements().iter().filter(|a| a.from > date).min_by_key(|a| a.from);
        let reason = match (before, after) {
            (Some(b), Some(n)) => format!(
                "The sources are silent on the agreement in force on {}: between the {} and the {}.",
                long(date),
                b.name,
                n.name
            ),
            (Some(b), None) => format!(
                "The sources are silent on the agreement in force on {}, after the {}.",
                long(date),
                b.name
            ),
            (None, Some(n)) => format!(
                "The sources are silent on the agreement in force on {}, before the {}.",
                long(date),
                n.name
            ),
            (None, None) => format!(
                "The context holds no community safety agreement; nothing is known for {}.",
                long(date)
            ),
        };
        return Ok(Priorities {
            date,
            agreement: None,
            from: None,
            to: None,
            priorities: Vec::new(),
            themes: Vec::new(),
            silent: true,
            explanation: Explanation::new(ID, reason)
                .reading("A date no agreement period of the sources covers is reported as such, never guessed."),
        });
    };
    let mut reason = format!(
        "On {} the {} was in effect ({} priorities, {} cross-cutting themes).",
        long(date),
        a.name,
        a.priorities.len(),
        a.themes.len()
    );
    if let Some(n) = &a.note {
        reason.push(' ');
        reason.push_str(n);
    }
    Ok(Priorities {
        date,
        agreement: Some(a.name.clone()),
        from: Some(a.from),
        to: a.to,
        priorities: a.priorities.clone(),
        themes: a.themes.clone(),
        silent: false,
        explanation: Explanation::new(ID, reason)
            .cite_all(a.citation.as_slice())
            .figure("agreement", &a.name)
            .figure("from", a.from),
    })
}

crate::definitions::explain::results!(Priorities);
