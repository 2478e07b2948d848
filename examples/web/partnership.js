// A page for a council's own partnership: load its definition (a file or
// pasted text), see every problem in it at once with its place in plain
// words, read each body's seats and terms by date, and try a meeting and a
// vote on it. Every check is the kcsp package's (Partnership.problems, the
// quorum and decision rules); this file only reads the definition to name
// things and draws.
import init, { Partnership, Rules } from "../../kcsp-wasm/pkg/governance/kcsp_wasm.js";
import { $, el, clearErrors, dateInput, dateOf, longDate, ready, selectInput, showErrors, showResult } from "./govuk.js";

const EXAMPLE = "../data/district_csp_board.json";

const KEYS = {
  organisations: "organisation", bodies: "body", seats: "seat", holders: "holder", participants: "taking part",
  terms: "terms", all: "condition", among: "among", at_least: "at least", count: "what is counted",
  basis: "what is counted", required: "number needed", quorum: "quorum", chair: "chair", decisions: "decisions",
  removal: "removal vote", papers: "papers notice", review: "review", cadence: "meeting cadence",
  interval_months: "months between reviews", term_months: "months of a term", working_days: "working days",
  calendar_days: "calendar days", months: "months", days: "days", meetings: "meetings", kind: "kind",
  from: "start date", to: "end date", id: "id", name: "name", organisation: "organisation",
  majority: "majority", voting: "who votes", casting_vote: "casting vote", counting: "how days are counted",
  open_membership: "open membership", numerator: "numerator", denominator: "denominator", citation: "citation",
  attendee_only: "attends only",
};

/** A field path of the definition in plain words, with the names it gives. */
function where(path, def) {
  if (!path) return "The definition";
  const words = [];
  let node = def;
  for (const m of path.matchAll(/\.?([^.[\]]+)|\[(\d+)\]/g)) {
    const [key, index] = [m[1], m[2]];
    if (index !== undefined) {
      const i = Number(index);
      node = Array.isArray(node) ? node[i] : undefined;
      if (!node || typeof node !== "object") {
        words.push(`item ${i + 1}`); // an id in a list
        continue;
      }
      const label = node.name ?? (node.from ? `from ${longDate(node.from)}` : node.organisation);
      words[words.length - 1] += label ? ` ${i + 1} (${label})` : ` ${i + 1}`;
    } else {
      node = node && typeof node === "object" ? node[key] : undefined;
      words.push(KEYS[key] ?? key.replaceAll("_", " "));
    }
  }
  const text = words.join(", ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The GOV.UK error summary listing every problem, each linking to the text. */
function showProblems(problems, def) {
  const form = $("#definition");
  clearErrors(form);
  if (!problems.length) return;
  const list = el("ul", { class: "govuk-list govuk-error-summary__list" });
  for (const p of problems) {
    const li = el("li");
    const message = p.message.replace(/^[a-z_]+ \([^)]*\): /, "").replace(/^not a partnership definition: /, "");
    li.append(el("a", { href: "#definition-text" }, `${where(p.field, def)}: ${message}`));
    list.append(li);
  }
  const summary = el("div", { class: "govuk-error-summary", "data-module": "govuk-error-summary", tabindex: "-1" });
  const alert = el("div", { role: "alert" });
  const body = el("div", { class: "govuk-error-summary__body" });
  body.append(list);
  const n = problems.length;
  alert.append(el("h2", { class: "govuk-error-summary__title" },
    n === 1 ? "There is a problem with the definition" : `There are ${n} problems with the definition`), body);
  summary.append(alert);
  $("#error-summary").append(summary);
  const group = $("#definition-text-group");
  group.classList.add("govuk-form-group--error");
  const msg = el("p", { id: "definition-text-error", class: "govuk-error-message" });
  msg.append(el("span", { class: "govuk-visually-hidden" }, "Error:"),
    ` Correct the ${n === 1 ? "problem" : `${n} problems`} listed above`);
  $("#definition-text-hint").after(msg);
  const text = $("#definition-text");
  text.dataset.described = text.getAttribute("aria-describedby");
  text.setAttribute("aria-describedby", "definition-text-hint definition-text-error");
  text.classList.add("govuk-textarea--error");
  document.title = `Error: ${document.title.replace(/^Error: /, "")}`;
  summary.focus();
}

const named = (def, id) => def.organisations.find((o) => o.id === id)?.name ?? id;
const list = (items) => items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;

function quorumWords(q, def, body) {
  const conditions = q.all ?? [{ count: q.basis, at_least: q.required }];
  const seat = (id) => body.seats?.find((s) => s.id === id)?.name ?? id;
  const parts = conditions.map((c) => {
    const whole = typeof c.at_least === "number";
    const n = whole ? `${c.at_least}` : `${c.at_least.numerator}/${c.at_least.denominator}`;
    const rounded = whole ? "" : ", rounded up";
    const what = { seats: "seats", organisations: "member organisations", people: "people" }[c.count];
    if (!c.among) return `at least ${n} ${whole ? what : `of the ${what}`}${rounded}`;
    if (c.count === "seats") return `at least ${n} from the ${list(c.among.map(seat))} seat${c.among.length > 1 ? "s" : ""}${rounded}`;
    const who = list(c.among.map((id) => named(def, id)));
    return `at least ${n} ${c.count === "people" ? "people " : ""}from ${who}${rounded}`;
  });
  const text = `${parts.join("; and ")}${q.open_membership ? " (any organisation may be a member)" : ""}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function chairWords(c, def) {
  if (c.kind === "ex_officio") return `Ex officio: ${c.holder}`;
  if (c.kind === "elected") return c.term_months ? `Elected for ${c.term_months} months` : "Elected; the terms state no term of office";
  return `Rotates every ${c.term_months} months from ${longDate(c.from)} between ${c.among.map((id) => named(def, id)).join(", ")}`;
}

function decisionWords(d) {
  const voting = { seats: "one vote per seat", organisations: "one vote per member organisation", people: "one vote per member present" }[d.voting ?? "seats"];
  const majority = {
    of_votes_cast: "a majority of the votes cast", of_present: "a majority of those present",
    of_all: "a majority of all members", unanimous: "unanimity",
  }[d.majority ?? "of_votes_cast"];
  const text = `${majority}, ${voting}${d.casting_vote === "chair" ? "; the chair has a casting vote" : ""}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function papersWords(p) {
  const n = p.working_days ?? p.calendar_days;
  const unit = p.working_days !== undefined ? "working days" : "days";
  return p.counting === "dispatch_day_counts"
    ? `${n} ${unit} before the meeting, counting the day they are sent`
    : `${n} clear ${unit} before the meeting`;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function cadenceWords(c, def) {
  switch (c.kind) {
    case "per_year": return `At least ${c.meetings} meetings each financial year`;
    case "quarterly": return "At least once each quarter of the financial year";
    case "per_period": return `At least once every ${c.months === 1 ? "month" : `${c.months} months`} from 1 April`;
    case "max_gap": return `No more than ${c.days} days between meetings`;
    case "in_months": return `At least ${c.meetings} in ${list(c.months.map((m) => MONTHS[m - 1]))}`;
    default: return `Before each meeting of the ${def.bodies.find((b) => b.id === c.body)?.name ?? c.body}`;
  }
}

function summary(rows) {
  const dl = el("dl", { class: "govuk-summary-list" });
  for (const [key, value] of rows) {
    const r = el("div", { class: "govuk-summary-list__row" });
    r.append(el("dt", { class: "govuk-summary-list__key" }, key), el("dd", { class: "govuk-summary-list__value" }, value));
    dl.append(r);
  }
  return dl;
}

const span = (t) => [t.from ? `from ${longDate(t.from)}` : "", t.to ? `to ${longDate(t.to)}` : ""].filter(Boolean).join(" ");

/** Each body: its seats and who held them when, who takes part, and its terms by date. */
function showTerms(def) {
  const out = [el("h2", { class: "govuk-heading-l" }, def.name)];
  for (const body of def.bodies) {
    out.push(el("h3", { class: "govuk-heading-m" }, body.name));
    const seats = (body.seats ?? []).map((s) => `${s.name}: ${s.holders.map((h) => `${named(def, h.organisation)}${span(h) ? ` (${span(h)})` : ""}`).join(", then ")}`);
    const part = (body.participants ?? []).map((t) => `${named(def, t.organisation)}${span(t) ? ` (${span(t)})` : ""}`);
    out.push(summary([["Seats", seats.join("; ") || "None: membership is by taking part"], ["Taking part", part.join(", ") || "None"]]));
    const terms = [...body.terms].sort((a, b) => (a.from ?? "").localeCompare(b.from ?? ""));
    for (const t of terms) {
      out.push(el("h4", { class: "govuk-heading-s" }, t.from ? `Terms from ${longDate(t.from)}` : "Terms from the beginning"));
      out.push(summary([
        ["Quorum", quorumWords(t.quorum, def, body)],
        ["Chair", chairWords(t.chair, def)],
        ["Decisions", t.decisions ? decisionWords(t.decisions) : "The terms do not say"],
        ["Removing the chair", t.removal ? `More than ${t.removal.numerator}/${t.removal.denominator} of the ${t.removal.basis === "seats_present" ? "seats present" : "seats"}` : "The terms do not say"],
        ["Papers", t.papers ? papersWords(t.papers) : "The terms do not say"],
        ["Review of the terms", t.review ? `Every ${t.review.interval_months} months` : "The terms do not say"],
        ["Meetings", t.cadence ? cadenceWords(t.cadence, def) : "The terms do not say"],
      ]));
    }
  }
  $("#terms").replaceChildren(...out);
}

/** The organisations on the date, each with how it took part in the vote. */
function renderVoters(partnership, date) {
  let orgs;
  try {
    orgs = partnership.organisations(date, $("#body").value).filter((o) => !o.attendee_only);
  } catch {
    return;
  }
  const box = $("#voters");
  const before = new Map([...box.querySelectorAll("input:checked")].map((i) => [i.name, i.value]));
  box.replaceChildren();
  orgs.forEach((o, i) => {
    const fs = el("fieldset", { class: "govuk-fieldset kcsp-voter", "data-org": o.id });
    fs.append(el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s" }, o.name));
    const radios = el("div", { class: "govuk-radios govuk-radios--small govuk-radios--inline", "data-module": "govuk-radios" });
    for (const [value, text] of [["absent", "Not present"], ["for", "For"], ["against", "Against"], ["abstain", "Did not vote"]]) {
      const item = el("div", { class: "govuk-radios__item" });
      const input = el("input", { class: "govuk-radios__input", id: `voter-${i}-${value}`, name: `voter-${o.id}`, type: "radio", value });
      input.checked = (before.get(`voter-${o.id}`) ?? "absent") === value;
      item.append(input, el("label", { class: "govuk-label govuk-radios__label", for: `voter-${i}-${value}` }, text));
      radios.append(item);
    }
    fs.append(radios);
    box.append(fs);
  });
}

function meetingForm(partnership, def) {
  const rules = Rules.kent().withPartnership(partnership);
  const firstTerms = def.bodies[0].terms.map((t) => t.from).filter(Boolean).sort().at(-1);
  const votes = el("div", { class: "govuk-form-group", id: "voters-group", "data-field": "present for against" });
  votes.append(el("h3", { class: "govuk-heading-s" }, "Who came, and how they voted"),
    el("p", { class: "govuk-hint", id: "voters-hint" }, "The organisations of the body on the meeting date. Each present organisation counts as one person."),
    el("div", { id: "voters" }));
  const casting = el("div", { class: "govuk-form-group", id: "casting-group", "data-field": "casting_vote" });
  const fs = el("fieldset", { class: "govuk-fieldset" });
  fs.append(el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s" }, "If the vote is tied and the chair has a casting vote, how does the chair vote?"));
  const radios = el("div", { class: "govuk-radios govuk-radios--small", "data-module": "govuk-radios" });
  for (const [value, text] of [["", "Not given"], ["for", "For"], ["against", "Against"]]) {
    const item = el("div", { class: "govuk-radios__item" });
    const input = el("input", { class: "govuk-radios__input", id: `casting-${value || "none"}`, name: "casting", type: "radio", value });
    input.checked = value === "";
    item.append(input, el("label", { class: "govuk-label govuk-radios__label", for: `casting-${value || "none"}` }, text));
    radios.append(item);
  }
  fs.append(radios);
  casting.append(fs);
  $("#fields").replaceChildren(
    selectInput({ id: "body", field: "body", label: "Which body met?", options: def.bodies.map((b) => [b.id, b.name]) }),
    dateInput({ id: "date", field: "date", legend: "When was the meeting?", hint: "For example, 19 6 2024", value: firstTerms ?? "" }),
    votes, casting,
  );
  renderVoters(partnership, dateOf("date"));
  ["#date-day", "#date-month", "#date-year", "#body"].forEach((sel) => $(sel).addEventListener("change", () => renderVoters(partnership, dateOf("date"))));
  const form = $("#meeting");
  form.onsubmit = (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const body = $("#body").value;
    const date = dateOf("date");
    const chosen = [...document.querySelectorAll("#voters fieldset")].map((f) => [f.dataset.org, f.querySelector("input:checked")?.value ?? "absent"]);
    const present = chosen.filter(([, v]) => v !== "absent").map(([id]) => id);
    const input = { body, date, present, for: chosen.filter(([, v]) => v === "for").map(([id]) => id),
      against: chosen.filter(([, v]) => v === "against").map(([id]) => id) };
    const castingVote = document.querySelector("input[name=casting]:checked")?.value;
    if (castingVote) input.casting_vote = castingVote;
    const errors = rules.validate("quorum", { body, date, present }, { date: "Date of the meeting" });
    if (errors.length) {
      $("#result").replaceChildren();
      showErrors(form, errors);
      return;
    }
    const q = rules.evaluate("quorum", { body, date, present });
    const rows = [
      ["Quorum", q.quorate ? "Quorate" : "Not quorate"],
      ["Why", q.explanation.reason],
      ["Quorum rule", q.explanation.citations.map((c) => `${c.document}, ${c.section}`).join("; ")],
    ];
    try {
      const d = rules.evaluate("decision", input);
      rows.push(["Vote", d.carried ? "Carried" : "Not carried"], ["Why", d.explanation.reason]);
    } catch (e) {
      rows.push(["Vote", `Not decided: ${e.publicMessage || e.message}`]);
    }
    showResult("Result", rows);
  };
  $("#try").hidden = false;
}

async function check(text) {
  const problems = Partnership.problems(text);
  let def = null;
  try {
    def = JSON.parse(text);
  } catch {
    // the problems say it is not JSON
  }
  showProblems(problems, def);
  if (problems.length) {
    $("#status").textContent = `The definition has ${problems.length === 1 ? "a problem" : `${problems.length} problems`}: see the list above.`;
    $("#terms").replaceChildren();
    $("#try").hidden = true;
    return;
  }
  const partnership = Partnership.fromJson(text);
  showTerms(def);
  meetingForm(partnership, def);
  $("#status").textContent = `${partnership.name}: the definition reads without a problem.`;
}

async function main() {
  await init();
  $("#definition").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const file = $("#definition-file").files?.[0];
    if (file) $("#definition-text").value = await file.text();
    await check($("#definition-text").value);
  });
  $("#load-example").addEventListener("click", async () => {
    $("#definition-text").value = await (await fetch(new URL(EXAMPLE, location.href))).text();
    await check($("#definition-text").value);
  });
  $("#status").textContent = "Load a definition to check it.";
}

ready(main, "#status");
