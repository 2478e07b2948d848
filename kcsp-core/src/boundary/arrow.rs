//! Batches over Arrow data (feature `arrow`): the caller's Arrow columns
//! read in place as the engine's [`Column`]s, and the table of answers
//! handed over as an Arrow [`RecordBatch`] (text and lists moved, not
//! copied cell by cell). The Python package's frames (pandas, polars,
//! pyarrow, DuckDB) go this way; so can a Rust service holding Arrow data.
//!
//! ```
//! use arrow_array::{ArrayRef, StringArray, RecordBatch};
//! use kcsp_core::arrow::{record_batch, ArrowColumn, Text};
//! use kcsp_core::table::{Column, Sheet};
//! use std::sync::Arc;
//! let col = |v: Vec<&str>| ArrowColumn::new(&[Arc::new(StringArray::from(v)) as ArrayRef]).unwrap();
//! let (meeting, date, org) = (
//!     col(vec!["m1", "m1"]),
//!     col(vec!["2022-07-14", "2022-07-14"]),
//!     col(vec!["kent_police", "kent_county_council"]),
//! );
//! let sheet = Sheet { rows: 2, columns: vec![("meeting_id", &meeting as &dyn Column), ("date", &date), ("organisation", &org)],
//!     names: vec![], values: Default::default(), labels: None };
//! let table = kcsp_core::batch::run(kcsp_core::Context::kent(), "quorum", &sheet).unwrap();
//! let batch: RecordBatch = record_batch(table.columns, Text::Offsets).unwrap();
//! assert_eq!(batch.num_rows(), 1);
//! assert_eq!(batch.schema().field_with_name("quorate").unwrap().data_type(), &arrow_schema::DataType::Boolean);
//! ```

use crate::base::error::{Error, ErrorKind, Result};
use crate::boundary::table::{Cells, Column};
use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Float64Type, Int64Type};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, Decimal128Array, Int64Array, LargeStringArray, ListArray, RecordBatch,
    StringArray, StringViewArray,
};
use arrow_buffer::{Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema, TimeUnit};
use chrono::{Datelike, NaiveDate};
use serde_json::Value;
use std::sync::Arc;

/// Days from 1 January of year 1 to 1 January 1970 (Arrow's dates count from 1970).
const EPOCH_FROM_CE: i32 = 719_163;

fn date_of(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days.checked_add(EPOCH_FROM_CE)?)
}

fn days_of(d: NaiveDate) -> i32 {
    d.num_days_from_ce() - EPOCH_FROM_CE
}

fn arrow_error(field: &str, e: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::InvalidInput, field, e.to_string())
}

/// An Arrow column as the batch engine reads it: text (of any Arrow string
/// type) and dates in place, a column in several chunks chunk by chunk,
/// other types as JSON values, as a single request would carry them.
pub struct ArrowColumn(Read);

enum Read {
    Text(StringArray),
    View(StringViewArray),
    Large(LargeStringArray),
    /// The chunks and the row each starts at.
    Chunks(Vec<Read>, Vec<usize>),
    Dates(Date32Array),
    /// Anything else, as JSON (an error for a cell that cannot be read).
    Values(Vec<Result<Value>>),
}

impl ArrowColumn {
    /// A column from its chunks (a chunked array's, or one array). Text and
    /// dates are read in place; timestamps all at midnight are dates (what
    /// pandas' `read_csv(parse_dates=...)` gives), one with a time of day is
    /// refused in its own row; integers and decimals are read as their
    /// exact text, floats as numbers (which money refuses).
    pub fn new(chunks: &[ArrayRef]) -> Result<ArrowColumn> {
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
                parts.push(read_array(c)?);
            }
            return Ok(ArrowColumn(Read::Chunks(parts, starts)));
        }
        Ok(ArrowColumn(read_array(&concat(chunks)?)?))
    }

    /// A column of values already read (JSON, or the error of a cell that
    /// could not be read), for data that is not Arrow.
    pub fn values(cells: Vec<Result<Value>>) -> ArrowColumn {
        ArrowColumn(Read::Values(cells))
    }
}

/// One array of `chunks` (joined when there are several).
pub fn concat(chunks: &[ArrayRef]) -> Result<ArrayRef> {
    match chunks {
        [] => Ok(arrow_array::new_empty_array(&DataType::Utf8)),
        [one] => Ok(one.clone()),
        _ => {
            let refs: Vec<&dyn Array> = chunks.iter().map(|a| a.as_ref()).collect();
            arrow_select::concat::concat(&refs).map_err(|e| arrow_error("", e))
        }
    }
}

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

    fn len(&self) -> usize {
        match self {
            Read::Text(a) => a.len(),
            Read::View(a) => a.len(),
            Read::Large(a) => a.len(),
            Read::Chunks(parts, _) => parts.iter().map(Read::len).sum(),
            Read::Dates(a) => a.len(),
            Read::Values(v) => v.len(),
        }
    }

    fn value(&self, row: usize) -> Result<Value> {
        if let Some(t) = self.text_at(row) {
            return Ok(t.map_or(Value::Null, |t| Value::String(t.to_string())));
        }
        match self {
            Read::Chunks(parts, starts) => Read::chunk(parts, starts, row).map_or(Ok(Value::Null), |(c, r)| c.value(r)),
            Read::Values(v) => v.get(row).cloned().unwrap_or(Ok(Value::Null)),
            _ => Ok(self.date(row)?.map_or(Value::Null, |d| Value::String(d.to_string()))),
        }
    }

    fn text(&self, row: usize) -> Result<Option<&str>> {
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

    fn date(&self, row: usize) -> Result<Option<NaiveDate>> {
        if let Some(t) = self.text_at(row) {
            return t.map(|t| crate::base::dates::parse_date("", t)).transpose();
        }
        match self {
            Read::Dates(a) => Ok((row < a.len() && a.is_valid(row))
                .then(|| date_of(a.value(row)))
                .flatten()),
            Read::Chunks(parts, starts) => Read::chunk(parts, starts, row).map_or(Ok(None), |(c, r)| c.date(r)),
            Read::Values(v) => match v.get(row) {
                Some(Ok(Value::String(s))) => crate::base::dates::parse_date("", s).map(Some),
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

impl Read {
    /// Rows `start..start + out.len()` of a column in chunks, each chunk's
    /// share read by `read`.
    fn by_chunk<'p, T>(
        parts: &'p [Read],
        starts: &[usize],
        start: usize,
        out: &mut [T],
        read: impl Fn(&'p Read, usize, &mut [T]) -> Result<()>,
    ) -> Result<()> {
        let mut done = 0;
        while done < out.len() {
            let Some((part, within)) = Read::chunk(parts, starts, start + done) else {
                return Err(Error::new(ErrorKind::InvalidInput, "", "no such row"));
            };
            let take = part.len().saturating_sub(within).min(out.len() - done).max(1);
            read(part, within, out.get_mut(done..done + take).unwrap_or_default())?;
            done += take;
        }
        Ok(())
    }

    /// Rows `start..start + out.len()` as text, each kind of array in a
    /// loop of its own.
    fn texts_into<'s>(&'s self, start: usize, out: &mut [Option<&'s str>]) -> Result<()> {
        fn each<'s>(
            out: &mut [Option<&'s str>],
            start: usize,
            valid: impl Fn(usize) -> bool,
            value: impl Fn(usize) -> &'s str,
        ) {
            for (k, slot) in out.iter_mut().enumerate() {
                let row = start + k;
                *slot = valid(row).then(|| value(row));
            }
        }
        let end = start.saturating_add(out.len());
        match self {
            Read::Text(a) if end <= a.len() => each(out, start, |r| a.is_valid(r), |r| a.value(r)),
            Read::View(a) if end <= a.len() => each(out, start, |r| a.is_valid(r), |r| a.value(r)),
            Read::Large(a) if end <= a.len() => each(out, start, |r| a.is_valid(r), |r| a.value(r)),
            Read::Chunks(parts, starts) => Read::by_chunk(parts, starts, start, out, |part, within, slice| {
                part.texts_into(within, slice)
            })?,
            _ => {
                for (k, slot) in out.iter_mut().enumerate() {
                    *slot = self.text(start + k)?;
                }
            }
        }
        Ok(())
    }

    /// Rows `start..start + out.len()` as dates.
    fn dates_into(&self, start: usize, out: &mut [Option<NaiveDate>]) -> Result<()> {
        match self {
            Read::Dates(a) if start.saturating_add(out.len()) <= a.len() => {
                // A register's dates come meeting by meeting: a day already
                // turned into a date is not turned again.
                let mut last: Option<(i32, NaiveDate)> = None;
                for (k, slot) in out.iter_mut().enumerate() {
                    let row = start + k;
                    *slot = if a.is_valid(row) {
                        let days = a.value(row);
                        match last {
                            Some((d, date)) if d == days => Some(date),
                            _ => {
                                let date = date_of(days);
                                last = date.map(|x| (days, x));
                                date
                            }
                        }
                    } else {
                        None
                    };
                }
            }
            Read::Chunks(parts, starts) => Read::by_chunk(parts, starts, start, out, |part, within, slice| {
                part.dates_into(within, slice)
            })?,
            _ => {
                for (k, slot) in out.iter_mut().enumerate() {
                    *slot = self.date(start + k)?;
                }
            }
        }
        Ok(())
    }
}

impl Column for ArrowColumn {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn texts_into<'s>(&'s self, start: usize, out: &mut [Option<&'s str>]) -> Result<()> {
        self.0.texts_into(start, out)
    }
    fn dates_into(&self, start: usize, out: &mut [Option<NaiveDate>]) -> Result<()> {
        self.0.dates_into(start, out)
    }
    fn value(&self, row: usize) -> Result<Value> {
        self.0.value(row)
    }
    fn text(&self, row: usize) -> Result<Option<&str>> {
        self.0.text(row)
    }
    fn date(&self, row: usize) -> Result<Option<NaiveDate>> {
        self.0.date(row)
    }
}

/// Reads one Arrow array ahead (see [`ArrowColumn::new`]).
fn read_array(a: &ArrayRef) -> Result<Read> {
    if let Some(days) = midnights(a) {
        return Ok(Read::Dates(days));
    }
    let cast = |to: &DataType| arrow_cast::cast(a, to).map_err(|e| arrow_error("", e));
    Ok(match a.data_type() {
        DataType::Utf8 => Read::Text(a.as_string::<i32>().clone()),
        DataType::Utf8View => Read::View(a.as_string_view().clone()),
        DataType::LargeUtf8 => Read::Large(a.as_string::<i64>().clone()),
        DataType::Dictionary(_, _) => Read::Text(cast(&DataType::Utf8)?.as_string::<i32>().clone()),
        DataType::Date32 => Read::Dates(a.as_primitive::<Date32Type>().clone()),
        DataType::Date64 | DataType::Timestamp(_, _) => {
            // A date with a time of day is not a date: refused per row.
            let days = cast(&DataType::Date32)?;
            let back = arrow_cast::cast(&days, a.data_type()).map_err(|e| arrow_error("", e))?;
            let d = days.as_primitive::<Date32Type>();
            let same = arrow_ord::cmp::eq(&back, a).map_err(|e| arrow_error("", e))?;
            if (0..a.len()).all(|i| !a.is_valid(i) || same.value(i)) {
                Read::Dates(d.clone())
            } else {
                Read::Values(
                    (0..a.len())
                        .map(|i| {
                            if !a.is_valid(i) {
                                Ok(Value::Null)
                            } else if same.value(i) {
                                Ok(date_of(d.value(i)).map_or(Value::Null, |d| Value::String(d.to_string())))
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
        _ => Read::Values(values(a)),
    })
}

/// A column of timestamps without a time zone as dates, in one pass, when
/// every one is at midnight; `None` otherwise (then each is judged on its own).
fn midnights(a: &ArrayRef) -> Option<Date32Array> {
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
    let ints = ints.as_primitive::<Int64Type>();
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
    Some(Date32Array::from(out))
}

/// Arrow cells as JSON values, as a single request carries the same
/// values: integers and decimals as exact text, floats as numbers (which
/// money refuses), lists as lists.
fn values(a: &ArrayRef) -> Vec<Result<Value>> {
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
                let f = c.as_primitive::<Float64Type>();
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
            Err(e) => vec![Err(arrow_error("", e)); n],
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
                    Some(items) => values(&items).into_iter().collect::<Result<Vec<_>>>().map(Value::Array),
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

/// The presence of each cell as Arrow keeps it (none when all are present).
fn nulls(valid: Vec<bool>) -> Option<NullBuffer> {
    (!valid.iter().all(|v| *v)).then(|| NullBuffer::from(valid))
}

/// Offsets from where each cell ends, as Arrow's 32-bit offsets.
fn offsets(ends: &[usize]) -> Result<OffsetBuffer<i32>> {
    let mut out = Vec::with_capacity(ends.len() + 1);
    out.push(0i32);
    for e in ends {
        out.push(i32::try_from(*e).map_err(|_| arrow_error("", "a column larger than 2 GiB"))?);
    }
    Ok(OffsetBuffer::new(ScalarBuffer::from(out)))
}

/// How text is laid out in the Arrow data of the answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Text {
    /// `utf8`: offsets into one buffer, what every Arrow reader takes.
    #[default]
    Offsets,
    /// `utf8_view`: views into the same buffer, what polars keeps its text
    /// in (so it takes the columns without converting them).
    Views,
}

/// A column of answers as an Arrow array: text and lists moved, not copied
/// cell by cell; money and percentages as `decimal128(38, s)` with at
/// least two decimal places; a column no row filled as text, all missing.
pub fn array(cells: Cells, text: Text) -> Result<ArrayRef> {
    let a = offsets_array(cells, text)?;
    Ok(match (text, a.data_type()) {
        (Text::Views, DataType::Utf8) => Arc::new(StringViewArray::from(a.as_string::<i32>())),
        _ => a,
    })
}

fn offsets_array(cells: Cells, text: Text) -> Result<ArrayRef> {
    Ok(match cells {
        Cells::Null(n) => arrow_array::new_null_array(&DataType::Utf8, n),
        Cells::Bool(v) => Arc::new(BooleanArray::from(v)),
        Cells::Int(v) => Arc::new(Int64Array::from(v)),
        Cells::Date(v) => Arc::new(Date32Array::from_iter(v.into_iter().map(|d| d.map(days_of)))),
        Cells::Decimal(v) => {
            let scale = v.iter().flatten().map(|d| d.scale()).max().unwrap_or(2).max(2);
            let mantissas = v.into_iter().map(|d| {
                d.map(|mut d| {
                    d.rescale(scale);
                    d.mantissa()
                })
            });
            let s = i8::try_from(scale).map_err(|e| arrow_error("", e))?;
            Arc::new(
                Decimal128Array::from_iter(mantissas)
                    .with_precision_and_scale(38, s)
                    .map_err(|e| arrow_error("", e))?,
            )
        }
        Cells::Text(t) => {
            let (bytes, ends, valid) = t.into_parts();
            let offsets = offsets(&ends)?;
            Arc::new(
                StringArray::try_new(offsets, Buffer::from_vec(bytes.into_bytes()), nulls(valid))
                    .map_err(|e| arrow_error("", e))?,
            )
        }
        Cells::List(l) => {
            let (items, ends, valid) = l.into_parts();
            let items = array(items, text)?;
            let field = Arc::new(Field::new("item", items.data_type().clone(), true));
            Arc::new(ListArray::try_new(field, offsets(&ends)?, items, nulls(valid)).map_err(|e| arrow_error("", e))?)
        }
        Cells::Json(v) => {
            // Each distinct value written once, its text repeated.
            let texts: Vec<String> = v.distinct().iter().map(Value::to_string).collect();
            let text_of = |i: &Option<u32>| texts.get(usize::try_from((*i)?).ok()?).map(String::as_str);
            Arc::new(StringArray::from_iter(v.rows().iter().map(text_of)))
        }
    })
}

/// The columns of a [`Table`](crate::table::Table) as one Arrow record
/// batch, its text laid out as `text` says.
pub fn record_batch(columns: Vec<(String, Cells)>, text: Text) -> Result<RecordBatch> {
    let (fields, arrays): (Vec<Field>, Vec<ArrayRef>) = columns
        .into_iter()
        .map(|(name, cells)| {
            let a = array(cells, text)?;
            Ok((Field::new(name, a.data_type().clone(), true), a))
        })
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .unzip();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays).map_err(|e| arrow_error("", e))
}

/// `batch` with each list column as text, items joined by `"; "`: an
/// export that survives CSV, Excel and parquet (the batch engine reads such
/// a column back as a list).
///
/// ```
/// use arrow_array::{Array, ArrayRef, RecordBatch, builder::{ListBuilder, StringBuilder}, cast::AsArray};
/// let mut b = ListBuilder::new(StringBuilder::new());
/// b.values().append_value("kent_police");
/// b.values().append_value("health");
/// b.append(true);
/// let batch = RecordBatch::try_from_iter([("represented", std::sync::Arc::new(b.finish()) as ArrayRef)]).unwrap();
/// let flat = kcsp_core::arrow::joined(&batch).unwrap();
/// assert_eq!(flat.column(0).as_string::<i32>().value(0), "kent_police; health");
/// ```
pub fn joined(batch: &RecordBatch) -> Result<RecordBatch> {
    let schema = batch.schema();
    let mut fields = Vec::new();
    let mut arrays = Vec::new();
    for (f, column) in schema.fields().iter().zip(batch.columns()) {
        if let DataType::List(_) = column.data_type() {
            let mut out = Vec::with_capacity(column.len());
            for item in column.as_list::<i32>().iter() {
                out.push(match item {
                    None => None,
                    Some(items) => {
                        let text = arrow_cast::cast(&items, &DataType::Utf8).map_err(|e| arrow_error(f.name(), e))?;
                        let s = text.as_string::<i32>();
                        Some(s.iter().flatten().collect::<Vec<_>>().join("; "))
                    }
                });
            }
            fields.push(Field::new(f.name(), DataType::Utf8, true));
            arrays.push(Arc::new(StringArray::from(out)) as ArrayRef);
        } else {
            fields.push(f.as_ref().clone());
            arrays.push(column.clone());
        }
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays).map_err(|e| arrow_error("", e))
}
