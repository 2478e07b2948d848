// node --test suite of the WebAssembly package, imported by name as Node users do.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { run } from "./conformance.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
// The package as users import it (Node resolves its "node" entry).
const k = await import("kcsp-wasm");
const FIVE = ["kent_county_council", "kent_police", "office_of_the_pcc", "kent_fire_and_rescue", "probation_service"];

function code(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof Error, "thrown value is an Error");
    assert.equal(typeof e.code, "string");
    assert.equal(typeof e.field, "string");
    assert.equal(typeof e.details, "object");
    return [e.code, e.field];
  }
  assert.fail("expected an error");
}

test("results are plain objects with explanations and citations", () => {
  const q = k.quorum({ body: "kcsp", date: "2022-11-17", present: ["kent_police", "kent_police", "kent_county_council", "guest"] });
  assert.equal(q.quorate, false);
  assert.equal(q.count, 2);
  assert.deepEqual(q.not_counted, ["guest"]);
  assert.match(q.explanation.reason, /^Not quorate/);
  assert.equal(q.explanation.citations[0].section, "§7 Meetings");
  assert.equal(Object.getPrototypeOf(q), Object.prototype);
  const p = k.papersDeadline({ meeting: "2023-04-13", circulated: "2023-04-05" });
  assert.equal(p.latest_circulation, "2023-04-03");
  assert.equal(p.compliant, false);
  assert.equal(k.workingDay({ date: "2022-09-19" }).working_day, false);
});

test("money and grant figures are exact decimal strings", () => {
  assert.deepEqual([k.grantSplit({ allocation: "39661" }).upfront, k.grantSplit({ allocation: "39661" }).tactical], ["26440.00", "13221.00"]);
  const l = k.grantLedger({
    year: "2022/23", allocation: "39661",
    projects: [
      { name: "A", round: "upfront", amount: "21440", decision: "approved", spent: "21440" },
      { name: "B", round: "upfront", amount: "5000", decision: "rejected" },
      { name: "C", round: "tactical", amount: "7600", decision: "approved" },
    ],
  });
  assert.equal(l.tactical_available, "18221.00");
  assert.equal(l.tactical_remaining, "10621.00");
  const r = k.grantReconciliation({ year: "2021/22", allocation: "39661", tactical_open: false, projects: [],
    stated_figures: [{ figure: "tactical_pot", amount: "13220", source: "WG 14 July 2022" }] });
  assert.equal(r.discrepancies[0].difference, "1.00");
  assert.equal(k.matchFunding({ grant: "10000", total_cost: "60000" }).grant_share_percent, "16.67");
});

test("DHR deadlines, transitions, cases", () => {
  const d = k.dhrDeadlines({ notified: "2023-01-31", as_of: "2023-02-15" });
  assert.equal(d.decision_due, "2023-02-28");
  assert.equal(d.report_due, null);
  const t = k.dhrTransition({ events: ["notified", "commissioned", "chair_appointed"] });
  assert.deepEqual(t.next_allowed, ["home_office_informed"]);
  const c = k.dhrCase({ as_of: "2023-08-02", case: { reference: "Example 2023", events: [
    { date: "2023-01-10", stage: "notified" }, { date: "2023-02-01", stage: "commissioned" }] } });
  assert.equal(c.deadlines.report_overdue, true);
  const a = k.tacticalAccess({ year: "2021/22", as_of: "2022-03-01", closed_from: "2022-02-25" });
  assert.equal(a.open, false);
});

const CASES = [
  ["unknown_body", "body", () => k.quorum({ body: "cabinet", date: "2022-07-14", present: [] })],
  ["unknown_organisation", "present[0]", () => k.quorum({ body: "kcsp", date: "2022-07-14", present: ["kent_polise"] })],
  ["organisation_not_current", "present[0]", () => k.quorum({ body: "kcsp", date: "2023-07-12", present: ["kent_and_medway_ccg"] })],
  ["invalid_date", "date", () => k.quorum({ body: "kcsp", date: "2023-02-29", present: [] })],
  ["unknown_office", "office", () => k.chairRemoval({ date: "2023-11-16", office: "mayor", present: FIVE, votes_for: [] })],
  ["inquorate_meeting", "present", () => k.chairRemoval({ date: "2023-11-16", office: "chair", present: FIVE.slice(0, 3), votes_for: [] })],
  ["vote_without_seat", "votes_for[0]", () => k.chairRemoval({ date: "2023-11-16", office: "chair", present: [...FIVE, "guest"], votes_for: ["guest"] })],
  ["voter_not_present", "votes_for[0]", () => k.chairRemoval({ date: "2023-11-16", office: "chair", present: FIVE, votes_for: ["district_borough_councils"] })],
  ["duplicate_vote", "votes_for[1]", () => k.chairRemoval({ date: "2023-11-16", office: "chair", present: FIVE, votes_for: ["kent_police", "kent_police"] })],
  ["circulated_after_meeting", "circulated", () => k.papersDeadline({ meeting: "2023-03-16", circulated: "2023-03-17" })],
  ["no_approvals", "approvals", () => k.torReview({ approvals: [], as_of: "2025-01-01" })],
  ["approval_after_as_of", "approvals[0]", () => k.torReview({ approvals: ["2025-02-01"], as_of: "2025-01-01" })],
  ["no_fixed_term", "body", () => k.chairTerm({ body: "kcsp", elected: ["2023-01-01"], as_of: "2025-01-01" })],
  ["invalid_amount", "allocation", () => k.grantSplit({ allocation: "lots" })],
  ["negative_amount", "allocation", () => k.grantSplit({ allocation: "-1" })],
  ["too_many_decimal_places", "allocation", () => k.grantSplit({ allocation: "10.005" })],
  ["grant_exceeds_cost", "grant", () => k.matchFunding({ grant: "6000", total_cost: "5000" })],
  ["invalid_financial_year", "year", () => k.grantLedger({ year: "2022/24", allocation: "1", projects: [] })],
  ["duplicate_project", "projects[1].name", () => k.grantLedger({ year: "2022/23", allocation: "39661", projects: [
    { name: "A", round: "upfront", amount: "1", decision: "approved" }, { name: "A", round: "upfront", amount: "1", decision: "approved" }] })],
  ["invalid_decision", "projects[0].decision", () => k.grantLedger({ year: "2022/23", allocation: "39661", projects: [{ name: "A", round: "upfront", amount: "1", decision: "maybe" }] })],
  ["invalid_round", "projects[0].round", () => k.grantLedger({ year: "2022/23", allocation: "39661", projects: [{ name: "A", round: "later", amount: "1", decision: "approved" }] })],
  ["spend_on_unapproved_project", "projects[0].spent", () => k.grantLedger({ year: "2022/23", allocation: "39661", projects: [{ name: "A", round: "upfront", amount: "1", decision: "rejected", spent: "1" }] })],
  ["upfront_approvals_exceed_pot", "projects", () => k.grantLedger({ year: "2022/23", allocation: "39661", projects: [{ name: "A", round: "upfront", amount: "26441", decision: "approved" }] })],
  ["tactical_approvals_exceed_available", "projects", () => k.grantLedger({ year: "2022/23", allocation: "39661", projects: [{ name: "A", round: "tactical", amount: "39661.01", decision: "approved" }] })],
  ["tactical_pot_closed", "projects[0].decision", () => k.grantLedger({ year: "2021/22", allocation: "39661", tactical_open: false, projects: [{ name: "A", round: "tactical", amount: "1", decision: "approved" }] })],
  ["as_of_before_notified", "as_of", () => k.dhrDeadlines({ notified: "2023-01-10", as_of: "2023-01-09" })],
  ["decision_without_date", "decided", () => k.dhrDeadlines({ notified: "2023-01-10", as_of: "2023-02-01", decision: "commission" })],
  ["decided_before_notified", "decided", () => k.dhrDeadlines({ notified: "2023-01-10", as_of: "2023-02-01", decided: "2023-01-09", decision: "commission" })],
  ["submitted_before_decision", "submitted", () => k.dhrDeadlines({ notified: "2023-01-10", as_of: "2023-04-01", decided: "2023-01-20", decision: "commission", submitted: "2023-01-15" })],
  ["submitted_without_commission", "submitted", () => k.dhrDeadlines({ notified: "2023-01-10", as_of: "2023-04-01", submitted: "2023-03-01" })],
  ["event_after_as_of", "decided", () => k.dhrDeadlines({ notified: "2023-01-10", as_of: "2023-03-01", decided: "2023-03-20", decision: "commission" })],
  ["invalid_transition", "events[1]", () => k.dhrTransition({ events: ["notified", "published"] })],
];

for (const [want, field, fn] of CASES) {
  test(`error ${want} is thrown with its code and field`, () => {
    assert.deepEqual(code(fn), [want, field]);
    assert.ok(want in k.errorCodes());
  });
}

test("bad arguments give coded errors and the module keeps working", () => {
  const huge = "x".repeat(20 * 1024 * 1024);
  const cycle = {};
  cycle.self = cycle;
  for (const bad of [
    () => k.quorum(undefined),
    () => k.quorum(null),
    () => k.quorum(42),
    () => k.quorum("kcsp"),
    () => k.quorum([]),
    () => k.quorum({ body: "kcsp", date: 20220714, present: [] }),
    () => k.quorum({ body: "kcsp", date: "2022-07-14", present: "kent_police" }),
    () => k.quorum({ body: "kcsp", date: "2022-07-14", present: [huge] }),
    () => k.quorum({ body: huge, date: "2022-07-14", present: [] }),
    () => k.quorum(cycle),
    () => k.quorum({ body: "kcsp", date: "2022-07-14", present: [10n] }),
    () => k.grantSplit({ allocation: 39661.5 }),
    () => k.evaluate("nope", {}),
    () => k.batch("quorum", "one\ttwo"),
    () => k.batch("quorum", { meeting_id: ["m"] }),
    () => k.batch("quorum", { meeting_id: ["m"], date: ["2022-07-14"], organisation: ["kent_police"] }, { errors: "loud" }),
    () => k.batch("quorum", { meeting_id: ["m"], date: ["2022-07-14"], organisation: ["x"] }, { errors: "throw" }),
    () => k.batch("quorum", { id: ["m"], date: ["2022-07-14"], organisation: ["x"] }, { columns: { meeting: "id" } }),
  ]) {
    const [c] = code(bad);
    assert.match(c, /^[a-z_]+$/);
  }
  assert.equal(k.quorum({ body: "kcsp", date: "2024-07-04", present: FIVE }).quorate, true);
});

test("batch of quorum agrees with quorum for every meeting, in columns or in rows", () => {
  const orgs = ["kent_police", "kent_county_council", "office_of_the_pcc", "nhs_kent_and_medway", "guest", "kent_fire_and_rescue", "probation_service"];
  const meetings = [];
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let m = 0; m < 40; m++) {
    const present = orgs.filter(() => rnd() < 0.55);
    if (present.length) meetings.push({ id: `m${m}`, date: "2023-05-10", present });
  }
  const rows = meetings.flatMap((m) => m.present.map((o) => ({ meeting_id: m.id, date: m.date, organisation: o })));
  const cols = { meeting_id: rows.map((r) => r.meeting_id), date: rows.map((r) => r.date), organisation: rows.map((r) => r.organisation) };
  const b = k.batch("quorum", cols);
  assert.deepEqual(k.batch("quorum", rows), b);
  assert.equal(b.rows, meetings.length);
  assert.deepEqual(b.errors, []);
  // No meeting has an error: every error column is all null, one entry per meeting.
  for (const col of ["error_code", "error_field", "error_message"]) assert.deepEqual(b.columns[col], meetings.map(() => null));
  meetings.forEach((m, i) => {
    const q = k.quorum({ body: "kcsp", date: m.date, present: m.present });
    assert.equal(b.columns.body[i], "kcsp");
    assert.equal(b.columns.meeting_id[i], m.id);
    assert.equal(b.columns.quorate[i], q.quorate);
    assert.equal(b.columns.count[i], q.count);
    assert.deepEqual(b.columns.missing[i], q.missing);
    assert.equal(b.columns.reason[i], q.explanation.reason);
  });
});

test("batch keeps a meeting that cannot be judged, with every error, beside the others", () => {
  const four = ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"];
  const rows = [
    ...four.map((o) => ["a", "2022-07-14", o]),
    ["b", "2022-07-14", "kent_police"],
    ["b", "2022-07-14", "kent_and_medway_ccg"], // dissolved on 30 June 2022
    ["c", "2022-07-14", "kent_police"],
    ["c", "2022-07-15", "kent_county_council"], // a second date for c
    ...four.map((o) => ["d", "2022-07-14", o]),
  ];
  const b = k.batch("quorum", { id: rows.map((r) => r[0]), date: rows.map((r) => r[1]), organisation: rows.map((r) => r[2]) },
    { columns: { meeting_id: "id" } });
  assert.deepEqual(b.columns.id, ["a", "b", "c", "d"]);
  assert.deepEqual(b.columns.quorate, [true, null, null, true]);
  assert.deepEqual(b.columns.error_code, [null, "organisation_not_current", "invalid_input", null]);
  assert.deepEqual(b.columns.error_field, [null, "rows[5].organisation", "rows[7].date", null]);
  assert.equal(b.errors[0].row, 1);
  assert.equal(b.errors[0].source, 5);
  assert.ok(b.errors[0] instanceof Error && b.errors[0].publicMessage.length > 0);
  assert.equal(b.columns.error_message[0], null);
  // A value given once that contradicts its column fails the whole batch.
  assert.deepEqual(code(() => k.batch("quorum", { body: ["kcsp"], meeting_id: ["a"], date: ["2022-07-14"], organisation: ["kent_police"] },
    { values: { body: "dhr_steering_group" } })), ["invalid_input", "body"]);
});

test("batch of a grant ledger groups projects by year; batchColumns lists what a batch reads", () => {
  const ledger = k.batch("grant_ledger", {
    year: ["2022/23", "2022/23", "2023/24"], name: ["A", "B", "C"], round: ["upfront", "upfront", "upfront"],
    amount: ["100.00", "200.00", "50.00"], decision: ["approved", "approved", "approved"],
  }, { values: { allocation: "39661.00" } });
  assert.deepEqual(ledger.columns.year, ["2022/23", "2023/24"]);
  assert.deepEqual(ledger.columns.error_code, [null, null]);
  assert.deepEqual(k.batchColumns("quorum").map((c) => c.name), ["body", "meeting_id", "date", "organisation"]);
});

test("an optional input given as null is read as absent, as its .d.ts type says", () => {
  const same = (f, withNull, without) => assert.deepEqual(f(withNull), f(without));
  same(k.papersDeadline, { meeting: "2022-07-14", body: null, circulated: null }, { meeting: "2022-07-14" });
  same(k.dhrDeadlines, { notified: "2023-01-10", as_of: "2023-02-01", decided: null, decision: null, submitted: null },
    { notified: "2023-01-10", as_of: "2023-02-01" });
  same(k.tacticalAccess, { year: "2021/22", as_of: "2022-01-10", earlier_projects_complete: null, closed_from: null },
    { year: "2021/22", as_of: "2022-01-10" });
  const project = { name: "A", round: "upfront", amount: "100", decision: "approved" };
  same(k.grantLedger, { year: "2022/23", allocation: "39661", projects: [{ ...project, spent: null }], tactical_open: null },
    { year: "2022/23", allocation: "39661", projects: [project] });
  assert.deepEqual(k.validate("papers_deadline", { meeting: "2022-07-14", circulated: null }), []);
  const dts = readFileSync(join(root, "kcsp-wasm", "pkg", "kcsp_wasm.d.ts"), "utf8");
  assert.match(dts, /circulated\?: NaiveDate \| null;/);
});

test("TypeScript declarations describe inputs, results and errors", () => {
  const dts = readFileSync(join(root, "kcsp-wasm", "pkg", "kcsp_wasm.d.ts"), "utf8");
  for (const name of ["interface QuorumInput", "interface QuorumResult", "interface Explanation", "interface Ledger",
    "interface KcspError", "type Money = string", "export function quorum(input: QuorumInput): QuorumResult",
    "export function grantLedger(input: LedgerInput): Ledger", "type Stage ="]) {
    assert.ok(dts.includes(name), `.d.ts lacks ${name}`);
  }
});

test("conformance vectors", () => {
  const { passed, failed, lines } = run();
  assert.equal(failed, 0, lines.join("\n"));
  assert.ok(passed > 0);
});

test("quorumCoded agrees with quorum and names the offending meeting", () => {
  const names = ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue", "guest", "kent_and_medway_ccg"];
  const meetings = [[0, 1, 2, 3], [0, 0, 4], [5, 0, 1, 2], []];
  const dates = ["2022-07-14", "2022-07-14", "2022-06-30", "2023-01-02"];
  const codes = Uint16Array.from(meetings.flat());
  let at = 0;
  const ends = Uint32Array.from(meetings.map((m) => (at += m.length)));
  const days = Int32Array.from(dates.map((d) => Date.parse(d) / 864e5));
  const out = k.quorumCoded("kcsp", names, codes, ends, days);
  meetings.forEach((m, i) => {
    const q = k.quorum({ body: "kcsp", date: dates[i], present: m.map((c) => names[c]) });
    assert.equal(out.quorate[i] === 1, q.quorate);
    assert.equal(out.count[i], q.count);
  });
  const late = Int32Array.from(days);
  late[2] = Date.parse("2022-07-01") / 864e5;
  assert.deepEqual(code(() => k.quorumCoded("kcsp", names, codes, ends, late)), ["organisation_not_current", "meetings[2].codes[0]"]);
  assert.deepEqual(code(() => k.quorumCoded("kcsp", names, Uint16Array.from([9]), Uint32Array.from([1]), Int32Array.from([0]))), ["invalid_input", "meetings[0].codes[0]"]);
  assert.equal(code(() => k.quorumCoded("kcsp", names, codes, Uint32Array.from([99]), Int32Array.from([0])))[0], "invalid_input");
  // Day numbers 64 apart share a slot of the binding's table of dates: each keeps its own date.
  const june30 = Date.parse("2022-06-30") / 864e5;
  const apart = (a, b) => k.quorumCoded("kcsp", names, Uint16Array.from([5, 5]), Uint32Array.from([1, 2]), Int32Array.from([a, b]));
  assert.equal(apart(june30, june30).count.length, 2);
  assert.deepEqual(code(() => apart(june30, june30 + 64)), ["organisation_not_current", "meetings[1].codes[0]"]);
  assert.deepEqual(code(() => apart(june30 + 64, june30)), ["organisation_not_current", "meetings[0].codes[0]"]);
  assert.deepEqual(code(() => apart(-2147483648, june30)), ["date_out_of_range", "days[0]"]);
});

test("an empty result field arrives as null and is typed T | null", () => {
  const r = k.papersDeadline({ body: "kcsp", meeting: "2022-07-14" });
  assert.equal(r.circulated, null);
  assert.equal(r.compliant, null);
  assert.equal(r.clear_working_days, null);
  const dts = readFileSync(join(root, "kcsp-wasm", "pkg", "kcsp_wasm.d.ts"), "utf8");
  assert.match(dts, /circulated: NaiveDate \| null;/);
  assert.match(dts, /compliant: boolean \| null;/);
  assert.doesNotMatch(dts, /\| undefined;/);
});

test("hover docs read as TypeScript docs: no Rust examples, paths or rustdoc links", () => {
  for (const dir of ["", "governance/", "grants/", "dhr/", "csa/"]) {
    for (const file of ["kcsp_wasm.d.ts", "kcsp_wasm.js"]) {
      const text = readFileSync(new URL(`../pkg/${dir}${file}`, import.meta.url), "utf8");
      const docs = (text.match(/\/\*\*[\s\S]*?\*\//g) ?? []).join("\n");
      assert.ok(docs.length > 1000, `${dir}${file} has its docs`);
      for (const leftover of ["```", "kcsp_core::", "[`", "`None`", ' r"', "unwrap()", "&str"]) {
        assert.ok(!docs.includes(leftover), `${dir}${file}: ${leftover} in a doc comment`);
      }
    }
  }
});
