// Compiled with `tsc --strict` against the shipped .d.ts (tests/run.d/wasm.sh):
// a web team's use of the package must type-check without skipLibCheck.
import init, {
  evaluate, quorum, batch, validate, Partnership, Calendar, Rules,
  type QuorumInput, type QuorumResult, type KcspError, type LedgerInput, type Office, type PapersInput,
  type PapersResult, type ErrorCode, type RuleId, type DecisionResult,
} from "kcsp-wasm";

export async function demo(text: string): Promise<string[]> {
  await init();
  const input: QuorumInput = { body: "kcsp", date: "2022-07-14", present: ["kent_police"] };
  const q: QuorumResult = quorum(input);
  const office: Office = "vice_chair";
  const ledger: LedgerInput = {
    year: "2022/23", allocation: "39661",
    projects: [{ name: "A", round: "upfront", amount: "100", decision: "approved" }],
  };
  const rules = Rules.kent().withPartnership(Partnership.fromJson(text)).withCalendar(new Calendar().add("2027-06-04"));
  const errors: KcspError[] = validate("quorum", input);
  const seats = Partnership.kent().seats("kcsp", "2022-07-14").map((s) => s.holder ?? "(vacant)");
  rules.evaluate("papers_deadline", { meeting: "2027-06-10" });
  // An optional input may be left out or given as null (what a form's empty field becomes).
  const notSent: PapersInput = { meeting: "2027-06-10", circulated: null };
  rules.evaluate("papers_deadline", notSent);
  // A batch's error columns hold null for a meeting without an error.
  const table = batch("quorum", { meeting_id: ["a"], date: ["2022-07-14"], organisation: ["kent_police"] });
  const failed: string[] = table.errors.map((e) => `${e.row} ${e.code}: ${e.publicMessage}`);
  return [q.explanation.reason, office, ledger.year, ...errors.map((e) => e.publicMessage), ...seats, ...failed];
}

// A meeting form's page imports only the governance family.
import initGovernance, * as governance from "kcsp-wasm/governance";

export async function meetingForm(date: string): Promise<boolean> {
  await initGovernance();
  const orgs = governance.Partnership.kent().organisations(date).map((o) => o.id);
  const p: governance.PapersResult = governance.papersDeadline({ body: "kcsp", meeting: date });
  return governance.quorum({ body: "kcsp", date, present: orgs }).quorate && p.compliant !== false;
}

// evaluate and validate are typed by rule id: the input and result follow the rule.
export function typedByRule(): [boolean, ErrorCode[]] {
  const q: QuorumResult = evaluate("quorum", { body: "kcsp", date: "2022-07-14", present: ["kent_police"] });
  const p: PapersResult = Rules.kent().evaluate("papers_deadline", { meeting: "2022-07-14" });
  const d: DecisionResult = evaluate("decision", { date: "2023-09-13", present: ["kent_police"], for: [], against: [], casting_vote: "for" });
  // @ts-expect-error: a casting vote is "for" or "against"
  evaluate("decision", { date: "2023-09-13", present: [], for: [], against: [], casting_vote: "abstain" });
  // @ts-expect-error: no rule has this id
  evaluate("papers_dedline", { meeting: "2022-07-14" });
  // @ts-expect-error: a quorum input has no `meeting` (and lacks `body`, `date`, `present`)
  evaluate("quorum", { meeting: "2022-07-14" });
  // @ts-expect-error: `present` is a list of organisation ids, not one
  quorum({ body: "kcsp", date: "2022-07-14", present: "kent_police" });
  // @ts-expect-error: the result of papers_deadline is not a quorum result
  const wrong: QuorumResult = evaluate("papers_deadline", { meeting: "2022-07-14" });
  // @ts-expect-error: validate takes a rule id
  validate("quorom", {});
  const rule: RuleId = "grant_ledger";
  // Error codes are a closed union.
  const codes: ErrorCode[] = validate(rule, { year: "2022/24" }).map((e) => e.code);
  // @ts-expect-error: not an error code
  const bad: ErrorCode = "not_a_code";
  return [q.quorate && p.compliant !== false && wrong !== null && bad !== null, codes];
}
