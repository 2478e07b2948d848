"""The Python runner of the differential test (``tests/differential``).

Reads ``DIR/cases.json`` (written by ``cargo run -p xtask -- differential``),
decides every request through the public API of the installed ``kcsp``
package — one at a time with ``kcsp.evaluate`` and in batches with
``kcsp.batch``, each in its context's ``Partnership`` and ``Calendar`` — with
dates as ``datetime.date`` and money as ``decimal.Decimal`` as a Python caller
has them, and writes ``DIR/python.json``: each answer ``{"ok": ...}`` in JSON
terms, or ``{"error": [code, field]}``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Callable

import kcsp
from conformance import plain, pythonic


def answer(f: Callable[[], Any]) -> dict[str, Any]:
    try:
        return {"ok": f()}
    except kcsp.KcspError as e:
        return {"error": [e.code, e.field]}


def main(folder: str) -> None:
    d = Path(folder)
    cases = json.loads((d / "cases.json").read_text())
    contexts: list[dict[str, Any]] = []
    for c in cases["contexts"]:
        kw: dict[str, Any] = {}
        if c["partnership"] is not None:
            kw["partnership"] = kcsp.Partnership.from_json(json.dumps(c["partnership"]))
        if c["calendar"] is not None:
            kw["calendar"] = kcsp.Calendar.from_json(json.dumps(c["calendar"]))
        contexts.append(kw)

    def single(s: dict[str, Any]) -> Any:
        return plain(kcsp.evaluate(s["rule"], pythonic(s["input"]), **contexts[s["context"]]).to_dict())

    def batch(b: dict[str, Any]) -> Any:
        data = {k: pythonic(v, k) for k, v in b["data"].items()}
        t = kcsp.batch(b["rule"], data, **contexts[b["context"]])
        return {
            "columns": [[n, plain(list(t[n]))] for n in t],
            "errors": [[e["row"], e["source"], e["code"], e["field"]] for e in t.errors],
        }

    out = {
        "singles": [answer(lambda s=s: single(s)) for s in cases["singles"]],
        "batches": [answer(lambda b=b: batch(b)) for b in cases["batches"]],
    }
    (d / "python.json").write_text(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
