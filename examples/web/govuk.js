// The GOV.UK Design System patterns the demo pages share: form groups with a
// label and hint (text, select, checkbox, date input), the error summary with
// each message beside its field, and the summary list of a result. The rules
// themselves are the kcsp package's; this file only draws.

export const $ = (sel, root = document) => root.querySelector(sel);

export function el(tag, attrs = {}, text = "") {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) e.setAttribute(k, v);
  if (text) e.textContent = text;
  return e;
}

/** A form group for the error at `field` (a space-separated list of the fields it shows). */
function group(id, field, ...children) {
  const g = el("div", { class: "govuk-form-group", id: `${id}-group`, "data-field": field, "data-focus": id });
  g.append(...children.filter(Boolean));
  return g;
}

function hintOf(id, hint) {
  return hint ? el("div", { id: `${id}-hint`, class: "govuk-hint" }, hint) : null;
}

/** A text input with its label, hint and an optional prefix (£). */
export function textInput({ id, field, label, hint, value = "", width, prefix, inputmode }) {
  const input = el("input", {
    class: `govuk-input${width ? ` govuk-input--width-${width}` : ""}`, id, name: id, type: "text",
    spellcheck: "false", inputmode, "aria-describedby": hint ? `${id}-hint` : undefined,
  });
  input.value = value;
  let control = input;
  if (prefix) {
    control = el("div", { class: "govuk-input__wrapper" });
    control.append(el("div", { class: "govuk-input__prefix", "aria-hidden": "true" }, prefix), input);
  }
  return group(id, field, el("label", { class: "govuk-label", for: id }, label), hintOf(id, hint), control);
}

/** A select with its label; `options` are [value, text] pairs. */
export function selectInput({ id, field, label, hint, options, value }) {
  const s = el("select", { class: "govuk-select", id, name: id, "aria-describedby": hint ? `${id}-hint` : undefined });
  for (const [v, text] of options) {
    const o = el("option", { value: v }, text);
    if (v === value) o.selected = true;
    s.append(o);
  }
  return group(id, field, el("label", { class: "govuk-label", for: id }, label), hintOf(id, hint), s);
}

/** A single checkbox (a yes/no question). */
export function checkbox({ id, field, label, hint, checked }) {
  const input = el("input", { class: "govuk-checkboxes__input", id, name: id, type: "checkbox",
    "aria-describedby": hint ? `${id}-hint` : undefined });
  input.checked = Boolean(checked);
  const item = el("div", { class: "govuk-checkboxes__item" });
  item.append(...[input, el("label", { class: "govuk-label govuk-checkboxes__label", for: id }, label), hintOf(id, hint)]
    .filter(Boolean));
  const box = el("div", { class: "govuk-checkboxes govuk-checkboxes--small", "data-module": "govuk-checkboxes" });
  box.append(item);
  return group(id, field, box);
}

/** A group of checkboxes under a legend; the caller fills the box `#<id>` with items. */
export function checkboxesInput({ id, field, legend, hint }) {
  const fs = el("fieldset", { class: "govuk-fieldset", "aria-describedby": hint ? `${id}-hint` : undefined });
  const box = el("div", { class: "govuk-checkboxes govuk-checkboxes--small", "data-module": "govuk-checkboxes", id });
  fs.append(...[el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s" }, legend), hintOf(id, hint), box]
    .filter(Boolean));
  const g = group(id, field, fs);
  g.removeAttribute("data-focus"); // the summary link goes to the group: the first box may not exist yet
  return g;
}

/** The GOV.UK date input: day, month and year boxes in a fieldset. `value` is YYYY-MM-DD. */
export function dateInput({ id, field, legend, hint, value = "" }) {
  const [y, m, d] = value ? value.split("-") : ["", "", ""];
  const fs = el("fieldset", { class: "govuk-fieldset", role: "group", "aria-describedby": hint ? `${id}-hint` : undefined });
  fs.append(...[el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s" }, legend), hintOf(id, hint)]
    .filter(Boolean));
  const boxes = el("div", { class: "govuk-date-input", id });
  for (const [part, text, width, v] of [["day", "Day", 2, d], ["month", "Month", 2, m], ["year", "Year", 4, y]]) {
    const item = el("div", { class: "govuk-date-input__item" });
    const g = el("div", { class: "govuk-form-group" });
    const input = el("input", { class: `govuk-input govuk-date-input__input govuk-input--width-${width}`,
      id: `${id}-${part}`, name: `${id}-${part}`, type: "text", inputmode: "numeric" });
    input.value = v ? String(Number(v)) : "";
    g.append(el("label", { class: "govuk-label govuk-date-input__label", for: `${id}-${part}` }, text), input);
    item.append(g);
    boxes.append(item);
  }
  fs.append(boxes);
  const g = group(id, field, fs);
  g.dataset.focus = `${id}-day`;
  return g;
}

/** A date input's three boxes as YYYY-MM-DD ("" when all are blank). */
export function dateOf(id) {
  const [d, m, y] = ["day", "month", "year"].map((p) => $(`#${id}-${p}`).value.trim());
  if (!d && !m && !y) return "";
  // A blank box stays blank, so that the error can say which part is missing.
  const pad = (v, n) => (v ? v.padStart(n, "0") : "");
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** A numbered fieldset holding one item of a list (a project, an event). */
export function itemFieldset(legend, field, ...groups) {
  const fs = el("fieldset", { class: "govuk-fieldset kcsp-item", "data-field": field });
  fs.append(el("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m" }, legend), ...groups);
  return fs;
}

/** The form group showing `field`, or that of the nearest field containing it. */
function placeOf(form, field) {
  let name = field;
  for (;;) {
    const g = [...form.querySelectorAll("[data-field]")].find((x) => x.dataset.field.split(" ").includes(name));
    if (g) return g;
    const shorter = name.replace(/(\[\d+\]|\.[a-z_]+)$/, "");
    if (shorter === name || !shorter) return null;
    name = shorter;
  }
}

/** Removes every error shown in `form` and the summary. */
export function clearErrors(form) {
  $("#error-summary").replaceChildren();
  document.title = document.title.replace(/^Error: /, "");
  form.querySelectorAll(".govuk-form-group--error").forEach((g) => g.classList.remove("govuk-form-group--error"));
  form.querySelectorAll(".govuk-error-message").forEach((e) => e.remove());
  form.querySelectorAll(".govuk-input--error, .govuk-select--error").forEach((e) => {
    e.classList.remove("govuk-input--error", "govuk-select--error");
  });
  form.querySelectorAll("[data-described]").forEach((e) => {
    if (e.dataset.described) e.setAttribute("aria-describedby", e.dataset.described);
    else e.removeAttribute("aria-describedby");
    delete e.dataset.described;
  });
}

/**
 * The GOV.UK error pattern: a summary at the top linking to each field, and
 * each message (the package's public message) beside the field it concerns.
 */
export function showErrors(form, errors) {
  const list = el("ul", { class: "govuk-list govuk-error-summary__list" });
  const shown = new Set();
  errors.forEach((e, n) => {
    const message = e.publicMessage || e.message;
    const g = placeOf(form, e.field);
    const key = `${g?.id ?? ""}|${message}`;
    if (shown.has(key)) return;
    shown.add(key);
    const focus = g ? g.dataset.focus ?? g.querySelector("input, select")?.id : null;
    const li = el("li");
    li.append(focus ? el("a", { href: `#${focus}` }, message) : el("span", {}, message));
    list.append(li);
    if (!g) return;
    g.classList.add("govuk-form-group--error");
    const id = `${g.id}-error-${n}`;
    const msg = el("p", { id, class: "govuk-error-message" });
    msg.append(el("span", { class: "govuk-visually-hidden" }, "Error:"), ` ${message}`);
    // After the hint when there is one, else after the label or legend (GOV.UK's order).
    const anchor = g.querySelector(":scope > .govuk-hint, :scope > fieldset > .govuk-hint")
      ?? g.querySelector(":scope > label, :scope > fieldset > legend, :scope > legend");
    if (anchor) anchor.after(msg); else g.prepend(msg);
    const described = g.matches("fieldset") ? g : g.querySelector("fieldset") ?? g.querySelector("select, input");
    if (described) {
      if (described.dataset.described === undefined) described.dataset.described = described.getAttribute("aria-describedby") ?? "";
      described.setAttribute("aria-describedby", `${described.getAttribute("aria-describedby") ?? ""} ${id}`.trim());
    }
    g.querySelectorAll(".govuk-input").forEach((i) => i.classList.add("govuk-input--error"));
    g.querySelectorAll(".govuk-select").forEach((i) => i.classList.add("govuk-select--error"));
  });
  const summary = el("div", { class: "govuk-error-summary", "data-module": "govuk-error-summary", tabindex: "-1" });
  const alert = el("div", { role: "alert" });
  const body = el("div", { class: "govuk-error-summary__body" });
  body.append(list);
  alert.append(el("h2", { class: "govuk-error-summary__title" }, "There is a problem"), body);
  summary.append(alert);
  $("#error-summary").append(summary);
  document.title = `Error: ${document.title.replace(/^Error: /, "")}`;
  summary.focus();
}

/** A result: a heading and a summary list of [key, value] rows, in the live region. */
export function showResult(heading, rows, extra = []) {
  const list = el("dl", { class: "govuk-summary-list" });
  for (const [key, value] of rows) {
    const r = el("div", { class: "govuk-summary-list__row" });
    r.append(el("dt", { class: "govuk-summary-list__key" }, key));
    const dd = el("dd", { class: "govuk-summary-list__value" });
    dd.textContent = value;
    r.append(dd);
    list.append(r);
  }
  $("#result").replaceChildren(el("h2", { class: "govuk-heading-m" }, heading), list, ...extra);
}

/** The GOV.UK warning text component. */
export function warningText(text) {
  const w = el("div", { class: "govuk-warning-text" });
  w.append(el("span", { class: "govuk-warning-text__icon", "aria-hidden": "true" }, "!"));
  const strong = el("strong", { class: "govuk-warning-text__text" });
  strong.append(el("span", { class: "govuk-visually-hidden" }, "Warning"), ` ${text}`);
  w.append(strong);
  return w;
}

/** The clauses an explanation cites, as one line. */
export function citations(explanation) {
  return (explanation.citations ?? []).map((c) => `${c.document}, ${c.section}`).join("; ") || "None";
}

/** A date for people, as GOV.UK writes it: "2023-04-01" as "1 April 2023". */
export function longDate(iso) {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-GB",
    { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

/** Pounds and pence for people: "£26,440.00". */
export function money(s) {
  if (s === null || s === undefined) return "None";
  const [whole, pence = ""] = String(s).split(".");
  return `£${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${(pence + "00").slice(0, 2)}`;
}

/** Marks the page ready (the browser tests wait for it), or shows why not. */
export function ready(main, status = "#status") {
  main()
    .then(() => {
      document.body.dataset.ready = "true";
    })
    .catch((e) => {
      $(status).textContent = `The rules could not be loaded: ${e.message}`;
      document.body.dataset.ready = "error";
    });
}
