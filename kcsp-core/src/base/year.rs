//! Financial years: 1 April to 31 March, written `2022/23`.

use crate::base::error::{quote, Error, ErrorKind, Result};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A financial year, named by the calendar year it starts in.
///
/// ```
/// use kcsp_core::FinancialYear;
/// use chrono::NaiveDate;
/// let y = FinancialYear::parse("year", "2022/23").unwrap();
/// assert_eq!(y.first_day().to_string(), "2022-04-01");
/// assert_eq!(y.last_day().to_string(), "2023-03-31");
/// assert_eq!(y.to_string(), "2022/23");
/// assert_eq!(FinancialYear::containing(NaiveDate::from_ymd_opt(2023, 3, 31).unwrap()), y);
/// assert_eq!(FinancialYear::parse("year", "2022/24").unwrap_err().code(), "invalid_financial_year");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FinancialYear(i32);

impl FinancialYear {
    /// The year starting 1 April of `start` (1900 to 9998).
    pub fn starting(field: &str, start: i32) -> Result<FinancialYear> {
        if (1900..=9998).contains(&start) {
            Ok(FinancialYear(start))
        } else {
            Err(Error::new(
                ErrorKind::InvalidFinancialYear,
                field,
                format!("{start} is outside 1900 to 9998"),
            ))
        }
    }

    /// Parses `2022/23` (or `2022/2023`); the second year must follow the first.
    pub fn parse(field: &str, text: &str) -> Result<FinancialYear> {
        let bad = || {
            Error::new(
                ErrorKind::InvalidFinancialYear,
                field,
                format!("'{}' is not a financial year such as 2022/23", quote(text)),
            )
            .with("value", quote(text))
        };
        let (a, b) = text.split_once('/').ok_or_else(bad)?;
        let num = |s: &str| -> Option<i32> {
            if s.bytes().all(|c| c.is_ascii_digit()) && !s.is_empty() && s.len() <= 4 {
                s.parse().ok()
            } else {
                None
            }
        };
        let (Some(start), Some(end)) = (num(a), num(b)) else {
            return Err(bad());
        };
        if a.len() != 4 {
            return Err(bad());
        }
        let ok = match b.len() {
            2 => (start + 1) % 100 == end,
            4 => start + 1 == end,
            _ => false,
        };
        if !ok {
            return Err(bad());
        }
        FinancialYear::starting(field, start).map_err(|_| bad())
    }

    /// The financial year a date falls in.
    pub fn containing(date: NaiveDate) -> FinancialYear {
        if date.month() >= 4 {
            FinancialYear(date.year())
        } else {
            FinancialYear(date.year() - 1)
        }
    }

    /// The calendar year it starts in.
    pub fn start_year(&self) -> i32 {
        self.0
    }

    /// 1 April.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 4, 1).unwrap_or(NaiveDate::MIN)
    }

    /// 31 March of the next calendar year.
    pub fn last_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 3, 31).unwrap_or(NaiveDate::MAX)
    }

    /// Whether `date` falls in the year.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first_day() <= date && date <= self.last_day()
    }
}

impl fmt::Display for FinancialYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.0, (self.0 + 1) % 100)
    }
}

impl Serialize for FinancialYear {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// Reads `"2022/23"` as [`FinancialYear::parse`] does.
impl<'de> Deserialize<'de> for FinancialYear {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let t = std::borrow::Cow::<'de, str>::deserialize(d)?;
        FinancialYear::parse("", &t).map_err(crate::base::path::de)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(FinancialYear::parse("y", "1999/00").unwrap().to_string(), "1999/00");
        assert_eq!(FinancialYear::parse("y", "2013/2014").unwrap().to_string(), "2013/14");
        for bad in [
            "",
            "2022",
            "2022/24",
            "2022/2024",
            "22/23",
            "2022-23",
            "2022/3",
            "abcd/ef",
            "2022/23 ",
            "0001/02",
            "2022/+3",
        ] {
            assert_eq!(
                FinancialYear::parse("y", bad).unwrap_err().code(),
                "invalid_financial_year",
                "{bad}"
            );
        }
    }

    #[test]
    fn containing() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(FinancialYear::containing(d(2022, 4, 1)).to_string(), "2022/23");
        assert_eq!(FinancialYear::containing(d(2022, 3, 31)).to_string(), "2021/22");
        assert!(FinancialYear::parse("y", "2021/22").unwrap().contains(d(2022, 2, 25)));
    }
}
