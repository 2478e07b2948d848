//! The main job: a readable compliance report for a partnership's meetings,
//! grant years and Domestic Homicide Reviews, from a data file.
//!
//! ```text
//! cargo run --example report                       # examples/data/kcsp_2022_2024.json, Kent
//! cargo run --example report -- path/to/data.json
//! cargo run --example report -- --partnership northshire.json --calendar bank-holidays.json data.json
//! ```
//!
//! `--partnership FILE` is a partnership definition (tests/vectors/FORMAT.md)
//! or a whole context (the shape of kcsp-core/data/kent.json); it replaces
//! Kent's. `--calendar FILE` is GOV.UK's bank-holidays.json as published, or
//! a changes object (`{"govuk": ..., "add": [...], "remove": [...]}`).

use kcsp_core::{Calendar, Context, Partnership};
use std::process::ExitCode;

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

fn context(partnership: Option<&str>, calendar: Option<&str>) -> Result<Context, String> {
    let mut ctx = Context::kent().clone();
    if let Some(path) = partnership {
        let text = read(path)?;
        let whole = serde_json::from_str::<serde_json::Value>(&text)
            .map(|v| v.get("partnership").is_some())
            .unwrap_or(false);
        ctx = if whole {
            Context::from_json(&text).map_err(|e| format!("{path}: {e}"))?
        } else {
            ctx.with_partnership(Partnership::from_json(&text).map_err(|e| format!("{path}: {e}"))?)
        };
    }
    if let Some(path) = calendar {
        let cal = Calendar::from_json(&read(path)?).map_err(|e| format!("{path}: {e}"))?;
        ctx = ctx.with_calendar(cal);
    }
    Ok(ctx)
}

fn run() -> Result<String, String> {
    let mut args = std::env::args().skip(1);
    let (mut partnership, mut calendar, mut data) = (None, None, None);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--partnership" => partnership = Some(args.next().ok_or("--partnership needs a file")?),
            "--calendar" => calendar = Some(args.next().ok_or("--calendar needs a file")?),
            "-h" | "--help" => {
                return Ok("usage: report [--partnership FILE] [--calendar FILE] [DATA.json]\n".into());
            }
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ => data = Some(a),
        }
    }
    let ctx = context(partnership.as_deref(), calendar.as_deref())?;
    let path =
        data.unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/kcsp_2022_2024.json").to_string());
    let data = kcsp::load(&read(&path)?).map_err(|e| e.to_string())?;
    kcsp::render(&ctx, &data).map_err(|e| format!("error: {e}"))
}

fn main() -> ExitCode {
    match run() {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
