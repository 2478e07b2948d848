// The demo page in a real browser: Debian's headless Chromium driven by
// playwright-core. Serves the page on localhost, fills each form, checks the
// results shown, and saves a screenshot to tests/out/demo.png.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CHROMIUM = process.env.KCSP_CHROMIUM ?? "/usr/bin/chromium";
let server, browser, context, page, profile;
const pageErrors = [];

before(async () => {
  server = await serve(root);
  profile = mkdtempSync(join(tmpdir(), "kcsp-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1500, height: 1250 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });
  browser = context;
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e));
  await page.goto(`${server.url}/examples/web/index.html`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test("meeting form: quorum and papers verdicts with reasons", async () => {
  await page.click("#meeting button[type=submit]");
  const text = await page.textContent("#meeting-result");
  assert.match(text, /Quorate: 4 of 4 needed/);
  assert.match(text, /Papers on time \(5 clear working days\)/);
  assert.match(text, /Latest dispatch day2022-07-06/);
  assert.match(text, /§7 Meetings/);
  // Uncheck one seat: no longer quorate; papers sent a day late.
  await page.uncheck("#orgs input[value=kent_fire_and_rescue]");
  await page.fill("#meeting input[name=circulated]", "2022-07-07");
  await page.click("#meeting button[type=submit]");
  const late = await page.textContent("#meeting-result");
  assert.match(late, /Not quorate: 3 of 4 needed/);
  assert.match(late, /Papers late \(4 clear working days; latest day was 2022-07-06\)/);
  await page.check("#orgs input[value=kent_fire_and_rescue]");
});

test("meeting form: an error appears beside the field it concerns", async () => {
  await page.check("#orgs input[value=kent_and_medway_ccg]");
  await page.click("#meeting button[type=submit]");
  const err = await page.textContent('#meeting [data-error-for="present"]');
  assert.match(err, /organisation_not_current/);
  await page.uncheck("#orgs input[value=kent_and_medway_ccg]");
  await page.fill("#meeting input[name=date]", "2022-02-30");
  await page.click("#meeting button[type=submit]");
  assert.match(await page.textContent('#meeting [data-error-for="date"]'), /invalid_date/);
  assert.equal(await page.getAttribute("#meeting input[name=date]", "aria-invalid"), "true");
  await page.fill("#meeting input[name=date]", "2022-07-14");
  await page.fill("#meeting input[name=circulated]", "2022-07-06");
  await page.click("#meeting button[type=submit]");
  assert.equal(await page.textContent('#meeting [data-error-for="date"]'), "");
});

test("grant form: pots, remainders and a warning beside the offending field", async () => {
  await page.click("#grant button[type=submit]");
  const text = await page.textContent("#grant-result");
  assert.match(text, /Tactical available£18,221\.00/);
  assert.match(text, /Tactical remaining£10,621\.00/);
  assert.match(text, /Underspend£11,896\.00/);
  // Overspend the first project: a warning appears next to its spent field.
  await page.fill('[data-field="projects[0].spent"]', "700");
  await page.click("#grant button[type=submit]");
  const warning = await page.textContent('[data-message-for="projects[0].spent"]');
  assert.match(warning, /spent £700\.00, more than its £622\.50/);
  // A float-looking bad amount is an error beside that amount.
  await page.fill('[data-field="projects[2].amount"]', "5,980");
  await page.click("#grant button[type=submit]");
  assert.match(await page.textContent('[data-message-for="projects[2].amount"]'), /invalid_amount/);
  await page.fill('[data-field="projects[2].amount"]', "5980");
  await page.fill('[data-field="projects[0].spent"]', "622.50");
  await page.click("#grant button[type=submit]");
  assert.match(await page.textContent("#grant-result"), /consistent/);
});

test("DHR form: deadlines, overdue flags and next stages", async () => {
  await page.click("#dhr button[type=submit]");
  const text = await page.textContent("#dhr-result");
  assert.match(text, /Decision due2023-02-10/);
  assert.match(text, /Report due2023-08-01 — OVERDUE/);
  assert.match(text, /Next allowedchair_appointed/);
  // An illegal step is an error beside that event's stage.
  await page.click("#add-event");
  await page.fill('[data-field="case.events[3].date"]', "2023-03-01");
  await page.selectOption('[data-field="case.events[3].stage"]', "published");
  await page.click("#dhr button[type=submit]");
  assert.match(await page.textContent('[data-message-for="case.events[3].stage"]'), /invalid_transition/);
  await page.selectOption('[data-field="case.events[3].stage"]', "chair_appointed");
  await page.click("#dhr button[type=submit]");
  assert.match(await page.textContent("#dhr-result"), /Next allowedsubmitted/);
});

test("action plan form: RAG and overdue items; every error at once in plain words", async () => {
  await page.click("#plan button[type=submit]");
  const text = await page.textContent("#plan-result");
  assert.match(text, /Red: 50\.00% complete/);
  assert.match(text, /Overdue8\.2/);
  await page.fill('[data-field="items[1].timescale"]', "Spring 2023");
  await page.fill("#plan input[name=as_of]", "15/04/2023");
  await page.click("#plan button[type=submit]");
  assert.match(await page.textContent('#plan [data-error-for="as_of"]'), /^Enter a real date/);
  assert.match(await page.textContent('[data-message-for="items[1].timescale"]'), /^Enter the timescale as a month and year/);
  assert.equal(await page.textContent("#plan-result"), "");
  await page.fill('[data-field="items[1].timescale"]', "Ongoing");
  await page.fill("#plan input[name=as_of]", "2023-04-15");
  await page.click("#plan button[type=submit]");
  assert.match(await page.textContent("#plan-result"), /Red/);
});

test("screenshot of all four forms with results", async () => {
  await page.click("#meeting button[type=submit]");
  await page.click("#grant button[type=submit]");
  await page.click("#dhr button[type=submit]");
  await page.click("#plan button[type=submit]");
  mkdirSync(join(root, "tests", "out"), { recursive: true });
  const file = join(root, "tests", "out", "demo.png");
  await page.screenshot({ path: file, fullPage: true });
  assert.deepEqual(pageErrors, []);
});

test("GOV.UK meeting page: options from the package, a verdict announced, errors summarised", async () => {
  const p = await context.newPage();
  await p.goto(`${server.url}/examples/web/meeting.html`);
  await p.waitForSelector("body[data-ready=true]", { timeout: 20000 });
  assert.equal(await p.textContent("#partnership-name"), "Kent Community Safety Partnership");
  // The organisations of 14 July 2022 come from Kent's definition: the ICB, not the CCG it replaced.
  assert.ok(await p.$("#present input[value=nhs_kent_and_medway]"));
  assert.equal(await p.$("#present input[value=kent_and_medway_ccg]"), null);
  await p.click("#meeting button[type=submit]");
  const result = await p.textContent("#result");
  assert.match(result, /Quorate: 4 of 4 needed/);
  assert.match(result, /On time \(5 clear working days; the latest day was 2022-07-06\)/);
  assert.equal(await p.getAttribute("#result", "aria-live"), "polite");
  // An impossible date: the summary links to the day box; the field shows the same words.
  await p.fill("#date-day", "31");
  await p.fill("#date-month", "2");
  await p.click("#meeting button[type=submit]");
  assert.equal(await p.getAttribute(".govuk-error-summary a", "href"), "#date-day");
  assert.match(await p.textContent("#date-error"), /Error:.*real date/);
  assert.match(await p.title(), /^Error: /);
  assert.equal(await p.evaluate(() => document.activeElement.className), "govuk-error-summary");
  await p.close();
});

test("GOV.UK meeting page for another partnership, read from a JSON file", async () => {
  const p = await context.newPage();
  await p.goto(`${server.url}/examples/web/meeting.html?partnership=../data/northshire.json`);
  await p.waitForSelector("body[data-ready=true]", { timeout: 20000 });
  assert.equal(await p.textContent("#partnership-name"), "Northshire Community Safety Partnership");
  assert.deepEqual(await p.$$eval("#body option", (o) => o.map((x) => x.value)), ["board", "review_panel"]);
  for (const id of ["northshire_council", "northshire_police", "northshire_fire", "northshire_icb", "probation_service"]) {
    await p.check(`#present input[value=${id}]`);
  }
  await p.click("#meeting button[type=submit]");
  assert.match(await p.textContent("#result"), /Northshire Community Safety Partnership Board/);
  await p.close();
});
