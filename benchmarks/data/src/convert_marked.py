"""Marked-up dev texts -> quote JSON lines: ``⟦quoted words⟧{Speaker;kind}`` marks each gold quote span.

    python benchmarks/data/src/convert_marked.py ro benchmarks/data/src/quotes_ro.marked.txt benchmarks/data/quotes_ro.jsonl
"""

import json
import re
import sys

lang, src, dst = sys.argv[1:]
n = 0
with open(dst, "w", encoding="utf-8") as out:
    for i, line in enumerate(open(src, encoding="utf-8")):
        line = line.rstrip("\n")
        if not line:
            continue
        text, quotes, pos = "", [], 0
        for m in re.finditer(r"⟦(.*?)⟧\{([^;]+);(\w+)\}", line):
            text += line[pos:m.start()]
            start = len(text)
            text += m.group(1)
            quotes.append({"start": start, "end": len(text), "text": m.group(1), "speaker": m.group(2), "kind": m.group(3)})
            pos = m.end()
        text += line[pos:]
        n += len(quotes)
        out.write(json.dumps({"id": f"{lang}-{i + 1:03d}", "lang": lang, "text": text, "quotes": quotes}, ensure_ascii=False) + "\n")
print(dst, n, "quotes")
