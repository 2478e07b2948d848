//! Workspace support for the examples and tests: the compliance report of
//! `examples/report.rs`. It reads a partnership's records (the data file,
//! [`data`], and the CSV exports it keeps, [`files`]), has the core judge
//! each one ([`findings`]), and lays the answers out as text ([`text`]) or
//! as one self-contained HTML page ([`html`]).
//!
//! The rules themselves all live in `kcsp-core`; this crate only reads the
//! records, calls the core, and lays the answers out.

#![forbid(unsafe_code)]

pub mod data;
pub mod files;
pub mod findings;
pub mod html;
pub mod text;

pub use data::{load, ReportData};
pub use findings::{dhr_portfolio, grant_year, Findings, GrantYearResult};
pub use text::render;

/// The README's Rust example, run as a doctest.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
