//! What each fuzz target checks. Besides "never panics", every target holds
//! the entry point to a property that a wrong answer would break: parsers
//! round-trip what they accept and fail only with their own codes, the two
//! JSON entry points agree, and so on.
//!
//! The same functions replay the committed crash inputs in
//! `kcsp-core/tests/fuzz_regressions.rs`, so a fixed crash stays fixed in
//! `cargo test`.

use chrono::{Datelike, NaiveDate};
use kcsp_core::calendar::CalendarChanges;
use kcsp_core::dates::{add_months, parse_date};
use kcsp_core::{
    json, papers, quorum, review, BodyId, Calendar, Context, Error, FinancialYear, Money, OrgId, Partnership, SeatId,
};
use serde_json::Value;

fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

fn expect_code(e: &Error, allowed: &[&str], what: &str) {
    assert!(
        allowed.contains(&e.code()),
        "{what}: unexpected code {} ({}): {}",
        e.code(),
        e.field(),
        e.message()
    );
    assert!(!e.message().is_empty(), "{what}: an error without a message");
    let chars = e.message().chars().count();
    assert!(
        chars <= kcsp_core::error::MAX_MESSAGE + 1,
        "{what}: a message of {chars} characters"
    );
}

/// Organisation, seat and body ids: the three parsers agree, accept exactly
/// the snake_case grammar, and an accepted id resolves (or fails with a
/// governance code) against the Kent partnership.
pub fn ids(data: &[u8]) {
    let t = text(data);
    let org = OrgId::parse("id", &t);
    let seat = SeatId::parse("id", &t);
    let body = BodyId::parse("id", &t);
    assert_eq!(org.is_ok(), seat.is_ok());
    assert_eq!(org.is_ok(), body.is_ok());
    let b = t.as_bytes();
    let grammar = !b.is_empty()
        && b.len() <= kcsp_core::MAX_ID_LEN
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_');
    assert_eq!(org.is_ok(), grammar, "{t:?}");
    match &org {
        Ok(id) => assert_eq!(id.as_str(), t),
        Err(e) => expect_code(e, &["unknown_organisation"], "OrgId::parse"),
    }
    if let Err(e) = &body {
        expect_code(e, &["unknown_body"], "BodyId::parse");
    }
    let ctx = Context::kent();
    let kent = ctx.partnership();
    let date = NaiveDate::from_ymd_opt(2023, 11, 16).unwrap_or_default();
    // Closed membership (seats) and open membership (organisations).
    for body in ["kcsp", "dhr_steering_group"] {
        match quorum::check(ctx, body, date, &[&*t]) {
            Ok(q) => assert!(org.is_ok() && q.count <= 1, "{t:?}"),
            Err(e) => expect_code(
                &e,
                &["unknown_organisation", "organisation_not_current"],
                "quorum::check",
            ),
        }
    }
    if let Err(e) = kent.body(&t) {
        expect_code(&e, &["unknown_body"], "Partnership::body");
    }
}

/// Dates: `parse_date` accepts exactly the `YYYY-MM-DD` dates chrono
/// accepts in that shape and prints them back unchanged; month addition
/// stays valid and clamps only to a month end; the calendar answers every
/// date or says it is out of its range, and its counts agree.
pub fn dates(data: &[u8]) {
    let t = text(data);
    let parsed = parse_date("date", &t);
    let shape = t.len() == 10
        && t.bytes().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    let chrono_says = if shape {
        NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok()
    } else {
        None
    };
    let d = match parsed {
        Ok(d) => d,
        Err(e) => {
            expect_code(&e, &["invalid_date"], "parse_date");
            assert_eq!(chrono_says, None, "{t:?} rejected but chrono reads it");
            return;
        }
    };
    assert_eq!(chrono_says, Some(d));
    assert_eq!(d.format("%Y-%m-%d").to_string(), t);

    let months = data.iter().map(|&b| u32::from(b)).sum::<u32>();
    for m in [0, 1, 11, 12, 13, 59, months, u32::MAX] {
        match add_months("d", d, m) {
            Ok(r) => {
                let index = |x: NaiveDate| i64::from(x.year()) * 12 + i64::from(x.month0());
                assert_eq!(index(r) - index(d), i64::from(m));
                assert!(r.day() <= d.day());
                if r.day() < d.day() {
                    assert_ne!(
                        r.succ_opt().map(|n| n.month()),
                        Some(r.month()),
                        "{d} + {m} months = {r}"
                    );
                }
            }
            Err(e) => expect_code(&e, &["date_out_of_range"], "add_months"),
        }
    }

    let cal = Calendar::shared();
    match cal.working_day(d) {
        Ok(w) => {
            let _ = serde_json::to_string(&w);
            let before = cal.working_days_before(d, 5);
            if let Ok(b) = before {
                assert_eq!(cal.clear_working_days(b, d).ok(), Some(4), "{b} .. {d}");
                assert!(cal.is_working_day(b).unwrap_or(false));
            }
        }
        Err(e) => expect_code(&e, &["date_out_of_range"], "Calendar::working_day"),
    }
    let kent = Context::kent();
    if let Err(e) = papers::deadline(kent, "kcsp", d, d.pred_opt()) {
        expect_code(&e, &["date_out_of_range", "no_rules_in_force"], "papers::deadline");
    }
    if let Err(e) = review::tor_review(kent, "kcsp", &[d], d) {
        expect_code(&e, &["date_out_of_range", "no_rules_in_force"], "review::tor_review");
    }
}

/// Money: accepted text round-trips through its machine form, is never
/// negative and has two places; the 2:1 split never exceeds the amount;
/// rejected text fails only with a money code.
pub fn money(data: &[u8]) {
    let t = text(data);
    let m = match Money::parse("allocation", &t) {
        Ok(m) => m,
        Err(e) => {
            expect_code(
                &e,
                &[
                    "invalid_amount",
                    "negative_amount",
                    "too_many_decimal_places",
                    "amount_too_large",
                ],
                "Money::parse",
            );
            return;
        }
    };
    let machine = m.to_machine();
    assert_eq!(Money::parse("x", &machine).ok(), Some(m), "{t:?} -> {machine}");
    assert!(m.pence() >= 0);
    assert_eq!(machine.split_once('.').map(|(_, f)| f.len()), Some(2), "{machine}");
    assert_eq!(
        m.as_decimal(),
        t.trim().parse::<rust_decimal::Decimal>().unwrap_or_default().abs()
    );
    let two = m.fraction_floor_pound(2, 3);
    let one = m.fraction_floor_pound(1, 3);
    if let (Some(two), Some(one)) = (two, one) {
        assert!(two.checked_add(one).is_some_and(|s| s <= m));
    }
    let input = serde_json::json!({ "allocation": t });
    match json::evaluate("grant_split", &input) {
        Ok(v) => {
            let up = Money::parse("u", v["upfront"].as_str().unwrap_or("")).ok();
            let tac = Money::parse("t", v["tactical"].as_str().unwrap_or("")).ok();
            assert_eq!(up.zip(tac).and_then(|(u, t)| u.checked_add(t)), Some(m), "{v}");
        }
        Err(e) => panic!("grant_split of an accepted amount {t:?} failed: {e}"),
    }
}

/// Financial years: accepted text names a year whose first and last days
/// it contains, and whose printed form parses back to it.
pub fn financial_year(data: &[u8]) {
    let t = text(data);
    let fy = match FinancialYear::parse("year", &t) {
        Ok(fy) => fy,
        Err(e) => {
            expect_code(&e, &["invalid_financial_year"], "FinancialYear::parse");
            return;
        }
    };
    assert_eq!(FinancialYear::parse("year", &fy.to_string()).ok(), Some(fy));
    assert!(t.starts_with(&fy.start_year().to_string()));
    let (first, last) = (fy.first_day(), fy.last_day());
    assert_eq!((first.month(), first.day()), (4, 1));
    assert_eq!((last.month(), last.day(), last.year()), (3, 31, first.year() + 1));
    assert_eq!(FinancialYear::containing(first), fy);
    assert_eq!(FinancialYear::containing(last), fy);
    assert!(fy.contains(first) && fy.contains(last));
    assert!(!fy.contains(last.succ_opt().unwrap_or(last)) || last == NaiveDate::MAX);
}

/// GOV.UK bank-holiday JSON: an accepted file makes every date it lists a
/// non-working day; a rejected one fails with `invalid_calendar`.
pub fn govuk_calendar(data: &[u8]) {
    let t = text(data);
    let cal = match Calendar::shared().clone().with_govuk_json(&t) {
        Ok(c) => c,
        Err(e) => {
            expect_code(&e, &["invalid_calendar"], "Calendar::with_govuk_json");
            return;
        }
    };
    let value: Value = serde_json::from_str(&t).unwrap_or(Value::Null);
    let events = value["england-and-wales"]["events"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!events.is_empty());
    for ev in &events {
        let d = parse_date("d", ev["date"].as_str().unwrap_or(""));
        let Ok(d) = d else {
            panic!("accepted an event without a valid date: {ev}")
        };
        assert_eq!(cal.is_bank_holiday(d).ok(), Some(true), "{d}");
        assert_eq!(cal.is_working_day(d).ok(), Some(false), "{d}");
        let _ = cal.bank_holidays(d.year());
        let _ = cal.clear_working_days(d, d + chrono::Days::new(40));
    }
}

/// Every rule's input as JSON. The input is the rule name, a newline, and
/// the JSON text. [`json::evaluate_str`] and [`json::evaluate`] must agree:
/// the same result, or the same code and field.
pub fn rule_json(data: &[u8]) {
    let t = text(data);
    let (rule, input) = t.split_once('\n').unwrap_or(("quorum", &t));
    let from_text = json::evaluate_str(rule, input);
    let Ok(value) = serde_json::from_str::<Value>(input) else {
        if let Err(e) = &from_text {
            expect_code(e, &["invalid_input"], "evaluate_str of non-JSON");
        } else {
            panic!("evaluate_str accepted text that is not JSON");
        }
        return;
    };
    let from_value = json::evaluate(rule, &value);
    // Form validation finds no error exactly when the rule decides. (Not
    // always the same error: a rule stops at its first, which may need two
    // fields, while validation reports every field on its own first.)
    if let Ok(errors) = kcsp_core::registry::validate(Context::kent(), rule, &value) {
        assert_eq!(
            errors.is_empty(),
            from_value.is_ok(),
            "validate {errors:?} / evaluate {from_value:?}"
        );
    }
    match (from_text, from_value) {
        (Ok(text), Ok(v)) => {
            let reparsed: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            assert_eq!(reparsed, v, "the two JSON entry points disagree");
        }
        (Err(a), Err(b)) => {
            assert_eq!((a.code(), a.field()), (b.code(), b.field()));
            expect_code(
                &a,
                &kcsp_core::ErrorKind::ALL.iter().map(|k| k.code()).collect::<Vec<_>>(),
                rule,
            );
        }
        (a, b) => panic!("one entry point failed: {a:?} / {b:?}"),
    }
}

/// Another partnership's terms of reference as JSON: an accepted definition
/// validates, and the governance rules answer for each of its bodies on
/// the dates it names without panicking; a quorate meeting stays quorate
/// when everyone it lists attends.
pub fn partnership_json(data: &[u8]) {
    let t = text(data);
    let p = match Partnership::from_json(&t) {
        Ok(p) => p,
        Err(e) => {
            expect_code(
                &e,
                &["invalid_partnership", "invalid_date", "invalid_input"],
                "Partnership::from_json",
            );
            return;
        }
    };
    assert!(p.validate().is_ok());
    let all: Vec<&str> = p.organisations().iter().map(|o| o.id.as_str()).collect();
    let mut dates: Vec<NaiveDate> = p
        .organisations()
        .iter()
        .flat_map(|o| [o.from, o.to])
        .flatten()
        .collect();
    for b in p.bodies() {
        dates.extend(b.terms.iter().filter_map(|t| t.from));
    }
    dates.push(NaiveDate::from_ymd_opt(2023, 11, 16).unwrap_or_default());
    dates.truncate(16);
    // Written out and read back, the definition is the same.
    assert_eq!(Partnership::from_json(&p.to_json()).ok().as_ref(), Some(&p));
    let ctx = Context::kent().clone().with_partnership(p.clone());
    for b in p.bodies() {
        for &d in &dates {
            let id = b.id.as_str();
            let none: [&str; 0] = [];
            let empty = quorum::check(&ctx, id, d, &none);
            let current: Vec<&str> = all
                .iter()
                .copied()
                .filter(|o| p.organisation(o).is_some_and(|o| o.exists_on(d)))
                .collect();
            let full = quorum::check(&ctx, id, d, &current);
            if let (Ok(e), Ok(f)) = (&empty, &full) {
                assert!(f.count >= e.count);
                assert!(f.quorate || !e.quorate);
            }
            let _ = papers::deadline(&ctx, id, d, d.pred_opt());
            let _ = review::tor_review(&ctx, id, &[d], d);
            let _ = kcsp_core::chair::term_status(&ctx, id, &[d], d);
            let _ = kcsp_core::chair::removal_vote(&ctx, id, d, kcsp_core::chair::Office::Chair, &current, &current);
        }
    }
}

/// Calendar changes (a request's `calendar` key, or a calendar file): an
/// accepted change makes every added date a bank holiday and every removed
/// date an ordinary day (removals come after additions), leaves other
/// years' days alone, and says so in its provenance; anything else is
/// `invalid_calendar`.
pub fn calendar_changes(data: &[u8]) {
    let t = text(data);
    let Ok(value) = serde_json::from_str::<Value>(&t) else {
        if let Err(e) = Calendar::from_json(&t) {
            expect_code(&e, &["invalid_calendar"], "Calendar::from_json");
        }
        return;
    };
    let changes = match CalendarChanges::from_value(&value) {
        Ok(c) => c,
        Err(e) => {
            expect_code(&e, &["invalid_calendar"], "CalendarChanges::from_value");
            if let Err(e) = Calendar::from_json(&t) {
                expect_code(&e, &["invalid_calendar"], "Calendar::from_json");
            }
            return;
        }
    };
    let cal = match changes.apply() {
        Ok(c) => c,
        Err(e) => {
            expect_code(&e, &["invalid_calendar"], "CalendarChanges::apply");
            return;
        }
    };
    for d in &changes.add {
        if !changes.remove.contains(d) {
            assert_eq!(cal.is_bank_holiday(d.0).ok(), Some(true), "{}", d.0);
        }
    }
    for d in &changes.remove {
        assert_eq!(cal.is_bank_holiday(d.0).ok(), Some(false), "{}", d.0);
    }
    let source = cal.source();
    assert!(source.added.len() <= changes.add.len());
    assert_eq!(source.govuk_years.is_some(), changes.govuk.is_some());
    // The calendar's own changes rebuild the same calendar.
    assert_eq!(cal.changes().apply().ok().as_ref(), Some(&cal));
    // A year the change does not touch keeps the computed days.
    let untouched = (1978..=2199).find(|y| {
        !changes.add.iter().chain(&changes.remove).any(|d| d.0.year() == *y)
            && source.govuk_years.is_none_or(|[a, b]| *y < a || *y > b)
    });
    if let Some(y) = untouched {
        assert_eq!(
            cal.bank_holidays(y).ok(),
            Calendar::shared().bank_holidays(y).ok(),
            "{y}"
        );
    }
}
