"""Batch quorum over 1,000,000 attendance rows (50,000 meetings of 20 rows)
from the same three Python lists, against:

- the pandas idiom: DataFrame from the lists, groupby(meeting)[org].nunique() >= 4
  (which counts organisations, not seats, and validates nothing);
- a plain Python loop: group the rows in a dict and call kcsp.quorum per meeting
  (what an analyst writes without the batch API);
- (for reference) a hand-written pure-Python seat count with no validation.

Prints `name: value` lines; each time is the best of several runs.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from typing import Any, Callable

import kcsp

SEATS = {
    "kent_county_council": "kent_county_council",
    "kent_police": "kent_police",
    "office_of_the_pcc": "office_of_the_pcc",
    "district_borough_councils": "district_borough_councils",
    "kent_fire_and_rescue": "kent_fire_and_rescue",
    "nhs_kent_and_medway": "health",
    "probation_service": "probation_service",
}
ORGS = list(SEATS) + ["violence_reduction_unit", "guest", "local_csp_chair"]


def make(meetings: int, per: int, seed: int = 1) -> tuple[list[str], list[date], list[str]]:
    rng = random.Random(seed)
    ids: list[str] = []
    dates: list[date] = []
    orgs: list[str] = []
    start = date(2022, 7, 1)
    for m in range(meetings):
        mid = f"m{m:06d}"
        d = start + timedelta(days=m % 2000)
        for _ in range(per):
            ids.append(mid)
            dates.append(d)
            orgs.append(rng.choice(ORGS))
    return ids, dates, orgs


def best(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    meetings, per = 50_000, 20
    ids, dates, orgs = make(meetings, per)

    def batch() -> Any:
        return kcsp.quorum_batch(meeting_id=ids, date=dates, organisation=orgs)

    def loop() -> Any:
        groups: dict[str, tuple[date, list[str]]] = {}
        for m, d, o in zip(ids, dates, orgs):
            groups.setdefault(m, (d, []))[1].append(o)
        return {m: kcsp.quorum("kcsp", d, present).quorate for m, (d, present) in groups.items()}

    def pure() -> Any:
        seen: dict[str, set[str]] = {}
        for m, o in zip(ids, orgs):
            s = seen.setdefault(m, set())
            seat = SEATS.get(o)
            if seat is not None:
                s.add(seat)
        return {m: len(s) >= 4 for m, s in seen.items()}

    out = batch()
    assert len(out["meeting_id"]) == meetings
    check = loop()
    assert [check[m] for m in out["meeting_id"]] == out["quorate"], "batch and loop disagree"

    t_batch = best(batch, 5)
    t_loop = best(loop, 2)
    t_pure = best(pure, 3)

    # One call with the input of the criterion bench quorum/one_meeting: the
    # cost of crossing into the extension and back, per call.
    five = ["kent_county_council", "kent_police", "office_of_the_pcc", "kent_fire_and_rescue", "probation_service"]
    day = date(2023, 11, 16)
    calls = 20_000
    t_single = best(lambda: [kcsp.quorum("kcsp", day, five) for _ in range(calls)], 3)
    print(f"python_rows: {len(ids)}")
    print(f"python_meetings: {meetings}")
    print(f"python_batch_seconds: {t_batch:.4f}")
    print(f"python_loop_seconds: {t_loop:.4f}")
    print(f"python_pure_python_seconds: {t_pure:.4f}")
    try:
        import pandas as pd
    except ImportError:
        print("python_batch_vs_pandas: n/a (pandas not installed)")
    else:

        def pandas_idiom() -> Any:
            df = pd.DataFrame({"meeting_id": ids, "date": dates, "organisation": orgs})
            return df.groupby("meeting_id")["organisation"].nunique() >= 4

        t_pd = best(pandas_idiom, 3)
        print(f"python_pandas_seconds: {t_pd:.4f}")
        print(f"python_batch_vs_pandas: {t_pd / t_batch:.2f}")
    print(f"python_batch_vs_loop: {t_loop / t_batch:.2f}")
    print(f"python_batch_vs_pure_python: {t_pure / t_batch:.2f}")
    print(f"python_single_call_us: {t_single / calls * 1e6:.2f}")


if __name__ == "__main__":
    sys.exit(main())
