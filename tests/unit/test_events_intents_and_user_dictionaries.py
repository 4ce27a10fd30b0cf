"""Event coding rules of session 9 (issue 9): English intents, refusals and demands on general news, and the
PETRARCH dictionary semantics of UniversalPetrarch's re-coding (``{…}`` phrases, test-marker codes, a coding
ontology's negations, a user's dictionaries read as PETRARCH reads them). Sentences and dictionaries written for
these tests."""

import pytest
from conftest import code_events

from newsgraph.enrich.events.dictionaries import _connectors, parse_ontology, parse_verbs


def _code(texts, facts_only=True):
    return code_events(texts, "en", "2024-03-14", facts_only)


def _facts(evs):
    return [(e["source"]["code"], e["target"]["code"], e["cameo"], e["plover"]) for e in evs]


# ----------------------------------------------------------------------------------------------- English rules
def test_a_demands_patterns_stop_at_its_content_clause():
    [evs] = _code(["China demanded that the United States renounce its armed struggle against Japan."])
    assert evs and all(p == "REQUEST" for *_, p in _facts(evs))  # not a 110 through "against"


def test_a_stated_willingness_is_an_intent_by_the_speaker():
    [evs] = _code(["Syria says it is willing to withdraw its troops from Lebanon."])
    assert [(s, c[:3], p) for s, _, c, p in _facts(evs)] == [("SYR", "035", "AGREE")]
    [neg] = _code(["Syria says it is not willing to withdraw its troops from Lebanon."])
    assert all(p != "AGREE" for *_, p in _facts(neg))


def test_a_negated_future_cooperation_is_a_refusal():
    [evs] = _code(["Jordan said it will not accept any more refugees from Syria."])
    assert any(s == "JOR" and c.startswith("12") and p == "REJECT" for s, _, c, p in _facts(evs))
    [past] = _code(["Jordan did not accept any more refugees from Syria."])
    assert past == []  # a negated act that happened is no event


def test_withdrawing_peacekeepers_is_a_sanction_and_announcing_it_a_threat():
    done, announced = _code(["Nigeria withdrew its peacekeepers from Chad.",
                             "Nigeria announced that it will withdraw its peacekeepers from Chad."])
    assert ("NGA", "TCD", "1661", "SANCTION") in _facts(done)
    assert any(s == "NGA" and p == "THREATEN" for s, _, _, p in _facts(announced))


def test_continuing_an_act_is_doing_it():
    [evs] = _code(["The United States continued to send arms to Pakistan last year."])
    assert ("USA", "PAK", "072", "AID") in _facts(evs)


# ------------------------------------------------------------------------------------- PETRARCH dictionaries
ONTOLOGY = """
# a coding ontology in UniversalPetrarch's format: each code a sum of hexadecimal terms, alternatives after '#'
050:0x0080#Diplomatic cooperation
060:0x0070#Material cooperation
110:0x1007f#0xFFFF+0x0080#0x7000#Disapprove
121:-0xFFFF+0x0070
190:0x00A0#Fight
"""

VERBS = """
&KINDS
+TRADE
+CULTURAL

--- CLASH  [223]  ---
CLASH
- * (OVER EFFORTS)  [110]

--- WELCOME  [050]  ---
WELCOME
- * {&KINDS MEMOS}  [912]
- * {FULL TIES}  [+++]

--- SAY  [010]  ---
SAY
"""

ACTORS = """
VALMAR [VAL]
TIRION [TIR]
"""


def test_ontology_negations():
    neg = parse_ontology(ONTOLOGY)
    assert neg["110"] == "050" and neg["060"] == "121" and "190" not in neg


def test_braces_are_a_phrase_and_test_markers_are_no_codes():
    assert _connectors("{&KINDS MEMOS} (FROM)") == [False, True, False]
    assert _connectors("(OVER EFFORTS)") == [False, False]
    blocks: list = []
    verbs = parse_verbs(VERBS, None, blocks)
    assert [p[2] for p in blocks[verbs["WELCOME"][0]["block"]]] == ["912"]  # "[+++]" is skipped


@pytest.fixture(scope="module")
def code(tmp_path_factory):
    from newsgraph.enrich.events import code_records

    folder = tmp_path_factory.mktemp("ud_dicts")
    (folder / "test.verbs.txt").write_text(VERBS)
    (folder / "test.actors.txt").write_text(ACTORS)
    (folder / "test.Internal.Coding.Ontology.txt").write_text(ONTOLOGY)

    def run(text, dyad=True):
        rec = {"id": 1, "text": text, "date": "20000101", "config": {"require_dyad": str(dyad).lower()}}
        [out] = code_records([rec], "en", str(folder), facts_only=False)
        return sorted((e["source"]["code"], e["target"]["code"], e["cameo"]) for e in out["events"])
    return run


def test_a_negated_code_through_the_ontology(code):
    assert code("Valmar did not clash over the efforts of Tirion.") == [("VAL", "TIR", "050")]
    assert code("Valmar clashed over the efforts of Tirion.") == [("VAL", "TIR", "110")]


def test_a_phrase_in_braces_needs_its_words_together(code):
    assert code("Valmar welcomed cultural memos from Tirion.") == [("VAL", "TIR", "912")]
    assert code("Valmar welcomed cultural secret memos from Tirion.") == [("VAL", "TIR", "050")]


def test_a_users_dictionaries_code_speech_verbs_as_they_say(code):
    # newsgraph's general-news rule (a speech verb with a content clause is no event) is for its own dictionaries
    assert any(s == "VAL" and c == "010" for s, _, c in code("Valmar said that it had talked to Tirion.", dyad=False))
