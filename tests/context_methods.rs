//! The context methods (`Partnership::seats`, `organisations`, `bodies`) on
//! the table of cases every language runs (`tests/contexts/cases.json`).

use chrono::NaiveDate;
use kcsp_core::Partnership;
use serde_json::{json, Value};

fn partnership(cases: &Value, which: &Value) -> Partnership {
    match which.as_str() {
        Some("kent") => kcsp_core::Context::kent().partnership().clone(),
        Some(name) => Partnership::from_value(&cases["definitions"][name]).unwrap(),
        None => panic!("a case names its partnership"),
    }
}

fn date(args: &Value) -> kcsp_core::Result<Option<NaiveDate>> {
    args.get("date")
        .and_then(Value::as_str)
        .map(|d| kcsp_core::dates::parse_date("date", d))
        .transpose()
}

fn answer(p: &Partnership, method: &str, args: &Value) -> kcsp_core::Result<Value> {
    Ok(match method {
        "seats" => {
            let body = args["body"].as_str().unwrap_or_default();
            let d = date(args)?.unwrap();
            let seats = p.seats(body, d)?;
            json!(seats
                .iter()
                .map(|s| json!([s.id.as_str(), s.holder.as_str()]))
                .collect::<Vec<_>>())
        }
        "organisations" => {
            let list = p.organisations_for(date(args)?, args.get("body").and_then(Value::as_str))?;
            json!(list.iter().map(|o| o.id.as_str()).collect::<Vec<_>>())
        }
        "bodies" => json!(p.bodies().iter().map(|b| b.id.as_str()).collect::<Vec<_>>()),
        "problems" => {
            let found = Partnership::problems_in_json(args["text"].as_str().unwrap_or_default());
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
    assert!(list.len() >= 10);
    for case in list {
        let p = partnership(&cases, &case["partnership"]);
        let got = answer(&p, case["method"].as_str().unwrap(), &case["args"]);
        match (&case["expect"], &case["error"], got) {
            (want, Value::Null, Ok(got)) => assert_eq!(&got, want, "{}", case["name"]),
            (Value::Null, want, Err(e)) => {
                assert_eq!(json!({"code": e.code(), "field": e.field()}), *want, "{}", case["name"])
            }
            (_, _, got) => panic!("{}: {got:?}", case["name"]),
        }
    }
}
