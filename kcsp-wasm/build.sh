#!/usr/bin/env bash
# Builds pkg/ (one ES module and one .wasm for browsers and Node),
# installing the wasm32 target, the pinned wasm-bindgen CLI and wasm-opt when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=/dev/null
. "$root/tests/lib/wasm.sh"
ensure_wasm_package "$root"
