// The demo pages in a real browser: Debian's headless Chromium driven by
// playwright-core. Serves the repository on localhost, fills each GOV.UK
// form, and checks the results, errors and warnings shown (tests/web/a11y.mjs
// checks their accessibility and saves the screenshots).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CHROMIUM = process.env.KCSP_CHROMIUM ?? "/usr/bin/chromium";
let server, browser, context, profile;

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
});

/** A demo page, loaded and ready; `errors` collects what it throws. */
async function open(path) {
  const p = await context.newPage();
  p.errors = [];
  p.on("pageerror", (e) => p.errors.push(e));
  await p.goto(`${server.url}/examples/web/${path}`);
  await p.waitForSelector("body[data-ready=true]", { timeout: 20000 });
  return p;
}

/** Closes a page after checking it threw nothing. */
async function done(p) {
  assert.deepEqual(p.errors, []);
  await p.close();
}

after(async () => {
  await browser?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test("GOV.UK grant page: pots and remainders, a warning, an error beside its amount", async () => {
  const p = await open("grant.html");
  await p.click("#grant button[type=submit]");
  const text = await p.textContent("#result");
  assert.match(text, /Tactical available£18,221\.00/);
  assert.match(text, /Tactical remaining£10,621\.00/);
  assert.match(text, /Underspend£11,896\.00/);
  assert.match(text, /the figures add up/);
  // Overspend the first project: a warning in the result names it.
  await p.fill("#project-0-spent", "700");
  await p.click("#grant button[type=submit]");
  assert.match(await p.textContent("#result .govuk-warning-text"), /Warning.*£700\.00, more than its £622\.50/);
  // An amount with a thousands comma: the summary links to it; the message sits beside it.
  await p.fill("#project-2-amount", "5,980");
  await p.click("#grant button[type=submit]");
  assert.equal(await p.getAttribute(".govuk-error-summary a", "href"), "#project-2-amount");
  assert.match(await p.textContent("#project-2-amount-group .govuk-error-message"), /^Error: /);
  assert.equal(await p.getAttribute("#project-2-amount", "class"), "govuk-input govuk-input--width-10 govuk-input--error");
  assert.equal(await p.textContent("#result"), "");
  await p.fill("#project-2-amount", "5980");
  await p.fill("#project-0-spent", "622.50");
  await p.click("#grant button[type=submit]");
  assert.equal(await p.$(".govuk-error-summary"), null);
  assert.match(await p.textContent("#result"), /2022\/23: the figures add up/);
  await done(p);
});

test("GOV.UK DHR page: deadlines, an overdue report, next stages; a bad step beside its event", async () => {
  const p = await open("dhr.html");
  await p.click("#dhr button[type=submit]");
  const text = await p.textContent("#result");
  // Dates as GOV.UK writes them, not ISO.
  assert.match(text, /Decision due10 February 2023/);
  assert.match(text, /Report due1 August 2023/);
  assert.match(text, /What may happen nextIndependent chair appointed/);
  assert.match(await p.textContent("#result .govuk-warning-text"), /The report is overdue/);
  // Publishing before a chair is appointed: an error at that event's stage.
  await p.click("#add-event");
  assert.equal(await p.evaluate(() => document.activeElement.id), "event-3-date-day");
  await p.fill("#event-3-date-day", "1");
  await p.fill("#event-3-date-month", "3");
  await p.fill("#event-3-date-year", "2023");
  await p.selectOption("#event-3-stage", "published");
  await p.click("#dhr button[type=submit]");
  assert.equal(await p.getAttribute(".govuk-error-summary a", "href"), "#event-3-stage");
  assert.ok(await p.$("#event-3-stage-group.govuk-form-group--error"));
  await p.selectOption("#event-3-stage", "chair_appointed");
  await p.click("#dhr button[type=submit]");
  assert.match(await p.textContent("#result"), /What may happen nextReport submitted/);
  await done(p);
});

test("GOV.UK action plan page: RAG and overdue items; every error at once in plain words", async () => {
  const p = await open("plan.html");
  await p.click("#plan button[type=submit]");
  const text = await p.textContent("#result");
  assert.match(text, /Red: 50\.00% complete/);
  assert.match(text, /Overdue8\.2/);
  await p.fill("#item-1-timescale", "Spring 2023");
  await p.fill("#as-of-month", "13");
  await p.click("#plan button[type=submit]");
  const links = await p.$$eval(".govuk-error-summary a", (a) => a.map((x) => [x.getAttribute("href"), x.textContent]));
  assert.deepEqual(links.map((l) => l[0]).sort(), ["#as-of-day", "#item-1-timescale"]);
  assert.ok(links.every(([, t]) => !/_/.test(t)), `public messages, not codes: ${links}`);
  assert.match(await p.textContent("#item-1-timescale-group .govuk-error-message"), /month and year/);
  assert.equal(await p.textContent("#result"), "");
  await p.fill("#item-1-timescale", "Ongoing");
  await p.fill("#as-of-month", "4");
  await p.click("#plan button[type=submit]");
  assert.match(await p.textContent("#result"), /Red/);
  await done(p);
});

test("GOV.UK start page links to every check", async () => {
  const p = await open("index.html");
  const links = await p.$$eval("main a", (a) => a.map((x) => x.getAttribute("href")));
  for (const page of ["meeting.html", "partnership.html", "grant.html", "dhr.html", "plan.html"]) assert.ok(links.includes(page), page);
  await done(p);
});

test("GOV.UK meeting page: options from the package, a verdict announced, errors summarised", async () => {
  const p = await open("meeting.html");
  assert.equal(await p.textContent("#partnership-name"), "Kent Community Safety Partnership");
  // The organisations of 14 July 2022 come from Kent's definition: the ICB, not the CCG it replaced.
  assert.ok(await p.$("#present input[value=nhs_kent_and_medway]"));
  assert.equal(await p.$("#present input[value=kent_and_medway_ccg]"), null);
  await p.click("#meeting button[type=submit]");
  const result = await p.textContent("#result");
  assert.match(result, /Quorate: 4 of 4 needed/);
  assert.match(result, /On time \(5 clear working days; the latest day was 6 July 2022\)/);
  // Seats by their names in Kent's definition, not their ids.
  assert.match(result, /Seats representedKent County Council, Kent Fire and Rescue Service, Kent Police, Office of the Police and Crime Commissioner/);
  assert.equal(await p.getAttribute("#result", "aria-live"), "polite");
  // An impossible date: the summary links to the day box; the field shows the same words.
  await p.fill("#date-day", "31");
  await p.fill("#date-month", "2");
  await p.click("#meeting button[type=submit]");
  assert.equal(await p.getAttribute(".govuk-error-summary a", "href"), "#date-day");
  assert.match(await p.textContent("#date-group .govuk-error-message"), /Error:.*real date/);
  assert.match(await p.getAttribute("#date-group fieldset", "aria-describedby"), /date-hint date-group-error-0/);
  assert.match(await p.title(), /^Error: /);
  assert.equal(await p.evaluate(() => document.activeElement.className), "govuk-error-summary");
  await done(p);
});

test("GOV.UK meeting page for another partnership, read from a JSON file", async () => {
  const p = await open("meeting.html?partnership=../data/northshire.json");
  assert.equal(await p.textContent("#partnership-name"), "Northshire Community Safety Partnership");
  assert.deepEqual(await p.$$eval("#body option", (o) => o.map((x) => x.value)), ["board", "review_panel"]);
  for (const id of ["northshire_council", "northshire_police", "northshire_fire", "northshire_icb", "probation_service"]) {
    await p.check(`#present input[value=${id}]`);
  }
  await p.click("#meeting button[type=submit]");
  assert.match(await p.textContent("#result"), /Northshire Community Safety Partnership Board/);
  await done(p);
});

test("GOV.UK page for your own partnership: every problem in plain words, terms by date, a meeting and a vote", async () => {
  const p = await open("partnership.html");
  // A definition with three problems: all are listed at once, each placed in words.
  const bad = {
    name: "Westdale CSP",
    organisations: [{ id: "westdale_police", name: "Westdale Police" }, { id: "westdale_council", name: "Westdale Council" }],
    bodies: [{
      id: "board", name: "Westdale Board",
      seats: [{ id: "police", name: "Police", holders: [{ organisation: "westdale_polise" }] }],
      terms: [{ quorum: { all: [{ count: "seats", among: ["fire"], at_least: 1 }] },
        chair: { kind: "rotating", among: ["westdale_police"], term_months: 12, from: "2024-04-01" } }],
    }],
  };
  await p.fill("#definition-text", JSON.stringify(bad));
  await p.click("#definition button[type=submit]");
  await p.waitForSelector(".govuk-error-summary");
  assert.equal(await p.textContent(".govuk-error-summary__title"), "There are 3 problems with the definition");
  const items = await p.$$eval(".govuk-error-summary__list a", (a) => a.map((x) => x.textContent));
  assert.equal(items.length, 3);
  assert.match(items[0], /^Body 1 \(Westdale Board\), seat 1 \(Police\), holder 1 \(westdale_polise\), organisation: /);
  assert.match(items[1], /^Body 1 \(Westdale Board\), terms 1, quorum, condition 1, among, item 1: 'fire' is not a seat of the body/);
  assert.match(items[2], /chair, among: a rotation passes between at least two organisations/);
  assert.match(await p.textContent("#definition-text-group .govuk-error-message"), /Correct the 3 problems listed above/);
  assert.match(await p.title(), /^Error: /);
  // The shipped example: its terms by date, then a tied vote the chair decides.
  await p.click("#load-example");
  await p.waitForSelector("#terms h2");
  assert.equal(await p.$(".govuk-error-summary"), null);
  const terms = await p.textContent("#terms");
  assert.match(terms, /Terms from 1 April 2023/);
  assert.match(terms, /At least 1\/2 of the seats, rounded up; and at least 1 from the Police seat; and at least 1 from the District council seat/);
  assert.match(terms, /Rotates every 12 months from 1 April 2023 between Millbrook District Council, Marlshire Police/);
  assert.match(terms, /Review of the termsEvery 12 months/);
  await p.fill("#date-day", "19");
  await p.fill("#date-month", "6");
  await p.fill("#date-year", "2024");
  await p.dispatchEvent("#date-year", "change");
  const vote = { millbrook_dc: "for", marlshire_police: "for", marlshire_fire: "against", marlshire_icb: "against" };
  for (const [org, how] of Object.entries(vote)) await p.check(`fieldset[data-org=${org}] input[value=${how}]`);
  await p.check("#casting-for");
  await p.click("#meeting button[type=submit]");
  const result = await p.textContent("#result");
  assert.match(result, /QuorumQuorate/);
  assert.match(result, /VoteCarried/);
  assert.match(result, /Carried on the chair's casting vote: 2 for and 2 against/);
  await done(p);
});
