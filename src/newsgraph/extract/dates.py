"""Publication dates with their provenance.

``parse_date`` reads one date string (any language dateparser knows). ``html_dates`` runs a cascade over a page,
most explicit evidence first, and returns the first answer with its source and a confidence:

=====================  ==========  ============================================================
source                 confidence  evidence
=====================  ==========  ============================================================
``json-ld``            0.95        ``datePublished`` / ``dateModified`` of a NewsArticle-like node
``meta:<name>``        0.9         ``article:published_time``, ``og:published_time``, ``pubdate``, ...
``time-element``       0.8         ``<time datetime>`` marked as publication (itemprop, class, pubdate)
``url``                0.7         ``/2023/09/14/`` in the URL
``htmldate``           0.6         htmldate's conservative search (no extensive search: abstain rather than guess)
=====================  ==========  ============================================================
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

_TIME = re.compile(r"\d{1,2}:\d{2}")
_BROKEN_ISO = re.compile(r"^\s*\d{4}-")  # starts like ISO 8601 but _ISO did not read it (found by benchmarks/fuzz.py)
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
# RFC 2822 dates ("Wed, 04 May 2022 02:41:00 GMT"), the usual form in feeds and HTTP-style meta tags: the
# standard library reads them exactly, dateparser takes ~2 ms each guessing their language.
# The whole string must be RFC 2822 (a zone, if any, numeric or one of its names): "4 May 2022 2:41 PM" is not, and
# email.utils would drop its "PM".
_RFC2822 = re.compile(r"^\s*(?:[A-Z][a-z]{2},\s*)?\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?"
                      r"(?:\s+(?:[+-]\d{4}|UTC?|GMT|Z|[ECMP][SD]T))?\s*$")
_ZONE = re.compile(r"(?:\.\d+)?\s*(Z|[+-][01]\d:?\d{2})\b", re.IGNORECASE)  # after optional fractional seconds
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")  # Unix time in seconds or milliseconds (some CMS meta tags)
_DIGIT_GROUPS = re.compile(r"\d+")
_LETTER = re.compile(r"[^\W\d_]")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|[^\d]|$)")

PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "publish_date", "published_time", "article.published", "dc.date.issued",
    "dcterms.created", "dc.date", "dcterms.date", "sailthru.date", "parsely-pub-date", "date", "article_date_original",
    "cxenseparse:recs:publishtime", "original-publish-date", "release_date", "citation_publication_date",
)
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "last-modified", "dcterms.modified")


def _valid(dt: datetime) -> bool:
    return 1990 <= dt.year <= datetime.now().year + 1


def parse_date(text: str, languages: list[str] | None = None, order: str | None = None) -> str | None:
    """ISO date (or datetime, when the text gives a time) from a free-text date; None if unparseable."""
    read = read_date(text, languages, order)
    return read[0] if read else None


def _order_for(languages) -> str | None:
    """Day/month order of numeric dates for the given languages: day first unless English is among them (then
    only evidence decides, and a bare ambiguous date is not read)."""
    return None if not languages or "en" in languages else "DMY"


def read_date(text: str, languages: list[str] | None = None, order: str | None = None) -> tuple[str, str | None] | None:
    """(ISO value, UTC offset of a written zone or None) of one date string, or None. Machine formats (ISO 8601,
    RFC 2822, Unix time) first; then the written shapes of ``extract.datetext`` (month names of the cue
    languages, numeric dates in ``order`` or the languages' order); then dateparser with explicit languages and
    DATE_ORDER for what neither knows. An ambiguous numeric date without a known order gives None."""
    text = text.strip()
    if not text:
        return None
    m = _ISO.match(text)
    if m:
        try:
            dt = datetime(*(int(g) for g in m.groups()[:3]))
        except ValueError:
            return None
        if not _valid(dt):
            return None
        tz = _ZONE.match(text, m.end())
        tz = (tz.group(1).upper().replace("Z", "+00:00") if tz else None)
        if tz and ":" not in tz:
            tz = f"{tz[:3]}:{tz[3:]}"
        if m.group(4):
            return f"{dt.date().isoformat()}T{int(m.group(4)):02d}:{m.group(5)}:{m.group(6) or '00'}", tz
        return dt.date().isoformat(), None
    if _BROKEN_ISO.match(text):
        return None  # "2024-0é-08T07:30:00Z": dateparser answers today's date, or spends seconds ("2024-0˙-08T…")
    if _RFC2822.match(text):
        from email.utils import parsedate_to_datetime

        try:
            dt = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            dt = None
        if dt is not None:
            offset = dt.strftime("%z")
            return (dt.strftime("%Y-%m-%dT%H:%M:%S"), f"{offset[:3]}:{offset[3:]}" if offset else None) \
                if _valid(dt) else None
    if _EPOCH.match(text):
        dt = datetime.fromtimestamp(int(text[:10]), tz=UTC)
        return (dt.strftime("%Y-%m-%dT%H:%M:%S"), "+00:00") if _valid(dt) else None
    if not _LETTER.search(text) and len(_DIGIT_GROUPS.findall(text)) < 3:
        return None  # a year alone, a time alone: never a day, month and year (dateparser would try every language)
    from newsgraph.extract.datetext import fold_keep, reader
    from newsgraph.lang.cues import load

    codes = tuple(languages) if languages else load().codes  # every cue language (cached)
    order = order or _order_for(languages)
    dates = reader(codes)
    if found := dates.find(text, order):
        return found[0].value, found[0].tz
    if dates.numeric.search(fold_keep(text)):
        return None  # "03/04/2020" with no known order: abstain rather than guess
    import dateparser

    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": False}
    if order:
        settings["DATE_ORDER"] = order
    dt = dateparser.parse(text, languages=languages, settings=settings)
    if dt is None or not _valid(dt):
        return None
    return (dt.strftime("%Y-%m-%dT%H:%M:00") if _TIME.search(text) else dt.date().isoformat()), None


def _jsonld_nodes(tree):
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                yield node
                stack.extend(v for k, v in node.items() if k in ("@graph", "mainEntity", "mainEntityOfPage"))


def jsonld(tree) -> list[dict]:
    return list(_jsonld_nodes(tree))


def meta_values(tree) -> dict[str, str]:
    """The page's ``<meta>`` values by property, name and itemprop as written; the first non-empty one wins."""
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if not content or not (content := content.strip()):
            continue
        for attr in ("property", "name", "itemprop"):
            key = meta.get(attr)
            if key and key not in metas:
                metas[key] = content
    return metas


def _lower_keys(metas: dict[str, str]) -> dict[str, str]:
    """Date names match in any case ("DC.date", "Date"); the first of the spellings on the page wins."""
    lower: dict[str, str] = {}
    for key, value in metas.items():
        lower.setdefault(key.strip().lower(), value)
    return lower


def html_dates(tree, url: str | None, nodes: list[dict] | None = None, metas: dict[str, str] | None = None,
               visible=None, shown=None):
    """(published, modified) as DateValue or None. ``nodes`` (JSON-LD) and ``metas`` (``meta_values``) are read
    from the tree when not given. ``visible`` (no arguments -> DateValue or None): the date line the reader sees
    on the page, asked when the markup declares no date (before htmldate's guess) or a date the page does not
    show. ``shown`` (a set of years -> set of "YYYY-MM-DD"): the days of those years written in the page's
    visible text. A
    markup date that is not among them gives way to the day a UTC time falls on in the site's zone, then to the
    modified date when that is shown (the page presents its update as its date), then to the page's own date
    line. Dev pages: 270 -> 276 of 342 right, none lost (``benchmarks/extraction.py``). A non-article JSON-LD
    node's date (``_article_node``: a WebPage's, a Recipe's) that the page does not show, with no date line to
    take its place, gives no date at all (htmldate would find the same markup date)."""
    from newsgraph.document import DateValue

    nodes = jsonld(tree) if nodes is None else nodes
    published = modified = None
    weak = False  # the date is a non-article node's (below): kept only when the page shows it
    for node in sorted(nodes, key=lambda n: not _article_node(n)):  # an article node's dates first
        if published is None and isinstance(node.get("datePublished"), str):
            if v := read_date(node["datePublished"]):
                published = DateValue(v[0], "json-ld", 0.95, node["datePublished"], tz=v[1])
                weak = not _article_node(node)
        if modified is None and isinstance(node.get("dateModified"), str):
            if v := read_date(node["dateModified"]):
                modified = DateValue(v[0], "json-ld", 0.95, node["dateModified"], tz=v[1])
    metas = _lower_keys(meta_values(tree) if metas is None else metas)
    if published is None:
        published = _first_meta(metas, PUBLISHED_META)
    if modified is None:
        modified = _first_meta(metas, MODIFIED_META)
    if published is None:
        for t in tree.xpath('//time[@datetime][@itemprop="datePublished" or @pubdate or contains(@class,"publish")'
                            ' or contains(@class,"date") or contains(@class,"entry")]'):
            if v := read_date(t.get("datetime")):
                published = DateValue(v[0], "time-element", 0.8, t.get("datetime"), tz=v[1])
                break
    if published is None and url and (m := _URL_DATE.search(url)):
        try:
            published = DateValue(datetime(*map(int, m.groups())).date().isoformat(), "url", 0.7, m.group(0))
        except ValueError:
            pass
    published, modified = _local(published, url), _local(modified, url)
    if published is not None and shown is not None and published.value[:10] not in (days := shown(_years(published,
                                                                                                   modified))):
        # The markup's date is nowhere on the page: a UTC time shows as the day before or after in the site's
        # zone; or the page shows its modified date, or its own date line.
        if (near := _zone_day(published, days)) is not None:
            published = near
        elif modified is not None and modified.value[:10] in days:
            published = modified
        elif visible is not None and (seen := visible()) is not None:
            published = seen
        elif weak:
            return None, modified  # a recipe's or web page's SEO date the page never shows: abstain
    if published is None and visible is not None:
        published = visible()
    if published is None:
        published = _htmldate(tree, url)
    return published, modified


# JSON-LD types whose datePublished is an article's publication: NewsArticle, BlogPosting, ReportageNewsArticle, ...
# A WebPage, Recipe or VideoObject node's date is often the CMS's record date, which the page does not show; dev
# pages whose markup date is not shown: even half 2 of 3 such dates wrong (no date in the truth), odd half 6 of 7;
# abstaining there: dates right even 140 -> 141, odd 147 -> 152 (``benchmarks/extraction.py`` split report).
_ARTICLE_TYPE = re.compile(r"article|posting|report", re.IGNORECASE)


def _article_node(node: dict) -> bool:
    kind = node.get("@type")
    return any(isinstance(k, str) and _ARTICLE_TYPE.search(k) for k in (kind if isinstance(kind, list) else [kind]))


def _years(published, modified) -> set[str]:
    """The years of the days the shown-date rules compare: the published date's year (and the year beside it on
    the first and last day of a year: a UTC time shown in another zone), the modified date's."""
    year = int(published.value[:4])
    years = {str(year), *(() if (md := published.value[5:10]) not in ("01-01", "12-31") else
                          (str(year - 1 if md == "01-01" else year + 1),))}
    return years | ({modified.value[:4]} if modified is not None else set())


def _zone_day(value, days: set[str]):
    """A UTC time ("2023-11-09T05:30:59Z") whose day the page does not show, while it shows the day a local zone
    puts it on (the day before for an early UTC hour: the Americas; the day after for a late one): that day."""
    from dataclasses import replace
    from datetime import date, timedelta

    if value.tz != "+00:00" or "T" not in value.value:
        return None
    try:
        day, hour = date.fromisoformat(value.value[:10]), int(value.value[11:13])
    except ValueError:
        return None
    near = day - timedelta(days=1) if hour < 12 else day + timedelta(days=1)
    return replace(value, value=near.isoformat(), tz=None) if near.isoformat() in days else None


# Country-code domains that sites of any country use (.io, .co, .tv, ...): no evidence of the publisher's zone.
_GLOBAL_TLDS = frozenset({"io", "co", "me", "tv", "ai", "fm", "ly", "to", "cc", "ws", "la", "eu", "gg", "sh", "ac",
                          "st", "so", "am", "im"})
_COUNTRY = {"uk": "gb"}


def _local(value, url: str | None):
    """A UTC time ("2022-05-04T02:41:00Z", "Wed, 04 May 2022 02:41:00 GMT") written by a site of a country with
    one time zone (by the country-code domain of ``url``: .de, .ar, .bo, .ro; not .com, and not a country whose
    zones differ at that moment) as that country's local time: the day the publisher's readers saw. Machine
    values are written in UTC, near midnight a day off the page's own date (dev pages: 3 of 342 dates)."""
    if value is None or value.tz != "+00:00" or "T" not in value.value or not url:
        return value
    import pytz

    from newsgraph.identity import hostname

    tld = hostname(url).rsplit(".", 1)[-1]
    if len(tld) != 2 or tld in _GLOBAL_TLDS:
        return value
    zones = pytz.country_timezones.get(_COUNTRY.get(tld, tld), [])
    try:
        instant = pytz.utc.localize(datetime.fromisoformat(value.value))
    except ValueError:
        return value
    local = {instant.astimezone(pytz.timezone(z)).strftime("%Y-%m-%dT%H:%M:%S%z") for z in zones}
    if len(local) != 1:
        return value
    (text,) = local
    from dataclasses import replace

    return replace(value, value=text[:19], tz=f"{text[19:22]}:{text[22:]}")


def _first_meta(metas: dict, names) -> object:
    from newsgraph.document import DateValue

    for name in names:
        # Meta values are written by software: a slashed numeric date there is the C/US locale's month-first
        # "%m/%d/%Y" (a dotted one stays day-first); a page's visible text gets no such assumption.
        if metas.get(name) and (v := read_date(metas[name], order="MDY")):
            return DateValue(v[0], f"meta:{name}", 0.9, metas[name], tz=v[1])
    return None


def _htmldate(tree, url):
    from htmldate import find_date

    from newsgraph.document import DateValue

    try:
        v = find_date(tree, url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises on odd trees; a missing date is the honest answer
        return None
    return DateValue(v, "htmldate", 0.6) if v else None


# The date a reader sees beside the headline: text within this many characters before the first <h1> and after it
# (``extract.headline``). Dev pages whose markup declares no date (106 of 342): windows 100/300, 200/500, 300/800
# and 500/1000 characters gave +7/-2, +10/-3, +10/-3, +12/-3 right against the date-line and htmldate answers
# before; with the text-node limit below +7/-1, +10/0, +10/0, +12/-1.
# Only a short text node is read ("24. April 2020 |", "Hamburg, 2. November 2021", "06.11.2023 13:30 von Olga");
# a date inside a sentence ("Der nächste Stammtisch findet am Mi. 5. Februar 2020 ab 19 Uhr") is not the page's
# date. 50 and 60 characters: no loss; 70-100: one loss each.
HEADLINE_DATE_CHARS = 60


def headline_date(beside_headline: list, cues, context: str = ""):
    """The date written nearest the page's headline element (``beside_headline``: ``extract.headline.window`` with
    ``HEADLINE_BEFORE`` and ``HEADLINE_AFTER``), in a short text node
    outside links (teasers); update dates ("Updated: …", "zuletzt geändert am …") are skipped. The numeric order
    is read from the window and ``context`` (the page's first paragraphs: ``datetext.DateOrder``, an ambiguous
    numeric date of an English page without evidence of its order is not read). None
    when the page has no ``<h1>`` or no such date: abstain rather than guess."""
    from newsgraph.document import DateValue
    from newsgraph.extract.datetext import DateOrder, reader
    near = [n for n in beside_headline if not n.in_link and len(n.text) <= HEADLINE_DATE_CHARS]
    if not near:
        return None
    dates_ = reader(cues.codes)
    order = DateOrder.of_text("\n".join([context, *(n.text for n in near)]), dates_).order
    for n in near:
        if found := [f for f in dates_.find(n.text, order, cues.modified_word) if not f.modified]:
            return DateValue(found[0].value, "headline", 0.75, text=n.text, tz=found[0].tz)
    return None
