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


def target_errors(dev: Path, gold: list[dict], pred: Path) -> str:
    """Gold events by what happened to their target: right, the event not coded at all, no target predicted, a
    wrong code, a target where the gold has none (each also counted when the source is wrong too)."""
    import collections

    sys.path.insert(0, str(dev))
    import score_events as scorer  # the dev set's own alignment

    preds = {r["id"]: r["events"] for r in map(json.loads, pred.read_text("utf-8").splitlines())}
    kinds: collections.Counter = collections.Counter()
    for g in gold:
        golds = [scorer.gold_event(e) for e in g["events"]]
        ps = [scorer.pred_event(e) for e in preds.get(g["id"], [])]
        matched, aligned = scorer.align(golds, ps)
        pair = dict(matched + aligned)
        for gi, ge in enumerate(golds):
            if gi not in pair:
                kinds["event not coded"] += 1
                continue
            p = ps[pair[gi]]
            if scorer.tgt_ok(ge, p):
                kinds["right"] += 1
                continue
            kind = "target where gold has none" if ge["tgt"] is None else \
                "no target predicted" if p["tgt"] is None else "wrong target code"
            kinds[kind + (" (source wrong too)" if not scorer.src_ok(ge, p) else "")] += 1
    return "target errors by kind: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common())


def code_and_score(lang: str, dev: Path, gold: list[dict], gold_path: Path, inp: Path, pred: Path,
                   per_type: bool) -> None:
    """Run ``newsgraph events --lang LANG --require-dyad false --input IN`` as a user does, writing ``pred``,
    and print the dev set's own scorer's report on it and the time taken."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t0 = time.perf_counter()
    with open(pred, "w", encoding="utf-8") as fh:
        subprocess.run([sys.executable, "-m", "newsgraph", "events", "--lang", lang, "--require-dyad", "false",
                        "--input", str(inp)], stdout=fh, check=True, env=env)
    elapsed = time.perf_counter() - t0
    score = subprocess.run([sys.executable, str(dev / "score_events.py"), str(gold_path), str(pred)]
                           + (["--per-type"] if per_type else []), capture_output=True, text=True, check=True)
    print(score.stdout, end="")
    print(f"coded {len(gold)} items in {elapsed:.1f} s (CLI, model load included)")


def show_errors(gold: list[dict], pred: Path) -> None:
    """Each item whose predicted events differ from the gold, both listed briefly."""
    preds = {r["id"]: r["events"] for r in map(json.loads, pred.read_text("utf-8").splitlines())}
    for g in gold:
        want = sorted(_brief(e) for e in g["events"])
        got = sorted(_brief(e) for e in preds.get(g["id"], []))
        if want != got:
            print(f"\n{g['id']}: {g['text']}\n  gold {want}\n  got  {got}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", default=str(DEV), help="folder holding events.ro.dev.jsonl and score_events.py")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--keep", help="also write the predictions here")
    ap.add_argument("--target-errors", action="store_true",
                    help="count the gold events whose target code is wrong, by kind (the scorer's alignment)")
    args = ap.parse_args(argv)
    dev = Path(args.dev)
    gold_path = dev / "events.ro.dev.jsonl"
    gold = [json.loads(line) for line in gold_path.read_text("utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        inp, pred = Path(tmp) / "in.jsonl", Path(args.keep or Path(tmp) / "pred.jsonl")
        inp.write_text("".join(json.dumps({"id": g["id"], "text": g["text"], "date": g["date"]}, ensure_ascii=False)
                               + "\n" for g in gold), "utf-8")
        code_and_score("ro", dev, gold, gold_path, inp, pred, per_type=True)
        if args.target_errors:
            print(target_errors(dev, gold, pred))
        if args.show_errors:
            show_errors(gold, pred)
    return 0


if __name__ == "__main__":
    sys.exit(main())
