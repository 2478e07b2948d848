// The context methods on the table of cases every language runs
// (tests/contexts/cases.json): Partnership.seats, .organisations, .bodies.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Partnership } from "kcsp-wasm";

const table = JSON.parse(readFileSync(new URL("../../tests/contexts/cases.json", import.meta.url), "utf8"));

const partnership = (which) =>
  which === "kent" ? Partnership.kent() : Partnership.fromJson(JSON.stringify(table.definitions[which]));

function answer(p, method, args) {
  if (method === "seats") return p.seats(args.body, args.date).map((s) => [s.id, s.holder]);
  if (method === "organisations") return p.organisations(args.date, args.body).map((o) => o.id);
  if (method === "bodies") return p.bodies().map((b) => b.id);
  if (method === "problems") return Partnership.problems(args.text).map((e) => [e.code, e.field]);
  throw new Error(method);
}

for (const c of table.cases) {
  test(c.name, () => {
    const p = partnership(c.partnership);
    if (c.error) {
      assert.throws(() => answer(p, c.method, c.args), (e) => e.code === c.error.code && e.field === c.error.field);
    } else {
      assert.deepEqual(answer(p, c.method, c.args), c.expect);
    }
  });
}
