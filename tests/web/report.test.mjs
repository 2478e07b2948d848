// The HTML compliance report as its reader opens it: `cargo run --example
// report -- --html` on the shipped data (examples/data/kcsp_2022_2024.json),
// again from the CSV exports of the same records (examples/data/register/),
// and from exports with rows the rules refuse. Each page is opened from
// disk in Debian's headless Chromium (playwright-core): it must fetch
// nothing, pass axe-core (WCAG 2.2 A and AA) at 1280 px and 390 px with no
// horizontal overflow, and its summary's counts must be the text report's.
// Screenshots: tests/out/report-*.png.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const out = join(root, "tests", "out");
mkdirSync(out, { recursive: true });
const axeSource = readFileSync(join(here, "node_modules", "axe-core", "axe.min.js"), "utf8");
const data = (p) => join(root, "examples", "data", p);
const CSVS = ["--attendance", data("register/attendance.csv"), "--meetings", data("register/meetings.csv"),
  "--projects", data("register/projects.csv")];

/** Runs the report example with `args`; its standard output. */
function report(args) {
  return execFileSync("cargo", ["run", "-q", "--example", "report", "--", ...args], { cwd: root, encoding: "utf8" });
}

/** The counts the text report shows, read from its lines. */
function textCounts(text) {
  const lines = text.split("\n");
  const section = (name) => {
    const start = lines.indexOf(`== ${name} ==`);
    const end = lines.findIndex((l, i) => i > start && l.startsWith("== "));
    return start < 0 ? [] : lines.slice(start + 1, end < 0 ? undefined : end);
  };
  const overdueItems = section("Community Safety Agreement").find((l) => l.startsWith("    overdue: "));
  return {
    meetings: lines.filter((l) => /^\d{4}-\d\d-\d\d \S+ \(/.test(l)).length,
    meetings_judged: lines.filter((l) => /^ {2}quorate: (yes|NO) -- /.test(l)).length,
    inquorate: lines.filter((l) => l.startsWith("  quorate: NO -- ")).length,
    papers_late: lines.filter((l) => l.startsWith("  papers on time: NO")).length,
    review_overdue: section("Terms-of-reference review").filter((l) => l.startsWith("  Overdue:")).length,
    election_overdue: section("Chair terms").filter((l) => /^ {2}\S+: Overdue:/.test(l)).length,
    cadence_not_kept: section("Meeting cadence").filter((l) => / Not kept: /.test(l)).length,
    grant_warning: lines.filter((l) => l.startsWith("  warning ")).length,
    discrepancy: lines.filter((l) => l.startsWith("    - [")).length,
    action_overdue: overdueItems ? overdueItems.slice(13).split(", ").length : 0,
    dhr_overdue: lines.filter((l) => l.startsWith("  OVERDUE: ")).length,
    not_judged: lines.filter((l) => l.startsWith("  not judged: ")).length,
    ledger_refused: lines.filter((l) => l.startsWith("  refused: ")).length,
    rows_not_read: section("Rows not read").filter((l) => l.trim()).length,
  };
}

let context, profile, work;
before(async () => {
  work = mkdtempSync(join(tmpdir(), "kcsp-report-"));
  profile = mkdtempSync(join(tmpdir(), "kcsp-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.KCSP_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
});
after(async () => {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

/**
 * Builds the page for `args`, opens it at each width, and checks it: no
 * fetch, axe, overflow, the counts against the text report's. Returns the
 * page's counts.
 */
async function check(name, args) {
  const file = join(out, `${name}.html`);
  const text = report(args);
  writeFileSync(join(out, `${name}.txt`), text);
  report([...args, "--html", file]);
  const page = await context.newPage();
  const fetched = [];
  page.on("request", (r) => { if (r.url() !== pathToFileURL(file).href) fetched.push(r.url()); });
  let counts;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(pathToFileURL(file).href);
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    });
    assert.deepEqual(violations, [], `${name} at ${width} px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name} overflows by ${overflow} px at ${width} px`);
    await page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: width === 1280 });
    counts = await page.$$eval("[data-count]", (els) =>
      Object.fromEntries(els.map((e) => [e.dataset.count, Number(e.textContent)])));
  }
  await page.close();
  assert.deepEqual(fetched, [], "the page fetches nothing");
  const expected = textCounts(text);
  for (const [key, n] of Object.entries(expected)) assert.equal(counts[key], n, `${name}: ${key}`);
  return { counts, text, html: readFileSync(file, "utf8") };
}

test("the shipped data: every count is the text report's, and each exception links to its detail", async () => {
  const { counts, html } = await check("report", []);
  // The figures DOMAIN.md and the data file give: the inquorate meeting of
  // 17 November 2022, the Working Group's overdue election, the £1 and
  // swapped-amount discrepancies, two DHR reports overdue.
  assert.equal(counts.inquorate, 1);
  assert.equal(counts.dhr_overdue, 2);
  assert.match(html, /<a class="govuk-link" href="#meeting-kcsp-2022-11-17">Kent Community Safety Partnership, 17 November 2022: not quorate<\/a>/);
  assert.match(html, /id="meeting-kcsp-2022-11-17"/);
  for (const [, anchor] of html.matchAll(/href="#([^"]+)"/g)) assert.match(html, new RegExp(`id="${anchor}"`), anchor);
  assert.match(html, /<svg class="kcsp-chart" viewBox="[^"]+" role="img" aria-labelledby="tl-0-t tl-0-d">/);
  assert.match(html, /Calendar used/);
});

test("the CSV exports of the same records give the same counts", async () => {
  const json = textCounts(report([]));
  const { counts } = await check("report-csv", CSVS);
  assert.deepEqual(counts, json);
});

test("rows the rules refuse are listed with their line, and their meeting or year is not judged", async () => {
  const bad = join(work, "bad");
  mkdirSync(bad, { recursive: true });
  const lines = (p) => readFileSync(data(p), "utf8").trimEnd().split("\n");
  const att = lines("register/attendance.csv");
  att[2] = att[2].replace("kent_police", "kent_polise"); // line 3: meeting kcsp-2014-03-18
  writeFileSync(join(bad, "attendance.csv"), att.join("\n") + "\n");
  const meetings = lines("register/meetings.csv");
  meetings[3] = meetings[3].replace("2022-07-06", "31/02/2022"); // line 4: the papers of 14 July 2022
  writeFileSync(join(bad, "meetings.csv"), meetings.join("\n") + "\n");
  const projects = lines("register/projects.csv");
  projects.push("2030/31,Future project,upfront,100,approved,,"); // line 30: a year the data file lacks
  projects[1] = projects[1].replace(",10000,", ",lots,"); // line 2: 2013/14's first amount
  projects[8] = projects[8].replace(",750,approved,750,", ",750,approved,45000,"); // line 9: 2021/22 spent beyond its £39,661 allocation
  writeFileSync(join(bad, "projects.csv"), projects.join("\n") + "\n");
  const args = ["--attendance", join(bad, "attendance.csv"), "--meetings", join(bad, "meetings.csv"),
    "--projects", join(bad, "projects.csv")];
  const { counts, text, html } = await check("report-rows", args);
  assert.equal(counts.rows_not_read, 5);
  assert.equal(counts.ledger_refused, 1);
  assert.match(text, /2021\/22 \(.*\)\n {2}refused: total spend of £67,191\.60 exceeds the allocation of £39,661\.00/);
  assert.match(text, /attendance\.csv, line 3, column organisation: .*kent_polise.* \(unknown_organisation\)/);
  assert.match(text, /meetings\.csv, line 4, column papers_circulated: .* \(invalid_date\)/);
  assert.match(text, /projects\.csv, line 2, column amount: .* \(invalid_amount\)/);
  assert.match(text, /projects\.csv, line 30, column year: 2030\/31 is not a grant year of the data file/);
  // The meeting of the bad row and the year of the bad amount are not judged; the rest are.
  assert.match(text, /Meeting kcsp-2014-03-18 of attendance\.csv \(lines 2-7\)\n {2}not judged: /);
  assert.match(text, /2013\/14 \(.*\)\n {2}not judged: line 2 of projects\.csv|2013\/14 \(.*\)\n {2}not judged: lines 2-8 of projects\.csv/);
  assert.equal(counts.meetings, 9);
  assert.match(html, /<h2 class="govuk-heading-l" id="rows-not-read">Rows not read<\/h2>/);
});
