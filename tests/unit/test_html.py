import pytest
from conftest import EXAMPLES

from newsgraph import Config, InputError, Pipeline, Source


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Config())


def run(pipeline, path, url=None):
    return pipeline(Source.make(str(path), "html", path.read_text("utf-8"), url=url))


def test_jsonld_article(pipeline):
    doc = run(pipeline, EXAMPLES / "ro-summit-energie.html")
    assert doc.title.startswith("Miniștrii din cinci țări")
    assert doc.published.value == "2024-05-21T09:15:00" and doc.published.source == "json-ld"
    assert doc.modified.value.startswith("2024-05-21T11:40")
    assert doc.authors == ["Elena Marinescu", "Radu Ionescu"]
    assert doc.site == "Știri de Litoral"
    assert doc.body[0].startswith("Miniștrii energiei din România")  # the <h1> is the title, not body
    assert not any("Articole similare" in p or "Distribuie" in p for p in doc.body)
    fig = doc.figures[0]
    assert fig.src == "/img/summit.jpg" and fig.alt.startswith("Miniștrii energiei")
    assert fig.credit == "Mihai Dobre" and fig.caption.startswith("Miniștrii energiei au semnat")
    related = [b.text for b in doc.boilerplate if b.kind == "related"]
    assert "Prețul energiei pe bursă a scăzut cu 12% în aprilie" in related
    assert any(b.kind == "navigation" and b.text == "Acasă" for b in doc.boilerplate)


def test_meta_dates_and_credit_span(pipeline):
    doc = run(pipeline, EXAMPLES / "en-coalition-talks.html")
    assert doc.published.source == "meta:article:published_time"
    assert doc.authors == ["Priya Natarajan"]
    assert doc.site == "The Harbour Herald"
    assert doc.figures[0].credit.endswith("Harbour Herald")
    assert any(b.kind == "cta" for b in doc.boilerplate)
    assert doc.language.code == "en"


def test_url_date_when_page_has_no_other_evidence(pipeline):
    html = "<html><body><article><p>" + "Words in a sentence about the city council. " * 20 + "</p></article></body></html>"
    doc = pipeline(Source.make("p.html", "html", html, url="https://news.example/2021/03/04/story"))
    assert doc.published.value == "2021-03-04" and doc.published.source == "url"


def test_page_without_text_is_an_input_error(pipeline):
    with pytest.raises(InputError, match="p.html"):
        pipeline(Source.make("p.html", "html", "<html><body><div></div></body></html>"))


def test_script_is_not_body(pipeline):
    html = ("<html><body><article><p>" + "A long sentence about the budget vote in parliament today. " * 8 +
            "</p><script>alert('x')</script></article></body></html>")
    doc = pipeline(Source.make("s.html", "html", html))
    assert "alert" not in doc.text


def test_jsonld_author_by_reference_and_profile_url_is_no_name(pipeline):
    body = "<p>" + "A sentence about the harbour authority and the city budget vote. " * 8 + "</p>"
    graph = ('{"@context": "https://schema.org", "@graph": ['
             '{"@type": "Article", "headline": "Budget vote", "author": {"@id": "https://x.example/#/person/1"},'
             ' "publisher": {"@id": "https://x.example/#org"}},'
             '{"@type": "Person", "@id": "https://x.example/#/person/1", "name": "Ana Popescu"},'
             '{"@type": "Organization", "@id": "https://x.example/#org", "name": "Harbour Herald"}]}')
    html = (f'<html><head><script type="application/ld+json">{graph}</script></head>'
            f"<body><article><h1>Budget vote</h1>{body}</article></body></html>")
    doc = pipeline(Source.make("g.html", "html", html))
    assert doc.authors == ["Ana Popescu"] and doc.site == "Harbour Herald"
    html = ('<html><head><meta property="article:author" content="https://www.facebook.com/someone"></head><body>'
            f'<article><h1>Budget vote</h1><p class="byline">Radu Ionescu</p>{body}</article></body></html>')
    doc = pipeline(Source.make("u.html", "html", html))
    assert doc.authors == ["Radu Ionescu"]  # the URL is dropped and the byline markup answers


@pytest.mark.parametrize("name, expected", [
    ("By Glen Owen", "Glen Owen"), ("Par Stefan Häne", "Stefan Häne"), ("De Ion Popescu", "Ion Popescu"),
    ("Autor: www.example.ro", "www.example.ro"), ("De Gaulle", "De Gaulle"), ("Jose de la Cruz", "Jose de la Cruz"),
    ("Byron Smith", "Byron Smith"), ("Redaktion", "Redaktion"), ("By", "By"),
])
def test_author_label_is_stripped_only_before_a_name(name, expected):
    from newsgraph.extract.htmlauthors import _strip_author_label
    from newsgraph.lang import cues

    assert _strip_author_label(name, cues.load()) == expected


# ------------------------------------------------------------------ metadata on unseen layouts (issue #11)
_BODY = "<p>" + "A sentence about the harbour authority and the city budget vote this week. " * 8 + "</p>"


def _page(head="", article="", before=""):
    return (f"<html><head>{head}</head><body>{before}<article>{article}{_BODY}{_BODY}</article></body></html>")


def test_figures_from_wp_caption_data_attributes_and_jsonld_image(pipeline):
    ld = ('{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Budget vote",'
          ' "image": {"@type": "ImageObject", "url": "https://x.example/lead.jpg", "caption": "The harbour at dawn",'
          ' "creditText": "Ana Pop / Harbour Herald"}}')
    article = ('<figure data-credit="Reuters"><img src="/a.jpg" alt="Quay"><figcaption>Cranes at the quay'
               '</figcaption></figure>'
               '<div class="wp-caption"><img src="/b.jpg"><p class="wp-caption-text">The old lighthouse. '
               'Foto: Ion Dinu</p></div>')
    doc = pipeline(Source.make("f.html", "html", _page(f'<script type="application/ld+json">{ld}</script>',
                                                       article)))
    figs = {f.src: f for f in doc.figures}
    assert figs["/a.jpg"].caption == "Cranes at the quay" and figs["/a.jpg"].credit == "Reuters"
    assert figs["/b.jpg"].caption == "The old lighthouse" and figs["/b.jpg"].credit == "Ion Dinu"
    lead = figs["https://x.example/lead.jpg"]
    assert lead.caption == "The harbour at dawn" and lead.credit == "Ana Pop / Harbour Herald"


def test_title_without_site_suffix_and_among_several_h1(pipeline):
    head = ('<meta property="og:title" content="Budget vote delayed again | The Harbour Herald">'
            '<meta property="og:site_name" content="The Harbour Herald - Home">')
    doc = pipeline(Source.make("t.html", "html", _page(head, before="<h1>The Harbour Herald</h1>"
                                                       "<h1>Budget vote delayed again</h1>")))
    assert doc.title == "Budget vote delayed again"
    assert doc.site == "The Harbour Herald"
    doc = pipeline(Source.make("t2.html", "html", _page(head)))
    assert doc.title == "Budget vote delayed again"  # no <h1>: og:title without its site suffix


def test_newsroom_and_site_are_not_authors_and_soft_hyphens_leave_the_title(pipeline):
    head = ('<meta name="author" content="Redacția"><meta property="og:site_name" content="Harbour Herald">'
            '<meta property="article:published_time" content="2023-10-09T10:30:00+03:00">')
    doc = pipeline(Source.make("a.html", "html", _page(head, "<h1>Budget\u00advote</h1>")))
    assert doc.authors == [] or "Redacția" not in doc.authors
    assert doc.title == "Budgetvote"
    assert doc.published.value == "2023-10-09T10:30:00" and doc.published.tz == "+03:00"


@pytest.mark.parametrize("html", [
    "<html><head><title>T</title></head><body><p>Un paragraf <b>scurt</b>.</p><form><input name=q></form></body></html>",
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>Déclaration d\'encodage</p></body></html>',
    "<p>Only a fragment</p>",
    "<div>one</div><div>two</div>",
    "plain text, no markup at all",
    "",
    "<!DOCTYPE html><html/><body><p>faulty html tag</p></body>",
])
def test_parse_html_matches_trafilatura_load_html(html):
    """``parse_html`` builds the tree trafilatura's own ``load_html`` builds from a string (one parse per page),
    only with element classes looked up in C: every element is an HtmlElement."""
    from lxml import etree
    from lxml.html import HtmlElement
    from trafilatura.utils import load_html

    from newsgraph.extract.html import parse_html

    ours, theirs = parse_html(html), load_html(html)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert etree.tostring(ours) == etree.tostring(theirs)
        assert all(isinstance(el, HtmlElement) for el in ours.iter() if isinstance(el.tag, str))


def test_page_without_text_is_broken_html(pipeline):
    with pytest.raises(InputError, match="no text in the page"):
        pipeline(Source.make("empty.html", "html", "<html><head><title></title></head><body><div> </div></body></html>"))


_PARAS = "".join(f"<p>Paragraph {i} of the story, long enough for the extractor to keep it as prose, with a few "
                 f"clauses and numbers such as {i * 11} before its full stop.</p>" for i in range(5))


@pytest.mark.parametrize("h1, meta, expected", [
    ('<span class="roofline">Immobilienkrise </span>Firma in Sorge um ihre Daten', "", "Firma in Sorge um ihre Daten"),
    ('<span class="ts-overline">Abstand</span><span class="ts-colon">: </span><span>Wie Firmen sich schützen</span>',
     "", "Wie Firmen sich schützen"),
    ("<small>Tunesien</small><br> Große Aufgaben für die Regierung", '<meta property="og:title" '
     'content="Große Aufgaben für die Regierung">', "Große Aufgaben für die Regierung"),
    ('<div><span class="visuallyhidden">Headline:</span> Energiewende und Wandel</div>', "",
     "Energiewende und Wandel"),
    # a first element that is neither a kicker nor cut off by the page's own title: the whole <h1>
    ("<em>Breaking</em> news from the harbour today", '<meta property="og:title" content="Something else">',
     "Breaking news from the harbour today"),
])
def test_headline_without_its_kicker(pipeline, h1, meta, expected):
    html = f"<html><head>{meta}</head><body><article><h1>{h1}</h1>{_PARAS}</article></body></html>"
    assert pipeline(Source.make("p.html", "html", html)).title == expected


@pytest.mark.parametrize("title, url, expected", [
    ("Pour la retraite, un archaïsme | AOC media - Analyse Opinion Critique", "https://aoc.media/x",
     "Pour la retraite, un archaïsme"),
    ("Was wir nicht hören wollen | FASSETTE.NET", "https://example.io/x", "Was wir nicht hören wollen"),
    ("Energiewende und Wirtschaften - BMBF", "https://www.bmbf.de/x", "Energiewende und Wirtschaften"),
    ("Rock - Paper - Scissors explained", "https://example.com/x", "Rock - Paper - Scissors explained"),
])
def test_site_suffix_by_domain(pipeline, title, url, expected):
    html = (f'<html><head><meta property="og:title" content="{title}"></head><body><article>{_PARAS}'
            f"</article></body></html>")
    assert pipeline(Source.make("p.html", "html", html, url=url)).title == expected


@pytest.mark.parametrize("byline, expected", [
    ("Von Anna Berg", ["Anna Berg"]),
    ("View all posts by Daniel Lemire", ["Daniel Lemire"]),
    ("Interview: Julia Lauter", ["Julia Lauter"]),
    ("Posted", []),
    ("No Author", []),
])
def test_markup_byline_labels_and_label_words(pipeline, byline, expected):
    html = (f'<html><head><meta name="author" content="{byline}"></head><body><article><h1>A headline here</h1>'
            f"{_PARAS}</article></body></html>")
    assert pipeline(Source.make("p.html", "html", html)).authors == expected


@pytest.mark.parametrize("head, before, url, expected", [
    # the page's only <h1> is the site's name, its domain or the <title>'s site part: the <title> or og:title
    ("<title>Muffin Grundrezept : Muffin Rezepte</title>", "<h1>Muffin Rezepte</h1>", "https://example.net/a",
     "Muffin Grundrezept"),
    ("<title>XUM1541: Dateien zwischen Linux und C64</title>", "<h1>jan-example.de</h1>", "https://jan-example.de/a",
     "XUM1541: Dateien zwischen Linux und C64"),
    ('<meta property="og:title" content="Mayor accused of timing retirement">', "<h1>HERALD</h1>",
     "https://www.herald.com/a", "Mayor accused of timing retirement"),
    # an <h1> that shares a word with the domain is still the headline ("... - DRK: Immer mehr ...")
    ("<title>Rotes Kreuz - Klimakonferenz</title>", "<h1>Klimakonferenz in Glasgow - DRK: Mehr Menschen in Not</h1>",
     "https://www.drk.de/a", "Klimakonferenz in Glasgow - DRK: Mehr Menschen in Not"),
    # several <h1> and no og:title: the one the <title> starts with, not the blog's name
    ("<title>Kleine Schafskunde | Mäscot das Schaf – Webcomic</title>",
     "<h1>Mäscot das Schaf – Webcomic</h1><h1>Kleine Schafskunde</h1>", "https://example.de/a", "Kleine Schafskunde"),
    # a date before the headline or after it, and HTML escapes in a JSON-LD headline
    ("", "<h1>23.01.2022 - Wierer darf beim Abschluss noch jubeln</h1>", None, "Wierer darf beim Abschluss noch jubeln"),
    ("", "<h1>Zuschauer kehren zurück 02.02.2022 • Verband , Presse</h1>", None, "Zuschauer kehren zurück"),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Atim: &#8222;Stärke&#8220; zeigen"}'
     "</script>", "<h1>Logo</h1><h1>Menu</h1>", None, "Atim: „Stärke“ zeigen"),
    # a domain after the headline in the <h1>
    ("", "<h1>Was wir nicht hören wollen | FASSETTE.NET</h1>", "https://example.io/a", "Was wir nicht hören wollen"),
])
def test_headline_not_masthead_date_or_escapes(pipeline, head, before, url, expected):
    html = f"<html><head>{head}</head><body>{before}<article>{_PARAS}</article></body></html>"
    assert pipeline(Source.make("p.html", "html", html, url=url)).title == expected


def test_headline_last_in_the_title_after_the_site_is_no_masthead(pipeline):
    html = (f"<html><head><title>Echte Demokratie | Liebe Menschen Europas</title></head><body>"
            f"<h1>Liebe Menschen Europas</h1><article>{_PARAS}</article></body></html>")
    doc = pipeline(Source.make("p.html", "html", html, url="https://echte-demokratie.de/blog"))
    assert doc.title == "Liebe Menschen Europas"


def _ld_author(author: str) -> str:
    return ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "A headline here", '
            f'"author": {author}}}</script>')


@pytest.mark.parametrize("head, byline, url, expected", [
    # the site, its domain, an organisation or the newsroom signs: the byline markup's person instead
    (_ld_author('{"@type": "Organization", "name": "Helmholtz Klima"}'), "Christian Mihatsch",
     "https://www.helmholtz-klima.de/a", ["Christian Mihatsch"]),
    ('<meta name="author" content="LAOLA1.at">', "Alexander Karper", "https://www.laola1.at/a", ["Alexander Karper"]),
    ('<meta name="author" content="Bundesverband WindEnergie e.V.">', "", None, []),
    ('<meta name="author" content="wegewerk GmbH">', "", None, []),
    (_ld_author('{"@type": "Person", "name": "Redacción EC"}'), "", None, []),
    (_ld_author('[{"@type": "Person", "name": "Michael Humpa"}, {"@type": "Person", "name": "CHIP '
                'Software-Redaktion"}]'), "", None, ["Michael Humpa"]),
    ('<meta name="author" content="DER SPIEGEL, Hamburg, Germany">', "", "https://www.spiegel.de/a", []),
    # a blog named after its author keeps the author
    ('<meta name="author" content="Jan Grosser">', "", "https://jan-grosser.de/a", ["Jan Grosser"]),
    # the site's name or the newsroom around a name, a degree, quotes, escapes
    ('<meta name="author" content="unocero - Alberto Ávila">', "", "https://www.unocero.com/a", ["Alberto Ávila"]),
    ('<meta name="author" content="Adam Aaronson PhillyVoice Staff">', "", "https://www.phillyvoice.com/a",
     ["Adam Aaronson"]),
    (_ld_author('{"@type": "Person", "name": "FOCUS-Online-Experte Robin Tschöpe"}'), "", "https://www.focus.de/a",
     ["Robin Tschöpe"]),
    (_ld_author('{"@type": "Person", "name": "Grant Tinsley, PhD"}'), "", None, ["Grant Tinsley"]),
    ("<meta name=\"author\" content=\"'Luana Patriolino, Raphael Felice'\">", "", None,
     ["Luana Patriolino", "Raphael Felice"]),
    (_ld_author('{"@type": "Person", "name": "Ana P&eacute;rez"}'), "", None, ["Ana Pérez"]),
    ('<meta name="author" content="Artikel von hausinfo">', "", "https://www.hausinfo.ch/a", ["hausinfo"]),
])
def test_authors_are_people_not_the_site(pipeline, head, byline, url, expected):
    by = f'<div class="author-name">{byline}</div>' if byline else ""
    html = f"<html><head>{head}</head><body><article><h1>A headline here</h1>{by}{_PARAS}</article></body></html>"
    assert pipeline(Source.make("p.html", "html", html, url=url)).authors == expected


@pytest.mark.parametrize("line, expected", [
    ("<p>Von Leonora Holling</p>", ["Leonora Holling"]),
    ('<div class="author">Par Barbara Stiegler</div>', ["Barbara Stiegler"]),
    ("<p>Autorin: Uta Staschewski</p>", ["Uta Staschewski"]),
    ("<p>Author: Jacopo Cascioli</p>", ["Jacopo Cascioli"]),
    ("<p>Posted 11. April 2018 by Walter von Aachen</p>", ["Walter von Aachen"]),
    ("<p>von Anna Berg · 22. Oktober 2019</p>", ["Anna Berg"]),
    ("<p>by jdoe · October 22, 2019</p>", []),
    # no byline: a preposition before one word, a sentence, a word in capitals
    ("<p>Von Montag bis Freitag</p>", []),
    ("<p>Von Berlin</p>", []),
    ("<p>By DATE</p>", []),
])
def test_a_byline_written_as_text_when_the_markup_has_none(pipeline, line, expected):
    html = f"<html><body><article><h1>A headline here</h1>{line}{_PARAS}</article></body></html>"
    assert pipeline(Source.make("p.html", "html", html)).authors == expected
