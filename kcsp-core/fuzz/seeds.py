"""Writes the fuzz corpora's starting inputs and libFuzzer dictionaries.

Usage: python3 seeds.py VECTORS_DIR OUT_DIR

Every conformance vector becomes a `rule_json` seed (rule name, newline,
input); every string value in the vectors is sorted by shape into the `ids`,
`dates`, `money` and `financial_year` seeds; `seeds/` holds the GOV.UK and
partnership files. Keys, rule names and string values make the dictionaries.
"""

import hashlib
import json
import pathlib
import re
import sys

vectors, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
here = pathlib.Path(__file__).resolve().parent
shapes = {
    "dates": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "money": re.compile(r"^-?\d+(\.\d+)?$"),
    "financial_year": re.compile(r"^\d{4}/\d{2,4}$"),
    "ids": re.compile(r"^[a-z][a-z0-9_]*$"),
}
corpus = {t: set() for t in [*shapes, "rule_json", "govuk_calendar", "partnership_json", "calendar_changes"]}
tokens = set()


def walk(value):
    if isinstance(value, dict):
        for k, v in value.items():
            tokens.add(k)
            walk(v)
    elif isinstance(value, list):
        for v in value:
            walk(v)
    elif isinstance(value, str):
        for target, shape in shapes.items():
            if shape.match(value):
                corpus[target].add(value)
        if len(value) < 40:
            tokens.add(value)


for path in sorted(vectors.glob("*.json")):
    doc = json.loads(path.read_text())
    tokens.add(doc["rule"])
    for case in doc["cases"]:
        walk(case["input"])
        corpus["rule_json"].add(doc["rule"] + "\n" + json.dumps(case["input"]))
        if isinstance(case["input"].get("partnership"), dict):
            corpus["partnership_json"].add(json.dumps(case["input"]["partnership"]))
        if isinstance(case["input"].get("calendar"), dict):
            corpus["calendar_changes"].add(json.dumps(case["input"]["calendar"]))
corpus["money"] |= {"0", "0.5", "26440.00", " 1 ", "999999999999.99", "1e3", "-0"}
corpus["financial_year"] |= {"2022/23", "1999/2000", "9998/99"}
for path in sorted((here / "seeds").iterdir()):
    kind = "partnership_json" if "partnership" in path.name else "govuk_calendar"
    corpus[kind].add(path.read_text())
    if kind == "govuk_calendar":
        corpus["calendar_changes"].add(json.dumps({"govuk": json.loads(path.read_text()), "add": ["2027-06-04"]}))
corpus["calendar_changes"] |= {'{"add": ["2026-06-08"], "remove": ["2026-06-08", "2026-12-28"]}', "{}", '{"remove": []}'}

for target, inputs in corpus.items():
    d = out / "corpus" / target
    d.mkdir(parents=True, exist_ok=True)
    for text in inputs:
        data = text.encode()
        (d / hashlib.sha1(data).hexdigest()).write_bytes(data)

json_tokens = ['"{"', '"}"', '"["', '"]"', '":"', '","', '"null"', '"true"', '"false"', '"\\""', '"\\x0A"']
words = sorted(t for t in tokens if t and t.isascii() and '"' not in t and "\\" not in t)
dictionary = json_tokens + ['"%s"' % w for w in words] + ['"\\"%s\\""' % w for w in words]
(out / "json.dict").write_text("\n".join(dictionary) + "\n")
print(" ".join(f"{t}={len(v)}" for t, v in corpus.items()))
