//! The grant schemes of a context: which financial years each applies to,
//! how an allocation is divided, and the clauses of the split and the ledger
//! (`grant_schemes` in `kcsp-core/data/kent.json`). The rules that read
//! them are in [`crate::grant`].

use crate::base::error::{Error, ErrorKind, Result};
use crate::base::year::FinancialYear;
use crate::definitions::explain::Citation;
use serde::{Deserialize, Serialize};

/// How a year's allocation is divided between upfront projects and the
/// tactical pot: the upfront share is `upfront_numerator/upfront_denominator`
/// of the allocation rounded down to the whole pound; the tactical pot is the
/// rest. A scheme without a tactical pot puts everything upfront.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantScheme {
    /// The grant's name in that period.
    pub name: String,
    /// The first financial year the scheme applies to.
    pub from: FinancialYear,
    /// Whether there is a tactical pot.
    pub tactical_pot: bool,
    /// Numerator of the upfront share.
    pub upfront_numerator: u32,
    /// Denominator of the upfront share.
    pub upfront_denominator: u32,
    /// The clauses of the split.
    #[serde(default)]
    pub citations: Vec<Citation>,
    /// The clauses of the ledger (what happens to money not approved, underspend).
    #[serde(default)]
    pub ledger_citations: Vec<Citation>,
}

/// The schemes of a grant, effective by financial year.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GrantSchemes(pub Vec<GrantScheme>);

impl GrantSchemes {
    /// The scheme for `year`: the latest starting on or before it.
    pub fn for_year(&self, year: FinancialYear) -> Result<&GrantScheme> {
        self.0
            .iter()
            .filter(|s| s.from <= year)
            .max_by_key(|s| s.from)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::NoRulesInForce,
                    "year",
                    format!("no grant scheme applies to {year}"),
                )
            })
    }

    /// The latest scheme (the one for a split given without a year).
    pub fn latest(&self) -> Result<&GrantScheme> {
        self.0
            .iter()
            .max_by_key(|s| s.from)
            .ok_or_else(|| Error::new(ErrorKind::NoRulesInForce, "year", "the context has no grant schemes"))
    }
}
