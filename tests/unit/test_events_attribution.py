"""Attributions ("Potrivit X, …", "…, according to X"): an adversary's act on a state's account is that
state's claim, coded as its accusation (issue 9: allegations presented as facts are not coded as facts; the
event conventions' rule 9). Sentences written for these tests (none is a dev item)."""

from conftest import code_events


def _code(texts, date="2024-05-20"):
    return code_events(texts, "ro", date)


def _triples(events):
    return {((e["source"]["code"] or "")[:3], (e["target"]["code"] or "")[:3], e["plover"]) for e in events}


def test_a_state_account_of_an_adversary_act_is_its_accusation():
    [evs] = _code(["Potrivit Ministerului ucrainean al Apărării, Rusia a atacat orașul Harkov cu rachete."])
    got = _triples(evs)
    assert ("UKR", "RUS", "ACCUSE") in got
    assert not any(p == "ASSAULT" for _, _, p in got)


def test_a_state_account_of_its_own_side_and_an_organisation_account_stay_facts():
    own, org = _code(["Armata rusă și-a retras trupele din regiune, potrivit Ministerului rus al Apărării.",
                      "Rebelii au atacat o tabără de refugiați din Sudan, potrivit ONU."])
    assert not any(p == "ACCUSE" for _, _, p in _triples(own))
    assert not any(p == "ACCUSE" for _, _, p in _triples(org))


def test_english_according_to_a_state_is_its_accusation_against_an_adversary():
    claim, own = code_events(["According to the Ukrainian Defence Ministry, Russia attacked Kharkiv with missiles.",
                              "The Russian army withdrew its troops from the island, according to the Russian "
                              "Defence Ministry."], "en", "2024-05-20")
    assert ("UKR", "RUS", "ACCUSE") in _triples(claim) and not any(p == "ASSAULT" for _, _, p in _triples(claim))
    assert own and not any(p == "ACCUSE" for _, _, p in _triples(own))
