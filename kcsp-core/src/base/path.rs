//! Field paths of deserialization errors: [`deserialize`] reads a typed
//! value from a JSON value and, when it fails, names the value that failed
//! (`bodies[0].seats[2].holders`), the way a form or a definition's author
//! needs it.
//!
//! It is a serde `Deserializer` over `&serde_json::Value` that keeps the path
//! it is at as a chain on the stack and records it where an error starts;
//! scalars are handed to the visitor as `serde_json`'s own deserializer
//! hands them, and every error, with its description of the wrong value, is
//! this module's (so no float formatting is reachable from an input error).
//! It does the job of the `serde_path_to_error` crate without wrapping
//! every visitor and seed of every type (which doubled the deserialization
//! code and made the WebAssembly package 23 KB gzip larger: BENCHMARKS.md,
//! "WebAssembly: per-family builds, size and the demo"). As there, content
//! read through serde's buffering (an untagged or internally tagged enum)
//! reports the enum's own path.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::fmt;

/// What went wrong reading a value, as serde reports it through its error
/// trait rather than in text: a key its object lacks; a value's own error
/// (a date's, an amount's, an id's, an enumeration's: [`de`]),
/// carried as itself with its code and details; or serde's description of
/// anything else (a wrong type, an unknown key).
#[derive(Debug)]
pub(crate) enum Problem {
    /// A key the object lacks.
    Missing(&'static str),
    /// A value's own error.
    Own(Box<crate::base::error::Error>),
    /// Anything else, in serde's words.
    Serde(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Missing(key) => write!(f, "missing field `{key}`"),
            Problem::Own(e) => f.write_str(e.message()),
            Problem::Serde(text) => f.write_str(text),
        }
    }
}

impl std::error::Error for Problem {}

impl de::Error for Problem {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Problem::from_text(msg.to_string())
    }

    fn missing_field(field: &'static str) -> Self {
        Problem::Missing(field)
    }

    // serde's own wording, with a floating point number written by
    // `serde_json` (as its error type does): serde's `Display` of
    // `Unexpected` was the one way into `core`'s float formatting, 18 KB of
    // WebAssembly code before `wasm-opt`.
    #[cold]
    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Problem::from_text(format!("invalid type: {}, expected {exp}", Described(unexp)))
    }

    #[cold]
    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Problem::from_text(format!("invalid value: {}, expected {exp}", Described(unexp)))
    }
}

/// An unexpected value as `serde_json` describes it (`null`, and a float
/// written without `core`'s float formatting), else in serde's words.
struct Described<'a>(Unexpected<'a>);

impl fmt::Display for Described<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Unexpected::Float(v) => match serde_json::Number::from_f64(v) {
                Some(n) => write!(f, "floating point `{n}`"),
                None => f.write_str("floating point"),
            },
            Unexpected::Unit => f.write_str("null"),
            // The rest in serde's words, written here: delegating to serde's
            // `Display` would keep its float formatting reachable.
            Unexpected::Bool(b) => write!(f, "boolean `{b}`"),
            Unexpected::Unsigned(n) => write!(f, "integer `{n}`"),
            Unexpected::Signed(n) => write!(f, "integer `{n}`"),
            Unexpected::Char(c) => write!(f, "character `{c}`"),
            Unexpected::Str(s) => write!(f, "string {s:?}"),
            Unexpected::Bytes(_) => f.write_str("byte array"),
            Unexpected::Option => f.write_str("Option value"),
            Unexpected::NewtypeStruct => f.write_str("newtype struct"),
            Unexpected::Seq => f.write_str("sequence"),
            Unexpected::Map => f.write_str("map"),
            Unexpected::Enum => f.write_str("enum"),
            Unexpected::UnitVariant => f.write_str("unit variant"),
            Unexpected::NewtypeVariant => f.write_str("newtype variant"),
            Unexpected::TupleVariant => f.write_str("tuple variant"),
            Unexpected::StructVariant => f.write_str("struct variant"),
            Unexpected::Other(other) => f.write_str(other),
        }
    }
}

impl Problem {
    /// A message: the error [`de`] carried with it, or serde's words. Not
    /// generic, so that `custom`'s many instances stay small.
    #[inline(never)]
    fn from_text(text: String) -> Problem {
        match take_carried(&text) {
            Some(e) => Problem::Own(Box::new(e)),
            None => Problem::Serde(text),
        }
    }

    /// The field the problem is about, given the path where it started: for
    /// a missing key, the key under its object.
    pub(crate) fn field(&self, path: &str) -> String {
        match (self, path.is_empty()) {
            (Problem::Missing(key), true) => (*key).to_string(),
            (Problem::Missing(key), false) => format!("{path}.{key}"),
            _ => path.to_string(),
        }
    }
}

type Error = Problem;

thread_local! {
    /// The error a value's own parser raised inside serde ([`de`]), until
    /// the deserializer's error type takes it back ([`take_carried`]).
    static CARRIED: std::cell::RefCell<Option<crate::base::error::Error>> = const { std::cell::RefCell::new(None) };
}

/// An [`Error`] as a serde deserialization error, so that a value's own
/// parser (a date, an amount, an id, an enumeration) keeps its stable code
/// and details when it runs inside a serde structure. serde's error trait
/// takes only a message, so the error itself waits beside it, typed, for
/// the deserializer's error to take it back ([`Problem`] does, [`take_carried`]); another deserializer sees just the message.
pub(crate) fn de<E: serde::de::Error>(e: crate::base::error::Error) -> E {
    E::custom(carry(e))
}

/// Keeps `e` for [`take_carried`] and gives its message (the part of [`de`]
/// that does not depend on the error type).
#[inline(never)]
fn carry(e: crate::base::error::Error) -> String {
    let message = e.message().to_string();
    CARRIED.with(|slot| *slot.borrow_mut() = Some(e));
    message
}

/// The error [`de`] carried with the message `text`, if it is that one.
pub(crate) fn take_carried(text: &str) -> Option<crate::base::error::Error> {
    CARRIED.with(|slot| {
        let mut slot = slot.borrow_mut();
        match slot.as_ref() {
            // serde_json may add " at line L column C" after a message.
            Some(e) if text == e.message() || text.starts_with(&format!("{} at line ", e.message())) => slot.take(),
            _ => None,
        }
    })
}

/// Forgets a carried error nobody took (one raised under another
/// deserializer), before a new value is read.
pub(crate) fn clear_carried() {
    CARRIED.with(|slot| *slot.borrow_mut() = None);
}

/// An error from deserializing an input: a value's own error (carried by
/// [`de`]) keeps its code and details; anything else (a wrong type, a
/// missing key, an unknown key) is `kind` (`invalid_input` for a rule's
/// input). The field is the path where the error started, under `prefix`;
/// for a missing key, the key under the object that lacks it.
pub(crate) fn from_serde(
    kind: crate::base::error::ErrorKind,
    prefix: &str,
    (path, e): &(String, Problem),
) -> crate::base::error::Error {
    let field = match (prefix.is_empty(), e.field(path)) {
        (true, field) => field,
        (false, field) if field.is_empty() => prefix.to_string(),
        (false, field) => format!("{prefix}.{field}"),
    };
    match e {
        Problem::Own(own) => (**own).clone().at(field),
        Problem::Missing(_) | Problem::Serde(_) => crate::base::error::Error::new(kind, field, e.to_string()),
    }
}

/// Where a value sits: the root, a key of an object, an item of a list.
#[derive(Clone, Copy)]
enum Chain<'p> {
    Root,
    Key(&'p Chain<'p>, &'p str),
    Item(&'p Chain<'p>, usize),
}

impl Chain<'_> {
    fn render(&self, out: &mut String) {
        match self {
            Chain::Root => {}
            Chain::Key(parent, key) => {
                parent.render(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Chain::Item(parent, i) => {
                parent.render(out);
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
}

/// The path of the first error (the innermost: it is recorded first).
type Track = RefCell<Option<String>>;

fn record(track: &Track, chain: &Chain<'_>) {
    let mut slot = track.borrow_mut();
    if slot.is_none() {
        let mut path = String::new();
        chain.render(&mut path);
        *slot = Some(path);
    }
}

/// Deserializes `value` as `T`; an error comes with the path of the value
/// that failed (`""` for the value itself).
///
/// The path is where the error started: for a missing key, the object that
/// lacks it (serde's message names the key); for an unknown key, the key.
pub(crate) fn deserialize<'de, T: de::Deserialize<'de>>(value: &'de Value) -> Result<T, (String, Error)> {
    clear_carried();
    let track = Track::default();
    T::deserialize(At {
        value,
        chain: &Chain::Root,
        track: &track,
    })
    .map_err(|e| (track.into_inner().unwrap_or_default(), e))
}

/// A value and where it sits.
struct At<'de, 'p> {
    value: &'de Value,
    chain: &'p Chain<'p>,
    track: &'p Track,
}

impl<'de> At<'de, '_> {
    /// `result`, recording this value's path when it is an error.
    fn here<T>(&self, result: Result<T, Error>) -> Result<T, Error> {
        if result.is_err() {
            record(self.track, self.chain);
        }
        result
    }

    /// `read` of this same value as another reader sees it (an option's
    /// content, a newtype's, a seed's), recording the path of an error
    /// that the reader itself raised after this value was read.
    fn inner<T>(self, read: impl FnOnce(Self) -> Result<T, Error>) -> Result<T, Error> {
        let (chain, track) = (self.chain, self.track);
        let result = read(self);
        if result.is_err() {
            record(track, chain);
        }
        result
    }

    /// The error for a value of the wrong type, at this value's path.
    fn wrong_type<T>(&self, expected: &dyn de::Expected) -> Result<T, Error> {
        let unexpected = match self.value {
            Value::Null => Unexpected::Unit,
            Value::Bool(b) => Unexpected::Bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => Unexpected::Unsigned(u),
                (_, Some(i), _) => Unexpected::Signed(i),
                (_, _, f) => Unexpected::Float(f.unwrap_or_default()),
            },
            Value::String(s) => Unexpected::Str(s),
            Value::Array(_) => Unexpected::Seq,
            Value::Object(_) => Unexpected::Map,
        };
        self.here(Err(de::Error::invalid_type(unexpected, expected)))
    }

    /// Any value, handed to the visitor as what it is. A list or an object
    /// is read item by item through [`Items`] and [`Entries`], never through
    /// `&Value`'s own deserializer (which would build a second copy of
    /// every type's deserialization code).
    fn visit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => self.here(visitor.visit_unit()),
            Value::Bool(b) => self.here(visitor.visit_bool(*b)),
            Value::Number(n) => self.here(number(n, visitor)),
            Value::String(s) => self.here(visitor.visit_borrowed_str(s)),
            Value::Array(items) => self.list(items, visitor),
            Value::Object(map) => self.object(map, visitor, false),
        }
    }

    fn list<V: Visitor<'de>>(self, items: &'de [Value], visitor: V) -> Result<V::Value, Error> {
        let mut seq = Items {
            items: items.iter(),
            index: 0,
            chain: self.chain,
            track: self.track,
        };
        let result = visitor.visit_seq(&mut seq).and_then(|v| match seq.items.len() {
            0 => Ok(v),
            _ => Err(de::Error::invalid_length(items.len(), &"fewer elements in the list")),
        });
        self.here(result)
    }

    fn object<V: Visitor<'de>>(
        self,
        map: &'de Map<String, Value>,
        visitor: V,
        skip_null: bool,
    ) -> Result<V::Value, Error> {
        let mut entries = Entries::new(map, self.chain, self.track);
        entries.skip_null = skip_null;
        let result = visitor.visit_map(entries);
        self.here(result)
    }

    /// A scalar: a value of the kind asked for handed to the visitor as
    /// `&Value`'s own deserializer hands it (a number as what it holds, so
    /// that the visitor says whether it fits); anything else is the wrong
    /// type. Read here rather than by `&Value`'s deserializer so that every
    /// error is this module's (no `serde_json` error, whose description of
    /// a value keeps `core`'s float formatting in the WebAssembly package).
    fn scalar<V: Visitor<'de>>(self, kind: Kind, visitor: V) -> Result<V::Value, Error> {
        match (kind, self.value) {
            (Kind::Bool, Value::Bool(b)) => self.here(visitor.visit_bool(*b)),
            (Kind::Number, Value::Number(n)) => self.here(number(n, visitor)),
            (Kind::Text, Value::String(s)) => self.here(visitor.visit_borrowed_str(s)),
            (Kind::Unit, Value::Null) => self.here(visitor.visit_unit()),
            _ => self.wrong_type(&visitor),
        }
    }
}

/// What a scalar reader takes (as `&Value`'s deserializer does).
#[derive(Clone, Copy)]
enum Kind {
    Bool,
    Number,
    Text,
    Unit,
}

/// A number handed to `visitor` as what it holds, as `serde_json` does.
fn number<'de, V: Visitor<'de>>(n: &serde_json::Number, visitor: V) -> Result<V::Value, Error> {
    if let Some(u) = n.as_u64() {
        visitor.visit_u64(u)
    } else if let Some(i) = n.as_i64() {
        visitor.visit_i64(i)
    } else {
        visitor.visit_f64(n.as_f64().unwrap_or_default())
    }
}

/// Scalars, read by [`At::scalar`].
macro_rules! scalars {
    ($($method:ident => $kind:ident),*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.scalar(Kind::$kind, visitor)
        })*
    };
}

/// Lists and objects; a struct is only ever an object (`&Value` would also
/// take a list, building every struct's list reader for nothing).
impl<'de> de::Deserializer<'de> for At<'de, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit(visitor)
    }

    scalars!(
        deserialize_bool => Bool,
        deserialize_i8 => Number,
        deserialize_i16 => Number,
        deserialize_i32 => Number,
        deserialize_i64 => Number,
        deserialize_u8 => Number,
        deserialize_u16 => Number,
        deserialize_u32 => Number,
        deserialize_u64 => Number,
        deserialize_f32 => Number,
        deserialize_f64 => Number,
        deserialize_char => Text,
        deserialize_str => Text,
        deserialize_string => Text,
        deserialize_unit => Unit,
        deserialize_identifier => Text
    );

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::String(s) => self.here(visitor.visit_borrowed_str(s)),
            _ => self.wrong_type(&visitor),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.value.is_null() {
            return self.here(visitor.visit_none());
        }
        self.inner(|at| visitor.visit_some(at))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        self.inner(|at| visitor.visit_newtype_struct(at))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    /// An enumeration written as its variant's name. (An enum whose
    /// variants carry data is read through `deserialize_any` when it is
    /// tagged or untagged; the externally tagged form, `{"variant": ...}`,
    /// is not a form the definitions use.)
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Value::String(s) => self.here(visitor.visit_enum(de::value::BorrowedStrDeserializer::<Error>::new(s))),
            _ => self.wrong_type(&"the name of a variant"),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(items) => self.list(items, visitor),
            _ => self.wrong_type(&visitor),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(map) => self.object(map, visitor, false),
            _ => self.wrong_type(&visitor),
        }
    }

    /// A record's key whose value is `null` is read as absent: an optional
    /// field is then `None` or its default (an empty list), as a form's
    /// empty field is; a required one is missing.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(map) => self.object(map, visitor, true),
            _ => self.wrong_type(&visitor),
        }
    }

    forward_to_deserialize_any! { i128 u128 }
}

/// `seed` read from `value` at `chain` (a list item, an object's value). A
/// value's own check (a date's, say) fails after its deserializer has
/// returned: `inner` records that path too.
fn read_at<'de, T: DeserializeSeed<'de>>(
    seed: T,
    value: &'de Value,
    chain: &Chain<'_>,
    track: &Track,
) -> Result<T::Value, Error> {
    At { value, chain, track }.inner(|at| seed.deserialize(at))
}

/// The items of a list, each at its index.
struct Items<'de, 'p> {
    items: std::slice::Iter<'de, Value>,
    index: usize,
    chain: &'p Chain<'p>,
    track: &'p Track,
}

impl<'de> SeqAccess<'de> for Items<'de, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some(value) = self.items.next() else {
            return Ok(None);
        };
        let chain = Chain::Item(self.chain, self.index);
        self.index += 1;
        read_at(seed, value, &chain, self.track).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The entries of an object, each value at its key.
struct Entries<'de, 'p> {
    entries: serde_json::map::Iter<'de>,
    /// Whether keys whose value is `null` are skipped (a record's fields).
    skip_null: bool,
    pending: Option<(&'de str, &'de Value)>,
    chain: &'p Chain<'p>,
    track: &'p Track,
}

impl<'de, 'p> Entries<'de, 'p> {
    fn new(map: &'de Map<String, Value>, chain: &'p Chain<'p>, track: &'p Track) -> Self {
        Entries {
            entries: map.iter(),
            skip_null: false,
            pending: None,
            chain,
            track,
        }
    }
}

impl<'de> MapAccess<'de> for Entries<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let skip_null = self.skip_null;
        let Some((key, value)) = self.entries.find(|(_, v)| !(skip_null && v.is_null())) else {
            return Ok(None);
        };
        self.pending = Some((key.as_str(), value));
        seed.deserialize(de::value::BorrowedStrDeserializer::<Error>::new(key))
            .map(Some)
            .inspect_err(|_| {
                record(self.track, &Chain::Key(self.chain, key));
            })
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((key, value)) = self.pending.take() else {
            return Err(de::Error::custom("a value was asked for before its key"));
        };
        read_at(seed, value, &Chain::Key(self.chain, key), self.track)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::deserialize;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Seat {
        holders: Vec<u32>,
        #[serde(default)]
        note: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        id: String,
        seats: Vec<Seat>,
    }

    /// A value whose own check runs after its deserializer has returned
    /// (as a date, an amount or an enumeration does).
    #[derive(Debug)]
    struct Even;
    impl<'de> Deserialize<'de> for Even {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            match u32::deserialize(d)? {
                n if n % 2 == 0 => Ok(Even),
                _ => Err(serde::de::Error::custom("odd")),
            }
        }
    }

    #[test]
    fn a_value_failing_its_own_check_is_named_by_its_path() {
        let v = json!({"a": [2, 4, 5]});
        let (path, e) = deserialize::<std::collections::BTreeMap<String, Vec<Even>>>(&v).unwrap_err();
        assert_eq!((path.as_str(), e.to_string().as_str()), ("a[2]", "odd"));
        assert_eq!(deserialize::<Even>(&json!(3)).unwrap_err().0, "");
        let (path, _) = deserialize::<(u32, u32)>(&json!([1, 2, 3])).unwrap_err();
        assert_eq!(path, "", "a list longer than its tuple");
    }

    fn path_of(v: serde_json::Value) -> String {
        deserialize::<Vec<Body>>(&v).unwrap_err().0
    }

    #[test]
    fn a_wrong_value_is_named_by_its_path() {
        assert_eq!(
            path_of(json!([{"id": "a", "seats": []}, {"id": "b", "seats": [{"holders": [1, "x"]}]}])),
            "[1].seats[0].holders[1]"
        );
        assert_eq!(path_of(json!([{"id": 3, "seats": []}])), "[0].id");
        assert_eq!(
            path_of(json!([{"id": "a", "seats": [{"holders": [], "note": 5}]}])),
            "[0].seats[0].note"
        );
        assert_eq!(path_of(json!({"id": "a"})), "");
    }

    #[test]
    fn an_unknown_key_is_named_and_a_missing_one_is_at_its_object() {
        assert_eq!(
            path_of(json!([{"id": "a", "seats": [], "colour": "red"}])),
            "[0].colour"
        );
        let (path, e) = deserialize::<Vec<Body>>(&json!([{"seats": []}])).unwrap_err();
        assert_eq!(path, "[0]");
        assert!(e.to_string().starts_with("missing field `id`"), "{e}");
    }

    #[test]
    fn a_float_where_none_belongs_is_described_as_serde_describes_it() {
        let (path, e) = deserialize::<Vec<Body>>(&json!([{"id": 1.5, "seats": []}])).unwrap_err();
        assert_eq!(path, "[0].id");
        assert_eq!(e.to_string(), "invalid type: floating point `1.5`, expected a string");
        let (_, e) = deserialize::<Vec<Body>>(&json!([{"id": "a", "seats": [{"holders": [2.0]}]}])).unwrap_err();
        assert_eq!(e.to_string(), "invalid type: floating point `2.0`, expected u32");
        // Anything else keeps serde's words.
        let (_, e) = deserialize::<Vec<Body>>(&json!([{"id": true, "seats": []}])).unwrap_err();
        assert_eq!(e.to_string(), "invalid type: boolean `true`, expected a string");
    }

    #[test]
    fn a_good_value_reads_as_serde_json_reads_it() {
        let v = json!([{"id": "a", "seats": [{"holders": [1, 2], "note": null}]}]);
        let b = deserialize::<Vec<Body>>(&v).unwrap();
        assert_eq!(b[0].seats[0].holders, [1, 2]);
        assert_eq!(b[0].seats[0].note, None);
    }
}
