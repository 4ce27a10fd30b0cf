"""PETRARCH dictionary semantics the coder follows (issue 9): ``_`` ties pattern words, synonym-set plurals and
embedded sets, ``$``/``+`` roles and the preposition before them, ``%`` compound actors, symmetric codes with a
missing side, negations spelled out by a pattern, ``A/B`` actor codes, coordinated agents, verbs marked ``+``
after their particles, date ranges written with spaces. Dictionaries and sentences written for these tests."""

import pytest

from newsgraph.enrich.events.dictionaries import _parse_code, parse_actors, parse_verbs

VERBS = """
&BADAUX
+DID N'T
+WILL NOT

&KINDS_
+TRADE
+CULTURAL

&MORE
+&KINDS
+CLOSER

&PACT
+TREATY

--- DROP  [120]  ---
DROP
- * FRESH_&KINDS_LINKS  [901]
- &BADAUX * OVER PLANS  [902]
- * OVER PLANS  [903]

--- FETCH  [070]  ---
FETCH
- + * GRAIN FROM $  [071]
- * GIFTS AT ^ WITH +  [072]

--- RELEASE  [066]  ---
RELEASE
- + * FROM $  [067]

--- SHOUT  [160]  ---
SHOUT
- * AT ^ +  [162]

--- POSTPONE  [191]  ---
POSTPONE
- % HAVE *  [192]

--- REVIVE  [---]  ---
REVIVE
- * FORMAL TIES  [064:064]

--- BELIEVE  [023]  ---
BELIEVE

--- INDICATE  [023]  ---
INDICATE

--- SPY  [1711]  ---
RADIO_+SPY {RADIO_+SPIED}
"""

ACTORS = """
VALMAR [VAL]
+EL-VALMAR
TIRION [TIR]
+TIRIONESE
LINDON [LIN]
THE_HAVENS  [CIR/ELW]
BELERIAND  # a realm with a history
\t[BELREB < 950601]
\t[BELGOV 19950601 - 19990815]
\t[BELOPP > 990816]
"""

AGENTS = """
MINISTER [~GOV]
PEACE_ENVOY [~ENV]
RELIEF_BODY {} [NGO~]
PRESS [~MED]
GOVERNMENT [~GOV]
"""


def test_parse_connectors_roles_negation_and_synsets():
    blocks: list = []
    verbs = parse_verbs(VERBS, None, blocks)
    pats = {p[2]: p for p in blocks[verbs["DROP"][0]["block"]]}
    assert pats["901"][1][1] == ["TRADE", "CULTURAL"]  # "&KINDS_": no plurals
    assert pats["901"][3]["glue_a"] == [False, True, True]
    assert pats["902"][3]["neg"] is True and "neg" not in (pats["903"][3:] or [{}])[0]
    b2: list = []
    more = parse_verbs("&KINDS\n+TRADE\n+CULTURAL\n\n&MORE\n+&KINDS\n+CLOSER\n\n--- X [010] ---\nX\n- * &MORE [011]\n",
                       None, b2)
    assert b2[more["X"][0]["block"]][0][1] == [["TRADE", "TRADES", "CULTURAL", "CULTURALS", "CLOSER", "CLOSERS"]]
    fetch = {p[2]: p[3] for p in blocks[verbs["FETCH"][0]["block"]]}
    assert fetch["071"] == {"src": "a", "tgt": "b", "src_prep": "from"}
    assert fetch["072"]["tgt"] == "a" and fetch["072"]["tgt_prep"] == "with"
    assert blocks[verbs["POSTPONE"][0]["block"]][0][3]["compound"] is True
    assert verbs["SPIED"][0]["pre"] == ["RADIO"] and "RADIO" not in verbs


def test_date_ranges_may_have_spaces():
    assert _parse_code("BELGOV 19950601 - 19990815") == ["BELGOV", 19950601, 19990815]
    assert _parse_code("BELREB < 950601") == ["BELREB", None, 19950601]
    codes: list = []
    parse_actors(ACTORS, None, codes)
    from newsgraph.enrich.events.dictionaries import _dated
    belgov = next(c for c in codes if any(x[0] == "BELGOV" for x in c))
    assert _dated(belgov, 19970101) == "BELGOV" and _dated(belgov, 20050101) == "BELOPP"


@pytest.fixture(scope="module")
def code(tmp_path_factory):
    from newsgraph.enrich.events import code_records

    folder = tmp_path_factory.mktemp("dicts")
    (folder / "test.verbs.txt").write_text(VERBS)
    (folder / "test.actors.txt").write_text(ACTORS)
    (folder / "test.agents.txt").write_text(AGENTS)

    def run(text, date="19970101", dyad=True):
        rec = {"id": 1, "text": text, "date": date, "config": {"require_dyad": str(dyad).lower()}}
        [out] = code_records([rec], "en", str(folder), facts_only=False)
        return sorted((e["source"]["code"], e["target"]["code"], e["cameo"]) for e in out["events"])
    return run


def test_underscore_ties_words_a_space_allows_some(code):
    assert code("Valmar dropped fresh trade links with Tirion.") == [("VAL", "TIR", "901")]
    assert code("Valmar dropped fresh new trade links with Tirion.") == [("VAL", "TIR", "120")]


def test_negation_is_coded_only_when_a_pattern_spells_it(code):
    assert code("Valmar didn't drop Tirion over plans for a bridge.") == [("VAL", "TIR", "902")]
    assert code("Valmar did not fetch Tirion.") == []


def test_source_and_target_where_the_pattern_puts_them(code):
    assert code("Valmar fetched grain from Tirion.") == [("TIR", "VAL", "071")]
    assert code("Valmar fetched gifts at Lindon with Tirion.") == [("VAL", "TIR", "072")]


def test_compound_and_symmetric_codes_pair_the_members(code):
    assert code("Valmar and Tirion have postponed the fair.") == [("TIR", "VAL", "192"), ("VAL", "TIR", "192")]
    assert code("Valmar postponed the fair.") == []
    assert code("Valmar and Tirion revived formal ties.") == [("TIR", "VAL", "064"), ("VAL", "TIR", "064")]


def test_slash_codes_and_coordinated_agents(code):
    assert code("The Havens and Lindon fetched Valmar.") == [("CIR", "VAL", "070"), ("ELW", "VAL", "070"),
                                                            ("LIN", "VAL", "070")]
    assert code("Tirionese press and government fetched Valmar.") == [("TIRGOV", "VAL", "070"),
                                                                     ("TIRMED", "VAL", "070")]


def test_listed_actors_however_parsed_and_date_restricted_codes(code):
    assert ("LIN", "TIR", "070") in code("Lindon and the proud old Valmar fetched Tirion.")
    assert code("Beleriand fetched Tirion.", "19970101") == [("BELGOV", "TIR", "070")]
    assert code("Beleriand fetched Tirion.", "20050101") == [("BELOPP", "TIR", "070")]


def test_verb_marked_after_its_particle(code):
    assert code("Soldiers of Valmar radio spied on Tirion.") == [("VAL", "TIR", "1711")]


def test_regular_forms_when_the_lemma_is_off():
    from newsgraph.enrich.events.phrases import regular_bases

    assert "STAGE" in regular_bases("STAGED") and "TAP" in regular_bases("TAPPING")
    assert "CARRY" in regular_bases("CARRIED") and "FETCH" in regular_bases("FETCHES")


def test_an_apposition_to_the_argument_is_not_a_second_actor(code):
    assert code("Valmar fetched Tirion, the ally of Lindon.") == [("VAL", "TIR", "070")]


def test_a_pronoun_subject_of_a_content_clause_is_the_matrix_subject(code):
    assert code("Valmar indicated it would fetch Tirion soon.") == [("VAL", "TIR", "070")]


def test_a_partner_inside_the_content_clause_is_not_the_speakers(code):
    got = code("Valmar will drop ties with Tirion, Lindon indicated.", dyad=False)
    assert ("VAL", "TIR", "120") in got and ("LIN", "TIR", "023") not in got


def test_plural_of_a_multi_word_agent_and_prefix_with_suffix_agents(code):
    assert code("Peace envoys of Valmar fetched Tirion.") == [("VALENV", "TIR", "070")]
    assert code("A relief body Valmar minister fetched Tirion.") == [("NGOVALGOV", "TIR", "070")]


def test_a_passive_patient_before_the_verb_and_a_hyphenated_name(code):
    assert code("Lindon's envoy was released from El-Valmar.") == [("VAL", "LIN", "067")]


def test_dyad_batches_code_what_the_dictionary_says_of_opinion_verbs(code):
    # PETRARCH-style batches: "believe" is the dictionary's 023, its target the content clause's subject
    assert code("Lindon believes Valmar and Tirion can fetch grain.") == [("LIN", "TIR", "023"), ("LIN", "VAL", "023")]
    general = code("Lindon believes Valmar and Tirion can fetch grain.", dyad=False)
    assert not [t for t in general if t[0] == "LIN"]  # general news: an opinion is no event


def test_the_target_after_a_skipped_noun_phrase(code):
    # "* AT ^ +": "^" skips the noun phrase after AT, the target follows it
    assert code("Valmar shouted at Lindon over Tirion.") == [("VAL", "TIR", "162")]
