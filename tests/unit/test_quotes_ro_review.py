"""Quotes on real Romanian news: kinds of errors found in the real-text review (docs/models.md), each with a
sentence written for the test."""

import pytest

from newsgraph import Config, Pipeline, Source
from newsgraph.enrich.quotes import find_quotes
from newsgraph.lang import MODELS_DIR

needs_model = pytest.mark.skipif(not (MODELS_DIR / "ro_newsgraph").is_dir(), reason="Romanian model not built")


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Config(), stages=("extract", "language", "nlp", "entities", "timex", "quotes"))


def quotes(pipeline, body: str) -> list[dict]:
    return pipeline(Source.make("t.txt", "text", "Titlu de test pentru citate\n" + body)).quotes


def test_page_messages_are_not_quotes():
    # a video player's or a site's own error text is never speech, with or without a frame
    text = ("Utilizatorii au văzut un mesaj care spunea: „S-a produs o eroare. Încercați să reîncărcați pagina”, "
            "relatează publicația.")
    assert find_quotes(text, "ro") == []
    assert find_quotes('Visitors saw a banner that read "Something went wrong. Try reloading."', "en") == []


@needs_model
def test_quoted_term_after_a_noun_is_not_a_quote(pipeline):
    qs = quotes(pipeline, "Ion Vasilescu a arătat jurnaliștilor un contract de „cesiune de părți sociale” semnat luni. "
                          "Guvernul a aderat la propunerea NATO privind „Fondul comun pentru drone”, a anunțat ministerul.")
    assert not any("cesiune" in q["text"] or "Fondul comun" in q["text"] for q in qs), qs


@needs_model
def test_partial_quote_after_a_verb_and_preposition_stays(pipeline):
    qs = quotes(pipeline, "Purtătoarea de cuvânt a ministerului, Ana Petrescu, a acuzat Statele Unite de "
                          "„provocare agresivă” după incident.")
    assert [(q["text"], q["speaker"]) for q in qs] == [("provocare agresivă", "Ana Petrescu")]


@needs_model
def test_institution_speaks_through_its_report_and_its_people(pipeline):
    qs = quotes(pipeline, "Un raport al Avocatului Poporului arată că multe case de pensii nu respectă termenele. "
                          "Procurorii DNA, cu care omul de afaceri Ion Vasilescu a făcut o înțelegere, au numit "
                          "cazul drept unul de „fraudă la scară mare”.")
    by_text = {q["text"]: q for q in qs}
    report = by_text["multe case de pensii nu respectă termenele"]
    assert report["speaker"] == "Avocatul Poporului" and report["speaker_id"] == "org:avocatul-poporului"
    fraud = by_text["fraudă la scară mare"]
    assert fraud["speaker"] == "Procurorii DNA" and fraud["speaker_id"] == "org:directia-nationala-anticoruptie"


@needs_model
def test_a_role_with_its_complement_speaks_not_the_complement(pipeline):
    # "Ministrul Mediului": the role's genitive complement is no name; the role phrase is the (unnamed) speaker,
    # and "Oficialul" after it refers back to it. A role before a surname still gives the name.
    qs = quotes(pipeline, "Ministrul Transporturilor a declarat că „podul va fi redeschis luni”. Oficialul a adăugat "
                          "că lucrările continuă. Primarul Vasilescu a spus că „nimeni nu a fost rănit”.")
    assert [(q["speaker"], q["text"][:12]) for q in qs] == [
        ("Ministrul Transporturilor", "podul va fi "), ("Ministrul Transporturilor", "lucrările co"),
        ("Vasilescu", "nimeni nu a ")], qs
