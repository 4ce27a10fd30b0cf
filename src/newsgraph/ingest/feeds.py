"""RSS/Atom feeds (feedparser): each entry with content becomes a Source; the entry's title, date and authors
travel as hints. Entries with only a summary are read as short text (the feed is all we have offline)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from html import escape
from pathlib import Path

from newsgraph.config import Config
from newsgraph.document import Source
from newsgraph.errors import InputError


def iter_feed(path: Path, config: Config) -> Iterator[Source | InputError]:
    import feedparser

    from newsgraph.ingest.sources import read_bytes, source_from_text

    try:
        feed = feedparser.parse(read_bytes(path, config))
    except InputError:
        raise
    except Exception as e:  # feedparser on damaged input (a NUL in the encoding name, &#x110000;, ...)
        raise InputError(str(path), f"not a readable RSS/Atom feed ({type(e).__name__}: {e})") from None
    if feed.bozo and not feed.entries:
        raise InputError(str(path), f"not a readable RSS/Atom feed ({feed.get('bozo_exception')})")
    for i, entry in enumerate(feed.entries):
        name = f"{path}#{entry.get('id') or entry.get('link') or i}"
        hints = {"site": feed.feed.get("title")}
        if entry.get("title"):
            hints["title"] = entry.title
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        if parsed:
            hints["published"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
        if entry.get("authors"):
            hints["authors"] = [a.get("name") for a in entry.authors if a.get("name")]
        content = entry.get("content")
        html = content[0].value if content else entry.get("summary", "")
        title = escape(entry.get("title", ""))
        page = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{html}</article></body></html>"
        try:
            yield source_from_text(name, page, "html", url=entry.get("link"), encoding="feed", hints=hints)
        except InputError as e:
            yield e
