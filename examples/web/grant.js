// A grant year of the Crime Reduction Grant on the GOV.UK Design System,
// checked in the page by kcsp-wasm's grants build: every error at once with
// its public message (validate), then the ledger's figures and warnings.
import init, { Rules, grantLedger } from "../../kcsp-wasm/pkg/grants/kcsp_wasm.js";
import {
  $, checkbox, clearErrors, citations, el, itemFieldset, money, ready, selectInput, showErrors, showResult,
  textInput, warningText,
} from "./govuk.js";

// The 2022/23 projects, as the partnership's papers list them.
const PROJECTS_2022 = [
  ["Best Bar None", "upfront", "622.50", "approved", "622.50"],
  ["Bystander Approach Training", "upfront", "5000", "rejected", ""],
  ["Community Safety Conference", "upfront", "5980", "approved", "4705"],
  ["Trauma Awareness Project", "upfront", "13000", "approved", "13000"],
  ["Promotional Materials for Awareness Weeks", "upfront", "1837.50", "approved", "1837.50"],
  ["Gaming and Online Awareness of Hate and Extremism", "tactical", "4600", "approved", "4600"],
  ["Hateful Extremism CPD Event", "tactical", "3000", "approved", "3000"],
];
const ROUNDS = [["upfront", "Upfront"], ["tactical", "Tactical"]];
const DECISIONS = [["approved", "Approved"], ["rejected", "Rejected"], ["pending", "Pending"]];

function project(i, [name, round, amount, decision, spent] = ["", "upfront", "", "pending", ""]) {
  const at = (f) => `projects[${i}].${f}`;
  return itemFieldset(`Project ${i + 1}`, `projects[${i}]`,
    textInput({ id: `project-${i}-name`, field: at("name"), label: "Name", value: name }),
    selectInput({ id: `project-${i}-round`, field: at("round"), label: "Round", options: ROUNDS, value: round }),
    textInput({ id: `project-${i}-amount`, field: at("amount"), label: "Amount asked for", value: amount,
      prefix: "£", width: 10, inputmode: "decimal" }),
    selectInput({ id: `project-${i}-decision`, field: at("decision"), label: "Decision", options: DECISIONS, value: decision }),
    textInput({ id: `project-${i}-spent`, field: at("spent"), label: "Spent (optional)", value: spent,
      prefix: "£", width: 10, inputmode: "decimal", hint: "Leave blank if nothing has been spent yet" }));
}

async function main() {
  await init();
  const rules = Rules.kent();
  const fields = $("#fields");
  fields.append(
    textInput({ id: "year", field: "year", label: "Financial year", hint: "For example, 2022/23", value: "2022/23", width: 5 }),
    textInput({ id: "allocation", field: "allocation", label: "Allocation for the year", value: "39661", prefix: "£",
      width: 10, inputmode: "decimal" }),
    checkbox({ id: "tactical-open", field: "tactical_open", label: "The tactical pot is open", checked: true }),
  );
  const projects = el("div", { id: "projects", "data-field": "projects" });
  PROJECTS_2022.forEach((p, i) => projects.append(project(i, p)));
  const add = el("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "add-project" },
    "Add another project");
  add.addEventListener("click", () => {
    const i = projects.children.length;
    projects.append(project(i));
    $(`#project-${i}-name`).focus();
  });
  fields.append(projects, add);

  $("#grant").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const form = ev.currentTarget;
    clearErrors(form);
    const value = (id) => $(`#${id}`).value.trim();
    const list = [...projects.children].map((_, i) => {
      const p = { name: value(`project-${i}-name`), round: value(`project-${i}-round`),
        amount: value(`project-${i}-amount`), decision: value(`project-${i}-decision`) };
      if (value(`project-${i}-spent`)) p.spent = value(`project-${i}-spent`);
      return p;
    }).filter((p) => p.name || p.amount);
    const input = { year: value("year"), allocation: value("allocation"), tactical_open: $("#tactical-open").checked,
      projects: list };
    const errors = rules.validate("grant_ledger", input);
    if (errors.length) {
      $("#result").replaceChildren();
      showErrors(form, errors);
      return;
    }
    const l = grantLedger(input);
    showResult(`${l.year}: ${l.warnings.length ? `${l.warnings.length} warning(s)` : "the figures add up"}`, [
      ["Upfront pot", money(l.upfront_pot)], ["Tactical pot", money(l.tactical_pot)],
      ["Upfront approved", money(l.upfront_approved)], ["Tactical available", money(l.tactical_available)],
      ["Tactical approved", money(l.tactical_approved)], ["Tactical remaining", money(l.tactical_remaining)],
      ["Spent", money(l.spent)], ["Underspend", money(l.underspend)],
      ["Why", l.explanation.reason], ["Rules applied", citations(l.explanation)],
    ], l.warnings.map((w) => warningText(w.message)));
  });
}

ready(main);
