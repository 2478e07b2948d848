#!/usr/bin/env bash
# Packs kcsp-wasm as npm would publish it, installs the tarball into a tiny
# app (tests/out/apps) and runs the README's snippet three ways:
#   Node (run here), Vite and esbuild, and a meeting form's page importing
#   only the governance family (Vite); (bundled here; opened in Chromium by
#   tests/web/browser.test.mjs). Also lints the package: publint and
#   @arethetypeswrong/cli (ESM-only profile; the .wasm subpath is an asset).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin="$root/tests/web/node_modules/.bin"
out="$root/tests/out/apps"
rm -rf "$out"
mkdir -p "$out"

(cd "$root/kcsp-wasm" && "$bin/publint" --strict)
(cd "$root/kcsp-wasm" && "$bin/attw" --pack . --profile esm-only --format table-flipped --exclude-entrypoints \
  ./kcsp_wasm_bg.wasm ./governance/kcsp_wasm_bg.wasm ./grants/kcsp_wasm_bg.wasm ./dhr/kcsp_wasm_bg.wasm ./csa/kcsp_wasm_bg.wasm)

tarball=$(cd "$root/kcsp-wasm" && npm pack --silent --pack-destination "$out")
echo "packed $tarball ($(wc -c < "$out/$tarball") bytes)"
tar -tzf "$out/$tarball" | sed 's/^/  /'
cp -r "$root/tests/web/apps/"* "$out/"
(cd "$out" && printf '{"name":"kcsp-app","private":true,"type":"module"}\n' > package.json \
  && npm install --no-audit --no-fund --silent "./$tarball")

# The definition's JSON Schema ships in the package, for an editor's "$schema".
(cd "$out" && node -e "const s = require(require.resolve('kcsp-wasm/partnership.schema.json')); if (s.title !== 'Partnership') process.exit(1)")
echo "kcsp-wasm/partnership.schema.json resolves from the installed package"
echo "node: $(cd "$out" && node main.js)"
echo "node (governance): $(cd "$out" && node meeting/main.js)"
(cd "$out" && "$bin/vite" build . --outDir dist-vite --base ./ --logLevel warn)
# A meeting form's page: only the governance family (wasm_governance_gzip_bytes).
(cd "$out/meeting" && "$bin/vite" build . --outDir ../dist-meeting --emptyOutDir --base ./ --logLevel warn)
mkdir -p "$out/dist-esbuild"
"$bin/esbuild" "$out/main-esbuild.js" --bundle --format=esm --loader:.wasm=file \
  --outfile="$out/dist-esbuild/main.js" --log-level=warning
cp "$out/index.html" "$out/dist-esbuild/index.html"
echo "bundled: $(ls "$out/dist-vite/assets" | tr '\n' ' ') | $(ls "$out/dist-meeting/assets" | tr '\n' ' ') | $(ls "$out/dist-esbuild" | tr '\n' ' ')"
