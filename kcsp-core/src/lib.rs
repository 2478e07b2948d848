//! # kcsp-core
//!
//! The governance and funding rules of the Kent Community Safety
//! Partnership (KCSP) as exact, tested, explainable code: quorum, chair and
//! vice-chair removal, chair terms, papers deadlines on the England and
//! Wales working-day calendar, the annual terms-of-reference review, the
//! Crime Reduction Grant, and the Domestic Homicide Review protocol.
//!
//! Every decision returns its result with an [`Explanation`]: the clauses
//! that applied (cited by document title, date and section, summarised in
//! the library's own words), the figures used and the reason. Every failure
//! is an [`Error`] with a stable snake_case [`code`](Error::code), the input
//! field it concerns and a readable message.
//!
//! Money is exact ([`Money`], on `rust_decimal`; no floating point), dates
//! are `chrono::NaiveDate`, and there is no clock: the date a rule is
//! evaluated for is always an input. Every rule takes a [`Context`]: the
//! partnership definition ([`Partnership`], membership and terms looked up
//! by date), the calendar, the grant schemes, the DHR protocol versions and
//! the tactical-pot gates. Kent's is built in ([`Context::kent`], the data
//! file `kcsp-core/data/kent.json`); any other partnership's is data too.
//!
//! ```
//! use kcsp_core::{papers, quorum, Context};
//! use chrono::NaiveDate;
//!
//! let kent = Context::kent();
//! let meeting = NaiveDate::from_ymd_opt(2022, 11, 17).unwrap();
//! let q = quorum::check(kent, "kcsp", meeting,
//!     &["nhs_kent_and_medway", "kent_police", "kent_county_council",
//!       "district_borough_councils", "probation_service"]).unwrap();
//! assert!(q.quorate);
//! assert_eq!(q.count, 5);
//!
//! let sent = NaiveDate::from_ymd_opt(2022, 11, 9).unwrap();
//! let p = papers::deadline(kent, "kcsp", meeting, Some(sent)).unwrap();
//! assert_eq!(p.clear_working_days, Some(5));
//! assert_eq!(p.compliant, Some(true));
//! println!("{}", p.explanation);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)
)]

// Four layers, each a folder, every import pointing down (checked by
// kcsp-core/tests/layers.rs): base <- definitions <- rules <- boundary.
mod base;
mod boundary;
mod definitions;
mod rules;

// The rule families.
pub use rules::*;

// The registry and the ways in from outside.
pub use boundary::{api, json, messages, receipt, registry};

/// The batch engine (feature `batch`, on by default).
#[cfg(feature = "batch")]
pub use boundary::{batch, table};

/// Batches over Arrow data (feature `arrow`).
#[cfg(feature = "arrow")]
pub use boundary::arrow;

/// The Python form of the results (feature `python`, used by the `kcsp`
/// Python package).
#[cfg(feature = "python")]
pub mod python {
    pub use crate::boundary::python::*;
}

// What a partnership writes down.
pub use definitions::{calendar, partnership};

// The values every rule is made of.
pub use base::{dates, error, input, money};

pub use base::error::{Error, ErrorDomain, ErrorKind, Result};
pub use base::id::{BodyId, OrgId, SeatId, MAX_ID_LEN};
pub use base::money::Money;
pub use base::year::FinancialYear;
pub use definitions::calendar::Calendar;
pub use definitions::context::Context;
pub use definitions::explain::{CalendarSource, Citation, Explanation, Figure};
pub use definitions::partnership::Partnership;
