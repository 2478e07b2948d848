#!/usr/bin/env bash
# Python: build the kcsp wheel with maturin into a venv, run pytest (API,
# errors, batch, hypothesis properties, stubtest, conformance), then install
# the wheel into a brand-new venv with no Rust toolchain on PATH and import it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=/dev/null
. "$root/tests/lib/python.sh"

wheel=$(ensure_python_package "$root")
echo "built $(basename "$wheel")"

"$KCSP_VENV/bin/python" -m pytest -q "$root/kcsp-py/tests"

fresh=$(mktemp -d)
python3 -m venv "$fresh/venv"
"$fresh/venv/bin/python" -m pip install -q --disable-pip-version-check "$wheel" pandas polars
(
  cd "$fresh"
  env -i HOME="$fresh" PATH="/usr/bin:/bin" "$fresh/venv/bin/python" - <<'PY'
import shutil
from datetime import date
import kcsp
assert shutil.which("cargo") is None and shutil.which("rustc") is None, "a Rust toolchain is on PATH"
q = kcsp.quorum("kcsp", date(2022, 7, 14), ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"])
assert q.quorate and q.count == 4
print("fresh venv: import kcsp works without a Rust toolchain")
PY
  # The analyst's example, with only the wheel, pandas and polars installed.
  env -i HOME="$fresh" PATH="/usr/bin:/bin" "$fresh/venv/bin/python" "$root/examples/analyst.py" > /dev/null
  echo "fresh venv (wheel, pandas, polars): examples/analyst.py ran"
)
rm -rf "$fresh"

"$KCSP_VENV/bin/python" -m mypy --strict --cache-dir "$root/target/mypy" "$root/examples/analyst.py"
echo "examples/analyst.py: mypy --strict passed"

# The package's own sources, and its types seen from outside: the rule
# functions and evaluate are typed by rule; kcsp-py/tests/types/check_types.py
# marks the lines that must not type-check.
(cd "$root/kcsp-py/python" && "$KCSP_VENV/bin/python" -m mypy --strict --cache-dir "$root/target/mypy" -p kcsp)
"$KCSP_VENV/bin/python" -m mypy --strict --cache-dir "$root/target/mypy" "$root/kcsp-py/tests/types/check_types.py"
echo "kcsp package and kcsp-py/tests/types/check_types.py: mypy --strict passed"

# The API reference, built from the docstrings.
rm -rf "$root/target/doc-python"
"$KCSP_VENV/bin/python" -m pdoc kcsp -o "$root/target/doc-python" >/dev/null
test -s "$root/target/doc-python/kcsp.html"
echo "API reference: target/doc-python/kcsp.html"
