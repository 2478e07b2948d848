//! Decision receipts: what a case-management system stores to show later
//! which rules decided a case.
//!
//! A [`Receipt`] holds the rule id, the library version, the input in
//! canonical JSON (keys sorted), a stable hash of the context actually used
//! ([`Context::hash`](crate::Context::hash)) and the result. [`verify`]
//! evaluates the input again and says whether the receipt still holds.
//!
//! ```
//! use kcsp_core::{receipt, Context};
//! use serde_json::json;
//! let kent = Context::kent();
//! let input = json!({"body": "kcsp", "date": "2022-07-14",
//!     "present": ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"]});
//! let r = receipt::issue(kent, "quorum", &input).unwrap();
//! assert_eq!(r.result["quorate"], true);
//! let stored = serde_json::to_string(&r).unwrap();
//! let back: receipt::Receipt = serde_json::from_str(&stored).unwrap();
//! let v = receipt::verify(kent, &back).unwrap();
//! assert!(v.holds && v.same_context && v.same_version);
//! ```

use crate::base::canonical::sorted;
use crate::base::error::Result;
use crate::definitions::context::Context;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The library version that writes receipts.
pub const LIBRARY_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A decision, with everything needed to check it again later.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    /// The rule id.
    pub rule: String,
    /// The kcsp-core version that decided.
    pub library_version: String,
    /// [`Context::hash`] of the context actually used (with any
    /// `partnership` or `calendar` the input carried).
    pub context_hash: String,
    /// The input as given, in canonical JSON (keys sorted).
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, unknown>"))]
    pub input: Value,
    /// The result.
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, unknown>"))]
    pub result: Value,
}

/// What checking a receipt again found.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Verification {
    /// Whether the same input gives the same result now.
    pub holds: bool,
    /// Whether the context now has the same hash as when the receipt was issued.
    pub same_context: bool,
    /// Whether the library version is the same.
    pub same_version: bool,
    /// The result now (or `null` when the input now fails).
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, unknown> | null"))]
    pub result: Value,
    /// The error code the input now fails with, if it does.
    pub error: Option<String>,
}

/// Evaluates `rule` on `input` in `ctx` (as [`json::evaluate_in`](crate::json::evaluate_in))
/// and returns the receipt of the decision.
pub fn issue(ctx: &Context, rule: &str, input: &Value) -> Result<Receipt> {
    let (result, used) = crate::boundary::json::evaluate_with_context(ctx, rule, input)?;
    Ok(Receipt {
        rule: rule.to_string(),
        library_version: LIBRARY_VERSION.to_string(),
        context_hash: used.hash().to_string(),
        input: sorted(input),
        result: sorted(&result),
    })
}

/// Evaluates the receipt's input again in `ctx` and reports whether the
/// decision still holds, and whether the context and library are the same.
/// Errors only when the receipt names a rule that does not exist.
pub fn verify(ctx: &Context, receipt: &Receipt) -> Result<Verification> {
    let same_version = receipt.library_version == LIBRARY_VERSION;
    match crate::boundary::json::evaluate_with_context(ctx, &receipt.rule, &receipt.input) {
        Ok((result, used)) => {
            let result = sorted(&result);
            Ok(Verification {
                holds: result == receipt.result,
                same_context: used.hash() == receipt.context_hash,
                same_version,
                result,
                error: None,
            })
        }
        Err(e) if e.field() == "rule" => Err(e),
        Err(e) => Ok(Verification {
            holds: false,
            same_context: false,
            same_version,
            result: Value::Null,
            error: Some(e.code().to_string()),
        }),
    }
}
