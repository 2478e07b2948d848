//! The gates on the tactical pot a context holds, each for a range of
//! financial years (`tactical_gates` in `kcsp-core/data/kent.json`). The
//! rule that reads them is [`crate::tactical::access`].

use crate::base::year::FinancialYear;
use crate::definitions::explain::Citation;
use crate::definitions::partnership::Citations;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The gates of a context: the clauses that make the pot in-year money, and
/// the gates of particular years.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TacticalGates {
    /// The clauses that make the pot in-year money.
    #[serde(default)]
    pub in_year: Vec<Citation>,
    /// The gates, each for a range of years.
    #[serde(default)]
    pub gates: Vec<GateRule>,
}

/// A gate on the tactical pot for a range of financial years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GateRule {
    /// The first year it applies to.
    pub from: FinancialYear,
    /// The last year it applies to (`None`: every later year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<FinancialYear>,
    /// What keeps the pot shut.
    pub condition: Condition,
    /// The clauses.
    #[serde(default, skip_serializing_if = "Citations::is_empty")]
    pub citation: Citations,
}

/// What a gate asks.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", deny_unknown_fields)]
pub enum Condition {
    /// Every project funded by earlier years' grants must be complete.
    EarlierProjectsComplete,
    /// Every upfront business case must have been decided.
    UpfrontCasesDecided,
    /// The pot is closed from this date.
    Closed {
        /// The first day it is closed.
        #[serde(with = "crate::base::dates::iso")]
        from: NaiveDate,
    },
}
