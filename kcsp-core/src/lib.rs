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

pub mod action_plan;
pub mod cadence;
pub mod calendar;
pub mod chair;
pub mod context;
pub mod csa;
pub mod dates;
pub mod dhr;
pub mod error;
pub mod explain;
pub mod grant;
pub mod id;
pub mod input;
pub mod json;
mod kent;
pub mod match_funding;
pub mod messages;
pub mod money;
pub mod papers;
pub mod partnership;
mod path;
pub mod protocol;
#[cfg(feature = "python")]
pub mod python;
pub mod quorum;
pub mod receipt;
pub mod reconcile;
pub mod review;
pub mod rules;
pub mod tactical;
pub mod year;

pub use calendar::Calendar;
pub use context::Context;
pub use error::{Error, ErrorKind, Result};
pub use explain::{Citation, Explanation, Figure};
pub use id::{BodyId, OrgId, SeatId};
pub use money::Money;
pub use partnership::Partnership;
pub use year::FinancialYear;
