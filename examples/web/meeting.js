// The meeting form on the GOV.UK Design System: quorum and papers notice,
// checked in the page by the kcsp WebAssembly module. Bodies and
// organisations come from the partnership's definition (Kent's, or one read
// from a JSON file named by ?partnership=), never from this file.
import init, { Partnership, Rules } from "../../kcsp-wasm/pkg/governance/kcsp_wasm.js";
import {
  $, checkboxesInput, citations, clearErrors, dateInput, dateOf, el, longDate, ready, selectInput, showErrors, showResult,
} from "./govuk.js";

/** The organisations of the body on the meeting date, as checkboxes. */
function renderOrganisations(partnership, date, checked) {
  let orgs;
  try {
    orgs = partnership.organisations(date, $("#body").value);
  } catch {
    return; // an unreadable date: keep the list as it is until it reads
  }
  const box = $("#present");
  box.replaceChildren();
  orgs.forEach((o, i) => {
    const item = el("div", { class: "govuk-checkboxes__item" });
    const input = el("input", { class: "govuk-checkboxes__input", id: `present-${i}`, name: "present", type: "checkbox", value: o.id });
    if (checked.has(o.id)) input.checked = true;
    item.append(input, el("label", { class: "govuk-label govuk-checkboxes__label", for: `present-${i}` },
      o.attendee_only ? `${o.name} (attends, no seat)` : o.name));
    box.append(item);
  });
}

async function main() {
  await init();
  const file = new URLSearchParams(location.search).get("partnership");
  const partnership = file
    ? Partnership.fromJson(await (await fetch(new URL(file, location.href))).text())
    : Partnership.kent();
  const rules = Rules.kent().withPartnership(partnership);
  $("#partnership-name").textContent = partnership.name;
  $("#fields").append(
    selectInput({
      id: "body", field: "body", label: "Which meeting was it?", hint: "The board or group that met",
      options: partnership.bodies().map((b) => [b.id, b.name]),
    }),
    dateInput({
      id: "date", field: "date meeting", legend: "When was the meeting?", hint: "For example, 14 7 2022",
      value: "2022-07-14",
    }),
    checkboxesInput({
      id: "present", field: "present", legend: "Which organisations were present?",
      hint: "Select all that sent someone. The list shows the organisations of the body on the meeting date.",
    }),
    dateInput({
      id: "circulated", field: "circulated", legend: "When were the papers sent? (optional)",
      hint: "Leave blank if they have not been sent yet. For example, 6 7 2022", value: "2022-07-06",
    }),
  );

  // Kent's example meeting starts with four seats present; another
  // partnership's starts with none ticked.
  const start = new Set(file ? [] : ["kent_county_council", "kent_police", "office_of_the_pcc", "kent_fire_and_rescue"]);
  renderOrganisations(partnership, dateOf("date"), start);
  ["#date-day", "#date-month", "#date-year", "#body"].forEach((sel) => $(sel).addEventListener("change", () => {
    const ticked = new Set([...document.querySelectorAll("#present input:checked")].map((i) => i.value));
    renderOrganisations(partnership, dateOf("date"), ticked);
  }));

  $("#meeting").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const form = ev.currentTarget;
    clearErrors(form);
    const body = $("#body").value;
    const date = dateOf("date");
    const present = [...document.querySelectorAll("#present input:checked")].map((i) => i.value);
    const circulated = dateOf("circulated");
    const quorumInput = { body, date, present };
    const papersInput = circulated ? { body, meeting: date, circulated } : { body, meeting: date };
    const labels = { date: "Date of the meeting", meeting: "Date of the meeting", circulated: "Date the papers were sent" };
    const errors = [...rules.validate("quorum", quorumInput, labels), ...rules.validate("papers_deadline", papersInput, labels)];
    if (errors.length) {
      $("#result").replaceChildren();
      showErrors(form, errors);
      return;
    }
    const q = rules.evaluate("quorum", quorumInput);
    const p = rules.evaluate("papers_deadline", papersInput);
    // The result names seats by id; the page shows the body's names for them.
    const seatName = new Map(partnership.seats(body, date).map((s) => [s.id, s.name]));
    showResult("Result", [
      ["Quorum", `${q.quorate ? "Quorate" : "Not quorate"}: ${q.count} of ${q.required} needed`],
      ["Why", q.explanation.reason],
      ["Seats represented", q.represented.map((id) => seatName.get(id) ?? id).join(", ") || "None"],
      ["Papers", p.compliant === null
        ? `Not sent yet: the latest day is ${longDate(p.latest_circulation)}`
        : `${p.compliant ? "On time" : "Late"} (${p.working_days ? `${p.clear_working_days} clear working days` : `${p.clear_days} days of notice`}; the latest day was ${longDate(p.latest_circulation)})`],
      ["Rules applied", citations(q.explanation)],
    ]);
  });
}

ready(main, "#partnership-name");
