"""Terms as real partnerships write them, from Python: a decision with the
chair's casting vote (``for_``, as ``for`` is a Python keyword), a quorum of
several conditions, a rotating chair, notice in calendar days, and the new
codes with their public messages."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import kcsp

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"


@pytest.fixture(scope="module")
def southdown() -> kcsp.Partnership:
    doc = json.loads((VECTORS / "terms_decision.json").read_text())
    return kcsp.Partnership.from_json(json.dumps(doc["cases"][0]["input"]["partnership"]))


BOARD = ["southdown_cc", "southdown_dc", "southdown_police", "southdown_fire", "southdown_icb"]


def test_a_tie_is_decided_by_the_chairs_casting_vote(southdown: kcsp.Partnership) -> None:
    r = kcsp.decision(
        date(2023, 9, 13),
        BOARD,
        ["southdown_cc", "southdown_police"],
        ["southdown_dc", "southdown_fire"],
        body="board",
        casting_vote="against",
        partnership=southdown,
    )
    assert isinstance(r, kcsp.DecisionResult)
    assert (r.carried, r.votes_for, r.votes_against, r.tie, r.casting_vote_used) == (False, 2, 2, True, True)
    assert (r.voting, r.majority, r.required) == ("seats", "of_votes_cast", 3)
    assert r.quorum.quorate
    assert r.explanation.reason.startswith("Not carried on the chair's casting vote")
    assert r.to_dict()["quorum"]["conditions"] == [
        {"count": 5, "required": 4, "met": True},
        {"count": 1, "required": 1, "met": True},
    ]


def test_evaluate_takes_the_json_keys(southdown: kcsp.Partnership) -> None:
    r = kcsp.evaluate(
        "decision",
        {"body": "board", "date": "2023-09-13", "present": BOARD, "for": ["southdown_cc"], "against": []},
        partnership=southdown,
    )
    assert r.carried and r.required == 1


def test_new_codes_and_their_public_messages(southdown: kcsp.Partnership) -> None:
    with pytest.raises(kcsp.GovernanceError) as e:
        kcsp.decision(date(2023, 9, 13), BOARD, ["southdown_police"], ["southdown_police"], body="board", partnership=southdown)
    assert (e.value.code, e.value.field) == ("voted_both_ways", "against[0]")
    assert e.value.public_message.startswith("Each voter can vote either for or against, not both")
    with pytest.raises(kcsp.GovernanceError) as e:
        kcsp.decision(date(2023, 9, 13), ["kent_police"], ["kent_police"], [])
    assert e.value.code == "no_decision_rule"
    with pytest.raises(kcsp.GovernanceError) as e:
        kcsp.tor_review([date(2023, 5, 18)], date(2024, 2, 15), body="joint_committee", partnership=southdown)
    assert e.value.code == "no_review_rule"
    assert "do not say when they are reviewed" in e.value.public_message
    errors = kcsp.validate("decision", {"date": "2023-09-13", "present": BOARD, "for": ["southdown_polise"], "against": []}, partnership=southdown)
    assert [(x.code, x.field) for x in errors] == [("unknown_organisation", "for[0]")]


def test_quorum_conditions_rotation_and_calendar_days(southdown: kcsp.Partnership) -> None:
    q = kcsp.quorum(
        "joint_committee", date(2024, 2, 15), ["southdown_dc"] * 5 + ["harbourside_bc"], partnership=southdown
    )
    assert not q.quorate
    assert [(c.count, c.required, c.met) for c in q.conditions] == [(6, 6, True), (5, 2, True), (1, 2, False)]
    t = kcsp.chair_term("board", date(2026, 7, 1), partnership=southdown)
    assert (t.holder, t.term_started, t.next_due, t.last_elected) == ("southdown_cc", date(2026, 6, 1), date(2027, 6, 1), None)
    p = kcsp.papers_deadline(date(2024, 1, 11), body="joint_committee", circulated=date(2024, 1, 1), partnership=southdown)
    assert (p.latest_circulation, p.clear_days, p.clear_working_days, p.working_days) == (date(2023, 12, 31), 9, None, False)


def test_a_batch_of_motions(southdown: kcsp.Partnership) -> None:
    motions = pd.DataFrame(
        {
            "date": ["2023-09-13", "2023-09-13"],
            "present": [BOARD, BOARD],
            "for": [["southdown_cc", "southdown_police", "southdown_fire"], ["southdown_cc"]],
            "against": [["southdown_dc"], ["southdown_police", "southdown_fire"]],
        },
        index=["motion 4", "motion 5"],
    )
    t = kcsp.decision_batch(motions, body="board", partnership=southdown).to_pandas()
    assert t["carried"].tolist() == [True, False]
    assert t["votes_against"].tolist() == [1, 2]


def test_messages_name_the_field_and_the_part_of_a_date() -> None:
    errors = kcsp.validate(
        "papers_deadline",
        {"meeting": "2022-07-", "circulated": "2022-02-30"},
        labels={"meeting": "Date of the meeting"},
    )
    assert [e.public_message for e in errors] == [
        "Date of the meeting must include a day",
        "Circulated must be a real date – check the day",
    ]
    # Another language's catalogue (a test one: no machine translation ships).
    test = (Path(__file__).resolve().parents[2] / "tests" / "errors" / "messages.x-test.json").read_text()
    errors = kcsp.validate("papers_deadline", {"meeting": "2022-07-"}, labels={"meeting": "Date of the meeting"}, messages=test)
    assert [e.public_message for e in errors] == ["TEST Date of the meeting: missing day"]
    # Organisation names, not ids, in the public message.
    with pytest.raises(kcsp.GovernanceError) as e:
        kcsp.quorum("kcsp", date(2022, 7, 14), ["kent_and_medway_ccg"])
    assert e.value.public_message == "Choose an organisation that existed on the meeting date – NHS Kent and Medway Clinical Commissioning Group did not"
