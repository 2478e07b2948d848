# Sourced by tests/run.d/python.sh and tests/conformance: makes sure the venv
# (KCSP_VENV, default .venv) has the build and test tools, then builds the
# kcsp wheel with maturin and installs it. Skips what is already present.

KCSP_VENV="${KCSP_VENV:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.venv}"
export KCSP_VENV
KCSP_PY_TOOLS=("maturin>=1.9,<2" "pytest>=8" "hypothesis>=6" "mypy>=1.10" "pandas>=2" "polars>=1" "pyarrow>=14" "pdoc>=15" "pandas-stubs" "jsonschema>=4")

ensure_python_package() {
  local root="$1"
  if [ ! -x "$KCSP_VENV/bin/python" ]; then
    python3 -m venv "$KCSP_VENV"
  fi
  if ! "$KCSP_VENV/bin/python" -c "import maturin, pytest, hypothesis, mypy, pandas, polars, pyarrow, pdoc, jsonschema" 2>/dev/null \
    || ! "$KCSP_VENV/bin/python" -m pip show -q pandas-stubs >/dev/null 2>&1; then
    "$KCSP_VENV/bin/python" -m pip install -q --disable-pip-version-check "${KCSP_PY_TOOLS[@]}"
  fi
  rm -rf "$root/target/wheels"
  (cd "$root" && PYO3_BUILD_EXTENSION_MODULE=1 "$KCSP_VENV/bin/maturin" build --release --quiet -m kcsp-py/Cargo.toml -o target/wheels --compatibility linux >&2)
  local wheel
  wheel=$(ls "$root"/target/wheels/kcsp-*.whl | head -n 1)
  "$KCSP_VENV/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$wheel"
  echo "$wheel"
}
