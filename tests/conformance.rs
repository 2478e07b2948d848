//! The Rust conformance runner (see `tests/vectors/FORMAT.md`).
//!
//! Runs every case of every `*.json` file in every folder named in
//! `KCSP_VECTORS` (separated by `:`), or the project's own `tests/vectors/`
//! when it is unset, through the public API of `kcsp-core`, and ends with
//! `N passed, N failed`. Unknown rules and unknown input keys fail.

use kcsp_core::json::{evaluate, validate};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Why a case is not run yet (from `tests/pending.json`, key `rust`), or
/// `None` when it is run. Anything neither implemented nor listed there fails.
fn pending(file: &str, doc: &Value, case: &Value) -> Option<String> {
    let list: Value = serde_json::from_str(include_str!("pending.json")).unwrap_or(Value::Null);
    let list = &list["rust"];
    if let Some((prefix, why)) = list["files"]
        .as_object()
        .and_then(|m| m.iter().find(|(p, _)| file.starts_with(p.as_str())))
    {
        return Some(format!("file {prefix}*, {}", why.as_str().unwrap_or_default()));
    }
    let rule = doc.get("rule").and_then(Value::as_str).unwrap_or("");
    let mode = doc.get("mode").and_then(Value::as_str).unwrap_or("");
    if let Some(why) = list["rules"][rule].as_str() {
        return Some(format!("rule {rule}, {why}"));
    }
    if let Some(why) = list["modes"][mode].as_str() {
        return Some(format!("mode {mode}, {why}"));
    }
    let keys = case.get("input").and_then(Value::as_object)?;
    keys.keys().find_map(|k| {
        list["input_keys"][k]
            .as_str()
            .map(|why| format!("input key {k}, {why}"))
    })
}

/// Keys whose lists compare as sets.
const SET_KEYS: &[&str] = &["represented", "missing", "warnings"];

/// A decimal string reduced to its digits either side of the point, so that
/// "26440" and "26440.00" compare equal without any floating point.
#[derive(PartialEq, Eq)]
struct Decimal(String, String);

fn decimal(v: &Value) -> Option<Decimal> {
    let s = v.as_str()?;
    let (i, f) = s.split_once('.').unwrap_or((s, ""));
    if i.is_empty() || !i.bytes().all(|b| b.is_ascii_digit()) || !f.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(Decimal(
        i.trim_start_matches('0').to_string(),
        f.trim_end_matches('0').to_string(),
    ))
}

fn equal(key: &str, expected: &Value, got: &Value) -> bool {
    match (expected, got) {
        (Value::Null, Value::Null) => true,
        (Value::String(a), Value::String(b)) if a == b => true,
        (Value::String(_), Value::String(_)) => match (decimal(expected), decimal(got)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
        (Value::Array(a), Value::Array(b)) if SET_KEYS.contains(&key) => {
            // Warnings are objects in results and codes in vectors: compare codes.
            let code = |v: &Value| v.get("code").unwrap_or(v).to_string();
            let mut a: Vec<String> = a.iter().map(code).collect();
            let mut b: Vec<String> = b.iter().map(code).collect();
            a.sort();
            a.dedup();
            b.sort();
            b.dedup();
            a == b
        }
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| equal("", x, y)),
        (a, b) => a == b,
    }
}

/// A validation case: the set of (code, field) pairs must be exactly `errors`.
fn judge_validation(rule: &str, case: &Value) -> Result<(), String> {
    let input = case.get("input").ok_or("case has no input")?;
    let want = case
        .get("errors")
        .and_then(Value::as_array)
        .ok_or("a validation case needs errors")?;
    let pair = |v: &Value| -> (String, String) {
        let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        (s("code"), s("field"))
    };
    let mut want: Vec<(String, String)> = want.iter().map(pair).collect();
    let got = validate(rule, input).map_err(|e| format!("not understood: {} ({})", e.message(), e.field()))?;
    let mut got: Vec<(String, String)> = got
        .iter()
        .map(|e| (e.code().to_string(), e.field().to_string()))
        .collect();
    want.sort();
    got.sort();
    if want == got {
        Ok(())
    } else {
        Err(format!("expected errors {want:?}, got {got:?}"))
    }
}

fn judge(rule: &str, case: &Value) -> Result<(), String> {
    let input = case
        .get("input")
        .filter(|i| i.is_object())
        .ok_or("case has no input object")?;
    let outcome = evaluate(rule, input);
    if let Err(e) = &outcome {
        // An unknown rule or input key fails the case whatever it expects.
        if e.code() == "invalid_input" && (e.field() == "rule" || e.message().contains("is not an input of this rule"))
        {
            return Err(format!("not understood: {} ({})", e.message(), e.field()));
        }
    }
    match (case.get("expect"), case.get("error"), outcome) {
        (Some(expect), None, Ok(result)) => {
            let expect = expect.as_object().ok_or("expect is not an object")?;
            for (k, want) in expect {
                let got = result.get(k).unwrap_or(&Value::Null);
                if !equal(k, want, got) {
                    return Err(format!("{k}: expected {want}, got {got}"));
                }
            }
            Ok(())
        }
        (Some(_), None, Err(e)) => Err(format!(
            "expected a result, got error {} ({}): {}",
            e.code(),
            e.field(),
            e.message()
        )),
        (None, Some(code), Err(e)) if code.as_str() == Some(e.code()) => Ok(()),
        (None, Some(code), Err(e)) => Err(format!(
            "expected error {code}, got error {} ({}): {}",
            e.code(),
            e.field(),
            e.message()
        )),
        (None, Some(code), Ok(r)) => Err(format!("expected error {code}, got a result: {r}")),
        _ => Err("a case needs exactly one of expect and error".into()),
    }
}

fn folders() -> Vec<PathBuf> {
    match std::env::var("KCSP_VECTORS") {
        Ok(v) if !v.is_empty() => v.split(':').filter(|s| !s.is_empty()).map(PathBuf::from).collect(),
        _ => vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")],
    }
}

fn main() -> ExitCode {
    let (mut passed, mut failed) = (0u32, 0u32);
    for dir in folders() {
        let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
            Ok(rd) => rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect(),
            Err(e) => {
                println!("FAIL {}: cannot read folder: {e}", dir.display());
                failed += 1;
                continue;
            }
        };
        files.sort();
        for file in files {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let doc: Value = match std::fs::read_to_string(&file)
                .map_err(|e| e.to_string())
                .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
            {
                Ok(v) => v,
                Err(e) => {
                    println!("FAIL {name}: {e}");
                    failed += 1;
                    continue;
                }
            };
            let rule = doc.get("rule").and_then(Value::as_str).unwrap_or("");
            let cases = doc.get("cases").and_then(Value::as_array).cloned().unwrap_or_default();
            let mut skipped: Vec<String> = Vec::new();
            for case in &cases {
                if let Some(why) = pending(&name, &doc, case) {
                    skipped.push(why);
                    continue;
                }
                let id = case.get("id").and_then(Value::as_str).unwrap_or("?");
                let mode = doc.get("mode").and_then(Value::as_str).unwrap_or("");
                let verdict = match mode {
                    "validate" => judge_validation(rule, case),
                    "" => judge(rule, case),
                    other => Err(format!("unknown mode {other}")),
                };
                match verdict {
                    Ok(()) => passed += 1,
                    Err(why) => {
                        println!("FAIL {name}:{id}: {why}");
                        failed += 1;
                    }
                }
            }
            let n = skipped.len();
            skipped.sort();
            skipped.dedup();
            if n > 0 {
                println!("pending {name}: {n} case(s) not run ({})", skipped.join("; "));
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
