"""``byline_authors`` is trafilatura's ``extract_author`` evaluated in one walk: same answers, same precedence."""

import pytest
from trafilatura.metadata import extract_author
from trafilatura.utils import load_html

from newsgraph.extract.byline import byline_authors

FILLER = "<p>" + "A sentence of article text about the harbour and the city council. " * 6 + "</p>"
PAGES = {
    "rel-author": '<a rel="author" href="/u/ana">Ana Popescu</a>',
    "class-byline": '<div class="byline">By Priya Natarajan</div>',
    "itemprop": '<span itemprop="author">Mihai Dobre</span>',
    "id-author-suffix": '<p id="post-author-7">Radu Ionescu and Elena Marinescu</p>',
    "data-component": '<section data-component="Byline"><b>Tom Smith</b></section>',
    "precedence": '<span class="writer">Late Writer</span><div class="author-name">First Choice</div>',
    "sidebar discarded": '<div class="sidebar"><span class="author">Sidebar Person</span></div>'
                         '<span class="byline">Real Reporter</span>',
    "comments discarded": '<div id="comments-12"><a class="author">Commenter Name</a></div>',
    "time inside byline": '<div class="byline">By Jane Roe <time>Sept 14, 2023</time></div>',
    "figure inside byline": '<div class="author">Jo Bloggs<figure><figcaption>Photo: Agency</figcaption></figure>'
                            ' reporting</div>',
    "too long": '<span class="author">' + "word " * 40 + "</span>",
    "Capitalised class": '<div class="ArticleAuthor">Ion Ionescu</div>',
    "author element": "<author>Maria Ionescu</author>",
    "none": '<div class="content">No byline at all</div>',
}


def test_a_discardable_root_is_still_a_candidate():
    html = '<div class="author sidebar"><span>John</span> <b>Smith</b></div>'
    assert byline_authors(load_html(html)) == [extract_author(load_html(html))] == ["John Smith"]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_same_answer_as_trafilatura(name):
    html = f"<html><head><title>t</title></head><body><article>{PAGES[name]}{FILLER}</article></body></html>"
    tree = load_html(html)
    expected = extract_author(load_html(html))
    assert byline_authors(tree) == ([a.strip() for a in expected.split(";")] if expected else [])
    assert load_html(html) is not None and len(tree.xpath("//*")) == len(load_html(html).xpath("//*"))  # untouched


def test_answers():
    def authors(snippet):
        return byline_authors(load_html(f"<html><body>{snippet}{FILLER}</body></html>"))

    assert authors(PAGES["sidebar discarded"]) == ["Real Reporter"]
    assert authors(PAGES["precedence"]) == ["First Choice"]
    assert authors(PAGES["time inside byline"]) == ["Jane Roe"]  # the <time> is pruned, as trafilatura does
    assert authors(PAGES["none"]) == []
