//! The error catalogue, Rust side: every code of [`ErrorKind::ALL`] has one
//! case in `tests/errors/catalogue.json`, and that case fails here with that
//! code and field. The Python and JavaScript suites run the same cases
//! (`kcsp-py/tests/test_error_catalogue.py`,
//! `kcsp-wasm/tests/error_catalogue.test.mjs`). Also keeps the catalogue
//! table `kcsp-core/ERRORS.md` (part of the rustdoc) in step with the code:
//! `KCSP_BLESS=1 cargo test --test error_catalogue` rewrites it.

use kcsp_core::{json, Calendar, Error, ErrorKind, Partnership};
use serde_json::Value;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(root().join("tests/errors/catalogue.json")).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    doc["cases"].as_array().unwrap().clone()
}

fn run(case: &Value) -> Result<(), Error> {
    let text = case["text"].as_str().unwrap_or("");
    match (case["rule"].as_str(), case["rust"].as_str()) {
        (Some(rule), None) => json::evaluate(rule, &case["input"]).map(drop),
        (None, Some("Partnership::from_json")) => Partnership::from_json(text).map(drop),
        (None, Some("Calendar::with_govuk_json")) => Calendar::england_and_wales().with_govuk_json(text).map(drop),
        other => panic!("a case must name a rule or a known Rust entry point: {other:?}"),
    }
}

#[test]
fn every_code_has_one_case_and_the_case_gives_that_code_and_field() {
    let cases = cases();
    let mut failures = Vec::new();
    for kind in ErrorKind::ALL {
        let matching: Vec<&Value> = cases.iter().filter(|c| c["code"] == kind.code()).collect();
        let [case] = matching.as_slice() else {
            failures.push(format!("{}: {} cases, want exactly 1", kind.code(), matching.len()));
            continue;
        };
        match run(case) {
            Ok(()) => failures.push(format!("{}: the call succeeded", kind.code())),
            Err(e) => {
                let want = (kind.code(), case["field"].as_str().unwrap_or("?"));
                if (e.code(), e.field()) != want {
                    failures.push(format!(
                        "{}: got {} at {:?}, want field {:?}",
                        kind.code(),
                        e.code(),
                        e.field(),
                        want.1
                    ));
                } else {
                    println!("ok {} ({})", e.code(), e.field());
                }
            }
        }
    }
    assert_eq!(cases.len(), ErrorKind::ALL.len(), "a case with an unknown code");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn table(cases: &[Value]) -> String {
    let mut out = String::from(
        "# Error catalogue\n\n\
         Every failure carries one of these stable codes, with the input field it concerns and a \
         readable message. The same input gives the same code and field in all three languages: \
         Rust (`Error::code()`, `Error::field()`), Python (`KcspError.code`, `.field`; the exception \
         class is the family's: `InputError`, `CalendarError`, `GovernanceError`, `GrantError`, \
         `DhrError`) and JavaScript (thrown `Error` with `code`, `field`). A field inside a list is \
         named with its index (`present[2]`, `projects[1].amount`); an empty field concerns the whole \
         input.\n\n\
         Each code also has a message for the public, in plain words for a form (no codes, no field \
         paths), kept as data in `kcsp-core/data/messages.en.json` (`Error::public_message()`; \
         another language through `messages::Catalogue::from_json`). Below, each is shown as it reads \
         for the example: a part in square brackets of the data appears only when the error carries \
         the detail it names.\n\n\
         The example of each row is a case of `tests/errors/catalogue.json`, run by the Rust, Python \
         and JavaScript test suites.\n\n\
         | code | family | meaning | public message (for the example) | field in the example | example |\n\
         |---|---|---|---|---|---|\n",
    );
    for kind in ErrorKind::ALL {
        let case = cases.iter().find(|c| c["code"] == kind.code());
        let public = case
            .and_then(|c| run(c).err())
            .map(|e| e.public_message())
            .unwrap_or_default()
            .replace('|', "\\|");
        let field = case.and_then(|c| c["field"].as_str()).unwrap_or("");
        let example = match case {
            Some(c) if c["rule"].is_string() => format!("`{}`", c["rule"].as_str().unwrap_or("")),
            Some(c) => format!("`{}` (*Rust only*)", c["rust"].as_str().unwrap_or("")),
            None => "—".into(),
        };
        let field = if field.is_empty() {
            "(whole input)".to_string()
        } else {
            format!("`{field}`")
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} |\n",
            kind.code(),
            kind.domain(),
            kind.meaning().replace('|', "\\|"),
            public,
            field,
            example
        ));
    }
    out
}

#[test]
fn the_catalogue_table_is_up_to_date() {
    let path = root().join("kcsp-core/ERRORS.md");
    let want = table(&cases());
    if std::env::var_os("KCSP_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "kcsp-core/ERRORS.md is out of date: run KCSP_BLESS=1 cargo test --test error_catalogue"
    );
}

/// Another language's catalogue, read at run time (a test one, so that no
/// machine translation ships): its messages replace the English where it
/// has them, with the form's labels; English where it has none.
#[test]
fn another_catalogue_and_the_forms_labels() {
    use kcsp_core::messages::Catalogue;
    let text = std::fs::read_to_string(root().join("tests/errors/messages.x-test.json")).unwrap();
    let test = Catalogue::from_json(&text).unwrap();
    let errors = kcsp_core::registry::validate(
        kcsp_core::Context::kent(),
        "papers_deadline",
        &serde_json::json!({"meeting": "2022-07-", "circulated": "2022-02-30"}),
    )
    .unwrap();
    let labels = std::collections::BTreeMap::from([("meeting".to_string(), "Date of the meeting".to_string())]);
    let shown: Vec<String> = errors.iter().map(|e| test.message_labelled(e, &labels)).collect();
    assert_eq!(
        shown,
        ["TEST Date of the meeting: missing day", "TEST Circulated: wrong day"]
    );
    let english: Vec<String> = errors
        .iter()
        .map(|e| Catalogue::english().message_labelled(e, &labels))
        .collect();
    assert_eq!(
        english,
        [
            "Date of the meeting must include a day",
            "Circulated must be a real date – check the day"
        ]
    );
    // A code the catalogue lacks keeps its English message.
    let e = kcsp_core::quorum::check(
        kcsp_core::Context::kent(),
        "cabinet",
        chrono::NaiveDate::MIN,
        &[] as &[&str],
    )
    .unwrap_err();
    assert_eq!(test.message(&e), Catalogue::english().message(&e));
}
