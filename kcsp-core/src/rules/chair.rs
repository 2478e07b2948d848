//! Chair and vice-chair: removal votes and terms of office.
//!
//! Removal (for Kent, KCSP ToR §6): only by a vote at a KCSP meeting in which more
//! than half of the responsible authorities decide for removal. Readings:
//! one vote per seat; the threshold is counted against **all** seats of the
//! body on the meeting date (seven, so four votes), not against those present
//! (choose the other reading by setting the body's
//! [`RemovalRule::basis`](crate::partnership::RemovalRule) to
//! [`MajorityBasis::SeatsPresent`]); the meeting must be quorate; a vote from
//! an organisation without a seat, from a seat not represented at the
//! meeting, or a second vote from one seat, is an input error.
//!
//! Terms (WG ToR §6; DHR SG ToR, Chair): elected chairs are revisited every
//! two years; the next election or review is due two years after the last
//! (month ends clamped) and is overdue after that date. The KCSP Chair is ex
//! officio and has no term.

use crate::base::dates::{add_months, long, months as in_months};
use crate::base::error::{Error, ErrorKind, Result};
use crate::base::id::{BodyId, OrgId, SeatId};
use crate::definitions::context::Context;
use crate::definitions::explain::Explanation;
use crate::definitions::partnership::{cite_or_default, ChairRule, MajorityBasis};
use crate::rules::quorum::{self, QuorumResult};
use crate::rules::review::due;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The id of the `chair_removal` rule: its entry in the registry, its explanations' `rule`.
pub const REMOVAL_ID: &str = "chair_removal";
/// The id of the `chair_term` rule: its entry in the registry, its explanations' `rule`.
pub const TERM_ID: &str = "chair_term";

crate::base::input::enumeration! {
    /// An office that a removal vote concerns (`unknown_office` for any
    /// other text).
    ///
    /// ```
    /// use kcsp_core::chair::Office;
    /// assert_eq!(Office::parse("office", "vice_chair").unwrap(), Office::ViceChair);
    /// let e = Office::parse("office", "treasurer").unwrap_err();
    /// assert_eq!((e.code(), e.details()["allowed"].as_str()), ("unknown_office", "chair, vice_chair"));
    /// ```
    pub enum Office (UnknownOffice, "an office") {
        /// The Chair.
        Chair = "chair",
        /// The Vice-Chair.
        ViceChair = "vice_chair",
    }
}

crate::base::input::input! {
    /// The input of the `chair_removal` rule ([`removal_vote`]).
    pub struct RemovalInput {
        /// The body (the partnership's principal body when absent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "BodyId | null"))]
        pub body: Option<BodyId>,
        /// The meeting date.
        #[serde(with = "crate::base::dates::iso")]
        pub date: NaiveDate,
        /// The office.
        pub office: Office,
        /// The organisations of the people present.
        pub present: Vec<OrgId>,
        /// The organisations voting for removal.
        pub votes_for: Vec<OrgId>,
    }
}

crate::base::input::input! {
    /// The input of the `chair_term` rule ([`term_status`]).
    pub struct TermInput {
        /// The body.
        pub body: BodyId,
        /// The dates the chair was elected (any order; not needed, and
        /// ignored, for a chair that rotates).
        #[serde(with = "crate::base::dates::iso_list", skip_serializing_if = "Vec::is_empty")]
        pub elected: Vec<NaiveDate> = default,
        /// The date to evaluate for.
        #[serde(with = "crate::base::dates::iso")]
        pub as_of: NaiveDate,
    }
}

/// The outcome of a removal vote.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RemovalResult {
    /// The office.
    pub office: Office,
    /// Whether the holder is removed.
    pub removed: bool,
    /// Distinct seats voting for removal.
    pub votes_for: u32,
    /// Votes needed (strictly more than the fraction of `seats`).
    pub required: u32,
    /// The seats the majority is counted against.
    pub seats: u32,
    /// The counting basis used.
    pub basis: MajorityBasis,
    /// The seats that voted for removal, sorted.
    pub voting_seats: Vec<SeatId>,
    /// The meeting's quorum.
    pub quorum: QuorumResult,
    /// Which clause applied and why.
    pub explanation: Explanation,
}

/// Decides a vote to remove the chair or vice-chair of `body` at a meeting
/// on `date` attended by `present`, with `votes_for` the organisations voting
/// for removal.
///
/// Errors: `no_removal_rule`; `inquorate_meeting`;
/// `vote_without_seat`, `voter_not_present`, `duplicate_vote` (field
/// `votes_for[i]`); and the quorum errors.
///
/// ```
/// use kcsp_core::{chair, Context};
/// use chrono::NaiveDate;
/// let kent = Context::kent();
/// let date = NaiveDate::from_ymd_opt(2023, 11, 16).unwrap();
/// let present = ["kent_county_council", "kent_police", "office_of_the_pcc",
///                "kent_fire_and_rescue", "probation_service"];
/// let r = chair::removal_vote(kent, "kcsp", date, chair::Office::Chair, &present,
///     &["kent_police", "office_of_the_pcc", "kent_fire_and_rescue"]).unwrap();
/// assert!(!r.removed); // three of five present, but not more than half of seven
/// assert_eq!((r.votes_for, r.required, r.seats), (3, 4, 7));
/// ```
pub fn removal_vote<S: AsRef<str>, T: AsRef<str>>(
    ctx: &Context,
    body: &str,
    date: NaiveDate,
    office: Office,
    present: &[S],
    votes_for: &[T],
) -> Result<RemovalResult> {
    let partnership = ctx.partnership();
    let body_def = partnership.body(body)?;
    let terms = body_def.terms_on(date)?;
    let Some(rule) = &terms.removal else {
        return Err(Error::new(
            ErrorKind::NoRemovalRule,
            "body",
            format!(
                "the terms of reference of the {} provide no removal vote",
                body_def.name
            ),
        ));
    };
    let quorum = quorum::check(ctx, body, date, present)?;
    if !quorum.quorate {
        return Err(Error::new(
            ErrorKind::InquorateMeeting,
            "present",
            format!("a removal vote needs a quorate meeting. {}", quorum.explanation.reason),
        )
        .with("count", quorum.count.to_string())
        .with("required", quorum.required.to_string()));
    }
    let mut voted: BTreeSet<SeatId> = BTreeSet::new();
    for (i, v) in votes_for.iter().enumerate() {
        let field = format!("votes_for[{i}]");
        let a = partnership.resolve(&field, v.as_ref(), date, false)?;
        let Some(seat) = body_def.seat_of(a.id.as_str(), date) else {
            return Err(partnership.naming(
                Error::new(
                    ErrorKind::VoteWithoutSeat,
                    field,
                    format!("'{}' holds no seat on the {} and cannot vote", a.id, body_def.name),
                ),
                a.id.as_str(),
            ));
        };
        if !quorum.represented.iter().any(|s| *s == seat.id.as_str()) {
            return Err(partnership.naming(
                Error::new(
                    ErrorKind::VoterNotPresent,
                    field,
                    format!("the {} seat is not represented at the meeting", seat.id),
                ),
                a.id.as_str(),
            ));
        }
        if !voted.insert(seat.id.clone()) {
            return Err(partnership.naming(
                Error::new(
                    ErrorKind::DuplicateVote,
                    field,
                    format!("the {} seat has already voted", seat.id),
                ),
                a.id.as_str(),
            ));
        }
    }
    let seats = match rule.basis {
        MajorityBasis::AllSeats => body_def.seats_on(date).len(),
        MajorityBasis::SeatsPresent => quorum.represented.len(),
    };
    let seats = u32::try_from(seats).unwrap_or(u32::MAX);
    let required = rule.required(seats);
    let votes = u32::try_from(voted.len()).unwrap_or(u32::MAX);
    let removed = votes >= required;
    let against = match rule.basis {
        MajorityBasis::AllSeats => "all",
        MajorityBasis::SeatsPresent => "the present",
    };
    let reason = format!(
        "{}: {votes} seat(s) voted for removing the {}; more than {}/{} of {against} {seats} seats means at least {required}.",
        if removed { "Removed" } else { "Not removed" },
        office.as_str().replace('_', "-"),
        rule.numerator,
        rule.denominator,
    );
    let citations = cite_or_default(&rule.citation, partnership, body_def, terms, || {
        format!(
            "The chair or vice-chair is removed by a vote of more than {}/{} of {}.",
            rule.numerator,
            rule.denominator,
            match rule.basis {
                MajorityBasis::AllSeats => "all the body's seats",
                MajorityBasis::SeatsPresent => "the seats represented at the meeting",
            }
        )
    });
    let reading = match rule.basis {
        MajorityBasis::AllSeats => "One vote per seat; the majority is of all seats of the body on the date, not of those present; the meeting must be quorate.",
        MajorityBasis::SeatsPresent => "One vote per seat; the majority is of the seats represented at the meeting; the meeting must be quorate.",
    };
    let explanation = Explanation::new(REMOVAL_ID, reason)
        .reading(reading)
        .cite_all(&citations)
        .cite_all(&quorum.explanation.citations)
        .figure("votes_for", votes)
        .figure("required", required)
        .figure("seats", seats);
    Ok(RemovalResult {
        office,
        removed,
        votes_for: votes,
        required,
        seats,
        basis: rule.basis,
        voting_seats: voted.into_iter().collect(),
        quorum,
        explanation,
    })
}

/// When a body's chair is next due for election or review, or, for a
/// chair that rotates, whose turn it is and when the turn passes.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TermStatus {
    /// The body.
    pub body: BodyId,
    /// An elected chair: the latest election (`null` for a rotating chair).
    pub last_elected: Option<NaiveDate>,
    /// A rotating chair: the organisation whose turn it is (`null` for an elected chair).
    pub holder: Option<OrgId>,
    /// The first day of the current term: the latest election, or the
    /// start of the current turn.
    pub term_started: NaiveDate,
    /// When the next election (or review) is due, or when the turn passes.
    pub next_due: NaiveDate,
    /// Whether it is overdue on the as-of date.
    pub overdue: bool,
    /// Days from the as-of date to the due date (negative when overdue).
    pub days_until_due: i64,
    /// The term applied.
    pub term_months: u32,
    /// Which clause applied and why.
    pub explanation: Explanation,
}

/// The chair-term status of `body` as of `as_of`, given its election dates.
///
/// Readings: an elected chair is next due a full term after the latest
/// election (month ends clamped), and overdue after that date. A rotating
/// chair passes to the next organisation of its list, in order and round
/// again, every term from the rotation's first day, each step counted from
/// that day (so 31 August plus six months is 28 February, then 31 August
/// again); the election dates are not needed and are ignored; it is never
/// overdue.
///
/// Errors: `no_fixed_term` (an ex officio chair, or an elected one whose
/// terms state no term, before any check of `elected`); `no_approvals`;
/// `approval_after_as_of` (field `elected[i]`); `no_rules_in_force` (also
/// before a rotation's first day); `unknown_body`.
///
/// ```
/// use kcsp_core::{chair, Context};
/// use chrono::NaiveDate;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// let kent = Context::kent();
/// let t = chair::term_status(kent, "working_group", &[d(2022, 4, 25)], d(2024, 4, 29)).unwrap();
/// assert_eq!(t.next_due, d(2024, 4, 25));
/// assert_eq!(t.days_until_due, -4);
/// assert_eq!(chair::term_status(kent, "kcsp", &[d(2022, 4, 25)], d(2024, 4, 29)).unwrap_err().code(), "no_fixed_term");
/// ```
pub fn term_status(ctx: &Context, body: &str, elected: &[NaiveDate], as_of: NaiveDate) -> Result<TermStatus> {
    let partnership = ctx.partnership();
    let body_def = partnership.body(body)?;
    let terms = body_def.terms_on(as_of)?;
    let no_term = |post: &str, citation: &crate::definitions::partnership::Citations| {
        let cited = cite_or_default(citation, partnership, body_def, terms, || format!("The chair {post}."));
        let cited: Vec<String> = cited.iter().map(ToString::to_string).collect();
        Error::new(
            ErrorKind::NoFixedTerm,
            "body",
            format!("the chair of the {} {post}, so no election is due", body_def.name),
        )
        .with("citation", cited.join("; "))
    };
    let (term_months, citation) = match &terms.chair {
        ChairRule::ExOfficio { holder, citation } => {
            return Err(no_term(&format!("is ex officio ({holder}) and has no term"), citation));
        }
        ChairRule::Elected {
            term_months: None,
            citation,
        } => return Err(no_term("is elected, and the terms state no term of office", citation)),
        ChairRule::Elected {
            term_months: Some(term_months),
            citation,
        } => (
            *term_months,
            cite_or_default(citation, partnership, body_def, terms, || {
                format!("The chair is elected for a term of {}.", in_months(*term_months))
            }),
        ),
        ChairRule::Rotating {
            among,
            term_months,
            from,
            citation,
        } => return rotation(ctx, body_def, terms, (among, *term_months, *from, citation), as_of),
    };
    let due = due("elected", elected, as_of, term_months)?;
    let reason = if due.overdue {
        format!(
            "Overdue: elected {}, the next election was due by {}.",
            long(due.last),
            long(due.next_due)
        )
    } else {
        format!(
            "Current: elected {}, the next election is due by {}.",
            long(due.last),
            long(due.next_due)
        )
    };
    Ok(TermStatus {
        body: body_def.id.clone(),
        last_elected: Some(due.last),
        holder: None,
        term_started: due.last,
        next_due: due.next_due,
        overdue: due.overdue,
        days_until_due: due.days_until_due,
        term_months,
        explanation: Explanation::new(TERM_ID, reason)
            .reading("The next election or review is due a full term after the latest one, month ends clamped.")
            .cite_all(&citation)
            .figure("last_elected", due.last)
            .figure("term_months", term_months)
            .figure("next_due", due.next_due),
    })
}

/// A rotating chair's turn on `as_of`.
fn rotation(
    ctx: &Context,
    body: &crate::definitions::partnership::Body,
    terms: &crate::definitions::partnership::Terms,
    (among, months, from, citation): (&[OrgId], u32, NaiveDate, &crate::definitions::partnership::Citations),
    as_of: NaiveDate,
) -> Result<TermStatus> {
    use chrono::Datelike;
    let partnership = ctx.partnership();
    if as_of < from || among.is_empty() || months == 0 {
        return Err(Error::new(
            ErrorKind::NoRulesInForce,
            "as_of",
            format!("the chair of the {} rotates from {from}, after {as_of}", body.name),
        ));
    }
    let start = |k: u64| -> Result<NaiveDate> {
        let m = u32::try_from(k.saturating_mul(u64::from(months))).unwrap_or(u32::MAX);
        add_months("as_of", from, m)
    };
    // The whole months from `from` to `as_of`, then the step that covers it.
    let elapsed = (as_of.year() - from.year()) * 12 + as_of.month() as i32 - from.month() as i32;
    let mut k = u64::try_from(elapsed.max(0)).unwrap_or(0) / u64::from(months);
    while k > 0 && start(k)? > as_of {
        k -= 1;
    }
    while start(k + 1)? <= as_of {
        k += 1;
    }
    let term_started = start(k)?;
    let next_due = start(k + 1)?;
    let turn = usize::try_from(k % among.len() as u64).unwrap_or(0);
    let (Some(holder), Some(next)) = (among.get(turn), among.get((turn + 1) % among.len())) else {
        return Err(Error::new(
            ErrorKind::NoRulesInForce,
            "as_of",
            "the rotation lists nobody",
        ));
    };
    let (holder, next) = (holder.clone(), next.clone());
    let name = |id: &OrgId| {
        partnership
            .organisation(id.as_str())
            .map_or(id.to_string(), |o| o.name.clone())
    };
    let days_until_due = crate::base::dates::days_between(as_of, next_due);
    let reason = format!(
        "{} chairs the {} from {}; the chair passes to {} on {}.",
        name(&holder),
        body.name,
        long(term_started),
        name(&next),
        long(next_due)
    );
    let names: Vec<String> = among.iter().map(name).collect();
    let citations = cite_or_default(citation, partnership, body, terms, || {
        format!(
            "The chair rotates every {} from {} between {}, in that order.",
            in_months(months),
            long(from),
            names.join(", ")
        )
    });
    Ok(TermStatus {
        body: body.id.clone(),
        last_elected: None,
        holder: Some(holder.clone()),
        term_started,
        next_due,
        overdue: false,
        days_until_due,
        term_months: months,
        explanation: Explanation::new(TERM_ID, reason)
            .reading("The chair passes to the next organisation of the list, in order and round again, every term counted from the rotation's first day (month ends clamped); election dates are not needed.")
            .cite_all(&citations)
            .figure("holder", holder)
            .figure("term_started", term_started)
            .figure("term_months", months)
            .figure("next_due", next_due),
    })
}

crate::definitions::explain::results!(RemovalResult, TermStatus);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::dates::parse_date;

    const FIVE: [&str; 5] = [
        "kent_county_council",
        "kent_police",
        "office_of_the_pcc",
        "kent_fire_and_rescue",
        "probation_service",
    ];

    fn d(s: &str) -> NaiveDate {
        parse_date("d", s).unwrap()
    }

    fn vote(present: &[&str], votes: &[&str]) -> Result<RemovalResult> {
        removal_vote(
            Context::kent(),
            "kcsp",
            d("2023-11-16"),
            Office::ViceChair,
            present,
            votes,
        )
    }

    #[test]
    fn four_of_seven_removes() {
        let r = vote(
            &FIVE,
            &[
                "kent_police",
                "office_of_the_pcc",
                "kent_fire_and_rescue",
                "probation_service",
            ],
        )
        .unwrap();
        assert!(r.removed);
        assert_eq!((r.votes_for, r.required, r.seats), (4, 4, 7));
    }

    #[test]
    fn vote_errors() {
        assert_eq!(
            vote(&FIVE, &["kent_police", "kent_police"]).unwrap_err().code(),
            "duplicate_vote"
        );
        let e = vote(&FIVE, &["kent_police", "district_borough_councils"]).unwrap_err();
        assert_eq!(e.code(), "voter_not_present");
        assert_eq!(e.field(), "votes_for[1]");
        assert_eq!(vote(&FIVE, &["guest"]).unwrap_err().code(), "vote_without_seat");
        assert_eq!(vote(&FIVE, &["kent_polis"]).unwrap_err().code(), "unknown_organisation");
        assert_eq!(
            vote(&FIVE[..3], &["kent_police"]).unwrap_err().code(),
            "inquorate_meeting"
        );
        let e = crate::boundary::json::evaluate(
            "chair_removal",
            &serde_json::json!({"date": "2023-11-16", "office": "president", "present": FIVE, "votes_for": ["kent_police"]}),
        )
        .unwrap_err();
        assert_eq!((e.code(), e.field()), ("unknown_office", "office"));
        let e = removal_vote(
            Context::kent(),
            "working_group",
            d("2023-11-16"),
            Office::Chair,
            &FIVE,
            &["kent_police"],
        )
        .unwrap_err();
        assert_eq!(e.code(), "no_removal_rule");
    }

    #[test]
    fn the_other_reading_counts_seats_present() {
        let mut p = Context::kent().partnership().clone();
        if let Some(r) = p.bodies[0].terms[0].removal.as_mut() {
            r.basis = MajorityBasis::SeatsPresent;
        }
        let r = removal_vote(
            &Context::kent().clone().with_partnership(p),
            "kcsp",
            d("2023-11-16"),
            Office::Chair,
            &FIVE,
            &["kent_police", "office_of_the_pcc", "kent_fire_and_rescue"],
        )
        .unwrap();
        assert!(r.removed);
        assert_eq!((r.votes_for, r.required, r.seats), (3, 3, 5));
    }

    #[test]
    fn even_seat_counts_need_more_than_half() {
        // Six seats: more than half is four, not three.
        let mut p = Context::kent().partnership().clone();
        p.bodies[0].seats.retain(|s| s.id != "probation_service");
        let r = removal_vote(
            &Context::kent().clone().with_partnership(p),
            "kcsp",
            d("2023-11-16"),
            Office::Chair,
            &FIVE[..4],
            &FIVE[..3],
        )
        .unwrap();
        assert_eq!((r.required, r.seats), (4, 6));
        assert!(!r.removed);
    }

    #[test]
    fn dhr_chair_term_and_month_end() {
        let k = Context::kent();
        let t = term_status(
            k,
            "dhr_steering_group",
            &[d("2022-02-28"), d("2020-08-31")],
            d("2024-02-28"),
        )
        .unwrap();
        assert_eq!(t.next_due, d("2024-02-28"));
        assert!(!t.overdue);
        assert_eq!(t.days_until_due, 0);
        let t = term_status(k, "working_group", &[d("2022-02-28")], d("2024-02-29")).unwrap();
        assert!(t.overdue);
        assert_eq!(
            term_status(k, "working_group", &[], d("2024-02-29"))
                .unwrap_err()
                .code(),
            "no_approvals"
        );
    }
}
