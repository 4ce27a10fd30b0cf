"""Romanian event recall rules from the third review of real published articles (docs/changelog.md, "Events": "Session 11"):
agentless passives of acts only a state does, event nouns with a role or acronym as agent, and the headline.
Sentences written for these tests (not taken from the articles)."""

import pytest

from newsgraph.enrich.events import code_records, is_fact


@pytest.fixture(scope="module")
def ro_model():
    from newsgraph.lang import load

    if "parser" not in load("ro").pipe_names:
        pytest.skip("the bundled Romanian model (with a parser) is not installed yet")


def _code(texts):
    recs = [{"id": i, "text": t, "date": "2025-03-04"} for i, t in enumerate(texts)]
    return [o["events"] for o in code_records(recs, "ro", None, require_dyad=False, facts_only=False)]


def _rows(events):
    return [(e["cameo"], e["source"]["code"] or "", e["target"]["code"] or "", is_fact(e), bool(e.get("implicit")))
            for e in events]


def test_agentless_detention_has_the_state_of_its_place_as_source(ro_model):
    got = _rows(_code(["Doi cetățeni ruși au fost arestați în nordul Ungariei, acuzați de spionaj."])[0])
    assert [g for g in got if g[0] == "173" and g[1] == "HUN" and g[3] and g[4]], got


def test_agentless_arrest_of_officials_has_their_state_as_source(ro_model):
    got = _rows(_code(["Doi funcționari ai Ministerului Transporturilor au fost arestați preventiv."])[0])
    assert [g for g in got if g[0] == "173" and g[1] == "ROU" and g[2].startswith("ROUGOV") and g[4]], got


def test_agentless_detention_without_place_or_state_patient_is_not_coded(ro_model):
    got = _rows(_code(["Doi turiști au fost reținuți după un scandal."])[0])
    assert not [g for g in got if g[0].startswith("17")], got


def test_an_agentless_repetition_of_a_named_detention_is_one_event(ro_model):
    got = _rows(_code(["Primarul comunei a fost reținut de procurorii DNA. Primarul a fost arestat preventiv "
                       "pentru 30 de zile."])[0])
    coerce = [g for g in got if g[0] == "173"]
    assert len(coerce) == 1 and coerce[0][1] == "ROUJUD", got


def test_one_implicit_event_per_act(ro_model):
    got = _rows(_code(["Doi diplomați au fost arestați în Polonia. Suspecții au fost reținuți la Varșovia și "
                       "arestați preventiv pentru trei luni."])[0])
    assert len([g for g in got if g[0] == "173" and g[4]]) == 1, got


def test_event_noun_with_a_role_in_the_genitive_as_agent(ro_model):
    got = _rows(_code(["Vizita premierului Ilie Bolojan la Paris s-a încheiat joi."])[0])
    assert [g for g in got if g[0] == "042" and g[1] == "ROUGOV" and g[2].startswith("FRA") and g[3]], got


def test_event_noun_with_an_acronym_as_agent(ro_model):
    got = _rows(_code(["O descindere a DNA la Primăria Sectorului 3 a durat zece ore."])[0])
    assert [g for g in got if g[0].startswith("09") and g[1] == "ROUJUD" and g[2].startswith("ROUGOV")], got


def _pipeline_events(text):
    from newsgraph import Config, Document
    from newsgraph.document import Source
    from newsgraph.pipeline import DEFAULT_STAGES, STAGES, Pipeline

    p = Pipeline(Config(), stages=DEFAULT_STAGES)
    doc = Document(source=Source.make("t", "text", text))
    for name in p.stages:
        doc = STAGES[name][0](doc, p.context)
    return doc


def test_headline_act_the_body_does_not_report_is_coded(ro_model):
    doc = _pipeline_events("Rusia atacă Ucraina cu drone\nSpecialiștii au analizat componentele găsite în "
                           "resturile dronelor, iar concluziile vor fi publicate luna viitoare.")
    title = [e for e in doc.events if e["evidence"].get("part") == "title"]
    assert [e for e in title if e["cameo"].startswith("19") and e["source"]["code"] == "RUS"
            and e["target"]["code"] == "UKR"], doc.events
    assert all(e["evidence"]["start"] is None for e in title)
    # the same evidence shape as a body event: ``sentence`` an index, the title itself as ``text``
    assert all(isinstance(e["evidence"]["sentence"], int) for e in doc.events), doc.events
    assert all(e["evidence"]["text"] == "Rusia atacă Ucraina cu drone" for e in title)


def test_headline_act_the_body_reports_is_not_coded_twice(ro_model):
    doc = _pipeline_events("Rusia atacă Ucraina cu drone\nRusia a atacat Ucraina cu drone în noaptea de marți.")
    assert not [e for e in doc.events if e["evidence"].get("part") == "title"], doc.events
    assert [e for e in doc.events if e["cameo"].startswith("19")], doc.events


def test_headline_with_a_speaker_colon_is_not_coded(ro_model):
    doc = _pipeline_events("Ion Popescu: Rusia atacă Ucraina cu drone\nAnalistul a vorbit despre război.")
    assert not [e for e in doc.events if e["evidence"].get("part") == "title"], doc.events


def test_charges_by_support_verb_continue_the_case_of_the_sentence_before(ro_model):
    got = _rows(_code(["Un primar din județul Vaslui a fost reținut de procurorii DNA. Procurorii au dispus "
                       "punerea în mișcare a acțiunii penale pentru luare de mită."])[0])
    assert [g for g in got if g[0].startswith("112") and g[1] == "ROUJUD" and g[2].startswith("ROUGOV")], got
