//! Errors with stable codes.
//!
//! Every failure the library reports is an [`Error`]: a [`ErrorKind`] (whose
//! [`code`](ErrorKind::code) is a stable snake_case string, part of the
//! public API in Rust, Python and JavaScript alike), the input field it
//! concerns (for example `present[2]` or `projects[1].amount`), a readable
//! message, and optional details (the offending value, what was allowed).
//!
//! The catalogue below lists every code. It is generated from
//! [`ErrorKind::ALL`] and the cross-language cases of
//! `tests/errors/catalogue.json`, and checked by `tests/error_catalogue.rs`
//! (regenerate with `KCSP_BLESS=1 cargo test --test error_catalogue`).
//!
#![doc = include_str!("../../ERRORS.md")]

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// The family of an error kind: what a binding maps to one exception class
/// (Python's `InputError`, `GovernanceError`, …). Not `non_exhaustive`: a new
/// family is a change every binding must handle, and its exhaustive `match`
/// makes the compiler say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorDomain {
    /// Malformed input: dates, ids, amounts, unknown keys.
    Input,
    /// A bank-holiday calendar that could not be read or used.
    Calendar,
    /// Quorum, removal votes, papers, reviews, chair terms, cadence, the
    /// partnership's definition.
    Governance,
    /// Money and the Crime Reduction Grant.
    Grant,
    /// The Domestic Homicide Review protocol and the action plans.
    Dhr,
}

impl ErrorDomain {
    /// Every family.
    pub const ALL: &'static [ErrorDomain] = &[
        ErrorDomain::Input,
        ErrorDomain::Calendar,
        ErrorDomain::Governance,
        ErrorDomain::Grant,
        ErrorDomain::Dhr,
    ];

    /// The family's name: `input`, `calendar`, `governance`, `grant`, `dhr`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorDomain::Input => "input",
            ErrorDomain::Calendar => "calendar",
            ErrorDomain::Governance => "governance",
            ErrorDomain::Grant => "grant",
            ErrorDomain::Dhr => "dhr",
        }
    }

    /// What the family's errors are about, in a line (the docs of each
    /// binding's error class for it).
    ///
    /// ```
    /// use kcsp_core::ErrorDomain;
    /// assert_eq!(ErrorDomain::Grant.about(), "Money and the Crime Reduction Grant.");
    /// ```
    pub const fn about(self) -> &'static str {
        match self {
            ErrorDomain::Input => "Malformed input: dates, ids, amounts, unknown keys.",
            ErrorDomain::Calendar => "A bank-holiday calendar that could not be read or used.",
            ErrorDomain::Governance => {
                "Quorum, removal votes, papers, reviews, chair terms, cadence, the partnership's definition."
            }
            ErrorDomain::Grant => "Money and the Crime Reduction Grant.",
            ErrorDomain::Dhr => "The Domestic Homicide Review protocol and the action plans.",
        }
    }
}

impl fmt::Display for ErrorDomain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! error_kinds {
    ($( #[doc = $meaning:literal] $variant:ident => $code:literal, $domain:ident; )*) => {
        /// What went wrong, as a closed list. Each kind has a stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum ErrorKind {
            $( #[doc = $meaning] $variant, )*
        }

        impl ErrorKind {
            /// Every kind, in catalogue order.
            pub const ALL: &'static [ErrorKind] = &[$(ErrorKind::$variant),*];

            /// The stable snake_case code, e.g. `"unknown_organisation"`.
            ///
            /// ```
            /// use kcsp_core::ErrorKind;
            /// assert_eq!(ErrorKind::InquorateMeeting.code(), "inquorate_meeting");
            /// ```
            pub const fn code(self) -> &'static str {
                match self { $(ErrorKind::$variant => $code,)* }
            }

            /// The family the kind belongs to ([`ErrorDomain`]). The Python
            /// binding raises one exception subclass per family.
            ///
            /// ```
            /// use kcsp_core::{ErrorDomain, ErrorKind};
            /// assert_eq!(ErrorKind::DuplicateVote.domain(), ErrorDomain::Governance);
            /// assert_eq!(ErrorKind::DuplicateVote.domain().as_str(), "governance");
            /// ```
            pub const fn domain(self) -> ErrorDomain {
                match self { $(ErrorKind::$variant => ErrorDomain::$domain,)* }
            }

            /// What the code means, in one sentence (the catalogue's wording).
            ///
            /// ```
            /// use kcsp_core::ErrorKind;
            /// assert_eq!(ErrorKind::DuplicateVote.meaning(), "A seat voted more than once.");
            /// ```
            pub const fn meaning(self) -> &'static str {
                match self { $(ErrorKind::$variant => $meaning.trim_ascii(),)* }
            }

            /// The kind with this code, if there is one.
            ///
            /// ```
            /// use kcsp_core::ErrorKind;
            /// assert_eq!(ErrorKind::from_code("duplicate_vote"), Some(ErrorKind::DuplicateVote));
            /// assert_eq!(ErrorKind::from_code("nope"), None);
            /// ```
            pub fn from_code(code: &str) -> Option<ErrorKind> {
                match code { $($code => Some(ErrorKind::$variant),)* _ => None }
            }
        }
    };
}

error_kinds! {
    /// A value that should be an ISO `YYYY-MM-DD` date is not one.
    InvalidDate => "invalid_date", Input;
    /// A date, or a date computed from it, is outside the range the rule supports.
    DateOutOfRange => "date_out_of_range", Input;
    /// An input is missing, of the wrong type, or not understood.
    InvalidInput => "invalid_input", Input;
    /// The body id is not one the partnership defines.
    UnknownBody => "unknown_body", Governance;
    /// The organisation id is not one the partnership knows.
    UnknownOrganisation => "unknown_organisation", Governance;
    /// The organisation id is known but did not exist on the date asked about.
    OrganisationNotCurrent => "organisation_not_current", Governance;
    /// No terms of reference (or, for the grant, no scheme) were in force on the date or year asked about.
    NoRulesInForce => "no_rules_in_force", Governance;
    /// A partnership definition given as data is inconsistent.
    InvalidPartnership => "invalid_partnership", Governance;
    /// The office is not `chair` or `vice_chair`.
    UnknownOffice => "unknown_office", Governance;
    /// The body's terms of reference provide no removal vote.
    NoRemovalRule => "no_removal_rule", Governance;
    /// A removal vote was held at a meeting that was not quorate.
    InquorateMeeting => "inquorate_meeting", Governance;
    /// A vote came from an organisation that holds no responsible-authority seat.
    VoteWithoutSeat => "vote_without_seat", Governance;
    /// A vote came from a seat not represented at the meeting.
    VoterNotPresent => "voter_not_present", Governance;
    /// A seat voted more than once.
    DuplicateVote => "duplicate_vote", Governance;
    /// A voter voted both for and against a motion.
    VotedBothWays => "voted_both_ways", Governance;
    /// The body's terms of reference say nothing about how a motion is decided.
    NoDecisionRule => "no_decision_rule", Governance;
    /// The body's terms of reference say nothing about reviewing them.
    NoReviewRule => "no_review_rule", Governance;
    /// The papers were circulated after the meeting.
    CirculatedAfterMeeting => "circulated_after_meeting", Governance;
    /// The body has no papers-notice rule.
    NoNoticeRule => "no_notice_rule", Governance;
    /// No approval (or election) date was given.
    NoApprovals => "no_approvals", Governance;
    /// An approval (or election) date lies after the as-of date.
    ApprovalAfterAsOf => "approval_after_as_of", Governance;
    /// The body's terms of reference set no meeting cadence.
    NoCadenceRule => "no_cadence_rule", Governance;
    /// An action plan has no items.
    NoActions => "no_actions", Governance;
    /// Two items of an action plan have the same id.
    DuplicateAction => "duplicate_action", Governance;
    /// A timescale is not a month (`2023-03`, `March 2023`) or `Ongoing`.
    InvalidTimescale => "invalid_timescale", Input;
    /// The office has no fixed term (the KCSP Chair is ex officio).
    NoFixedTerm => "no_fixed_term", Governance;
    /// A bank-holiday calendar given as data could not be read.
    InvalidCalendar => "invalid_calendar", Calendar;
    /// A money amount is not a decimal number of pounds.
    InvalidAmount => "invalid_amount", Grant;
    /// A money amount is negative.
    NegativeAmount => "negative_amount", Grant;
    /// A money amount has more than two decimal places.
    TooManyDecimalPlaces => "too_many_decimal_places", Grant;
    /// A money amount is larger than the library accepts (a trillion pounds).
    AmountTooLarge => "amount_too_large", Grant;
    /// A financial year label is not of the form `2022/23`.
    InvalidFinancialYear => "invalid_financial_year", Grant;
    /// The grant share is larger than the project's total cost.
    GrantExceedsCost => "grant_exceeds_cost", Grant;
    /// Two projects in one ledger have the same name.
    DuplicateProject => "duplicate_project", Grant;
    /// A decision is not one of the allowed values.
    InvalidDecision => "invalid_decision", Grant;
    /// A funding round is not `upfront` or `tactical`.
    InvalidRound => "invalid_round", Grant;
    /// Money was spent on a project that was not approved.
    SpendOnUnapprovedProject => "spend_on_unapproved_project", Grant;
    /// Approved upfront projects exceed the upfront pot.
    UpfrontApprovalsExceedPot => "upfront_approvals_exceed_pot", Grant;
    /// Approved tactical projects exceed the money available to the tactical pot.
    TacticalApprovalsExceedAvailable => "tactical_approvals_exceed_available", Grant;
    /// A tactical project was approved or paid while the pot was closed.
    TacticalPotClosed => "tactical_pot_closed", Grant;
    /// Total spending exceeds the allocation.
    SpendExceedsAllocation => "spend_exceeds_allocation", Grant;
    /// The as-of date is before the notification.
    AsOfBeforeNotified => "as_of_before_notified", Dhr;
    /// A decision was given without the date it was made.
    DecisionWithoutDate => "decision_without_date", Dhr;
    /// A decision date was given without the decision.
    DateWithoutDecision => "date_without_decision", Dhr;
    /// The decision is dated before the notification.
    DecidedBeforeNotified => "decided_before_notified", Dhr;
    /// The overview report is dated before the decision.
    SubmittedBeforeDecision => "submitted_before_decision", Dhr;
    /// An overview report was submitted for a review that was not commissioned.
    SubmittedWithoutCommission => "submitted_without_commission", Dhr;
    /// An event is dated after the as-of date.
    EventAfterAsOf => "event_after_as_of", Dhr;
    /// A stage does not legally follow the one before.
    InvalidTransition => "invalid_transition", Dhr;
    /// A stage name is not one the protocol knows.
    UnknownStage => "unknown_stage", Dhr;
    /// Events of a case timeline are not in date order.
    EventsOutOfOrder => "events_out_of_order", Dhr;
    /// No protocol version was in force on the notification date.
    NoProtocolInForce => "no_protocol_in_force", Dhr;
    /// A deadline extension is inconsistent (earlier than the deadline it extends, or for a deadline that does not apply).
    InvalidExtension => "invalid_extension", Dhr;
    /// A case was closed while actions of its plan were incomplete.
    ActionsIncomplete => "actions_incomplete", Dhr;
    /// An action status is not one of the allowed values (for a review's plan `open`, `in_progress`, `complete`; for the Community Safety Agreement's plan `complete`, `in_progress`, `incomplete`).
    InvalidActionStatus => "invalid_action_status", Dhr;
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A failure: its kind (and stable code), the input field it concerns, a
/// readable message and details.
///
/// ```
/// use kcsp_core::{Money, ErrorKind};
/// let err = Money::parse("allocation", "-1").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::NegativeAmount);
/// assert_eq!(err.code(), "negative_amount");
/// assert_eq!(err.field(), "allocation");
/// assert!(err.to_string().contains("negative"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Error {
    kind: ErrorKind,
    code: &'static str,
    field: String,
    message: String,
    details: BTreeMap<String, String>,
}

impl Error {
    /// A new error of `kind` about `field`. A message longer than
    /// [`MAX_MESSAGE`] characters is cut short (with `…`), so that no input,
    /// however large, makes an enormous error.
    pub fn new(kind: ErrorKind, field: impl Into<String>, message: impl Into<String>) -> Self {
        let message = message.into();
        Error {
            kind,
            code: kind.code(),
            field: field.into(),
            message: shorten(&message, MAX_MESSAGE),
            details: BTreeMap::new(),
        }
    }

    /// Adds a detail (for example `value`, `allowed`).
    #[must_use]
    pub fn with(mut self, key: &str, value: impl Into<String>) -> Self {
        self.details.insert(key.to_string(), value.into());
        self
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The stable snake_case code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The input field the error concerns (`""` when it concerns the whole input).
    pub fn field(&self) -> &str {
        &self.field
    }

    /// A readable message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Further details, such as the offending `value` or what was `allowed`.
    pub fn details(&self) -> &BTreeMap<String, String> {
        &self.details
    }

    /// The same error reported under another field name (used when a value
    /// parsed in one place belongs to a field of a larger input).
    #[must_use]
    pub fn at(mut self, field: impl Into<String>) -> Self {
        self.field = field.into();
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}: {}", self.code, self.message)
        } else {
            write!(f, "{} ({}): {}", self.code, self.field, self.message)
        }
    }
}

impl std::error::Error for Error {}

/// The result type of every fallible function of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The longest message an [`Error`] carries, in characters (longer ones end in `…`).
pub const MAX_MESSAGE: usize = 500;

/// The first `max` characters of `value`, with `…` when there were more.
fn shorten(value: &str, max: usize) -> String {
    match value.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", value.get(..cut).unwrap_or_default()),
        None => value.to_string(),
    }
}

/// Shortens a value for quoting in a message, so that an enormous input
/// cannot produce an enormous error.
pub(crate) fn quote(value: &str) -> String {
    shorten(value, 40)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case_and_round_trip() {
        let mut seen = std::collections::BTreeSet::new();
        for kind in ErrorKind::ALL {
            let code = kind.code();
            assert!(seen.insert(code), "duplicate code {code}");
            assert!(code.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
            assert_eq!(ErrorKind::from_code(code), Some(*kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), code);
        }
    }

    #[test]
    fn format_codes_are_all_present() {
        // The codes FORMAT.md names for the twelve rules.
        for code in [
            "unknown_body",
            "unknown_organisation",
            "organisation_not_current",
            "invalid_date",
            "unknown_office",
            "inquorate_meeting",
            "vote_without_seat",
            "voter_not_present",
            "duplicate_vote",
            "circulated_after_meeting",
            "no_approvals",
            "approval_after_as_of",
            "no_fixed_term",
            "invalid_amount",
            "negative_amount",
            "too_many_decimal_places",
            "grant_exceeds_cost",
            "invalid_financial_year",
            "duplicate_project",
            "invalid_decision",
            "invalid_round",
            "spend_on_unapproved_project",
            "upfront_approvals_exceed_pot",
            "tactical_approvals_exceed_available",
            "tactical_pot_closed",
            "as_of_before_notified",
            "decision_without_date",
            "decided_before_notified",
            "submitted_before_decision",
            "submitted_without_commission",
            "event_after_as_of",
            "invalid_transition",
        ] {
            assert!(ErrorKind::from_code(code).is_some(), "{code} missing");
        }
    }

    #[test]
    fn quote_truncates_long_values() {
        let long = "x".repeat(10_000);
        assert_eq!(quote(&long).chars().count(), 41);
        assert_eq!(quote("short"), "short");
    }

    #[test]
    fn long_messages_are_cut_at_a_character_boundary() {
        let e = Error::new(ErrorKind::InvalidInput, "", "é".repeat(MAX_MESSAGE + 10));
        assert_eq!(e.message().chars().count(), MAX_MESSAGE + 1);
        assert!(e.message().ends_with("é…"));
        let exact = "x".repeat(MAX_MESSAGE);
        assert_eq!(Error::new(ErrorKind::InvalidInput, "", exact.clone()).message(), exact);
        // found by the partnership_json fuzz target: serde quotes unknown keys whole
        let json = format!("{{\"{}\": 1}}", "n".repeat(5_000));
        let e = crate::definitions::partnership::Partnership::from_json(&json).unwrap_err();
        assert_eq!(e.code(), "invalid_partnership");
        assert!(e.message().len() < 4 * MAX_MESSAGE);
    }

    #[test]
    fn serialises_with_code_field_message() {
        let e = Error::new(ErrorKind::DuplicateVote, "votes_for[1]", "twice").with("value", "x");
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "duplicate_vote");
        assert_eq!(v["field"], "votes_for[1]");
        assert_eq!(v["details"]["value"], "x");
        assert_eq!(e.to_string(), "duplicate_vote (votes_for[1]): twice");
    }
}
