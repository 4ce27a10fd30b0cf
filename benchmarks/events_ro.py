"""Romanian event coding on the project's Romanian dev set (``../shared/data/events/ro-dev/``), scored by its scorer.

Runs newsgraph the way a user does — ``newsgraph events --lang ro --require-dyad false --input IN.jsonl`` on
``{"id", "text", "date"}`` lines made from the dev items — then ``score_events.py GOLD PRED --per-type`` (the
scorer shipped beside the gold). Prints the scorer's report (type accuracy, event recall/precision, source and
target code accuracy, per-type recall/precision) and, with ``--show-errors``, each item whose events differ
from the gold.

    python benchmarks/events_ro.py [--dev DIR] [--show-errors] [--keep PRED.jsonl]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "events" / "ro-dev"


def _brief(e: dict) -> str:
    s, t = e.get("source") or {}, e.get("target") or {}
    return f"{e.get('plover')}/{e.get('cameo')} {s.get('code')}{s.get('sector') or ''}->{t.get('code') if t else None}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", default=str(DEV), help="folder holding events.ro.dev.jsonl and score_events.py")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--keep", help="also write the predictions here")
    args = ap.parse_args(argv)
    dev = Path(args.dev)
    gold_path = dev / "events.ro.dev.jsonl"
    gold = [json.loads(line) for line in gold_path.read_text("utf-8").splitlines() if line.strip()]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    with tempfile.TemporaryDirectory() as tmp:
        inp, pred = Path(tmp) / "in.jsonl", Path(args.keep or Path(tmp) / "pred.jsonl")
        inp.write_text("".join(json.dumps({"id": g["id"], "text": g["text"], "date": g["date"]}, ensure_ascii=False)
                               + "\n" for g in gold), "utf-8")
        t0 = time.perf_counter()
        with open(pred, "w", encoding="utf-8") as fh:
            subprocess.run([sys.executable, "-m", "newsgraph", "events", "--lang", "ro", "--require-dyad", "false",
                            "--input", str(inp)], stdout=fh, check=True, env=env)
        elapsed = time.perf_counter() - t0
        score = subprocess.run([sys.executable, str(dev / "score_events.py"), str(gold_path), str(pred), "--per-type"],
                               capture_output=True, text=True, check=True)
        print(score.stdout, end="")
        print(f"coded {len(gold)} items in {elapsed:.1f} s (CLI, model load included)")
        if args.show_errors:
            preds = {r["id"]: r["events"] for r in map(json.loads, pred.read_text("utf-8").splitlines())}
            for g in gold:
                want = sorted(_brief(e) for e in g["events"])
                got = sorted(_brief(e) for e in preds.get(g["id"], []))
                if want != got:
                    print(f"\n{g['id']}: {g['text']}\n  gold {want}\n  got  {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
