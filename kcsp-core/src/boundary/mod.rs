//! The boundary layer: where requests arrive from outside. The registry
//! (every rule named once: id, typed input, result, function), the JSON
//! entry point, form validation, receipts, the public messages, and
//! (feature `python`) the Python form of the results.
//!
//! Imports point down: the boundary uses every layer below it; nothing
//! below uses it.

pub mod api;
#[cfg(feature = "arrow")]
pub mod arrow;
#[cfg(feature = "batch")]
pub mod batch;
#[cfg(feature = "batch")]
pub(crate) mod cells;
#[cfg(feature = "batch")]
pub(crate) mod grouped;
pub mod json;
pub mod messages;
#[cfg(feature = "python")]
pub mod python;
pub mod receipt;
pub mod registry;
#[cfg(feature = "batch")]
pub mod table;
