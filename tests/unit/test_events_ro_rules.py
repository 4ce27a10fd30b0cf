"""Romanian event rules of session 6 (issue 9: source and target actors), each on sentences written for these tests
(not items of the dev set): adjuncts between a verb and its complement, relative clauses, passive agents the
parser misplaced, "cei doi", aspectual verbs, stated willingness to meet, compound subjects the parser hung on a
place phrase, civilians situated by the place they act in, role plurals, Romanian country spellings, and the
non-event senses these rules exposed on real news."""

from __future__ import annotations

from conftest import code_events


def _code(texts: list[str]) -> list[list[tuple]]:
    return [[(e["source"]["code"], e["cameo"], e["target"]["code"], bool(e["hypothetical"])) for e in evs]
            for evs in code_events(texts, "ro", "2025-03-14", facts_only=False)]


def test_patterns_read_past_adjuncts_and_agents():
    out = _code(["Ministrul german de externe a reluat joi, după o pauză de două luni, schimbul de informații cu Ucraina.",
                 "Fostul ministru a fost condamnat joi de Înalta Curte de Casație și Justiție la patru ani de închisoare."])
    assert ("DEUGOV", "064", "UKR", False) in out[0], out[0]
    # the agent's "de" hangs on the adjective "Înalta"; the last oblique ("la patru ani") is the complement
    assert ("ROUJUD", "173", "ROUGOV", False) in out[1], out[1]


def test_relative_clause_subject_is_its_antecedent():
    out = _code(["Poliția franceză a reținut zeci de fermieri care au blocat o autostradă."])
    assert ("FRACOP", "173", "FRAAGR", False) in out[0], out[0]
    assert ("FRAAGR", "1441", None, False) in out[0], out[0]  # the farmers keep the country the detention gave them


def test_indefinite_agent_with_its_article():
    out = _code(["Opozantul a fost condamnat la zece ani de închisoare de o instanță din Moscova."])
    assert ("RUSJUD", "173", "RUSOPP", False) in out[0], out[0]


def test_the_two_of_them_signed():
    out = _code(["Președintele Emmanuel Macron l-a primit vineri pe cancelarul Olaf Scholz, iar cei doi au semnat un "
                 "acord privind apărarea."])
    assert ("FRAGOV", "057", "DEUGOV", False) in out[0] and ("DEUGOV", "057", "FRAGOV", False) in out[0], out[0]


def test_begun_act_is_a_fact_and_romanian_country_spelling():
    out = _code(["Azerbaidjanul a început să livreze gaze Bulgariei."])
    assert out[0] == [("AZE", "061", "BGR", False)], out[0]


def test_stated_willingness_to_meet_is_agree_036():
    out = _code(["Premierul japonez și-a exprimat disponibilitatea de a se întâlni cu liderul nord-coreean.",
                 "Erdogan și Putin au convenit marți, într-o convorbire telefonică, să se întâlnească la Soci.",
                 "Liderul sârb nu este dispus să se întâlnească cu premierul kosovar."])
    assert ("JPNGOV", "036", "PRKGOV", False) in out[0], out[0]
    assert ("TURGOV", "036", "RUSGOV", False) in out[1] and ("RUSGOV", "036", "TURGOV", False) in out[1], out[1]
    assert not any(c == "036" for _, c, _, _ in out[2]), out[2]  # negated willingness: no intent
    assert all(h for _, _, _, h in out[2]), out[2]


def test_compound_subject_hung_on_a_place_phrase():
    out = _code(["Duminică, la Cairo, Israelul și Hamas au purtat negocieri indirecte."])
    assert ("ISR", "046", "PSEREB", False) in out[0] and ("PSEREB", "046", "ISR", False) in out[0], out[0]


def test_civilians_take_the_country_of_where_they_act():
    out = _code(["Mii de tineri au protestat sâmbătă în centrul Madridului.",
                 "Sute de fermieri au protestat în Piața Victoriei.",
                 "Angajații Poștei Române au declanșat o grevă generală.",
                 "Premierul a criticat decizia Ungariei."])
    assert out[0] == [("ESPCVL", "141", None, False)], out[0]  # "în centrul …" is where, not whom
    assert out[1] == [("ROUAGR", "141", None, False)], out[1]  # a square's name is no country
    assert out[2] == [("ROULAB", "1432", None, False)], out[2]  # "angajații": a t/ț plural of a role noun
    assert ("ROUGOV", "111", "HUN", False) in out[3], out[3]  # state actors are not moved


def test_non_event_senses_in_relative_clauses():
    out = _code(["Compania Titluri Quality, care deține platforma Mediafax.ro și agenția Mediafax, anunță semnarea "
                 "contractului.",
                 "Miniștrii sunt propuneri ale partidelor politice care fac parte din arcul guvernamental și deci și "
                 "domnul Moșteanu este o propunere a unui partid politic.",
                 "Primarul Decebal Bacinschi, care, la plecare, a refuzat să facă vreo declarație.",
                 "Autoritățile iraniene au deținut în arest trei jurnaliști francezi."])
    assert out[0] == [] and out[1] == [] and out[2] == [], out[:3]
    assert ("IRNGOV", "173", "FRAJRN", False) in out[3], out[3]


def test_coordinated_country_targets_stand_for_each():
    out = _code(["Uniunea Europeană a impus taxe antidumping asupra importurilor de oțel din India și Vietnam.",
                 "Duminică, la Cairo, Israelul și Hamas au purtat negocieri indirecte."])
    assert {t for _, c, t, _ in out[0] if c == "163"} == {"IND", "VNM"}, out[0]
    assert not any(t == "EGY" for _, _, t, _ in out[1]), out[1]  # the city before the subject is no partner


def test_known_leader_and_genitive_person():
    out = _code(["Aleksandr Lukașenko l-a eliberat pe opozantul Ales Bialiațki.",
                 "Sute de susținători ai președintelui Donald Trump au pătruns în clădirea Capitoliului."])
    assert out[0] and out[0][0][0] == "BLRGOV" and out[0][0][1].startswith("084"), out[0]
    assert out[1] and out[1][0][0] == "USAOPP", out[1]  # the supporters, of his country; not Trump himself
