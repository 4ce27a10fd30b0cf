"""English events on general news (issue 9, item 4; session 12): each rule on sentences written for these tests."""

from conftest import code_events, event_triples as triples


def _code(texts, date="2024-03-14", facts_only=True):
    return code_events(texts, "en", date, facts_only)


def test_an_agentless_passive_is_not_the_speakers_act():
    # the army reports the wounding, it did not wound its own soldiers; the rebels killed nobody by being killed
    said, joined = _code(["Three soldiers were wounded in the attack, the Afghan army said.",
                          "Kurdish rebels stormed the Turkish checkpoint and were killed."])
    assert said and all(not (s or "").startswith("AFG") for s, _, _ in triples(said))
    assert [(s, c) for s, _, c in triples(joined)] == [("TURREB", "190")]  # the storming only


def test_violence_without_a_named_agent_has_an_unknown_source():
    [unknown] = _code(["Two Turkish soldiers were killed in a bombing near the border, the governor said."])
    assert [(s, (t or "")[:3]) for s, t, c in triples(unknown) if c[:2] in ("18", "19", "20")] == [(None, "TUR")]
    # … but not where the clause names who is said to have done it (a claim, not a known act)
    [claimed] = _code(["A Greek journalist was killed in an attack attributed to the rebels."])
    assert all(s is not None for s, _, _ in triples(claimed))


def test_a_verb_of_will_is_the_intent_of_what_is_willed():
    attack, table, seek = _code(["The Nigerian army decided to attack the rebel camp on Friday.",
                                 "The Polish government wanted to table a motion in parliament.",
                                 "Serbia plans to send troops to the border."], facts_only=False)
    facts = [c for _, _, c in triples(e for e in attack if not e["hypothetical"])]
    assert facts and all(c.startswith("13") for c in facts)  # a threat, not "express intent to cooperate" 030
    assert all(e["cameo"] != "030" for e in table) and not [e for e in table if not e["hypothetical"]]
    assert all(e["cameo"] != "030" for e in seek)


def test_a_thing_with_a_possessor_is_not_its_owners_act():
    fall, speech, troops = _code(["The mayor's fall in the polls offers his rivals an opening.",
                                  "The Italian minister's statement condemned the attack on Israel.",
                                  "Russia's troops attacked Ukrainian positions."])
    assert fall == []
    assert any((s or "").startswith("ITA") for s, _, _ in triples(speech))  # his words are his act
    assert any((s or "").startswith("RUS") and c.startswith("19") for s, _, c in triples(troops))


def test_generic_verbs_code_only_through_their_patterns():
    # "push an agenda", "was forced onto the defensive", "pay back taxes", "fight climate change", "gathered at the
    # palace": the dictionary defaults (demand, coerce, cooperate, attack, meet) are not what happened
    evs = _code(["Senator John Kennedy pushed his agenda in the committee.",
                 "The British health secretary was forced onto the defensive by Labour MPs.",
                 "The former French president paid his back taxes in March.",
                 "The German government fought climate change last year.",
                 "Supporters of the Polish president gathered outside the palace."])
    assert [triples(e) for e in evs] == [[]] * 5
    [pushed] = _code(["Pakistan pushed India to resume the talks."])  # a pattern still codes the appeal
    assert any(s == "PAK" and (t or "").startswith("IND") for s, t, _ in triples(pushed))


def test_signing_a_law_is_no_agreement_and_a_private_call_no_event():
    law, treaty, call = _code(["Governor Gavin Newsom signed several tax laws on Friday.",
                               "Russia signed a treaty with China in Moscow.",
                               "Maria Lopez called the police after the robbery."])
    assert all(not c.startswith("057") for _, _, c in triples(law))
    assert any(s == "RUS" and (t or "").startswith("CHN") and c.startswith("057") for s, t, c in triples(treaty))
    assert call == []
