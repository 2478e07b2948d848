//! Messages for people: what a form shows the public for each error code,
//! in plain words (no codes, no field paths, no jargon), kept as data.
//!
//! The built-in English catalogue is `kcsp-core/data/messages.en.json`,
//! keyed by code. A message may name details of the error in braces
//! (`{value}`, `{allowed}`); a part in square brackets is left out when a
//! detail it names is missing. A council can supply another catalogue (a
//! Welsh one, say) with [`Catalogue::from_json`]; codes it lacks fall back to
//! English. The developer message ([`Error::message`]) is unchanged.
//!
//! ```
//! use kcsp_core::messages::Catalogue;
//! use kcsp_core::dates::parse_date;
//! let e = parse_date("date", "14/07/2022").unwrap_err();
//! assert_eq!(e.public_message(), "Enter a real date as day, month and year, for example 14 07 2022");
//! let cy = Catalogue::from_json(r#"{"language": "cy", "messages": {"invalid_date": "Rhowch ddyddiad go iawn"}}"#).unwrap();
//! assert_eq!(cy.message(&e), "Rhowch ddyddiad go iawn");
//! ```

use crate::base::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Public messages by error code, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// The language's tag (`en`, `cy`).
    pub language: String,
    /// The message of each code.
    pub messages: BTreeMap<String, String>,
}

impl Catalogue {
    /// The built-in English catalogue, read once.
    pub fn english() -> &'static Catalogue {
        static EN: OnceLock<Catalogue> = OnceLock::new();
        EN.get_or_init(|| {
            serde_json::from_str(include_str!("../../data/messages.en.json")).unwrap_or(Catalogue {
                language: "en".into(),
                messages: BTreeMap::new(),
            })
        })
    }

    /// A catalogue from JSON text (`{"language": "cy", "messages": {code: text}}`).
    /// Errors: `invalid_input` for text of another shape or a key that is no code.
    pub fn from_json(text: &str) -> Result<Catalogue> {
        let c: Catalogue = serde_json::from_str(text)
            .map_err(|e| Error::new(ErrorKind::InvalidInput, "", format!("not a message catalogue: {e}")))?;
        if let Some(k) = c.messages.keys().find(|k| ErrorKind::from_code(k).is_none()) {
            return Err(Error::new(
                ErrorKind::InvalidInput,
                format!("messages.{k}"),
                format!("'{}' is not an error code", crate::base::error::quote(k)),
            ));
        }
        Ok(c)
    }

    /// The public message for `error`, with its details filled in; the
    /// English one where this catalogue lacks the code.
    pub fn message(&self, error: &Error) -> String {
        let template = self
            .messages
            .get(error.code())
            .or_else(|| Catalogue::english().messages.get(error.code()))
            .map_or("Check this answer", String::as_str);
        render(template, error)
    }
}

/// Fills `{detail}` placeholders; drops a `[...]` part whose details are missing.
fn render(template: &str, error: &Error) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('[') {
        out.push_str(&fill(rest.get(..open).unwrap_or(""), error).unwrap_or_default());
        let after = rest.get(open + 1..).unwrap_or("");
        let close = after.find(']').unwrap_or(after.len());
        if let Some(part) = fill(after.get(..close).unwrap_or(""), error) {
            out.push_str(&part);
        }
        rest = after.get(close + 1..).unwrap_or("");
    }
    out.push_str(&fill(rest, error).unwrap_or_default());
    out
}

/// `text` with its placeholders filled, or `None` when a detail is missing.
fn fill(text: &str, error: &Error) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open)?);
        let after = rest.get(open + 1..)?;
        let close = after.find('}')?;
        out.push_str(error.details().get(after.get(..close)?)?);
        rest = after.get(close + 1..)?;
    }
    out.push_str(rest);
    Some(out)
}

impl Error {
    /// The message for the public, from the built-in English catalogue.
    pub fn public_message(&self) -> String {
        Catalogue::english().message(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_plain_english_message() {
        let en = Catalogue::english();
        for kind in ErrorKind::ALL {
            let m = en
                .messages
                .get(kind.code())
                .unwrap_or_else(|| panic!("no message for {}", kind.code()));
            assert!(!m.contains('_'), "{}: {m}", kind.code());
            assert!(!m.contains('`'), "{}: {m}", kind.code());
            assert!(m.chars().next().is_some_and(char::is_uppercase), "{}: {m}", kind.code());
        }
        assert_eq!(en.messages.len(), ErrorKind::ALL.len());
    }

    #[test]
    fn details_fill_in_or_their_part_drops() {
        let e = Error::new(ErrorKind::DuplicateVote, "votes_for[1]", "x").with("value", "kent_police");
        assert_eq!(
            e.public_message(),
            "Each seat can vote only once – ‘kent_police’ has already voted"
        );
        let e = Error::new(ErrorKind::DuplicateVote, "votes_for[1]", "x");
        assert_eq!(e.public_message(), "Each seat can vote only once");
        assert!(Catalogue::from_json(r#"{"language": "cy", "messages": {"nope": "x"}}"#).is_err());
    }
}
