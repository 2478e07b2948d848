#!/usr/bin/env bash
# WebAssembly sizes and speed.
#   wasm_gzip_bytes: the full package (every rule) as a page loads it: its
#     .wasm plus its JS glue, each gzip -9.
#   wasm_<family>_gzip_bytes: the same for each family's own build.
#   wasm_governance_gzip_bytes: what a meeting form's page downloads: the
#     page of tests/web/apps/meeting (imports kcsp-wasm/governance) bundled
#     by Vite from the packed tarball, every .js and .wasm it emits, gzip -9.
#   wasm_vs_js, wasm_single_call_us, ...: kcsp-wasm/bench/bench_quorum.mjs.
#   wasm_first_answer_ms, wasm_first_answer_preload_ms: navigation to the
#     first verdict on that meeting page in headless Chromium, Fast 3G and
#     the CPU slowed 4x (tests/web/first_answer.mjs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=/dev/null
. "$root/tests/lib/wasm.sh"
ensure_wasm_package "$root" > /dev/null 2>&1 || { echo "wasm: build failed" >&2; exit 1; }
bash "$root/tests/web/apps.sh" > /dev/null 2>&1 || { echo "wasm: bundling the apps failed" >&2; exit 1; }
web="$root/kcsp-wasm/pkg"

gz() { local n=0 f; for f in "$@"; do n=$((n + $(gzip -9c "$f" | wc -c))); done; echo "$n"; }

echo "wasm_bytes: $(wc -c < "$web/kcsp_wasm_bg.wasm")"
echo "wasm_gzip_bytes: $(gz "$web/kcsp_wasm_bg.wasm" "$web/kcsp_wasm.js")"
for family in $KCSP_WASM_FAMILIES; do
  echo "wasm_${family}_build_gzip_bytes: $(gz "$web/$family/kcsp_wasm_bg.wasm" "$web/$family/kcsp_wasm.js")"
done
assets="$root/tests/out/apps/dist-meeting/assets"
echo "wasm_governance_gzip_bytes: $(gz "$assets"/*.js "$assets"/*.wasm)"
node "$root/kcsp-wasm/bench/bench_quorum.mjs"
node "$root/tests/web/first_answer.mjs"
