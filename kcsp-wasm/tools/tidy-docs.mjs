// Rewrites the doc comments wasm-bindgen copies from the Rust sources into
// the package's .d.ts and .js (what an editor shows on hover) so that they
// read as TypeScript docs: Rust examples (fenced code) are dropped, rustdoc
// links become code spans, `None` becomes `null`. Run by the build
// (tests/lib/wasm.sh) on each package folder; kcsp-wasm/tests/api.test.mjs
// checks the result.
//
//   node kcsp-wasm/tools/tidy-docs.mjs <package folder>
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** One doc comment's text, tidied. */
export function tidy(comment) {
  const lines = comment.split("\n");
  const out = [];
  let fenced = false;
  for (const line of lines) {
    const body = line.replace(/^\s*\*\s?/, "");
    if (body.startsWith("```")) {
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    out.push(
      line
        // " ([`function`])": a pointer into the Rust docs, dropped.
        .replace(/\s*\(\[`[^`\]]+`\]\)/g, "")
        // [`text`](path) and [text](path): the text.
        .replace(/\[(`[^`\]]+`)\]\([^)]*\)/g, "$1")
        .replace(/\[([^\]`]+)\]\((?:crate|Self|super)[^)]*\)/g, "$1")
        // [`a::b::C`]: `C`.
        .replace(/\[`(?:[\w]+::)*([^`\]]+)`\]/g, "`$1`")
        .replace(/`None`/g, "`null`")
        .replace(/\(`null`: /g, "(`null`: ")
        .replace(/\bSome\(([^)]*)\)/g, "$1"),
    );
  }
  // Blank doc lines left where an example was: keep one at most.
  const squeezed = out.filter((l, i) => !(/^\s*\*\s*$/.test(l) && /^\s*\*\s*$/.test(out[i - 1] ?? "")));
  return squeezed.join("\n").replace(/\n\s*\*\s*\n(\s*\*\/)$/, "\n$1");
}

export function tidyFile(path) {
  const text = readFileSync(path, "utf8");
  const next = text.replace(/\/\*\*[\s\S]*?\*\//g, (c) => tidy(c));
  if (next !== text) writeFileSync(path, next);
}

if (process.argv[2]) {
  for (const name of ["kcsp_wasm.d.ts", "kcsp_wasm.js"]) tidyFile(join(process.argv[2], name));
}
