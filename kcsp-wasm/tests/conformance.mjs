// The JavaScript conformance runner (see tests/vectors/FORMAT.md).
//
// Runs every case of every *.json file in every folder of KCSP_VECTORS
// (separated by ':'; default: the project's tests/vectors/) through the
// built WebAssembly package's typed exports, and ends with
// "N passed, N failed". Unknown rules and input keys fail.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
// The package as users import it (Node resolves its "node" entry).
const kcsp = await import("kcsp-wasm");

// Every rule of the build's registry, through its typed export (named by
// the rule id in lowerCamelCase), with the keys its input takes.
const camel = (id) => id.replace(/_(\w)/g, (_, c) => c.toUpperCase());
const RULES = Object.fromEntries(kcsp.rules().map((r) => [r.id, [kcsp[camel(r.id)], r.fields]]));
const SET_KEYS = new Set(["represented", "missing", "warnings"]);

function decimal(s) {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s);
  return m ? `${m[1].replace(/^0+/, "")}.${(m[2] ?? "").replace(/0+$/, "")}` : null;
}

function equal(key, want, got) {
  if (want === null || got === null || got === undefined) return want === null && (got === null || got === undefined);
  if (typeof want === "string" && typeof got === "string") {
    if (want === got) return true;
    const a = decimal(want), b = decimal(got);
    return a !== null && a === b;
  }
  if (Array.isArray(want) && Array.isArray(got)) {
    if (SET_KEYS.has(key)) {
      const code = (x) => JSON.stringify(x && typeof x === "object" ? x.code : x);
      const a = new Set(want.map(code)), b = new Set(got.map(code));
      return a.size === b.size && [...a].every((x) => b.has(x));
    }
    return want.length === got.length && want.every((x, i) => equal("", x, got[i]));
  }
  if (typeof want === "object" && typeof got === "object" && !Array.isArray(want) && !Array.isArray(got)) {
    // An object in a result (a quorum's conditions): the same keys, each equal.
    const keys = Object.keys(want);
    return keys.length === Object.keys(got).length && keys.every((k) => equal(k, want[k], got[k]));
  }
  return want === got;
}

/**
 * A case's `partnership` and `calendar` as the package's objects: the rules
 * in that context, and the case's own input without them. An error in one is
 * reported under its key, as the request names it.
 */
function context(input) {
  const { partnership, calendar, ...own } = input;
  let rules = null;
  if (partnership !== undefined || calendar !== undefined) {
    rules = kcsp.Rules.kent();
    for (const [key, value, make, add] of [
      ["partnership", partnership, (t) => kcsp.Partnership.fromJson(t), (r, v) => r.withPartnership(v)],
      ["calendar", calendar, (t) => kcsp.Calendar.fromJson(t), (r, v) => r.withCalendar(v)],
    ]) {
      if (value === undefined) continue;
      try {
        rules = add(rules, make(JSON.stringify(value)));
      } catch (e) {
        e.field = e.field ? `${key}.${e.field}` : key;
        throw e;
      }
    }
  }
  return { rules, own };
}

/** A validation case: exactly these (code, field) pairs. */
export function judgeValidation(rule, c) {
  let got;
  try {
    const { rules, own } = context(c.input ?? {});
    got = (rules ?? kcsp.Rules.kent()).validate(rule, own);
  } catch (e) {
    if (typeof e?.code !== "string") return `threw without a code: ${e}`;
    got = [e];
  }
  const key = (e) => `${e.code}@${e.field}`;
  const want = new Set((c.errors ?? []).map(key));
  const have = new Set(got.map(key));
  const same = want.size === have.size && [...want].every((x) => have.has(x));
  return same ? null : `expected errors ${[...want].sort()}, got ${[...have].sort()}`;
}

export function judge(rule, c) {
  const entry = RULES[rule];
  if (!entry) return `unknown rule '${rule}'`;
  const [fn, keys] = entry;
  if (!c.input || typeof c.input !== "object") return "case has no input object";
  const unknown = Object.keys(c.input).filter((k) => !keys.includes(k) && k !== "partnership" && k !== "calendar");
  if (unknown.length) return `input keys not understood: ${unknown.join(", ")}`;
  let result, error;
  try {
    const { rules, own } = context(c.input);
    // The typed export for Kent; the rules of the case's context otherwise.
    result = rules ? rules.evaluate(rule, own) : fn(c.input);
  } catch (e) {
    if (typeof e?.code !== "string") return `threw without a code: ${e}`;
    error = e;
  }
  if ("expect" in c) {
    if (error) return `expected a result, got ${error.code} (${error.field}): ${error.message}`;
    for (const [k, want] of Object.entries(c.expect)) {
      if (!equal(k, want, result[k])) return `${k}: expected ${JSON.stringify(want)}, got ${JSON.stringify(result[k])}`;
    }
    return null;
  }
  if ("error" in c) {
    if (!error) return `expected error ${c.error}, got a result`;
    return error.code === c.error ? null : `expected error ${c.error}, got ${error.code} (${error.field})`;
  }
  return "a case needs expect or error";
}

const PENDING = JSON.parse(readFileSync(join(root, "tests", "pending.json"), "utf8")).wasm;

/** Why a case is not run yet (tests/pending.json), or null. */
function pending(file, doc, c) {
  const prefix = Object.keys(PENDING.files ?? {}).find((p) => file.startsWith(p));
  if (prefix !== undefined) return `file ${prefix}*, ${PENDING.files[prefix]}`;
  if (doc.rule in PENDING.rules) return `rule ${doc.rule}, ${PENDING.rules[doc.rule]}`;
  if (doc.mode in PENDING.modes) return `mode ${doc.mode}, ${PENDING.modes[doc.mode]}`;
  for (const k of Object.keys(c.input ?? {})) {
    if (k in PENDING.input_keys) return `input key ${k}, ${PENDING.input_keys[k]}`;
  }
  return null;
}

export function run() {
  const folders = (process.env.KCSP_VECTORS ?? "").split(":").filter(Boolean);
  if (folders.length === 0) folders.push(join(root, "tests", "vectors"));
  let passed = 0, failed = 0;
  const lines = [];
  for (const folder of folders) {
    let files;
    try {
      if (!statSync(folder).isDirectory()) throw new Error("not a folder");
      files = readdirSync(folder).filter((f) => f.endsWith(".json")).sort();
    } catch (e) {
      lines.push(`FAIL ${folder}: ${e.message}`);
      failed++;
      continue;
    }
    for (const f of files) {
      let doc;
      try {
        doc = JSON.parse(readFileSync(join(folder, f), "utf8"));
      } catch (e) {
        lines.push(`FAIL ${f}: ${e.message}`);
        failed++;
        continue;
      }
      const skipped = (doc.cases ?? []).map((c) => pending(f, doc, c)).filter(Boolean);
      if (skipped.length) lines.push(`pending ${f}: ${skipped.length} case(s) not run (${[...new Set(skipped)].sort().join("; ")})`);
      for (const c of doc.cases ?? []) {
        if (pending(f, doc, c)) continue;
        const why = doc.mode === "validate" ? judgeValidation(doc.rule, c) : judge(doc.rule, c);
        if (why === null) passed++;
        else {
          failed++;
          lines.push(`FAIL ${f}:${c.id ?? "?"}: ${why}`);
        }
      }
    }
  }
  return { passed, failed, lines };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { passed, failed, lines } = run();
  for (const l of lines) console.log(l);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
