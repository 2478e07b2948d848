//! Dates: strict ISO parsing and explicit calendar-month arithmetic.
//!
//! There is no clock anywhere in the library: every rule takes the date it
//! is evaluated for as an input.

use crate::base::error::{quote, Error, ErrorKind, Result};
use chrono::{Datelike, Months, NaiveDate};

/// Parses a strict ISO `YYYY-MM-DD` date (four-digit year, two-digit month
/// and day). `field` names the input in the error.
///
/// ```
/// use kcsp_core::dates::parse_date;
/// assert_eq!(parse_date("date", "2022-07-14").unwrap().to_string(), "2022-07-14");
/// assert_eq!(parse_date("date", "2022-7-14").unwrap_err().code(), "invalid_date");
/// assert_eq!(parse_date("date", "2023-02-29").unwrap_err().code(), "invalid_date");
/// ```
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate> {
    let bad = || {
        Error::new(
            ErrorKind::InvalidDate,
            field,
            format!("'{}' is not a date in the form YYYY-MM-DD", quote(text)),
        )
        .with("value", quote(text))
    };
    let b = text.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return Err(parts(text, bad()));
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let mut n = 0u32;
        for &c in b.get(r)? {
            if !c.is_ascii_digit() {
                return None;
            }
            n = n * 10 + u32::from(c - b'0');
        }
        Some(n)
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err(bad());
    };
    let year = i32::try_from(y).map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(year, m, d).ok_or_else(|| parts(text, bad()))
}

/// Which part of a date given as `year-month-day` is missing or not real,
/// as the error's details (`missing`: "month", "day and year"; `wrong`:
/// "day"), so that a form can say so: what GOV.UK's date pattern asks of an
/// error message. Text of another shape gets neither.
fn parts(text: &str, error: Error) -> Error {
    let pieces: Vec<&str> = text.split('-').collect();
    let [y, m, d] = pieces.as_slice() else {
        return error;
    };
    let number = |s: &str| -> Option<u32> {
        if s.is_empty() || s.len() > 4 || !s.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let missing: Vec<&str> = [("day", d), ("month", m), ("year", y)]
        .iter()
        .filter(|(_, s)| s.trim().is_empty())
        .map(|(part, _)| *part)
        .collect();
    if !missing.is_empty() {
        let words = match missing.as_slice() {
            [one] => (*one).to_string(),
            [a, b] => format!("{a} and {b}"),
            _ => "day, month and year".to_string(),
        };
        return error.with("missing", words);
    }
    let (year, month, day) = (number(y), number(m), number(d));
    let wrong = match (year, month, day) {
        (_, None | Some(0) | Some(13..), _) => "month",
        (None | Some(0..=999), _, _) => "year",
        (Some(y), Some(m), Some(d)) if NaiveDate::from_ymd_opt(i32::try_from(y).unwrap_or(0), m, d).is_some() => {
            // A real date written another way ("2022-7-14"): no part is wrong.
            return error;
        }
        _ => "day",
    };
    error.with("wrong", wrong)
}

/// A date as GOV.UK writes it in a sentence: "8 July 2022" (the data
/// fields keep ISO dates).
///
/// ```
/// use kcsp_core::dates::{long, parse_date};
/// assert_eq!(long(parse_date("d", "2022-07-08").unwrap()), "8 July 2022");
/// ```
pub fn long(date: NaiveDate) -> String {
    // Written out rather than through chrono's `format`, whose parser of
    // format strings would weigh on the WebAssembly builds.
    format!("{} {} {}", date.day(), month_name(date.month()), date.year())
}

/// A number of months in words: "1 month", "6 months".
///
/// ```
/// use kcsp_core::dates::months;
/// assert_eq!(months(1), "1 month");
/// assert_eq!(months(6), "6 months");
/// ```
pub fn months(n: u32) -> String {
    if n == 1 {
        "1 month".into()
    } else {
        format!("{n} months")
    }
}

/// A month's English name (1 is January; `?` for a number that is no month).
///
/// ```
/// assert_eq!(kcsp_core::dates::month_name(10), "October");
/// ```
pub fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    usize::try_from(month)
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|i| NAMES.get(i))
        .copied()
        .unwrap_or("?")
}

/// Adds calendar months, clamping to the end of a shorter month:
/// 31 January + 1 month is the last day of February, and 29 February + 12
/// months is 28 February. A result after 9999-12-31 (which has no ISO
/// `YYYY-MM-DD` form) is `date_out_of_range`.
///
/// ```
/// use kcsp_core::dates::{add_months, parse_date};
/// let d = |s| parse_date("d", s).unwrap();
/// assert_eq!(add_months("d", d("2023-01-31"), 1).unwrap(), d("2023-02-28"));
/// assert_eq!(add_months("d", d("2024-01-31"), 1).unwrap(), d("2024-02-29"));
/// assert_eq!(add_months("d", d("2024-02-29"), 12).unwrap(), d("2025-02-28"));
/// assert_eq!(add_months("d", d("2023-08-31"), 6).unwrap(), d("2024-02-29"));
/// ```
pub fn add_months(field: &str, date: NaiveDate, months: u32) -> Result<NaiveDate> {
    date.checked_add_months(Months::new(months))
        .filter(|d| d.year() <= 9999)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::DateOutOfRange,
                field,
                format!("{date} plus {months} months is beyond the last supported date"),
            )
        })
}

/// Serde for an optional strict ISO date (`None` written as absent): the
/// definition files use it so that `2022-7-1` is refused as it is everywhere
/// else.
pub(crate) mod opt_iso {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<std::borrow::Cow<'de, str>>::deserialize(d)? {
            None => Ok(None),
            Some(t) => super::parse_date("", &t).map(Some).map_err(crate::base::path::de),
        }
    }
}

/// Serde for a list of strict ISO dates.
pub(crate) mod iso_list {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &[NaiveDate], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(d.iter().map(ToString::to_string))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NaiveDate>, D::Error> {
        #[derive(Deserialize)]
        #[serde(transparent)]
        struct Iso(#[serde(with = "super::iso")] NaiveDate);
        Ok(Vec::<Iso>::deserialize(d)?.into_iter().map(|i| i.0).collect())
    }
}

/// Serde for a strict ISO date.
pub(crate) mod iso {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let t = std::borrow::Cow::<'de, str>::deserialize(d)?;
        super::parse_date("", &t).map_err(crate::base::path::de)
    }
}

/// Days from `from` to `to` (negative when `to` is earlier).
pub(crate) fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date("d", s).unwrap()
    }

    #[test]
    fn rejects_malformed_dates() {
        for bad in [
            "",
            "2022-07-1",
            "2022/07/14",
            "22-07-14",
            "2022-13-01",
            "2022-00-10",
            "2022-02-30",
            "2022-07-14T00:00",
            " 2022-07-14",
            "２０２２-07-14",
            "+022-07-14",
            "2022-0a-14",
        ] {
            let e = parse_date("when", bad).unwrap_err();
            assert_eq!(e.code(), "invalid_date", "{bad}");
            assert_eq!(e.field(), "when");
        }
    }

    #[test]
    fn month_ends_clamp() {
        assert_eq!(add_months("x", d("2023-01-31"), 1).unwrap(), d("2023-02-28"));
        assert_eq!(add_months("x", d("2023-03-31"), 1).unwrap(), d("2023-04-30"));
        assert_eq!(add_months("x", d("2023-01-30"), 1).unwrap(), d("2023-02-28"));
        assert_eq!(add_months("x", d("2022-08-31"), 6).unwrap(), d("2023-02-28"));
        assert_eq!(add_months("x", d("2023-02-28"), 12).unwrap(), d("2024-02-28"));
        assert_eq!(add_months("x", d("2023-01-10"), 1).unwrap(), d("2023-02-10"));
        assert_eq!(add_months("x", d("2023-12-15"), 1).unwrap(), d("2024-01-15"));
    }

    #[test]
    fn month_overflow_is_an_error_not_a_panic() {
        let e = add_months("x", NaiveDate::MAX, 1).unwrap_err();
        assert_eq!(e.code(), "date_out_of_range");
        assert!(add_months("x", d("9999-12-31"), u32::MAX).is_err());
        assert_eq!(
            add_months("x", d("9999-12-31"), 1).unwrap_err().code(),
            "date_out_of_range"
        );
        assert_eq!(add_months("x", d("9999-11-30"), 1).unwrap(), d("9999-12-30"));
    }
}

/// A strict ISO date in a serde structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct IsoDate(#[serde(with = "crate::base::dates::iso")] pub NaiveDate);
