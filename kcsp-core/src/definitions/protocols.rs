//! The versions of the Domestic Homicide Review protocol a context holds,
//! chosen by notification date (`dhr_protocols` in `kcsp-core/data/kent.json`).
//! The rules that read them are in [`crate::protocol`] and [`crate::dhr`].

use crate::base::error::{Error, ErrorKind, Result};
use crate::definitions::explain::Citation;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A version of the review protocol.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Protocol {
    /// A short id, e.g. `home_office_2016`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// What the reviews are called under it.
    pub review_name: String,
    /// The first notification date it applies to.
    #[serde(with = "crate::base::dates::iso")]
    pub from: NaiveDate,
    /// Calendar months from notification to the commissioning decision.
    pub decision_months: u32,
    /// Calendar months from the decision to commission to the overview report.
    pub report_months: u32,
    /// The clause.
    pub citation: Citation,
}

/// Protocol versions, chosen by notification date.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Protocols(pub Vec<Protocol>);

impl Protocols {
    /// These versions plus `protocol` (for example a Domestic Abuse Related
    /// Death Review regime with a twelve-month completion period).
    ///
    /// ```
    /// use kcsp_core::protocol::{Protocol, Protocols};
    /// use kcsp_core::Citation;
    /// use chrono::NaiveDate;
    /// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    /// let p = kcsp_core::Context::kent().protocols().clone().with(Protocol {
    ///     id: "dardr_example".into(), name: "An example DARDR regime".into(),
    ///     review_name: "Domestic Abuse Related Death Review".into(),
    ///     from: d(2026, 1, 1), decision_months: 1, report_months: 12,
    ///     citation: Citation::new("Victims and Prisoners Act 2024", "s.19", "Renames the reviews."),
    /// });
    /// assert_eq!(p.for_notification(d(2026, 3, 1)).unwrap().report_months, 12);
    /// ```
    #[must_use]
    pub fn with(mut self, protocol: Protocol) -> Protocols {
        self.0.push(protocol);
        self
    }

    /// The version in force for a review notified on `notified`.
    pub fn for_notification(&self, notified: NaiveDate) -> Result<&Protocol> {
        self.0
            .iter()
            .filter(|p| p.from <= notified)
            .max_by_key(|p| p.from)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::NoProtocolInForce,
                    "notified",
                    format!("no review protocol was in force on {notified}"),
                )
            })
    }
}
