//! Money: exact pounds and pence.
//!
//! Amounts are non-negative decimals with at most two decimal places, held
//! in `rust_decimal` and never in binary floating point. They parse from
//! decimal text only, print as `£26,440.00` for people and `26440.00` for
//! machines, and serialise as the machine string.

use crate::base::error::{quote, Error, ErrorKind, Result};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A non-negative amount of pounds and pence.
///
/// ```
/// use kcsp_core::Money;
/// let m = Money::parse("allocation", "39661").unwrap();
/// assert_eq!(m.to_string(), "£39,661.00");
/// assert_eq!(m.to_machine(), "39661.00");
/// assert_eq!(Money::parse("a", "10.005").unwrap_err().code(), "too_many_decimal_places");
/// assert_eq!(Money::parse("a", "1e3").unwrap_err().code(), "invalid_amount");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

/// The name under which [`Money`] and [`Percent`] serialize their text (a
/// newtype, which JSON writes as the text itself), so that a serializer of
/// our own can tell an exact decimal from other text (the batch tables).
pub(crate) const DECIMAL_MARK: &str = "$kcsp::decimal";

/// The largest amount accepted: £999,999,999,999.99.
const MAX_PENCE: i128 = 99_999_999_999_999;
const MAX_TEXT: usize = 64;

impl Money {
    /// Zero pounds.
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Parses decimal text: digits with an optional `.` and one or two more
    /// digits (`"26440"`, `"622.50"`, `"0.5"`). Leading and trailing spaces
    /// are ignored; thousands separators, currency signs, exponents and
    /// anything else are not accepted.
    ///
    /// Errors: `negative_amount`, `too_many_decimal_places`,
    /// `amount_too_large`, `invalid_amount`.
    pub fn parse(field: &str, text: &str) -> Result<Money> {
        let t = text.trim();
        let invalid = || {
            Error::new(
                ErrorKind::InvalidAmount,
                field,
                format!("'{}' is not an amount of pounds such as 1234.50", quote(text)),
            )
            .with("value", quote(text))
        };
        if t.len() > MAX_TEXT {
            return Err(invalid());
        }
        let (negative, body) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (body, None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(int) || frac.is_some_and(|f| !digits(f)) {
            return Err(invalid());
        }
        let value = Decimal::from_str_exact(body).map_err(|_| {
            if int.len() > 15 {
                too_large(field, text)
            } else {
                invalid()
            }
        })?;
        if negative && !value.is_zero() {
            return Err(Error::new(
                ErrorKind::NegativeAmount,
                field,
                format!("'{}' is negative", quote(text)),
            )
            .with("value", quote(text)));
        }
        Money::from_decimal(field, value).map_err(|e| e.with("value", quote(text)))
    }

    /// An amount from a decimal (the Python binding passes `decimal.Decimal`
    /// values through this).
    ///
    /// ```
    /// use kcsp_core::Money;
    /// use rust_decimal::Decimal;
    /// assert_eq!(Money::from_decimal("x", Decimal::new(62250, 2)).unwrap().to_machine(), "622.50");
    /// assert_eq!(Money::from_decimal("x", Decimal::new(-1, 0)).unwrap_err().code(), "negative_amount");
    /// ```
    pub fn from_decimal(field: &str, value: Decimal) -> Result<Money> {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(Error::new(
                ErrorKind::NegativeAmount,
                field,
                format!("{value} is negative"),
            ));
        }
        let normal = value.normalize();
        if normal.scale() > 2 {
            return Err(Error::new(
                ErrorKind::TooManyDecimalPlaces,
                field,
                format!("{value} has more than two decimal places: money is pounds and pence"),
            ));
        }
        let mut v = normal.abs();
        v.rescale(2);
        if v.mantissa() > MAX_PENCE {
            return Err(too_large(field, &value.to_string()));
        }
        Ok(Money(v))
    }

    /// A whole number of pounds.
    ///
    /// ```
    /// use kcsp_core::Money;
    /// assert_eq!(Money::pounds(5000).to_machine(), "5000.00");
    /// ```
    pub fn pounds(pounds: u32) -> Money {
        let mut d = Decimal::from(pounds);
        d.rescale(2);
        Money(d)
    }

    /// The amount as a decimal with two places.
    ///
    /// ```
    /// assert_eq!(kcsp_core::money::Money::ZERO.as_decimal().to_string(), "0.00");
    /// ```
    pub fn as_decimal(&self) -> Decimal {
        let mut d = self.0;
        d.rescale(2);
        d
    }

    /// The amount in pence.
    pub fn pence(&self) -> i128 {
        self.0.mantissa()
    }

    fn from_pence(pence: i128) -> Option<Money> {
        if !(0..=MAX_PENCE * 1_000_000).contains(&pence) {
            return None;
        }
        Decimal::try_from_i128_with_scale(pence, 2).ok().map(Money)
    }

    /// Whether the amount is zero.
    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }

    /// The sum, or `None` on overflow (sums may exceed the per-amount limit
    /// a million times over before this happens).
    pub fn checked_add(self, other: Money) -> Option<Money> {
        Money::from_pence(self.pence().checked_add(other.pence())?)
    }

    /// The difference, or `None` when it would be negative.
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        Money::from_pence(self.pence().checked_sub(other.pence())?)
    }

    /// The difference clamped at zero.
    pub fn saturating_sub(self, other: Money) -> Money {
        self.checked_sub(other).unwrap_or(Money::ZERO)
    }

    /// The absolute difference between two amounts.
    pub fn abs_diff(self, other: Money) -> Money {
        if self >= other {
            self.saturating_sub(other)
        } else {
            other.saturating_sub(self)
        }
    }

    /// Rounded down to the whole pound.
    pub fn floor_to_pound(self) -> Money {
        Money::from_pence(self.pence() / 100 * 100).unwrap_or(Money::ZERO)
    }

    /// `numerator/denominator` of the amount, rounded down to the whole pound,
    /// computed exactly in pence. `None` when the denominator is zero.
    pub fn fraction_floor_pound(self, numerator: u32, denominator: u32) -> Option<Money> {
        if denominator == 0 {
            return None;
        }
        let pence = self.pence().checked_mul(i128::from(numerator))? / (i128::from(denominator) * 100) * 100;
        Money::from_pence(pence)
    }

    /// The machine form: plain digits with two decimal places, `26440.00`.
    pub fn to_machine(&self) -> String {
        format!("{:.2}", self.0)
    }
}

fn too_large(field: &str, text: &str) -> Error {
    Error::new(
        ErrorKind::AmountTooLarge,
        field,
        format!(
            "'{}' is more than the £999,999,999,999.99 the library accepts",
            quote(text)
        ),
    )
}

impl fmt::Display for Money {
    /// The human form: `£26,440.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.to_machine();
        let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "£{grouped}.{frac}")
    }
}

impl FromStr for Money {
    type Err = Error;
    fn from_str(s: &str) -> Result<Money> {
        Money::parse("", s)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(DECIMAL_MARK, &self.to_machine())
    }
}

impl<'de> Deserialize<'de> for Money {
    /// From a decimal string only: a number (possibly a float on its way
    /// here) is refused with `invalid_amount`, as is anything else.
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount as a decimal string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Money, E> {
                Money::parse("", v).map_err(crate::base::path::de)
            }
            fn visit_i64<E: serde::de::Error>(self, _: i64) -> std::result::Result<Money, E> {
                Err(number())
            }
            fn visit_u64<E: serde::de::Error>(self, _: u64) -> std::result::Result<Money, E> {
                Err(number())
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> std::result::Result<Money, E> {
                Err(number())
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> std::result::Result<Money, E> {
                Err(crate::base::path::de(Error::new(
                    ErrorKind::InvalidAmount,
                    "",
                    "expected a decimal string",
                )))
            }
        }
        fn number<E: serde::de::Error>() -> E {
            crate::base::path::de(Error::new(
                ErrorKind::InvalidAmount,
                "",
                "a number is not accepted for money (it may have passed through binary floating point): \
                 give a decimal string such as \"1234.50\"",
            ))
        }
        d.deserialize_any(Text)
    }
}

/// A percentage with two decimal places, halves rounded away from zero.
///
/// ```
/// use kcsp_core::money::Percent;
/// use rust_decimal::Decimal;
/// assert_eq!(Percent::round(Decimal::new(166665, 4)).to_string(), "16.67");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percent(Decimal);

impl Percent {
    /// Rounds to two places, halves away from zero.
    pub fn round(value: Decimal) -> Percent {
        let mut v = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        v.rescale(2);
        Percent(v)
    }

    /// The value as a decimal with two places.
    pub fn as_decimal(&self) -> Decimal {
        let mut d = self.0;
        d.rescale(2);
        d
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.0)
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(DECIMAL_MARK, &self.to_string())
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let t = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Decimal::from_str(&t)
            .map(Percent::round)
            .map_err(|_| serde::de::Error::custom("a percentage is a decimal string such as \"20.00\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse("m", s).unwrap()
    }

    #[test]
    fn parses_and_prints() {
        assert_eq!(m("0").to_string(), "£0.00");
        assert_eq!(m("622.5").to_machine(), "622.50");
        assert_eq!(m(" 1837.50 ").to_string(), "£1,837.50");
        assert_eq!(m("1234567.8").to_string(), "£1,234,567.80");
        assert_eq!(m("100").to_string(), "£100.00");
        assert_eq!(m("10.500"), m("10.5"));
        assert_eq!(m("-0"), Money::ZERO);
        assert_eq!(m("999999999999.99").to_string(), "£999,999,999,999.99");
    }

    #[test]
    fn rejects() {
        for (t, code) in [
            ("-1", "negative_amount"),
            ("-0.01", "negative_amount"),
            ("10.005", "too_many_decimal_places"),
            ("0.001", "too_many_decimal_places"),
            ("", "invalid_amount"),
            ("abc", "invalid_amount"),
            ("1e3", "invalid_amount"),
            ("£5", "invalid_amount"),
            ("1,000", "invalid_amount"),
            (".5", "invalid_amount"),
            ("5.", "invalid_amount"),
            ("+5", "invalid_amount"),
            ("NaN", "invalid_amount"),
            ("1.2.3", "invalid_amount"),
            ("1000000000000", "amount_too_large"),
            ("99999999999999999999999999999999", "amount_too_large"),
        ] {
            assert_eq!(Money::parse("f", t).unwrap_err().code(), code, "{t}");
        }
        assert_eq!(
            Money::parse("f", &"9".repeat(10_000)).unwrap_err().code(),
            "invalid_amount"
        );
    }

    #[test]
    fn two_thirds_floor() {
        assert_eq!(m("39661").fraction_floor_pound(2, 3).unwrap(), m("26440"));
        assert_eq!(m("100.50").fraction_floor_pound(2, 3).unwrap(), m("67"));
        assert_eq!(m("3").fraction_floor_pound(2, 3).unwrap(), m("2"));
        assert_eq!(m("1").fraction_floor_pound(0, 3).unwrap(), Money::ZERO);
        assert!(m("1").fraction_floor_pound(1, 0).is_none());
    }

    #[test]
    fn serde_is_a_string_and_refuses_numbers() {
        assert_eq!(serde_json::to_string(&m("5")).unwrap(), "\"5.00\"");
        assert_eq!(serde_json::from_str::<Money>("\"622.50\"").unwrap(), m("622.5"));
        assert!(serde_json::from_str::<Money>("622.5").is_err());
        assert!(serde_json::from_str::<Money>("\"-1\"").is_err());
    }

    #[test]
    fn arithmetic() {
        assert_eq!(m("1").checked_sub(m("2")), None);
        assert_eq!(m("2").abs_diff(m("3.5")), m("1.5"));
        assert_eq!(m("26440.99").floor_to_pound(), m("26440"));
    }
}
