//! The report as text: every meeting, review, chair term, cadence year,
//! grant year and DHR case in turn (the default of `examples/report.rs`).

use crate::data::ReportData;
use crate::findings::{dhr_portfolio, grant_year};
use chrono::NaiveDate;
use kcsp_core::{action_plan, cadence, chair, csa, dhr, quorum, review, Context, Error};
use std::fmt::Write;

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "NO"
    }
}

/// Renders the whole report as text, evaluated in `ctx`.
pub fn render(ctx: &Context, data: &ReportData) -> Result<String, Error> {
    let mut o = String::new();
    let w = &mut o;
    let _ = writeln!(w, "{}\nas of {}\n", data.title, data.as_of);
    for n in &data.notes {
        let _ = writeln!(w, "  * {n}");
    }

    let _ = writeln!(w, "\n== Meetings ==");
    for m in &data.meetings {
        let _ = writeln!(w, "\n{} {} ({})", m.date, m.body, m.source);
        match &m.present {
            Some(present) => {
                let q = quorum::check(ctx, &m.body, m.date, present)?;
                let _ = writeln!(w, "  quorate: {} -- {}", yes_no(q.quorate), q.explanation.reason);
                let _ = writeln!(w, "    attendance: {}", m.present_source);
                if !q.missing.is_empty() {
                    let _ = writeln!(w, "    seats missing: {}", q.missing.join(", "));
                }
                if !q.not_counted.is_empty() {
                    let names: Vec<&str> = q.not_counted.iter().map(|o| o.as_str()).collect();
                    let _ = writeln!(w, "    present but not counted: {}", names.join(", "));
                }
            }
            None => {
                let _ = writeln!(w, "  quorate: not recorded -- the records give no attendance");
            }
        }
        if let Some(p) = crate::findings::papers_of(ctx, m)? {
            match (p.circulated, p.compliant) {
                (Some(c), Some(ok)) => {
                    let _ = writeln!(
                        w,
                        "  papers on time: {} -- sent {c}, {} clear working days; latest dispatch day {}",
                        yes_no(ok),
                        p.clear_working_days.unwrap_or(0),
                        p.latest_circulation
                    );
                }
                _ => {
                    let _ = writeln!(
                        w,
                        "  papers: dispatch date not in the sources; latest dispatch day {}",
                        p.latest_circulation
                    );
                }
            }
        }
    }

    for u in &data.unjudged_meetings {
        let _ = writeln!(w, "\n{}\n  not judged: {}", u.what, u.why);
    }

    let _ = writeln!(w, "\n== Terms-of-reference review ==");
    let principal = ctx.partnership().principal_body()?;
    let r = review::tor_review(ctx, principal, &data.tor_approvals.dates, data.as_of)?;
    let _ = writeln!(w, "  {} ({})", r.explanation.reason, data.tor_approvals.source);
    for c in &r.explanation.citations {
        let _ = writeln!(w, "    per {c}");
    }

    render_cadence(ctx, data, w)?;

    let _ = writeln!(w, "\n== Chair terms ==");
    for t in &data.chair_terms {
        match chair::term_status(ctx, &t.body, &t.elected, data.as_of) {
            Ok(s) => {
                let _ = writeln!(w, "  {}: {} [{}]", t.body, s.explanation.reason, t.source);
            }
            Err(e) if e.code() == "no_fixed_term" => {
                let _ = writeln!(w, "  {}: no fixed term -- {}", t.body, e.message());
            }
            Err(e) => return Err(e),
        }
    }

    let _ = writeln!(w, "\n== Crime Reduction Grant ==");
    for y in &data.grant_years {
        if let Some(why) = &y.unjudged {
            let _ = writeln!(w, "\n{} ({})\n  not judged: {why}", y.year, y.source);
            continue;
        }
        if let Some(why) = &y.refused {
            let _ = writeln!(w, "\n{} ({})\n  refused: {why}", y.year, y.source);
            continue;
        }
        let g = grant_year(ctx, y)?;
        let l = &g.ledger;
        let _ = writeln!(w, "\n{} {} ({})", l.year, l.scheme, y.source);
        if let Some(n) = &y.note {
            let _ = writeln!(w, "  note: {n}");
        }
        let _ = writeln!(
            w,
            "  allocation {}: upfront pot {}, tactical pot {}",
            l.allocation, l.upfront_pot, l.tactical_pot
        );
        let _ = writeln!(
            w,
            "  upfront: requested {}, approved {}, pending {}, rejected {}",
            l.upfront_requested, l.upfront_approved, l.upfront_pending, l.upfront_rejected
        );
        if l.tactical_pot.is_zero() {
            let _ = writeln!(w, "  tactical: no tactical pot under this scheme");
        } else {
            let _ = writeln!(
                w,
                "  tactical: {} -- available {}, approved {}, remaining {}",
                if l.tactical_open { "open" } else { "closed" },
                l.tactical_available,
                l.tactical_approved,
                l.tactical_remaining
            );
        }
        if let Some(a) = &g.access {
            let _ = writeln!(w, "    {}", a.explanation.reason);
        }
        if l.projects.iter().any(|p| p.spent.is_some()) {
            let _ = writeln!(
                w,
                "  spent {}, underspend {}, unallocated {}",
                l.spent, l.underspend, l.unallocated
            );
        } else {
            let _ = writeln!(w, "  spend not recorded in the sources; unallocated {}", l.unallocated);
        }
        for warn in &l.warnings {
            let _ = writeln!(w, "  warning {} ({}): {}", warn.code, warn.field, warn.message);
        }
        for (name, m) in &g.match_funding {
            let _ = writeln!(w, "  match funding, {name}: {}", m.explanation.reason);
        }
        if g.reconciliation.consistent {
            let _ = writeln!(w, "  reconciliation: stated figures agree");
        } else {
            let _ = writeln!(w, "  reconciliation: {}", g.reconciliation.explanation.reason);
            for d in &g.reconciliation.discrepancies {
                let _ = writeln!(w, "    - [{}] {}", d.kind, d.message);
            }
        }
    }

    render_csa(ctx, data, w)?;

    let _ = writeln!(w, "\n== Domestic Homicide Reviews ==");
    let p = dhr_portfolio(ctx, &data.dhr)?;
    let _ = writeln!(
        w,
        "  2011-2014: {} ({})",
        p.explanation.reason, data.dhr.portfolio_source
    );
    let _ = writeln!(w, "  Cases ({}):", data.dhr.cases_source);
    for c in &data.dhr.cases {
        let s = dhr::case_status(ctx, c, data.as_of)?;
        let d = &s.deadlines;
        let _ = writeln!(w, "    {}: at {}, protocol {}", s.reference, s.stage, d.protocol);
        let _ = writeln!(w, "      {}", d.explanation.reason);
        let next: Vec<&str> = s.next_allowed.iter().map(|x| x.as_str()).collect();
        let _ = writeln!(
            w,
            "      next: {}; open actions {}; can close: {}",
            next.join(" or "),
            s.open_actions,
            yes_no(s.can_close)
        );
    }
    let all = dhr::portfolio_of_cases(ctx, &data.dhr.cases, data.as_of)?;
    for od in &all.overdue {
        let _ = writeln!(w, "  OVERDUE: {} {} deadline was {}", od.reference, od.deadline, od.due);
    }
    if !data.problems.is_empty() {
        let _ = writeln!(w, "\n== Rows not read ==");
        for p in &data.problems {
            let _ = writeln!(w, "  {}: {} ({})", p.place(), p.message, p.code);
        }
    }
    Ok(o)
}

/// "Meeting cadence": each body's meetings in each financial year the file
/// records, against its cadence.
fn render_cadence(ctx: &Context, data: &ReportData, w: &mut String) -> Result<(), Error> {
    let _ = writeln!(w, "\n== Meeting cadence ==");
    let register: Vec<(&str, NaiveDate)> = data.meetings.iter().map(|m| (m.body.as_str(), m.date)).collect();
    for row in cadence::register(ctx, &register) {
        match row.outcome {
            Ok(c) => {
                let _ = writeln!(w, "  {} {}: {}", row.body, row.year, c.explanation.reason);
            }
            Err(e) if e.code() == "no_cadence_rule" => {
                let _ = writeln!(w, "  {} {}: no cadence in the terms of reference", row.body, row.year);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// "Community Safety Agreement": the priorities in force, and the action
/// plan's progress.
fn render_csa(ctx: &Context, data: &ReportData, w: &mut String) -> Result<(), Error> {
    let _ = writeln!(w, "\n== Community Safety Agreement ==");
    let p = csa::priorities(ctx, data.as_of)?;
    let _ = writeln!(w, "  {}", p.explanation.reason);
    if !p.silent {
        let _ = writeln!(w, "    priorities: {}", p.priorities.join("; "));
        let _ = writeln!(w, "    cross-cutting themes: {}", p.themes.join("; "));
    }
    let plan = &data.csa_action_plan;
    let a = action_plan::progress(ctx, plan.as_of, &plan.items)?;
    let _ = writeln!(w, "  Action plan ({}; statuses {}):", plan.source, plan.statuses);
    let _ = writeln!(w, "    {}", a.explanation.reason);
    if !a.overdue.is_empty() {
        let _ = writeln!(w, "    overdue: {}", a.overdue.join(", "));
    }
    Ok(())
}
