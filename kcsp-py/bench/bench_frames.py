"""Batch quorum over an attendance register as analysts have it: a
1,000,000-row CSV (50,000 meetings of 20 people each), read by pandas and by
polars with their own readers (dates parsed). The read is the same for both
sides and is not timed; what is timed is what the analyst writes after it:

- pandas idiom: ``df["organisation"].map(seat_of)`` then
  ``groupby(meeting_id).nunique() >= 4`` (counts seats, checks nothing);
- polars idiom: ``replace_strict`` to seats, ``group_by("meeting_id").agg(n_unique() >= 4)``;
- kcsp: ``kcsp.quorum_batch(df)`` on the same frame (every row validated,
  membership dated, reasons written), and the frame the analyst makes of
  its result: ``table.to_pandas()`` (Arrow-backed columns, no copy) and
  ``table.to_polars()`` (zero copy). Both are timed with the call.
  ``pd.DataFrame(table)`` (the columns as Python lists, for pandas without
  pyarrow) is printed too, as ``python_frame_kcsp_lists_on_pandas_ms``.

Also the same register with every date ``31/02/2022`` against it with its
dates as valid text (``python_bad_rows_vs_good``: bad rows should cost about
what good ones do), one ``kcsp.quorum`` call (``python_single_call_us``, compared with the
Rust typed call by tests/lib/bench_summary.py) and two batch calls in two
threads against the same two one after the other. Each time is the best of
several runs. Prints ``name: value`` lines.
"""

from __future__ import annotations

import csv
import random
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable

import pandas as pd
import polars as pl

import kcsp

ROOT = Path(__file__).resolve().parents[2]
CSV = ROOT / "target" / "bench" / "attendance_1m.csv"
SEAT_OF = {
    "kent_county_council": "kent_county_council",
    "kent_police": "kent_police",
    "office_of_the_pcc": "office_of_the_pcc",
    "district_borough_councils": "district_borough_councils",
    "kent_fire_and_rescue": "kent_fire_and_rescue",
    "nhs_kent_and_medway": "health",
    "probation_service": "probation_service",
}
ORGS = list(SEAT_OF) + ["violence_reduction_unit", "local_csp_chair"]


def write_csv(meetings: int = 50_000, per: int = 20) -> None:
    if CSV.exists():
        return
    CSV.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(1)
    start = date(2022, 7, 1)
    with CSV.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["meeting_id", "date", "organisation"])
        for m in range(meetings):
            d = start + timedelta(days=m % 700)
            for _ in range(per):
                w.writerow([f"kcsp-{m:06d}", d.isoformat(), rng.choice(ORGS)])


def best(f: Callable[[], Any], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    write_csv()
    pdf = pd.read_csv(CSV, parse_dates=["date"])
    plf = pl.read_csv(CSV, try_parse_dates=True)

    def pandas_idiom() -> Any:
        seat = pdf["organisation"].map(SEAT_OF)
        return seat.groupby(pdf["meeting_id"]).nunique() >= 4

    def polars_idiom() -> Any:
        return (
            plf.with_columns(seat=pl.col("organisation").replace_strict(SEAT_OF, default=None))
            .group_by("meeting_id")
            .agg(quorate=pl.col("seat").drop_nulls().n_unique() >= 4)
        )

    # The same answers (the idioms count seats the same way for this register).
    mine = kcsp.quorum_batch(pdf)
    assert mine.errors == [] and mine.num_rows == 50_000
    assert sum(mine["quorate"]) == int(pandas_idiom().sum())

    t_pandas = best(pandas_idiom)
    t_polars = best(polars_idiom)
    t_kcsp_pd = best(lambda: kcsp.quorum_batch(pdf).to_pandas())
    t_kcsp_pd_lists = best(lambda: pd.DataFrame(kcsp.quorum_batch(pdf)))
    t_kcsp_pd_call = best(lambda: kcsp.quorum_batch(pdf))
    t_kcsp_pl = best(lambda: kcsp.quorum_batch(plf).to_polars())
    print(f"python_frame_pandas_idiom_ms: {t_pandas * 1e3:.1f}")
    print(f"python_frame_kcsp_on_pandas_ms: {t_kcsp_pd * 1e3:.1f}")
    print(f"python_frame_kcsp_call_on_pandas_ms: {t_kcsp_pd_call * 1e3:.1f}")
    print(f"python_frame_kcsp_lists_on_pandas_ms: {t_kcsp_pd_lists * 1e3:.1f}")
    print(f"python_frame_polars_idiom_ms: {t_polars * 1e3:.1f}")
    print(f"python_frame_kcsp_on_polars_ms: {t_kcsp_pl * 1e3:.1f}")
    print(f"python_frame_vs_pandas: {t_pandas / t_kcsp_pd:.2f}")
    print(f"python_frame_vs_polars: {t_polars / t_kcsp_pl:.2f}")

    def two_sequential() -> None:
        kcsp.quorum_batch(plf)
        kcsp.quorum_batch(plf)

    def two_threads() -> None:
        ts = [threading.Thread(target=kcsp.quorum_batch, args=(plf,)) for _ in range(2)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()

    print(f"python_threads_speedup: {best(two_sequential) / best(two_threads):.2f}")

    # Bad rows cost what good ones do: the register with its dates as text,
    # every one valid, against the same register with every date 31/02/2022
    # (each meeting then keeps its place with its invalid_date error).
    good = pdf.assign(date=pdf["date"].dt.strftime("%Y-%m-%d"))
    bad = pdf.assign(date="31/02/2022")
    assert len(kcsp.quorum_batch(bad).errors) == 50_000
    t_good = best(lambda: kcsp.quorum_batch(good).to_pandas(), 3)
    t_bad = best(lambda: kcsp.quorum_batch(bad).to_pandas(), 3)
    print(f"python_bad_rows_ms: {t_bad * 1e3:.1f}")
    print(f"python_bad_rows_vs_good: {t_bad / t_good:.2f}")

    present = ["kent_police", "kent_county_council", "office_of_the_pcc", "kent_fire_and_rescue"]
    day = date(2022, 7, 14)
    n = 20_000
    single = best(lambda: [kcsp.quorum("kcsp", day, present) for _ in range(n)]) / n
    print(f"python_single_call_us: {single * 1e6:.2f}")


if __name__ == "__main__":
    main()
