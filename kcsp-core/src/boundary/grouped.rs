//! The batch shapes of the rules whose requests gather several rows
//! (the registry names them; [`crate::batch`] runs them): an attendance
//! register's meetings, a register's cadence years, a year's grant
//! projects, an action plan's items. And the quorum's faster path for a
//! whole register, which answers as the generic engine does.

// A family build (one cargo feature) registers only its own rules' shapes.
#![cfg_attr(
    not(all(feature = "governance", feature = "grants", feature = "csa")),
    allow(dead_code)
)]

use crate::base::year::FinancialYear;
use crate::boundary::table::{Cells, Column, Key, Lists, Shape, Sheet, Table, Texts};
use crate::definitions::context::Context;
use crate::rules::quorum;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Attendance rows (`body`, `meeting`, `date`, `organisation`: one row per
/// person present) grouped into meetings keyed by body and meeting.
pub(crate) const QUORUM: Shape = Shape {
    by: &[Key::Field("body"), Key::Column("meeting_id")],
    list: Some(("present", &["organisation"])),
    whole: None,
    fast: Some(register_quorum),
};

/// A register of meetings (`body`, `date`: one row per meeting) grouped
/// into body and financial year; a `before_each` body is checked against
/// the other body's meetings in the same register.
pub(crate) const CADENCE: Shape = Shape {
    by: &[
        Key::Field("body"),
        Key::Year {
            field: "year",
            of: "date",
        },
    ],
    list: Some(("meetings", &["date"])),
    whole: Some(other_meetings),
    fast: None,
};

/// Grant projects (one row each, with its `year` and the year's
/// `allocation`) grouped into years.
pub(crate) const LEDGER: Shape = Shape {
    by: &[Key::Field("year")],
    list: Some(("projects", &["name", "round", "amount", "decision", "spent"])),
    whole: None,
    fast: None,
};

/// Action plan items (one row each) grouped by the date of the review.
pub(crate) const PLAN: Shape = Shape {
    by: &[Key::Field("as_of")],
    list: Some(("items", &["id", "priority", "status", "timescale"])),
    whole: None,
    fast: None,
};

/// Fills each cadence request's `other_meetings`: the meetings, in the same
/// register, of the body its cadence must precede (any year).
fn other_meetings(ctx: &Context, requests: &mut [Map<String, Value>]) {
    let mut by_body: HashMap<String, Vec<Value>> = HashMap::new();
    for r in requests.iter() {
        if let (Some(Value::String(b)), Some(Value::Array(m))) = (r.get("body"), r.get("meetings")) {
            by_body.entry(b.clone()).or_default().extend(m.iter().cloned());
        }
    }
    for r in requests.iter_mut() {
        let (Some(Value::String(b)), Some(Value::String(y))) = (r.get("body"), r.get("year")) else {
            continue;
        };
        let Ok(year) = FinancialYear::parse("year", y) else {
            continue;
        };
        let other = crate::rules::cadence::precedes(ctx, b, year).and_then(|other| by_body.get(other));
        if let Some(m) = other {
            let mut m = m.clone();
            m.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
            m.dedup();
            r.insert("other_meetings".to_string(), Value::Array(m));
        }
    }
}

/// A register's attendance rows read a block at a time (one call to each
/// column per block, not one per cell); `None` for a row that cannot be
/// read, after which it stops.
struct Blocks<'a> {
    meeting: &'a dyn Column,
    date: &'a dyn Column,
    org: &'a dyn Column,
    /// The next row to read into the block, and the row to stop at.
    next: usize,
    end: usize,
    /// The block, and how far into it the rows have been taken.
    at: usize,
    m: Vec<Option<&'a str>>,
    d: Vec<Option<chrono::NaiveDate>>,
    o: Vec<Option<&'a str>>,
}

impl<'a> Blocks<'a> {
    const SIZE: usize = 1024;

    fn new(meeting: &'a dyn Column, date: &'a dyn Column, org: &'a dyn Column, end: usize) -> Blocks<'a> {
        Blocks {
            meeting,
            date,
            org,
            next: 0,
            end,
            at: 0,
            m: Vec::new(),
            d: Vec::new(),
            o: Vec::new(),
        }
    }

    /// Reads the next block; `false` when a cell cannot be read.
    fn fill(&mut self) -> bool {
        let n = Self::SIZE.min(self.end - self.next);
        self.m.resize(n, None);
        self.d.resize(n, None);
        self.o.resize(n, None);
        let read = self.meeting.texts_into(self.next, &mut self.m).is_ok()
            && self.date.dates_into(self.next, &mut self.d).is_ok()
            && self.org.texts_into(self.next, &mut self.o).is_ok();
        self.next += n;
        self.at = 0;
        read
    }
}

impl<'a> Iterator for Blocks<'a> {
    type Item = Option<quorum::Attendance<'a>>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.m.len() {
            if self.next >= self.end {
                return None;
            }
            if !self.fill() {
                return Some(None);
            }
        }
        let k = self.at;
        self.at += 1;
        let row = || {
            Some(quorum::Attendance {
                meeting: self.m.get(k).copied().flatten()?,
                date: self.d.get(k).copied().flatten()?,
                organisation: self.o.get(k).copied().flatten()?,
            })
        };
        Some(row())
    }
}

/// A meeting of the register's answers, with the body it was judged as.
struct Out<'a> {
    first: usize,
    body: &'a str,
    q: quorum::MeetingQuorum<'a>,
}

/// The meetings of one body's rows (`rows`: each attendance row, `None` for
/// one that cannot be read; `at` maps the k-th of them to its register row)
/// into `out`; `None` when a row cannot be read or a meeting cannot be judged.
fn meetings_of<'a>(
    ctx: &'a Context,
    body: &'a str,
    rows: impl Iterator<Item = Option<quorum::Attendance<'a>>>,
    at: impl Fn(usize) -> Option<usize>,
    out: &mut Vec<Out<'a>>,
) -> Option<()> {
    let failed = std::cell::Cell::new(false);
    let attendance = rows.map_while(|a| {
        failed.set(a.is_none());
        a
    });
    let batch = quorum::batch(ctx, body, attendance).ok()?;
    if failed.get() {
        return None;
    }
    out.reserve(batch.meetings.len());
    for q in batch.meetings {
        if q.error.is_some() {
            return None;
        }
        out.push(Out {
            first: at(q.first_row)?,
            body,
            q,
        });
    }
    Some(())
}

/// The `conditions` column: each meeting's conditions as JSON, as the
/// generic engine writes them (a register repeats a handful of them, so
/// each is written once and copied).
fn conditions(out: &[Out<'_>]) -> Cells {
    let mut seen: Vec<(&[quorum::ConditionResult], Value)> = Vec::new();
    let mut cells = crate::boundary::table::JsonCells::with_capacity(out.len());
    for o in out {
        let c = o.q.conditions.as_slice();
        match seen.iter().find(|(k, _)| *k == c) {
            Some((_, v)) => cells.push(v),
            None => {
                let v = serde_json::to_value(c).unwrap_or(Value::Null);
                cells.push(&v);
                if seen.len() < 64 {
                    seen.push((c, v));
                }
            }
        }
    }
    Cells::Json(cells)
}

/// The quorum of a whole attendance register at once, body by body, with
/// the organisations resolved once ([`quorum::batch`]). `None` when a row
/// cannot be read or a meeting cannot be judged: the generic engine then
/// answers, with every error of every row.
fn register_quorum(ctx: &Context, sheet: &Sheet<'_>) -> Option<Table> {
    let meeting = sheet.column("meeting_id")?;
    let date = sheet.column("date")?;
    let org = sheet.column("organisation")?;
    let body_col = sheet.column("body");
    let fixed = match sheet.values.get("body") {
        Some(Value::String(b)) => Some(b.as_str()),
        _ => None,
    };
    let read = |row: usize| -> Option<quorum::Attendance<'_>> {
        Some(quorum::Attendance {
            meeting: meeting.text(row).ok()??,
            date: date.date(row).ok()??,
            organisation: org.text(row).ok()??,
        })
    };
    let mut out: Vec<Out<'_>> = Vec::new();
    // Rows by body, in order of the body's first row; a register of one
    // body (the common case) streams its rows, a block at a time, with
    // nothing gathered first.
    let mut bodies: Vec<(&str, Vec<usize>)> = Vec::new();
    match (body_col, fixed) {
        (None, Some(b)) => bodies.push((b, Vec::new())),
        (None, None) => return None,
        (Some(c), _) => {
            for row in 0..sheet.rows {
                let b = c.text(row).ok()??;
                match bodies.iter_mut().find(|(x, _)| *x == b) {
                    Some((_, list)) => list.push(row),
                    None => bodies.push((b, vec![row])),
                }
            }
            if let [(_, list)] = bodies.as_mut_slice() {
                *list = Vec::new();
            }
        }
    }
    let several = bodies.len() > 1;
    for (body, list) in &bodies {
        if list.is_empty() {
            let rows = Blocks::new(meeting, date, org, sheet.rows);
            meetings_of(ctx, body, rows, Some, &mut out)?;
        } else {
            let rows = list.iter().map(|&r| read(r));
            meetings_of(ctx, body, rows, |k| list.get(k).copied(), &mut out)?;
        }
    }
    if several {
        out.sort_by_key(|o| o.first);
    }
    let n = out.len();
    // Written straight into typed columns: no cell is allocated on its own.
    let texts = |f: &dyn for<'o> Fn(&'o Out<'o>) -> &'o str| {
        // Sized first, so that the buffer is never moved as it grows.
        let bytes = out.iter().map(|o| f(o).len()).sum();
        let mut t = Texts::with_capacity(n, bytes);
        out.iter().for_each(|o| t.push(Some(f(o))));
        Cells::Text(t)
    };
    let lists = |f: &dyn for<'o> Fn(&'o Out<'o>) -> &'o [&'o str]| {
        let items = out.iter().map(|o| f(o).len()).sum();
        let bytes = out.iter().flat_map(f).map(|s| s.len()).sum();
        let mut l = Lists::of_texts_sized(n, items, bytes);
        out.iter().for_each(|o| l.push_texts(f(o)));
        Cells::List(Box::new(l))
    };
    let ints = |f: &dyn Fn(&Out<'_>) -> u32| Cells::Int(out.iter().map(|o| Some(i64::from(f(o)))).collect());
    let columns = vec![
        (sheet.caller_name("body").to_string(), texts(&|o| o.body)),
        (sheet.caller_name("meeting_id").to_string(), texts(&|o| o.q.meeting)),
        (
            "date".to_string(),
            Cells::Date(out.iter().map(|o| Some(o.q.date)).collect()),
        ),
        ("basis".to_string(), texts(&|o| o.q.basis.as_str())),
        (
            "quorate".to_string(),
            Cells::Bool(out.iter().map(|o| Some(o.q.quorate)).collect()),
        ),
        ("count".to_string(), ints(&|o| o.q.count)),
        ("required".to_string(), ints(&|o| o.q.required)),
        ("conditions".to_string(), conditions(&out)),
        ("represented".to_string(), lists(&|o| &o.q.represented)),
        ("missing".to_string(), lists(&|o| &o.q.missing)),
        ("not_counted".to_string(), lists(&|o| &o.q.not_counted)),
        ("reason".to_string(), texts(&|o| &o.q.reason)),
    ];
    Some(
        Table {
            columns,
            errors: Vec::new(),
        }
        .with_errors(n),
    )
}
