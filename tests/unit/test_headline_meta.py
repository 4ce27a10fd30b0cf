"""The date and byline a reader sees beside the headline, in HTML pages whose markup declares neither, and bylines
of flattened pages (text dumps) with more after the names. Invented pages in many site styles and languages."""

import pytest

from newsgraph import Config, Pipeline, Source
from newsgraph.extract.byline import _as_written

_PARAS = "".join(f"<p>Paragraph {i} of the article is long enough to be read as prose by the extractor, with a "
                 f"few clauses, a number like {i * 11} and a full stop at the end of it.</p>" for i in range(6))
_NAV = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Config(), stages=("extract",))


def _page(before: str = "", after: str = "", h1: str = "The headline of the story", head: str = "") -> str:
    return (f"<html><head><title>{h1} | Example</title>{head}</head><body>{_NAV}<main><article>{before}"
            f"<h1>{h1}</h1>{after}{_PARAS}</article></main></body></html>")


@pytest.mark.parametrize("before, after, expected", [
    # a German press release: place and date under the headline
    ("", "<p>Hamburg, 2. November 2021</p>", "2021-11-02"),
    # a date and a section above the headline
    ("<p class='meta'>24. April 2020 | <a href='/pm'>Pressemitteilungen</a></p>", "", "2020-04-24"),
    # a date and time with the author's first name, the label missing
    ("", "<h2>Stars <span>06.11.2023 13:30 von Olga</span></h2>", "2023-11-06T13:30:00"),
    # an English page: the time first, the published line before the updated one
    ("", "<div><time>Published: 10:00am, 20 Jan, 2020</time><p>Updated: 10:09am, 21 Jan, 2020</p></div>",
     "2020-01-20T10:00:00"),
    # French, Spanish, Italian, Romanian written dates
    ("", "<div class='infos'><span>Mise en ligne</span> <span>23 mai 2019</span></div>", "2019-05-23"),
    ("", "<p>Montevideo, 11 de mayo de 2022</p>", "2022-05-11"),
    ("", "<div>14 gennaio 2020, ore 12:30</div>", "2020-01-14T12:30:00"),
    ("", "<p>Publicat: 09.10.2023 10:30</p>", "2023-10-09T10:30:00"),
    # a US page with a slashed date and a month-first written date elsewhere near it
    ("", "<p>Posted 03/04/2020</p><p>By Ann Lee, March 4, 2020</p>", "2020-03-04"),
    # the nearest of two dates: the one right under the headline, not the one in the masthead
    ("<header><p>Montag, 16. Februar 2012</p><p>Wetter und Service und mehr Navigation hier oben</p></header>",
     "<span>14. Februar 2012</span>", "2012-02-14"),
])
def test_the_date_beside_the_headline(pipeline, before, after, expected):
    doc = pipeline(Source.make("page.html", "html", _page(before, after), url="https://www.example.org/a"))
    assert doc.published is not None and doc.published.value == expected
    assert doc.published.source == "headline"


@pytest.mark.parametrize("after", [
    # a date inside a sentence is an event, not the page's date
    "<p>Der nächste Stammtisch findet am Mi. 5. Februar 2020 ab 19 Uhr im Vereinsheim statt, alle sind "
    "willkommen.</p>",
    # teaser links carry other articles' dates
    "<ul><li><a href='/b'>Other story, 12.01.2020</a></li><li><a href='/c'>Third story, 13.01.2020</a></li></ul>",
    # only an update date is shown
    "<p>Updated: 21 Jan 2020</p>",
    # an ambiguous numeric date on an English page with no evidence of the order
    "<p>03/04/2020</p>",
])
def test_no_date_beside_the_headline_is_no_guess(pipeline, after):
    doc = pipeline(Source.make("page.html", "html", _page("", after), url="https://www.example.org/a"))
    assert doc.published is None or doc.published.source != "headline"


def test_the_headline_element_is_the_one_that_shows_the_title(pipeline):
    html = ("<html><head><meta property='og:title' content='The real headline of the story'></head><body>"
            "<header><h1>Example Times</h1><p>01.01.2019</p></header><main><article>"
            "<h1>The real headline of the story</h1><p>5. März 2021</p>" + _PARAS + "</article></main></body></html>")
    doc = pipeline(Source.make("page.html", "html", html, url="https://www.example.de/a"))
    assert doc.title == "The real headline of the story"
    assert doc.published.value == "2021-03-05"


def test_markup_date_wins_over_the_headline_date(pipeline):
    head = "<meta property='article:published_time' content='2020-03-04T10:00:00+01:00'>"
    doc = pipeline(Source.make("page.html", "html", _page("", "<p>4. März 2020</p><p>2. März 2020</p>", head=head),
                               url="https://www.example.de/a"))
    assert doc.published.value.startswith("2020-03-04") and doc.published.source.startswith("meta:")


@pytest.mark.parametrize("after, expected", [
    ("<div class='dates_auteurs'>par <span class='auteurs'>Claire Dubois</span>, 21 juin 2018</div>",
     ["Claire Dubois"]),
    ("<p>Posted on <span>June 3, 2019</span> by <span>Ann Lee</span></p>", ["Ann Lee"]),
    ("<div><span>Autorin:</span> <span>Uta Muster</span></div>", ["Uta Muster"]),
    ("<p>Por <strong>Mariana López</strong> | Política</p>", ["Mariana López"]),
])
def test_a_byline_beside_the_headline(pipeline, after, expected):
    doc = pipeline(Source.make("page.html", "html", _page("", after), url="https://www.example.org/a"))
    assert doc.authors == expected


def test_a_byline_far_from_the_headline_in_a_comment_is_no_author(pipeline):
    comment = "<div class='comments'><p>Von Karl Leser am 3. März 2020</p><p>Toller Artikel!</p></div>"
    html = _page().replace("</article>", f"</article>{comment}")
    doc = pipeline(Source.make("page.html", "html", html, url="https://www.example.org/a"))
    assert "Karl Leser" not in doc.authors


@pytest.mark.parametrize("normalised, byline, expected", [
    ("Günter W Kienitz", "Posted by Günter W. Kienitz at 18:52", "Günter W. Kienitz"),
    ("T V Raman", "Posted by T. V. Raman.", "T. V. Raman"),
    ("Ann Lee", "by ann lee.", "Ann Lee"),  # only the full stops are put back, not another spelling
    ("Ann Lee", "no such name here", "Ann Lee"),
])
def test_initials_keep_their_full_stops(normalised, byline, expected):
    assert _as_written(normalised, byline) == expected


# ---------------------------------------------------------------------------------------------- text dumps
_DE = "\n\n".join(["Der erste Absatz des Artikels ist lang genug, um als Fließtext zu gelten, und endet hier."] * 3)
_EN = "\n\n".join(["The first paragraph of the article is long enough to count as running text, and ends here."] * 3)
_ES = "\n\n".join(["El primer párrafo del artículo es bastante largo para contar como texto, y termina aquí."] * 3)


@pytest.mark.parametrize("byline, body, authors, published", [
    ("By Grace Lane | glane@example-herald.com", _EN, ["Grace Lane"], None),
    ("By Evan Brook, August 14, 2020 2:30 pm", _EN, ["Evan Brook"], "2020-08-14T14:30:00"),
    ("by Jake Morton on January 20, 2020", _EN, ["Jake Morton"], "2020-01-20"),
    ("Gepostet von Katharina Wald | Wohnen", _DE, ["Katharina Wald"], None),
    ("Von Andreas Flieder", _DE, ["Andreas Flieder"], None),
    ("von Stefan Beier am 29. Mai 2017 , 14:14 Uhr", _DE, ["Stefan Beier"], "2017-05-29T14:14:00"),
    ("Interview: Julia Laut", _DE, ["Julia Laut"], None),
    ("Von: Björn Jahn | 31.10.23", _DE, ["Björn Jahn"], "2023-10-31"),  # dotted, two digits each: day first
    ("Von Felix Eisen // 1. November 2023", _DE, ["Felix Eisen"], "2023-11-01"),
    ("By Martin Jens On 12. Dezember 2022", _EN, ["Martin Jens"], "2022-12-12"),
    ("Por Mariano Marín mmarin@example.com.ar", _ES, ["Mariano Marín"], None),
])
def test_dump_bylines_with_more_after_the_names(pipeline, byline, body, authors, published):
    doc = pipeline(Source.make("x.txt", "text", f"A headline for the test page\n\n{byline}\n\n{body}"))
    assert doc.authors == authors
    assert (doc.published.value if doc.published else None) == published


@pytest.mark.parametrize("line", [
    "Von Montag bis Freitag geöffnet",  # "Von" before no name
    "Di Dienstag - 14.30 - 16.00 Uhr",  # a weekday after a label-like word
])
def test_dump_lines_that_are_no_bylines(pipeline, line):
    doc = pipeline(Source.make("x.txt", "text", f"A headline for the test page\n\n{line}\n\n{_DE}"))
    assert doc.authors == []


@pytest.mark.parametrize("title, later, expected", [
    ("Tote Hummeln unter Linden: Die Erklärung | Hummeln", "Hummeln und Bienen", "Tote Hummeln unter Linden: Die Erklärung"),
    ("Pluralsight Tech Blog | Managing Python Environments", "© Pluralsight Tech Blog 2020",
     "Managing Python Environments"),
    ("Penny - Stardew Valley Wiki", "Stardew Valley Wiki is a fan site", "Penny"),
    # no part recurs: the line stays whole (a scraper's headline with a dash)
    ("Kim - Putin: the meeting in Vladivostok", "Other words entirely", "Kim - Putin: the meeting in Vladivostok"),
])
def test_a_title_line_loses_the_parts_the_page_repeats(pipeline, title, later, expected):
    doc = pipeline(Source.make("x.txt", "text", f"{title}\n\nMenu\n\n{_EN}\n\n{later}"))
    assert doc.title == expected


@pytest.mark.parametrize("line, authors", [
    ("Tanja Kar 3.11.2023", ["Tanja Kar"]),
    ("Christian Kahn, 03.11.2023 15:32 Uhr", ["Christian Kahn"]),
    ("Marie Merle | lundi 9 décembre 2019 à 09h08", ["Marie Merle"]),
    ("Hamburg, 2. November 2021", []),  # a place: one word
    ("24. April 2020 | Pressemitteilungen", []),
    ("Crime Published On 10.05.2022", []),  # labels, not a name
])
def test_dump_a_full_name_beside_a_date_under_the_headline(pipeline, line, authors):
    doc = pipeline(Source.make("x.txt", "text", f"A headline for the test page\n\n{line}\n\n{_EN}"))
    assert doc.authors == authors
    if authors:  # the date beside the name is the article's
        assert doc.published is not None and doc.published.value[:4] in line


@pytest.mark.parametrize("first", [
    "01.02.2022 | Breuninger-Meeting",  # a date and a section
    "Bosch | 26.01.2022",
    "By Glen Owen And Brendan Carlin For The Mail On Sunday",  # a byline whose names the reader cannot split
])
def test_dump_dated_or_byline_lines_are_no_headline(pipeline, first):
    text = f"Home\n\nSport\n\n{first}\n\nErfurt: Maximilian Thorn überrascht auf der Mitteldistanz\n\n{_EN}"
    assert pipeline(Source.make("x.txt", "text", text)).title == "Erfurt: Maximilian Thorn überrascht auf der " \
        "Mitteldistanz"


def test_dump_headline_that_names_a_date_stays(pipeline):
    title = "Salariul minim crește la 4.050 de lei de la 1 ianuarie 2025. Ce prevede hotărârea"
    doc = pipeline(Source.make("x.txt", "text", f"{title}\n\nDe ce contează\n\n{_EN}"))
    assert doc.title == title
