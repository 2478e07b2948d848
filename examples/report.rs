//! The main job: a readable compliance report for a partnership's meetings,
//! grant years and Domestic Homicide Reviews, from a data file.
//!
//! ```text
//! cargo run --example report                       # examples/data/kcsp_2022_2024.json, Kent
//! cargo run --example report -- path/to/data.json
//! cargo run --example report -- --partnership northshire.json --calendar bank-holidays.json data.json
//! cargo run --example report -- --html report.html                   # one HTML page instead of text
//! cargo run --example report -- --attendance register.csv --meetings meetings.csv --projects projects.csv
//! ```
//!
//! `--partnership FILE` is a partnership definition (tests/vectors/FORMAT.md)
//! or a whole context (the shape of kcsp-core/data/kent.json); it replaces
//! Kent's. `--calendar FILE` is GOV.UK's bank-holidays.json as published, or
//! a changes object (`{"govuk": ..., "add": [...], "remove": [...]}`).
//!
//! `--html FILE` writes the report as one self-contained HTML page (the
//! exceptions first, charts of the year, every finding explained) instead
//! of printing text. `--attendance`, `--meetings` and `--projects` read the
//! CSV exports a partnership keeps (see `kcsp::files`): an attendance
//! register, a meetings list with papers dispatch dates, grant projects;
//! a row that cannot be read is listed in the report, never dropped.

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

const USAGE: &str = "usage: report [--partnership FILE] [--calendar FILE] [--attendance FILE.csv] \
                     [--meetings FILE.csv] [--projects FILE.csv] [--html OUT.html] [DATA.json]\n";

/// A CSV file given: its name as the report shows it, and its text.
fn csv_file(path: Option<&String>) -> Result<Option<(String, String)>, String> {
    let Some(path) = path else { return Ok(None) };
    let name = std::path::Path::new(path)
        .file_name()
        .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned());
    Ok(Some((name, read(path)?)))
}

fn pair(f: &Option<(String, String)>) -> Option<(&str, &str)> {
    f.as_ref().map(|(n, t)| (n.as_str(), t.as_str()))
}

fn run() -> Result<String, String> {
    let mut args = std::env::args().skip(1);
    let (mut partnership, mut calendar, mut data, mut html) = (None, None, None, None);
    let (mut attendance, mut meetings, mut projects) = (None, None, None);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a file"));
        match a.as_str() {
            "--partnership" => partnership = Some(value("--partnership")?),
            "--calendar" => calendar = Some(value("--calendar")?),
            "--attendance" => attendance = Some(value("--attendance")?),
            "--meetings" => meetings = Some(value("--meetings")?),
            "--projects" => projects = Some(value("--projects")?),
            "--html" => html = Some(value("--html")?),
            "-h" | "--help" => return Ok(USAGE.into()),
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ => data = Some(a),
        }
    }
    let ctx = context(partnership.as_deref(), calendar.as_deref())?;
    let path =
        data.unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/kcsp_2022_2024.json").to_string());
    let mut data = kcsp::load(&read(&path)?).map_err(|e| e.to_string())?;
    let (attendance, meetings, projects) = (
        csv_file(attendance.as_ref())?,
        csv_file(meetings.as_ref())?,
        csv_file(projects.as_ref())?,
    );
    let files = kcsp::files::Files {
        attendance: pair(&attendance),
        meetings: pair(&meetings),
        projects: pair(&projects),
    };
    kcsp::files::apply(&ctx, &mut data, &files)?;
    match html {
        None => kcsp::render(&ctx, &data).map_err(|e| format!("error: {e}")),
        Some(out) => {
            let page = kcsp::html::render_html(&ctx, &data).map_err(|e| format!("error: {e}"))?;
            std::fs::write(&out, page).map_err(|e| format!("cannot write {out}: {e}"))?;
            Ok(format!("wrote {out}\n"))
        }
    }
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
