export * from "./kcsp_wasm.js";
import type { InitOutput } from "./kcsp_wasm.js";
/** Already done in Node: resolves at once with the module's exports. */
export default function init(): Promise<InitOutput>;
