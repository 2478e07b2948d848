//! The England and Wales working-day calendar.
//!
//! A working day is a Monday to Friday that is not an England and Wales bank
//! holiday. The bank holidays are computed from the Banking and Financial
//! Dealings Act 1971 and the annual proclamations for 1978 to 2199:
//!
//! - New Year's Day, Good Friday, Easter Monday, the early May bank holiday
//!   (first Monday of May), the spring bank holiday (last Monday of May), the
//!   summer bank holiday (last Monday of August), Christmas Day and Boxing Day;
//! - substitute days: a holiday on a Saturday or Sunday moves to the next
//!   weekday that is not already a holiday (so Christmas on a Saturday gives
//!   Monday 27 and Tuesday 28 December);
//! - the one-off changes by proclamation: 1981-07-29 (royal wedding), 1995
//!   (early May moved to 8 May), 1999-12-31 (millennium), 2002-06-03/04
//!   (Golden Jubilee; spring holiday moved from 27 May), 2011-04-29 (royal
//!   wedding), 2012-06-04/05 (spring holiday moved from 28 May; Diamond
//!   Jubilee), 2020-05-08 (early May moved from 4 May), 2022-06-02/03
//!   (spring holiday moved from 30 May; Platinum Jubilee), 2022-09-19 (state
//!   funeral), 2023-05-08 (coronation).
//!
//! Future one-offs are announced by proclamation: a caller adds or removes
//! days ([`Calendar::add_holiday`], [`Calendar::remove_holiday`]) or loads the
//! official GOV.UK `bank-holidays.json` ([`Calendar::with_govuk_json`]),
//! whose `england-and-wales` list then replaces the computed days for every
//! year it covers. Changes apply in that order: the GOV.UK file, then added
//! days, then removed days ([`CalendarChanges`], the `calendar` key of a
//! request).
//!
//! Every result that counted working days says which calendar it used
//! ([`CalendarSource`]): the years computed from statute, the years a GOV.UK
//! file replaced, and the days added or removed.

use crate::base::dates::IsoDate;
use crate::base::error::{Error, ErrorKind, Result};
pub use crate::definitions::explain::CalendarSource;
use crate::definitions::explain::Citation;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// The first year the calendar computes.
pub const FIRST_YEAR: i32 = 1978;
/// The last year the calendar computes.
pub const LAST_YEAR: i32 = 2199;

pub(crate) const CITE_ACT: Citation = Citation::new(
    "Banking and Financial Dealings Act 1971",
    "s.1 and Schedule 1, with the annual proclamations",
    "The regular England and Wales bank holidays, with substitute days for holidays that fall at a weekend.",
);
pub(crate) const CITE_PROCLAMATIONS: Citation = Citation::new(
    "Royal proclamations of one-off bank holidays",
    "1981, 1995, 1999, 2002, 2011, 2012, 2020, 2022, 2023",
    "Days added or moved for royal events and anniversaries.",
);

/// A bank holiday: its date and name.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BankHoliday {
    /// The date.
    pub date: NaiveDate,
    /// Its name.
    pub name: String,
}

/// An England and Wales bank-holiday calendar.
///
/// ```
/// use kcsp_core::Calendar;
/// use chrono::NaiveDate;
/// let cal = Calendar::england_and_wales();
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// assert!(!cal.is_working_day(d(2022, 9, 19)).unwrap()); // the state funeral
/// assert!(cal.is_working_day(d(2022, 5, 30)).unwrap());  // spring holiday moved to 2 June
/// assert_eq!(cal.holiday(d(2021, 12, 28)).unwrap(), Some("Boxing Day (substitute day)"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Calendar {
    /// Days from a GOV.UK file, replacing the computed days of its years.
    govuk: Option<Govuk>,
    /// Days added (by proclamation, say), over everything else.
    added: BTreeMap<NaiveDate, String>,
    /// Days removed, over everything else (a day both added and removed was
    /// changed last by whichever call came later).
    removed: BTreeSet<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Govuk {
    first_year: i32,
    last_year: i32,
    days: BTreeMap<NaiveDate, String>,
    /// The file's object as given, kept so that the calendar can be written back.
    source: serde_json::Value,
}

/// Changes to the England and Wales calendar, as a request's `calendar` key
/// gives them: a GOV.UK `bank-holidays.json` object, then days added, then
/// days removed. Every key is optional.
///
/// ```
/// use kcsp_core::calendar::CalendarChanges;
/// let c = CalendarChanges::from_value(&serde_json::json!({"add": ["2026-06-08"]})).unwrap();
/// let cal = c.apply().unwrap();
/// assert!(!cal.is_working_day(chrono::NaiveDate::from_ymd_opt(2026, 6, 8).unwrap()).unwrap());
/// let e = CalendarChanges::from_value(&serde_json::json!({"add": ["2026-13-01"]})).unwrap_err();
/// assert_eq!((e.code(), e.field()), ("invalid_calendar", "add[0]"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarChanges {
    /// The whole object of GOV.UK's `bank-holidays.json`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub govuk: Option<serde_json::Value>,
    /// Dates that become bank holidays.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add: Vec<IsoDate>,
    /// Dates that become ordinary days.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<IsoDate>,
}

impl CalendarChanges {
    /// Reads changes from a JSON value. Errors: `invalid_calendar` with the
    /// path of the offending value (`add[0]`, `govuk`).
    pub fn from_value(value: &serde_json::Value) -> Result<CalendarChanges> {
        if !value.is_object() {
            return Err(Error::new(
                ErrorKind::InvalidCalendar,
                "",
                "calendar changes are an object: {\"govuk\": ..., \"add\": [...], \"remove\": [...]}",
            ));
        }
        crate::base::path::deserialize(value).map_err(|(path, e)| {
            Error::new(
                ErrorKind::InvalidCalendar,
                e.field(&path),
                format!("not a calendar change: {e}"),
            )
        })
    }

    /// The England and Wales calendar with these changes.
    pub fn apply(&self) -> Result<Calendar> {
        self.apply_to(Calendar::england_and_wales())
    }

    /// `base` with these changes (GOV.UK file, then added, then removed days).
    pub fn apply_to(&self, base: Calendar) -> Result<Calendar> {
        let mut cal = base;
        if let Some(g) = &self.govuk {
            cal = cal.with_govuk_value(g).map_err(|e| {
                let field = format!("govuk.{}", e.field()).trim_end_matches('.').to_string();
                e.at(field)
            })?;
        }
        let as_calendar =
            |e: Error, field: String| Error::new(ErrorKind::InvalidCalendar, field, e.message().to_string());
        for (i, d) in self.add.iter().enumerate() {
            cal.add_holiday(d.0, "Added bank holiday")
                .map_err(|e| as_calendar(e, format!("add[{i}]")))?;
        }
        for (i, d) in self.remove.iter().enumerate() {
            cal.remove_holiday(d.0)
                .map_err(|e| as_calendar(e, format!("remove[{i}]")))?;
        }
        Ok(cal)
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// Easter Sunday (anonymous Gregorian algorithm).
fn easter(y: i32) -> NaiveDate {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(y, month.unsigned_abs(), day.unsigned_abs())
}

fn first_monday(y: i32, m: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(y, m, Weekday::Mon, 1).unwrap_or(NaiveDate::MIN)
}

fn last_monday(y: i32, m: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(y, m, Weekday::Mon, 5)
        .or_else(|| NaiveDate::from_weekday_of_month_opt(y, m, Weekday::Mon, 4))
        .unwrap_or(NaiveDate::MIN)
}

pub(crate) fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// One-off changes: (date removed, if any; dates added with names).
type OneOff = (Option<(i32, u32, u32)>, &'static [(i32, u32, u32, &'static str)]);
const ONE_OFFS: &[OneOff] = &[
    (None, &[(1981, 7, 29, "Royal wedding")]),
    (Some((1995, 5, 1)), &[(1995, 5, 8, "Early May bank holiday (VE day)")]),
    (None, &[(1999, 12, 31, "Millennium celebrations")]),
    (
        Some((2002, 5, 27)),
        &[
            (2002, 6, 3, "Golden Jubilee bank holiday"),
            (2002, 6, 4, "Spring bank holiday"),
        ],
    ),
    (None, &[(2011, 4, 29, "Royal wedding")]),
    (
        Some((2012, 5, 28)),
        &[
            (2012, 6, 4, "Spring bank holiday"),
            (2012, 6, 5, "Queen's Diamond Jubilee"),
        ],
    ),
    (Some((2020, 5, 4)), &[(2020, 5, 8, "Early May bank holiday (VE day)")]),
    (
        Some((2022, 5, 30)),
        &[
            (2022, 6, 2, "Spring bank holiday"),
            (2022, 6, 3, "Platinum Jubilee bank holiday"),
        ],
    ),
    (
        None,
        &[(2022, 9, 19, "Bank holiday for the State Funeral of Queen Elizabeth II")],
    ),
    (
        None,
        &[(2023, 5, 8, "Bank holiday for the coronation of King Charles III")],
    ),
];

/// The statutory bank holidays of year `y`, before one-off changes.
fn statutory(y: i32) -> Vec<(NaiveDate, String)> {
    let e = easter(y);
    let mut fixed = [
        (ymd(y, 1, 1), "New Year's Day"),
        (e.checked_sub_days(chrono::Days::new(2)).unwrap_or(e), "Good Friday"),
        (e.checked_add_days(chrono::Days::new(1)).unwrap_or(e), "Easter Monday"),
        (first_monday(y, 5), "Early May bank holiday"),
        (last_monday(y, 5), "Spring bank holiday"),
        (last_monday(y, 8), "Summer bank holiday"),
        (ymd(y, 12, 25), "Christmas Day"),
        (ymd(y, 12, 26), "Boxing Day"),
    ];
    fixed.sort_by_key(|(d, _)| *d);
    let mut out: Vec<(NaiveDate, String)> = fixed
        .iter()
        .filter(|(d, _)| !is_weekend(*d))
        .map(|(d, n)| (*d, (*n).to_string()))
        .collect();
    for (d, name) in fixed.iter().filter(|(d, _)| is_weekend(*d)) {
        let mut s = *d;
        while is_weekend(s) || out.iter().any(|(o, _)| *o == s) {
            s = s.succ_opt().unwrap_or(NaiveDate::MAX);
        }
        out.push((s, format!("{name} (substitute day)")));
    }
    out.sort_by_key(|(d, _)| *d);
    out
}

fn out_of_range(field: &str, date: NaiveDate) -> Error {
    Error::new(
        ErrorKind::DateOutOfRange,
        field,
        format!("{date} is outside the calendar's years {FIRST_YEAR} to {LAST_YEAR}"),
    )
}

/// The computed days of every year, built once.
fn computed() -> &'static BTreeMap<NaiveDate, String> {
    static DAYS: OnceLock<BTreeMap<NaiveDate, String>> = OnceLock::new();
    DAYS.get_or_init(|| {
        let mut holidays = BTreeMap::new();
        for y in FIRST_YEAR..=LAST_YEAR {
            holidays.extend(statutory(y));
        }
        for (removed, added) in ONE_OFFS {
            if let Some((y, m, d)) = removed {
                holidays.remove(&ymd(*y, *m, *d));
            }
            for (y, m, d, name) in *added {
                holidays.insert(ymd(*y, *m, *d), (*name).to_string());
            }
        }
        holidays
    })
}

impl Calendar {
    /// The England and Wales calendar for 1978 to 2199, as computed from the
    /// statute and the one-off proclamations. Cheap: the computed days are
    /// built once and shared.
    pub fn england_and_wales() -> Calendar {
        Calendar::default()
    }

    /// A calendar from JSON text: either GOV.UK's `bank-holidays.json` as
    /// published, or a changes object (`{"govuk": ..., "add": [...],
    /// "remove": [...]}`, [`CalendarChanges`]), applied to the England and
    /// Wales calendar. Errors: `invalid_calendar` with the field.
    ///
    /// ```
    /// use kcsp_core::Calendar;
    /// let cal = Calendar::from_json(r#"{"remove": ["2026-12-28"]}"#).unwrap();
    /// assert!(cal.is_working_day(chrono::NaiveDate::from_ymd_opt(2026, 12, 28).unwrap()).unwrap());
    /// assert_eq!(Calendar::from_json("[]").unwrap_err().code(), "invalid_calendar");
    /// ```
    pub fn from_json(text: &str) -> Result<Calendar> {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| Error::new(ErrorKind::InvalidCalendar, "", format!("not JSON: {e}")))?;
        if value.get("england-and-wales").is_some() {
            Calendar::england_and_wales().with_govuk_value(&value)
        } else {
            CalendarChanges::from_value(&value)?.apply()
        }
    }

    /// A shared copy of [`Calendar::england_and_wales`].
    pub fn shared() -> &'static Calendar {
        static CAL: Calendar = Calendar {
            govuk: None,
            added: BTreeMap::new(),
            removed: BTreeSet::new(),
        };
        &CAL
    }

    fn check(field: &str, date: NaiveDate) -> Result<()> {
        if (FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
            Ok(())
        } else {
            Err(out_of_range(field, date))
        }
    }

    /// Adds a bank holiday (a future one-off, for example).
    ///
    /// ```
    /// use kcsp_core::Calendar;
    /// use chrono::NaiveDate;
    /// let mut cal = Calendar::england_and_wales();
    /// let d = NaiveDate::from_ymd_opt(2031, 6, 10).unwrap();
    /// cal.add_holiday(d, "A proclaimed day").unwrap();
    /// assert!(!cal.is_working_day(d).unwrap());
    /// ```
    pub fn add_holiday(&mut self, date: NaiveDate, name: &str) -> Result<()> {
        Self::check("date", date)?;
        self.removed.remove(&date);
        self.added.insert(date, name.chars().take(200).collect());
        Ok(())
    }

    /// Removes a bank holiday (one moved by proclamation, for example).
    /// Returns whether the day was a holiday.
    pub fn remove_holiday(&mut self, date: NaiveDate) -> Result<bool> {
        let was = self.is_bank_holiday(date)?;
        self.added.remove(&date);
        self.removed.insert(date);
        Ok(was)
    }

    /// Replaces the computed days of every year covered by the official
    /// GOV.UK `bank-holidays.json` (division `england-and-wales`) with the
    /// days it lists. Years it does not cover keep the computed days; days
    /// added or removed before stay added or removed.
    ///
    /// Errors: `invalid_calendar` (with the field of the offending entry).
    ///
    /// ```
    /// use kcsp_core::Calendar;
    /// use chrono::NaiveDate;
    /// let json = r#"{"england-and-wales": {"division": "england-and-wales", "events": [
    ///   {"title": "New Year’s Day", "date": "2030-01-01", "notes": "", "bunting": true},
    ///   {"title": "A proclaimed day", "date": "2030-07-01", "notes": "", "bunting": true}]}}"#;
    /// let cal = Calendar::england_and_wales().with_govuk_json(json).unwrap();
    /// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    /// assert!(!cal.is_working_day(d(2030, 7, 1)).unwrap());
    /// assert!(cal.is_working_day(d(2030, 12, 25)).unwrap()); // 2030 is replaced whole
    /// assert!(!cal.is_working_day(d(2031, 12, 25)).unwrap());
    /// assert_eq!(cal.source().govuk_years, Some([2030, 2030]));
    /// ```
    pub fn with_govuk_json(self, text: &str) -> Result<Calendar> {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| Error::new(ErrorKind::InvalidCalendar, "", format!("not JSON: {e}")))?;
        self.with_govuk_value(&value)
    }

    /// [`with_govuk_json`](Self::with_govuk_json) on a JSON value already parsed.
    pub fn with_govuk_value(mut self, value: &serde_json::Value) -> Result<Calendar> {
        let bad = |field: &str, msg: String| Error::new(ErrorKind::InvalidCalendar, field, msg);
        let events = value
            .get("england-and-wales")
            .and_then(|d| d.get("events"))
            .and_then(|e| e.as_array())
            .ok_or_else(|| bad("england-and-wales.events", "no england-and-wales events list".into()))?;
        let mut parsed = BTreeMap::new();
        for (i, ev) in events.iter().enumerate() {
            let field = format!("england-and-wales.events[{i}]");
            let date = ev
                .get("date")
                .and_then(|d| d.as_str())
                .ok_or_else(|| bad(&format!("{field}.date"), "an event without a date".into()))?;
            let date = crate::base::dates::parse_date(&format!("{field}.date"), date)
                .map_err(|e| bad(e.field(), e.message().to_string()))?;
            Self::check(&field, date).map_err(|e| bad(&format!("{field}.date"), e.message().to_string()))?;
            let title = ev.get("title").and_then(|t| t.as_str()).unwrap_or("Bank holiday");
            parsed.insert(date, title.chars().take(200).collect::<String>());
        }
        let (Some(first), Some(last)) = (parsed.keys().next(), parsed.keys().next_back()) else {
            return Err(bad("england-and-wales.events", "the events list is empty".into()));
        };
        self.govuk = Some(Govuk {
            first_year: first.year(),
            last_year: last.year(),
            days: parsed,
            source: value.clone(),
        });
        Ok(self)
    }

    /// The changes that make this calendar from the computed one, in the form
    /// a request's `calendar` key takes ([`CalendarChanges`]).
    pub fn changes(&self) -> CalendarChanges {
        CalendarChanges {
            govuk: self.govuk.as_ref().map(|g| g.source.clone()),
            add: self.added.keys().map(|d| IsoDate(*d)).collect(),
            remove: self.removed.iter().map(|d| IsoDate(*d)).collect(),
        }
    }

    /// Which calendar this is: the years computed from statute, the years a
    /// GOV.UK file replaced, the days added and removed.
    pub fn source(&self) -> CalendarSource {
        let govuk_years = self.govuk.as_ref().map(|g| [g.first_year, g.last_year]);
        let statute_years: Vec<[i32; 2]> = match govuk_years {
            None => vec![[FIRST_YEAR, LAST_YEAR]],
            Some([a, b]) => [[FIRST_YEAR, a - 1], [b + 1, LAST_YEAR]]
                .into_iter()
                .filter(|[x, y]| x <= y)
                .collect(),
        };
        let years = |r: &[i32; 2]| {
            if r[0] == r[1] {
                r[0].to_string()
            } else {
                format!("{}-{}", r[0], r[1])
            }
        };
        let mut parts: Vec<String> = Vec::new();
        if !statute_years.is_empty() {
            let ranges: Vec<String> = statute_years.iter().map(years).collect();
            parts.push(format!(
                "England and Wales bank holidays computed from statute and proclamations for {}",
                ranges.join(" and ")
            ));
        }
        if let Some(g) = &govuk_years {
            parts.push(format!("taken from a GOV.UK bank-holidays file for {}", years(g)));
        }
        let plural = |n: usize| if n == 1 { "day" } else { "days" };
        if !self.added.is_empty() {
            parts.push(format!("{} {} added", self.added.len(), plural(self.added.len())));
        }
        if !self.removed.is_empty() {
            parts.push(format!("{} {} removed", self.removed.len(), plural(self.removed.len())));
        }
        CalendarSource {
            statute_years,
            govuk_years,
            added: self.added.keys().copied().collect(),
            removed: self.removed.iter().copied().collect(),
            summary: format!("{}.", parts.join("; ")),
        }
    }

    /// The name of a bank holiday before range checks, from the layer that decides it.
    fn lookup(&self, date: NaiveDate) -> Option<&str> {
        if self.removed.contains(&date) {
            return None;
        }
        if let Some(n) = self.added.get(&date) {
            return Some(n);
        }
        match &self.govuk {
            Some(g) if (g.first_year..=g.last_year).contains(&date.year()) => g.days.get(&date).map(String::as_str),
            _ => computed().get(&date).map(String::as_str),
        }
    }

    /// Whether the day's status comes from the computed calendar (not a
    /// GOV.UK file or a change).
    /// Whether `date` is a one-off bank holiday this calendar computed from a
    /// proclamation (and so is cited by the proclamations).
    pub(crate) fn is_proclaimed(&self, date: NaiveDate) -> bool {
        self.is_computed(date)
            && ONE_OFFS
                .iter()
                .any(|(_, added)| added.iter().any(|(y, m, d, _)| ymd(*y, *m, *d) == date))
    }

    fn is_computed(&self, date: NaiveDate) -> bool {
        !self.removed.contains(&date)
            && !self.added.contains_key(&date)
            && !self
                .govuk
                .as_ref()
                .is_some_and(|g| (g.first_year..=g.last_year).contains(&date.year()))
    }

    /// The name of the bank holiday on `date`, if it is one.
    pub fn holiday(&self, date: NaiveDate) -> Result<Option<&str>> {
        Self::check("date", date)?;
        Ok(self.lookup(date))
    }

    /// Whether `date` is a bank holiday.
    pub fn is_bank_holiday(&self, date: NaiveDate) -> Result<bool> {
        Ok(self.holiday(date)?.is_some())
    }

    /// Whether `date` is a working day: a weekday that is not a bank holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool> {
        Ok(!is_weekend(date) && !self.is_bank_holiday(date)?)
    }

    /// The bank holidays of `year`, in date order.
    ///
    /// ```
    /// use kcsp_core::Calendar;
    /// let days = Calendar::england_and_wales().bank_holidays(2022).unwrap();
    /// assert_eq!(days.len(), 10); // eight regular, the jubilee and the state funeral
    /// ```
    pub fn bank_holidays(&self, year: i32) -> Result<Vec<BankHoliday>> {
        let start = NaiveDate::from_ymd_opt(year, 1, 1)
            .filter(|_| (FIRST_YEAR..=LAST_YEAR).contains(&year))
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::DateOutOfRange,
                    "year",
                    format!("{year} is outside {FIRST_YEAR} to {LAST_YEAR}"),
                )
            })?;
        let mut out = Vec::new();
        let mut d = start;
        while d.year() == year {
            if let Some(name) = self.lookup(d) {
                out.push(BankHoliday {
                    date: d,
                    name: name.to_string(),
                });
            }
            match d.succ_opt() {
                Some(n) => d = n,
                None => break,
            }
        }
        Ok(out)
    }

    /// The number of working days strictly between `from` and `to` (neither
    /// end counted; zero when `to` is not after `from`).
    ///
    /// ```
    /// use kcsp_core::Calendar;
    /// use chrono::NaiveDate;
    /// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    /// let cal = Calendar::england_and_wales();
    /// assert_eq!(cal.clear_working_days(d(2022, 7, 6), d(2022, 7, 14)).unwrap(), 5);
    /// ```
    pub fn clear_working_days(&self, from: NaiveDate, to: NaiveDate) -> Result<u32> {
        Self::check("from", from)?;
        Self::check("to", to)?;
        let mut n = 0u32;
        let mut d = from;
        while let Some(next) = d.succ_opt() {
            if next >= to {
                break;
            }
            if self.is_working_day(next)? {
                n += 1;
            }
            d = next;
        }
        Ok(n)
    }

    /// The `n`th working day before `date` (`n` = 1 is the previous working
    /// day). `n` = 0 gives `date` itself.
    pub fn working_days_before(&self, date: NaiveDate, n: u32) -> Result<NaiveDate> {
        Self::check("date", date)?;
        let mut d = date;
        let mut left = n;
        while left > 0 {
            d = d.pred_opt().ok_or_else(|| out_of_range("date", date))?;
            Self::check("date", d).map_err(|_| out_of_range("date", date))?;
            if self.is_working_day(d)? {
                left -= 1;
            }
        }
        Ok(d)
    }
}

#[cfg(feature = "python")]
crate::base::python::class!(BankHoliday);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::dates::parse_date;

    fn d(s: &str) -> NaiveDate {
        parse_date("d", s).unwrap()
    }

    #[test]
    fn easter_dates() {
        for (y, e) in [
            (2000, "2000-04-23"),
            (2011, "2011-04-24"),
            (2019, "2019-04-21"),
            (2022, "2022-04-17"),
            (2024, "2024-03-31"),
            (2038, "2038-04-25"),
            (2285, "2285-03-22"),
        ] {
            assert_eq!(easter(y), d(e), "{y}");
        }
    }

    #[test]
    fn issue_traps() {
        let c = Calendar::england_and_wales();
        for w in ["2022-05-30", "2020-05-04", "2012-05-28", "2002-05-27", "2024-07-04"] {
            assert!(c.is_working_day(d(w)).unwrap(), "{w} should be a working day");
        }
        for h in [
            "2022-09-19",
            "2023-05-08",
            "2022-06-02",
            "2022-06-03",
            "2020-05-08",
            "2012-06-04",
            "2012-06-05",
            "2002-06-03",
            "2002-06-04",
            "2011-04-29",
            "1999-12-31",
            "2021-12-27",
            "2021-12-28",
            "2024-07-06",
        ] {
            assert!(!c.is_working_day(d(h)).unwrap(), "{h} should not be a working day");
        }
    }

    #[test]
    fn substitute_days() {
        let c = Calendar::england_and_wales();
        // Christmas on Sunday 2022: Boxing Day Monday 26, Christmas substitute Tuesday 27.
        assert_eq!(
            c.holiday(d("2022-12-27")).unwrap(),
            Some("Christmas Day (substitute day)")
        );
        assert_eq!(c.holiday(d("2022-12-26")).unwrap(), Some("Boxing Day"));
        // Christmas on Friday 2020: Boxing Day Saturday, substitute Monday 28.
        assert_eq!(c.holiday(d("2020-12-28")).unwrap(), Some("Boxing Day (substitute day)"));
        // New Year's Day on Saturday 2022: substitute Monday 3 January.
        assert_eq!(
            c.holiday(d("2022-01-03")).unwrap(),
            Some("New Year's Day (substitute day)")
        );
        // On Sunday 2023: Monday 2 January.
        assert_eq!(
            c.holiday(d("2023-01-02")).unwrap(),
            Some("New Year's Day (substitute day)")
        );
    }

    /// An independent oracle: the `bankholidays` crate, every day of 2000-2099.
    #[test]
    fn agrees_with_an_independent_implementation_2000_to_2099() {
        use bankholidays::uk::is_bankholiday;
        let c = Calendar::england_and_wales();
        let mut day = d("2000-01-01");
        let mut checked = 0;
        while day <= d("2099-12-31") {
            assert_eq!(
                c.is_bank_holiday(day).unwrap() && !is_weekend(day),
                is_bankholiday(&day),
                "{day}"
            );
            day = day.succ_opt().unwrap();
            checked += 1;
        }
        assert_eq!(checked, 36_525);
    }

    #[test]
    fn eight_regular_days_in_an_ordinary_year() {
        let c = Calendar::england_and_wales();
        for y in [2019, 2021, 2024, 2025, 2050, 2099] {
            assert_eq!(c.bank_holidays(y).unwrap().len(), 8, "{y}");
        }
        assert_eq!(c.bank_holidays(2023).unwrap().len(), 9);
        assert_eq!(c.bank_holidays(1977).unwrap_err().code(), "date_out_of_range");
    }

    #[test]
    fn out_of_range_is_an_error() {
        let c = Calendar::england_and_wales();
        assert_eq!(
            c.is_working_day(d("1977-06-07")).unwrap_err().code(),
            "date_out_of_range"
        );
        assert_eq!(
            c.is_working_day(d("2200-01-01")).unwrap_err().code(),
            "date_out_of_range"
        );
        assert!(c.working_days_before(d("1978-01-03"), 5).is_err());
    }

    #[test]
    fn add_and_remove() {
        let mut c = Calendar::england_and_wales();
        assert!(c.remove_holiday(d("2023-05-08")).unwrap());
        assert!(c.is_working_day(d("2023-05-08")).unwrap());
        assert!(!c.remove_holiday(d("2023-05-09")).unwrap());
        assert!(c.add_holiday(d("2300-01-01"), "x").is_err());
    }

    #[test]
    fn govuk_json_errors() {
        let c = Calendar::england_and_wales();
        for bad in [
            "",
            "[]",
            "{\"scotland\": {}}",
            "{\"england-and-wales\": {\"events\": []}}",
            "{\"england-and-wales\": {\"events\": [{\"date\": \"2022-13-01\"}]}}",
            "{\"england-and-wales\": {\"events\": [{\"title\": \"x\"}]}}",
        ] {
            assert_eq!(
                c.clone().with_govuk_json(bad).unwrap_err().code(),
                "invalid_calendar",
                "{bad}"
            );
        }
    }

    #[test]
    fn clear_days_and_days_before() {
        let c = Calendar::england_and_wales();
        assert_eq!(c.clear_working_days(d("2023-04-05"), d("2023-04-13")).unwrap(), 3);
        assert_eq!(c.clear_working_days(d("2023-04-13"), d("2023-04-05")).unwrap(), 0);
        assert_eq!(c.working_days_before(d("2023-04-13"), 5).unwrap(), d("2023-04-04"));
        assert_eq!(c.working_days_before(d("2023-04-13"), 0).unwrap(), d("2023-04-13"));
    }
}
