"""Authors from a page's byline markup: trafilatura's heuristics, in one pass over the page.

trafilatura's ``metadata.extract_author`` (2.3.1) deep-copies the page, deletes comment sections, sidebars,
``<time>`` and ``<figure>`` elements (``AUTHOR_DISCARD_XPATHS``), then runs three XPath expressions
(``AUTHOR_XPATHS``) and takes the first match, in expression order then page order, whose text is 3-119
characters long. On the trafilatura dev pages that cost ~5 ms a page: four full-page XPath scans (libxml2 reads
each attribute test slowly; the ``re:test`` ones call back into Python) and the copy. It was the most expensive
metadata step, and it runs on every page without JSON-LD or ``<meta>`` authors.

``byline_authors`` gives the same answers from one walk of the page (``lxml.etree.iterwalk``) that skips the
discarded subtrees instead of deleting them, testing the same conditions on each element's tag and attributes
(each regular expression there is a set of literal alternatives, optionally anchored, so it becomes substring
tests). Deleting a node changes only the text of its ancestors (its tail moves to its previous sibling or parent),
so when the first qualifying candidate has a discarded descendant the answer comes from trafilatura's own
function instead. One term is left out: ``rel='me'`` in trafilatura's first expression tests for a *child
element* named ``rel`` (a missing ``@``), which HTML does not have. Answers equal ``extract_author``'s on all 400
trafilatura dev pages (``tests/unit/test_byline.py`` checks it on written pages).
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import extract_author

_TAGS_1 = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_TAGS_2 = frozenset({"a", "div", "h3", "h4", "p", "span"})
_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
LEN_LIMIT = 120  # trafilatura: extract_metainfo(..., len_limit=120)


def _has(value: str, *needles: str) -> bool:
    return any(n in value for n in needles)


@lru_cache(maxsize=8192)
def _classify(tag: str, cls: str, id_: str, itemprop: str, rel: str, component: str, testid: str) -> int:
    """Bit 0-2: the element is a candidate of AUTHOR_XPATHS[0..2]; bit 3: it is discarded (pruned with its
    subtree, unless it is the root, which trafilatura never deletes). Absent attributes are "", as in XPath."""
    bits = 0
    if tag in ("time", "figure") or (tag in _DISCARD_TAGS and (
        id_ == "comments" or cls in ("comments", "title", "date")
        or id_.startswith("comments") or _has(id_, "commentlist", "comment-list", "ProductReviews")
        or cls.startswith(("Comments", "comments"))
        or _has(cls, "commentlist", "comments-list", "sidebar", "is-hidden", "quote", "embedly-instagram",
                "article-share", "article-support", "print", "category", "meta-date", "meta-reviewer")
        or "Figure" in component
    )):
        bits = 8
    if tag == "author" or (tag in _TAGS_1 and (
        rel == "author" or id_ == "author" or cls == "author" or itemprop == "author name"
        or testid in ("AuthorCard", "AuthorURL") or _has(cls, "authorname", "author-name", "AuthorName", "authorName")
    )):
        bits |= 1
    if tag in _TAGS_2 and (
        cls in ("byline", "username", "byl", "BBL") or "author" in itemprop
        or _has(id_, "author", "zuozhe", "bianji", "xiaobian")
        or _has(cls, "author", "channel-name", "zuozhe", "bianji", "xiaobian", "submitted-by", "posted-by",
                "journalist-name")
    ):
        bits |= 2
    if "Byline" in component or "author" in itemprop or _has(id_, "Author", "author") or _has(
        cls, "Author", "author", "screenname", "writer", "Byline", "byline"
    ):
        bits |= 4
    return bits


def _text(el) -> str:
    return " ".join(" ".join(el.itertext()).split())


def byline_authors(tree) -> list[str]:
    """The page's byline author(s), as trafilatura's ``extract_author`` finds them; the tree is not modified."""
    candidates: tuple[list, list, list] = ([], [], [])
    tainted: set = set()  # candidates with a discarded descendant: their text would differ after pruning
    walker = etree.iterwalk(tree, events=("start",))
    for _, el in walker:
        tag = el.tag
        if tag.__class__ is not str:  # comments, processing instructions
            continue
        if el.attrib:
            get = el.get
            bits = _classify(tag, get("class") or "", get("id") or "", get("itemprop") or "", get("rel") or "",
                             get("data-component") or "", get("data-testid") or "")
        elif tag in ("author", "time", "figure"):
            bits = _classify(tag, "", "", "", "", "", "")
        else:
            continue
        if bits & 8 and el is not tree:  # a root has no parent: trafilatura's delete_element leaves it
            walker.skip_subtree()
            tainted.update(el.iterancestors())
            continue
        for i in range(3):
            if bits & (1 << i):
                candidates[i].append(el)
    for found in candidates:
        for i, el in enumerate(found):
            if el in tainted:
                answer = extract_author(tree)
                return [a.strip() for a in answer.split(";")] if answer else []
            text = _text(el)
            if 2 < len(text) < LEN_LIMIT:
                answer = normalize_authors(None, text)
                names = [_as_written(a.strip(), text) for a in answer.split(";")] if answer else []
                return names + _sibling_links(el, found[i + 1:], tainted) if names else []
    return []


def _sibling_links(el, later: list, tainted: set) -> list[str]:
    """The other authors of a byline that links each one ("<a rel=author>Ann Lee</a>, <a rel=author>Tom
    Roe</a>"): the later candidates that are links beside the first (same parent); trafilatura takes the first."""
    if el.tag != "a":
        return []
    parent, names = el.getparent(), []
    for other in later:
        if other.tag == "a" and other.getparent() is parent and other not in tainted and \
                2 < len(text := _text(other)) < LEN_LIMIT and (answer := normalize_authors(None, text)):
            names.extend(_as_written(a.strip(), text) for a in answer.split(";"))
    return names


def _as_written(name: str, text: str) -> str:
    """The name as the byline writes it: trafilatura's ``normalize_authors`` drops the full stops of initials
    ("Günter W. Kienitz" -> "Günter W Kienitz", "T. V. Raman" -> "T V Raman"); they are put back when the
    byline has the same words with full stops."""
    words = name.split()
    if not words:
        return name
    pattern = r"\.?\s*".join(map(re.escape, words)) + r"\.?"
    found = re.search(r"(?<!\w)" + pattern + r"(?!\w)", text, re.IGNORECASE)
    if not found:
        return name
    written = " ".join(found.group(0).split())
    if written.casefold() == name.casefold():  # "tkalweit", not trafilatura's "Tkalweit" (a user name stays one),
        return written  # "Lia Neri e Marco Blu", not "Lia Neri E Marco Blu" (``htmlauthors`` splits it)
    # a full stop after the last word is the sentence's, unless the last word is an initial
    if written.endswith(".") and len(words[-1]) > 1:
        written = written[:-1]
    return written if written.replace(".", "").replace(" ", "") == name.replace(" ", "") else name  # same case
