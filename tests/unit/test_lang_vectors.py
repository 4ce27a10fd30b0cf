"""``float32_vectors``: a float16 static-vector table (how ro_newsgraph stores its ner's vectors) is widened at load,
because spaCy's StaticVectors fails on float16 (E896)."""
import numpy
import spacy

from newsgraph.lang import MODELS_DIR, float32_vectors, load


def test_float16_table_is_widened_and_values_kept():
    nlp = spacy.blank("ro")
    data = numpy.arange(12, dtype=numpy.float16).reshape(3, 4) / 8
    nlp.vocab.vectors = spacy.vectors.Vectors(data=data, keys=["a", "b", "c"], strings=nlp.vocab.strings)
    assert float32_vectors(nlp) is nlp
    assert nlp.vocab.vectors.data.dtype == numpy.float32
    assert (nlp.vocab.vectors.data == data.astype(numpy.float32)).all()
    assert (nlp.vocab["b"].vector == data[1].astype(numpy.float32)).all()


def test_no_vectors_and_float32_tables_are_left_alone():
    nlp = spacy.blank("ro")
    before = nlp.vocab.vectors.data
    assert float32_vectors(nlp).vocab.vectors.data is before


def test_bundled_romanian_pipeline_runs_its_ner():
    if not (MODELS_DIR / "ro_newsgraph").is_dir():
        return
    nlp = load("ro")
    assert nlp.vocab.vectors.data.dtype != numpy.float16
    doc = nlp("Președintele Klaus Iohannis a declarat luni la București că Guvernul României va discuta.")
    assert any(e.label_ == "PERSON" for e in doc.ents)
