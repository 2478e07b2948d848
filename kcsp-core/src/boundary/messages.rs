//! Messages for people: what a form shows the public for each error code,
//! in plain words (no codes, no field paths, no jargon), kept as data.
//!
//! The built-in English catalogue is `kcsp-core/data/messages.en.json`,
//! keyed by code. A message may name details of the error in braces
//! (`{value}`, `{name}`, `{missing}`, `{wrong}`); a part in square brackets
//! is left out when a detail it names is missing; alternatives separated by
//! ` | ` are tried in order, and the first whose details (outside brackets)
//! are all given is used. `{label}` is the field as the form labels it
//! ([`Catalogue::message_as`]), by default made from the field's name
//! (`as_of` becomes "As of"). A council can supply another catalogue (a
//! Welsh one, say) with [`Catalogue::from_json`]; codes it lacks fall back
//! to English. The developer message ([`Error::message`]) is unchanged.
//!
//! ```
//! use kcsp_core::messages::Catalogue;
//! use kcsp_core::dates::parse_date;
//! let e = parse_date("date", "14/07/2022").unwrap_err();
//! assert_eq!(e.public_message(), "Date must be a real date, for example 14 7 2022");
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
            // Read as the catalogues a caller gives are (no typed reader of
            // `serde_json`'s own in the package).
            Catalogue::from_json(include_str!("../../data/messages.en.json")).unwrap_or(Catalogue {
                language: "en".into(),
                messages: BTreeMap::new(),
            })
        })
    }

    /// A catalogue from JSON text (`{"language": "cy", "messages": {code: text}}`).
    /// Errors: `invalid_input` for text of another shape or a key that is no code.
    pub fn from_json(text: &str) -> Result<Catalogue> {
        let not = |field: String, e: &dyn std::fmt::Display| {
            Error::new(ErrorKind::InvalidInput, field, format!("not a message catalogue: {e}"))
        };
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| not(String::new(), &e))?;
        let c: Catalogue = crate::base::path::deserialize(&value).map_err(|(path, e)| not(e.field(&path), &e))?;
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
        self.message_as(error, None)
    }

    /// The public message for `error` when the form labels its field
    /// `label` ("Date of the meeting"); without one, the label is made from
    /// the field's name.
    ///
    /// ```
    /// use kcsp_core::messages::Catalogue;
    /// use kcsp_core::dates::parse_date;
    /// let en = Catalogue::english();
    /// let e = parse_date("date", "2022-02-30").unwrap_err();
    /// assert_eq!(en.message_as(&e, Some("Date of the meeting")), "Date of the meeting must be a real date – check the day");
    /// let e = parse_date("as_of", "2022--14").unwrap_err();
    /// assert_eq!(en.message(&e), "As of must include a month");
    /// ```
    pub fn message_as(&self, error: &Error, label: Option<&str>) -> String {
        let template = self
            .messages
            .get(error.code())
            .or_else(|| Catalogue::english().messages.get(error.code()))
            .map_or("Check this answer", String::as_str);
        let label = label.map_or_else(|| default_label(error.field()), str::to_string);
        render(template, error, &label)
    }

    /// The public message for `error` with the form's labels by input key
    /// (`{"date": "Date of the meeting"}`): the label of the field's whole
    /// path (`projects[0].amount`), else of the path without its positions
    /// (`projects.amount`), else of its last key (`amount`).
    pub fn message_labelled(&self, error: &Error, labels: &BTreeMap<String, String>) -> String {
        let field = error.field();
        let unindexed = strip_positions(field);
        let last = unindexed.rsplit('.').next().unwrap_or_default().to_string();
        let label = [field.to_string(), unindexed, last]
            .iter()
            .find_map(|k| labels.get(k))
            .map(String::as_str);
        self.message_as(error, label)
    }
}

/// `projects[0].amount` as `projects.amount`.
fn strip_positions(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut depth = 0;
    for c in field.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A field's name as a label: its last key, words spaced, the first capital
/// (`circulated` is "Circulated", `as_of` is "As of"; no field: "This answer").
fn default_label(field: &str) -> String {
    let key = strip_positions(field);
    let key = key.rsplit('.').next().unwrap_or_default().replace('_', " ");
    let mut chars = key.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "This answer".to_string(),
    }
}

/// The first of the ` | ` alternatives of `template` whose details outside
/// brackets are all given (the last one otherwise), rendered.
fn render(template: &str, error: &Error, label: &str) -> String {
    let alternatives: Vec<&str> = template.split(" | ").collect();
    let fits = |alt: &str| {
        let mut outside = String::new();
        let mut depth = 0;
        for c in alt.chars() {
            match c {
                '[' => depth += 1,
                ']' => depth -= 1,
                _ if depth == 0 => outside.push(c),
                _ => {}
            }
        }
        fill(&outside, error, label).is_some()
    };
    let chosen = alternatives
        .iter()
        .find(|a| fits(a))
        .or(alternatives.last())
        .copied()
        .unwrap_or_default();
    render_one(chosen, error, label)
}

/// Fills `{detail}` placeholders; drops a `[...]` part whose details are missing.
fn render_one(template: &str, error: &Error, label: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('[') {
        out.push_str(&fill(rest.get(..open).unwrap_or(""), error, label).unwrap_or_default());
        let after = rest.get(open + 1..).unwrap_or("");
        let close = after.find(']').unwrap_or(after.len());
        if let Some(part) = fill(after.get(..close).unwrap_or(""), error, label) {
            out.push_str(&part);
        }
        rest = after.get(close + 1..).unwrap_or("");
    }
    out.push_str(&fill(rest, error, label).unwrap_or_default());
    out
}

/// `text` with its placeholders filled, or `None` when a detail is missing.
fn fill(text: &str, error: &Error, label: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open)?);
        let after = rest.get(open + 1..)?;
        let close = after.find('}')?;
        match after.get(..close)? {
            "label" => out.push_str(label),
            key => out.push_str(error.details().get(key)?),
        }
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
            // Each alternative starts with a capital or with the field's label.
            for alt in m.split(" | ") {
                let first = alt.strip_prefix("{label}").map_or(alt.chars().next(), |_| Some('L'));
                assert!(first.is_some_and(char::is_uppercase), "{}: {alt}", kind.code());
            }
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
        // A catalogue of the wrong shape names the part that is wrong.
        let e = Catalogue::from_json(r#"{"language": "cy", "messages": {"invalid_date": 5}}"#).unwrap_err();
        assert_eq!((e.code(), e.field()), ("invalid_input", "messages.invalid_date"));
        assert_eq!(
            e.message(),
            "not a message catalogue: invalid type: integer `5`, expected a string"
        );
        let e = Catalogue::from_json(r#"{"language": "cy"}"#).unwrap_err();
        assert_eq!(e.field(), "messages");
        assert!(Catalogue::from_json("{")
            .unwrap_err()
            .message()
            .starts_with("not a message catalogue: EOF"));
    }
}
