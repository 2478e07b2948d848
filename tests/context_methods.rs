//! The context methods (`kcsp_core::api`: the one core function each
//! binding's `Partnership` and `Calendar` method calls) on the table of
//! cases every language runs (`tests/contexts/cases.json`).

use chrono::NaiveDate;
use kcsp_core::api::{calendar, partnership};
use kcsp_core::{Calendar, Partnership};
use serde_json::{json, Value};

fn the_partnership(cases: &Value, which: &Value) -> Partnership {
    match which.as_str() {
        Some("kent") => partnership::kent().unwrap(),
        Some(name) => partnership::from_json(&cases["definitions"][name].to_string()).unwrap(),
        None => panic!("a case names its partnership"),
    }
}

fn the_calendar(which: &Value) -> Calendar {
    match which {
        Value::String(s) if s == "england_and_wales" => calendar::new().unwrap(),
        changes => calendar::from_json(&changes.to_string()).unwrap(),
    }
}

fn date(args: &Value) -> kcsp_core::Result<Option<NaiveDate>> {
    args.get("date")
        .and_then(Value::as_str)
        .map(|d| kcsp_core::dates::parse_date("date", d))
        .transpose()
}

fn text<'a>(args: &'a Value, key: &str) -> Option<&'a str> {
    args.get(key).and_then(Value::as_str)
}

/// The dates of a calendar's bank holidays in `year`.
fn holidays(c: &Calendar, year: i32) -> kcsp_core::Result<Value> {
    let days = calendar::bank_holidays(c, year)?;
    Ok(json!(days.iter().map(|h| h.date.to_string()).collect::<Vec<_>>()))
}

fn answer(cases: &Value, case: &Value) -> kcsp_core::Result<Value> {
    let args = &case["args"];
    if !case["calendar"].is_null() {
        let c = the_calendar(&case["calendar"]);
        let year_of = |d: Option<NaiveDate>| d.map_or(0, |d| chrono::Datelike::year(&d));
        return match case["method"].as_str().unwrap() {
            "bank_holidays" => holidays(&c, args["year"].as_i64().unwrap() as i32),
            "add" => {
                let d = date(args)?;
                holidays(&calendar::add(&c, d.unwrap(), text(args, "name"))?, year_of(d))
            }
            "remove" => {
                let d = date(args)?;
                holidays(&calendar::remove(&c, d.unwrap())?, year_of(d))
            }
            other => panic!("no method {other}"),
        };
    }
    let p = the_partnership(cases, &case["partnership"]);
    Ok(match case["method"].as_str().unwrap() {
        "seats" => {
            let seats = partnership::seats(&p, text(args, "body").unwrap(), date(args)?.unwrap())?;
            json!(seats
                .iter()
                .map(|s| json!([s.id.as_str(), s.holder.as_str()]))
                .collect::<Vec<_>>())
        }
        "organisations" => {
            let list = partnership::organisations(&p, date(args)?, text(args, "body"))?;
            json!(list.iter().map(|o| o.id.as_str()).collect::<Vec<_>>())
        }
        "bodies" => json!(partnership::bodies(&p)?
            .iter()
            .map(|b| b.id.as_str())
            .collect::<Vec<_>>()),
        "problems" => {
            let found = partnership::problems(text(args, "text").unwrap())?;
            json!(found.iter().map(|e| json!([e.code(), e.field()])).collect::<Vec<_>>())
        }
        other => panic!("no method {other}"),
    })
}

#[test]
fn every_case_of_the_table() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/contexts/cases.json")).unwrap();
    let cases: Value = serde_json::from_str(&text).unwrap();
    let list = cases["cases"].as_array().unwrap();
    assert!(list.len() >= 25);
    for case in list {
        match (&case["expect"], &case["error"], answer(&cases, case)) {
            (want, Value::Null, Ok(got)) => assert_eq!(&got, want, "{}", case["name"]),
            (Value::Null, want, Err(e)) => {
                assert_eq!(json!({"code": e.code(), "field": e.field()}), *want, "{}", case["name"])
            }
            (_, _, got) => panic!("{}: {got:?}", case["name"]),
        }
    }
}

/// Every method of the table is a method of every binding's generated
/// code, and no binding has one the table lacks.
#[test]
fn the_bindings_offer_the_table() {
    let root = env!("CARGO_MANIFEST_DIR");
    let py = std::fs::read_to_string(format!("{root}/kcsp-py/src/methods.rs")).unwrap();
    let wasm = std::fs::read_to_string(format!("{root}/kcsp-wasm/src/methods.rs")).unwrap();
    for m in kcsp_core::api::METHODS {
        let call = format!("kcsp_core::api::{}::{}(", m.class.to_lowercase(), m.name);
        assert!(py.contains(&call), "Python lacks {}.{}", m.class, m.name);
        let browser = m.args.iter().all(|a| a.kind != kcsp_core::api::ArgKind::File);
        assert_eq!(wasm.contains(&call), browser, "WebAssembly and {}.{}", m.class, m.name);
    }
    let calls = |s: &str| {
        ["partnership", "calendar", "rules"]
            .iter()
            .map(|class| s.matches(&format!("kcsp_core::api::{class}::")).count())
            .sum::<usize>()
    };
    let files = kcsp_core::api::METHODS
        .iter()
        .filter(|m| m.args.iter().any(|a| a.kind == kcsp_core::api::ArgKind::File))
        .count();
    assert_eq!(calls(&py), kcsp_core::api::METHODS.len());
    assert_eq!(calls(&wasm), kcsp_core::api::METHODS.len() - files);
}
