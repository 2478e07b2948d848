//! The typed boundary: every rule's input is a serde struct whose fields are
//! values with their own parsers (a date, an amount, an id, a financial year,
//! an enumeration). A bad value fails with its stable code and the path of
//! the value (`projects[0].amount`); a structural problem (a missing or
//! unknown key, a wrong type) is `invalid_input` with its path.
//!
//! Two ways in, one definition:
//!
//! - [`parse`]: the input, or its first error (what a rule call needs);
//! - [`Check::check`]: every input error at once, each field on its own (what
//!   a form needs; the registry's `validate` adds the checks that need the
//!   context or two fields).
//!
//! ```
//! use kcsp_core::input::{parse, Check};
//! use kcsp_core::quorum::QuorumInput;
//! use serde_json::json;
//! let bad = json!({"body": "kcsp", "date": "2022-02-30", "present": ["kent_police", "Kent Police"]});
//! let e = parse::<QuorumInput>(&bad).unwrap_err();
//! assert_eq!((e.code(), e.field()), ("invalid_date", "date"));
//! let mut all = Vec::new();
//! QuorumInput::check(&bad, "", &mut all);
//! let found: Vec<(&str, &str)> = all.iter().map(|e| (e.code(), e.field())).collect();
//! assert_eq!(found, [("invalid_date", "date"), ("unknown_organisation", "present[1]")]);
//! ```

use crate::base::error::{Error, ErrorKind, Result};
use crate::base::path::from_serde;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// What a value of an input is, as a binding or a form describes it: the
/// one description of the input that the Python signatures and stub, the
/// TypeScript types and the docs are generated from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[non_exhaustive]
pub enum Kind {
    /// Text: an id, a name, a reference.
    Text,
    /// An ISO date, `YYYY-MM-DD`.
    Date,
    /// An amount of money as decimal text (`"26440.00"`); never a float.
    Money,
    /// A financial year, `2022/23`.
    Year,
    /// `true` or `false`.
    Bool,
    /// A whole number, zero or more.
    Count,
    /// One of a closed list of words.
    Choice {
        /// The words allowed.
        values: &'static [&'static str],
    },
    /// A list of values of one kind.
    List {
        /// The kind of each item.
        item: &'static Kind,
    },
    /// An object with named fields (a nested input).
    Object {
        /// Its type's name.
        name: &'static str,
        /// Its fields.
        fields: &'static [Field],
    },
}

/// A value that can be checked on its own, collecting every error.
pub trait Check {
    /// Whether the value may be absent (`null` or a missing key).
    const OPTIONAL: bool = false;
    /// What the value is.
    const KIND: Kind;
    /// Pushes every error of `value` (at `path`) onto `errors`.
    fn check(value: &Value, path: &str, errors: &mut Vec<Error>);
}

/// `path` and a key, as a field path (`projects[0]` + `amount`).
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Deserializes `value` as `T`: the input, or its first error.
pub fn parse<T: DeserializeOwned>(value: &Value) -> Result<T> {
    crate::base::path::deserialize(value).map_err(|e| from_serde(ErrorKind::InvalidInput, "", &e))
}

/// A leaf: checked by its own deserializer.
pub(crate) fn check_leaf<T: DeserializeOwned>(value: &Value, path: &str, errors: &mut Vec<Error>) {
    if let Err(e) = crate::base::path::deserialize::<T>(value) {
        errors.push(from_serde(ErrorKind::InvalidInput, path, &e));
    }
}

macro_rules! leaves {
    ($($t:ty => $kind:expr),* $(,)?) => {
        $(impl Check for $t {
            const KIND: Kind = $kind;
            fn check(value: &Value, path: &str, errors: &mut Vec<Error>) {
                check_leaf::<$t>(value, path, errors)
            }
        })*
    };
}
leaves!(
    bool => Kind::Bool,
    u32 => Kind::Count,
    String => Kind::Text,
    crate::base::money::Money => Kind::Money,
    crate::base::year::FinancialYear => Kind::Year,
    crate::base::dates::IsoDate => Kind::Date,
);

/// Ids: a valid one is checked without being built (a register checks
/// thousands); anything else by its deserializer, for its message.
macro_rules! ids {
    ($($t:ty),*) => {
        $(impl Check for $t {
            const KIND: Kind = Kind::Text;
            fn check(value: &Value, path: &str, errors: &mut Vec<Error>) {
                if !value.as_str().is_some_and(crate::base::id::valid) {
                    check_leaf::<$t>(value, path, errors)
                }
            }
        })*
    };
}
ids!(crate::base::id::OrgId, crate::base::id::BodyId);

/// Dates in inputs are strict ISO dates (`dates::iso` in serde).
impl Check for chrono::NaiveDate {
    const KIND: Kind = Kind::Date;
    fn check(value: &Value, path: &str, errors: &mut Vec<Error>) {
        match value.as_str() {
            Some(t) => {
                if let Err(e) = crate::base::dates::parse_date(path, t) {
                    errors.push(e);
                }
            }
            None => errors.push(Error::new(ErrorKind::InvalidInput, path, "expected a date as text")),
        }
    }
}

impl<T: Check> Check for Option<T> {
    const OPTIONAL: bool = true;
    const KIND: Kind = T::KIND;
    fn check(value: &Value, path: &str, errors: &mut Vec<Error>) {
        if !value.is_null() {
            T::check(value, path, errors);
        }
    }
}

impl<T: Check> Check for Vec<T> {
    const KIND: Kind = Kind::List { item: &T::KIND };
    fn check(value: &Value, path: &str, errors: &mut Vec<Error>) {
        use std::fmt::Write as _;
        match value.as_array() {
            Some(items) => {
                // One buffer for every item's path.
                let mut at = String::with_capacity(path.len() + 8);
                for (i, item) in items.iter().enumerate() {
                    at.clear();
                    let _ = write!(at, "{path}[{i}]");
                    T::check(item, &at, errors);
                }
            }
            None => errors.push(Error::new(ErrorKind::InvalidInput, path, "expected a list")),
        }
    }
}

/// A field of an input struct for [`check_object`]: its key, whether it may
/// be null, whether it may be absent, and its check.
pub(crate) type FieldCheck<'a> = (&'a str, bool, bool, fn(&Value, &str, &mut Vec<Error>));

/// The checks of a struct's fields (used by [`input!`]).
pub(crate) fn check_object(value: &Value, path: &str, fields: &[FieldCheck<'_>], errors: &mut Vec<Error>) {
    let Some(map) = value.as_object() else {
        errors.push(Error::new(ErrorKind::InvalidInput, path, "expected an object"));
        return;
    };
    for k in map.keys() {
        if !fields.iter().any(|(name, _, _, _)| name == k) {
            let names: Vec<&str> = fields.iter().map(|f| f.0).collect();
            errors.push(
                Error::new(
                    ErrorKind::InvalidInput,
                    join(path, k),
                    format!("'{}' is not an input of this rule", crate::base::error::quote(k)),
                )
                .with("allowed", names.join(", ")),
            );
        }
    }
    // A field that may be left out (an `Option`, or one with a default) may
    // also be null: null is read as absent, as a form's empty field is.
    for (name, nullable, omittable, check) in fields {
        match map.get(*name) {
            None if *omittable => {}
            Some(Value::Null) if *nullable => {}
            None | Some(Value::Null) => errors.push(Error::new(ErrorKind::InvalidInput, join(path, name), "missing")),
            Some(v) => check(v, &join(path, name), errors),
        }
    }
}

/// Declares an input struct: serde (unknown keys refused), TypeScript
/// types, and its [`Check`]. A field is optional when its type is an
/// `Option`, or when it is marked `= default` (absent means the type's
/// default, an empty list say). A field that may be left out may also be
/// `null`, read as absent, in every language. A field whose key is a word
/// Rust reserves is written `pub votes_for as "for": Vec<OrgId>`.
macro_rules! input {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$($fattr:tt)*])* pub $field:ident $(as $key:literal)? : $ty:ty $(= $default:ident)? ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[non_exhaustive]
        pub struct $name {
            $( $(#[$($fattr)*])* $(#[serde($default)])? $(#[serde(rename = $key)])? pub $field : $ty ),*
        }

        impl $name {
            /// The input's keys, in order.
            pub const FIELDS: &'static [&'static str] = &[$($crate::base::input::key_of!($($key)?, $field)),*];

            /// The input's fields as a binding describes them: key, Rust
            /// type, doc lines, and whether it may be left out.
            pub const FIELD_INFO: &'static [$crate::base::input::Field] = &[$(
                $crate::base::input::Field {
                    name: $crate::base::input::key_of!($($key)?, $field),
                    rust_type: stringify!($ty),
                    doc: &[$($crate::base::input::doc_line!($($fattr)*)),*],
                    optional: <$ty as $crate::base::input::Check>::OPTIONAL
                        $(|| $crate::base::input::defaulted(stringify!($default)))?,
                    kind: <$ty as $crate::base::input::Check>::KIND,
                }
            ),*];

            /// Whether each field may be left out, in the order of [`FIELDS`](Self::FIELDS).
            pub const OPTIONAL_FIELDS: &'static [bool] = &[$(
                <$ty as $crate::base::input::Check>::OPTIONAL
                    $(|| $crate::base::input::defaulted(stringify!($default)))?
            ),*];

            /// Whether each field holds a list, in the order of [`FIELDS`](Self::FIELDS).
            pub const LIST_FIELDS: &'static [bool] = &[$(
                $crate::base::input::is_list(&<$ty as $crate::base::input::Check>::KIND)
            ),*];

            /// The input from its fields, in the order of [`FIELDS`](Self::FIELDS).
            #[allow(clippy::too_many_arguments)]
            pub fn new($($field: $ty),*) -> Self {
                $name { $($field),* }
            }
        }

        impl $crate::base::input::Check for $name {
            const KIND: $crate::base::input::Kind = $crate::base::input::Kind::Object {
                name: stringify!($name),
                fields: $name::FIELD_INFO,
            };
            fn check(value: &serde_json::Value, path: &str, errors: &mut Vec<$crate::base::error::Error>) {
                $crate::base::input::check_object(
                    value,
                    path,
                    &[$((
                        $crate::base::input::key_of!($($key)?, $field),
                        <$ty as $crate::base::input::Check>::OPTIONAL $(|| $crate::base::input::defaulted(stringify!($default)))?,
                        <$ty as $crate::base::input::Check>::OPTIONAL $(|| $crate::base::input::defaulted(stringify!($default)))?,
                        <$ty as $crate::base::input::Check>::check,
                    )),*],
                    errors,
                )
            }
        }
    };
}

/// A field of a rule's input, as a binding describes it (a Python keyword
/// argument and its docstring line, say).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Field {
    /// The key.
    pub name: &'static str,
    /// The Rust type, as written (`Vec<OrgId>`, `Option<NaiveDate>`).
    pub rust_type: &'static str,
    /// Its doc comment, line by line (empty strings for other attributes).
    pub doc: &'static [&'static str],
    /// Whether it may be absent or null.
    pub optional: bool,
    /// What its value is.
    pub kind: Kind,
}

/// A field's key: the one given with `as "key"`, or the field's name.
macro_rules! key_of {
    ($key:literal, $field:ident) => {
        $key
    };
    (, $field:ident) => {
        stringify!($field)
    };
}
pub(crate) use key_of;

/// The text of a doc attribute (`doc = "…"`), or `""` for any other attribute.
macro_rules! doc_line {
    (doc = $text:literal) => {
        $text
    };
    ($($other:tt)*) => {
        ""
    };
}
pub(crate) use doc_line;

/// Whether a kind is a list (of one kind, or optional).
pub(crate) const fn is_list(kind: &Kind) -> bool {
    matches!(kind, Kind::List { .. })
}

/// Whether an `input!` field marker means "may be absent" (only `default` does).
pub(crate) const fn defaulted(marker: &str) -> bool {
    !marker.is_empty()
}
pub(crate) use input;

/// Declares an enumeration: its values as snake_case text, one error kind
/// for any other text (with the value and the allowed values in its
/// details), serde, TypeScript string-literal union, `Display`, `FromStr`.
macro_rules! enumeration {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($kind:ident, $what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as text.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the text of a value; anything else is an error whose
            /// details give the `value` and the `allowed` values.
            pub fn parse(field: &str, text: &str) -> $crate::base::error::Result<$name> {
                match text {
                    $($text => Ok($name::$variant),)+
                    _ => {
                        let allowed: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                        Err($crate::base::error::Error::new(
                            $crate::base::error::ErrorKind::$kind,
                            field,
                            format!("'{}' is not {}: use {}", $crate::base::error::quote(text), $what, allowed.join(", ")),
                        )
                        .with("value", $crate::base::error::quote(text))
                        .with("allowed", allowed.join(", ")))
                    }
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(feature = "python")]
        $crate::base::python::as_text!($name);

        impl std::str::FromStr for $name {
            type Err = $crate::base::error::Error;
            fn from_str(s: &str) -> $crate::base::error::Result<$name> {
                $name::parse("", s)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                $name::parse("", &text).map_err($crate::base::path::de)
            }
        }

        impl $crate::base::input::Check for $name {
            const KIND: $crate::base::input::Kind = $crate::base::input::Kind::Choice { values: &[$($text),+] };
            fn check(value: &serde_json::Value, path: &str, errors: &mut Vec<$crate::base::error::Error>) {
                $crate::base::input::check_leaf::<$name>(value, path, errors)
            }
        }
    };
}
pub(crate) use enumeration;
