//! The annual review of the terms of reference.
//!
//! Reading (for Kent: KCSP ToR review 14 July 2022, §4.3; KCSP notes 4 July
//! 2024, minute 123(c)): the next review is due the body's review interval
//! (twelve calendar months for Kent) after the latest approval (29 February plus a year is 28 February); it is overdue on
//! any later date, and not overdue on the due date itself. The interval is
//! data ([`ReviewRule`](crate::partnership::ReviewRule)).

use crate::base::dates::{add_months, days_between, long};
use crate::base::error::{Error, ErrorKind, Result};
use crate::definitions::context::Context;
use crate::definitions::explain::Explanation;
use crate::definitions::partnership::cite_or_default;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The id of the `tor_review` rule: its entry in the registry, its explanations' `rule`.
pub const ID: &str = "tor_review";

/// When something that recurs every so many months is next due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Due {
    pub last: NaiveDate,
    pub next_due: NaiveDate,
    pub overdue: bool,
    pub days_until_due: i64,
}

/// The latest of `dates` plus `months`, compared with `as_of`. `field` names
/// the list in errors (`approvals`, `elected`).
pub(crate) fn due(field: &str, dates: &[NaiveDate], as_of: NaiveDate, months: u32) -> Result<Due> {
    for (i, d) in dates.iter().enumerate() {
        if *d > as_of {
            return Err(Error::new(
                ErrorKind::ApprovalAfterAsOf,
                format!("{field}[{i}]"),
                format!("{d} is after the as-of date {as_of}"),
            ));
        }
    }
    let Some(last) = dates.iter().max().copied() else {
        return Err(Error::new(
            ErrorKind::NoApprovals,
            field,
            format!("no dates given in {field}"),
        ));
    };
    let next_due = add_months(field, last, months)?;
    Ok(Due {
        last,
        next_due,
        overdue: as_of > next_due,
        days_until_due: days_between(as_of, next_due),
    })
}

crate::base::input::input! {
    /// The input of the `tor_review` rule ([`tor_review`]).
    pub struct ReviewInput {
        /// The body (the partnership's principal body when absent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "BodyId | null"))]
        pub body: Option<crate::base::id::BodyId>,
        /// The dates the terms of reference were approved (any order).
        #[serde(with = "crate::base::dates::iso_list")]
        pub approvals: Vec<NaiveDate>,
        /// The date to evaluate for.
        #[serde(with = "crate::base::dates::iso")]
        pub as_of: NaiveDate,
    }
}

/// The status of a body's terms-of-reference review.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReviewStatus {
    /// The latest approval.
    pub last_approved: NaiveDate,
    /// When the next review is due.
    pub next_due: NaiveDate,
    /// Whether it is overdue on the as-of date.
    pub overdue: bool,
    /// Days from the as-of date to the due date (negative when overdue).
    pub days_until_due: i64,
    /// The review interval applied.
    pub interval_months: u32,
    /// Which clause applied and why.
    pub explanation: Explanation,
}

/// The review status of `body`'s terms of reference as of `as_of`, given the
/// dates they were approved (any order).
///
/// Errors: `no_approvals`; `approval_after_as_of` (field `approvals[i]`);
/// `unknown_body`.
///
/// ```
/// use kcsp_core::{review, Context};
/// use chrono::NaiveDate;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// let r = review::tor_review(Context::kent(), "kcsp",
///     &[d(2022, 7, 14), d(2024, 7, 4), d(2023, 7, 12)], d(2024, 11, 21)).unwrap();
/// assert_eq!(r.next_due, d(2025, 7, 4));
/// assert_eq!(r.days_until_due, 225);
/// assert!(!r.overdue);
/// ```
pub fn tor_review(ctx: &Context, body: &str, approvals: &[NaiveDate], as_of: NaiveDate) -> Result<ReviewStatus> {
    let partnership = ctx.partnership();
    let body = partnership.body(body)?;
    let terms = body.terms_on(as_of)?;
    let Some(rule) = &terms.review else {
        return Err(Error::new(
            ErrorKind::NoReviewRule,
            "body",
            format!(
                "the terms of reference of the {} say nothing about reviewing them",
                body.name
            ),
        ));
    };
    let due = due("approvals", approvals, as_of, rule.interval_months)?;
    let reason = if due.overdue {
        format!(
            "Overdue: last approved {}, the review was due by {} ({} days ago).",
            long(due.last),
            long(due.next_due),
            -due.days_until_due
        )
    } else {
        format!(
            "Current: last approved {}, the next review is due by {} ({} days from {}).",
            long(due.last),
            long(due.next_due),
            due.days_until_due,
            long(as_of)
        )
    };
    Ok(ReviewStatus {
        last_approved: due.last,
        next_due: due.next_due,
        overdue: due.overdue,
        days_until_due: due.days_until_due,
        interval_months: rule.interval_months,
        explanation: Explanation::new(ID, reason)
            .reading(format!(
                "Due {} calendar months after the latest approval, month ends clamped; overdue only after the due date.",
                rule.interval_months
            ))
            .cite_all(&cite_or_default(&rule.citation, partnership, body, terms, || {
                format!(
                    "The terms of reference are reviewed every {} months.",
                    rule.interval_months
                )
            }))
            .figure("last_approved", due.last)
            .figure("interval_months", rule.interval_months)
            .figure("next_due", due.next_due),
    })
}

crate::definitions::explain::results!(ReviewStatus);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::dates::parse_date;

    fn d(s: &str) -> NaiveDate {
        parse_date("d", s).unwrap()
    }

    #[test]
    fn leap_day_approval_is_due_28_february() {
        let r = tor_review(Context::kent(), "kcsp", &[d("2024-02-29")], d("2025-03-01")).unwrap();
        assert_eq!(r.next_due, d("2025-02-28"));
        assert!(r.overdue);
        assert_eq!(r.days_until_due, -1);
    }

    #[test]
    fn errors() {
        let k = Context::kent();
        assert_eq!(
            tor_review(k, "kcsp", &[], d("2025-01-01")).unwrap_err().code(),
            "no_approvals"
        );
        let e = tor_review(k, "kcsp", &[d("2024-01-01"), d("2025-01-02")], d("2025-01-01")).unwrap_err();
        assert_eq!(e.code(), "approval_after_as_of");
        assert_eq!(e.field(), "approvals[1]");
        assert_eq!(
            tor_review(k, "nope", &[d("2024-01-01")], d("2025-01-01"))
                .unwrap_err()
                .code(),
            "unknown_body"
        );
    }

    #[test]
    fn subgroups_review_on_the_same_cycle() {
        let k = Context::kent();
        for body in ["kcsp", "working_group", "dhr_steering_group"] {
            assert_eq!(
                tor_review(k, body, &[d("2024-07-04")], d("2025-07-04"))
                    .unwrap()
                    .next_due,
                d("2025-07-04")
            );
        }
    }
}
