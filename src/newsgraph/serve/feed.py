"""Atom feeds of searches (``/search.atom?q=...&entity=...``): follow a query or an entity in any feed reader.

Entries are the matching articles, last stored first (a reader shows what arrived since it last looked, even an
article published long ago). The XML is built with ElementTree, which escapes every text and attribute value;
links leave only as ``http(s)://`` URLs (``app.http_url``) or this server's own article pages.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 forbids (ElementTree writes them anyway and the feed would not parse): control characters
# other than tab/newline/return, lone surrogates, U+FFFE/U+FFFF. A stored text can hold them (a scraper's dump).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MEDIA_TYPE = "application/atom+xml; charset=utf-8"


def _stamp(value: str | None) -> str:
    """An RFC 3339 timestamp from a stored ISO date or datetime (UTC assumed when no zone is given)."""
    if not value:
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    text = value.strip()
    if len(text) == 10:
        return f"{text}T00:00:00Z"
    if text.endswith("Z") or "+" in text[10:] or "-" in text[10:]:
        return text
    return text + "Z"


def atom(title: str, self_url: str, html_url: str, base_url: str, hits: list[dict], link) -> bytes:
    """The feed document. ``link`` vets an article's own URL (``app.http_url``)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}",
                           {k: _NOT_XML.sub("", v) for k, v in attrs.items() if v is not None})
        if text is not None:
            el.text = _NOT_XML.sub("", text)
        return el

    sub(feed, "title", title)
    sub(feed, "id", self_url)
    sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=html_url, type="text/html")
    sub(feed, "updated", _stamp(max((h.get("updated") or "" for h in hits), default="") or None))
    sub(feed, "generator", "newsgraph")
    for h in hits:
        entry = sub(feed, "entry")
        page = f"{base_url}articles/{h['id']}"
        sub(entry, "title", h.get("title") or "(untitled)")
        sub(entry, "id", f"urn:newsgraph:article:{h['id']}")
        sub(entry, "link", rel="alternate", href=page, type="text/html")
        if (original := link(h.get("url"))) and original != "#":
            sub(entry, "link", rel="via", href=original)
        sub(entry, "updated", _stamp(h.get("updated") or h.get("added")))
        if h.get("published"):
            sub(entry, "published", _stamp(h["published"]))
        if h.get("site"):
            sub(sub(entry, "author"), "name", h["site"])
        if h.get("snippet"):
            sub(entry, "summary", h["snippet"])
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
