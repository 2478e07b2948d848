// A Domestic Homicide Review case on the GOV.UK Design System, checked in the
// page by kcsp-wasm's DHR build: its stage, deadlines and next steps.
import init, { Rules, dhrCase } from "../../kcsp-wasm/pkg/dhr/kcsp_wasm.js";
import {
  $, citations, clearErrors, dateInput, dateOf, el, itemFieldset, longDate, ready, selectInput, showErrors, showResult,
  textInput, warningText,
} from "./govuk.js";

const STAGES = [
  ["notified", "Notified of the death"], ["commissioned", "Review commissioned"],
  ["not_commissioned", "Decided not to commission"], ["home_office_informed", "Home Office informed"],
  ["chair_appointed", "Independent chair appointed"], ["submitted", "Report submitted"],
  ["qa_returned", "Returned by the quality assurance panel"], ["qa_approved", "Approved by the quality assurance panel"],
  ["published", "Published"], ["closed", "Closed"],
];
const STAGE = Object.fromEntries(STAGES);
const EVENTS = [["2023-01-10", "notified"], ["2023-02-01", "commissioned"], ["2023-02-03", "home_office_informed"]];

function event(i, [date, stage] = ["", "chair_appointed"]) {
  const at = (f) => `case.events[${i}].${f}`;
  return itemFieldset(`Event ${i + 1}`, `case.events[${i}]`,
    dateInput({ id: `event-${i}-date`, field: at("date"), legend: "Date", hint: "For example, 10 1 2023", value: date }),
    selectInput({ id: `event-${i}-stage`, field: at("stage"), label: "What happened", options: STAGES, value: stage }));
}

async function main() {
  await init();
  const rules = Rules.kent();
  const fields = $("#fields");
  fields.append(textInput({ id: "reference", field: "case.reference", label: "Review reference", value: "Example 2023" }));
  const events = el("div", { id: "events", "data-field": "case.events" });
  EVENTS.forEach((e, i) => events.append(event(i, e)));
  const add = el("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "add-event" },
    "Add another event");
  add.addEventListener("click", () => {
    const i = events.children.length;
    events.append(event(i));
    $(`#event-${i}-date-day`).focus();
  });
  fields.append(events, add,
    dateInput({ id: "as-of", field: "as_of", legend: "Check the review as it stood on", hint: "For example, 2 8 2023",
      value: "2023-08-02" }));

  $("#dhr").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const form = ev.currentTarget;
    clearErrors(form);
    const list = [...events.children].map((_, i) => ({ date: dateOf(`event-${i}-date`), stage: $(`#event-${i}-stage`).value }))
      .filter((e) => e.date);
    const input = { as_of: dateOf("as-of"), case: { reference: $("#reference").value.trim(), events: list } };
    const errors = rules.validate("dhr_case", input, { as_of: "The date to check the review on", "case.events.date": "The date of the event" });
    if (errors.length) {
      $("#result").replaceChildren();
      showErrors(form, errors);
      return;
    }
    const c = dhrCase(input);
    const d = c.deadlines;
    const late = [d.decision_overdue && "the decision is overdue", d.report_overdue && "the report is overdue"].filter(Boolean);
    showResult(`${c.reference || "The review"}: ${late.length ? "overdue" : "on time"}`, [
      ["Stage", STAGE[c.stage] ?? c.stage],
      ["Home Office informed", c.home_office_informed ? "Yes" : "No"],
      ["Decision due", longDate(d.decision_due)],
      ["Report due", d.report_due ? longDate(d.report_due) : "Not set yet"],
      ["What may happen next", c.next_allowed.map((s) => STAGE[s] ?? s).join("; ") || "Nothing"],
      ["Protocol", d.protocol],
      ["Why", d.explanation.reason], ["Rules applied", citations(d.explanation)],
    ], late.map((t) => warningText(`${t[0].toUpperCase()}${t.slice(1)}.`)));
  });
}

ready(main);
