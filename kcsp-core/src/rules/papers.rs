//! Papers deadlines: when KCSP papers must go out before a meeting.
//!
//! The notice is the body's papers rule in the definition. For Kent, KCSP
//! ToR §7 asks for papers at least five working days before a meeting.
//! Reading: five **clear** working days, so neither the day the papers go
//! out nor the day of the meeting counts, and nor do weekends or England and
//! Wales bank holidays. The three dispatch dates in the sources fit this
//! exactly (6 July 2022 for 14 July 2022, 9 November 2022 for 17 November
//! 2022, 10 March 2014 for 18 March 2014). To count the dispatch day too,
//! set the body's [`PapersRule::counting`](crate::partnership::PapersRule) to
//! [`NoticeCounting::DispatchDayCounts`].

use crate::base::dates::{days_between, long};
use crate::base::error::{Error, ErrorKind, Result};
use crate::base::id::BodyId;
use crate::definitions::context::Context;
use crate::definitions::explain::Explanation;
use crate::definitions::partnership::{cite_or_default, NoticeCounting};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The id of the `papers_deadline` rule: its entry in the registry, its explanations' `rule`.
pub const ID: &str = "papers_deadline";

crate::base::input::input! {
    /// The input of the `papers_deadline` rule ([`deadline`]).
    pub struct PapersInput {
        /// The body (the partnership's principal body when absent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "BodyId | null"))]
        pub body: Option<BodyId>,
        /// The meeting date.
        #[serde(with = "crate::base::dates::iso")]
        pub meeting: NaiveDate,
        /// When the papers went out, if they have.
        #[serde(default, with = "crate::base::dates::opt_iso", skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "NaiveDate | null"))]
        pub circulated: Option<NaiveDate>,
    }
}

/// Whether papers went out in time, and the latest day they could.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PapersResult {
    /// The meeting date.
    pub meeting: NaiveDate,
    /// The last working day on which papers still give the required notice.
    pub latest_circulation: NaiveDate,
    /// When they went out, if given.
    pub circulated: Option<NaiveDate>,
    /// Working days of notice given (counted as `counting` says), if
    /// circulated and the notice is in working days.
    pub clear_working_days: Option<u32>,
    /// Days of notice given (counted as `counting` says), if circulated and
    /// the notice is in calendar days.
    pub clear_days: Option<u32>,
    /// Whether the notice was enough, if circulated.
    pub compliant: Option<bool>,
    /// Days of notice required.
    pub required: u32,
    /// Whether the notice is counted in working days (`false`: every day of
    /// the calendar counts).
    pub working_days: bool,
    /// How they are counted.
    pub counting: NoticeCounting,
    /// Which clause applied and why.
    pub explanation: Explanation,
}

/// The papers deadline for a meeting of `body` on `meeting`, and, when
/// `circulated` is given, whether that dispatch complied.
///
/// Errors: `circulated_after_meeting`; `no_notice_rule` (a body whose terms
/// set no notice); `date_out_of_range` (outside the calendar's years);
/// `unknown_body`.
///
/// ```
/// use kcsp_core::{papers, Context};
/// use chrono::NaiveDate;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// let r = papers::deadline(Context::kent(), "kcsp", d(2023, 4, 13), Some(d(2023, 4, 5))).unwrap();
/// assert_eq!(r.latest_circulation, d(2023, 4, 3)); // Easter in between
/// assert_eq!(r.clear_working_days, Some(3));
/// assert_eq!(r.compliant, Some(false));
/// ```
pub fn deadline(ctx: &Context, body: &str, meeting: NaiveDate, circulated: Option<NaiveDate>) -> Result<PapersResult> {
    let partnership = ctx.partnership();
    let calendar = ctx.calendar();
    let body_def = partnership.body(body)?;
    let terms = body_def.terms_on(meeting)?;
    let Some(rule) = &terms.papers else {
        return Err(Error::new(
            ErrorKind::NoNoticeRule,
            "body",
            format!(
                "the terms of reference of the {} set no notice for papers",
                body_def.name
            ),
        ));
    };
    if let Some(c) = circulated {
        if c > meeting {
            return Err(Error::new(
                ErrorKind::CirculatedAfterMeeting,
                "circulated",
                format!("papers dated {c} went out after the meeting on {meeting}"),
            ));
        }
    }
    let (n, working) = rule.notice();
    let (latest_circulation, given) = if working {
        let latest = match rule.counting {
            NoticeCounting::Clear => calendar.working_days_before(meeting, n.saturating_add(1)),
            NoticeCounting::DispatchDayCounts => calendar.working_days_before(meeting, n.max(1)),
        }
        // A meeting outside the calendar is the meeting's field, not the calendar's.
        .map_err(|e| if e.field() == "date" { e.at("meeting") } else { e })?;
        let given = match circulated {
            None => None,
            Some(c) => {
                let clear = calendar.clear_working_days(c, meeting)?;
                Some(match rule.counting {
                    NoticeCounting::Clear => clear,
                    NoticeCounting::DispatchDayCounts if c < meeting && calendar.is_working_day(c)? => clear + 1,
                    NoticeCounting::DispatchDayCounts => clear,
                })
            }
        };
        (latest, given)
    } else {
        // Every day of the calendar counts: the working-day calendar plays no part.
        let back = match rule.counting {
            NoticeCounting::Clear => u64::from(n) + 1,
            NoticeCounting::DispatchDayCounts => u64::from(n.max(1)),
        };
        let latest = meeting
            .checked_sub_days(chrono::Days::new(back))
            .unwrap_or(NaiveDate::MIN);
        let given = circulated.map(|c| {
            let between = u32::try_from(days_between(c, meeting).saturating_sub(1).max(0)).unwrap_or(u32::MAX);
            match rule.counting {
                NoticeCounting::DispatchDayCounts if c < meeting => between.saturating_add(1),
                _ => between,
            }
        });
        (latest, given)
    };
    let compliant = given.map(|g| g >= n);
    let days = if working { "working days" } else { "days" };
    let counted = match rule.counting {
        NoticeCounting::Clear => format!("clear {days}"),
        NoticeCounting::DispatchDayCounts => format!("{days} counting the dispatch day"),
    };
    let reason = match (circulated, given) {
        (Some(c), Some(g)) => format!(
            "{}: papers sent {} gave {g} {counted} before the meeting on {}; {n} required, so the latest day was {}.",
            if g >= n { "On time" } else { "Late" },
            long(c),
            long(meeting),
            long(latest_circulation)
        ),
        _ => format!(
            "Papers for the meeting on {} must go out by {} to give {n} {counted}.",
            long(meeting),
            long(latest_circulation)
        ),
    };
    let citations = cite_or_default(&rule.citation, partnership, body_def, terms, || {
        format!("Papers go out at least {n} {days} before a meeting ({counted}).")
    });
    let reading = match (working, rule.counting) {
        (true, NoticeCounting::Clear) => format!(
            "{n} clear working days: neither the dispatch day nor the meeting day counts, nor weekends or England and Wales bank holidays."
        ),
        (true, NoticeCounting::DispatchDayCounts) => format!(
            "{n} working days counting the dispatch day when it is a working day but not the meeting day; weekends and England and Wales bank holidays never count."
        ),
        (false, NoticeCounting::Clear) => format!(
            "{n} clear days: every day of the calendar counts, weekends and bank holidays included, but neither the dispatch day nor the meeting day."
        ),
        (false, NoticeCounting::DispatchDayCounts) => format!(
            "{n} days counting the dispatch day but not the meeting day; every day of the calendar counts, weekends and bank holidays included."
        ),
    };
    let mut explanation = Explanation::new(ID, reason)
        .reading(reading)
        .cite_all(&citations)
        .figure("required", n)
        .figure("latest_circulation", latest_circulation);
    if working {
        explanation = explanation.on_calendar(calendar.source());
    }
    if let Some(g) = given {
        explanation = explanation.figure(if working { "clear_working_days" } else { "clear_days" }, g);
    }
    Ok(PapersResult {
        meeting,
        latest_circulation,
        circulated,
        clear_working_days: given.filter(|_| working),
        clear_days: given.filter(|_| !working),
        compliant,
        required: n,
        working_days: working,
        counting: rule.counting,
        explanation,
    })
}

crate::definitions::explain::results!(PapersResult);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::dates::parse_date;

    fn d(s: &str) -> NaiveDate {
        parse_date("d", s).unwrap()
    }

    fn run(m: &str, c: Option<&str>) -> Result<PapersResult> {
        deadline(Context::kent(), "kcsp", d(m), c.map(d))
    }

    #[test]
    fn the_three_source_dispatches_are_exactly_five_clear_days() {
        for (m, c) in [
            ("2022-07-14", "2022-07-06"),
            ("2022-11-17", "2022-11-09"),
            ("2014-03-18", "2014-03-10"),
        ] {
            let r = run(m, Some(c)).unwrap();
            assert_eq!(r.clear_working_days, Some(5), "{m}");
            assert_eq!(r.compliant, Some(true));
            assert_eq!(r.latest_circulation, d(c));
        }
    }

    #[test]
    fn bank_holidays_and_weekends_do_not_count() {
        // Meeting Thu 8 June 2023; Mon 29 May 2023 was the spring bank holiday.
        let r = run("2023-06-08", Some("2023-05-26")).unwrap();
        assert_eq!(r.clear_working_days, Some(7));
        // State funeral Monday 19 September 2022.
        let r = run("2022-09-22", None).unwrap();
        assert_eq!(r.latest_circulation, d("2022-09-13"));
    }

    #[test]
    fn same_day_and_after() {
        assert_eq!(
            run("2023-03-16", Some("2023-03-16")).unwrap().clear_working_days,
            Some(0)
        );
        assert_eq!(
            run("2023-03-16", Some("2023-03-17")).unwrap_err().code(),
            "circulated_after_meeting"
        );
        assert_eq!(run("1978-01-03", None).unwrap_err().code(), "date_out_of_range");
    }

    #[test]
    fn the_other_reading_counts_the_dispatch_day() {
        let mut p = Context::kent().partnership().clone();
        if let Some(r) = p.bodies[0].terms[0].papers.as_mut() {
            r.counting = NoticeCounting::DispatchDayCounts;
        }
        let r = deadline(
            &Context::kent().clone().with_partnership(p),
            "kcsp",
            d("2022-07-14"),
            Some(d("2022-07-07")),
        )
        .unwrap();
        assert_eq!(r.latest_circulation, d("2022-07-07"));
        assert_eq!(r.clear_working_days, Some(5));
        assert_eq!(r.compliant, Some(true));
    }

    #[test]
    fn working_group_sets_no_notice() {
        let e = deadline(Context::kent(), "working_group", d("2023-03-16"), None).unwrap_err();
        assert_eq!(e.code(), "no_notice_rule");
    }
}
