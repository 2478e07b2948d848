//! The batch function over frames: columns in (anything with the Arrow
//! PyCapsule interface — pandas, polars, pyarrow, DuckDB results — or a
//! mapping of columns, or plain sequences), one Arrow table out. The core's
//! batch engine (`kcsp_core::batch`) groups and decides; this file only
//! reads columns and writes them, for every rule alike.

use crate::convert::{self, Path};
use crate::{context, guarded, raise, PyCalendar, PyPartnership};
use arrow_array::builder::StringBuilder;
use arrow_array::cast::AsArray;
use arrow_array::types::Date32Type;
use arrow_array::{Array, ArrayRef};
use arrow_schema::DataType;
use chrono::NaiveDate;
use kcsp_core::arrow::{ArrowColumn, Text};
use kcsp_core::table::{Column as CoreColumn, Sheet};
use kcsp_core::{Error, ErrorKind};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3_arrow::{PyArray, PyChunkedArray, PyTable};
use serde_json::Map;
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

/// Reads a column ahead into what the engine reads, with no Python object
/// left in it (so the batch runs with the GIL released): Arrow data in
/// place ([`ArrowColumn`]); Python objects as Arrow text when they are all
/// text, else as JSON values, the way a single call reads them.
fn read(col: &Column<'_>, name: &str) -> PyResult<ArrowColumn> {
    match col {
        Column::Arrow(chunks) => ArrowColumn::new(chunks).map_err(|e| raise(&e.at(name))),
        Column::Objects(items) if items.iter().all(|o| o.is_none() || o.is_instance_of::<PyString>()) => {
            let mut b = StringBuilder::with_capacity(items.len(), items.len() * 16);
            for o in items {
                match o.cast::<PyString>() {
                    Ok(s) => b.append_value(s.to_cow()?),
                    Err(_) => b.append_null(),
                }
            }
            ArrowColumn::new(&[Arc::new(b.finish()) as ArrayRef]).map_err(|e| raise(&e.at(name)))
        }
        Column::Objects(items) => Ok(ArrowColumn::values(
            items
                .iter()
                .map(|o| convert::value(o, &Path::Root).map_err(|e| e.at("")))
                .collect(),
        )),
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
    let mut read_ahead: Vec<(&'static str, ArrowColumn)> = Vec::new();
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
    // Text as polars keeps it (views) for a polars frame: `to_polars()` then
    // takes the columns as they are. Offsets, which every reader takes, otherwise.
    let from_polars = data
        .get_type()
        .module()
        .is_ok_and(|m| m.to_string().starts_with("polars"));
    let text = if from_polars { Text::Views } else { Text::Offsets };
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
        let batch = py
            .detach(|| kcsp_core::arrow::record_batch(table.columns, text))
            .map_err(|e| raise(&e))?;
        let names = batch.schema().fields().iter().map(|f| f.name().clone()).collect();
        let table = PyTable::try_new(vec![batch.clone()], batch.schema())?;
        Ok((table.into_pyobject(py)?.into_any(), names, errors))
    })
}

/// The table with each list column as text, items joined by `"; "`: an
/// export that survives CSV, Excel and parquet.
#[pyfunction]
fn joined<'py>(py: Python<'py>, table: PyTable) -> PyResult<Bound<'py, PyAny>> {
    let (batches, schema) = table.into_inner();
    let whole = arrow_select::concat::concat_batches(&schema, &batches).map_err(|e| input_error("", e.to_string()))?;
    let flat = kcsp_core::arrow::joined(&whole).map_err(|e| raise(&e))?;
    Ok(PyTable::try_new(vec![flat.clone()], flat.schema())?
        .into_pyobject(py)?
        .into_any())
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
    let built = arrow_select::concat::concat_batches(&schema, &batches)
        .map_err(|e| input_error("", e.to_string()))
        .and_then(|whole| {
            schema
                .fields()
                .iter()
                .zip(whole.columns())
                .try_for_each(|(f, c)| lists.set_item(f.name(), pylist(py, c)?))
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
        DataType::Utf8 | DataType::Utf8View => {
            let texts: Box<dyn Iterator<Item = Option<&str>>> = match a.data_type() {
                DataType::Utf8 => Box::new(a.as_string::<i32>().iter()),
                _ => Box::new(a.as_string_view().iter()),
            };
            // Repeated texts (codes, seat ids) share one Python string.
            let mut seen: HashMap<&str, Bound<'py, PyAny>> = HashMap::new();
            for t in texts {
                items.push(match t {
                    Some(v) => match seen.get(v) {
                        Some(o) => o.clone(),
                        None => {
                            let o = PyString::new(py, v).into_any();
                            if v.len() <= 64 {
                                seen.insert(v, o.clone());
                            }
                            o
                        }
                    },
                    None => none.clone(),
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
