"""Batch functions over frames: the same answers as single calls, from
pandas, polars, pyarrow, dicts of columns and lists of rows; no row lost."""

from __future__ import annotations

import json
import random
import threading
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import kcsp

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
ORGS = ["kent_police", "kent_county_council", "office_of_the_pcc", "nhs_kent_and_medway", "kent_fire_and_rescue",
        "probation_service", "district_borough_councils", "violence_reduction_unit", "guest"]


def register(n_meetings: int, seed: int = 7) -> dict[str, list[Any]]:
    rng = random.Random(seed)
    rows: list[tuple[Any, date, str]] = []
    for m in range(n_meetings):
        d = date(2023, 1, 2) + timedelta(days=7 * m)
        for o in rng.sample(ORGS, rng.randint(1, 8)):
            rows.append((f"m{m}" if m % 2 else m, d, o))
    rng.shuffle(rows)
    return {"meeting_id": [r[0] for r in rows], "date": [r[1] for r in rows], "organisation": [r[2] for r in rows]}


def test_quorum_batch_matches_single_calls() -> None:
    reg = register(60)
    out = kcsp.quorum_batch(reg)
    assert isinstance(out, kcsp.Table) and out.num_rows == 60
    for k in range(60):
        mid = out["meeting_id"][k]
        present = [o for i, o in zip(reg["meeting_id"], reg["organisation"]) if str(i) == mid]
        single = kcsp.quorum("kcsp", out["date"][k], present)
        assert (out["quorate"][k], out["count"][k]) == (single.quorate, single.count)
        assert out["represented"][k] == single.represented
        assert out["missing"][k] == single.missing
        assert out["reason"][k] == single.explanation.reason
    assert out.errors == []


def test_rows_as_dicts_and_columns_agree() -> None:
    d = date(2022, 7, 14)
    four = ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"]
    a = kcsp.quorum_batch([{"meeting_id": "x", "date": d, "organisation": o} for o in four])
    b = kcsp.quorum_batch({"id": ["x"] * 4, "when": ["2022-07-14"] * 4, "org": four}, columns={"meeting_id": "id", "date": "when", "organisation": "org"})
    assert a["quorate"] == b["quorate"] == [True]


def test_no_row_is_lost() -> None:
    d = date(2023, 7, 12)
    rows = {
        "meeting_id": ["a", "a", "b", "c", None, "d"],
        "date": [d, d, "2023-02-30", d, d, d],
        "organisation": ["kent_police", "kent_and_medway_ccg", "kent_police", "kent_police", "kent_police", "kent_police"],
    }
    out = kcsp.quorum_batch(rows)
    assert out["meeting_id"] == ["a", "b", "c", None, "d"]
    assert out["error_code"] == ["organisation_not_current", "invalid_date", None, "invalid_input", None]
    assert out["error_field"][:2] == ["rows[1].organisation", "rows[2].date"]
    assert out["quorate"] == [None, None, False, None, False]
    assert [e["row"] for e in out.errors] == [0, 1, 3]
    with pytest.raises(kcsp.GovernanceError) as e:
        kcsp.quorum_batch(rows, errors="raise")
    assert (e.value.code, e.value.field) == ("organisation_not_current", "rows[1].organisation")
    with pytest.raises(kcsp.InputError):
        kcsp.quorum_batch({"meeting_id": ["a"], "date": [d, d], "organisation": ["kent_police"]})
    with pytest.raises(kcsp.InputError) as e2:
        kcsp.quorum_batch({"meeting_id": ["a"]})
    assert e2.value.field == "date"


def test_pandas_polars_and_pyarrow_frames_read_from_csv() -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    import pyarrow.csv as pacsv

    frames = [
        pd.read_csv(DATA / "attendance.csv", parse_dates=["date"]),
        pd.read_csv(DATA / "attendance.csv", dtype=str),
        pl.read_csv(DATA / "attendance.csv", try_parse_dates=True),
        pacsv.read_csv(DATA / "attendance.csv"),
    ]
    tables = [kcsp.quorum_batch(f) for f in frames]
    first = tables[0]
    assert first.num_rows == 10 and first.errors == []
    for t in tables[1:]:
        assert t["quorate"] == first["quorate"] and t["date"] == first["date"]
    # Both libraries take the table as it is; polars and pyarrow also read its Arrow stream.
    assert list(pd.DataFrame(first).columns[:3]) == ["body", "meeting_id", "date"]
    assert pl.DataFrame(first.arrow).schema["date"] == pl.Date
    assert pa.table(first).num_rows == 10
    assert pl.DataFrame(first)["count"].to_list() == first["count"]


def test_papers_batch() -> None:
    out = kcsp.papers_deadline_batch(
        {
            "meeting_id": ["a", "b", "c", "d"],
            "meeting": [date(2022, 7, 14), date(2023, 4, 13), "2023-03-16", date(2022, 7, 14)],
            "circulated": [date(2022, 7, 6), date(2023, 4, 5), None, date(2022, 7, 15)],
        }
    )
    assert out["compliant"] == [True, False, None, None]
    assert out["clear_working_days"] == [5, 3, None, None]
    assert out["latest_circulation"][2] == date(2023, 3, 8)
    assert (out["error_code"][3], out["error_field"][3]) == ("circulated_after_meeting", "rows[3].circulated")


def test_removal_batch_reads_lists_or_delimited_text() -> None:
    present = "kent_police;kent_county_council;office_of_the_pcc;kent_fire_and_rescue;probation_service"
    out = kcsp.chair_removal_batch(
        {
            "date": [date(2023, 11, 16), date(2023, 11, 16)],
            "office": ["chair", "deputy"],
            "present": [present, present.split(";")],
            "votes_for": ["kent_police, office_of_the_pcc", ["kent_police"]],
        }
    )
    assert (out["removed"][0], out["votes_for"][0], out["required"][0], out["seats"][0]) == (False, 2, 4, 7)
    assert (out["error_code"][1], out["error_field"][1]) == ("unknown_office", "rows[1].office")


def test_ledger_batch_from_project_rows() -> None:
    projects = [
        {"year": "2021/22", "allocation": 39661, "tactical_open": False,
         "name": "A", "round": "upfront", "amount": "22941.60", "decision": "approved", "spent": "22941.60"},
        {"year": "2023/24", "allocation": Decimal("39661"),
         "name": "B", "round": "upfront", "amount": "27240", "decision": "pending", "spent": None},
        {"year": "2022/23", "allocation": "39661",
         "name": "C", "round": "upfront", "amount": 1.5, "decision": "approved", "spent": None},
    ]
    out = kcsp.grant_ledger_batch(projects)
    assert out["year"] == ["2021/22", "2023/24", "2022/23"]
    assert out["underspend"][:2] == [Decimal("16719.40"), Decimal("39661.00")]
    assert [[w["code"] for w in json.loads(x)] for x in out["warnings"][:2]] == [[], ["upfront_requests_exceed_pot"]]
    assert (out["error_code"][2], out["error_field"][2]) == ("invalid_amount", "rows[2].amount")


def test_cadence_register_from_csv() -> None:
    pd = pytest.importorskip("pandas")
    table = pd.DataFrame(kcsp.meeting_cadence_batch(pd.read_csv(DATA / "kcsp_meetings.csv", parse_dates=["date"])))
    got = {(r.body, r.year): (r.meetings, r.compliant) for r in table.itertuples()}
    # 2022/23: three KCSP meetings; 2023/24: two; the Working Group met before the
    # KCSP of 12 July 2023 but not before that of 14 March 2024.
    assert got[("kcsp", "2022/23")] == (3, True)
    assert got[("kcsp", "2023/24")] == (2, False)
    wg = table[(table.body == "working_group") & (table.year == "2023/24")].iloc[0]
    assert wg.unprepared == [date(2024, 3, 14)]
    odd = kcsp.meeting_cadence_batch({"body": ["kcsp", "cabinet"], "date": ["2022-07-14", "2022-07-14"]})
    assert (odd["body"], odd["error_code"]) == (["kcsp", "cabinet"], [None, "unknown_body"])


def test_a_year_the_register_covers_in_part_says_so() -> None:
    pd = pytest.importorskip("pandas")
    reg = pd.read_csv(DATA / "kcsp_meetings.csv", parse_dates=["date"])
    # The register's sources run from June 2022 to July 2024.
    out = kcsp.meeting_cadence_batch(reg, covered_from=date(2022, 6, 1), covered_to=date(2024, 7, 31))
    got = {(b, y): (c, cov) for b, y, c, cov in zip(out["body"], out["year"], out["compliant"], out["coverage"])}
    # Three KCSP meetings from June keep 2022/23; 2023/24 is wholly covered and
    # not kept; one meeting by July 2024 of the three a year cannot tell yet.
    assert got[("kcsp", "2022/23")] == (True, "partial")
    assert got[("kcsp", "2023/24")] == (False, "full")
    assert got[("kcsp", "2024/25")] == (None, "partial")
    row = list(zip(out["body"], out["year"])).index(("kcsp", "2024/25"))
    assert out["reason"][row].startswith("Cannot tell yet")
    assert "covers only 1 April 2024 to 31 July 2024 of 2024/25" in out["reason"][row]
    # Without a window the same year reads as not kept.
    plain = kcsp.meeting_cadence_batch(reg)
    assert plain["compliant"][list(zip(plain["body"], plain["year"])).index(("kcsp", "2024/25"))] is False
    # A window that ends before it starts is an error of every row.
    bad = kcsp.meeting_cadence_batch(reg, covered_from=date(2024, 1, 1), covered_to=date(2023, 1, 1))
    assert {e["code"] for e in bad.errors} == {"invalid_input"}


def test_action_plan_from_a_csv_export() -> None:
    pd = pytest.importorskip("pandas")
    plan = pd.read_csv(DATA / "csa_action_plan.csv", dtype=str)
    p = kcsp.action_plan(date(2023, 4, 15), plan.to_dict("records"))
    assert (p.total, p.complete, p.percent_complete, p.overdue, p.rag) == (9, 6, Decimal("66.67"), ["8.2"], "red")


def test_batches_from_threads_give_the_same_answers() -> None:
    reg = register(400, seed=3)
    want = kcsp.quorum_batch(reg)["quorate"]
    got: list[list[Any]] = []
    threads = [threading.Thread(target=lambda: got.append(kcsp.quorum_batch(reg)["quorate"])) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [want] * 4


def test_float_amounts_in_an_arrow_frame_are_refused_per_row() -> None:
    pa = pytest.importorskip("pyarrow")
    projects = pa.table({"year": ["2022/23", "2023/24"], "name": ["A", "B"], "round": ["upfront", "upfront"],
                         "amount": [100.5, None], "decision": ["approved", "approved"]})
    out = kcsp.grant_ledger_batch(projects, allocation="39661")
    assert (out["error_code"][0], out["error_field"][0]) == ("invalid_amount", "rows[0].amount")
    # A missing amount is a missing required field of that row.
    assert (out["error_code"][1], out["error_field"][1]) == ("invalid_input", "rows[1].amount")


def test_chunked_arrow_columns_keep_the_frame_row_numbers() -> None:
    # A frame read in pieces (pandas and polars hand over several chunks):
    # errors in a later chunk name the row of the whole frame.
    import pyarrow as pa

    d = date(2023, 7, 12)
    four = ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"]
    first = pa.table({"meeting_id": ["a"] * 4, "date": pa.array([d] * 4, pa.date32()), "organisation": four})
    second = pa.table(
        {
            "meeting_id": ["b", "b", "c", "c"],
            "date": pa.array([d, d, d, None], pa.date32()),
            "organisation": ["kent_police", "nobody_we_know", "kent_police", "kent_police"],
        }
    )
    table = pa.concat_tables([first, second])
    assert table.column("organisation").num_chunks == 2
    out = kcsp.quorum_batch(table)
    assert out["meeting_id"] == ["a", "b", "c"]
    assert out["quorate"] == [True, None, None]
    assert [(e["code"], e["field"]) for e in out.errors] == [
        ("unknown_organisation", "rows[5].organisation"),
        ("invalid_input", "rows[7].date"),
    ]

    # Timestamps with a time of day, in the second chunk.
    day = 86_400_000_000
    monday = (date(2023, 7, 10) - date(1970, 1, 1)).days * day
    stamps = pa.chunked_array(
        [pa.array([monday], pa.timestamp("us")), pa.array([monday + day, monday + day + 1], pa.timestamp("us"))]
    )
    papers = kcsp.papers_deadline_batch(
        pa.table({"meeting_id": ["x", "y", "z"], "meeting": stamps, "circulated": pa.array([None] * 3, pa.date32())})
    )
    assert [(e["row"], e["code"], e["field"]) for e in papers.errors] == [(2, "invalid_date", "rows[2].meeting")]
    assert papers["meeting"] == [date(2023, 7, 10), date(2023, 7, 11), None]
    assert papers["latest_circulation"][:2] == [date(2023, 6, 30), date(2023, 7, 3)]

    # A meeting date outside the calendar is named by the frame's column.
    far = kcsp.papers_deadline_batch({"meeting_id": ["x"], "meeting": [date(1970, 1, 2)], "circulated": [None]})
    assert [(e["code"], e["field"]) for e in far.errors] == [("date_out_of_range", "rows[0].meeting")]


def test_a_table_reads_as_a_dict_however_it_is_read() -> None:
    import copy
    import json
    import pickle

    import pandas as pd
    import polars as pl

    d = date(2022, 7, 14)
    four = ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"]
    rows = {"meeting_id": ["x"] * 4, "date": [d] * 4, "organisation": four}
    expected = {"meeting_id": ["x"], "quorate": [True], "count": [4], "required": [4]}

    def fresh() -> kcsp.Table:
        return kcsp.quorum_batch(rows)

    def check(seen: dict[str, Any]) -> None:
        assert {k: seen[k] for k in expected} == expected

    assert len(fresh()) == 15 and bool(fresh())
    assert "quorate" in fresh() and list(fresh())[:3] == ["body", "meeting_id", "date"]
    check(dict(fresh()))
    check({**fresh()})
    check(fresh().copy())
    check(copy.deepcopy(fresh()))
    check(pickle.loads(pickle.dumps(fresh())))
    check(dict(fresh().items()))
    check(dict(zip(fresh().keys(), fresh().values())))
    assert fresh().get("count") == [4] and fresh().get("nope") is None
    check(json.loads(json.dumps(fresh(), default=str)))
    assert fresh() == dict(fresh())
    assert pd.DataFrame(fresh())["count"].tolist() == [4]
    assert pl.DataFrame(fresh().arrow)["count"].to_list() == [4]
    assert pd.DataFrame.from_arrow(fresh())["count"].tolist() == [4]
    assert pl.DataFrame(fresh())["count"].to_list() == [4]
    assert repr(fresh()).startswith("Table(1 rows: body, meeting_id, date, basis, quorate")


def test_to_pandas_and_to_polars_keep_types_nulls_and_exact_money() -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    pytest.importorskip("pyarrow")
    d = date(2022, 7, 14)
    four = ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"]
    rows = {
        "meeting_id": ["x"] * 4 + ["y", "z"],
        "date": [d] * 4 + [d, "2022-02-30"],
        "organisation": four + ["kent_police", "kent_police"],
    }
    t = kcsp.quorum_batch(rows)
    df = t.to_pandas()
    assert list(df.columns) == list(t.keys())
    # Arrow-backed columns: a bad row's count is missing, not NaN in a float column.
    assert str(df["count"].dtype) == "int64[pyarrow]"
    assert df["count"].tolist()[:2] == [4, 1] and df["count"].isna().tolist() == [False, False, True]
    assert df["quorate"].tolist()[:2] == [True, False]
    assert df["date"].tolist()[0] == d
    assert list(df["represented"][0]) == sorted(["kent_police", "kent_county_council", "office_of_the_pcc",
                                                 "kent_fire_and_rescue"])
    assert df["error_code"].tolist()[2] == "invalid_date"
    assert df.equals(t.to_pandas())
    pdf = t.to_polars()
    assert pdf.schema["date"] == pl.Date and pdf["count"].to_list() == [4, 1, None]
    assert pdf["represented"].to_list() == t["represented"]

    projects = {"year": ["2022/23", "2022/23"], "name": ["a", "b"], "round": ["upfront", "upfront"],
                "amount": ["100.10", "0.20"], "decision": ["approved", "approved"]}
    ledger = kcsp.grant_ledger_batch(projects, allocation="1000").to_pandas()
    assert str(ledger["upfront_approved"].dtype) == "decimal128(38, 2)[pyarrow]"
    assert ledger["upfront_approved"].tolist() == [Decimal("100.30")]
    assert ledger["allocation"].tolist() == [Decimal("1000.00")]


def _mixed_register() -> dict[str, list[Any]]:
    kcsp_four = ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"]
    dhr = ["kent_police", "kent_county_council", "health"]
    return {
        "meeting_id": ["m1"] * 4 + ["m1"] * 3,
        "body": ["kcsp"] * 4 + ["dhr_steering_group"] * 3,
        "date": ["2022-07-14"] * 4 + ["2022-09-01"] * 3,
        "organisation": kcsp_four + dhr,
    }


def test_a_mixed_body_register_is_judged_body_by_body_in_pandas_and_polars() -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    reg = _mixed_register()
    single = kcsp.quorum("dhr_steering_group", date(2022, 9, 1), ["kent_police", "kent_county_council", "health"])
    for frame in (pd.DataFrame(reg), pl.DataFrame(reg)):
        out = kcsp.quorum_batch(frame)
        assert out["body"] == ["kcsp", "dhr_steering_group"]
        assert (out["quorate"][1], out["count"][1], out["required"][1]) == (single.quorate, single.count, single.required)
        assert out["reason"][1] == single.explanation.reason
    # A body given once that contradicts the column is an error, not a silent override.
    with pytest.raises(kcsp.KcspError) as e:
        kcsp.quorum_batch(reg, body="kcsp")
    assert (e.value.code, e.value.field) == ("invalid_input", "body")


def test_sequences_from_numpy_and_pandas() -> None:
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    four = ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"]
    want = kcsp.quorum("kcsp", date(2022, 7, 14), four)
    assert kcsp.quorum("kcsp", date(2022, 7, 14), np.array(four)) == want
    assert kcsp.quorum("kcsp", date(2022, 7, 14), pd.Series(four, index=[7, 8, 9, 10])) == want
    assert kcsp.quorum("kcsp", date(2022, 7, 14), pd.Series(four, index=list("abcd"))) == want
    with pytest.raises(TypeError, match="not int"):
        kcsp.quorum_batch(42)
    pl = pytest.importorskip("polars")
    with pytest.raises(TypeError, match="LazyFrame"):
        kcsp.quorum_batch(pl.DataFrame(_mixed_register()).lazy())


def test_errors_carry_index_labels_after_a_filter_and_every_error_of_a_row() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(_mixed_register())
    df.loc[2, "organisation"] = "kent_polise"
    kept = df[df.index != 0]  # labels 1..6: position 1 is label 2
    out = kcsp.quorum_batch(kept)
    assert [(e["code"], e["field"], e["source"]) for e in out.errors] == [
        ("unknown_organisation", "rows[2].organisation", "2")
    ]
    # Without labels of its own (a 0..n index), a row is named by its position.
    assert [e["source"] for e in kcsp.quorum_batch(df).errors] == [2]
    projects = pd.DataFrame(
        {"year": ["2022/23"] * 3, "allocation": ["39661"] * 3, "name": ["a", None, "c"],
         "round": ["upfront", "upfronts", "tactical"], "amount": ["10", "ten", "5.001"],
         "decision": ["approved", "approved", "maybe"]},
        index=[10, 11, 12],
    )
    ledger = kcsp.grant_ledger_batch(projects)
    found = {(e["code"], e["field"]) for e in ledger.errors}
    assert len(ledger.errors) >= 4 and ("invalid_amount", "rows[11].amount") in found
    single = kcsp.validate("grant_ledger", {"year": "2022/23", "allocation": "39661", "projects": [
        {"name": "a", "round": "upfront", "amount": "10", "decision": "approved"},
        {"round": "upfronts", "amount": "ten", "decision": "approved"},
        {"name": "c", "round": "tactical", "amount": "5.001", "decision": "maybe"}]})
    assert len(single) == len(ledger.errors)


def test_the_flat_export_survives_csv_and_parquet(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    out = kcsp.quorum_batch(pd.read_csv(DATA / "attendance.csv", parse_dates=["date"]))
    flat = out.to_pandas(lists="join")
    flat.to_csv(tmp_path / "q.csv", index=False)
    flat.to_parquet(tmp_path / "q.parquet")
    back_csv = pd.read_csv(tmp_path / "q.csv", keep_default_na=False)
    back_pq = pd.read_parquet(tmp_path / "q.parquet")
    assert back_csv["represented"].tolist() == ["; ".join(r) for r in out["represented"]]
    assert back_pq["missing"].tolist() == ["; ".join(r) for r in out["missing"]]
    assert "\n" not in "".join(back_csv["represented"])


def test_a_polars_frame_in_chunks_answers_as_in_one() -> None:
    pl = pytest.importorskip("polars")
    data = register(60, seed=11)
    reg = pl.DataFrame({**data, "meeting_id": [str(m) for m in data["meeting_id"]]})
    halves = pl.concat([reg[:100], reg[100:200], reg[200:]], rechunk=False)
    assert halves.n_chunks("all")[0] == 3
    whole = kcsp.quorum_batch(reg.rechunk())
    chunked = kcsp.quorum_batch(halves)
    assert dict(chunked) == dict(whole) and chunked.errors == whole.errors
    # An error in a later chunk names its row in the whole frame.
    bad = pl.concat([reg[:150], reg[150:].with_columns(organisation=pl.lit("kent_polise"))], rechunk=False)
    fields = {e["field"] for e in kcsp.quorum_batch(bad).errors}
    assert "rows[150].organisation" in fields
    assert all(int(f[5:f.index("]")]) >= 150 for f in fields)


def test_a_table_from_polars_keeps_text_as_views_and_exports_flat(tmp_path: Path) -> None:
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    pd = pytest.importorskip("pandas")
    reg = _mixed_register()
    from_polars = kcsp.quorum_batch(pl.DataFrame(reg))
    from_dict = kcsp.quorum_batch(reg)
    # The same answers; text laid out as polars keeps it only for a polars frame.
    assert dict(from_polars) == dict(from_dict) and from_polars.errors == from_dict.errors
    assert pa.table(from_polars.arrow).schema.field("reason").type == pa.string_view()
    assert pa.table(from_polars.arrow).schema.field("represented").type == pa.list_(pa.string_view())
    assert pa.table(from_dict.arrow).schema.field("reason").type == pa.string()
    back = from_polars.to_polars()
    assert back["body"].to_list() == ["kcsp", "dhr_steering_group"]
    assert back["represented"].to_list() == from_dict["represented"]
    # The flat export of a polars table survives CSV as the other does.
    flat = from_polars.to_pandas(lists="join")
    flat.to_csv(tmp_path / "q.csv", index=False)
    again = pd.read_csv(tmp_path / "q.csv", keep_default_na=False)
    assert again["represented"].tolist() == ["; ".join(r) for r in from_dict["represented"]]
    assert again["body"].tolist() == ["kcsp", "dhr_steering_group"]


def test_bad_meetings_keep_their_place_and_leave_the_others_as_they_were() -> None:
    pd = pytest.importorskip("pandas")
    good = pd.DataFrame(register(40))
    good["meeting_id"] = good["meeting_id"].astype(str)
    good["date"] = [d.isoformat() for d in good["date"]]
    bad = good.copy()
    undated = bad["meeting_id"] == "m3"
    bad.loc[undated, "date"] = "31/02/2022"
    mistyped = bad.index[bad["meeting_id"] == "m5"][0]
    bad.loc[mistyped, "organisation"] = "kent_polise"
    want, got = kcsp.quorum_batch(good), kcsp.quorum_batch(bad)
    assert got["meeting_id"] == want["meeting_id"]
    k3, k5 = got["meeting_id"].index("m3"), got["meeting_id"].index("m5")
    for name in ("quorate", "count", "represented", "missing", "reason"):
        assert [v for k, v in enumerate(got[name]) if k not in (k3, k5)] == [
            v for k, v in enumerate(want[name]) if k not in (k3, k5)
        ]
        assert got[name][k3] is None and got[name][k5] is None
    # Each bad meeting has the errors a single request of it has, named by its rows.
    first3 = int(bad.index[undated][0])
    assert [(e["code"], e["field"]) for e in got.errors if e["row"] == k3] == [("invalid_date", f"rows[{first3}].date")]
    assert [(e["code"], e["field"]) for e in got.errors if e["row"] == k5] == [
        ("unknown_organisation", f"rows[{mistyped}].organisation")
    ]
