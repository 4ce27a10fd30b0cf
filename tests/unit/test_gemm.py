"""lang/gemm.py: the pipelines' dense layers multiply through numpy's BLAS and annotate as with thinc's BLIS."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
from thinc.api import NumpyOps

from newsgraph.lang import _load, load
from newsgraph.lang.gemm import numpy_gemm

ROOT = Path(__file__).resolve().parents[2]
TEXTS = {"ro": [ROOT / "examples" / "ro-inundatii-moldova.txt"],
         "en": [ROOT / "examples" / "en-port-strike.txt", ROOT / "tests" / "fixtures" / "en-kim-putin.txt"]}


def _read(doc):
    return ([(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start, t.ent_iob_,
              t.ent_type_) for t in doc], [(e.start, e.end, e.label_) for e in doc.ents])


def _blis(nlp) -> list:
    """Every layer's ops, as loaded by spaCy."""
    return [node.ops for _, proc in nlp.components if hasattr(getattr(proc, "model", None), "walk")
            for node in proc.model.walk()]


@pytest.mark.parametrize("code", ["ro", "en"])
def test_loaded_pipelines_multiply_without_blis(code):
    ops = _blis(load(code))
    assert ops and all(isinstance(o, NumpyOps) and not o.use_blis for o in ops)


@pytest.mark.parametrize("code", ["ro", "en"])
def test_same_annotations_as_with_blis(code):
    fast = load(code)
    plain = _load(code)
    for _, proc in plain.components:  # undo it on a second copy: thinc's default ops
        if hasattr(getattr(proc, "model", None), "walk"):
            for node in proc.model.walk():
                node.ops = NumpyOps()
    texts = [p.read_text("utf-8") for p in TEXTS[code] if p.exists()]
    assert texts
    for a, b in zip(fast.pipe(texts), plain.pipe(texts)):
        assert len(a) > 100
        assert _read(a) == _read(b)
        assert numpy.allclose(a.tensor, b.tensor, atol=1e-4)
    assert numpy_gemm(plain) > 0 and numpy_gemm(plain) == 0  # idempotent: nothing left to change


def test_worker_processes_get_one_blas_thread(monkeypatch):
    """batch.process spawns its workers with one BLAS thread each (numpy's OpenBLAS would start one per core),
    keeps a value the user set, and leaves the parent's environment as it was."""
    import os

    from newsgraph.batch import _one_blas_thread

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    with _one_blas_thread():
        assert os.environ["OPENBLAS_NUM_THREADS"] == "1" and os.environ["OMP_NUM_THREADS"] == "3"
    assert "OPENBLAS_NUM_THREADS" not in os.environ and os.environ["OMP_NUM_THREADS"] == "3"
