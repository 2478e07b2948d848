//! A partnership definition as data: its organisations, its bodies, the
//! seats of each body and who fills them when, and each body's terms of
//! reference (quorum, chair, removal majority, notice days, review interval),
//! all effective-dated.
//!
//! The Kent Community Safety Partnership is built in ([`Partnership::kent`]);
//! another partnership's terms of reference can be expressed as JSON and
//! loaded with [`Partnership::from_json`], with no code.

use crate::error::{quote, Error, ErrorKind, Result};
use crate::explain::Citation;
use crate::id::{BodyId, OrgId, SeatId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A whole partnership: organisations and bodies.
///
/// ```
/// use kcsp_core::Partnership;
/// let kent = Partnership::kent();
/// assert_eq!(kent.bodies.len(), 3);
/// let json = serde_json::to_string(&kent).unwrap();
/// assert_eq!(Partnership::from_json(&json).unwrap(), kent);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partnership {
    /// The partnership's name.
    pub name: String,
    /// Every organisation id the partnership knows, with the dates it existed.
    pub organisations: Vec<Organisation>,
    /// The partnership's bodies (for Kent: `kcsp`, `working_group`, `dhr_steering_group`).
    pub bodies: Vec<Body>,
}

/// An organisation the partnership knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Its id.
    pub id: OrgId,
    /// Its name.
    pub name: String,
    /// The first day it existed (`None`: since before anything the library asks about).
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// The last day it existed (`None`: still exists).
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// An attendance category rather than an organisation (`guest`, a local
    /// CSP chair): such attendees never count towards any quorum.
    #[serde(default)]
    pub attendee_only: bool,
}

impl Organisation {
    /// Whether the organisation existed on `date`.
    pub fn exists_on(&self, date: NaiveDate) -> bool {
        within(self.from, self.to, date)
    }
}

/// A period during which an organisation fills a seat or takes part in a body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tenure {
    /// The organisation.
    pub organisation: OrgId,
    /// First day (inclusive); `None` for no start.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Last day (inclusive); `None` for no end.
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

impl Tenure {
    /// Whether the tenure covers `date`.
    pub fn covers(&self, date: NaiveDate) -> bool {
        within(self.from, self.to, date)
    }
}

fn within(from: Option<NaiveDate>, to: Option<NaiveDate>, date: NaiveDate) -> bool {
    from.is_none_or(|f| f <= date) && to.is_none_or(|t| date <= t)
}

/// A responsible-authority seat and the organisations that have filled it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seat {
    /// The seat id (e.g. `health`).
    pub id: SeatId,
    /// A readable name.
    pub name: String,
    /// Who filled it, when.
    pub holders: Vec<Tenure>,
}

/// A body of the partnership (a board, a working group, a steering group).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// The body id.
    pub id: BodyId,
    /// Its name.
    pub name: String,
    /// Its responsible-authority seats (empty where membership is open).
    #[serde(default)]
    pub seats: Vec<Seat>,
    /// Co-operating and participating bodies: they attend, hold no seat.
    #[serde(default)]
    pub participants: Vec<Tenure>,
    /// Its terms of reference, effective-dated; the latest in force on a date applies.
    pub terms: Vec<Terms>,
}

/// The thresholds of a body's terms of reference from a date on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    /// First day these terms apply (`None`: from the beginning).
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// How a quorum is counted.
    pub quorum: QuorumRule,
    /// How the chair holds office.
    pub chair: ChairRule,
    /// How the chair or vice-chair is removed, if the terms say.
    #[serde(default)]
    pub removal: Option<RemovalRule>,
    /// How long before a meeting papers go out, if the terms say.
    #[serde(default)]
    pub papers: Option<PapersRule>,
    /// How often the terms of reference are reviewed.
    pub review: ReviewRule,
}

/// What a quorum counts.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuorumBasis {
    /// Distinct responsible-authority seats represented.
    Seats,
    /// Distinct organisations among the members present.
    Organisations,
}

/// A quorum threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuorumRule {
    /// What is counted.
    pub basis: QuorumBasis,
    /// How many are needed (at least).
    pub required: u32,
    /// With the `organisations` basis: whether any well-formed organisation
    /// id counts as a member, including ids the partnership does not list
    /// (the DHR Steering Group's members are each council, trust or agency).
    #[serde(default)]
    pub open_membership: bool,
    /// The clause.
    pub citation: Citation,
}

/// How a body's chair holds office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", deny_unknown_fields)]
pub enum ChairRule {
    /// The chair holds office by virtue of another post; no term.
    ExOfficio {
        /// The post.
        holder: String,
        /// The clause.
        citation: Citation,
    },
    /// Chair and vice-chair are elected (or reviewed) for a fixed term.
    Elected {
        /// The term in calendar months.
        term_months: u32,
        /// The clause.
        citation: Citation,
    },
}

/// Against what a removal majority is counted.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MajorityBasis {
    /// All seats of the body on the date, present or not (the reading the
    /// library takes of "more than 50% of the responsible authorities").
    #[default]
    AllSeats,
    /// Only the seats represented at the meeting (the other reading).
    SeatsPresent,
}

/// A removal vote's threshold: strictly more than `numerator/denominator` of
/// the seats counted under `basis`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemovalRule {
    /// Numerator of the fraction that must be exceeded.
    pub numerator: u32,
    /// Denominator of the fraction that must be exceeded.
    pub denominator: u32,
    /// Which seats the fraction is of.
    #[serde(default)]
    pub basis: MajorityBasis,
    /// The clause.
    pub citation: Citation,
}

/// How working days of notice are counted.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum NoticeCounting {
    /// Clear days: neither the day the papers go out nor the meeting day
    /// counts (the reading the library takes).
    #[default]
    Clear,
    /// The dispatch day counts when it is a working day; the meeting day does not.
    DispatchDayCounts,
}

/// How long before a meeting papers must go out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PapersRule {
    /// Working days of notice.
    pub working_days: u32,
    /// How they are counted.
    #[serde(default)]
    pub counting: NoticeCounting,
    /// The clause.
    pub citation: Citation,
}

/// How often terms of reference are reviewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRule {
    /// Calendar months between reviews.
    pub interval_months: u32,
    /// The clause.
    pub citation: Citation,
}

impl Partnership {
    /// Reads a partnership definition from JSON text (the shape
    /// `serde_json::to_string(&Partnership::kent())` produces) and checks it.
    ///
    /// ```
    /// use kcsp_core::Partnership;
    /// let err = Partnership::from_json("{\"name\": 1}").unwrap_err();
    /// assert_eq!(err.code(), "invalid_partnership");
    /// ```
    pub fn from_json(text: &str) -> Result<Partnership> {
        let p: Partnership = serde_json::from_str(text).map_err(|e| {
            Error::new(
                ErrorKind::InvalidPartnership,
                "",
                format!("not a partnership definition: {e}"),
            )
        })?;
        p.validate()?;
        Ok(p)
    }

    /// Checks the definition is consistent: unique ids, seats and
    /// participants naming known organisations, at least one set of terms per
    /// body, thresholds that make sense.
    pub fn validate(&self) -> Result<()> {
        let bad = |field: String, msg: String| Err(Error::new(ErrorKind::InvalidPartnership, field, msg));
        let mut orgs = BTreeSet::new();
        for (i, o) in self.organisations.iter().enumerate() {
            if !orgs.insert(o.id.as_str()) {
                return bad(
                    format!("organisations[{i}].id"),
                    format!("organisation '{}' is listed twice", o.id),
                );
            }
            if let (Some(f), Some(t)) = (o.from, o.to) {
                if f > t {
                    return bad(
                        format!("organisations[{i}]"),
                        format!("'{}' ends before it starts", o.id),
                    );
                }
            }
        }
        let mut bodies = BTreeSet::new();
        for (b, body) in self.bodies.iter().enumerate() {
            if !bodies.insert(body.id.as_str()) {
                return bad(format!("bodies[{b}].id"), format!("body '{}' is listed twice", body.id));
            }
            let mut seats = BTreeSet::new();
            for (s, seat) in body.seats.iter().enumerate() {
                if !seats.insert(seat.id.as_str()) {
                    return bad(
                        format!("bodies[{b}].seats[{s}].id"),
                        format!("seat '{}' is listed twice", seat.id),
                    );
                }
                for (h, t) in seat.holders.iter().enumerate() {
                    if !orgs.contains(t.organisation.as_str()) {
                        return bad(
                            format!("bodies[{b}].seats[{s}].holders[{h}]"),
                            format!("seat holder '{}' is not a listed organisation", t.organisation),
                        );
                    }
                }
            }
            for (p, t) in body.participants.iter().enumerate() {
                if !orgs.contains(t.organisation.as_str()) {
                    return bad(
                        format!("bodies[{b}].participants[{p}]"),
                        format!("participant '{}' is not a listed organisation", t.organisation),
                    );
                }
            }
            if body.terms.is_empty() {
                return bad(
                    format!("bodies[{b}].terms"),
                    format!("body '{}' has no terms of reference", body.id),
                );
            }
            for (t, terms) in body.terms.iter().enumerate() {
                let field = format!("bodies[{b}].terms[{t}]");
                if terms.quorum.required == 0 {
                    return bad(field, "a quorum of zero is not a quorum".into());
                }
                if terms.quorum.basis == QuorumBasis::Seats && body.seats.is_empty() {
                    return bad(field, "a seat quorum needs seats".into());
                }
                if let Some(r) = &terms.removal {
                    if r.denominator == 0 || r.numerator >= r.denominator {
                        return bad(field, "a removal majority must be a fraction below one".into());
                    }
                }
                if terms.review.interval_months == 0 {
                    return bad(field, "a review interval must be at least one month".into());
                }
                if let ChairRule::Elected { term_months: 0, .. } = terms.chair {
                    return bad(field, "a chair term must be at least one month".into());
                }
            }
        }
        Ok(())
    }

    /// The body with this id.
    ///
    /// ```
    /// use kcsp_core::Partnership;
    /// let kent = Partnership::kent();
    /// assert_eq!(kent.body("working_group").unwrap().seats.len(), 7);
    /// assert_eq!(kent.body("cabinet").unwrap_err().code(), "unknown_body");
    /// ```
    pub fn body(&self, id: &str) -> Result<&Body> {
        self.bodies.iter().find(|b| b.id == id).ok_or_else(|| {
            let known: Vec<&str> = self.bodies.iter().map(|b| b.id.as_str()).collect();
            Error::new(
                ErrorKind::UnknownBody,
                "body",
                format!("'{}' is not a body of the {}", quote(id), self.name),
            )
            .with("value", quote(id))
            .with("allowed", known.join(", "))
        })
    }

    /// The organisation with this id, if the partnership lists it.
    pub fn organisation(&self, id: &str) -> Option<&Organisation> {
        self.organisations.iter().find(|o| o.id == id)
    }

    /// Resolves an attendee id on a date: a listed organisation that existed
    /// then, or (when `open` is true) any well-formed id the partnership does
    /// not list. A listed organisation that did not exist on the date is
    /// `organisation_not_current`; an unlisted id, when not `open`, is
    /// `unknown_organisation`.
    pub fn resolve(&self, field: &str, id: &str, date: NaiveDate, open: bool) -> Result<Attendee> {
        let org = OrgId::parse(field, id)?;
        match self.organisation(id) {
            Some(o) if o.exists_on(date) => Ok(Attendee {
                id: org,
                listed: true,
                attendee_only: o.attendee_only,
            }),
            Some(o) => {
                let span = match (o.from, o.to) {
                    (Some(f), Some(t)) => format!("from {f} to {t}"),
                    (Some(f), None) => format!("from {f}"),
                    (None, Some(t)) => format!("until {t}"),
                    (None, None) => String::new(),
                };
                Err(Error::new(
                    ErrorKind::OrganisationNotCurrent,
                    field,
                    format!("'{}' did not exist on {date}: it existed {span}", o.id),
                )
                .with("value", o.id.as_str()))
            }
            None if open => Ok(Attendee {
                id: org,
                listed: false,
                attendee_only: false,
            }),
            None => Err(Error::new(
                ErrorKind::UnknownOrganisation,
                field,
                format!("'{}' is not an organisation the {} knows", quote(id), self.name),
            )
            .with("value", quote(id))),
        }
    }
}

/// An attendee id resolved against a partnership on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    /// The id.
    pub id: OrgId,
    /// Whether the partnership lists the organisation.
    pub listed: bool,
    /// Whether it is an attendance category that never counts.
    pub attendee_only: bool,
}

impl Body {
    /// The terms of reference in force on `date`: the latest whose start is
    /// on or before it.
    pub fn terms_on(&self, date: NaiveDate) -> Result<&Terms> {
        self.terms
            .iter()
            .filter(|t| t.from.is_none_or(|f| f <= date))
            .max_by_key(|t| t.from)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::NoRulesInForce,
                    "date",
                    format!("no terms of reference of the {} were in force on {date}", self.name),
                )
            })
    }

    /// The seat `org` filled on `date`, if any.
    pub fn seat_of(&self, org: &OrgId, date: NaiveDate) -> Option<&Seat> {
        self.seats
            .iter()
            .find(|s| s.holders.iter().any(|h| h.organisation == *org && h.covers(date)))
    }

    /// The seats of the body on `date` (a seat counts while anyone fills it).
    pub fn seats_on(&self, date: NaiveDate) -> Vec<&Seat> {
        self.seats
            .iter()
            .filter(|s| s.holders.iter().any(|h| h.covers(date)))
            .collect()
    }

    /// Whether `org` is a co-operating or participating body on `date`.
    pub fn participates(&self, org: &OrgId, date: NaiveDate) -> bool {
        self.participants
            .iter()
            .any(|t| t.organisation == *org && t.covers(date))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_date;

    fn d(s: &str) -> NaiveDate {
        parse_date("d", s).unwrap()
    }

    #[test]
    fn kent_is_valid_and_round_trips() {
        let kent = Partnership::kent();
        kent.validate().unwrap();
        let json = serde_json::to_string_pretty(&kent).unwrap();
        assert_eq!(Partnership::from_json(&json).unwrap(), kent);
    }

    #[test]
    fn health_seat_changes_hands_on_1_july_2022() {
        let kent = Partnership::kent();
        let kcsp = kent.body("kcsp").unwrap();
        let ccg = OrgId::parse("x", "kent_and_medway_ccg").unwrap();
        let icb = OrgId::parse("x", "nhs_kent_and_medway").unwrap();
        assert_eq!(kcsp.seat_of(&ccg, d("2022-06-30")).unwrap().id, "health");
        assert!(kcsp.seat_of(&ccg, d("2022-07-01")).is_none());
        assert!(kcsp.seat_of(&icb, d("2022-06-30")).is_none());
        assert_eq!(kcsp.seat_of(&icb, d("2022-07-01")).unwrap().id, "health");
        assert_eq!(kcsp.seats_on(d("2022-06-30")).len(), 7);
        assert_eq!(kcsp.seats_on(d("2022-07-01")).len(), 7);
    }

    #[test]
    fn resolve_distinguishes_unknown_and_not_current() {
        let kent = Partnership::kent();
        let e = kent
            .resolve("present[0]", "kent_and_medway_ccg", d("2022-07-01"), false)
            .unwrap_err();
        assert_eq!(e.code(), "organisation_not_current");
        let e = kent
            .resolve("present[0]", "nhs_kent_and_medway", d("2022-06-30"), false)
            .unwrap_err();
        assert_eq!(e.code(), "organisation_not_current");
        let e = kent
            .resolve("present[0]", "kent_polise", d("2022-07-01"), false)
            .unwrap_err();
        assert_eq!(e.code(), "unknown_organisation");
        assert_eq!(e.field(), "present[0]");
        let a = kent.resolve("p", "medway_council", d("2022-07-01"), true).unwrap();
        assert!(!a.listed);
    }

    #[test]
    fn svppb_joins_in_the_2024_review() {
        let kent = Partnership::kent();
        let kcsp = kent.body("kcsp").unwrap();
        let svppb = OrgId::parse("x", "serious_violence_prevention_partnership_board").unwrap();
        assert!(!kcsp.participates(&svppb, d("2024-07-03")));
        assert!(kcsp.participates(&svppb, d("2024-07-04")));
    }

    #[test]
    fn terms_are_looked_up_by_date() {
        let mut kent = Partnership::kent();
        let body = kent.bodies.iter_mut().find(|b| b.id == "kcsp").unwrap();
        let mut later = body.terms[0].clone();
        later.from = Some(d("2030-01-01"));
        later.quorum.required = 5;
        body.terms.push(later);
        let body = kent.body("kcsp").unwrap();
        assert_eq!(body.terms_on(d("2029-12-31")).unwrap().quorum.required, 4);
        assert_eq!(body.terms_on(d("2030-01-01")).unwrap().quorum.required, 5);
        let mut only_later = body.clone();
        only_later.terms.remove(0);
        assert_eq!(
            only_later.terms_on(d("2029-12-31")).unwrap_err().code(),
            "no_rules_in_force"
        );
    }

    #[test]
    fn validation_catches_inconsistent_definitions() {
        let kent = Partnership::kent();
        let mut p = kent.clone();
        p.organisations.push(p.organisations[0].clone());
        assert_eq!(p.validate().unwrap_err().code(), "invalid_partnership");
        let mut p = kent.clone();
        p.bodies[0].terms[0].quorum.required = 0;
        assert!(p.validate().is_err());
        let mut p = kent.clone();
        p.bodies[0].seats[0].holders[0].organisation = OrgId::parse("x", "nobody_at_all").unwrap();
        assert!(p.validate().is_err());
        let mut p = kent;
        if let Some(r) = p.bodies[0].terms[0].removal.as_mut() {
            r.numerator = 2;
            r.denominator = 2;
        }
        assert!(p.validate().is_err());
    }
}
