"""Triple precision/recall of ``newsgraph events`` on the PETRARCH unit-test suite (DEV half).

Unpacks ``events-data.tar.xz`` into a temporary folder, codes every DEV record with the suite's own validation
dictionaries (``--dictionaries``), and compares (source, target, CAMEO) triples with the expected codings:
a record expecting "no events" scores a false positive per event produced; expected-error records are skipped.
Anchor: PETRARCH-1 codes all records of its own suite correctly.

    python benchmarks/events_petrarch.py [--archive PATH] [--show-errors] [--json] [--ud]

``--ud``: the same suite as re-coded by UniversalPetrarch (``petrarch_unittest_ud``: its gold and its dictionaries,
``PETR.Validate.verbs.2.0.txt``); categories are read from the record ids there.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import time
from collections import Counter

from _events_data import arguments, unpack


def main(argv=None) -> int:
    from newsgraph.enrich.events import code_records

    ap = arguments(__doc__.splitlines()[0])
    ap.add_argument("--ud", action="store_true", help="the UniversalPetrarch re-coding of the suite and its dictionaries")
    args = ap.parse_args(argv)
    name = "petrarch_unittest_ud" if args.ud else "petrarch_unittest"
    with tempfile.TemporaryDirectory() as tmp:
        base = unpack(args.archive, tmp) / name
        records = [json.loads(line) for line in (base / ("petr_unittest_ud.dev.jsonl" if args.ud else
                                                         "petr_unittest.dev.jsonl")).open(encoding="utf-8")]
        for r in records:
            r["category"] = r.get("category") or re.split(r"[-_]", str(r["id"]))[0]
        records = [r for r in records if not any("error" in e for e in r["expected"])]
        t0 = time.perf_counter()
        outputs = list(code_records(records, "en", str(base / "dictionaries"), facts_only=False))
        elapsed = time.perf_counter() - t0
    tp = fp = fn = 0
    per_cat: Counter = Counter()
    cat_total: Counter = Counter()
    for r, out in zip(records, outputs):
        gold = Counter((e["source"], e["target"], e["event"]) for e in r["expected"] if "event" in e)
        got = Counter((e["source"]["code"] or "---", e["target"]["code"] or "---", e["cameo"]) for e in out["events"])
        hit = sum((gold & got).values())
        tp += hit
        fp += sum(got.values()) - hit
        fn += sum(gold.values()) - hit
        cat_total[r["category"]] += 1
        if gold == got:
            per_cat[r["category"]] += 1
        elif args.show_errors:
            print(f"{r['id']}: {r['text'][:100]}\n   gold {sorted(gold)}\n   got  {sorted(got)}", file=sys.stderr)
    p = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * rec / (p + rec) if p + rec else 0.0
    exact = sum(per_cat.values())
    result = {"records": len(records), "triples_gold": tp + fn, "triples_predicted": tp + fp, "precision": round(100 * p, 1),
              "recall": round(100 * rec, 1), "f1": round(100 * f, 1), "records_exact": exact,
              "records_exact_pct": round(100 * exact / len(records), 1), "seconds": round(elapsed, 1),
              "by_category": {c: f"{per_cat[c]}/{n}" for c, n in sorted(cat_total.items())}}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"PETRARCH unit tests{' (UD re-coding)' if args.ud else ''} (DEV, {len(records)} records, {tp + fn} gold triples): "
              f"P {result['precision']}  R {result['recall']}  F1 {result['f1']}  "
              f"records exactly right {exact}/{len(records)}  ({result['seconds']} s)")
        print("  by category:", ", ".join(f"{c} {v}" for c, v in result["by_category"].items()))
        print("anchor: PETRARCH-1 codes 100% of its own suite")
    return 0


if __name__ == "__main__":
    sys.exit(main())
