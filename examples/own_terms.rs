//! Your own partnership's terms: reads a definition (by default the two
//! shipped examples, a joint committee of two councils that counts
//! councillors, and a district board with a rotating chair and a casting
//! vote), lists each body's terms in force on a date, and decides a quorum,
//! a motion and the chair's turn on it, each with its explanation.
//!
//! ```text
//! cargo run --example own_terms -- [DEFINITION.json ...]
//! ```

use chrono::NaiveDate;
use kcsp_core::{chair, decision, quorum, Context, Partnership};
use std::process::ExitCode;

/// A meeting to decide on: the body, the date, who came, and a motion.
struct Meeting {
    body: &'static str,
    date: NaiveDate,
    present: &'static [&'static str],
    votes_for: &'static [&'static str],
    against: &'static [&'static str],
    casting_vote: Option<decision::Side>,
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// The meetings this example decides for each shipped definition.
fn meetings(name: &str) -> Vec<Meeting> {
    match name {
        "Eastvale and Westbrook Community Safety Partnership" => vec![
            Meeting {
                body: "joint_committee",
                date: day(2024, 3, 12),
                present: &["eastvale_dc", "eastvale_dc", "eastvale_dc", "westbrook_bc", "public"],
                votes_for: &["eastvale_dc", "eastvale_dc"],
                against: &["westbrook_bc"],
                casting_vote: None,
            },
            Meeting {
                body: "joint_committee",
                date: day(2024, 9, 17),
                present: &[
                    "eastvale_dc",
                    "eastvale_dc",
                    "westbrook_bc",
                    "westbrook_bc",
                    "westbrook_bc",
                ],
                votes_for: &["eastvale_dc", "eastvale_dc"],
                against: &["westbrook_bc", "westbrook_bc"],
                casting_vote: Some(decision::Side::Against),
            },
        ],
        "Millbrook Community Safety Partnership" => vec![Meeting {
            body: "board",
            date: day(2024, 6, 19),
            present: &[
                "millbrook_dc",
                "marlshire_police",
                "marlshire_fire",
                "marlshire_icb",
                "millbrook_homes",
                "officer",
            ],
            votes_for: &["millbrook_dc", "marlshire_police"],
            against: &["marlshire_fire", "marlshire_icb"],
            casting_vote: Some(decision::Side::For),
        }],
        _ => Vec::new(),
    }
}

fn show(p: &Partnership, on: NaiveDate) {
    println!("{}", p.name());
    for body in p.bodies() {
        let Ok(terms) = body.terms_on(on) else {
            println!("  {}: no terms in force on {on}", body.name);
            continue;
        };
        let seats: Vec<String> = p
            .seats(body.id.as_str(), on)
            .unwrap_or_default()
            .iter()
            .map(|s| {
                format!(
                    "{} ({})",
                    s.name,
                    p.organisation(s.holder.as_str()).map_or("?", |o| o.name.as_str())
                )
            })
            .collect();
        println!(
            "  {} — terms from {}",
            body.name,
            terms.from.map_or("the beginning".into(), |d| d.to_string())
        );
        if !seats.is_empty() {
            println!("    seats on {on}: {}", seats.join(", "));
        }
        let name = |id: &str| p.organisation(id).map_or(id.to_string(), |o| o.name.clone());
        let members: Vec<String> = body
            .participants
            .iter()
            .filter(|t| t.covers(on))
            .map(|t| name(t.organisation.as_str()))
            .collect();
        if !members.is_empty() {
            println!("    taking part: {}", members.join(", "));
        }
        println!(
            "    review: {}; decisions: {}",
            terms
                .review
                .as_ref()
                .map_or("the terms say nothing".into(), |r| format!(
                    "every {} months",
                    r.interval_months
                )),
            terms.decisions.as_ref().map_or("the terms say nothing".into(), |d| {
                let words = |v: serde_json::Value| v.as_str().unwrap_or_default().replace('_', " ");
                format!(
                    "voting by {}, a majority {}, casting vote: {}",
                    words(serde_json::to_value(d.voting).unwrap_or_default()),
                    words(serde_json::to_value(d.majority).unwrap_or_default()),
                    words(serde_json::to_value(d.casting_vote).unwrap_or_default())
                )
            })
        );
    }
}

fn decide(ctx: &Context, m: &Meeting) -> Result<(), kcsp_core::Error> {
    println!("\n  Meeting of {} on {}", m.body, m.date);
    let q = quorum::check(ctx, m.body, m.date, m.present)?;
    println!("    {}", q.explanation.reason);
    match decision::decide(ctx, m.body, m.date, m.present, m.votes_for, m.against, m.casting_vote) {
        Ok(d) => {
            println!("    {}", d.explanation.reason);
            if let Some(c) = d.explanation.citations.first() {
                println!("      ({}, {})", c.document, c.section);
            }
        }
        Err(e) => println!("    The motion could not be decided: {} ({})", e.message(), e.code()),
    }
    let t = chair::term_status(ctx, m.body, &[], m.date);
    match t {
        Ok(t) => println!("    {}", t.explanation.reason),
        Err(e) => println!("    Chair: {}", e.message()),
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let files = if args.is_empty() {
        let here = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/");
        vec![
            format!("{here}joint_scrutiny_committee.json"),
            format!("{here}district_csp_board.json"),
        ]
    } else {
        args
    };
    for file in files {
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{file}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let p = match Partnership::from_json(&text) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{file}: {} at {}: {}", e.code(), e.field(), e.message());
                return ExitCode::FAILURE;
            }
        };
        show(&p, day(2024, 6, 19));
        let ctx = Context::kent().clone().with_partnership(p.clone());
        for m in meetings(p.name()) {
            if let Err(e) = decide(&ctx, &m) {
                eprintln!("{file}: {} at {}: {}", e.code(), e.field(), e.message());
                return ExitCode::FAILURE;
            }
        }
        println!();
    }
    ExitCode::SUCCESS
}
