//! The data of a batch ([`crate::batch`]): the caller's columns as the
//! engine reads them ([`Column`]), the shape each rule's batch takes
//! ([`Shape`], declared in the registry), and the table of answers
//! ([`Table`], [`Cell`]) every binding turns into its own columns (Arrow for
//! Python, arrays for JavaScript).

use crate::base::error::{Error, ErrorKind, Result};
use crate::definitions::context::Context;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// A column of the caller's data, read cell by cell. A binding implements it
/// over its own columns (Arrow arrays, Python objects, JavaScript arrays).
/// Errors name no field: the engine names the row and the column.
pub trait Column: Sync {
    /// How many rows it has.
    fn len(&self) -> usize;
    /// Whether it has no rows.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The cell as JSON, as a request would carry it: text, a number, a
    /// boolean, a list, an object or `null`; dates as ISO text, money as
    /// exact decimal text (a float stays a JSON number, which money refuses).
    fn value(&self, row: usize) -> Result<Value>;
    /// The cell as text (an id), `None` when missing, borrowed from the
    /// column. By default an error: a column that holds text implements it
    /// (the batch then reads text cells without a copy).
    fn text(&self, row: usize) -> Result<Option<&str>> {
        let _ = row;
        Err(Error::new(ErrorKind::InvalidInput, "", "expected text"))
    }
    /// The cell as a date, `None` when missing. By default, the ISO text of
    /// [`value`](Column::value).
    fn date(&self, row: usize) -> Result<Option<NaiveDate>> {
        match self.value(row)? {
            Value::Null => Ok(None),
            Value::String(s) => crate::base::dates::parse_date("", &s).map(Some),
            _ => Err(Error::new(ErrorKind::InvalidDate, "", "expected a date")),
        }
    }
}

/// A column of JSON values: the simplest [`Column`], for callers whose data
/// is JSON already (the WebAssembly package, tests).
///
/// ```
/// use kcsp_core::table::{Column, Values};
/// let c = Values(vec![serde_json::json!("kent_police"), serde_json::Value::Null]);
/// assert_eq!(c.text(0).unwrap(), Some("kent_police"));
/// assert_eq!(c.text(1).unwrap(), None);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Values(pub Vec<Value>);

impl Column for Values {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn value(&self, row: usize) -> Result<Value> {
        Ok(self.0.get(row).cloned().unwrap_or(Value::Null))
    }
    fn text(&self, row: usize) -> Result<Option<&str>> {
        match self.0.get(row) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(Error::new(ErrorKind::InvalidInput, "", "expected text")),
        }
    }
}

/// Fills, from the whole register, what each group's request takes from
/// it (the requests as JSON objects).
pub type Whole = fn(&Context, &mut [Map<String, Value>]);

/// How a batch groups its rows into requests, declared in the registry for
/// each rule.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// What keys a group: empty for one request per row (or, with a
    /// [`list`](Shape::list), one request for every row).
    pub by: &'static [Key],
    /// The input's list filled from a group's rows, one item per row: its
    /// field and the columns of an item (one column: the item itself;
    /// several: an object of them).
    pub list: Option<(&'static str, &'static [&'static str])>,
    /// Fills what a group's request takes from the whole register (a
    /// `before_each` cadence: the other body's meetings).
    pub whole: Option<Whole>,
    /// A faster path for the whole batch, answering as the generic one
    /// does; `None` from it leaves the batch to the generic path.
    pub fast: Option<fn(&Context, &Sheet<'_>) -> Option<Table>>,
}

impl Shape {
    /// One request per row: each input field a column.
    pub const ROWS: Shape = Shape {
        by: &[],
        list: None,
        whole: None,
        fast: None,
    };
}

/// What keys a group of rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A column that only groups (a meeting id): not part of the input.
    Column(&'static str),
    /// An input field, from its column.
    Field(&'static str),
    /// An input field holding the financial year of a date column's cell.
    Year {
        /// The input field (`year`).
        field: &'static str,
        /// The date column (`date`).
        of: &'static str,
    },
}

/// The caller's data as the engine sees it: its columns by the engine's
/// names, the values given once for every row, and how to name a row.
pub struct Sheet<'a> {
    /// The number of rows.
    pub rows: usize,
    /// The columns, by the names the rule's batch reads.
    pub columns: Vec<(&'a str, &'a dyn Column)>,
    /// What the caller calls each column (for error fields), where it differs.
    pub names: Vec<(&'a str, &'a str)>,
    /// Input fields given once for every row.
    pub values: Map<String, Value>,
    /// Each row's label (a frame's index), where not its position.
    pub labels: Option<&'a [String]>,
}

impl<'a> Sheet<'a> {
    /// The column the engine calls `name`.
    pub fn column(&self, name: &str) -> Option<&'a dyn Column> {
        self.columns.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
    }
    /// What the caller calls column `name`.
    pub fn caller_name<'s>(&'s self, name: &'s str) -> &'s str {
        self.names.iter().find(|(n, _)| *n == name).map_or(name, |(_, c)| *c)
    }
    /// The field of a cell, as an error names it: `rows[label].column`.
    pub fn field(&self, row: usize, column: &str) -> String {
        let column = self.caller_name(column);
        let label = self.labels.and_then(|l| l.get(row));
        let sep = if column.is_empty() { "" } else { "." };
        match label {
            Some(l) => format!("rows[{l}]{sep}{column}"),
            None => format!("rows[{row}]{sep}{column}"),
        }
    }
}

/// A cell of the table of answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Missing (a row that could not be decided, or an empty option).
    Null,
    /// A yes or no.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// Text.
    Text(String),
    /// A date.
    Date(NaiveDate),
    /// Money or a percentage: an exact decimal.
    Decimal(Decimal),
    /// A list.
    List(Vec<Cell>),
    /// A structure without a column type of its own (a list of objects), as JSON.
    Json(Value),
}

impl Cell {
    /// The cell as JSON, as the rule's own result writes it (dates as ISO
    /// text, decimals as text).
    pub fn to_value(&self) -> Value {
        match self {
            Cell::Null => Value::Null,
            Cell::Bool(b) => Value::Bool(*b),
            Cell::Int(i) => Value::from(*i),
            Cell::Text(t) => Value::String(t.clone()),
            Cell::Date(d) => Value::String(d.to_string()),
            Cell::Decimal(d) => Value::String(d.to_string()),
            Cell::List(l) => Value::Array(l.iter().map(Cell::to_value).collect()),
            Cell::Json(v) => v.clone(),
        }
    }
}

/// The answers of a batch: one row per request (a row of the caller's data,
/// or a group of them), in order of first appearance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// The columns, in order: the keys of the groups, the result's fields
    /// (its explanation as `reason`), then `error_code`, `error_field` and
    /// `error_message` (a row's first error).
    pub columns: Vec<(String, Vec<Cell>)>,
    /// Every error of every row, in row order.
    pub errors: Vec<RowError>,
}

impl Table {
    /// How many rows it has.
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, |(_, c)| c.len())
    }
    /// Adds the error columns: each row's first error.
    pub(crate) fn with_errors(mut self, rows: usize) -> Table {
        let mut code = vec![Cell::Null; rows];
        let mut field = vec![Cell::Null; rows];
        let mut message = vec![Cell::Null; rows];
        for e in self.errors.iter().rev() {
            if let (Some(c), Some(f), Some(m)) = (code.get_mut(e.row), field.get_mut(e.row), message.get_mut(e.row)) {
                *c = Cell::Text(e.error.code().to_string());
                *f = Cell::Text(e.error.field().to_string());
                *m = Cell::Text(e.error.message().to_string());
            }
        }
        self.columns.push(("error_code".to_string(), code));
        self.columns.push(("error_field".to_string(), field));
        self.columns.push(("error_message".to_string(), message));
        self
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&[Cell]> {
        self.columns.iter().find(|(n, _)| n == name).map(|(_, c)| c.as_slice())
    }
}

/// One error of a batch.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    /// The row of the [`Table`] it belongs to.
    pub row: usize,
    /// The row of the caller's data it came from, where one did.
    pub source: Option<usize>,
    /// The error, its field naming the caller's row and column (`rows[15].date`).
    pub error: Error,
}
