"""CPU time of each part of story placement during a structure-only ingest of N generated articles (or, with
``--ratio``, the ingest's CPU time with stories and without, in one process).

    python benchmarks/story_parts.py [--n 1000] [--stages full]
    python benchmarks/story_parts.py --n 1000 --ratio 3 [--stages full]   # with/without stories, in one process

The articles are ``ingest_scale.py``'s (one month, template text); the ingest runs in this process with stories
on, and each part of the placement (``Clusterer`` steps, ``SqlStoryState`` queries) is wrapped to add up its
CPU time (``time.process_time``: on a shared machine steadier than the wall clock). Parts nest (``add``
holds everything, ``add_features`` the placement after the features and the fingerprint)."""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from argparse import Namespace
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from ingest_scale import write_articles  # noqa: E402

CLUSTERER = ("add", "add_features", "_original", "_story_scores", "_reid")
FUNCTIONS = ("features_of", "fingerprint", "folded", "similarity")
STATE = ("band_candidates", "many", "put", "joined", "touched", "rename", "_central", "get", "by_content",
         "entity_weights", "first_member", "refresh", "_title_candidates", "postings", "begin")


def ratio(n: int, rounds: int, stages: str) -> None:
    """The cost of stories as a ratio in one process (no interpreter start or imports in the figures): one
    ingest with stories to warm up (models, caches), then ``rounds`` times with stories and without, fresh
    stores; CPU time (``time.process_time``) and wall time of each."""
    from newsgraph.batch import ingest
    from newsgraph.cli import stages_from
    from newsgraph.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        src = write_articles(Path(tmp) / "articles.jsonl", n)

        def one(stories: bool, name: str) -> tuple[float, float]:
            with open_store(str(Path(tmp) / f"{name}.db")) as store:
                cpu, wall = time.process_time(), time.perf_counter()
                ingest([str(src)], store, stages=stages_from(Namespace(stages=stages)), stories=stories)
                return time.process_time() - cpu, time.perf_counter() - wall

        one(True, "warm")
        series = []
        print(f"| round | CPU s with / without ({n} articles, {stages}) | ratio | wall s with / without | ratio |\n"
              "|---:|---:|---:|---:|---:|")
        for r in range(1, rounds + 1):
            (con, won), (coff, woff) = one(True, f"on{r}"), one(False, f"off{r}")
            series.append(con / coff)
            print(f"| {r} | {con:.2f} / {coff:.2f} | {con / coff:.2f} | {won:.2f} / {woff:.2f} | {won / woff:.2f} |",
                  flush=True)
        print(f"CPU-time ratios: {', '.join(f'{x:.2f}' for x in series)} (median {sorted(series)[len(series) // 2]:.2f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--ratio", type=int, default=0, metavar="ROUNDS",
                    help="instead: ingest with stories and without, alternately, ROUNDS times in this process")
    ap.add_argument("--stages", default="structure", help="structure or full")
    args = ap.parse_args()
    n = args.n
    if args.ratio:
        ratio(n, args.ratio, args.stages)
        return
    from newsgraph.batch import ingest
    from newsgraph.cli import stages_from
    from newsgraph.store import open_store
    from newsgraph.store.stories_sql import SqlStoryState

    cluster = sys.modules["newsgraph.stories.cluster"]  # (the package's ``cluster`` is a function of that name)
    spent: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)

    def wrap(owner, name: str) -> None:
        f = getattr(owner, name, None)
        if f is None:  # (an older state without this step)
            return

        @functools.wraps(f)
        def timed(*args, **kwargs):
            t = time.process_time()
            try:
                return f(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - t
                calls[name] += 1
        setattr(owner, name, timed)

    for name in CLUSTERER:
        wrap(cluster.Clusterer, name)
    for name in FUNCTIONS:
        wrap(cluster, name)
    for name in STATE:
        wrap(SqlStoryState, name)
    with tempfile.TemporaryDirectory() as tmp:
        src = write_articles(Path(tmp) / "articles.jsonl", n)
        with open_store(str(Path(tmp) / "b.db")) as store:
            cpu = time.process_time()
            ingest([str(src)], store, stages=stages_from(Namespace(stages=args.stages)), stories=True)
            cpu = time.process_time() - cpu
    print(f"ingest of {n} articles ({args.stages}) with stories: {cpu:.2f} s CPU ({cpu / n * 1000:.2f} ms an article)")
    print("| part | calls | CPU s | ms an article |\n|---|---:|---:|---:|")
    for name, s in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {calls[name]} | {s:.3f} | {s / n * 1000:.3f} |")


if __name__ == "__main__":
    main()
