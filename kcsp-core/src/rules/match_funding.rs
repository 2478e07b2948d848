//! Match funding: the grant's share of a project's total cost.
//!
//! Examples in the sources: Bystander Approach Training, £5,000 of £25,000
//! (20%), the VRU paying £20,000 (KCSP Working Group update, 14 July 2022,
//! §2.4); the 2013/14 ASB School Tour, £10,000 of £60,000 (KCSP Grant Funding
//! Year End Report, 18 March 2014, §2.1). The percentage has two decimal
//! places, halves rounded away from zero.

use crate::base::error::{Error, ErrorKind, Result};
use crate::base::money::{Money, Percent};
use crate::definitions::context::Context;
use crate::definitions::explain::Explanation;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The id of the `match_funding` rule: its entry in the registry, its explanations' `rule`.
pub const ID: &str = "match_funding";

crate::base::input::input! {
    /// The input of the `match_funding` rule ([`match_funding`]).
    pub struct MatchFundingInput {
        /// The grant's contribution.
        pub grant: Money,
        /// The project's total cost.
        pub total_cost: Money,
    }
}

/// A project's funding split between the grant and others.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MatchFunding {
    /// The grant's contribution.
    pub grant: Money,
    /// The project's total cost.
    pub total_cost: Money,
    /// The grant's share, in percent to two places.
    pub grant_share_percent: Percent,
    /// What others pay.
    pub other_funding: Money,
    /// Which clauses applied and why.
    pub explanation: Explanation,
}

/// The grant's share of a project costing `total_cost`.
///
/// Errors: `grant_exceeds_cost`; `invalid_amount` for a zero total cost.
///
/// ```
/// use kcsp_core::{match_funding::match_funding, Context, Money};
/// let m = |s| Money::parse("x", s).unwrap();
/// let r = match_funding(Context::kent(), m("10000"), m("60000")).unwrap();
/// assert_eq!(r.grant_share_percent.to_string(), "16.67");
/// assert_eq!(r.other_funding, m("50000"));
/// ```
pub fn match_funding(ctx: &Context, grant: Money, total_cost: Money) -> Result<MatchFunding> {
    if total_cost.is_zero() {
        return Err(Error::new(
            ErrorKind::InvalidAmount,
            "total_cost",
            "a project's total cost must be more than zero",
        ));
    }
    let Some(other_funding) = total_cost.checked_sub(grant) else {
        return Err(Error::new(
            ErrorKind::GrantExceedsCost,
            "grant",
            format!("the grant of {grant} is more than the project's total cost of {total_cost}"),
        ));
    };
    let share = grant
        .as_decimal()
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|g| g.checked_div(total_cost.as_decimal()))
        .unwrap_or(Decimal::ZERO);
    let grant_share_percent = Percent::round(share);
    let explanation = Explanation::new(
        ID,
        format!(
            "The grant's {grant} is {grant_share_percent}% of the {total_cost} cost; other funding is {other_funding}."
        ),
    )
    .reading("Percent to two decimal places, halves rounded away from zero.")
    .cite_all(ctx.citations(ID))
    .figure("grant_share_percent", grant_share_percent)
    .figure("other_funding", other_funding.to_machine());
    Ok(MatchFunding {
        grant,
        total_cost,
        grant_share_percent,
        other_funding,
        explanation,
    })
}

crate::definitions::explain::results!(MatchFunding);

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse("m", s).unwrap()
    }

    #[test]
    fn shares() {
        assert_eq!(
            match_funding(Context::kent(), m("5000"), m("25000"))
                .unwrap()
                .grant_share_percent
                .to_string(),
            "20.00"
        );
        assert_eq!(
            match_funding(Context::kent(), m("1"), m("3"))
                .unwrap()
                .grant_share_percent
                .to_string(),
            "33.33"
        );
        assert_eq!(
            match_funding(Context::kent(), m("2"), m("3"))
                .unwrap()
                .grant_share_percent
                .to_string(),
            "66.67"
        );
        // 1/8 = 12.5% exactly; 1/16 = 6.25%; 1/32 = 3.125% rounds half away to 3.13.
        assert_eq!(
            match_funding(Context::kent(), m("1"), m("32"))
                .unwrap()
                .grant_share_percent
                .to_string(),
            "3.13"
        );
        assert_eq!(
            match_funding(Context::kent(), m("5"), m("5")).unwrap().other_funding,
            Money::ZERO
        );
        assert_eq!(
            match_funding(Context::kent(), m("6000"), m("5000")).unwrap_err().code(),
            "grant_exceeds_cost"
        );
        assert_eq!(
            match_funding(Context::kent(), m("0"), m("0")).unwrap_err().code(),
            "invalid_amount"
        );
    }
}
