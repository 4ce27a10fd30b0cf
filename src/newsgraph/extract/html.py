"""HTML pages -> structure, on top of trafilatura.

trafilatura finds the main text (its cascade is well tested). It does not give what newsgraph needs besides:
figures with captions and credits (it drops ``<figure>`` before extraction), boilerplate kept and labelled,
dates with their source, authors as a list. Those come from one more pass over the parsed page here.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura

from newsgraph.document import Block, Document, Figure
from newsgraph.errors import InputError
from newsgraph.extract import dates
from newsgraph.lang.cues import Cues
from newsgraph.normalize import fold

_WS = re.compile(r"\s+")
_BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "dd", "dt", "td", "pre"}
# Container attributes (class/id/role/tag) -> boilerplate kind, first match wins.
_KIND_HINTS = (
    ("partner", re.compile(r"partner|sponsor|promo|taboola|outbrain|advert|\bads?\b|banner|commercial", re.I)),
    ("related", re.compile(r"related|similar|more-?(news|stories|articles)|recommend|read-?(also|more|next)|"
                           r"most-?(read|popular)|trending|latest|teaser|\btags?\b|topics", re.I)),
    ("cta", re.compile(r"share|social|follow|newsletter|subscribe|signup|sign-up|donat", re.I)),
    ("byline", re.compile(r"byline|author|\bby\b", re.I)),
    ("comments", re.compile(r"comment|disqus|respond|reply", re.I)),
    ("navigation", re.compile(r"\bnav|menu|breadcrumb|header|footer|copyright|sidebar|widget|pagination|skip", re.I)),
)
MAX_BLOCKS = 400


def _text(el) -> str:
    return _WS.sub(" ", el.text_content()).strip()


def extract_html(doc: Document, cues: Cues) -> Document:
    html = doc.source.raw or ""
    name = doc.source.input
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError) as e:
        raise InputError(name, f"broken HTML: {e}") from None
    if tree is None or not _text(tree):
        raise InputError(name, "broken HTML: no text in the page")
    result = trafilatura.bare_extraction(
        html, url=doc.source.url, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, deduplicate=False,
    )
    body_text = (result.text if result is not None else "") or ""
    doc.body = [p.strip() for p in body_text.split("\n") if p.strip()]
    if not doc.body:
        raise InputError(name, "no article text found in the page")
    nodes = dates.jsonld(tree)
    _metadata(doc, tree, nodes, result)
    doc.figures = list(_figures(tree, cues))
    doc.boilerplate = _blocks(tree, doc)
    doc.published, doc.modified = dates.html_dates(tree, doc.source.url, nodes)
    return doc


def _meta(tree, *names: str) -> str | None:
    for name in names:
        for el in tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"][@content]'):
            value = el.get("content").strip()
            if value:
                return value
    return None


def _person_names(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _person_names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _person_names(v)]
    return []


def _metadata(doc: Document, tree, nodes: list[dict], result) -> None:
    article = next((n for n in nodes if "headline" in n or "datePublished" in n), {})
    doc.title = (
        doc.source.hints.get("title")
        or _meta(tree, "og:title", "twitter:title")
        or (article.get("headline") if isinstance(article.get("headline"), str) else None)
        or (result.title if result is not None else None)
    )
    if doc.title:
        doc.title = _WS.sub(" ", doc.title).strip()
    authors = _person_names(article.get("author")) if article else []
    if not authors and result is not None and result.author:
        authors = [a.strip() for a in result.author.split(";")]
    if not authors and (meta_author := _meta(tree, "author", "article:author", "dc.creator")):
        authors = [a.strip() for a in re.split(r";|,| and ", meta_author)]
    hint_authors = doc.source.hints.get("authors") or []
    seen: list[str] = []
    for a in [*hint_authors, *authors]:
        a = _WS.sub(" ", a).strip()
        if a and not a.startswith("http") and a not in seen:
            seen.append(a)
    doc.authors = seen
    publisher = article.get("publisher") if article else None
    doc.site = (
        doc.source.hints.get("site")
        or _meta(tree, "og:site_name", "application-name")
        or (_person_names(publisher)[0] if _person_names(publisher) else None)
        or (result.sitename if result is not None else None)
    )


def _figures(tree, cues: Cues):
    for fig in tree.xpath("//figure"):
        img = next(iter(fig.xpath(".//img")), None)
        cap_el = next(iter(fig.xpath(".//figcaption")), None)
        caption = _text(cap_el) if cap_el is not None else None
        credit = None
        for el in fig.xpath('.//*[contains(@class,"credit") or contains(@class,"copyright") or'
                            ' contains(@class,"source") or contains(@class,"author")]'):
            credit = _text(el) or None
            if credit and caption and caption.endswith(credit):
                caption = caption[: -len(credit)].strip(" .|/–—-") or None
            break
        if caption and credit is None and (m := cues.photo.search(caption)):
            credit = m.group("credit").strip(" .")
            caption = caption[: m.start("cue")].strip(" .|/–—-([") or None
        src = None
        if img is not None:
            src = img.get("src") or img.get("data-src") or (img.get("srcset") or "").split(" ")[0] or None
        if src or caption:
            yield Figure(src=src, alt=(img.get("alt") or None) if img is not None else None, caption=caption,
                         credit=credit)


def _kind_for(el) -> str:
    for node in [el, *el.iterancestors()]:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("nav", "header", "footer", "aside"):
            return "navigation" if tag != "aside" else "related"
        attrs = " ".join(filter(None, (node.get("class"), node.get("id"), node.get("role"))))
        if not attrs:
            continue
        for kind, regex in _KIND_HINTS:
            if regex.search(attrs):
                return kind
    return "other"


def _blocks(tree, doc: Document) -> list[Block]:
    """Every text block of the page that is not in the body, in page order, labelled by its container."""
    body_keys = {fold(p) for p in doc.body}
    body_all = fold(" ".join(doc.body))
    blocks: list[Block] = []
    seen: set[str] = set()
    for el in tree.iter(*_BLOCK_TAGS):
        if any(isinstance(a.tag, str) and a.tag in _BLOCK_TAGS for a in el.iterancestors()):
            continue  # the outermost block carries the text
        if el.xpath("ancestor::script|ancestor::style|ancestor::noscript"):
            continue
        text = _text(el)
        if not text or len(text) < 2:
            continue
        key = fold(text)
        if key in seen or key in body_keys or (len(key) > 30 and key in body_all):
            continue
        seen.add(key)
        kind = "caption" if el.tag == "figcaption" else _kind_for(el)
        extra = {}
        link = el.xpath(".//a[@href]")
        if link and kind in ("related", "partner", "navigation"):
            extra["href"] = link[0].get("href")
        blocks.append(Block(kind, text, extra))
        if len(blocks) >= MAX_BLOCKS:
            break
    return blocks
