"""The JSON Schema of a partnership definition, shipped in the package, read
by an independent validator (``jsonschema``): every definition the project
holds follows it, and every ``invalid_partnership`` vector whose definition
is wrong in shape is refused by it. What a schema cannot say (an id that
refers to another, an id repeated, a fraction above 1) is left to kcsp's own
checks, and those vectors are listed here with the reason."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import pytest

import kcsp

ROOT = Path(__file__).resolve().parents[2]

# Definitions wrong in a way a schema cannot express: kcsp refuses them.
NOT_SHAPE = {
    "sv-body-twice": "a body id repeated",
    "sv-participant-unlisted": "a participant the definition does not list",
    "holder-not-listed": "a seat holder the definition does not list",
    "invalid-rotating-unknown-organisation": "a rotation naming an organisation the definition does not list",
    "invalid-fraction-over-one": "a fraction above 1 (numerator greater than denominator)",
    "invalid-among-organisation-for-seats": "counting seats, `among` names an organisation, not a seat",
    "invalid-among-unknown-organisation": "`among` names an organisation the definition does not list",
}


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(files("kcsp").joinpath("partnership.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def vector_definitions() -> Iterator[tuple[str, dict[str, Any], bool]]:
    for path in sorted((ROOT / "tests" / "vectors").glob("*.json")):
        for case in json.loads(path.read_text()).get("cases", []):
            inp = case.get("input")
            if isinstance(inp, dict) and isinstance(inp.get("partnership"), dict):
                yield f"{path.name}:{case['id']}", inp["partnership"], case.get("error") == "invalid_partnership"


def test_the_shipped_schema_is_the_cores() -> None:
    shipped = (ROOT / "kcsp-core" / "schema" / "partnership.schema.json").read_text()
    assert files("kcsp").joinpath("partnership.schema.json").read_text() == shipped


def test_every_definition_held_follows_the_schema(validator: jsonschema.Draft202012Validator) -> None:
    held = [json.loads((ROOT / "kcsp-core" / "data" / "kent.json").read_text())["partnership"]]
    examples = [json.loads(p.read_text()) for p in sorted((ROOT / "examples" / "data").glob("*.json"))]
    held += [doc for doc in examples if "bodies" in doc]
    valid = [d for _, d, bad in vector_definitions() if not bad]
    assert len(held) >= 3 and len(valid) > 50
    for definition in held + valid:
        errors = [e.message for e in validator.iter_errors(definition)]
        assert errors == [], (definition.get("name"), errors[:3])
        # kcsp reads every one of them too.
        kcsp.Partnership.from_json(json.dumps(definition))


def test_definitions_wrong_in_shape_are_refused(validator: jsonschema.Draft202012Validator) -> None:
    refused, left = 0, []
    for name, definition, bad in vector_definitions():
        if not bad:
            continue
        case_id = name.split(":", 1)[1]
        if validator.is_valid(definition):
            left.append(case_id)
        else:
            refused += 1
        with pytest.raises(kcsp.KcspError) as e:
            kcsp.Partnership.from_json(json.dumps(definition))
        assert e.value.code == "invalid_partnership"
    assert sorted(left) == sorted(NOT_SHAPE), "refused by kcsp, accepted by the schema"
    assert refused >= 10


def test_a_dollar_schema_key_is_kept() -> None:
    doc = json.loads((ROOT / "examples" / "data" / "northshire.json").read_text())
    doc["$schema"] = "./partnership.schema.json"
    p = kcsp.Partnership.from_json(json.dumps(doc))
    assert json.loads(p.to_json())["$schema"] == "./partnership.schema.json"
