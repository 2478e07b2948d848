//! Property tests: invariants that must hold for every input.

use chrono::{Datelike, NaiveDate};
use kcsp_core::dates::{add_months, parse_date};
use kcsp_core::dhr::Stage;
use kcsp_core::grant::{self, LedgerInput, Project};
use kcsp_core::partnership::MajorityBasis;
use kcsp_core::{quorum, Calendar, Context, FinancialYear, Money, Partnership};
use proptest::prelude::*;

fn pence(p: u64) -> Money {
    Money::parse("m", &format!("{}.{:02}", p / 100, p % 100)).unwrap()
}

fn money() -> impl Strategy<Value = Money> {
    (0u64..10_000_000_000u64).prop_map(pence)
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1979i32..2198, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| NaiveDate::from_ymd_opt(y, m, 28).unwrap())
    })
}

const SEATED: [&str; 7] = [
    "kent_county_council",
    "kent_police",
    "office_of_the_pcc",
    "district_borough_councils",
    "kent_fire_and_rescue",
    "nhs_kent_and_medway",
    "probation_service",
];
const OTHERS: [&str; 4] = ["violence_reduction_unit", "guest", "local_csp_chair", "medway_csp"];

const ALL_STAGES: [Stage; 10] = [
    Stage::Notified,
    Stage::Commissioned,
    Stage::NotCommissioned,
    Stage::HomeOfficeInformed,
    Stage::ChairAppointed,
    Stage::Submitted,
    Stage::QaReturned,
    Stage::QaApproved,
    Stage::Published,
    Stage::Closed,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The split always sums to the allocation, the upfront share is a whole
    /// number of pounds, and it is the largest whole pound not above two thirds.
    #[test]
    fn split_sums_to_allocation(a in money()) {
        let year = FinancialYear::parse("year", "2022/23").unwrap();
        let s = grant::split(a, Context::kent().grant_schemes().for_year(year).unwrap()).unwrap();
        prop_assert_eq!(s.upfront.checked_add(s.tactical), Some(a));
        prop_assert_eq!(s.upfront.pence() % 100, 0);
        prop_assert!(s.upfront.pence() * 3 <= a.pence() * 2);
        prop_assert!((s.upfront.pence() + 100) * 3 > a.pence() * 2);
    }

    /// A ledger either fails with an error or has every pot and remainder
    /// consistent: available never above the allocation, remaining =
    /// available - approved, underspend = allocation - spent, pots sum to the
    /// allocation, nothing available while the pot is closed.
    #[test]
    fn ledger_never_goes_negative_without_an_error(
        alloc in money(),
        open in any::<bool>(),
        rows in prop::collection::vec((any::<bool>(), 0usize..3, 0u64..2_000_000u64, prop::option::of(0u64..2_000_000u64)), 0..12),
    ) {
        let decisions = [grant::Decision::Approved, grant::Decision::Rejected, grant::Decision::Pending];
        let projects: Vec<Project> = rows.iter().enumerate().map(|(i, (tactical, dec, amt, spent))| Project::new(
            format!("p{i}"),
            if *tactical { grant::Round::Tactical } else { grant::Round::Upfront },
            pence(*amt),
            decisions[*dec],
            spent.map(pence),
        )).collect();
        let input = LedgerInput::new(FinancialYear::parse("y", "2022/23").unwrap(), alloc, Some(open), projects);
        match grant::ledger(Context::kent(), &input) {
            Ok(l) => {
                prop_assert!(l.tactical_available <= l.allocation);
                prop_assert!(l.upfront_approved <= l.upfront_pot);
                prop_assert_eq!(l.tactical_remaining.checked_add(l.tactical_approved), Some(l.tactical_available));
                prop_assert_eq!(l.underspend.checked_add(l.spent), Some(l.allocation));
                prop_assert_eq!(l.upfront_pot.checked_add(l.tactical_pot), Some(l.allocation));
                if !open { prop_assert!(l.tactical_available.is_zero()); }
            }
            Err(e) => prop_assert!(!e.code().is_empty()),
        }
    }

    /// Adding an attendee never makes a quorate meeting inquorate.
    #[test]
    fn adding_an_attendee_never_breaks_quorum(
        seats in prop::collection::vec(0usize..7, 0..10),
        others in prop::collection::vec(0usize..4, 0..4),
        extra in 0usize..11,
        d in (2022i32..2030, 7u32..=12, 1u32..=28),
    ) {
        let date = NaiveDate::from_ymd_opt(d.0, d.1, d.2).unwrap();
        let kent = Context::kent();
        let mut present: Vec<&str> = seats.iter().map(|i| SEATED[*i]).chain(others.iter().map(|i| OTHERS[*i])).collect();
        let before = quorum::check(kent, "kcsp", date, &present).unwrap();
        present.push(if extra < 7 { SEATED[extra] } else { OTHERS[extra - 7] });
        let after = quorum::check(kent, "kcsp", date, &present).unwrap();
        prop_assert!(after.count >= before.count);
        prop_assert!(!before.quorate || after.quorate);
    }

    /// Clear working days between two dates equal the working days counted one by one.
    #[test]
    fn clear_days_count_the_working_days_between(a in date(), gap in 0i64..60) {
        let cal = Calendar::shared();
        let b = a + chrono::Duration::days(gap);
        prop_assume!(b.year() <= 2199);
        let mut n = 0;
        let mut d = a.succ_opt().unwrap();
        while d < b {
            if cal.is_working_day(d).unwrap() { n += 1; }
            d = d.succ_opt().unwrap();
        }
        prop_assert_eq!(cal.clear_working_days(a, b).unwrap(), n);
    }

    /// No sequence of stages reaches published without qa_approved.
    #[test]
    fn published_needs_qa_approval(seq in prop::collection::vec(0usize..10, 0..20)) {
        // The longest legal path the sequence allows, one stage at a time.
        let mut path: Vec<Stage> = Vec::new();
        let mut approved = false;
        for i in seq {
            let s = ALL_STAGES[i];
            path.push(s);
            if kcsp_core::dhr::replay(Context::kent(), &path).is_ok() {
                approved |= s == Stage::QaApproved;
                if s == Stage::Published { prop_assert!(approved); }
            } else {
                path.pop();
            }
        }
    }

    /// Month addition always gives a real date, in the right month, on the
    /// same day or, where that month is shorter, its last day.
    #[test]
    fn month_addition_gives_valid_dates(d in date(), months in 0u32..2400) {
        // (dates here end in 2198, so the result stays within 9999)
        let r = add_months("d", d, months).unwrap();
        let total = d.year() * 12 + d.month0() as i32 + months as i32;
        prop_assert_eq!(r.year() * 12 + r.month0() as i32, total);
        prop_assert!(r.day() <= d.day());
        prop_assert!(r.day() == d.day() || r.succ_opt().unwrap().day() == 1);
    }

    /// Parsers never panic, whatever the text.
    #[test]
    fn parsers_never_panic(s in ".{0,80}") {
        let _ = Money::parse("f", &s);
        let _ = parse_date("f", &s);
        let _ = FinancialYear::parse("f", &s);
        let _ = Stage::parse("f", &s);
        let _ = kcsp_core::OrgId::parse("f", &s);
        let _ = Calendar::england_and_wales().with_govuk_json(&s);
        let _ = Partnership::from_json(&s);
    }

    /// Kent read from its data file equals Kent written out and read back,
    /// and so does any definition made from it by changing its figures and
    /// dates: the reader and the writer agree on the whole format.
    #[test]
    fn kent_and_its_variants_round_trip(
        required in 1u32..9,
        fraction in (1u32..5, 2u32..9),
        seats_present in any::<bool>(),
        term in 1u32..60,
        cut in (2000i32..2030, 1u32..=12, 1u32..=28),
        drop_participant in 0usize..15,
    ) {
        let kent = Context::kent();
        let again = Context::from_json(&kent.to_json()).unwrap();
        prop_assert_eq!(&again, kent);
        let k = kent.partnership();
        let mut bodies = k.bodies().to_vec();
        let body = &mut bodies[0];
        body.terms[0].quorum.required = Some(required);
        if let Some(r) = body.terms[0].removal.as_mut() {
            r.numerator = fraction.0.min(fraction.1 - 1);
            r.denominator = fraction.1;
            r.basis = if seats_present { MajorityBasis::SeatsPresent } else { MajorityBasis::AllSeats };
        }
        if let Some(r) = body.terms[0].review.as_mut() {
            r.interval_months = term;
        }
        body.participants[drop_participant % 14].to = NaiveDate::from_ymd_opt(cut.0, cut.1, cut.2);
        let p = Partnership::new(k.name(), k.organisations().to_vec(), bodies).unwrap();
        let text = p.to_json();
        let back = Partnership::from_json(&text).unwrap();
        prop_assert_eq!(&back, &p);
        let ctx = kent.clone().with_partnership(p);
        let ctx_back = Context::from_json(&ctx.to_json()).unwrap();
        prop_assert_eq!(ctx_back.hash(), ctx.hash());
    }
}

/// The JSON entry point and the typed API agree on generated inputs: the
/// same result, or the same code and field; and form validation finds no
/// error exactly when the rule decides.
mod boundary {
    use chrono::NaiveDate;
    use kcsp_core::{json, papers, quorum, registry, Context};
    use proptest::prelude::*;
    use serde_json::{json, Value};

    const IDS: &[&str] = &[
        "kent_police",
        "kent_county_council",
        "office_of_the_pcc",
        "kent_and_medway_ccg",
        "nhs_kent_and_medway",
        "guest",
        "violence_reduction_unit",
        "medway_council",
        "Kent Police",
        "",
    ];
    const BODIES: &[&str] = &["kcsp", "working_group", "dhr_steering_group", "cabinet"];

    fn agree<T: serde::Serialize>(rule: &str, input: &Value, typed: kcsp_core::Result<T>) -> Result<(), TestCaseError> {
        let via_json = json::evaluate(rule, input);
        match (&via_json, &typed) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, &serde_json::to_value(b).unwrap()),
            (Err(a), Err(b)) => prop_assert_eq!((a.code(), a.field()), (b.code(), b.field())),
            (a, b) => prop_assert!(false, "json {:?} / typed {:?}", a.as_ref().err(), b.as_ref().err()),
        }
        let errors = registry::validate(Context::kent(), rule, input).unwrap();
        prop_assert_eq!(errors.is_empty(), via_json.is_ok(), "{:?}", errors);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn quorum_json_and_typed_agree(
            body in 0usize..4,
            day in 0i64..2000,
            present in prop::collection::vec(0usize..10, 0..8),
        ) {
            let date = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(day as u64);
            let present: Vec<&str> = present.iter().map(|i| IDS[*i]).collect();
            let input = json!({"body": BODIES[body], "date": date.to_string(), "present": present});
            // The typed input holds ids, each checked for its form as it is made.
            let typed = present
                .iter()
                .enumerate()
                .map(|(i, p)| kcsp_core::OrgId::parse(&format!("present[{i}]"), p))
                .collect::<kcsp_core::Result<Vec<_>>>()
                .and_then(|ids| quorum::check(Context::kent(), BODIES[body], date, &ids));
            agree("quorum", &input, typed)?;
        }

        #[test]
        fn papers_json_and_typed_agree(body in 0usize..4, meeting in 0i64..3000, before in -3i64..20, sent in any::<bool>()) {
            let m = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap() + chrono::Days::new(meeting as u64);
            let c = m - chrono::Duration::days(before);
            let mut input = json!({"body": BODIES[body], "meeting": m.to_string()});
            if sent {
                input["circulated"] = json!(c.to_string());
            }
            agree("papers_deadline", &input, papers::deadline(Context::kent(), BODIES[body], m, sent.then_some(c)))?;
        }
    }
}
