//! Explanations: every decision says which clause applied, the figures it
//! used and why it came out as it did, as serialisable data.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// A clause of a source document, cited by title, date and section, with the
/// library's own one-line summary of what it says.
///
/// ```
/// use kcsp_core::Citation;
/// let c = Citation::new("KCSP Terms of Reference (reviewed 14 July 2022)", "§7 Meetings", "Four of the responsible authorities make a quorum.");
/// assert!(c.to_string().starts_with("KCSP Terms of Reference (reviewed 14 July 2022), §7 Meetings"));
/// ```
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The document's title and date.
    pub document: Cow<'static, str>,
    /// The section, paragraph or minute.
    pub section: Cow<'static, str>,
    /// What the clause says, in the library's words.
    pub summary: Cow<'static, str>,
}

impl Citation {
    /// A citation from static text (the built-in Kent definitions use these).
    pub const fn new(document: &'static str, section: &'static str, summary: &'static str) -> Self {
        Citation {
            document: Cow::Borrowed(document),
            section: Cow::Borrowed(section),
            summary: Cow::Borrowed(summary),
        }
    }
}

impl Citation {
    /// A citation from owned text (a definition read from data uses these).
    ///
    /// ```
    /// use kcsp_core::Citation;
    /// let c = Citation::owned("Northshire CSP Terms of Reference (2020)".to_string(), "§5".into(), "Four make a quorum.".into());
    /// assert_eq!(c.section, "§5");
    /// ```
    pub fn owned(document: String, section: String, summary: String) -> Self {
        Citation {
            document: Cow::Owned(document),
            section: Cow::Owned(section),
            summary: Cow::Owned(summary),
        }
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {}: {}", self.document, self.section, self.summary)
    }
}

/// One figure a decision used, by name, as text (money as `26440.00`, dates
/// as `YYYY-MM-DD`, counts as integers).
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    /// The figure's name, e.g. `required`.
    pub name: Cow<'static, str>,
    /// Its value.
    pub value: String,
}

/// Which calendar a result counted working days on.
///
/// ```
/// use kcsp_core::Calendar;
/// use chrono::NaiveDate;
/// let mut cal = Calendar::england_and_wales();
/// cal.add_holiday(NaiveDate::from_ymd_opt(2027, 6, 4).unwrap(), "A proclaimed day").unwrap();
/// let s = cal.source();
/// assert_eq!(s.statute_years, vec![[1978, 2199]]);
/// assert_eq!(s.added.len(), 1);
/// assert!(s.summary.contains("1 day added"));
/// ```
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CalendarSource {
    /// The ranges of years whose bank holidays were computed from statute
    /// and the proclamations the library knows (first and last year of each).
    pub statute_years: Vec<[i32; 2]>,
    /// The first and last year a GOV.UK `bank-holidays.json` replaced, if one was given.
    pub govuk_years: Option<[i32; 2]>,
    /// Days added as bank holidays.
    pub added: Vec<NaiveDate>,
    /// Days removed from the bank holidays.
    pub removed: Vec<NaiveDate>,
    /// The same in a sentence.
    pub summary: String,
}

/// Why a result came out as it did.
///
/// ```
/// use kcsp_core::{Partnership, quorum};
/// let kent = kcsp_core::Context::kent();
/// let d = chrono::NaiveDate::from_ymd_opt(2022, 7, 14).unwrap();
/// let r = quorum::check(kent, "kcsp", d, &["kent_police"]).unwrap();
/// assert_eq!(r.explanation.rule, "quorum");
/// assert!(!r.explanation.citations.is_empty());
/// assert!(r.explanation.reason.contains("1 of"));
/// ```
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, module = "kcsp"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// The rule id (`quorum`, …).
    pub rule: Cow<'static, str>,
    /// The reading the library took where the clause is ambiguous, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Cow<'static, str>>,
    /// The clauses that applied.
    pub citations: Vec<Citation>,
    /// The figures used.
    pub figures: Vec<Figure>,
    /// The outcome in a sentence.
    pub reason: String,
    /// Which calendar the rule counted working days on, where it used one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<CalendarSource>,
}

impl Explanation {
    /// A new explanation for `rule`.
    pub(crate) fn new(rule: &'static str, reason: impl Into<String>) -> Self {
        Explanation {
            rule: Cow::Borrowed(rule),
            reading: None,
            citations: Vec::new(),
            figures: Vec::new(),
            reason: reason.into(),
            calendar: None,
        }
    }

    pub(crate) fn cite_all(mut self, cs: &[Citation]) -> Self {
        self.citations.extend(cs.iter().cloned());
        self
    }

    pub(crate) fn on_calendar(mut self, source: CalendarSource) -> Self {
        self.calendar = Some(source);
        self
    }

    pub(crate) fn cite(mut self, c: &Citation) -> Self {
        self.citations.push(c.clone());
        self
    }

    pub(crate) fn reading(mut self, r: impl Into<Cow<'static, str>>) -> Self {
        self.reading = Some(r.into());
        self
    }

    pub(crate) fn figure(mut self, name: &'static str, value: impl ToString) -> Self {
        self.figures.push(Figure {
            name: Cow::Borrowed(name),
            value: value.to_string(),
        });
        self
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.reason)?;
        if let Some(r) = &self.reading {
            writeln!(f, "  reading: {r}")?;
        }
        for c in &self.citations {
            writeln!(f, "  per {c}")?;
        }
        if let Some(c) = &self.calendar {
            writeln!(f, "  calendar: {}", c.summary)?;
        }
        Ok(())
    }
}

/// `Display` for results: the reason, the reading and the clauses, as the
/// explanation prints them.
macro_rules! explained {
    ($($t:ty),* $(,)?) => {
        $(impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.explanation, f)
            }
        })*
    };
}

/// [`explained!`] for a rule's results, with their Python methods
/// (`__repr__`, `__str__`, `to_dict()`) under feature `python`.
macro_rules! results {
    ($($t:ty),* $(,)?) => {
        $crate::definitions::explain::explained!($($t),*);
        #[cfg(feature = "python")]
        $crate::base::python::class!(shown: $($t),*);
    };
}
pub(crate) use explained;
pub(crate) use results;

#[cfg(feature = "python")]
crate::base::python::class!(shown: Citation, Explanation);
#[cfg(feature = "python")]
crate::base::python::class!(Figure, CalendarSource);
