"""The Python conformance runner (see tests/vectors/FORMAT.md).

Runs every case of every ``*.json`` file in every folder of ``KCSP_VECTORS``
(separated by ``:``; default: the project's ``tests/vectors/``) through the
public API of the installed ``kcsp`` package, with dates as ``datetime.date``
and money as ``decimal.Decimal`` where the vector's text is one, and ends with
``N passed, N failed``. Unknown rules and input keys fail.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import kcsp

ROOT = Path(__file__).resolve().parents[2]
SET_KEYS = {"represented", "missing", "warnings"}


def as_date(v: Any) -> Any:
    """A date object where the text is an ISO date, else the text itself (so
    that malformed dates still reach the library and fail there)."""
    if isinstance(v, str):
        try:
            return date.fromisoformat(v) if len(v) == 10 else v
        except ValueError:
            return v
    return v


def as_money(v: Any) -> Any:
    if isinstance(v, str):
        try:
            d = Decimal(v)
            return d if d.is_finite() and "," not in v else v
        except InvalidOperation:
            return v
    return v


MONEY_KEYS = {"allocation", "grant", "total_cost", "amount", "spent"}


def pythonic(v: Any, key: str = "") -> Any:
    """A vector's input as a Python caller has it: ISO dates as
    ``datetime.date``, money as ``decimal.Decimal`` (text that is neither
    stays text, so malformed values still reach the library and fail there)."""
    if isinstance(v, dict):
        return {k: pythonic(x, k) for k, x in v.items()}
    if isinstance(v, list):
        return [pythonic(x, key) for x in v]
    if key in MONEY_KEYS:
        return as_money(v)
    return as_date(v)


# Every rule and its input keys, from the package's own registry.
RULES: dict[str, set[str]] = {rule: set(keys) - {"partnership", "calendar"} for rule, keys in kcsp.rules().items()}


def plain(v: Any) -> Any:
    """Result values in JSON terms: dates as ISO text, Decimals as text."""
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    return v


def equal(key: str, want: Any, got: Any) -> bool:
    if want is None or got is None:
        return want is None and got is None
    if isinstance(want, str) and isinstance(got, str):
        if want == got:
            return True
        try:
            return Decimal(want) == Decimal(got)
        except InvalidOperation:
            return False
    if isinstance(want, list) and isinstance(got, list):
        if key in SET_KEYS:
            code = lambda x: json.dumps(x["code"] if isinstance(x, dict) else x)  # noqa: E731
            return {code(x) for x in want} == {code(x) for x in got}
        return len(want) == len(got) and all(equal("", a, b) for a, b in zip(want, got))
    if isinstance(want, bool) or isinstance(got, bool):
        return want is got
    return bool(want == got)


def context(partnership: Any, calendar: Any) -> dict[str, Any]:
    """A case's ``partnership`` and ``calendar`` as the package's objects. An
    error in one is reported under its key, as the request names it."""
    ctx: dict[str, Any] = {}
    for key, value, make in (
        ("partnership", partnership, kcsp.Partnership.from_json),
        ("calendar", calendar, kcsp.Calendar.from_json),
    ):
        if value is None:
            continue
        try:
            ctx[key] = make(json.dumps(value))
        except kcsp.KcspError as e:
            e.field = f"{key}.{e.field}" if e.field else key
            raise
    return ctx


def judge_validation(rule: str, case: dict[str, Any]) -> str | None:
    """A validation case: exactly these (code, field) pairs."""
    inp = dict(case.get("input") or {})
    try:
        ctx = context(inp.pop("partnership", None), inp.pop("calendar", None))
    except kcsp.KcspError as e:
        got = {(e.code, e.field)}
    else:
        got = {(e.code, e.field) for e in kcsp.validate(rule, pythonic(inp), **ctx)}
    want = {(e["code"], e["field"]) for e in case.get("errors", [])}
    return None if got == want else f"expected errors {sorted(want)}, got {sorted(got)}"


def judge(rule: str, case: dict[str, Any]) -> str | None:
    """None when the case passes, else why not."""
    if rule not in RULES:
        return f"unknown rule {rule!r}"
    keys = RULES[rule]
    inp = case.get("input")
    if not isinstance(inp, dict):
        return "case has no input object"
    inp = dict(inp)
    try:
        ctx = context(inp.pop("partnership", None), inp.pop("calendar", None))
    except kcsp.KcspError as e:
        ctx, early = {}, e
    else:
        early = None
    unknown = set(inp) - keys
    if unknown:
        return f"input keys not understood: {sorted(unknown)}"
    try:
        if early is not None:
            raise early
        result = plain(kcsp.evaluate(rule, pythonic(inp), **ctx).to_dict())
        error = None
    except kcsp.KcspError as e:
        result, error = None, e
    except (TypeError, KeyError) as e:
        return f"could not call: {type(e).__name__}: {e}"
    if "expect" in case:
        if error is not None:
            return f"expected a result, got {error.code} ({error.field}): {error.message}"
        for k, want in case["expect"].items():
            got = result.get(k) if isinstance(result, dict) else None
            if not equal(k, want, got):
                return f"{k}: expected {json.dumps(want)}, got {json.dumps(got)}"
        return None
    if "error" in case:
        if error is None:
            return f"expected error {case['error']}, got a result"
        return None if error.code == case["error"] else f"expected error {case['error']}, got {error.code} ({error.field})"
    return "a case needs expect or error"


PENDING: dict[str, dict[str, str]] = json.loads((ROOT / "tests" / "pending.json").read_text(encoding="utf-8"))["python"]


def pending(file: str, doc: dict[str, Any], case: dict[str, Any]) -> str | None:
    """Why a case is not run yet (tests/pending.json), or None."""
    for prefix, why in PENDING.get("files", {}).items():
        if file.startswith(prefix):
            return f"file {prefix}*, {why}"
    rule, mode = doc.get("rule", ""), doc.get("mode", "")
    if rule in PENDING["rules"]:
        return f"rule {rule}, {PENDING['rules'][rule]}"
    if mode in PENDING["modes"]:
        return f"mode {mode}, {PENDING['modes'][mode]}"
    inp = case.get("input")
    for k in inp if isinstance(inp, dict) else []:
        if k in PENDING["input_keys"]:
            return f"input key {k}, {PENDING['input_keys'][k]}"
    return None


def folders() -> list[Path]:
    env = os.environ.get("KCSP_VECTORS", "")
    return [Path(p) for p in env.split(":") if p] or [ROOT / "tests" / "vectors"]


def run() -> tuple[int, int, list[str]]:
    passed, failed, lines = 0, 0, []
    for folder in folders():
        if not folder.is_dir():
            lines.append(f"FAIL {folder}: not a folder")
            failed += 1
            continue
        for path in sorted(folder.glob("*.json")):
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as e:
                lines.append(f"FAIL {path.name}: {e}")
                failed += 1
                continue
            skipped = [w for w in (pending(path.name, doc, c) for c in doc.get("cases", [])) if w]
            if skipped:
                lines.append(f"pending {path.name}: {len(skipped)} case(s) not run ({'; '.join(sorted(set(skipped)))})")
            for case in doc.get("cases", []):
                if pending(path.name, doc, case):
                    continue
                if doc.get("mode") == "validate":
                    why = judge_validation(doc.get("rule", ""), case)
                else:
                    why = judge(doc.get("rule", ""), case)
                if why is None:
                    passed += 1
                else:
                    failed += 1
                    lines.append(f"FAIL {path.name}:{case.get('id', '?')}: {why}")
    return passed, failed, lines


def main() -> int:
    passed, failed, lines = run()
    for line in lines:
        print(line)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
