"""Compares the answers of the differential test (tests/differential).

Reads DIR/cases.json and the answers of each language (DIR/rust.json,
DIR/python.json, DIR/wasm.json), compares them exactly — a result with a
result, an error's code and field with an error's — and prints the first
mismatches and ``differential: N requests, M mismatches`` (a request
mismatches when its answer alone, or the batch it was part of, differs
between any two languages). Exits 1 when M > 0.

Representations a language documents are read as what they are: a batch
error's ``source`` as its text (Python gives row labels as text); a JSON
cell Python's Arrow table holds as JSON text is parsed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, (list, dict)):
        a, b = b, a
    if isinstance(b, str) and isinstance(a, (list, dict)):
        try:
            return same(a, json.loads(b))
        except ValueError:
            return False
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and bool(a == b)


def batch_same(a: Any, b: Any) -> bool:
    if "ok" in a and "ok" in b:
        ea = [[r, None if s is None else str(s), c, f] for r, s, c, f in a["ok"]["errors"]]
        eb = [[r, None if s is None else str(s), c, f] for r, s, c, f in b["ok"]["errors"]]
        return ea == eb and same(a["ok"]["columns"], b["ok"]["columns"])
    return same(a, b)


def main(folder: str) -> int:
    d = Path(folder)
    cases = json.loads((d / "cases.json").read_text())
    answers = {name: json.loads((d / f"{name}.json").read_text()) for name in ("rust", "python", "wasm")}
    bad: set[int] = set()
    shown = 0

    def show(what: str, case: Any, got: dict[str, Any]) -> None:
        nonlocal shown
        if shown < 5:
            shown += 1
            print(f"MISMATCH {what}: {json.dumps(case)[:600]}")
            for name, v in got.items():
                print(f"  {name}: {json.dumps(v)[:600]}")

    for i, s in enumerate(cases["singles"]):
        got = {n: a["singles"][i] for n, a in answers.items()}
        if not (same(got["rust"], got["python"]) and same(got["rust"], got["wasm"])):
            bad.add(i)
            show(f"single {i}", s, got)
    for j, b in enumerate(cases["batches"]):
        got = {n: a["batches"][j] for n, a in answers.items()}
        if not (batch_same(got["rust"], got["python"]) and batch_same(got["rust"], got["wasm"])):
            bad.update(b["requests"])
            show(f"batch {j} ({b['rule']})", {k: b[k] for k in ("rule", "context", "data")}, got)
    n = len(cases["singles"])
    print(f"differential: {n} requests, {len(bad)} mismatches")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
