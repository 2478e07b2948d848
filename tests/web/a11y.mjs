// Every demo page in Debian's headless Chromium (playwright-core), at 1280 px
// and 390 px, checked by axe-core against WCAG 2.2 A and AA, in its first
// state and with the form's errors shown; screenshots go to tests/out/. Also
// opens the apps bundled by tests/web/apps.sh (Vite, esbuild) and checks the
// README's snippet ran. Prints:
//   axe_violations: N     (every violated rule on every page, state and width)
//   overflow_390px: N     (the most horizontal overflow, in pixels, at 390 px)
// and exits non-zero when a bundled app did not run. The counts are
// reported here, not asserted (tests/browser prints them for the bench lines).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const out = join(root, "tests", "out");
mkdirSync(out, { recursive: true });
const axeSource = readFileSync(join(here, "node_modules", "axe-core", "axe.min.js"), "utf8");

// Each page with a form is also checked with errors shown: `breaks` are the
// fields filled with something the rules refuse.
const BAD_DATE = [["#date-day", "31"], ["#date-month", "2"]];
const PAGES = [
  { name: "index", path: "examples/web/index.html" },
  { name: "meeting", path: "examples/web/meeting.html", form: "#meeting", breaks: BAD_DATE },
  { name: "meeting-northshire", path: "examples/web/meeting.html?partnership=../data/northshire.json", form: "#meeting", breaks: BAD_DATE },
  { name: "grant", path: "examples/web/grant.html", form: "#grant", breaks: [["#allocation", "lots"], ["#project-1-amount", "5,000"]] },
  { name: "dhr", path: "examples/web/dhr.html", form: "#dhr", breaks: [["#as-of-day", "31"], ["#as-of-month", "2"]] },
  { name: "plan", path: "examples/web/plan.html", form: "#plan", breaks: [["#item-1-timescale", "Spring"], ["#as-of-month", "13"]] },
  { name: "partnership", path: "examples/web/partnership.html", flow: partnershipFlow },
];

/** The page for a council's own definition: the example read with a meeting
 * decided on it, then a definition with problems, every one listed. */
async function partnershipFlow(page, check, width) {
  await page.click("#load-example");
  await page.waitForSelector("#terms h2");
  await page.check("fieldset[data-org=millbrook_dc] input[value=for]");
  await page.click("#meeting button[type=submit]");
  await page.waitForSelector("#result h2");
  await check("partnership-result", width);
  await page.fill("#definition-text", '{"name": "Westdale CSP", "organisations": [{"id": "Police", "name": "Police"}], "bodies": [{"id": "board", "name": "Board", "terms": []}]}');
  await page.click("#definition button[type=submit]");
  await page.waitForSelector(".govuk-error-summary");
  await check("partnership-errors", width);
}
const WIDTHS = [1280, 390];

const server = await serve(root);
const profile = mkdtempSync(join(tmpdir(), "kcsp-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.KCSP_CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync"],
});
let violations = 0;
let overflow = 0;
let failed = 0;
const report = [];
try {
  const page = await context.newPage();
  async function check(label, width) {
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    violations += result.length;
    if (width === 390) overflow = Math.max(overflow, wide);
    report.push(`${label} @${width}px: ${result.length} axe violation(s)${result.map((v) => ` ${v.id}(${v.impact}, ${v.nodes})`).join("")}; overflow ${wide}px`);
    await page.screenshot({ path: join(out, `${label}-${width}.png`), fullPage: true });
  }
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const p of PAGES) {
      await page.goto(`${server.url}/${p.path}`);
      await page.waitForSelector("body[data-ready]", { timeout: 20000 });
      await check(p.name, width);
      if (p.flow) await p.flow(page, check, width);
      if (p.form) {
        // The result state, then the error state.
        await page.click(`${p.form} button[type=submit]`);
        await page.waitForSelector("#result h2");
        await check(`${p.name}-result`, width);
        // The error state: values the rules refuse, every error shown at once.
        for (const [sel, value] of p.breaks) await page.fill(sel, value);
        await page.click(`${p.form} button[type=submit]`);
        await page.waitForSelector(".govuk-error-summary");
        await check(`${p.name}-errors`, width);
      }
    }
  }
  const APPS = { "dist-vite": /^quorate: Quorate/, "dist-esbuild": /^quorate: Quorate/, "dist-meeting": /^quorate; papers by 2022-07-06$/ };
  for (const [app, expected] of Object.entries(APPS)) {
    await page.goto(`${server.url}/tests/out/apps/${app}/index.html`);
    try {
      await page.waitForSelector("body[data-ready=true]", { timeout: 20000 });
      const text = await page.textContent("#out");
      const ok = expected.test(text);
      if (!ok) failed += 1;
      report.push(`${app}: ${ok ? "ran" : "FAILED"}: ${text}`);
    } catch (e) {
      failed += 1;
      report.push(`${app}: FAILED: ${e.message.split("\n")[0]}`);
    }
  }
} finally {
  await context.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
writeFileSync(join(out, "a11y.txt"), report.join("\n") + "\n");
console.log(report.join("\n"));
console.log(`axe_violations: ${violations}`);
console.log(`overflow_390px: ${overflow}`);
process.exit(failed ? 1 : 0);
