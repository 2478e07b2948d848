"""The Pythonic API: types in and out, results, explanations, errors."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

import kcsp
from kcsp import Ledger, QuorumResult

SEVEN = [
    "kent_county_council",
    "kent_police",
    "office_of_the_pcc",
    "district_borough_councils",
    "kent_fire_and_rescue",
    "nhs_kent_and_medway",
    "probation_service",
]


def test_quorum_types_and_explanation() -> None:
    q = kcsp.quorum("kcsp", date(2022, 11, 17), ["kent_police", "kent_police", "kent_county_council", "guest"])
    assert isinstance(q, QuorumResult)
    assert q.date == date(2022, 11, 17)
    assert (q.quorate, q.count, q.required) == (False, 2, 4)
    assert q.represented == ["kent_county_council", "kent_police"]
    assert q.not_counted == ["guest"]
    assert "Not quorate" in q.explanation.reason
    assert q.explanation.citations[0].section == "§7 Meetings"
    assert "Terms of Reference" in q.explanation.citations[0].document
    # readable repr without the long explanation; frozen
    assert repr(q).startswith("QuorumResult(body='kcsp'")
    assert "explanation" not in repr(q)
    with pytest.raises(AttributeError):
        q.quorate = True  # type: ignore[misc]
    d = q.to_dict()
    assert d["count"] == 2 and d["explanation"]["rule"] == "quorum"
    assert d["date"] == date(2022, 11, 17)
    # the same decision compares equal; another does not
    assert q == kcsp.quorum("kcsp", "2022-11-17", ["kent_police", "kent_county_council", "guest"])
    assert q != kcsp.quorum("kcsp", "2022-11-17", ["kent_police"])
    assert type(q).__module__ == "kcsp"


def test_iso_strings_are_accepted_for_dates() -> None:
    assert kcsp.quorum("kcsp", "2022-07-14", SEVEN).count == 7


def test_chair_removal_counts_against_all_seats() -> None:
    r = kcsp.chair_removal(date(2023, 11, 16), "chair", SEVEN[:5], ["kent_police", "office_of_the_pcc", "kent_county_council"])
    assert (r.removed, r.votes_for, r.required, r.seats) == (False, 3, 4, 7)
    assert r.quorum.quorate


def test_papers_and_working_days() -> None:
    p = kcsp.papers_deadline(date(2023, 4, 13), circulated=date(2023, 4, 5))
    assert p.latest_circulation == date(2023, 4, 3)
    assert (p.clear_working_days, p.compliant) == (3, False)
    assert kcsp.papers_deadline(date(2023, 3, 16)).compliant is None
    assert not kcsp.working_day(date(2022, 9, 19)).working_day
    assert kcsp.working_day(date(2022, 5, 30)).working_day
    w = kcsp.working_day(date(2023, 5, 8))
    assert w.holiday is not None and "coronation" in w.holiday


def test_reviews_and_terms() -> None:
    r = kcsp.tor_review([date(2022, 7, 14), date(2024, 7, 4)], date(2024, 11, 21))
    assert (r.next_due, r.days_until_due, r.overdue) == (date(2025, 7, 4), 225, False)
    t = kcsp.chair_term("working_group", date(2024, 4, 29), elected=[date(2022, 4, 25)])
    assert (t.next_due, t.overdue, t.days_until_due) == (date(2024, 4, 25), True, -4)


def test_money_is_decimal_in_and_out() -> None:
    s = kcsp.grant_split(Decimal("39661"))
    assert (s.upfront, s.tactical) == (Decimal("26440.00"), Decimal("13221.00"))
    assert kcsp.grant_split("100.50").tactical == Decimal("33.50")
    assert kcsp.grant_split(39661).upfront == Decimal("26440")
    m = kcsp.match_funding(Decimal("10000"), 60000)
    assert m.grant_share_percent == Decimal("16.67")
    assert m.other_funding == Decimal("50000")


@pytest.mark.parametrize("bad", [39661.0, 0.1])
def test_floats_are_refused_for_money(bad: object) -> None:
    with pytest.raises(kcsp.GrantError) as e:
        kcsp.grant_split(bad)  # type: ignore[arg-type]
    assert (e.value.code, e.value.field) == ("invalid_amount", "allocation")
    assert "decimal" in e.value.message


@pytest.mark.parametrize("bad", [True, [1], object()])
def test_other_types_are_refused(bad: object) -> None:
    with pytest.raises(kcsp.KcspError) as e:
        kcsp.grant_split(bad)  # type: ignore[arg-type]
    assert e.value.field == "allocation"


def test_frame_values_are_accepted() -> None:
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    assert kcsp.working_day(pd.Timestamp("2023-05-08")).working_day is False
    assert kcsp.working_day(np.datetime64("2023-05-09")).working_day is True
    assert kcsp.grant_split(np.int64(39661)).upfront == Decimal("26440")
    assert kcsp.papers_deadline(date(2023, 4, 13), circulated=pd.NaT).compliant is None
    assert kcsp.papers_deadline(date(2023, 4, 13), circulated=float("nan")).compliant is None


def test_times_of_day_are_refused() -> None:
    with pytest.raises(kcsp.InputError) as e:
        kcsp.working_day(datetime(2023, 5, 8, 12, 0))
    assert (e.value.code, e.value.field) == ("invalid_date", "date")
    assert kcsp.working_day(datetime(2023, 5, 8)).working_day is False
    with pytest.raises(kcsp.InputError):
        kcsp.working_day(20230508)


def test_ledger_2022_23() -> None:
    projects = [
        {"name": "Best Bar None", "round": "upfront", "amount": Decimal("622.50"), "decision": "approved", "spent": "622.50"},
        {"name": "Bystander Approach Training", "round": "upfront", "amount": 5000, "decision": "rejected"},
        {"name": "Community Safety Conference", "round": "upfront", "amount": "5980", "decision": "approved", "spent": "4705"},
        {"name": "Trauma Awareness Project", "round": "upfront", "amount": "13000", "decision": "approved", "spent": "13000"},
        {"name": "Promotional Materials", "round": "upfront", "amount": "1837.50", "decision": "approved", "spent": "1837.50"},
        {"name": "Gaming and Online Awareness", "round": "tactical", "amount": "4600", "decision": "approved", "spent": "4600"},
        {"name": "Hateful Extremism CPD Event", "round": "tactical", "amount": "3000", "decision": "approved", "spent": "3000"},
    ]
    led = kcsp.grant_ledger("2022/23", Decimal("39661"), projects)
    assert isinstance(led, Ledger)
    assert led.tactical_available == Decimal("18221")
    assert led.tactical_remaining == Decimal("10621")
    assert led.spent == Decimal("27765")
    assert led.underspend == Decimal("11896")
    assert led.projects[0].amount == Decimal("622.50")
    assert led.warnings == []


def test_reconcile_reports_the_pound() -> None:
    r = kcsp.grant_reconciliation(
        "2021/22", 39661, [], stated_figures=[{"figure": "tactical_pot", "amount": "13220", "source": "WG 14 July 2022"}], tactical_open=False
    )
    assert not r.consistent
    (d,) = r.discrepancies
    assert (d.subject, d.difference, d.stated_is) == ("tactical_pot", Decimal("1.00"), "lower")


def test_tactical_access() -> None:
    a = kcsp.tactical_access("2021/22", date(2022, 3, 1), earlier_projects_complete=True, closed_from=date(2022, 2, 25))
    assert not a.open
    assert [g.code for g in a.shut] == ["closed"]
    assert kcsp.tactical_access("2024/25", date(2024, 9, 1), upfront_cases_decided=True).open


def test_dhr() -> None:
    d = kcsp.dhr_deadlines(
        date(2023, 1, 10),
        date(2023, 9, 1),
        decided=date(2023, 2, 1),
        decision="commission",
        extensions=[{"deadline": "report", "until": date(2024, 2, 1), "reason": "inquest"}],
    )
    assert (d.report_due_original, d.report_due, d.report_overdue) == (date(2023, 8, 1), date(2024, 2, 1), False)
    assert d.extensions[0].until == date(2024, 2, 1)
    t = kcsp.dhr_transition(["notified", "commissioned", "chair_appointed"])
    assert t.next_allowed == ["home_office_informed"]
    c = kcsp.dhr_case(
        {
            "reference": "Example 2023",
            "events": [
                {"date": date(2023, 1, 10), "stage": "notified"},
                {"date": date(2023, 2, 1), "stage": "commissioned"},
            ],
            "actions": [{"id": "1", "owner": "kent_police", "status": "open"}],
        },
        date(2023, 3, 1),
    )
    assert c.deadlines.report_due == date(2023, 8, 1)
    assert c.open_actions == 1
    p = kcsp.dhr_portfolio([["notified", "commissioned"], ["notified"]])
    assert (p.considered, p.commissioned) == (2, 1)
    assert p.by_stage == {"commissioned": 1, "notified": 1}


def test_evaluate_reaches_every_rule_of_the_registry() -> None:
    r = kcsp.evaluate("working_day", {"date": "2022-06-03"})
    assert isinstance(r, kcsp.WorkingDay) and r.working_day is False
    assert set(kcsp.rules()) >= {"quorum", "grant_ledger", "dhr_case", "meeting_cadence", "action_plan", "csa_priorities"}


def test_cadence_action_plan_and_csa() -> None:
    c = kcsp.meeting_cadence("kcsp", "2022/23", [date(2022, 7, 14), date(2022, 11, 17), date(2023, 3, 16)])
    assert (c.meetings, c.required, c.compliant) == (3, 3, True)
    wg = kcsp.meeting_cadence(
        "working_group", "2023/24", [date(2023, 4, 24)], other_meetings=[date(2023, 3, 16), date(2023, 7, 12), date(2023, 11, 16)]
    )
    assert wg.unprepared == [date(2023, 11, 16)]
    p = kcsp.action_plan(
        date(2023, 4, 1),
        [{"id": "9.3", "priority": "Multiple", "status": "in_progress", "timescale": "March 2023"}],
    )
    assert (p.rag, p.overdue) == ("red", ["9.3"])
    assert kcsp.csa_priorities(date(2019, 6, 1)).silent is True
    with pytest.raises(kcsp.InputError) as e:
        kcsp.action_plan(date(2023, 4, 1), [{"id": "1", "priority": "x", "status": "complete", "timescale": "Spring"}])
    assert (e.value.code, e.value.field) == ("invalid_timescale", "items[0].timescale")


def test_class_docs_read_as_python_docs() -> None:
    classes = [getattr(kcsp, name) for name in kcsp.__all__ if isinstance(getattr(kcsp, name), type)]
    documented = [c for c in classes if c.__doc__]
    assert len(documented) > 20
    for c in documented:
        for leftover in ("```", "kcsp_core::", "[`", "unwrap()"):
            assert leftover not in c.__doc__, (c.__name__, leftover)
    assert kcsp.Citation.__doc__.startswith("A clause of a source document")
