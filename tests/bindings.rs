//! The bindings stay thin: their hand-written source (every file of
//! `kcsp-py/src`, `kcsp-py/python`, `kcsp-wasm/src` and `kcsp-wasm/js` but
//! those whose first lines say `@generated`, and the core's Python
//! conversions) is at most 2,000 lines, and none of it names a rule of the
//! registry but `quorum` (a domain word, and the typed-array fast path):
//! per-rule code is generated from the registry and the table of methods.

use std::path::{Path, PathBuf};

const BUDGET: usize = 2_000;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if path.is_dir() {
            if !matches!(name, "tests" | "__pycache__" | "node_modules") {
                files(&path, out);
            }
        } else if [".rs", ".py", ".js", ".ts", ".mjs"].iter().any(|e| name.ends_with(e)) && !name.ends_with(".d.ts")
            || name == "node.d.ts"
        {
            out.push(path);
        }
    }
}

/// The hand-written binding sources with their text.
fn handwritten() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![root.join("kcsp-core/src/boundary/python.rs")];
    for dir in ["kcsp-py/src", "kcsp-py/python", "kcsp-wasm/src", "kcsp-wasm/js"] {
        files(&root.join(dir), &mut paths);
    }
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
        .filter(|(_, t)| !t.lines().take(5).any(|l| l.contains("@generated")))
        .collect()
}

#[test]
fn the_hand_written_binding_code_is_within_its_budget() {
    let sources = handwritten();
    assert!(sources.len() >= 8, "the binding sources were not found: {sources:?}");
    let lines: usize = sources.iter().map(|(_, t)| t.lines().count()).sum();
    let each: Vec<String> = sources
        .iter()
        .map(|(p, t)| format!("{} {}", t.lines().count(), p.display()))
        .collect();
    assert!(
        lines <= BUDGET,
        "the bindings hold {lines} hand-written lines (at most {BUDGET}): move per-rule or per-method code \
         into the core's registry or table of methods and generate it\n{}",
        each.join("\n")
    );
}

fn camel(id: &str) -> String {
    let mut parts = id.split('_');
    let mut out = parts.next().unwrap_or_default().to_string();
    for p in parts {
        let mut c = p.chars();
        if let Some(first) = c.next() {
            out.extend(first.to_uppercase());
            out.push_str(c.as_str());
        }
    }
    out
}

/// Whether `text` holds `word` as a whole word (letters, digits and `_` around it end it).
fn names(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        boundary(before) && boundary(after)
    })
}

#[test]
fn no_hand_written_binding_file_names_a_rule() {
    let sources = handwritten();
    let mut found = Vec::new();
    for rule in kcsp_core::registry::RULES.iter().filter(|r| r.id != "quorum") {
        for (path, text) in &sources {
            if names(text, rule.id) || names(text, &camel(rule.id)) {
                found.push(format!("{} names {}", path.display(), rule.id));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_word_test_finds_whole_words_only() {
    assert!(names("evaluate(\"grant_split\", x)", "grant_split"));
    assert!(names("grantSplit(x)", &camel("grant_split")));
    assert!(!names("my_grant_split_table", "grant_split"));
    assert!(!names("decisions", "decision"));
}
