//! Criterion benchmarks of the core rules, run by `tests/bench` (which also
//! turns criterion's estimates into `name: value` lines and ratios; see
//! BENCHMARKS.md). Each rule is measured through the typed API and, where a
//! binding would call it, through the JSON entry point the bindings use.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use kcsp_core::grant::{self, LedgerInput, Project};
use kcsp_core::protocol::{self, CommissionDecision, DeadlineInput};
use kcsp_core::{json, papers, quorum, Context, FinancialYear, Money};
use std::hint::black_box;

const FIVE: [&str; 5] = [
    "kent_county_council",
    "kent_police",
    "office_of_the_pcc",
    "kent_fire_and_rescue",
    "probation_service",
];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

fn quorum_benches(c: &mut Criterion) {
    let kent = Context::kent();
    let mut g = c.benchmark_group("quorum");
    let day = date(2023, 11, 16);
    g.bench_function("one_meeting", |b| {
        b.iter(|| quorum::check(kent, "kcsp", black_box(day), black_box(&FIVE)))
    });
    let text = serde_json::json!({"body": "kcsp", "date": "2023-11-16", "present": FIVE}).to_string();
    g.bench_function("one_meeting_json", |b| {
        b.iter(|| json::evaluate_str("quorum", black_box(&text)))
    });
    // 10,000 meetings of a register, six people each (one a guest).
    let ids: Vec<String> = (0..10_000).map(|i| format!("m{i}")).collect();
    let orgs = [FIVE[0], FIVE[1], FIVE[2], FIVE[3], "district_borough_councils", "guest"];
    let rows: Vec<quorum::Attendance<'_>> = ids
        .iter()
        .enumerate()
        .flat_map(|(i, id)| {
            let d = date(2019, 1, 1) + Days::new((i % 1800) as u64);
            orgs.iter().skip(i % 3).map(move |o| quorum::Attendance {
                meeting: id,
                date: d,
                organisation: o,
            })
        })
        .collect();
    g.throughput(Throughput::Elements(ids.len() as u64));
    g.bench_function("batch_10000_meetings", |b| {
        b.iter(|| quorum::batch(kent, "kcsp", black_box(rows.iter().cloned())))
    });
    g.finish();
}

/// A meeting on the third Thursday of every month, 2015 to 2024, with papers
/// sent eight days before.
fn decade_of_meetings() -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    for y in 2015..2025 {
        for m in 1..=12 {
            let mut d = date(y, m, 1);
            while d.weekday() != Weekday::Thu {
                d = d.succ_opt().expect("a next day");
            }
            let meeting = d + Days::new(14);
            out.push((meeting, meeting - Days::new(8)));
        }
    }
    out
}

fn papers_benches(c: &mut Criterion) {
    let kent = Context::kent();
    let meetings = decade_of_meetings();
    let mut g = c.benchmark_group("papers");
    g.throughput(Throughput::Elements(meetings.len() as u64));
    g.bench_function("decade_of_meetings", |b| {
        b.iter(|| {
            meetings
                .iter()
                .map(|&(m, sent)| papers::deadline(kent, "kcsp", m, Some(sent)).map(|p| p.compliant))
                .filter(|r| matches!(r, Ok(Some(true))))
                .count()
        })
    });
    let texts: Vec<String> = meetings
        .iter()
        .map(|(m, s)| serde_json::json!({"meeting": m.to_string(), "circulated": s.to_string()}).to_string())
        .collect();
    g.bench_function("decade_of_meetings_json", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter(|t| json::evaluate_str("papers_deadline", t).is_ok())
                .count()
        })
    });
    g.finish();
}

/// A year of 1,000 projects: 600 upfront approved, 300 tactical approved,
/// 50 pending, 50 rejected; most approved projects have spent something.
fn thousand_projects() -> (LedgerInput, String) {
    let mut projects = Vec::new();
    let mut rows = Vec::new();
    for i in 0..1000 {
        let (round, decision) = match i % 20 {
            0..=11 => ("upfront", "approved"),
            12..=17 => ("tactical", "approved"),
            18 => ("upfront", "pending"),
            _ => ("tactical", "rejected"),
        };
        let name = format!("Project {i:04}");
        let amount = format!("{}.{:02}", 50 + i % 50, i % 100);
        let spent = (decision == "approved" && i % 7 != 0).then(|| format!("{}.00", 40 + i % 10));
        projects.push(Project::parse(i, &name, round, &amount, decision, spent.as_deref()).expect("a valid project"));
        rows.push(
            serde_json::json!({"name": name, "round": round, "amount": amount, "decision": decision, "spent": spent}),
        );
    }
    let rows: Vec<serde_json::Value> = rows
        .into_iter()
        .map(|mut r| {
            if r["spent"].is_null() {
                r.as_object_mut().map(|o| o.remove("spent"));
            }
            r
        })
        .collect();
    let input = LedgerInput::new(
        FinancialYear::parse("year", "2023/24").expect("a year"),
        Money::parse("allocation", "100000").expect("an amount"),
        None,
        projects,
    );
    let text = serde_json::json!({"year": "2023/24", "allocation": "100000", "projects": rows}).to_string();
    (input, text)
}

fn grant_benches(c: &mut Criterion) {
    let schemes = Context::kent();
    let (input, text) = thousand_projects();
    assert!(grant::ledger(schemes, &input).is_ok(), "the benchmark ledger is valid");
    let mut g = c.benchmark_group("grant");
    g.throughput(Throughput::Elements(input.projects.len() as u64));
    g.bench_function("ledger_1000_projects", |b| {
        b.iter(|| grant::ledger(schemes, black_box(&input)))
    });
    g.bench_function("ledger_1000_projects_json", |b| {
        b.iter(|| json::evaluate_str("grant_ledger", black_box(&text)))
    });
    g.finish();
}

fn dhr_benches(c: &mut Criterion) {
    let protocols = Context::kent();
    // 1,000 reviews notified over twelve years, at every stage of progress.
    let inputs: Vec<DeadlineInput> = (0..1000u64)
        .map(|i| {
            let notified = date(2012, 1, 1) + Days::new(i * 4);
            let decided = (i % 4 != 0).then(|| notified + Days::new(20 + i % 30));
            let decision = decided.map(|_| {
                if i % 5 == 0 {
                    CommissionDecision::NotCommission
                } else {
                    CommissionDecision::Commission
                }
            });
            let submitted =
                (i % 3 == 0 && decision == Some(CommissionDecision::Commission)).then(|| notified + Days::new(200));
            DeadlineInput::new(notified, date(2026, 6, 30), decided, decision, submitted, Vec::new())
        })
        .collect();
    let mut g = c.benchmark_group("dhr");
    g.bench_function("deadlines_one_case", |b| {
        b.iter(|| protocol::deadlines(protocols, black_box(&inputs[1])))
    });
    let text = serde_json::json!({"notified": "2023-11-16", "as_of": "2024-03-01", "decided": "2023-12-01", "decision": "commission"}).to_string();
    g.bench_function("deadlines_one_case_json", |b| {
        b.iter(|| json::evaluate_str("dhr_deadlines", black_box(&text)))
    });
    g.throughput(Throughput::Elements(inputs.len() as u64));
    g.bench_with_input(BenchmarkId::new("deadlines", "1000_cases"), &inputs, |b, inputs| {
        b.iter(|| {
            inputs
                .iter()
                .filter(|i| protocol::deadlines(protocols, i).is_ok_and(|d| d.report_overdue))
                .count()
        })
    });
    g.finish();
}

criterion_group!(benches, quorum_benches, papers_benches, grant_benches, dhr_benches);
criterion_main!(benches);
