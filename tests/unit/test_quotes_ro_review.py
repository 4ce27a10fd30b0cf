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


@needs_model
def test_quote_over_several_paragraphs_has_the_speaker_of_its_end(pipeline):
    # opened in one paragraph, closed in a later one (the paragraphs between hold no mark): one quote, whose
    # frame follows its last paragraph
    qs = quotes(pipeline, "Primarul Dan Mihalache a vorbit despre buget.\n\n"
                          "„Am discutat toată ziua cu consilierii. Nu am ajuns la o decizie.\n\n"
                          "Vom avea o nouă ședință săptămâna viitoare.\n\n"
                          "Orașul are nevoie de investiții în școli”, a spus Dan Mihalache, după ședință.")
    q = next(q for q in qs if "Am discutat toată ziua" in q["text"])
    assert "Vom avea o nouă ședință" in q["text"] and "investiții în școli" in q["text"]
    assert q["speaker"] == "Dan Mihalache"


def test_a_paragraph_opening_a_new_quote_does_not_continue_the_open_one():
    text = ("„Am discutat toată ziua cu consilierii. Nu am ajuns la o decizie.\n\n"
            "„Vom avea o nouă ședință”, a spus Dan Mihalache.")
    qs = find_quotes(text, "ro")
    assert not any("consilierii" in q["text"] and "ședință" in q["text"] for q in qs), qs
    assert any(q["text"] == "Vom avea o nouă ședință" for q in qs), qs


def test_sloppy_quotation_marks_open_and_close_a_quote():
    # “…“ (the opening mark typed again to close) and ”…” (the closing mark typed to open)
    qs = find_quotes("“Mă așteptam la această decizie a instanței“, a declarat Ion Vasilescu, la ieșire.", "ro")
    assert [q["text"] for q in qs] == ["Mă așteptam la această decizie a instanței"] and qs[0]["speaker"] == "Ion Vasilescu"
    qs = find_quotes("”Am jucat un meci foarte bun, iar victoria este meritată”, a spus Ion Vasilescu la final.", "ro")
    assert [q["text"] for q in qs] == ["Am jucat un meci foarte bun, iar victoria este meritată"]
    assert qs[0]["speaker"] == "Ion Vasilescu"


@needs_model
def test_a_person_named_right_before_the_colon_speaks(pipeline):
    qs = quotes(pipeline, "La conferința de presă a fost prezent și jucătorul Mihai Rusu: „Am muncit mult și am "
                          "meritat victoria în fața unui adversar bun”.")
    q = next(q for q in qs if "Am muncit mult" in q["text"])
    assert q["speaker"] == "Mihai Rusu", q


@needs_model
def test_the_head_of_a_company_is_a_person_role(pipeline):
    qs = quotes(pipeline, "Directorul fabricii, Ion Vasilescu, a prezentat rezultatele anului. „Am avut un an foarte "
                          "bun pentru toată echipa noastră”, a spus el. Totodată, conducătorul a menționat: „Vom "
                          "investi în utilaje noi anul viitor”.")
    q = next(q for q in qs if "utilaje noi" in q["text"])
    assert q["speaker"] == "Ion Vasilescu", q
