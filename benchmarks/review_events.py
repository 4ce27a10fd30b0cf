"""Events on a folder of real article texts, printed for judging by eye (the real-text review of docs/events.md).

    python benchmarks/review_events.py DIR [--lang ro] [--all] [--json OUT] [--limit N]

DIR holds plain-text articles (``*.txt``, UTF-8; first line = title), supplied by the user and kept outside the
repository (third-party text). Each goes through the full pipeline (``DEFAULT_STAGES``), and the script prints,
per article in name order, every fact event (``events.is_fact``; with ``--all`` every event with its flags) as
``source/code CAMEO PLOVER target/code (verb)`` under its sentence (``[title] …`` for an event of the headline),
then the totals: articles, fact events per
article, the events stage's share of the pipeline time (timed on a second pass, with everything loaded).
``--json`` writes the same rows for a judgement list.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph import Config, Document  # noqa: E402
from newsgraph.enrich.events import is_fact  # noqa: E402
from newsgraph.ingest import iter_sources  # noqa: E402
from newsgraph.pipeline import DEFAULT_STAGES, STAGES, Pipeline  # noqa: E402


def _flags(e: dict) -> str:
    return "".join(f" [{k}]" for k in ("negated", "hypothetical", "mention") if e.get(k))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--all", action="store_true", help="every event with its flags, not only facts")
    ap.add_argument("--json", help="write one row per printed event here (JSONL)")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    args = ap.parse_args(argv)
    files = sorted(str(p) for p in Path(args.dir).glob("*.txt"))[: args.limit]
    pipeline = Pipeline(Config(), stages=DEFAULT_STAGES)
    times = dict.fromkeys(pipeline.stages, 0.0)
    # warm-up outside the timings: one untimed pass over the same articles loads the models, knowledge bases,
    # dictionaries (an article the language identifier reads as another language loads the English ones) and the
    # GeoNames and ISO tables, once per process as in a long run; the timed pass is the steady state
    for source in iter_sources(files, Config()):
        if not isinstance(source, Exception):
            doc = Document(source=source)
            for name in pipeline.stages:
                doc = STAGES[name][0](doc, pipeline.context)
    rows, n_docs, n_events = [], 0, 0
    for source in iter_sources(files, Config()):
        if isinstance(source, Exception):
            print(f"! {source}", file=sys.stderr)
            continue
        doc = Document(source=source)
        for name in pipeline.stages:
            t0 = time.perf_counter()
            doc = STAGES[name][0](doc, pipeline.context)
            times[name] += time.perf_counter() - t0
        n_docs += 1
        name = Path(source.input).name
        shown = [e for e in doc.events if args.all or is_fact(e)]
        n_events += sum(is_fact(e) for e in doc.events)
        print(f"\n=== {name} ({len(shown)})")
        last = None
        for e in shown:
            ev = e["evidence"]
            sentence = (f"[title] {ev['sentence']}" if ev.get("part") == "title"
                        else doc.analysis_text[ev["start"]:ev["end"]].strip())
            if sentence != last:
                print(f"  | {sentence[:400]}")
                last = sentence
            src, tgt = e["source"] or {}, e["target"] or {}
            line = (f"{src.get('name')}/{src.get('code')} {e['cameo']} {e['plover']} "
                    f"{tgt.get('name')}/{tgt.get('code')} ({e['verb']}){_flags(e)}")
            print(f"    -> {line}")
            rows.append({"doc": name, "sentence": sentence, "event": line})
    total = sum(times.values()) or 1.0
    n = n_docs or 1
    print(f"\n{n_docs} articles, {n_events} fact events ({n_events / n:.2f} per article); events "
          f"{1000 * times['events'] / n:.1f} ms of {1000 * total / n:.1f} ms per article "
          f"({100 * times['events'] / total:.1f} %)")
    if args.json:
        Path(args.json).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
