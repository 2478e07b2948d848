//! The rules layer: one file per rule family, each with its typed inputs,
//! its results (with their explanation and `Display`) and its functions.
//!
//! Imports point down only: a rule uses `base`, `definitions` and the rules
//! it builds on (chair removal uses quorum, reconciliation uses the ledger),
//! never the boundary.

pub mod action_plan;
pub mod cadence;
pub mod chair;
pub mod csa;
pub mod decision;
pub mod dhr;
pub mod grant;
pub mod match_funding;
pub mod papers;
pub mod protocol;
pub mod quorum;
pub mod reconcile;
pub mod review;
pub mod tactical;
pub mod working_day;
