// No traps: every export and every method, called with arguments of the
// wrong type (numbers, objects, lists, undefined, null) or before init(),
// throws a coded error (a KcspError with `code` and `field`) or answers;
// never a bare TypeError or a RuntimeError from inside the module, and the
// module keeps answering afterwards.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as k from "kcsp-wasm";

const WRONG = [[], [20220714], [{ date: "2022-07-14" }], [undefined], [null], [["kcsp"]], [true, 5], [{}, {}, {}],
  ["kcsp", 20220714], ["quorum", 42, 42], [new Uint8Array(3), [1.5], "x", 7, {}]];

/** Calls `f` with each list of wrong arguments; returns what went wrong. */
function probe(label, f) {
  const bad = [];
  for (const args of WRONG) {
    try {
      f(...args);
    } catch (e) {
      if (typeof e?.code !== "string" || typeof e?.field !== "string" || typeof e?.publicMessage !== "string") {
        bad.push(`${label}(${args.map((a) => JSON.stringify(a) ?? "undefined").join(", ")}): ${e?.name}: ${e?.message}`);
      }
    }
  }
  return bad;
}

/** Every function of an object, own or inherited from its class (not getters, not the wasm-bindgen internals). */
function methods(obj) {
  const out = [];
  for (let o = obj; o && o !== Object.prototype && o !== Function.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) {
      const d = Object.getOwnPropertyDescriptor(o, name);
      if (typeof d.value !== "function" || d.get || ["constructor", "free", "__wrap", "__destroy_into_raw"].includes(name)) continue;
      out.push(name);
    }
  }
  return out;
}

test("every export and method refuses wrong arguments with a coded error", () => {
  const bad = [];
  let called = 0;
  for (const [name, value] of Object.entries(k)) {
    if (typeof value !== "function" || ["default", "initSync"].includes(name)) continue;
    if (/^[A-Z]/.test(name)) {
      // A class: its static functions, then every method of an instance.
      for (const s of methods(value).filter((m) => Object.hasOwn(value, m))) {
        bad.push(...probe(`${name}.${s}`, (...a) => value[s](...a)));
        called += 1;
      }
      const instance = name === "Calendar" ? new value() : value.kent?.();
      if (!instance) continue;
      for (const m of methods(Object.getPrototypeOf(instance))) {
        bad.push(...probe(`${name}#${m}`, (...a) => instance[m](...a)));
        called += 1;
      }
    } else {
      bad.push(...probe(name, value));
      called += 1;
    }
  }
  assert.ok(called > 30, `only ${called} functions probed`);
  assert.deepEqual(bad, []);
  // The module still answers.
  const q = k.quorum({ body: "kcsp", date: "2022-07-14",
    present: ["kent_county_council", "kent_police", "office_of_the_pcc", "kent_fire_and_rescue"] });
  assert.equal(q.quorate, true);
  assert.equal(k.Partnership.kent().seats("kcsp", "2022-07-14").length, 7);
});

test("the arguments are named in the errors", () => {
  const err = (f) => { try { f(); } catch (e) { return [e.code, e.field, e.message]; } return null; };
  assert.deepEqual(err(() => k.Partnership.kent().organisations(20220714)).slice(0, 2), ["invalid_input", "date"]);
  assert.match(err(() => k.Partnership.kent().organisations(20220714))[2], /date must be text, not a number/);
  assert.deepEqual(err(() => new k.Calendar().add({ date: "2027-06-04" })).slice(0, 2), ["invalid_input", "date"]);
  assert.deepEqual(err(() => k.Partnership.fromJson({})).slice(0, 2), ["invalid_input", "text"]);
  assert.deepEqual(err(() => k.Rules.kent().withPartnership({})).slice(0, 2), ["invalid_input", "partnership"]);
  assert.deepEqual(err(() => k.Rules.kent().withCalendar("2027-06-04")).slice(0, 2), ["invalid_input", "calendar"]);
  assert.deepEqual(err(() => new k.Calendar().bankHolidays("2027")).slice(0, 2), ["invalid_input", "year"]);
  assert.deepEqual(err(() => k.evaluate(7, {})).slice(0, 2), ["invalid_input", "rule"]);
});

test("a call before init() throws a coded error, and init() then works", async () => {
  // The browsers' module, fresh (a query makes it another module instance): not initialised.
  const web = await import(new URL("../pkg/kcsp_wasm.js?before-init", import.meta.url).href);
  const e = (() => { try { web.quorum({ body: "kcsp", date: "2022-07-14", present: [] }); } catch (x) { return x; } })();
  assert.equal(e?.code, "invalid_input");
  assert.match(e.message, /await init\(\)/);
  assert.throws(() => web.Partnership.kent(), (x) => x.code === "invalid_input");
  await web.default({ module_or_path: readFileSync(new URL("../pkg/kcsp_wasm_bg.wasm", import.meta.url)) });
  assert.equal(web.Partnership.kent().name, "Kent Community Safety Partnership");
});
