import pytest
from trafilatura.utils import load_html

from newsgraph.extract.dates import html_dates, meta_values, parse_date


@pytest.mark.parametrize("text, expected", [
    ("2023-09-14", "2023-09-14"),
    ("2022-1-26T14:32:06+02:00", "2022-01-26T14:32:06"),
    ("2022-05-11T4:10:00", "2022-05-11T04:10:00"),
    ("Wed, 04 May 2022 02:41:17 GMT", "2022-05-04T02:41:17"),
    ("02 Feb 2022 09:12:22 +0100", "2022-02-02T09:12:22"),
    ("14 septembrie 2023", "2023-09-14"),
    ("September 14, 2023 10:05", "2023-09-14T10:05:00"),
    ("4 May 2022 2:41 PM", "2022-05-04T14:41:00"),
    ("Wed, 4 May 2022 2:41 pm", "2022-05-04T14:41:00"),
    ("1651632060", "2022-05-04T02:41:00"),
    ("1651632060000", "2022-05-04T02:41:00"),
    ("1988", None),
    ("12:30", None),
    ("2023-02-30", None),
    ("", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_meta_names_keep_their_case_and_dates_match_any_case():
    tree = load_html('<html><head><meta name="Author" content="Some Publisher GmbH"><meta name="author" content="">'
                     '<meta name="DC.date" content="2021-05-06"><meta property="og:title" content=" T "></head>'
                     "<body><p>text</p><p>more</p></body></html>")
    metas = meta_values(tree)
    assert metas["Author"] == "Some Publisher GmbH" and "author" not in metas  # empty values do not count
    assert metas["og:title"] == "T"
    published, modified = html_dates(tree, None, [], metas)
    assert published.value == "2021-05-06" and published.source == "meta:dc.date" and modified is None


# ------------------------------------------------------------------ one reader for text dates (issue #11, #12)
from newsgraph import Config, Pipeline, Source  # noqa: E402
from newsgraph.extract.datetext import DateOrder, reader  # noqa: E402


@pytest.fixture(scope="module")
def structure():
    return Pipeline(Config(), stages=("extract",))


def _dump(structure, text):
    return structure(Source.make("dump.txt", "text", text))


_BODY_RO = ("Consiliul local a aprobat ieri bugetul pentru anul viitor, după o dezbatere care a durat aproape patru "
            "ore și în care opoziția a cerut mai multe fonduri pentru școli.\n"
            "Primarul a spus că lucrările la noua linie de tramvai vor începe în primăvară, dacă licitația nu este "
            "contestată de firmele care au pierdut.\n")
_BODY_EN = ("The council approved the budget for next year after a debate that lasted almost four hours, and the "
            "opposition asked for more money for schools.\n"
            "The mayor said that work on the new tram line would start in the spring if the tender was not "
            "challenged by the firms that lost it.\n")


def test_romanian_numeric_dates_read_month_first(structure):
    """Regression (#12): "Data publicării: 09.10.2023 10:30" was read as 10 September."""
    doc = _dump(structure, "Bugetul orașului, aprobat după patru ore de dezbateri\n"
                           "Data publicării: 09.10.2023 10:30\n" + _BODY_RO)
    assert doc.published.value == "2023-10-09T10:30:00"


@pytest.mark.parametrize("line, expected", [
    ("Data publicării: 09.10.2023  10:30", "2023-10-09T10:30:00"),
    ("Data publicării:  14.09.2023  10:30", "2023-09-14T10:30:00"),
    ("Publicat:\t14.09.2023   10:30", "2023-09-14T10:30:00"),
])
def test_double_space_after_a_date_label_shifts_the_value(structure, line, expected):
    """Regression (#12): a double space after the label shifted the value ("14.09.2023  10:30" -> 9 April)."""
    doc = _dump(structure, "Bugetul orașului, aprobat după patru ore de dezbateri\n" + line + "\n" + _BODY_RO)
    assert doc.published.value == expected


@pytest.mark.parametrize("sentence", [
    "Updated figures show inflation fell.",
    "Published reports contradict this account.",
    "Posted prices rose again.",
    "Actualizat de ministerul muncii, calculul arată altceva.",
])
def test_body_sentences_starting_updated_or_published_are_not_date_lines(structure, sentence):
    """Regression (#12): "Updated figures show ..." was dropped from the body as a date line."""
    doc = _dump(structure, "Budget approved after four hours of debate\nBy Jane Doe\n"
                           + _BODY_EN.replace("\n", "\n" + sentence + "\n", 1))
    assert sentence in doc.body
    assert doc.published is None and doc.modified is None


@pytest.mark.parametrize("line, published, modified", [
    ("08.10.2024 14:32", "2024-10-08T14:32:00", None),
    ("marti, 14 noiembrie 2017", "2017-11-14", None),
    ("Luni, 16 ianuarie 2023, ora 18:41", "2023-01-16T18:41:00", None),
    ("27/04/2019 - 21:58", "2019-04-27T21:58:00", None),
    ("12.05.2020, ora 11:15", "2020-05-12T11:15:00", None),
    ("Publicat la 30 mai 2023 la 12:10", "2023-05-30T12:10:00", None),
    ("19 oct. 2023 · 4 min de citit", "2023-10-19", None),
    ("17 iun. 2016 08:12 | Actualizat 17 iun. 2016 23:05", "2016-06-17T08:12:00", "2016-06-17T23:05:00"),
    ("Data: 8 martie 2017 / Ora: 10:20", "2017-03-08T10:20:00", None),
    ("Actualizat: 11 ianuarie 2024", None, "2024-01-11"),
    ("30 Iunie 2021 15:20", "2021-06-30T15:20:00", None),
])
def test_romanian_date_lines(structure, line, published, modified):
    doc = _dump(structure, "Bugetul orașului, aprobat după patru ore de dezbateri\n" + line + "\n" + _BODY_RO)
    assert (doc.published.value if doc.published else None) == published
    assert (doc.modified.value if doc.modified else None) == modified
    assert line not in doc.body


@pytest.mark.parametrize("line, published, modified, tz", [
    ("June 3, 2019 11:22 AM GMT", "2019-06-03T11:22:00", None, "+00:00"),
    ("Wed 15 Jan 2020 18.30 GMT", "2020-01-15T18:30:00", None, "+00:00"),
    ("19:15, 21 Aug 2016 | Updated: 8:02, 22 Aug 2016", "2016-08-21T19:15:00", "2016-08-22T08:02:00", None),
    ("8 July 2023 • 7:42pm", "2023-07-08T19:42:00", None, None),
    ("5th October 2021", "2021-10-05", None, None),
    ("Mon, Feb 6, 2023, 8:00 AM EST", "2023-02-06T08:00:00", None, "-05:00"),
    ("Published April 17, 2019 at 4:32 PM EDT", "2019-04-17T16:32:00", None, "-04:00"),
    ("First published: 22 Jul 2023 08:10 BST", "2023-07-22T08:10:00", None, "+01:00"),
    ("01/14/2026", "2026-01-14", None, None),
])
def test_english_date_lines_keep_their_zone(structure, line, published, modified, tz):
    doc = _dump(structure, "Budget approved after four hours of debate\n" + line + "\n" + _BODY_EN)
    assert (doc.published.value if doc.published else None) == published
    assert (doc.modified.value if doc.modified else None) == modified
    if published:
        assert doc.published.tz == tz


def test_ambiguous_numeric_date_in_english_without_evidence_is_not_read(structure):
    doc = _dump(structure, "Budget approved after four hours of debate\n03/04/2020\n" + _BODY_EN)
    assert doc.published is None
    assert any("ambiguous" in n for n in doc.notes)
    us = _dump(structure, "Budget approved after four hours of debate\n03/04/2020 4:32 PM EDT\n" + _BODY_EN)
    assert us.published.value == "2020-03-04T16:32:00"  # a US time zone: month first
    ro = _dump(structure, "Bugetul orașului, aprobat după patru ore de dezbateri\n03/04/2020\n" + _BODY_RO)
    assert ro.published.value == "2020-04-03"  # Romanian: day first


def test_date_and_time_on_two_lines_and_author_in_the_date_line(structure):
    doc = _dump(structure, "Bugetul orașului, aprobat după patru ore de dezbateri\n04.09.2023\n08:30\n" + _BODY_RO)
    assert doc.published.value == "2023-09-04T08:30:00"
    doc = _dump(structure, "Budget approved after four hours of debate\n"
                           "Posted on 12 March 2018 by Margaret Ellis\n" + _BODY_EN)
    assert doc.published.value == "2018-03-12" and doc.authors == ["Margaret Ellis"]


def test_relative_dates_need_an_absolute_anchor(structure):
    text = "Bugetul orașului, aprobat după patru ore de dezbateri\nacum 3 ore\n" + _BODY_RO
    assert _dump(structure, text).published is None
    anchored = structure(Source.make("d.txt", "text", text, hints={"fetched": "2024-05-02T12:00:00"}))
    assert anchored.published.value == "2024-05-02T09:00:00"


def test_date_order_evidence():
    dates = reader(("en", "ro"))
    assert DateOrder.of_text("Publicat 25.05.2018", dates).order == "DMY"
    assert DateOrder.of_text("the report was published on 05/25/2018 and it is", dates).order == "MDY"
    assert DateOrder.of_text("Consiliul a aprobat bugetul", dates).order == "DMY"
    assert DateOrder.of_text("the council said that the budget was approved for the city", dates).order is None
    assert DateOrder.of_text("the council said on June 3, 2019 that it was approved", dates).order == "MDY"


def test_parse_date_orders_and_abstains():
    assert parse_date("09.10.2023 10:30", ["ro"]) == "2023-10-09T10:30:00"
    assert parse_date("03/04/2020") is None  # no language, no evidence: abstain
    assert parse_date("14 septembrie 2023, ora 10:05") == "2023-09-14T10:05:00"


# ------------------------------------------------------------------ HTML: the publisher's day, the visible date
def _page_dates(meta: str, url: str | None):
    tree = load_html(f"<html><head>{meta}</head><body><p>text</p><p>more</p></body></html>")
    return html_dates(tree, url, [], meta_values(tree))


@pytest.mark.parametrize("written, url, expected, tz", [
    ("2022-11-06T23:00:00.000Z", "https://www.example.de/a", "2022-11-07T00:00:00", "+01:00"),  # Berlin, winter
    ("Wed, 04 May 2022 02:41:00 GMT", "https://example.com.bo/a", "2022-05-03T22:41:00", "-04:00"),
    ("2022-07-01T22:30:00Z", "https://example.ro/a", "2022-07-02T01:30:00", "+03:00"),  # Bucharest, summer
    ("2022-07-01T22:30:00Z", "https://example.com/a", "2022-07-01T22:30:00", "+00:00"),  # .com: no zone known
    ("2022-07-01T22:30:00Z", "https://example.us/a", "2022-07-01T22:30:00", "+00:00"),  # several zones
    ("2022-07-01T22:30:00Z", "https://example.io/a", "2022-07-01T22:30:00", "+00:00"),  # a global ccTLD
    ("2022-07-01T22:30:00+02:00", "https://example.de/a", "2022-07-01T22:30:00", "+02:00"),  # local already
])
def test_utc_times_become_the_local_time_of_a_one_zone_country(written, url, expected, tz):
    published, _ = _page_dates(f'<meta property="article:published_time" content="{written}">', url)
    assert (published.value, published.tz, published.text) == (expected, tz, written)


_ARTICLE = "".join(f"<p>Paragraph {i} of the article, long enough to be read as prose by the extractor, with "
                   f"several clauses, a few numbers like {i * 7} and a full stop at the end.</p>" for i in range(6))


@pytest.mark.parametrize("dateline, expected", [
    ("<p><em>10.11.2021</em></p>", "2021-11-10"),
    ("<p>Veröffentlicht am 3. März 2022</p>", "2022-03-03"),
    ("<p>Publicat: 14.09.2023, 10:30</p>", "2023-09-14T10:30:00"),
    ("<p>Posted on June 3, 2019 by Ann Lee</p>", "2019-06-03"),
])
def test_a_visible_date_line_when_the_markup_has_none(structure, dateline, expected):
    # beside the headline: read there (``dates.headline_date``)
    html = f"<html><body><article><h1>Headline of the page</h1>{dateline}{_ARTICLE}</article></body></html>"
    doc = structure(Source.make("page.html", "html", html))
    assert doc.published.value == expected and doc.published.source == "headline"
    # a page without an <h1>: the first date line of the text
    html = f"<html><body><article><h2>Headline of the page</h2>{dateline}{_ARTICLE}</article></body></html>"
    doc = structure(Source.make("page.html", "html", html))
    assert doc.published.value == expected and doc.published.source == "text"


def test_an_ambiguous_english_numeric_date_line_is_not_read(structure):
    html = f"<html><body><article><h1>Headline of the page</h1><p>03/04/2020</p>{_ARTICLE}</article></body></html>"
    doc = structure(Source.make("page.html", "html", html))
    assert doc.published is None or doc.published.source != "text"


def _ld(published: str, modified: str | None = None) -> str:
    mod = f', "dateModified": "{modified}"' if modified else ""
    return ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Headline of the page", '
            f'"datePublished": "{published}"{mod}}}</script>')


@pytest.mark.parametrize("head, shown, url, expected", [
    # the page shows its modified date, not the declared publication date (a magazine's refreshed guide)
    (_ld("2021-11-22T18:42:22+01:00", "2023-01-01T10:00:00+01:00"),
     '<time class="header-date">1. Januar 2023</time>', "https://www.example.de/a", "2023-01-01"),
    (_ld("2022-05-03 13:32:45", "2022-05-04 00:00:00"), "<span>04 de mayo 2022, 12:00 A. M.</span>",
     "https://www.example.com/a", "2022-05-04"),
    # a UTC time the page shows as the day before (a site in the Americas, .com: no zone known)
    (_ld("2022-05-04T03:37:37+00:00"), "<div class='meta'>May 3, 2022</div>", "https://www.example.com/a",
     "2022-05-03"),
    # the markup's date is not on the page; the page's own date line is
    ('<meta property="article:published_time" content="2022-11-17T10:33:13Z">', "<p>Veröffentlicht am 9. März "
     "2022</p>", "https://www.example.org/a", "2022-03-09"),
    # the declared date is on the page: it stays, whatever else the page shows
    (_ld("2021-03-16T16:16:10Z", "2021-03-20T15:00:17Z"), "<p class='date'>16.03.2021</p><p>Aktualisiert "
     "20.03.2021</p>", "https://www.example.com/a", "2021-03-16"),
    # nothing on the page to check against: the markup's date stays
    (_ld("2019-10-19T08:00:00+02:00", "2019-10-21T08:00:00+02:00"), "", "https://www.example.com/a", "2019-10-19"),
])
def test_the_markup_date_against_the_dates_the_page_shows(structure, head, shown, url, expected):
    html = (f"<html><head>{head}</head><body><article><h1>Headline of the page</h1>{shown}{_ARTICLE}</article>"
            "</body></html>")
    doc = structure(Source.make("page.html", "html", html, url=url))
    assert doc.published.value[:10] == expected


@pytest.mark.parametrize("kind, shown, expected", [
    ("Recipe", "", None),  # a recipe's SEO date the page never shows: no date
    ("WebPage", "", None),
    ("WebPage", "<p>Posted 14.09.2023</p>", "2023-09-14"),  # shown on the page: kept
    ("NewsArticle", "", "2023-09-14"),  # an article's date is kept even when the page does not show it
])
def test_a_non_article_json_ld_date_is_kept_only_when_shown(structure, kind, shown, expected):
    ld = f'{{"@type": "{kind}", "datePublished": "2023-09-14T10:00:00+02:00", "name": "Headline of the page"}}'
    html = (f'<html><head><script type="application/ld+json">{ld}</script></head><body><article>'
            f"<h1>Headline of the page</h1>{_ARTICLE}{shown}</article></body></html>")
    doc = structure(Source.make("page.html", "html", html))
    assert (doc.published.value[:10] if doc.published else None) == expected


def test_an_article_node_date_wins_over_a_web_page_node_date():
    ld = ('[{"@type": "WebPage", "datePublished": "2020-01-01"}, '
          '{"@type": "BlogPosting", "datePublished": "2021-05-06"}]')
    tree = load_html(f'<html><head><script type="application/ld+json">{ld}</script></head>'
                     "<body><p>text</p><p>more</p></body></html>")
    published, _ = html_dates(tree, None)
    assert published.value == "2021-05-06"


@pytest.mark.parametrize("line, value", [
    ("Von: Björn Jahner | 31.10.23", "2023-10-31"),  # dotted with a two-digit year: day first
    ("Erstellt am 01.01.23 um 08:35", "2023-01-01T08:35:00"),
    ("18. 05. 2014 22:38", "2014-05-18T22:38:00"),  # spaces after the dots
    ("4. 2. 2022.", "2022-02-04"),
    ("2023/10/09 14:30", "2023-10-09T14:30:00"),  # year first: always year-month-day
])
def test_short_and_spaced_dotted_dates_and_year_first_slashes(line, value):
    from newsgraph.extract.datetext import reader

    assert [f.value for f in reader(("de", "en", "ro")).find(line, "DMY")] == [value]


@pytest.mark.parametrize("line", ["Version 1.2.23", "1.2.23", "10.10.10.10", "Preis 12.50.20"])
def test_versions_and_numbers_are_no_short_dates(line):
    from newsgraph.extract.datetext import reader

    assert reader(("de", "en", "ro")).find(line, "DMY") == []
