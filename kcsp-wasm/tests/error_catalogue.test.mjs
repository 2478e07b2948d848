// The error catalogue, JavaScript side: each case of
// tests/errors/catalogue.json throws an Error with the same code and field as
// in Rust and Python, through the rule's typed export and through evaluate().
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
// The package as users import it (Node resolves its "node" entry).
const k = await import("kcsp-wasm");
const { cases } = JSON.parse(readFileSync(join(root, "tests", "errors", "catalogue.json"), "utf8"));
const camel = (rule) => (rule === "grant_reconciliation" ? "reconcile" : rule.replace(/_([a-z])/g, (_, c) => c.toUpperCase()));

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof Error, "thrown value is an Error");
    return { code: e.code, field: e.field };
  }
  assert.fail("expected an error");
}

for (const c of cases) {
  test(`${c.code}`, () => {
    const codes = k.errorCodes();
    assert.ok(codes[c.code], `${c.code} is listed by errorCodes()`);
    if (c.rust) return; // another partnership or a GOV.UK file: Rust-only data
    const want = { code: c.code, field: c.field };
    assert.deepEqual(thrown(() => k.evaluate(c.rule, c.input)), want);
    const typed = k[camel(c.rule)];
    assert.equal(typeof typed, "function", `an export for ${c.rule}`);
    assert.deepEqual(thrown(() => typed(c.input)), want);
  });
}

test("errorCodes() lists exactly the catalogue codes", () => {
  assert.deepEqual(Object.keys(k.errorCodes()).sort(), cases.map((c) => c.code).sort());
});
