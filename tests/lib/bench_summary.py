"""Turns criterion's estimates (target/criterion/**/new/) and the `name: value`
lines of the Python and WebAssembly benchmarks into `name: value` lines:
the core's times, what the JSON entry point costs over the typed API, and
what one call through each binding costs over the same call in Rust.

Usage: python3 bench_summary.py CRITERION_DIR LINES_FILE
"""

import json
import pathlib
import re
import sys

criterion, lines_file = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
us = {}
per_item = {}
for est in sorted(criterion.glob("**/new/estimates.json")):
    meta = json.loads((est.parent / "benchmark.json").read_text())
    mean_ns = json.loads(est.read_text())["mean"]["point_estimate"]
    key = re.sub(r"[^a-z0-9]+", "_", meta["full_id"].lower())
    us[key] = mean_ns / 1000
    items = (meta.get("throughput") or {}).get("Elements")
    print(f"criterion_{key}_us: {us[key]:.3f}")
    if items:
        per_item[key] = mean_ns / items
        print(f"criterion_{key}_ns_per_item: {per_item[key]:.1f}")

other = {}
for line in lines_file.read_text().splitlines():
    m = re.match(r"^([a-z0-9_]+): ([0-9.]+)$", line.strip())
    if m:
        other[m.group(1)] = float(m.group(2))


def ratio(name, a, b):
    if a is not None and b:
        print(f"{name}: {a / b:.2f}")


for rule, typed, via_json in [
    ("quorum", "quorum_one_meeting", "quorum_one_meeting_json"),
    ("papers", "papers_decade_of_meetings", "papers_decade_of_meetings_json"),
    ("ledger", "grant_ledger_1000_projects", "grant_ledger_1000_projects_json"),
    ("dhr", "dhr_deadlines_one_case", "dhr_deadlines_one_case_json"),
]:
    ratio(f"rust_json_vs_typed_{rule}", us.get(via_json), us.get(typed))
ratio("rust_batch_vs_single_quorum_per_meeting", per_item.get("quorum_batch_10000_meetings", 0) / 1000 or None,
      us.get("quorum_one_meeting"))
ratio("python_call_vs_rust_typed", other.get("python_single_call_us"), us.get("quorum_one_meeting"))
ratio("python_call_vs_rust_json", other.get("python_single_call_us"), us.get("quorum_one_meeting_json"))
ratio("wasm_call_vs_rust_typed", other.get("wasm_single_call_us"), us.get("quorum_one_meeting"))
ratio("wasm_call_vs_rust_json", other.get("wasm_single_call_us"), us.get("quorum_one_meeting_json"))
