//! The Community Safety Agreements a context holds: each agreement period
//! with its priorities and cross-cutting themes (`community_safety_agreements`
//! in `kcsp-core/data/kent.json`). The rule that reads them is
//! [`crate::csa::priorities`].

use crate::definitions::partnership::Citations;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An agreement period and what it made the county's priorities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// Its name (`Kent Community Safety Agreement 2011-14`).
    pub name: String,
    /// The first day it was in effect.
    #[serde(with = "crate::base::dates::iso")]
    pub from: NaiveDate,
    /// The last day it was in effect (`None`: still in effect).
    #[serde(
        default,
        with = "crate::base::dates::opt_iso",
        skip_serializing_if = "Option::is_none"
    )]
    pub to: Option<NaiveDate>,
    /// Its priorities.
    pub priorities: Vec<String>,
    /// Its cross-cutting themes.
    pub themes: Vec<String>,
    /// What the sources leave open about it, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The clauses.
    #[serde(default, skip_serializing_if = "Citations::is_empty")]
    pub citation: Citations,
}
