//! The context a rule is evaluated in: whose partnership, which calendar,
//! which grant schemes, DHR protocol versions and tactical-pot gates, and the
//! citations of rules that no partnership term carries.
//!
//! Every rule takes a [`Context`]. [`Context::kent`] is the built-in one (the
//! data file `kcsp-core/data/kent.json`, read once); a service for another
//! area loads its own with [`Context::from_json`], or keeps Kent's schemes and
//! protocols and swaps the partnership or the calendar:
//!
//! ```
//! use kcsp_core::{quorum, Calendar, Context, Partnership};
//! use chrono::NaiveDate;
//! let northshire = Partnership::from_json(r#"{"name": "Northshire CSP",
//!   "organisations": [{"id": "n_police", "name": "Police"}, {"id": "n_council", "name": "Council"}],
//!   "bodies": [{"id": "board", "name": "Board",
//!     "seats": [{"id": "police", "name": "Police", "holders": [{"organisation": "n_police"}]},
//!               {"id": "council", "name": "Council", "holders": [{"organisation": "n_council"}]}],
//!     "terms": [{"quorum": {"basis": "seats", "required": 2},
//!                "chair": {"kind": "elected", "term_months": 12},
//!                "review": {"interval_months": 12}}]}]}"#).unwrap();
//! let ctx = Context::kent().clone().with_partnership(northshire);
//! let d = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
//! let q = quorum::check(&ctx, "board", d, &["n_police", "n_council"]).unwrap();
//! assert!(q.quorate);
//! // Without a citation in the definition, the explanation cites the definition itself.
//! assert_eq!(q.explanation.citations[0].document, "Northshire CSP");
//! assert_eq!(q.explanation.citations[0].section, "Board, terms from the beginning");
//! ```
//!
//! Rule-level citations ([`Context::citations`]) are keyed by rule id:
//! the rules whose clauses no partnership term carries (match funding, the
//! DHR rules, the action plan).

use crate::base::error::{Error, ErrorKind, Result};
use crate::definitions::agreements::Agreement;
use crate::definitions::calendar::{Calendar, CalendarChanges};
use crate::definitions::explain::Citation;
use crate::definitions::gates::TacticalGates;
use crate::definitions::partnership::{Citations, Partnership};
use crate::definitions::protocols::Protocols;
use crate::definitions::schemes::GrantSchemes;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// Everything a rule reads besides its own input.
///
/// Cheap to clone (its parts are shared), and `with_*` replace one part.
#[derive(Debug, Clone)]
pub struct Context {
    partnership: Arc<Partnership>,
    calendar: Arc<Calendar>,
    grant_schemes: Arc<GrantSchemes>,
    protocols: Arc<Protocols>,
    tactical_gates: Arc<TacticalGates>,
    citations: Arc<BTreeMap<String, Citations>>,
    agreements: Arc<Vec<Agreement>>,
    hash: OnceLock<String>,
}

impl PartialEq for Context {
    fn eq(&self, other: &Self) -> bool {
        self.partnership == other.partnership
            && self.calendar == other.calendar
            && self.grant_schemes == other.grant_schemes
            && self.protocols == other.protocols
            && self.tactical_gates == other.tactical_gates
            && self.citations == other.citations
            && self.agreements == other.agreements
    }
}

impl Eq for Context {}

/// A context as data: the shape of `kcsp-core/data/kent.json`, which
/// [`Context::from_json`] reads and [`Context::to_json`] writes. Every key
/// but `partnership` is optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Definition {
    /// The partnership definition (FORMAT.md), read by [`Partnership::from_value`].
    partnership: serde_json::Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    calendar: Option<serde_json::Value>,
    #[serde(default)]
    grant_schemes: GrantSchemes,
    #[serde(default)]
    dhr_protocols: Protocols,
    #[serde(default)]
    tactical_gates: TacticalGates,
    #[serde(default)]
    citations: BTreeMap<String, Citations>,
    #[serde(default)]
    community_safety_agreements: Vec<Agreement>,
}

impl Context {
    /// The built-in Kent context: the KCSP, its Working Group and the DHR
    /// Steering Group, the England and Wales calendar, the Kent grant
    /// schemes, protocol versions and gates. Read from its data file once.
    ///
    /// ```
    /// use kcsp_core::Context;
    /// let kent = Context::kent();
    /// assert_eq!(kent.partnership().name(), "Kent Community Safety Partnership");
    /// assert!(std::ptr::eq(kent, Context::kent()));
    /// ```
    pub fn kent() -> &'static Context {
        static KENT: OnceLock<Context> = OnceLock::new();
        KENT.get_or_init(|| match Context::from_json(crate::definitions::kent::KENT_JSON) {
            Ok(c) => c,
            // The embedded file is checked by a test; were it ever broken the
            // library would still answer, with an empty definition.
            Err(_) => Context::new(Partnership::empty()),
        })
    }

    /// A context for `partnership` on the England and Wales calendar, with no
    /// grant schemes, protocol versions, gates or rule citations (the rules
    /// that need them answer `no_rules_in_force` / `no_protocol_in_force`).
    pub fn new(partnership: Partnership) -> Context {
        Context {
            partnership: Arc::new(partnership),
            calendar: Arc::new(Calendar::england_and_wales()),
            grant_schemes: Arc::default(),
            protocols: Arc::default(),
            tactical_gates: Arc::default(),
            citations: Arc::default(),
            agreements: Arc::default(),
            hash: OnceLock::new(),
        }
    }

    /// Reads a whole context from JSON text: `{"partnership": {...},
    /// "calendar": {...}, "grant_schemes": [...], "dhr_protocols": [...],
    /// "tactical_gates": {...}, "citations": {...}}`, every key but
    /// `partnership` optional (the shape of `kcsp-core/data/kent.json`).
    ///
    /// Errors: `invalid_partnership` (or `invalid_calendar` for the
    /// `calendar` key), with the path of the offending value.
    pub fn from_json(text: &str) -> Result<Context> {
        let bad = |field: String, msg: String| Error::new(ErrorKind::InvalidPartnership, field, msg);
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| bad(String::new(), format!("the definition is not JSON: {e}")))?;
        if !value.is_object() {
            return Err(bad(
                String::new(),
                "a context definition is an object with a partnership".into(),
            ));
        }
        let def: Definition = crate::base::path::deserialize(&value)
            .map_err(|(path, e)| bad(e.field(&path), format!("not a context definition: {e}")))?;
        let partnership = Partnership::from_value(&def.partnership).map_err(|e| prefixed("partnership", e))?;
        let calendar = match &def.calendar {
            Some(v) => CalendarChanges::from_value(v)
                .and_then(|c| c.apply())
                .map_err(|e| prefixed("calendar", e))?,
            None => Calendar::england_and_wales(),
        };
        let mut ctx = Context::new(partnership).with_calendar(calendar);
        ctx.grant_schemes = Arc::new(def.grant_schemes);
        ctx.protocols = Arc::new(def.dhr_protocols);
        ctx.tactical_gates = Arc::new(def.tactical_gates);
        ctx.citations = Arc::new(def.citations);
        ctx.agreements = Arc::new(def.community_safety_agreements);
        Ok(ctx)
    }

    /// The context as JSON text, in the shape [`from_json`](Self::from_json) reads.
    ///
    /// ```
    /// use kcsp_core::Context;
    /// let kent = Context::kent();
    /// assert_eq!(&Context::from_json(&kent.to_json()).unwrap(), kent);
    /// ```
    pub fn to_json(&self) -> String {
        let def = Definition {
            partnership: serde_json::to_value(&*self.partnership).unwrap_or_default(),
            calendar: Some(self.calendar.changes())
                .filter(|c| *c != CalendarChanges::default())
                .and_then(|c| serde_json::to_value(c).ok()),
            grant_schemes: (*self.grant_schemes).clone(),
            dhr_protocols: (*self.protocols).clone(),
            tactical_gates: (*self.tactical_gates).clone(),
            citations: (*self.citations).clone(),
            community_safety_agreements: (*self.agreements).clone(),
        };
        serde_json::to_string_pretty(&def).unwrap_or_default()
    }

    /// This context with another partnership (a `Partnership` or an
    /// `Arc<Partnership>` already shared).
    #[must_use]
    pub fn with_partnership(mut self, partnership: impl Into<Arc<Partnership>>) -> Context {
        self.partnership = partnership.into();
        self.hash = OnceLock::new();
        self
    }

    /// This context with another calendar (a `Calendar` or an
    /// `Arc<Calendar>` already shared).
    #[must_use]
    pub fn with_calendar(mut self, calendar: impl Into<Arc<Calendar>>) -> Context {
        self.calendar = calendar.into();
        self.hash = OnceLock::new();
        self
    }

    /// This context with other grant schemes.
    #[must_use]
    pub fn with_grant_schemes(mut self, schemes: GrantSchemes) -> Context {
        self.grant_schemes = Arc::new(schemes);
        self.hash = OnceLock::new();
        self
    }

    /// This context with other DHR protocol versions.
    #[must_use]
    pub fn with_protocols(mut self, protocols: Protocols) -> Context {
        self.protocols = Arc::new(protocols);
        self.hash = OnceLock::new();
        self
    }

    /// This context with other tactical-pot gates.
    #[must_use]
    pub fn with_tactical_gates(mut self, gates: TacticalGates) -> Context {
        self.tactical_gates = Arc::new(gates);
        self.hash = OnceLock::new();
        self
    }

    /// The partnership definition.
    pub fn partnership(&self) -> &Partnership {
        &self.partnership
    }

    /// The calendar.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// The grant schemes.
    pub fn grant_schemes(&self) -> &GrantSchemes {
        &self.grant_schemes
    }

    /// The DHR protocol versions.
    pub fn protocols(&self) -> &Protocols {
        &self.protocols
    }

    /// The tactical-pot gates.
    pub fn tactical_gates(&self) -> &TacticalGates {
        &self.tactical_gates
    }

    /// The Community Safety Agreement periods, with their priorities and themes.
    pub fn agreements(&self) -> &[Agreement] {
        &self.agreements
    }

    /// The citations of a rule that no partnership term carries (keyed by
    /// rule id: the rules no partnership term cites); empty when the
    /// context has none.
    pub fn citations(&self, rule: &str) -> &[Citation] {
        self.citations.get(rule).map_or(&[], Citations::as_slice)
    }

    /// A stable hash of everything in the context, as `sha256:` and 64 hex
    /// digits: the canonical JSON (keys sorted) of the partnership, every
    /// bank holiday of the calendar, the schemes, protocols, gates and
    /// citations. Two contexts that decide alike have the same hash whatever
    /// order their JSON keys came in. Computed once per context.
    ///
    /// ```
    /// use kcsp_core::{Calendar, Context};
    /// let kent = Context::kent();
    /// assert!(kent.hash().starts_with("sha256:"));
    /// assert_eq!(kent.hash(), Context::from_json(&kent.to_json()).unwrap().hash());
    /// let mut cal = Calendar::england_and_wales();
    /// cal.add_holiday(chrono::NaiveDate::from_ymd_opt(2027, 6, 4).unwrap(), "x").unwrap();
    /// assert_ne!(kent.hash(), kent.clone().with_calendar(cal).hash());
    /// ```
    pub fn hash(&self) -> &str {
        self.hash.get_or_init(|| {
            use sha2::{Digest, Sha256};
            let holidays: Vec<String> = (crate::definitions::calendar::FIRST_YEAR
                ..=crate::definitions::calendar::LAST_YEAR)
                .flat_map(|y| self.calendar.bank_holidays(y).unwrap_or_default())
                .map(|h| format!("{} {}", h.date, h.name))
                .collect();
            let whole = serde_json::json!({
                "partnership": &*self.partnership,
                "bank_holidays": holidays,
                "grant_schemes": &*self.grant_schemes,
                "dhr_protocols": &*self.protocols,
                "tactical_gates": &*self.tactical_gates,
                "citations": &*self.citations,
                "community_safety_agreements": &*self.agreements,
            });
            let digest = Sha256::digest(crate::base::canonical::canonical(&whole).as_bytes());
            let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            format!("sha256:{hex}")
        })
    }
}

/// An error from a part of a definition, with the part's key before its field.
pub(crate) fn prefixed(key: &str, e: Error) -> Error {
    let field = if e.field().is_empty() {
        key.to_string()
    } else {
        format!("{key}.{}", e.field())
    };
    e.at(field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kent_data_reads_validates_and_writes_back_to_itself() {
        let kent = Context::from_json(crate::definitions::kent::KENT_JSON).unwrap();
        assert_eq!(kent.partnership().bodies.len(), 3);
        let again = Context::from_json(&kent.to_json()).unwrap();
        assert_eq!(again, kent);
        assert_eq!(again.hash(), kent.hash());
    }

    #[test]
    fn definition_errors_name_the_part() {
        let e = Context::from_json(
            r#"{"partnership": {"name": "x", "organisations": [], "bodies": [{"id": "b", "name": "B", "terms": []}]}}"#,
        )
        .unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            ("invalid_partnership", "partnership.bodies[0].terms")
        );
        let e = Context::from_json(
            r#"{"partnership": {"name": "x", "organisations": [], "bodies": []}, "calendar": {"add": ["2026-02-30"]}}"#,
        )
        .unwrap_err();
        assert_eq!((e.code(), e.field()), ("invalid_calendar", "calendar.add[0]"));
        let e = Context::from_json(r#"{"partnership": {"name": "x", "organisations": [], "bodies": []}, "colour": 1}"#)
            .unwrap_err();
        assert_eq!(e.code(), "invalid_partnership");
    }
}
