//! Typed identifiers: organisations, seats and bodies are named by
//! snake_case ids (`kent_police`, `health`, `working_group`).

use crate::base::error::{quote, Error, ErrorKind, Result};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// The longest id the library accepts.
pub const MAX_ID_LEN: usize = 64;

pub(crate) fn valid(text: &str) -> bool {
    let b = text.as_bytes();
    !b.is_empty()
        && b.len() <= MAX_ID_LEN
        && b.first().is_some_and(u8::is_ascii_lowercase)
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $what:literal, $kind:expr) => {
        $(#[$doc])*
        #[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(type = "string"))]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Parses a snake_case id (lower-case ASCII letters, digits and
            /// underscores, starting with a letter, at most 64 characters).
            pub fn parse(field: &str, text: &str) -> Result<Self> {
                if valid(text) {
                    Ok($name(text.to_string()))
                } else {
                    Err(Error::new(
                        $kind,
                        field,
                        format!(concat!("'{}' is not a valid ", $what, " id"), quote(text)),
                    )
                    .with("value", quote(text)))
                }
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
                $name::parse("", &s).map_err(crate::base::path::de)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "pattern": "^[a-z][a-z0-9_]*$",
                    "maxLength": MAX_ID_LEN,
                    "description": concat!("A snake_case ", $what, " id: lower-case letters, digits and underscores, starting with a letter.")
                })
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

id_type!(
    /// An organisation id, e.g. `kent_police`, `nhs_kent_and_medway`.
    ///
    /// ```
    /// use kcsp_core::OrgId;
    /// assert_eq!(OrgId::parse("present[0]", "kent_police").unwrap().as_str(), "kent_police");
    /// assert_eq!(OrgId::parse("present[0]", "Kent Police").unwrap_err().code(), "unknown_organisation");
    /// ```
    OrgId,
    "organisation",
    ErrorKind::UnknownOrganisation
);
id_type!(
    /// A responsible-authority seat id, e.g. `health`.
    ///
    /// ```
    /// use kcsp_core::SeatId;
    /// assert_eq!(SeatId::parse("seat", "health").unwrap().to_string(), "health");
    /// ```
    SeatId,
    "seat",
    ErrorKind::InvalidPartnership
);
id_type!(
    /// A body id: `kcsp`, `working_group`, `dhr_steering_group`.
    ///
    /// ```
    /// use kcsp_core::BodyId;
    /// assert_eq!(BodyId::parse("body", "cabinet!").unwrap_err().code(), "unknown_body");
    /// ```
    BodyId,
    "body",
    ErrorKind::UnknownBody
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_syntax() {
        assert!(OrgId::parse("f", "a").is_ok());
        assert!(OrgId::parse("f", "medway_council_2").is_ok());
        for bad in [
            "",
            "_x",
            "1x",
            "Kent",
            "kent police",
            "kent-police",
            "é",
            &"a".repeat(65),
        ] {
            assert!(OrgId::parse("f", bad).is_err(), "{bad}");
        }
        assert!(OrgId::parse("f", &"a".repeat(64)).is_ok());
    }

    #[test]
    fn deserialises_with_validation() {
        let ok: OrgId = serde_json::from_str("\"kent_police\"").unwrap();
        assert_eq!(ok, "kent_police");
        assert!(serde_json::from_str::<OrgId>("\"Kent\"").is_err());
    }
}
