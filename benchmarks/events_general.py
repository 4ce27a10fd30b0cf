"""Events on general news: events per article, the events stage's share of the pipeline time, and a sample to judge.

    python benchmarks/events_general.py [--limit N] [--sample 60] [--seed 4] [--dump EVENTS.jsonl]

Runs the full pipeline (``DEFAULT_STAGES``: extraction, language, spaCy, entities, timex, quotes, events), one
stage at a time with its own timer, over
- the trafilatura dev pages (``../shared/data/extraction/trafilatura-dev/pages.tar.xz``) the pipeline reads as
  English with a body (general web news and blogs: the English precision check of issue 9, item 4), and
- the bundled examples (``examples/``), English and Romanian;
and prints per corpus: articles, fact events per article (``events.is_fact``, what ``newsgraph events`` prints),
and the events stage's milliseconds per article beside the whole pipeline's (goal ≤ 15 %). ``--sample N`` prints
N fact events drawn at random (fixed ``--seed``) from the pages, each with its sentence, for judging by eye;
``--dump`` writes every fact event with its sentence. Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tarfile
import tempfile
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
PAGES = ROOT.parent / "shared" / "data" / "extraction" / "trafilatura-dev" / "pages.tar.xz"

from newsgraph import Config, Document  # noqa: E402
from newsgraph.enrich.events import is_fact  # noqa: E402
from newsgraph.errors import InputError  # noqa: E402
from newsgraph.ingest import iter_sources  # noqa: E402
from newsgraph.pipeline import DEFAULT_STAGES, STAGES, Pipeline  # noqa: E402


def run(pipeline: Pipeline, sources, lang: str | None) -> tuple[list, dict]:
    """Documents (of ``lang`` if given, with a body) and the seconds each stage took over them."""
    docs, times = [], dict.fromkeys(pipeline.stages, 0.0)
    for source in sources:
        doc, spent = Document(source=source), {}
        try:
            for name in pipeline.stages:
                t0 = time.perf_counter()
                doc = STAGES[name][0](doc, pipeline.context)
                spent[name] = time.perf_counter() - t0
                if name == "language" and lang and (not doc.language or doc.language.code != lang or not doc.body):
                    doc = None
                    break
        except InputError:
            doc = None
        if doc is None or not doc.body:
            continue
        docs.append(doc)
        for k, v in spent.items():
            times[k] += v
    return docs, times


def report(name: str, docs: list, times: dict) -> None:
    n = len(docs) or 1
    facts = sum(sum(is_fact(e) for e in d.events) for d in docs)
    total = sum(times.values())
    print(f"{name}: {len(docs)} articles, {facts} fact events ({facts / n:.2f} per article); "
          f"events {1000 * times['events'] / n:.1f} ms of {1000 * total / n:.1f} ms per article "
          f"({100 * times['events'] / total if total else 0:.1f} %); nlp {1000 * times['nlp'] / n:.1f} ms")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, help="only the first N pages")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--dump", help="write every fact event of the pages with its sentence here (JSONL)")
    args = ap.parse_args(argv)
    pipeline = Pipeline(Config(), stages=DEFAULT_STAGES)
    examples = sorted(str(p) for p in (ROOT / "examples").glob("*") if p.suffix in (".txt", ".html"))
    # warm-up: models, knowledge base and the events' GeoNames table (once per process) loaded outside the timings
    run(pipeline, [s for s in iter_sources(examples, Config()) if not isinstance(s, InputError)], None)
    for lang in ("en", "ro"):
        srcs = [s for s in iter_sources([e for e in examples if Path(e).name.startswith(lang)], Config())
                if not isinstance(s, InputError)]
        docs, times = run(pipeline, srcs, lang)
        report(f"examples ({lang})", docs, times)
        for d in docs:
            print(f"  {Path(d.source.input).name}: " + "; ".join(
                f"{e['source']['name']}/{e['source']['code']} {e['cameo']} {e['plover']} "
                f"{e['target']['name']}/{e['target']['code']}" for e in d.events if is_fact(e)))
    if not PAGES.exists():
        print(f"skipped the pages: {PAGES} not found")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(PAGES) as tf:
            tf.extractall(tmp, filter="data")
        files = sorted(str(p) for p in Path(tmp).rglob("*.htm*"))[: args.limit]
        srcs = [s for s in iter_sources(files, Config()) if not isinstance(s, InputError)]
        docs, times = run(pipeline, srcs, "en")
    report("trafilatura dev pages read as English", docs, times)
    rows = []
    for d in docs:
        for e in d.events:
            if is_fact(e):
                ev = e["evidence"]
                rows.append({"doc": Path(d.source.input).name, "sentence": d.analysis_text[ev["start"]:ev["end"]],
                             "verb": e["verb"], "source": e["source"]["name"], "source_code": e["source"]["code"],
                             "cameo": e["cameo"], "plover": e["plover"], "target": e["target"]["name"],
                             "target_code": e["target"]["code"]})
    if args.dump:
        Path(args.dump).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    for r in random.Random(args.seed).sample(rows, min(args.sample, len(rows))):
        print(f"\n[{r['doc']}] {r['sentence'].strip()[:300]}\n  -> {r['source']}/{r['source_code']} "
              f"{r['cameo']} {r['plover']} ({r['verb']}) {r['target']}/{r['target_code']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
