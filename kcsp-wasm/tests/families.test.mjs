// The per-family builds (kcsp-wasm/governance, /grants, /dhr, /csa): each
// answers its own rules exactly as the full package does, over every case of
// the project's vectors, and refuses the others' rules by name.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const full = await import("kcsp-wasm");
const FAMILIES = {
  governance: ["quorum", "chair_removal", "papers_deadline", "working_day", "tor_review", "chair_term", "meeting_cadence"],
  grants: ["grant_split", "match_funding", "grant_ledger", "grant_reconciliation", "tactical_access"],
  dhr: ["dhr_deadlines", "dhr_transition", "dhr_portfolio", "dhr_case"],
  csa: ["action_plan", "csa_priorities"],
};
// One typed export per family that the others must not have.
const EXPORT = { governance: "quorum", grants: "grantLedger", dhr: "dhrCase", csa: "actionPlan" };

const vectors = join(root, "tests", "vectors");
const docs = readdirSync(vectors)
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(join(vectors, f), "utf8")));

/** What a call gives: its result, or its error's code and field. */
function outcome(call) {
  try {
    return { result: call() };
  } catch (e) {
    return { error: [e.code, e.field] };
  }
}

/** The rules of a case: Kent's, or those of the case's partnership and calendar. */
function rulesFor(k, input) {
  const { partnership, calendar, ...own } = input;
  let rules = k.Rules.kent();
  if (partnership !== undefined) rules = rules.withPartnership(k.Partnership.fromJson(JSON.stringify(partnership)));
  if (calendar !== undefined) rules = rules.withCalendar(k.Calendar.fromJson(JSON.stringify(calendar)));
  return { rules, own };
}

for (const [family, rules] of Object.entries(FAMILIES)) {
  test(`${family}: every vector of its rules answers as the full package does`, async () => {
    const k = await import(`kcsp-wasm/${family}`);
    let compared = 0;
    for (const doc of docs.filter((d) => rules.includes(d.rule))) {
      for (const c of doc.cases ?? []) {
        const run = (m) =>
          outcome(() => {
            const { rules: r, own } = rulesFor(m, c.input ?? {});
            return doc.mode === "validate"
              ? r.validate(doc.rule, own).map((e) => [e.code, e.field, e.publicMessage])
              : r.evaluate(doc.rule, own);
          });
        assert.deepEqual(run(k), run(full), `${family} ${doc.rule} ${c.id}`);
        compared++;
      }
    }
    assert.ok(compared > 10, `only ${compared} cases for ${family}`);
  });

  test(`${family}: the other families' rules are not in it`, async () => {
    const k = await import(`kcsp-wasm/${family}`);
    assert.equal(typeof k[EXPORT[family]], "function");
    for (const [other, name] of Object.entries(EXPORT)) {
      if (other !== family) assert.equal(k[name], undefined, `${family} exports ${name}`);
    }
    const foreign = Object.entries(FAMILIES).find(([f]) => f !== family)[1][0];
    assert.throws(
      () => k.evaluate(foreign, {}),
      (e) => e.code === "invalid_input" && e.field === "rule" && !e.details.allowed.includes(foreign)
        && rules.every((r) => e.details.allowed.includes(r)),
    );
    // The contexts are in every build: a form needs them whatever it checks.
    assert.ok(k.Partnership.kent().bodies().length > 0);
    assert.equal(new k.Calendar().bankHolidays(2026).length, 8);
  });
}
