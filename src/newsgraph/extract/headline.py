"""What a reader sees beside the headline of an HTML page: the text around its first ``<h1>``.

A page's own date and byline stand next to its headline ("24. April 2020 | Pressemitteilungen", "par Didier Roy,
21 juin 2018", "Hamburg, 2. November 2021") even where the markup declares neither, while other dates and names
of the page (teasers, comments, sidebars, events in the text) stand further away. ``window`` gives the visible
text nodes near the headline with their distance from it in characters; libxml2 selects them (``preceding::`` and
``following::`` axes in C), so a page costs a few dozen text nodes, not a walk of the whole tree. Used by
``dates.headline_date`` and ``htmlauthors._text_byline``; the distances are calibrated there.
"""

from __future__ import annotations

from dataclasses import dataclass

# Not text a reader reads as the page's own: scripts and forms; links are teasers and menus.
_OFF_PAGE = frozenset({"script", "style", "noscript", "template", "textarea", "option", "button", "select", "head"})
_INLINE = frozenset({"span", "a", "em", "strong", "b", "i", "small", "time", "font", "abbr", "cite", "u", "sup",
                     "sub", "mark", "label"})
NODES_BEFORE, NODES_AFTER = 40, 60  # text nodes asked of libxml2 on each side (the character limits stop earlier)
# The window the page's date and byline are looked for in (``dates.headline_date``, ``htmlauthors._text_byline``;
# ``extract.html`` reads it once for both): characters before and after the headline.
HEADLINE_BEFORE, HEADLINE_AFTER = 200, 500


@dataclass(frozen=True)
class Near:
    distance: int  # characters of visible text between the headline and this text
    text: str  # the text node, whitespace collapsed
    element: object  # the element whose text or tail it is
    in_link: bool  # inside an <a>
    before: bool  # before the headline (at the same distance, text after the headline comes first)


def headline(tree, title: str | None = None):
    """The page's headline element: the ``<h1>`` that shows ``title`` (the headline the extractor chose; a page's
    first ``<h1>`` is often its logo), else the first ``<h1>`` with text; None without one."""
    h1s = [h for h in tree.iter("h1") if (h.text_content() or "").strip()]
    if title and len(h1s) > 1:
        key = " ".join(title.split()).casefold()
        shown = [h for h in h1s if key in " ".join(h.text_content().split()).casefold()]
        if shown:
            return shown[0]
    return h1s[0] if h1s else None


def window(tree, before: int, after: int, title: str | None = None) -> list[Near]:
    """Visible text nodes within ``before`` characters before the headline element (``headline``) and ``after``
    after it (its own text excluded), nearest first; empty without an ``<h1>``."""
    h1 = headline(tree, title)
    if h1 is None:
        return []
    out: list[Near] = []
    # position() counts along the axis (nearest first); the node-set comes back in document order
    preceding = h1.xpath(f"preceding::text()[normalize-space()][position() <= {NODES_BEFORE}]")[::-1]
    following = h1.xpath(f"following::text()[normalize-space()][position() <= {NODES_AFTER}]")
    for nodes, limit, is_before in ((preceding, before, True), (following, after, False)):
        distance = 0
        for node in nodes:
            if distance > limit:
                break
            element = node.getparent()
            if element is not None and node.is_tail:
                element = element.getparent()
            if element is None or not isinstance(element.tag, str):
                continue
            chain = [element.tag, *(a.tag for a in element.iterancestors())]
            if any(tag in _OFF_PAGE for tag in chain):
                continue
            text = " ".join(node.split())
            out.append(Near(distance, text, element, "a" in chain, is_before))
            distance += len(text) + 1
    out.sort(key=lambda n: (n.distance, n.before))
    return out


def line_of(element) -> str:
    """The text of the block a text node stands in: its element, or the nearest ancestor that is no inline
    element ("par <span>Didier Roy</span>, 21 juin 2018" is one line), whitespace collapsed."""
    for _ in range(3):
        if element.tag not in _INLINE or element.getparent() is None:
            break
        element = element.getparent()
    return " ".join(element.text_content().split())
