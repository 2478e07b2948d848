#!/usr/bin/env bash
# WebAssembly: build kcsp-wasm/pkg (installing the wasm32 target, the pinned
# wasm-bindgen CLI and the npm tooling when missing), run the node --test
# suite (API, errors, bad arguments, conformance), the .d.ts under
# tsc --strict, then tests/browser (package lint, bundlers, demo pages, axe).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=/dev/null
. "$root/tests/lib/wasm.sh"

ensure_wasm_package "$root" > /dev/null
echo "built kcsp-wasm/pkg (every rule) and kcsp-wasm/pkg/{governance,grants,dhr,csa}"
export KCSP_WASM_BUILT=1

node --test "$root/kcsp-wasm/tests/"

# The shipped .d.ts passes tsc --strict without skipLibCheck.
"$root/tests/web/node_modules/.bin/tsc" -p "$root/kcsp-wasm/tests/types/tsconfig.json"
echo "tsc --strict: the .d.ts and a typed use of it compile"

bash "$root/tests/browser"
