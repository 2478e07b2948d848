"""The error catalogue, Python side: each case of tests/errors/catalogue.json
fails with the same code and field as in Rust and JavaScript, raised as the
``KcspError`` subclass of its family."""

from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest

import kcsp

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES: list[dict[str, Any]] = json.loads((ROOT / "tests" / "errors" / "catalogue.json").read_text())["cases"]
FAMILY = {
    "input": kcsp.InputError,
    "calendar": kcsp.CalendarError,
    "governance": kcsp.GovernanceError,
    "grant": kcsp.GrantError,
    "dhr": kcsp.DhrError,
}


@pytest.mark.parametrize("case", CASES, ids=[c["code"] for c in CASES])
def test_same_input_same_code(case: dict[str, Any]) -> None:
    code = case["code"]
    family = kcsp.ERROR_CODES[code]
    if "rust" in case:
        # Another partnership's definition or a GOV.UK file: the package
        # carries only the Kent data, so the code cannot arise here; it is
        # still listed, in the same family.
        assert family in FAMILY
        return
    with pytest.raises(kcsp.KcspError) as info:
        kcsp.evaluate(case["rule"], case["input"])
    assert (info.value.code, info.value.field) == (code, case["field"])
    assert type(info.value) is FAMILY[family]


def test_the_package_lists_exactly_the_catalogue_codes() -> None:
    assert sorted(kcsp.ERROR_CODES) == sorted(c["code"] for c in CASES)
