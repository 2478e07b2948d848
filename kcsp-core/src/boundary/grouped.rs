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

use crate::base::error::Error;
use crate::base::year::FinancialYear;
use crate::boundary::table::{Cells, Column, Engine, JsonCells, Key, Lists, RowError, Shape, Sheet, Table, Texts};
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

/// A meeting of the register's answers, with the body it was judged as
/// and the register row it starts at (borrowed from its body's batch).
#[derive(Clone, Copy)]
struct Out<'o, 'a> {
    first: usize,
    body: &'a str,
    q: &'o quorum::MeetingQuorum<'a>,
}

/// Rows to a quorum batch: `failed` is set, and the rows end, at the first
/// that cannot be read.
fn readable<'a, 'f>(
    rows: impl Iterator<Item = Option<quorum::Attendance<'a>>> + 'f,
    failed: &'f std::cell::Cell<bool>,
) -> impl Iterator<Item = quorum::Attendance<'a>> + 'f {
    rows.map_while(move |a| {
        failed.set(a.is_none());
        a
    })
}

/// The meetings of one body's rows (`rows`: each attendance row, `None` for
/// one that cannot be read); `None` when a row cannot be read or a meeting
/// cannot be judged.
fn meetings_of<'a>(
    ctx: &'a Context,
    body: &'a str,
    rows: impl Iterator<Item = Option<quorum::Attendance<'a>>>,
) -> Option<Vec<quorum::MeetingQuorum<'a>>> {
    let failed = std::cell::Cell::new(false);
    let batch = quorum::batch(ctx, body, readable(rows, &failed)).ok()?;
    if failed.get() || batch.meetings.iter().any(|q| q.error.is_some()) {
        return None;
    }
    Some(batch.meetings)
}

/// The quorum of a whole attendance register at once, body by body, with
/// the organisations resolved once ([`quorum::batch`]). When a row cannot
/// be read or a meeting cannot be judged, the register is taken meeting by
/// meeting ([`by_meeting`]); `None` leaves it to the generic engine, with
/// every error of every row.
fn register_quorum(ctx: &Context, sheet: &Sheet<'_>, engine: &dyn Engine) -> Option<Table> {
    whole_register(ctx, sheet).or_else(|| by_meeting(ctx, sheet, engine))
}

/// A register's columns: meeting, date, organisation, body (where the
/// data has one), and the body given once for every row.
struct Register<'s> {
    meeting: &'s dyn Column,
    date: &'s dyn Column,
    org: &'s dyn Column,
    body: Option<&'s dyn Column>,
    fixed: Option<&'s str>,
}

impl<'s> Register<'s> {
    /// Row `row` as an attendance, `None` when a cell cannot be read.
    fn read(&self, row: usize) -> Option<quorum::Attendance<'s>> {
        Some(quorum::Attendance {
            meeting: self.meeting.text(row).ok()??,
            date: self.date.date(row).ok()??,
            organisation: self.org.text(row).ok()??,
        })
    }
}

fn register_columns<'s>(sheet: &'s Sheet<'_>) -> Option<Register<'s>> {
    Some(Register {
        meeting: sheet.column("meeting_id")?,
        date: sheet.column("date")?,
        org: sheet.column("organisation")?,
        body: sheet.column("body"),
        fixed: match sheet.values.get("body") {
            Some(Value::String(b)) => Some(b.as_str()),
            _ => None,
        },
    })
}

fn whole_register(ctx: &Context, sheet: &Sheet<'_>) -> Option<Table> {
    let reg = register_columns(sheet)?;
    let (meeting, date, org) = (reg.meeting, reg.date, reg.org);
    let read = |row: usize| reg.read(row);
    // Rows by body, in order of the body's first row; a register of one
    // body (the common case) streams its rows, a block at a time, with
    // nothing gathered first.
    let mut bodies: Vec<(&str, Vec<usize>)> = Vec::new();
    match (reg.body, reg.fixed) {
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
    if let [(body, list)] = bodies.as_slice() {
        if list.is_empty() {
            // One body, streamed: each meeting written as it is judged (how
            // many meetings there are is not known until the end).
            let mut columns = Columns::with_capacity(0);
            let (failed, mut refused) = (std::cell::Cell::new(false), false);
            let rows = readable(Blocks::new(meeting, date, org, sheet.rows), &failed);
            quorum::batch_each(ctx, body, rows, |q| {
                refused |= q.error.is_some();
                if !refused {
                    columns.judged(body, &q);
                }
            })
            .ok()?;
            if failed.get() || refused {
                return None;
            }
            return Some(columns.table(sheet));
        }
    }
    let mut judged = Vec::with_capacity(bodies.len());
    for (body, list) in &bodies {
        judged.push(meetings_of(ctx, body, list.iter().map(|&r| read(r)))?);
    }
    // The meetings of every body, in order of their first row.
    let mut rows: Vec<Out<'_, '_>> = Vec::with_capacity(judged.iter().map(Vec::len).sum());
    for ((body, list), meetings) in bodies.iter().zip(&judged) {
        for q in meetings {
            let first = *list.get(q.first_row)?;
            rows.push(Out { first, body, q });
        }
    }
    rows.sort_by_key(|o| o.first);
    let mut columns = Columns::with_capacity(rows.len());
    rows.iter().for_each(|o| columns.judged(o.body, &o.q.view()));
    Some(columns.table(sheet))
}

/// A meeting of the register, by how it is answered.
enum Meeting<'a> {
    /// Every row dated: judged with the others of its body.
    Dated,
    /// Every row carries the same text that is not a date.
    Undated(&'a str),
    /// Anything else: answered by the generic engine.
    Other,
}

/// The register meeting by meeting: the meetings whose rows all read are
/// judged together, body by body, as [`whole_register`] judges them; a
/// meeting whose rows all carry the same text that is not a date keeps its
/// place with the one error the generic engine finds for it (its
/// `validate` asked once for each body, date text and organisation); any
/// other meeting (a cell that cannot be read, a meeting that cannot be
/// judged) is refused by the generic engine itself, with every error of
/// every row. `None` (the generic engine answers the whole register) only
/// when a key cannot be read as text.
///
/// Rows that cannot be read then cost about what good ones do (a register
/// of a million rows of `31/02/2022`), and one bad meeting does not send
/// the whole register down the generic path.
fn by_meeting(ctx: &Context, sheet: &Sheet<'_>, engine: &dyn Engine) -> Option<Table> {
    let reg = register_columns(sheet)?;
    let (meeting, date, org) = (reg.meeting, reg.date, reg.org);
    // Meetings keyed by body and meeting, in order of first appearance.
    let mut index: HashMap<(&str, &str), usize> = HashMap::new();
    let mut groups: Vec<(&str, &str, Vec<usize>)> = Vec::new();
    let mut last = usize::MAX;
    for row in 0..sheet.rows {
        let body = match reg.body {
            Some(c) => c.text(row).ok()??,
            None => reg.fixed?,
        };
        let m = meeting.text(row).ok()??;
        // A meeting's rows usually come together: the last group first.
        if let Some((b, x, rows)) = groups.get_mut(last) {
            if *b == body && *x == m {
                rows.push(row);
                continue;
            }
        }
        match index.get(&(body, m)).and_then(|&g| groups.get_mut(g)) {
            Some((_, _, rows)) => rows.push(row),
            None => {
                index.insert((body, m), groups.len());
                groups.push((body, m, vec![row]));
            }
        }
        last = index.get(&(body, m)).copied().unwrap_or(usize::MAX);
    }
    let mut kinds: Vec<Meeting<'_>> = Vec::with_capacity(groups.len());
    for (_, _, rows) in &groups {
        let first = *rows.first()?;
        let kind = if rows.iter().any(|&r| !matches!(org.text(r), Ok(Some(_)))) {
            Meeting::Other
        } else {
            match date.date(first) {
                Ok(Some(_)) if rows.iter().all(|&r| matches!(date.date(r), Ok(Some(_)))) => Meeting::Dated,
                Err(_) => match date.text(first) {
                    Ok(Some(text)) if rows.iter().all(|&r| matches!(date.text(r), Ok(Some(t)) if t == text)) => {
                        Meeting::Undated(text)
                    }
                    _ => Meeting::Other,
                },
                _ => Meeting::Other,
            }
        };
        kinds.push(kind);
    }
    // The dated meetings, body by body: the k-th of a body's meetings is
    // the k-th of its dated groups. One that cannot be judged is refused.
    let mut batches = Vec::new();
    let mut bodies: Vec<&str> = Vec::new();
    for (body, _, _) in &groups {
        if !bodies.contains(body) {
            bodies.push(body);
        }
    }
    let read = |row: usize| reg.read(row);
    for body in bodies {
        let of_body: Vec<usize> = (0..groups.len())
            .filter(|&g| matches!((groups.get(g), kinds.get(g)), (Some((b, _, _)), Some(Meeting::Dated)) if *b == body))
            .collect();
        if of_body.is_empty() {
            continue;
        }
        let rows: Vec<usize> = of_body
            .iter()
            .filter_map(|&g| groups.get(g))
            .flat_map(|(_, _, r)| r.iter().copied())
            .collect();
        let failed = std::cell::Cell::new(false);
        let attendance = rows.iter().map_while(|&r| {
            let a = read(r);
            failed.set(a.is_none());
            a
        });
        let batch = quorum::batch(ctx, body, attendance).ok()?;
        if failed.get() || batch.meetings.len() != of_body.len() {
            return None;
        }
        for (&g, q) in of_body.iter().zip(&batch.meetings) {
            if q.error.is_some() {
                *kinds.get_mut(g)? = Meeting::Other;
            }
        }
        batches.push((body, of_body, rows, batch.meetings));
    }
    let mut judged: Vec<Option<Out<'_, '_>>> = vec![None; groups.len()];
    for (body, of_body, rows, meetings) in &batches {
        for (&g, q) in of_body.iter().zip(meetings).filter(|(_, q)| q.error.is_none()) {
            let first = *rows.get(q.first_row)?;
            *judged.get_mut(g)? = Some(Out { first, body, q });
        }
    }
    // Every meeting's errors, in order. An undated meeting's is the date's
    // error alone when each of its organisations is valid (asked once per
    // body, text and organisation); any other meeting not judged is the
    // generic engine's, with every error of every row.
    let mut asked: HashMap<(&str, &str, &str), Option<Error>> = HashMap::new();
    let mut memo: [Option<(&str, &str, &str)>; 64] = [None; 64];
    let mut errors = Vec::new();
    for (k, ((body, m, rows), kind)) in groups.iter().zip(&kinds).enumerate() {
        let first = *rows.first()?;
        let undated = match kind {
            Meeting::Dated => continue,
            Meeting::Undated(text) => {
                // Each organisation asked once; the rows of a register name
                // a few of them, so most are found in a small memo first.
                let mut all = true;
                for &r in rows {
                    let Ok(Some(o)) = org.text(r) else {
                        all = false;
                        break;
                    };
                    let key = (*body, *text, o);
                    let slot = (o.len() ^ usize::from(o.as_bytes().last().copied().unwrap_or(0)).wrapping_mul(31)) % 64;
                    if memo.get(slot).is_some_and(|k| *k == Some(key)) {
                        continue;
                    }
                    let e = asked.entry(key).or_insert_with(|| {
                        let probe = serde_json::json!({"body": body, "date": text, "present": [o]});
                        match engine.validate(&probe).as_slice() {
                            [e] if e.field() == "date" => Some(e.clone()),
                            _ => None,
                        }
                    });
                    if e.is_none() {
                        all = false;
                        break;
                    }
                    if let Some(k) = memo.get_mut(slot) {
                        *k = Some(key);
                    }
                }
                let first_org = org.text(first).ok().flatten();
                all.then(|| first_org.and_then(|o| asked.get(&(*body, *text, o)).cloned().flatten()))
            }
            Meeting::Other => None,
        };
        match undated.flatten() {
            Some(e) => errors.push(RowError {
                row: k,
                source: Some(first),
                error: e.at(sheet.field(first, "date")),
            }),
            None => {
                let key = vec![Value::String((*body).to_string()), Value::String((*m).to_string())];
                let found = engine.refused(key, rows.clone())?;
                errors.extend(
                    found
                        .into_iter()
                        .map(|(source, error)| RowError { row: k, source, error }),
                );
            }
        }
    }
    let columns = if judged.iter().any(Option::is_some) {
        let mut columns = Columns::with_capacity(groups.len());
        for ((body, meeting, _), j) in groups.iter().zip(&judged) {
            match j {
                Some(o) => columns.judged(o.body, &o.q.view()),
                None => columns.refused(body, meeting),
            }
        }
        columns.finish(sheet)
    } else {
        // No meeting answered: the keys alone, as the generic engine has them.
        vec![
            (
                sheet.caller_name("body").to_string(),
                Cells::texts(groups.iter().map(|(b, _, _)| Some(*b))),
            ),
            (
                sheet.caller_name("meeting_id").to_string(),
                Cells::texts(groups.iter().map(|(_, m, _)| Some(*m))),
            ),
        ]
    };
    Some(Table { columns, errors }.with_errors(groups.len()))
}

/// The table's columns, written meeting by meeting straight into typed
/// columns (no cell is allocated on its own); a refused meeting has its
/// keys and nothing else.
struct Columns {
    body: Texts,
    meeting: Texts,
    date: Vec<Option<chrono::NaiveDate>>,
    basis: Texts,
    quorate: Vec<Option<bool>>,
    count: Vec<Option<i64>>,
    required: Vec<Option<i64>>,
    /// Each meeting's conditions as JSON, as the generic engine writes
    /// them: a register repeats a handful of them, so each is written once
    /// and the rows point at it (`seen`).
    conditions: JsonCells,
    seen: Vec<(Vec<quorum::ConditionResult>, u32)>,
    represented: Lists,
    missing: Lists,
    not_counted: Lists,
    reason: Texts,
}

impl Columns {
    /// Room for `n` meetings. Their text grows as it is written, with no
    /// guess at its size: a large guess takes fresh memory that two batches
    /// running in two threads then both fault in.
    fn with_capacity(n: usize) -> Columns {
        let texts = || Texts::with_capacity(n, 0);
        let lists = || Lists::of_texts_sized(n, 0, 0);
        Columns {
            body: texts(),
            meeting: texts(),
            date: Vec::with_capacity(n),
            basis: texts(),
            quorate: Vec::with_capacity(n),
            count: Vec::with_capacity(n),
            required: Vec::with_capacity(n),
            conditions: JsonCells::with_capacity(n),
            seen: Vec::new(),
            represented: lists(),
            missing: lists(),
            not_counted: lists(),
            reason: texts(),
        }
    }

    /// A meeting judged as a meeting of `body`.
    fn judged(&mut self, body: &str, q: &quorum::MeetingView<'_, '_>) {
        self.body.push(Some(body));
        self.meeting.push(Some(q.meeting));
        self.date.push(Some(q.date));
        self.basis.push(Some(q.basis.as_str()));
        self.quorate.push(Some(q.quorate));
        self.count.push(Some(i64::from(q.count)));
        self.required.push(Some(i64::from(q.required)));
        match self.seen.iter().find(|(c, _)| c.as_slice() == q.conditions) {
            Some(&(_, k)) => self.conditions.push_again(k),
            None => {
                let k = self
                    .conditions
                    .push(&serde_json::to_value(q.conditions).unwrap_or(Value::Null));
                if let (Some(k), true) = (k, self.seen.len() < 64) {
                    self.seen.push((q.conditions.to_vec(), k));
                }
            }
        }
        self.represented.push_texts(q.represented);
        self.missing.push_texts(q.missing);
        self.not_counted.push_texts(q.not_counted);
        self.reason.push(Some(q.reason));
    }

    /// A meeting refused: its keys alone.
    fn refused(&mut self, body: &str, meeting: &str) {
        self.body.push(Some(body));
        self.meeting.push(Some(meeting));
        self.date.push(None);
        self.basis.push(None);
        self.quorate.push(None);
        self.count.push(None);
        self.required.push(None);
        self.conditions.push(&Value::Null);
        self.represented.push_missing();
        self.missing.push_missing();
        self.not_counted.push_missing();
        self.reason.push(None);
    }

    /// The columns, named as the caller named the keys.
    fn finish(self, sheet: &Sheet<'_>) -> Vec<(String, Cells)> {
        vec![
            (sheet.caller_name("body").to_string(), Cells::Text(self.body)),
            (sheet.caller_name("meeting_id").to_string(), Cells::Text(self.meeting)),
            ("date".to_string(), Cells::Date(self.date)),
            ("basis".to_string(), Cells::Text(self.basis)),
            ("quorate".to_string(), Cells::Bool(self.quorate)),
            ("count".to_string(), Cells::Int(self.count)),
            ("required".to_string(), Cells::Int(self.required)),
            ("conditions".to_string(), Cells::Json(self.conditions)),
            ("represented".to_string(), Cells::List(Box::new(self.represented))),
            ("missing".to_string(), Cells::List(Box::new(self.missing))),
            ("not_counted".to_string(), Cells::List(Box::new(self.not_counted))),
            ("reason".to_string(), Cells::Text(self.reason)),
        ]
    }

    /// The table of judged meetings (no errors).
    fn table(self, sheet: &Sheet<'_>) -> Table {
        let n = self.date.len();
        Table {
            columns: self.finish(sheet),
            errors: Vec::new(),
        }
        .with_errors(n)
    }
}
