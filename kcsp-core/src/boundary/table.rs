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
    /// The cells of rows `start..start + out.len()` as [`text`](Column::text),
    /// into `out`: many rows in one call, for the fast paths that read a
    /// whole register. By default, row by row; the first error stops it.
    fn texts_into<'s>(&'s self, start: usize, out: &mut [Option<&'s str>]) -> Result<()> {
        for (k, slot) in out.iter_mut().enumerate() {
            *slot = self.text(start + k)?;
        }
        Ok(())
    }
    /// The cells of rows `start..start + out.len()` as [`date`](Column::date),
    /// into `out` (see [`texts_into`](Column::texts_into)).
    fn dates_into(&self, start: usize, out: &mut [Option<NaiveDate>]) -> Result<()> {
        for (k, slot) in out.iter_mut().enumerate() {
            *slot = self.date(start + k)?;
        }
        Ok(())
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
    /// does; `None` from it leaves the batch to the generic path. It is
    /// given the generic [`Engine`], so that the errors it reports are
    /// those the generic path would find.
    pub fast: Option<Fast>,
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

/// A shape's faster path (see [`Shape::fast`]): the context, the rows, and
/// the generic engine, for the errors it would find.
pub type Fast = fn(&Context, &Sheet<'_>, &dyn Engine) -> Option<Table>;

/// The generic engine, as a faster path asks it about what it does not
/// answer itself, so that its errors are the generic engine's own.
pub trait Engine {
    /// Every error of the rule's request `input` (as
    /// [`validate`](crate::registry::validate) in the batch's context).
    fn validate(&self, input: &Value) -> Vec<Error>;
    /// Every error of the group of `rows` keyed by `key` (the shape's keys,
    /// in order), each with the row it came from, sorted by row; `None`
    /// when the group is answered, not refused. For shapes without
    /// [`whole`](Shape::whole).
    fn refused(&self, key: Vec<Value>, rows: Vec<usize>) -> Option<Vec<(Option<usize>, Error)>>;
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

/// A column of the table of answers: cells of one type, stored as Arrow
/// stores them (text in one buffer with offsets, lists as offsets into
/// their items), so that a binding hands a column over without copying it
/// cell by cell, and the fast path of a rule writes it without allocating
/// per cell.
///
/// ```
/// use kcsp_core::table::{Cell, Cells};
/// let c = Cells::from_cells(vec![Cell::Text("a".into()), Cell::Null, Cell::Int(3)]);
/// assert_eq!(c.len(), 3);
/// // A column holds one type: the number in a column of text is its text.
/// assert_eq!(c.get(2), Cell::Text("3".into()));
/// assert_eq!(c.get(1), Cell::Null);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Cells {
    /// Every cell missing (a column no row filled): how many.
    Null(usize),
    /// Yes or no.
    Bool(Vec<Option<bool>>),
    /// Whole numbers.
    Int(Vec<Option<i64>>),
    /// Dates.
    Date(Vec<Option<NaiveDate>>),
    /// Money or percentages, exact.
    Decimal(Vec<Option<Decimal>>),
    /// Text.
    Text(Texts),
    /// Lists.
    List(Box<Lists>),
    /// Structures without a column type of their own (lists of objects), as
    /// JSON, each distinct value stored once.
    Json(JsonCells),
}

/// A column of JSON cells, each distinct value stored once: a column of
/// results repeats a handful of structures (a meeting's quorum conditions),
/// so a value is kept, and later written as text, once rather than per row.
///
/// ```
/// use kcsp_core::table::JsonCells;
/// use serde_json::json;
/// let mut c = JsonCells::default();
/// c.push(&json!([{"met": true}]));
/// c.push(&json!(null));
/// c.push(&json!([{"met": true}]));
/// assert_eq!(c.len(), 3);
/// assert_eq!(c.distinct().len(), 1);
/// assert_eq!(c.get(1), None);
/// assert_eq!(c.get(2), Some(&json!([{"met": true}])));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JsonCells {
    distinct: Vec<Value>,
    /// Each cell's index into `distinct` (`None`: missing).
    rows: Vec<Option<u32>>,
}

impl JsonCells {
    /// How many distinct values are looked for before a new one is added
    /// (a column of many different values stays linear in time).
    const SEARCHED: usize = 64;

    /// An empty column with room for `rows` cells.
    pub fn with_capacity(rows: usize) -> JsonCells {
        JsonCells {
            distinct: Vec::new(),
            rows: Vec::with_capacity(rows),
        }
    }

    /// Adds a cell (`null` is a missing cell); returns the index of its
    /// value in [`distinct`](Self::distinct), for
    /// [`push_again`](Self::push_again).
    pub fn push(&mut self, v: &Value) -> Option<u32> {
        if v.is_null() {
            self.rows.push(None);
            return None;
        }
        let found = self.distinct.iter().take(Self::SEARCHED).position(|d| d == v);
        let index = found.unwrap_or_else(|| {
            self.distinct.push(v.clone());
            self.distinct.len() - 1
        });
        let index = u32::try_from(index).ok();
        self.rows.push(index);
        index
    }

    /// Adds a cell holding the value at `index` of
    /// [`distinct`](Self::distinct) (as [`push`](Self::push) returned it),
    /// without comparing values; a missing cell when there is none.
    ///
    /// ```
    /// use kcsp_core::table::JsonCells;
    /// use serde_json::json;
    /// let mut c = JsonCells::default();
    /// let k = c.push(&json!({"met": true})).unwrap();
    /// c.push_again(k);
    /// c.push_again(7);
    /// assert_eq!(c.get(1), Some(&json!({"met": true})));
    /// assert_eq!(c.get(2), None);
    /// ```
    pub fn push_again(&mut self, index: u32) {
        let known = usize::try_from(index).is_ok_and(|k| k < self.distinct.len());
        self.rows.push(known.then_some(index));
    }

    /// How many cells it has.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether it has no cells.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Cell `row` (`None` when missing or out of range).
    pub fn get(&self, row: usize) -> Option<&Value> {
        let index = (*self.rows.get(row)?)?;
        self.distinct.get(usize::try_from(index).ok()?)
    }

    /// The distinct values.
    pub fn distinct(&self) -> &[Value] {
        &self.distinct
    }

    /// Each cell's index into [`distinct`](Self::distinct) (`None`: missing).
    pub fn rows(&self) -> &[Option<u32>] {
        &self.rows
    }
}

/// A column of text: every cell's bytes in one buffer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Texts {
    bytes: String,
    /// Where each cell ends in `bytes` (the first starts at 0).
    ends: Vec<usize>,
    valid: Vec<bool>,
}

impl Texts {
    /// An empty column with room for `rows` cells of `bytes` bytes in all.
    pub fn with_capacity(rows: usize, bytes: usize) -> Texts {
        Texts {
            bytes: String::with_capacity(bytes),
            ends: Vec::with_capacity(rows),
            valid: Vec::with_capacity(rows),
        }
    }
    /// Adds a cell (`None`: missing).
    pub fn push(&mut self, cell: Option<&str>) {
        self.bytes.push_str(cell.unwrap_or_default());
        self.ends.push(self.bytes.len());
        self.valid.push(cell.is_some());
    }
    /// How many cells it has.
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    /// Whether it has no cells.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
    /// Cell `row` (`None` when missing or out of range).
    pub fn get(&self, row: usize) -> Option<&str> {
        if !self.valid.get(row).copied().unwrap_or(false) {
            return None;
        }
        let start = row.checked_sub(1).and_then(|r| self.ends.get(r)).copied().unwrap_or(0);
        self.bytes.get(start..*self.ends.get(row)?)
    }
    /// Its parts, as Arrow keeps them: the bytes, where each cell ends, and
    /// which cells are present.
    pub fn into_parts(self) -> (String, Vec<usize>, Vec<bool>) {
        (self.bytes, self.ends, self.valid)
    }
}

/// A column of lists: every list's items in one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Lists {
    items: Cells,
    /// Where each list ends in `items` (the first starts at 0).
    ends: Vec<usize>,
    valid: Vec<bool>,
}

impl Lists {
    /// An empty column of lists of text, with room for `rows` lists.
    pub fn of_texts(rows: usize) -> Lists {
        Lists::of_texts_sized(rows, rows * 4, rows * 64)
    }
    /// An empty column of `rows` lists of text holding `items` items of
    /// `bytes` bytes in all (known beforehand: nothing is moved as it fills).
    pub fn of_texts_sized(rows: usize, items: usize, bytes: usize) -> Lists {
        Lists {
            items: Cells::Text(Texts::with_capacity(items, bytes)),
            ends: Vec::with_capacity(rows),
            valid: Vec::with_capacity(rows),
        }
    }
    /// Adds a list of text (to a column of lists of text).
    pub fn push_texts(&mut self, list: &[&str]) {
        if let Cells::Text(t) = &mut self.items {
            list.iter().for_each(|s| t.push(Some(s)));
        }
        self.ends.push(self.items.len());
        self.valid.push(true);
    }
    /// Adds a missing list (a row that could not be decided).
    pub fn push_missing(&mut self) {
        self.ends.push(self.items.len());
        self.valid.push(false);
    }
    /// How many lists it has.
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    /// Whether it has no lists.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
    /// List `row`'s items (`None` when missing or out of range).
    pub fn get(&self, row: usize) -> Option<Vec<Cell>> {
        if !self.valid.get(row).copied().unwrap_or(false) {
            return None;
        }
        let start = row.checked_sub(1).and_then(|r| self.ends.get(r)).copied().unwrap_or(0);
        Some((start..*self.ends.get(row)?).map(|k| self.items.get(k)).collect())
    }
    /// Its parts: every item, where each list ends, which lists are present.
    pub fn into_parts(self) -> (Cells, Vec<usize>, Vec<bool>) {
        (self.items, self.ends, self.valid)
    }
}

/// The kinds of cell, for [`Cells::from_cells`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bool,
    Int,
    Date,
    Decimal,
    Text,
    List,
    Json,
}

fn kind(c: &Cell) -> Option<Kind> {
    Some(match c {
        Cell::Null => return None,
        Cell::Bool(_) => Kind::Bool,
        Cell::Int(_) => Kind::Int,
        Cell::Date(_) => Kind::Date,
        Cell::Decimal(_) => Kind::Decimal,
        Cell::Text(_) => Kind::Text,
        Cell::List(_) => Kind::List,
        Cell::Json(_) => Kind::Json,
    })
}

impl Cells {
    /// A column of `cells`, of one type: the type of its cells where they
    /// agree; where they do not, dates if any cell is a date (a cell that
    /// is not, such as a key `31/02/2022` whose row has its `invalid_date`
    /// error, is then missing), else text (a number or a yes/no as its text).
    pub fn from_cells(cells: Vec<Cell>) -> Cells {
        let mut kinds = cells.iter().filter_map(kind);
        let first = kinds.next();
        let kind = match first {
            None => return Cells::Null(cells.len()),
            Some(k) if kinds.clone().all(|x| x == k) => k,
            _ if cells.iter().any(|c| matches!(c, Cell::Date(_))) => Kind::Date,
            _ => Kind::Text,
        };
        fn each<T>(cells: Vec<Cell>, f: impl Fn(Cell) -> Option<T>) -> Vec<Option<T>> {
            cells.into_iter().map(f).collect()
        }
        match kind {
            Kind::Bool => Cells::Bool(each(cells, |c| if let Cell::Bool(b) = c { Some(b) } else { None })),
            Kind::Int => Cells::Int(each(cells, |c| if let Cell::Int(i) = c { Some(i) } else { None })),
            Kind::Date => Cells::Date(each(cells, |c| if let Cell::Date(d) = c { Some(d) } else { None })),
            Kind::Decimal => Cells::Decimal(each(cells, |c| if let Cell::Decimal(d) = c { Some(d) } else { None })),
            Kind::Json => {
                let mut json = JsonCells::with_capacity(cells.len());
                cells.iter().for_each(|c| {
                    json.push(&c.to_value());
                });
                Cells::Json(json)
            }
            Kind::List => {
                let mut items = Vec::new();
                let mut ends = Vec::with_capacity(cells.len());
                let mut valid = Vec::with_capacity(cells.len());
                for c in cells {
                    valid.push(matches!(c, Cell::List(_)));
                    if let Cell::List(l) = c {
                        items.extend(l);
                    }
                    ends.push(items.len());
                }
                Cells::List(Box::new(Lists {
                    items: Cells::from_cells(items),
                    ends,
                    valid,
                }))
            }
            Kind::Text => {
                let mut t = Texts::with_capacity(cells.len(), cells.len() * 16);
                for c in &cells {
                    match c {
                        Cell::Null => t.push(None),
                        Cell::Text(s) => t.push(Some(s)),
                        other => t.push(Some(&match other.to_value() {
                            Value::String(s) => s,
                            v => v.to_string(),
                        })),
                    }
                }
                Cells::Text(t)
            }
        }
    }

    /// A column of text from its cells.
    pub fn texts<'s>(cells: impl IntoIterator<Item = Option<&'s str>>) -> Cells {
        let mut t = Texts::default();
        cells.into_iter().for_each(|c| t.push(c));
        Cells::Text(t)
    }

    /// How many cells it has.
    pub fn len(&self) -> usize {
        match self {
            Cells::Null(n) => *n,
            Cells::Bool(v) => v.len(),
            Cells::Int(v) => v.len(),
            Cells::Date(v) => v.len(),
            Cells::Decimal(v) => v.len(),
            Cells::Text(t) => t.len(),
            Cells::List(l) => l.len(),
            Cells::Json(v) => v.len(),
        }
    }

    /// Whether it has no cells.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Cell `row` ([`Cell::Null`] when missing or out of range).
    pub fn get(&self, row: usize) -> Cell {
        let or_null = |c: Option<Cell>| c.unwrap_or(Cell::Null);
        match self {
            Cells::Null(_) => Cell::Null,
            Cells::Bool(v) => or_null(v.get(row).copied().flatten().map(Cell::Bool)),
            Cells::Int(v) => or_null(v.get(row).copied().flatten().map(Cell::Int)),
            Cells::Date(v) => or_null(v.get(row).copied().flatten().map(Cell::Date)),
            Cells::Decimal(v) => or_null(v.get(row).copied().flatten().map(Cell::Decimal)),
            Cells::Text(t) => or_null(t.get(row).map(|s| Cell::Text(s.to_string()))),
            Cells::List(l) => or_null(l.get(row).map(Cell::List)),
            Cells::Json(v) => or_null(v.get(row).map(|v| Cell::Json(v.clone()))),
        }
    }

    /// Every cell, in order.
    pub fn iter(&self) -> impl Iterator<Item = Cell> + '_ {
        (0..self.len()).map(|r| self.get(r))
    }
}

/// The answers of a batch: one row per request (a row of the caller's data,
/// or a group of them), in order of first appearance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// The columns, in order: the keys of the groups, the result's fields
    /// (its explanation as `reason`), then `error_code`, `error_field` and
    /// `error_message` (a row's first error).
    pub columns: Vec<(String, Cells)>,
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
        let mut first: Vec<Option<&Error>> = vec![None; rows];
        for e in self.errors.iter().rev() {
            if let Some(slot) = first.get_mut(e.row) {
                *slot = Some(&e.error);
            }
        }
        let code = Cells::texts(first.iter().map(|e| e.map(Error::code)));
        let field = Cells::texts(first.iter().map(|e| e.map(Error::field)));
        let message = Cells::texts(first.iter().map(|e| e.map(Error::message)));
        self.columns.push(("error_code".to_string(), code));
        self.columns.push(("error_field".to_string(), field));
        self.columns.push(("error_message".to_string(), message));
        self
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&Cells> {
        self.columns.iter().find(|(n, _)| n == name).map(|(_, c)| c)
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
