# Sourced by tests/run.d/wasm.sh, tests/conformance and tests/bench: installs
# what the WebAssembly build needs when it is missing (the wasm32 target, the
# wasm-bindgen CLI at the crate's pinned version, the npm tooling in
# tests/web), then builds kcsp-wasm/pkg: one ES module and one .wasm (run
# through wasm-opt -Oz) for browsers and Node, with every rule; and the same
# for each rule family alone in pkg/governance, pkg/grants, pkg/dhr, pkg/csa.

KCSP_WASM_BINDGEN_VERSION="0.2.130"

ensure_wasm_tools() {
  local root="$1"
  if command -v rustup >/dev/null 2>&1 && ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
    rustup target add wasm32-unknown-unknown >&2
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q " ${KCSP_WASM_BINDGEN_VERSION}\$"; then
    cargo install wasm-bindgen-cli --version "$KCSP_WASM_BINDGEN_VERSION" >&2
  fi
  if [ ! -x "$root/tests/web/node_modules/.bin/wasm-opt" ] || [ ! -d "$root/tests/web/node_modules/playwright-core" ] || [ ! -x "$root/tests/web/node_modules/.bin/tsc" ] || [ ! -d "$root/tests/web/node_modules/govuk-frontend" ] || [ ! -x "$root/tests/web/node_modules/.bin/vite" ]; then
    (cd "$root/tests/web" && npm ci --no-audit --no-fund >&2)
  fi
}

# The rule families built alone besides the full package (kcsp-wasm's
# features): pkg/<family>/ holds the same files as pkg/.
KCSP_WASM_FAMILIES="governance grants dhr csa"

# Builds one package directory: cargo (with the given features), wasm-bindgen's
# web target, wasm-opt -Oz, the Node entry.
build_wasm_dir() {
  local root="$1" out="$2"
  shift 2
  (cd "$root" && cargo build -q -p kcsp-wasm --target wasm32-unknown-unknown --profile wasm-release "$@" >&2)
  local wasm="$root/target/wasm32-unknown-unknown/wasm-release/kcsp_wasm.wasm"
  rm -rf "$out"
  wasm-bindgen --target web --out-dir "$out" "$wasm" >&2
  # Hover docs read as TypeScript docs (no Rust examples or rustdoc links).
  node "$root/kcsp-wasm/tools/tidy-docs.mjs" "$out"
  # A call before init() and a wrong object argument throw coded errors.
  node "$root/kcsp-wasm/tools/guard.mjs" "$out"
  "$root/tests/web/node_modules/.bin/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/kcsp_wasm_bg.wasm" -o "$out/kcsp_wasm_bg.wasm" >&2
  # One .wasm for browsers and Node: a small Node entry initialises it from the file.
  cp "$root/kcsp-wasm/js/node.js" "$root/kcsp-wasm/js/node.d.ts" "$out/"
}

ensure_wasm_package() {
  local root="$1"
  ensure_wasm_tools "$root"
  local out="$root/kcsp-wasm/pkg"
  rm -rf "$out"
  local family
  for family in $KCSP_WASM_FAMILIES; do
    build_wasm_dir "$root" "$root/target/kcsp-wasm-$family" --no-default-features --features "$family"
  done
  build_wasm_dir "$root" "$out"
  for family in $KCSP_WASM_FAMILIES; do
    mv "$root/target/kcsp-wasm-$family" "$out/$family"
  done
  echo "$out"
}

# The GOV.UK Frontend styles and assets for the demo pages, from the npm
# package (tests/web), into examples/web/govuk/ (not committed). Its CSS names
# its fonts and images from the site root; here they sit beside it.
ensure_demo_assets() {
  local root="$1"
  ensure_wasm_tools "$root"
  local from="$root/tests/web/node_modules/govuk-frontend/dist/govuk" to="$root/examples/web/govuk"
  rm -rf "$to"
  mkdir -p "$to"
  sed 's#url(/assets/#url(assets/#g' "$from/govuk-frontend.min.css" > "$to/govuk-frontend.min.css"
  cp -r "$from/assets" "$to/assets"
}
