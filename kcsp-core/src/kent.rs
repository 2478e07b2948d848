//! The built-in definition: the Kent Community Safety Partnership, its
//! Working Group and the Kent and Medway DHR Steering Group, as their terms
//! of reference stood at the 2022 review (and as reviewed again in 2023 and
//! 2024 without change to these thresholds), and the citations the rules use.
//!
//! A note on the OPCC: in statute (Crime and Disorder Act 1998 s.5) a Police
//! and Crime Commissioner is not a responsible authority, but the KCSP terms
//! of reference list the Office of the PCC among the authorities whose
//! representatives form the core membership. The library follows the terms of
//! reference and gives the OPCC a seat.

use crate::explain::Citation;
use crate::id::{BodyId, OrgId, SeatId};
use crate::partnership::*;
use chrono::NaiveDate;

pub(crate) const KCSP_TOR: &str =
    "KCSP Terms of Reference (Appendix A to the terms-of-reference review, KCSP meeting 14 July 2022)";
pub(crate) const WG_TOR: &str =
    "KCSP Working Group Terms of Reference (Appendix B to the terms-of-reference review, KCSP meeting 14 July 2022)";
pub(crate) const DHR_TOR: &str = "Kent and Medway DHR Steering Group Terms of Reference (Appendix C to the terms-of-reference review, KCSP meeting 14 July 2022)";
pub(crate) const TOR_REVIEW_2022: &str =
    "KCSP and Subgroup Terms of Reference Review and Update, KCSP meeting 14 July 2022";
pub(crate) const NOTES_2024_07: &str = "Notes of the KCSP meeting of 4 July 2024";

pub(crate) const CITE_MEMBERSHIP: Citation = Citation::new(
    KCSP_TOR,
    "§4 Membership",
    "Seven responsible authorities form the core membership; co-operating and participating bodies and local CSP chairs may attend.",
);
pub(crate) const CITE_ICB: Citation = Citation::new(
    TOR_REVIEW_2022,
    "§2.2",
    "NHS Kent and Medway (the integrated care board) took on the Kent and Medway CCG's responsibilities from 1 July 2022.",
);
pub(crate) const CITE_SVPPB: Citation = Citation::new(
    NOTES_2024_07,
    "minute 123, para 2",
    "The 2024 review added the Kent and Medway Serious Violence Prevention Partnership Board as a co-operating body.",
);
pub(crate) const CITE_SUBSTITUTES: Citation = Citation::new(
    KCSP_TOR,
    "§5 Roles and responsibilities of members",
    "Substitutes carry the delegated authority of the member they replace.",
);
const CITE_KCSP_QUORUM: Citation = Citation::new(
    KCSP_TOR,
    "§7 Meetings",
    "A meeting is quorate when no fewer than four of the responsible authorities are represented.",
);
const CITE_WG_QUORUM: Citation = Citation::new(
    WG_TOR,
    "§7 Meetings",
    "A meeting is quorate when no fewer than four of the responsible authorities are represented.",
);
const CITE_DHR_QUORUM: Citation = Citation::new(
    DHR_TOR,
    "Meetings, Quorum",
    "A meeting is quorate when four or more members representing different organisations are present.",
);
const CITE_KCSP_CHAIR: Citation = Citation::new(
    KCSP_TOR,
    "§6 Chairperson",
    "The Chair is the County Council's Cabinet Member for community safety, ex officio; the Vice-Chair is elected from the other members.",
);
const CITE_KCSP_REMOVAL: Citation = Citation::new(
    KCSP_TOR,
    "§6 Chairperson",
    "The Chair or Vice-Chair can be removed only by a vote at a KCSP meeting in which more than half of the responsible authorities decide for removal.",
);
const CITE_WG_CHAIR: Citation = Citation::new(
    WG_TOR,
    "§6 Chair person",
    "Chair and Vice-Chair are elected from the members and revisited every two years.",
);
const CITE_DHR_CHAIR: Citation = Citation::new(
    DHR_TOR,
    "Meetings, Chair",
    "The KCC Head of Community Safety chairs, nominated by the KCSP; the Vice-Chair comes from the other statutory members; both are reviewed every two years.",
);
const CITE_PAPERS: Citation = Citation::new(
    KCSP_TOR,
    "§7 Meetings",
    "Papers go out at least five working days before a meeting.",
);
const CITE_REVIEW: Citation = Citation::new(
    TOR_REVIEW_2022,
    "§3.1 and recommendation §4.3",
    "The KCSP and subgroup terms of reference are reviewed annually, aligned with each other, and appear as an agenda item at least once a year.",
);
pub(crate) const CITE_REVIEW_2024: Citation = Citation::new(
    NOTES_2024_07,
    "minute 123, resolution (c)",
    "The annual review of the KCSP and subgroup terms of reference was reaffirmed.",
);

fn id(s: &str) -> OrgId {
    OrgId::builtin(s)
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

const ORGANISATIONS: &[(&str, &str)] = &[
    ("kent_county_council", "Kent County Council (lead authority)"),
    ("kent_police", "Kent Police"),
    ("office_of_the_pcc", "Office of the Police and Crime Commissioner"),
    (
        "district_borough_councils",
        "District and borough councils (one collective representative)",
    ),
    ("kent_fire_and_rescue", "Kent Fire and Rescue Service"),
    ("probation_service", "The Probation Service"),
    (
        "kent_association_of_local_councils",
        "Kent Association of Local Councils",
    ),
    ("medway_csp", "Medway Community Safety Partnership"),
    ("kent_housing_group", "Kent Housing Group"),
    (
        "prevent_duty_delivery_board",
        "Kent and Medway Prevent Duty Delivery Board",
    ),
    ("joint_exploitation_group", "Kent and Medway Joint Exploitation Group"),
    ("safeguarding_adults_board", "Kent and Medway Safeguarding Adults Board"),
    (
        "safeguarding_children_partnership",
        "Kent Safeguarding Children Multi-Agency Partnership",
    ),
    (
        "domestic_and_sexual_abuse_executive_group",
        "Kent and Medway Domestic and Sexual Abuse Executive Group",
    ),
    ("kent_criminal_justice_board", "Kent Criminal Justice Board"),
    ("health_and_wellbeing_board", "Health and Wellbeing Board"),
    ("safer_roads_partnership", "Safer Roads for Kent Partnership"),
    ("violence_reduction_unit", "Kent and Medway Violence Reduction Unit"),
    ("substance_misuse_alliance", "Kent Substance Misuse Alliance"),
    (
        "suicide_prevention_steering_group",
        "Kent and Medway Suicide Prevention Steering Group",
    ),
    (
        "serious_violence_prevention_partnership_board",
        "Kent and Medway Serious Violence Prevention Partnership Board",
    ),
];

/// The co-operating bodies of the KCSP ToR §4 (before the 2024 review).
const PARTICIPANTS: &[&str] = &[
    "kent_association_of_local_councils",
    "medway_csp",
    "kent_housing_group",
    "prevent_duty_delivery_board",
    "joint_exploitation_group",
    "safeguarding_adults_board",
    "safeguarding_children_partnership",
    "domestic_and_sexual_abuse_executive_group",
    "kent_criminal_justice_board",
    "health_and_wellbeing_board",
    "safer_roads_partnership",
    "violence_reduction_unit",
    "substance_misuse_alliance",
    "suicide_prevention_steering_group",
];

fn tenure(org: &str, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Tenure {
    Tenure {
        organisation: id(org),
        from,
        to,
    }
}

fn seat(seat_id: &str, name: &str, holders: Vec<Tenure>) -> Seat {
    Seat {
        id: SeatId::builtin(seat_id),
        name: name.to_string(),
        holders,
    }
}

fn body_id(s: &str) -> BodyId {
    BodyId::builtin(s)
}

/// The seven responsible-authority seats of the KCSP and its Working Group.
fn authority_seats() -> Vec<Seat> {
    let single = |s: &str, name: &str| seat(s, name, vec![tenure(s, None, None)]);
    vec![
        single("kent_county_council", "Kent County Council"),
        single("kent_police", "Kent Police"),
        single("office_of_the_pcc", "Office of the Police and Crime Commissioner"),
        single("district_borough_councils", "District and borough councils"),
        single("kent_fire_and_rescue", "Kent Fire and Rescue Service"),
        seat(
            "health",
            "Health (the CCG, then the integrated care board)",
            vec![
                tenure("kent_and_medway_ccg", None, date(2022, 6, 30)),
                tenure("nhs_kent_and_medway", date(2022, 7, 1), None),
            ],
        ),
        single("probation_service", "Probation Service"),
    ]
}

fn participants() -> Vec<Tenure> {
    let mut v: Vec<Tenure> = PARTICIPANTS.iter().map(|p| tenure(p, None, None)).collect();
    v.push(tenure(
        "serious_violence_prevention_partnership_board",
        date(2024, 7, 4),
        None,
    ));
    v
}

fn review() -> ReviewRule {
    ReviewRule {
        interval_months: 12,
        citation: CITE_REVIEW,
    }
}

impl Partnership {
    /// A shared, built-once copy of [`Partnership::kent`].
    pub fn shared() -> &'static Partnership {
        static KENT: std::sync::OnceLock<Partnership> = std::sync::OnceLock::new();
        KENT.get_or_init(Partnership::kent)
    }

    /// The Kent Community Safety Partnership: the KCSP, its Working Group
    /// and the Kent and Medway DHR Steering Group.
    ///
    /// Readings taken (each can be changed by editing the returned data):
    /// seats are the seven of KCSP ToR §4 (the OPCC included, as the ToR
    /// does); the health seat is held by `kent_and_medway_ccg` up to
    /// 2022-06-30 and by `nhs_kent_and_medway` from 2022-07-01; the
    /// Serious Violence Prevention Partnership Board is a co-operating body
    /// from the 2024 review (4 July 2024); removal needs more than half of
    /// *all* seats; papers need five *clear* working days.
    ///
    /// ```
    /// use kcsp_core::Partnership;
    /// let kent = Partnership::kent();
    /// assert_eq!(kent.body("kcsp").unwrap().seats.len(), 7);
    /// assert!(kent.body("dhr_steering_group").unwrap().seats.is_empty());
    /// ```
    pub fn kent() -> Partnership {
        let mut organisations: Vec<Organisation> = ORGANISATIONS
            .iter()
            .map(|(i, n)| Organisation {
                id: id(i),
                name: (*n).to_string(),
                from: None,
                to: None,
                attendee_only: false,
            })
            .collect();
        organisations.push(Organisation {
            id: id("kent_and_medway_ccg"),
            name: "NHS Kent and Medway Clinical Commissioning Group".into(),
            from: None,
            to: date(2022, 6, 30),
            attendee_only: false,
        });
        organisations.push(Organisation {
            id: id("nhs_kent_and_medway"),
            name: "NHS Kent and Medway (integrated care board)".into(),
            from: date(2022, 7, 1),
            to: None,
            attendee_only: false,
        });
        for (i, n) in [
            ("local_csp_chair", "Chair of a local Community Safety Partnership"),
            ("guest", "Guest or officer in attendance"),
        ] {
            organisations.push(Organisation {
                id: id(i),
                name: n.into(),
                from: None,
                to: None,
                attendee_only: true,
            });
        }
        let kcsp = Body {
            id: body_id("kcsp"),
            name: "Kent Community Safety Partnership".into(),
            seats: authority_seats(),
            participants: participants(),
            terms: vec![Terms {
                from: None,
                quorum: QuorumRule {
                    basis: QuorumBasis::Seats,
                    required: 4,
                    open_membership: false,
                    citation: CITE_KCSP_QUORUM,
                },
                chair: ChairRule::ExOfficio {
                    holder: "Kent County Council Cabinet Member responsible for community safety".into(),
                    citation: CITE_KCSP_CHAIR,
                },
                removal: Some(RemovalRule {
                    numerator: 1,
                    denominator: 2,
                    basis: MajorityBasis::AllSeats,
                    citation: CITE_KCSP_REMOVAL,
                }),
                papers: Some(PapersRule {
                    working_days: 5,
                    counting: NoticeCounting::Clear,
                    citation: CITE_PAPERS,
                }),
                review: review(),
            }],
        };
        let working_group = Body {
            id: body_id("working_group"),
            name: "KCSP Working Group".into(),
            seats: authority_seats(),
            participants: participants(),
            terms: vec![Terms {
                from: None,
                quorum: QuorumRule {
                    basis: QuorumBasis::Seats,
                    required: 4,
                    open_membership: false,
                    citation: CITE_WG_QUORUM,
                },
                chair: ChairRule::Elected {
                    term_months: 24,
                    citation: CITE_WG_CHAIR,
                },
                removal: None,
                papers: None,
                review: review(),
            }],
        };
        let dhr = Body {
            id: body_id("dhr_steering_group"),
            name: "Kent and Medway DHR Steering Group".into(),
            seats: Vec::new(),
            participants: Vec::new(),
            terms: vec![Terms {
                from: None,
                quorum: QuorumRule {
                    basis: QuorumBasis::Organisations,
                    required: 4,
                    open_membership: true,
                    citation: CITE_DHR_QUORUM,
                },
                chair: ChairRule::Elected {
                    term_months: 24,
                    citation: CITE_DHR_CHAIR,
                },
                removal: None,
                papers: None,
                review: review(),
            }],
        };
        Partnership {
            name: "Kent Community Safety Partnership".into(),
            organisations,
            bodies: vec![kcsp, working_group, dhr],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_ids_are_well_formed() {
        for (i, _) in ORGANISATIONS {
            assert!(OrgId::parse("", i).is_ok(), "{i}");
        }
        let kent = Partnership::kent();
        assert_eq!(kent.organisations.len(), ORGANISATIONS.len() + 4);
        // Every built-in id survives a strict re-parse.
        for o in &kent.organisations {
            assert!(OrgId::parse("", o.id.as_str()).is_ok(), "{}", o.id);
        }
        for b in &kent.bodies {
            assert!(BodyId::parse("", b.id.as_str()).is_ok());
            for s in &b.seats {
                assert!(SeatId::parse("", s.id.as_str()).is_ok());
            }
        }
    }
}
