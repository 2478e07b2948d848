//! Quorum of a body of the partnership (for Kent: the KCSP, the Working
//! Group and the DHR Steering Group).
//!
//! Readings (for Kent: KCSP ToR §4, §5 and §7; WG ToR §7; DHR SG ToR,
//! Quorum), taken from the body's quorum rule in the definition. A quorum is
//! one condition or several that must all be met; each counts
//!
//! - `seats`: a seat is represented when anyone from an organisation
//!   filling it on the meeting date is present; substitutes count for the
//!   organisation they stand in for; several people from one seat count
//!   once; participants (co-operating bodies) and attendee-only
//!   organisations (guests, officers, local CSP chairs) never count;
//! - `organisations`: the distinct member organisations present. With
//!   `open_membership` (the DHR Steering Group, whose members are each
//!   council, trust or agency) any well-formed id is a member, except an
//!   attendee-only one; otherwise members are the organisations holding a
//!   seat or participating in the body on the date;
//! - `people`: every entry of `present` whose organisation is a member, each
//!   one person (a joint committee of councillors counts its members).
//!
//! A condition may count only some seats or organisations (`among`), and
//! may ask for a fraction of the membership, rounded up: of the seats held
//! on the date, or of the member organisations on the date (listed
//! organisations holding a seat or participating, within their own dates,
//! not attendee-only).

use crate::base::error::{quote, Error, ErrorKind, Result};
use crate::base::id::{BodyId, OrgId};
use crate::definitions::context::Context;
use crate::definitions::explain::{Citation, Explanation};
use crate::definitions::partnership::{
    cite_or_default, AtLeast, Body, Condition, Partnership, QuorumBasis, QuorumRule, Terms,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::sync::Arc;

/// The id of the `quorum` rule: its entry in the registry, its explanations' `rule`.
pub const ID: &str = "quorum";

/// One condition of a quorum at a meeting: how many were counted, how many
/// it needs, and whether it was met.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConditionResult {
    /// How many the condition counted.
    pub count: u32,
    /// How many it needs (a fraction of the membership rounded up).
    pub required: u32,
    /// Whether it was met.
    pub met: bool,
}

/// Whether a meeting was quorate, and why.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QuorumResult {
    /// The body.
    pub body: BodyId,
    /// The meeting date.
    pub date: NaiveDate,
    /// What the first condition counts: seats, organisations or people.
    pub basis: QuorumBasis,
    /// Whether the meeting was quorate: every condition met.
    pub quorate: bool,
    /// What the first condition counted.
    pub count: u32,
    /// How many the first condition needs.
    pub required: u32,
    /// Every condition, in the definition's order.
    pub conditions: Vec<ConditionResult>,
    /// The seats represented, sorted (for a body without seats, or one
    /// counting organisations in the single-condition form: the member
    /// organisations present).
    pub represented: Vec<String>,
    /// The seats held on the date and not represented, sorted (empty for a
    /// body without seats).
    pub missing: Vec<String>,
    /// Attendees who count for nothing (co-operating bodies, guests), sorted.
    pub not_counted: Vec<OrgId>,
    /// Which clause applied and why.
    pub explanation: Explanation,
}

crate::base::input::input! {
    /// The input of the `quorum` rule ([`check`]).
    pub struct QuorumInput {
        /// The body.
        pub body: BodyId,
        /// The meeting date.
        #[serde(with = "crate::base::dates::iso")]
        pub date: NaiveDate,
        /// The organisations of the people present, repeats allowed.
        pub present: Vec<OrgId>,
    }
}

const READING_SEATS: &str = "Substitutes count; several people from one seat count once; participants and attendee-only organisations never count; the membership in force on the meeting date applies.";
const READING_OPEN: &str = "Distinct organisations among those present; any organisation is a member except attendee-only ones; the membership in force on the meeting date applies.";
const READING_CLOSED: &str = "Distinct organisations among those present that hold a seat or take part in the body on the meeting date; attendee-only organisations never count.";
const READING_PEOPLE: &str = "Each entry of those present is one person; only people from member organisations count (those holding a seat or taking part in the body on the meeting date); attendee-only organisations never count.";
const READING_ALL: &str = "Every condition must be met. Seats: a seat counts once when anyone from the organisation holding it on the meeting date is present. Organisations: distinct member organisations present. People: each entry of those present from a member organisation. Members hold a seat or take part in the body on the meeting date (any organisation under open membership); attendee-only organisations never count. A fraction of the membership is rounded up.";

fn reading(rule: &QuorumRule) -> &'static str {
    match rule.legacy() {
        Some((QuorumBasis::Seats, _)) => READING_SEATS,
        Some((QuorumBasis::Organisations, _)) if rule.open_membership => READING_OPEN,
        Some((QuorumBasis::Organisations, _)) => READING_CLOSED,
        Some((QuorumBasis::People, _)) => READING_PEOPLE,
        None => READING_ALL,
    }
}

/// The quorum rule's citations, or the definition's own when it has none.
fn quorum_citations(partnership: &Partnership, body: &Body, terms: &Terms) -> Vec<Citation> {
    let rule = &terms.quorum;
    cite_or_default(&rule.citation, partnership, body, terms, || match rule.legacy() {
        Some((QuorumBasis::Seats, n)) => {
            format!("A meeting is quorate when at least {n} of the body's seats are represented.")
        }
        Some((QuorumBasis::Organisations, n)) => {
            format!("A meeting is quorate when at least {n} distinct member organisations are present.")
        }
        _ => {
            let parts: Vec<String> = rule.with_conditions(|cs| {
                cs.iter()
                    .map(|c| requirement(partnership, body, c, None, None))
                    .collect()
            });
            format!("A meeting is quorate when there are {}.", parts.join(", and "))
        }
    })
}

/// A condition's requirement in words ("at least 2 people from Harbourside
/// Borough Council"); with `need` and `base`, the number after rounding and
/// what a fraction is of.
fn requirement(partnership: &Partnership, body: &Body, c: &Condition, need: Option<u32>, base: Option<u32>) -> String {
    let n = match (need, c.at_least) {
        (Some(n), _) | (None, AtLeast::Number(n)) => n.to_string(),
        (None, AtLeast::Fraction { numerator, denominator }) => format!("{numerator}/{denominator}"),
    };
    let fraction = match (c.at_least, base) {
        (AtLeast::Fraction { numerator, denominator }, Some(base)) => {
            format!(" ({numerator}/{denominator} of {base}, rounded up)")
        }
        _ => String::new(),
    };
    let org = |id: &String| partnership.organisation(id).map_or(id.clone(), |o| o.name.clone());
    let seat = |id: &String| {
        body.seats
            .iter()
            .find(|s| s.id == id.as_str())
            .map_or(id.clone(), |s| s.name.clone())
    };
    let what = match (c.count, c.among.as_deref()) {
        (QuorumBasis::Seats, None) => match base {
            Some(b) if fraction.is_empty() => format!("of the {b} seats"),
            _ => "of the seats".to_string(),
        },
        (QuorumBasis::Seats, Some([one])) => format!("from the {} seat", seat(one)),
        (QuorumBasis::Seats, Some(many)) => {
            format!("of the seats {}", many.iter().map(seat).collect::<Vec<_>>().join(", "))
        }
        (QuorumBasis::Organisations, None) => "member organisations".to_string(),
        (QuorumBasis::Organisations, Some(ids)) => {
            format!("of {}", ids.iter().map(org).collect::<Vec<_>>().join(", "))
        }
        (QuorumBasis::People, None) => "people from member organisations".to_string(),
        (QuorumBasis::People, Some(ids)) => {
            format!("people from {}", ids.iter().map(org).collect::<Vec<_>>().join(" or "))
        }
    };
    format!("at least {n} {what}{fraction}")
}

/// The member organisations of `body` on `date` (listed, existing on the
/// date, holding a seat or participating, not attendee-only), only those in
/// `among` when given: the base of a fraction of the membership.
pub(crate) fn members_on(partnership: &Partnership, body: &Body, date: NaiveDate, among: Option<&[String]>) -> u32 {
    let mut ids: Vec<&str> = body
        .seats
        .iter()
        .flat_map(|s| s.holders.iter())
        .chain(body.participants.iter())
        .filter(|t| t.covers(date))
        .map(|t| t.organisation.as_str())
        .filter(|id| {
            partnership
                .organisation(id)
                .is_some_and(|o| o.exists_on(date) && !o.attendee_only)
        })
        .filter(|id| among.is_none_or(|a| a.iter().any(|x| x == id)))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    u32::try_from(ids.len()).unwrap_or(u32::MAX)
}

/// The bits of `body`'s seats named in `among` (every seat when `None`).
fn seat_mask(body: &Body, among: Option<&[String]>) -> u128 {
    match among {
        None => u128::MAX,
        Some(ids) => body
            .seats
            .iter()
            .enumerate()
            .take(128)
            .filter(|(_, s)| ids.iter().any(|id| *id == s.id.as_str()))
            .fold(0, |bits, (k, _)| bits | (1u128 << k)),
    }
}

/// Every condition of `rule` at a meeting on `date` with tally `tally` and
/// the seats `held` (bits), each with its count, number needed, and base
/// (for a fraction).
fn evaluate(
    partnership: &Partnership,
    body: &Body,
    rule: &QuorumRule,
    date: NaiveDate,
    held: u128,
    tally: &Tally<'_>,
) -> Vec<(ConditionResult, Option<u32>)> {
    rule.with_conditions(|cs| {
        cs.iter()
            .map(|c| {
                let among = c.among.as_deref();
                let (count, base) = match c.count {
                    QuorumBasis::Seats => {
                        let mask = seat_mask(body, among);
                        ((tally.seats & mask).count_ones(), Some((held & mask).count_ones()))
                    }
                    QuorumBasis::Organisations | QuorumBasis::People => {
                        let mut n = 0u32;
                        for (id, people) in &tally.orgs {
                            if among.is_none_or(|a| a.iter().any(|x| x == id)) {
                                n = n.saturating_add(if c.count == QuorumBasis::People { *people } else { 1 });
                            }
                        }
                        let base = matches!(c.at_least, AtLeast::Fraction { .. })
                            .then(|| members_on(partnership, body, date, among));
                        (n, base)
                    }
                };
                let required = c.at_least.of(base.unwrap_or(0));
                (
                    ConditionResult {
                        count,
                        required,
                        met: count >= required,
                    },
                    base,
                )
            })
            .collect()
    })
}

/// The seats, organisations and people counted at one meeting, as
/// attendees are added: the one count that [`check`], [`batch`] and
/// [`CodeTable`] share.
#[derive(Default)]
struct Tally<'a> {
    /// Seats represented, by index in the body's seat list.
    seats: u128,
    /// Distinct member organisations present (when a condition counts
    /// them), with the people present from each.
    orgs: Vec<(&'a str, u32)>,
}

impl<'a> Tally<'a> {
    /// Adds an attendee; returns whether it counted for some condition.
    /// `counts`: what the terms' quorum counts ([`QuorumRule::counts`],
    /// worked out once by the caller).
    fn add(&mut self, r: &Resolved<'_>, id: &'a str, date: NaiveDate, terms: &Terms, counts: (bool, bool)) -> bool {
        if r.attendee_only {
            return false;
        }
        let (seats, members) = counts;
        let bit = r.seat_bits(date);
        self.seats |= bit;
        let mut counted = seats && bit != 0;
        if members && r.member(date, terms.quorum.open_membership) {
            match self.orgs.iter_mut().find(|(o, _)| *o == id) {
                Some((_, p)) => *p = p.saturating_add(1),
                None => self.orgs.push((id, 1)),
            }
            counted = true;
        }
        counted
    }
}

/// A meeting's verdict, worked out from its tally in one place.
struct Verdict<'a> {
    quorate: bool,
    count: u32,
    required: u32,
    conditions: Vec<ConditionResult>,
    /// Seat ids (or organisation ids), sorted.
    represented: Vec<&'a str>,
    /// Seat ids not represented, sorted (empty without seat lists).
    missing: Vec<&'a str>,
    /// Seats of the body on the date.
    seats: usize,
    reason: Arc<str>,
    /// Each condition in words, with its count (for the explanation).
    described: Vec<String>,
}

/// The indices of `body`'s seats in id order, so that represented and
/// missing seats come out sorted.
fn seat_order(body: &Body) -> Vec<usize> {
    let mut by_id: Vec<usize> = (0..body.seats.len()).collect();
    by_id.sort_by(|a, b| {
        let id = |k: &usize| body.seats.get(*k).map(|s| s.id.as_str());
        id(a).cmp(&id(b))
    });
    by_id
}

/// The reason sentences of a batch, each written once: in the
/// single-condition form it depends only on the basis, the count, the seats
/// and the number needed, of which a register has a handful of
/// combinations. Shared, so that a batch row holds a pointer to its
/// sentence rather than its own copy.
#[derive(Default)]
struct Reasons(Vec<(ReasonKey, Arc<str>)>);

/// What a reason sentence depends on: seats basis, count, seats, required.
type ReasonKey = (QuorumBasis, u32, usize, u32);

impl Reasons {
    /// The sentence of a single-condition quorum.
    fn get(&mut self, body: &Body, basis: QuorumBasis, required: u32, count: u32, seats: usize) -> Arc<str> {
        let key = (basis, count, seats, required);
        if let Some((_, text)) = self.0.iter().find(|(k, _)| *k == key) {
            return text.clone();
        }
        let quorate = count >= required;
        let what = match basis {
            QuorumBasis::Seats => format!("{count} of the {seats} seats were represented"),
            QuorumBasis::Organisations => format!("{count} distinct member organisations were present"),
            QuorumBasis::People => format!("{count} people from member organisations were present"),
        };
        let text: Arc<str> = format!(
            "{} {}: {what}; at least {required} needed.",
            if quorate { "Quorate" } else { "Not quorate" },
            body.name,
        )
        .into();
        if self.0.len() < 64 {
            self.0.push((key, text.clone()));
        }
        text
    }
}

/// The sentence of a quorum of several conditions: the conditions not met,
/// in words, or that every one was.
fn conditions_reason(body: &Body, quorate: bool, described: &[String], met: &[bool]) -> Arc<str> {
    if quorate {
        format!("Quorate {}: every condition met ({}).", body.name, described.join("; ")).into()
    } else {
        let failed: Vec<&str> = described
            .iter()
            .zip(met)
            .filter(|(_, m)| !**m)
            .map(|(d, _)| d.as_str())
            .collect();
        format!("Not quorate {}: {}.", body.name, failed.join("; ")).into()
    }
}

/// The seats of `body` someone held on `date`, as bits by seat index.
fn held_seats(body: &Body, date: NaiveDate) -> u128 {
    body.seats
        .iter()
        .enumerate()
        .take(128)
        .filter(|(_, s)| s.holders.iter().any(|h| h.covers(date)))
        .fold(0, |bits, (k, _)| bits | (1u128 << k))
}

/// `held_seats` for the dates of a batch, each worked out once.
#[derive(Default)]
struct HeldOn(IdMap<NaiveDate, u128>);

impl HeldOn {
    fn get(&mut self, body: &Body, date: NaiveDate) -> u128 {
        *self.0.entry(date).or_insert_with(|| held_seats(body, date))
    }
}

/// Whether `represented` and `missing` list seats: for a body with seats,
/// except in the single-condition form counting organisations or people
/// (which lists the organisations present, as it always has).
fn lists_seats(body: &Body, rule: &QuorumRule) -> bool {
    !body.seats.is_empty()
        && !matches!(
            rule.legacy(),
            Some((QuorumBasis::Organisations | QuorumBasis::People, _))
        )
}

/// The verdict on a meeting of `body` on `date` when the seats `held` were
/// filled (bits from [`held_seats`]).
#[allow(clippy::too_many_arguments)]
fn verdict<'a>(
    partnership: &Partnership,
    body: &'a Body,
    terms: &Terms,
    date: NaiveDate,
    held: u128,
    tally: Tally<'a>,
    order: &[usize],
    reasons: &mut Reasons,
) -> Verdict<'a> {
    let rule = &terms.quorum;
    let evaluated = evaluate(partnership, body, rule, date, held, &tally);
    let (represented, missing, seats) = if lists_seats(body, rule) {
        let rep_bits = tally.seats;
        let miss_bits = held & !rep_bits;
        let mut rep = Vec::with_capacity(rep_bits.count_ones() as usize);
        let mut miss = Vec::with_capacity(miss_bits.count_ones() as usize);
        for &k in order {
            let Some(seat) = body.seats.get(k) else { continue };
            let bit = 1u128.checked_shl(u32::try_from(k).unwrap_or(u32::MAX)).unwrap_or(0);
            if rep_bits & bit != 0 {
                rep.push(seat.id.as_str());
            } else if miss_bits & bit != 0 {
                miss.push(seat.id.as_str());
            }
        }
        (rep, miss, held.count_ones() as usize)
    } else {
        let mut orgs: Vec<&str> = tally.orgs.iter().map(|(o, _)| *o).collect();
        orgs.sort_unstable();
        (orgs, Vec::new(), held.count_ones() as usize)
    };
    let quorate = evaluated.iter().all(|(c, _)| c.met);
    let (count, required) = evaluated.first().map_or((0, 0), |(c, _)| (c.count, c.required));
    let (reason, described) = match rule.legacy() {
        Some((basis, n)) => (reasons.get(body, basis, n, count, seats), Vec::new()),
        None => {
            let described: Vec<String> = rule.with_conditions(|cs| {
                cs.iter()
                    .zip(&evaluated)
                    .map(|(c, (r, base))| {
                        let verb = if c.count == QuorumBasis::Seats {
                            "represented"
                        } else {
                            "present"
                        };
                        let base = base.or((c.count == QuorumBasis::Seats).then_some(held.count_ones()));
                        format!(
                            "{}: {} {verb}",
                            requirement(partnership, body, c, Some(r.required), base),
                            r.count
                        )
                    })
                    .collect()
            });
            let met: Vec<bool> = evaluated.iter().map(|(c, _)| c.met).collect();
            (conditions_reason(body, quorate, &described, &met), described)
        }
    };
    Verdict {
        quorate,
        count,
        required,
        conditions: evaluated.into_iter().map(|(c, _)| c).collect(),
        represented,
        missing,
        seats,
        reason,
        described,
    }
}

/// Checks the quorum of `body` at a meeting on `date` attended by people
/// from the organisations `present` (repeats allowed).
///
/// Errors: `unknown_body`; `unknown_organisation` or
/// `organisation_not_current` for an attendee (field `present[i]`);
/// `no_rules_in_force`.
///
/// ```
/// use kcsp_core::{quorum, Context};
/// use chrono::NaiveDate;
/// let kent = Context::kent();
/// let date = NaiveDate::from_ymd_opt(2022, 7, 14).unwrap();
/// let r = quorum::check(kent, "kcsp", date,
///     &["kent_county_council", "kent_police", "kent_police", "office_of_the_pcc",
///       "kent_fire_and_rescue", "violence_reduction_unit"]).unwrap();
/// assert!(r.quorate);
/// assert_eq!((r.count, r.required), (4, 4));
/// assert_eq!(r.missing, ["district_borough_councils", "health", "probation_service"]);
/// assert_eq!(r.not_counted[0], "violence_reduction_unit");
///
/// let err = quorum::check(kent, "kcsp", date, &["kent_and_medway_ccg"]).unwrap_err();
/// assert_eq!(err.code(), "organisation_not_current");
/// assert_eq!(err.field(), "present[0]");
/// ```
pub fn check<S: AsRef<str>>(ctx: &Context, body: &str, date: NaiveDate, present: &[S]) -> Result<QuorumResult> {
    let partnership = ctx.partnership();
    let body = partnership.body(body)?;
    let terms = body.terms_on(date)?;
    let open = terms.quorum.open();
    let mut tally = Tally::default();
    let mut not_counted = BTreeSet::new();
    // Tenures whose own citation explains why an attendee counted (or not).
    let mut tenure_citations: Vec<&Citation> = Vec::new();
    for (i, id) in present.iter().enumerate() {
        let id = id.as_ref();
        let a = partnership.resolve(&format!("present[{i}]"), id, date, open)?;
        let r = Resolved::new(partnership, body, id)?;
        if let Some(t) = body.participation(id, date) {
            tenure_citations.extend(t.citation.as_slice());
        }
        if tally.add(&r, id, date, terms, terms.quorum.counts()) {
            if let Some((_, t)) = body.holding(id, date) {
                tenure_citations.extend(t.citation.as_slice());
            }
        } else {
            not_counted.insert(a.id);
        }
    }
    let v = verdict(
        partnership,
        body,
        terms,
        date,
        held_seats(body, date),
        tally,
        &seat_order(body),
        &mut Reasons::default(),
    );
    let mut explanation = Explanation::new(ID, &*v.reason)
        .reading(reading(&terms.quorum))
        .cite_all(&quorum_citations(partnership, body, terms))
        .figure("count", v.count)
        .figure("required", v.required)
        .figure("represented", v.represented.join(", "));
    if lists_seats(body, &terms.quorum) {
        explanation = explanation
            .figure("seats", v.seats)
            .figure("missing", v.missing.join(", "));
    }
    if !v.described.is_empty() {
        explanation = explanation.figure("conditions", v.described.join("; "));
    }
    for c in tenure_citations {
        if !explanation.citations.contains(c) {
            explanation = explanation.cite(c);
        }
    }
    Ok(QuorumResult {
        body: body.id.clone(),
        date,
        basis: terms.quorum.first_basis(),
        quorate: v.quorate,
        count: v.count,
        required: v.required,
        conditions: v.conditions,
        represented: v.represented.into_iter().map(str::to_string).collect(),
        missing: v.missing.into_iter().map(str::to_string).collect(),
        not_counted: not_counted.into_iter().collect(),
        explanation,
    })
}

/// One row of an attendance register: someone from `organisation` attended
/// meeting `meeting` on `date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attendance<'a> {
    /// The meeting's id (any text that identifies it within the register).
    pub meeting: &'a str,
    /// The meeting date.
    pub date: NaiveDate,
    /// The organisation of the person present.
    pub organisation: &'a str,
}

/// One meeting's quorum, as a row of a batch. Ids are borrowed from the
/// register and the partnership, so a batch of many meetings allocates little.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MeetingQuorum<'a> {
    /// The meeting id.
    pub meeting: &'a str,
    /// The index of the meeting's first row in the register.
    pub first_row: usize,
    /// The meeting date.
    pub date: NaiveDate,
    /// Whether it was quorate.
    pub quorate: bool,
    /// Distinct seats (or organisations) represented.
    pub count: u32,
    /// How many were needed.
    pub required: u32,
    /// Every condition, in the definition's order.
    pub conditions: Vec<ConditionResult>,
    /// Seats (or organisations) represented, sorted.
    pub represented: Vec<&'a str>,
    /// Seats not represented, sorted.
    pub missing: Vec<&'a str>,
    /// How the quorum was counted (`seats` or `organisations`).
    pub basis: QuorumBasis,
    /// Attendees present but not counted (attendee-only members, a second
    /// representative of an organisation), sorted.
    pub not_counted: Vec<&'a str>,
    /// Why, in a sentence (the error's message for a meeting that could not
    /// be judged). Shared between the meetings with the same sentence.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub reason: Arc<str>,
    /// Why the meeting could not be judged: the first bad row's error (an
    /// organisation unknown or not current, a second date, no terms in force),
    /// with the field `rows[i].…`. Its other fields are then zero and empty.
    /// Boxed: a register has few bad meetings, and a row of the batch stays small.
    #[cfg_attr(feature = "typescript", tsify(type = "unknown"))]
    pub error: Option<Box<Error>>,
}

/// The quorum of every meeting of an attendance register.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct QuorumBatch<'a> {
    /// One row per meeting, in order of first appearance.
    pub meetings: Vec<MeetingQuorum<'a>>,
    /// The clause applied to every meeting.
    pub explanation: Explanation,
}

/// A small, fast hasher for the short ids of a register (FxHash's mixing
/// step). Hash flooding is not a concern here: the keys come from the
/// caller's own register and only cost the caller time.
#[derive(Default, Clone, Copy)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        // Spread high bits into low ones: the table indexes by the low bits.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            for (w, b) in word.iter_mut().zip(rest) {
                *w = *b;
            }
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word) ^ (rest.len() as u64) << 59).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }
    // A date hashes as one `i32`: one step, not a pass over its bytes.
    fn write_i32(&mut self, i: i32) {
        self.write_u64(u64::from(i as u32));
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type IdMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<IdHasher>>;

impl IdHasher {
    /// The hash of an id, for a [`Keyed`].
    fn of(id: &str) -> u64 {
        let mut h = IdHasher::default();
        std::hash::Hasher::write(&mut h, id.as_bytes());
        std::hash::Hasher::finish(&h)
    }
}

/// An id with its hash worked out once: a table of meetings that grows
/// rehashes from the stored hash, without reading each id again (ids lie
/// all over the caller's register, so reading them is a cache miss each).
#[derive(Clone, Copy)]
struct Keyed<'a> {
    hash: u64,
    id: &'a str,
}

impl std::hash::Hash for Keyed<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl PartialEq for Keyed<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && same(self.id, other.id)
    }
}

impl Eq for Keyed<'_> {}

/// Passes a [`Keyed`] hash through unchanged.
#[derive(Default, Clone, Copy)]
struct PassHasher(u64);

impl std::hash::Hasher for PassHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Not used by `Keyed`; kept correct for any other key.
        let mut h = IdHasher(self.0);
        h.write(bytes);
        self.0 = h.finish();
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
}

/// Whether two ids are the same, inline for the short ids of a register
/// (a call to `memcmp` per row costs more than the comparison).
#[inline]
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    if std::ptr::eq(a.as_ptr(), b.as_ptr()) {
        return true;
    }
    let n = a.len();
    if n < 8 {
        return a == b;
    }
    let word = |s: &[u8], at: usize| -> u64 {
        let mut w = [0u8; 8];
        if let Some(src) = s.get(at..at + 8) {
            w.copy_from_slice(src);
        }
        u64::from_le_bytes(w)
    };
    let mut at = 0;
    while at + 8 < n {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    // The last eight bytes (overlapping the words before when `n` is not a
    // multiple of eight).
    word(a, n - 8) == word(b, n - 8)
}

/// What an attendee id resolves to, computed once per id for a batch.
struct Resolved<'p> {
    org: Option<&'p crate::definitions::partnership::Organisation>,
    attendee_only: bool,
    /// (from, to, seat index) for every tenure of a seat of the body.
    seats: Vec<(Option<NaiveDate>, Option<NaiveDate>, usize)>,
    /// When the organisation exists on every date and fills one seat on
    /// every date (or none), that seat's bit: no date checks are needed.
    undated: Option<u128>,
    /// (from, to) of every participation in the body.
    participations: Vec<(Option<NaiveDate>, Option<NaiveDate>)>,
}

impl<'p> Resolved<'p> {
    /// Resolves `id` for `body` once. An unlisted id must at least be well
    /// formed (whether it may attend is checked per date by `current`).
    fn new(partnership: &'p Partnership, body: &Body, id: &str) -> Result<Resolved<'p>> {
        let org = partnership.organisation(id);
        if org.is_none() {
            OrgId::parse("", id)?;
        }
        let seats: Vec<_> = body
            .seats
            .iter()
            .enumerate()
            .filter(|(k, _)| *k < 128)
            .flat_map(|(k, s)| {
                s.holders
                    .iter()
                    .filter(|h| h.organisation == id)
                    .map(move |h| (h.from, h.to, k))
            })
            .collect();
        let always = org.is_some_and(|o| o.from.is_none() && o.to.is_none());
        let undated = match seats.as_slice() {
            [] if always => Some(0),
            [(None, None, k)] if always => Some(1u128 << k),
            _ => None,
        };
        let participations = body
            .participants
            .iter()
            .filter(|t| t.organisation == id)
            .map(|t| (t.from, t.to))
            .collect();
        Ok(Resolved {
            org,
            attendee_only: org.is_some_and(|o| o.attendee_only),
            seats,
            undated,
            participations,
        })
    }

    /// Whether it is a member on `date` for an organisation-basis quorum.
    fn member(&self, date: NaiveDate, open: bool) -> bool {
        let covers = |(f, t): &(Option<NaiveDate>, Option<NaiveDate>)| {
            f.is_none_or(|f| f <= date) && t.is_none_or(|t| date <= t)
        };
        open || self.seats.iter().any(|(f, t, _)| covers(&(*f, *t))) || self.participations.iter().any(covers)
    }

    /// Whether the organisation may attend on `date` (listed and existing, or
    /// unlisted where membership is open).
    fn current(&self, date: NaiveDate, open: bool) -> bool {
        match self.org {
            Some(o) => o.exists_on(date),
            None => open,
        }
    }

    /// The bit of the seat it fills on `date` (0 for none).
    fn seat_bits(&self, date: NaiveDate) -> u128 {
        if let Some(bits) = self.undated {
            return bits;
        }
        self.seats
            .iter()
            .find(|(f, t, _)| f.is_none_or(|f| f <= date) && t.is_none_or(|t| date <= t))
            .map_or(0, |(_, _, k)| 1u128 << k)
    }
}

/// A set of small indices (organisations resolved in a batch): a bit each
/// for the first 128, a list beyond.
#[derive(Debug, Default)]
struct Indices {
    bits: u128,
    /// Boxed: one is kept per meeting of a batch, and seldom used.
    more: Option<Box<[usize]>>,
}

impl Indices {
    fn insert(&mut self, k: usize) {
        match u32::try_from(k).ok().and_then(|k| 1u128.checked_shl(k)) {
            Some(bit) => self.bits |= bit,
            None => {
                let mut more = self.more.take().map(Vec::from).unwrap_or_default();
                if !more.contains(&k) {
                    more.push(k);
                }
                self.more = Some(more.into_boxed_slice());
            }
        }
    }
    /// The ids at these indices of `ids`, sorted.
    fn ids<'a>(&self, ids: &[&'a str]) -> Vec<&'a str> {
        let mut bits = self.bits;
        let set = std::iter::from_fn(|| {
            let k = bits.trailing_zeros();
            bits &= bits.wrapping_sub(1);
            usize::try_from(k).ok().filter(|&k| k < 128)
        });
        let mut out: Vec<&'a str> = set
            .chain(self.more.iter().flat_map(|m| m.iter().copied()))
            .filter_map(|k| ids.get(k).copied())
            .collect();
        out.sort_unstable();
        out
    }
}

/// The quorum of every meeting in `rows` (one row per person present; a
/// meeting's rows need not be adjacent). The result for each meeting is the
/// one [`check`] gives for the same attendees.
///
/// No row is lost: a meeting with a bad row keeps its place with the error
/// of its first bad row ([`MeetingQuorum::error`]: those of [`check`], with
/// the field `rows[i].organisation`; `invalid_input` at `rows[i].date` when
/// one meeting id has two dates) and every other meeting is judged. The
/// batch itself fails only for the body (unknown, or more than 128 seats).
///
/// ```
/// use kcsp_core::quorum::{batch, Attendance};
/// use kcsp_core::Context;
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2022, 7, 14).unwrap();
/// let rows: Vec<Attendance> = ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"]
///     .iter().map(|o| Attendance { meeting: "m1", date: d, organisation: o })
///     .chain([Attendance { meeting: "m2", date: d, organisation: "kent_police" }])
///     .collect();
/// let b = batch(Context::kent(), "kcsp", rows.iter().copied()).unwrap();
/// assert_eq!(b.meetings.len(), 2);
/// assert!(b.meetings[0].quorate);
/// assert!(!b.meetings[1].quorate);
/// ```
pub fn batch<'a>(
    ctx: &'a Context,
    body: &str,
    rows: impl IntoIterator<Item = Attendance<'a>>,
) -> Result<QuorumBatch<'a>> {
    let mut meetings = Vec::new();
    let explanation = batch_each(ctx, body, rows, |m| meetings.push(m.into_owned()))?;
    Ok(QuorumBatch { meetings, explanation })
}

/// One meeting of a batch as [`batch_each`] hands it over, borrowed from
/// the batch (verdicts repeated from meeting to meeting are worked out and
/// kept once).
#[derive(Debug, Clone, Copy)]
pub(crate) struct MeetingView<'v, 'a> {
    pub(crate) meeting: &'a str,
    pub(crate) first_row: usize,
    pub(crate) date: NaiveDate,
    pub(crate) quorate: bool,
    pub(crate) count: u32,
    pub(crate) required: u32,
    pub(crate) conditions: &'v [ConditionResult],
    pub(crate) represented: &'v [&'a str],
    pub(crate) missing: &'v [&'a str],
    pub(crate) basis: QuorumBasis,
    pub(crate) not_counted: &'v [&'a str],
    pub(crate) reason: &'v Arc<str>,
    pub(crate) error: Option<&'v Error>,
}

impl<'a> MeetingView<'_, 'a> {
    /// The meeting as an owned row of a [`QuorumBatch`].
    fn into_owned(self) -> MeetingQuorum<'a> {
        MeetingQuorum {
            meeting: self.meeting,
            first_row: self.first_row,
            date: self.date,
            quorate: self.quorate,
            count: self.count,
            required: self.required,
            conditions: self.conditions.to_vec(),
            represented: self.represented.to_vec(),
            missing: self.missing.to_vec(),
            basis: self.basis,
            not_counted: self.not_counted.to_vec(),
            reason: self.reason.clone(),
            error: self.error.map(|e| Box::new(e.clone())),
        }
    }
}

#[cfg(feature = "batch")]
impl<'a> MeetingQuorum<'a> {
    /// The meeting, borrowed (the batch engine's table is written from it).
    pub(crate) fn view(&self) -> MeetingView<'_, 'a> {
        MeetingView {
            meeting: self.meeting,
            first_row: self.first_row,
            date: self.date,
            quorate: self.quorate,
            count: self.count,
            required: self.required,
            conditions: &self.conditions,
            represented: &self.represented,
            missing: &self.missing,
            basis: self.basis,
            not_counted: &self.not_counted,
            reason: &self.reason,
            error: self.error.as_deref(),
        }
    }
}

/// [`batch`], handing each meeting to `each` in order of first appearance
/// instead of collecting them; returns the batch's explanation.
pub(crate) fn batch_each<'a>(
    ctx: &'a Context,
    body: &str,
    rows: impl IntoIterator<Item = Attendance<'a>>,
    mut each: impl FnMut(MeetingView<'_, 'a>),
) -> Result<Explanation> {
    let partnership = ctx.partnership();
    let body_def = partnership.body(body)?;
    struct Acc<'a> {
        meeting: &'a str,
        first_row: usize,
        date: NaiveDate,
        terms: Option<&'a Terms>,
        tally: Tally<'a>,
        /// Attendees not counted, by their index in `resolved`.
        not_counted: Indices,
        /// The organisations (the first 128 of `resolved`) already added.
        seen: u128,
        /// Whether a second attendee from an organisation changes the tally
        /// (a condition counts people).
        repeats_count: bool,
        /// What the quorum counts (`QuorumRule::counts`).
        counts: (bool, bool),
        /// Whether the quorum's membership is open (`QuorumRule::open`).
        open: bool,
        error: Option<Box<Error>>,
    }
    if body_def.seats.len() > 128 {
        return Err(Error::new(
            ErrorKind::InvalidPartnership,
            "body",
            "a batch handles bodies of at most 128 seats",
        ));
    }
    let mut index: std::collections::HashMap<Keyed<'a>, usize, std::hash::BuildHasherDefault<PassHasher>> =
        std::collections::HashMap::with_capacity_and_hasher(1024, Default::default());
    let mut accs: Vec<Acc<'a>> = Vec::new();
    let mut cache: IdMap<&str, usize> = IdMap::default();
    let mut resolved: Vec<Resolved<'a>> = Vec::new();
    // The organisation id of each of `resolved`, as the register writes it.
    let mut ids: Vec<&'a str> = Vec::new();
    // Direct-mapped memo of ids already resolved, keyed by a cheap mix of
    // the id's length and its first and last bytes: a register names a
    // handful of organisations a million times, so most rows skip hashing.
    const MEMO: usize = 64;
    let mut memo: [(&str, usize); MEMO] = [("", usize::MAX); MEMO];
    let line_of = |id: &str| {
        let b = id.as_bytes();
        let (first, last) = (b.first().copied().unwrap_or(0), b.last().copied().unwrap_or(0));
        let mid = b.get(b.len() / 2).copied().unwrap_or(0);
        (b.len()
            ^ usize::from(first).wrapping_mul(7)
            ^ usize::from(mid).wrapping_mul(13)
            ^ usize::from(last).wrapping_mul(31))
            % MEMO
    };
    let mut last: Option<(&str, usize)> = None;
    for (i, row) in rows.into_iter().enumerate() {
        let slot = match last {
            Some((m, k)) if same(m, row.meeting) => k,
            _ => {
                let key = Keyed {
                    hash: IdHasher::of(row.meeting),
                    id: row.meeting,
                };
                let k = match index.get(&key) {
                    Some(&k) => k,
                    None => {
                        let (terms, error) = match body_def.terms_on(row.date) {
                            Ok(t) => (Some(t), None),
                            Err(e) => (None, Some(Box::new(e.at(format!("rows[{i}].date"))))),
                        };
                        index.insert(key, accs.len());
                        let rule = terms.map(|t| &t.quorum);
                        accs.push(Acc {
                            meeting: row.meeting,
                            first_row: i,
                            date: row.date,
                            terms,
                            tally: Tally::default(),
                            not_counted: Indices::default(),
                            seen: 0,
                            repeats_count: rule.is_some_and(QuorumRule::counts_people),
                            counts: rule.map_or((false, false), QuorumRule::counts),
                            open: rule.is_some_and(QuorumRule::open),
                            error,
                        });
                        accs.len() - 1
                    }
                };
                last = Some((row.meeting, k));
                k
            }
        };
        let Some(acc) = accs.get_mut(slot) else { continue };
        // A meeting with a bad row keeps its first error; its other rows
        // are not counted.
        let Some(terms) = acc.terms.filter(|_| acc.error.is_none()) else {
            continue;
        };
        if acc.date != row.date {
            acc.error = Some(Box::new(Error::new(
                ErrorKind::InvalidInput,
                format!("rows[{i}].date"),
                format!(
                    "meeting '{}' is dated both {} and {}",
                    quote(row.meeting),
                    acc.date,
                    row.date
                ),
            )));
            continue;
        }
        let open = acc.open;
        let line = line_of(row.organisation);
        let memo_hit = memo.get(line).filter(|(id, _)| same(id, row.organisation)).map(|m| m.1);
        let known = match memo_hit.or_else(|| cache.get(row.organisation).copied()) {
            Some(k) => k,
            None => match Resolved::new(partnership, body_def, row.organisation) {
                Ok(r) => {
                    resolved.push(r);
                    ids.push(row.organisation);
                    cache.insert(row.organisation, resolved.len() - 1);
                    resolved.len() - 1
                }
                Err(e) => {
                    acc.error = Some(Box::new(e.at(format!("rows[{i}].organisation"))));
                    continue;
                }
            },
        };
        if let Some(m) = memo.get_mut(line) {
            *m = (row.organisation, known);
        }
        // A second attendee from an organisation already added (on this
        // meeting's one date) changes nothing unless people are counted.
        let bit = u32::try_from(known)
            .ok()
            .and_then(|k| 1u128.checked_shl(k))
            .unwrap_or(0);
        if acc.seen & bit != 0 && !acc.repeats_count {
            continue;
        }
        acc.seen |= bit;
        let Some(r) = resolved.get(known) else { continue };
        if !r.current(row.date, open) {
            // The same error a single check gives, with this row's field.
            if let Err(e) = partnership.resolve(&format!("rows[{i}].organisation"), row.organisation, row.date, open) {
                acc.error = Some(Box::new(e));
                continue;
            }
        }
        if !acc.tally.add(r, row.organisation, row.date, terms, acc.counts) {
            acc.not_counted.insert(known);
        }
    }
    let order = seat_order(body_def);
    let mut reasons = Reasons::default();
    let mut held = HeldOn::default();
    // Verdicts already worked out, for rules that count seats alone (whose
    // verdict follows from the terms, the seats held and those represented).
    let mut verdicts: Vec<((*const Terms, u128, u128), Verdict<'a>)> = Vec::new();
    // Lists of attendees not counted already written, by their indices.
    let mut uncounted: Vec<(u128, Vec<&'a str>)> = Vec::new();
    let no_conditions: &[ConditionResult] = &[];
    let mut first_terms = None;
    let mut count = 0usize;
    for mut acc in accs {
        count += 1;
        let (Some(terms), None) = (acc.terms, &acc.error) else {
            let error = acc
                .error
                .unwrap_or_else(|| Box::new(Error::new(ErrorKind::InvalidInput, "rows", "no terms")));
            let reason: Arc<str> = error.message().into();
            each(MeetingView {
                meeting: acc.meeting,
                first_row: acc.first_row,
                date: acc.date,
                quorate: false,
                count: 0,
                required: 0,
                conditions: no_conditions,
                represented: &[],
                missing: &[],
                basis: acc.terms.map_or(QuorumBasis::Seats, |t| t.quorum.first_basis()),
                not_counted: &[],
                reason: &reason,
                error: Some(&error),
            });
            continue;
        };
        first_terms.get_or_insert(terms);
        let held = if body_def.seats.is_empty() {
            0
        } else {
            held.get(body_def, acc.date)
        };
        // A rule that counts seats alone gives the same verdict for the same
        // terms, seats held and seats represented: worked out once.
        let seats_alone = !acc.counts.1;
        let key = (std::ptr::from_ref(terms), held, acc.tally.seats);
        let mut found = verdicts.iter().position(|(k, _)| seats_alone && *k == key);
        let mut judge = |tally| {
            verdict(
                partnership,
                body_def,
                terms,
                acc.date,
                held,
                tally,
                &order,
                &mut reasons,
            )
        };
        if found.is_none() && seats_alone && verdicts.len() < 256 {
            verdicts.push((key, judge(std::mem::take(&mut acc.tally))));
            found = Some(verdicts.len() - 1);
        }
        let fresh;
        let v = match found.and_then(|k| verdicts.get(k)) {
            Some((_, v)) => v,
            None => {
                fresh = judge(std::mem::take(&mut acc.tally));
                &fresh
            }
        };
        let own;
        let not_counted: &[&str] = if acc.not_counted.more.is_some() {
            own = acc.not_counted.ids(&ids);
            &own
        } else {
            let bits = acc.not_counted.bits;
            match uncounted.iter().position(|(b, _)| *b == bits) {
                Some(k) => uncounted.get(k).map_or(&[], |(_, l)| l.as_slice()),
                None if uncounted.len() >= 256 => {
                    own = acc.not_counted.ids(&ids);
                    &own
                }
                None => {
                    uncounted.push((bits, acc.not_counted.ids(&ids)));
                    uncounted.last().map_or(&[], |(_, l)| l.as_slice())
                }
            }
        };
        each(MeetingView {
            meeting: acc.meeting,
            first_row: acc.first_row,
            date: acc.date,
            quorate: v.quorate,
            count: v.count,
            required: v.required,
            conditions: &v.conditions,
            represented: &v.represented,
            missing: &v.missing,
            basis: terms.quorum.first_basis(),
            not_counted,
            reason: &v.reason,
            error: None,
        });
    }
    let mut explanation = Explanation::new(ID, format!("{count} meeting(s) of the {} checked.", body_def.name));
    if let Some(t) = first_terms {
        explanation = explanation
            .reading(reading(&t.quorum))
            .cite_all(&quorum_citations(partnership, body_def, t));
    }
    Ok(explanation)
}

/// Attendees given as small integer codes into a table of organisation ids,
/// resolved once: the table behind [`coded`].
pub(crate) struct CodeTable<'a> {
    partnership: &'a Partnership,
    body: &'a Body,
    ids: Vec<&'a str>,
    resolved: Vec<Resolved<'a>>,
    reasons: std::cell::RefCell<Reasons>,
    /// The terms in force and the seats held, per date seen.
    on: std::cell::RefCell<IdMap<NaiveDate, (&'a Terms, u128)>>,
}

impl<'a> CodeTable<'a> {
    /// Resolves `ids` for `body`. Errors: `unknown_body`; `unknown_organisation`
    /// for an id that is neither listed nor (where membership is open) well formed
    /// (field `organisations[i]`).
    pub(crate) fn new(ctx: &'a Context, body: &str, ids: &[&'a str]) -> Result<CodeTable<'a>> {
        let partnership = ctx.partnership();
        let body_def = partnership.body(body)?;
        let resolved = ids
            .iter()
            .enumerate()
            .map(|(i, id)| Resolved::new(partnership, body_def, id).map_err(|e| e.at(format!("organisations[{i}]"))))
            .collect::<Result<Vec<_>>>()?;
        if body_def.seats.len() > 128 {
            return Err(Error::new(
                ErrorKind::InvalidPartnership,
                "body",
                "a body has at most 128 seats",
            ));
        }
        Ok(CodeTable {
            partnership,
            body: body_def,
            ids: ids.to_vec(),
            resolved,
            reasons: std::cell::RefCell::default(),
            on: std::cell::RefCell::default(),
        })
    }

    /// The quorum of a meeting on `date` attended by the coded organisations.
    /// Errors: those of [`check`], with the field `codes[i]`; `invalid_input`
    /// for a code outside the table.
    pub(crate) fn check(&self, date: NaiveDate, codes: &[u16]) -> Result<CodedQuorum> {
        let known = self.on.borrow().get(&date).copied();
        let (terms, held) = match known {
            Some(t) => t,
            None => {
                let terms = self.body.terms_on(date)?;
                let held = held_seats(self.body, date);
                self.on.borrow_mut().insert(date, (terms, held));
                (terms, held)
            }
        };
        let open = terms.quorum.open();
        let legacy = terms.quorum.legacy();
        let counts = terms.quorum.counts();
        let mut tally = Tally::default();
        for (i, &c) in codes.iter().enumerate() {
            let (Some(r), Some(id)) = (self.resolved.get(usize::from(c)), self.ids.get(usize::from(c))) else {
                return Err(Error::new(
                    ErrorKind::InvalidInput,
                    format!("codes[{i}]"),
                    format!("code {c} is not in the table"),
                ));
            };
            // On every date, in one undated seat (or none): its bit, without
            // the date checks `add` would make.
            if let (Some((QuorumBasis::Seats, _)), Some(bits), false) = (legacy, r.undated, r.attendee_only) {
                tally.seats |= bits;
                continue;
            }
            if !r.current(date, open) {
                self.partnership.resolve(&format!("codes[{i}]"), id, date, open)?;
            }
            tally.add(r, id, date, terms, counts);
        }
        // The counts alone (no lists of seats) in the single-condition form:
        // what `verdict` counts, without its vectors.
        if let Some((basis, required)) = legacy {
            let count = match basis {
                QuorumBasis::Seats => tally.seats.count_ones(),
                QuorumBasis::Organisations => u32::try_from(tally.orgs.len()).unwrap_or(u32::MAX),
                QuorumBasis::People => tally.orgs.iter().fold(0u32, |n, (_, p)| n.saturating_add(*p)),
            };
            let seats = held.count_ones() as usize;
            let reason = self.reasons.borrow_mut().get(self.body, basis, required, count, seats);
            return Ok(CodedQuorum {
                quorate: count >= required,
                count,
                required,
                reason,
            });
        }
        let v = verdict(
            self.partnership,
            self.body,
            terms,
            date,
            held,
            tally,
            &[],
            &mut self.reasons.borrow_mut(),
        );
        Ok(CodedQuorum {
            quorate: v.quorate,
            count: v.count,
            required: v.required,
            reason: v.reason,
        })
    }
}

/// The quorum of many meetings given as typed arrays, for high volumes (the
/// WebAssembly package's typed-array interface): organisation ids are given
/// once in `organisations`; `codes` holds, meeting after meeting, the index
/// into `organisations` of each person present; meeting `i` is
/// `codes[ends[i-1]..ends[i]]` (from 0 for the first) and is held on
/// `dates[i]`. Each answer is the one [`check`] gives, reason included.
///
/// Errors: those of [`check`], with the field `meetings[i].codes[j]`;
/// `unknown_organisation` for an id of `organisations` that is not one
/// (field `organisations[k]`); `invalid_input` for `ends` that do not rise
/// within `codes`, or `dates` of another length than `ends`.
///
/// ```
/// use kcsp_core::{quorum, Context};
/// use chrono::NaiveDate;
/// let ids = ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue", "guest"];
/// let d = NaiveDate::from_ymd_opt(2022, 7, 14).unwrap();
/// let q = quorum::coded(Context::kent(), "kcsp", &ids, &[0, 1, 2, 3, 4, 0, 0, 4], &[5, 8], &[d, d]).unwrap();
/// assert!(q[0].quorate);
/// assert_eq!((q[1].count, q[1].required), (1, 4));
/// assert!(q[1].reason.starts_with("Not quorate"));
/// ```
pub fn coded(
    ctx: &Context,
    body: &str,
    organisations: &[&str],
    codes: &[u16],
    ends: &[u32],
    dates: &[NaiveDate],
) -> Result<Vec<CodedQuorum>> {
    if ends.len() != dates.len() {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "dates",
            "ends and dates must have one entry per meeting",
        ));
    }
    let table = CodeTable::new(ctx, body, organisations)?;
    let mut out = Vec::with_capacity(ends.len());
    let mut start = 0usize;
    for (i, (&end, &date)) in ends.iter().zip(dates).enumerate() {
        let end = usize::try_from(end).unwrap_or(usize::MAX);
        let Some(slice) = codes.get(start..end) else {
            return Err(Error::new(
                ErrorKind::InvalidInput,
                format!("ends[{i}]"),
                "ends must rise and stay within codes",
            ));
        };
        let q = table.check(date, slice).map_err(|e| {
            let f = format!("meetings[{i}].{}", e.field());
            e.at(f)
        })?;
        out.push(q);
        start = end;
    }
    Ok(out)
}

/// [`coded`] with each meeting's date given as a day number (days since
/// 1970-01-01, as JavaScript's `Date.UTC(y, m - 1, d) / 864e5` gives it),
/// answering in columns: what the WebAssembly package's typed arrays hold.
///
/// Errors: those of [`coded`], a date's named `days` rather than `dates`;
/// `date_out_of_range` at `days[i]` for a day number no date has.
///
/// ```
/// use kcsp_core::{quorum, Context};
/// let ids = ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"];
/// // 14 July 2022 is day 19187.
/// let q = quorum::coded_days(Context::kent(), "kcsp", &ids, &[0, 1, 2, 3, 0], &[4, 5], &[19187, 19187]).unwrap();
/// assert_eq!((q.quorate, q.count, q.required), (vec![1, 0], vec![4, 1], vec![4, 4]));
/// let e = quorum::coded_days(Context::kent(), "kcsp", &ids, &[0], &[1], &[i32::MAX]).unwrap_err();
/// assert_eq!((e.code(), e.field()), ("date_out_of_range", "days[0]"));
/// ```
pub fn coded_days(
    ctx: &Context,
    body: &str,
    organisations: &[&str],
    codes: &[u16],
    ends: &[u32],
    days: &[i32],
) -> Result<CodedColumns> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    // A register repeats its dates: each day number's date is kept in a
    // small table by its low bits, so most are converted once.
    let mut seen: [Option<(i32, NaiveDate)>; 64] = [None; 64];
    let mut dates = Vec::with_capacity(days.len());
    for (i, &day) in days.iter().enumerate() {
        let slot = seen.get_mut((day & 63) as usize);
        let date = match slot {
            Some(Some((d, date))) if *d == day => *date,
            slot => {
                let date = epoch
                    .checked_add_signed(chrono::Duration::days(i64::from(day)))
                    .ok_or_else(|| {
                        Error::new(
                            ErrorKind::DateOutOfRange,
                            format!("days[{i}]"),
                            "the day number is out of range",
                        )
                    })?;
                if let Some(slot) = slot {
                    *slot = Some((day, date));
                }
                date
            }
        };
        dates.push(date);
    }
    let meetings = coded(ctx, body, organisations, codes, ends, &dates).map_err(|e| {
        let f = e.field().replace("dates", "days");
        e.at(f)
    })?;
    Ok(CodedColumns {
        quorate: meetings.iter().map(|q| u8::from(q.quorate)).collect(),
        count: meetings.iter().map(|q| q.count).collect(),
        required: meetings.iter().map(|q| q.required).collect(),
    })
}

/// The answers of [`coded_days`], one entry per meeting in each column.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct CodedColumns {
    /// 1 where the meeting was quorate, else 0.
    pub quorate: Vec<u8>,
    /// Distinct seats (or organisations) represented.
    pub count: Vec<u32>,
    /// How many were needed.
    pub required: Vec<u32>,
}

/// A meeting's quorum from [`coded`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CodedQuorum {
    /// Whether it was quorate.
    pub quorate: bool,
    /// Distinct seats (or organisations) represented.
    pub count: u32,
    /// How many were needed.
    pub required: u32,
    /// Why, in a sentence (the same as [`check`] gives).
    pub reason: Arc<str>,
}

crate::definitions::explain::results!(QuorumResult);
crate::definitions::explain::explained!(QuorumBatch<'_>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::dates::parse_date;

    #[test]
    fn same_agrees_with_string_equality_at_every_length_and_position() {
        for n in 0..40 {
            let a: String = (0..n).map(|k| char::from(b'a' + (k % 26) as u8)).collect();
            assert!(same(&a, &a.clone()), "{n}");
            for at in 0..n {
                let mut b = a.clone().into_bytes();
                b[at] = b'_';
                let b = String::from_utf8(b).unwrap();
                assert!(!same(&a, &b), "{n} {at}");
            }
            assert!(!same(&a, &format!("{a}x")), "{n}");
        }
    }

    #[test]
    fn a_meeting_that_comes_back_later_is_one_meeting() {
        let kent = Context::kent();
        let d = parse_date("date", "2022-07-14").unwrap();
        let ids: Vec<String> = (0..3000).map(|m| format!("m{m}")).collect();
        let orgs = [
            "kent_police",
            "kent_county_council",
            "office_of_the_pcc",
            "kent_fire_and_rescue",
        ];
        // Each meeting's four rows are spread over the register: the table of
        // meetings grows (and rehashes) many times between a meeting's rows.
        let rows = orgs.iter().flat_map(|o| {
            ids.iter().map(move |m| Attendance {
                meeting: m,
                date: d,
                organisation: o,
            })
        });
        let b = batch(kent, "kcsp", rows).unwrap();
        assert_eq!(b.meetings.len(), 3000);
        assert!(b
            .meetings
            .iter()
            .all(|q| q.quorate && q.count == 4 && q.error.is_none()));
        assert_eq!(b.meetings[2999].meeting, "m2999");
        assert_eq!(b.meetings[2999].first_row, 2999);
    }

    fn d(s: &str) -> NaiveDate {
        parse_date("d", s).unwrap()
    }

    #[test]
    fn three_seats_many_people_is_not_quorate() {
        let kent = Context::kent();
        let r = check(
            kent,
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
        assert_eq!(r.not_counted, ["guest", "local_csp_chair", "violence_reduction_unit"]);
        assert!(r.explanation.reason.starts_with("Not quorate"));
    }

    #[test]
    fn dhr_steering_group_counts_distinct_organisations() {
        let kent = Context::kent();
        let r = check(
            kent,
            "dhr_steering_group",
            d("2022-10-05"),
            &["kent_police", "medway_council", "kent_police", "guest", "a_trust"],
        )
        .unwrap();
        assert_eq!(r.count, 3);
        assert!(!r.quorate);
        assert!(r.missing.is_empty());
        let r = check(
            kent,
            "dhr_steering_group",
            d("2022-10-05"),
            &["kent_police", "medway_council", "a_trust", "kent_county_council"],
        )
        .unwrap();
        assert!(r.quorate);
        // a listed organisation that no longer existed is still an error
        let e = check(kent, "dhr_steering_group", d("2023-10-05"), &["kent_and_medway_ccg"]).unwrap_err();
        assert_eq!(e.code(), "organisation_not_current");
        let e = check(kent, "dhr_steering_group", d("2023-10-05"), &["Medway Council"]).unwrap_err();
        assert_eq!(e.code(), "unknown_organisation");
    }

    #[test]
    fn working_group_uses_the_same_seats() {
        let kent = Context::kent();
        let r = check(
            kent,
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
        let mut p = Context::kent().partnership().clone();
        p.bodies[0].terms[0].quorum.required = Some(5);
        let four = [
            "kent_county_council",
            "kent_police",
            "office_of_the_pcc",
            "kent_fire_and_rescue",
        ];
        let ctx = Context::kent().clone().with_partnership(p);
        assert!(!check(&ctx, "kcsp", d("2022-07-14"), &four).unwrap().quorate);
        assert!(check(Context::kent(), "kcsp", d("2022-07-14"), &four).unwrap().quorate);
    }

    #[test]
    fn batch_matches_single_checks() {
        let kent = Context::kent();
        let orgs = [
            "kent_police",
            "kent_county_council",
            "office_of_the_pcc",
            "guest",
            "nhs_kent_and_medway",
            "kent_fire_and_rescue",
            "violence_reduction_unit",
            "probation_service",
        ];
        let mut rows = Vec::new();
        let mut by_meeting: Vec<(String, NaiveDate, Vec<&str>)> = Vec::new();
        for m in 0..40usize {
            let date = d("2023-01-02") + chrono::Duration::days(m as i64 * 9);
            let present: Vec<&str> = orgs
                .iter()
                .enumerate()
                .filter(|(k, _)| (m * 7 + k * 3) % 5 < 2 + m % 3)
                .map(|(_, o)| *o)
                .collect();
            by_meeting.push((format!("m{m}"), date, present));
        }
        let ids: Vec<String> = by_meeting.iter().map(|(m, _, _)| m.clone()).collect();
        for round in 0..3 {
            for (k, (_, date, present)) in by_meeting.iter().enumerate() {
                if let Some(o) = present.get(round) {
                    rows.push(Attendance {
                        meeting: &ids[k],
                        date: *date,
                        organisation: o,
                    });
                }
            }
        }
        for (k, (_, date, present)) in by_meeting.iter().enumerate() {
            for o in present.iter().skip(3) {
                rows.push(Attendance {
                    meeting: &ids[k],
                    date: *date,
                    organisation: o,
                });
            }
        }
        let b = batch(kent, "kcsp", rows.iter().copied()).unwrap();
        assert_eq!(
            b.meetings.len(),
            by_meeting.iter().filter(|(_, _, p)| !p.is_empty()).count()
        );
        for mq in &b.meetings {
            let (_, date, present) = by_meeting.iter().find(|(m, _, _)| m == mq.meeting).unwrap();
            let single = check(kent, "kcsp", *date, present).unwrap();
            assert_eq!(
                (mq.quorate, mq.count, &mq.represented, &mq.missing),
                (
                    single.quorate,
                    single.count,
                    &single.represented.iter().map(String::as_str).collect::<Vec<_>>(),
                    &single.missing.iter().map(String::as_str).collect::<Vec<_>>()
                ),
                "{}",
                mq.meeting
            );
        }
    }

    /// Every field of every meeting of a batch is what a single check
    /// gives for the same attendees.
    fn assert_batch_agrees(ctx: &Context, body: &str, meetings: &[(NaiveDate, Vec<&str>)]) {
        let ids: Vec<String> = (0..meetings.len()).map(|k| format!("m{k}")).collect();
        let rows: Vec<Attendance> = meetings
            .iter()
            .zip(&ids)
            .flat_map(|((date, present), id)| {
                present.iter().map(move |o| Attendance {
                    meeting: id,
                    date: *date,
                    organisation: o,
                })
            })
            .collect();
        let b = batch(ctx, body, rows.iter().copied()).unwrap();
        assert_eq!(b.meetings.len(), meetings.len());
        for (mq, (date, present)) in b.meetings.iter().zip(meetings) {
            let single = check(ctx, body, *date, present).unwrap();
            fn strs<S: AsRef<str>>(v: &[S]) -> Vec<&str> {
                v.iter().map(AsRef::as_ref).collect()
            }
            assert_eq!(
                (mq.quorate, mq.count, mq.required, &mq.conditions, &*mq.reason),
                (
                    single.quorate,
                    single.count,
                    single.required,
                    &single.conditions,
                    single.explanation.reason.as_str()
                ),
                "{} on {date}",
                mq.meeting
            );
            assert_eq!(mq.represented, strs(&single.represented), "{}", mq.meeting);
            assert_eq!(mq.missing, strs(&single.missing), "{}", mq.meeting);
            assert_eq!(mq.not_counted, strs(&single.not_counted), "{}", mq.meeting);
        }
    }

    #[test]
    fn a_verdict_repeated_in_a_batch_follows_the_seats_held_and_the_people_present() {
        // Health's seat unfilled from July to December 2022: the same four
        // seats represented are 4 of 6 seats then, 4 of 7 after.
        let mut p = Context::kent().partnership().clone();
        for b in p.bodies.iter_mut().filter(|b| b.id.as_str() == "kcsp") {
            for t in b.seats.iter_mut().flat_map(|s| s.holders.iter_mut()) {
                if t.organisation.as_str() == "nhs_kent_and_medway" {
                    t.from = Some(d("2023-01-01"));
                }
            }
        }
        let ctx = Context::kent().clone().with_partnership(p.clone());
        let four = vec![
            "kent_police",
            "kent_county_council",
            "kent_police",
            "office_of_the_pcc",
            "kent_fire_and_rescue",
            "violence_reduction_unit",
        ];
        let mut three = four.clone();
        three.retain(|o| *o != "office_of_the_pcc");
        let meetings = vec![
            (d("2022-09-01"), four.clone()),
            (d("2023-02-01"), four.clone()),
            (d("2022-10-01"), four.clone()),
            (d("2023-03-01"), three.clone()),
            (d("2023-04-01"), four.clone()),
            (d("2022-11-01"), three.clone()),
        ];
        assert_batch_agrees(&ctx, "kcsp", &meetings);
        // The same register counted in people: a second person from one
        // organisation counts, so repeats are not skipped.
        for b in p.bodies.iter_mut().filter(|b| b.id.as_str() == "kcsp") {
            for t in &mut b.terms {
                t.quorum.basis = Some(QuorumBasis::People);
                t.quorum.required = Some(5);
            }
        }
        let ctx = Context::kent().clone().with_partnership(p);
        assert_batch_agrees(&ctx, "kcsp", &meetings);
        let b = batch(
            &ctx,
            "kcsp",
            four.iter().map(|o| Attendance {
                meeting: "m",
                date: d("2023-02-01"),
                organisation: o,
            }),
        )
        .unwrap();
        // Two from the police, one each from three other seats and one from
        // the Violence Reduction Unit (a participant, so a member here).
        assert_eq!((b.meetings[0].count, b.meetings[0].quorate), (6, true));
    }

    #[test]
    fn batch_errors_name_the_row_and_keep_every_meeting() {
        let kent = Context::kent();
        let d1 = d("2023-01-02");
        let err = |rows: &[Attendance], body: &str| -> Option<(String, String)> {
            let b = batch(kent, body, rows.iter().copied()).unwrap();
            b.meetings[0]
                .error
                .as_ref()
                .map(|e| (e.code().to_string(), e.field().to_string()))
        };
        let att = |meeting, date, organisation| Attendance {
            meeting,
            date,
            organisation,
        };
        // A bad row spoils its meeting only: meeting b after it is judged.
        let rows = [
            att("a", d1, "kent_police"),
            att("a", d1, "kent_and_medway_ccg"),
            att("b", d1, "kent_police"),
        ];
        let b = batch(kent, "kcsp", rows.iter().copied()).unwrap();
        assert_eq!(b.meetings.len(), 2);
        let e = b.meetings[0].error.as_ref().unwrap();
        assert_eq!(
            (e.code(), e.field()),
            ("organisation_not_current", "rows[1].organisation")
        );
        assert_eq!((b.meetings[0].quorate, b.meetings[0].count), (false, 0));
        assert!(b.meetings[1].error.is_none());
        assert_eq!(b.meetings[1].count, 1);
        let rows = [att("a", d1, "kent_police"), att("a", d("2023-01-03"), "kent_police")];
        assert_eq!(err(&rows, "kcsp").unwrap().1, "rows[1].date");
        let rows = [att("a", d1, "Kent Police")];
        assert_eq!(err(&rows, "dhr_steering_group").unwrap().0, "unknown_organisation");
        let rows = [att("a", d1, "medway_council")];
        assert_eq!(err(&rows, "kcsp").unwrap().0, "unknown_organisation");
        assert_eq!(err(&rows, "dhr_steering_group"), None);
        assert_eq!(
            batch(kent, "dhr_steering_group", rows.iter().copied())
                .unwrap()
                .meetings[0]
                .count,
            1
        );
        // The body is the only thing that fails the whole batch.
        assert_eq!(
            batch(kent, "no_such_body", rows.iter().copied()).unwrap_err().code(),
            "unknown_body"
        );
    }

    #[test]
    fn code_table_matches_check() {
        let kent = Context::kent();
        let ids = [
            "kent_police",
            "kent_county_council",
            "office_of_the_pcc",
            "nhs_kent_and_medway",
            "kent_and_medway_ccg",
            "guest",
            "kent_fire_and_rescue",
            "violence_reduction_unit",
        ];
        let table = CodeTable::new(kent, "kcsp", &ids).unwrap();
        for (date, codes) in [
            ("2022-07-14", vec![0u16, 1, 2, 3]),
            ("2022-06-30", vec![4, 0, 1, 2]),
            ("2023-01-01", vec![5, 6, 7, 0, 0]),
            ("2023-01-01", vec![]),
        ] {
            let present: Vec<&str> = codes.iter().map(|c| ids[*c as usize]).collect();
            let single = check(kent, "kcsp", d(date), &present).unwrap();
            let q = table.check(d(date), &codes).unwrap();
            assert_eq!(
                (q.quorate, q.count, q.required),
                (single.quorate, single.count, single.required),
                "{date}"
            );
        }
        let e = table.check(d("2022-07-14"), &[4]).unwrap_err();
        assert_eq!((e.code(), e.field()), ("organisation_not_current", "codes[0]"));
        assert_eq!(table.check(d("2022-07-14"), &[99]).unwrap_err().code(), "invalid_input");
        assert_eq!(
            CodeTable::new(kent, "kcsp", &["Kent"]).err().map(|e| e.code()),
            Some("unknown_organisation")
        );
        let dhr = CodeTable::new(kent, "dhr_steering_group", &["a_trust", "b_trust", "a_trust", "guest"]).unwrap();
        assert_eq!(dhr.check(d("2023-01-01"), &[0, 1, 2, 3]).unwrap().count, 2);
        let day = d("2022-07-14");
        let e = coded(kent, "kcsp", &ids, &[0, 1, 4], &[2, 3], &[day, day]).unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            ("organisation_not_current", "meetings[1].codes[0]")
        );
        assert_eq!(
            coded(kent, "kcsp", &ids, &[0], &[2], &[day]).unwrap_err().field(),
            "ends[0]"
        );
        assert_eq!(coded(kent, "kcsp", &ids, &[0], &[1], &[]).unwrap_err().field(), "dates");
    }

    #[test]
    fn unknown_body() {
        let e = check::<&str>(Context::kent(), "cabinet", d("2022-07-14"), &[]).unwrap_err();
        assert_eq!(e.code(), "unknown_body");
        assert_eq!(e.field(), "body");
    }
}

#[cfg(feature = "python")]
crate::base::python::class!(ConditionResult);
