// A result's explanation is built when first read: what a user can see of
// that. It must read as if it had been built with the verdict: from the
// input as it was at the call, in the same context, as an ordinary property.
import { test } from "node:test";
import assert from "node:assert/strict";

const k = await import("kcsp-wasm");

const FIVE = ["kent_county_council", "kent_police", "office_of_the_pcc", "kent_fire_and_rescue", "probation_service"];

test("the explanation is read from the input as it was at the call", () => {
  const input = { body: "kcsp", date: "2023-11-16", present: [...FIVE] };
  const q = k.quorum(input);
  input.present = ["kent_police"];
  input.date = "not a date";
  assert.equal(q.quorate, true);
  // Five of Kent's seven seats were represented; four make a quorum (ToR §7).
  assert.match(q.explanation.reason, /5 of the 7 seats/);
  assert.equal(q.explanation.rule, "quorum");
  assert.equal(q.explanation.citations[0].section, "§7 Meetings");
});

test("an explanation read long after the call is the same as one read at once", () => {
  const input = { body: "kcsp", date: "2022-07-14", present: ["kent_police", "kent_county_council", "nhs_kent_and_medway"] };
  const early = k.quorum(input);
  // Many calls later the module no longer keeps it: it is decided again.
  for (let i = 0; i < 100; i++) k.quorum({ body: "kcsp", date: "2023-11-16", present: FIVE }).explanation;
  const later = k.quorum(input);
  assert.deepEqual(early.explanation, later.explanation);
  // Three of the seven seats (ToR §7 asks four).
  assert.match(early.explanation.reason, /^Not quorate .*3 of the 7 seats/);
});

test("the explanation is an own enumerable property, before and after it is read", () => {
  const q = k.quorum({ body: "kcsp", date: "2023-11-16", present: ["kent_police"] });
  assert.deepEqual(Object.keys(q).at(-1), "explanation");
  const before = Object.getOwnPropertyDescriptor(q, "explanation");
  assert.equal(before.enumerable, true);
  assert.equal(typeof before.get, "function", "not built until read");
  // JSON.stringify reads it like any other property.
  const text = JSON.stringify(q);
  assert.match(text, /"explanation":\{"rule":"quorum"/);
  const after = Object.getOwnPropertyDescriptor(q, "explanation");
  assert.equal(after.get, undefined);
  assert.equal(after.enumerable, true);
  assert.equal(after.value.reason, JSON.parse(text).explanation.reason);
  // Once built it is the same object each time.
  assert.equal(q.explanation, q.explanation);
});

test("copies and spreads carry the explanation", () => {
  const q = k.quorum({ body: "kcsp", date: "2023-11-16", present: ["kent_police", "kent_county_council"] });
  assert.match(structuredClone(q).explanation.reason, /^Not quorate/);
  const r = k.quorum({ body: "kcsp", date: "2023-11-16", present: ["kent_police", "kent_county_council"] });
  assert.match({ ...r }.explanation.reason, /^Not quorate/);
});

test("an explanation can be replaced or deleted before it is read", () => {
  const q = k.quorum({ body: "kcsp", date: "2023-11-16", present: ["kent_police"] });
  q.explanation = null;
  assert.equal(q.explanation, null);
  const r = k.quorum({ body: "kcsp", date: "2023-11-16", present: ["kent_police"] });
  delete r.explanation;
  assert.equal("explanation" in r, false);
});

test("another partnership's result explains itself in that partnership, even after free()", () => {
  const northshire = {
    name: "Northshire CSP",
    organisations: [{ id: "n_police", name: "Police" }, { id: "n_council", name: "Council" }],
    bodies: [{
      id: "board", name: "Board",
      seats: [
        { id: "police", name: "Police", holders: [{ organisation: "n_police" }] },
        { id: "council", name: "Council", holders: [{ organisation: "n_council" }] },
      ],
      terms: [{ quorum: { basis: "seats", required: 2 }, chair: { kind: "elected", term_months: 12 },
                papers: { working_days: 3 }, review: { interval_months: 12 } }],
    }],
  };
  const rules = k.Rules.kent().withPartnership(k.Partnership.fromJson(JSON.stringify(northshire)));
  const q = rules.evaluate("quorum", { body: "board", date: "2023-01-01", present: ["n_police"] });
  const both = rules.evaluate("quorum", { body: "board", date: "2023-01-01", present: ["n_police", "n_council"] });
  rules.free();
  assert.equal(q.quorate, false);
  assert.equal(q.explanation.citations[0].document, "Northshire CSP");
  // One of the board's two seats was represented; its terms ask for two.
  assert.match(q.explanation.reason, /1 of the 2 seats/);
  assert.match(both.explanation.reason, /^Quorate/);
});

test("a calendar's result explains itself on that calendar", () => {
  const cal = new k.Calendar().add("2027-06-04", "A day added");
  const rules = k.Rules.kent().withCalendar(cal);
  const w = rules.evaluate("working_day", { date: "2027-06-04" });
  rules.free();
  cal.free();
  assert.equal(w.working_day, false);
  assert.deepEqual(w.explanation.calendar.added, ["2027-06-04"]);
  // Kent's own calendar has no such day: the same input there is a working day.
  assert.equal(k.evaluate("working_day", { date: "2027-06-04" }).explanation.calendar.added.length, 0);
});
