"""HTML pages -> structure, on top of trafilatura.

trafilatura finds the main text (its cascade is well tested). It does not give what newsgraph needs besides:
figures with captions and credits (it drops ``<figure>`` before extraction), boilerplate kept and labelled,
dates with their source, authors as a list. Those come from one more pass over the parsed page here.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from html import unescape

import lxml.html
import trafilatura
from lxml import etree
from trafilatura import metadata as trafilatura_metadata
from trafilatura.utils import is_dubious_html, repair_faulty_html

from newsgraph.document import Block, Document, Figure
from newsgraph.errors import InputError
from newsgraph.extract import dates
from newsgraph.extract.htmlauthors import (
    _DOMAIN,
    _SUFFIX_SEP,
    _meta,
    _person_names,
    _site_key,
    _text_byline,
    complete_names,
    declared_authors,
)
from newsgraph.extract.headline import HEADLINE_AFTER, HEADLINE_BEFORE, window
from newsgraph.extract.textdump import Line, _words, classify
from newsgraph.lang.cues import Cues
from newsgraph.normalize import fold

_WS = re.compile(r"\s+")
_BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "dd", "dt", "td", "pre"}
# Container attributes (class/id/role/tag) -> boilerplate kind, first match wins. Matched against the lower-cased
# attributes: Python's ``re`` is ~3x slower on the same alternation with ``re.IGNORECASE``.
_KIND_HINTS = (
    ("partner", re.compile(r"partner|sponsor|promo|taboola|outbrain|advert|\bads?\b|banner|commercial")),
    ("related", re.compile(r"related|similar|more-?(news|stories|articles)|recommend|read-?(also|more|next)|"
                           r"most-?(read|popular)|trending|latest|teaser|\btags?\b|topics")),
    ("cta", re.compile(r"share|social|follow|newsletter|subscribe|signup|sign-up|donat")),
    ("byline", re.compile(r"byline|author|\bby\b")),
    ("comments", re.compile(r"comment|disqus|respond|reply")),
    ("navigation", re.compile(r"\bnav|menu|breadcrumb|header|footer|copyright|sidebar|widget|pagination|skip")),
)
# One pass first: most containers match no hint at all, and one combined search is cheaper than six.
_ANY_HINT = re.compile("|".join(f"(?:{regex.pattern})" for _, regex in _KIND_HINTS))
MAX_BLOCKS = 400
# Never holding a text block of the page: <head> (its meta/link/script elements are ~10% of the walk; the HTML
# parser moves any body content out of it) and non-text containers.
_SKIP_TAGS = {"head", "script", "style", "noscript", "template", "svg"}
# Cue kinds (``textdump.classify``) that mark a line of trafilatura's body as page furniture, and the block kind
# the dropped line is labelled with. Lines longer than MAX_DROP_WORDS are kept whatever their cue: a long
# paragraph that happens to end in "(Foto: dpa)" is still prose. Calibrated on the trafilatura dev pages: 40
# words keeps every removed line a caption/credit/teaser there, 25 and 60 change nothing measurable.
_BODY_CUE_KINDS = {
    "caption": "caption", "partner-header": "partner", "related-header": "related", "related": "related",
    "cta": "cta", "byline": "byline",
}
# Not dropped: date lines ("Veröffentlicht am 16.08.2019"). On the dev pages they were never a `without`
# snippet and once a `with` one; the record has the date anyway.
MAX_DROP_WORDS = 40
# trafilatura's fast mode (no readability/justext comparison) first; its full cascade only when the fast text is
# shorter than this. On the dev pages: 1000 and 1500 keep body F1 at 0.933 (40 and 73 pages re-run), 800 gave
# 0.9315 and fast mode alone 0.926; the comparison was ~25% of trafilatura's time on every page.
FULL_CASCADE_CHARS = 1000


# trafilatura's parser settings (``trafilatura.utils.HTML_PARSER``), with one difference: element classes are looked
# up in C (``ElementDefaultClassLookup``: every element an ``HtmlElement``) instead of by lxml.html's Python
# ``HtmlElementClassLookup.lookup``, which runs for every element proxy any walk creates (ours, trafilatura's,
# htmldate's: ~3,500 per page) and only matters for the form-element classes, which none of them uses. On the 400
# dev pages: the same records, structure pipeline ~14% faster (benchmarks/extraction.py --speed-only).
_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                               remove_pis=True)
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity))


def parse_html(html: str):
    """The page's tree as ``trafilatura.utils.load_html`` builds it from a string (same repairs, same fallback to
    bytes, same rejection of a dubious page that parses to under two children), parsed with ``_PARSER``; None
    when it is no HTML."""
    beginning = html[:50].lower()
    dubious = is_dubious_html(beginning)
    html = repair_faulty_html(html, beginning)
    tree = None
    fallback = False
    try:
        tree = lxml.html.fromstring(html, parser=_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree, fallback = _parse_bytes(html), True
    except etree.LxmlError:  # "Document is empty": trafilatura logs it and tries the bytes
        tree = None
    if (tree is None or len(tree) < 1) and not fallback:
        tree = _parse_bytes(html)
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree


def _parse_bytes(html: str):
    try:
        return lxml.html.fromstring(html.encode("utf8", "surrogatepass"), parser=_PARSER)
    except (etree.LxmlError, ValueError):
        return None


def _text(el) -> str:
    return _WS.sub(" ", el.text_content()).strip()


def clean_body(paragraphs: list[str], cues: Cues) -> list[str]:
    """Drop the lines of an extracted body that the language cues label as furniture: "Read also: ...",
    related/partner headers, calls to action, photo credits, bylines, date lines. The dropped lines are not
    lost: the page pass (``_blocks``) labels them with the rest of the boilerplate."""
    kept = []
    in_list = False  # after a "Related"/"Partners" header, non-prose lines are that list's items
    for i, text in enumerate(paragraphs):
        line = Line(i, text, _words(text))
        if line.words > MAX_DROP_WORDS:
            in_list = False
            kept.append(text)
            continue
        classify(line, cues, dates=False)  # date lines stay in the body: not looked for
        if line.kind in ("related-header", "partner-header"):
            in_list = True
        elif line.kind == "prose":
            in_list = False
        if line.kind in _BODY_CUE_KINDS or in_list:
            continue
        kept.append(text)
    return kept


def extract_html(doc: Document, cues: Cues) -> Document:
    html = doc.source.raw or ""
    name = doc.source.input
    try:
        # Parsed once, with trafilatura's own parser settings; trafilatura works on a copy of this tree.
        tree = parse_html(html)
    except (etree.ParserError, ValueError) as e:
        raise InputError(name, f"broken HTML: {e}") from None
    if tree is None:
        raise InputError(name, "broken HTML: no text in the page")
    # Metadata is ours (below): trafilatura's with_metadata=True costs a second, extensive htmldate run and a
    # full meta scan per page, about a third of the extraction time, for answers we take from elsewhere.
    body_text = _main_text(tree, doc.source.url, fast=True)
    if len(body_text) < FULL_CASCADE_CHARS:
        body_text = _main_text(tree, doc.source.url, fast=False)
    doc.body = clean_body([p.strip() for p in body_text.split("\n") if p.strip()], cues)
    if not doc.body:  # which message: looked for only here (a full-page XPath, ~2% of the time of a page)
        if not tree.xpath("boolean(//text()[normalize-space()])"):
            raise InputError(name, "broken HTML: no text in the page")
        raise InputError(name, "no article text found in the page")
    nodes = dates.jsonld(tree)
    metas = dates.meta_values(tree)  # one pass over <meta> for title, authors, site and dates
    _metadata(doc, tree, nodes, metas, cues)
    doc.url = _canonical_link(tree, metas)  # trusted or not: ``extract`` decides (newsgraph.identity)
    doc.figures = _figures(tree, cues, next((n for n in nodes if "headline" in n or "datePublished" in n), {}), html,
                           nodes)
    doc.boilerplate = _blocks(tree, doc)

    @cache
    def beside_headline() -> list:  # the text around the headline: asked for the byline and the date, read once
        return window(tree, HEADLINE_BEFORE, HEADLINE_AFTER, doc.title)

    doc.authors = complete_names(doc.authors, doc, cues) if doc.authors else _text_byline(doc, cues,
                                                                                           beside_headline())
    doc.published, doc.modified = dates.html_dates(tree, doc.source.url, nodes, metas,
                                                   visible=lambda: _visible_date(doc, cues, tree, beside_headline),
                                                   shown=lambda years: _shown_days(tree, cues, years))
    return doc


# Where a page's own date line stands: the first paragraphs of the text (``clean_body`` keeps date lines) and
# the blocks around the headline (a <header> is "navigation"), not teaser lists, partner boxes or comments. On
# the 342 dated dev pages, asked only when the markup has no date: 267 right against 266 (without the
# "navigation" blocks: one fewer); with ``dates._local`` 270 (0.778 -> 0.789).
_DATE_BLOCK_KINDS = frozenset({"other", "byline", "title", "navigation"})  # a header is "navigation"
VISIBLE_DATE_LINES = 5  # body paragraphs looked at


def _visible_date(doc: Document, cues: Cues, tree, beside_headline):
    """The date beside the headline (``dates.headline_date``), else the first date line (``datetext.date_line``:
    a date with nothing around it but labels, times and an author) among the first body paragraphs and the page's other text blocks; its numeric order from the page's
    own evidence (``DateOrder``: abstains on an ambiguous English numeric date). Update lines are skipped."""
    from newsgraph.document import DateValue
    from newsgraph.extract.datetext import DateOrder, date_line, reader

    if (near := dates.headline_date(beside_headline(), cues, "\n".join(doc.body[:VISIBLE_DATE_LINES]))) is not None:
        return near
    dates_ = reader(cues.codes)
    texts = doc.body[:VISIBLE_DATE_LINES] + [b.text for b in doc.boilerplate if b.kind in _DATE_BLOCK_KINDS]
    order = None
    for text in texts:
        line = date_line(text, cues, dates_)
        if line is None or line.relative or line.modified:
            continue
        if order is None:
            order = DateOrder.of_text("\n".join([doc.title or "", *texts]), dates_).order or ""
        found = [f for f in dates_.find(text, order or None, cues.modified_word) if not f.modified]
        if found:
            return DateValue(found[0].value, "text", 0.75, text=text, tz=found[0].tz)
    return None


SHOWN_BEFORE, SHOWN_AFTER = 40, 30  # characters around a year looked at for the date it belongs to
MAX_SHOWN_YEARS = 4


@lru_cache(maxsize=MAX_SHOWN_YEARS)
def _shown_text(n: int):
    """XPath: the text nodes outside scripts and styles that contain one of ``$y0`` ... ``$y{n-1}``."""
    years = " or ".join(f"contains(., $y{i})" for i in range(n))
    return etree.XPath(f"//body//text()[{years}][not(parent::script or parent::style or parent::noscript or "
                       "parent::template or parent::textarea)]")


_YEAR = re.compile(r"(?<!\d)[12]\d{3}(?!\d)")


def _shown_days(tree, cues, years: set[str]) -> set[str]:
    """The days ("YYYY-MM-DD") of the given years (four digits) written in the page's visible text (text nodes
    outside scripts and styles), in the page's own numeric order: what a reader can see, to check the date the
    markup declares against. libxml2 picks the text nodes that hold one of the years (materialising every text
    node for a regex cost ~3 ms a page)."""
    from newsgraph.extract.datetext import DateOrder, reader

    wanted = sorted(y for y in years if len(y) == 4)[:MAX_SHOWN_YEARS]
    if not wanted:
        return set()
    found = _shown_text(len(wanted))(tree, **{f"y{i}": y for i, y in enumerate(wanted)})
    lines = []
    for text in found:
        last = -1
        for m in _YEAR.finditer(text):
            if m.start() <= last or m.group() not in years:
                continue
            # the date around the year: "Montag, 23. Januar 2023, 14:30 Uhr", "Jan 23, 2023 at 2:30 PM EST"
            start = max(m.start() - SHOWN_BEFORE, last + 1)
            last = min(len(text), m.end() + SHOWN_AFTER)
            lines.append(text[start:last])
    if not lines:
        return set()
    dates_ = reader(cues.codes)
    order = DateOrder.of_text("\n".join(lines), dates_).order
    return {f.value[:10] for line in lines for f in dates_.find(line, order)}


def _main_text(tree, url: str | None, fast: bool) -> str:
    result = trafilatura.bare_extraction(
        tree, url=url, with_metadata=False, include_comments=False, include_tables=True, include_images=False,
        deduplicate=False, fast=fast,
    )
    return (result.text if result is not None else "") or ""


def _canonical_link(tree, metas: dict[str, str]) -> str | None:
    """The page's own URL as it declares it: ``<link rel=canonical>``, else ``og:url``."""
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and (href := (link.get("href") or "").strip()):
            return href
    return _meta(metas, "og:url")


def _title(tree, article: dict, metas: dict[str, str], site: str | None = None, url: str | None = None) -> str | None:
    """The on-page headline first: a page's only <h1>, then the JSON-LD headline, then og:/twitter:title (these
    often carry a " | Site" suffix), then trafilatura's title heuristics. On the trafilatura dev pages this order
    scored 0.79 title accuracy against 0.59 for og:title first (``benchmarks/extraction.py``). An <h1> that is the
    site's masthead (``_masthead``) is no headline; empty <h1> elements do not count."""
    h1 = [(el, t) for el in tree.iter("h1") if (t := _text(el))]
    page_title = _page_title(tree)
    masthead = len(h1) == 1 and _masthead(h1[0][1], site, url, page_title, metas)
    if len(h1) == 1 and not masthead:
        return _without_date(_strip_site_suffix(_without_kicker(h1[0][0], h1[0][1], article, metas), site, url,
                                                strict=True))
    headline = article.get("headline")
    if isinstance(headline, str) and headline.strip():
        return _without_date(_strip_site_suffix(unescape(headline), site, url))
    meta_title = _meta(metas, "og:title", "twitter:title")
    if len(h1) > 1 and (said := meta_title or page_title):
        # several <h1> (logo, headline, teasers): the one the page's og:title repeats, or the one its <title>
        # starts with (there the site's name is often a part too: "Kleine Schafskunde | Mäscot das Schaf")
        key = fold(said)
        found = [t for _, t in h1 if len(t.split()) >= 2
                 and (key.startswith(fold(t)) if not meta_title else fold(t) in key)]
        if found:
            return _without_date(max(found, key=len))  # the headline, not the site's name in a logo <h1>
    if masthead and not (meta_title and fold(meta_title) != fold(h1[0][1])) and page_title:
        # the <title> without the masthead's part: its longest remaining part
        parts = [p.strip() for p in _SUFFIX_SEP.split(page_title)]
        rest = [p for p in parts if p and fold(p) != fold(h1[0][1]) and _site_key(p) != _site_key(site or "")]
        if rest:
            return _without_date(_strip_site_suffix(max(rest, key=lambda p: len(p.split())), site, url))
    title = meta_title or trafilatura_metadata.extract_title(tree)
    return _without_date(_strip_site_suffix(title, site, url)) if title else None


def _page_title(tree) -> str:
    el = tree.find(".//head/title")
    return _text(el) if el is not None else ""


def _masthead(text: str, site: str | None, url: str | None, page_title: str, metas: dict[str, str]) -> bool:
    """An <h1> that names the site, not the article (a logo or blog name set as the page's only <h1>): it is the
    site's name or domain, or the part of the page's <title> after a separator that follows the headline ("Muffin
    Grundrezept : Muffin Rezepte", "Time 4 talks » Blog Archiv » Weitere Digitalisierung ...")."""
    from newsgraph.identity import hostname

    k = _site_key(text)
    if not k or len(text.split()) > 6:
        return False
    name = hostname(url)
    host = name.split(".") if name else []
    if k == _site_key(site or "") or _DOMAIN.match(text) or (len(host) >= 2 and k == _site_key(host[-2])):
        return True
    host_key = _site_key(host[-2]) if len(host) >= 2 else ""
    for said in (page_title, _meta(metas, "og:title") or ""):
        parts = [p.strip() for p in _SUFFIX_SEP.split(said)]
        # the last part, after a first part that is not itself the site ("Site | Headline" has the <h1> last)
        first = _site_key(parts[0])
        if len(parts) >= 2 and k == _site_key(parts[-1]) and first and first != _site_key(site or "") \
                and not (len(host_key) >= 3 and first.startswith(host_key)) \
                and len(parts[0].split()) >= len(text.split()):
            return True
    return False


# A date written before or after the headline in the same element ("23.01.2022 - Dorothea Wierer darf ...").
_EDGE_DATE = re.compile(r"^\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}\s*[|–—\-·:•]\s*|\s*[|–—\-·:•]?\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}"
                        r"(?:\s*[|–—\-·•].*)?$|\s+[|–—\-·•]$")


def _without_date(title: str) -> str:
    """The headline without a numeric date written before or after it, and without a dangling separator."""
    cut = _EDGE_DATE.sub("", title).strip()
    return cut if len(cut.split()) >= 2 else title


# Class names of a kicker (a topic line set above or before the headline inside its <h1>) and of text hidden
# for screen readers ("Headline:").
_KICKER = re.compile(r"roofline|topline|overline|kicker|toptitle|dachzeile|spitzmarke|eyebrow|supertitle|"
                     r"visually-?hidden|sr-only|screen-reader", re.IGNORECASE)


def _without_kicker(h1, text: str, article: dict, metas: dict[str, str]) -> str:
    """The headline of an <h1> that starts with a kicker element ("<span class=roofline>Immobilienkrise</span>
    Rene Benko-Firma ...", "<small>Tunesien</small><br> Große Aufgaben ..."): the rest, when the first element
    has a kicker's class or the rest is what the page's og:/twitter:/JSON-LD headline says. An <h1> that wraps
    one element is looked into. Dev pages: 11 titles right that were wrong, none lost (0.813 -> 0.845)."""
    el = h1
    while len(el) == 1 and not (el.text or "").strip() and not (el[0].tail or "").strip() and isinstance(el[0].tag, str):
        el = el[0]
    first = el[0] if len(el) else None
    if first is None or not isinstance(first.tag, str) or (el.text or "").strip():
        return text
    kicker = _text(first)
    full = _text(el)
    if not kicker or not full.startswith(kicker) or full == kicker:
        return text
    rest = full[len(kicker):].strip(" :|–—-")
    if len(rest.split()) < 2:
        return text
    said = {fold(v) for v in (_meta(metas, "og:title"), _meta(metas, "twitter:title"), article.get("headline"))
            if isinstance(v, str)}
    if fold(rest) in said or _KICKER.search(" ".join(filter(None, (first.get("class"), first.get("id"))))):
        return rest
    return text


def _strip_site_suffix(title: str, site: str | None, url: str | None = None, strict: bool = False) -> str:
    """"Headline | The Harbour Herald" -> "Headline": cut at the first separator after which the rest names the
    site (its key equals the site's, or starts with the page's domain name: "AOC media - Analyse ..." on
    aoc.media, "BMBF" on bmbf.de) or is a domain name ("FASSETTE.NET"). Dev pages: one more title right (the
    domain rule), none lost. ``strict`` (an <h1>, where "Glasgow - DRK: Immer mehr ..." on drk.de is the headline):
    only the site's name or a domain name."""
    from newsgraph.extract.site import key
    from newsgraph.identity import hostname

    site_key = key(site) if site else ""
    name = hostname(url)
    host = name.split(".") if name else []
    host_key = key(host[-2] if len(host) >= 2 else host[0]) if host else ""
    for m in _SUFFIX_SEP.finditer(title):
        head, rest = title[: m.start()].strip(), title[m.end():].strip()
        if len(head.split()) < 2:
            continue
        rest_key = key(rest)
        if rest_key and (rest_key == site_key or (not strict and len(host_key) >= 3 and rest_key.startswith(host_key))
                         or _DOMAIN.match(rest)):
            return head
    return title


def _metadata(doc: Document, tree, nodes: list[dict], metas: dict[str, str], cues: Cues) -> None:
    article = next((n for n in nodes if "headline" in n or "datePublished" in n), {})
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    publisher = article.get("publisher") if article else None
    doc.site = _site_name(
        doc.source.hints.get("site")
        or _meta(metas, "og:site_name", "application-name")
        or next(iter(_person_names(publisher, by_id)), None)
        or trafilatura_metadata.extract_sitename(tree)
    )
    doc.title = doc.source.hints.get("title") or _title(tree, article, metas, doc.site, doc.source.url)
    if doc.title:
        doc.title = _WS.sub(" ", doc.title).strip()
    doc.authors = declared_authors(tree, article, metas, by_id, cues, doc, nodes)


_HOME = re.compile(r"\s*[|–—-]\s*(?:home|homepage|acas[aă]|prima pagin[aă]|startseite|accueil|inicio)\s*$",
                   re.IGNORECASE)


def _site_name(name: str | None) -> str | None:
    """og:site_name and the like, normalised: whitespace, a " - Home" tail, a "www." head."""
    if not name or not (name := _WS.sub(" ", str(name)).strip()):
        return None
    name = _HOME.sub("", name)
    return name[4:] if name.lower().startswith("www.") else name


_CREDIT_CLASS = ("credit", "copyright", "source", "author", "photographer", "byline")
_CAPTION_CLASS = re.compile(r"(?:^|[\s_-])(?:wp-caption-text|caption|image-caption|photo-caption|img-caption|legend|"
                            r"media-caption|figcaption|description)(?:$|[\s_-])")


_LAZY_SRC = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-full", "data-lg",
             "data-md")


def _img_src(img) -> str | None:
    """The image's address; a lazy-loading page's real one (``data-src`` and the like) over the inline
    placeholder in ``src`` (a ``data:`` URI, a "placeholder"/"blank"/"spacer" image) that every image shares."""
    if img is None:
        return None
    src = img.get("src")
    if not src or src.startswith("data:") or any(w in src.lower() for w in ("placeholder", "blank.", "spacer.")):
        lazy = next((v for name in _LAZY_SRC if (v := img.get(name))), None)
        src = lazy or src
    return (src or (img.get("srcset") or img.get("data-srcset") or "").split(" ")[0] or None)


def _split_credit(caption: str | None, credit: str | None, cues: Cues) -> tuple[str | None, str | None]:
    """A credit written inside the caption ("... Foto: Inquam Photos / George Călin", "(Photo: AP)") is the
    credit; a credit element's text repeated at the caption's end is cut from it."""
    if credit and caption and caption.endswith(credit):
        caption = caption[: -len(credit)].strip(" .|/–—-([") or None
    elif credit and caption and 0 <= (at := caption.find(credit)) <= 2:  # "© Ana Pop The old pier at dawn"
        caption = caption[at + len(credit):].strip(" .|/–—-)]") or None
    if caption and credit is None and (m := _SOURCE.search(caption)):
        credit, caption = m.group(1).strip(), caption[: m.start()].strip(" .|/–—-") or None
    if caption and credit is None and (m := cues.photo.search(text := _credit_cues(caption))):
        credit = m.group("credit").strip(" .")
        caption = text[: m.start("cue")].strip(" .|/–—-([") or None
    if credit and (m := cues.photo.match(_credit_cues(credit[1:-1] if credit[:1] + credit[-1:] in ("()", "[]")
                                                      else credit))) and m.group("credit"):
        credit = m.group("credit").strip(" .")  # "(Image credit: Tom's Hardware)", "Foto: Ana Pop" -> the name
    if credit and credit.count("(") > credit.count(")"):
        credit += ")"  # "© Ana Pop (detail)": the cue's pattern stops at the first closing bracket
    return caption, credit


# A source in brackets at a caption's end: "(Quelle: Hume/Unsplash)", "(Source: NASA)", "(Sursa: Inquam)".
_SOURCE = re.compile(r"\s*\((?:Quelle|Source|Sursa|Sursă|Fuente|Fonte|Fonti)\s*:\s*([^()]+)\)\s*\.?$")


# "(c) Ana Pop", "(C) dpa", "Photographer: Ana Pop": a credit's cue as pages write it; read as "©" and "Photo:".
_CREDIT_CUES = re.compile(r"\([cC]\)(?=\s)|(?<=Photo)grapher(?=\s*:)")


def _credit_cues(text: str) -> str:
    return _CREDIT_CUES.sub(lambda m: "©" if m.group(0).startswith("(") else "", text) if "(" in text or \
        "grapher" in text else text


def _figure_from(container, img, cues: Cues) -> Figure | None:
    # the caption element: a <figcaption>, else an element of a "caption" class, with text ("e-caption-trigger",
    # an empty button that opens the caption, comes first on some pages)
    cap_el = next((el for el in container.xpath('.//figcaption | .//*[@class and contains(@class, "caption")]')
                   if _text(el)), None)
    caption = _text(cap_el) if cap_el is not None else None
    caption = caption or container.get("data-caption") or (img.get("data-caption") if img is not None else None)
    credit = container.get("data-credit") or (img.get("data-credit") if img is not None else None)
    if credit is None:
        for el in container.iter():
            cls = (el.get("class") or "").lower() if isinstance(el.tag, str) else ""
            if el is not cap_el and cls and any(c in cls for c in _CREDIT_CLASS):
                credit = _text(el) or None
                break
    caption, credit = _split_credit(caption, credit, cues)
    src = _img_src(img)
    if not (src or caption):
        return None
    return Figure(src=src, alt=(img.get("alt") or None) if img is not None else None, caption=caption, credit=credit)


def _figures(tree, cues: Cues, article: dict | None = None, raw: str | None = None, nodes: list[dict] | None = None):
    """Every article image with its caption and credit: ``<figure>`` with ``<figcaption>`` or a caption element
    (credit from a credit/copyright/source element, ``data-caption``/``data-credit`` attributes, or a "Foto:" /
    "Photo:" credit inside the caption), WordPress-style caption boxes (``div.wp-caption``), then the article's
    JSON-LD ``image`` (ImageObject ``caption``, ``creditText``, ``copyrightHolder``, ``author``) for images the
    markup did not caption, and the ImageObjects of the page's JSON-LD graph (``nodes``; the Yoast/WordPress form
    ``{"@type": "ImageObject", "@id": ".../#primaryimage", "caption": ...}``) that are no logo or portrait."""
    seen: dict[str, Figure] = {}  # by image address, for the JSON-LD captions
    keys: set[tuple] = set()  # (address, caption): the same picture twice (a slider's clone, a lightbox copy)
    out: list[Figure] = []
    # WordPress caption boxes are looked for only where the page has one (a class test on every <div> is slow).
    boxes = '//figure | //div[contains(@class, "wp-caption")]' if raw is None or "wp-caption" in raw else "//figure"
    for fig in tree.xpath(boxes):
        if fig.tag == "div" and fig.xpath("ancestor::figure"):
            continue
        found = _figure_from(fig, next(iter(fig.xpath(".//img")), None), cues)
        if found is not None and (found.src, found.caption) not in keys:
            keys.add((found.src, found.caption))
            out.append(found)
            if found.src:
                seen.setdefault(found.src, found)
    captions = {fold(f.caption) for f in out if f.caption}
    for node in _image_objects(article, nodes or []):
        url = node.get("url") or node.get("contentUrl")
        url = url if isinstance(url, str) else None
        caption = node.get("caption") if isinstance(node.get("caption"), str) else None
        credit = next((v for v in (node.get("creditText"), *_names(node.get("copyrightHolder")),
                                   *_names(node.get("author"))) if isinstance(v, str) and v.strip()), None)
        if not (caption or credit):
            continue
        caption, credit = _split_credit(caption, credit, cues)
        known = seen.get(url) if url else None
        if known is not None:
            known.caption = known.caption or caption
            known.credit = known.credit or credit
        elif (caption or credit) and not (caption and fold(caption) in captions):
            out.append(Figure(src=url, caption=caption, credit=credit))
            seen.setdefault(url or "", out[-1])
            if caption:
                captions.add(fold(caption))
    return out


def _names(value) -> list[str]:
    return _person_names(value) if value is not None else []


def _image_objects(article: dict | None, nodes: list[dict]) -> list[dict]:
    """The article's JSON-LD images (references into the graph resolved), then the graph's other ImageObjects
    except logos, portraits and avatars (by their ``@id``)."""
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    image = (article or {}).get("image")
    images = image if isinstance(image, list) else [image]
    out = [by_id.get(i.get("@id"), i) if "@id" in i and len(i) == 1 else i for i in images if isinstance(i, dict)]
    for node in nodes:
        ident = str(node.get("@id") or "").lower()
        if node.get("@type") == "ImageObject" and node not in out and not any(
                w in ident for w in ("logo", "person", "avatar", "author")):
            out.append(node)
    return out


_TAG_KINDS = {"nav": "navigation", "header": "navigation", "footer": "navigation", "aside": "related"}


@lru_cache(maxsize=16384)
def _attrs_kind(cls: str | None, id_: str | None, role: str | None) -> str | None:
    """The boilerplate kind a container's class/id/role announce, if any. Pages repeat the same class strings
    hundreds of times: the answer is remembered (a pure function of the strings)."""
    attrs = " ".join(filter(None, (cls, id_, role))).lower()
    if attrs and _ANY_HINT.search(attrs):
        for kind, regex in _KIND_HINTS:
            if regex.search(attrs):
                return kind
    return None


def _iter_blocks(root):
    """(outermost block element, kind inherited from its nearest labelled container), in document order. One
    top-down walk: each container is looked at once (the old per-block ancestor walk was the slowest step). A
    container's own kind comes from its tag (``_TAG_KINDS``) or its class/id/role (``_attrs_kind``)."""
    stack = [(root, "other")]
    pop, push = stack.pop, stack.append
    tag_kind, attrs_kind, block_tags, skip_tags = _TAG_KINDS.get, _attrs_kind, _BLOCK_TAGS, _SKIP_TAGS
    while stack:
        node, kind = pop()
        tag = node.tag
        get = node.get
        kind = tag_kind(tag) or attrs_kind(get("class"), get("id"), get("role")) or kind
        if tag in block_tags:
            yield node, kind
            continue
        for child in reversed(node):
            tag = child.tag
            if tag.__class__ is str and tag not in skip_tags:  # comments and processing instructions: no str tag
                push((child, kind))


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _blocks(tree, doc: Document) -> list[Block]:
    """Every text block of the page that is not in the body, in page order, labelled by its container."""
    body_keys = {_key(p) for p in doc.body}
    body_all = _key(" ".join(doc.body))
    blocks: list[Block] = []
    seen: set[str] = set()
    for el, kind in _iter_blocks(tree):
        text = _text(el)
        if len(text) < 2:
            continue
        key = _key(text)
        if key in seen or key in body_keys or (len(key) > 30 and key in body_all):
            continue
        seen.add(key)
        if el.tag == "figcaption":
            kind = "caption"
        extra = {}
        if kind in ("related", "partner", "navigation") and (link := el.find(".//a[@href]")) is not None:
            extra["href"] = link.get("href")
        blocks.append(Block(kind, text, extra))
        if len(blocks) >= MAX_BLOCKS:
            break
    return blocks
