//! The batch function over frames: columns in (anything with the Arrow
//! PyCapsule interface — pandas, polars, pyarrow, DuckDB results — or a
//! mapping of columns, or plain sequences), one Arrow table out. The core's
//! batch engine (`kcsp_core::batch`) groups and decides; this file only
//! reads columns and writes them, for every rule alike.

use crate::convert::{self, Path};
use crate::{context, guarded, raise, PyCalendar, PyPartnership};
use arrow_array::builder::{BooleanBuilder, Date32Builder, Decimal128Builder, Int64Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::Date32Type;
use arrow_array::{Array, ArrayRef, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use chrono::NaiveDate;
use kcsp_core::table::{Cell, Column as CoreColumn, Sheet};
use kcsp_core::{Error, ErrorKind};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3_arrow::{PyArray, PyChunkedArray, PyTable};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// A column as given: Arrow data, or Python objects.
pub(crate) enum Column<'py> {
    /// Arrow data in its chunks (at least one), read in place.
    Arrow(Vec<ArrayRef>),
    Objects(Vec<Bound<'py, PyAny>>),
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

/// The named columns of `data` (`None` for a column it does not have).
pub(crate) fn read_columns<'py>(data: &Bound<'py, PyAny>, names: &[&str]) -> PyResult<Vec<Option<Column<'py>>>> {
    // A frame speaking the Arrow C stream interface (pandas needs pyarrow
    // for it; without, its columns are read one by one below).
    if data.hasattr("__arrow_c_stream__")? && !data.is_instance_of::<PyDict>() {
        if let Ok(table) = data.extract::<PyTable>() {
            let (batches, schema) = table.into_inner();
            let mut out = Vec::with_capacity(names.len());
            for name in names {
                let Ok(k) = schema.index_of(name) else {
                    out.push(None);
                    continue;
                };
                let chunks: Vec<ArrayRef> = batches.iter().map(|b| b.column(k).clone()).collect();
                out.push(Some(Column::Arrow(if chunks.is_empty() {
                    vec![arrow_array::new_empty_array(schema.field(k).data_type())]
                } else {
                    chunks
                })));
            }
            return Ok(out);
        }
    }
    // A mapping of columns, or a frame read column by column.
    let kind = data.get_type().name().map(|n| n.to_string()).unwrap_or_default();
    let is_mapping = data.is_instance_of::<PyDict>() || data.hasattr("keys")? || data.hasattr("columns")?;
    if !is_mapping || kind == "LazyFrame" {
        let hint = if kind == "LazyFrame" {
            " (call .collect() first)"
        } else {
            ""
        };
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "expected a frame, a mapping of columns or a list of row dicts, not {kind}{hint}"
        )));
    }
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let has = data.contains(*name).unwrap_or(false);
        if !has {
            out.push(None);
            continue;
        }
        let col = data.get_item(name)?;
        out.push(Some(column(&col, name)?));
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

/// A column read ahead into what the engine reads, with no Python object
/// left in it (so the batch runs with the GIL released).
enum Read {
    /// Text, read in place.
    Text(StringArray),
    /// Text in views (polars' strings), read in place.
    View(arrow_array::StringViewArray),
    /// Text with 64-bit offsets (pandas' and pyarrow's `large_string`), read in place.
    Large(arrow_array::LargeStringArray),
    /// A column in several chunks (a polars frame's), each read in place:
    /// the chunks and the row each starts at.
    Chunks(Vec<Read>, Vec<usize>),
    /// Dates (days since 1970-01-01).
    Dates(arrow_array::Date32Array),
    /// Anything else, as JSON (an error for a cell that cannot be read).
    Values(Vec<Result<Value, Error>>),
}

const EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

impl Read {
    /// The text of a text column's cell (`None` inside for a missing one);
    /// `None` for a column that does not hold text.
    fn text_at(&self, row: usize) -> Option<Option<&str>> {
        Some(match self {
            Read::Text(a) => (row < a.len() && a.is_valid(row)).then(|| a.value(row)),
            Read::View(a) => (row < a.len() && a.is_valid(row)).then(|| a.value(row)),
            Read::Large(a) => (row < a.len() && a.is_valid(row)).then(|| a.value(row)),
            _ => return None,
        })
    }

    /// The chunk holding `row`, and the row within it.
    fn chunk<'a>(parts: &'a [Read], starts: &[usize], row: usize) -> Option<(&'a Read, usize)> {
        let k = starts.partition_point(|&s| s <= row).checked_sub(1)?;
        Some((parts.get(k)?, row - starts.get(k)?))
    }
}

impl CoreColumn for Read {
    fn len(&self) -> usize {
        match self {
            Read::Text(a) => a.len(),
            Read::View(a) => a.len(),
            Read::Large(a) => a.len(),
            Read::Chunks(parts, _) => parts.iter().map(CoreColumn::len).sum(),
            Read::Dates(a) => a.len(),
            Read::Values(v) => v.len(),
        }
    }
    fn value(&self, row: usize) -> Result<Value, Error> {
        if let Some(t) = self.text_at(row) {
            return Ok(t.map_or(Value::Null, |t| Value::String(t.to_string())));
        }
        match self {
            Read::Chunks(parts, starts) => Read::chunk(parts, starts, row).map_or(Ok(Value::Null), |(c, r)| c.value(r)),
            Read::Values(v) => v.get(row).cloned().unwrap_or(Ok(Value::Null)),
            _ => Ok(self.date(row)?.map_or(Value::Null, |d| Value::String(d.to_string()))),
        }
    }
    fn text(&self, row: usize) -> Result<Option<&str>, Error> {
        if let Some(t) = self.text_at(row) {
            return Ok(t);
        }
        match self {
            Read::Chunks(parts, starts) => Read::chunk(parts, starts, row).map_or(Ok(None), |(c, r)| c.text(r)),
            Read::Values(v) => match v.get(row) {
                Some(Ok(Value::String(s))) => Ok(Some(s)),
                Some(Ok(Value::Null)) | None => Ok(None),
                Some(Err(e)) => Err(e.clone()),
                Some(Ok(_)) => Err(Error::new(ErrorKind::InvalidInput, "", "expected text")),
            },
            _ => Err(Error::new(ErrorKind::InvalidInput, "", "expected text, not a date")),
        }
    }
    fn date(&self, row: usize) -> Result<Option<NaiveDate>, Error> {
        if let Some(t) = self.text_at(row) {
            return t.map(|t| kcsp_core::dates::parse_date("", t)).transpose();
        }
        match self {
            Read::Dates(a) => Ok(
                (row < a.len() && a.is_valid(row)).then(|| EPOCH + chrono::TimeDelta::days(i64::from(a.value(row))))
            ),
            Read::Chunks(parts, starts) => Read::chunk(parts, starts, row).map_or(Ok(None), |(c, r)| c.date(r)),
            Read::Values(v) => match v.get(row) {
                Some(Ok(Value::String(s))) => kcsp_core::dates::parse_date("", s).map(Some),
                Some(Ok(Value::Null)) | None => Ok(None),
                Some(Err(e)) => Err(e.clone()),
                Some(Ok(other)) => Err(Error::new(
                    ErrorKind::InvalidDate,
                    "",
                    format!("expected a date, not {other}"),
                )),
            },
            _ => Ok(None),
        }
    }
}

/// Reads a column ahead: Arrow text and dates as they are, anything else
/// (and Python objects) as JSON values, the way a single call reads them.
fn read(col: &Column<'_>, name: &str) -> PyResult<Read> {
    let chunks = match col {
        Column::Objects(items) => {
            // Text only (the common case of ids): an Arrow string column.
            if items.iter().all(|o| o.is_none() || o.is_instance_of::<PyString>()) {
                let mut b = StringBuilder::with_capacity(items.len(), items.len() * 16);
                for o in items {
                    match o.cast::<PyString>() {
                        Ok(s) => b.append_value(s.to_cow()?),
                        Err(_) => b.append_null(),
                    }
                }
                return Ok(Read::Text(b.finish()));
            }
            return Ok(Read::Values(
                items
                    .iter()
                    .map(|o| convert::value(o, &Path::Root).map_err(|e| e.at("")))
                    .collect(),
            ));
        }
        Column::Arrow(chunks) => chunks,
    };
    // Chunks of text or dates are read in place, each on its own; others
    // are joined first.
    let in_place = |c: &ArrayRef| {
        matches!(
            c.data_type(),
            DataType::Utf8 | DataType::Utf8View | DataType::LargeUtf8 | DataType::Date32
        )
    };
    if chunks.len() > 1 && chunks.iter().all(in_place) {
        let mut parts = Vec::with_capacity(chunks.len());
        let mut starts = Vec::with_capacity(chunks.len());
        let mut at = 0;
        for c in chunks {
            starts.push(at);
            at += c.len();
            parts.push(read_array(c, name)?);
        }
        return Ok(Read::Chunks(parts, starts));
    }
    read_array(&concat(chunks, name)?, name)
}

/// Reads one Arrow array ahead (see [`read`]).
fn read_array(a: &ArrayRef, name: &str) -> PyResult<Read> {
    if let Some(days) = midnights(a) {
        return Ok(Read::Dates(days));
    }
    let a = a.clone();
    let cast = |to: &DataType| arrow_cast::cast(&a, to).map_err(|e| input_error(name, e.to_string()));
    Ok(match a.data_type() {
        DataType::Utf8 => Read::Text(a.as_string::<i32>().clone()),
        DataType::Utf8View => Read::View(a.as_string_view().clone()),
        DataType::LargeUtf8 => Read::Large(a.as_string::<i64>().clone()),
        DataType::Dictionary(_, _) => Read::Text(cast(&DataType::Utf8)?.as_string::<i32>().clone()),
        DataType::Date32 => Read::Dates(a.as_primitive::<Date32Type>().clone()),
        DataType::Date64 | DataType::Timestamp(_, _) => {
            // A date with a time of day is not a date: refused per row.
            let days = cast(&DataType::Date32)?;
            let back = arrow_cast::cast(&days, a.data_type()).map_err(|e| input_error(name, e.to_string()))?;
            let d = days.as_primitive::<Date32Type>();
            let same = arrow_ord::cmp::eq(&back, &a).map_err(|e| input_error(name, e.to_string()))?;
            if (0..a.len()).all(|i| !a.is_valid(i) || same.value(i)) {
                Read::Dates(d.clone())
            } else {
                Read::Values(
                    (0..a.len())
                        .map(|i| {
                            if !a.is_valid(i) {
                                Ok(Value::Null)
                            } else if same.value(i) {
                                Ok(Value::String(
                                    (EPOCH + chrono::TimeDelta::days(i64::from(d.value(i)))).to_string(),
                                ))
                            } else {
                                Err(Error::new(
                                    ErrorKind::InvalidDate,
                                    "",
                                    "the date has a time of day; pass its date",
                                ))
                            }
                        })
                        .collect(),
                )
            }
        }
        _ => Read::Values(arrow_values(&a)),
    })
}

/// A column of timestamps without a time zone (pandas' `datetime64`, what
/// `read_csv(parse_dates=...)` gives) as dates, in one pass, when every one
/// is at midnight; `None` otherwise (then each is judged on its own).
fn midnights(a: &ArrayRef) -> Option<arrow_array::Date32Array> {
    use arrow_schema::TimeUnit;
    let DataType::Timestamp(unit, None) = a.data_type() else {
        return None;
    };
    let per_day: i64 = match unit {
        TimeUnit::Second => 86_400,
        TimeUnit::Millisecond => 86_400_000,
        TimeUnit::Microsecond => 86_400_000_000,
        TimeUnit::Nanosecond => 86_400_000_000_000,
    };
    let ints = arrow_cast::cast(a, &DataType::Int64).ok()?;
    let ints = ints.as_primitive::<arrow_array::types::Int64Type>();
    let mut out = Vec::with_capacity(ints.len());
    for (i, v) in ints.values().iter().enumerate() {
        if !ints.is_valid(i) {
            out.push(None);
        } else if v % per_day == 0 {
            out.push(Some(i32::try_from(v / per_day).ok()?));
        } else {
            return None;
        }
    }
    Some(arrow_array::Date32Array::from(out))
}

/// Arrow cells as JSON values, as a single call reads the same Python
/// values: integers and decimals as exact text, floats as numbers (which
/// money refuses), lists as lists.
fn arrow_values(a: &ArrayRef) -> Vec<Result<Value, Error>> {
    let n = a.len();
    let null = |i: usize| !a.is_valid(i);
    match a.data_type() {
        DataType::Null => vec![Ok(Value::Null); n],
        DataType::Boolean => {
            let b = a.as_boolean();
            (0..n)
                .map(|i| Ok(if null(i) { Value::Null } else { Value::Bool(b.value(i)) }))
                .collect()
        }
        DataType::Float16 | DataType::Float32 | DataType::Float64 => match arrow_cast::cast(a, &DataType::Float64) {
            Ok(c) => {
                let f = c.as_primitive::<arrow_array::types::Float64Type>();
                (0..n)
                    .map(|i| {
                        Ok(if null(i) {
                            Value::Null
                        } else {
                            serde_json::Number::from_f64(f.value(i)).map_or(Value::Null, Value::Number)
                        })
                    })
                    .collect()
            }
            Err(e) => vec![Err(Error::new(ErrorKind::InvalidInput, "", e.to_string())); n],
        },
        DataType::List(_) | DataType::LargeList(_) => {
            let lists: Vec<Option<ArrayRef>> = match a.data_type() {
                DataType::List(_) => a.as_list::<i32>().iter().collect(),
                _ => a.as_list::<i64>().iter().collect(),
            };
            lists
                .into_iter()
                .map(|l| match l {
                    None => Ok(Value::Null),
                    Some(items) => arrow_values(&items)
                        .into_iter()
                        .collect::<Result<Vec<_>, _>>()
                        .map(Value::Array),
                })
                .collect()
        }
        // Integers, decimals and anything else: their text.
        _ => match arrow_cast::cast(a, &DataType::Utf8) {
            Ok(t) => {
                let s = t.as_string::<i32>();
                (0..n)
                    .map(|i| {
                        Ok(if null(i) {
                            Value::Null
                        } else {
                            Value::String(s.value(i).to_string())
                        })
                    })
                    .collect()
            }
            Err(_) => vec![
                Err(Error::new(
                    ErrorKind::InvalidInput,
                    "",
                    format!("a column of {} cannot be read", a.data_type())
                ));
                n
            ],
        },
    }
}

/// The Arrow type of a column of cells: that of its first non-missing cell.
fn cell_type(cells: &[Cell]) -> DataType {
    let mut scale = 0u32;
    let mut kind = None;
    for c in cells {
        match c {
            Cell::Null => {}
            Cell::Decimal(d) => {
                scale = scale.max(d.scale());
                kind = Some(DataType::Decimal128(38, 0));
            }
            Cell::List(items) => {
                if kind.is_none() || items.iter().any(|i| *i != Cell::Null) {
                    let inner = cell_type(items);
                    if kind.is_none() || inner != DataType::Utf8 || items.iter().any(|i| *i != Cell::Null) {
                        kind = Some(DataType::List(Arc::new(Field::new("item", inner, true))));
                    }
                    if items.iter().any(|i| *i != Cell::Null) {
                        break;
                    }
                }
            }
            Cell::Bool(_) => return DataType::Boolean,
            Cell::Int(_) => return DataType::Int64,
            Cell::Date(_) => return DataType::Date32,
            Cell::Text(_) | Cell::Json(_) => return DataType::Utf8,
        }
    }
    match kind {
        Some(DataType::Decimal128(_, _)) => DataType::Decimal128(38, i8::try_from(scale.max(2)).unwrap_or(2)),
        Some(k) => k,
        None => DataType::Utf8,
    }
}

/// A column of cells as an Arrow array of type `t`.
fn array(cells: &[Cell], t: &DataType) -> ArrayRef {
    match t {
        DataType::Boolean => {
            let mut b = BooleanBuilder::with_capacity(cells.len());
            cells
                .iter()
                .for_each(|c| b.append_option(if let Cell::Bool(x) = c { Some(*x) } else { None }));
            Arc::new(b.finish())
        }
        DataType::Int64 => {
            let mut b = Int64Builder::with_capacity(cells.len());
            cells
                .iter()
                .for_each(|c| b.append_option(if let Cell::Int(x) = c { Some(*x) } else { None }));
            Arc::new(b.finish())
        }
        DataType::Date32 => {
            let mut b = Date32Builder::with_capacity(cells.len());
            cells.iter().for_each(|c| {
                b.append_option(match c {
                    Cell::Date(d) => i32::try_from((*d - EPOCH).num_days()).ok(),
                    _ => None,
                })
            });
            Arc::new(b.finish())
        }
        DataType::Decimal128(p, s) => {
            let scale = u32::try_from(*s).unwrap_or(2);
            let mut b = Decimal128Builder::with_capacity(cells.len());
            cells.iter().for_each(|c| {
                b.append_option(match c {
                    Cell::Decimal(d) => {
                        let mut d = *d;
                        d.rescale(scale);
                        Some(d.mantissa())
                    }
                    _ => None,
                })
            });
            match b.finish().with_precision_and_scale(*p, *s) {
                Ok(a) => Arc::new(a),
                Err(_) => arrow_array::new_null_array(t, cells.len()),
            }
        }
        DataType::List(inner) => {
            let items: Vec<Cell> = cells
                .iter()
                .flat_map(|c| match c {
                    Cell::List(l) => l.clone(),
                    _ => Vec::new(),
                })
                .collect();
            let values = array(&items, inner.data_type());
            let mut offsets = Vec::with_capacity(cells.len() + 1);
            let mut nulls = Vec::with_capacity(cells.len());
            let mut at = 0i32;
            offsets.push(at);
            for c in cells {
                if let Cell::List(l) = c {
                    at = at.saturating_add(i32::try_from(l.len()).unwrap_or(i32::MAX));
                    nulls.push(true);
                } else {
                    nulls.push(false);
                }
                offsets.push(at);
            }
            match arrow_array::ListArray::try_new(
                inner.clone(),
                arrow_buffer::OffsetBuffer::new(offsets.into()),
                values,
                Some(arrow_buffer::NullBuffer::from(nulls)),
            ) {
                Ok(l) => Arc::new(l),
                Err(_) => arrow_array::new_null_array(t, cells.len()),
            }
        }
        _ => {
            let mut b = StringBuilder::with_capacity(cells.len(), cells.len() * 8);
            cells.iter().for_each(|c| match c {
                Cell::Null => b.append_null(),
                Cell::Text(s) => b.append_value(s),
                Cell::Json(v) => b.append_value(v.to_string()),
                other => b.append_value(other.to_value().to_string()),
            });
            Arc::new(b.finish())
        }
    }
}

/// A batch's answers: (the Arrow table, its column names, every error).
type Answers<'py> = (Bound<'py, PyAny>, Vec<String>, Bound<'py, PyList>);

/// Rule `rule` over the rows of `data`, through the core's batch engine.
///
/// `columns` maps the engine's column names to the data's; `values` gives
/// input fields once for every row; `labels` names the rows in errors (a
/// frame's index).
#[pyfunction]
#[pyo3(signature = (rule, data, columns = None, values = None, labels = None, partnership = None, calendar = None, raise_first = false))]
#[allow(clippy::too_many_arguments)]
fn batch<'py>(
    py: Python<'py>,
    rule: &str,
    data: &Bound<'py, PyAny>,
    columns: Option<HashMap<String, String>>,
    values: Option<&Bound<'py, PyDict>>,
    labels: Option<Vec<String>>,
    partnership: Option<PyRef<'_, PyPartnership>>,
    calendar: Option<PyRef<'_, PyCalendar>>,
    raise_first: bool,
) -> PyResult<Answers<'py>> {
    let ctx = context(partnership.as_deref(), calendar.as_deref());
    let renames = columns.unwrap_or_default();
    let caller = kcsp_core::batch::caller_names(rule, renames.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| raise(&e))?;
    let found = read_columns(data, &caller.iter().map(|(_, c)| c.as_str()).collect::<Vec<_>>())?;
    let mut read_ahead: Vec<(&'static str, Read)> = Vec::new();
    for ((name, caller_name), col) in caller.iter().zip(found) {
        if let Some(col) = col {
            read_ahead.push((name, read(&col, caller_name)?));
        }
    }
    let mut given = Map::new();
    if let Some(v) = values {
        for (k, v) in v.iter() {
            let key: String = k.extract()?;
            let value = convert::value(&v, &Path::Key(&Path::Root, &key)).map_err(|e| raise(&e))?;
            if !value.is_null() {
                given.insert(key, value);
            }
        }
    }
    let rows = read_ahead.first().map_or(0, |(_, c)| c.len());
    guarded("batch", || {
        let table = py.detach(|| {
            let sheet = Sheet {
                rows,
                columns: read_ahead.iter().map(|(n, c)| (*n, c as &dyn CoreColumn)).collect(),
                names: caller.iter().map(|(n, c)| (*n, c.as_str())).collect(),
                values: given,
                labels: labels.as_deref(),
            };
            kcsp_core::batch::run(&ctx, rule, &sheet)
        });
        let table = table.map_err(|e| raise(&e))?;
        if let (true, Some(e)) = (raise_first, table.errors.first()) {
            return Err(raise(&e.error));
        }
        let errors = PyList::empty(py);
        for e in &table.errors {
            let d = PyDict::new(py);
            d.set_item("row", e.row)?;
            // The row's label where the data has labels, else its position.
            match (e.source, labels.as_ref()) {
                (Some(r), Some(l)) => d.set_item("source", l.get(r).cloned().unwrap_or_else(|| r.to_string()))?,
                (source, _) => d.set_item("source", source)?,
            }
            d.set_item("code", e.error.code())?;
            d.set_item("field", e.error.field())?;
            d.set_item("message", e.error.message())?;
            errors.append(d)?;
        }
        let (fields, arrays): (Vec<Field>, Vec<ArrayRef>) = py.detach(|| {
            table
                .columns
                .iter()
                .map(|(name, cells)| {
                    let t = cell_type(cells);
                    let a = array(cells, &t);
                    (Field::new(name, t, true), a)
                })
                .unzip()
        });
        let names = fields.iter().map(|f| f.name().clone()).collect();
        let schema = Arc::new(Schema::new(fields));
        let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(|e| input_error("", e.to_string()))?;
        let table = PyTable::try_new(vec![batch], schema)?;
        Ok((table.into_pyobject(py)?.into_any(), names, errors))
    })
}

/// The table with each list column as text, items joined by `"; "`: an
/// export that survives CSV, Excel and parquet.
#[pyfunction]
fn joined<'py>(py: Python<'py>, table: PyTable) -> PyResult<Bound<'py, PyAny>> {
    let (batches, schema) = table.into_inner();
    let mut fields = Vec::new();
    let mut arrays = Vec::new();
    for (k, f) in schema.fields().iter().enumerate() {
        let chunks: Vec<ArrayRef> = batches.iter().map(|b| b.column(k).clone()).collect();
        let whole = if chunks.is_empty() {
            arrow_array::new_empty_array(f.data_type())
        } else {
            concat(&chunks, f.name())?
        };
        if let DataType::List(_) = whole.data_type() {
            let l = whole.as_list::<i32>();
            let mut b = StringBuilder::new();
            for item in l.iter() {
                match item {
                    None => b.append_null(),
                    Some(items) => {
                        let text = arrow_cast::cast(&items, &DataType::Utf8)
                            .map_err(|e| input_error(f.name(), e.to_string()))?;
                        let s = text.as_string::<i32>();
                        let parts: Vec<&str> = (0..s.len()).filter(|&i| s.is_valid(i)).map(|i| s.value(i)).collect();
                        b.append_value(parts.join("; "));
                    }
                }
            }
            fields.push(Field::new(f.name(), DataType::Utf8, true));
            arrays.push(Arc::new(b.finish()) as ArrayRef);
        } else {
            fields.push(f.as_ref().clone());
            arrays.push(whole);
        }
    }
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(|e| input_error("", e.to_string()))?;
    Ok(PyTable::try_new(vec![batch], schema)?.into_pyobject(py)?.into_any())
}

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
        DataType::Int64 => {
            let u = a.as_primitive::<arrow_array::types::Int64Type>();
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

/// The columns rule `rule`'s batch reads: (name, required).
#[pyfunction]
fn batch_columns(rule: &str) -> PyResult<Vec<(&'static str, bool)>> {
    Ok(kcsp_core::batch::columns(rule)
        .map_err(|e| raise(&e))?
        .into_iter()
        .map(|w| (w.name, w.required))
        .collect())
}

pub fn add(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(batch_columns, m)?)?;
    m.add_function(wrap_pyfunction!(batch, m)?)?;
    m.add_function(wrap_pyfunction!(joined, m)?)?;
    m.add_function(wrap_pyfunction!(columns, m)?)?;
    Ok(())
}
