"""English event coding on an English rendering of part of the Romanian dev set, scored by the dev set's scorer.

``benchmarks/data/events_en_dev.jsonl`` holds English renderings (``{"id", "text"}``), written for newsgraph, of
every fourth item of ``../shared/data/events/ro-dev/events.ro.dev.jsonl`` (98 items); the gold events, dates and
codes are read from that file by id (codes and types do not depend on the language; the file is not copied). This
is the English counterpart of ``events_ro.py`` and follows the same conventions (the README beside the gold), so it
is a development proxy for the issue's English held-out measure. Runs newsgraph the way a user does —
``newsgraph events --lang en --require-dyad false --input IN.jsonl`` — then ``score_events.py GOLD PRED``.

    python benchmarks/events_en.py [--show-errors] [--keep PRED.jsonl] [--per-type]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from events_ro import code_and_score, show_errors  # benchmarks/ is on sys.path when run as a script

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "events" / "ro-dev"
TEXTS = ROOT / "benchmarks" / "data" / "events_en_dev.jsonl"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", default=str(DEV), help="folder holding events.ro.dev.jsonl and score_events.py")
    ap.add_argument("--texts", default=str(TEXTS), help="the English renderings, {id, text} per line")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--per-type", action="store_true")
    ap.add_argument("--keep", help="also write the predictions here")
    args = ap.parse_args(argv)
    dev = Path(args.dev)
    if not (dev / "events.ro.dev.jsonl").exists():
        print(f"skipped: {dev / 'events.ro.dev.jsonl'} not found")
        return 0
    texts = {r["id"]: r["text"] for r in map(json.loads, Path(args.texts).read_text("utf-8").splitlines()) if r}
    gold = [g for g in map(json.loads, (dev / "events.ro.dev.jsonl").read_text("utf-8").splitlines())
            if g["id"] in texts]
    for g in gold:
        g["text"] = texts[g["id"]]
    with tempfile.TemporaryDirectory() as tmp:
        gold_path, inp = Path(tmp) / "gold.jsonl", Path(tmp) / "in.jsonl"
        pred = Path(args.keep or Path(tmp) / "pred.jsonl")
        gold_path.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), "utf-8")
        inp.write_text("".join(json.dumps({"id": g["id"], "text": g["text"], "date": g["date"]}, ensure_ascii=False)
                               + "\n" for g in gold), "utf-8")
        code_and_score("en", dev, gold, gold_path, inp, pred, per_type=args.per_type)
        if args.show_errors:
            show_errors(gold, pred)
    return 0


if __name__ == "__main__":
    sys.exit(main())
