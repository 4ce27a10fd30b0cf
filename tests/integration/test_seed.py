"""The reference input: a real Digi24 page flattened by a scraper (read from ../shared, never copied)."""

import pytest

from newsgraph import Config, Pipeline, Source


@pytest.fixture(scope="module")
def seed_doc(request):
    from conftest import SEED

    if not SEED.exists():
        pytest.skip("../shared is absent")
    return Pipeline(Config())(Source.make(str(SEED), "text", SEED.read_text("utf-8")))


def test_title_and_no_date(seed_doc):
    assert seed_doc.title == "Kim l-a invitat pe Putin să viziteze Coreea de Nord, iar președintele rus a acceptat"
    assert seed_doc.published is None
    assert any("date line" in n and "empty" in n for n in seed_doc.notes)


def test_exactly_the_seven_body_paragraphs(seed_doc):
    body = seed_doc.body
    assert len(body) == 7
    assert body[0].startswith("Preşedintele rus, Vladimir Putin, a acceptat")
    assert body[2].endswith("scrie Agerpres.")
    assert body[6] == "Aceasta este prima întâlnire a celor doi lideri de la o călătorie anterioară a lui Kim Jong Un la Vladivostok în 2019."
    assert not any("FOTO" in p or "Editor" in p or "Google News" in p or p.endswith("...") for p in body)


def test_figure_alt_and_credit(seed_doc):
    [fig] = seed_doc.figures
    assert fig.credit == "Profimedia Images"
    assert fig.alt == "kim a ajuns in rusia si se intalneste cu putin"
    assert fig.caption.startswith("Kim l-a invitat pe Putin")
    assert fig.alt not in seed_doc.text
    assert [b.kind for b in seed_doc.boilerplate if b.text == fig.alt] == ["alt"]


def test_editor_site_language(seed_doc):
    assert seed_doc.editors == ["G.M."]
    assert seed_doc.site == "Digi24"
    assert seed_doc.language.code == "ro" and seed_doc.language.confidence > 0.9


def test_partner_block(seed_doc):
    items = [b for b in seed_doc.boilerplate if b.kind == "partner" and not b.extra.get("header")]
    assert len(items) == 11
    assert items[0].extra["partner"] == "Playtech" and items[0].text.startswith("Pensia pe care o va încasa")
    assert items[-1].extra["partner"] == "UTV"
    assert [i.extra["partner"] for i in items].count("Digi FM") == 2
    assert all(i.extra.get("partner") for i in items)
