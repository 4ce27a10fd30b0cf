"""English event precision on general news (issue 9): each rule on sentences written for these tests."""

from conftest import code_events, event_triples as triples


def _code(texts, date="2024-03-14", facts_only=True):
    return code_events(texts, "en", date, facts_only)


def test_participle_and_gerund_modifiers_are_not_events():
    # the sanctions were imposed earlier, the accusation gives the grounds: only the lifting and the ban are acts
    lifted, banned = _code(["Norway lifted the sanctions imposed on Belarus last year.",
                            "Turkish authorities banned the newspaper, accusing Greece of hostile propaganda."])
    assert [c for _, _, c in triples(lifted)] and all(c != "163" and not c.startswith("17") for _, _, c in triples(lifted))
    assert all(c != "112" for _, _, c in triples(banned))


def test_a_main_verb_tagged_as_participle_is_still_coded():
    [evs] = _code(["Chile condemned Peru for the border incident, the foreign ministry said."])
    assert any(s.startswith("CHL") and c.startswith("1") for s, _, c in triples(evs))


def test_a_city_where_talks_are_held_is_no_partner():
    [evs] = _code(["Delegations from Japan and India held talks in Geneva on Tuesday."])
    assert evs and all(t != "CHE" for _, t, _ in triples(evs))


def test_an_invitation_is_intent_to_meet():
    [evs] = _code(["German Chancellor Olaf Scholz invited Indian Prime Minister Narendra Modi to Berlin."])
    assert ("DEUGOV", "INDGOV", "036") in [(s[:6], t[:6], c) for s, t, c in triples(evs)]


def test_force_posture_has_a_target_only_when_aimed():
    own, aimed = _code(["The Turkish army withdrew its troops from the border town.",
                        "Japan raised its military alert level against China on Friday."])
    assert own and all(t is None for _, t, _ in triples(own))
    assert any(t and t.startswith("CHN") for _, t, _ in triples(aimed))


def test_an_opinion_is_not_a_reported_act():
    [evs] = _code(["The former ambassador believes Greece will soon sign a deal with Turkey."], facts_only=False)
    assert all(e["hypothetical"] for e in evs)
    [facts] = _code(["The former ambassador thinks Greece signed a secret deal with Turkey."])
    assert facts == []


def test_light_verbs_code_only_through_their_patterns():
    sport, figure = _code(["Chicago went 3-for-12 from the field in the second half.",
                           "Greece faced tough questions from the European Commission over its budget."])
    assert sport == [] and figure == []
    [hostage] = _code(["Colombian rebels took two Spanish engineers hostage on Monday."])
    assert any(c.startswith("18") for _, _, c in triples(hostage))  # "take … hostage": a pattern


def test_a_stated_future_act_is_an_intent_or_a_threat():
    pledge, threat, cond, speculation = _code([
        "Norway will give Kenya a grant of 40 million dollars over three years.",
        "The Kurdish party said it would boycott the elections unless Turkey releases its leaders.",
        "Norway will give Kenya a grant if the elections are fair.",
        "Analysts think Norway will give Kenya a grant."])
    assert [(s, t, c) for s, t, c in triples(pledge)] == [("NOR", "KEN", "033")]
    assert pledge[0]["plover"] == "AGREE" and not pledge[0]["hypothetical"]
    assert all(c.startswith("13") for _, _, c in triples(threat))
    assert cond == [] and speculation == []


def test_a_speech_verb_is_no_event_and_its_pronoun_is_the_speaker():
    [evs] = _code(["Greece said it would attack Turkish ships unless Turkey withdraws."], facts_only=False)
    assert all(not c.startswith("19") for _, _, c in triples(evs))  # "say" is no attack, whatever its patterns
    [boycott] = _code(["Palestinian leaders said they would boycott all official contact with the United States."])
    assert any(s.startswith("PSE") and c.startswith("13") for s, _, c in triples(boycott))


def test_an_agreement_is_agree():
    [evs] = _code(["Chile and Peru agreed on Tuesday to share information on missing fishermen."])
    assert evs and all(e["plover"] == "AGREE" for e in evs)


def test_an_indictment_is_an_accusation():
    [evs] = _code(["Turkish prosecutors indicted Greek journalists on espionage charges."])
    assert evs and all(e["plover"] == "ACCUSE" for e in evs)


def test_a_private_person_acting_alone_is_no_event_but_a_protest_is():
    # session 7: "Nixon paid back taxes" — an act with no target needs a political source, except a protest
    paid, boycott = _code(["The singer Tom Harlow paid his back taxes last year.",
                           "Students of the University of Nairobi boycotted classes for a week."])
    assert not paid
    assert any(c.startswith("14") for _, _, c in triples(boycott))


def test_an_unknown_name_reaches_a_country_only_through_the_object():
    # session 7: "Zoe had flown to New York" is a private trip; a leader with an actor code still travels
    trip, visit = _code(["Maria Lindqvist had flown to Paris to see her father.",
                         "Vasile Tarlev flew to Moldova for the talks."])
    assert not trip
    assert visit


def test_a_place_after_a_name_qualifies_the_person():
    # session 7: "Sen. Elizabeth Warren of Massachusetts accused …" is one accuser, not also Massachusetts
    [evs] = _code(["Senator Mary Donovan of Ohio accused Russia of meddling in the election."])
    assert evs and all(e["source"]["name"] != "Ohio" for e in evs)


def test_a_bare_infinitive_under_a_modal_is_hypothetical():
    # session 7: "… information that could help the police hopefully capture him" was a capture (173)
    [evs] = _code(["She is collecting any footage of him that could help the police quickly capture him, since it was "
                   "not his first theft."])
    assert not any(e["cameo"].startswith("17") for e in evs)
