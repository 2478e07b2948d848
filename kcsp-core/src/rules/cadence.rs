//! Meeting cadence: whether a body met as often as its terms of reference
//! ask, in a financial year.
//!
//! The cadence is part of each body's terms in the partnership data
//! ([`CadenceRule`]); the terms that apply are those in force on the first
//! day of the year. Readings (for Kent: KCSP ToR §7, WG ToR §7, DHR SG ToR
//! "Frequency"; DOMAIN §4):
//!
//! - `per_year`: at least so many distinct meeting dates in the financial
//!   year (the KCSP's "three times per year" read as at least three in each
//!   financial year);
//! - `quarterly`: at least one meeting in each quarter of the financial year
//!   (April-June, July-September, October-December, January-March); the
//!   other reading (no gap of more than three months) would be another kind;
//! - `per_period`: at least one meeting in each period of so many months
//!   of the financial year, counted from 1 April (bi-monthly: April-May,
//!   June-July, …);
//! - `max_gap`: no meeting of the year more than so many days after the
//!   body's previous meeting, which may lie in the year before ("every six
//!   to eight weeks" read as at most 56 days); a year without a meeting
//!   does not keep it; the gap after the year's last meeting is the next
//!   year's;
//! - `in_months`: at least so many meetings in the calendar months named,
//!   within the financial year ("once a year in October or November");
//! - `before_each`: a meeting before each meeting of another body in the
//!   year, in the window from the day after that body's previous meeting to
//!   the day before its meeting; when no earlier meeting of it is given, from
//!   four calendar months before. A meeting on the other body's own day does
//!   not count. The Working Group's "quarterly, or as required" is not read
//!   as binding.
//!
//! Meeting dates may come in any order; repeats count once; dates outside
//! the year are not counted (but may prepare a meeting inside it).

use crate::base::dates::{add_months, days_between, long, month_name, months as in_months};
use crate::base::error::{Error, ErrorKind, Result};
use crate::base::id::BodyId;
use crate::base::year::FinancialYear;
use crate::definitions::context::Context;
use crate::definitions::explain::Explanation;
use crate::definitions::partnership::{cite_or_default, CadenceRule};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The id of the `meeting_cadence` rule: its entry in the registry, its explanations' `rule`.
pub const ID: &str = "meeting_cadence";

crate::base::input::input! {
    /// The input of the `meeting_cadence` rule ([`cadence`]).
    pub struct CadenceInput {
        /// The body.
        pub body: BodyId,
        /// The financial year.
        pub year: FinancialYear,
        /// The dates of the body's meetings (any order; repeats count once).
        #[serde(with = "crate::base::dates::iso_list")]
        pub meetings: Vec<NaiveDate>,
        /// For a `before_each` cadence: the meetings of the body it must
        /// precede, any year.
        #[serde(with = "crate::base::dates::iso_list", skip_serializing_if = "Vec::is_empty")]
        pub other_meetings: Vec<NaiveDate> = default,
        /// The first day the record of meetings covers, when it starts
        /// after the year does (a register begun in June).
        #[serde(default, with = "crate::base::dates::opt_iso", skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "NaiveDate | null"))]
        pub covered_from: Option<NaiveDate>,
        /// The last day the record of meetings covers, when it ends before
        /// the year does (a register kept up to today).
        #[serde(default, with = "crate::base::dates::opt_iso", skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "NaiveDate | null"))]
        pub covered_to: Option<NaiveDate>,
    }
}

/// Whether a body met as its terms ask in a financial year.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CadenceResult {
    /// The body.
    pub body: BodyId,
    /// The financial year.
    pub year: FinancialYear,
    /// The cadence kind applied: `per_year`, `quarterly`, `per_period`,
    /// `max_gap`, `in_months` or `before_each`.
    pub kind: String,
    /// Distinct meeting dates in the year.
    pub meetings: u32,
    /// Whether the cadence was kept; `null` when the record covers the year
    /// only in part and what it records neither keeps the cadence nor
    /// breaks it.
    pub compliant: Option<bool>,
    /// `full` when the record of meetings covers the whole year, `partial`
    /// when it covers only part of it (see `covered_from`, `covered_to`).
    pub coverage: String,
    /// `per_year` and `in_months`: the meetings required (otherwise `null`).
    pub required: Option<u32>,
    /// `quarterly`: the first day of each quarter without a meeting (otherwise `null`).
    pub quarters_without_meeting: Option<Vec<NaiveDate>>,
    /// `per_period` and `quarterly`: the first day of each period without a
    /// meeting (otherwise `null`).
    pub periods_without_meeting: Option<Vec<NaiveDate>>,
    /// `max_gap`: the meetings of the year that came more than the days
    /// allowed after the previous one, in date order (otherwise `null`).
    pub late: Option<Vec<NaiveDate>>,
    /// `max_gap`: the longest gap in days before a meeting of the year that
    /// has a previous meeting (`null` when none has, or another kind).
    pub longest_gap: Option<i64>,
    /// `in_months`: the meetings in the months named (otherwise `null`).
    pub in_window: Option<u32>,
    /// `before_each`: the other body's meetings in the year with no meeting
    /// of this one in their window (otherwise `null`).
    pub unprepared: Option<Vec<NaiveDate>>,
    /// Which clause applied and why.
    pub explanation: Explanation,
}

/// Whether `body` kept its meeting cadence in `year`, given the dates it met
/// (and, for a `before_each` cadence, the dates the other body met).
///
/// Errors: `unknown_body`; `no_rules_in_force`; `no_cadence_rule` (a body
/// whose terms set no cadence).
///
/// ```
/// use kcsp_core::{cadence, Context, FinancialYear};
/// use chrono::NaiveDate;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// let year = FinancialYear::parse("year", "2022/23").unwrap();
/// let r = cadence::cadence(Context::kent(), "dhr_steering_group", year,
///     &[d(2022, 5, 10), d(2022, 10, 5), d(2023, 1, 18)], &[]).unwrap();
/// assert_eq!(r.compliant, Some(false));
/// assert_eq!(r.quarters_without_meeting, Some(vec![d(2022, 7, 1)]));
/// ```
pub fn cadence(
    ctx: &Context,
    body: &str,
    year: FinancialYear,
    meetings: &[NaiveDate],
    other_meetings: &[NaiveDate],
) -> Result<CadenceResult> {
    covered(ctx, body, year, meetings, other_meetings, (None, None))
}

/// [`cadence`] from a record of meetings that covers only the days from
/// `window.0` to `window.1` (either end open): a year the record covers in
/// part is judged on what it records. Meetings enough to keep the cadence
/// keep it; a quarter (or a `before_each` window) wholly covered and without
/// a meeting breaks it; otherwise the answer is `compliant: null`, "cannot
/// tell", rather than "not kept".
///
/// Errors: those of [`cadence`]; `invalid_input` at `covered_to` when it is
/// before `covered_from`.
///
/// ```
/// use kcsp_core::{cadence, Context, FinancialYear};
/// use chrono::NaiveDate;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// let year = FinancialYear::parse("year", "2024/25").unwrap();
/// // A register kept up to 31 July 2024: one KCSP meeting so far of the three a year.
/// let r = cadence::covered(Context::kent(), "kcsp", year, &[d(2024, 7, 4)], &[], (None, Some(d(2024, 7, 31)))).unwrap();
/// assert_eq!((r.compliant, r.coverage.as_str()), (None, "partial"));
/// assert!(r.explanation.reason.starts_with("Cannot tell yet"));
/// ```
pub fn covered(
    ctx: &Context,
    body: &str,
    year: FinancialYear,
    meetings: &[NaiveDate],
    other_meetings: &[NaiveDate],
    window: (Option<NaiveDate>, Option<NaiveDate>),
) -> Result<CadenceResult> {
    let from = window.0.map_or(year.first_day(), |f| f.max(year.first_day()));
    let to = window.1.map_or(year.last_day(), |t| t.min(year.last_day()));
    if let (Some(f), Some(t)) = window {
        if t < f {
            return Err(Error::new(
                ErrorKind::InvalidInput,
                "covered_to",
                format!("the record cannot end ({t}) before it starts ({f})"),
            ));
        }
    }
    let partial = from > year.first_day() || to < year.last_day();
    // Whether the days from `a` to `b` (inclusive) are all covered.
    let seen = |a: NaiveDate, b: NaiveDate| a >= from && b <= to;
    let partnership = ctx.partnership();
    let body_def = partnership.body(body)?;
    let terms = body_def.terms_on(year.first_day())?;
    let Some(rule) = &terms.cadence else {
        return Err(Error::new(
            ErrorKind::NoCadenceRule,
            "body",
            format!("the terms of reference of the {} set no meeting cadence", body_def.name),
        ));
    };
    let all: BTreeSet<NaiveDate> = meetings.iter().copied().collect();
    let in_year: Vec<NaiveDate> = all.iter().copied().filter(|d| year.contains(*d)).collect();
    let count = u32::try_from(in_year.len()).unwrap_or(u32::MAX);
    let mut found = Found::default();
    let (kind, what, citations) = match rule {
        CadenceRule::PerYear { meetings: n, citation } => {
            let cited = cite_or_default(citation, partnership, body_def, terms, || {
                format!("The body meets at least {n} times in each financial year.")
            });
            let what = format!("{count} meeting(s) in {year}; at least {n} required");
            found.compliant = if count >= *n {
                Some(true)
            } else if partial {
                None
            } else {
                Some(false)
            };
            found.required = Some(*n);
            ("per_year", what, cited)
        }
        CadenceRule::Quarterly { citation } => {
            let cited = cite_or_default(citation, partnership, body_def, terms, || {
                "The body meets at least once in each quarter of the financial year.".to_string()
            });
            let (empty, unseen) = periods(year, 3, &in_year, seen)?;
            let what = if empty.is_empty() {
                format!("a meeting in every quarter of {year}")
            } else {
                let list: Vec<String> = empty.iter().map(|d| long(*d)).collect();
                format!("no meeting in the quarter(s) from {}", list.join(", "))
            };
            found.compliant = verdict(!empty.is_empty(), unseen);
            found.quarters = Some(empty.clone());
            found.periods = Some(empty);
            ("quarterly", what, cited)
        }
        CadenceRule::PerPeriod { months, citation } => {
            let cited = cite_or_default(citation, partnership, body_def, terms, || {
                format!(
                    "The body meets at least once in each period of {} of the financial year.",
                    in_months(*months)
                )
            });
            let (empty, unseen) = periods(year, *months, &in_year, seen)?;
            let what = if empty.is_empty() {
                format!("a meeting in every {months}-month period of {year}")
            } else {
                let list: Vec<String> = empty.iter().map(|d| long(*d)).collect();
                let periods = if list.len() == 1 { "period" } else { "periods" };
                format!("no meeting in the {months}-month {periods} from {}", list.join(", "))
            };
            found.compliant = verdict(!empty.is_empty(), unseen);
            found.periods = Some(empty);
            ("per_period", what, cited)
        }
        CadenceRule::MaxGap { days, citation } => {
            let cited = cite_or_default(citation, partnership, body_def, terms, || {
                format!("The body meets at most {days} days after its previous meeting.")
            });
            let mut late = Vec::new();
            let mut longest: Option<i64> = None;
            let mut unseen = 0;
            for m in in_year.iter().copied() {
                let Some(prev) = all.range(..m).next_back() else {
                    continue;
                };
                let gap = days_between(*prev, m);
                longest = Some(longest.map_or(gap, |l| l.max(gap)));
                if gap > i64::from(*days) {
                    // A previous meeting before the record starts may not be the last one.
                    if window.0.is_none_or(|f| *prev >= f) {
                        late.push(m);
                    } else {
                        unseen += 1;
                    }
                }
            }
            let what = match (late.as_slice(), longest) {
                ([], Some(l)) => format!("no gap longer than {days} days in {year} (the longest {l})"),
                ([], None) => format!("no meeting with an earlier one to measure from in {year}"),
                (late, _) => {
                    let list: Vec<String> = late.iter().map(|d| long(*d)).collect();
                    format!("more than {days} days before the meeting(s) of {}", list.join(", "))
                }
            };
            found.compliant = if count == 0 {
                if partial {
                    None
                } else {
                    Some(false)
                }
            } else {
                verdict(!late.is_empty(), unseen)
            };
            found.late = Some(late);
            found.longest_gap = longest;
            ("max_gap", what, cited)
        }
        CadenceRule::InMonths {
            months,
            meetings: n,
            citation,
        } => {
            let names: Vec<&str> = months.iter().map(|m| month_name(*m)).collect();
            let cited = cite_or_default(citation, partnership, body_def, terms, || {
                format!(
                    "The body meets at least {n} time(s) in {} of each financial year.",
                    names.join(" or ")
                )
            });
            let inside = in_year.iter().filter(|d| months.contains(&d.month())).count();
            let inside = u32::try_from(inside).unwrap_or(u32::MAX);
            // Every named month wholly inside the record.
            let mut covered = true;
            for m in months {
                let y = if *m >= 4 {
                    year.start_year()
                } else {
                    year.start_year() + 1
                };
                let first = NaiveDate::from_ymd_opt(y, *m, 1);
                let last = first
                    .and_then(|f| add_months("year", f, 1).ok())
                    .and_then(|d| d.pred_opt());
                covered &= matches!((first, last), (Some(f), Some(l)) if seen(f, l));
            }
            found.compliant = if inside >= *n {
                Some(true)
            } else if covered {
                Some(false)
            } else {
                None
            };
            found.required = Some(*n);
            found.in_window = Some(inside);
            let what = format!(
                "{inside} meeting(s) in {} of {year}; at least {n} required",
                names.join(" or ")
            );
            ("in_months", what, cited)
        }
        CadenceRule::BeforeEach { body: other, citation } => {
            let other_name = partnership
                .body(other.as_str())
                .map(|b| b.name.clone())
                .unwrap_or_default();
            let cited = cite_or_default(citation, partnership, body_def, terms, || {
                format!("The body meets before each meeting of the {other_name}.")
            });
            let others: BTreeSet<NaiveDate> = other_meetings.iter().copied().collect();
            let mut missed = Vec::new();
            let mut unseen = 0;
            for m in others.iter().copied().filter(|d| year.contains(*d)) {
                let start = match others.range(..m).next_back() {
                    Some(prev) => prev.succ_opt().unwrap_or(*prev),
                    None => m.checked_sub_months(chrono::Months::new(4)).unwrap_or(NaiveDate::MIN),
                };
                if !all.iter().any(|d| *d >= start && *d < m) {
                    // A window partly before the record starts (or after it ends) may hold a meeting it does not show.
                    if start >= window.0.unwrap_or(NaiveDate::MIN) && m <= window.1.unwrap_or(NaiveDate::MAX) {
                        missed.push(m);
                    } else {
                        unseen += 1;
                    }
                }
            }
            let what = if missed.is_empty() {
                format!("a meeting before each meeting of the {other_name} in {year}")
            } else {
                let list: Vec<String> = missed.iter().map(|d| long(*d)).collect();
                format!("no meeting before the {other_name} meeting(s) of {}", list.join(", "))
            };
            found.compliant = verdict(!missed.is_empty(), unseen);
            found.unprepared = Some(missed);
            ("before_each", what, cited)
        }
    };
    let compliant = found.compliant;
    let verdict = match compliant {
        Some(true) => "Kept:",
        Some(false) => "Not kept:",
        None => "Cannot tell yet:",
    };
    let mut reason = format!("{verdict} {}: {what}", body_def.name);
    if partial {
        reason.push_str(&format!(
            "; the record covers only {} to {} of {year}",
            long(from),
            long(to)
        ));
    }
    reason.push('.');
    let reading = match kind {
        "per_year" => "At least the number of meetings in each financial year (1 April to 31 March); repeated dates count once.",
        "quarterly" => "At least one meeting in each quarter of the financial year: April-June, July-September, October-December, January-March.",
        "per_period" => "At least one meeting in each period of the financial year, counted in whole months from 1 April.",
        "max_gap" => "No meeting of the year comes more than the days allowed after the body's previous meeting (of any year); a year without a meeting does not keep it.",
        "in_months" => "At least the number of meetings in the calendar months named, within the financial year (1 April to 31 March).",
        _ => "A meeting in the window from the day after the other body's previous meeting (or four calendar months before, when none is known) to the day before its meeting.",
    };
    let mut explanation = Explanation::new(ID, reason)
        .reading(reading)
        .cite_all(&citations)
        .figure("year", year)
        .figure("meetings", count);
    if partial {
        explanation = explanation.figure("covered_from", from).figure("covered_to", to);
    }
    if let Some(n) = found.required {
        explanation = explanation.figure("required", n);
    }
    if let Some(n) = found.in_window {
        explanation = explanation.figure("in_window", n);
    }
    if let Some(g) = found.longest_gap {
        explanation = explanation.figure("longest_gap", g);
    }
    Ok(CadenceResult {
        body: body_def.id.clone(),
        year,
        kind: kind.to_string(),
        meetings: count,
        compliant,
        coverage: if partial { "partial" } else { "full" }.to_string(),
        required: found.required,
        quarters_without_meeting: found.quarters,
        periods_without_meeting: found.periods,
        late: found.late,
        longest_gap: found.longest_gap,
        in_window: found.in_window,
        unprepared: found.unprepared,
        explanation,
    })
}

/// What one cadence kind found, beside the meetings counted.
#[derive(Default)]
struct Found {
    compliant: Option<bool>,
    required: Option<u32>,
    quarters: Option<Vec<NaiveDate>>,
    periods: Option<Vec<NaiveDate>>,
    late: Option<Vec<NaiveDate>>,
    longest_gap: Option<i64>,
    in_window: Option<u32>,
    unprepared: Option<Vec<NaiveDate>>,
}

/// The first day of each `months`-month period of `year` without a meeting
/// that the record wholly covers, and how many periods without a meeting it
/// covers only in part.
fn periods(
    year: FinancialYear,
    months: u32,
    in_year: &[NaiveDate],
    seen: impl Fn(NaiveDate, NaiveDate) -> bool,
) -> Result<(Vec<NaiveDate>, usize)> {
    let mut empty = Vec::new();
    let mut unseen = 0;
    for q in 0..(12 / months.clamp(1, 12)) {
        let start = add_months("year", year.first_day(), months * q)?;
        let end = add_months("year", start, months)?;
        if !in_year.iter().any(|d| *d >= start && *d < end) {
            if seen(start, end.pred_opt().unwrap_or(end)) {
                empty.push(start);
            } else {
                unseen += 1;
            }
        }
    }
    Ok((empty, unseen))
}

/// A cadence of windows (quarters, or the days before each of the other
/// body's meetings): broken when a wholly covered window has no meeting;
/// kept when every window has one; otherwise (`unseen` windows without a
/// meeting lie partly outside the record) cannot tell.
fn verdict(broken: bool, unseen: usize) -> Option<bool> {
    match (broken, unseen) {
        (true, _) => Some(false),
        (false, 0) => Some(true),
        (false, _) => None,
    }
}

/// The body whose meetings `body`'s cadence must precede in `year` (its
/// terms in force that year set a `before_each` cadence), if any.
///
/// ```
/// use kcsp_core::{cadence, Context, FinancialYear};
/// let year = FinancialYear::parse("year", "2023/24").unwrap();
/// assert_eq!(cadence::precedes(Context::kent(), "working_group", year), Some("kcsp"));
/// assert_eq!(cadence::precedes(Context::kent(), "kcsp", year), None);
/// ```
pub fn precedes<'a>(ctx: &'a Context, body: &str, year: FinancialYear) -> Option<&'a str> {
    let terms = ctx
        .partnership()
        .body(body)
        .and_then(|b| b.terms_on(year.first_day()))
        .ok()?;
    match &terms.cadence {
        Some(CadenceRule::BeforeEach { body: other, .. }) => Some(other.as_str()),
        _ => None,
    }
}

/// One body's cadence in one financial year, from a register.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RegisterRow {
    /// The body, as the register names it.
    pub body: String,
    /// The financial year.
    pub year: FinancialYear,
    /// The body's cadence that year, or why it could not be judged
    /// (`unknown_body`, `no_cadence_rule`, …).
    pub outcome: Result<CadenceResult>,
}

/// The cadence of every body in every financial year a register of
/// meetings records (one `(body, date)` per meeting, any order, repeats
/// allowed): the register an analyst keeps. A `before_each` body is checked
/// against the other body's meetings in the same register. Rows come by
/// body id, then year; a body the partnership does not know, or one without
/// a cadence, gets its error in its row, and the other rows are still given.
///
/// ```
/// use kcsp_core::{cadence, Context};
/// use chrono::NaiveDate;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// let rows = cadence::register(Context::kent(), &[
///     ("kcsp", d(2023, 7, 12)), ("kcsp", d(2023, 11, 16)), ("kcsp", d(2024, 3, 14)),
///     ("working_group", d(2023, 6, 20)), ("working_group", d(2024, 2, 28)),
/// ]);
/// assert_eq!(rows.len(), 2);
/// assert_eq!(rows[0].outcome.as_ref().unwrap().compliant, Some(true));                    // kcsp 2023/24
/// let wg = rows[1].outcome.as_ref().unwrap();                              // working_group 2023/24
/// assert_eq!(wg.unprepared, Some(vec![d(2023, 11, 16)]));
/// ```
pub fn register<S: AsRef<str>>(ctx: &Context, meetings: &[(S, NaiveDate)]) -> Vec<RegisterRow> {
    let mut by_body: std::collections::BTreeMap<&str, Vec<NaiveDate>> = std::collections::BTreeMap::new();
    for (body, date) in meetings {
        by_body.entry(body.as_ref()).or_default().push(*date);
    }
    let mut rows = Vec::new();
    for (body, dates) in &by_body {
        let years: BTreeSet<FinancialYear> = dates.iter().map(|d| FinancialYear::containing(*d)).collect();
        for year in years {
            let other = precedes(ctx, body, year).and_then(|other| by_body.get(other));
            let others: &[NaiveDate] = other.map_or(&[], Vec::as_slice);
            rows.push(RegisterRow {
                body: (*body).to_string(),
                year,
                outcome: cadence(ctx, body, year, dates, others),
            });
        }
    }
    rows
}

crate::definitions::explain::results!(CadenceResult);

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
    fn a_working_group_meeting_before_april_prepares_an_april_kcsp() {
        // KCSP on 2023-04-20, its previous meeting 2023-03-16; the Working Group met 2023-03-30.
        let r = cadence(
            Context::kent(),
            "working_group",
            y("2023/24"),
            &[d("2023-03-30")],
            &[d("2023-03-16"), d("2023-04-20")],
        )
        .unwrap();
        assert_eq!(r.meetings, 0);
        assert_eq!(r.unprepared, Some(vec![]));
        assert_eq!(r.compliant, Some(true));
        // On the day of the KCSP meeting itself it does not count.
        let r = cadence(
            Context::kent(),
            "working_group",
            y("2023/24"),
            &[d("2023-04-20")],
            &[d("2023-04-20")],
        )
        .unwrap();
        assert_eq!(r.unprepared, Some(vec![d("2023-04-20")]));
        // No earlier KCSP meeting given: four calendar months back.
        let r = cadence(
            Context::kent(),
            "working_group",
            y("2023/24"),
            &[d("2023-03-20")],
            &[d("2023-07-20")],
        )
        .unwrap();
        assert_eq!(r.compliant, Some(true));
        let r = cadence(
            Context::kent(),
            "working_group",
            y("2023/24"),
            &[d("2023-03-19")],
            &[d("2023-07-20")],
        )
        .unwrap();
        assert_eq!(r.compliant, Some(false));
    }

    #[test]
    fn repeats_count_once_and_other_years_not_at_all() {
        let r = cadence(
            Context::kent(),
            "kcsp",
            y("2022/23"),
            &[
                d("2022-07-14"),
                d("2022-07-14"),
                d("2022-03-31"),
                d("2023-04-01"),
                d("2022-11-17"),
            ],
            &[],
        )
        .unwrap();
        assert_eq!((r.meetings, r.required, r.compliant), (2, Some(3), Some(false)));
    }

    #[test]
    fn a_year_the_record_covers_in_part_is_judged_on_what_it_records() {
        let kent = Context::kent();
        let window = |f: &str, t: &str| (Some(d(f)), Some(d(t)));
        // A register begun in June: three KCSP meetings still keep 2022/23.
        let r = covered(
            kent,
            "kcsp",
            y("2022/23"),
            &[d("2022-07-14"), d("2022-11-17"), d("2023-03-16")],
            &[],
            window("2022-06-01", "2024-07-31"),
        )
        .unwrap();
        assert_eq!((r.compliant, r.coverage.as_str()), (Some(true), "partial"));
        assert!(
            r.explanation
                .reason
                .contains("covers only 1 June 2022 to 31 March 2023 of 2022/23"),
            "{}",
            r.explanation.reason
        );
        // Kept up to July 2024: one of three so far cannot tell; the whole of 2023/24 with two is not kept.
        let r = covered(
            kent,
            "kcsp",
            y("2024/25"),
            &[d("2024-07-04")],
            &[],
            window("2022-06-01", "2024-07-31"),
        )
        .unwrap();
        assert_eq!((r.compliant, r.coverage.as_str()), (None, "partial"));
        let r = covered(
            kent,
            "kcsp",
            y("2023/24"),
            &[d("2023-07-12"), d("2024-03-14")],
            &[],
            window("2022-06-01", "2024-07-31"),
        )
        .unwrap();
        assert_eq!((r.compliant, r.coverage.as_str()), (Some(false), "full"));
        // Quarterly (the DHR Steering Group): a wholly covered quarter without
        // a meeting breaks it; an uncovered one cannot tell.
        let r = covered(
            kent,
            "dhr_steering_group",
            y("2022/23"),
            &[d("2022-10-05"), d("2023-01-18")],
            &[],
            window("2022-06-15", "2023-03-31"),
        )
        .unwrap();
        assert_eq!(
            (r.compliant, r.quarters_without_meeting.clone()),
            (Some(false), Some(vec![d("2022-07-01")]))
        );
        let r = covered(
            kent,
            "dhr_steering_group",
            y("2022/23"),
            &[d("2022-08-10"), d("2022-10-05"), d("2023-01-18")],
            &[],
            window("2022-06-15", "2023-03-31"),
        )
        .unwrap();
        assert_eq!((r.compliant, r.quarters_without_meeting.clone()), (None, Some(vec![])));
        // Before each: a KCSP meeting whose window starts before the record does cannot tell.
        let r = covered(
            kent,
            "working_group",
            y("2023/24"),
            &[],
            &[d("2023-07-12")],
            window("2023-06-01", "2024-03-31"),
        )
        .unwrap();
        assert_eq!((r.compliant, r.unprepared.clone()), (None, Some(vec![])));
        // The record cannot end before it starts.
        let e = covered(kent, "kcsp", y("2023/24"), &[], &[], window("2024-01-01", "2023-01-01")).unwrap_err();
        assert_eq!((e.code(), e.field()), ("invalid_input", "covered_to"));
    }
}
