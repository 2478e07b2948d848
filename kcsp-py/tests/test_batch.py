"""Batch functions: the same answers as single calls, as DataFrame-ready columns."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

import kcsp

ORGS = ["kent_police", "kent_county_council", "office_of_the_pcc", "nhs_kent_and_medway", "kent_fire_and_rescue",
        "probation_service", "district_borough_councils", "violence_reduction_unit", "guest"]


def register(n_meetings: int, seed: int = 7) -> tuple[list[object], list[date], list[str]]:
    rng = random.Random(seed)
    ids: list[object] = []
    dates: list[date] = []
    orgs: list[str] = []
    for m in range(n_meetings):
        d = date(2023, 1, 2) + timedelta(days=7 * m)
        for o in rng.sample(ORGS, rng.randint(1, 8)):
            ids.append(f"m{m}" if m % 2 else m)
            dates.append(d)
            orgs.append(o)
    order = list(range(len(ids)))
    rng.shuffle(order)
    return [ids[i] for i in order], [dates[i] for i in order], [orgs[i] for i in order]


def test_quorum_batch_matches_single_calls() -> None:
    ids, dates, orgs = register(60)
    out = kcsp.quorum_batch(meeting_id=ids, date=dates, organisation=orgs)
    assert set(out) == {"meeting_id", "date", "quorate", "count", "required", "represented", "missing", "reason"}
    n = len(out["meeting_id"])
    assert n == 60 and all(len(col) == n for col in out.values())
    for k in range(n):
        mid = out["meeting_id"][k]
        present = [o for i, o in zip(ids, orgs) if i == mid]
        single = kcsp.quorum("kcsp", out["date"][k], present)
        assert (out["quorate"][k], out["count"][k]) == (single.quorate, single.count)
        assert tuple(out["represented"][k]) == single.represented
        assert tuple(out["missing"][k]) == single.missing
    # meeting ids come back as the objects given (int stays int)
    assert any(isinstance(m, int) for m in out["meeting_id"])


def test_rows_as_tuples_or_dicts() -> None:
    d = date(2022, 7, 14)
    four = ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"]
    a = kcsp.quorum_batch([("x", d, o) for o in four])
    b = kcsp.quorum_batch([{"meeting_id": "x", "date": d, "organisation": o} for o in four])
    assert a == b
    assert a["quorate"] == [True]


def test_batch_errors_name_the_row() -> None:
    d = date(2023, 7, 12)
    with pytest.raises(kcsp.GovernanceError) as e:
        kcsp.quorum_batch([("a", d, "kent_police"), ("a", d, "kent_and_medway_ccg")])
    assert (e.value.code, e.value.field) == ("organisation_not_current", "rows[1].organisation")
    with pytest.raises(kcsp.InputError) as e2:
        kcsp.quorum_batch([("a", d, "kent_police"), ("a", date(2023, 7, 13), "kent_police")])
    assert e2.value.field == "rows[1].date"
    with pytest.raises(TypeError):
        kcsp.quorum_batch([("a", d, 5)])
    with pytest.raises(ValueError):
        kcsp.quorum_batch(meeting_id=["a"], date=[d, d], organisation=["kent_police"])
    with pytest.raises(kcsp.InputError):
        kcsp.quorum_batch([("a", "2023-02-30", "kent_police")])


def test_papers_batch() -> None:
    out = kcsp.papers_batch(
        [("a", date(2022, 7, 14), date(2022, 7, 6)), ("b", date(2023, 4, 13), date(2023, 4, 5)), ("c", "2023-03-16", None)]
    )
    assert out["compliant"] == [True, False, None]
    assert out["clear_working_days"] == [5, 3, None]
    assert out["latest_circulation"][2] == date(2023, 3, 8)
    with pytest.raises(kcsp.GovernanceError) as e:
        kcsp.papers_batch([("a", date(2022, 7, 14), date(2022, 7, 15))])
    assert e.value.field == "rows[0].circulated"


def test_ledger_batch() -> None:
    out = kcsp.ledger_batch(
        [
            {"year": "2021/22", "allocation": 39661, "tactical_open": False,
             "projects": [{"name": "A", "round": "upfront", "amount": "22941.60", "decision": "approved", "spent": "22941.60"}]},
            {"year": "2023/24", "allocation": "39661",
             "projects": [{"name": "B", "round": "upfront", "amount": "27240", "decision": "pending"}]},
        ]
    )
    assert out["underspend"] == [Decimal("16719.40"), Decimal("39661.00")]
    assert out["warnings"] == [[], ["upfront_requests_exceed_pot"]]
    with pytest.raises(kcsp.GrantError) as e:
        kcsp.ledger_batch([{"year": "2022/23", "allocation": "1", "projects": []}, {"year": "2022/23", "allocation": "-1"}])
    assert e.value.field == "ledgers[1].allocation"


def test_columns_drop_into_pandas() -> None:
    pd = pytest.importorskip("pandas")
    ids, dates, orgs = register(10)
    df = pd.DataFrame(kcsp.quorum_batch(meeting_id=ids, date=dates, organisation=orgs))
    assert list(df.columns[:3]) == ["meeting_id", "date", "quorate"]
    assert len(df) == 10
    assert df["count"].dtype.kind == "i"


def test_cadence_and_action_plan_from_csv_exports() -> None:
    import pandas as pd

    root = Path(__file__).resolve().parents[2] / "examples" / "data"
    meetings = pd.read_csv(root / "kcsp_meetings.csv", dtype=str)
    table = pd.DataFrame(kcsp.cadence_register(meetings["body"], meetings["date"]))
    got = {(r.body, r.year): (r.meetings, r.compliant) for r in table.itertuples()}
    # 2022/23: three KCSP meetings; 2023/24: two; the Working Group met before the
    # KCSP of 12 July 2023 but not before that of 14 March 2024.
    assert got[("kcsp", "2022/23")] == (3, True)
    assert got[("kcsp", "2023/24")] == (2, False)
    wg = table[(table.body == "working_group") & (table.year == "2023/24")].iloc[0]
    assert [str(d) for d in wg.unprepared] == ["2024-03-14"]
    # A body the partnership does not know keeps its row, with the error.
    odd = kcsp.cadence_register(["kcsp", "cabinet"], ["2022-07-14", "2022-07-14"])
    assert (odd["body"], odd["error_code"]) == (["cabinet", "kcsp"], ["unknown_body", None])

    plan = pd.read_csv(root / "csa_action_plan.csv", dtype=str)
    p = kcsp.action_plan(date(2023, 4, 15), plan.to_dict("records"))
    assert (p["total"], p["complete"], p["percent_complete"], p["overdue"], p["rag"]) == (9, 6, "66.67", ["8.2"], "red")
