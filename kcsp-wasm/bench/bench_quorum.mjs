// 100,000 quorum checks (one per meeting, 6 people each) through the
// WebAssembly package, against the same checks in a hand-written JS
// function. Both start from the same JS array of meetings; the package's
// time includes turning that array into what it takes: typed arrays of
// codes for quorumCoded (wasm_vs_js), a register's columns for batch
// (wasm_batch_vs_js, the generic engine every rule's batch uses).
// Prints `name: value` lines; each time is the best of several runs.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
// The package as users import it (Node resolves its "node" entry).
const k = await import("kcsp-wasm");

const SEAT = {
  kent_county_council: "kent_county_council", kent_police: "kent_police", office_of_the_pcc: "office_of_the_pcc",
  district_borough_councils: "district_borough_councils", kent_fire_and_rescue: "kent_fire_and_rescue",
  nhs_kent_and_medway: "health", probation_service: "probation_service",
};
const ORGS = [...Object.keys(SEAT), "violence_reduction_unit", "guest", "local_csp_chair"];

let seed = 1;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const meetings = [];
for (let m = 0; m < 100_000; m++) {
  const present = [];
  for (let p = 0; p < 6; p++) present.push(ORGS[Math.floor(rnd() * ORGS.length)]);
  const day = 1 + (m % 28);
  meetings.push({ id: `m${m}`, date: `2023-05-${String(day).padStart(2, "0")}`, present });
}

/** The hand-written check: distinct seats represented, at least four. */
function jsQuorum(ms) {
  const out = new Uint8Array(ms.length);
  for (let i = 0; i < ms.length; i++) {
    const seats = new Set();
    for (const o of ms[i].present) {
      const s = SEAT[o];
      if (s !== undefined) seats.add(s);
    }
    out[i] = seats.size >= 4 ? 1 : 0;
  }
  return out;
}

function wasmQuorum(ms) {
  const meeting_id = [], date = [], organisation = [];
  for (const m of ms) for (const o of m.present) { meeting_id.push(m.id); date.push(m.date); organisation.push(o); }
  return Uint8Array.from(k.batch("quorum", { meeting_id, date, organisation }).columns.quorate, (q) => (q ? 1 : 0));
}

/** The same checks through the typed-array interface: ids become codes. */
function wasmCoded(ms) {
  const table = new Map();
  const names = [];
  let n = 0;
  for (const m of ms) n += m.present.length;
  const codes = new Uint16Array(n), ends = new Uint32Array(ms.length), days = new Int32Array(ms.length);
  const dayOf = new Map();
  let at = 0;
  ms.forEach((m, i) => {
    for (const o of m.present) {
      let c = table.get(o);
      if (c === undefined) {
        c = names.length;
        table.set(o, c);
        names.push(o);
      }
      codes[at++] = c;
    }
    ends[i] = at;
    let d = dayOf.get(m.date);
    if (d === undefined) {
      d = Date.parse(m.date) / 864e5;
      dayOf.set(m.date, d);
    }
    days[i] = d;
  });
  return k.quorumCoded("kcsp", names, codes, ends, days).quorate;
}

function best(fn, runs) {
  let t = Infinity;
  for (let r = 0; r < runs; r++) {
    const s = process.hrtime.bigint();
    fn();
    t = Math.min(t, Number(process.hrtime.bigint() - s) / 1e6);
  }
  return t;
}

const a = jsQuorum(meetings), b = wasmQuorum(meetings), c = wasmCoded(meetings);
if (a.length !== b.length || a.some((x, i) => x !== b[i] || x !== c[i])) throw new Error("wasm and JS disagree");
const tJs = best(() => jsQuorum(meetings), 7);
const tText = best(() => wasmQuorum(meetings), 5);
const tWasm = best(() => wasmCoded(meetings), 7);
// One call with the input of the criterion bench quorum/one_meeting and of
// python_single_call_us: the cost of crossing into WebAssembly and back.
const FIVE = ["kent_county_council", "kent_police", "office_of_the_pcc", "kent_fire_and_rescue", "probation_service"];
const single = best(() => {
  for (let i = 0; i < 1000; i++) k.quorum({ body: "kcsp", date: "2023-11-16", present: FIVE });
}, 5);
console.log(`wasm_checks: ${meetings.length}`);
console.log(`wasm_coded_ms: ${tWasm.toFixed(1)}`);
console.log(`wasm_batch_ms: ${tText.toFixed(1)}`);
console.log(`js_handwritten_ms: ${tJs.toFixed(1)}`);
console.log(`wasm_vs_js: ${(tWasm / tJs).toFixed(2)}`);
console.log(`wasm_batch_vs_js: ${(tText / tJs).toFixed(2)}`);
console.log(`wasm_single_call_us: ${(single).toFixed(1)}`);
