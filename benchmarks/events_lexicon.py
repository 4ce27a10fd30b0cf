"""Size of the Romanian CAMEO lexicon (``lang/ro/verbs.cameo.txt``) per CAMEO root, as docs/events.md prints it.

    python benchmarks/events_lexicon.py [--lang ro]

A verb line is counted under its own code (a light verb's ``---``), a pattern under the code it gives; single-lemma
verbs and multi-word verbs are counted apart.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsgraph.enrich.events import load_builtin  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", default="ro")
    args = ap.parse_args(argv)
    d = load_builtin(args.lang)
    rows = collections.defaultdict(lambda: [0, 0, 0])
    seen = set()
    for entries in d.verbs.values():
        for e in entries:
            if id(e) in seen:
                continue
            seen.add(id(e))
            root = e["code"][:2] if e["code"][:1].isdigit() else "---"
            rows[root][0 if len(e["words"]) == 1 else 1] += 1
    for block in d.blocks:
        for _, _, code in block:
            rows[code[:2] if code[:1].isdigit() else "---"][2] += 1
    print("| CAMEO root | verb lemmas | multi-word verbs | patterns | total |\n|---|---:|---:|---:|---:|")
    total = [0, 0, 0]
    for root in sorted(rows, key=lambda r: (r == "---", r)):
        v = rows[root]
        total = [a + b for a, b in zip(total, v)]
        print(f"| {root} | {v[0]} | {v[1]} | {v[2]} | {sum(v)} |")
    print(f"| **all** | **{total[0]}** | **{total[1]}** | **{total[2]}** | **{sum(total):,}** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
