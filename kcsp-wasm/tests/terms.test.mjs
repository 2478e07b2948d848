// Terms as real partnerships write them, from JavaScript: a decision with
// the chair's casting vote, a quorum of several conditions, a rotating
// chair and notice in calendar days, on the Southdown definition of the
// public `terms_*` vectors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const k = await import("kcsp-wasm");
const doc = JSON.parse(readFileSync(join(here, "../../tests/vectors/terms_decision.json"), "utf8"));
const southdown = JSON.stringify(doc.cases[0].input.partnership);
const rules = k.Rules.kent().withPartnership(k.Partnership.fromJson(southdown));
const BOARD = ["southdown_cc", "southdown_dc", "southdown_police", "southdown_fire", "southdown_icb"];

test("a tie is decided by the chair's casting vote", () => {
  const r = rules.evaluate("decision", {
    body: "board", date: "2023-09-13", present: BOARD,
    for: ["southdown_cc", "southdown_police"], against: ["southdown_dc", "southdown_fire"], casting_vote: "for",
  });
  assert.deepEqual([r.carried, r.tie, r.casting_vote_used, r.required, r.voting, r.majority],
    [true, true, true, 3, "seats", "of_votes_cast"]);
  assert.match(r.explanation.reason, /^Carried on the chair's casting vote: 2 for and 2 against/);
  assert.deepEqual(r.quorum.conditions, [{ count: 5, required: 4, met: true }, { count: 1, required: 1, met: true }]);
});

test("the new codes have public messages, and validation finds voters' errors", () => {
  const codeOf = (f) => { try { f(); return null; } catch (e) { return [e.code, e.field, e.publicMessage]; } };
  const [code, field, message] = codeOf(() => rules.evaluate("decision",
    { body: "board", date: "2023-09-13", present: BOARD, for: ["southdown_police"], against: ["southdown_police"] }));
  assert.deepEqual([code, field], ["voted_both_ways", "against[0]"]);
  assert.match(message, /^Each voter can vote either for or against, not both/);
  assert.equal(codeOf(() => k.decision({ date: "2023-09-13", present: ["kent_police"], for: [], against: [] }))[0],
    "no_decision_rule");
  assert.equal(codeOf(() => rules.evaluate("tor_review",
    { body: "joint_committee", approvals: ["2023-05-18"], as_of: "2024-02-15" }))[0], "no_review_rule");
  const errors = rules.validate("decision",
    { body: "board", date: "2023-09-13", present: BOARD, for: ["southdown_polise"], against: [] });
  assert.deepEqual(errors.map((e) => [e.code, e.field]), [["unknown_organisation", "for[0]"]]);
});

test("a quorum of conditions, a rotating chair and calendar days", () => {
  const q = rules.evaluate("quorum", { body: "joint_committee", date: "2024-02-15",
    present: ["southdown_dc", "southdown_dc", "southdown_dc", "southdown_dc", "southdown_dc", "harbourside_bc"] });
  assert.equal(q.quorate, false);
  assert.match(q.explanation.reason, /at least 2 people from Harbourside Borough Council: 1 present/);
  const t = rules.evaluate("chair_term", { body: "board", as_of: "2026-07-01" });
  assert.deepEqual([t.holder, t.term_started, t.next_due, t.last_elected], ["southdown_cc", "2026-06-01", "2027-06-01", null]);
  const p = rules.evaluate("papers_deadline", { body: "joint_committee", meeting: "2024-01-11", circulated: "2024-01-01" });
  assert.deepEqual([p.latest_circulation, p.clear_days, p.clear_working_days, p.compliant], ["2023-12-31", 9, null, false]);
});

test("public messages name the field and the part of a date, in another catalogue too", () => {
  const errors = k.validate("papers_deadline", { meeting: "2022-07-", circulated: "2022-02-30" },
    { meeting: "Date of the meeting" });
  assert.deepEqual(errors.map((e) => e.publicMessage),
    ["Date of the meeting must include a day", "Circulated must be a real date – check the day"]);
  // Another language's catalogue (a test one: no machine translation ships).
  const test = readFileSync(join(here, "../../tests/errors/messages.x-test.json"), "utf8");
  const rules = k.Rules.kent().withMessages(test);
  assert.deepEqual(rules.validate("papers_deadline", { meeting: "2022-07-" }, { meeting: "Date of the meeting" })
    .map((e) => e.publicMessage), ["TEST Date of the meeting: missing day"]);
  try {
    rules.evaluate("quorum", { body: "kcsp", date: "2022-07-14", present: ["kent_polise"] });
    assert.fail("no error");
  } catch (e) {
    assert.equal(e.publicMessage, "TEST unknown organisation kent_polise");
  }
  // Organisation names, not ids.
  try {
    k.quorum({ body: "kcsp", date: "2022-07-14", present: ["kent_and_medway_ccg"] });
    assert.fail("no error");
  } catch (e) {
    assert.equal(e.publicMessage,
      "Choose an organisation that existed on the meeting date – NHS Kent and Medway Clinical Commissioning Group did not");
  }
  assert.throws(() => k.Rules.kent().withMessages("{}"), (e) => e.code === "invalid_input");
});
