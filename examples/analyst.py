"""An analyst's script: quorum and papers compliance per meeting from a CSV
attendance register (one row per person present), with pandas.

    python examples/analyst.py [examples/data/attendance.csv]

Columns: meeting_id, body, date (YYYY-MM-DD), organisation, papers_circulated
(YYYY-MM-DD or empty). The bundled file's attendance is ILLUSTRATIVE: the
sources name people, not organisations; meeting and dispatch dates are real.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

import kcsp


def main(path: Path) -> int:
    register = pd.read_csv(path, parse_dates=["date", "papers_circulated"])
    # One row per meeting, each judged by its own body's terms (the register's `body` column).
    quorum = pd.DataFrame(kcsp.quorum_batch(register))

    meetings = register[register["body"] == "kcsp"].drop_duplicates("meeting_id")
    papers = pd.DataFrame(
        kcsp.papers_deadline_batch(meetings, columns={"meeting": "date", "circulated": "papers_circulated"})
    )[["compliant", "latest_circulation"]]
    # One answer per row, in the rows' order.
    papers["meeting_id"] = meetings["meeting_id"].to_numpy()
    table = quorum.merge(papers, on="meeting_id", how="left")

    bad = table[table["error_code"].notna()]
    for row in bad.itertuples():
        print(f"{path}: {row.meeting_id}: {row.error_code} at {row.error_field}: {row.error_message}", file=sys.stderr)

    print(f"{'meeting':<28} {'quorate':<8} {'seats':<6} {'papers':<9} {'latest dispatch':<16} missing seats")
    for record in table.to_dict("records"):
        compliant = record["compliant"]
        verdict = "on time" if compliant is True else "LATE" if compliant is False else "-"
        dispatch = str(record["latest_circulation"]) if record["latest_circulation"] else "-"
        missing = ", ".join(str(s) for s in (record["missing"] or []))
        print(f"{record['meeting_id']!s:<28} {record['quorate']!s:<8} {record['count']!s:<6} {verdict:<9} {dispatch:<16} {missing}")
    return 1 if len(bad) else 0


if __name__ == "__main__":
    default = Path(__file__).resolve().parent / "data" / "attendance.csv"
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else default))
