//! The files a partnership keeps, as CSV exports, read into the report's
//! data through the core's batch engine ([`kcsp_core::batch`]), so a row
//! is refused for the same reasons, with the same codes, as in a batch:
//!
//! - an **attendance register** (`meeting_id`, `body`, `date`,
//!   `organisation`: one row per organisation present), read as the
//!   `quorum` batch reads it;
//! - a **meetings list** (`body`, `date`, `papers_circulated`, and
//!   optionally `source`), read as the `papers_deadline` batch reads it;
//! - **grant projects** (`year`, `name`, `round`, `amount`, `decision`,
//!   `spent`, and optionally `match_total_cost`), read as the
//!   `grant_ledger` batch reads them, each year's allocation from the data
//!   file.
//!
//! A register or a meetings list replaces the data file's meetings; a
//! projects file replaces the projects of each year it names. Rows are
//! labelled by their line in the file (the header is line 1). A row that
//! cannot be read is never dropped: it becomes a [`RowProblem`], and the
//! meeting or year it belongs to is reported as not judged.

use crate::data::{Meeting, ProjectRow, ReportData};
use chrono::NaiveDate;
use kcsp_core::table::{Column, Sheet, Values};
use kcsp_core::{batch, Context, Error};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// The CSV files to read, each as its name (for messages) and its text.
#[derive(Debug, Default, Clone, Copy)]
pub struct Files<'a> {
    /// An attendance register.
    pub attendance: Option<(&'a str, &'a str)>,
    /// A meetings list with papers dispatch dates.
    pub meetings: Option<(&'a str, &'a str)>,
    /// Grant projects.
    pub projects: Option<(&'a str, &'a str)>,
}

/// A row of a file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The file's name.
    pub file: String,
    /// Its line in the file (`7`), or the lines of the group of rows an
    /// error of the whole group concerns (`7-12`).
    pub line: Option<String>,
    /// The column, where the error names one.
    pub column: Option<String>,
    /// The error's code.
    pub code: String,
    /// The developer message.
    pub message: String,
    /// The public message.
    pub public_message: String,
}

impl RowProblem {
    fn new(file: &str, e: &Error) -> RowProblem {
        // The engine names a cell `rows[<label>].<column>`; the label is the line.
        let field = e.field();
        let (line, column) = match field.strip_prefix("rows[").and_then(|r| r.split_once(']')) {
            Some((label, rest)) => {
                let col = rest.trim_start_matches('.');
                (Some(label.to_string()), (!col.is_empty()).then(|| col.to_string()))
            }
            None => (None, (!field.is_empty()).then(|| field.to_string())),
        };
        RowProblem {
            file: file.to_string(),
            line,
            column,
            code: e.code().to_string(),
            message: e.message().to_string(),
            public_message: e.public_message(),
        }
    }

    /// Where it is, in words: `attendance.csv, line 7, column date`.
    pub fn place(&self) -> String {
        let mut s = self.file.clone();
        match &self.line {
            Some(l) if l.contains('-') => s.push_str(&format!(", lines {l}")),
            Some(l) => s.push_str(&format!(", line {l}")),
            None => {}
        }
        if let Some(c) = &self.column {
            s.push_str(&format!(", column {c}"));
        }
        s
    }
}

/// A meeting or year that could not be judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unjudged {
    /// What it is: `meeting m7 of attendance.csv (lines 12-16)`.
    pub what: String,
    /// Why.
    pub why: String,
}

/// A CSV file read: its header and its cells by column, each row labelled
/// by its line.
struct Csv {
    name: String,
    header: Vec<String>,
    columns: Vec<Values>,
    lines: Vec<String>,
}

impl Csv {
    fn read(name: &str, text: &str) -> Result<Csv, String> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| format!("{name}: {e}"))?
            .iter()
            .map(str::to_string)
            .collect();
        let mut columns = vec![Values(Vec::new()); header.len()];
        let mut lines = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| format!("{name}: {e}"))?;
            lines.push(record.position().map_or(0, |p| p.line()).to_string());
            for (k, col) in columns.iter_mut().enumerate() {
                col.0.push(match record.get(k) {
                    Some(t) if !t.is_empty() => Value::String(t.to_string()),
                    _ => Value::Null,
                });
            }
        }
        Ok(Csv {
            name: name.to_string(),
            header,
            columns,
            lines,
        })
    }

    fn column(&self, name: &str) -> Option<&Values> {
        self.header
            .iter()
            .position(|h| h == name)
            .and_then(|k| self.columns.get(k))
    }

    fn text(&self, name: &str, row: usize) -> Option<&str> {
        self.column(name).and_then(|c| c.0.get(row)).and_then(Value::as_str)
    }

    /// The sheet rule `rule`'s batch reads: the columns it wants, under the
    /// file's names (`renames`: the engine's name to the file's).
    fn sheet<'s>(
        &'s self,
        rule: &str,
        renames: &'s [(&'s str, &'s str)],
        extra: &'s [(&'s str, Values)],
    ) -> Result<Sheet<'s>, String> {
        let names = batch::caller_names(rule, renames.iter().copied()).map_err(|e| format!("{}: {e}", self.name))?;
        let mut columns: Vec<(&str, &dyn Column)> = Vec::new();
        for (engine, caller) in &names {
            if let Some((_, c)) = extra.iter().find(|(n, _)| n == engine) {
                columns.push((engine, c));
            } else if let Some(c) = self.column(caller) {
                columns.push((engine, c));
            }
        }
        Ok(Sheet {
            rows: self.lines.len(),
            columns,
            names: renames.to_vec(),
            values: Map::new(),
            labels: Some(&self.lines),
        })
    }
}

/// The problems of a batch's errors (those `keep` keeps), each named by
/// its row's line, or by its group's lines where it concerns the group.
fn problems_of(
    csv: &Csv,
    table: &kcsp_core::table::Table,
    requests: &[batch::Request],
    keep: impl Fn(&kcsp_core::table::RowError) -> bool,
) -> Vec<RowProblem> {
    table
        .errors
        .iter()
        .filter(|e| keep(e))
        .map(|e| {
            let mut p = RowProblem::new(&csv.name, &e.error);
            if p.line.is_none() {
                if let Some(r) = requests.get(e.row) {
                    p.line = span(csv, &r.rows);
                    p.column = None;
                }
            }
            p
        })
        .collect()
}

/// The lines of rows `rows`: `7`, or `7-12`.
fn span(csv: &Csv, rows: &[usize]) -> Option<String> {
    let first = rows.first().and_then(|r| csv.lines.get(*r))?;
    let last = rows.last().and_then(|r| csv.lines.get(*r))?;
    Some(if first == last {
        first.clone()
    } else {
        format!("{first}-{last}")
    })
}

/// The lines of rows `rows`, in words: `line 7`, `lines 7-12`.
fn lines_of(csv: &Csv, rows: &[usize]) -> String {
    match span(csv, rows) {
        Some(s) if s.contains('-') => format!("lines {s}"),
        Some(s) => format!("line {s}"),
        None => "no line".to_string(),
    }
}

fn date_of(v: Option<&Value>) -> Option<NaiveDate> {
    v.and_then(Value::as_str)
        .and_then(|s| kcsp_core::dates::parse_date("", s).ok())
}

/// Reads `files` into `data`, in `ctx`: the meetings and projects they hold
/// replace the data file's, and every row that cannot be read is added to
/// `data.problems`. Fails only for a file that is not CSV, or lacks a
/// column its rule needs.
pub fn apply(ctx: &Context, data: &mut ReportData, files: &Files<'_>) -> Result<(), String> {
    let mut meetings: Vec<Meeting> = Vec::new();
    // Meetings of the register not judged: a meetings list does not bring
    // them back without their attendance.
    let mut blocked: Vec<(String, NaiveDate)> = Vec::new();
    if let Some((name, text)) = files.attendance {
        let csv = Csv::read(name, text)?;
        let sheet = csv.sheet(quorum_id(), &[], &[])?;
        let table = batch::run(ctx, quorum_id(), &sheet).map_err(|e| format!("{name}: {e}"))?;
        let bad: BTreeSet<usize> = table.errors.iter().map(|e| e.row).collect();
        let requests = batch::requests(ctx, quorum_id(), &sheet).map_err(|e| format!("{name}: {e}"))?;
        data.problems.extend(problems_of(&csv, &table, &requests, |_| true));
        for (k, r) in requests.iter().enumerate() {
            let id = r.key.get(1).and_then(Value::as_str).unwrap_or("?");
            let what = format!("Meeting {id} of {name} ({})", lines_of(&csv, &r.rows));
            let input = r.input.as_ref().filter(|_| !bad.contains(&k));
            let (Some(input), Some(date)) = (input, date_of(input.and_then(|i| i.get("date")))) else {
                if let (Some(i), Some(body)) = (r.input.as_ref(), r.key.first().and_then(Value::as_str)) {
                    if let Some(date) = date_of(i.get("date")) {
                        blocked.push((body.to_string(), date));
                    }
                }
                data.unjudged_meetings.push(Unjudged {
                    what,
                    why: "a row of it could not be read (see the rows not read)".to_string(),
                });
                continue;
            };
            let present = input
                .get("present")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
                .unwrap_or_default();
            meetings.push(Meeting {
                body: input
                    .get("body")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                date,
                papers_circulated: None,
                source: format!("{name}, meeting {id}"),
                present: Some(present),
                present_source: format!("{name}, {}", lines_of(&csv, &r.rows)),
            });
        }
    }
    if let Some((name, text)) = files.meetings {
        let csv = Csv::read(name, text)?;
        let renames = [("meeting", "date"), ("circulated", "papers_circulated")];
        let sheet = csv.sheet(papers_id(), &renames, &[])?;
        let table = batch::run(ctx, papers_id(), &sheet).map_err(|e| format!("{name}: {e}"))?;
        // A body whose terms set no notice is not a row's fault: its
        // meeting is listed, its papers not judged.
        let listed = |e: &kcsp_core::table::RowError| e.error.code() != "no_notice_rule";
        let bad: BTreeSet<usize> = table.errors.iter().filter(|e| listed(e)).map(|e| e.row).collect();
        let requests = batch::requests(ctx, papers_id(), &sheet).map_err(|e| format!("{name}: {e}"))?;
        data.problems.extend(problems_of(&csv, &table, &requests, listed));
        for (k, r) in requests.iter().enumerate() {
            let input = r.input.as_ref().filter(|_| !bad.contains(&k));
            let (Some(input), Some(date)) = (input, date_of(input.and_then(|i| i.get("meeting")))) else {
                let when = r
                    .input
                    .as_ref()
                    .and_then(|i| date_of(i.get("meeting")))
                    .map_or_else(String::new, |d| format!(" of {}", kcsp_core::dates::long(d)));
                data.unjudged_meetings.push(Unjudged {
                    what: format!("Meeting{when} in {name} ({})", lines_of(&csv, &r.rows)),
                    why: "its row could not be read (see the rows not read)".to_string(),
                });
                continue;
            };
            let body = match input.get("body").and_then(Value::as_str) {
                Some(b) => b.to_string(),
                None => ctx.partnership().principal_body().unwrap_or_default().to_string(),
            };
            if blocked.iter().any(|(b, d)| *b == body && *d == date) {
                continue;
            }
            let papers = date_of(input.get("circulated"));
            let row = r.rows.first().copied().unwrap_or(0);
            let source = csv
                .text("source", row)
                .map_or_else(|| format!("{name}, {}", lines_of(&csv, &r.rows)), str::to_string);
            match meetings.iter_mut().find(|m| m.body == body && m.date == date) {
                Some(m) => {
                    m.papers_circulated = papers;
                    m.source = source;
                }
                None => meetings.push(Meeting {
                    body,
                    date,
                    papers_circulated: papers,
                    source,
                    present: None,
                    present_source: String::new(),
                }),
            }
        }
    }
    if files.attendance.is_some() || files.meetings.is_some() {
        meetings.sort_by(|a, b| (a.date, &a.body).cmp(&(b.date, &b.body)));
        data.meetings = meetings;
    }
    if let Some((name, text)) = files.projects {
        projects(ctx, data, name, text)?;
    }
    // Each file's problems in the order of its lines.
    let files: Vec<String> = data.problems.iter().map(|p| p.file.clone()).collect();
    data.problems.sort_by_key(|p| {
        let rank = files.iter().position(|f| *f == p.file);
        let first = p
            .line
            .as_deref()
            .and_then(|l| l.split('-').next()?.parse::<usize>().ok());
        (rank, first)
    });
    Ok(())
}

fn quorum_id() -> &'static str {
    <kcsp_core::registry::Quorum as kcsp_core::registry::Rule>::ID
}

fn papers_id() -> &'static str {
    <kcsp_core::registry::PapersDeadline as kcsp_core::registry::Rule>::ID
}

fn ledger_id() -> &'static str {
    <kcsp_core::registry::GrantLedger as kcsp_core::registry::Rule>::ID
}

/// Reads a projects file into the grant years it names.
fn projects(ctx: &Context, data: &mut ReportData, name: &str, text: &str) -> Result<(), String> {
    let csv = Csv::read(name, text)?;
    // Each row's allocation is its year's in the data file (the year's
    // figures and sources live there); a year the file does not have is
    // the row's problem.
    let years: Vec<Value> = (0..csv.lines.len())
        .map(|row| {
            let year = csv.text("year", row)?;
            let y = kcsp_core::FinancialYear::parse("year", year).ok()?;
            let g = data.grant_years.iter().find(|g| g.year == y)?;
            Some(Value::String(g.allocation.to_machine()))
        })
        .map(Option::unwrap_or_default)
        .collect();
    let mut unknown = BTreeSet::new();
    for (row, allocation) in years.iter().enumerate() {
        if allocation.is_null()
            && csv
                .text("year", row)
                .is_some_and(|y| kcsp_core::FinancialYear::parse("year", y).is_ok())
        {
            unknown.insert(format!(
                "rows[{}].allocation",
                csv.lines.get(row).map_or("", String::as_str)
            ));
            data.problems.push(RowProblem {
                file: name.to_string(),
                line: csv.lines.get(row).cloned(),
                column: Some("year".to_string()),
                code: "invalid_input".to_string(),
                message: format!(
                    "{} is not a grant year of the data file, which holds each year's allocation and sources",
                    csv.text("year", row).unwrap_or_default()
                ),
                public_message: "Enter a grant year the report's data file holds".to_string(),
            });
        }
    }
    let supplied = csv.column("allocation").is_none();
    let extra = [("allocation", Values(years))];
    let sheet = csv.sheet(ledger_id(), &[], if supplied { &extra } else { &[] })?;
    let table = batch::run(ctx, ledger_id(), &sheet).map_err(|e| format!("{name}: {e}"))?;
    let bad: BTreeSet<usize> = table.errors.iter().map(|e| e.row).collect();
    let requests = batch::requests(ctx, ledger_id(), &sheet).map_err(|e| format!("{name}: {e}"))?;
    // A row whose year the data file lacks was named above.
    data.problems.extend(problems_of(&csv, &table, &requests, |e| {
        !(supplied && unknown.contains(e.error.field()))
    }));
    let mut more = Vec::new();
    for (k, r) in requests.iter().enumerate() {
        let Some(year) = r.key.first().and_then(Value::as_str) else {
            continue;
        };
        let Ok(year) = kcsp_core::FinancialYear::parse("year", year) else {
            continue;
        };
        // Errors of the year as a whole (they name no row): the ledger
        // refused its projects.
        let whole: Vec<&str> = table
            .errors
            .iter()
            .filter(|e| e.row == k && !e.error.field().starts_with("rows["))
            .map(|e| e.error.message())
            .collect();
        let all = table.errors.iter().filter(|e| e.row == k).count();
        if !whole.is_empty() && whole.len() == all {
            if let Some(g) = data.grant_years.iter_mut().find(|g| g.year == year) {
                g.refused = Some(whole.join("; "));
            }
            continue;
        }
        let rows = match r.input.as_ref().filter(|_| !bad.contains(&k)) {
            None => Err(format!(
                "{} of {name} could not be read (see the rows not read)",
                lines_of(&csv, &r.rows)
            )),
            Some(input) => project_rows(&csv, input, &r.rows, &mut more),
        };
        if let Some(g) = data.grant_years.iter_mut().find(|g| g.year == year) {
            match rows {
                Ok(rows) => g.projects = rows,
                Err(why) => g.unjudged = Some(why),
            }
        }
    }
    data.problems.extend(more);
    Ok(())
}

/// A year's projects as the ledger batch read them, each with its
/// `match_total_cost` where the file has one; a cost that is not money is
/// a problem of its row, and the year is not judged.
fn project_rows(
    csv: &Csv,
    input: &Map<String, Value>,
    rows: &[usize],
    problems: &mut Vec<RowProblem>,
) -> Result<Vec<ProjectRow>, String> {
    let projects = input.get("projects").cloned().unwrap_or(Value::Array(Vec::new()));
    let projects: Vec<kcsp_core::grant::Project> =
        serde_json::from_value(projects).map_err(|e| format!("{}: {e}", csv.name))?;
    let mut out = Vec::with_capacity(projects.len());
    for (project, &row) in projects.into_iter().zip(rows) {
        let match_total_cost = match csv.text("match_total_cost", row) {
            None => None,
            Some(t) => match kcsp_core::Money::parse("match_total_cost", t) {
                Ok(m) => Some(m),
                Err(e) => {
                    let line = csv.lines.get(row).cloned().unwrap_or_default();
                    let p = RowProblem::new(&csv.name, &e.at(format!("rows[{line}].match_total_cost")));
                    let why = format!("{} could not be read (see the rows not read)", p.place());
                    problems.push(p);
                    return Err(why);
                }
            },
        };
        out.push(ProjectRow {
            project,
            match_total_cost,
        });
    }
    Ok(out)
}
