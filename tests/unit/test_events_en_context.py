"""English unnamed role actors take their country from the article (issue 9, session 7: the English role layer,
:mod:`newsgraph.enrich.events.context`). Sentences written for these tests (none is a dev item)."""

from conftest import code_events

from newsgraph.enrich.events.actors import Actor
from newsgraph.enrich.events.context import ContextCountries, country_of


def _code(texts, date="2024-05-20"):
    return code_events(texts, "en", date)


def _ent(start, code, type_="GPE", country=None):
    return (start, start + 5, "x", None, code, type_, "name", country, "x")


def test_country_of_skips_organisations_and_countryless_codes():
    assert country_of("IRQGOV") == "IRQ" and country_of("FRA") == "FRA"
    assert country_of("IGOUNO") is None and country_of("---GOV") is None and country_of(None) is None


def test_dominant_country_needs_a_clear_majority():
    clear = ContextCountries([_ent(0, "KEN"), _ent(10, "KENGOV", "PERSON"), _ent(20, None, "GPE", "KEN"),
                              _ent(30, "UGA")])
    assert clear.dominant() == "KEN"
    tie = ContextCountries([_ent(0, "KEN"), _ent(10, "UGA")])
    assert tie.dominant() is None
    spread = ContextCountries([_ent(0, "KEN"), _ent(5, "KEN"), _ent(10, "UGA"), _ent(20, "TZA"), _ent(30, "RWA")])
    assert spread.dominant() is None  # 2 of 5: no country dominates


def test_an_earlier_actor_of_the_same_sector_comes_before_the_dominant_country():
    ctx = ContextCountries([_ent(0, "CHL"), _ent(10, "CHL"), _ent(20, "PER")])
    ctx.note([Actor("PERMIL", "Peru's army", start=15)])
    army, minister = Actor("---MIL", "the army", start=40), Actor("---GOV", "the minister", start=50)
    ctx.fill([army, minister])
    assert army.code == "PERMIL" and minister.code == "CHLGOV" and army.weak and minister.weak
    named = Actor("---GOV", "before", start=5)  # the Peruvian army is mentioned after it: not its country
    ctx.fill([named])
    assert named.code == "CHLGOV"


def test_unnamed_minister_takes_the_country_named_earlier_in_the_article():
    [events] = _code(["Kenya's foreign minister flew to Kampala on Monday. "
                      "On Tuesday the foreign minister condemned Ethiopia over the border clashes."])
    got = {((e["source"]["code"] or "")[:6], (e["target"]["code"] or "")[:3], e["plover"]) for e in events}
    assert ("KENGOV", "ETH", "ACCUSE") in got


def test_unnamed_role_stays_countryless_without_a_dominant_country():
    [events] = _code(["The interior minister criticized Austria and Slovenia over the new border checks."])
    assert events and all((e["source"]["code"] or "").startswith("---") for e in events)


def test_unnamed_role_takes_the_country_of_the_person_introduced_with_that_role():
    """"Prime Minister X met Chancellor Y. The prime minister criticised …": the person the entity layer linked to
    the same role phrase, not the nearest actor of the sector (session 10)."""
    ctx = ContextCountries([(0, 24, "Ana Pop", "p:1", "ROUGOV", "PERSON", "role", "ROU", "Romanian Prime Minister"),
                            (25, 32, "Ana Pop", "p:1", "ROUGOV", "PERSON", "name", "ROU", "Ana Pop")])
    ctx.note([Actor("ROUGOV", "Ana Pop", "p:1", 25, 32, "PERSON"), Actor("AUTGOV", "Karl Huber", "p:2", 60, 70)])
    pm, minister = Actor("---GOV", "The prime minister", start=90), Actor("---GOV", "the government", start=95)
    ctx.fill([pm])
    ctx.fill([minister])
    assert pm.code == "ROUGOV" and minister.code == "AUTGOV"


def test_unnamed_role_is_not_of_the_country_it_acts_on():
    """"… expelled two Russian diplomats. The foreign minister accused Moscow": not a Russian minister, also on the
    accusation path (session 10)."""
    ctx = ContextCountries([])
    ctx.note([Actor("ESTGOV", "Estonia", start=0), Actor("RUSGOV", "Russian diplomats", start=30)])
    ev = {"source": {"code": "---GOV", "name": "The foreign minister"}, "target": {"code": "RUS", "name": "Moscow"},
          "evidence": {"verb_start": 70}}
    ctx.fill_event(ev)
    assert ev["source"]["code"] == "ESTGOV"
    [events] = _code(["The Estonian government expelled two Russian diplomats on Monday. "
                      "The foreign minister accused Moscow of espionage."])
    got = {((e["source"]["code"] or "")[:6], e["plover"]) for e in events}
    assert ("ESTGOV", "ACCUSE") in got, events
