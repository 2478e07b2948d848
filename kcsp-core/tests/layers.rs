//! The shape of `kcsp-core/src`: four layers, each a folder, every import
//! pointing down, and no module cycle.
//!
//! `base` (errors, paths, dates, ids, money, years, the input kit) <-
//! `definitions` (calendar, explanations, the partnership, schemes,
//! protocols, gates, agreements, the context) <- `rules` (one file per rule
//! family) <- `boundary` (the registry, JSON, receipts, messages, Python).
//!
//! The graph is read from the source text: every `crate::` path outside
//! comments and `#[cfg(test)]` modules is an edge from the file that writes
//! it to the module it names. Inside the crate a path names the module it
//! means (`crate::base::money::Money`, not the re-export `crate::Money`), so
//! that every edge is seen.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const LAYERS: [&str; 4] = ["base", "definitions", "rules", "boundary"];

/// Module path (`rules::quorum`) -> source text, for every file under `dir`.
fn modules(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let rel = p.strip_prefix(dir).unwrap().with_extension("");
                let mut parts: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
                if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
                    parts.pop();
                }
                let name = if parts.is_empty() {
                    "crate".to_string()
                } else {
                    parts.join("::")
                };
                out.insert(name, std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    out
}

/// The text without comments and without `#[cfg(test)] mod … { … }` blocks.
fn code(text: &str) -> String {
    let mut out = String::new();
    let mut skip_depth: Option<usize> = None;
    let mut depth = 0usize;
    let mut pending_test = false;
    for line in text.lines() {
        let line = match line.find("//") {
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        };
        let trimmed = line.trim();
        if trimmed.starts_with("#[cfg(test)]") {
            pending_test = true;
            continue;
        }
        if pending_test && skip_depth.is_none() && (trimmed.starts_with("mod ") || trimmed.starts_with("pub mod ")) {
            skip_depth = Some(depth);
        }
        if !trimmed.is_empty() {
            pending_test = pending_test && trimmed.starts_with("#[");
        }
        for c in line.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        match skip_depth {
            Some(d) => {
                if depth <= d && line.contains('}') {
                    skip_depth = None;
                }
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// The modules `text` names through `crate::` paths (resolved to the
/// longest module path that exists, or for an exported macro,
/// `crate::name!`, to the module that defines it), and any path that names
/// no module.
fn edges(text: &str, known: &BTreeSet<String>, macros: &BTreeMap<String, String>) -> (BTreeSet<String>, Vec<String>) {
    let mut found = BTreeSet::new();
    let mut unresolved = Vec::new();
    let code = code(text);
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        let tail = &rest[i + "crate::".len()..];
        let path: String = tail
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        let module = (1..=segs.len())
            .rev()
            .map(|k| segs[..k].join("::"))
            .find(|m| known.contains(m))
            .or_else(|| {
                macros
                    .get(&path)
                    .cloned()
                    .filter(|_| tail[path.len()..].starts_with('!'))
            });
        match module {
            // A layer folder alone (`crate::rules::{…}`) is an import of its modules.
            Some(m) if LAYERS.contains(&m.as_str()) && tail[path.len()..].starts_with('{') => {
                let inner = &tail[path.len() + 1..tail.find('}').unwrap_or(tail.len())];
                for name in inner.split(',').map(|s| s.trim().split("::").next().unwrap_or("")) {
                    let m2 = format!("{m}::{name}");
                    if known.contains(&m2) {
                        found.insert(m2);
                    }
                }
            }
            Some(m) => {
                found.insert(m);
            }
            None => unresolved.push(format!("crate::{path}")),
        }
        rest = &tail[path.len()..];
    }
    (found, unresolved)
}

fn layer(module: &str) -> Option<usize> {
    let top = module.split("::").next()?;
    LAYERS.iter().position(|l| *l == top)
}

/// The modules in cycles (strongly connected components of more than one
/// module), by Tarjan's algorithm.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on.insert(v);
        if let Some(next) = s.graph.get(v) {
            for w in next {
                let w = w.as_str();
                if !s.index.contains_key(w) {
                    visit(s, w);
                    let lw = s.low[w];
                    let lv = s.low[v];
                    s.low.insert(v, lv.min(lw));
                } else if s.on.contains(w) {
                    let iw = s.index[w];
                    let lv = s.low[v];
                    s.low.insert(v, lv.min(iw));
                }
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out
}

/// Everything wrong with the shape of the sources in `dir`.
fn problems(dir: &Path) -> Vec<String> {
    let mods = modules(dir);
    let known: BTreeSet<String> = mods.keys().cloned().collect();
    // `#[macro_export] macro_rules! name` is `crate::name!`, defined in its module.
    let mut macros = BTreeMap::new();
    for (m, text) in &mods {
        let code = code(text);
        let mut lines = code.lines().map(str::trim).peekable();
        while let Some(line) = lines.next() {
            if line.starts_with("#[macro_export]") {
                if let Some(name) = lines.peek().and_then(|l| l.strip_prefix("macro_rules!")) {
                    macros.insert(name.trim().trim_end_matches('{').trim().to_string(), m.clone());
                }
            }
        }
    }
    let mut graph = BTreeMap::new();
    let mut found = Vec::new();
    for (m, text) in &mods {
        let (targets, unresolved) = edges(text, &known, &macros);
        for u in unresolved {
            if m != "crate" {
                found.push(format!("{m}: `{u}` names no module (write the module's own path)"));
            }
        }
        let targets: BTreeSet<String> = targets.into_iter().filter(|t| t != m && !is_parent(t, m)).collect();
        if m != "crate" {
            match layer(m) {
                None => found.push(format!("{m}: not in a layer folder ({})", LAYERS.join(", "))),
                Some(l) => {
                    for t in &targets {
                        if let Some(lt) = layer(t) {
                            if lt > l {
                                found.push(format!("{m} imports {t}, a layer above it"));
                            }
                        }
                    }
                }
            }
        }
        graph.insert(m.clone(), targets);
    }
    for c in cycles(&graph) {
        found.push(format!("module cycle: {}", c.join(" -> ")));
    }
    found
}

/// Whether `parent` is a folder module containing `child` (`rules` of `rules::quorum`).
fn is_parent(parent: &str, child: &str) -> bool {
    child.starts_with(parent) && child[parent.len()..].starts_with("::")
}

#[test]
fn imports_point_down_and_no_module_is_in_a_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = problems(&src);
    assert!(found.is_empty(), "the shape of kcsp-core/src:\n{}", found.join("\n"));
}

#[test]
fn the_check_finds_a_cycle_an_upward_import_and_a_shortcut() {
    let dir = std::env::temp_dir().join(format!("kcsp-layers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for l in LAYERS {
        std::fs::create_dir_all(dir.join(l)).unwrap();
    }
    let write = |p: &str, t: &str| std::fs::write(dir.join(p), t).unwrap();
    write(
        "lib.rs",
        "mod base; mod definitions; mod rules; mod boundary;\npub use base::a::A;\n",
    );
    write("base/mod.rs", "pub mod a; pub mod b;\n");
    write("base/a.rs", "use crate::base::b::B;\npub struct A;\n");
    write("base/b.rs", "use crate::base::a::A; // a cycle\npub struct B;\n");
    write("definitions/mod.rs", "pub mod c;\n");
    write(
        "definitions/c.rs",
        "use crate::rules::d::D;\nfn f() -> crate::A { todo!() }\n",
    );
    write("rules/mod.rs", "pub mod d;\n");
    write(
        "rules/d.rs",
        "pub struct D;\n#[cfg(test)]\nmod tests {\n    use crate::boundary::e::E;\n}\n",
    );
    write("boundary/mod.rs", "pub mod e;\n");
    write(
        "boundary/e.rs",
        "use crate::rules::{d};\n// crate::boundary::nothing in a comment\npub struct E;\n",
    );
    let found = problems(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        found.iter().any(|f| f == "module cycle: base::a -> base::b"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f == "definitions::c imports rules::d, a layer above it"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("definitions::c: `crate::A` names no module")),
        "{found:?}"
    );
    // A test module may reach up; a comment is not an import.
    assert_eq!(found.len(), 3, "{found:?}");
}
