// Time to first answer of a meeting form's page: the page of
// tests/web/apps/meeting (it imports kcsp-wasm/governance and shows its
// first verdict in #out), as Vite bundles it (tests/web/apps.sh builds
// tests/out/apps/dist-meeting), served gzipped from localhost and opened in
// Debian's headless Chromium with DevTools' "Fast 3G" network (562.5 ms
// latency, 1.44 Mbit/s down) and the CPU slowed 4x, cache off. The time is
// from navigation start to the verdict on the page (performance.now() when
// #out shows it), the median of 5 loads. Prints:
//   wasm_first_answer_ms: N             the page as Vite builds it
//   wasm_first_answer_preload_ms: N     the same page with
//     <link rel="preload" href="<the .wasm>" as="fetch" crossorigin> in its
//     head (kcsp-wasm/README.md, "Loading faster"), so the .wasm downloads
//     alongside the JS instead of after it
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dist = join(root, "tests", "out", "apps", "dist-meeting");
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 / 8) * 0.9, uploadThroughput: (750 * 1024 / 8) * 0.9 };
const RUNS = 5;

// The page with a preload of its .wasm, beside the page as built.
const wasm = readdirSync(join(dist, "assets")).find((f) => f.endsWith(".wasm"));
const html = readFileSync(join(dist, "index.html"), "utf8");
writeFileSync(join(dist, "preload.html"),
  html.replace("<head>", `<head><link rel="preload" href="./assets/${wasm}" as="fetch" crossorigin>`));

const server = await serve(root, { gzip: true });
const profile = mkdtempSync(join(tmpdir(), "kcsp-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.KCSP_CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
});

async function firstAnswer(page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", FAST_3G);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return async (url) => {
    await page.goto(url, { waitUntil: "commit" });
    return page.evaluate(() => new Promise((ok) => {
      const out = document.getElementById("out");
      const done = () => out && out.textContent !== "Loading…" && out.textContent !== "";
      if (done()) return ok(performance.now());
      new MutationObserver(() => { if (done()) ok(performance.now()); })
        .observe(document.documentElement, { subtree: true, childList: true, characterData: true });
    }));
  };
}

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  for (const [name, file] of [["wasm_first_answer_ms", "index.html"], ["wasm_first_answer_preload_ms", "preload.html"]]) {
    const times = [];
    for (let i = 0; i < RUNS; i += 1) {
      const page = await context.newPage();
      const load = await firstAnswer(page);
      times.push(await load(`${server.url}/tests/out/apps/dist-meeting/${file}`));
      const text = await page.textContent("#out");
      if (!/quorate/.test(text)) throw new Error(`${file}: the page said ${JSON.stringify(text)}`);
      await page.close();
    }
    console.log(`${name}: ${Math.round(median(times))}`);
  }
} finally {
  await context.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(join(dist, "preload.html"), { force: true });
}
