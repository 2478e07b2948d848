//! Kent is data: outside `src/kent.rs` (which only embeds the data file),
//! the library's code names no Kent organisation, body or seat id, no Kent
//! citation text and no date of the Kent definition. Comments and unit-test
//! modules are not code and are skipped.

use std::collections::BTreeSet;
use std::path::Path;

fn strings(v: &serde_json::Value, keys: &[&str], out: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if let (true, Some(s)) = (keys.contains(&k.as_str()), x.as_str()) {
                    out.insert(s.to_string());
                }
                strings(x, keys, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, keys, out)),
        _ => {}
    }
}

#[test]
fn no_kent_id_citation_or_date_in_generic_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let kent: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("data/kent.json")).unwrap()).unwrap();
    let mut ids = BTreeSet::new();
    strings(&kent, &["id", "organisation", "body"], &mut ids);
    let mut texts = BTreeSet::new();
    strings(&kent, &["document", "summary"], &mut texts);
    let mut dates = BTreeSet::new();
    strings(&kent, &["from", "to"], &mut dates);
    dates.retain(|d| d.len() == 10);
    assert!(ids.contains("kent_police") && texts.len() > 10 && dates.contains("2022-07-01"));

    let mut found = Vec::new();
    for entry in std::fs::read_dir(root.join("src")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "kent.rs" || path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        let code = source.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            let line = line.trim();
            // Comments, and the Python package's module name (`kcsp`, the
            // library's name, not the Kent body of the same id).
            if line.starts_with("//") || line.contains("module = \"kcsp\"") || line.starts_with("const PACKAGE: &str") {
                continue;
            }
            for id in &ids {
                if line.contains(&format!("\"{id}\"")) {
                    found.push(format!("{name}:{}: id {id}", n + 1));
                }
            }
            for d in &dates {
                if line.contains(d.as_str()) {
                    found.push(format!("{name}:{}: date {d}", n + 1));
                }
            }
            for t in &texts {
                let head: String = t.chars().take(40).collect();
                if head.len() >= 20 && line.contains(&head) {
                    found.push(format!("{name}:{}: citation {head}…", n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "Kent data in generic code:\n{}", found.join("\n"));
}

/// The data file is kept in the form the library writes, so that a
/// definition written out by `Context::to_json` and the file read in agree
/// key for key. `KCSP_BLESS=1 cargo test -p kcsp-core --test kent_is_data`
/// rewrites it in that form after an edit by hand.
#[test]
fn the_kent_data_file_is_in_the_form_the_library_writes() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/kent.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let ctx = kcsp_core::Context::from_json(&text).unwrap();
    if std::env::var_os("KCSP_BLESS").is_some() {
        std::fs::write(&path, ctx.to_json() + "\n").unwrap();
    }
    let file: serde_json::Value = serde_json::from_str(&text).unwrap();
    let written: serde_json::Value = serde_json::from_str(&ctx.to_json()).unwrap();
    assert!(
        file == written,
        "data/kent.json is not in the form the library writes (KCSP_BLESS=1 rewrites it)"
    );
}
