"""lang/tokens.py: Romanian "-un" stays on a hyphenated name and is still split off as the clitic article."""

import pytest
from tests.conftest import code_events


@pytest.fixture(scope="module")
def ro():
    from newsgraph.lang import load

    return load("ro")


@pytest.mark.parametrize("text, token", [
    ("Kim Jong-un s-a întâlnit cu Putin.", "Jong-un"),
    ("Liderul nord-coreean Kim Jong-Un a spus asta.", "Jong-Un"),
])
def test_name_syllable_stays(ro, text, token):
    assert token in [t.text for t in ro.tokenizer(text)]


@pytest.mark.parametrize("text, pieces", [
    ("Și-un om a venit.", ["Și-", "un"]),            # prefix rule, untouched
    ("Era ca-un vis.", ["ca", "-un"]),                # the clitic after a function word
    ("Ca-un vis a trecut.", ["Ca", "-un"]),           # capitalised at a sentence start: still the clitic
    ("A plecat dintr-un oraș.", ["dintr-", "un"]),
])
def test_clitic_article_still_split(ro, text, pieces):
    toks = [t.text for t in ro.tokenizer(text)]
    i = toks.index(pieces[0])
    assert toks[i:i + len(pieces)] == pieces


def test_hyphenated_name_is_the_event_source():
    """Regression: "Kim Jong" + "-un" made the subject a stray token and the event's source ROU."""
    (events,) = code_events(["Kim Jong-un a amenințat Coreea de Sud cu represalii."], "ro", "2023-09-14")
    assert [(e["source"]["code"], e["target"]["code"], e["cameo"][:2]) for e in events] == [("PRKGOV", "KOR", "13")]
