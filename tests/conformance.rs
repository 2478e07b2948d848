//! The Rust conformance runner (see `tests/vectors/FORMAT.md`).
//!
//! Runs every case of every `*.json` file in every folder named in
//! `KCSP_VECTORS` (separated by `:`), or the project's own `tests/vectors/`
//! when it is unset, through the public API of `kcsp-core`, and ends with
//! `N passed, N failed`. Unknown rules and unknown input keys fail.

use chrono::NaiveDate;
use kcsp_core::dates::parse_date;
use kcsp_core::dhr;
use kcsp_core::grant::{self, GrantSchemes, LedgerInput, Project};
use kcsp_core::protocol::{self, CommissionDecision, DeadlineInput, Protocols};
use kcsp_core::{
    chair, match_funding, papers, quorum, review, Calendar, Error, ErrorKind, FinancialYear, Money,
    Partnership,
};
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Rules the runner does not implement yet. Anything neither implemented
/// nor listed here fails.
const PENDING: &[&str] = &[];

/// Input keys each rule understands.
fn keys(rule: &str) -> Option<&'static [&'static str]> {
    Some(match rule {
        "quorum" => &["body", "date", "present"],
        "chair_removal" => &["body", "date", "office", "present", "votes_for"],
        "papers_deadline" => &["body", "meeting", "circulated"],
        "working_day" => &["date"],
        "tor_review" => &["body", "approvals", "as_of"],
        "chair_term" => &["body", "elected", "as_of"],
        "grant_split" => &["allocation", "year"],
        "match_funding" => &["grant", "total_cost"],
        "grant_ledger" => &["year", "allocation", "tactical_open", "projects"],
        "dhr_deadlines" => &["notified", "as_of", "decided", "decision", "submitted"],
        "dhr_transition" => &["events"],
        "dhr_portfolio" => &["cases"],
        _ => return None,
    })
}

fn invalid(field: &str, msg: &str) -> Error {
    Error::new(ErrorKind::InvalidInput, field, msg)
}

struct Input<'a>(&'a Map<String, Value>);

impl<'a> Input<'a> {
    fn opt_str(&self, k: &str) -> Result<Option<&'a str>, Error> {
        match self.0.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(invalid(k, "expected a string")),
        }
    }
    fn str(&self, k: &str) -> Result<&'a str, Error> {
        self.opt_str(k)?.ok_or_else(|| invalid(k, "missing"))
    }
    fn date(&self, k: &str) -> Result<NaiveDate, Error> {
        parse_date(k, self.str(k)?)
    }
    fn opt_date(&self, k: &str) -> Result<Option<NaiveDate>, Error> {
        self.opt_str(k)?.map(|s| parse_date(k, s)).transpose()
    }
    fn money(&self, k: &str) -> Result<Money, Error> {
        Money::parse(k, self.str(k)?)
    }
    fn strs(&self, k: &str) -> Result<Vec<&'a str>, Error> {
        strings(k, self.0.get(k).ok_or_else(|| invalid(k, "missing"))?)
    }
    fn dates(&self, k: &str) -> Result<Vec<NaiveDate>, Error> {
        self.strs(k)?
            .iter()
            .enumerate()
            .map(|(i, s)| parse_date(&format!("{k}[{i}]"), s))
            .collect()
    }
    fn body(&self) -> Result<&'a str, Error> {
        Ok(self.opt_str("body")?.unwrap_or("kcsp"))
    }
}

fn strings<'a>(k: &str, v: &'a Value) -> Result<Vec<&'a str>, Error> {
    let arr = v.as_array().ok_or_else(|| invalid(k, "expected a list"))?;
    arr.iter()
        .enumerate()
        .map(|(i, x)| {
            x.as_str()
                .ok_or_else(|| invalid(&format!("{k}[{i}]"), "expected a string"))
        })
        .collect()
}

fn to_value<T: serde::Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap_or(Value::Null)
}

fn run(rule: &str, input: &Map<String, Value>) -> Result<Value, Error> {
    let i = Input(input);
    let kent = Partnership::kent();
    Ok(match rule {
        "quorum" => to_value(&quorum::check(
            &kent,
            i.str("body")?,
            i.date("date")?,
            &i.strs("present")?,
        )?),
        "chair_removal" => to_value(&chair::removal_vote(
            &kent,
            i.body()?,
            i.date("date")?,
            i.str("office")?,
            &i.strs("present")?,
            &i.strs("votes_for")?,
        )?),
        "papers_deadline" => to_value(&papers::deadline(
            &kent,
            Calendar::shared(),
            i.body()?,
            i.date("meeting")?,
            i.opt_date("circulated")?,
        )?),
        "working_day" => to_value(&Calendar::shared().working_day(i.date("date")?)?),
        "tor_review" => to_value(&review::tor_review(
            &kent,
            i.body()?,
            &i.dates("approvals")?,
            i.date("as_of")?,
        )?),
        "chair_term" => to_value(&chair::term_status(
            &kent,
            i.str("body")?,
            &i.dates("elected")?,
            i.date("as_of")?,
        )?),
        "grant_split" => {
            let allocation = i.money("allocation")?;
            let scheme = match i.opt_str("year")? {
                Some(y) => GrantSchemes::kent()
                    .for_year(FinancialYear::parse("year", y)?)?
                    .clone(),
                None => grant::crime_reduction_grant(),
            };
            to_value(&grant::split(allocation, &scheme)?)
        }
        "match_funding" => to_value(&match_funding::match_funding(
            i.money("grant")?,
            i.money("total_cost")?,
        )?),
        "grant_ledger" => {
            let year = FinancialYear::parse("year", i.str("year")?)?;
            let allocation = i.money("allocation")?;
            let tactical_open = match input.get("tactical_open") {
                None | Some(Value::Null) => true,
                Some(Value::Bool(b)) => *b,
                Some(_) => return Err(invalid("tactical_open", "expected true or false")),
            };
            let list = input
                .get("projects")
                .and_then(Value::as_array)
                .ok_or_else(|| invalid("projects", "expected a list"))?;
            let mut projects = Vec::new();
            for (n, p) in list.iter().enumerate() {
                let obj = p
                    .as_object()
                    .ok_or_else(|| invalid(&format!("projects[{n}]"), "expected an object"))?;
                if let Some(k) = obj.keys().find(|k| {
                    !["name", "round", "amount", "decision", "spent"].contains(&k.as_str())
                }) {
                    return Err(invalid(&format!("projects[{n}].{k}"), "unknown key"));
                }
                let pi = Input(obj);
                projects.push(Project::parse(
                    n,
                    pi.str("name")?,
                    pi.str("round")?,
                    pi.str("amount")?,
                    pi.str("decision")?,
                    pi.opt_str("spent")?,
                )?);
            }
            let l = grant::ledger(
                &GrantSchemes::kent(),
                &LedgerInput {
                    year,
                    allocation,
                    tactical_open,
                    projects,
                },
            )?;
            let mut v = to_value(&l);
            v["warnings"] = l.warnings.iter().map(|w| json!(w.code)).collect();
            v
        }
        "dhr_deadlines" => {
            let decision = i
                .opt_str("decision")?
                .map(|d| CommissionDecision::parse("decision", d))
                .transpose()?;
            let input = DeadlineInput {
                notified: i.date("notified")?,
                decided: i.opt_date("decided")?,
                decision,
                submitted: i.opt_date("submitted")?,
                as_of: i.date("as_of")?,
            };
            to_value(&protocol::deadlines(&Protocols::kent(), &input, &[])?)
        }
        "dhr_transition" => to_value(&dhr::replay(&i.strs("events")?)?),
        "dhr_portfolio" => {
            let list = input
                .get("cases")
                .and_then(Value::as_array)
                .ok_or_else(|| invalid("cases", "expected a list"))?;
            let cases = list
                .iter()
                .enumerate()
                .map(|(n, c)| strings(&format!("cases[{n}]"), c))
                .collect::<Result<Vec<_>, _>>()?;
            to_value(&dhr::portfolio(&cases)?)
        }
        _ => return Err(invalid("rule", "unknown rule")),
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
    if i.is_empty()
        || !i.bytes().all(|b| b.is_ascii_digit())
        || !f.bytes().all(|b| b.is_ascii_digit())
    {
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
            let mut a: Vec<String> = a.iter().map(Value::to_string).collect();
            let mut b: Vec<String> = b.iter().map(Value::to_string).collect();
            a.sort();
            a.dedup();
            b.sort();
            b.dedup();
            a == b
        }
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| equal("", x, y))
        }
        (a, b) => a == b,
    }
}

fn judge(rule: &str, case: &Value) -> Result<(), String> {
    let input = case
        .get("input")
        .and_then(Value::as_object)
        .ok_or("case has no input object")?;
    let Some(allowed) = keys(rule) else {
        return Err(format!("unknown rule '{rule}'"));
    };
    if let Some(k) = input.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(format!(
            "input key '{k}' is not understood by rule '{rule}'"
        ));
    }
    let outcome = run(rule, input);
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
        Ok(v) if !v.is_empty() => v
            .split(':')
            .filter(|s| !s.is_empty())
            .map(PathBuf::from)
            .collect(),
        _ => vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")],
    }
}

fn main() -> ExitCode {
    let (mut passed, mut failed) = (0u32, 0u32);
    if PENDING.is_empty() {
        println!("pending rules: none");
    } else {
        println!("pending rules: {}", PENDING.join(", "));
    }
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
            let cases = doc
                .get("cases")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            if PENDING.contains(&rule) {
                println!(
                    "pending {name}: {} case(s) of '{rule}' not run",
                    cases.len()
                );
                continue;
            }
            for case in &cases {
                let id = case.get("id").and_then(Value::as_str).unwrap_or("?");
                match judge(rule, case) {
                    Ok(()) => passed += 1,
                    Err(why) => {
                        println!("FAIL {name}:{id}: {why}");
                        failed += 1;
                    }
                }
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
