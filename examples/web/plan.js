// The Community Safety Agreement's action plan on the GOV.UK Design System,
// checked in the page by kcsp-wasm's CSA build: every error at once in plain
// words (validate), then the plan's red, amber or green rating.
import init, { Rules, actionPlan } from "../../kcsp-wasm/pkg/csa/kcsp_wasm.js";
import {
  $, citations, clearErrors, dateInput, el, dateOf, itemFieldset, ready, selectInput, showErrors, showResult, textInput,
} from "./govuk.js";

// Items of the draft 2022/23 plan; the statuses are illustrative.
const ITEMS = [
  ["6.3", "Safeguarding Vulnerable People", "complete", "September 2022"],
  ["7.3", "Preventing Extremism and Hate", "in_progress", "Ongoing"],
  ["8.2", "Violence Against Women and Girls", "in_progress", "March 2023"],
  ["9.3", "Multiple", "complete", "March 2023"],
];
const STATUSES = [["complete", "Complete"], ["in_progress", "In progress"], ["incomplete", "Incomplete"]];
const RAG = { red: "Red", amber: "Amber", green: "Green" };

function item(i, [id, priority, status, timescale]) {
  const at = (f) => `items[${i}].${f}`;
  return itemFieldset(`Action ${id}`, `items[${i}]`,
    textInput({ id: `item-${i}-id`, field: at("id"), label: "Action number", value: id, width: 4 }),
    textInput({ id: `item-${i}-priority`, field: at("priority"), label: "Priority", value: priority }),
    selectInput({ id: `item-${i}-status`, field: at("status"), label: "Status", options: STATUSES, value: status }),
    textInput({ id: `item-${i}-timescale`, field: at("timescale"), label: "Timescale",
      hint: "A month and year, such as March 2023, or Ongoing", value: timescale, width: 10 }));
}

async function main() {
  await init();
  const rules = Rules.kent();
  const items = el("div", { id: "items", "data-field": "items" });
  ITEMS.forEach((it, i) => items.append(item(i, it)));
  $("#fields").append(items,
    dateInput({ id: "as-of", field: "as_of", legend: "Check the plan as it stood on", hint: "For example, 15 4 2023",
      value: "2023-04-15" }));

  $("#plan").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const form = ev.currentTarget;
    clearErrors(form);
    const value = (id) => $(`#${id}`).value.trim();
    const input = {
      as_of: dateOf("as-of"),
      items: [...items.children].map((_, i) => ({ id: value(`item-${i}-id`), priority: value(`item-${i}-priority`),
        status: value(`item-${i}-status`), timescale: value(`item-${i}-timescale`) })),
    };
    const errors = rules.validate("action_plan", input, { as_of: "The date to check the plan on" });
    if (errors.length) {
      $("#result").replaceChildren();
      showErrors(form, errors);
      return;
    }
    const p = actionPlan(input);
    showResult(`${RAG[p.rag] ?? p.rag}: ${p.percent_complete}% complete`, [
      ["Complete", String(p.complete)], ["In progress", String(p.in_progress)], ["Incomplete", String(p.incomplete)],
      ["Overdue", p.overdue.join(", ") || "None"],
      ["Why", p.explanation.reason], ["Rules applied", citations(p.explanation)],
    ]);
  });
}

ready(main);
