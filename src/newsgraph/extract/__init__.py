"""Raw payload -> article structure (title, dates, authors, site, body, figures, labelled boilerplate)."""

from __future__ import annotations

import re
import unicodedata

from newsgraph.document import Block, DateValue, Document
from newsgraph.errors import InputError
from newsgraph.extract.dates import parse_date, read_date
from newsgraph.identity import article_url
from newsgraph.lang.cues import Cues
from newsgraph.normalize import fold

_LETTERS = re.compile(r"[^\W\d_]{2,}")


def extract(doc: Document, cues: Cues, published: str | None = None) -> Document:
    """Dispatch on the payload's format, then fill a missing publication date from the container's metadata
    (feed entry, JSONL record) or, last, from ``published`` (the user's ``--published``)."""
    if doc.source.format == "html":
        from newsgraph.extract.html import extract_html

        extract_html(doc, cues)
        _move_title_out_of_body(doc)
    else:
        from newsgraph.extract.textdump import segment

        segment(doc, cues)
    doc.url = article_url(doc.source.url, doc.url)
    # Decomposed letters (NFD: "s" + combining comma) are composed here, once: the same text to a reader, and
    # every later offset (entities, quotes, events) then indexes the stored title and body directly.
    doc.body = [_nfc(p) for p in doc.body]
    # Soft hyphens (U+00AD) are invisible line-break hints: a headline "Klima\u00adwandel" is "Klimawandel".
    doc.title = _nfc(doc.title).replace("\u00ad", "").strip() if doc.title else doc.title
    if not any(_LETTERS.search(p) for p in doc.body):
        what = "the HTML is broken or has no article text" if doc.source.format == "html" else "no article text"
        raise InputError(doc.source.input, what)
    hinted = doc.source.hints.get("published")
    if doc.published is None and hinted and (read := read_date(str(hinted))):
        doc.published = DateValue(read[0], "record", 0.85, str(hinted), tz=read[1])
    if doc.published is None and published:
        value = parse_date(published)
        if value is None:
            raise ValueError(f"--published {published!r} is not a date")
        doc.published = DateValue(value, "user", 1.0, published)
        doc.notes.append("publication date supplied by the user (--published)")
    return doc


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _move_title_out_of_body(doc: Document) -> None:
    """Extractors keep the page's <h1> as the first paragraph; the record has it as ``title``."""
    if doc.title and doc.body and fold(doc.body[0]) == fold(doc.title):
        doc.boilerplate.insert(0, Block("title", doc.body.pop(0)))
