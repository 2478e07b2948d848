// The meeting form on the GOV.UK Design System: quorum and papers notice,
// checked in the page by the kcsp WebAssembly module. Bodies and
// organisations come from the partnership's definition (Kent's, or one read
// from a JSON file named by ?partnership=), never from this file.
import init, { Partnership, Rules } from "../../kcsp-wasm/pkg/kcsp_wasm.js";

const $ = (sel) => document.querySelector(sel);
const el = (tag, attrs = {}, text = "") => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text) e.textContent = text;
  return e;
};

/** A GOV.UK date input's three boxes as YYYY-MM-DD ("" when all are blank). */
function dateOf(prefix) {
  const [d, m, y] = ["day", "month", "year"].map((p) => $(`#${prefix}-${p}`).value.trim());
  if (!d && !m && !y) return "";
  return `${y.padStart(4, "0")}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

/** Where an error's field is shown: its form group and the control to focus. */
function placeOf(field) {
  const head = field.replace(/^(meeting)$/, "date").split(/[.[]/)[0];
  const group = { body: "body", date: "date", present: "present", circulated: "circulated" }[head] ?? "date";
  const focus = { body: "body", date: "date-day", circulated: "circulated-day" }[group]
    ?? document.querySelector("#present input")?.id ?? "present";
  return { group, focus };
}

function clearErrors() {
  $("#error-summary").replaceChildren();
  document.querySelectorAll(".govuk-form-group--error").forEach((g) => g.classList.remove("govuk-form-group--error"));
  document.querySelectorAll(".govuk-error-message").forEach((e) => e.remove());
  document.querySelectorAll(".govuk-input--error, .govuk-select--error").forEach((e) => {
    e.classList.remove("govuk-input--error", "govuk-select--error");
  });
  document.querySelectorAll("[data-described]").forEach((e) => {
    e.setAttribute("aria-describedby", e.dataset.described);
  });
}

/** The error summary at the top and each message beside its field (GOV.UK pattern). */
function showErrors(errors) {
  const seen = new Map();
  for (const e of errors) {
    const place = placeOf(e.field);
    if (!seen.has(place.group)) seen.set(place.group, { ...place, message: e.publicMessage || e.message });
  }
  const list = el("ul", { class: "govuk-list govuk-error-summary__list" });
  for (const { group, focus, message } of seen.values()) {
    const li = el("li");
    li.append(el("a", { href: `#${focus}` }, message));
    list.append(li);
    const g = $(`#${group}-group`);
    g.classList.add("govuk-form-group--error");
    const msg = el("p", { id: `${group}-error`, class: "govuk-error-message" });
    msg.append(el("span", { class: "govuk-visually-hidden" }, "Error:"), ` ${message}`);
    const hint = $(`#${group}-hint`);
    hint.after(msg);
    const described = g.querySelector("fieldset") ?? g.querySelector("select, input");
    if (!described.dataset.described) described.dataset.described = described.getAttribute("aria-describedby") ?? "";
    described.setAttribute("aria-describedby", `${described.dataset.described} ${group}-error`.trim());
    g.querySelectorAll(".govuk-input").forEach((i) => i.classList.add("govuk-input--error"));
    g.querySelectorAll(".govuk-select").forEach((i) => i.classList.add("govuk-select--error"));
  }
  const summary = el("div", { class: "govuk-error-summary", "data-module": "govuk-error-summary", tabindex: "-1" });
  const alert = el("div", { role: "alert" });
  alert.append(el("h2", { class: "govuk-error-summary__title" }, "There is a problem"));
  const body = el("div", { class: "govuk-error-summary__body" });
  body.append(list);
  alert.append(body);
  summary.append(alert);
  $("#error-summary").append(summary);
  document.title = `Error: ${document.title.replace(/^Error: /, "")}`;
  summary.focus();
}

function row(list, key, value) {
  const r = el("div", { class: "govuk-summary-list__row" });
  r.append(el("dt", { class: "govuk-summary-list__key" }, key));
  const dd = el("dd", { class: "govuk-summary-list__value" });
  if (value instanceof Node) dd.append(value); else dd.textContent = value;
  r.append(dd);
  list.append(r);
}

/** The organisations that existed on the meeting date, as checkboxes. */
function renderOrganisations(partnership, date, checked) {
  let orgs;
  try {
    orgs = partnership.organisations(date);
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
      o.attendeeOnly ? `${o.name} (attends, no seat)` : o.name));
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
  for (const b of partnership.bodies()) $("#body").append(el("option", { value: b.id }, b.name));

  // Kent's example meeting starts with four seats present; another
  // partnership's starts with none ticked.
  const start = new Set(file ? [] : ["kent_county_council", "kent_police", "office_of_the_pcc", "kent_fire_and_rescue"]);
  renderOrganisations(partnership, dateOf("date"), start);
  ["day", "month", "year"].forEach((p) => $(`#date-${p}`).addEventListener("change", () => {
    const ticked = new Set([...document.querySelectorAll("#present input:checked")].map((i) => i.value));
    renderOrganisations(partnership, dateOf("date"), ticked);
  }));

  $("#meeting").addEventListener("submit", (ev) => {
    ev.preventDefault();
    clearErrors();
    const body = $("#body").value;
    const date = dateOf("date");
    const present = [...document.querySelectorAll("#present input:checked")].map((i) => i.value);
    const circulated = dateOf("circulated");
    const quorumInput = { body, date, present };
    const papersInput = circulated ? { body, meeting: date, circulated } : { body, meeting: date };
    const errors = [...rules.validate("quorum", quorumInput), ...rules.validate("papers_deadline", papersInput)];
    if (errors.length) {
      $("#result").replaceChildren();
      showErrors(errors);
      return;
    }
    document.title = document.title.replace(/^Error: /, "");
    const q = rules.evaluate("quorum", quorumInput);
    const p = rules.evaluate("papers_deadline", papersInput);
    const out = [el("h2", { class: "govuk-heading-m" }, "Result")];
    const list = el("dl", { class: "govuk-summary-list" });
    row(list, "Quorum", `${q.quorate ? "Quorate" : "Not quorate"}: ${q.count} of ${q.required} needed`);
    row(list, "Why", q.explanation.reason);
    row(list, "Seats represented", q.represented.join(", ") || "None");
    row(list, "Papers", p.compliant === null
      ? `Not sent yet: the latest day is ${p.latest_circulation}`
      : `${p.compliant ? "On time" : "Late"} (${p.clear_working_days} clear working days; the latest day was ${p.latest_circulation})`);
    row(list, "Rules applied", (q.explanation.citations ?? []).map((c) => `${c.document} ${c.section}`).join("; "));
    out.push(list);
    $("#result").replaceChildren(...out);
  });
  document.body.dataset.ready = "true";
}

main().catch((e) => {
  $("#partnership-name").textContent = `The rules could not be loaded: ${e.message}`;
  document.body.dataset.ready = "error";
});
