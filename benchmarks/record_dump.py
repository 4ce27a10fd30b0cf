"""Canonical JSON of every record the full pipeline gives, to check that a speed change changes no output.

    python benchmarks/record_dump.py OUT.json [--corpus ro|en|both] [--extra DIR ...]

Runs ``Pipeline.pipe`` (every default stage, documents batched as in ``ingest``) over:
- ``ro``: the Romanian throughput corpus (the text dumps of ``../shared/data/extraction/dumps-dev`` and the seed),
  the bundled ``examples/`` and every ``--extra`` folder (e.g. ``/tmp/review-ro``: texts outside the repository);
- ``en``: the trafilatura dev pages (the English throughput corpus; the 400 pages, whatever their language).

For each document it writes ``Document.to_dict(include_raw=False)`` (less the source's ``ingested_at``) and a SHA-256 of every token's text, tag,
POS, morphology, lemma, dependency, head, entity tag and sentence start (the spaCy parse the stages read), as
JSON with sorted keys, one document per line. Two runs of the same code give byte-identical files; diff the
file of the code before a change with the one after (``cmp A B``).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from throughput import DUMPS, PAGES, corpus_files  # noqa: E402

from newsgraph import Config  # noqa: E402
from newsgraph.errors import InputError  # noqa: E402
from newsgraph.ingest import iter_sources  # noqa: E402
from newsgraph.pipeline import DEFAULT_STAGES, Pipeline  # noqa: E402


def parse_hash(parsed) -> str:
    h = hashlib.sha256()
    for t in parsed:
        h.update("\x1f".join((t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, str(t.head.i), t.ent_iob_,
                              t.ent_type_, str(t.is_sent_start))).encode("utf-8", "surrogatepass"))
        h.update(b"\x1e")
    return h.hexdigest()


def records(files: list[str]) -> list[str]:
    pipeline = Pipeline(Config(), stages=DEFAULT_STAGES, keep_nlp=True)
    lines = []
    for item in pipeline.pipe(iter_sources(files, pipeline.config)):
        if isinstance(item, InputError):
            lines.append(json.dumps({"error": str(item)}, sort_keys=True, ensure_ascii=False))
            continue
        d = item.to_dict(include_raw=False)
        d["source"].pop("ingested_at", None)  # the clock, not the analysis
        d["parse_sha256"] = parse_hash(item.nlp) if item.nlp is not None else None
        lines.append(json.dumps(d, sort_keys=True, ensure_ascii=False, default=str))
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--corpus", choices=("ro", "en", "both"), default="ro")
    ap.add_argument("--extra", type=Path, action="append", default=[], help="a folder of more inputs")
    ap.add_argument("--scratch", type=Path, default=Path(tempfile.gettempdir()) / "record_dump_corpus",
                    help="where to unpack the corpora (a fixed path: the records name their input files)")
    args = ap.parse_args()
    files: list[str] = []
    if args.corpus in ("ro", "both"):
        files += corpus_files("ro", args.scratch) if DUMPS.exists() else []
        files += sorted(str(p) for p in (ROOT / "examples").iterdir() if p.is_file())
        for folder in args.extra:
            files += sorted(str(p) for p in folder.iterdir() if p.is_file())
    if args.corpus in ("en", "both") and PAGES.exists():
        files += corpus_files("en", args.scratch)
    lines = records(files)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} records -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
