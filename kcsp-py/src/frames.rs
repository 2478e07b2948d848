//! Batch functions over frames: columns in (anything with the Arrow PyCapsule
//! interface — pandas, polars, pyarrow, DuckDB results — or a mapping of
//! columns, or plain sequences), one Arrow table out. The core decides;
//! this file only reads columns and writes them.
//!
//! No row is lost: a row that cannot be read or decided keeps its place with
//! its error in `error_code`, `error_field` and `error_message`; with
//! `raise_first` the first such error is raised instead.

use crate::convert::{self, Path};
use crate::{context, guarded, raise, PyCalendar, PyPartnership};
use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Decimal128Builder, ListBuilder, StringBuilder, UInt32Builder,
};
use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int64Type};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, TimeUnit};
use chrono::NaiveDate;
use kcsp_core::{Error, ErrorKind};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3_arrow::{PyArray, PyChunkedArray, PyTable};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

/// A column as read: Arrow data, or Python objects.
pub(crate) enum Column<'py> {
    /// Arrow data in its chunks (at least one), read in place.
    Arrow(Vec<ArrayRef>),
    Objects(Vec<Bound<'py, PyAny>>),
}

impl Column<'_> {
    fn len(&self) -> usize {
        match self {
            Column::Arrow(chunks) => chunks.iter().map(|a| a.len()).sum(),
            Column::Objects(o) => o.len(),
        }
    }
}

fn input_error(field: &str, msg: String) -> PyErr {
    raise(&Error::new(ErrorKind::InvalidInput, field, msg))
}

fn concat(chunks: &[ArrayRef], name: &str) -> PyResult<ArrayRef> {
    match chunks {
        [one] => Ok(one.clone()),
        _ => {
            let refs: Vec<&dyn Array> = chunks.iter().map(|a| a.as_ref()).collect();
            arrow_select::concat::concat(&refs).map_err(|e| input_error(name, e.to_string()))
        }
    }
}

/// The named columns of `data`.
pub(crate) fn read_columns<'py>(data: &Bound<'py, PyAny>, names: &[&str]) -> PyResult<Vec<Column<'py>>> {
    // A frame speaking the Arrow C stream interface (pandas needs pyarrow
    // for it; without, its columns are read one by one below).
    if data.hasattr("__arrow_c_stream__")? && !data.is_instance_of::<PyDict>() {
        if let Ok(table) = data.extract::<PyTable>() {
            let (batches, schema) = table.into_inner();
            let mut out = Vec::with_capacity(names.len());
            for name in names {
                let k = schema.index_of(name).map_err(|_| {
                    let have: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
                    input_error(
                        name,
                        format!("the frame has no column '{name}' (it has {})", have.join(", ")),
                    )
                })?;
                let chunks: Vec<ArrayRef> = batches.iter().map(|b| b.column(k).clone()).collect();
                out.push(Column::Arrow(if chunks.is_empty() {
                    vec![arrow_array::new_empty_array(schema.field(k).data_type())]
                } else {
                    chunks
                }));
            }
            return Ok(out);
        }
    }
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let col = data
            .get_item(name)
            .map_err(|_| input_error(name, format!("the data has no column '{name}'")))?;
        out.push(column(&col, name)?);
    }
    Ok(out)
}

/// One column object: Arrow where it speaks Arrow, else its items.
fn column<'py>(col: &Bound<'py, PyAny>, name: &str) -> PyResult<Column<'py>> {
    if col.hasattr("__arrow_c_array__")? {
        if let Ok(a) = col.extract::<PyArray>() {
            return Ok(Column::Arrow(vec![a.into_inner().0]));
        }
    }
    if col.hasattr("__arrow_c_stream__")? {
        if let Ok(c) = col.extract::<PyChunkedArray>() {
            let (chunks, field) = c.into_inner();
            return Ok(Column::Arrow(if chunks.is_empty() {
                vec![arrow_array::new_empty_array(field.data_type())]
            } else {
                chunks
            }));
        }
    }
    if col.is_instance_of::<PyString>() {
        return Err(input_error(
            name,
            format!("column '{name}' must be a sequence, not a str"),
        ));
    }
    // numpy arrays and pandas Series turn into Python objects in one C loop.
    let items = if col.hasattr("tolist")? {
        col.call_method0("tolist")?
    } else {
        col.clone()
    };
    let list = match items.cast::<PyList>() {
        Ok(l) => l.clone(),
        Err(_) => PyList::new(
            col.py(),
            items
                .try_iter()
                .map_err(|_| input_error(name, format!("column '{name}' must be a sequence")))?
                .collect::<PyResult<Vec<_>>>()?,
        )?,
    };
    Ok(Column::Objects(list.iter().collect()))
}

fn same_length(cols: &[Column<'_>], names: &[&str]) -> PyResult<usize> {
    let n = cols.first().map_or(0, Column::len);
    for (c, name) in cols.iter().zip(names) {
        if c.len() != n {
            return Err(input_error(
                name,
                format!("column '{name}' has {} rows, expected {n}", c.len()),
            ));
        }
    }
    Ok(n)
}

type Cell<T> = Result<Option<T>, Error>;

/// A cell as read back: the error boxed, so that the common case (a value)
/// moves a few words rather than a whole `Error`.
type Got<T> = Result<Option<T>, Box<Error>>;

fn field(i: usize, name: &str) -> String {
    format!("rows[{i}].{name}")
}

/// Cells read ahead of use: each row's value (missing as `None`) and, apart,
/// the rows that could not be read with their errors (sorted by row). An
/// error is rare, so a row costs the size of its value, not of an `Error`.
struct Read<T> {
    values: Vec<Option<T>>,
    errors: Vec<(usize, Error)>,
}

impl<T> Read<T> {
    fn collect(cells: impl Iterator<Item = Cell<T>>) -> Self {
        let mut values = Vec::with_capacity(cells.size_hint().0);
        let mut errors = Vec::new();
        for (i, c) in cells.enumerate() {
            match c {
                Ok(v) => values.push(v),
                Err(e) => {
                    values.push(None);
                    errors.push((i, e));
                }
            }
        }
        Read { values, errors }
    }

    fn get(&self, i: usize) -> Got<&T> {
        match self.values.get(i) {
            Some(Some(v)) => Ok(Some(v)),
            _ => match self.errors.binary_search_by_key(&i, |(r, _)| *r) {
                Ok(k) => Err(Box::new(self.errors[k].1.clone())),
                Err(_) => Ok(None),
            },
        }
    }
}

/// A text column (ids, names, enumerations): Arrow strings read in place;
/// integers (as decimal text), other Arrow types and Python objects read
/// ahead.
enum Texts<'a> {
    Utf8(&'a arrow_array::StringArray),
    Large(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
    Read(Read<Cow<'a, str>>),
    /// A column in several chunks: each chunk's cells, and where each ends.
    Chunks(Vec<Texts<'a>>, Ends),
}

impl<'a> Texts<'a> {
    #[inline]
    fn get(&self, i: usize) -> Got<&str> {
        match self {
            Texts::Utf8(s) => Ok((i < s.len() && s.is_valid(i)).then(|| s.value(i))),
            Texts::Large(s) => Ok((i < s.len() && s.is_valid(i)).then(|| s.value(i))),
            Texts::View(s) => Ok((i < s.len() && s.is_valid(i)).then(|| s.value(i))),
            Texts::Read(r) => r.get(i).map(|v| v.map(|c| c.as_ref())),
            Texts::Chunks(parts, ends) => {
                let (k, row) = ends.locate(i);
                parts.get(k).map_or(Ok(None), |p| p.get(row))
            }
        }
    }

    /// The cells in order, for the rarer paths that want them all.
    fn iter(&self, n: usize) -> impl Iterator<Item = Got<&str>> + '_ {
        (0..n).map(move |i| self.get(i))
    }
}

/// Text cells (ids, names, enumerations): strings, and integers as decimal text.
fn texts<'a>(col: &'a Column<'_>, name: &str) -> Texts<'a> {
    match col {
        Column::Arrow(chunks) => match &chunks[..] {
            [one] => arrow_texts(one, name, 0),
            _ => {
                let (parts, ends) = chunked(chunks, |a, base| arrow_texts(a, name, base));
                Texts::Chunks(parts, Ends::new(ends))
            }
        },
        Column::Objects(items) => {
            let mut memo: HashMap<usize, Cell<Cow<'a, str>>> = HashMap::new();
            Texts::Read(Read::collect(items.iter().enumerate().map(|(i, o)| {
                let key = o.as_ptr() as usize;
                if let Some(c) = memo.get(&key) {
                    return c.clone().map_err(|e| e.at(field(i, name)));
                }
                let c = match convert::value(o, &Path::Key(&Path::Root, "")) {
                    Ok(Value::Null) => Ok(None),
                    Ok(Value::String(s)) => Ok(Some(Cow::Owned(s))),
                    Ok(Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(Some(Cow::Owned(n.to_string()))),
                    Ok(_) => Err(Error::new(ErrorKind::InvalidInput, field(i, name), "expected text")),
                    Err(e) => Err(e.at(field(i, name))),
                };
                memo.insert(key, c.clone());
                c
            })))
        }
    }
}

fn arrow_texts<'a>(a: &'a ArrayRef, name: &str, base: usize) -> Texts<'a> {
    match a.data_type() {
        DataType::Utf8 => Texts::Utf8(a.as_string::<i32>()),
        DataType::LargeUtf8 => Texts::Large(a.as_string::<i64>()),
        DataType::Utf8View => Texts::View(a.as_string_view()),
        DataType::Null => Texts::Read(Read {
            values: Vec::new(),
            errors: Vec::new(),
        }),
        DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32
        | DataType::UInt64 => Texts::Read(match arrow_cast::cast(a, &DataType::Int64) {
            Ok(c) => {
                let ints = c.as_primitive::<Int64Type>();
                Read::collect(
                    (0..ints.len()).map(|i| Ok(ints.is_valid(i).then(|| Cow::Owned(ints.value(i).to_string())))),
                )
            }
            Err(e) => Read::collect((0..a.len()).map(|i| {
                Err(Error::new(
                    ErrorKind::InvalidInput,
                    field(base + i, name),
                    e.to_string(),
                ))
            })),
        }),
        _ => Texts::Read(match arrow_cast::cast(a, &DataType::Utf8) {
            Ok(c) => {
                let s = c.as_string::<i32>();
                Read::collect((0..s.len()).map(|i| Ok(s.is_valid(i).then(|| Cow::Owned(s.value(i).to_string())))))
            }
            Err(_) => Read::collect((0..a.len()).map(|i| {
                Err(Error::new(
                    ErrorKind::InvalidInput,
                    field(base + i, name),
                    format!("a column of {} cannot hold ids", a.data_type()),
                ))
            })),
        }),
    }
}

const DAY_NANOS: i64 = 86_400_000_000_000;

/// A date column: Arrow dates read in place; timestamps (at midnight), ISO
/// text and Python dates read ahead.
enum Dates<'a> {
    /// Days since 1970, with the last day converted (a register's rows come
    /// in runs of one meeting, so most rows repeat the day before).
    Date32(&'a arrow_array::Date32Array, std::cell::Cell<(i32, Option<NaiveDate>)>),
    /// Timestamps (or Date64) as ticks since 1970, `per_day` ticks a day;
    /// a time of day is an error at the row's field.
    Ticks {
        ticks: arrow_array::Int64Array,
        per_day: i64,
        base: usize,
        name: String,
        last: std::cell::Cell<(i64, Option<NaiveDate>)>,
    },
    Read(Read<NaiveDate>),
    /// A column in several chunks: each chunk's cells, and where each ends.
    Chunks(Vec<Dates<'a>>, Ends),
}

impl Dates<'_> {
    #[inline]
    fn get(&self, i: usize) -> Got<NaiveDate> {
        match self {
            Dates::Date32(d, last) => Ok(if i < d.len() && d.is_valid(i) {
                let days = d.value(i);
                match last.get() {
                    (k, date) if k == days && date.is_some() => date,
                    _ => {
                        let date = d.value_as_date(i);
                        last.set((days, date));
                        date
                    }
                }
            } else {
                None
            }),
            Dates::Ticks {
                ticks,
                per_day,
                base,
                name,
                last,
            } => {
                let t = ticks;
                if i >= t.len() || !t.is_valid(i) {
                    return Ok(None);
                }
                let v = t.value(i);
                if let (k, Some(date)) = last.get() {
                    if k == v {
                        return Ok(Some(date));
                    }
                }
                if v.rem_euclid(*per_day) != 0 {
                    return Err(Box::new(Error::new(
                        ErrorKind::InvalidDate,
                        field(base + i, name),
                        "the timestamp has a time of day; pass its date",
                    )));
                }
                let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
                let date = epoch
                    .checked_add_signed(chrono::TimeDelta::days(v.div_euclid(*per_day)))
                    .ok_or_else(|| {
                        Box::new(Error::new(
                            ErrorKind::InvalidDate,
                            field(base + i, name),
                            "the date is out of range",
                        ))
                    })?;
                last.set((v, Some(date)));
                Ok(Some(date))
            }
            Dates::Read(r) => r.get(i).map(|v| v.copied()),
            Dates::Chunks(parts, ends) => {
                let (k, row) = ends.locate(i);
                parts.get(k).map_or(Ok(None), |p| p.get(row))
            }
        }
    }

    fn iter(&self, n: usize) -> impl Iterator<Item = Got<NaiveDate>> + '_ {
        (0..n).map(move |i| self.get(i))
    }
}

/// Date cells: Arrow dates and timestamps at midnight, ISO text, Python dates.
fn dates<'a>(col: &'a Column<'_>, name: &str) -> Dates<'a> {
    match col {
        Column::Arrow(chunks) => match &chunks[..] {
            [one] => arrow_dates(one, name, 0),
            _ => {
                let (parts, ends) = chunked(chunks, |a, base| arrow_dates(a, name, base));
                Dates::Chunks(parts, Ends::new(ends))
            }
        },
        Column::Objects(items) => {
            let mut memo: HashMap<usize, Cell<NaiveDate>> = HashMap::new();
            Dates::Read(Read::collect(items.iter().enumerate().map(|(i, o)| {
                let key = o.as_ptr() as usize;
                if let Some(c) = memo.get(&key) {
                    return c.clone().map_err(|e| e.at(field(i, name)));
                }
                let f = field(i, name);
                let c = match convert::value(o, &Path::Key(&Path::Root, &f)) {
                    Ok(Value::Null) => Ok(None),
                    Ok(Value::String(s)) => kcsp_core::dates::parse_date(&f, &s).map(Some),
                    Ok(_) => Err(Error::new(ErrorKind::InvalidDate, f, "expected a date")),
                    Err(e) => Err(e),
                };
                memo.insert(key, c.clone());
                c
            })))
        }
    }
}

/// Where each chunk of a column ends, with the chunk found last: rows are
/// mostly read in order, so the next row is nearly always in the same chunk.
struct Ends {
    ends: Vec<usize>,
    last: std::cell::Cell<usize>,
}

impl Ends {
    fn new(ends: Vec<usize>) -> Self {
        Ends {
            ends,
            last: std::cell::Cell::new(0),
        }
    }

    fn start(&self, k: usize) -> usize {
        k.checked_sub(1).and_then(|j| self.ends.get(j)).copied().unwrap_or(0)
    }

    /// Which chunk holds row `i`, and the row within it.
    #[inline]
    fn locate(&self, i: usize) -> (usize, usize) {
        let k = self.last.get();
        let start = self.start(k);
        if i >= start && self.ends.get(k).is_some_and(|e| i < *e) {
            return (k, i - start);
        }
        let k = self.ends.partition_point(|e| *e <= i);
        self.last.set(k);
        (k, i - self.start(k))
    }
}

/// Each chunk read by `read` (given the chunk and its first row), and the
/// row where each chunk ends.
fn chunked<'a, T>(chunks: &'a [ArrayRef], read: impl Fn(&'a ArrayRef, usize) -> T) -> (Vec<T>, Vec<usize>) {
    let mut base = 0;
    let mut parts = Vec::with_capacity(chunks.len());
    let mut ends = Vec::with_capacity(chunks.len());
    for a in chunks {
        parts.push(read(a, base));
        base += a.len();
        ends.push(base);
    }
    (parts, ends)
}

/// The date cells of one Arrow array whose first row is row `base`.
fn arrow_dates<'a>(a: &'a ArrayRef, name: &str, base: usize) -> Dates<'a> {
    let every = |kind: ErrorKind, message: &str| {
        Dates::Read(Read::collect(
            (0..a.len()).map(|i| Err(Error::new(kind, field(base + i, name), message.to_string()))),
        ))
    };
    let ticks = |per_day: i64| match arrow_cast::cast(a, &DataType::Int64) {
        Ok(ticks) => Dates::Ticks {
            ticks: ticks.as_primitive::<Int64Type>().clone(),
            per_day,
            base,
            name: name.to_string(),
            last: std::cell::Cell::new((0, None)),
        },
        Err(_) => every(ErrorKind::InvalidDate, "the dates could not be read"),
    };
    match a.data_type() {
        DataType::Date32 => Dates::Date32(a.as_primitive::<Date32Type>(), std::cell::Cell::new((0, None))),
        DataType::Date64 => ticks(86_400_000),
        DataType::Timestamp(_, Some(_)) => every(
            ErrorKind::InvalidDate,
            "the column has a time zone; pass dates (a date column, or naive midnight timestamps)",
        ),
        DataType::Timestamp(unit, None) => ticks(match unit {
            TimeUnit::Second => 86_400,
            TimeUnit::Millisecond => 86_400_000,
            TimeUnit::Microsecond => 86_400_000_000,
            TimeUnit::Nanosecond => DAY_NANOS,
        }),
        _ => {
            let t = arrow_texts(a, name, base);
            Dates::Read(Read::collect(t.iter(a.len()).enumerate().map(
                |(i, t)| match t.map_err(|e| *e)? {
                    None => Ok(None),
                    Some(s) => kcsp_core::dates::parse_date(&field(base + i, name), s).map(Some),
                },
            )))
        }
    }
}

/// Cells as JSON-shaped values (money, flags, lists), for inputs read by
/// the core's own deserializers.
fn values(col: &Column<'_>, name: &str) -> Vec<Result<Value, Error>> {
    let chunks = match col {
        Column::Objects(items) => {
            return items
                .iter()
                .enumerate()
                .map(|(i, o)| convert::value(o, &Path::Key(&Path::Root, &field(i, name))))
                .collect();
        }
        Column::Arrow(chunks) => chunks,
    };
    match concat(chunks, name) {
        Err(_) => {
            let e = Error::new(ErrorKind::InvalidInput, name, "the column's chunks could not be joined");
            (0..col.len()).map(|_| Err(e.clone())).collect()
        }
        Ok(a) => match a.data_type() {
            DataType::Boolean => {
                let b = a.as_boolean();
                (0..b.len())
                    .map(|i| {
                        Ok(if b.is_valid(i) {
                            Value::Bool(b.value(i))
                        } else {
                            Value::Null
                        })
                    })
                    .collect()
            }
            // A float stays a number, as in the object path (NaN is missing);
            // the core refuses it wherever money is expected.
            DataType::Float16 | DataType::Float32 | DataType::Float64 => {
                match arrow_cast::cast(&a, &DataType::Float64) {
                    Ok(c) => {
                        let f = c.as_primitive::<arrow_array::types::Float64Type>();
                        (0..f.len())
                            .map(|i| {
                                Ok(f.is_valid(i)
                                    .then(|| serde_json::Number::from_f64(f.value(i)))
                                    .flatten()
                                    .map_or(Value::Null, Value::Number))
                            })
                            .collect()
                    }
                    Err(e) => vec![Err(Error::new(ErrorKind::InvalidInput, name, e.to_string())); a.len()],
                }
            }
            DataType::List(_) | DataType::LargeList(_) => {
                let lists: Vec<Option<ArrayRef>> = match a.data_type() {
                    DataType::List(_) => a.as_list::<i32>().iter().collect(),
                    _ => a.as_list::<i64>().iter().collect(),
                };
                lists
                    .into_iter()
                    .enumerate()
                    .map(|(i, l)| match l {
                        None => Ok(Value::Null),
                        Some(items) => arrow_texts(&items, &field(i, name), 0)
                            .iter(items.len())
                            .map(|t| {
                                t.map(|o| o.map_or(Value::Null, |s| Value::String(s.to_string())))
                                    .map_err(|e| *e)
                            })
                            .collect(),
                    })
                    .collect()
            }
            _ => arrow_texts(&a, name, 0)
                .iter(a.len())
                .map(|t| {
                    t.map(|o| o.map_or(Value::Null, |s| Value::String(s.to_string())))
                        .map_err(|e| *e)
                })
                .collect(),
        },
    }
}

/// The error columns and the output table.
struct Output {
    fields: Vec<Field>,
    arrays: Vec<ArrayRef>,
}

impl Output {
    fn new() -> Self {
        Output {
            fields: Vec::new(),
            arrays: Vec::new(),
        }
    }

    fn add(&mut self, name: &str, array: ArrayRef) {
        self.fields.push(Field::new(name, array.data_type().clone(), true));
        self.arrays.push(array);
    }

    fn texts<S: AsRef<str>>(&mut self, name: &str, values: impl Iterator<Item = Option<S>>) {
        let mut b = StringBuilder::new();
        for v in values {
            b.append_option(v);
        }
        self.add(name, Arc::new(b.finish()));
    }

    fn bools(&mut self, name: &str, values: impl Iterator<Item = Option<bool>>) {
        let mut b = BooleanBuilder::new();
        for v in values {
            b.append_option(v);
        }
        self.add(name, Arc::new(b.finish()));
    }

    fn counts(&mut self, name: &str, values: impl Iterator<Item = Option<u32>>) {
        let mut b = UInt32Builder::new();
        for v in values {
            b.append_option(v);
        }
        self.add(name, Arc::new(b.finish()));
    }

    fn dates(&mut self, name: &str, values: impl Iterator<Item = Option<NaiveDate>>) {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
        let mut b = Date32Builder::new();
        for v in values {
            b.append_option(v.and_then(|d| i32::try_from((d - epoch).num_days()).ok()));
        }
        self.add(name, Arc::new(b.finish()));
    }

    fn lists<'s, L: IntoIterator<Item = &'s str>>(&mut self, name: &str, values: impl Iterator<Item = Option<L>>) {
        let mut b = ListBuilder::new(StringBuilder::new());
        for v in values {
            match v {
                Some(items) => {
                    for s in items {
                        b.values().append_value(s);
                    }
                    b.append(true);
                }
                None => b.append(false),
            }
        }
        self.add(name, Arc::new(b.finish()));
    }

    fn date_lists(&mut self, name: &str, values: impl Iterator<Item = Option<Vec<NaiveDate>>>) {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
        let mut b = ListBuilder::new(Date32Builder::new());
        for v in values {
            match v {
                Some(items) => {
                    for d in items {
                        b.values().append_option(i32::try_from((d - epoch).num_days()).ok());
                    }
                    b.append(true);
                }
                None => b.append(false),
            }
        }
        self.add(name, Arc::new(b.finish()));
    }

    /// Money as decimal(38, 2): exact, and read by pandas (as `Decimal`),
    /// polars and pyarrow as decimals.
    fn money(&mut self, name: &str, values: impl Iterator<Item = Option<rust_decimal::Decimal>>) {
        let mut b = Decimal128Builder::new();
        for v in values {
            b.append_option(v.map(|d| {
                let mut d = d;
                d.rescale(2);
                d.mantissa()
            }));
        }
        let array = b.finish().with_precision_and_scale(38, 2);
        match array {
            Ok(a) => self.add(name, Arc::new(a)),
            Err(_) => self.texts::<&str>(name, std::iter::empty()),
        }
    }

    fn errors(&mut self, errors: &[Option<Error>]) {
        self.errors_of(errors.iter().map(Option::as_ref));
    }

    /// The three error columns from each row's error (if any).
    fn errors_of<'e>(&mut self, errors: impl Iterator<Item = Option<&'e Error>> + Clone) {
        self.texts("error_code", errors.clone().map(|e| e.map(Error::code)));
        self.texts("error_field", errors.clone().map(|e| e.map(Error::field)));
        self.texts("error_message", errors.map(|e| e.map(Error::message)));
    }

    /// The Arrow table and its column names.
    fn finish<'py>(self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Vec<String>)> {
        let names = self.fields.iter().map(|f| f.name().clone()).collect();
        let schema = Arc::new(Schema::new(self.fields));
        let batch = RecordBatch::try_new(schema.clone(), self.arrays)
            .map_err(|e| input_error("", format!("could not build the table: {e}")))?;
        let table = PyTable::try_new(vec![batch], schema)?;
        Ok((Bound::new(py, table)?.into_any(), names))
    }
}

/// The columns of a batch's table as Python lists, built when a caller
/// first reads the table as a dict (`kcsp.Table`).
#[pyfunction]
fn columns<'py>(py: Python<'py>, table: PyTable) -> PyResult<Bound<'py, PyDict>> {
    let (batches, schema) = table.into_inner();
    let lists = PyDict::new(py);
    // Many small objects: the cyclic collector would walk them over and
    // over while they are made, and none of them can form a cycle.
    let gc = py.import("gc")?;
    let collecting = gc.call_method0("isenabled")?.is_truthy()?;
    if collecting {
        gc.call_method0("disable")?;
    }
    let built = schema.fields().iter().enumerate().try_for_each(|(k, f)| {
        let chunks: Vec<ArrayRef> = batches.iter().map(|b| b.column(k).clone()).collect();
        let whole = if chunks.is_empty() {
            arrow_array::new_empty_array(f.data_type())
        } else {
            concat(&chunks, f.name())?
        };
        lists.set_item(f.name(), pylist(py, &whole)?)
    });
    if collecting {
        gc.call_method0("enable")?;
    }
    built?;
    Ok(lists)
}

/// An output column as a Python list (dates as `datetime.date`, money as
/// `decimal.Decimal`, lists as lists, nulls as `None`).
fn pylist<'py>(py: Python<'py>, a: &ArrayRef) -> PyResult<Bound<'py, PyList>> {
    let n = a.len();
    let mut items: Vec<Bound<'py, PyAny>> = Vec::with_capacity(n);
    let none = py.None().into_bound(py);
    match a.data_type() {
        DataType::Utf8 => {
            let s = a.as_string::<i32>();
            // Repeated texts (codes, seat ids) share one Python string.
            let mut seen: HashMap<&str, Bound<'py, PyAny>> = HashMap::new();
            for i in 0..n {
                items.push(if s.is_valid(i) {
                    let v = s.value(i);
                    match seen.get(v) {
                        Some(o) => o.clone(),
                        None => {
                            let o = PyString::new(py, v).into_any();
                            if v.len() <= 64 {
                                seen.insert(v, o.clone());
                            }
                            o
                        }
                    }
                } else {
                    none.clone()
                });
            }
        }
        DataType::Boolean => {
            let b = a.as_boolean();
            for i in 0..n {
                items.push(if b.is_valid(i) {
                    b.value(i).into_pyobject(py)?.to_owned().into_any()
                } else {
                    none.clone()
                });
            }
        }
        DataType::UInt32 => {
            let u = a.as_primitive::<arrow_array::types::UInt32Type>();
            for i in 0..n {
                items.push(if u.is_valid(i) {
                    u.value(i).into_pyobject(py)?.into_any()
                } else {
                    none.clone()
                });
            }
        }
        DataType::Date32 => {
            let d = a.as_primitive::<Date32Type>();
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
            let mut seen: HashMap<i32, Bound<'py, PyAny>> = HashMap::new();
            for i in 0..n {
                items.push(if d.is_valid(i) {
                    let v = d.value(i);
                    match seen.get(&v) {
                        Some(o) => o.clone(),
                        None => {
                            let date = epoch + chrono::TimeDelta::days(i64::from(v));
                            let o = date.into_pyobject(py)?.into_any();
                            seen.insert(v, o.clone());
                            o
                        }
                    }
                } else {
                    none.clone()
                });
            }
        }
        DataType::Decimal128(_, scale) => {
            let d = a.as_primitive::<arrow_array::types::Decimal128Type>();
            for i in 0..n {
                items.push(if d.is_valid(i) {
                    let v =
                        rust_decimal::Decimal::try_from_i128_with_scale(d.value(i), u32::try_from(*scale).unwrap_or(2))
                            .unwrap_or_default();
                    v.into_pyobject(py)?.into_any()
                } else {
                    none.clone()
                });
            }
        }
        DataType::List(_) => {
            // The items of every row converted once, then sliced per row.
            let l = a.as_list::<i32>();
            let flat = pylist(py, l.values())?;
            let offsets = l.value_offsets();
            for i in 0..n {
                let bounds = offsets.get(i).zip(offsets.get(i + 1));
                items.push(match bounds {
                    Some((&start, &end)) if l.is_valid(i) => flat
                        .get_slice(usize::try_from(start).unwrap_or(0), usize::try_from(end).unwrap_or(0))
                        .into_any(),
                    _ => none.clone(),
                });
            }
        }
        _ => {
            for _ in 0..n {
                items.push(none.clone());
            }
        }
    }
    PyList::new(py, items)
}

fn first_error(errors: &[Option<Error>]) -> PyResult<()> {
    match errors.iter().flatten().next() {
        Some(e) => Err(raise(e)),
        None => Ok(()),
    }
}

/// Quorum of every meeting of an attendance register (one row per person
/// present). One output row per meeting, in order of first appearance.
#[pyfunction]
#[pyo3(signature = (data, body, meeting_id, date, organisation, partnership = None, raise_first = false))]
#[allow(clippy::too_many_arguments)]
fn quorum_batch<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    body: Option<&str>,
    meeting_id: &str,
    date: &str,
    organisation: &str,
    partnership: Option<PyRef<'_, PyPartnership>>,
    raise_first: bool,
) -> PyResult<(Bound<'py, PyAny>, Vec<String>)> {
    let ctx = context(partnership.as_deref(), None);
    let names = [meeting_id, date, organisation];
    let cols = read_columns(data, &names)?;
    let n = same_length(&cols, &names)?;
    guarded("quorum_batch", || {
        let out = on_columns(py, &cols, |cols| {
            let [ids, ds, orgs] = cols else {
                return Err(Error::new(ErrorKind::InvalidInput, "", "three columns expected"));
            };
            let ids = texts(ids, meeting_id);
            let ds = dates(ds, date);
            let orgs = texts(orgs, organisation);
            decide_quorum(&ctx, body, names, &ids, &ds, &orgs, n)
        });
        let (columns, first) = out.map_err(|e| raise(&e))?;
        if let (true, Some(e)) = (raise_first, first) {
            return Err(raise(&e));
        }
        columns.finish(py)
    })
}

/// A core error about `rows[k].what` of the rows it was given, renamed to
/// the frame's row and column.
fn remap(e: &Error, frame_row: impl Fn(usize) -> usize, columns: &[(&str, &str)]) -> (usize, Error) {
    let f = e.field();
    let parsed = f
        .strip_prefix("rows[")
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(k, tail)| Some((k.parse::<usize>().ok()?, tail)));
    match parsed {
        Some((k, tail)) => {
            let row = frame_row(k);
            let what = tail.trim_start_matches('.');
            let column = columns.iter().find(|(w, _)| *w == what).map_or(what, |(_, c)| *c);
            (row, e.clone().at(field(row, column)))
        }
        None => (0, e.clone()),
    }
}

/// One output row of a grouped batch.
struct Entry<'a, T> {
    first: usize,
    key: Option<&'a str>,
    result: Option<&'a T>,
    error: Option<(usize, Error)>,
}

/// Gathers the core's groups and the rows that could not be read into one
/// list, in order of first appearance; a group keeps its first error.
fn entries<'a, T>(
    groups: impl Iterator<Item = (usize, &'a str, &'a T, Option<(usize, Error)>)>,
    bad: Vec<(Option<&'a str>, usize, Error)>,
) -> Vec<Entry<'a, T>> {
    let mut list: Vec<Entry<'a, T>> = groups
        .map(|(first, key, result, error)| Entry {
            first,
            key: Some(key),
            result: Some(result),
            error,
        })
        .collect();
    if bad.is_empty() {
        // The core's groups come in order of first appearance already.
        return list;
    }
    let mut index: HashMap<&str, usize> = list
        .iter()
        .enumerate()
        .filter_map(|(k, e)| e.key.map(|m| (m, k)))
        .collect();
    for (key, row, e) in bad {
        match key.and_then(|m| index.get(m).copied()) {
            Some(k) => {
                if let Some(en) = list.get_mut(k) {
                    en.first = en.first.min(row);
                    if en.error.as_ref().is_none_or(|(r, _)| *r > row) {
                        en.error = Some((row, e));
                    }
                }
            }
            None => {
                if let Some(m) = key {
                    index.insert(m, list.len());
                }
                list.push(Entry {
                    first: row,
                    key,
                    result: None,
                    error: Some((row, e)),
                });
            }
        }
    }
    list.sort_by_key(|e| e.first);
    list
}

/// The result of an entry without an error.
fn ok<'a, T>(e: &Entry<'a, T>) -> Option<&'a T> {
    if e.error.is_some() {
        None
    } else {
        e.result
    }
}

/// Runs `f` on the columns: with the GIL released when every column is
/// Arrow data (no Python object is touched), else holding it.
fn on_columns<R: Send>(py: Python<'_>, cols: &[Column<'_>], f: impl for<'c> Fn(&[Column<'c>]) -> R + Send + Sync) -> R {
    let arrays: Option<Vec<Vec<ArrayRef>>> = cols
        .iter()
        .map(|c| match c {
            Column::Arrow(a) => Some(a.clone()),
            Column::Objects(_) => None,
        })
        .collect();
    match arrays {
        Some(arrays) => py.detach(move || {
            let cols: Vec<Column<'_>> = arrays.into_iter().map(Column::Arrow).collect();
            f(&cols)
        }),
        None => f(cols),
    }
}

/// Read cells in, the quorum table out (no Python objects touched).
fn decide_quorum(
    ctx: &kcsp_core::Context,
    body: Option<&str>,
    names: [&str; 3],
    ids: &Texts<'_>,
    ds: &Dates<'_>,
    orgs: &Texts<'_>,
    n: usize,
) -> Result<(Output, Option<Error>), Error> {
    let [meeting_name, date_name, org_name] = names;
    let body = match body {
        Some(b) => b,
        None => ctx.partnership().principal_body()?,
    };
    let missing = |i: usize, name: &str, what: &str| {
        Error::new(
            ErrorKind::InvalidInput,
            field(i, name),
            format!("the {what} is missing"),
        )
    };
    // Rows that cannot be read are kept as their meeting's error; the rows
    // that can stream into the core without being gathered first.
    let mut bad: Vec<(Option<&str>, usize, Error)> = Vec::new();
    let readable = (0..n).filter_map(|i| {
        let read = (|| {
            let meeting = ids.get(i).map_err(|e| (None, e))?;
            let meeting = meeting.ok_or_else(|| (None, Box::new(missing(i, meeting_name, "meeting id"))))?;
            let date = ds.get(i).map_err(|e| (Some(meeting), e))?;
            let date = date.ok_or_else(|| (Some(meeting), Box::new(missing(i, date_name, "date"))))?;
            let organisation = orgs.get(i).map_err(|e| (Some(meeting), e))?;
            let organisation =
                organisation.ok_or_else(|| (Some(meeting), Box::new(missing(i, org_name, "organisation"))))?;
            Ok(kcsp_core::quorum::Attendance {
                meeting,
                date,
                organisation,
            })
        })();
        read.map_err(|(m, e)| bad.push((m, i, *e))).ok()
    });
    let batch = kcsp_core::quorum::batch(ctx, body, readable)?;
    // The core numbers the rows it was given; the frame's numbers skip none.
    // (`gaps[j]`: how many rows were read before the j-th skipped one.)
    let gaps: Vec<usize> = bad.iter().enumerate().map(|(j, (_, i, _))| i - j).collect();
    let frame_row = |k: usize| k + gaps.partition_point(|g| *g <= k);
    let columns = [("date", date_name), ("organisation", org_name)];
    let list = entries(
        batch.meetings.iter().map(|q| {
            (
                frame_row(q.first_row),
                q.meeting,
                q,
                q.error.as_ref().map(|e| remap(e, frame_row, &columns)),
            )
        }),
        bad,
    );
    let first = list.iter().find_map(|e| e.error.as_ref().map(|(_, e)| e.clone()));
    let mut out = Output::new();
    out.texts(meeting_name, list.iter().map(|e| e.key));
    out.dates(
        date_name,
        list.iter()
            .map(|e| e.result.map(|q| q.date).or_else(|| ds.get(e.first).ok().flatten())),
    );
    out.bools("quorate", list.iter().map(|e| ok(e).map(|q| q.quorate)));
    out.counts("count", list.iter().map(|e| ok(e).map(|q| q.count)));
    out.counts("required", list.iter().map(|e| ok(e).map(|q| q.required)));
    out.lists(
        "represented",
        list.iter().map(|e| ok(e).map(|q| q.represented.iter().copied())),
    );
    out.lists("missing", list.iter().map(|e| ok(e).map(|q| q.missing.iter().copied())));
    out.texts("reason", list.iter().map(|e| ok(e).map(|q| &*q.reason)));
    out.errors_of(list.iter().map(|e| e.error.as_ref().map(|(_, e)| e)));
    Ok((out, first))
}

/// Runs rule `R` on one request per row; a row's errors are named
/// `rows[i].…`, and a field inside a nested list is mapped by `inner`.
fn run_rows<R: kcsp_core::registry::Rule>(
    ctx: &kcsp_core::Context,
    requests: Vec<Result<Value, Error>>,
) -> Vec<Result<R::Output, Error>> {
    requests
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let value = r?;
            kcsp_core::input::parse::<R::Input>(&value)
                .and_then(|input| R::run(ctx, &input))
                .map_err(|e| {
                    let f = e.field();
                    if f.starts_with("rows[") {
                        e
                    } else if f.is_empty() {
                        let at = format!("rows[{i}]");
                        e.at(at)
                    } else {
                        let at = format!("rows[{i}].{f}");
                        e.at(at)
                    }
                })
        })
        .collect()
}

/// A list cell: a list, or text separated by `;` or `,` (as a CSV holds it).
fn split_list(v: Value) -> Value {
    match v {
        Value::String(s) => Value::Array(
            s.split([';', ','])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| Value::String(t.to_string()))
                .collect(),
        ),
        other => other,
    }
}

/// A column of a request: its input key, its cells, whether a cell is a list.
type RequestColumn<'k> = (&'k str, Vec<Result<Value, Error>>, bool);

/// One request per row from named columns: (input key, cells, is a list).
fn requests(n: usize, fixed: &[(&str, Value)], cols: Vec<RequestColumn<'_>>) -> Vec<Result<Value, Error>> {
    let mut cols = cols;
    (0..n)
        .map(|i| {
            let mut map = serde_json::Map::new();
            for (k, v) in fixed {
                map.insert((*k).to_string(), v.clone());
            }
            for (key, cells, list) in cols.iter_mut() {
                let cell = std::mem::replace(&mut cells[i], Ok(Value::Null))?;
                if !cell.is_null() {
                    map.insert((*key).to_string(), if *list { split_list(cell) } else { cell });
                }
            }
            Ok(Value::Object(map))
        })
        .collect()
}

/// The key of each input field in the frame's column names.
fn renamed(e: Error, keys: &[(&str, &str)]) -> Error {
    let f = e.field().to_string();
    for (key, column) in keys {
        if let Some((head, tail)) = f.split_once(&format!("].{key}")) {
            if tail.is_empty() || tail.starts_with('[') || tail.starts_with('.') {
                return e.at(format!("{head}].{column}{tail}"));
            }
        }
    }
    e
}

/// Papers compliance of many meetings, one row each: the meeting date and
/// the day papers went out (missing when not yet sent).
#[pyfunction]
#[pyo3(signature = (data, body, meeting_id, meeting, circulated, partnership = None, calendar = None, raise_first = false))]
#[allow(clippy::too_many_arguments)]
fn papers_batch<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    body: Option<&str>,
    meeting_id: &str,
    meeting: &str,
    circulated: &str,
    partnership: Option<PyRef<'_, PyPartnership>>,
    calendar: Option<PyRef<'_, PyCalendar>>,
    raise_first: bool,
) -> PyResult<(Bound<'py, PyAny>, Vec<String>)> {
    let ctx = context(partnership.as_deref(), calendar.as_deref());
    let names = [meeting_id, meeting, circulated];
    let cols = read_columns(data, &names)?;
    let n = same_length(&cols, &names)?;
    guarded("papers_batch", || {
        let (out, errors) = on_columns(py, &cols, |cols| {
            let [ids, ms, cs] = cols else {
                return (Output::new(), Vec::new());
            };
            let ids = texts(ids, meeting_id);
            let ms = dates(ms, meeting);
            let cs = dates(cs, circulated);
            let body = body
                .map(str::to_string)
                .or_else(|| ctx.partnership().principal_body().ok().map(str::to_string))
                .unwrap_or_default();
            let results: Vec<Result<kcsp_core::papers::PapersResult, Error>> = (0..n)
                .map(|i| {
                    let m = ms.get(i).map_err(|e| *e)?.ok_or_else(|| {
                        Error::new(ErrorKind::InvalidDate, field(i, meeting), "the meeting date is missing")
                    })?;
                    let c = cs.get(i).map_err(|e| *e)?;
                    kcsp_core::papers::deadline(&ctx, &body, m, c).map_err(|e| {
                        // The core's names for the two dates → the frame's columns.
                        let f = match e.field() {
                            "body" => "body".to_string(),
                            "date" | "meeting" => field(i, meeting),
                            "circulated" => field(i, circulated),
                            "" => format!("rows[{i}]"),
                            other => field(i, other),
                        };
                        e.at(f)
                    })
                })
                .collect();
            let errors: Vec<Option<Error>> = results.iter().map(|r| r.as_ref().err().cloned()).collect();
            let ok = |i: usize| results.get(i).and_then(|r| r.as_ref().ok());
            let mut out = Output::new();
            out.texts(meeting_id, ids.iter(n).map(|t| t.ok().flatten()));
            out.dates(meeting, ms.iter(n).map(|d| d.ok().flatten()));
            out.dates(circulated, cs.iter(n).map(|d| d.ok().flatten()));
            out.dates(
                "latest_circulation",
                (0..n).map(|i| ok(i).map(|r| r.latest_circulation)),
            );
            out.counts(
                "clear_working_days",
                (0..n).map(|i| ok(i).and_then(|r| r.clear_working_days)),
            );
            out.bools("compliant", (0..n).map(|i| ok(i).and_then(|r| r.compliant)));
            out.texts("reason", (0..n).map(|i| ok(i).map(|r| r.explanation.reason.as_str())));
            out.errors(&errors);
            (out, errors)
        });
        if raise_first {
            first_error(&errors)?;
        }
        out.finish(py)
    })
}

/// Votes to remove a chair or vice-chair, one row each: date, office and
/// the organisations present and voting for (list cells, or text separated
/// by `;` or `,`).
#[pyfunction]
#[pyo3(signature = (data, body, date, office, present, votes_for, partnership = None, raise_first = false))]
#[allow(clippy::too_many_arguments)]
fn removal_batch<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    body: Option<&str>,
    date: &str,
    office: &str,
    present: &str,
    votes_for: &str,
    partnership: Option<PyRef<'_, PyPartnership>>,
    raise_first: bool,
) -> PyResult<(Bound<'py, PyAny>, Vec<String>)> {
    let ctx = context(partnership.as_deref(), None);
    let names = [date, office, present, votes_for];
    let cols = read_columns(data, &names)?;
    let n = same_length(&cols, &names)?;
    guarded("removal_batch", || {
        let [ds, os, ps, vs] = &cols[..] else {
            return Err(crate::internal("removal_batch"));
        };
        let day = dates(ds, date);
        let cells = vec![
            (
                "date",
                day.iter(n)
                    .map(|d| {
                        d.map(|d| d.map_or(Value::Null, |d| Value::String(d.to_string())))
                            .map_err(|e| *e)
                    })
                    .collect(),
                false,
            ),
            ("office", values(os, office), false),
            ("present", values(ps, present), true),
            ("votes_for", values(vs, votes_for), true),
        ];
        let fixed: Vec<(&str, Value)> = body
            .map(|b| ("body", Value::String(b.to_string())))
            .into_iter()
            .collect();
        let reqs = requests(n, &fixed, cells);
        let keys = [
            ("date", date),
            ("office", office),
            ("present", present),
            ("votes_for", votes_for),
        ];
        let results: Vec<Result<kcsp_core::chair::RemovalResult, Error>> = py
            .detach(|| run_rows::<kcsp_core::registry::ChairRemoval>(&ctx, reqs))
            .into_iter()
            .map(|r| r.map_err(|e| renamed(e, &keys)))
            .collect();
        let errors: Vec<Option<Error>> = results.iter().map(|r| r.as_ref().err().cloned()).collect();
        if raise_first {
            first_error(&errors)?;
        }
        let ok = |i: usize| results.get(i).and_then(|r| r.as_ref().ok());
        let mut out = Output::new();
        out.dates(date, day.iter(n).map(|d| d.ok().flatten()));
        out.texts("office", (0..n).map(|i| ok(i).map(|r| r.office.to_string())));
        out.bools("removed", (0..n).map(|i| ok(i).map(|r| r.removed)));
        out.counts("votes_for", (0..n).map(|i| ok(i).map(|r| r.votes_for)));
        out.counts("required", (0..n).map(|i| ok(i).map(|r| r.required)));
        out.counts("seats", (0..n).map(|i| ok(i).map(|r| r.seats)));
        out.bools("quorate", (0..n).map(|i| ok(i).map(|r| r.quorum.quorate)));
        out.texts("reason", (0..n).map(|i| ok(i).map(|r| r.explanation.reason.as_str())));
        out.errors(&errors);
        out.finish(py)
    })
}

/// Grant ledgers from a frame of projects (one row per project, with its
/// financial year); `allocations` maps each year to its allocation and
/// `tactical_open` (optional) each year to whether its pot was open. One
/// output row per year; a bad project row is its year's error.
#[pyfunction]
#[pyo3(signature = (data, allocations, year, name, round, amount, decision, spent = None, tactical_open = None, raise_first = false))]
#[allow(clippy::too_many_arguments)]
fn ledger_batch<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    allocations: &Bound<'py, PyAny>,
    year: &str,
    name: &str,
    round: &str,
    amount: &str,
    decision: &str,
    spent: Option<&str>,
    tactical_open: Option<&Bound<'py, PyAny>>,
    raise_first: bool,
) -> PyResult<(Bound<'py, PyAny>, Vec<String>)> {
    let mut names = vec![year, name, round, amount, decision];
    if let Some(s) = spent {
        names.push(s);
    }
    let cols = read_columns(data, &names)?;
    let n = same_length(&cols, &names)?;
    let allocations = convert::value(allocations, &Path::Key(&Path::Root, "allocations")).map_err(|e| raise(&e))?;
    let open = match tactical_open {
        Some(t) => convert::value(t, &Path::Key(&Path::Root, "tactical_open")).map_err(|e| raise(&e))?,
        None => Value::Null,
    };
    let Value::Object(allocations) = allocations else {
        return Err(input_error(
            "allocations",
            "allocations must map each year to its allocation".into(),
        ));
    };
    guarded("ledger_batch", || {
        let years = texts(&cols[0], year);
        let keys = ["name", "round", "amount", "decision", "spent"];
        let cells: Vec<Vec<Result<Value, Error>>> =
            cols[1..].iter().zip(&names[1..]).map(|(c, nm)| values(c, nm)).collect();
        // Projects grouped by year, in order of first appearance.
        let mut groups: Vec<(String, usize, Vec<usize>)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut bad: Vec<(Option<String>, usize, Error)> = Vec::new();
        for (i, cell) in years.iter(n).enumerate() {
            match cell {
                Ok(Some(y)) => {
                    let k = *index.entry(y.to_string()).or_insert_with(|| {
                        groups.push((y.to_string(), i, Vec::new()));
                        groups.len() - 1
                    });
                    if let Some(g) = groups.get_mut(k) {
                        g.2.push(i);
                    }
                }
                Ok(None) => bad.push((
                    None,
                    i,
                    Error::new(ErrorKind::InvalidInput, field(i, year), "the year is missing"),
                )),
                Err(e) => bad.push((None, i, *e)),
            }
        }
        let mut reqs = Vec::with_capacity(groups.len());
        for (y, _, rows) in &groups {
            let mut projects = Vec::with_capacity(rows.len());
            let mut failed = None;
            for &i in rows {
                let mut p = serde_json::Map::new();
                for (k, col) in keys.iter().zip(&cells) {
                    match &col[i] {
                        Ok(Value::Null) => {}
                        Ok(v) => {
                            p.insert((*k).to_string(), v.clone());
                        }
                        Err(e) => {
                            failed.get_or_insert(e.clone());
                        }
                    }
                }
                projects.push(Value::Object(p));
            }
            let mut req = serde_json::Map::new();
            req.insert("year".into(), Value::String(y.clone()));
            req.insert("allocation".into(), allocations.get(y).cloned().unwrap_or(Value::Null));
            if let Some(t) = open.get(y) {
                req.insert("tactical_open".into(), t.clone());
            }
            req.insert("projects".into(), Value::Array(projects));
            reqs.push(match failed {
                Some(e) => Err(e),
                None => match allocations.get(y) {
                    Some(_) => Ok(Value::Object(req)),
                    None => Err(Error::new(
                        ErrorKind::InvalidInput,
                        "allocations",
                        format!("no allocation given for {y}"),
                    )),
                },
            });
        }
        let results = py.detach(|| run_rows::<kcsp_core::registry::GrantLedger>(kcsp_core::Context::kent(), reqs));
        // `rows[g].projects[k].amount` → the frame's row and column.
        let columns: Vec<(&str, &str)> = keys.iter().copied().zip(names[1..].iter().copied()).collect();
        let results: Vec<Result<kcsp_core::grant::Ledger, Error>> = results
            .into_iter()
            .zip(&groups)
            .map(|(r, (_, _, rows))| {
                r.map_err(|e| {
                    let f = e.field().to_string();
                    let inner = f.split_once("projects[").and_then(|(_, rest)| rest.split_once(']'));
                    match inner.and_then(|(k, tail)| Some((rows.get(k.parse::<usize>().ok()?)?, tail))) {
                        Some((row, tail)) => {
                            let key = tail.trim_start_matches('.');
                            let column = columns.iter().find(|(k, _)| *k == key).map_or(key, |(_, c)| *c);
                            e.at(field(*row, column))
                        }
                        None if f.starts_with("rows[") => e
                            .clone()
                            .at(f.split_once('.').map_or("".into(), |(_, t)| t.to_string())),
                        None => e,
                    }
                })
            })
            .collect();
        let list = entries(
            groups
                .iter()
                .zip(&results)
                .map(|((y, first, _), r)| (*first, y.as_str(), r, r.as_ref().err().map(|e| (*first, e.clone())))),
            bad.iter().map(|(k, i, e)| (k.as_deref(), *i, e.clone())).collect(),
        );
        let errors: Vec<Option<Error>> = list.iter().map(|e| e.error.as_ref().map(|(_, e)| e.clone())).collect();
        if raise_first {
            first_error(&errors)?;
        }
        let mut out = Output::new();
        out.texts(year, list.iter().map(|e| e.key));
        macro_rules! money {
            ($($f:ident),*) => {$(
                out.money(stringify!($f), list.iter().map(|e| led(e).map(|l| l.$f.as_decimal())));
            )*};
        }
        money!(
            allocation,
            upfront_pot,
            tactical_pot,
            upfront_requested,
            upfront_approved,
            upfront_pending,
            upfront_rejected,
            tactical_available,
            tactical_approved,
            tactical_pending,
            tactical_remaining,
            unallocated,
            spent,
            underspend
        );
        out.lists(
            "warnings",
            list.iter()
                .map(|e| led(e).map(|l| l.warnings.iter().map(|w| w.code.as_ref()))),
        );
        out.texts(
            "reason",
            list.iter().map(|e| led(e).map(|l| l.explanation.reason.as_str())),
        );
        out.errors(&errors);
        out.finish(py)
    })
}

fn led<'a>(e: &Entry<'a, Result<kcsp_core::grant::Ledger, Error>>) -> Option<&'a kcsp_core::grant::Ledger> {
    ok(e).and_then(|r| r.as_ref().ok())
}

/// Meeting cadence per body and financial year from a register of
/// meetings (one row per meeting: body and date).
#[pyfunction]
#[pyo3(signature = (data, body, date, partnership = None, raise_first = false))]
fn cadence_register<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    body: &str,
    date: &str,
    partnership: Option<PyRef<'_, PyPartnership>>,
    raise_first: bool,
) -> PyResult<(Bound<'py, PyAny>, Vec<String>)> {
    let ctx = context(partnership.as_deref(), None);
    let names = [body, date];
    let cols = read_columns(data, &names)?;
    let n = same_length(&cols, &names)?;
    guarded("cadence_register", || {
        let bodies = texts(&cols[0], body);
        let ds = dates(&cols[1], date);
        let mut register = Vec::with_capacity(n);
        let mut bad = Vec::new();
        for i in 0..n {
            match (bodies.get(i), ds.get(i)) {
                (Ok(Some(b)), Ok(Some(d))) => register.push((b.to_string(), d)),
                (Err(e), _) | (Ok(Some(_)), Err(e)) => bad.push((i, *e)),
                (Ok(None), _) => bad.push((
                    i,
                    Error::new(ErrorKind::InvalidInput, field(i, body), "the body is missing"),
                )),
                (Ok(Some(_)), Ok(None)) => bad.push((
                    i,
                    Error::new(ErrorKind::InvalidDate, field(i, date), "the date is missing"),
                )),
            }
        }
        let rows = py.detach(|| kcsp_core::cadence::register(&ctx, &register));
        let mut errors: Vec<Option<Error>> = rows.iter().map(|r| r.outcome.as_ref().err().cloned()).collect();
        errors.extend(bad.iter().map(|(_, e)| Some(e.clone())));
        if raise_first {
            first_error(&errors)?;
        }
        let okr = |r: &kcsp_core::cadence::RegisterRow| r.outcome.as_ref().ok().cloned();
        let pad = bad.len();
        let mut out = Output::new();
        out.texts(
            body,
            rows.iter().map(|r| Some(r.body.clone())).chain(
                bad.iter()
                    .map(|(i, _)| bodies.get(*i).ok().flatten().map(str::to_string)),
            ),
        );
        out.texts(
            "year",
            rows.iter()
                .map(|r| Some(r.year.to_string()))
                .chain((0..pad).map(|_| None)),
        );
        out.counts(
            "meetings",
            rows.iter()
                .map(|r| okr(r).map(|c| c.meetings))
                .chain((0..pad).map(|_| None)),
        );
        out.bools(
            "compliant",
            rows.iter()
                .map(|r| okr(r).map(|c| c.compliant))
                .chain((0..pad).map(|_| None)),
        );
        out.counts(
            "required",
            rows.iter()
                .map(|r| okr(r).and_then(|c| c.required))
                .chain((0..pad).map(|_| None)),
        );
        out.date_lists(
            "quarters_without_meeting",
            rows.iter()
                .map(|r| okr(r).and_then(|c| c.quarters_without_meeting))
                .chain((0..pad).map(|_| None)),
        );
        out.date_lists(
            "unprepared",
            rows.iter()
                .map(|r| okr(r).and_then(|c| c.unprepared))
                .chain((0..pad).map(|_| None)),
        );
        out.texts(
            "reason",
            rows.iter()
                .map(|r| okr(r).map(|c| c.explanation.reason))
                .chain((0..pad).map(|_| None)),
        );
        out.errors(&errors);
        out.finish(py)
    })
}

pub fn add(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(quorum_batch, m)?)?;
    m.add_function(wrap_pyfunction!(papers_batch, m)?)?;
    m.add_function(wrap_pyfunction!(removal_batch, m)?)?;
    m.add_function(wrap_pyfunction!(ledger_batch, m)?)?;
    m.add_function(wrap_pyfunction!(cadence_register, m)?)?;
    m.add_function(wrap_pyfunction!(columns, m)?)?;
    Ok(())
}
