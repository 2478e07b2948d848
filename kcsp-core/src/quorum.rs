//! Quorum of the KCSP, the Working Group and the DHR Steering Group.
//!
//! Readings (KCSP ToR §4, §5 and §7; WG ToR §7; DHR SG ToR, Quorum):
//! a seat is represented when anyone from an organisation filling it on the
//! meeting date is present; substitutes count for the organisation they
//! stand in for; several people from one seat count once; co-operating
//! bodies, local CSP chairs, guests and officers in attendance never count.
//! For the DHR Steering Group the count is of distinct organisations among
//! the members present, and any well-formed organisation id is a member
//! (each council, trust or agency is its own) except the attendance
//! categories `guest` and `local_csp_chair`.

use crate::error::Result;
use crate::explain::Explanation;
use crate::id::{BodyId, OrgId};
use crate::kent::{CITE_ICB, CITE_MEMBERSHIP, CITE_SUBSTITUTES, CITE_SVPPB};
use crate::partnership::{Partnership, QuorumBasis};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeSet;

/// Whether a meeting was quorate, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuorumResult {
    /// The body.
    pub body: BodyId,
    /// The meeting date.
    pub date: NaiveDate,
    /// What was counted: seats or organisations.
    pub basis: QuorumBasis,
    /// Whether the meeting was quorate.
    pub quorate: bool,
    /// Distinct seats (or, for the DHR Steering Group, organisations) represented.
    pub count: u32,
    /// How many were needed.
    pub required: u32,
    /// The seats (or organisations) represented, sorted.
    pub represented: Vec<String>,
    /// The seats not represented, sorted (empty when counting organisations).
    pub missing: Vec<String>,
    /// Attendees who count for nothing (co-operating bodies, guests), sorted.
    pub not_counted: Vec<OrgId>,
    /// Which clause applied and why.
    pub explanation: Explanation,
}

const READING: &str = "Substitutes count; several people from one seat count once; co-operating bodies, local CSP chairs, guests and officers never count; the membership in force on the meeting date applies.";

/// Checks the quorum of `body` at a meeting on `date` attended by people
/// from the organisations `present` (repeats allowed).
///
/// Errors: `unknown_body`; `unknown_organisation` or
/// `organisation_not_current` for an attendee (field `present[i]`);
/// `no_rules_in_force`.
///
/// ```
/// use kcsp_core::{quorum, Partnership};
/// use chrono::NaiveDate;
/// let kent = Partnership::kent();
/// let date = NaiveDate::from_ymd_opt(2022, 7, 14).unwrap();
/// let r = quorum::check(&kent, "kcsp", date,
///     &["kent_county_council", "kent_police", "kent_police", "office_of_the_pcc",
///       "kent_fire_and_rescue", "violence_reduction_unit"]).unwrap();
/// assert!(r.quorate);
/// assert_eq!((r.count, r.required), (4, 4));
/// assert_eq!(r.missing, ["district_borough_councils", "health", "probation_service"]);
/// assert_eq!(r.not_counted[0], "violence_reduction_unit");
///
/// let err = quorum::check(&kent, "kcsp", date, &["kent_and_medway_ccg"]).unwrap_err();
/// assert_eq!(err.code(), "organisation_not_current");
/// assert_eq!(err.field(), "present[0]");
/// ```
pub fn check<S: AsRef<str>>(
    partnership: &Partnership,
    body: &str,
    date: NaiveDate,
    present: &[S],
) -> Result<QuorumResult> {
    let body = partnership.body(body)?;
    let terms = body.terms_on(date)?;
    let rule = &terms.quorum;
    let open = rule.basis == QuorumBasis::Organisations && rule.open_membership;
    let mut represented = BTreeSet::new();
    let mut not_counted = BTreeSet::new();
    for (i, id) in present.iter().enumerate() {
        let a = partnership.resolve(&format!("present[{i}]"), id.as_ref(), date, open)?;
        if a.attendee_only {
            not_counted.insert(a.id);
            continue;
        }
        match rule.basis {
            QuorumBasis::Seats => match body.seat_of(&a.id, date) {
                Some(seat) => {
                    represented.insert(seat.id.to_string());
                }
                None => {
                    not_counted.insert(a.id);
                }
            },
            QuorumBasis::Organisations => {
                represented.insert(a.id.to_string());
            }
        }
    }
    let (missing, total): (Vec<String>, usize) = match rule.basis {
        QuorumBasis::Seats => {
            let seats = body.seats_on(date);
            let missing = seats
                .iter()
                .map(|s| s.id.to_string())
                .filter(|s| !represented.contains(s))
                .collect();
            (missing, seats.len())
        }
        QuorumBasis::Organisations => (Vec::new(), 0),
    };
    let count = u32::try_from(represented.len()).unwrap_or(u32::MAX);
    let quorate = count >= rule.required;
    let represented: Vec<String> = represented.into_iter().collect();
    let what = match rule.basis {
        QuorumBasis::Seats => {
            format!("{count} of the {total} responsible-authority seats were represented")
        }
        QuorumBasis::Organisations => format!("{count} distinct member organisations were present"),
    };
    let reason = format!(
        "{} {}: {what}; at least {} needed.",
        if quorate { "Quorate" } else { "Not quorate" },
        body.name,
        rule.required
    );
    let mut explanation = Explanation::new("quorum", reason)
        .reading(READING)
        .cite(&rule.citation)
        .figure("count", count)
        .figure("required", rule.required)
        .figure("represented", represented.join(", "));
    if rule.basis == QuorumBasis::Seats {
        explanation = explanation
            .figure("seats", total)
            .figure("missing", missing.join(", "))
            .cite(&CITE_MEMBERSHIP)
            .cite(&CITE_SUBSTITUTES);
        if represented.iter().any(|s| s == "health") {
            explanation = explanation.cite(&CITE_ICB);
        }
        if not_counted
            .iter()
            .any(|o| *o == "serious_violence_prevention_partnership_board")
        {
            explanation = explanation.cite(&CITE_SVPPB);
        }
    }
    Ok(QuorumResult {
        body: body.id.clone(),
        date,
        basis: rule.basis,
        quorate,
        count,
        required: rule.required,
        represented,
        missing,
        not_counted: not_counted.into_iter().collect(),
        explanation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_date;

    fn d(s: &str) -> NaiveDate {
        parse_date("d", s).unwrap()
    }

    #[test]
    fn three_seats_many_people_is_not_quorate() {
        let kent = Partnership::kent();
        let r = check(
            &kent,
            "kcsp",
            d("2023-03-16"),
            &[
                "kent_police",
                "kent_police",
                "kent_county_council",
                "probation_service",
                "violence_reduction_unit",
                "guest",
                "local_csp_chair",
            ],
        )
        .unwrap();
        assert!(!r.quorate);
        assert_eq!(r.count, 3);
        assert_eq!(
            r.not_counted,
            ["guest", "local_csp_chair", "violence_reduction_unit"]
        );
        assert!(r.explanation.reason.starts_with("Not quorate"));
    }

    #[test]
    fn dhr_steering_group_counts_distinct_organisations() {
        let kent = Partnership::kent();
        let r = check(
            &kent,
            "dhr_steering_group",
            d("2022-10-05"),
            &[
                "kent_police",
                "medway_council",
                "kent_police",
                "guest",
                "a_trust",
            ],
        )
        .unwrap();
        assert_eq!(r.count, 3);
        assert!(!r.quorate);
        assert!(r.missing.is_empty());
        let r = check(
            &kent,
            "dhr_steering_group",
            d("2022-10-05"),
            &[
                "kent_police",
                "medway_council",
                "a_trust",
                "kent_county_council",
            ],
        )
        .unwrap();
        assert!(r.quorate);
        // a listed organisation that no longer existed is still an error
        let e = check(
            &kent,
            "dhr_steering_group",
            d("2023-10-05"),
            &["kent_and_medway_ccg"],
        )
        .unwrap_err();
        assert_eq!(e.code(), "organisation_not_current");
        let e = check(
            &kent,
            "dhr_steering_group",
            d("2023-10-05"),
            &["Medway Council"],
        )
        .unwrap_err();
        assert_eq!(e.code(), "unknown_organisation");
    }

    #[test]
    fn working_group_uses_the_same_seats() {
        let kent = Partnership::kent();
        let r = check(
            &kent,
            "working_group",
            d("2022-06-30"),
            &[
                "kent_and_medway_ccg",
                "kent_police",
                "kent_county_council",
                "probation_service",
            ],
        )
        .unwrap();
        assert!(r.quorate);
        assert!(r.represented.contains(&"health".to_string()));
    }

    #[test]
    fn threshold_is_data() {
        let mut p = Partnership::kent();
        p.bodies[0].terms[0].quorum.required = 5;
        let four = [
            "kent_county_council",
            "kent_police",
            "office_of_the_pcc",
            "kent_fire_and_rescue",
        ];
        assert!(!check(&p, "kcsp", d("2022-07-14"), &four).unwrap().quorate);
        assert!(
            check(&Partnership::kent(), "kcsp", d("2022-07-14"), &four)
                .unwrap()
                .quorate
        );
    }

    #[test]
    fn unknown_body() {
        let e = check::<&str>(&Partnership::kent(), "cabinet", d("2022-07-14"), &[]).unwrap_err();
        assert_eq!(e.code(), "unknown_body");
        assert_eq!(e.field(), "body");
    }
}
