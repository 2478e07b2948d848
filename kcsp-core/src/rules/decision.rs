//! Decisions: whether a motion put to a meeting of a body was carried.
//!
//! The body's terms say who votes and what majority carries a motion
//! ([`DecisionRule`](crate::partnership::DecisionRule)): one vote per seat
//! (the default), per member organisation or per member person present; a
//! majority of the votes cast (the default), of those present, of all the
//! body's voters, or unanimity; and whether the chair has a casting vote on
//! a tie. Readings:
//!
//! - an abstention is no vote: under a majority of the votes cast it does
//!   not count, under a majority of those present or of all it counts as a
//!   vote not given for the motion;
//! - a tie exists only under a majority of the votes cast (votes for equal
//!   votes against, 0-0 included); the chair's casting vote then decides,
//!   when the terms give one and the input says how the chair cast it;
//!   otherwise a tie is not carried;
//! - voters are checked before the quorum: every voter as a present id,
//!   then each of "has a vote", "is present", "votes once on a side",
//!   "votes on one side" over every voter before the next.

use crate::base::error::{Error, ErrorKind, Result};
use crate::base::id::{BodyId, OrgId};
use crate::definitions::context::Context;
use crate::definitions::explain::Explanation;
use crate::definitions::partnership::{cite_or_default, Body, CastingVote, Majority, Voting};
use crate::rules::quorum::{self, QuorumResult};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The id of the `decision` rule: its entry in the registry, its explanations' `rule`.
pub const ID: &str = "decision";

crate::base::input::enumeration! {
    /// A side of a vote: how the chair casts a casting vote (`invalid_input`
    /// for any other text).
    ///
    /// ```
    /// use kcsp_core::decision::Side;
    /// assert_eq!(Side::parse("casting_vote", "for").unwrap(), Side::For);
    /// assert_eq!(Side::parse("casting_vote", "abstain").unwrap_err().code(), "invalid_input");
    /// ```
    pub enum Side (InvalidInput, "a side of the vote") {
        /// For the motion.
        For = "for",
        /// Against the motion.
        Against = "against",
    }
}

crate::base::input::input! {
    /// The input of the `decision` rule ([`decide`]).
    pub struct DecisionInput {
        /// The body (the partnership's principal body when absent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "BodyId | null"))]
        pub body: Option<BodyId>,
        /// The meeting date.
        #[serde(with = "crate::base::dates::iso")]
        pub date: NaiveDate,
        /// The organisations of the people present, repeats allowed.
        pub present: Vec<OrgId>,
        /// The voters for the motion: organisations, or one entry per person
        /// when the body votes by people.
        pub votes_for as "for": Vec<OrgId>,
        /// The voters against the motion, as `for`.
        pub against: Vec<OrgId>,
        /// How the chair would cast a casting vote on a tie, if the terms give one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "Side | null"))]
        pub casting_vote: Option<Side>,
    }
}

/// Whether a motion was carried, and why.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DecisionResult {
    /// The body.
    pub body: BodyId,
    /// The meeting date.
    pub date: NaiveDate,
    /// Whether the motion was carried.
    pub carried: bool,
    /// Votes for (distinct seats or organisations, or people).
    pub votes_for: u32,
    /// Votes against.
    pub votes_against: u32,
    /// The least number of votes for that carries the motion, given the
    /// votes against (`null` when only unanimity carries it).
    pub required: Option<u32>,
    /// Whether the votes were tied (only under a majority of the votes cast).
    pub tie: bool,
    /// Whether the chair's casting vote decided.
    pub casting_vote_used: bool,
    /// Who voted.
    pub voting: Voting,
    /// The majority applied.
    pub majority: Majority,
    /// The meeting's quorum.
    pub quorum: QuorumResult,
    /// Which clause applied and why.
    pub explanation: Explanation,
}

/// A voter's id and its field (`for[2]`).
struct Voter<'a> {
    id: &'a str,
    field: String,
    /// Whether it voted for.
    for_: bool,
    /// The seat it votes by (seat voting).
    seat: Option<&'a str>,
}

/// Decides a motion at a meeting of `body` on `date` attended by `present`,
/// with the voters `votes_for` and `against` and, on a tie, how the chair
/// would cast a casting vote.
///
/// Errors: `no_decision_rule`; the quorum errors (for `present`);
/// `unknown_organisation`, `organisation_not_current` (fields `for[i]`,
/// `against[i]`); then `vote_without_seat`, `voter_not_present`,
/// `duplicate_vote`, `voted_both_ways`, each over every voter before the
/// next; `inquorate_meeting`.
///
/// ```
/// use kcsp_core::{decision, Context, Partnership};
/// use chrono::NaiveDate;
/// let p = Partnership::from_json(r#"{"name": "Northshire CSP",
///   "organisations": [{"id": "police", "name": "Police"}, {"id": "council", "name": "Council"}, {"id": "fire", "name": "Fire"}],
///   "bodies": [{"id": "board", "name": "Board",
///     "participants": [{"organisation": "police"}, {"organisation": "council"}, {"organisation": "fire"}],
///     "terms": [{"quorum": {"basis": "organisations", "required": 2},
///                "chair": {"kind": "elected"},
///                "decisions": {"voting": "organisations", "casting_vote": "chair"}}]}]}"#).unwrap();
/// let ctx = Context::kent().clone().with_partnership(p);
/// let d = NaiveDate::from_ymd_opt(2024, 5, 20).unwrap();
/// let r = decision::decide(&ctx, "board", d, &["police", "council"], &["police"], &["council"], Some(decision::Side::For)).unwrap();
/// assert!(r.tie && r.casting_vote_used && r.carried);
/// ```
pub fn decide<S: AsRef<str>, T: AsRef<str>, U: AsRef<str>>(
    ctx: &Context,
    body: &str,
    date: NaiveDate,
    present: &[S],
    votes_for: &[T],
    against: &[U],
    casting_vote: Option<Side>,
) -> Result<DecisionResult> {
    let partnership = ctx.partnership();
    let body_def = partnership.body(body)?;
    let terms = body_def.terms_on(date)?;
    let Some(rule) = &terms.decisions else {
        return Err(Error::new(
            ErrorKind::NoDecisionRule,
            "body",
            format!(
                "the terms of reference of the {} do not say how it decides a motion",
                body_def.name
            ),
        ));
    };
    let quorum = quorum::check(ctx, body, date, present)?;
    let open = terms.quorum.open_membership;
    let mut voters: Vec<Voter<'_>> = Vec::new();
    for (side, list) in [
        (true, votes_for.iter().map(AsRef::as_ref).collect::<Vec<&str>>()),
        (false, against.iter().map(AsRef::as_ref).collect()),
    ] {
        for (i, id) in list.into_iter().enumerate() {
            let field = format!("{}[{i}]", if side { "for" } else { "against" });
            partnership.resolve(&field, id, date, open)?;
            voters.push(Voter {
                id,
                field,
                for_: side,
                seat: body_def.seat_of(id, date).map(|s| s.id.as_str()),
            });
        }
    }
    let present: Vec<&str> = present.iter().map(AsRef::as_ref).collect();
    let is_member = |id: &str| member(partnership, body_def, id, date, open);
    let wrong =
        |kind: ErrorKind, v: &Voter<'_>, msg: String| partnership.naming(Error::new(kind, v.field.clone(), msg), v.id);
    // Has a vote.
    for v in &voters {
        let votes = match rule.voting {
            Voting::Seats => v.seat.is_some(),
            Voting::Organisations | Voting::People => is_member(v.id),
        };
        if !votes {
            let why = match rule.voting {
                Voting::Seats => "holds no seat",
                _ => "is not a member",
            };
            return Err(wrong(
                ErrorKind::VoteWithoutSeat,
                v,
                format!("'{}' {why} of the {} and cannot vote", v.id, body_def.name),
            ));
        }
    }
    // Is present.
    for v in &voters {
        let here = match (rule.voting, v.seat) {
            (Voting::Seats, Some(seat)) => present
                .iter()
                .any(|p| body_def.seat_of(p, date).is_some_and(|s| s.id == seat)),
            (Voting::People, _) => {
                let cast = voters.iter().filter(|w| w.id == v.id).count();
                cast <= present.iter().filter(|p| **p == v.id).count()
            }
            _ => present.contains(&v.id),
        };
        if !here {
            let msg = match rule.voting {
                Voting::Seats => format!("the {} seat is not represented at the meeting", v.seat.unwrap_or(v.id)),
                Voting::People => format!("more votes from '{}' than people present from it", v.id),
                Voting::Organisations => format!("'{}' is not present at the meeting", v.id),
            };
            return Err(wrong(ErrorKind::VoterNotPresent, v, msg));
        }
    }
    if rule.voting != Voting::People {
        fn key<'v>(v: &Voter<'v>, by_seat: bool) -> &'v str {
            v.seat.filter(|_| by_seat).unwrap_or(v.id)
        }
        let by_seat = rule.voting == Voting::Seats;
        let key = |v: &Voter<'_>| key(v, by_seat).to_string();
        // Votes once on a side.
        for (k, v) in voters.iter().enumerate() {
            if voters.iter().take(k).any(|w| w.for_ == v.for_ && key(w) == key(v)) {
                return Err(wrong(
                    ErrorKind::DuplicateVote,
                    v,
                    format!(
                        "'{}' has already voted {}",
                        key(v),
                        if v.for_ { "for" } else { "against" }
                    ),
                ));
            }
        }
        // Votes on one side.
        for (k, v) in voters.iter().enumerate() {
            if voters.iter().take(k).any(|w| w.for_ != v.for_ && key(w) == key(v)) {
                return Err(wrong(
                    ErrorKind::VotedBothWays,
                    v,
                    format!("'{}' voted both for and against", key(v)),
                ));
            }
        }
    }
    if !quorum.quorate {
        return Err(Error::new(
            ErrorKind::InquorateMeeting,
            "present",
            format!("a motion needs a quorate meeting. {}", quorum.explanation.reason),
        )
        .with("count", quorum.count.to_string())
        .with("required", quorum.required.to_string()));
    }
    let count = |side: bool| u32::try_from(voters.iter().filter(|v| v.for_ == side).count()).unwrap_or(u32::MAX);
    let (yes, no) = (count(true), count(false));
    // The voters a majority of those present, or of all, is of.
    let base = match rule.majority {
        Majority::OfPresent => Some(match rule.voting {
            Voting::Seats => distinct(
                present
                    .iter()
                    .filter_map(|p| body_def.seat_of(p, date).map(|s| s.id.as_str())),
            ),
            Voting::Organisations => distinct(present.iter().copied().filter(|p| is_member(p))),
            Voting::People => u32::try_from(present.iter().filter(|p| is_member(p)).count()).unwrap_or(u32::MAX),
        }),
        Majority::OfAll => Some(match rule.voting {
            Voting::Seats => u32::try_from(body_def.seats_on(date).len()).unwrap_or(u32::MAX),
            _ => quorum::members_on(partnership, body_def, date, None),
        }),
        _ => None,
    };
    let tie = rule.majority == Majority::OfVotesCast && yes == no;
    let casting = (tie && rule.casting_vote == CastingVote::Chair)
        .then_some(casting_vote)
        .flatten();
    let (carried, required) = match rule.majority {
        Majority::OfVotesCast => (
            match casting {
                Some(side) => side == Side::For,
                None => yes > no,
            },
            Some(no.saturating_add(1)),
        ),
        Majority::OfPresent | Majority::OfAll => {
            let need = base.unwrap_or(0) / 2 + 1;
            (yes >= need, Some(need))
        }
        Majority::Unanimous => (yes >= 1 && no == 0, None),
    };
    let majority = match rule.majority {
        Majority::OfVotesCast => "a majority of the votes cast".to_string(),
        Majority::OfPresent => format!("a majority of the {} voters present", base.unwrap_or(0)),
        Majority::OfAll => format!("a majority of all {} voters of the body", base.unwrap_or(0)),
        Majority::Unanimous => "unanimity".to_string(),
    };
    let unit = match rule.voting {
        Voting::Seats => "seats",
        Voting::Organisations => "organisations",
        Voting::People => "people",
    };
    let verdict = match (carried, casting.is_some()) {
        (true, true) => "Carried on the chair's casting vote",
        (false, true) => "Not carried on the chair's casting vote",
        (true, false) => "Carried",
        (false, false) => "Not carried",
    };
    let needs = match (rule.majority, required) {
        (Majority::Unanimous, _) | (_, None) => "at least one vote for and none against".to_string(),
        (_, Some(n)) => format!("at least {n} for"),
    };
    let mut reason = format!("{verdict}: {yes} for and {no} against (voting by {unit}); {majority} needs {needs}.");
    if tie && casting.is_none() {
        reason.push_str(match rule.casting_vote {
            CastingVote::Chair => " A tie, and no casting vote was given.",
            CastingVote::None => " A tie, and the chair has no casting vote.",
        });
    }
    let citations = cite_or_default(&rule.citation, partnership, body_def, terms, || {
        format!(
            "Motions are decided by {}, one vote per {}{}.",
            match rule.majority {
                Majority::OfVotesCast => "a majority of the votes cast",
                Majority::OfPresent => "a majority of those present",
                Majority::OfAll => "a majority of all the body's voters",
                Majority::Unanimous => "unanimity",
            },
            match rule.voting {
                Voting::Seats => "seat",
                Voting::Organisations => "member organisation",
                Voting::People => "member present",
            },
            if rule.casting_vote == CastingVote::Chair {
                ", the chair having a casting vote"
            } else {
                ""
            }
        )
    });
    let reading = "An abstention is no vote; a tie exists only under a majority of the votes cast, and the chair's casting vote decides it only when the terms give one; the meeting must be quorate.";
    let mut explanation = Explanation::new(ID, reason)
        .reading(reading)
        .cite_all(&citations)
        .cite_all(&quorum.explanation.citations)
        .figure("votes_for", yes)
        .figure("votes_against", no);
    if let Some(n) = required {
        explanation = explanation.figure("required", n);
    }
    if let Some(b) = base {
        explanation = explanation.figure("voters", b);
    }
    Ok(DecisionResult {
        body: body_def.id.clone(),
        date,
        carried,
        votes_for: yes,
        votes_against: no,
        required,
        tie,
        casting_vote_used: casting.is_some(),
        voting: rule.voting,
        majority: rule.majority,
        quorum,
        explanation,
    })
}

/// Whether `id` is a member of `body` on `date`: not attendee-only, and
/// holding a seat or participating (any well-formed id when `open`).
fn member(
    partnership: &crate::definitions::partnership::Partnership,
    body: &Body,
    id: &str,
    date: NaiveDate,
    open: bool,
) -> bool {
    match partnership.organisation(id) {
        Some(o) if o.attendee_only => false,
        Some(_) => open || body.seat_of(id, date).is_some() || body.participates(id, date),
        None => open,
    }
}

/// How many distinct ids.
fn distinct<'a>(ids: impl Iterator<Item = &'a str>) -> u32 {
    let set: std::collections::BTreeSet<&str> = ids.collect();
    u32::try_from(set.len()).unwrap_or(u32::MAX)
}

crate::definitions::explain::results!(DecisionResult);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definitions::partnership::Partnership;

    fn ctx(decisions: &str) -> Context {
        let p = Partnership::from_json(&format!(
            r#"{{"name": "Northshire CSP",
              "organisations": [{{"id": "police", "name": "Police"}}, {{"id": "council", "name": "Council"}},
                                {{"id": "fire", "name": "Fire"}}, {{"id": "guest", "name": "Guest", "attendee_only": true}}],
              "bodies": [{{"id": "board", "name": "Board",
                "seats": [{{"id": "police", "name": "Police", "holders": [{{"organisation": "police"}}]}},
                          {{"id": "council", "name": "Council", "holders": [{{"organisation": "council"}}]}},
                          {{"id": "fire", "name": "Fire", "holders": [{{"organisation": "fire"}}]}}],
                "participants": [{{"organisation": "guest"}}],
                "terms": [{{"quorum": {{"basis": "seats", "required": 2}},
                           "chair": {{"kind": "elected"}},
                           "decisions": {decisions}}}]}}]}}"#
        ))
        .unwrap();
        Context::kent().clone().with_partnership(p)
    }

    fn d() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 5, 20).unwrap()
    }

    #[test]
    fn a_majority_of_all_seats_counts_absent_seats() {
        let c = ctx(r#"{"majority": "of_all"}"#);
        let r = decide(
            &c,
            "board",
            d(),
            &["police", "council"],
            &["police", "council"],
            &[] as &[&str],
            None,
        )
        .unwrap();
        assert_eq!((r.carried, r.required), (true, Some(2)));
        let r = decide(
            &c,
            "board",
            d(),
            &["police", "council"],
            &["police"],
            &[] as &[&str],
            None,
        )
        .unwrap();
        assert!(!r.carried);
    }

    #[test]
    fn a_tie_without_a_casting_vote_is_lost() {
        let c = ctx("{}");
        let r = decide(
            &c,
            "board",
            d(),
            &["police", "council"],
            &["police"],
            &["council"],
            Some(Side::For),
        )
        .unwrap();
        assert!(r.tie && !r.carried && !r.casting_vote_used);
        assert!(
            r.explanation.reason.contains("no casting vote"),
            "{}",
            r.explanation.reason
        );
    }

    #[test]
    fn voter_checks_run_in_order() {
        let c = ctx("{}");
        let e = decide(&c, "board", d(), &["police"], &["guest"], &["fire"], None).unwrap_err();
        assert_eq!((e.code(), e.field()), ("vote_without_seat", "for[0]"));
        let e = decide(&c, "board", d(), &["police", "council"], &["police"], &["fire"], None).unwrap_err();
        assert_eq!((e.code(), e.field()), ("voter_not_present", "against[0]"));
        let e = decide(&c, "board", d(), &["police", "council"], &["police"], &["police"], None).unwrap_err();
        assert_eq!((e.code(), e.field()), ("voted_both_ways", "against[0]"));
        let e = decide(&c, "board", d(), &["police"], &["police"], &[] as &[&str], None).unwrap_err();
        assert_eq!(e.code(), "inquorate_meeting");
    }
}
