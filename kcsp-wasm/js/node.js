// The entry point Node resolves (package.json "exports", condition "node"):
// the same module and the same .wasm file as browsers, initialised at import
// from the file next to it, because Node's fetch cannot read file: URLs.
import { readFileSync } from "node:fs";
import { initSync } from "./kcsp_wasm.js";

const output = initSync({ module: readFileSync(new URL("./kcsp_wasm_bg.wasm", import.meta.url)) });

export * from "./kcsp_wasm.js";

/**
 * Already done in Node: resolves at once with the module's exports, so that
 * code written for browsers (`await init()`) runs unchanged.
 */
export default async function init() {
  return output;
}
