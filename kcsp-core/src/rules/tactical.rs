//! Access to the tactical pot: the gates that keep it shut.
//!
//! The sources show the pot gated differently from year to year, so the
//! gates are data of the [`Context`] ([`TacticalGates`]): each applies to a
//! range of financial years and is a condition the caller reports on (every
//! project of earlier years complete; every upfront business case decided)
//! or a closure from a date. The library adds the one gate that always
//! applies: the pot is in-year money, usable only within its financial year,
//! and nothing carries past 31 March.
//!
//! Reading: a condition the caller does not report on is not known to be
//! met, so it keeps the pot shut (reason "not confirmed").
//!
//! Kent's gates (in `kcsp-core/data/kent.json`): 2021/22, earlier projects
//! complete and the OPCC's closure from 25 February 2022 (KCSP Working Group
//! update, 14 July 2022, §3.1); 2024/25 on, every upfront case decided (KCSP
//! notes of 4 July 2024, minute 122 para 2).

use crate::base::dates::long;
use crate::base::year::FinancialYear;
use crate::definitions::context::Context;
use crate::definitions::explain::Explanation;
pub use crate::definitions::gates::{Condition, GateRule, TacticalGates};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The id of the `tactical_access` rule: its entry in the registry, its explanations' `rule`.
pub const ID: &str = "tactical_access";

/// What the caller knows of a year's pot.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// Whether every project funded by earlier years' grants is complete.
    #[serde(default)]
    pub earlier_projects_complete: Option<bool>,
    /// Whether every upfront business case has been decided.
    #[serde(default)]
    pub upfront_cases_decided: Option<bool>,
    /// A closure the caller knows of that the context does not hold.
    #[serde(default)]
    pub closed_from: Option<NaiveDate>,
}

crate::base::input::input! {
    /// The input of the `tactical_access` rule ([`access`]).
    pub struct AccessInput {
        /// The financial year.
        pub year: FinancialYear,
        /// The date asked about.
        #[serde(with = "crate::base::dates::iso")]
        pub as_of: NaiveDate,
        /// Whether every project funded by earlier years' grants is complete.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "boolean | null"))]
        pub earlier_projects_complete: Option<bool>,
        /// Whether every upfront business case has been decided.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "boolean | null"))]
        pub upfront_cases_decided: Option<bool>,
        /// A closure the caller knows of that the context does not hold.
        #[serde(default, with = "crate::base::dates::opt_iso", skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "NaiveDate | null"))]
        pub closed_from: Option<NaiveDate>,
    }
}

/// A gate that is shut.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShutGate {
    /// A stable code: `earlier_projects_incomplete`, `upfront_cases_undecided`,
    /// `closed`, `year_not_started`, `year_ended`.
    pub code: Cow<'static, str>,
    /// Why.
    pub reason: String,
}

/// Whether the tactical pot is open on a date, and which gates are shut.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TacticalAccess {
    /// The financial year.
    pub year: FinancialYear,
    /// The date asked about.
    pub as_of: NaiveDate,
    /// Whether the pot can be used.
    pub open: bool,
    /// The gates that are shut.
    pub shut: Vec<ShutGate>,
    /// Which clauses applied and why.
    pub explanation: Explanation,
}

fn shut(code: &'static str, reason: String) -> ShutGate {
    ShutGate {
        code: Cow::Borrowed(code),
        reason,
    }
}

/// A condition's state from a fact: met, not met, or not reported.
fn condition(fact: Option<bool>, code: &'static str, what: &str) -> Option<ShutGate> {
    match fact {
        Some(true) => None,
        Some(false) => Some(shut(code, format!("{what}: no"))),
        None => Some(shut(code, format!("{what}: not confirmed"))),
    }
}

/// Whether the tactical pot of `year` can be used on `as_of`, given the
/// context's gates for that year and what the caller knows (`facts`).
///
/// ```
/// use kcsp_core::tactical::{access, Facts};
/// use kcsp_core::{Context, FinancialYear};
/// use chrono::NaiveDate;
/// let kent = Context::kent();
/// let y = FinancialYear::parse("y", "2021/22").unwrap();
/// let d = |yy, m, dd| NaiveDate::from_ymd_opt(yy, m, dd).unwrap();
/// let done = Facts { earlier_projects_complete: Some(true), ..Facts::default() };
/// assert!(access(kent, y, &done, d(2022, 2, 24)).open);
/// let a = access(kent, y, &done, d(2022, 2, 25));
/// assert!(!a.open);
/// assert_eq!(a.shut[0].code, "closed");
/// assert_eq!(access(kent, y, &done, d(2022, 4, 1)).shut[0].code, "year_ended");
/// assert_eq!(access(kent, y, &Facts::default(), d(2022, 1, 4)).shut[0].code, "earlier_projects_incomplete");
/// ```
pub fn access(ctx: &Context, year: FinancialYear, facts: &Facts, as_of: NaiveDate) -> TacticalAccess {
    let gates = ctx.tactical_gates();
    let mut closed = Vec::new();
    let mut explanation = Explanation::new(ID, "").cite_all(&gates.in_year);
    if as_of < year.first_day() {
        closed.push(shut(
            "year_not_started",
            format!("{year} starts on {}", long(year.first_day())),
        ));
    }
    if as_of > year.last_day() {
        closed.push(shut(
            "year_ended",
            format!(
                "{year} ended on {}: tactical money does not carry over",
                long(year.last_day())
            ),
        ));
    }
    let mut closures: Vec<NaiveDate> = facts.closed_from.into_iter().collect();
    for g in gates
        .gates
        .iter()
        .filter(|g| g.from <= year && g.to.is_none_or(|t| year <= t))
    {
        for c in g.citation.as_slice() {
            if !explanation.citations.contains(c) {
                explanation = explanation.cite(c);
            }
        }
        let state = match &g.condition {
            Condition::EarlierProjectsComplete => condition(
                facts.earlier_projects_complete,
                "earlier_projects_incomplete",
                "every project funded by earlier years' grants complete",
            ),
            Condition::UpfrontCasesDecided => condition(
                facts.upfront_cases_decided,
                "upfront_cases_undecided",
                "every upfront business case decided",
            ),
            Condition::Closed { from } => {
                closures.push(*from);
                None
            }
        };
        closed.extend(state);
    }
    if let Some(from) = closures.into_iter().filter(|f| as_of >= *f).min() {
        closed.push(shut("closed", format!("the pot was closed from {}", long(from))));
    }
    let open = closed.is_empty();
    explanation.reason = if open {
        format!("The {year} tactical pot is open on {}.", long(as_of))
    } else {
        let why: Vec<&str> = closed.iter().map(|s| s.reason.as_str()).collect();
        format!(
            "The {year} tactical pot is shut on {}: {}.",
            long(as_of),
            why.join("; ")
        )
    };
    explanation = explanation.reading(
        "A condition not reported as met keeps the pot shut; the pot is usable only within its financial year.",
    );
    TacticalAccess {
        year,
        as_of,
        open,
        shut: closed,
        explanation,
    }
}

crate::definitions::explain::results!(TacticalAccess);

#[cfg(feature = "python")]
crate::base::python::class!(ShutGate);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::dates::parse_date;

    fn d(s: &str) -> NaiveDate {
        parse_date("d", s).unwrap()
    }

    fn y(s: &str) -> FinancialYear {
        FinancialYear::parse("y", s).unwrap()
    }

    #[test]
    fn kent_2024_opens_once_every_upfront_case_is_decided() {
        let kent = Context::kent();
        let undecided = Facts {
            upfront_cases_decided: Some(false),
            ..Facts::default()
        };
        let a = access(kent, y("2024/25"), &undecided, d("2024-09-01"));
        assert!(!a.open);
        assert_eq!(a.shut[0].code, "upfront_cases_undecided");
        let decided = Facts {
            upfront_cases_decided: Some(true),
            ..Facts::default()
        };
        assert!(access(kent, y("2024/25"), &decided, d("2024-09-01")).open);
        // 2022/23 had no gate in the sources: open all year, shut after it.
        assert!(access(kent, y("2022/23"), &Facts::default(), d("2023-03-31")).open);
        let a = access(kent, y("2022/23"), &Facts::default(), d("2022-03-31"));
        assert_eq!(a.shut[0].code, "year_not_started");
    }

    #[test]
    fn a_caller_closure_applies_in_any_context() {
        let ctx = Context::kent().clone().with_tactical_gates(TacticalGates::default());
        let f = Facts {
            closed_from: Some(d("2023-01-01")),
            ..Facts::default()
        };
        assert!(access(&ctx, y("2022/23"), &f, d("2022-12-31")).open);
        assert!(!access(&ctx, y("2022/23"), &f, d("2023-01-01")).open);
        assert!(access(&ctx, y("2022/23"), &f, d("2023-01-01"))
            .explanation
            .citations
            .is_empty());
    }
}
