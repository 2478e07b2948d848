// The demo page: three forms validated in the browser by the kcsp WebAssembly
// module. No server-side logic: the page is static and calls the module directly.
import init, { quorum, papersDeadline, grantLedger, dhrCase, actionPlan, validate } from "../../kcsp-wasm/pkg/kcsp_wasm.js";

const SEATED = [
  ["kent_county_council", "Kent County Council"],
  ["kent_police", "Kent Police"],
  ["office_of_the_pcc", "Office of the PCC"],
  ["district_borough_councils", "District/borough councils"],
  ["kent_fire_and_rescue", "Kent Fire and Rescue"],
  ["nhs_kent_and_medway", "NHS Kent and Medway (ICB)"],
  ["kent_and_medway_ccg", "Kent and Medway CCG (to 30 June 2022)"],
  ["probation_service", "Probation Service"],
  ["violence_reduction_unit", "Violence Reduction Unit (co-operating)"],
];
const STAGES = ["notified", "commissioned", "not_commissioned", "home_office_informed", "chair_appointed",
  "submitted", "qa_returned", "qa_approved", "published", "closed"];
const PROJECTS_2022 = [
  ["Best Bar None", "upfront", "622.50", "approved", "622.50"],
  ["Bystander Approach Training", "upfront", "5000", "rejected", ""],
  ["Community Safety Conference", "upfront", "5980", "approved", "4705"],
  ["Trauma Awareness Project", "upfront", "13000", "approved", "13000"],
  ["Promotional Materials for Awareness Weeks", "upfront", "1837.50", "approved", "1837.50"],
  ["Gaming and Online Awareness of Hate and Extremism", "tactical", "4600", "approved", "4600"],
  ["Hateful Extremism CPD Event", "tactical", "3000", "approved", "3000"],
];
const ITEMS = [
  ["6.3", "Safeguarding Vulnerable People", "complete", "September 2022"],
  ["7.3", "Preventing Extremism and Hate", "in_progress", "Ongoing"],
  ["8.2", "Violence Against Women and Girls", "in_progress", "March 2023"],
  ["9.3", "Multiple", "complete", "March 2023"],
];
const ITEM_STATUSES = ["complete", "in_progress", "incomplete"];
const EVENTS = [["2023-01-10", "notified"], ["2023-02-01", "commissioned"], ["2023-02-03", "home_office_informed"]];

const $ = (sel, root = document) => root.querySelector(sel);
const el = (tag, attrs = {}, text = "") => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text) e.textContent = text;
  return e;
};
const money = (s) => "£" + Number(s).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Clears errors and warnings shown in a form. */
function clear(form) {
  form.querySelectorAll(".error").forEach((e) => (e.textContent = ""));
  form.querySelectorAll(".warning.added, .error.added").forEach((e) => e.remove());
  form.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
}

/** Shows a message beside the input the error's field names (or its nearest container). */
function beside(form, field, message, kind = "error") {
  let name = field;
  let target = null;
  while (name) {
    target = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
    if (target) break;
    const shorter = name.replace(/(\[\d+\]|\.[a-z_]+)$/, "");
    if (shorter === name) break;
    name = shorter;
  }
  const slot = form.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
  if (target && kind === "error") target.setAttribute("aria-invalid", "true");
  if (slot && kind === "error") {
    slot.textContent = message;
    return;
  }
  const note = el("span", { class: `${kind} added`, "data-message-for": field }, message);
  if (target) target.insertAdjacentElement("afterend", note);
  else form.append(note);
}

function explain(box, explanation) {
  box.append(el("p", {}, explanation.reason));
  for (const c of explanation.citations) box.append(el("p", { class: "cite" }, `${c.document}, ${c.section}`));
}

function dl(box, rows) {
  const d = el("dl");
  for (const [k, v] of rows) {
    d.append(el("dt", {}, k), el("dd", {}, v));
  }
  box.append(d);
}

function verdict(box, ok, yes, no) {
  box.append(el("p", { class: `verdict ${ok ? "yes" : "no"}` }, ok ? yes : no));
}

// ---- 1. meeting -------------------------------------------------------------
function setupMeeting() {
  const orgs = $("#orgs");
  for (const [id, label] of SEATED) {
    const l = el("label");
    const cb = el("input", { type: "checkbox", name: "org", value: id });
    if (["kent_county_council", "kent_police", "office_of_the_pcc", "kent_fire_and_rescue"].includes(id)) cb.checked = true;
    l.append(cb, " " + label);
    orgs.append(l);
  }
  $("#meeting").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const form = ev.target;
    clear(form);
    const box = $("#meeting-result");
    box.replaceChildren();
    const present = [...form.querySelectorAll("input[name=org]:checked")].map((c) => c.value);
    present.push(...form.others.value.split(",").map((s) => s.trim()).filter(Boolean));
    try {
      const q = quorum({ body: form.body.value, date: form.date.value.trim(), present });
      verdict(box, q.quorate, `Quorate: ${q.count} of ${q.required} needed`, `Not quorate: ${q.count} of ${q.required} needed`);
      if (q.missing.length) dl(box, [["Seats missing", q.missing.join(", ")]]);
      if (q.not_counted.length) dl(box, [["Not counted", q.not_counted.join(", ")]]);
      explain(box, q.explanation);
      if (form.body.value === "kcsp") {
        const circulated = form.circulated.value.trim() || undefined;
        const p = papersDeadline({ meeting: form.date.value.trim(), circulated });
        if (p.compliant === null) verdict(box, true, `Papers must go out by ${p.latest_circulation}`, "");
        else verdict(box, p.compliant, `Papers on time (${p.clear_working_days} clear working days)`,
          `Papers late (${p.clear_working_days} clear working days; latest day was ${p.latest_circulation})`);
        dl(box, [["Latest dispatch day", p.latest_circulation]]);
        explain(box, p.explanation);
      }
    } catch (e) {
      beside(form, e.field === "present" || /^present/.test(e.field) ? "present" : e.field, e.message);
    }
  });
}

// ---- 2. grant year ----------------------------------------------------------
function projectRow(i, [name, round, amount, decision, spent] = ["", "upfront", "", "pending", ""]) {
  const tr = el("tr");
  const input = (f, v) => el("input", { "data-field": `projects[${i}].${f}`, name: f, value: v });
  const select = (f, options, v) => {
    const s = el("select", { "data-field": `projects[${i}].${f}`, name: f });
    for (const o of options) {
      const opt = el("option", { value: o }, o);
      if (o === v) opt.selected = true;
      s.append(opt);
    }
    return s;
  };
  const cells = [input("name", name), select("round", ["upfront", "tactical"], round), input("amount", amount),
    select("decision", ["approved", "rejected", "pending"], decision), input("spent", spent)];
  for (const c of cells) {
    const td = el("td");
    td.append(c);
    tr.append(td);
  }
  return tr;
}

function setupGrant() {
  const body = $("#projects");
  PROJECTS_2022.forEach((p, i) => body.append(projectRow(i, p)));
  $("#add-project").addEventListener("click", () => body.append(projectRow(body.children.length)));
  $("#grant").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const form = ev.target;
    clear(form);
    const box = $("#grant-result");
    box.replaceChildren();
    const projects = [...body.children].map((tr) => {
      const v = (n) => tr.querySelector(`[name=${n}]`).value.trim();
      const p = { name: v("name"), round: v("round"), amount: v("amount"), decision: v("decision") };
      if (v("spent")) p.spent = v("spent");
      return p;
    }).filter((p) => p.name || p.amount);
    try {
      const l = grantLedger({ year: form.year.value.trim(), allocation: form.allocation.value.trim(),
        tactical_open: form.tactical_open.checked, projects });
      verdict(box, l.warnings.length === 0, `${l.year}: consistent`, `${l.year}: ${l.warnings.length} warning(s)`);
      dl(box, [
        ["Upfront pot", money(l.upfront_pot)], ["Tactical pot", money(l.tactical_pot)],
        ["Upfront approved", money(l.upfront_approved)], ["Tactical available", money(l.tactical_available)],
        ["Tactical approved", money(l.tactical_approved)], ["Tactical remaining", money(l.tactical_remaining)],
        ["Spent", money(l.spent)], ["Underspend", money(l.underspend)],
      ]);
      for (const w of l.warnings) beside(form, w.field, `⚠ ${w.message}`, "warning");
      explain(box, l.explanation);
    } catch (e) {
      beside(form, e.field, e.message);
    }
  });
}

// ---- 3. DHR case ------------------------------------------------------------
function eventRow(i, [date, stage] = ["", "chair_appointed"]) {
  const tr = el("tr");
  const d = el("input", { "data-field": `case.events[${i}].date`, name: "date", value: date });
  const s = el("select", { "data-field": `case.events[${i}].stage`, name: "stage" });
  for (const st of STAGES) {
    const o = el("option", { value: st }, st);
    if (st === stage) o.selected = true;
    s.append(o);
  }
  for (const c of [d, s]) {
    const td = el("td");
    td.append(c);
    tr.append(td);
  }
  return tr;
}

function setupDhr() {
  const body = $("#events");
  EVENTS.forEach((e, i) => body.append(eventRow(i, e)));
  $("#add-event").addEventListener("click", () => body.append(eventRow(body.children.length)));
  $("#dhr").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const form = ev.target;
    clear(form);
    const box = $("#dhr-result");
    box.replaceChildren();
    const events = [...body.children].map((tr) => ({
      date: tr.querySelector("[name=date]").value.trim(), stage: tr.querySelector("[name=stage]").value,
    })).filter((e) => e.date);
    try {
      const c = dhrCase({ as_of: form.as_of.value.trim(), case: { reference: form.reference.value, events } });
      const d = c.deadlines;
      const late = d.decision_overdue || d.report_overdue;
      verdict(box, !late, `${c.reference}: on time`, `${c.reference}: overdue`);
      dl(box, [
        ["Stage", c.stage], ["Home Office informed", c.home_office_informed ? "yes" : "no"],
        ["Decision due", `${d.decision_due}${d.decision_overdue ? " — OVERDUE" : ""}`],
        ["Report due", d.report_due ? `${d.report_due}${d.report_overdue ? " — OVERDUE" : ""}` : "—"],
        ["Next allowed", c.next_allowed.join(", ") || "nothing"], ["Protocol", d.protocol],
      ]);
      explain(box, d.explanation);
    } catch (e) {
      beside(form, e.field, e.message);
    }
  });
}

// ---- 4. CSA action plan -----------------------------------------------------
function itemRow(i, [id, priority, status, timescale]) {
  const tr = el("tr");
  const cells = [
    el("input", { "data-field": `items[${i}].id`, name: "id", value: id, size: "4" }),
    el("input", { "data-field": `items[${i}].priority`, name: "priority", value: priority }),
    el("select", { "data-field": `items[${i}].status`, name: "status" }),
    el("input", { "data-field": `items[${i}].timescale`, name: "timescale", value: timescale, size: "14" }),
  ];
  for (const st of ITEM_STATUSES) {
    const o = el("option", { value: st }, st.replace("_", " "));
    if (st === status) o.selected = true;
    cells[2].append(o);
  }
  for (const c of cells) {
    const td = el("td");
    td.append(c);
    tr.append(td);
  }
  return tr;
}

function setupPlan() {
  const body = $("#items");
  ITEMS.forEach((item, i) => body.append(itemRow(i, item)));
  $("#plan").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const form = ev.target;
    clear(form);
    const box = $("#plan-result");
    box.replaceChildren();
    const items = [...body.children].map((tr) => ({
      id: tr.querySelector("[name=id]").value.trim(),
      priority: tr.querySelector("[name=priority]").value.trim(),
      status: tr.querySelector("[name=status]").value,
      timescale: tr.querySelector("[name=timescale]").value.trim(),
    }));
    const input = { as_of: form.as_of.value.trim(), items };
    // Form mode: every error at once, each in plain words beside its field.
    const errors = validate("action_plan", input);
    if (errors.length) {
      for (const e of errors) beside(form, e.field, e.publicMessage);
      return;
    }
    const p = actionPlan(input);
    verdict(box, p.rag === "green", "Green: every item complete", `${p.rag === "red" ? "Red" : "Amber"}: ${p.percent_complete}% complete`);
    dl(box, [
      ["Complete", String(p.complete)], ["In progress", String(p.in_progress)], ["Incomplete", String(p.incomplete)],
      ["Overdue", p.overdue.join(", ") || "none"],
    ]);
    explain(box, p.explanation);
  });
}

await init();
setupMeeting();
setupGrant();
setupDhr();
setupPlan();
const status = $("#status");
status.textContent = "ready";
status.classList.add("ready");
document.body.dataset.ready = "true";
