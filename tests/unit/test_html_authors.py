"""Authors of HTML pages in many site styles (issue #11): <meta> authors of every kind, user names, domain names,
first names completed from the author box, a label in its own element. Every page here is written for the test."""

import pytest

from newsgraph import Config, Pipeline, Source
from newsgraph.extract.htmlauthors import meta_authors
from newsgraph.extract.html import parse_html

_PROSE = {
    "en": "The council voted on the harbour budget after a long debate about the ferry routes and the old pier",
    "de": "Der Stadtrat stimmte nach langer Debatte über die Fährlinien und den alten Steg über den Hafenhaushalt ab",
    "fr": "Le conseil municipal a voté le budget du port après un long débat sur les lignes de ferry et la jetée",
    "es": "El pleno municipal aprobó el presupuesto del puerto tras un largo debate sobre las rutas del ferry",
    "ro": "Consiliul local a votat bugetul portului după o dezbatere lungă despre liniile de feribot și debarcader",
}


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Config())


def _paras(lang: str) -> str:
    return "".join(f"<p>{_PROSE[lang]}, {i * 7} Stimmen, {i + 2} Anträge; {_PROSE[lang].lower()}.</p>"
                   for i in range(6))


def _page(head: str = "", top: str = "", lang: str = "en", bottom: str = "") -> str:
    return (f'<html lang="{lang}"><head><title>Hafen und Haushalt</title>{head}</head><body><article>'
            f"<h1>Hafen und Haushalt im Rat</h1>{top}{_paras(lang)}</article>{bottom}</body></html>")


def _authors(pipeline, html: str, url: str | None = None) -> list[str]:
    return pipeline(Source.make("p.html", "html", html, url=url)).authors


# ------------------------------------------------------------------------------------------- <meta> authors
@pytest.mark.parametrize("head, expected", [
    # one <meta> per author (Highwire, Dublin Core), beside citations' authors in a nested itemscope
    ('<meta name="citation_author" content="Maria Ionescu"><meta name="citation_author" content="Peter Lang">',
     ["Maria Ionescu", "Peter Lang"]),
    ('<meta name="DC.creator" content="Hélène Martin">', ["Hélène Martin"]),
    ('<meta name="parsely-author" content="Jordan Blake">', ["Jordan Blake"]),
    ('<meta name="byl" content="By Ruth Keller and Omar Haddad">', ["Ruth Keller", "Omar Haddad"]),
    ('<meta name="author" content="Anna Weber und Jonas Roth">', ["Anna Weber", "Jonas Roth"]),
    # a profile URL gives way to the next <meta> name
    ('<meta property="article:author" content="https://social.example/anna">'
     '<meta name="dc.creator" content="Anna Weber">', ["Anna Weber"]),
])
def test_meta_authors(pipeline, head, expected):
    assert _authors(pipeline, _page(head)) == expected


def test_meta_itemprop_author_of_a_citation_is_not_the_page_author():
    html = ('<html><head><meta name="dc.creator" content="Ioana Marin"></head><body><article itemscope '
            'itemtype="https://schema.org/ScholarlyArticle"><ol><li itemscope itemtype="https://schema.org/'
            'CreativeWork"><meta itemprop="author" content="JK. Rowe, TS. Elm"></li></ol></article></body></html>')
    assert meta_authors(parse_html(html)) == ["Ioana Marin"]
    only_cited = html.replace('<meta name="dc.creator" content="Ioana Marin">', "")
    assert meta_authors(parse_html(only_cited)) == []
    page_level = only_cited.replace('itemtype="https://schema.org/CreativeWork"', "")
    assert meta_authors(parse_html(page_level)) == []  # inside an itemscope that is no article: still not
    own = only_cited.replace("<ol><li", '<meta itemprop="author" content="Ioana Marin"><ol><li')
    assert meta_authors(parse_html(own)) == ["Ioana Marin"]


# ------------------------------------------------------------------------- user names and domain names
@pytest.mark.parametrize("head, top, expected", [
    # a CMS login is no name: the next source (here the byline markup) or none
    ('<meta name="author" content="wordpressadmin">', "", []),
    ('<meta name="author" content="redakteur_07">', '<span class="author-name">Clara Dumitrescu</span>',
     ["Clara Dumitrescu"]),
    ("", '<span class="author-name">tkalweit</span>', []),
    ("", '<div class="byline">von mjung</div>', []),
    # a portal's domain inside the byline: the site signs as itself
    ('<meta name="author" content="stiri.example.ro / Știri Online">', "", []),
    ('<meta name="author" content="Anna Weber">', "", ["Anna Weber"]),
])
def test_user_names_and_domains_are_not_authors(pipeline, head, top, expected):
    assert _authors(pipeline, _page(head, top)) == expected


# ---------------------------------------------------------------------- a first name, completed
@pytest.mark.parametrize("top, bottom, expected", [
    # the byline shows a first name, the author box the full name (a label word after the first name is skipped),
    # in a byline block or at the start of another block
    ('<span class="author vcard">Nils</span>',
     '<div class="author-box"><p class="author-bio">Nils Autor</p><p class="author-bio">Nils Berger schreibt über '
     'Stadtpolitik und Verkehr.</p></div>', ["Nils Berger"]),
    ('<span class="author vcard">Mathilde</span>',
     '<aside class="author-box"><p>Mathilde de Vries est journaliste indépendante à Lille.</p></aside>',
     ["Mathilde de Vries"]),
    # nothing to complete it with: the first name stays
    ('<span class="author vcard">Mathilde</span>', "", ["Mathilde"]),
])
def test_a_first_name_is_completed_from_the_author_box(pipeline, top, bottom, expected):
    assert _authors(pipeline, _page(top=top, bottom=bottom)) == expected


def test_a_first_name_is_completed_from_the_site_name(pipeline):
    head = '<meta property="og:site_name" content="Dr. Tobias Kern">'
    assert _authors(pipeline, _page(head, '<span class="author vcard">Tobias</span>')) == ["Tobias Kern"]


# ------------------------------------------------------------------- a label in its own element
@pytest.mark.parametrize("lang, label, name, expected", [
    ("de", "Autor", "Nikolas Brandt", ["Nikolas Brandt"]),
    ("en", "Written by", "Grace O'Neill", ["Grace O'Neill"]),
    ("fr", "Auteur", "Étienne Morel", ["Étienne Morel"]),
    ("ro", "Autor", "Irina Vasilescu și Tudor Marinescu", ["Irina Vasilescu", "Tudor Marinescu"]),
    # one word after the label: no author
    ("de", "Autor", "Diskussion", []),
])
def test_a_label_in_its_own_element(pipeline, lang, label, name, expected):
    bottom = (f'<nav class="meta-column"><h4 class="meta-title">{label}</h4><p class="meta-text"><a href="/p/1">'
              f"{name}</a>, </p></nav>")
    assert _authors(pipeline, _page(lang=lang, bottom=bottom)) == expected


def test_a_language_menu_after_a_label_is_no_name(pipeline):
    # "De" is a Romanian byline label; "De Fr It En" a language switcher
    assert _authors(pipeline, _page(lang="ro", bottom='<ul class="lang"><li>De Fr It En</li></ul>')) == []


def test_a_menu_item_after_a_menu_label_is_no_name(pipeline):
    menu = '<nav class="menu"><ul><li><a href="/authors">Authors</a></li><li><a href="/about">About Us</a></li></ul></nav>'
    assert _authors(pipeline, _page(bottom=menu)) == []


# --------------------------------------------------------------- several authors, roles, agencies, editors
def _ld(author: str, extra: str = "") -> str:
    return ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
            f'"headline": "Hafen und Haushalt im Rat", {extra}"author": {author}}}</script>')


@pytest.mark.parametrize("head, top, lang, expected", [
    # several people in one value, in the languages' own conjunctions
    (_ld('{"@type": "Person", "name": "Anna Berg and Tom Lee"}'), "", "en", ["Anna Berg", "Tom Lee"]),
    (_ld('{"@type": "Person", "name": "Von Jana Kraus und Timo Falk"}'), "", "de", ["Jana Kraus", "Timo Falk"]),
    ("", '<div class="author">Por Ana García y Luis Pérez</div>', "es", ["Ana García", "Luis Pérez"]),
    ("", '<div class="autor">de Ana Pop și Ion Ene</div>', "ro", ["Ana Pop", "Ion Ene"]),
    ('<meta name="author" content="Luc Girard, Inès Marchand">', "", "fr", ["Luc Girard", "Inès Marchand"]),
    # a role or an agency after the name is dropped, the person kept
    (_ld('{"@type": "Person", "name": "Anna Berg, Senior Reporter"}'), "", "en", ["Anna Berg"]),
    ('<meta name="author" content="Ruth Keller, Reporter">', "", "en", ["Ruth Keller"]),
    ('<meta name="author" content="Jana Kraus, dpa">', "", "de", ["Jana Kraus"]),
    # a date beside the names in a byline is no name
    ("", '<div class="byline">By Anna Berg and Tom Lee | March 3, 2023</div>', "en", ["Anna Berg", "Tom Lee"]),
    # an organisation or an agency with an article is no author; a value that is no list stays whole
    ("", '<div class="byline">By The Associated Press</div>', "en", []),
    ('<meta name="author" content="Redacci&oacute;n Central">', "", "es", []),
    # a work before the maker's name: "Un documentaire de X"
    ("", '<div class="author">Un documentaire de Kristen Falk</div>', "fr", ["Kristen Falk"]),
    ("", '<div class="author">Ein Film von Jana Kraus</div>', "de", ["Jana Kraus"]),
])
def test_several_authors_roles_and_agencies(pipeline, head, top, lang, expected):
    assert _authors(pipeline, _page(head, top, lang)) == expected


@pytest.mark.parametrize("head, top, authors, editors", [
    ("", '<p class="byline">By Anna Berg; Editing by Tom Lee</p>', ["Anna Berg"], ["Tom Lee"]),
    ('<meta name="author" content="Ioana Marin; Editor: Dan Toma">', "", ["Ioana Marin"], ["Dan Toma"]),
    (_ld('{"@type": "Person", "name": "Anna Berg"}', '"editor": {"@type": "Person", "name": "Tom Lee"}, '), "",
     ["Anna Berg"], ["Tom Lee"]),
    (_ld('{"@type": "Person", "name": "Anna Berg"}', '"editor": {"@type": "Organization", "name": "Desk"}, '), "",
     ["Anna Berg"], []),
])
def test_editors_in_their_own_field(pipeline, head, top, authors, editors):
    doc = pipeline(Source.make("p.html", "html", _page(head, top), url="https://news.example.com/a"))
    assert (doc.authors, doc.editors) == (authors, editors)


@pytest.mark.parametrize("head, top, lang, expected", [
    # an outlet or an agency beside the name (in capitals, in brackets); two capitals are a person's initials
    ("", '<div class="byline">By Anna Berg, CNN</div>', "en", ["Anna Berg"]),
    ('<meta name="author" content="Jana Kraus (dpa)">', "", "de", ["Jana Kraus"]),
    ('<meta name="author" content="LD">', "", "de", ["LD"]),
    # the photographer is no author
    (_ld('{"@type": "Person", "name": "Jana Kraus (Text), Timo Falk (Fotos)"}'), "", "de", ["Jana Kraus"]),
    # every linked author of a byline, not only the first
    ("", '<p><a rel="author" href="/a/1">Anna Berg</a>, <a rel="author" href="/a/2">Tom Lee</a></p>', "en",
     ["Anna Berg", "Tom Lee"]),
    # "e" joins two Italian names (trafilatura writes it "E")
    ("", '<div class="author">di Lia Neri e Marco Blu</div>', "en", ["Lia Neri", "Marco Blu"]),
    # the byline is its first sentence
    ("", '<div class="byline">By Anna Berg. Additional reporting by Tom Lee</div>', "en", ["Anna Berg"]),
])
def test_outlets_photographers_and_linked_bylines(pipeline, head, top, lang, expected):
    assert _authors(pipeline, _page(head, top, lang)) == expected


@pytest.mark.parametrize("top, expected", [
    # no byline markup, no label: a link to the author's page beside the headline
    ('<div class="meta"><a href="/author/anna-berg/">Anna Berg</a> · March 3, 2023</div>', ["Anna Berg"]),
    ('<div class="info"><a href="https://news.example.com/autoren/jana-kraus">Jana Kraus</a></div>', ["Jana Kraus"]),
    ('<div class="meta"><a href="/periodistas/ana-garcia">Ana García</a> y <a href="/periodistas/luis-perez">'
     "Luis Pérez</a></div>", ["Ana García", "Luis Pérez"]),
    # a link to another page, one word, a menu of columnists: none
    ('<div class="meta"><a href="/politik/anna-berg">Anna Berg</a></div>', []),
    ('<div class="meta"><a href="/author/editor">Editor</a></div>', []),
    ('<ul class="columnists"><li><a href="/autor/ana-pop">Ana Pop</a></li><li><a href="/autor/ion-ene">Ion Ene</a>'
     "</li></ul>", []),
])
def test_a_link_to_the_authors_page_beside_the_headline(pipeline, top, expected):
    assert _authors(pipeline, _page(top=top)) == expected


@pytest.mark.parametrize("ld", [
    # the article inside a WebPage (mainEntity) that has a headline of its own
    '{"@type": "WebPage", "headline": "Hafen", "mainEntity": {"@type": "NewsArticle", "headline": "Hafen und '
    'Haushalt im Rat", "author": {"@type": "Person", "name": "Anna Berg"}}}',
    # "creator" for "author"; a Person by its given and family names
    '{"@type": "NewsArticle", "headline": "Hafen und Haushalt im Rat", "creator": ["Anna Berg"]}',
    '{"@type": "NewsArticle", "headline": "Hafen und Haushalt im Rat", "author": {"@type": "Person", '
    '"givenName": "Anna", "familyName": "Berg"}}',
])
def test_jsonld_authors_in_other_shapes(pipeline, ld):
    head = f'<script type="application/ld+json">{ld}</script>'
    assert _authors(pipeline, _page(head)) == ["Anna Berg"]
