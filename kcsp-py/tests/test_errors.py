"""Errors: every code of FORMAT.md is reachable from Python, with the right
subclass, code and field; no Rust panic reaches Python."""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

import pytest

import kcsp

D = date(2023, 11, 16)
FIVE = ["kent_county_council", "kent_police", "office_of_the_pcc", "kent_fire_and_rescue", "probation_service"]


def ledger(projects: list[dict[str, Any]], year: str = "2022/23", open_: bool = True) -> Callable[[], object]:
    return lambda: kcsp.grant_ledger(year, "39661", projects, tactical_open=open_)


def p(name: str = "A", round_: str = "upfront", amount: str = "100", decision: str = "approved", **kw: str) -> dict[str, Any]:
    return {"name": name, "round": round_, "amount": amount, "decision": decision, **kw}


CASES: list[tuple[str, str, type, Callable[[], object]]] = [
    ("unknown_body", "body", kcsp.GovernanceError, lambda: kcsp.quorum("cabinet", D, [])),
    ("unknown_organisation", "present[0]", kcsp.GovernanceError, lambda: kcsp.quorum("kcsp", D, ["kent_polise"])),
    ("organisation_not_current", "present[0]", kcsp.GovernanceError, lambda: kcsp.quorum("kcsp", D, ["kent_and_medway_ccg"])),
    ("invalid_date", "date", kcsp.InputError, lambda: kcsp.quorum("kcsp", "2023-02-29", [])),
    ("unknown_office", "office", kcsp.GovernanceError, lambda: kcsp.chair_removal(D, "mayor", FIVE, [])),
    ("inquorate_meeting", "present", kcsp.GovernanceError, lambda: kcsp.chair_removal(D, "chair", FIVE[:3], [])),
    ("vote_without_seat", "votes_for[0]", kcsp.GovernanceError, lambda: kcsp.chair_removal(D, "chair", FIVE + ["guest"], ["guest"])),
    ("voter_not_present", "votes_for[0]", kcsp.GovernanceError, lambda: kcsp.chair_removal(D, "chair", FIVE, ["district_borough_councils"])),
    ("duplicate_vote", "votes_for[1]", kcsp.GovernanceError, lambda: kcsp.chair_removal(D, "chair", FIVE, ["kent_police", "kent_police"])),
    ("circulated_after_meeting", "circulated", kcsp.GovernanceError, lambda: kcsp.papers_deadline(D, circulated=date(2023, 11, 17))),
    ("no_approvals", "approvals", kcsp.GovernanceError, lambda: kcsp.tor_review([], D)),
    ("approval_after_as_of", "approvals[0]", kcsp.GovernanceError, lambda: kcsp.tor_review([date(2024, 1, 1)], D)),
    ("no_fixed_term", "body", kcsp.GovernanceError, lambda: kcsp.chair_term("kcsp", D, elected=[D])),
    ("invalid_amount", "allocation", kcsp.GrantError, lambda: kcsp.grant_split("lots")),
    ("negative_amount", "allocation", kcsp.GrantError, lambda: kcsp.grant_split("-1")),
    ("too_many_decimal_places", "allocation", kcsp.GrantError, lambda: kcsp.grant_split("10.005")),
    ("grant_exceeds_cost", "grant", kcsp.GrantError, lambda: kcsp.match_funding(6000, 5000)),
    ("invalid_financial_year", "year", kcsp.GrantError, lambda: kcsp.grant_ledger("2022/24", 1, [])),
    ("duplicate_project", "projects[1].name", kcsp.GrantError, ledger([p(), p()])),
    ("invalid_decision", "projects[0].decision", kcsp.GrantError, ledger([p(decision="maybe")])),
    ("invalid_round", "projects[0].round", kcsp.GrantError, ledger([p(round_="later")])),
    ("spend_on_unapproved_project", "projects[0].spent", kcsp.GrantError, ledger([p(decision="rejected", spent="1")])),
    ("upfront_approvals_exceed_pot", "projects", kcsp.GrantError, ledger([p(amount="26441")])),
    ("tactical_approvals_exceed_available", "projects", kcsp.GrantError, ledger([p(round_="tactical", amount="39661.01")])),
    ("tactical_pot_closed", "projects[0].decision", kcsp.GrantError, ledger([p(round_="tactical")], "2021/22", False)),
    ("as_of_before_notified", "as_of", kcsp.DhrError, lambda: kcsp.dhr_deadlines(D, date(2023, 11, 15))),
    ("decision_without_date", "decided", kcsp.DhrError, lambda: kcsp.dhr_deadlines(D, D, decision="commission")),
    ("decided_before_notified", "decided", kcsp.DhrError, lambda: kcsp.dhr_deadlines(D, D, decided=date(2023, 11, 1), decision="commission")),
    ("submitted_before_decision", "submitted", kcsp.DhrError,
     lambda: kcsp.dhr_deadlines(D, date(2024, 1, 1), decided=date(2023, 12, 1), decision="commission", submitted=date(2023, 11, 20))),
    ("submitted_without_commission", "submitted", kcsp.DhrError, lambda: kcsp.dhr_deadlines(D, date(2024, 1, 1), submitted=date(2023, 12, 1))),
    ("event_after_as_of", "decided", kcsp.DhrError, lambda: kcsp.dhr_deadlines(D, D, decided=date(2023, 12, 1), decision="commission")),
    ("invalid_transition", "events[1]", kcsp.DhrError, lambda: kcsp.dhr_transition(["notified", "published"])),
    ("unknown_stage", "events[0]", kcsp.DhrError, lambda: kcsp.dhr_transition(["drafted"])),
    ("invalid_input", "colour", kcsp.InputError, lambda: kcsp.evaluate("working_day", {"date": "2023-01-01", "colour": 1})),
]


@pytest.mark.parametrize("code,field,cls,call", CASES, ids=[c[0] for c in CASES])
def test_code_is_reachable(code: str, field: str, cls: type, call: Callable[[], object]) -> None:
    with pytest.raises(kcsp.KcspError) as info:
        call()
    e = info.value
    assert (e.code, e.field) == (code, field)
    assert isinstance(e, cls) and isinstance(e, ValueError)
    assert e.message and code in str(e)
    assert kcsp.ERROR_CODES[code]


def test_details_carry_the_value_and_allowed() -> None:
    with pytest.raises(kcsp.DhrError) as info:
        kcsp.dhr_transition(["notified", "commissioned", "home_office_informed", "chair_appointed", "submitted", "published"])
    assert info.value.details["allowed"] == "qa_returned, qa_approved"
    assert info.value.details["to"] == "published"


def test_every_format_code_is_covered_here() -> None:
    format_codes = {
        "unknown_body", "unknown_organisation", "organisation_not_current", "invalid_date", "unknown_office",
        "inquorate_meeting", "vote_without_seat", "voter_not_present", "duplicate_vote", "circulated_after_meeting",
        "no_approvals", "approval_after_as_of", "no_fixed_term", "invalid_amount", "negative_amount",
        "too_many_decimal_places", "grant_exceeds_cost", "invalid_financial_year", "duplicate_project",
        "invalid_decision", "invalid_round", "spend_on_unapproved_project", "upfront_approvals_exceed_pot",
        "tactical_approvals_exceed_available", "tactical_pot_closed", "as_of_before_notified",
        "decision_without_date", "decided_before_notified", "submitted_before_decision",
        "submitted_without_commission", "event_after_as_of", "invalid_transition",
    }
    assert format_codes <= {c[0] for c in CASES}
    assert format_codes <= set(kcsp.ERROR_CODES)


@pytest.mark.parametrize(
    "call",
    [
        lambda: kcsp.evaluate("quorum", {"body": "kcsp", "date": "2022-07-14", "present": ["x" * 1_000_000]}),
        lambda: kcsp.evaluate("quorum", {"body": "\u0000" * 10, "date": "2022-07-14", "present": []}),
        lambda: kcsp.evaluate("grant_split", {"allocation": "9" * 100_000}),
        lambda: kcsp.evaluate("papers_deadline", {"meeting": "9999-12-31"}),
        lambda: kcsp.evaluate("papers_deadline", {"meeting": "0001-01-01"}),
        lambda: kcsp.evaluate("nope", {}),
        lambda: kcsp._kcsp.evaluate("quorum", "{not json"),
        lambda: kcsp.evaluate("quorum", {"body": "kcsp", "date": object(), "present": []}),
    ],
)
def test_hostile_inputs_raise_kcsp_errors(call: Callable[[], object]) -> None:
    with pytest.raises(kcsp.KcspError) as info:
        call()
    assert not isinstance(info.value, kcsp.InternalError)
    # the module keeps working afterwards
    assert kcsp.working_day(date(2024, 7, 4)).working_day


def test_dates_past_9999_are_out_of_range() -> None:
    with pytest.raises(kcsp.InputError) as e:
        kcsp.dhr_deadlines(date(9999, 12, 31), date(9999, 12, 31))
    assert (e.value.code, e.value.field) == ("date_out_of_range", "notified")
