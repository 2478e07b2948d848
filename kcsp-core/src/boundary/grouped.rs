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
use crate::boundary::table::{Cells, Key, Lists, Shape, Sheet, Table, Texts};
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

/// The meetings of one body's rows (`rows`, or every row of the register
/// when empty), each with the register row it starts at; `None` when a row
/// cannot be read or a meeting cannot be judged.
fn meetings_of<'a>(
    ctx: &'a Context,
    body: &str,
    rows: &[usize],
    all: usize,
    read: &dyn Fn(usize) -> Option<quorum::Attendance<'a>>,
) -> Option<Vec<(usize, quorum::MeetingQuorum<'a>)>> {
    let at = |k: usize| if rows.is_empty() { Some(k) } else { rows.get(k).copied() };
    let count = if rows.is_empty() { all } else { rows.len() };
    let failed = std::cell::Cell::new(false);
    let attendance = (0..count).map_while(|k| {
        let a = at(k).and_then(read);
        failed.set(a.is_none());
        a
    });
    let batch = quorum::batch(ctx, body, attendance).ok()?;
    if failed.get() {
        return None;
    }
    batch
        .meetings
        .into_iter()
        .map(|q| {
            if q.error.is_some() {
                None
            } else {
                Some((at(q.first_row)?, q))
            }
        })
        .collect()
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
    struct Out<'a> {
        first: usize,
        body: &'a str,
        q: quorum::MeetingQuorum<'a>,
    }
    let mut out: Vec<Out<'_>> = Vec::new();
    // Rows by body, in order of the body's first row; a register of one
    // body (the common case) streams its rows with nothing gathered first.
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
    for (body, list) in &bodies {
        for (first, q) in meetings_of(ctx, body, list, sheet.rows, &read)? {
            out.push(Out { first, body, q });
        }
    }
    out.sort_by_key(|o| o.first);
    let n = out.len();
    // Written straight into typed columns: no cell is allocated on its own.
    let texts = |f: &dyn for<'o> Fn(&'o Out<'o>) -> &'o str| {
        let mut t = Texts::with_capacity(n, n * 16);
        out.iter().for_each(|o| t.push(Some(f(o))));
        Cells::Text(t)
    };
    let lists = |f: &dyn for<'o> Fn(&'o Out<'o>) -> &'o [&'o str]| {
        let mut l = Lists::of_texts(n);
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
