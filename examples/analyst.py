"""An analyst's script: quorum and papers compliance per meeting from a CSV
attendance register (one row per person present).

    python examples/analyst.py [examples/data/attendance.csv]

Columns: meeting_id, body, date (YYYY-MM-DD), organisation, papers_circulated
(YYYY-MM-DD or empty). The bundled file's attendance is ILLUSTRATIVE: the
sources name people, not organisations; meeting and dispatch dates are real.
With pandas installed, ``pandas.DataFrame(result)`` gives the same table.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import kcsp


def main(path: Path) -> int:
    by_body: dict[str, list[tuple[str, date, str]]] = defaultdict(list)
    papers: dict[str, tuple[date, date | None]] = {}
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            day = date.fromisoformat(row["date"])
            by_body[row["body"]].append((row["meeting_id"], day, row["organisation"]))
            if row["body"] == "kcsp":
                sent = row["papers_circulated"]
                papers[row["meeting_id"]] = (day, date.fromisoformat(sent) if sent else None)

    try:
        quorum = {body: kcsp.quorum_batch(rows, body=body) for body, rows in by_body.items()}
        ids = list(papers)
        pp = kcsp.papers_batch(
            meeting_id=ids, meeting=[papers[i][0] for i in ids], circulated=[papers[i][1] for i in ids]
        )
    except kcsp.KcspError as e:
        print(f"{path}: {e.code} at {e.field}: {e.message}", file=sys.stderr)
        return 1

    papers_by_id = {m: k for k, m in enumerate(pp["meeting_id"])}
    print(f"{'meeting':<28} {'quorate':<8} {'seats':<6} {'papers':<9} {'latest dispatch':<16} missing seats")
    for body, q in quorum.items():
        for k, mid in enumerate(q["meeting_id"]):
            if mid in papers_by_id:
                j = papers_by_id[mid]
                verdict = {True: "on time", False: "LATE", None: "unknown"}[pp["compliant"][j]]
                latest = pp["latest_circulation"][j].isoformat()
            else:
                verdict, latest = "n/a", ""
            quorate = "yes" if q["quorate"][k] else "NO"
            seats = f"{q['count'][k]}/{q['required'][k]}"
            print(f"{mid:<28} {quorate:<8} {seats:<6} {verdict:<9} {latest:<16} {', '.join(q['missing'][k])}")
    return 0


if __name__ == "__main__":
    default = Path(__file__).resolve().parent / "data" / "attendance.csv"
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else default))
