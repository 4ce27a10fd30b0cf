"""Scraper export formats around a text dump: a key-value header (markdown front matter between ``---`` lines,
or "Title: ..." / "URL: ..." / "Date: ..." lines before the first blank line), a reader-service export ("Title:",
"URL Source:", "Published Time:" blocks, then "Markdown Content:"), JSON exports of one article (``{"title": ...,
"text": ..., "date": ...}``, as trafilatura, newspaper and many scrapers write them), and markdown markup in the
text itself (``plain_markdown``: headings, emphasis, links, rules and bullets become plain lines).

The header's values become the document's container metadata (``Source.hints``: title, published, authors,
site; the URL becomes the document's URL candidate, checked like a canonical link by ``newsgraph.identity``) and only the article text is segmented, so the
header is never read as body or quotes.
"""

from __future__ import annotations

import json
import re

# Header keys as scrapers write them -> hint names. Matched case-insensitively.
KEYS = {
    "title": "title", "headline": "title", "titlu": "title",
    "url": "url", "link": "url", "source_url": "url", "canonical": "url", "permalink": "url",
    "date": "published", "published": "published", "pubdate": "published", "date_published": "published",
    "publish_date": "published", "published_at": "published", "data": "published", "datepublished": "published",
    "modified": "modified", "updated": "modified", "date_modified": "modified", "datemodified": "modified",
    "author": "authors", "authors": "authors", "by": "authors", "byline": "authors", "autor": "authors",
    "site": "site", "sitename": "site", "site_name": "site", "source": "site", "publisher": "site", "sursa": "site",
    "sursă": "site", "publicatie": "site", "publicație": "site", "autori": "authors", "titlul": "title",
    "data_publicarii": "published", "data_publicării": "published", "actualizat": "modified",
    "categorie": "tags", "etichete": "tags",
    "hostname": "host", "language": "language", "lang": "language",
    "description": "description", "excerpt": "description", "tags": "tags", "categories": "tags",
    "id": "id", "fingerprint": "id", "image": "image",
    "url_source": "url", "published_time": "published",  # a reader service's export ("URL Source: ...")
}
TEXT_KEYS = ("text", "content", "body", "raw_text", "article", "maintext", "plain_text", "article_text", "articlebody",
             "continut", "conținut", "textul")
_URL = re.compile(r"^(?:https?://)?(?:www\.)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[/?#]\S*)?$", re.IGNORECASE)
_H1 = re.compile(r"^#\s+(?P<t>\S.*?)\s*#*\s*$")  # a markdown export's "# Headline"
_KV = re.compile(r"^\s*(?P<k>[A-Za-z_][\w-]{0,20})\s*:\s*(?P<v>.*?)\s*$")
_BY = re.compile(r"^(?:by|de|von|por|par|di|da)\s+(?=[A-ZÀ-ÞĂÂÎȘȚŞŢ])", re.IGNORECASE)  # a byline's label, not a name
MIN_HEADER_KEYS = 2  # a "Title: ..." line alone is no header: prose can start "Update: ..."


def _value(v) -> str | list | None:
    if isinstance(v, str):
        v = v.strip().strip('"').strip("'").strip()
        if len(v) > 2 and v[0] == "[" and v[-1] == "]":  # a YAML flow list: "authors: [Ann Lee, Bo Li]"
            return _value([x.strip().strip('"').strip("'") for x in v[1:-1].split(",")])
        return v or None
    if isinstance(v, list):
        items = [str(x).strip() for x in v if isinstance(x, str | int | float) and str(x).strip()]
        return items or None
    if isinstance(v, dict):
        return _value(v.get("name"))
    return None


def _hints(pairs: list[tuple[str, object]]) -> dict:
    hints: dict = {}
    for key, raw in pairs:
        name = KEYS.get(key.lower().replace("-", "_"))
        value = _value(raw)
        if name is None or value is None or name in hints:
            continue
        if name == "authors":
            if isinstance(value, str):
                value = [a.strip() for a in re.split(r"\s*(?:;|,|\band\b|\bși\b|\bşi\b|&)\s*", value) if a.strip()]
            hints[name] = [_BY.sub("", a) for a in value]  # "Byline: By Tom Reed and Ana Kim"
        elif isinstance(value, list):
            hints[name] = value if name == "tags" else ", ".join(value)
        else:
            hints[name] = value
    if isinstance(site := hints.get("site"), str) and "/" in site and (m := _URL.match(site)):
        hints.setdefault("url", site if site.startswith("http") else None)  # "Source: https://www.x.ro/a/1"
        from newsgraph.extract.site import display_site

        hints["site"] = display_site(m.group("host"))
        if hints["url"] is None:
            hints.pop("url")
    if "site" not in hints and "host" in hints:
        hints["site"] = hints["host"]
    hints.pop("host", None)
    return hints


_WRAPPERS = frozenset({"data", "article", "item", "post", "story", "result", "document", "doc", "entry"})
WRAPPER_KEYS = 4  # an envelope holds the article and a few status fields ("status", "meta", "version")


def split_header(raw: str) -> tuple[dict, str]:
    """(hints, article text) of a dump; ({}, raw) when it has no header and is no JSON export."""
    stripped = raw.lstrip("\ufeff \t\r\n")
    if stripped[:1] in "{[" and stripped.rstrip()[-1:] in "}]":
        try:
            data = json.loads(stripped)
        except ValueError:
            data = None
        if isinstance(data, list) and len(data) == 1:  # an export of one article as a list
            data = data[0]
        if isinstance(data, dict) and len(data) <= WRAPPER_KEYS and not any(
                isinstance(v, str) and k.lower() in TEXT_KEYS for k, v in data.items()):
            # an API's envelope: {"data": {...}}, {"article": {...}, "status": "ok"}
            inner = [v for k, v in data.items() if k.lower() in _WRAPPERS and isinstance(v, dict)]
            data = inner[0] if len(inner) == 1 else data
        if isinstance(data, dict):
            lowered = {str(k).lower(): v for k, v in data.items()}
            text = next((lowered[k] for k in TEXT_KEYS if isinstance(lowered.get(k), str) and lowered[k].strip()),
                        None)
            if text is not None:
                return _hints(list(data.items())), text
    lines = stripped.split("\n")
    if (reader := _reader_export(lines)) is not None:
        return reader
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
        if end is not None:
            pairs = _yaml_pairs(lines[1:end])
            if pairs:
                return _hints(pairs), "\n".join(lines[end + 1:])
    title = None
    if len(lines) > 2 and (h1 := _H1.match(lines[0])) and not lines[1].strip():
        title, lines = h1.group("t"), lines[2:]  # "# Headline", a blank line, then the key-value lines
    pairs, end = [], 0
    for i, line in enumerate(lines):
        if not line.strip():
            nxt = next((ln for ln in lines[i + 1:] if ln.strip()), None)
            if nxt is not None and _known_pair(nxt) and pairs:
                continue  # blank lines may stand between the header's keys
            break
        if (m := _known_pair(line)) is None:
            return {}, raw
        pairs.append((m.group("k"), m.group("v")))
        end = i + 1
    else:
        return {}, raw
    if len(pairs) < MIN_HEADER_KEYS or "\n\n" in "\n".join(lines[:end]) and not any(
            KEYS[k.lower().replace("-", "_")] in ("title", "url") for k, _ in pairs):
        return {}, raw  # keys spaced by blank lines make a header only with a title or a URL among them
    return _hints(pairs + ([("title", title)] if title else [])), "\n".join(lines[end:])


def _known_pair(line: str):
    m = _KV.match(line)
    return m if m and m.group("k").lower().replace("-", "_") in KEYS and m.group("v") else None


_MARKDOWN_CONTENT = re.compile(r"^\s*markdown content\s*:\s*$", re.IGNORECASE)
_SPACED_KV = re.compile(r"^\s*(?P<k>[A-Za-z][\w -]{0,24}?)\s*:\s*(?P<v>.*?)\s*$")
READER_HEADER_LINES = 12  # the "Markdown Content:" line stands within this many lines of the start


def _reader_export(lines: list[str]) -> tuple[dict, str] | None:
    """A reader service's export: "Title: <page title>", "URL Source: ...", "Published Time: ..." (blank lines
    between them), then "Markdown Content:" and the page as markdown. The title is the page's ``<title>``
    (often "Headline | Site"), so it goes back in front of the text, where a flattened page has it, and the
    dump reader finds the headline and the site in it as in any dump."""
    end = next((i for i, line in enumerate(lines[:READER_HEADER_LINES]) if _MARKDOWN_CONTENT.match(line)), None)
    if end is None:
        return None
    pairs = []
    for line in lines[:end]:
        if not line.strip():
            continue
        if not (m := _SPACED_KV.match(line)):
            return None
        pairs.append((m.group("k").strip().replace(" ", "_"), m.group("v")))
    title = next((v for k, v in pairs if k.lower() == "title" and v), None)
    hints = _hints([(k, v) for k, v in pairs if k.lower() != "title"])
    return hints, "\n".join(([title, ""] if title else []) + lines[end + 1:])


# Markdown markup in a dump (a reader service's or a converter's export). Applied only when the text shows it: a
# heading line or a link; a dump without them is left as it is.
_MD_EVIDENCE = re.compile(r"^#{1,6}\s+\S|\]\((?:https?://|/)[^)\s]*\)", re.MULTILINE)
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<t>.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_MD_IMAGE = re.compile(r"!\[(?P<t>[^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[(?P<t>[^\]]+)\]\([^)]*\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<t>.+?)(?<=\S)\1")
_MD_EM = re.compile(r"(?<![\w*])\*(?=\S)(?P<t>[^*]+?)(?<=\S)\*(?![\w*])"
                    r"|(?<![\w_])_(?=\S)(?P<u>[^_]+?)(?<=\S)_(?![\w_])")
_MD_BULLET = re.compile(r"^\s*(?:[-*+]|>)\s+")


def plain_markdown(text: str) -> str:
    """The text with its markdown markup removed, line by line: "# Headline" -> "Headline", "**By X**" -> "By X",
    "[text](url)" -> "text", an image -> its alt text, rules -> blank lines, "- item" / "> quote" -> the text."""
    if not _MD_EVIDENCE.search(text):
        return text
    out = []
    for line in text.split("\n"):
        if _MD_RULE.match(line):
            out.append("")
            continue
        if m := _MD_HEADING.match(line):
            line = m.group("t")
        line = _MD_BULLET.sub("", line)
        line = _MD_LINK.sub(lambda m: m.group("t"), _MD_IMAGE.sub(lambda m: m.group("t"), line))
        line = _MD_EM.sub(lambda m: m.group("t") or m.group("u"), _MD_STRONG.sub(lambda m: m.group("t"), line))
        out.append(line)
    return "\n".join(out)


_ITEM = re.compile(r"^\s+-\s+(?P<v>.+?)\s*$")


def _yaml_pairs(lines: list[str]) -> list[tuple[str, object]]:
    """Front matter's "key: value" lines; a key without a value takes the "  - item" lines under it as a list."""
    pairs: list[tuple[str, object]] = []
    for line in lines:
        if (m := _KV.match(line)) and not line[:1].isspace():
            pairs.append((m.group("k"), m.group("v") or []))
        elif pairs and isinstance(pairs[-1][1], list) and (item := _ITEM.match(line)):
            pairs[-1][1].append(item.group("v").strip().strip('"').strip("'"))
    return pairs
