//! The methods of the context types (`Partnership`, `Calendar`) that every
//! binding offers, declared once.
//!
//! [`METHODS`] lists each method with its arguments, what it returns and its
//! documentation; [`partnership`] and [`calendar`] hold the one core function
//! each method is. The bindings' code for these methods is generated from the
//! table (`cargo run -p xtask -- codegen` writes `kcsp-py/src/methods.rs` and
//! `kcsp-wasm/src/methods.rs`), so a method answers the same in Rust, Python
//! and JavaScript and a new one is a function and an entry here.
//!
//! ```
//! use kcsp_core::api::{self, Receiver};
//! let seats = api::METHODS.iter().find(|m| m.class == "Partnership" && m.name == "seats").unwrap();
//! assert_eq!(seats.receiver, Receiver::Method);
//! assert_eq!(seats.args.iter().map(|a| a.name).collect::<Vec<_>>(), ["body", "date"]);
//!
//! let kent = api::partnership::kent().unwrap();
//! let d = chrono::NaiveDate::from_ymd_opt(2022, 7, 14).unwrap();
//! assert_eq!(api::partnership::seats(&kent, "kcsp", d).unwrap().len(), 7);
//! ```

use serde::Serialize;

/// How a method is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Receiver {
    /// On the class (`Partnership.kent()`).
    Static,
    /// The class's constructor (`new Calendar()`, `Calendar()`).
    Constructor,
    /// On a value (`p.seats(body, date)`).
    Method,
    /// A read-only property (`p.name`).
    Getter,
    /// The value described in a line (Python's `repr`, JavaScript's `toString`).
    Describe,
    /// A function of the rules' context (class `Rules`): in JavaScript a
    /// method of a `Rules` value and a function in Kent's context; in Python
    /// a function of the module with keyword-only `partnership`, `calendar`
    /// and `messages` (a catalogue of public messages, as JSON text).
    Context,
}

/// What an argument holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArgKind {
    /// Text.
    Text,
    /// A date: ISO text, or a date as the language has it.
    Date,
    /// A whole number of years (a calendar year).
    Year,
    /// A file to read as text (Python only: a browser has no files).
    File,
    /// A rule id of the registry.
    Rule,
    /// A rule's input: an object of its keys (dates and money as the
    /// language has them, or as text).
    Input,
    /// A form's values, which may hold anything: what is being checked. A
    /// value that cannot be read is one more error found, not a failure.
    Form,
    /// Plain data of the named type (a stored receipt, read back).
    Record(&'static str),
    /// The names of a form's fields by input key (`{"date": "Date of the
    /// meeting"}`), for the public messages of the errors found. Not passed
    /// to the core function: it changes how the errors are shown.
    Labels,
}

/// One argument of a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Arg {
    /// Its name (the same in every language).
    pub name: &'static str,
    /// What it holds.
    pub kind: ArgKind,
    /// Whether it may be left out (`None`, `undefined`, `null`).
    pub optional: bool,
}

/// What a method returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Returns {
    /// A new value of its class.
    Same,
    /// Text.
    Text,
    /// A list of rows of the named type (objects in JavaScript, tuples in Python).
    Rows(&'static str),
    /// The problems found: a list of errors, not thrown.
    Problems,
    /// The rule's own result type (a class of its own in Python, an object
    /// typed by the rule in TypeScript).
    Decision,
    /// A record of the named type, as plain data (dicts in Python, objects
    /// in JavaScript).
    Record(&'static str),
}

/// A method of a context type, as every binding offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Method {
    /// The class: `Partnership` or `Calendar`.
    pub class: &'static str,
    /// Its name in snake_case (JavaScript's is in lowerCamelCase).
    pub name: &'static str,
    /// How it is called.
    pub receiver: Receiver,
    /// Its arguments, in order.
    pub args: &'static [Arg],
    /// What it returns.
    pub returns: Returns,
    /// What it does, in plain words (the same docs in every language).
    pub doc: &'static str,
}

const fn arg(name: &'static str, kind: ArgKind) -> Arg {
    Arg {
        name,
        kind,
        optional: false,
    }
}

const fn optional(name: &'static str, kind: ArgKind) -> Arg {
    Arg {
        name,
        kind,
        optional: true,
    }
}

const fn method(
    class: &'static str,
    name: &'static str,
    receiver: Receiver,
    args: &'static [Arg],
    returns: Returns,
    doc: &'static str,
) -> Method {
    Method {
        class,
        name,
        receiver,
        args,
        returns,
        doc,
    }
}

use ArgKind::{Date, File, Form, Input, Labels, Rule, Text, Year};
use Receiver::{Constructor, Describe, Getter, Static};

/// Every method of the context types, in the order the bindings list them.
pub const METHODS: &[Method] = &[
    method("Partnership", "kent", Static, &[], Returns::Same, "The built-in Kent Community Safety Partnership."),
    method(
        "Partnership",
        "from_json",
        Static,
        &[arg("text", Text)],
        Returns::Same,
        "A definition from JSON text (the format of FORMAT.md, \"The partnership definition\"); fails with `invalid_partnership` and the field.",
    ),
    method(
        "Partnership",
        "from_file",
        Static,
        &[arg("path", File)],
        Returns::Same,
        "A definition from a JSON file.",
    ),
    method(
        "Partnership",
        "problems",
        Static,
        &[arg("text", Text)],
        Returns::Problems,
        "Every problem of a definition given as JSON text, at once: `invalid_partnership` errors, each with its field; empty when the definition is valid.",
    ),
    method("Partnership", "to_json", Receiver::Method, &[], Returns::Text, "The definition as JSON text."),
    method("Partnership", "name", Getter, &[], Returns::Text, "The partnership's name."),
    method(
        "Partnership",
        "bodies",
        Receiver::Method,
        &[],
        Returns::Rows("BodyOption"),
        "Every body, to build form options: its id and name, the principal body first.",
    ),
    method(
        "Partnership",
        "organisations",
        Receiver::Method,
        &[optional("date", Date), optional("body", Text)],
        Returns::Rows("OrganisationOption"),
        "The organisations, to build form options (id, name, from, to, attendee_only); with `date`, those that existed on it; with `body` too, those of that body on the date (holding a seat or taking part): what its meeting form offers.",
    ),
    method(
        "Partnership",
        "seats",
        Receiver::Method,
        &[arg("body", Text), arg("date", Date)],
        Returns::Rows("SeatOnDate"),
        "The seats of `body` on `date` with the organisation holding each (id, name, holder): the seats that count for its quorum that day.",
    ),
    method("Partnership", "describe", Describe, &[], Returns::Text, "The partnership in a line."),
    method(
        "Calendar",
        "new",
        Constructor,
        &[],
        Returns::Same,
        "The England and Wales calendar computed from statute and proclamations.",
    ),
    method(
        "Calendar",
        "from_json",
        Static,
        &[arg("text", Text)],
        Returns::Same,
        "A calendar from JSON text: GOV.UK's `bank-holidays.json` as published, or changes (`{\"govuk\": ..., \"add\": [...], \"remove\": [...]}`); fails with `invalid_calendar` and the field.",
    ),
    method(
        "Calendar",
        "govuk_json",
        Static,
        &[arg("text", Text)],
        Returns::Same,
        "The England and Wales calendar with GOV.UK's `bank-holidays.json` (as published) replacing the computed days of the years it covers.",
    ),
    method(
        "Calendar",
        "govuk_file",
        Static,
        &[arg("path", File)],
        Returns::Same,
        "The England and Wales calendar with GOV.UK's `bank-holidays.json` read from a file.",
    ),
    method(
        "Calendar",
        "add",
        Receiver::Method,
        &[arg("date", Date), optional("name", Text)],
        Returns::Same,
        "This calendar with `date` a bank holiday, named `name` (\"Added bank holiday\" when not given).",
    ),
    method(
        "Calendar",
        "remove",
        Receiver::Method,
        &[arg("date", Date)],
        Returns::Same,
        "This calendar with `date` an ordinary day.",
    ),
    method(
        "Calendar",
        "bank_holidays",
        Receiver::Method,
        &[arg("year", Year)],
        Returns::Rows("BankHoliday"),
        "The bank holidays of `year` (date, name), in date order.",
    ),
    method("Calendar", "source", Receiver::Method, &[], Returns::Text, "Which calendar this is, in a sentence."),
    method("Calendar", "describe", Describe, &[], Returns::Text, "The calendar in a line."),
    method(
        "Rules",
        "evaluate",
        Receiver::Context,
        &[arg("rule", Rule), arg("input", Input)],
        Returns::Decision,
        "Decides rule `rule` on `input` (the rule's input keys and their values, as the conformance vectors describe them) and returns the rule's result, with its explanation.",
    ),
    method(
        "Rules",
        "validate",
        Receiver::Context,
        &[arg("rule", Rule), arg("input", Form), optional("labels", Labels)],
        Returns::Problems,
        "Every input error of a form at once, the way a form shows them: each error with its `code`, `field` and public message; empty when the input is valid. Fails only for a rule that does not exist. `labels` name the form's fields by input key (`{\"date\": \"Date of the meeting\"}`) for the public messages; without one a field is named from its key.",
    ),
    method(
        "Rules",
        "receipt",
        Receiver::Context,
        &[arg("rule", Rule), arg("input", Input)],
        Returns::Record("Receipt"),
        "The decision as a receipt to store (as JSON): the rule, the input, the library version, a hash of the context used and the result.",
    ),
    method(
        "Rules",
        "verify",
        Receiver::Context,
        &[arg("receipt", ArgKind::Record("Receipt"))],
        Returns::Record("Verification"),
        "Whether a stored receipt still holds in this context: `holds`, `same_context`, `same_version`, the `result` now and the `error` code if it now fails.",
    ),
];

/// The methods of `Partnership`, one core function each.
pub mod partnership {
    use crate::base::error::Result;
    use crate::base::id::{BodyId, OrgId};
    use crate::definitions::context::Context;
    use crate::definitions::partnership::{Partnership, SeatOnDate};
    use chrono::NaiveDate;
    use serde::Serialize;

    /// A body as a form option ([`bodies`]).
    #[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
    #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
    pub struct BodyOption {
        /// The body id.
        pub id: BodyId,
        /// Its name.
        pub name: String,
    }

    /// An organisation as a form option ([`organisations`]).
    #[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
    #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
    pub struct OrganisationOption {
        /// The organisation id.
        pub id: OrgId,
        /// Its name.
        pub name: String,
        /// The first day it existed (`None`: since before anything asked about).
        pub from: Option<NaiveDate>,
        /// The last day it existed (`None`: it still exists).
        pub to: Option<NaiveDate>,
        /// An attendance category that never counts towards a quorum.
        pub attendee_only: bool,
    }

    /// The built-in Kent Community Safety Partnership.
    pub fn kent() -> Result<Partnership> {
        Ok(Context::kent().partnership().clone())
    }

    /// A definition from JSON text ([`Partnership::from_json`]).
    pub fn from_json(text: &str) -> Result<Partnership> {
        Partnership::from_json(text)
    }

    /// A definition from a file's text (the binding reads the file).
    pub fn from_file(text: &str) -> Result<Partnership> {
        Partnership::from_json(text)
    }

    /// Every problem of a definition ([`Partnership::problems_in_json`]).
    pub fn problems(text: &str) -> Result<Vec<crate::base::error::Error>> {
        Ok(Partnership::problems_in_json(text))
    }

    /// The definition as JSON text.
    pub fn to_json(p: &Partnership) -> Result<String> {
        Ok(p.to_json())
    }

    /// The partnership's name.
    pub fn name(p: &Partnership) -> Result<String> {
        Ok(p.name().to_string())
    }

    /// Every body: id and name, the principal body first.
    pub fn bodies(p: &Partnership) -> Result<Vec<BodyOption>> {
        Ok(p.bodies()
            .iter()
            .map(|b| BodyOption {
                id: b.id.clone(),
                name: b.name.clone(),
            })
            .collect())
    }

    /// The organisations ([`Partnership::organisations_for`]).
    pub fn organisations(
        p: &Partnership,
        date: Option<NaiveDate>,
        body: Option<&str>,
    ) -> Result<Vec<OrganisationOption>> {
        Ok(p.organisations_for(date, body)?
            .into_iter()
            .map(|o| OrganisationOption {
                id: o.id.clone(),
                name: o.name.clone(),
                from: o.from,
                to: o.to,
                attendee_only: o.attendee_only,
            })
            .collect())
    }

    /// The seats of `body` on `date` ([`Partnership::seats`]).
    pub fn seats(p: &Partnership, body: &str, date: NaiveDate) -> Result<Vec<SeatOnDate>> {
        p.seats(body, date)
    }

    /// `Partnership("name")`.
    pub fn describe(p: &Partnership) -> Result<String> {
        Ok(format!("Partnership({:?})", p.name()))
    }
}

/// The functions of a context (`Rules`), one core function each.
pub mod rules {
    use crate::base::error::Result;
    use crate::boundary::receipt::{self, Receipt, Verification};
    use crate::boundary::registry::{self, Output};
    use crate::definitions::context::Context;
    use serde_json::Value;

    /// Rule `rule` on `input` ([`registry::decide`]).
    pub fn evaluate(ctx: &Context, rule: &str, input: &Value) -> Result<Box<dyn Output>> {
        registry::decide(ctx, rule, input).map(|(out, _)| out)
    }

    /// Every input error of a form ([`registry::validate`]).
    pub fn validate(ctx: &Context, rule: &str, input: &Value) -> Result<Vec<crate::base::error::Error>> {
        registry::validate(ctx, rule, input)
    }

    /// The decision as a receipt ([`receipt::issue`]).
    pub fn receipt(ctx: &Context, rule: &str, input: &Value) -> Result<Receipt> {
        receipt::issue(ctx, rule, input)
    }

    /// Whether a stored receipt still holds ([`receipt::verify`]); a value
    /// that is no receipt fails with `invalid_input` at its field.
    pub fn verify(ctx: &Context, stored: &Value) -> Result<Verification> {
        receipt::verify(ctx, &crate::base::input::parse(stored)?)
    }
}

/// The methods of `Calendar`, one core function each.
pub mod calendar {
    use crate::base::error::Result;
    use crate::definitions::calendar::{BankHoliday, Calendar};
    use chrono::NaiveDate;

    /// The England and Wales calendar.
    pub fn new() -> Result<Calendar> {
        Ok(Calendar::england_and_wales())
    }

    /// A calendar from JSON text ([`Calendar::from_json`]).
    pub fn from_json(text: &str) -> Result<Calendar> {
        Calendar::from_json(text)
    }

    /// England and Wales with GOV.UK's file ([`Calendar::with_govuk_json`]).
    pub fn govuk_json(text: &str) -> Result<Calendar> {
        Calendar::england_and_wales().with_govuk_json(text)
    }

    /// England and Wales with GOV.UK's file, from its text (the binding reads the file).
    pub fn govuk_file(text: &str) -> Result<Calendar> {
        govuk_json(text)
    }

    /// The calendar with `date` a bank holiday.
    pub fn add(c: &Calendar, date: NaiveDate, name: Option<&str>) -> Result<Calendar> {
        let mut c = c.clone();
        c.add_holiday(date, name.unwrap_or("Added bank holiday"))?;
        Ok(c)
    }

    /// The calendar with `date` an ordinary day.
    pub fn remove(c: &Calendar, date: NaiveDate) -> Result<Calendar> {
        let mut c = c.clone();
        c.remove_holiday(date)?;
        Ok(c)
    }

    /// The bank holidays of `year` ([`Calendar::bank_holidays`]).
    pub fn bank_holidays(c: &Calendar, year: i32) -> Result<Vec<BankHoliday>> {
        c.bank_holidays(year)
    }

    /// Which calendar this is, in a sentence.
    pub fn source(c: &Calendar) -> Result<String> {
        Ok(c.source().summary)
    }

    /// `Calendar("summary")`.
    pub fn describe(c: &Calendar) -> Result<String> {
        Ok(format!("Calendar({:?})", c.source().summary))
    }
}
