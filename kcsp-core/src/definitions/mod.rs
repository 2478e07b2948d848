//! The definitions layer: what a partnership writes down and a rule reads.
//! The calendar, explanations and citations, the partnership (bodies,
//! seats, holders, dated terms), the grant schemes, DHR protocol versions,
//! tactical-pot gates and Community Safety Agreements, Kent's built-in
//! data, and the [`Context`](crate::Context) that holds them all.
//!
//! Imports point down only: a module here uses `base` and the definitions
//! listed before it, never a rule or the boundary.

pub mod agreements;
pub mod calendar;
pub mod context;
pub mod explain;
pub mod gates;
pub(crate) mod kent;
pub mod partnership;
pub mod protocols;
pub mod schemes;
