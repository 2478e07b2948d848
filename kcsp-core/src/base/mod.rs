//! The base layer: what every definition and rule is made of, and nothing
//! about partnerships. Errors and their codes, field paths, dates, ids,
//! money, financial years, the kit that declares typed inputs and
//! enumerations (`input!`, `enumeration!`), canonical JSON, and (feature
//! `python`) the Python form of these values.
//!
//! Imports point down only: a module here uses nothing above `base`.

pub(crate) mod canonical;
pub mod dates;
pub mod error;
pub mod id;
pub mod input;
pub mod money;
pub(crate) mod path;
#[cfg(feature = "python")]
pub(crate) mod python;
pub mod year;
