//! The batch engine: any rule of the registry over the rows of a table,
//! grouped as the rule's [`Shape`] says (attendance rows into meetings keyed
//! by body and meeting; meetings into body and financial year; projects
//! into their year), each group decided as one request of the rule, and the
//! answers as a [`Table`] whose columns come from the result type.
//!
//! Every binding calls this one engine (Python over Arrow columns, the
//! WebAssembly package over JavaScript arrays), so a batch answers as the
//! same requests one at a time would, in every language.
//!
//! No row is lost: a row (or group) that cannot be decided keeps its place
//! with its first error in `error_code`, `error_field` and `error_message`,
//! and [`Table::errors`] has every error of every row, each named by the
//! caller's row label and column (`rows[15].date`). A row's errors are all
//! there: those of its cells, or, when every cell reads, those
//! [`registry::validate`] finds in its request.
//!
//! ```
//! use kcsp_core::{batch, table::{Sheet, Values}, Context};
//! use serde_json::json;
//! let meeting = Values(vec![json!("m1"), json!("m1"), json!("m2")]);
//! let date = Values(vec![json!("2022-07-14"); 3]);
//! let org = Values(vec![json!("kent_police"), json!("kent_county_council"), json!("kent_polise")]);
//! let sheet = Sheet { rows: 3, columns: vec![("meeting_id", &meeting), ("date", &date), ("organisation", &org)],
//!     names: vec![], values: Default::default(), labels: None };
//! let t = batch::run(Context::kent(), "quorum", &sheet).unwrap();
//! assert_eq!(t.rows(), 2);
//! assert_eq!(t.column("quorate").unwrap().get(0), kcsp_core::table::Cell::Bool(false));
//! assert_eq!(t.errors[0].error.code(), "unknown_organisation");
//! assert_eq!(t.errors[0].error.field(), "rows[2].organisation");
//! ```

use crate::base::error::{quote, Error, ErrorKind, Result};
use crate::base::year::FinancialYear;
use crate::boundary::registry::{self, RuleInfo};
use crate::boundary::table::{Cell, Cells, Column, Engine, Key, RowError, Shape, Sheet, Table};
use crate::definitions::context::Context;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// A column a rule's batch reads.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct BatchColumn {
    /// Its name (the caller may map another column to it).
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub name: &'static str,
    /// Whether the batch fails without it (and without a value given once).
    pub required: bool,
}

/// The columns rule `id`'s batch reads, in order: its group keys, the
/// fields of its input, the columns of its list's items.
///
/// ```
/// let names: Vec<&str> = kcsp_core::batch::columns("quorum").unwrap().iter().map(|w| w.name).collect();
/// assert_eq!(names, ["body", "meeting_id", "date", "organisation"]);
/// ```
pub fn columns(id: &str) -> Result<Vec<BatchColumn>> {
    let info = registry::info(id)?;
    let shape = registry::shape(id).unwrap_or(Shape::ROWS);
    let mut out: Vec<BatchColumn> = Vec::new();
    let mut push = |name: &'static str, required: bool| {
        if let Some(w) = out.iter_mut().find(|w| w.name == name) {
            w.required |= required;
        } else {
            out.push(BatchColumn { name, required });
        }
    };
    for k in shape.by {
        match *k {
            Key::Column(c) => push(c, true),
            Key::Field(f) => push(f, !optional(info, f) && f != "body"),
            Key::Year { of, .. } => push(of, true),
        }
    }
    for (k, f) in info.fields.iter().enumerate() {
        if !per_row(&shape, f) {
            continue;
        }
        push(f, !info.optional.get(k).copied().unwrap_or(true) && *f != "body");
    }
    if let Some((_, items)) = shape.list {
        for (k, c) in items.iter().enumerate() {
            push(c, k == 0);
        }
    }
    Ok(out)
}

/// Whether input field `f` is read from its own column, row by row (not a
/// group's key, not the list the rows fill).
fn per_row(shape: &Shape, f: &str) -> bool {
    let keyed = shape
        .by
        .iter()
        .any(|k| matches!(*k, Key::Field(x) | Key::Year { field: x, .. } if x == f));
    !keyed && shape.list.is_none_or(|(l, _)| l != f)
}

/// The caller's name for each column rule `id`'s batch reads, in the order
/// of [`columns`]: `renames` maps the engine's name to the caller's where
/// they differ. Renaming a column the batch does not read is an error, so a
/// misspelt name is not silently ignored.
///
/// ```
/// let names = kcsp_core::batch::caller_names("quorum", [("meeting_id", "id")]).unwrap();
/// assert_eq!(names[1], ("meeting_id", "id".to_string()));
/// let e = kcsp_core::batch::caller_names("quorum", [("meeting", "id")]).unwrap_err();
/// assert_eq!((e.code(), e.field()), ("invalid_input", "columns"));
/// ```
pub fn caller_names<'a>(
    id: &str,
    renames: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Vec<(&'static str, String)>> {
    let wanted = columns(id)?;
    let mut out: Vec<(&'static str, String)> = wanted.iter().map(|w| (w.name, w.name.to_string())).collect();
    for (engine, caller) in renames {
        match out.iter_mut().find(|(n, _)| *n == engine) {
            Some((_, c)) => *c = caller.to_string(),
            None => {
                let names: Vec<&str> = wanted.iter().map(|w| w.name).collect();
                return Err(Error::new(
                    ErrorKind::InvalidInput,
                    "columns",
                    format!("'{}' is not a column of {id} batches", quote(engine)),
                )
                .with("allowed", names.join(", ")));
            }
        }
    }
    Ok(out)
}

fn optional(info: &RuleInfo, field: &str) -> bool {
    info.fields
        .iter()
        .position(|f| *f == field)
        .and_then(|k| info.optional.get(k).copied())
        .unwrap_or(true)
}

/// Rule `id` over the rows of `sheet`, in `ctx` (any partnership, any
/// calendar). Fails as a whole only for what no row can fix: an unknown
/// rule, a required column missing, columns of different lengths, a value
/// given once that contradicts its column.
pub fn run(ctx: &Context, id: &str, sheet: &Sheet<'_>) -> Result<Table> {
    let (info, shape, sheet) = prepared(ctx, id, sheet)?;
    if let Some(fast) = shape.fast {
        let engine = Generic {
            ctx,
            info,
            shape,
            sheet: &sheet,
        };
        if let Some(t) = fast(ctx, &sheet, &engine) {
            return Ok(t);
        }
    }
    Ok(generic(ctx, info, &shape, &sheet))
}

/// [`run`] without the rule's faster path: the generic engine alone, which
/// every faster path must answer as. For tests that hold them to it.
#[doc(hidden)]
pub fn run_generic(ctx: &Context, id: &str, sheet: &Sheet<'_>) -> Result<Table> {
    let (info, shape, sheet) = prepared(ctx, id, sheet)?;
    Ok(generic(ctx, info, &shape, &sheet))
}

/// One request of a batch: what [`run`] decides for one row of its
/// [`Table`].
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The group's keys, as the table's first columns hold them (for
    /// `quorum`: the body and the meeting).
    pub key: Vec<Value>,
    /// The caller's rows it was built from (positions in the sheet).
    pub rows: Vec<usize>,
    /// The rule's input, or `None` where a row of the group could not be
    /// read ([`run`] reports why, row by row).
    pub input: Option<Map<String, Value>>,
}

/// The requests rule `id`'s batch over `sheet` decides, one per group, in
/// the order of first appearance: for a caller that wants each decision
/// whole (with its citations and figures) where the table keeps a reason.
/// Fails as [`run`] does.
///
/// ```
/// use kcsp_core::{batch, table::{Sheet, Values}, Context};
/// use serde_json::json;
/// let meeting = Values(vec![json!("m1"), json!("m1"), json!(null)]);
/// let date = Values(vec![json!("2022-07-14"); 3]);
/// let org = Values(vec![json!("kent_police"), json!("kent_county_council"), json!("kent_police")]);
/// let sheet = Sheet { rows: 3, columns: vec![("meeting_id", &meeting), ("date", &date), ("organisation", &org)],
///     names: vec![], values: Default::default(), labels: None };
/// let r = batch::requests(Context::kent(), "quorum", &sheet).unwrap();
/// assert_eq!(r[0].key, [json!("kcsp"), json!("m1")]);
/// assert_eq!(r[0].input.as_ref().unwrap()["present"], json!(["kent_police", "kent_county_council"]));
/// assert_eq!((r[1].rows.as_slice(), r[1].input.is_none()), (&[2][..], true));
/// ```
pub fn requests(ctx: &Context, id: &str, sheet: &Sheet<'_>) -> Result<Vec<Request>> {
    let (info, shape, sheet) = prepared(ctx, id, sheet)?;
    let mut groups = groups(&shape, &sheet);
    let mut inputs: Vec<Map<String, Value>> = groups.iter_mut().map(|g| request(info, &shape, &sheet, g)).collect();
    if let Some(whole) = shape.whole {
        whole(ctx, &mut inputs);
    }
    Ok(groups
        .into_iter()
        .zip(inputs)
        .map(|(g, input)| Request {
            input: g.errors.is_empty().then_some(input),
            key: g.key,
            rows: g.rows,
        })
        .collect())
}

/// The checks of [`run`] that no row can fix, and the sheet with the
/// values it implies (a body not given is the partnership's principal body).
fn prepared<'a>(ctx: &Context, id: &str, sheet: &Sheet<'a>) -> Result<(&'static RuleInfo, Shape, Sheet<'a>)> {
    let info = registry::info(id)?;
    let shape = registry::shape(id).unwrap_or(Shape::ROWS);
    for w in columns(id)? {
        if w.required && sheet.column(w.name).is_none() && !sheet.values.contains_key(w.name) {
            let have: Vec<&str> = sheet.columns.iter().map(|(n, _)| *n).collect();
            return Err(Error::new(
                ErrorKind::InvalidInput,
                w.name,
                format!(
                    "the data has no column '{}' (it has {})",
                    quote(sheet.caller_name(w.name)),
                    if have.is_empty() {
                        "none".to_string()
                    } else {
                        have.join(", ")
                    }
                ),
            ));
        }
    }
    for (name, c) in &sheet.columns {
        if c.len() != sheet.rows {
            return Err(Error::new(
                ErrorKind::InvalidInput,
                *name,
                format!(
                    "column '{}' has {} rows, expected {}",
                    quote(sheet.caller_name(name)),
                    c.len(),
                    sheet.rows
                ),
            ));
        }
    }
    let mut values = sheet.values.clone();
    for (name, given) in &sheet.values {
        if let Some(c) = sheet.column(name) {
            for row in 0..sheet.rows {
                let v = c.value(row).unwrap_or(Value::Null);
                if !v.is_null() && &v != given {
                    return Err(Error::new(
                        ErrorKind::InvalidInput,
                        name.clone(),
                        format!(
                            "{name} {given} was given, but the data's column '{}' says {v} ({})",
                            quote(sheet.caller_name(name)),
                            sheet.field(row, name)
                        ),
                    ));
                }
            }
        }
    }
    // A body not given is the partnership's principal body (as for a request).
    if info.fields.contains(&"body") && sheet.column("body").is_none() && !values.contains_key("body") {
        if let Ok(b) = ctx.partnership().principal_body() {
            values.insert("body".to_string(), Value::String(b.to_string()));
        }
    }
    let sheet = Sheet {
        rows: sheet.rows,
        columns: sheet.columns.clone(),
        names: sheet.names.clone(),
        values,
        labels: sheet.labels,
    };
    Ok((info, shape, sheet))
}

/// Rule `id` over `data` given as JSON, in `ctx`: columns
/// (`{"meeting_id": [...], "date": [...]}`, a column given as one value
/// standing for every row) or an array of row objects. `columns` maps the
/// engine's column names to the data's ([`caller_names`]); `values` gives
/// input fields once for every row (a `null` one is not given). The
/// WebAssembly package's batches, and any caller holding JSON, go this way.
///
/// ```
/// use serde_json::json;
/// let rows = json!([
///     {"id": "m1", "date": "2022-07-14", "organisation": "kent_police"},
///     {"id": "m1", "date": "2022-07-14", "organisation": "kent_polise"},
/// ]);
/// let renames = json!({"meeting_id": "id"});
/// let t = kcsp_core::batch::run_json(kcsp_core::Context::kent(), "quorum", &rows,
///     renames.as_object().unwrap(), &Default::default()).unwrap();
/// assert_eq!(t.rows(), 1);
/// assert_eq!(t.errors[0].error.field(), "rows[1].organisation");
/// ```
pub fn run_json(
    ctx: &Context,
    id: &str,
    data: &Value,
    columns: &Map<String, Value>,
    values: &Map<String, Value>,
) -> Result<Table> {
    let mut renames = Vec::with_capacity(columns.len());
    for (engine, caller) in columns {
        match caller {
            Value::String(c) => renames.push((engine.as_str(), c.as_str())),
            _ => {
                return Err(Error::new(
                    ErrorKind::InvalidInput,
                    format!("columns.{engine}"),
                    "a column's name must be text",
                ))
            }
        }
    }
    let names = caller_names(id, renames)?;
    let column = |name: &str| -> Option<crate::boundary::table::Values> {
        use crate::boundary::table::Values;
        match data {
            Value::Object(m) => m.get(name).map(|c| match c {
                Value::Array(a) => Values(a.clone()),
                one => Values(vec![one.clone()]),
            }),
            Value::Array(rows) => rows
                .iter()
                .any(|r| r.get(name).is_some())
                .then(|| Values(rows.iter().map(|r| r.get(name).cloned().unwrap_or_default()).collect())),
            _ => None,
        }
    };
    if !matches!(data, Value::Object(_) | Value::Array(_)) {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "data",
            "the data must be columns (an object of arrays) or rows (an array of objects)",
        ));
    }
    let read: Vec<(&str, crate::boundary::table::Values)> =
        names.iter().filter_map(|(n, c)| Some((*n, column(c)?))).collect();
    let sheet = Sheet {
        rows: match data {
            Value::Array(rows) => rows.len(),
            _ => read.first().map_or(0, |(_, c)| c.0.len()),
        },
        columns: read.iter().map(|(n, c)| (*n, c as &dyn Column)).collect(),
        names: names.iter().map(|(n, c)| (*n, c.as_str())).collect(),
        values: values
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        labels: None,
    };
    run(ctx, id, &sheet)
}

/// A group of rows: one request.
struct Group {
    key: Vec<Value>,
    rows: Vec<usize>,
    errors: Vec<(Option<usize>, Error)>,
}

fn key_name(k: &Key) -> &'static str {
    match *k {
        Key::Column(c) | Key::Field(c) => c,
        Key::Year { field, .. } => field,
    }
}

/// The cell of a key: text as it is, a date's financial year.
fn key_cell(sheet: &Sheet<'_>, k: &Key, row: usize) -> std::result::Result<Value, (String, Error)> {
    let missing = |col: &str| {
        (
            col.to_string(),
            Error::new(
                ErrorKind::InvalidInput,
                sheet.field(row, col),
                format!("the {col} is missing"),
            ),
        )
    };
    match *k {
        Key::Column(c) | Key::Field(c) => match sheet.column(c) {
            Some(col) => match col.value(row) {
                Ok(Value::Null) if matches!(k, Key::Column(_)) => Err(missing(c)),
                Ok(v) => Ok(v),
                Err(e) => Err((c.to_string(), e.at(sheet.field(row, c)))),
            },
            None => Ok(sheet.values.get(c).cloned().unwrap_or(Value::Null)),
        },
        Key::Year { of, .. } => match sheet.column(of).map(|c| c.date(row)) {
            Some(Ok(Some(d))) => Ok(Value::String(FinancialYear::containing(d).to_string())),
            Some(Ok(None)) | None => Err(missing(of)),
            Some(Err(e)) => Err((of.to_string(), e.at(sheet.field(row, of)))),
        },
    }
}

fn groups(shape: &Shape, sheet: &Sheet<'_>) -> Vec<Group> {
    if shape.by.is_empty() {
        return if shape.list.is_some() {
            vec![Group {
                key: Vec::new(),
                rows: (0..sheet.rows).collect(),
                errors: Vec::new(),
            }]
        } else {
            (0..sheet.rows)
                .map(|r| Group {
                    key: Vec::new(),
                    rows: vec![r],
                    errors: Vec::new(),
                })
                .collect()
        };
    }
    let mut out: Vec<Group> = Vec::new();
    // Groups by the text of their keys, built in one buffer: a row of a
    // group already seen costs no allocation.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut text = String::new();
    for row in 0..sheet.rows {
        text.clear();
        if shape.by.iter().all(|k| key_text(sheet, k, row, &mut text)) {
            if let Some(group) = index.get(text.as_str()).and_then(|&g| out.get_mut(g)) {
                group.rows.push(row);
                continue;
            }
        } else {
            text.clear();
        }
        let mut key = Vec::with_capacity(shape.by.len());
        let mut errors = Vec::new();
        for k in shape.by {
            match key_cell(sheet, k, row) {
                Ok(v) => key.push(v),
                Err((_, e)) => {
                    key.push(Value::Null);
                    errors.push((Some(row), e));
                }
            }
        }
        if !errors.is_empty() {
            // A row whose key cannot be read is a group of its own.
            out.push(Group {
                key,
                rows: vec![row],
                errors,
            });
            continue;
        }
        if text.is_empty() {
            // Keys that are not text: grouped by their JSON.
            text = format!("\u{0}{}", Value::Array(key.clone()));
            if let Some(group) = index.get(text.as_str()).and_then(|&g| out.get_mut(g)) {
                group.rows.push(row);
                continue;
            }
        }
        index.insert(text.clone(), out.len());
        out.push(Group {
            key,
            rows: vec![row],
            errors: Vec::new(),
        });
    }
    out
}

/// Appends the text of a key's cell to `text` (a separator after it);
/// `false` when the cell is not text (or a date, for a year key).
fn key_text(sheet: &Sheet<'_>, k: &Key, row: usize, text: &mut String) -> bool {
    let ok = match *k {
        Key::Column(c) | Key::Field(c) => match sheet.column(c) {
            Some(col) => match col.text(row) {
                Ok(Some(t)) => {
                    text.push_str(t);
                    true
                }
                _ => false,
            },
            None => match sheet.values.get(c) {
                Some(Value::String(t)) => {
                    text.push_str(t);
                    true
                }
                None | Some(Value::Null) => true,
                Some(_) => false,
            },
        },
        Key::Year { of, .. } => match sheet.column(of).map(|c| c.date(row)) {
            Some(Ok(Some(d))) => {
                text.push_str(&FinancialYear::containing(d).to_string());
                true
            }
            _ => false,
        },
    };
    text.push('\u{1f}');
    ok
}

/// A list field's text cell as a CSV keeps it: items separated by `;` (or `,`).
fn split_list(v: Value) -> Value {
    match v {
        Value::String(s) => {
            let sep = if s.contains(';') { ';' } else { ',' };
            Value::Array(
                s.split(sep)
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(|t| Value::String(t.to_string()))
                    .collect(),
            )
        }
        other => other,
    }
}

/// The request of a group: values given once, keys, the fields read from
/// the group's first row (the same in every row), and the list of items.
fn request(info: &RuleInfo, shape: &Shape, sheet: &Sheet<'_>, group: &mut Group) -> Map<String, Value> {
    let mut map = sheet.values.clone();
    for (k, v) in shape.by.iter().zip(&group.key) {
        if let Key::Field(f) | Key::Year { field: f, .. } = *k {
            if !v.is_null() {
                map.insert(f.to_string(), v.clone());
            }
        }
    }
    let first = group.rows.first().copied();
    for (k, f) in info.fields.iter().enumerate() {
        if !per_row(shape, f) {
            continue;
        }
        let (Some(col), Some(first)) = (sheet.column(f), first) else {
            continue;
        };
        let is_list = info.lists.get(k).copied().unwrap_or(false);
        let read = |row: usize| col.value(row).map(|v| if is_list { split_list(v) } else { v });
        // Text the same as the first row's is compared where it lies (a
        // group of many rows repeats it).
        let first_text = if is_list { None } else { col.text(first).ok().flatten() };
        let same = |row: usize| first_text.is_some() && col.text(row).ok().flatten() == first_text;
        match read(first) {
            Ok(v) => {
                for &row in group.rows.iter().skip(1) {
                    if same(row) {
                        continue;
                    }
                    if let Ok(other) = read(row) {
                        if other.is_null() && !v.is_null() {
                            group.errors.push((
                                Some(row),
                                Error::new(
                                    ErrorKind::InvalidInput,
                                    sheet.field(row, f),
                                    format!("the {f} is missing ({} has {v})", sheet.field(first, f)),
                                ),
                            ));
                        } else if other != v {
                            group.errors.push((
                                Some(row),
                                Error::new(
                                    ErrorKind::InvalidInput,
                                    sheet.field(row, f),
                                    format!(
                                        "{other} differs from {v} in {} of the same group",
                                        sheet.field(first, f)
                                    ),
                                ),
                            ));
                        }
                    }
                }
                if !v.is_null() {
                    map.insert((*f).to_string(), v);
                }
            }
            Err(e) => group.errors.push((Some(first), e.at(sheet.field(first, f)))),
        }
    }
    if let Some((list, items)) = shape.list {
        let cols: Vec<(&str, &dyn Column)> = items
            .iter()
            .filter_map(|c| sheet.column(c).map(|col| (*c, col)))
            .collect();
        let mut out = Vec::with_capacity(group.rows.len());
        for &row in &group.rows {
            let item = if let ([(name, col)], 1) = (cols.as_slice(), items.len()) {
                col.value(row).map_err(|e| e.at(sheet.field(row, name)))
            } else {
                let mut obj = Map::new();
                let mut err = None;
                for (name, col) in &cols {
                    match col.value(row) {
                        Ok(Value::Null) => {}
                        Ok(v) => {
                            obj.insert((*name).to_string(), v);
                        }
                        Err(e) => err = err.or(Some(e.at(sheet.field(row, name)))),
                    }
                }
                err.map_or(Ok(Value::Object(obj)), Err)
            };
            match item {
                Ok(v) => out.push(v),
                Err(e) => {
                    out.push(Value::Null);
                    group.errors.push((Some(row), e));
                }
            }
        }
        map.insert(list.to_string(), Value::Array(out));
    }
    map
}

/// An error of a group's request, named by the caller's row and column.
fn located(shape: &Shape, sheet: &Sheet<'_>, group: &Group, e: Error) -> (Option<usize>, Error) {
    let f = e.field().to_string();
    let first = group.rows.first().copied();
    let head_len = f.find(['.', '[']).unwrap_or(f.len());
    let (head, rest) = f.split_at(head_len);
    if let Some((list, items)) = shape.list {
        if head == list {
            let parsed = rest
                .strip_prefix('[')
                .and_then(|r| r.split_once(']'))
                .and_then(|(k, tail)| Some((k.parse::<usize>().ok()?, tail)));
            if let Some((k, tail)) = parsed {
                if let Some(&row) = group.rows.get(k) {
                    let field = match items {
                        [one] => format!("{}{tail}", sheet.field(row, one)),
                        _ => {
                            let tail = tail.strip_prefix('.').unwrap_or(tail);
                            let sub_len = tail.find(['.', '[']).unwrap_or(tail.len());
                            let (sub, more) = tail.split_at(sub_len);
                            format!("{}{more}", sheet.field(row, sub))
                        }
                    };
                    return (Some(row), e.at(field));
                }
            }
        }
    }
    if sheet.values.contains_key(head) && sheet.column(head).is_none() {
        return (None, e);
    }
    let column = shape
        .by
        .iter()
        .find_map(|k| match *k {
            Key::Year { field, of } if field == head => Some(of),
            _ => None,
        })
        .unwrap_or(head);
    match first {
        Some(row) if sheet.column(column).is_some() => (Some(row), e.at(format!("{}{rest}", sheet.field(row, column)))),
        Some(row) if shape.by.is_empty() && shape.list.is_none() => {
            let field = if f.is_empty() {
                sheet.field(row, "")
            } else {
                format!("{}{rest}", sheet.field(row, head))
            };
            (Some(row), e.at(field))
        }
        _ => (first, e),
    }
}

/// A group's answer: the cells of its result, or every error found in it
/// (each with the caller's row it came from), sorted by row.
type GroupAnswer = (Option<Vec<(String, Cell)>>, Vec<(Option<usize>, Error)>);

fn decide_group(
    ctx: &Context,
    info: &RuleInfo,
    shape: &Shape,
    sheet: &Sheet<'_>,
    group: &Group,
    req: Map<String, Value>,
) -> GroupAnswer {
    let mut found: Vec<(Option<usize>, Error)> = group.errors.clone();
    let mut answer = None;
    if found.is_empty() {
        let value = Value::Object(req);
        match registry::decide_in(ctx, info.id, &value) {
            Ok(out) => answer = Some(out.cells()),
            Err(e) => {
                let mut all = registry::validate_in(ctx, info.id, &value);
                if all.is_empty() {
                    all.push(e);
                }
                found.extend(all.into_iter().map(|e| located(shape, sheet, group, e)));
            }
        }
    }
    found.sort_by_key(|(r, _)| r.unwrap_or(usize::MAX));
    (answer, found)
}

/// What a faster path asks of the generic engine (see [`Engine`]).
struct Generic<'a> {
    ctx: &'a Context,
    info: &'static RuleInfo,
    shape: Shape,
    sheet: &'a Sheet<'a>,
}

impl Engine for Generic<'_> {
    fn validate(&self, input: &Value) -> Vec<Error> {
        registry::validate_in(self.ctx, self.info.id, input)
    }
    fn refused(&self, key: Vec<Value>, rows: Vec<usize>) -> Option<Vec<(Option<usize>, Error)>> {
        let mut group = Group {
            key,
            rows,
            errors: Vec::new(),
        };
        let req = request(self.info, &self.shape, self.sheet, &mut group);
        match decide_group(self.ctx, self.info, &self.shape, self.sheet, &group, req) {
            (None, found) => Some(found),
            (Some(_), _) => None,
        }
    }
}

fn generic(ctx: &Context, info: &RuleInfo, shape: &Shape, sheet: &Sheet<'_>) -> Table {
    let mut groups = groups(shape, sheet);
    let mut requests: Vec<Map<String, Value>> = groups.iter_mut().map(|g| request(info, shape, sheet, g)).collect();
    if let Some(whole) = shape.whole {
        whole(ctx, &mut requests);
    }
    let mut rows: Vec<Option<Vec<(String, Cell)>>> = Vec::with_capacity(groups.len());
    let mut errors: Vec<RowError> = Vec::new();
    for (k, (group, req)) in groups.iter().zip(requests).enumerate() {
        let (answer, found) = decide_group(ctx, info, shape, sheet, group, req);
        errors.extend(
            found
                .into_iter()
                .map(|(source, error)| RowError { row: k, source, error }),
        );
        rows.push(answer);
    }
    // The columns: the keys, then every result field in order of first appearance.
    let mut names: Vec<String> = shape
        .by
        .iter()
        .map(|k| sheet.caller_name(key_name(k)).to_string())
        .collect();
    let keys = names.len();
    for r in rows.iter().flatten() {
        for (n, _) in r {
            let is_key = shape.by.iter().any(|k| key_name(k) == n);
            if !is_key && !names.contains(n) {
                names.push(n.clone());
            }
        }
    }
    let n = groups.len();
    let mut columns: Vec<(String, Vec<Cell>)> = names.into_iter().map(|name| (name, Vec::with_capacity(n))).collect();
    for (group, row) in groups.iter().zip(&mut rows) {
        for (c, (_, col)) in columns.iter_mut().enumerate() {
            if c < keys {
                let dated = matches!(shape.by.get(c), Some(Key::Field(_)));
                col.push(group.key.get(c).map_or(Cell::Null, |v| key_value(v, dated)));
            } else {
                col.push(Cell::Null);
            }
        }
        if let Some(cells) = row.take() {
            for (name, cell) in cells {
                if let Some((_, col)) = columns.iter_mut().skip(keys).find(|(n, _)| *n == name) {
                    if let Some(last) = col.last_mut() {
                        *last = cell;
                    }
                }
            }
        }
    }
    // Each column of one type (see `Cells::from_cells`).
    let columns = columns.into_iter().map(|(n, c)| (n, Cells::from_cells(c))).collect();
    Table { columns, errors }.with_errors(n)
}

/// A key's cell: its text, or its JSON.
fn key_value(v: &Value, dated: bool) -> Cell {
    match v {
        Value::Null => Cell::Null,
        Value::String(s) => match crate::base::dates::parse_date("", s) {
            Ok(d) if dated && s.len() == 10 => Cell::Date(d),
            _ => Cell::Text(s.clone()),
        },
        Value::Bool(b) => Cell::Bool(*b),
        Value::Number(x) => x.as_i64().map_or_else(|| Cell::Text(x.to_string()), Cell::Int),
        other => Cell::Json(other.clone()),
    }
}
