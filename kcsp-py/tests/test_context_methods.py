"""The context methods on the table of cases every language runs
(tests/contexts/cases.json): Partnership.seats, .organisations, .bodies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import kcsp

TABLE = json.loads((Path(__file__).resolve().parents[2] / "tests" / "contexts" / "cases.json").read_text())


def _partnership(which: str) -> kcsp.Partnership:
    if which == "kent":
        return kcsp.Partnership.kent()
    return kcsp.Partnership.from_json(json.dumps(TABLE["definitions"][which]))


def _answer(p: kcsp.Partnership, method: str, args: dict[str, Any]) -> Any:
    if method == "seats":
        return [[seat, holder] for seat, _name, holder in p.seats(args["body"], args["date"])]
    if method == "organisations":
        rows = p.organisations(args.get("date"), args.get("body"))
        return [row[0] for row in rows]
    if method == "problems":
        return [[e.code, e.field] for e in kcsp.Partnership.problems(args["text"])]
    if method == "bodies":
        return [body for body, _name in p.bodies()]
    raise AssertionError(method)


@pytest.mark.parametrize("case", TABLE["cases"], ids=[c["name"] for c in TABLE["cases"]])
def test_case(case: dict[str, Any]) -> None:
    p = _partnership(case["partnership"])
    if "error" in case:
        with pytest.raises(kcsp.KcspError) as e:
            _answer(p, case["method"], case["args"])
        assert {"code": e.value.code, "field": e.value.field} == case["error"]
    else:
        assert _answer(p, case["method"], case["args"]) == case["expect"]
