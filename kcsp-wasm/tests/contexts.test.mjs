// Another partnership, another calendar, form validation and receipts, from
// JavaScript: the package's objects, the same answers as the core gives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// The package as users import it (Node resolves its "node" entry).
const k = await import("kcsp-wasm");

const northshire = {
  name: "Northshire CSP",
  organisations: [
    { id: "n_police", name: "Police" },
    { id: "n_council", name: "Council" },
    { id: "n_ccg", name: "CCG", to: "2022-06-30" },
  ],
  bodies: [{
    id: "board", name: "Board",
    seats: [
      { id: "police", name: "Police", holders: [{ organisation: "n_police" }] },
      { id: "council", name: "Council", holders: [{ organisation: "n_council" }] },
      { id: "health", name: "Health", holders: [{ organisation: "n_ccg", to: "2022-06-30" }] },
    ],
    terms: [{ quorum: { basis: "seats", required: 2 }, chair: { kind: "elected", term_months: 12 },
              papers: { working_days: 3 }, review: { interval_months: 12 } }],
  }],
};

const codeOf = (f) => { try { f(); } catch (e) { return [e.code, e.field]; } return null; };

test("a batch in another partnership's rules judges its principal body, by its seats", () => {
  const rules = k.Rules.kent().withPartnership(k.Partnership.fromJson(JSON.stringify(northshire)));
  const b = rules.batch("quorum", { meeting_id: ["m", "m", "n"], date: ["2023-01-01", "2023-01-01", "2023-01-01"],
    organisation: ["n_police", "n_council", "n_police"] });
  assert.deepEqual(b.columns.body, ["board", "board"]);
  assert.deepEqual(b.columns.quorate, [true, false]);
  const one = rules.evaluate("quorum", { body: "board", date: "2023-01-01", present: ["n_police"] });
  assert.equal(b.columns.reason[1], one.explanation.reason);
  // Kent's rules know no n_police.
  assert.equal(k.batch("quorum", { meeting_id: ["m"], date: ["2023-01-01"], organisation: ["n_police"] }).columns.error_code[0],
    "unknown_organisation");
});

test("another partnership gives its own answers and form options", () => {
  const p = k.Partnership.fromJson(JSON.stringify(northshire));
  assert.equal(p.name, "Northshire CSP");
  assert.deepEqual(p.bodies(), [{ id: "board", name: "Board" }]);
  assert.deepEqual(p.organisations("2023-01-01").map((o) => o.id), ["n_police", "n_council"]);
  // The seats that count that day, as in Rust and Python: the health seat's
  // only holder, the CCG, ended on 2022-06-30, so it is not one of them.
  assert.deepEqual(p.seats("board", "2023-01-01").map((s) => s.holder), ["n_police", "n_council"]);
  const rules = k.Rules.kent().withPartnership(p);
  const q = rules.evaluate("quorum", { body: "board", date: "2023-01-01", present: ["n_police", "n_council"] });
  assert.equal(q.quorate, true);
  assert.equal(q.explanation.citations[0].document, "Northshire CSP");
  assert.deepEqual(codeOf(() => rules.evaluate("quorum", { body: "board", date: "2023-01-01", present: ["n_ccg"] })),
    ["organisation_not_current", "present[0]"]);
  // The object is still usable after being lent to Rules.
  assert.equal(p.name, "Northshire CSP");
});

test("a bad definition or calendar throws its code and field", () => {
  const bad = structuredClone(northshire);
  bad.bodies[0].seats[0].holders[0].organisation = "n_polise";
  assert.deepEqual(codeOf(() => k.Partnership.fromJson(JSON.stringify(bad))),
    ["invalid_partnership", "bodies[0].seats[0].holders[0].organisation"]);
  assert.deepEqual(codeOf(() => k.Calendar.fromJson('{"add": ["2026-13-01"]}')), ["invalid_calendar", "add[0]"]);
});

test("a calendar with a proclaimed day", () => {
  const cal = new k.Calendar().add("2027-06-04", "A proclaimed day");
  const rules = k.Rules.kent().withCalendar(cal);
  assert.equal(rules.evaluate("working_day", { date: "2027-06-04" }).working_day, false);
  assert.equal(k.workingDay({ date: "2027-06-04" }).working_day, true);
  assert.ok(cal.bankHolidays(2027).some((h) => h.date === "2027-06-04"));
  const w = rules.evaluate("working_day", { date: "2027-06-04" });
  assert.deepEqual(w.explanation.calendar.added, ["2027-06-04"]);
});

test("validate gives every error at once with its public message", () => {
  const errors = k.validate("papers_deadline", { meeting: "14/07/2022", circulated: "2022-07-32" });
  assert.deepEqual(errors.map((e) => [e.code, e.field]).sort(), [["invalid_date", "circulated"], ["invalid_date", "meeting"]]);
  assert.deepEqual(Object.fromEntries(errors.map((e) => [e.field, e.publicMessage])), {
    meeting: "Meeting must be a real date, for example 14 7 2022",
    circulated: "Circulated must be a real date – check the day",
  });
  assert.deepEqual(k.validate("working_day", { date: "2022-07-14" }), []);
  assert.deepEqual(codeOf(() => k.validate("nope", {})), ["invalid_input", "rule"]);
});

test("receipts hold until the context changes", () => {
  const rules = k.Rules.kent();
  const r = rules.receipt("working_day", { date: "2027-06-04" });
  assert.match(r.context_hash, /^sha256:/);
  assert.equal(rules.verify(r).holds, true);
  const later = rules.withCalendar(new k.Calendar().add("2027-06-04"));
  assert.equal(later.verify(r).holds, false);
});
