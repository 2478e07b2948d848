"""The context methods on the table of cases every language runs
(tests/contexts/cases.json): Partnership.seats, .organisations, .bodies,
.problems; Calendar.bank_holidays, .add, .remove."""

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


def _calendar(which: Any) -> kcsp.Calendar:
    if which == "england_and_wales":
        return kcsp.Calendar()
    return kcsp.Calendar.from_json(json.dumps(which))


def _holidays(c: kcsp.Calendar, year: int) -> list[str]:
    return [day.isoformat() for day, _name in c.bank_holidays(year)]


def _calendar_answer(c: kcsp.Calendar, method: str, args: dict[str, Any]) -> Any:
    if method == "bank_holidays":
        return _holidays(c, args["year"])
    year = int(args["date"][:4])
    if method == "add":
        return _holidays(c.add(args["date"], args.get("name")), year)
    if method == "remove":
        return _holidays(c.remove(args["date"]), year)
    raise AssertionError(method)


@pytest.mark.parametrize("case", TABLE["cases"], ids=[c["name"] for c in TABLE["cases"]])
def test_case(case: dict[str, Any]) -> None:
    def run() -> Any:
        if "calendar" in case:
            return _calendar_answer(_calendar(case["calendar"]), case["method"], case["args"])
        return _answer(_partnership(case["partnership"]), case["method"], case["args"])

    if "error" in case:
        with pytest.raises(kcsp.KcspError) as e:
            run()
        assert {"code": e.value.code, "field": e.value.field} == case["error"]
    else:
        assert run() == case["expect"]
