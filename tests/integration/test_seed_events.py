"""The seed article with --published 2023-09-14: dates, quotes and events the issue asks for."""

import pytest

from newsgraph import Config, Pipeline, Source


@pytest.fixture(scope="module")
def seed(request):
    from conftest import SEED

    if not SEED.exists():
        pytest.skip("../shared is absent")
    stages = ["extract", "language", "nlp", "timex"]
    try:
        import newsgraph.enrich.entities  # noqa: F401
        stages.append("entities")
    except ImportError:
        pass
    stages += ["quotes", "events"]
    return Pipeline(Config(published="2023-09-14"), stages=stages)(Source.make(str(SEED), "text", SEED.read_text("utf-8")))


def test_weekdays_resolve_against_the_publication_date(seed):
    got = {t["text"]: t["value"] for t in seed.timex}
    assert got["miercuri"] == "2023-09-13"
    assert got["joi"] == "2023-09-14"
    assert got["2019"] == "2019"
    assert got["de peste un an şi jumătate"] == "P1Y6M"


def test_quotes_speakers_and_reporting_chain(seed):
    quotes = seed.quotes
    kcna = [q for q in quotes if q["speaker"] == "KCNA"]
    assert len(kcna) == 2 and all(q["via"] == "Agerpres" for q in kcna)
    assert kcna[0]["text"].startswith("Kim Jong Un l-a invitat cu curtoazie pe Putin")
    victory = next(q for q in quotes if q["text"] == "mare victorie")
    assert victory["speaker"] == "Kim Jong Un" and victory["kind"] == "partial"
    putin = [q for q in quotes if q["speaker"] in ("Putin", "Vladimir Putin")]
    assert any(q["text"].startswith("viitoarea întărire a cooperării") and not q["closed"] for q in putin)
    for q in quotes:
        assert seed.text[q["start"]:q["end"]] == q["text"]


def test_events_need_the_romanian_parser(seed):
    from newsgraph.lang import load

    if "parser" not in load("ro").pipe_names:
        pytest.skip("the bundled Romanian model (with a parser) is not installed yet")
    got = {(e["source"].get("name"), e["target"].get("name"), e["plover"], e["date"]) for e in seed.events}
    names = {(s, t) for s, t, _, _ in got}
    assert ("Kim Jong Un", "Vladimir Putin") in names  # invite
    assert not any(e["plover"] == "AID" and not e["hypothetical"] for e in seed.events)  # unconfirmed delivery
