"""Raw payload -> article structure (title, dates, authors, site, body, figures, labelled boilerplate)."""

from __future__ import annotations

from newsgraph.document import DateValue, Document
from newsgraph.extract.dates import parse_date
from newsgraph.lang.cues import Cues


def extract(doc: Document, cues: Cues, published: str | None = None) -> Document:
    """Dispatch on the payload's format, then fill a missing publication date from the container's metadata
    (feed entry, JSONL record) or, last, from ``published`` (the user's ``--published``)."""
    if doc.source.format == "html":
        from newsgraph.extract.html import extract_html

        extract_html(doc, cues)
    else:
        from newsgraph.extract.textdump import segment

        segment(doc, cues)
    hinted = doc.source.hints.get("published")
    if doc.published is None and hinted and (value := parse_date(str(hinted))):
        doc.published = DateValue(value, "record", 0.85, str(hinted))
    if doc.published is None and published:
        value = parse_date(published)
        if value is None:
            raise ValueError(f"--published {published!r} is not a date")
        doc.published = DateValue(value, "user", 1.0, published)
        doc.notes.append("publication date supplied by the user (--published)")
    return doc
