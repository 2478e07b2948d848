//! Working days: whether a date is a working day in England and Wales (or
//! on the calendar of the context), and why. The calendar itself (statute,
//! proclamations, GOV.UK's file, days added or removed) is
//! [`crate::calendar`].
//!
//! Reading: a working day is Monday to Friday and not a bank holiday of the
//! calendar used.

use crate::base::error::Result;
use crate::definitions::calendar::{Calendar, CITE_ACT, CITE_PROCLAMATIONS};
use crate::definitions::explain::Explanation;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The id of the `working_day` rule: its entry in the registry, its explanations' `rule`.
pub const ID: &str = "working_day";

impl Calendar {
    /// Whether `date` is a working day, with the reason.
    ///
    /// ```
    /// use kcsp_core::Calendar;
    /// use chrono::NaiveDate;
    /// let r = Calendar::england_and_wales().working_day(NaiveDate::from_ymd_opt(2023, 5, 8).unwrap()).unwrap();
    /// assert!(!r.working_day);
    /// assert!(r.explanation.reason.contains("coronation"));
    /// ```
    pub fn working_day(&self, date: NaiveDate) -> Result<WorkingDay> {
        let holiday = self.holiday(date)?.map(str::to_string);
        let weekend = crate::definitions::calendar::is_weekend(date);
        let working_day = !weekend && holiday.is_none();
        let weekday = date.weekday().to_string();
        let reason = match (&holiday, weekend) {
            (Some(h), _) => format!("{date} ({weekday}) is a bank holiday: {h}."),
            (None, true) => format!("{date} is a {weekday}, not a working day."),
            (None, false) => format!("{date} ({weekday}) is a working day."),
        };
        let mut explanation = Explanation::new(ID, reason)
            .reading("A working day is Monday to Friday, not an England and Wales bank holiday.")
            .cite(&CITE_ACT);
        if holiday.is_some() && self.is_proclaimed(date) {
            explanation = explanation.cite(&CITE_PROCLAMATIONS);
        }
        Ok(WorkingDay {
            date,
            working_day,
            weekday,
            holiday,
            explanation: explanation.on_calendar(self.source()),
        })
    }
}

crate::base::input::input! {
    /// The input of the `working_day` rule ([`Calendar::working_day`]).
    pub struct WorkingDayInput {
        /// The date.
        #[serde(with = "crate::base::dates::iso")]
        pub date: NaiveDate,
    }
}

/// Whether a date is a working day, and why.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WorkingDay {
    /// The date.
    pub date: NaiveDate,
    /// Whether it is a working day in England and Wales.
    pub working_day: bool,
    /// The day of the week (`Mon` … `Sun`).
    pub weekday: String,
    /// The bank holiday's name, if it is one.
    pub holiday: Option<String>,
    /// Which rule applied and why.
    pub explanation: Explanation,
}

crate::definitions::explain::results!(WorkingDay);
