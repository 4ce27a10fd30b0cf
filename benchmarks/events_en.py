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
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "events" / "ro-dev"
TEXTS = ROOT / "benchmarks" / "data" / "events_en_dev.jsonl"


def _brief(e: dict) -> str:
    s, t = e.get("source") or {}, e.get("target") or {}
    return f"{e.get('plover')}/{e.get('cameo')} {s.get('code')}{s.get('sector') or ''}->{t.get('code') if t else None}"


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
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    with tempfile.TemporaryDirectory() as tmp:
        gold_path, inp = Path(tmp) / "gold.jsonl", Path(tmp) / "in.jsonl"
        pred = Path(args.keep or Path(tmp) / "pred.jsonl")
        gold_path.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), "utf-8")
        inp.write_text("".join(json.dumps({"id": g["id"], "text": g["text"], "date": g["date"]}, ensure_ascii=False)
                               + "\n" for g in gold), "utf-8")
        t0 = time.perf_counter()
        with open(pred, "w", encoding="utf-8") as fh:
            subprocess.run([sys.executable, "-m", "newsgraph", "events", "--lang", "en", "--require-dyad", "false",
                            "--input", str(inp)], stdout=fh, check=True, env=env)
        elapsed = time.perf_counter() - t0
        score = subprocess.run([sys.executable, str(dev / "score_events.py"), str(gold_path), str(pred)]
                               + (["--per-type"] if args.per_type else []), capture_output=True, text=True, check=True)
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
