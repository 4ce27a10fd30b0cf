"""Romanian event rules from the second review of real published articles (docs/changelog.md, "Events": "Session 10: real
Romanian news, two halves"): each error kind has sentences written for these tests (not taken from the articles),
coded through the batch coder as ``newsgraph events --lang ro --require-dyad false`` runs it, flags kept."""

import pytest

from newsgraph.enrich.events import code_records

#: (sentence, CAMEO prefix, source code prefix, target: a code prefix, "" for no target, or None for any,
#:  a target code prefix that must not appear (or None), hypothetical)
CASES = [
    # an attribution phrase after the act names who reports it, not whom the act was done to
    ("Președintele a semnat un acord cu Franța, potrivit unui comunicat al Administrației Prezidențiale.",
     "057", "ROUGOV", "FRA", None, False),
    ("Poliția a reținut doi suspecți, potrivit Inspectoratului de Poliție Cluj.", "173", "ROUCOP", None, "ROUCOP",
     False),
    # a postposed reporting clause: its subject (parsed as an object) is no target
    ("Iranul a atacat o navă în Golful Persic, a anunțat Pentagonul.", "19", "IRN", None, "USA", False),
    # a time or cause phrase holds no target ...
    ("Ministrul a demisionat după scandalul de la Ministerul Sănătății.", "083", "ROUGOV", "", None, False),
    ("Guvernul de la Chișinău a decretat starea de urgență după atacurile asupra Ucrainei.", "17", "MDAGOV", None,
     "UKR", False),
    # ... except whom a concession answers
    ("Ministerul a retras proiectul de lege, după protestele sindicatelor din sănătate.", "08", "ROUGOV", "ROULAB",
     None, False),
    # the source's own seat is where the act happens, not its target; the possessor of the object is
    ("Premierul a criticat decizia Curții Constituționale în cadrul unei conferințe de presă la Palatul Victoria.",
     "11", "ROUGOV", "ROUJUD", None, False),
    # a bare singular after a preposition is a manner ("în forță"), not an actor
    ("Jandarmii au intervenit în forță împotriva manifestanților din Piața Universității.", "17", "ROUCOP", None,
     "ROUMIL", False),
    # a qualified role reads its genitive by form when the lemmatiser misses it ("sindicatelor")
    ("Premierul a avut o întâlnire cu liderii sindicatelor din educație.", "04", "ROUGOV", "ROULAB", None, False),
    # an event noun described as planned has not happened
    ("Ministrul are programate întrevederi cu autoritățile locale din Ucraina.", "04", "ROUGOV", "UKR", None, True),
    # an unknown person apposed to a role is that role, one actor (not a second, countryless one)
    ("Procurorii au emis o ordonanță de reținere pe numele primarului orașului, Ion Pop.", "173", "ROUJUD",
     "ROUGOV", None, False),
    # aid with a recipient is still coded
    ("Guvernul alocă 20 de milioane de euro pentru Republica Moldova.", "07", "ROUGOV", "MDA", None, False),
]

#: sentences that must give no event of the named CAMEO prefix (flagged or not)
NOT_EVENTS = [
    # a visit with no actor visited (an inspection of a dam) and money for roads are no visit and no aid
    ("Ministra Mediului a făcut joi o vizită surpriză la barajul de pe Argeș.", "042"),
    ("Guvernul alocă două miliarde de lei pentru trei autostrăzi.", "07"),
]


@pytest.fixture(scope="module")
def coded():
    from newsgraph.lang import load

    if "parser" not in load("ro").pipe_names:
        pytest.skip("the bundled Romanian model (with a parser) is not installed yet")
    texts = [c[0] for c in CASES] + [c[0] for c in NOT_EVENTS]
    recs = [{"id": i, "text": t, "date": "2025-03-04"} for i, t in enumerate(texts)]
    return [o["events"] for o in code_records(recs, "ro", None, require_dyad=False, facts_only=False)]


@pytest.mark.parametrize("k", range(len(CASES)))
def test_target_rules(coded, k):
    text, cameo, src, tgt, banned, hypothetical = CASES[k]
    got = [(e["cameo"], e["source"]["code"] or "", e["target"]["code"] or "", e["hypothetical"]) for e in coded[k]]
    mine = [g for g in got if g[0].startswith(cameo) and g[1].startswith(src) and g[3] == hypothetical]
    assert mine, (text, got)
    if tgt is not None:
        assert any((t.startswith(tgt) if tgt else t == "") for _, _, t, _ in mine), (text, got)
    if banned:
        assert not any(t.startswith(banned) for _, _, t, _ in got), (text, got)


@pytest.mark.parametrize("k", range(len(NOT_EVENTS)))
def test_no_untargeted_visit_or_aid(coded, k):
    text, cameo = NOT_EVENTS[k]
    got = [(e["cameo"], e["source"]["code"], e["target"]["code"]) for e in coded[len(CASES) + k]]
    assert not [g for g in got if g[0].startswith(cameo)], (text, got)


def test_a_person_named_after_a_role_is_one_actor():
    """"Un director …, pe numele său Ion Pop" parsed as two subjects of one verb: one actor, the role's code with the
    person's name; a person of another country or far from the role stays a second actor."""
    from newsgraph.enrich.events.actors import Actor, named_roles

    role = Actor("ROUGOV", "Un director", None, 0, 11)
    person = Actor("ROU", "Ion Pop", "person:ion-pop", 36, 43, "PERSON", True)
    merged = named_roles([role, person])
    assert [(a.code, a.name) for a in merged] == [("ROUGOV", "Ion Pop")]
    foreign = Actor("HUN", "Kovács Béla", None, 36, 47, "PERSON", False)
    assert len(named_roles([role, foreign])) == 2
    far = Actor("ROU", "Ion Pop", None, 200, 207, "PERSON", True)
    assert len(named_roles([role, far])) == 2
