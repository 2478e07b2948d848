//! One quorum count, three front ends: over every quorum vector of
//! `tests/vectors/`, the single check, the batch over an attendance register
//! and the typed-array path give the same result, reason text included, or
//! fail with the same code.

use chrono::NaiveDate;
use kcsp_core::quorum::{self, Attendance};
use kcsp_core::{Context, Partnership};
use serde_json::Value;
use std::path::Path;

#[test]
fn single_batch_and_coded_agree_on_every_quorum_vector() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut compared = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        if doc["rule"] != "quorum" || doc.get("mode").is_some() {
            continue;
        }
        for case in doc["cases"].as_array().unwrap() {
            let input = &case["input"];
            let ctx = match input.get("partnership") {
                Some(p) => match Partnership::from_value(p) {
                    Ok(p) => Context::kent().clone().with_partnership(p),
                    Err(_) => continue, // a bad definition: no quorum to count
                },
                None => Context::kent().clone(),
            };
            let body = input["body"].as_str().unwrap_or("");
            let Some(date) = input["date"]
                .as_str()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            else {
                continue;
            };
            let present: Vec<&str> = input["present"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let id = format!("{}:{}", path.file_name().unwrap().to_string_lossy(), case["id"]);

            let single = quorum::check(&ctx, body, date, &present);
            let mut ids: Vec<&str> = present.clone();
            ids.sort_unstable();
            ids.dedup();
            let codes: Vec<u16> = present
                .iter()
                .map(|p| ids.iter().position(|i| i == p).unwrap() as u16)
                .collect();
            let ends = [codes.len() as u32];
            let coded = quorum::coded(&ctx, body, &ids, &codes, &ends, &[date]).map(|mut q| q.remove(0));
            let rows: Vec<Attendance> = present
                .iter()
                .map(|o| Attendance {
                    meeting: "m",
                    date,
                    organisation: o,
                })
                .collect();
            let batch = quorum::batch(&ctx, body, rows.iter().copied());

            match (&single, &coded) {
                (Ok(s), Ok(c)) => {
                    assert_eq!(
                        (s.quorate, s.count, s.required),
                        (c.quorate, c.count, c.required),
                        "{id}"
                    );
                    assert_eq!(s.explanation.reason, &*c.reason, "{id}");
                }
                (Err(a), Err(b)) => assert_eq!(a.code(), b.code(), "{id}"),
                (a, b) => panic!("{id}: single {a:?}, coded {b:?}"),
            }
            match (&single, &batch) {
                (Ok(s), Ok(b)) if present.is_empty() => assert!(b.meetings.is_empty(), "{id}: {s:?}"),
                (Err(a), Ok(b)) if !present.is_empty() => {
                    // A bad row is kept as its meeting's error.
                    let e = b.meetings[0]
                        .error
                        .as_ref()
                        .unwrap_or_else(|| panic!("{id}: no error kept"));
                    assert_eq!(a.code(), e.code(), "{id}");
                }
                (Ok(s), Ok(b)) => {
                    let m = &b.meetings[0];
                    assert!(m.error.is_none(), "{id}: {:?}", m.error);
                    assert_eq!(
                        (s.quorate, s.count, s.required),
                        (m.quorate, m.count, m.required),
                        "{id}"
                    );
                    assert_eq!(s.represented, m.represented, "{id}");
                    assert_eq!(s.missing, m.missing, "{id}");
                    assert_eq!(s.explanation.reason, &*m.reason, "{id}");
                }
                (Err(a), Err(b)) => assert_eq!(a.code(), b.code(), "{id}"),
                (a, b) => panic!("{id}: single {a:?}, batch {b:?}"),
            }
            compared += 1;
        }
    }
    assert!(compared >= 30, "only {compared} quorum cases compared");
}
