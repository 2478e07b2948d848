"""The code of a .wasm by part: function bodies summed by the crate and kind
in each function's name (what `twiggy top` shows, grouped), and the data
section. Needs a name section: build with `wasm-bindgen --keep-debug` and
`wasm-opt -Oz -g`, for example

    cargo build -p kcsp-wasm --target wasm32-unknown-unknown --profile wasm-release
    wasm-bindgen --target web --keep-debug --out-dir /tmp/w \\
        target/wasm32-unknown-unknown/wasm-release/kcsp_wasm.wasm
    tests/web/node_modules/.bin/wasm-opt -Oz -g --enable-bulk-memory \\
        --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \\
        /tmp/w/kcsp_wasm_bg.wasm -o /tmp/w/named.wasm
    python3 kcsp-wasm/tools/size_parts.py /tmp/w/named.wasm

Prints a Markdown table (BENCHMARKS.md, "What bounds the WebAssembly size
now"). A function is counted in the first part whose pattern its name
matches, in the order of PARTS.
"""

from __future__ import annotations

import collections
import re
import sys

PARTS = [
    ("serde readers", r"Deserializ|Visitor|visit_|de::|deserialize|path::At|MapAccess|SeqAccess|EnumAccess|__Field"),
    ("serde writers", r"Serializ|serialize|ser::"),
    ("core::fmt", r"core::fmt|fmt::Display|fmt::Debug|Formatter|write_fmt|pad_integral"),
    ("alloc, dlmalloc, B-trees, hashbrown", r"dlmalloc|btree|BTree|alloc::|raw_vec|__rust_alloc|__rdl|__rg_|hashbrown"),
    ("wasm-bindgen shims, js_sys", r"wasm_bindgen|js_sys|__wbg|__wbindgen|externref"),
    ("serde_json", r"serde_json"),
    ("chrono", r"chrono"),
    ("rust_decimal", r"rust_decimal"),
    ("sha2", r"sha2"),
    ("kcsp_wasm", r"kcsp_wasm"),
    ("kcsp_core functions", r"kcsp_core"),
    ("core (generic)", r"core::|<\[|slice|iter|str::"),
]


def leb(b: bytes, i: int) -> tuple[int, int]:
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def skip_limits(b: bytes, j: int) -> int:
    flags = b[j]
    j += 1
    _, j = leb(b, j)
    return leb(b, j)[1] if flags & 1 else j


def main(path: str) -> None:
    data = open(path, "rb").read()
    i, imported, names, bodies = 8, 0, {}, []
    sections: collections.Counter[object] = collections.Counter()
    while i < len(data):
        sid = data[i]
        size, i = leb(data, i + 1)
        end = i + size
        key: object = sid
        if sid == 2:  # imports: functions among them shift the indices
            n, j = leb(data, i)
            for _ in range(n):
                for _ in range(2):
                    ln, j = leb(data, j)
                    j += ln
                kind = data[j]
                j += 1
                if kind == 0:
                    _, j = leb(data, j)
                    imported += 1
                elif kind == 1:
                    j = skip_limits(data, j + 1)
                elif kind == 2:
                    j = skip_limits(data, j)
                elif kind == 3:
                    j += 2
        elif sid == 10:  # code
            n, j = leb(data, i)
            for _ in range(n):
                s, k = leb(data, j)
                bodies.append(s + (k - j))
                j = k + s
        elif sid == 0:
            ln, j = leb(data, i)
            name = data[j : j + ln].decode()
            key = "custom:" + name
            j += ln
            while name == "name" and j < end:
                sub = data[j]
                ss, j = leb(data, j + 1)
                if sub == 1:
                    n, k = leb(data, j)
                    for _ in range(n):
                        idx, k = leb(data, k)
                        ln2, k = leb(data, k)
                        names[idx] = data[k : k + ln2].decode("utf8", "replace")
                        k += ln2
                j += ss
        sections[key] += size
        i = end
    total = sum(v for k, v in sections.items() if not str(k).startswith("custom"))
    by_part: collections.Counter[str] = collections.Counter()
    largest: dict[str, list[tuple[int, str]]] = collections.defaultdict(list)
    for k, size in enumerate(bodies):
        name = names.get(k + imported, "?")
        part = next((p for p, pattern in PARTS if re.search(pattern, name)), "other (std, shims)")
        by_part[part] += size
        largest[part].append((size, name))
    print(f"{total:,} bytes without custom sections")
    print("| part | bytes | share | largest |")
    print("|---|---:|---:|---|")
    for part, size in by_part.most_common():
        top = "; ".join(f"`{n[:60]}` {s:,}" for s, n in sorted(largest[part], reverse=True)[:2])
        print(f"| {part} | {size:,} | {100 * size / total:.0f} % | {top} |")
    print(f"| data (.rodata) | {sections[11]:,} | {100 * sections[11] / total:.0f} % | |")


if __name__ == "__main__":
    main(sys.argv[1])
