"""Another partnership, another calendar, form validation and receipts, from
Python: the same answers as the core gives, through the package's objects."""

from __future__ import annotations

import json
from datetime import date

import pytest

import kcsp

NORTHSHIRE = {
    "name": "Northshire CSP",
    "organisations": [
        {"id": "n_police", "name": "Police"},
        {"id": "n_council", "name": "Council"},
        {"id": "n_ccg", "name": "CCG", "to": "2022-06-30"},
    ],
    "bodies": [
        {
            "id": "board",
            "name": "Board",
            "seats": [
                {"id": "police", "name": "Police", "holders": [{"organisation": "n_police"}]},
                {"id": "council", "name": "Council", "holders": [{"organisation": "n_council"}]},
                {"id": "health", "name": "Health", "holders": [{"organisation": "n_ccg", "to": "2022-06-30"}]},
            ],
            "terms": [
                {
                    "quorum": {"basis": "seats", "required": 2},
                    "chair": {"kind": "elected", "term_months": 12},
                    "papers": {"working_days": 3},
                    "review": {"interval_months": 12},
                }
            ],
        }
    ],
}


def test_another_partnership() -> None:
    p = kcsp.Partnership.from_json(json.dumps(NORTHSHIRE))
    assert p.name == "Northshire CSP"
    assert [b[0] for b in p.bodies()] == ["board"]
    assert [s[0] for s in p.seats("board", date(2023, 1, 1))] == ["police", "council"]
    assert p.seats("board", date(2022, 6, 30))[2] == ("health", "Health", "n_ccg")
    q = kcsp.quorum("board", date(2023, 1, 1), ["n_police", "n_council"], partnership=p)
    assert (q.quorate, q.count, q.required) == (True, 2, 2)
    assert q.explanation.citations[0].document == "Northshire CSP"
    with pytest.raises(kcsp.GovernanceError) as e:
        kcsp.quorum("board", date(2023, 1, 1), ["n_ccg"], partnership=p)
    assert (e.value.code, e.value.field) == ("organisation_not_current", "present[0]")
    assert e.value.public_message.startswith("Choose an organisation that existed")
    # Kent's own ids mean nothing there.
    with pytest.raises(kcsp.GovernanceError):
        kcsp.quorum("kcsp", date(2023, 1, 1), [], partnership=p)
    assert "kent_police" in [o[0] for o in kcsp.Partnership.kent().organisations()]


def test_a_bad_definition_is_a_kcsp_error_with_the_field() -> None:
    bad = json.loads(json.dumps(NORTHSHIRE))
    bad["bodies"][0]["seats"][0]["holders"][0]["organisation"] = "n_polise"
    with pytest.raises(kcsp.GovernanceError) as e:
        kcsp.Partnership.from_json(json.dumps(bad))
    assert (e.value.code, e.value.field) == ("invalid_partnership", "bodies[0].seats[0].holders[0].organisation")


def test_another_calendar() -> None:
    cal = kcsp.Calendar().add(date(2027, 6, 4), "A proclaimed day")
    assert not kcsp.working_day(date(2027, 6, 4), calendar=cal).working_day
    assert kcsp.working_day(date(2027, 6, 4)).working_day
    assert kcsp.working_day(date(2026, 12, 28), calendar=kcsp.Calendar().remove(date(2026, 12, 28))).working_day
    govuk = {"england-and-wales": {"division": "england-and-wales", "events": [
        {"title": "New Year's Day", "date": "2031-01-01", "notes": "", "bunting": True}]}}
    g = kcsp.Calendar.govuk_json(json.dumps(govuk))
    assert g.bank_holidays(2031) == [(date(2031, 1, 1), "New Year's Day")]
    assert "GOV.UK" in g.source()
    w = kcsp.working_day(date(2031, 12, 25), calendar=g)
    assert w.working_day and w.explanation.calendar is not None
    with pytest.raises(kcsp.CalendarError) as e:
        kcsp.Calendar.from_json('{"add": ["2026-13-01"]}')
    assert (e.value.code, e.value.field) == ("invalid_calendar", "add[0]")


def test_validation_gives_every_error_with_its_public_message() -> None:
    errors = kcsp.validate("papers_deadline", {"meeting": "14/07/2022", "circulated": "2022-07-32"})
    assert sorted((e.code, e.field) for e in errors) == [("invalid_date", "circulated"), ("invalid_date", "meeting")]
    assert all(isinstance(e, kcsp.InputError) for e in errors)
    assert {e.field: e.public_message for e in errors} == {
        "meeting": "Meeting must be a real date, for example 14 7 2022",
        "circulated": "Circulated must be a real date – check the day",
    }
    assert kcsp.validate("working_day", {"date": "2022-07-14"}) == []
    with pytest.raises(kcsp.InputError):
        kcsp.validate("nope", {})


def test_receipts() -> None:
    meeting = {"body": "kcsp", "date": "2022-07-14", "present": ["kent_police"]}
    r = kcsp.receipt("quorum", meeting)
    assert r["context_hash"].startswith("sha256:")
    assert kcsp.verify(r)["holds"] is True
    other = kcsp.Partnership.from_json(json.dumps(NORTHSHIRE))
    assert kcsp.verify(r, partnership=other)["holds"] is False
