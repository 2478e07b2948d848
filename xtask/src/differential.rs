//! `cargo run -p xtask -- differential N SEED DIR`: the cases of the
//! differential test (`tests/differential`) and the Rust answers to them.
//!
//! Requests are generated from the registry's description of each rule's
//! input ([`Kind`] and the field's type), valid and invalid, in generated
//! contexts (Kent's, and partnerships and calendars made up here). Each
//! request is decided alone, and the requests of a rule and context are also
//! turned into the rows of a batch (as the rule's batch shape reads them) and
//! decided together. Every language's runner writes the same answers file;
//! `tests/lib/differential.py` compares them.
//!
//! Files written to DIR: `cases.json` (`contexts`, `singles`, `batches`) and
//! `rust.json` (`singles`, `batches`: each `{"ok": …}` or `{"error": [code, field]}`).

use fastrand::Rng;
use kcsp_core::input::{Field, Kind};
use kcsp_core::registry::{descriptions, RuleDescription};
use kcsp_core::table::{Key, Shape, Sheet, Values};
use kcsp_core::{batch, json, Calendar, Context, Error, Partnership};
use serde_json::{json, Map, Value};
use std::path::Path;

/// How many requests a batch takes at most.
const BATCH: usize = 64;

/// A generated context: its definition and calendar changes (`null` for
/// Kent's and England and Wales's), and the ids requests draw from.
struct Made {
    partnership: Value,
    calendar: Value,
    orgs: Vec<String>,
    bodies: Vec<String>,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let usage = || "usage: cargo run -p xtask -- differential N SEED DIR".to_string();
    let n: usize = args.first().and_then(|a| a.parse().ok()).ok_or_else(usage)?;
    let seed: u64 = args.get(1).and_then(|a| a.parse().ok()).ok_or_else(usage)?;
    let dir = Path::new(args.get(2).ok_or_else(usage)?);
    let mut rng = Rng::with_seed(seed);
    let mut made = vec![kent()];
    for k in 0..7 {
        made.push(partnership(&mut rng, k));
    }
    let rules: Vec<&RuleDescription> = descriptions().iter().collect();
    let mut singles = Vec::with_capacity(n);
    for i in 0..n {
        let rule = rules[i % rules.len()];
        let c = rng.usize(..made.len());
        let mut input = object(&mut rng, rule.input, &made[c]);
        if rng.u8(..100) < 15 {
            spoil(&mut rng, &mut input, rule.input);
        }
        singles.push(json!({"rule": rule.id, "context": c, "input": input}));
    }
    let batches = batches(&singles);
    let contexts: Vec<Value> = made
        .iter()
        .map(|m| json!({"partnership": m.partnership, "calendar": m.calendar}))
        .collect();
    let cases = json!({"seed": seed, "contexts": contexts, "singles": singles, "batches": batches});
    let ctxs: Vec<Result<Context, Error>> = made.iter().map(context).collect();
    let single_answers: Vec<Value> = singles
        .iter()
        .map(|s| {
            let ctx = &ctxs[s["context"].as_u64().unwrap_or(0) as usize];
            answer(
                ctx.as_ref()
                    .map_err(Clone::clone)
                    .and_then(|ctx| json::evaluate_in(ctx, s["rule"].as_str().unwrap_or_default(), &s["input"])),
            )
        })
        .collect();
    let batch_answers: Vec<Value> = batches
        .iter()
        .map(|b| {
            let ctx = &ctxs[b["context"].as_u64().unwrap_or(0) as usize];
            answer(ctx.as_ref().map_err(Clone::clone).and_then(|ctx| run_batch(ctx, b)))
        })
        .collect();
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let write = |name: &str, v: &Value| std::fs::write(dir.join(name), v.to_string()).map_err(|e| e.to_string());
    write("cases.json", &cases)?;
    write(
        "rust.json",
        &json!({"singles": single_answers, "batches": batch_answers}),
    )?;
    Ok(())
}

fn answer(r: Result<Value, Error>) -> Value {
    match r {
        Ok(v) => json!({ "ok": v }),
        Err(e) => json!({"error": [e.code(), e.field()]}),
    }
}

fn context(m: &Made) -> Result<Context, Error> {
    let mut ctx = Context::kent().clone();
    if !m.partnership.is_null() {
        ctx = ctx.with_partnership(Partnership::from_json(&m.partnership.to_string())?);
    }
    if !m.calendar.is_null() {
        ctx = ctx.with_calendar(Calendar::from_json(&m.calendar.to_string())?);
    }
    Ok(ctx)
}

/// A batch through `kcsp_core::batch`, its table as JSON: `columns` in
/// order (`[name, cells]`), `errors` as `[row, source, code, field]`.
fn run_batch(ctx: &Context, b: &Value) -> Result<Value, Error> {
    let rule = b["rule"].as_str().unwrap_or_default();
    let data = b["data"].as_object().cloned().unwrap_or_default();
    let cols: Vec<(String, Values)> = data
        .iter()
        .map(|(k, v)| (k.clone(), Values(v.as_array().cloned().unwrap_or_default())))
        .collect();
    let rows = cols.first().map_or(0, |(_, c)| c.0.len());
    let sheet = Sheet {
        rows,
        columns: cols
            .iter()
            .map(|(n, c)| (n.as_str(), c as &dyn kcsp_core::table::Column))
            .collect(),
        names: Vec::new(),
        values: Map::new(),
        labels: None,
    };
    let t = batch::run(ctx, rule, &sheet)?;
    let columns: Vec<Value> = t
        .columns
        .iter()
        .map(|(n, cells)| json!([n, cells.iter().map(|c| c.to_value()).collect::<Vec<_>>()]))
        .collect();
    let errors: Vec<Value> = t
        .errors
        .iter()
        .map(|e| json!([e.row, e.source, e.error.code(), e.error.field()]))
        .collect();
    Ok(json!({"columns": columns, "errors": errors}))
}

/// Kent's context: the built-in definition's ids.
fn kent() -> Made {
    let p = Context::kent().partnership();
    Made {
        partnership: Value::Null,
        calendar: Value::Null,
        orgs: p.organisations().iter().map(|o| o.id.as_str().to_string()).collect(),
        bodies: p.bodies().iter().map(|b| b.id.as_str().to_string()).collect(),
    }
}

fn date(rng: &mut Rng) -> String {
    format!("{}-{:02}-{:02}", rng.i32(2018..2029), rng.u32(1..13), rng.u32(1..29))
}

/// A partnership definition in the format of FORMAT.md, and a calendar.
fn partnership(rng: &mut Rng, k: usize) -> Made {
    let orgs: Vec<String> = (0..rng.usize(3..9)).map(|i| format!("org_{k}_{i}")).collect();
    let organisations: Vec<Value> = orgs
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let mut o = json!({"id": id, "name": format!("Organisation {i}")});
            match rng.u8(..10) {
                0 => o["to"] = json!(date(rng)),
                1 => o["from"] = json!(date(rng)),
                2 if i > 0 => o["attendee_only"] = json!(true),
                _ => {}
            }
            o
        })
        .collect();
    let bodies: Vec<String> = (0..rng.usize(1..3)).map(|b| format!("body_{b}")).collect();
    let defs: Vec<Value> = bodies
        .iter()
        .map(|id| {
            let mut seats: Vec<Value> = orgs
                .iter()
                .enumerate()
                .filter_map(|(i, o)| {
                    if rng.bool() {
                        return None;
                    }
                    let mut holder = json!({ "organisation": o });
                    if rng.u8(..6) == 0 {
                        holder["to"] = json!(date(rng));
                    }
                    Some(json!({"id": format!("seat_{i}"), "name": format!("Seat {i}"), "holders": [holder]}))
                })
                .collect();
            // A quorum of seats needs a body with seats: at least one.
            if seats.is_empty() {
                seats.push(json!({"id": "seat_0", "name": "Seat 0", "holders": [{"organisation": orgs[0]}]}));
            }
            let terms: Vec<Value> = (0..rng.usize(1..3))
                .map(|t| {
                    let mut terms = json!({
                        "quorum": {"basis": if rng.bool() { "seats" } else { "organisations" },
                                   "required": rng.u32(1..5), "open_membership": rng.u8(..5) == 0},
                        "chair": if rng.bool() { json!({"kind": "elected", "term_months": rng.u32(6..37)}) }
                                 else { json!({"kind": "ex_officio", "holder": orgs[0]}) },
                        "review": {"interval_months": rng.u32(6..25)},
                    });
                    if t > 0 {
                        terms["from"] = json!(date(rng));
                    }
                    if rng.u8(..4) > 0 {
                        terms["papers"] = json!({"working_days": rng.u32(0..11),
                            "counting": if rng.bool() { "clear" } else { "dispatch_day_counts" }});
                    }
                    if rng.bool() {
                        terms["removal"] = json!({"numerator": rng.u32(1..3), "denominator": 3,
                            "basis": if rng.bool() { "all_seats" } else { "seats_present" }});
                    }
                    terms["cadence"] = match rng.u8(..4) {
                        0 => json!({"kind": "per_year", "meetings": rng.u32(1..7)}),
                        1 => json!({"kind": "quarterly"}),
                        2 => json!({"kind": "before_each", "body": "body_0"}),
                        _ => Value::Null,
                    };
                    if terms["cadence"].is_null() {
                        terms.as_object_mut().map(|t| t.remove("cadence"));
                    }
                    terms
                })
                .collect();
            json!({"id": id, "name": format!("Body {id}"), "seats": seats, "terms": terms})
        })
        .collect();
    let calendar = if rng.bool() {
        json!({"add": (0..rng.usize(0..4)).map(|_| date(rng)).collect::<Vec<_>>(),
               "remove": (0..rng.usize(0..3)).map(|_| date(rng)).collect::<Vec<_>>()})
    } else {
        Value::Null
    };
    let mut ids = orgs.clone();
    ids.push("unknown_org".to_string());
    Made {
        partnership: json!({"name": format!("Generated partnership {k}"), "organisations": organisations, "bodies": defs}),
        calendar,
        orgs: ids,
        bodies: bodies.clone(),
    }
}

/// A value of `kind` for field `f`.
fn value(rng: &mut Rng, f: &Field, kind: &Kind, m: &Made) -> Value {
    match *kind {
        Kind::Text if f.rust_type.contains("OrgId") => {
            if rng.u8(..20) == 0 {
                json!("not_listed")
            } else {
                json!(m.orgs[rng.usize(..m.orgs.len())])
            }
        }
        Kind::Text if f.rust_type.contains("BodyId") => {
            if rng.u8(..20) == 0 {
                json!("no_such_body")
            } else {
                json!(m.bodies[rng.usize(..m.bodies.len())])
            }
        }
        Kind::Text if f.rust_type.contains("Timescale") => match rng.u8(..4) {
            0 => json!("Ongoing"),
            1 => json!(format!("{}-{:02}", rng.i32(2021..2026), rng.u32(1..13))),
            _ => json!(format!("March {}", rng.i32(2021..2026))),
        },
        Kind::Text => json!(["a", "b", "p1", "p2", "x"][rng.usize(..5)]),
        // Dates in a list (meetings, approvals, events) mostly before the
        // dates a request is judged on.
        Kind::Date if f.rust_type.starts_with("Vec") => {
            json!(format!(
                "{}-{:02}-{:02}",
                rng.i32(2018..2025),
                rng.u32(1..13),
                rng.u32(1..29)
            ))
        }
        Kind::Date => json!(date(rng)),
        Kind::Money => json!(format!("{}.{:02}", rng.u32(0..60000), rng.u32(0..100))),
        Kind::Year => {
            let y = rng.i32(2018..2029);
            json!(format!("{y}/{:02}", (y + 1) % 100))
        }
        Kind::Bool => json!(rng.bool()),
        Kind::Count => json!(rng.u32(0..12)),
        Kind::Choice { values } => json!(values[rng.usize(..values.len())]),
        // A list of stages: often the lifecycle's own order (a prefix of the
        // choices as declared), else any.
        Kind::List {
            item: Kind::Choice { values },
        } if rng.bool() => Value::Array(
            values
                .iter()
                .take(rng.usize(1..=values.len()))
                .map(|v| json!(v))
                .collect(),
        ),
        Kind::List { item } => Value::Array((0..rng.usize(0..7)).map(|_| value(rng, f, item, m)).collect()),
        Kind::Object { fields, .. } => object(rng, fields, m),
        _ => Value::Null,
    }
}

fn object(rng: &mut Rng, fields: &[Field], m: &Made) -> Value {
    let mut out = Map::new();
    for f in fields {
        if f.optional && rng.bool() {
            if rng.u8(..4) == 0 {
                out.insert(f.name.to_string(), Value::Null);
            }
            continue;
        }
        out.insert(f.name.to_string(), value(rng, f, &f.kind, m));
    }
    Value::Object(out)
}

/// One field made wrong: a bad date or amount, a float for money, a wrong
/// type, a key missing or unknown, a required field null.
fn spoil(rng: &mut Rng, input: &mut Value, fields: &[Field]) {
    let Some(obj) = input.as_object_mut() else { return };
    let Some(f) = fields.get(rng.usize(..fields.len().max(1))) else {
        return;
    };
    let bad = match (rng.u8(..6), &f.kind) {
        (0, _) => {
            obj.remove(f.name);
            return;
        }
        (1, _) => {
            obj.insert("colour".to_string(), json!("red"));
            return;
        }
        (2, _) => Value::Null,
        (_, Kind::Date) => json!(["2022-02-30", "31/02/2022", "", "2022-7-4"][rng.usize(..4)]),
        (_, Kind::Money) => [json!(39661.5), json!("-5.00"), json!("12,000"), json!("1.005")][rng.usize(..4)].clone(),
        (_, Kind::Year) => json!(["2022/24", "2022", "22/23"][rng.usize(..3)]),
        (_, Kind::List { .. }) => json!("not a list"),
        (_, Kind::Bool) => json!("yes"),
        // A wrong type in every language (a JSON integer would be its
        // decimal text in Python, where an `int` is exact).
        _ => json!(true),
    };
    obj.insert(f.name.to_string(), bad);
}

/// The batches: the requests of each rule and context in runs of at most
/// [`BATCH`], each request turned into rows as the rule's batch reads them.
fn batches(singles: &[Value]) -> Vec<Value> {
    let mut groups: Vec<((String, u64), Vec<usize>)> = Vec::new();
    for (i, s) in singles.iter().enumerate() {
        let key = (
            s["rule"].as_str().unwrap_or_default().to_string(),
            s["context"].as_u64().unwrap_or(0),
        );
        match groups.iter_mut().rev().find(|(k, v)| *k == key && v.len() < BATCH) {
            Some((_, v)) => v.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    groups
        .into_iter()
        .map(|((rule, c), requests)| {
            let shape = kcsp_core::registry::shape(&rule).unwrap_or(Shape::ROWS);
            let names: Vec<&str> = batch::columns(&rule)
                .map(|w| w.into_iter().map(|w| w.name).collect())
                .unwrap_or_default();
            let mut data: Map<String, Value> = names.iter().map(|n| (n.to_string(), json!([]))).collect();
            for &i in &requests {
                for row in rows(&shape, &singles[i]["input"], i) {
                    for n in &names {
                        if let Some(Value::Array(col)) = data.get_mut(*n) {
                            col.push(row.get(*n).cloned().unwrap_or(Value::Null));
                        }
                    }
                }
            }
            // A column no row fills is left out, as a caller's data would.
            data.retain(|_, v| v.as_array().is_some_and(|a| a.iter().any(|x| !x.is_null())));
            json!({"rule": rule, "context": c, "requests": requests, "data": data})
        })
        .collect()
}

/// A request as rows: one row for a per-row rule; one per item of its list
/// for a grouped one (keyed by a meeting id made from the request's index).
fn rows(shape: &Shape, input: &Value, i: usize) -> Vec<Map<String, Value>> {
    let Some(obj) = input.as_object() else {
        return vec![Map::new()];
    };
    let mut base = obj.clone();
    for k in shape.by {
        match *k {
            Key::Column(c) => {
                base.insert(c.to_string(), json!(format!("r{i}")));
            }
            Key::Year { field, .. } => {
                base.remove(field);
            }
            _ => {}
        }
    }
    let Some((list, items)) = shape.list else {
        return vec![base];
    };
    base.remove(list);
    match obj.get(list) {
        Some(Value::Array(a)) if !a.is_empty() => a
            .iter()
            .map(|item| {
                let mut row = base.clone();
                match (items, item) {
                    ([one], v) => {
                        row.insert(one.to_string(), v.clone());
                    }
                    (_, Value::Object(o)) => row.extend(o.clone()),
                    (_, _) => {}
                }
                row
            })
            .collect(),
        _ => Vec::new(),
    }
}
