#!/usr/bin/env bash
# WebAssembly: wasm_gzip_bytes (the browser build's .wasm plus its JS glue,
# gzip -9) and wasm_vs_js (100,000 quorum checks, package / hand-written JS).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=/dev/null
. "$root/tests/lib/wasm.sh"
ensure_wasm_package "$root" > /dev/null 2>&1 || { echo "wasm: build failed" >&2; exit 1; }
web="$root/kcsp-wasm/pkg"
wasm_gz=$(gzip -9c "$web/kcsp_wasm_bg.wasm" | wc -c)
js_gz=$(gzip -9c "$web/kcsp_wasm.js" | wc -c)
echo "wasm_bytes: $(wc -c < "$web/kcsp_wasm_bg.wasm")"
echo "wasm_gzip_bytes: $((wasm_gz + js_gz))"
node "$root/kcsp-wasm/bench/bench_quorum.mjs"
