// Makes the package's two JavaScript-side traps throw coded errors like
// every other failure (a KcspError with `code`, `field`, `details`,
// `publicMessage`) instead of a bare TypeError:
//
// - a call before `init()` (browsers): wasm-bindgen's glue reads its
//   `wasm` exports object, still undefined; here it starts as an object
//   whose every property throws `invalid_input` saying to await init();
// - an argument that should be a Partnership or a Calendar object and is
//   not: the glue's class check throws `invalid_input` at `partnership` or
//   `calendar`, the argument's name.
//
// Run by the build (tests/lib/wasm.sh) on each package folder, after
// wasm-bindgen; it fails when the glue no longer has the lines it patches
// (wasm-bindgen is pinned, so that is an upgrade to look at).
// kcsp-wasm/tests/traps.test.mjs checks the behaviour.
//
//   node kcsp-wasm/tools/guard.mjs <package folder>
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// The public message of invalid_input, from the catalogue the core embeds.
const catalogue = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)),
  "../../kcsp-core/data/messages.en.json"), "utf8"));
const PUBLIC = catalogue.messages.invalid_input.replace(/\[[^\]]*\]/g, "");

const PATCHES = [
  ["let wasmModule, wasmInstance, wasm;", "let wasmModule, wasmInstance, wasm = kcspNotReady();"],
  ["if (wasm !== undefined) return wasm;", "if (wasmInstance !== undefined) return wasm;"],
  ["throw new Error(`expected instance of ${klass.name}`);",
    "throw kcspError(klass.name.toLowerCase(), `${klass.name.toLowerCase()} must be a ${klass.name} object, not ${instance === null ? \"null\" : typeof instance}`);"],
];

const HELPERS = `
/** An error as the package throws them (kcsp-wasm/tools/guard.mjs). */
function kcspError(field, message) {
    const e = new Error(message);
    e.name = "KcspError";
    e.code = "invalid_input";
    e.field = field;
    e.details = {};
    e.publicMessage = ${JSON.stringify(PUBLIC)};
    return e;
}

/** The exports before init(): every use throws a coded error. */
function kcspNotReady() {
    return new Proxy({}, {
        get() {
            throw kcspError("", "kcsp-wasm is not ready: await init() (the module's default export) before calling it");
        },
    });
}
`;

const dir = process.argv[2];
const file = join(dir, "kcsp_wasm.js");
let js = readFileSync(file, "utf8");
for (const [from, to] of PATCHES) {
  if (!js.includes(from)) {
    console.error(`guard.mjs: ${file} has no "${from}": wasm-bindgen's glue changed`);
    process.exit(1);
  }
  js = js.replaceAll(from, to);
}
writeFileSync(file, js + HELPERS);
