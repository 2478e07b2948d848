//! Python values as the core's JSON-shaped input (a `serde_json::Value`
//! tree, never text): what pandas, polars and numpy hand an analyst is
//! accepted where the core expects it.
//!
//! - a `datetime.date`, or a `datetime.datetime` / `pandas.Timestamp` /
//!   `numpy.datetime64` at midnight without a time zone (what a CSV reader
//!   gives for a date column), as an ISO date; one with a time of day is
//!   refused (`invalid_date`) rather than cut;
//! - `None`, `float('nan')`, `pandas.NaT`, `pandas.NA` and `numpy.datetime64('NaT')`
//!   as a missing value;
//! - `int`, numpy integers (anything with `__index__`) and `bool` as
//!   themselves; a `float` stays a number, which the core refuses wherever
//!   money is expected (`invalid_amount`: binary floating point cannot hold
//!   pence exactly);
//! - `decimal.Decimal` as its exact text;
//! - mappings as objects (keys must be `str`), and lists, tuples, numpy
//!   arrays, pandas Series and other iterables as lists.

use kcsp_core::{Error, ErrorKind};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use pyo3::types::{PyDateAccess, PyTimeAccess, PyTzInfoAccess};
use serde_json::{Map, Number, Value};

/// A path inside the input, built into text only for an error.
#[derive(Clone, Copy)]
pub enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    pub fn text(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Key(parent, k) => {
                let p = parent.text();
                if p.is_empty() {
                    (*k).to_string()
                } else {
                    format!("{p}.{k}")
                }
            }
            Path::Index(parent, i) => format!("{}[{i}]", parent.text()),
        }
    }
}

fn refused(path: &Path<'_>, kind: ErrorKind, msg: String) -> Error {
    Error::new(kind, path.text(), msg)
}

/// The ISO text of a date-like object (`None` when it is not one), or the
/// error for one with a time of day.
pub fn date_text(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> Result<Option<Option<String>>, Error> {
    if let Ok(dt) = obj.cast::<PyDateTime>() {
        if type_name(obj) == "NaTType" {
            return Ok(Some(None));
        }
        let midnight = dt.get_hour() == 0 && dt.get_minute() == 0 && dt.get_second() == 0 && dt.get_microsecond() == 0;
        let naive = dt.get_tzinfo().is_none();
        let nanos = obj
            .getattr("nanosecond")
            .ok()
            .and_then(|n| n.extract::<i64>().ok())
            .unwrap_or(0);
        if !(midnight && naive && nanos == 0) {
            return Err(refused(
                path,
                ErrorKind::InvalidDate,
                format!(
                    "{} has a time of day or a time zone; pass its date (.date())",
                    obj.repr().map(|r| r.to_string()).unwrap_or_default()
                ),
            ));
        }
        return Ok(Some(Some(format!(
            "{:04}-{:02}-{:02}",
            dt.get_year(),
            dt.get_month(),
            dt.get_day()
        ))));
    }
    if let Ok(d) = obj.cast::<PyDate>() {
        return Ok(Some(Some(format!(
            "{:04}-{:02}-{:02}",
            d.get_year(),
            d.get_month(),
            d.get_day()
        ))));
    }
    if type_name(obj) == "datetime64" {
        let text = obj.str().map(|s| s.to_string()).unwrap_or_default();
        if text == "NaT" {
            return Ok(Some(None));
        }
        let (day, rest) = text.split_at(text.len().min(10));
        let time_is_midnight = rest.is_empty()
            || rest
                .trim_start_matches('T')
                .chars()
                .all(|c| matches!(c, '0' | ':' | '.'));
        if !time_is_midnight {
            return Err(refused(
                path,
                ErrorKind::InvalidDate,
                format!("numpy.datetime64('{text}') has a time of day; pass its date"),
            ));
        }
        return Ok(Some(Some(day.to_string())));
    }
    Ok(None)
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_default()
}

/// The value of `obj` at `path`, as a rule input: integers become their
/// decimal text, so that `39661` is an exact amount and `7` an id (the
/// core refuses JSON numbers for money, which may have passed through
/// binary floating point in other languages; a Python `int` cannot have).
pub fn value(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> Result<Value, Error> {
    convert(obj, path, true)
}

/// The value of `obj` as plain JSON (integers stay numbers): a stored receipt.
pub fn json(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> Result<Value, Error> {
    convert(obj, path, false)
}

fn convert(obj: &Bound<'_, PyAny>, path: &Path<'_>, ints_as_text: bool) -> Result<Value, Error> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow().map(|c| c.into_owned()).unwrap_or_default()));
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        return int(obj, path, ints_as_text);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let x = f.value();
        return Ok(if x.is_nan() {
            Value::Null
        } else {
            Number::from_f64(x).map_or(Value::Null, Value::Number)
        });
    }
    if let Some(d) = date_text(obj, path)? {
        return Ok(d.map_or(Value::Null, Value::String));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in dict.iter() {
            let key = k.cast::<PyString>().map_err(|_| {
                refused(
                    path,
                    ErrorKind::InvalidInput,
                    format!("keys must be str, not {}", type_name(&k)),
                )
            })?;
            let key = key.to_cow().map(|c| c.into_owned()).unwrap_or_default();
            // A definition carried in the request is plain JSON (counts, months).
            let plain = matches!(path, Path::Root) && (key == "partnership" || key == "calendar");
            let v = convert(&v, &Path::Key(path, &key), ints_as_text && !plain)?;
            map.insert(key, v);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(list) = obj.cast::<PyList>() {
        return list
            .iter()
            .enumerate()
            .map(|(i, v)| convert(&v, &Path::Index(path, i), ints_as_text))
            .collect();
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return t
            .iter()
            .enumerate()
            .map(|(i, v)| convert(&v, &Path::Index(path, i), ints_as_text))
            .collect();
    }
    match type_name(obj).as_str() {
        "Decimal" => return Ok(Value::String(decimal_text(obj))),
        "NAType" | "NaTType" => return Ok(Value::Null),
        "bool_" => return Ok(Value::Bool(obj.is_truthy().unwrap_or(false))),
        _ => {}
    }
    // numpy arrays and scalars, pandas Series and Index: their Python values
    // (a Series' index is not part of it).
    if obj.hasattr("tolist").unwrap_or(false) {
        if let Ok(items) = obj.call_method0("tolist") {
            if !items.is(obj) {
                return convert(&items, path, ints_as_text);
            }
        }
    }
    if obj.hasattr("__index__").unwrap_or(false) {
        return int(obj, path, ints_as_text);
    }
    if obj.hasattr("__float__").unwrap_or(false) && !obj.hasattr("__iter__").unwrap_or(false) {
        let x: f64 = obj.extract().unwrap_or(f64::NAN);
        return Ok(Number::from_f64(x).map_or(Value::Null, Value::Number));
    }
    if obj.hasattr("keys").unwrap_or(false) {
        if let Ok(d) = obj.call_method0("items").and_then(|i| PyDict::from_sequence(&i)) {
            return convert(d.as_any(), path, ints_as_text);
        }
    }
    if let Ok(iter) = obj.try_iter() {
        let mut items = Vec::new();
        for (i, v) in iter.enumerate() {
            let v = v.map_err(|e| refused(path, ErrorKind::InvalidInput, e.to_string()))?;
            items.push(convert(&v, &Path::Index(path, i), ints_as_text)?);
        }
        return Ok(Value::Array(items));
    }
    Err(refused(
        path,
        ErrorKind::InvalidInput,
        format!("a {} cannot be used here", type_name(obj)),
    ))
}

fn int(obj: &Bound<'_, PyAny>, path: &Path<'_>, as_text: bool) -> Result<Value, Error> {
    if let Ok(i) = obj.extract::<i64>() {
        return Ok(if as_text {
            Value::String(i.to_string())
        } else {
            Value::from(i)
        });
    }
    if let Ok(u) = obj.extract::<u64>() {
        return Ok(if as_text {
            Value::String(u.to_string())
        } else {
            Value::from(u)
        });
    }
    Err(refused(path, ErrorKind::InvalidInput, "the number is too large".into()))
}

/// A `decimal.Decimal` as exact positional text (`1E+3` as `1000`).
fn decimal_text(obj: &Bound<'_, PyAny>) -> String {
    obj.py()
        .import("builtins")
        .and_then(|b| b.getattr("format"))
        .and_then(|f| f.call1((obj, "f")))
        .and_then(|s| s.extract::<String>())
        .unwrap_or_else(|_| obj.str().map(|s| s.to_string()).unwrap_or_default())
}

/// A date argument: a `datetime.date`, a midnight `datetime`/`Timestamp`/
/// `datetime64`, or ISO text; anything else is `invalid_date` naming `field`.
pub fn date(obj: &Bound<'_, PyAny>, field: &str) -> Result<chrono::NaiveDate, Error> {
    let path = Path::Key(&Path::Root, field);
    match value(obj, &path)? {
        Value::String(s) => kcsp_core::dates::parse_date(field, &s),
        _ => Err(Error::new(
            ErrorKind::InvalidDate,
            field,
            format!("{field} must be a date, not a {}", type_name(obj)),
        )),
    }
}
