//! Access to the tactical pot: the gates that keep it shut.
//!
//! The sources show the pot gated differently from year to year, so the
//! gates are data the caller supplies ([`Gate`]); the library adds the one
//! gate that always applies: the pot is in-year money, usable only within
//! its financial year, and nothing carries past 31 March.
//!
//! - 2021/22: unusable until every project funded by earlier years' grants
//!   was complete; the OPCC then closed it from 25 February 2022 (KCSP
//!   Working Group update, 14 July 2022, §3.1).
//! - 2024/25: open once every upfront business case was approved (KCSP notes
//!   of 4 July 2024, minute 122 para 2).

use crate::explain::{Citation, Explanation};
use crate::year::FinancialYear;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

const CITE_2021: Citation = Citation::new(
    "KCSP Working Group update, KCSP meeting 14 July 2022",
    "§3.1",
    "The 2021/22 tactical pot could not be used until every project funded by earlier grants was complete; the OPCC closed access on 25 February 2022.",
);
const CITE_2024: Citation = Citation::new(
    "Notes of the KCSP meeting of 4 July 2024",
    "minute 122, para 2",
    "The 2024/25 tactical pot opens once all upfront business cases are approved.",
);
const CITE_IN_YEAR: Citation = Citation::new(
    "KCSP Working Group update, KCSP meeting 17 November 2022",
    "§2.1",
    "The tactical pot is for in-year spending under the grant's terms and conditions.",
);

/// A condition on the tactical pot, as the caller knows it.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "gate", deny_unknown_fields)]
pub enum Gate {
    /// Every project funded by earlier years' grants must be complete.
    EarlierProjectsComplete {
        /// Whether they are.
        met: bool,
    },
    /// Every upfront business case must have been decided.
    UpfrontCasesDecided {
        /// Whether they have.
        met: bool,
    },
    /// The OPCC closed the pot from this date.
    ClosedByOpcc {
        /// The first day it was closed.
        from: NaiveDate,
    },
}

impl Gate {
    /// The gates the sources record for a Kent year: 2021/22 the
    /// earlier-projects condition and the OPCC's closure from 25 February
    /// 2022; 2024/25 on, the upfront-cases condition; otherwise none.
    ///
    /// ```
    /// use kcsp_core::tactical::Gate;
    /// use kcsp_core::FinancialYear;
    /// let g = Gate::kent(FinancialYear::parse("y", "2021/22").unwrap(), true, true);
    /// assert_eq!(g.len(), 2);
    /// ```
    pub fn kent(year: FinancialYear, earlier_projects_complete: bool, upfront_cases_decided: bool) -> Vec<Gate> {
        match year.start_year() {
            2021 => vec![
                Gate::EarlierProjectsComplete {
                    met: earlier_projects_complete,
                },
                Gate::ClosedByOpcc {
                    from: NaiveDate::from_ymd_opt(2022, 2, 25).unwrap_or(NaiveDate::MIN),
                },
            ],
            y if y >= 2024 => vec![Gate::UpfrontCasesDecided {
                met: upfront_cases_decided,
            }],
            _ => Vec::new(),
        }
    }
}

/// A gate that is shut.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShutGate {
    /// A stable code: `earlier_projects_incomplete`, `upfront_cases_undecided`,
    /// `closed_by_opcc`, `year_not_started`, `year_ended`.
    pub code: &'static str,
    /// Why.
    pub reason: String,
}

/// Whether the tactical pot is open on a date, and which gates are shut.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TacticalAccess {
    /// The financial year.
    pub year: FinancialYear,
    /// The date asked about.
    pub as_of: NaiveDate,
    /// Whether the pot can be used.
    pub open: bool,
    /// The gates that are shut.
    pub shut: Vec<ShutGate>,
    /// Which clauses applied and why.
    pub explanation: Explanation,
}

/// Whether the tactical pot of `year` can be used on `as_of`, given `gates`.
///
/// ```
/// use kcsp_core::tactical::{access, Gate};
/// use kcsp_core::FinancialYear;
/// use chrono::NaiveDate;
/// let y = FinancialYear::parse("y", "2021/22").unwrap();
/// let d = |yy, m, dd| NaiveDate::from_ymd_opt(yy, m, dd).unwrap();
/// assert!(access(y, &Gate::kent(y, true, true), d(2022, 2, 24)).open);
/// let a = access(y, &Gate::kent(y, true, true), d(2022, 2, 25));
/// assert!(!a.open);
/// assert_eq!(a.shut[0].code, "closed_by_opcc");
/// assert_eq!(access(y, &[], d(2022, 4, 1)).shut[0].code, "year_ended");
/// ```
pub fn access(year: FinancialYear, gates: &[Gate], as_of: NaiveDate) -> TacticalAccess {
    let mut shut = Vec::new();
    let mut explanation = Explanation::new("tactical_access", "");
    if as_of < year.first_day() {
        shut.push(ShutGate {
            code: "year_not_started",
            reason: format!("{year} starts on {}", year.first_day()),
        });
    }
    if as_of > year.last_day() {
        shut.push(ShutGate {
            code: "year_ended",
            reason: format!(
                "{year} ended on {}: tactical money does not carry over",
                year.last_day()
            ),
        });
    }
    explanation = explanation.cite(&CITE_IN_YEAR);
    for g in gates {
        match g {
            Gate::EarlierProjectsComplete { met } => {
                explanation = explanation.cite(&CITE_2021);
                if !met {
                    shut.push(ShutGate {
                        code: "earlier_projects_incomplete",
                        reason: "projects funded by earlier years' grants are not all complete".into(),
                    });
                }
            }
            Gate::UpfrontCasesDecided { met } => {
                explanation = explanation.cite(&CITE_2024);
                if !met {
                    shut.push(ShutGate {
                        code: "upfront_cases_undecided",
                        reason: "not every upfront business case has been decided".into(),
                    });
                }
            }
            Gate::ClosedByOpcc { from } => {
                if as_of >= *from {
                    shut.push(ShutGate {
                        code: "closed_by_opcc",
                        reason: format!("the OPCC closed the pot from {from}"),
                    });
                }
            }
        }
    }
    let open = shut.is_empty();
    explanation.reason = if open {
        format!("The {year} tactical pot is open on {as_of}.")
    } else {
        let why: Vec<&str> = shut.iter().map(|s| s.reason.as_str()).collect();
        format!("The {year} tactical pot is shut on {as_of}: {}.", why.join("; "))
    };
    TacticalAccess {
        year,
        as_of,
        open,
        shut,
        explanation,
    }
}
