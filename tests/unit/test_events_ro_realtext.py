"""Romanian event rules from the review of real published articles (docs/changelog.md, "Events": "Real Romanian news"): each
error kind found there has a sentence written for these tests (not taken from the articles), coded through the
batch coder as ``newsgraph events --lang ro --require-dyad false --all`` runs it."""

import pytest

from newsgraph.enrich.events import code_records

#: (sentence, CAMEO prefix, source code prefix, target code prefix or None for any, hypothetical)
EVENTS = [
    # a raid by prosecutors is an investigation (09), not a visit (042)
    ("Procurorii DIICOT au descins joi la sediul Consiliului Județean Argeș.", "09", "ROUJUD", "ROUGOV", False),
    # a participle the lemmatiser leaves unreduced ("reţinuţi" with cedilla letters) still reaches REȚINE
    ("Patru poliţişti au fost reţinuţi de procurorii DNA într-un dosar de corupţie.", "173", "ROUJUD", "ROUCOP",
     False),
    # a passive's "de X" agent hung on an oblique ("pentru 24 de ore de procurorii …")
    ("Directorul spitalului a fost reținut pentru 24 de ore de procurorii anticorupție.", "173", "ROUJUD", None,
     False),
    # light verbs: the attacks go on
    ("Armata rusă a continuat bombardamentele asupra orașului Harkov.", "19", "RUSMIL", "UKR", False),
    ("Procurorii au emis o ordonanță de reținere pe numele fostului primar.", "173", "ROUJUD", "ROUGOV", False),
    # the partner of a meeting is the "cu" phrase, not the palace where it happens
    ("Premierul se va întâlni la Palatul Victoria cu ambasadorul Japoniei.", "040", "ROUGOV", "JPN", True),
    # reflexive "se reunesc" meets
    ("Miniștrii de externe ai Uniunii Europene se reunesc luni la Bruxelles.", "040", "IGOEU", None, False),
    # non-reflexive "au manifestat" protests
    ("Mii de studenți au manifestat la Belgrad împotriva guvernului sârb.", "141", None, "SRBGOV", False),
    # a person's country from the institution named in the apposition ("… al Ministerului chinez …")
    ("Lin Jian, purtătorul de cuvânt al Ministerului chinez de Externe, a criticat decizia Japoniei.", "11", "CHN",
     "JPN", False),
    # a verb tagged as an adjective, with a subject and an object of its own
    ("Sindicatul polițiștilor acuză conducerea ministerului de abuz.", "112", "ROULAB", None, False),
    # "Serviciul Rutier" is the traffic police, not an intelligence service (an adjective written in the name)
    ("Serviciul Rutier Iași a reținut un șofer băut pe centura orașului.", "173", "ROUCOP", None, False),
]

#: sentences that must give no fact event at all (or none of the named CAMEO root)
NOT_EVENTS = [
    # a passive with its own patient and no agent: the first clause's subject is not its agent (accidents)
    ("Doi pietoni au murit, iar alți trei au fost răniți grav în accidentul de pe centură.", "18"),
    # "sunt mulțumit": a state, not the verb "a mulțumi" (thank)
    ("„Am lucrat mult și sunt mulțumit”, a spus directorul Poliției.", "05"),
    # another person or number than the subject of the first clause: "poliția venea … și ne-au lovit"
    ("Poliția venea din sens opus și ne-au lovit în plin, a declarat șoferul.", "19"),
    # "reunește" (comprises) and "se manifestă" (shows itself) are no meeting and no protest
    ("Holdingul reunește trei televiziuni și două posturi de radio.", "04"),
    ("Criza se manifestă mai ales în zonele rurale.", "14"),
    # leaving a building is no act against its institution ("PRIMAR" no longer matches "primăriei")
    ("Anchetatorii au părăsit sediul primăriei după șase ore.", "17"),
    # the content of a rumour or accusation noun is not a fact
    ("Au circulat zvonuri că armata sârbă a atacat un sat kosovar.", "19"),
    # a present-tense act under a habitual phrase is generic ("de fiecare dată când …")
    ("Senatorul crede că de fiecare dată când Parlamentul respinge bugetul ar trebui să cadă guvernul.", "12"),
    # "în apropiere de Sibiu" says where the passive happened, not by whom (an accident, no assault)
    ("Cinci turiști au fost răniți într-un accident produs pe DN7, în apropiere de Sibiu.", "18"),
]


@pytest.fixture(scope="module")
def coded():
    from newsgraph.lang import load

    if "parser" not in load("ro").pipe_names:
        pytest.skip("the bundled Romanian model (with a parser) is not installed yet")
    texts = [c[0] for c in EVENTS] + [c[0] for c in NOT_EVENTS]
    recs = [{"id": i, "text": t, "date": "2025-03-04"} for i, t in enumerate(texts)]
    return [o["events"] for o in code_records(recs, "ro", None, require_dyad=False, facts_only=False)]


@pytest.mark.parametrize("k", range(len(EVENTS)))
def test_real_text_rules_code_the_event(coded, k):
    text, cameo, src, tgt, hypothetical = EVENTS[k]
    got = [(e["cameo"], e["source"]["code"], e["target"]["code"], e["hypothetical"]) for e in coded[k]]
    assert any(c.startswith(cameo) and (src is None or (s or "").startswith(src))
               and (tgt is None or (t or "").startswith(tgt)) and h == hypothetical for c, s, t, h in got), (text, got)


@pytest.mark.parametrize("k", range(len(NOT_EVENTS)))
def test_real_text_rules_code_no_event(coded, k):
    text, root = NOT_EVENTS[k]
    got = [(e["cameo"], e["source"]["code"], e["target"]["code"]) for e in coded[len(EVENTS) + k]
           if not e["negated"] and not e["hypothetical"]]
    assert not [g for g in got if g[0].startswith(root)], (text, got)


def test_region_codes_name_their_country():
    """An entity coded with a region's ISO 3166-2 code ("RO-CJ", județul Cluj) is never an actor code."""
    from newsgraph.enrich.events.actors import RoleActors

    roles = RoleActors({"role_sectors": {"x": "GOV"}}, {"GPE", "LOC"})
    x = (0, 4, "Cluj", "place:cluj", "RO-CJ", "GPE", "name", "ROU", "Cluj")
    assert roles._code_of(x) == "ROU"


def test_a_quotation_between_subject_and_verb_blocks_inheritance():
    """"X spune că: „… și ne cere bani”": a verb inside the quotation is not the act of the speaker outside it."""
    from newsgraph.enrich.events.predicates import _quoted_apart
    from newsgraph.lang import load

    nlp = load("ro")
    doc = nlp("Avocatul Ion Popa spune: „Asociația ne cere bani”, iar apoi pleacă.")
    words = {t.text: t for t in doc}
    assert _quoted_apart(words["Avocatul"], words["cere"])
    assert not _quoted_apart(words["Avocatul"], words["spune"])
    assert not _quoted_apart(words["Avocatul"], words["pleacă"])  # the quotation opens and closes in between
