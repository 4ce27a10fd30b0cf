"""cProfile of the whole newsgraph pipeline over throughput.py's corpus (where the CPU time goes, docs/scale.md).

    python benchmarks/profile_pipeline.py [--corpus ro|en] [--passes 2] [--top 30] [--scratch DIR]

One warm-up pass (models loaded, caches filled), then ``--passes`` passes of ``Pipeline.pipe`` over the raw sources
that ``benchmarks/throughput.py`` times, profiled on CPU time (``time.process_time``); prints the top functions by
own time and by cumulative time. cProfile adds a cost per Python call, so Python-heavy stages look larger than
they are; Cython code that is not compiled for profiling (spaCy's parser and NER loops) is charged to its Python
caller (``spacy.util._pipe``). Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import cProfile  # noqa: E402
import pstats  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import throughput  # noqa: E402

from newsgraph import Config  # noqa: E402
from newsgraph.pipeline import DEFAULT_STAGES, Pipeline  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", choices=("ro", "en"), default="ro")
    ap.add_argument("--passes", type=int, default=2)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--scratch", type=Path, default=None)
    args = ap.parse_args()
    needed = throughput.DUMPS if args.corpus == "ro" else throughput.PAGES
    if not needed.exists():
        print(f"skipped: {needed} is absent")
        return 0
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="newsgraph-profile-"))
    config = Config()
    sources = throughput.select(throughput.corpus_files(args.corpus, scratch), args.corpus, config)
    pipeline = Pipeline(config, stages=DEFAULT_STAGES)
    list(pipeline.pipe(sources))  # warm-up
    prof = cProfile.Profile(time.process_time)
    prof.enable()
    for _ in range(args.passes):
        list(pipeline.pipe(sources))
    prof.disable()
    stats = pstats.Stats(prof)
    stats.sort_stats("tottime").print_stats(args.top)
    stats.sort_stats("cumtime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
