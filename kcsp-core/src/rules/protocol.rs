//! DHR protocol versions and deadlines.
//!
//! A protocol version applies to every review notified on or after its
//! start date. Its deadlines are data: the decision whether to commission a
//! review within `decision_months` calendar months of notification, and the
//! overview report within `report_months` calendar months of the decision to
//! commission. Month arithmetic is explicit and clamped: 31 January plus one
//! month is the last day of February.
//!
//! The versions are data of the [`Context`]. Kent's (in
//! `kcsp-core/data/kent.json`):
//!
//! - the Home Office statutory guidance of 2011, for reviews notified from
//!   13 April 2011, when section 9 of the Domestic Violence, Crime and
//!   Victims Act 2004 came into force;
//! - the revised Kent and Medway protocol approved on 17 October 2013 for
//!   every review notified from that date (KCSP notes of 17 October 2013,
//!   minute 48);
//! - the Home Office statutory guidance of December 2016, taken as applying
//!   from 1 December 2016 (the sources give only the month).
//!
//! All three use one month and six months: the sources state those periods
//! as the 2016 guidance's defaults and give no different periods for the
//! earlier versions. A later regime — the Domestic Abuse Related Death
//! Review naming (Victims and Prisoners Act 2024 s.19), or a longer
//! completion period as proposed in 2024 — is a further [`Protocol`] the
//! caller adds with [`Protocols::with`] and
//! [`Context::with_protocols`](crate::Context::with_protocols).

use crate::base::dates::{add_months, long, months as in_months};
use crate::base::error::{Error, ErrorKind, Result};
use crate::definitions::context::Context;
use crate::definitions::explain::Explanation;
pub use crate::definitions::protocols::{Protocol, Protocols};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The id of the `dhr_deadlines` rule: its entry in the registry, its explanations' `rule`.
pub const ID: &str = "dhr_deadlines";

crate::base::input::enumeration! {
    /// The decision whether to commission a review (`invalid_decision` for
    /// any other text).
    pub enum CommissionDecision (InvalidDecision, "a decision") {
        /// A review is commissioned.
        Commission = "commission",
        /// No review is commissioned (the Home Office is told why).
        NotCommission = "not_commission",
    }
}

crate::base::input::enumeration! {
    /// Which deadline an extension moves (`invalid_extension` for any other text).
    pub enum DeadlineKind (InvalidExtension, "a deadline") {
        /// The commissioning decision.
        Decision = "decision",
        /// The overview report.
        Report = "report",
    }
}

crate::base::input::enumeration! {
    /// Why a deadline was extended (`invalid_extension` for any other text).
    pub enum ExtensionReason (InvalidExtension, "a reason") {
        /// Parallel criminal proceedings.
        CriminalProceedings = "criminal_proceedings",
        /// An inquest.
        Inquest = "inquest",
        /// Another agreed reason (say which in the note).
        Other = "other",
    }
}

impl ExtensionReason {
    /// The reason in words, for explanations.
    pub fn describe(self) -> &'static str {
        match self {
            ExtensionReason::CriminalProceedings => "parallel criminal proceedings",
            ExtensionReason::Inquest => "an inquest",
            ExtensionReason::Other => "another agreed reason",
        }
    }
}

crate::base::input::input! {
    /// An agreed extension of a deadline.
    #[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
    pub struct Extension {
        /// Which deadline.
        pub deadline: DeadlineKind,
        /// The new due date.
        #[serde(with = "crate::base::dates::iso")]
        pub until: NaiveDate,
        /// Why.
        pub reason: ExtensionReason,
        /// A note (who agreed it, when).
        pub note: String = default,
    }
}

crate::base::input::input! {
    /// The input of the `dhr_deadlines` rule ([`deadlines`]): the dates a
    /// deadline check needs.
    pub struct DeadlineInput {
        /// When the police notified the CSP.
        #[serde(with = "crate::base::dates::iso")]
        pub notified: NaiveDate,
        /// The date to evaluate for.
        #[serde(with = "crate::base::dates::iso")]
        pub as_of: NaiveDate,
        /// When the commissioning decision was made, if it was.
        #[serde(default, with = "crate::base::dates::opt_iso", skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "NaiveDate | null"))]
        pub decided: Option<NaiveDate>,
        /// The decision, if made.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "CommissionDecision | null"))]
        pub decision: Option<CommissionDecision>,
        /// When the overview report went to the Home Office, if it did.
        #[serde(default, with = "crate::base::dates::opt_iso", skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "NaiveDate | null"))]
        pub submitted: Option<NaiveDate>,
        /// Agreed extensions.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub extensions: Vec<Extension> = default,
    }
}

/// A case's deadlines as of a date.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Deadlines {
    /// The protocol version applied.
    pub protocol: String,
    /// What the review is called under it.
    pub review_name: String,
    /// When the decision is due (extended, if it was).
    pub decision_due: NaiveDate,
    /// When it was due before any extension.
    pub decision_due_original: NaiveDate,
    /// Whether the decision is (or was made) late.
    pub decision_overdue: bool,
    /// When the overview report is due; `None` unless commissioned.
    pub report_due: Option<NaiveDate>,
    /// When it was due before any extension.
    pub report_due_original: Option<NaiveDate>,
    /// Whether the report is (or was submitted) late.
    pub report_overdue: bool,
    /// The extensions applied.
    pub extensions: Vec<Extension>,
    /// Which clause applied and why.
    pub explanation: Explanation,
}

fn extended(kind: DeadlineKind, original: NaiveDate, extensions: &[Extension]) -> Result<NaiveDate> {
    let mut due = original;
    for (i, e) in extensions.iter().enumerate().filter(|(_, e)| e.deadline == kind) {
        if e.until < original {
            return Err(Error::new(
                ErrorKind::InvalidExtension,
                format!("extensions[{i}].until"),
                format!(
                    "an extension to {} is earlier than the {kind} deadline of {original}",
                    e.until
                ),
            ));
        }
        due = due.max(e.until);
    }
    Ok(due)
}

/// The decision and report deadlines of a review, as of `input.as_of`.
///
/// Errors: `as_of_before_notified`, `decision_without_date`,
/// `date_without_decision`, `decided_before_notified`,
/// `submitted_before_decision`, `submitted_without_commission`,
/// `event_after_as_of`, `invalid_extension`, `no_protocol_in_force`.
///
/// ```
/// use kcsp_core::protocol::{deadlines, CommissionDecision, DeadlineInput};
/// use kcsp_core::Context;
/// use chrono::NaiveDate;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// let input = DeadlineInput::new(d(2023, 1, 10), d(2023, 3, 1), Some(d(2023, 2, 20)),
///     Some(CommissionDecision::Commission), None, vec![]);
/// let r = deadlines(Context::kent(), &input).unwrap();
/// assert_eq!(r.decision_due, d(2023, 2, 10));
/// assert!(r.decision_overdue);
/// assert_eq!(r.report_due, Some(d(2023, 8, 20)));
/// ```
pub fn deadlines(ctx: &Context, input: &DeadlineInput) -> Result<Deadlines> {
    let protocols = ctx.protocols();
    let DeadlineInput {
        notified,
        decided,
        decision,
        submitted,
        as_of,
        ref extensions,
    } = *input;
    if as_of < notified {
        return Err(Error::new(
            ErrorKind::AsOfBeforeNotified,
            "as_of",
            format!("{as_of} is before the notification on {notified}"),
        ));
    }
    let decided = match (decided, decision) {
        (None, Some(_)) => {
            return Err(Error::new(
                ErrorKind::DecisionWithoutDate,
                "decided",
                "a decision needs the date it was made",
            ))
        }
        (Some(_), None) => {
            return Err(Error::new(
                ErrorKind::DateWithoutDecision,
                "decision",
                "a decision date needs the decision",
            ))
        }
        (Some(d), Some(k)) => Some((d, k)),
        (None, None) => None,
    };
    if let Some((d, _)) = decided {
        if d < notified {
            return Err(Error::new(
                ErrorKind::DecidedBeforeNotified,
                "decided",
                format!("the decision on {d} is before the notification on {notified}"),
            ));
        }
        if d > as_of {
            return Err(Error::new(
                ErrorKind::EventAfterAsOf,
                "decided",
                format!("the decision on {d} is after the as-of date {as_of}"),
            ));
        }
    }
    if let Some(s) = submitted {
        match decided {
            Some((d, CommissionDecision::Commission)) if s < d => {
                return Err(Error::new(
                    ErrorKind::SubmittedBeforeDecision,
                    "submitted",
                    format!("the report on {s} is before the decision on {d}"),
                ))
            }
            Some((_, CommissionDecision::Commission)) => {}
            _ => {
                return Err(Error::new(
                    ErrorKind::SubmittedWithoutCommission,
                    "submitted",
                    "an overview report needs a commissioned review",
                ))
            }
        }
        if s > as_of {
            return Err(Error::new(
                ErrorKind::EventAfterAsOf,
                "submitted",
                format!("the report on {s} is after the as-of date {as_of}"),
            ));
        }
    }
    let protocol = protocols.for_notification(notified)?;
    let decision_due_original = add_months("notified", notified, protocol.decision_months)?;
    let decision_due = extended(DeadlineKind::Decision, decision_due_original, extensions)?;
    let decision_overdue = match decided {
        Some((d, _)) => d > decision_due,
        None => as_of > decision_due,
    };
    let report_due_original = match decided {
        Some((d, CommissionDecision::Commission)) => Some(add_months("decided", d, protocol.report_months)?),
        _ => None,
    };
    let report_due = match report_due_original {
        Some(o) => Some(extended(DeadlineKind::Report, o, extensions)?),
        None => {
            if let Some(i) = extensions.iter().position(|e| e.deadline == DeadlineKind::Report) {
                return Err(Error::new(
                    ErrorKind::InvalidExtension,
                    format!("extensions[{i}].deadline"),
                    "a report deadline can be extended only for a commissioned review",
                ));
            }
            None
        }
    };
    let report_overdue = report_due.is_some_and(|due| submitted.map_or(as_of > due, |s| s > due));
    let why = |kind: DeadlineKind, original: NaiveDate, due: NaiveDate, months: u32, after: &str| {
        if due == original {
            format!("({} after {after})", in_months(months))
        } else {
            let reasons: Vec<String> = extensions
                .iter()
                .filter(|e| e.deadline == kind)
                .map(|e| e.reason.describe().to_string())
                .collect();
            format!("(extended from {} for {})", long(original), reasons.join(", "))
        }
    };
    let mut parts = vec![format!(
        "Decision due {} {}{}",
        long(decision_due),
        why(
            DeadlineKind::Decision,
            decision_due_original,
            decision_due,
            protocol.decision_months,
            &format!("notification on {}", long(notified))
        ),
        match decided {
            Some((d, _)) if decision_overdue => format!(", made late on {}", long(d)),
            Some((d, _)) => format!(", made on {}", long(d)),
            None if decision_overdue => ", not made and overdue".into(),
            None => ", not yet made".into(),
        }
    )];
    if let Some(due) = report_due {
        parts.push(format!(
            "overview report due {} {}{}",
            long(due),
            why(
                DeadlineKind::Report,
                report_due_original.unwrap_or(due),
                due,
                protocol.report_months,
                "the decision"
            ),
            match submitted {
                Some(s) if report_overdue => format!(", submitted late on {}", long(s)),
                Some(s) => format!(", submitted on {}", long(s)),
                None if report_overdue => ", not submitted and overdue".into(),
                None => ", not yet submitted".into(),
            }
        ));
    }
    let mut explanation = Explanation::new(ID, format!("{}.", parts.join("; ")))
        .reading(
            "Calendar months added explicitly, clamped to month ends; a deadline is missed only after its due date.",
        )
        .cite(&protocol.citation)
        .figure("protocol", &protocol.id)
        .figure("decision_due", decision_due);
    if let Some(due) = report_due {
        explanation = explanation.figure("report_due", due);
    }
    let applied: Vec<Extension> = extensions.to_vec();
    for e in &applied {
        explanation = explanation.figure(
            "extension",
            format!("{} to {} ({})", e.deadline, e.until, e.reason.describe()),
        );
    }
    Ok(Deadlines {
        protocol: protocol.id.clone(),
        review_name: protocol.review_name.clone(),
        decision_due,
        decision_due_original,
        decision_overdue,
        report_due,
        report_due_original,
        report_overdue,
        extensions: applied,
        explanation,
    })
}

crate::definitions::explain::results!(Deadlines);

#[cfg(feature = "python")]
crate::base::python::class!(Extension);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::dates::parse_date;
    use crate::definitions::explain::Citation;

    fn d(s: &str) -> NaiveDate {
        parse_date("d", s).unwrap()
    }

    fn with(mut i: DeadlineInput, ext: &[Extension]) -> DeadlineInput {
        i.extensions = ext.to_vec();
        i
    }

    fn input(n: &str, dec: Option<(&str, CommissionDecision)>, sub: Option<&str>, as_of: &str) -> DeadlineInput {
        DeadlineInput {
            notified: d(n),
            decided: dec.map(|x| d(x.0)),
            decision: dec.map(|x| x.1),
            submitted: sub.map(d),
            as_of: d(as_of),
            extensions: Vec::new(),
        }
    }

    const C: CommissionDecision = CommissionDecision::Commission;

    #[test]
    fn month_ends() {
        let k = Context::kent();
        let r = deadlines(k, &input("2023-01-31", None, None, "2023-02-01")).unwrap();
        assert_eq!(r.decision_due, d("2023-02-28"));
        let r = deadlines(k, &input("2024-01-31", None, None, "2024-02-01")).unwrap();
        assert_eq!(r.decision_due, d("2024-02-29"));
        let r = deadlines(k, &input("2024-01-29", Some(("2024-02-29", C)), None, "2024-03-01")).unwrap();
        assert_eq!(r.report_due, Some(d("2024-08-29")));
        let r = deadlines(k, &input("2023-08-01", Some(("2023-08-31", C)), None, "2023-09-01")).unwrap();
        assert_eq!(r.report_due, Some(d("2024-02-29")));
        let r = deadlines(k, &input("2022-08-01", Some(("2022-08-31", C)), None, "2023-03-01")).unwrap();
        assert_eq!(r.report_due, Some(d("2023-02-28")));
        assert!(r.report_overdue);
    }

    #[test]
    fn the_reason_counts_months_in_words() {
        // Kent's protocol: the decision 1 month after notification, the report 6 after the decision.
        let r = deadlines(
            Context::kent(),
            &input("2023-01-10", Some(("2023-02-01", C)), None, "2023-08-02"),
        )
        .unwrap();
        let reason = &r.explanation.reason;
        assert!(
            reason.contains("(1 month after notification on 10 January 2023)"),
            "{reason}"
        );
        assert!(reason.contains("(6 months after the decision)"), "{reason}");
        assert!(!reason.contains("month(s)"), "{reason}");
    }

    #[test]
    fn two_protocol_versions_give_different_deadlines() {
        let twelve = Context::kent().protocols().clone().with(Protocol {
            id: "dardr".into(),
            name: "DARDR".into(),
            review_name: "Domestic Abuse Related Death Review".into(),
            from: d("2025-01-01"),
            decision_months: 1,
            report_months: 12,
            citation: Citation::new("x", "y", "z"),
        });
        let twelve = Context::kent().clone().with_protocols(twelve);
        let before = deadlines(
            &twelve,
            &input("2024-12-31", Some(("2025-01-15", C)), None, "2025-02-01"),
        )
        .unwrap();
        assert_eq!(before.protocol, "home_office_2016");
        assert_eq!(before.report_due, Some(d("2025-07-15")));
        let after = deadlines(
            &twelve,
            &input("2025-01-01", Some(("2025-01-15", C)), None, "2025-02-01"),
        )
        .unwrap();
        assert_eq!(after.protocol, "dardr");
        assert_eq!(after.report_due, Some(d("2026-01-15")));
        assert_eq!(after.review_name, "Domestic Abuse Related Death Review");
    }

    #[test]
    fn extensions_move_deadlines_and_keep_the_original() {
        let k = Context::kent();
        let ext = [Extension {
            deadline: DeadlineKind::Report,
            until: d("2024-02-01"),
            reason: ExtensionReason::CriminalProceedings,
            note: String::new(),
        }];
        let r = deadlines(
            k,
            &with(input("2023-01-10", Some(("2023-02-01", C)), None, "2023-09-01"), &ext),
        )
        .unwrap();
        assert_eq!(r.report_due_original, Some(d("2023-08-01")));
        assert_eq!(r.report_due, Some(d("2024-02-01")));
        assert!(!r.report_overdue);
        let early = [Extension {
            deadline: DeadlineKind::Report,
            until: d("2023-07-01"),
            reason: ExtensionReason::Inquest,
            note: String::new(),
        }];
        assert_eq!(
            deadlines(
                k,
                &with(input("2023-01-10", Some(("2023-02-01", C)), None, "2023-09-01"), &early)
            )
            .unwrap_err()
            .code(),
            "invalid_extension"
        );
        let not_c = deadlines(
            k,
            &with(
                input(
                    "2023-01-10",
                    Some(("2023-02-01", CommissionDecision::NotCommission)),
                    None,
                    "2023-09-01",
                ),
                &ext,
            ),
        )
        .unwrap_err();
        assert_eq!(not_c.code(), "invalid_extension");
    }

    #[test]
    fn errors() {
        let k = Context::kent();
        let code = |i: DeadlineInput| deadlines(k, &i).unwrap_err().code();
        assert_eq!(
            code(input("2023-01-10", None, None, "2023-01-09")),
            "as_of_before_notified"
        );
        assert_eq!(
            code(input("2023-01-10", Some(("2023-01-09", C)), None, "2023-02-01")),
            "decided_before_notified"
        );
        assert_eq!(
            code(input("2023-01-10", Some(("2023-03-09", C)), None, "2023-02-01")),
            "event_after_as_of"
        );
        assert_eq!(
            code(input(
                "2023-01-10",
                Some(("2023-02-01", C)),
                Some("2023-01-20"),
                "2023-03-01"
            )),
            "submitted_before_decision"
        );
        assert_eq!(
            code(input(
                "2023-01-10",
                Some(("2023-02-01", CommissionDecision::NotCommission)),
                Some("2023-02-20"),
                "2023-03-01"
            )),
            "submitted_without_commission"
        );
        assert_eq!(
            code(input("2023-01-10", None, Some("2023-02-20"), "2023-03-01")),
            "submitted_without_commission"
        );
        assert_eq!(
            code(input(
                "2023-01-10",
                Some(("2023-02-01", C)),
                Some("2023-04-20"),
                "2023-03-01"
            )),
            "event_after_as_of"
        );
        let mut i = input("2023-01-10", None, None, "2023-03-01");
        i.decision = Some(C);
        assert_eq!(code(i), "decision_without_date");
        let mut i = input("2023-01-10", None, None, "2023-03-01");
        i.decided = Some(d("2023-02-01"));
        assert_eq!(code(i), "date_without_decision");
        assert_eq!(
            code(input("2010-01-10", None, None, "2023-03-01")),
            "no_protocol_in_force"
        );
        assert_eq!(
            CommissionDecision::parse("decision", "maybe").unwrap_err().code(),
            "invalid_decision"
        );
    }
}
