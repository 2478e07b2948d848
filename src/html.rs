//! The report as one self-contained HTML page (`report --html FILE`): the
//! exceptions first, then pictures of the year (meetings per body, grant
//! pots, due dates) as inline SVG each with a table beside it, then every
//! finding with its explanation (the clauses cited, the figures used, the
//! calendar used).
//!
//! The page fetches nothing: GOV.UK Frontend's styles are inlined (the
//! compiled stylesheet of the version `tests/web/package.json` pins, its
//! `@font-face` rules left out, so text is set in Arial as on any service
//! not on GOV.UK; `tests/web/vendor-css.mjs` writes `src/assets/` and
//! `tests/browser` checks it is current). Printing it, or "Save as PDF",
//! gives a clean document.

use crate::data::ReportData;
use crate::findings::{case_anchor, Exception, Findings, Kind, MeetingFinding, PapersState};
use chrono::{Datelike, NaiveDate};
use kcsp_core::dates::long;
use kcsp_core::{Context, Error, Explanation, Money};
use std::fmt::Write;

/// GOV.UK Frontend's compiled stylesheet (MIT licence), without its fonts.
const GOVUK_CSS: &str = include_str!("assets/govuk-frontend.min.css");

/// The page's own styles: charts, and print.
const OWN_CSS: &str = "
.kcsp-chart{display:block;width:100%;height:auto;margin-bottom:15px}
.kcsp-chart text{font-family:arial,sans-serif;fill:#0b0c0c}
.kcsp-legend{list-style:none;padding:0;margin:0 0 20px}
.kcsp-legend li{display:inline-block;margin:0 20px 5px 0}
.kcsp-legend svg{vertical-align:middle;margin-right:5px}
.kcsp-report td,.kcsp-report dd,.kcsp-report li{overflow-wrap:anywhere}
.kcsp-report td.govuk-table__cell--numeric{overflow-wrap:normal;white-space:nowrap}
.kcsp-count{font-weight:700}
.kcsp-scroll{overflow-x:auto;margin-bottom:20px}
.kcsp-scroll:focus{outline:3px solid #ffdd00;outline-offset:0;box-shadow:inset 0 0 0 2px #0b0c0c}
.kcsp-scroll .govuk-table{margin-bottom:0}
@media print{
 .govuk-skip-link{display:none}
 .govuk-summary-card,.kcsp-figure,.govuk-table tr{break-inside:avoid}
 h2,h3{break-after:avoid}
 .govuk-width-container{max-width:none;margin:0}
 a[href^='#']:after{content:none !important}
}
";

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn tag(text: &str, colour: &str) -> String {
    format!("<strong class=\"govuk-tag govuk-tag--{colour}\">{}</strong>", esc(text))
}

/// A row of a summary list.
fn row(w: &mut String, key: &str, value_html: &str) {
    let _ = write!(
        w,
        "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">{}</dt>\
         <dd class=\"govuk-summary-list__value\">{value_html}</dd></div>",
        esc(key)
    );
}

/// The rows that explain a decision: its reason, the reading taken, the
/// clauses cited, the figures used and the calendar used.
fn explanation_rows(w: &mut String, e: &Explanation) {
    row(w, "Finding", &format!("<p class=\"govuk-body\">{}</p>", esc(&e.reason)));
    if let Some(r) = &e.reading {
        row(w, "Reading taken", &esc(r));
    }
    if !e.citations.is_empty() {
        let mut items = String::new();
        for c in &e.citations {
            let _ = write!(
                items,
                "<li><span class=\"govuk-!-font-weight-bold\">{}, {}</span>: {}</li>",
                esc(&c.document),
                esc(&c.section),
                esc(&c.summary)
            );
        }
        row(w, "Clauses cited", &format!("<ul class=\"govuk-list\">{items}</ul>"));
    }
    if !e.figures.is_empty() {
        let mut items = String::new();
        for f in &e.figures {
            let _ = write!(items, "<li>{}: {}</li>", esc(&f.name.replace('_', " ")), esc(&f.value));
        }
        row(w, "Figures used", &format!("<ul class=\"govuk-list\">{items}</ul>"));
    }
    if let Some(c) = &e.calendar {
        row(w, "Calendar used", &esc(&c.summary));
    }
}

/// A summary card: a title, then rows.
fn card(w: &mut String, id: &str, title: &str, rows: impl FnOnce(&mut String)) {
    card_at(w, 3, id, title, rows);
}

/// A summary card whose title is a heading of `level`.
fn card_at(w: &mut String, level: u8, id: &str, title: &str, rows: impl FnOnce(&mut String)) {
    let id = if id.is_empty() {
        String::new()
    } else {
        format!(" id=\"{}\"", esc(id))
    };
    let _ = write!(
        w,
        "<div class=\"govuk-summary-card\"{id}><div class=\"govuk-summary-card__title-wrapper\">\
         <h{level} class=\"govuk-summary-card__title\">{}</h{level}></div><div class=\"govuk-summary-card__content\">\
         <dl class=\"govuk-summary-list\">",
        esc(title)
    );
    rows(w);
    w.push_str("</dl></div></div>");
}

/// A source, tagged when the records say it is illustrative.
fn illustrative(source: &str) -> String {
    if !source.to_lowercase().contains("illustrative") {
        return esc(source);
    }
    let rest = source
        .get(..12)
        .filter(|head| head.eq_ignore_ascii_case("illustrative"))
        .map_or(source, |_| source[12..].trim_start_matches([':', ' ']));
    format!("{} {}", tag("Illustrative", "grey"), esc(rest))
}

/// Renders the report as one HTML page, evaluated in `ctx`. Fails where
/// the text report fails (a record the rules refuse).
pub fn render_html(ctx: &Context, data: &ReportData) -> Result<String, Error> {
    let f = Findings::of(ctx, data)?;
    let exceptions = f.exceptions();
    let mut w = String::with_capacity(GOVUK_CSS.len() + 64 * 1024);
    let _ = write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n\
         <style>{GOVUK_CSS}</style>\n<style>{OWN_CSS}</style>\n</head>\n\
         <body class=\"govuk-template__body\">\n<a href=\"#main-content\" class=\"govuk-skip-link\">Skip to main content</a>\n\
         <div class=\"govuk-width-container kcsp-report\">\n<main class=\"govuk-main-wrapper\" id=\"main-content\">\n",
        esc(&data.title)
    );
    let _ = write!(
        w,
        "<span class=\"govuk-caption-l\">Compliance report on {}</span>\n<h1 class=\"govuk-heading-xl\">{}</h1>\n",
        long(data.as_of),
        esc(&data.title)
    );
    if !data.notes.is_empty() {
        w.push_str("<div class=\"govuk-inset-text\"><h2 class=\"govuk-heading-s\">About the data</h2><ul class=\"govuk-list govuk-list--bullet\">");
        for n in &data.notes {
            let _ = write!(w, "<li>{}</li>", esc(n));
        }
        w.push_str("</ul></div>\n");
    }
    summary(&mut w, &f, &exceptions);
    meetings(&mut w, &f);
    governance(&mut w, &f);
    due_dates(&mut w, &f);
    grants(&mut w, &f);
    csa(&mut w, &f);
    dhr(&mut w, &f);
    rows_not_read(&mut w, data);
    let calendar = ctx.calendar().source().summary;
    let _ = write!(
        w,
        "</main>\n</div>\n<footer class=\"govuk-footer\"><div class=\"govuk-width-container\">\
         <p class=\"govuk-body-s\">Judged by kcsp {} for {}, as of {}. Working days counted on: {}</p>\
         </div></footer>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        esc(ctx.partnership().name()),
        long(data.as_of),
        esc(&calendar)
    );
    Ok(w)
}

fn summary(w: &mut String, f: &Findings<'_>, exceptions: &[Exception]) {
    let judged = f.meetings.iter().filter(|m| m.quorum.is_some()).count();
    w.push_str(
        "<h2 class=\"govuk-heading-l\" id=\"summary\">Summary</h2>\n<dl class=\"govuk-summary-list\" id=\"counts\">",
    );
    let count = |n: usize, key: &str| format!("<span class=\"kcsp-count\" data-count=\"{key}\">{n}</span>");
    row(
        w,
        "Meetings",
        &format!(
            "{} recorded, {} with attendance",
            count(f.meetings.len(), "meetings"),
            count(judged, "meetings_judged")
        ),
    );
    for k in Kind::ALL {
        let n = exceptions.iter().filter(|e| e.kind == k).count();
        row(w, k.label(), &count(n, k.key()));
    }
    w.push_str("</dl>\n");
    let _ = writeln!(
        w,
        "<h2 class=\"govuk-heading-l\" id=\"exceptions\">Exceptions ({})</h2>",
        exceptions.len()
    );
    if exceptions.is_empty() {
        w.push_str("<p class=\"govuk-body\">Nothing needs attention.</p>");
        return;
    }
    for k in Kind::ALL {
        let of_kind: Vec<&Exception> = exceptions.iter().filter(|e| e.kind == k).collect();
        if of_kind.is_empty() {
            continue;
        }
        let _ = write!(
            w,
            "<h3 class=\"govuk-heading-s\">{}</h3><ul class=\"govuk-list govuk-list--bullet\">",
            k.label()
        );
        for e in of_kind {
            let _ = write!(
                w,
                "<li><a class=\"govuk-link\" href=\"#{}\">{}</a></li>",
                esc(&e.anchor),
                esc(&e.text)
            );
        }
        w.push_str("</ul>\n");
    }
}

/// The horizontal scale of a time chart: `left..right` pixels for
/// `start..end`.
struct Scale {
    start: NaiveDate,
    end: NaiveDate,
    left: f64,
    right: f64,
}

impl Scale {
    fn years(first: NaiveDate, last: NaiveDate, left: f64, right: f64) -> Scale {
        let start = NaiveDate::from_ymd_opt(first.year(), 1, 1).unwrap_or(first);
        let end = NaiveDate::from_ymd_opt(last.year() + 1, 1, 1).unwrap_or(last);
        Scale {
            start,
            end,
            left,
            right,
        }
    }
    fn x(&self, d: NaiveDate) -> f64 {
        let span = (self.end - self.start).num_days().max(1) as f64;
        self.left + (self.right - self.left) * ((d - self.start).num_days() as f64 / span)
    }
    /// The year ticks and labels along `y`.
    fn axis(&self, w: &mut String, y: f64) {
        let _ = write!(
            w,
            "<line x1=\"{:.1}\" y1=\"{y}\" x2=\"{:.1}\" y2=\"{y}\" stroke=\"#505a5f\"/>",
            self.left, self.right
        );
        let years = self.end.year() - self.start.year();
        let every = if years > 8 { 2 } else { 1 };
        for year in self.start.year()..=self.end.year() {
            let Some(d) = NaiveDate::from_ymd_opt(year, 1, 1) else {
                continue;
            };
            let x = self.x(d);
            let _ = write!(
                w,
                "<line x1=\"{x:.1}\" y1=\"{y}\" x2=\"{x:.1}\" y2=\"{}\" stroke=\"#505a5f\"/>",
                y + 6.0
            );
            if (year - self.start.year()) % every == 0 && year < self.end.year() {
                let _ = write!(
                    w,
                    "<text x=\"{:.1}\" y=\"{}\" font-size=\"16\">{year}</text>",
                    x + 3.0,
                    y + 22.0
                );
            }
        }
    }
}

/// A mark of a chart: its shape (so no colour carries meaning alone).
#[derive(Clone, Copy)]
enum Mark {
    Yes,
    No,
    Unknown,
}

fn mark(w: &mut String, m: Mark, x: f64, y: f64, title: &str) {
    let _ = write!(w, "<g><title>{}</title>", esc(title));
    match m {
        Mark::Yes => {
            let _ = write!(w, "<circle cx=\"{x:.1}\" cy=\"{y}\" r=\"8\" fill=\"#00703c\"/>");
        }
        Mark::No => {
            let _ = write!(
                w,
                "<path d=\"M{:.1} {} l16 16 M{:.1} {} l-16 16\" stroke=\"#d4351c\" stroke-width=\"5\"/>",
                x - 8.0,
                y - 8.0,
                x + 8.0,
                y - 8.0
            );
        }
        Mark::Unknown => {
            let _ = write!(
                w,
                "<circle cx=\"{x:.1}\" cy=\"{y}\" r=\"7\" fill=\"#ffffff\" stroke=\"#505a5f\" stroke-width=\"3\"/>"
            );
        }
    }
    w.push_str("</g>");
}

fn legend(w: &mut String, items: &[(Mark, &str)]) {
    w.push_str("<ul class=\"kcsp-legend govuk-body-s\">");
    for (m, label) in items {
        w.push_str(
            "<li><svg width=\"20\" height=\"20\" viewBox=\"0 0 20 20\" aria-hidden=\"true\" focusable=\"false\">",
        );
        let mut g = String::new();
        mark(&mut g, *m, 10.0, 10.0, label);
        w.push_str(&g);
        let _ = write!(w, "</svg>{}</li>", esc(label));
    }
    w.push_str("</ul>");
}

fn quorum_text(m: &MeetingFinding<'_>) -> (Mark, &'static str) {
    match &m.quorum {
        Some(q) if q.quorate => (Mark::Yes, "Quorate"),
        Some(_) => (Mark::No, "Not quorate"),
        None => (Mark::Unknown, "Attendance not recorded"),
    }
}

fn papers_text(m: &MeetingFinding<'_>) -> Option<(Mark, &'static str)> {
    match m.papers_state() {
        PapersState::OnTime => Some((Mark::Yes, "Papers on time")),
        PapersState::Late => Some((Mark::No, "Papers late")),
        PapersState::NotRecorded => Some((Mark::Unknown, "Papers: dispatch date not recorded")),
        PapersState::NoRule => None,
    }
}

fn meetings(w: &mut String, f: &Findings<'_>) {
    w.push_str("<h2 class=\"govuk-heading-l\" id=\"meetings\">Meetings</h2>\n");
    let (Some(first), Some(last)) = (
        f.meetings.iter().map(|m| m.meeting.date).min(),
        f.meetings.iter().map(|m| m.meeting.date).max(),
    ) else {
        w.push_str("<p class=\"govuk-body\">The records hold no meetings.</p>");
        return;
    };
    let scale = Scale::years(first, last.max(f.data.as_of), 20.0, 940.0);
    let mut bodies: Vec<&str> = Vec::new();
    for m in &f.meetings {
        if !bodies.contains(&m.meeting.body.as_str()) {
            bodies.push(&m.meeting.body);
        }
    }
    for (b, body) in bodies.iter().enumerate() {
        let of_body: Vec<&MeetingFinding<'_>> = f.meetings.iter().filter(|m| m.meeting.body == *body).collect();
        let name = f.name_of(body);
        let not_quorate = of_body
            .iter()
            .filter(|m| m.quorum.as_ref().is_some_and(|q| !q.quorate))
            .count();
        let unknown = of_body.iter().filter(|m| m.quorum.is_none()).count();
        let count = |s: PapersState| of_body.iter().filter(|m| m.papers_state() == s).count();
        let papers = if of_body.iter().all(|m| m.papers_state() == PapersState::NoRule) {
            "its terms set no notice for papers".to_string()
        } else {
            format!(
                "papers {} on time, {} late, {} with no dispatch date",
                count(PapersState::OnTime),
                count(PapersState::Late),
                count(PapersState::NotRecorded)
            )
        };
        let desc = format!(
            "{} meetings from {} to {}: {} not quorate, {} with no attendance recorded; {papers}.",
            of_body.len(),
            long(of_body.first().map_or(first, |m| m.meeting.date)),
            long(of_body.last().map_or(last, |m| m.meeting.date)),
            not_quorate,
            unknown,
        );
        let _ = write!(
            w,
            "<h3 class=\"govuk-heading-m\">{}</h3>\n<p class=\"govuk-body\">{}</p>",
            esc(&name),
            esc(&desc)
        );
        let _ = write!(
            w,
            "<svg class=\"kcsp-chart\" viewBox=\"0 0 960 120\" role=\"img\" aria-labelledby=\"tl-{b}-t tl-{b}-d\">\
             <title id=\"tl-{b}-t\">Timeline of the meetings of {}</title><desc id=\"tl-{b}-d\">{} The table below gives each meeting.</desc>\
             <text x=\"20\" y=\"16\" font-size=\"15\">Quorum</text><text x=\"20\" y=\"66\" font-size=\"15\">Papers</text>",
            esc(&name),
            esc(&desc)
        );
        for m in &of_body {
            let x = scale.x(m.meeting.date);
            let when = long(m.meeting.date);
            let (q, qt) = quorum_text(m);
            mark(w, q, x, 36.0, &format!("{when}: {qt}"));
            if let Some((p, pt)) = papers_text(m) {
                mark(w, p, x, 80.0, &format!("{when}: {pt}"));
            }
        }
        scale.axis(w, 96.0);
        w.push_str("</svg>\n");
        legend(
            w,
            &[
                (Mark::Yes, "Quorate, or papers on time"),
                (Mark::No, "Not quorate, or papers late"),
                (Mark::Unknown, "Not recorded"),
            ],
        );
        let _ = write!(
            w,
            "<table class=\"govuk-table govuk-table--small-text-until-tablet\"><caption class=\"govuk-table__caption govuk-table__caption--s\">Meetings of {}</caption>\
             <thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Date</th>\
             <th scope=\"col\" class=\"govuk-table__header\">Quorum</th><th scope=\"col\" class=\"govuk-table__header\">Papers</th></tr></thead><tbody class=\"govuk-table__body\">",
            esc(&name)
        );
        for m in &of_body {
            let (_, qt) = quorum_text(m);
            let pt = papers_text(m).map_or("No notice rule", |(_, t)| t);
            let _ = write!(
                w,
                "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"#{}\">{}</a></td>\
                 <td class=\"govuk-table__cell\">{}</td><td class=\"govuk-table__cell\">{}</td></tr>",
                esc(&m.anchor),
                long(m.meeting.date),
                qt,
                pt
            );
        }
        w.push_str("</tbody></table>\n");
    }
    w.push_str("<h3 class=\"govuk-heading-m\">Each meeting</h3>\n");
    for m in &f.meetings {
        let _ = write!(
            w,
            "<h4 class=\"govuk-heading-s\" id=\"{}\">{}, {}</h4><p class=\"govuk-body\">Source: {}</p>",
            esc(&m.anchor),
            esc(&m.body_name),
            long(m.meeting.date),
            illustrative(&m.meeting.source)
        );
        card_at(w, 5, "", "Quorum", |w| match &m.quorum {
            Some(q) => {
                let t = if q.quorate {
                    tag("Quorate", "green")
                } else {
                    tag("Not quorate", "red")
                };
                row(w, "Outcome", &t);
                row(w, "Attendance from", &illustrative(&m.meeting.present_source));
                explanation_rows(w, &q.explanation);
            }
            None => row(
                w,
                "Outcome",
                &format!(
                    "{} The records give no attendance for this meeting.",
                    tag("Not recorded", "grey")
                ),
            ),
        });
        card_at(w, 5, "", "Papers", |w| match &m.papers {
            None => row(w, "Outcome", "The body's terms set no notice for papers."),
            Some(p) => {
                let t = match m.papers_state() {
                    PapersState::OnTime => tag("On time", "green"),
                    PapersState::Late => tag("Late", "red"),
                    _ => format!(
                        "{} The dispatch date is not in the records.",
                        tag("Not recorded", "grey")
                    ),
                };
                row(
                    w,
                    "Outcome",
                    &format!("{t} Latest dispatch day {}.", long(p.latest_circulation)),
                );
                explanation_rows(w, &p.explanation);
            }
        });
    }
}

fn governance(w: &mut String, f: &Findings<'_>) {
    let d = f.data;
    w.push_str("<h2 class=\"govuk-heading-l\" id=\"review\">Terms-of-reference review</h2>\n");
    let r = &f.review;
    card(
        w,
        "review-card",
        &format!("{}: annual review", f.name_of(&f.principal)),
        |w| {
            let t = if r.overdue {
                tag("Overdue", "red")
            } else {
                tag("Current", "green")
            };
            row(w, "Status", &format!("{t} Next review due by {}.", long(r.next_due)));
            row(w, "Approvals from", &esc(&d.tor_approvals.source));
            explanation_rows(w, &r.explanation);
        },
    );
    w.push_str("<h2 class=\"govuk-heading-l\" id=\"cadence\">Meeting cadence</h2>\n");
    w.push_str(
        "<table class=\"govuk-table govuk-table--small-text-until-tablet\"><caption class=\"govuk-table__caption govuk-table__caption--s\">Meetings each financial year against each body's cadence</caption>\
         <thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Body and year</th>\
         <th scope=\"col\" class=\"govuk-table__header\">Kept</th><th scope=\"col\" class=\"govuk-table__header\">Why</th></tr></thead><tbody class=\"govuk-table__body\">",
    );
    for (body, year, r) in &f.cadence {
        let (kept, why) = match r {
            Ok(c) => (
                match c.compliant {
                    Some(true) => tag("Kept", "green"),
                    Some(false) => tag("Not kept", "red"),
                    None => tag("Cannot tell", "grey"),
                },
                esc(&c.explanation.reason),
            ),
            Err(e) if e.code() == "no_cadence_rule" => (
                tag("No rule", "grey"),
                "No cadence in the terms of reference.".to_string(),
            ),
            Err(e) => (tag("Not judged", "grey"), esc(e.message())),
        };
        let _ = write!(
            w,
            "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">{}, {}</th>\
             <td class=\"govuk-table__cell\">{kept}</td><td class=\"govuk-table__cell\">{why}</td></tr>",
            esc(&f.name_of(body)),
            esc(year)
        );
    }
    w.push_str("</tbody></table>\n<p class=\"govuk-body\">A year the records cover only in part can show as not kept for that reason (see About the data).</p>\n");
    w.push_str("<h2 class=\"govuk-heading-l\" id=\"chairs\">Chair terms</h2>\n");
    for c in &f.chairs {
        card(
            w,
            &format!("chair-{}", c.record.body),
            &format!("{}: chair", c.body_name),
            |w| match &c.status {
                Ok(s) => {
                    let t = if s.overdue {
                        tag("Overdue", "red")
                    } else {
                        tag("Current", "green")
                    };
                    row(w, "Status", &format!("{t} Next election due by {}.", long(s.next_due)));
                    row(w, "Elections from", &illustrative(&c.record.source));
                    explanation_rows(w, &s.explanation);
                }
                Err(e) => {
                    row(
                        w,
                        "Status",
                        &format!("{} {}", tag("No fixed term", "grey"), esc(e.message())),
                    );
                }
            },
        );
    }
}

/// One due date of the due-dates chart.
struct Due {
    what: String,
    due: NaiveDate,
    /// The step was not taken by the date (or was taken late).
    missed: bool,
    anchor: String,
}

fn due_dates(w: &mut String, f: &Findings<'_>) {
    let mut dues = vec![Due {
        what: "Terms-of-reference review".to_string(),
        due: f.review.next_due,
        missed: f.review.overdue,
        anchor: "review".to_string(),
    }];
    for c in &f.chairs {
        if let Ok(s) = &c.status {
            dues.push(Due {
                what: format!("{}: chair election", c.body_name),
                due: s.next_due,
                missed: s.overdue,
                anchor: format!("chair-{}", c.record.body),
            });
        }
    }
    for c in &f.cases {
        let d = &c.deadlines;
        dues.push(Due {
            what: format!("{}: decision to review", c.reference),
            due: d.decision_due,
            missed: d.decision_overdue,
            anchor: case_anchor(&c.reference),
        });
        if let Some(r) = d.report_due {
            dues.push(Due {
                what: format!("{}: overview report", c.reference),
                due: r,
                missed: d.report_overdue,
                anchor: case_anchor(&c.reference),
            });
        }
    }
    dues.sort_by_key(|d| d.due);
    w.push_str("<h2 class=\"govuk-heading-l\" id=\"due\">Due dates</h2>\n");
    let (Some(first), Some(last)) = (dues.first().map(|d| d.due), dues.last().map(|d| d.due)) else {
        return;
    };
    let as_of = f.data.as_of;
    let scale = Scale::years(first.min(as_of), last.max(as_of), 20.0, 940.0);
    let height = 30.0 + 26.0 * dues.len() as f64 + 30.0;
    let missed = dues.iter().filter(|d| d.missed).count();
    let desc = format!(
        "{} due dates from {} to {}; {} missed (the step late, or not taken by {}).",
        dues.len(),
        long(first),
        long(last),
        missed,
        long(as_of)
    );
    let _ = write!(
        w,
        "<p class=\"govuk-body\">{}</p><svg class=\"kcsp-chart\" viewBox=\"0 0 960 {height}\" role=\"img\" aria-labelledby=\"due-t due-d\">\
         <title id=\"due-t\">Due dates of reviews, chair elections and DHR deadlines</title><desc id=\"due-d\">{} The table below gives each one.</desc>",
        esc(&desc),
        esc(&desc)
    );
    let x = scale.x(as_of);
    let _ = write!(
        w,
        "<line x1=\"{x:.1}\" y1=\"20\" x2=\"{x:.1}\" y2=\"{}\" stroke=\"#1d70b8\" stroke-width=\"3\" stroke-dasharray=\"6 4\"/>\
         <text x=\"{:.1}\" y=\"14\" font-size=\"15\">{}</text>",
        height - 30.0,
        (x - 60.0).max(0.0),
        long(as_of)
    );
    for (i, d) in dues.iter().enumerate() {
        let y = 38.0 + 26.0 * i as f64;
        let (m, state) = due_state(d, as_of);
        let x = scale.x(d.due);
        mark(w, m, x, y, &format!("{}: {} ({state})", d.what, long(d.due)));
        // The label beside the mark, on the side with room.
        let (lx, anchor) = if x < 560.0 {
            (x + 14.0, "start")
        } else {
            (x - 14.0, "end")
        };
        let _ = write!(
            w,
            "<text x=\"{lx:.1}\" y=\"{}\" font-size=\"15\" text-anchor=\"{anchor}\">{}</text>",
            y + 5.0,
            esc(&d.what)
        );
    }
    scale.axis(w, height - 26.0);
    w.push_str("</svg>\n");
    legend(
        w,
        &[
            (Mark::Yes, "Met"),
            (Mark::Unknown, "To come"),
            (Mark::No, "Missed: the step late, or not taken"),
        ],
    );
    w.push_str(
        "<table class=\"govuk-table govuk-table--small-text-until-tablet\"><caption class=\"govuk-table__caption govuk-table__caption--s\">Due dates, in order</caption>\
         <thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">What</th>\
         <th scope=\"col\" class=\"govuk-table__header\">Due by</th><th scope=\"col\" class=\"govuk-table__header\">Status</th></tr></thead><tbody class=\"govuk-table__body\">",
    );
    for d in &dues {
        let state = match due_state(d, as_of) {
            (Mark::No, _) => tag("Missed", "red"),
            (Mark::Yes, _) => tag("Met", "green"),
            (Mark::Unknown, _) => tag("To come", "blue"),
        };
        let _ = write!(
            w,
            "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"#{}\">{}</a></td>\
             <td class=\"govuk-table__cell\">{}</td><td class=\"govuk-table__cell\">{state}</td></tr>",
            esc(&d.anchor),
            esc(&d.what),
            long(d.due)
        );
    }
    w.push_str("</tbody></table>\n");
}

/// A due date's state on `as_of`: missed; met (its date has passed and it
/// was not missed); or to come.
fn due_state(d: &Due, as_of: NaiveDate) -> (Mark, &'static str) {
    if d.missed {
        (Mark::No, "missed")
    } else if d.due < as_of {
        (Mark::Yes, "met")
    } else {
        (Mark::Unknown, "to come")
    }
}

fn money_cell(m: Option<Money>) -> String {
    m.map_or_else(|| "not recorded".to_string(), |m| m.to_string())
}

fn grants(w: &mut String, f: &Findings<'_>) {
    w.push_str("<h2 class=\"govuk-heading-l\" id=\"grants\">Crime Reduction Grant</h2>\n");
    // Per year: allocated, approved, spent, underspend (spend where recorded).
    struct Pots {
        year: String,
        allocated: Money,
        approved: Option<Money>,
        spent: Option<Money>,
        underspend: Option<Money>,
    }
    let pots: Vec<Pots> = f
        .grants
        .iter()
        .map(|g| {
            let ledger = g.result.as_ref().ok().map(|r| &r.ledger);
            let recorded = ledger.is_some_and(|l| l.projects.iter().any(|p| p.spent.is_some()));
            Pots {
                year: g.record.year.to_string(),
                allocated: g.record.allocation,
                approved: ledger.and_then(|l| l.upfront_approved.checked_add(l.tactical_approved)),
                spent: ledger.filter(|_| recorded).map(|l| l.spent),
                underspend: ledger.filter(|_| recorded).map(|l| l.underspend),
            }
        })
        .collect();
    let max = pots.iter().map(|p| p.allocated).max().unwrap_or_default();
    let per = 4.0 * 24.0 + 34.0;
    let height = 10.0 + per * pots.len() as f64;
    let desc = format!(
        "Allocated, approved, spent and underspend for {} grant years; spend is shown where the records give it.",
        pots.len()
    );
    let _ = write!(
        w,
        "<svg class=\"kcsp-chart kcsp-figure\" viewBox=\"0 0 960 {height}\" role=\"img\" aria-labelledby=\"pots-t pots-d\">\
         <title id=\"pots-t\">Grant pots per year</title><desc id=\"pots-d\">{} The table below gives each figure.</desc>",
        esc(&desc)
    );
    for (i, p) in pots.iter().enumerate() {
        let top = 10.0 + per * i as f64;
        let _ = write!(
            w,
            "<text x=\"0\" y=\"{}\" font-size=\"18\" font-weight=\"700\">{}</text>",
            top + 16.0,
            esc(&p.year)
        );
        let bars = [
            ("Allocated", Some(p.allocated), "#1d70b8"),
            ("Approved", p.approved, "#003078"),
            ("Spent", p.spent, "#00703c"),
            ("Underspend", p.underspend, "#505a5f"),
        ];
        for (k, (label, value, colour)) in bars.iter().enumerate() {
            let y = top + 26.0 + 24.0 * k as f64;
            let _ = write!(w, "<text x=\"0\" y=\"{}\" font-size=\"15\">{label}</text>", y + 14.0);
            match value {
                Some(v) => {
                    // A bar's length only: the figure beside it is exact.
                    let share = if max.is_zero() {
                        0.0
                    } else {
                        v.pence() as f64 / max.pence() as f64
                    };
                    let len = (560.0 * share).max(1.0);
                    let _ = write!(
                        w,
                        "<rect x=\"130\" y=\"{y}\" width=\"{len:.1}\" height=\"18\" fill=\"{colour}\"/>\
                         <text x=\"{:.1}\" y=\"{}\" font-size=\"15\">{v}</text>",
                        136.0 + len,
                        y + 14.0
                    );
                }
                None => {
                    let _ = write!(
                        w,
                        "<text x=\"130\" y=\"{}\" font-size=\"15\">not recorded</text>",
                        y + 14.0
                    );
                }
            }
        }
    }
    w.push_str("</svg>\n");
    w.push_str(
        "<div class=\"kcsp-scroll\" role=\"region\" aria-label=\"Grant pots per year (the table scrolls sideways on a narrow screen)\" tabindex=\"0\"><table class=\"govuk-table govuk-table--small-text-until-tablet\"><caption class=\"govuk-table__caption govuk-table__caption--s\">Grant pots per year</caption>\
         <thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Year</th>\
         <th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Allocated</th>\
         <th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Approved</th>\
         <th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Spent</th>\
         <th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Underspend</th></tr></thead><tbody class=\"govuk-table__body\">",
    );
    for (p, g) in pots.iter().zip(&f.grants) {
        let _ = write!(
            w,
            "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\"><a class=\"govuk-link\" href=\"#{}\">{}</a></th>\
             <td class=\"govuk-table__cell govuk-table__cell--numeric\">{}</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">{}</td>\
             <td class=\"govuk-table__cell govuk-table__cell--numeric\">{}</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">{}</td></tr>",
            esc(&g.anchor),
            esc(&p.year),
            p.allocated,
            money_cell(p.approved),
            money_cell(p.spent),
            money_cell(p.underspend)
        );
    }
    w.push_str("</tbody></table></div>\n");
    for g in &f.grants {
        let y = g.record;
        card(w, &g.anchor, &format!("Grant year {}", y.year), |w| {
            row(w, "Source", &illustrative(&y.source));
            if let Some(n) = &y.note {
                row(w, "Note", &esc(n));
            }
            let r = match &g.result {
                Ok(r) => r,
                Err(why) => {
                    let t = if y.unjudged.is_some() {
                        tag("Not judged", "grey")
                    } else {
                        tag("Refused", "red")
                    };
                    row(w, "Ledger", &format!("{t} {}", esc(why)));
                    return;
                }
            };
            let l = &r.ledger;
            row(w, "Scheme", &esc(&l.scheme));
            row(
                w,
                "Pots",
                &format!(
                    "Allocation {}: upfront pot {}, tactical pot {}.",
                    l.allocation, l.upfront_pot, l.tactical_pot
                ),
            );
            row(
                w,
                "Upfront round",
                &format!(
                    "Requested {}, approved {}, pending {}, rejected {}.",
                    l.upfront_requested, l.upfront_approved, l.upfront_pending, l.upfront_rejected
                ),
            );
            if !l.tactical_pot.is_zero() {
                let state = if l.tactical_open { "Open" } else { "Closed" };
                let mut text = format!(
                    "{state}: available {}, approved {}, remaining {}.",
                    l.tactical_available, l.tactical_approved, l.tactical_remaining
                );
                if let Some(a) = &r.access {
                    text.push(' ');
                    text.push_str(&a.explanation.reason);
                }
                row(w, "Tactical pot", &esc(&text));
            }
            if l.projects.iter().any(|p| p.spent.is_some()) {
                row(
                    w,
                    "Spend",
                    &format!(
                        "Spent {}, underspend {}, unallocated {}.",
                        l.spent, l.underspend, l.unallocated
                    ),
                );
            } else {
                row(
                    w,
                    "Spend",
                    &format!(
                        "{} Spend is not in the records; unallocated {}.",
                        tag("Not recorded", "grey"),
                        l.unallocated
                    ),
                );
            }
            for warn in &l.warnings {
                row(
                    w,
                    "Warning",
                    &format!("{} {}", tag("Warning", "orange"), esc(&warn.message)),
                );
            }
            for (name, m) in &r.match_funding {
                row(w, &format!("Match funding: {name}"), &esc(&m.explanation.reason));
            }
            if r.reconciliation.consistent {
                row(
                    w,
                    "Printed figures",
                    &format!("{} The stated figures agree.", tag("Agree", "green")),
                );
            } else {
                let mut items = String::new();
                for d in &r.reconciliation.discrepancies {
                    let _ = write!(items, "<li>{}</li>", esc(&d.message));
                }
                row(
                    w,
                    "Printed figures",
                    &format!(
                        "{} {}<ul class=\"govuk-list govuk-list--bullet\">{items}</ul>",
                        tag("Disagree", "red"),
                        esc(&r.reconciliation.explanation.reason)
                    ),
                );
            }
            explanation_rows(w, &l.explanation);
        });
    }
}

fn csa(w: &mut String, f: &Findings<'_>) {
    w.push_str("<h2 class=\"govuk-heading-l\" id=\"csa\">Community Safety Agreement</h2>\n");
    let p = &f.priorities;
    let plan = &f.data.csa_action_plan;
    card(w, "csa-card", "Priorities and action plan", |w| {
        explanation_rows(w, &p.explanation);
        if !p.silent {
            let list = |items: &[String]| {
                let mut s = String::from("<ul class=\"govuk-list govuk-list--bullet\">");
                for i in items {
                    let _ = write!(s, "<li>{}</li>", esc(i));
                }
                s + "</ul>"
            };
            row(w, "Priorities", &list(&p.priorities));
            row(w, "Cross-cutting themes", &list(&p.themes));
        }
        row(
            w,
            "Action plan from",
            &illustrative(&format!("{}; statuses {}", plan.source, plan.statuses)),
        );
        row(w, "Progress", &esc(&f.plan.explanation.reason));
        if !f.plan.overdue.is_empty() {
            row(
                w,
                "Overdue items",
                &format!("{} {}", tag("Overdue", "red"), esc(&f.plan.overdue.join(", "))),
            );
        }
    });
}

fn dhr(w: &mut String, f: &Findings<'_>) {
    let d = &f.data.dhr;
    w.push_str("<h2 class=\"govuk-heading-l\" id=\"dhr\">Domestic Homicide Reviews</h2>\n");
    card(w, "dhr-portfolio", "Reviews 2011 to 2014", |w| {
        row(w, "Source", &esc(&d.portfolio_source));
        explanation_rows(w, &f.portfolio.explanation);
    });
    let _ = write!(
        w,
        "<p class=\"govuk-body\">Cases: {}</p>",
        illustrative(&d.cases_source)
    );
    for c in &f.cases {
        let dl = &c.deadlines;
        card(w, &case_anchor(&c.reference), &c.reference, |w| {
            row(w, "Stage", &esc(&c.stage.to_string()));
            row(w, "Protocol", &esc(&dl.protocol));
            let status = if dl.decision_overdue || dl.report_overdue {
                tag("Overdue", "red")
            } else {
                tag("On track", "green")
            };
            let mut due = format!("{status} Decision due by {}", long(dl.decision_due));
            if let Some(r) = dl.report_due {
                let _ = write!(due, "; overview report due by {}", long(r));
            }
            due.push('.');
            row(w, "Deadlines", &due);
            explanation_rows(w, &dl.explanation);
            let next: Vec<String> = c.next_allowed.iter().map(|s| s.to_string()).collect();
            row(
                w,
                "Next",
                &esc(&format!(
                    "{}; open actions {}; can close: {}.",
                    next.join(" or "),
                    c.open_actions,
                    if c.can_close { "yes" } else { "no" }
                )),
            );
        });
    }
}

fn rows_not_read(w: &mut String, data: &ReportData) {
    w.push_str("<h2 class=\"govuk-heading-l\" id=\"rows-not-read\">Rows not read</h2>\n");
    if data.problems.is_empty() && data.unjudged_meetings.is_empty() {
        w.push_str("<p class=\"govuk-body\">Every row of the files given was read.</p>\n");
        return;
    }
    if !data.problems.is_empty() {
        w.push_str(
            "<table class=\"govuk-table govuk-table--small-text-until-tablet\"><caption class=\"govuk-table__caption govuk-table__caption--s\">Rows of the CSV files that could not be read</caption>\
             <thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Where</th>\
             <th scope=\"col\" class=\"govuk-table__header\">Problem</th></tr></thead><tbody class=\"govuk-table__body\">",
        );
        for p in &data.problems {
            let _ = write!(
                w,
                "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">{}</td><td class=\"govuk-table__cell\">{} \
                 <span class=\"govuk-body-s\">(<code>{}</code>)</span></td></tr>",
                esc(&p.place()),
                esc(&p.message),
                esc(&p.code)
            );
        }
        w.push_str("</tbody></table>\n");
    }
    if !data.unjudged_meetings.is_empty() {
        w.push_str(
            "<h3 class=\"govuk-heading-s\">Meetings not judged</h3><ul class=\"govuk-list govuk-list--bullet\">",
        );
        for u in &data.unjudged_meetings {
            let _ = write!(w, "<li>{}: {}</li>", esc(&u.what), esc(&u.why));
        }
        w.push_str("</ul>\n");
    }
}
