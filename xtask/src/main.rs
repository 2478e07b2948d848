//! `cargo run -p xtask -- codegen [--check]`: writes the files the bindings
//! derive from kcsp-core's registry, so that no hand-written binding source
//! names a rule.
//!
//! - `kcsp-py/python/kcsp/_registry.py`: one Python function per rule
//!   (keyword signature, types and docstring from the rule's typed input),
//!   `evaluate` typed by rule id (overloads), the `RuleId` and `ErrorCode`
//!   literal types, and the result classes the functions return.
//! - `kcsp-wasm/js/registry.d.ts`: the `ErrorCode` and `RuleId` unions for
//!   the WebAssembly package's `.d.ts` (the per-rule exports and the
//!   `RuleTypes` map come from `kcsp_core::for_each_rule!` in kcsp-wasm).
//!
//! With `--check` nothing is written: it fails, naming the files, when one
//! is not what the registry gives (`tests/run` runs it).
//!
//! `cargo run -p xtask -- differential N SEED DIR`: the cases of the
//! differential test and the Rust answers ([`differential`]).

mod differential;

use kcsp_core::input::Kind;
use kcsp_core::registry::{descriptions, RuleDescription, RuleInfo, RULES};
use kcsp_core::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const HOW: &str = "cargo run -p xtask -- codegen";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("differential") {
        return match differential::run(&args[1..]) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    if args.first().map(String::as_str) != Some("codegen") {
        eprintln!("usage: {HOW} [--check]");
        return ExitCode::from(2);
    }
    let check = args.iter().any(|a| a == "--check");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let files: Vec<(PathBuf, String)> = vec![
        (root.join("kcsp-py/python/kcsp/_registry.py"), python()),
        (root.join("kcsp-wasm/js/registry.d.ts"), typescript()),
    ];
    let mut stale = Vec::new();
    for (path, text) in &files {
        let now = std::fs::read_to_string(path).unwrap_or_default();
        if now == *text {
            continue;
        }
        if check {
            stale.push(path.display().to_string());
        } else if let Err(e) = std::fs::write(path, text) {
            eprintln!("could not write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    if !stale.is_empty() {
        eprintln!("out of date (run `{HOW}`): {}", stale.join(", "));
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// A doc comment's text without Rust syntax: `[`crate::x::y`]` becomes
/// `y`, a parenthesised link to the function is dropped.
fn plain(lines: &[&str]) -> String {
    let text = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("[`") {
        let Some(j) = rest[i..].find("`]") else { break };
        let inner = &rest[i + 2..i + j];
        let mut before = &rest[..i];
        let after = &rest[i + j + 2..];
        // "(see [`x`])" / " ([`x`])": a pointer into the Rust docs, dropped.
        if before.ends_with('(') && after.starts_with(')') {
            before = before.trim_end_matches('(').trim_end();
            out.push_str(before);
            rest = &after[1..];
            continue;
        }
        out.push_str(before);
        out.push('`');
        out.push_str(inner.rsplit("::").next().unwrap_or(inner));
        out.push('`');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// A field's name as a Python parameter: a word Python reserves (`for`)
/// takes a trailing underscore, as PEP 8 advises.
fn py_name(name: &str) -> String {
    const RESERVED: &[&str] = &[
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
        "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
        "raise", "return", "try", "while", "with", "yield",
    ];
    if RESERVED.contains(&name) {
        format!("{name}_")
    } else {
        name.to_string()
    }
}

fn py_type(kind: &Kind) -> String {
    match kind {
        Kind::Text | Kind::Year => "str".into(),
        Kind::Date => "DateLike".into(),
        Kind::Money => "MoneyLike".into(),
        Kind::Bool => "bool".into(),
        Kind::Count => "int".into(),
        Kind::Choice { values } => {
            let quoted: Vec<String> = values.iter().map(|v| format!("{v:?}")).collect();
            format!("Literal[{}]", quoted.join(", "))
        }
        Kind::List { item } => format!("Iterable[{}]", py_type(item)),
        Kind::Object { .. } => "Mapping[str, Any]".into(),
        _ => "Any".into(),
    }
}

/// What a value is, for a docstring: "a date", "a list of organisation ids".
fn py_words(kind: &Kind) -> String {
    match kind {
        Kind::Choice { values } => format!("one of {}", values.join(", ")),
        Kind::Object { name, fields } => {
            let keys: Vec<&str> = fields.iter().map(|f| f.name).collect();
            format!("a mapping ({name}) with {}", keys.join(", "))
        }
        Kind::List { item } => match py_words(item) {
            words if words.is_empty() => "a list".into(),
            words => format!("a list, each {words}"),
        },
        Kind::Date => "a date".into(),
        Kind::Money => "an amount".into(),
        Kind::Year => "a financial year such as \"2022/23\"".into(),
        _ => String::new(),
    }
}

fn python_function(rule: &RuleInfo, about: &RuleDescription) -> String {
    let required: Vec<_> = about.input.iter().filter(|f| !f.optional).collect();
    let optional: Vec<_> = about.input.iter().filter(|f| f.optional).collect();
    let mut params: Vec<String> = required
        .iter()
        .map(|f| format!("{}: {}", py_name(f.name), py_type(&f.kind)))
        .collect();
    let mut keywords: Vec<String> = optional
        .iter()
        .map(|f| format!("{}: Optional[{}] = None", py_name(f.name), py_type(&f.kind)))
        .collect();
    if rule.reads_partnership {
        keywords.push("partnership: Optional[Partnership] = None".into());
    }
    if rule.reads_calendar {
        keywords.push("calendar: Optional[Calendar] = None".into());
    }
    if !keywords.is_empty() {
        params.push("*".into());
        params.extend(keywords);
    }
    let mut doc = vec![
        format!("    \"\"\"{}", plain(about.doc)),
        String::new(),
        "    Args:".into(),
    ];
    for f in about.input {
        let words = py_words(&f.kind);
        let text = plain(f.doc);
        let text = match (words.is_empty(), text.strip_suffix('.')) {
            (false, Some(stem)) => format!("{stem} ({words})."),
            (false, None) => format!("{text} ({words})"),
            (true, _) => text,
        };
        doc.push(format!("        {}: {text}", py_name(f.name)));
    }
    if rule.reads_partnership {
        doc.push("        partnership: another partnership's definition (Kent's when not given).".into());
    }
    if rule.reads_calendar {
        doc.push("        calendar: another calendar (England and Wales when not given).".into());
    }
    doc.push(String::new());
    doc.push(format!(
        "    Returns a :class:`{}`; raises a :class:`KcspError` subclass when the input is refused.",
        rule.result
    ));
    doc.push("    \"\"\"".into());
    let values: Vec<String> = about
        .input
        .iter()
        .map(|f| format!("\"{}\": {}", f.name, py_name(f.name)))
        .collect();
    let p = if rule.reads_partnership { "partnership" } else { "None" };
    let c = if rule.reads_calendar { "calendar" } else { "None" };
    let one_line = format!("def {}({}) -> {}:", rule.id, params.join(", "), rule.result);
    let params = if one_line.len() <= 110 {
        params.join(", ")
    } else {
        format!("\n    {},\n", params.join(",\n    "))
    };
    format!(
        "def {id}({params}) -> {result}:\n{doc}\n    out: {result} = decide(\"{id}\", {{{values}}}, {p}, {c})\n    return out\n",
        id = rule.id,
        params = params,
        result = rule.result,
        doc = doc.join("\n"),
        values = values.join(", "),
    )
}

fn python_batch(rule: &RuleInfo, about: &RuleDescription) -> String {
    let wanted = kcsp_core::batch::columns(rule.id).unwrap_or_default();
    let mut params = vec![
        "data: Any".to_string(),
        "*".to_string(),
        "columns: Optional[Mapping[str, str]] = None".to_string(),
    ];
    for f in about.input {
        params.push(format!("{}: Optional[{}] = None", py_name(f.name), py_type(&f.kind)));
    }
    if rule.reads_partnership {
        params.push("partnership: Optional[Partnership] = None".into());
    }
    if rule.reads_calendar {
        params.push("calendar: Optional[Calendar] = None".into());
    }
    params.push("errors: Errors = \"keep\"".into());
    let cols: Vec<String> = wanted
        .iter()
        .map(|w| format!("``{}``{}", w.name, if w.required { "" } else { " (optional)" }))
        .collect();
    let values: Vec<String> = about
        .input
        .iter()
        .map(|f| format!("\"{}\": {}", f.name, py_name(f.name)))
        .collect();
    let p = if rule.reads_partnership { "partnership" } else { "None" };
    let c = if rule.reads_calendar { "calendar" } else { "None" };
    format!(
        "def {id}_batch(\n    {params},\n) -> Table:\n    \"\"\"``{id}`` over the rows of a frame ({doc}): see :func:`kcsp.batch`.\n\n    Columns read: {cols}; rename them with ``columns={{\"name\": \"your column\"}}``.\n    An input given here holds for every row (and must agree with its column, if any).\n    \"\"\"\n    return _batch(\"{id}\", data, columns=columns, values={{{values}}}, partnership={p}, calendar={c}, errors=errors)\n",
        id = rule.id,
        params = params.join(",\n    "),
        doc = plain(about.doc).trim_end_matches('.').to_lowercase(),
        cols = cols.join(", "),
        values = values.join(", "),
    )
}

fn python() -> String {
    let mut results: Vec<&str> = RULES.iter().map(|r| r.result).collect();
    results.dedup();
    let ids: Vec<String> = RULES.iter().map(|r| format!("{:?}", r.id)).collect();
    let codes: Vec<String> = ErrorKind::ALL.iter().map(|k| format!("{:?}", k.code())).collect();
    let mut out = format!(
        "# @generated by `{HOW}` from kcsp-core's registry\n\
         # (kcsp-core/src/boundary/registry.rs); do not edit. `{HOW} --check` fails when it is stale.\n\
         \"\"\"Every rule of the registry as a function: required inputs positional, the\n\
         rest keyword-only; each returns the rule's result class.\"\"\"\n\n\
         from __future__ import annotations\n\n\
         from typing import Any, Iterable, Literal, Mapping, Optional, overload\n\n\
         from ._kcsp import Calendar, Partnership\n\
         from ._kcsp import {results}\n\
         from ._types import DateLike, MoneyLike, decide\n\
         from .frames import Errors, Table\n\
         from .frames import batch as _batch\n\n\
         RuleId = Literal[{ids}]\n\
         \"\"\"The id of a rule of the registry.\"\"\"\n\n\
         ErrorCode = Literal[{codes}]\n\
         \"\"\"The stable code of an error (``KcspError.code``).\"\"\"\n\n\
         RULE_IDS: tuple[RuleId, ...] = ({ids_tuple},)\n\n\
         __all__ = [\"RuleId\", \"ErrorCode\", \"RULE_IDS\", \"evaluate\", {names}, {batch_names}, {result_names}]\n\n",
        results = results.join(", "),
        ids = ids.join(", "),
        codes = codes.join(", "),
        ids_tuple = ids.join(", "),
        names = ids.join(", "),
        batch_names = RULES
            .iter()
            .map(|r| format!("\"{}_batch\"", r.id))
            .collect::<Vec<_>>()
            .join(", "),
        result_names = results.iter().map(|r| format!("{r:?}")).collect::<Vec<_>>().join(", "),
    );
    for rule in RULES {
        out.push_str(&format!(
            "\n@overload\ndef evaluate(\n    rule: Literal[{:?}],\n    input: Mapping[str, Any],\n    *,\n    partnership: Optional[Partnership] = None,\n    calendar: Optional[Calendar] = None,\n) -> {}: ...\n",
            rule.id, rule.result
        ));
    }
    out.push_str(
        "\n\ndef evaluate(\n    rule: RuleId,\n    input: Mapping[str, Any],\n    *,\n    partnership: Optional[Partnership] = None,\n    calendar: Optional[Calendar] = None,\n) -> Any:\n    \"\"\"Decides rule ``rule`` on ``input`` (a mapping of the rule's input keys, as\n    in the conformance vectors; Python dates and Decimals are accepted) and\n    returns its result class.\"\"\"\n    return decide(rule, input, partnership, calendar)\n",
    );
    for (rule, about) in RULES.iter().zip(descriptions()) {
        out.push_str("\n\n");
        out.push_str(&python_function(rule, about));
    }
    for (rule, about) in RULES.iter().zip(descriptions()) {
        out.push_str("\n\n");
        out.push_str(&python_batch(rule, about));
    }
    out
}

fn typescript() -> String {
    let codes: Vec<String> = ErrorKind::ALL.iter().map(|k| format!("{:?}", k.code())).collect();
    format!(
        "// @generated by `{HOW}` from kcsp-core's registry; do not edit.\n\
         // `{HOW} --check` fails when it is stale.\n\
         /** The stable code of an error (`KcspError.code`). */\n\
         export type ErrorCode =\n    | {};\n",
        codes.join("\n    | ")
    )
}
