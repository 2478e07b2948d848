//! The built-in definition: the Kent Community Safety Partnership, its
//! Working Group and the Kent and Medway DHR Steering Group, the Crime
//! Reduction Grant schemes, the DHR protocol versions, the tactical-pot gates
//! and every citation, as the data file `kcsp-core/data/kent.json`.
//!
//! The file is embedded at compile time and read by the same reader as any
//! other definition ([`Context::from_json`](crate::Context::from_json)); a
//! test checks that it reads, validates, and writes back to itself.
//!
//! Readings the data takes (each can be changed by editing a copy of it):
//!
//! - seats are the seven of KCSP ToR §4. In statute (Crime and Disorder Act
//!   1998 s.5) a Police and Crime Commissioner is not a responsible
//!   authority, but the KCSP terms of reference list the Office of the PCC
//!   among the authorities whose representatives form the core membership;
//!   the data follows the terms of reference and gives the OPCC a seat;
//! - the health seat is held by `kent_and_medway_ccg` up to 2022-06-30 and by
//!   `nhs_kent_and_medway` from 2022-07-01 (2022 ToR review §2.2);
//! - the Serious Violence Prevention Partnership Board is a co-operating body
//!   from the 2024 review (4 July 2024), whose reaffirmation of the annual
//!   review is cited from that date;
//! - removal needs more than half of *all* seats; papers need five *clear*
//!   working days; the KCSP meets at least three times in each financial
//!   year, the Working Group before each KCSP meeting, the DHR Steering Group
//!   in every quarter.

/// The Kent definition, as JSON text.
pub(crate) const KENT_JSON: &str = include_str!("../../data/kent.json");
