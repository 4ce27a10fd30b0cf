"""Structure recovery from text dumps, on dumps we wrote in the styles of several Romanian and English sites."""

import pytest
from conftest import EXAMPLES, FIXTURES

from newsgraph import Config, Pipeline, Source
from newsgraph.extract.textdump import best_region


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Config())


def analyze_file(pipeline, path):
    return pipeline(Source.make(str(path), "text", path.read_text("utf-8")))


def kinds(doc, kind):
    return [b for b in doc.boilerplate if b.kind == kind]


def test_best_region_is_max_sum_run():
    assert best_region([-5, 3, 4, -1, 6, -20, 2]) == (1, 5)
    assert best_region([-1, -2]) == (0, 0)


def test_romanian_dump_with_inline_related_and_credit(pipeline):
    doc = analyze_file(pipeline, EXAMPLES / "ro-inundatii-moldova.txt")
    assert doc.title.startswith("Inundații în nordul Moldovei")
    assert doc.published.value == "2024-03-12T14:20:00" and doc.published.source == "text:Publicat"
    assert doc.authors == ["Andrei Popescu"]
    assert len(doc.body) == 5
    assert doc.body[0].startswith("Peste 300 de gospodării")
    assert doc.body[-1].startswith("Meteorologii estimează")
    assert not any("Citește și" in p for p in doc.body)
    assert doc.figures[0].credit == "Inquam Photos / Octav Ganea"
    assert doc.figures[0].caption.startswith("Echipajele ISU")
    assert [b.text for b in kinds(doc, "related") if b.text.startswith("Citește")]
    assert kinds(doc, "cta")
    assert doc.language.code == "ro"


def test_english_dump_byline_list_and_site_not_pronoun(pipeline):
    doc = analyze_file(pipeline, EXAMPLES / "en-port-strike.txt")
    assert doc.title == "Dock workers walk out at three European ports over automation plans"
    assert doc.authors == ["Sarah Collins", "Tom Baker"]
    assert doc.published.value == "2024-06-03"
    assert doc.site is None  # "Follow us on Google News" names no site
    assert len(doc.body) == 5 and not any(p.startswith("Read more") for p in doc.body)
    assert doc.figures[0].credit == "Reuters"
    teasers = [b.text for b in kinds(doc, "related") if b.text.endswith("...")]
    assert len(teasers) == 2


def test_navigation_before_title_and_two_datelines(pipeline):
    doc = analyze_file(pipeline, FIXTURES / "dumps" / "ro-actualizat-sursa-foto.txt")
    assert doc.title.startswith("Consiliul Județean Cluj aprobă bugetul")
    assert doc.published.value == "2025-01-28T16:10:00"
    assert doc.modified.value == "2025-01-28T17:45:00"
    assert doc.editors == ["Ioana Pop"]
    assert len(doc.body) == 4
    assert "Primăria Cluj-Napoca anunță noi restricții de trafic în centru" not in doc.body
    assert [b.text for b in kinds(doc, "navigation")][:4] == ["Acasă", "Politică", "Economie", "Sport"]


def test_english_updated_line_and_copyright_site(pipeline):
    doc = analyze_file(pipeline, FIXTURES / "dumps" / "en-updated-credit.txt")
    assert doc.title.startswith("Heatwave forces schools")
    assert doc.published is None and doc.modified.value == "2025-07-14T09:12:00"
    assert doc.figures[0].credit == "Alex Moore/Getty Images"
    assert doc.site == "Daily Courier"
    assert len(doc.body) == 4


def test_user_supplied_date_only_fills_a_gap(pipeline):
    p = Pipeline(Config(published="2023-09-14"))
    doc = analyze_file(p, EXAMPLES / "en-port-strike.txt")
    assert doc.published.source == "text:Published"
    src = Source.make("x.txt", "text", "A headline here\nA paragraph that is long enough to count as prose, ending here.")
    assert p(src).published.value == "2023-09-14" and p(src).published.source == "user"


def _dump(*lines):
    return "\n".join(lines)


_PROSE = ("The council met on Tuesday evening and agreed, after a long debate about costs, to rebuild the old "
          "bridge over the river before the winter floods arrive in the valley this year.")
_CONSENT = ("We use cookies and similar technologies to store and access information on your device, to measure "
            "the audience of this site and to show you personalised content and advertising from our partners.")


def test_title_anchor_is_the_longest_repeat_of_the_title():
    from newsgraph.extract.textdump import Line, title_anchor

    texts = ["Bridge to be rebuilt | Valley News", "Home", "Valley News", "Bridge to be rebuilt", _PROSE]
    lines = [Line(i, t, len(t.split())) for i, t in enumerate(texts)]
    assert title_anchor(lines) == 3
    assert title_anchor(lines[:3]) == 2  # only the site name recurs
    assert title_anchor([Line(0, "Just one line", 3)]) is None


def test_region_after_headline_wins_over_a_longer_consent_dialog(pipeline):
    text = _dump("Bridge to be rebuilt | Valley News", "Home", "News", "Sport", "Bridge to be rebuilt", _PROSE,
                 _PROSE.replace("bridge", "road"), *[f"Section {i}" for i in range(25)], "Cookie settings",
                 *([_CONSENT] * 4))
    doc = pipeline(Source.make("page.txt", "text", text))
    assert doc.body[0] == _PROSE
    assert not any("cookies" in p for p in doc.body)


def test_lead_paragraph_before_a_caption_and_share_bar_is_body(pipeline):
    lead = "The valley's oldest bridge will be rebuilt before winter, the council decided on Tuesday evening."
    text = _dump("Bridge to be rebuilt | Valley News", "Menu", "Bridge to be rebuilt", lead,
                 "Share", "Tweet", "Email", "Print", "Foto: Valley Images", *([_PROSE] * 4), "Related", "Home")
    doc = pipeline(Source.make("page.txt", "text", text))
    assert doc.body[0] == lead
    assert doc.body.count(_PROSE) == 4


@pytest.mark.parametrize("dateline, expected", [
    ("24. April 2020 | Pressemitteilungen", "2020-04-24"),
    ("Hamburg, 2. November 2021", "2021-11-02"),
    ("CBS News February 24, 2020, 7:57 AM", "2020-02-24T07:57:00"),
    ("6. November 2023 | 3 Kommentare", "2023-11-06"),
])
def test_a_date_with_a_few_words_beside_the_headline_is_the_date(pipeline, dateline, expected):
    text = _dump("Menu", "News", "Bridge to be rebuilt after the floods", dateline, _PROSE, _PROSE.replace("bridge", "road"))
    assert pipeline(Source.make("page.txt", "text", text)).published.value == expected


def test_a_date_with_a_few_words_far_from_the_headline_is_not_the_date(pipeline):
    # a teaser list's entry at the foot of the page: not the article's date
    text = _dump("Bridge to be rebuilt after the floods", _PROSE, *([_PROSE.replace("bridge", "road")] * 3),
                 *[f"Section {i}" for i in range(12)], "Other news | 3. November 2021")
    assert pipeline(Source.make("page.txt", "text", text)).published is None


def test_a_date_line_with_a_von_byline_gives_date_and_author(pipeline):
    text = _dump("Bridge to be rebuilt after the floods", "Veröffentlicht am 12. Juni 2017 von Jan Kupitz", _PROSE)
    doc = pipeline(Source.make("page.txt", "text", text))
    assert doc.published.value == "2017-06-12" and doc.authors == ["Jan Kupitz"]


@pytest.mark.parametrize("byline, authors", [
    ("By Michelle Ehrhardt 04 November 2020", ["Michelle Ehrhardt"]),  # a date right after the names
    ("Por Alberto Ávila 27 de agosto 2019", ["Alberto Ávila"]),
    ("von Mathilda Trausch, Online-Redaktion Veröffentlicht: 26.12.2022", ["Mathilda Trausch"]),  # a newsroom
    ("Author: Gàbor Muniér, Datum: 03.03.2019", ["Gàbor Muniér"]),  # the tail's label is no name
    ("July 24, 2019 by Amy Motroni 5 Comments", ["Amy Motroni"]),
    ("By Tatyana Turner.", ["Tatyana Turner"]),
])
def test_byline_names_end_where_the_tail_starts(pipeline, byline, authors):
    text = _dump("Bridge to be rebuilt after the floods", byline, _PROSE)
    assert pipeline(Source.make("page.txt", "text", text)).authors == authors


def test_only_the_byline_nearest_the_headline_names_the_authors(pipeline):
    text = _dump("Bridge to be rebuilt after the floods", "By Ann Lee", "By Bo Li", _PROSE,
                 _PROSE.replace("bridge", "road"), "Comments", "By Carl Jones", "Great article, thanks a lot!",
                 "By Dana Smith", "I do not agree with the council at all.")
    assert pipeline(Source.make("page.txt", "text", text)).authors == ["Ann Lee", "Bo Li"]


@pytest.mark.parametrize("dateline, expected", [
    ("1. November 2016 1. November 2016 surfguard", "2016-11-01"),  # the same day twice (published, updated)
    ("postado em 24/05/2022 05:49 / atualizado em 24/05/2022 05:50", "2022-05-24T05:49:00"),
])
def test_a_loose_date_line_with_one_publication_day(pipeline, dateline, expected):
    text = _dump("Menu", "Bridge to be rebuilt after the floods", dateline, _PROSE, _PROSE.replace("bridge", "road"))
    assert pipeline(Source.make("page.txt", "text", text)).published.value == expected


@pytest.mark.parametrize("first, headline, expected", [
    ("Bridge to be rebuilt after floods: Valley News", "Bridge to be rebuilt after floods", "Bridge to be rebuilt after floods"),
    ("VNEWS: Bridge to be rebuilt after floods", "Bridge to be rebuilt after floods", "Bridge to be rebuilt after floods"),
    ("23.01.2022 - Bridge to be rebuilt after floods", "Home", "Bridge to be rebuilt after floods"),  # date led
    ("Bridge to be rebuilt after floods -", "Home", "Bridge to be rebuilt after floods"),
])
def test_the_title_line_without_its_site_part_or_date(pipeline, first, headline, expected):
    text = _dump(first, "Menu", headline, _PROSE, _PROSE.replace("bridge", "road"))
    assert pipeline(Source.make("page.txt", "text", text)).title == expected


_CLOSING_DUMP = """Harbour board approves new ferry timetable | Coastline Courier
Harbour board approves new ferry timetable
March 4, 2025
The harbour board voted on Tuesday to add two early ferry crossings on weekdays, starting in May, after a year of complaints from commuters.
Read also
Bridge repairs delayed until autumn
The new timetable moves the last evening crossing to half past ten, which the ferry operator said would need four more crew members.
Board members said the cost would be covered by the fare increase approved last winter, and that the timetable would be reviewed in a year.
Commuters who spoke at the meeting welcomed the change but asked for a later crossing on Fridays as well, which the board promised to study.
Subscribe to our newsletter
Enter your email address
Sign up
The Coastline Courier is an independent weekly newspaper covering the towns of the northern coast since 1952, owned by its readers.
Our reporters live in the towns they write about, and every story is checked by a second editor before it is printed or posted online.
Letters to the editor are welcome and can be sent by post or through the form on our contact page; we publish a selection every week.
"""


def test_prose_beyond_a_closing_gap_is_not_body(pipeline):
    """A call to action in a gap of three lines or more ends the article (a newsletter box, then the paper's
    "about" text); a related header with one headline is an inline box, and the text goes on after it."""
    doc = pipeline(Source.make("closing.txt", "text", _CLOSING_DUMP))
    assert doc.body[0].startswith("The harbour board voted")
    assert any(p.startswith("The new timetable") for p in doc.body)
    assert doc.body[-1].startswith("Commuters who spoke")
    assert not any("independent weekly" in p for p in doc.body)
