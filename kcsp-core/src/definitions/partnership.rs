//! A partnership definition as data: its organisations, its bodies, the
//! seats of each body and who fills them when, and each body's terms of
//! reference (quorum, chair, removal majority, notice of papers, review
//! interval, meeting cadence), all effective-dated.
//!
//! The shape is the interchange format of `tests/vectors/FORMAT.md`
//! ("The partnership definition"), read with [`Partnership::from_json`] and
//! written with [`Partnership::to_json`]; the two round-trip. The built-in
//! Kent definition is a data file read through the same door
//! ([`Context::kent`](crate::Context::kent)).
//!
//! The format also takes the terms real partnerships write (FORMAT.md, "Terms
//! as real partnerships write them"): a quorum of several conditions
//! ([`QuorumRule::all`]: seats, organisations or people, some of them only,
//! a number or a fraction of the membership), how motions are decided
//! ([`DecisionRule`]), chairs elected with no stated term or rotating
//! ([`ChairRule`]), more cadences ([`CadenceRule`]), notice in calendar days
//! ([`PapersRule::calendar_days`]) and no review clause at all.
//!
//! Two additions to that format, both optional, let a definition carry all
//! of its sources:
//!
//! - a rule's `citation` may be a list of citations as well as one;
//! - a seat holder or participant may carry a `citation` (the decision that
//!   gave it the seat), cited whenever that tenure is what counted.
//!
//! A rule without a citation is cited by the definition's name, the body and
//! the date its terms apply from, with a summary made from the rule's own
//! figures.

use crate::base::dates::opt_iso;
use crate::base::error::{quote, Error, ErrorKind, Result};
use crate::base::id::{BodyId, OrgId, SeatId};
use crate::definitions::explain::Citation;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeSet;

/// A whole partnership: organisations and bodies.
///
/// ```
/// use kcsp_core::{Context, Partnership};
/// let kent = Context::kent().partnership();
/// assert_eq!(kent.bodies().len(), 3);
/// assert_eq!(&Partnership::from_json(&kent.to_json()).unwrap(), kent);
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partnership {
    /// The JSON Schema the definition's file names for an editor to guide
    /// its writer (`"$schema"`: the shipped `partnership.schema.json`);
    /// kept, never read.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub(crate) schema: Option<String>,
    /// The partnership's name.
    pub(crate) name: String,
    /// Every organisation id the partnership knows, with the dates it existed.
    pub(crate) organisations: Vec<Organisation>,
    /// The partnership's bodies (for Kent: `kcsp`, `working_group`, `dhr_steering_group`).
    pub(crate) bodies: Vec<Body>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// An organisation the partnership knows.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Its id.
    pub id: OrgId,
    /// Its name.
    pub name: String,
    /// The first day it existed (`None`: since before anything the library asks about).
    #[serde(default, with = "opt_iso", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<NaiveDate>"))]
    pub from: Option<NaiveDate>,
    /// The last day it existed (`None`: still exists).
    #[serde(default, with = "opt_iso", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<NaiveDate>"))]
    pub to: Option<NaiveDate>,
    /// An attendance category rather than an organisation (`guest`, a local
    /// CSP chair): such attendees never count towards any quorum.
    #[serde(default, skip_serializing_if = "is_false")]
    pub attendee_only: bool,
}

impl Organisation {
    /// Whether the organisation existed on `date`.
    pub fn exists_on(&self, date: NaiveDate) -> bool {
        within(self.from, self.to, date)
    }
}

/// A period during which an organisation fills a seat or takes part in a body.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tenure {
    /// The organisation.
    pub organisation: OrgId,
    /// First day (inclusive); `None` for no start.
    #[serde(default, with = "opt_iso", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<NaiveDate>"))]
    pub from: Option<NaiveDate>,
    /// Last day (inclusive); `None` for no end.
    #[serde(default, with = "opt_iso", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<NaiveDate>"))]
    pub to: Option<NaiveDate>,
    /// The decision that gave the organisation its place, cited whenever
    /// this tenure is what counted (optional).
    #[serde(default, skip_serializing_if = "Citations::is_empty")]
    pub citation: Citations,
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

/// The citations of a rule: none, one, or several. In the data a single
/// citation is an object and several are a list; both are read, and each is
/// written back the way it came.
///
/// ```
/// use kcsp_core::partnership::Citations;
/// let one: Citations = serde_json::from_str(r#"{"document": "ToR", "section": "§7", "summary": "Four."}"#).unwrap();
/// assert_eq!(one.len(), 1);
/// assert!(serde_json::to_string(&one).unwrap().starts_with('{'));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Citations(pub Vec<Citation>);

impl Citations {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// The citations as a slice.
    pub fn as_slice(&self) -> &[Citation] {
        &self.0
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Citations {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Citations".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let one = generator.subschema_for::<Citation>();
        schemars::json_schema!({
            "description": "The clause a rule comes from: one citation, or a list of them.",
            "anyOf": [one, {"type": "array", "items": one}]
        })
    }
}

impl Serialize for Citations {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => one.serialize(s),
            many => many.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Citations {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            One(Citation),
            Many(Vec<Citation>),
        }
        match OneOrMany::deserialize(d) {
            Ok(OneOrMany::One(c)) => Ok(Citations(vec![c])),
            Ok(OneOrMany::Many(v)) => Ok(Citations(v)),
            Err(_) => Err(serde::de::Error::custom(
                "a citation is {\"document\", \"section\", \"summary\"}, or a list of them",
            )),
        }
    }
}

/// A responsible-authority seat and the organisations that have filled it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

/// A seat of a body on a date and the organisation holding it
/// ([`Partnership::seats`]).
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatOnDate {
    /// The seat id.
    pub id: SeatId,
    /// Its name.
    pub name: String,
    /// The organisation holding it on the date.
    pub holder: OrgId,
}

/// A body of the partnership (a board, a working group, a steering group).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// The body id.
    pub id: BodyId,
    /// Its name.
    pub name: String,
    /// Its responsible-authority seats (empty where membership is open).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seats: Vec<Seat>,
    /// Co-operating and participating bodies: they attend, hold no seat.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Tenure>,
    /// Its terms of reference, effective-dated; the latest in force on a date applies.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub terms: Vec<Terms>,
}

/// The thresholds of a body's terms of reference from a date on.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    /// First day these terms apply (`None`: from the beginning).
    #[serde(default, with = "opt_iso", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<NaiveDate>"))]
    pub from: Option<NaiveDate>,
    /// How a quorum is counted.
    pub quorum: QuorumRule,
    /// How the chair holds office.
    pub chair: ChairRule,
    /// How the chair or vice-chair is removed, if the terms say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removal: Option<RemovalRule>,
    /// How a motion is decided, if the terms say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decisions: Option<DecisionRule>,
    /// How long before a meeting papers go out, if the terms say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub papers: Option<PapersRule>,
    /// How often the terms of reference are reviewed, if the terms say
    /// (many bodies' terms do not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<ReviewRule>,
    /// How often the body must meet, if the terms say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence: Option<CadenceRule>,
}

/// What a quorum condition (or a vote) counts.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuorumBasis {
    /// Distinct seats of the body represented.
    Seats,
    /// Distinct member organisations present.
    Organisations,
    /// Member people present: each entry of `present` is one person.
    People,
}

impl QuorumBasis {
    /// Its name, as results and definitions write it.
    ///
    /// ```
    /// use kcsp_core::partnership::QuorumBasis;
    /// for b in [QuorumBasis::Seats, QuorumBasis::Organisations, QuorumBasis::People] {
    ///     assert_eq!(serde_json::to_value(b).unwrap(), b.as_str());
    /// }
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            QuorumBasis::Seats => "seats",
            QuorumBasis::Organisations => "organisations",
            QuorumBasis::People => "people",
        }
    }
}

/// How many a condition needs: a whole number, or a fraction of a base
/// rounded up (`{"numerator": 1, "denominator": 3}`: a third).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub enum AtLeast {
    /// At least this many.
    Number(#[cfg_attr(feature = "schema", schemars(range(min = 1)))] u32),
    /// At least this fraction of the base, rounded up (a base of 0 needs 1).
    Fraction {
        /// The numerator.
        #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
        numerator: u32,
        /// The denominator.
        #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
        denominator: u32,
    },
}

/// A number, or `{"numerator", "denominator"}` and no other key: read by
/// hand (serde's untagged enums buffer the value first, which weighs on the
/// WebAssembly builds).
impl<'de> Deserialize<'de> for AtLeast {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = AtLeast;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a whole number, or {\"numerator\", \"denominator\"}")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<AtLeast, E> {
                u32::try_from(v)
                    .map(AtLeast::Number)
                    .map_err(|_| E::custom("the number is too large"))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<AtLeast, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom("the number is below 0"))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<AtLeast, A::Error> {
                let (mut numerator, mut denominator) = (None, None);
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match key.as_ref() {
                        "numerator" => numerator = Some(map.next_value::<u32>()?),
                        "denominator" => denominator = Some(map.next_value::<u32>()?),
                        other => {
                            return Err(serde::de::Error::unknown_field(other, &["numerator", "denominator"]));
                        }
                    }
                }
                match (numerator, denominator) {
                    (Some(numerator), Some(denominator)) => Ok(AtLeast::Fraction { numerator, denominator }),
                    (None, _) => Err(serde::de::Error::missing_field("numerator")),
                    (_, None) => Err(serde::de::Error::missing_field("denominator")),
                }
            }
        }
        d.deserialize_any(Visit)
    }
}

impl AtLeast {
    /// The whole number needed out of `base`.
    ///
    /// ```
    /// use kcsp_core::partnership::AtLeast;
    /// let third = AtLeast::Fraction { numerator: 1, denominator: 3 };
    /// assert_eq!((third.of(7), third.of(6), third.of(0)), (3, 2, 1));
    /// assert_eq!(AtLeast::Number(4).of(0), 4);
    /// ```
    pub fn of(self, base: u32) -> u32 {
        match self {
            AtLeast::Number(n) => n,
            AtLeast::Fraction { numerator, denominator } => {
                let (n, d) = (u64::from(numerator), u64::from(denominator.max(1)));
                let r = (u64::from(base) * n).div_ceil(d).max(1);
                u32::try_from(r).unwrap_or(u32::MAX)
            }
        }
    }
}

/// One condition of a quorum: at least so many seats, organisations or
/// people present, optionally only among some of them.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// What is counted.
    pub count: QuorumBasis,
    /// Only these are counted: seat ids of the body when counting seats,
    /// organisation ids of the definition otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<OrgId>>", length(min = 1), extend("uniqueItems" = true)))]
    pub among: Option<Vec<String>>,
    /// How many are needed.
    pub at_least: AtLeast,
}

/// A quorum: one condition (the form `{"basis", "required"}`) or several
/// that must all be met (`{"all": [...]}`).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(extend("oneOf" = [
    {"required": ["basis", "required"], "not": {"required": ["all"]}},
    {"required": ["all"], "not": {"anyOf": [{"required": ["basis"]}, {"required": ["required"]}]}}
])))]
pub struct QuorumRule {
    /// The one condition's count (the single-condition form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<QuorumBasis>,
    /// The one condition's number (the single-condition form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub required: Option<u32>,
    /// The conditions, every one of which must be met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub all: Option<Vec<Condition>>,
    /// Whether any well-formed organisation id counts as a member,
    /// including ids the partnership does not list (the DHR Steering
    /// Group's members are each council, trust or agency).
    #[serde(default, skip_serializing_if = "is_false")]
    pub open_membership: bool,
    /// The clauses.
    #[serde(default, skip_serializing_if = "Citations::is_empty")]
    pub citation: Citations,
}

impl QuorumRule {
    /// The single-condition quorum: at least `required` of `basis`.
    ///
    /// ```
    /// use kcsp_core::partnership::{QuorumBasis, QuorumRule};
    /// let q = QuorumRule::single(QuorumBasis::Seats, 4);
    /// q.with_conditions(|c| assert_eq!(c.len(), 1));
    /// ```
    pub fn single(basis: QuorumBasis, required: u32) -> QuorumRule {
        QuorumRule {
            basis: Some(basis),
            required: Some(required),
            all: None,
            open_membership: false,
            citation: Citations::default(),
        }
    }

    /// Calls `f` with the conditions, in definition order (the single form
    /// as one condition).
    pub fn with_conditions<R>(&self, f: impl FnOnce(&[Condition]) -> R) -> R {
        match (&self.all, self.basis, self.required) {
            (Some(all), _, _) => f(all),
            (None, Some(count), Some(n)) => f(std::slice::from_ref(&Condition {
                count,
                among: None,
                at_least: AtLeast::Number(n),
            })),
            _ => f(&[]),
        }
    }

    /// The single condition's count and number, when the quorum has that form.
    pub(crate) fn legacy(&self) -> Option<(QuorumBasis, u32)> {
        match (&self.all, self.basis, self.required) {
            (None, Some(b), Some(n)) => Some((b, n)),
            _ => None,
        }
    }

    /// Whether any well-formed id is a member: `open_membership` on a quorum
    /// that counts members (organisations or people).
    pub(crate) fn open(&self) -> bool {
        self.open_membership && self.counts().1
    }

    /// Whether some condition counts people (so that a second attendee
    /// from an organisation counts too).
    pub(crate) fn counts_people(&self) -> bool {
        self.with_conditions(|c| c.iter().any(|c| c.count == QuorumBasis::People))
    }

    /// What the first condition counts.
    pub fn first_basis(&self) -> QuorumBasis {
        self.with_conditions(|c| c.first().map_or(QuorumBasis::Seats, |c| c.count))
    }

    /// Whether some condition counts seats, and whether some counts members
    /// (organisations or people).
    pub(crate) fn counts(&self) -> (bool, bool) {
        self.with_conditions(|c| {
            (
                c.iter().any(|c| c.count == QuorumBasis::Seats),
                c.iter().any(|c| c.count != QuorumBasis::Seats),
            )
        })
    }
}

/// How a body's chair holds office.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", deny_unknown_fields)]
pub enum ChairRule {
    /// The chair holds office by virtue of another post; no term.
    ExOfficio {
        /// The post.
        holder: String,
        /// The clauses.
        #[serde(default, skip_serializing_if = "Citations::is_empty")]
        citation: Citations,
    },
    /// Chair and vice-chair are elected (or reviewed), for a fixed term
    /// when the terms give one.
    Elected {
        /// The term in calendar months (`None`: the terms state none).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
        term_months: Option<u32>,
        /// The clauses.
        #[serde(default, skip_serializing_if = "Citations::is_empty")]
        citation: Citations,
    },
    /// The chair passes between organisations in turn, every `term_months`
    /// calendar months from `from`.
    Rotating {
        /// The organisations, in the order the chair passes between them.
        #[cfg_attr(feature = "schema", schemars(length(min = 2), extend("uniqueItems" = true)))]
        among: Vec<OrgId>,
        /// The months of each turn.
        #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
        term_months: u32,
        /// The first day of the first turn.
        #[serde(with = "crate::base::dates::iso")]
        #[cfg_attr(feature = "schema", schemars(with = "NaiveDate"))]
        from: NaiveDate,
        /// The clauses.
        #[serde(default, skip_serializing_if = "Citations::is_empty")]
        citation: Citations,
    },
}

/// Which voters a decision counts.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Voting {
    /// One vote per seat, cast by an organisation present that holds it.
    #[default]
    Seats,
    /// One vote per member organisation present.
    Organisations,
    /// One vote per member person present.
    People,
}

/// What majority carries a motion.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Majority {
    /// More votes for than against ("a simple majority of those voting").
    #[default]
    OfVotesCast,
    /// More votes for than half of the voters present.
    OfPresent,
    /// More votes for than half of all voters of the body.
    OfAll,
    /// At least one vote for and none against.
    Unanimous,
}

/// Whether the chair has a casting vote on a tie.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CastingVote {
    /// No casting vote: a tie is not carried.
    #[default]
    None,
    /// The chair's casting vote decides a tie.
    Chair,
}

/// How a body decides a motion.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRule {
    /// Who votes.
    #[serde(default)]
    pub voting: Voting,
    /// What majority carries a motion.
    #[serde(default)]
    pub majority: Majority,
    /// Whether the chair has a casting vote.
    #[serde(default)]
    pub casting_vote: CastingVote,
    /// The clauses.
    #[serde(default, skip_serializing_if = "Citations::is_empty")]
    pub citation: Citations,
}

/// Against what a removal majority is counted.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemovalRule {
    /// Numerator of the fraction that must be exceeded.
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub numerator: u32,
    /// Denominator of the fraction that must be exceeded.
    #[cfg_attr(feature = "schema", schemars(range(min = 2)))]
    pub denominator: u32,
    /// Which seats the fraction is of.
    #[serde(default)]
    pub basis: MajorityBasis,
    /// The clauses.
    #[serde(default, skip_serializing_if = "Citations::is_empty")]
    pub citation: Citations,
}

impl RemovalRule {
    /// The least whole number of votes strictly greater than the fraction of
    /// `seats` (one half of 7 needs 4; two thirds of 6 needs 5).
    ///
    /// ```
    /// use kcsp_core::partnership::{MajorityBasis, RemovalRule, Citations};
    /// let half = RemovalRule { numerator: 1, denominator: 2, basis: MajorityBasis::AllSeats, citation: Citations::default() };
    /// assert_eq!((half.required(7), half.required(6), half.required(4)), (4, 4, 3));
    /// ```
    pub fn required(&self, seats: u32) -> u32 {
        let r = u64::from(seats) * u64::from(self.numerator) / u64::from(self.denominator.max(1)) + 1;
        u32::try_from(r).unwrap_or(u32::MAX)
    }
}

/// How working days of notice are counted.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
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

/// How long before a meeting papers must go out: `working_days` or
/// `calendar_days` of notice (exactly one of the two).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(extend("oneOf" = [
    {"required": ["working_days"], "not": {"required": ["calendar_days"]}},
    {"required": ["calendar_days"], "not": {"required": ["working_days"]}}
])))]
pub struct PapersRule {
    /// Working days of notice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days: Option<u32>,
    /// Days of notice counted on every day of the calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar_days: Option<u32>,
    /// How they are counted.
    #[serde(default)]
    pub counting: NoticeCounting,
    /// The clauses.
    #[serde(default, skip_serializing_if = "Citations::is_empty")]
    pub citation: Citations,
}

impl PapersRule {
    /// The notice: its number of days and whether they are working days.
    pub fn notice(&self) -> (u32, bool) {
        match (self.working_days, self.calendar_days) {
            (Some(n), _) => (n, true),
            (None, Some(n)) => (n, false),
            (None, None) => (0, true),
        }
    }
}

/// How often terms of reference are reviewed.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRule {
    /// Calendar months between reviews.
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub interval_months: u32,
    /// The clauses.
    #[serde(default, skip_serializing_if = "Citations::is_empty")]
    pub citation: Citations,
}

/// How often a body must meet.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", deny_unknown_fields)]
pub enum CadenceRule {
    /// At least `meetings` meetings in each financial year.
    PerYear {
        /// How many.
        #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
        meetings: u32,
        /// The clauses.
        #[serde(default, skip_serializing_if = "Citations::is_empty")]
        citation: Citations,
    },
    /// At least one meeting in each quarter of the financial year.
    Quarterly {
        /// The clauses.
        #[serde(default, skip_serializing_if = "Citations::is_empty")]
        citation: Citations,
    },
    /// At least one meeting in each `months`-month period of the financial
    /// year from 1 April (`months` one of 1, 2, 3, 4, 6, 12).
    PerPeriod {
        /// The months of each period.
        #[cfg_attr(feature = "schema", schemars(extend("enum" = [1, 2, 3, 4, 6, 12])))]
        months: u32,
        /// The clauses.
        #[serde(default, skip_serializing_if = "Citations::is_empty")]
        citation: Citations,
    },
    /// No meeting more than `days` days after the body's previous one.
    MaxGap {
        /// The most days between one meeting and the next.
        #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
        days: u32,
        /// The clauses.
        #[serde(default, skip_serializing_if = "Citations::is_empty")]
        citation: Citations,
    },
    /// At least `meetings` meetings in the given calendar months of the
    /// financial year ("once a year in October or November").
    InMonths {
        /// The calendar months (1-12).
        #[cfg_attr(
            feature = "schema",
            schemars(length(min = 1), inner(range(min = 1, max = 12)), extend("uniqueItems" = true))
        )]
        months: Vec<u32>,
        /// How many meetings.
        #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
        meetings: u32,
        /// The clauses.
        #[serde(default, skip_serializing_if = "Citations::is_empty")]
        citation: Citations,
    },
    /// A meeting before each meeting of another body.
    BeforeEach {
        /// The body whose meetings this one must precede.
        body: BodyId,
        /// The clauses.
        #[serde(default, skip_serializing_if = "Citations::is_empty")]
        citation: Citations,
    },
}

/// The most seats a body may have (a quorum counts them in a 128-bit set).
pub const MAX_SEATS: usize = 128;

/// Where a rule comes from, for its citation when the definition gives none:
/// the definition's name, the body and the date its terms apply from.
pub(crate) fn cite_or_default(
    citations: &Citations,
    partnership: &Partnership,
    body: &Body,
    terms: &Terms,
    summary: impl FnOnce() -> String,
) -> Vec<Citation> {
    if !citations.is_empty() {
        return citations.0.clone();
    }
    let from = match terms.from {
        Some(d) => format!("terms from {d}"),
        None => "terms from the beginning".to_string(),
    };
    vec![Citation::owned(
        partnership.name.clone(),
        format!("{}, {from}", body.name),
        summary(),
    )]
}

/// `invalid_partnership` at `field` with `msg`.
fn bad(field: String, msg: impl Into<String>) -> Result<()> {
    Err(Error::new(ErrorKind::InvalidPartnership, field, msg.into()))
}

/// The shape problems of a definition, element by element: each
/// organisation, seat, participant and set of terms read on its own (as its
/// type), so that one bad element does not hide the others; the top level
/// and each body's own keys read with their lists emptied.
fn shape_of(value: &serde_json::Value, out: &mut Vec<Error>) {
    use serde_json::Value;
    /// `value` with the lists at `keys` emptied (each read on its own).
    fn without(value: &Value, keys: &[&str]) -> Value {
        match value {
            Value::Object(map) => {
                let mut own = map.clone();
                for k in keys {
                    if let Some(Value::Array(list)) = own.get_mut(*k) {
                        list.clear();
                    }
                }
                Value::Object(own)
            }
            other => other.clone(),
        }
    }
    fn list<'v>(value: &'v Value, key: &str) -> impl Iterator<Item = (usize, &'v Value)> {
        value
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
    }
    read_at::<Partnership>(&without(value, &["organisations", "bodies"]), "", out);
    for (i, o) in list(value, "organisations") {
        read_at::<Organisation>(o, &format!("organisations[{i}]"), out);
    }
    for (b, body) in list(value, "bodies") {
        let at = format!("bodies[{b}]");
        read_at::<Body>(&without(body, &["seats", "participants", "terms"]), &at, out);
        for (s, seat) in list(body, "seats") {
            read_at::<Seat>(seat, &format!("{at}.seats[{s}]"), out);
        }
        for (p, t) in list(body, "participants") {
            read_at::<Tenure>(t, &format!("{at}.participants[{p}]"), out);
        }
        for (t, terms) in list(body, "terms") {
            read_at::<Terms>(terms, &format!("{at}.terms[{t}]"), out);
        }
    }
}

/// Reads `item` as a `T`; a problem goes to `out` at its path below `at`.
fn read_at<T: serde::de::DeserializeOwned>(item: &serde_json::Value, at: &str, out: &mut Vec<Error>) {
    if let Err(e) = crate::base::path::deserialize::<T>(item) {
        let inner = shape_error(e);
        let field = match (at, inner.field()) {
            ("", f) => f.to_string(),
            (a, "") => a.to_string(),
            (a, f) if f.starts_with('[') => format!("{a}{f}"),
            (a, f) => format!("{a}.{f}"),
        };
        out.push(inner.at(field));
    }
}

/// An `among` list: not empty, no id twice, each id in `known`.
fn check_among(field: String, among: &[impl AsRef<str>], known: impl Fn(&str) -> bool, what: &str) -> Result<()> {
    if among.is_empty() {
        return bad(field, "an `among` list names at least one id");
    }
    let mut seen = BTreeSet::new();
    for (i, id) in among.iter().enumerate() {
        let id = id.as_ref();
        if !seen.insert(id) {
            return bad(format!("{field}[{i}]"), format!("'{id}' is named twice"));
        }
        if !known(id) {
            return bad(format!("{field}[{i}]"), format!("'{}' is not {what}", quote(id)));
        }
    }
    Ok(())
}

/// The checks of one set of terms of `body` (`field` makes a path inside
/// them), each rule object's first problem into `out`.
fn check_terms(
    terms: &Terms,
    body: &Body,
    orgs: &BTreeSet<&str>,
    bodies: &BTreeSet<&str>,
    field: &dyn Fn(&str) -> String,
    out: &mut Vec<Error>,
) {
    let section = || -> Result<()> {
        let q = &terms.quorum;
        match (&q.all, q.basis, q.required) {
            (Some(_), Some(_), _) => return bad(field("quorum.basis"), "`basis` cannot sit beside `all`"),
            (Some(_), _, Some(_)) => return bad(field("quorum.required"), "`required` cannot sit beside `all`"),
            (Some(all), None, None) if all.is_empty() => {
                return bad(field("quorum.all"), "`all` lists at least one condition")
            }
            (None, None, _) => return bad(field("quorum.basis"), "a quorum gives `basis` and `required`, or `all`"),
            (None, _, None) => {
                return bad(
                    field("quorum.required"),
                    "a quorum gives `basis` and `required`, or `all`",
                )
            }
            (None, Some(_), Some(0)) => return bad(field("quorum.required"), "a quorum must be at least 1"),
            _ => {}
        }
        let prefix = if q.all.is_some() { "quorum.all" } else { "quorum" };
        q.with_conditions(|conditions| -> Result<()> {
            for (c, cond) in conditions.iter().enumerate() {
                let at = |rest: &str| {
                    if q.all.is_some() {
                        field(&format!("{prefix}[{c}].{rest}"))
                    } else {
                        field(&format!(
                            "{prefix}.{}",
                            if rest == "count" { "basis" } else { "required" }
                        ))
                    }
                };
                if cond.count == QuorumBasis::Seats && body.seats.is_empty() {
                    return bad(at("count"), "a quorum of seats needs a body with seats");
                }
                match cond.at_least {
                    AtLeast::Number(0) => return bad(at("at_least"), "a condition needs at least 1"),
                    AtLeast::Fraction { numerator, denominator }
                        if numerator == 0 || denominator == 0 || numerator > denominator =>
                    {
                        return bad(
                            at("at_least"),
                            format!(
                                "a fraction of the membership is above 0 and at most 1, not {numerator}/{denominator}"
                            ),
                        )
                    }
                    _ => {}
                }
                if let Some(among) = &cond.among {
                    if cond.count == QuorumBasis::Seats {
                        check_among(
                            at("among"),
                            among,
                            |id| body.seats.iter().any(|s| s.id == id),
                            "a seat of the body",
                        )?;
                    } else {
                        check_among(
                            at("among"),
                            among,
                            |id| orgs.contains(id),
                            "an organisation of the definition",
                        )?;
                    }
                }
            }
            Ok(())
        })
    };
    if let Err(e) = section() {
        out.push(e);
    }
    let section = || -> Result<()> {
        if let Some(r) = &terms.removal {
            if r.numerator == 0 || r.denominator == 0 || r.numerator >= r.denominator {
                return bad(
                    field("removal"),
                    format!(
                        "a removal fraction must be strictly between 0 and 1, not {}/{}",
                        r.numerator, r.denominator
                    ),
                );
            }
        }
        Ok(())
    };
    if let Err(e) = section() {
        out.push(e);
    }
    let section = || -> Result<()> {
        if let Some(d) = &terms.decisions {
            if d.voting == Voting::People && d.majority == Majority::OfAll {
                return bad(
                    field("decisions.majority"),
                    "a majority of all members cannot be counted in people (a body's number of people is not data)",
                );
            }
        }
        Ok(())
    };
    if let Err(e) = section() {
        out.push(e);
    }
    let section = || -> Result<()> {
        if let Some(p) = &terms.papers {
            match (p.working_days, p.calendar_days) {
                (Some(_), Some(_)) => {
                    return bad(
                        field("papers.calendar_days"),
                        "give `working_days` or `calendar_days`, not both",
                    )
                }
                (None, None) => return bad(field("papers"), "give `working_days` or `calendar_days` of notice"),
                _ => {}
            }
        }
        Ok(())
    };
    if let Err(e) = section() {
        out.push(e);
    }
    let section = || -> Result<()> {
        if let Some(r) = &terms.review {
            if r.interval_months == 0 {
                return bad(
                    field("review.interval_months"),
                    "a review interval must be at least one month",
                );
            }
        }
        Ok(())
    };
    if let Err(e) = section() {
        out.push(e);
    }
    let section = || -> Result<()> {
        match &terms.chair {
            ChairRule::Elected {
                term_months: Some(0), ..
            } => return bad(field("chair.term_months"), "a chair term must be at least one month"),
            ChairRule::Rotating { among, term_months, .. } => {
                if *term_months == 0 {
                    return bad(field("chair.term_months"), "a chair term must be at least one month");
                }
                check_among(
                    field("chair.among"),
                    among,
                    |id| orgs.contains(id),
                    "an organisation of the definition",
                )?;
                if among.len() < 2 {
                    return bad(
                        field("chair.among"),
                        "a rotation passes between at least two organisations",
                    );
                }
            }
            _ => {}
        }
        Ok(())
    };
    if let Err(e) = section() {
        out.push(e);
    }
    let section = || -> Result<()> {
        match &terms.cadence {
            Some(CadenceRule::PerYear { meetings: 0, .. }) => {
                bad(field("cadence.meetings"), "a cadence needs at least one meeting a year")
            }
            Some(CadenceRule::PerPeriod { months, .. }) if ![1, 2, 3, 4, 6, 12].contains(months) => bad(
                field("cadence.months"),
                format!("a period is 1, 2, 3, 4, 6 or 12 months, not {months}"),
            ),
            Some(CadenceRule::MaxGap { days: 0, .. }) => bad(field("cadence.days"), "a gap is at least one day"),
            Some(CadenceRule::InMonths { months, meetings, .. }) => {
                if *meetings == 0 {
                    return bad(field("cadence.meetings"), "a cadence needs at least one meeting");
                }
                if months.is_empty() {
                    return bad(field("cadence.months"), "name at least one month");
                }
                let mut seen = BTreeSet::new();
                for (i, m) in months.iter().enumerate() {
                    if !(1..=12).contains(m) || !seen.insert(*m) {
                        return bad(
                            format!("{}[{i}]", field("cadence.months")),
                            format!("months are 1 to 12, each named once, not {m}"),
                        );
                    }
                }
                Ok(())
            }
            Some(CadenceRule::BeforeEach { body: other, .. }) if !bodies.contains(other.as_str()) => bad(
                field("cadence.body"),
                format!("'{other}' is not a body of the definition"),
            ),
            _ => Ok(()),
        }
    };
    if let Err(e) = section() {
        out.push(e);
    }
}

impl Partnership {
    /// Reads a partnership definition from JSON text (the format of
    /// `tests/vectors/FORMAT.md`) and checks it.
    ///
    /// Errors: `invalid_partnership`, with the path of the offending value
    /// (`bodies[0].seats[2].holders[0].organisation`).
    ///
    /// ```
    /// use kcsp_core::Partnership;
    /// let err = Partnership::from_json("{\"name\": 1}").unwrap_err();
    /// assert_eq!((err.code(), err.field()), ("invalid_partnership", "name"));
    /// let p = Partnership::from_json(r#"{"name": "Northshire CSP",
    ///   "organisations": [{"id": "police", "name": "Police"}],
    ///   "bodies": [{"id": "board", "name": "Board",
    ///     "seats": [{"id": "police", "name": "Police", "holders": [{"organisation": "polise"}]}],
    ///     "terms": [{"quorum": {"basis": "seats", "required": 1},
    ///                "chair": {"kind": "elected", "term_months": 12},
    ///                "review": {"interval_months": 12}}]}]}"#).unwrap_err();
    /// assert_eq!(p.field(), "bodies[0].seats[0].holders[0].organisation");
    /// ```
    pub fn from_json(text: &str) -> Result<Partnership> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            Error::new(
                ErrorKind::InvalidPartnership,
                "",
                format!("the definition is not JSON: {e}"),
            )
        })?;
        Partnership::from_value(&value)
    }

    /// Reads a partnership definition from a JSON value already parsed (a
    /// request's `partnership` key) and checks it; errors as [`from_json`](Self::from_json).
    pub fn from_value(value: &serde_json::Value) -> Result<Partnership> {
        if !value.is_object() {
            return Err(Error::new(
                ErrorKind::InvalidPartnership,
                "",
                "a partnership definition is an object with name, organisations and bodies",
            ));
        }
        let p: Partnership = crate::base::path::deserialize(value).map_err(shape_error)?;
        p.validate()?;
        Ok(p)
    }

    /// A definition from its parts, checked as [`from_json`](Self::from_json)
    /// checks one ([`validate`](Self::validate)): a partnership is only ever
    /// built valid, so the rules never meet one they cannot decide on.
    ///
    /// ```
    /// use kcsp_core::Partnership;
    /// let kent = kcsp_core::Context::kent().partnership();
    /// let copy = Partnership::new(kent.name(), kent.organisations().to_vec(), kent.bodies().to_vec()).unwrap();
    /// assert_eq!(&copy, kent);
    /// let twice = [kent.organisations(), kent.organisations()].concat();
    /// let e = Partnership::new("Twice", twice, kent.bodies().to_vec()).unwrap_err();
    /// assert_eq!((e.code(), e.field()), ("invalid_partnership", "organisations[25].id"));
    /// ```
    pub fn new(name: impl Into<String>, organisations: Vec<Organisation>, bodies: Vec<Body>) -> Result<Partnership> {
        let p = Partnership {
            schema: None,
            name: name.into(),
            organisations,
            bodies,
        };
        p.validate()?;
        Ok(p)
    }

    /// A partnership with nothing in it, for a context whose definition could
    /// not be read (no rule can decide anything on it).
    pub(crate) fn empty() -> Partnership {
        Partnership {
            schema: None,
            name: String::new(),
            organisations: Vec::new(),
            bodies: Vec::new(),
        }
    }

    /// The JSON Schema of a partnership definition (feature `schema`),
    /// derived from these types: what `kcsp-core/schema/partnership.schema.json`
    /// holds, and what the Python and npm packages ship. It checks a
    /// definition's shape (keys, kinds, enumerations, lower bounds, one
    /// form of each rule); [`validate`](Self::validate) also checks what a
    /// schema cannot say (ids that refer to others, repeated ids, dates in
    /// order, a fraction below 1).
    ///
    /// ```
    /// let schema = kcsp_core::Partnership::json_schema();
    /// assert_eq!(schema["title"], "Partnership");
    /// assert!(schema["required"].as_array().unwrap().iter().any(|k| k == "bodies"));
    /// ```
    #[cfg(feature = "schema")]
    pub fn json_schema() -> serde_json::Value {
        let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
        serde_json::to_value(generator.into_root_schema_for::<Partnership>()).unwrap_or_default()
    }

    /// The partnership's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Every organisation the partnership knows, with the dates it existed.
    pub fn organisations(&self) -> &[Organisation] {
        &self.organisations
    }

    /// The organisations that existed on `date`, in the definition's order
    /// (what a form offers for a meeting on that date).
    pub fn organisations_on(&self, date: NaiveDate) -> Vec<&Organisation> {
        self.organisations.iter().filter(|o| o.exists_on(date)).collect()
    }

    /// The organisations of `body` on `date`, in the definition's order: those
    /// holding one of its seats or taking part in it that day (attendee-only
    /// ones included: they attend and never count), or, where its terms that
    /// day open membership to any organisation, every organisation that
    /// existed. What a meeting form of that body offers. Every binding's
    /// `Partnership.organisations(date, body)` is this.
    ///
    /// ```
    /// let kent = kcsp_core::Context::kent().partnership();
    /// let d = chrono::NaiveDate::from_ymd_opt(2022, 7, 14).unwrap();
    /// let svppb = "serious_violence_prevention_partnership_board";
    /// let on = |date| kent.members_on("kcsp", date).unwrap().iter().any(|o| o.id == svppb);
    /// assert!(!on(d)); // it takes part in the KCSP from July 2024
    /// assert!(on(chrono::NaiveDate::from_ymd_opt(2024, 7, 4).unwrap()));
    /// assert_eq!(kent.members_on("cabinet", d).unwrap_err().code(), "unknown_body");
    /// ```
    pub fn members_on(&self, body: &str, date: NaiveDate) -> Result<Vec<&Organisation>> {
        let b = self.body(body)?;
        let open = b.terms_on(date).is_ok_and(|t| t.quorum.open_membership);
        Ok(self
            .organisations_on(date)
            .into_iter()
            .filter(|o| open || b.seat_of(o.id.as_str(), date).is_some() || b.participates(o.id.as_str(), date))
            .collect())
    }

    /// The organisations a binding's `Partnership.organisations(date, body)`
    /// lists: all of them; with a date, those that existed on it
    /// ([`organisations_on`](Self::organisations_on)); with a body too, that
    /// body's ([`members_on`](Self::members_on)). A body without a date is
    /// `invalid_input` at `date`.
    pub fn organisations_for(&self, date: Option<NaiveDate>, body: Option<&str>) -> Result<Vec<&Organisation>> {
        match (date, body) {
            (None, None) => Ok(self.organisations.iter().collect()),
            (Some(d), None) => Ok(self.organisations_on(d)),
            (Some(d), Some(b)) => self.members_on(b, d),
            (None, Some(_)) => Err(Error::new(
                ErrorKind::InvalidInput,
                "date",
                "the organisations of a body are those of a date: give the date too",
            )),
        }
    }

    /// The partnership's bodies, principal body first.
    pub fn bodies(&self) -> &[Body] {
        &self.bodies
    }

    /// The seats of `body` on `date` with the organisation holding each: the
    /// seats that count for its quorum that day (a seat counts while anyone
    /// fills it). Every binding's `Partnership.seats` is this.
    ///
    /// ```
    /// let kent = kcsp_core::Context::kent().partnership();
    /// let d = chrono::NaiveDate::from_ymd_opt(2022, 7, 14).unwrap();
    /// let seats = kent.seats("kcsp", d).unwrap();
    /// assert_eq!(seats.len(), 7);
    /// assert!(seats.iter().any(|s| s.id == "health" && s.holder == "nhs_kent_and_medway"));
    /// assert_eq!(kent.seats("cabinet", d).unwrap_err().code(), "unknown_body");
    /// ```
    pub fn seats(&self, body: &str, date: NaiveDate) -> Result<Vec<SeatOnDate>> {
        let b = self.body(body)?;
        Ok(b.seats
            .iter()
            .filter_map(|s| {
                s.holders.iter().find(|h| h.covers(date)).map(|h| SeatOnDate {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    holder: h.organisation.clone(),
                })
            })
            .collect())
    }

    /// The definition as JSON text, in the format [`from_json`](Self::from_json) reads.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks the definition is consistent: ids not repeated, seat holders
    /// and participants naming listed organisations, at least one set of
    /// terms per body, a quorum of at least one (one form of it: `basis` and
    /// `required`, or a non-empty `all`; each condition's `among` naming
    /// seats of the body or organisations of the definition, once each; a
    /// fraction above 0 and at most 1), a removal fraction strictly between
    /// 0 and 1, no majority of all members counted in people, exactly one of
    /// working or calendar days of notice, a rotation between at least two
    /// organisations of the definition, cadence periods of 1, 2, 3, 4, 6 or
    /// 12 months, cadence months 1 to 12 named once, numbers of meetings and
    /// days of at least 1, and (beyond FORMAT's list) at most [`MAX_SEATS`]
    /// seats a body, periods that do not end
    /// before they start, positive review intervals and chair terms, a seat
    /// quorum only on a body with seats, no two terms from the same date, and
    /// a `before_each` cadence naming a body of the definition.
    pub fn validate(&self) -> Result<()> {
        match self.problems().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Every problem of the definition at once, in the order of the
    /// definition (the first is what [`validate`](Self::validate) gives):
    /// what a page that checks a council's own definition lists.
    pub fn problems(&self) -> Vec<Error> {
        let mut out = Vec::new();
        fn keep(out: &mut Vec<Error>, r: Result<()>) {
            if let Err(e) = r {
                out.push(e);
            }
        }
        let mut orgs = BTreeSet::new();
        for (i, o) in self.organisations.iter().enumerate() {
            if !orgs.insert(o.id.as_str()) {
                keep(
                    &mut out,
                    bad(
                        format!("organisations[{i}].id"),
                        format!("organisation '{}' is listed twice", o.id),
                    ),
                );
            }
            if let (Some(f), Some(t)) = (o.from, o.to) {
                if f > t {
                    keep(
                        &mut out,
                        bad(
                            format!("organisations[{i}].to"),
                            format!("'{}' ends ({t}) before it starts ({f})", o.id),
                        ),
                    );
                }
            }
        }
        let bodies: BTreeSet<&str> = self.bodies.iter().map(|b| b.id.as_str()).collect();
        let mut seen_bodies = BTreeSet::new();
        for (b, body) in self.bodies.iter().enumerate() {
            if !seen_bodies.insert(body.id.as_str()) {
                keep(
                    &mut out,
                    bad(format!("bodies[{b}].id"), format!("body '{}' is listed twice", body.id)),
                );
            }
            let tenure = |field: String, t: &Tenure, what: &str| -> Result<()> {
                if !orgs.contains(t.organisation.as_str()) {
                    return bad(
                        format!("{field}.organisation"),
                        format!("{what} '{}' is not a listed organisation", t.organisation),
                    );
                }
                if let (Some(f), Some(to)) = (t.from, t.to) {
                    if f > to {
                        return bad(
                            format!("{field}.to"),
                            format!("the tenure ends ({to}) before it starts ({f})"),
                        );
                    }
                }
                Ok(())
            };
            if body.seats.len() > MAX_SEATS {
                keep(
                    &mut out,
                    bad(
                        format!("bodies[{b}].seats"),
                        format!("a body has at most {MAX_SEATS} seats, not {}", body.seats.len()),
                    ),
                );
            }
            let mut seats = BTreeSet::new();
            for (s, seat) in body.seats.iter().enumerate() {
                if !seats.insert(seat.id.as_str()) {
                    keep(
                        &mut out,
                        bad(
                            format!("bodies[{b}].seats[{s}].id"),
                            format!("seat '{}' is listed twice", seat.id),
                        ),
                    );
                }
                for (h, t) in seat.holders.iter().enumerate() {
                    keep(
                        &mut out,
                        tenure(format!("bodies[{b}].seats[{s}].holders[{h}]"), t, "seat holder"),
                    );
                }
            }
            for (p, t) in body.participants.iter().enumerate() {
                keep(
                    &mut out,
                    tenure(format!("bodies[{b}].participants[{p}]"), t, "participant"),
                );
            }
            if body.terms.is_empty() {
                keep(
                    &mut out,
                    bad(
                        format!("bodies[{b}].terms"),
                        format!("body '{}' has no terms of reference", body.id),
                    ),
                );
            }
            let mut froms = BTreeSet::new();
            for (t, terms) in body.terms.iter().enumerate() {
                let field = |rest: &str| format!("bodies[{b}].terms[{t}].{rest}");
                if !froms.insert(terms.from) {
                    keep(
                        &mut out,
                        bad(field("from"), "two sets of terms apply from the same date"),
                    );
                }
                check_terms(terms, body, &orgs, &bodies, &field, &mut out);
            }
        }
        out
    }

    /// Every problem of a definition given as JSON text, at once: its shape
    /// read element by element (each organisation, seat, participant and
    /// set of terms on its own), then, when every element reads,
    /// [`problems`](Self::problems). Empty when the definition is valid.
    ///
    /// ```
    /// use kcsp_core::Partnership;
    /// let found = Partnership::problems_in_json(r#"{"name": "Northshire CSP",
    ///   "organisations": [{"id": "Police", "name": "Police"}, {"id": "council", "name": "Council", "colour": "red"}],
    ///   "bodies": [{"id": "board", "name": "Board", "terms": [{"quorum": {"basis": "seats"}}]}]}"#);
    /// let fields: Vec<&str> = found.iter().map(|e| e.field()).collect();
    /// assert_eq!(fields, ["organisations[0].id", "organisations[1].colour", "bodies[0].terms[0].chair"]);
    /// ```
    pub fn problems_in_json(text: &str) -> Vec<Error> {
        let value: serde_json::Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                return vec![Error::new(
                    ErrorKind::InvalidPartnership,
                    "",
                    format!("the definition is not JSON: {e}"),
                )]
            }
        };
        match Partnership::from_value(&value) {
            Ok(p) => return p.problems(),
            Err(e) if !e.message().starts_with("not a partnership definition") => {
                // It reads: its problems are of meaning, all found at once.
                if let Ok(p) = crate::base::path::deserialize::<Partnership>(&value) {
                    return p.problems();
                }
                return vec![e];
            }
            Err(_) => {}
        }
        let mut out = Vec::new();
        shape_of(&value, &mut out);
        if out.is_empty() {
            if let Err(e) = Partnership::from_value(&value) {
                out.push(e);
            }
        }
        out
    }

    /// The body with this id.
    ///
    /// ```
    /// use kcsp_core::Context;
    /// let kent = Context::kent().partnership();
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

    /// The partnership's principal body: the first its definition lists
    /// (for Kent, the KCSP). Rules whose `body` is optional use it.
    /// Errors: `unknown_body` for a definition with no bodies.
    pub fn principal_body(&self) -> Result<&str> {
        self.bodies.first().map(|b| b.id.as_str()).ok_or_else(|| {
            Error::new(
                ErrorKind::UnknownBody,
                "body",
                format!("the {} has no bodies", self.name),
            )
        })
    }

    /// `e` with the organisation `id` in its details: `value` (the id) and,
    /// when the partnership lists it, `name` (what a public message shows).
    pub(crate) fn naming(&self, e: Error, id: &str) -> Error {
        let e = e.with("value", id);
        match self.organisation(id) {
            Some(o) => e.with("name", o.name.as_str()),
            None => e,
        }
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
    pub(crate) fn resolve(&self, field: &str, id: &str, date: NaiveDate, open: bool) -> Result<Attendee> {
        let org = OrgId::parse(field, id)?;
        match self.organisation(id) {
            Some(o) if o.exists_on(date) => Ok(Attendee {
                id: org,
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
                .with("value", o.id.as_str())
                .with("name", o.name.as_str()))
            }
            None if open => Ok(Attendee {
                id: org,
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

/// A serde error while reading a definition, as `invalid_partnership` at its path.
fn shape_error((path, e): (String, crate::base::path::Problem)) -> Error {
    Error::new(
        ErrorKind::InvalidPartnership,
        e.field(&path),
        format!("not a partnership definition: {e}"),
    )
}

/// An attendee id resolved against a partnership on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attendee {
    /// The id.
    pub id: OrgId,
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
    pub fn seat_of(&self, org: &str, date: NaiveDate) -> Option<&Seat> {
        self.holding(org, date).map(|(s, _)| s)
    }

    /// The seat `org` filled on `date` and the tenure it filled it by.
    pub fn holding(&self, org: &str, date: NaiveDate) -> Option<(&Seat, &Tenure)> {
        self.seats.iter().find_map(|s| {
            s.holders
                .iter()
                .find(|h| h.organisation == org && h.covers(date))
                .map(|h| (s, h))
        })
    }

    /// The participation of `org` in the body on `date`, if any.
    pub fn participation(&self, org: &str, date: NaiveDate) -> Option<&Tenure> {
        self.participants
            .iter()
            .find(|t| t.organisation == org && t.covers(date))
    }

    /// The seats of the body on `date` (a seat counts while anyone fills it).
    pub fn seats_on(&self, date: NaiveDate) -> Vec<&Seat> {
        self.seats
            .iter()
            .filter(|s| s.holders.iter().any(|h| h.covers(date)))
            .collect()
    }

    /// Whether `org` is a co-operating or participating body on `date`.
    pub fn participates(&self, org: &str, date: NaiveDate) -> bool {
        self.participation(org, date).is_some()
    }
}

#[cfg(feature = "python")]
crate::base::python::as_serde_text!(QuorumBasis, MajorityBasis, NoticeCounting, Voting, Majority);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::dates::parse_date;
    use crate::definitions::context::Context;
    use serde_json::json;

    fn d(s: &str) -> NaiveDate {
        parse_date("d", s).unwrap()
    }

    fn kent() -> &'static Partnership {
        Context::kent().partnership()
    }

    #[test]
    fn kent_is_valid_and_round_trips() {
        kent().validate().unwrap();
        assert_eq!(&Partnership::from_json(&kent().to_json()).unwrap(), kent());
    }

    #[test]
    fn health_seat_changes_hands_on_1_july_2022() {
        let kcsp = kent().body("kcsp").unwrap();
        assert_eq!(
            kcsp.seat_of("kent_and_medway_ccg", d("2022-06-30")).unwrap().id,
            "health"
        );
        assert!(kcsp.seat_of("kent_and_medway_ccg", d("2022-07-01")).is_none());
        assert!(kcsp.seat_of("nhs_kent_and_medway", d("2022-06-30")).is_none());
        assert_eq!(
            kcsp.seat_of("nhs_kent_and_medway", d("2022-07-01")).unwrap().id,
            "health"
        );
        assert_eq!(kcsp.seats_on(d("2022-06-30")).len(), 7);
        assert_eq!(kcsp.seats_on(d("2022-07-01")).len(), 7);
    }

    #[test]
    fn resolve_distinguishes_unknown_and_not_current() {
        let kent = kent();
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
        assert_eq!((e.code(), e.field()), ("unknown_organisation", "present[0]"));
        assert!(kent.resolve("p", "medway_council", d("2022-07-01"), true).is_ok());
    }

    #[test]
    fn svppb_joins_in_the_2024_review() {
        let kcsp = kent().body("kcsp").unwrap();
        let svppb = "serious_violence_prevention_partnership_board";
        assert!(!kcsp.participates(svppb, d("2024-07-03")));
        assert!(kcsp.participates(svppb, d("2024-07-04")));
    }

    #[test]
    fn terms_are_looked_up_by_date() {
        let mut kent = kent().clone();
        let body = kent.bodies.iter_mut().find(|b| b.id == "kcsp").unwrap();
        let mut later = body.terms[0].clone();
        later.from = Some(d("2030-01-01"));
        later.quorum.required = Some(5);
        body.terms.push(later);
        let body = kent.body("kcsp").unwrap();
        assert_eq!(body.terms_on(d("2029-12-31")).unwrap().quorum.required, Some(4));
        assert_eq!(body.terms_on(d("2030-01-01")).unwrap().quorum.required, Some(5));
        let mut only_later = body.clone();
        only_later.terms.retain(|t| t.from == Some(d("2030-01-01")));
        assert_eq!(
            only_later.terms_on(d("2029-12-31")).unwrap_err().code(),
            "no_rules_in_force"
        );
    }

    /// A small valid definition to break one way at a time.
    fn base() -> serde_json::Value {
        json!({"name": "Northshire CSP",
            "organisations": [{"id": "police", "name": "Police"}, {"id": "council", "name": "Council"},
                              {"id": "housing", "name": "Housing"}],
            "bodies": [{"id": "board", "name": "Board",
                "seats": [{"id": "police", "name": "Police", "holders": [{"organisation": "police"}]},
                          {"id": "council", "name": "Council", "holders": [{"organisation": "council", "to": "2020-12-31"}]}],
                "participants": [{"organisation": "housing"}],
                "terms": [{"quorum": {"basis": "seats", "required": 2},
                           "chair": {"kind": "elected", "term_months": 12},
                           "removal": {"numerator": 1, "denominator": 2},
                           "review": {"interval_months": 12},
                           "cadence": {"kind": "before_each", "body": "board"}}]}]})
    }

    fn field_of(change: impl FnOnce(&mut serde_json::Value)) -> String {
        let mut v = base();
        change(&mut v);
        let e = Partnership::from_value(&v).unwrap_err();
        assert_eq!(e.code(), "invalid_partnership", "{e}");
        e.field().to_string()
    }

    #[test]
    fn every_inconsistency_format_names_has_its_field() {
        assert!(Partnership::from_value(&base()).is_ok());
        type Change = Box<dyn FnOnce(&mut serde_json::Value)>;
        let cases: Vec<(&str, Change)> = vec![
            (
                "bodies[0].seats[1].holders[0].organisation",
                Box::new(|v| v["bodies"][0]["seats"][1]["holders"][0]["organisation"] = json!("nobody")),
            ),
            (
                "bodies[0].participants[0].organisation",
                Box::new(|v| v["bodies"][0]["participants"][0]["organisation"] = json!("nobody")),
            ),
            (
                "organisations[1].id",
                Box::new(|v| v["organisations"][1]["id"] = json!("police")),
            ),
            (
                "bodies[1].id",
                Box::new(|v| {
                    let b = v["bodies"][0].clone();
                    v["bodies"].as_array_mut().unwrap().push(b)
                }),
            ),
            ("bodies[0].terms", Box::new(|v| v["bodies"][0]["terms"] = json!([]))),
            (
                "bodies[0].terms[0].quorum.required",
                Box::new(|v| v["bodies"][0]["terms"][0]["quorum"]["required"] = json!(0)),
            ),
            (
                "bodies[0].terms[0].removal",
                Box::new(|v| v["bodies"][0]["terms"][0]["removal"]["numerator"] = json!(2)),
            ),
            (
                "bodies[0].terms[0].removal",
                Box::new(|v| v["bodies"][0]["terms"][0]["removal"]["numerator"] = json!(0)),
            ),
            (
                "bodies[0].terms[0].cadence.body",
                Box::new(|v| v["bodies"][0]["terms"][0]["cadence"]["body"] = json!("cabinet")),
            ),
            (
                "bodies[0].terms[0].quorum.colour",
                Box::new(|v| v["bodies"][0]["terms"][0]["quorum"]["colour"] = json!("red")),
            ),
            (
                "bodies[0].terms[0].quorum.basis",
                Box::new(|v| v["bodies"][0]["terms"][0]["quorum"]["basis"] = json!("crowd")),
            ),
            (
                "organisations[0].from",
                Box::new(|v| v["organisations"][0]["from"] = json!("2020-02-30")),
            ),
            (
                "bodies[0].seats[0].id",
                Box::new(|v| v["bodies"][0]["seats"][0]["id"] = json!("Police Seat")),
            ),
            (
                "bodies[0].seats[1].holders[0].to",
                Box::new(|v| v["bodies"][0]["seats"][1]["holders"][0]["from"] = json!("2021-01-01")),
            ),
            (
                "bodies[0].terms[0].chair.kind",
                Box::new(|v| v["bodies"][0]["terms"][0]["chair"] = json!({"kind": "appointed"})),
            ),
            (
                "bodies[0].terms[0].quorum.all",
                Box::new(|v| v["bodies"][0]["terms"][0]["quorum"] = json!({"all": []})),
            ),
            (
                "bodies[0].terms[0].quorum.basis",
                Box::new(|v| v["bodies"][0]["terms"][0]["quorum"]["all"] = json!([{"count": "seats", "at_least": 1}])),
            ),
            (
                "bodies[0].terms[0].quorum.all[1].among[0]",
                Box::new(|v| {
                    v["bodies"][0]["terms"][0]["quorum"] = json!({"all": [{"count": "people", "at_least": 2},
                        {"count": "seats", "among": ["housing"], "at_least": 1}]})
                }),
            ),
            (
                "bodies[0].terms[0].quorum.all[0].among[1]",
                Box::new(|v| {
                    v["bodies"][0]["terms"][0]["quorum"] =
                        json!({"all": [{"count": "people", "among": ["police", "police"], "at_least": 2}]})
                }),
            ),
            (
                "bodies[0].terms[0].quorum.all[0].at_least",
                Box::new(|v| {
                    v["bodies"][0]["terms"][0]["quorum"] =
                        json!({"all": [{"count": "organisations", "at_least": {"numerator": 3, "denominator": 2}}]})
                }),
            ),
            (
                "bodies[0].terms[0].chair.among",
                Box::new(|v| {
                    v["bodies"][0]["terms"][0]["chair"] =
                        json!({"kind": "rotating", "among": ["police"], "term_months": 12, "from": "2021-05-01"})
                }),
            ),
            (
                "bodies[0].terms[0].chair.among[1]",
                Box::new(
                    |v| v["bodies"][0]["terms"][0]["chair"] = json!({"kind": "rotating", "among": ["police", "police"], "term_months": 12, "from": "2021-05-01"}),
                ),
            ),
            (
                "bodies[0].terms[0].papers.calendar_days",
                Box::new(|v| v["bodies"][0]["terms"][0]["papers"] = json!({"working_days": 5, "calendar_days": 7})),
            ),
            (
                "bodies[0].terms[0].papers",
                Box::new(|v| v["bodies"][0]["terms"][0]["papers"] = json!({"counting": "clear"})),
            ),
            (
                "bodies[0].terms[0].cadence.months",
                Box::new(|v| v["bodies"][0]["terms"][0]["cadence"] = json!({"kind": "per_period", "months": 5})),
            ),
            (
                "bodies[0].terms[0].cadence.months[1]",
                Box::new(|v| {
                    v["bodies"][0]["terms"][0]["cadence"] =
                        json!({"kind": "in_months", "months": [10, 10], "meetings": 1})
                }),
            ),
            (
                "bodies[0].terms[0].cadence.days",
                Box::new(|v| v["bodies"][0]["terms"][0]["cadence"] = json!({"kind": "max_gap", "days": 0})),
            ),
            (
                "bodies[0].terms[0].decisions.majority",
                Box::new(|v| {
                    v["bodies"][0]["terms"][0]["decisions"] = json!({"voting": "people", "majority": "of_all"})
                }),
            ),
        ];
        for (want, change) in cases {
            assert_eq!(field_of(change), want);
        }
    }

    #[test]
    fn at_least_is_a_number_or_a_fraction_and_nothing_else() {
        let read = |v: serde_json::Value| crate::base::path::deserialize::<AtLeast>(&v).map_err(|e| e.0);
        assert_eq!(read(json!(4)), Ok(AtLeast::Number(4)));
        assert_eq!(
            read(json!({"numerator": 1, "denominator": 3})),
            Ok(AtLeast::Fraction {
                numerator: 1,
                denominator: 3
            })
        );
        for bad in [
            json!(-1),
            json!("4"),
            json!(4.5),
            json!({"numerator": 1}),
            json!({"numerator": 1, "denominator": 3, "of": "seats"}),
        ] {
            assert!(read(bad.clone()).is_err(), "{bad}");
        }
        // Written back as read.
        assert_eq!(serde_json::to_value(AtLeast::Number(4)).unwrap(), json!(4));
    }

    #[test]
    fn every_problem_is_found_at_once() {
        let mut v = base();
        v["bodies"][0]["seats"][1]["holders"][0]["organisation"] = json!("nobody");
        v["bodies"][0]["terms"][0]["cadence"]["body"] = json!("cabinet");
        v["bodies"][0]["terms"][0]["quorum"]["required"] = json!(0);
        let found = Partnership::problems_in_json(&v.to_string());
        let fields: Vec<&str> = found.iter().map(Error::field).collect();
        assert_eq!(
            fields,
            [
                "bodies[0].seats[1].holders[0].organisation",
                "bodies[0].terms[0].quorum.required",
                "bodies[0].terms[0].cadence.body"
            ]
        );
        // The first is what reading it gives.
        assert_eq!(Partnership::from_value(&v).unwrap_err().field(), fields[0]);
        // Shape problems in two sets of terms are both found.
        let mut v = base();
        let mut later = v["bodies"][0]["terms"][0].clone();
        later["from"] = json!("2024-02-30");
        v["bodies"][0]["terms"][0]["papers"] = json!({"days": 5});
        v["bodies"][0]["terms"].as_array_mut().unwrap().push(later);
        let found = Partnership::problems_in_json(&v.to_string());
        let fields: Vec<&str> = found.iter().map(Error::field).collect();
        assert_eq!(fields, ["bodies[0].terms[0].papers.days", "bodies[0].terms[1].from"]);
        assert!(Partnership::problems_in_json(&base().to_string()).is_empty());
    }

    #[test]
    fn citations_are_one_or_many_and_written_back_as_given() {
        let mut v = base();
        let c = json!({"document": "ToR", "section": "§5", "summary": "Two make a quorum."});
        v["bodies"][0]["terms"][0]["quorum"]["citation"] = c.clone();
        v["bodies"][0]["terms"][0]["review"]["citation"] = json!([c.clone(), c.clone()]);
        let p = Partnership::from_value(&v).unwrap();
        assert_eq!(p.bodies[0].terms[0].quorum.citation.len(), 1);
        assert_eq!(p.bodies[0].terms[0].review.as_ref().unwrap().citation.len(), 2);
        let back: serde_json::Value = serde_json::from_str(&p.to_json()).unwrap();
        assert_eq!(back["bodies"][0]["terms"][0]["quorum"]["citation"], c);
        assert_eq!(
            back["bodies"][0]["terms"][0]["review"]["citation"],
            json!([c.clone(), c])
        );
        assert_eq!(Partnership::from_json(&p.to_json()).unwrap(), p);
    }
}
