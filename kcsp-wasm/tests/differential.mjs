// The WebAssembly runner of the differential test (tests/differential).
// Reads DIR/cases.json (written by `cargo run -p xtask -- differential`),
// decides every request through the package's public API — one at a time
// with Rules.evaluate and in batches with Rules.batch, in each context's
// Partnership and Calendar — and writes DIR/wasm.json: each answer
// {"ok": ...}, or {"error": [code, field]}.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const k = await import("kcsp-wasm");
const dir = process.argv[2];
const cases = JSON.parse(readFileSync(join(dir, "cases.json"), "utf8"));

const rules = cases.contexts.map((c) => {
  let r = k.Rules.kent();
  if (c.partnership !== null) r = r.withPartnership(k.Partnership.fromJson(JSON.stringify(c.partnership)));
  if (c.calendar !== null) r = r.withCalendar(k.Calendar.fromJson(JSON.stringify(c.calendar)));
  return r;
});

const answer = (f) => {
  try {
    return { ok: f() };
  } catch (e) {
    if (typeof e?.code !== "string") throw e;
    return { error: [e.code, e.field] };
  }
};

const out = {
  singles: cases.singles.map((s) => answer(() => rules[s.context].evaluate(s.rule, s.input))),
  batches: cases.batches.map((b) => answer(() => {
    const t = rules[b.context].batch(b.rule, b.data);
    return { columns: Object.entries(t.columns), errors: t.errors.map((e) => [e.row, e.source, e.code, e.field]) };
  })),
};
writeFileSync(join(dir, "wasm.json"), JSON.stringify(out));
