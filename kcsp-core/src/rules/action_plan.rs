//! The Community Safety Agreement's action plan: progress by RAG status.
//!
//! Readings (for Kent: the CSA update and draft action plan, KCSP meeting 14
//! July 2022, Appendix A; the CSA performance update, KCSP meeting 18 March
//! 2014, §4.1; DOMAIN §9):
//!
//! - each item has a status: complete (green), in progress (amber) or
//!   incomplete (red);
//! - its timescale is written as the plan writes it: a month (`2023-03`, or
//!   `March 2023` in English, any letter case) or `Ongoing`;
//! - an item not complete whose timescale month has ended before the as-of
//!   date is overdue (an ongoing item never is);
//! - the plan is red when any item is incomplete or overdue, else amber when
//!   any is in progress, else green;
//! - percent complete is complete items over all items, to two places,
//!   halves away from zero.

use crate::base::dates::long;
use crate::base::error::{quote, Error, ErrorKind, Result};
use crate::base::money::Percent;
use crate::definitions::context::Context;
use crate::definitions::explain::Explanation;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The id of the `action_plan` rule: its entry in the registry, its explanations' `rule`.
pub const ID: &str = "action_plan";

crate::base::input::enumeration! {
    /// The status of an action-plan item (`invalid_action_status` for any
    /// other text, a RAG colour included).
    pub enum ItemStatus (InvalidActionStatus, "an action status") {
        /// Done (green).
        Complete = "complete",
        /// Under way (amber).
        InProgress = "in_progress",
        /// Not done (red).
        Incomplete = "incomplete",
    }
}

crate::base::input::enumeration! {
    /// A RAG rating.
    pub enum Rag (InvalidInput, "a RAG rating") {
        /// Any item incomplete or overdue.
        Red = "red",
        /// Any item in progress.
        Amber = "amber",
        /// Every item complete.
        Green = "green",
    }
}

/// When an item is due, as the plan writes it: a month, or ongoing.
///
/// ```
/// use kcsp_core::action_plan::Timescale;
/// assert_eq!(Timescale::parse("t", "March 2023").unwrap(), Timescale::parse("t", "2023-03").unwrap());
/// assert_eq!(Timescale::parse("t", "ONGOING").unwrap(), Timescale::Ongoing);
/// assert_eq!(Timescale::parse("t", "Spring 2023").unwrap_err().code(), "invalid_timescale");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Timescale {
    /// By the end of a month (its first day).
    Month(NaiveDate),
    /// No end date.
    Ongoing,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

impl Timescale {
    /// Parses `YYYY-MM`, `Month YYYY` (English, any letter case) or
    /// `ongoing` (any letter case); anything else is `invalid_timescale`.
    pub fn parse(field: &str, text: &str) -> Result<Timescale> {
        let t = text.trim();
        let bad = || {
            Error::new(
                ErrorKind::InvalidTimescale,
                field,
                format!(
                    "'{}' is not a timescale: use a month such as 2023-03 or March 2023, or Ongoing",
                    quote(text)
                ),
            )
            .with("value", quote(text))
        };
        if t.eq_ignore_ascii_case("ongoing") {
            return Ok(Timescale::Ongoing);
        }
        let month_of = |y: &str, m: u32| -> Option<Timescale> {
            if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            NaiveDate::from_ymd_opt(y.parse().ok()?, m, 1).map(Timescale::Month)
        };
        if let Some((y, m)) = t.split_once('-') {
            if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) {
                return m.parse().ok().and_then(|m| month_of(y, m)).ok_or_else(bad);
            }
        }
        if let Some((name, y)) = t.split_once(' ') {
            let name = name.to_ascii_lowercase();
            if let Some(i) = MONTHS.iter().position(|m| *m == name) {
                let m = u32::try_from(i + 1).unwrap_or(1);
                return month_of(y.trim(), m).ok_or_else(bad);
            }
        }
        Err(bad())
    }

    /// The last day of the month (`None` for ongoing).
    pub fn ends(self) -> Option<NaiveDate> {
        match self {
            Timescale::Month(first) => first
                .checked_add_months(chrono::Months::new(1))
                .and_then(|d| d.pred_opt()),
            Timescale::Ongoing => None,
        }
    }
}

impl std::fmt::Display for Timescale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Timescale::Month(d) => write!(f, "{:04}-{:02}", d.year(), d.month()),
            Timescale::Ongoing => f.write_str("ongoing"),
        }
    }
}

impl Serialize for Timescale {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timescale {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let t = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Timescale::parse("", &t).map_err(crate::base::path::de)
    }
}

impl crate::base::input::Check for Timescale {
    /// A month (`2023-03`, `March 2023`) or `Ongoing`, as text.
    const KIND: crate::base::input::Kind = crate::base::input::Kind::Text;
    fn check(value: &serde_json::Value, path: &str, errors: &mut Vec<Error>) {
        crate::base::input::check_leaf::<Timescale>(value, path, errors)
    }
}

crate::base::input::input! {
    /// An item of an action plan.
    pub struct Item {
        /// Its number in the plan (e.g. `7.2`).
        pub id: String,
        /// The priority it serves (free text).
        pub priority: String,
        /// Its status.
        pub status: ItemStatus,
        /// When it is due.
        #[cfg_attr(feature = "typescript", tsify(type = "string"))]
        pub timescale: Timescale,
    }
}

crate::base::input::input! {
    /// The input of the `action_plan` rule ([`progress`]).
    pub struct PlanInput {
        /// The date to evaluate for.
        #[serde(with = "crate::base::dates::iso")]
        pub as_of: NaiveDate,
        /// The plan's items.
        pub items: Vec<Item>,
    }
}

/// An action plan's progress.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlanProgress {
    /// The date evaluated for.
    pub as_of: NaiveDate,
    /// Items.
    pub total: u32,
    /// Items complete.
    pub complete: u32,
    /// Items in progress.
    pub in_progress: u32,
    /// Items incomplete.
    pub incomplete: u32,
    /// Complete items as a percentage of all items, two places.
    pub percent_complete: Percent,
    /// Ids, in input order, of items not complete whose month has ended.
    pub overdue: Vec<String>,
    /// The plan's RAG rating.
    pub rag: Rag,
    /// Which clauses applied and why.
    pub explanation: Explanation,
}

/// The progress of an action plan as of `as_of`.
///
/// Errors: `no_actions` (an empty plan); `duplicate_action` (field
/// `items[i].id`).
///
/// ```
/// use kcsp_core::action_plan::{progress, Item, ItemStatus, Rag, Timescale};
/// use kcsp_core::Context;
/// use chrono::NaiveDate;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// let items = vec![
///     Item::new("6.3".into(), "Safeguarding vulnerable people".into(), ItemStatus::Complete, Timescale::parse("t", "September 2022").unwrap()),
///     Item::new("9.3".into(), "Road safety".into(), ItemStatus::InProgress, Timescale::parse("t", "2023-03").unwrap()),
/// ];
/// let p = progress(Context::kent(), d(2023, 3, 31), &items).unwrap();
/// assert_eq!((p.rag, p.percent_complete.to_string()), (Rag::Amber, "50.00".to_string()));
/// let p = progress(Context::kent(), d(2023, 4, 1), &items).unwrap();
/// assert_eq!((p.rag, p.overdue.clone()), (Rag::Red, vec!["9.3".to_string()]));
/// ```
pub fn progress(ctx: &Context, as_of: NaiveDate, items: &[Item]) -> Result<PlanProgress> {
    if items.is_empty() {
        return Err(Error::new(
            ErrorKind::NoActions,
            "items",
            "the action plan has no items",
        ));
    }
    let mut ids = BTreeSet::new();
    for (i, item) in items.iter().enumerate() {
        if !ids.insert(item.id.trim()) {
            return Err(Error::new(
                ErrorKind::DuplicateAction,
                format!("items[{i}].id"),
                format!("item '{}' is listed twice", quote(&item.id)),
            )
            .with("value", quote(&item.id)));
        }
    }
    let n = |s: ItemStatus| u32::try_from(items.iter().filter(|i| i.status == s).count()).unwrap_or(u32::MAX);
    let (complete, in_progress, incomplete) = (
        n(ItemStatus::Complete),
        n(ItemStatus::InProgress),
        n(ItemStatus::Incomplete),
    );
    let total = u32::try_from(items.len()).unwrap_or(u32::MAX);
    let overdue: Vec<String> = items
        .iter()
        .filter(|i| i.status != ItemStatus::Complete && i.timescale.ends().is_some_and(|end| end < as_of))
        .map(|i| i.id.clone())
        .collect();
    let rag = if incomplete > 0 || !overdue.is_empty() {
        Rag::Red
    } else if in_progress > 0 {
        Rag::Amber
    } else {
        Rag::Green
    };
    let percent_complete = Percent::round(Decimal::from(complete) * Decimal::from(100) / Decimal::from(total.max(1)));
    let reason = format!(
        "{}: {complete} of {total} items complete ({percent_complete}%), {in_progress} in progress, {incomplete} incomplete, {} overdue on {}.",
        match rag {
            Rag::Red => "Red",
            Rag::Amber => "Amber",
            Rag::Green => "Green",
        },
        overdue.len(),
        long(as_of)
    );
    let explanation = Explanation::new(ID, reason)
        .reading("Red when any item is incomplete or overdue (not complete and its month ended before the as-of date), else amber when any is in progress, else green; ongoing items are never overdue.")
        .cite_all(ctx.citations(ID))
        .figure("total", total)
        .figure("complete", complete)
        .figure("percent_complete", percent_complete)
        .figure("overdue", overdue.join(", "));
    Ok(PlanProgress {
        as_of,
        total,
        complete,
        in_progress,
        incomplete,
        percent_complete,
        overdue,
        rag,
        explanation,
    })
}

crate::definitions::explain::results!(PlanProgress);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timescales_as_plans_write_them() {
        let m = |t: &str| Timescale::parse("t", t).map(|x| x.to_string());
        assert_eq!(m("March 2023").unwrap(), "2023-03");
        assert_eq!(m("march 2023").unwrap(), "2023-03");
        assert_eq!(m("SEPTEMBER 2022").unwrap(), "2022-09");
        assert_eq!(m(" Ongoing ").unwrap(), "ongoing");
        for bad in [
            "2023-13",
            "2023-3",
            "Mar 2023",
            "March 23",
            "Spring 2023",
            "",
            "2023",
            "March-2023",
        ] {
            assert_eq!(m(bad).unwrap_err().code(), "invalid_timescale", "{bad}");
        }
        assert_eq!(
            Timescale::parse("t", "February 2024").unwrap().ends(),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
    }
}
