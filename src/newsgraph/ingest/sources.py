"""Resolve user inputs (paths, folders, URLs) into raw :class:`Source` payloads, lazily and in order."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.config import Config
from newsgraph.document import Source
from newsgraph.errors import InputError
from newsgraph.ingest.encoding import UndecodableError, decode, looks_binary

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc", ".arc.gz"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
KNOWN_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES | FEED_SUFFIXES

Item = Source | InputError


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for s in (".warc.gz", ".arc.gz"):
        if name.endswith(s):
            return s
    return path.suffix.lower()


def looks_like_html(text: str) -> bool:
    head = text[:4096].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head or "<div" in head or "<p>" in head)


def read_bytes(path: Path, config: Config) -> bytes:
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(name, "no such file or directory") from None
    except OSError as e:
        raise InputError(name, f"cannot read: {e.strerror or e}") from None
    if size == 0:
        raise InputError(name, "file is empty")
    if size > config.max_bytes:
        raise InputError(
            name, f"file is {size / 2**20:.1f} MiB, over the {config.max_bytes / 2**20:.0f} MiB limit (--max-bytes)"
        )
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(name, f"cannot read: {e.strerror or e}") from None


def source_from_bytes(
    name: str, data: bytes, kind: str | None, url: str | None = None, header_charset: str | None = None, hints=None
) -> Source:
    """Decode one payload; ``kind`` is "html", "text" or None (sniff)."""
    if not data.strip():
        raise InputError(name, "file is empty")
    if looks_binary(data):
        raise InputError(name, "binary content, not text or HTML")
    try:
        text, how = decode(data, header_charset=header_charset, html=kind != "text")
    except UndecodableError as e:
        raise InputError(name, str(e)) from None
    return source_from_text(name, text, kind, url=url, encoding=how, hints=hints)


def source_from_text(name: str, text: str, kind: str | None, url=None, encoding=None, hints=None) -> Source:
    if not text.strip():
        raise InputError(name, "no text in input")
    if "\ufffd" in text[:20000] and text[:20000].count("\ufffd") > 20:
        raise InputError(name, "undecodable bytes: the text is mostly replacement characters")
    if kind is None:
        kind = "html" if looks_like_html(text) else "text"
    return Source.make(name, kind, text, url=url, encoding=encoding, hints=hints)


def _iter_file(path: Path, config: Config) -> Iterator[Item]:
    name = str(path)
    suffix = _suffix(path)
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _iter_jsonl(path, config)
        elif suffix in WARC_SUFFIXES:
            from newsgraph.ingest.warc import iter_warc

            yield from iter_warc(path, config)
        elif suffix in FEED_SUFFIXES and _is_feed(path):
            from newsgraph.ingest.feeds import iter_feed

            yield from iter_feed(path, config)
        else:
            data = read_bytes(path, config)
            kind = "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else None
            yield source_from_bytes(name, data, kind)
    except InputError as e:
        yield e


def _is_feed(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(2048).lower()
    except OSError:
        return False
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def _iter_jsonl(path: Path, config: Config) -> Iterator[Item]:
    if not path.exists():
        raise InputError(str(path), "no such file or directory")
    if path.stat().st_size > config.max_bytes * 50:
        raise InputError(str(path), "JSONL file is too large")
    with path.open("rb") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            name = f"{path}:{lineno}"
            try:
                record = json.loads(line.decode("utf-8"))
            except UnicodeDecodeError as e:  # json.loads(bytes) raised this too, and it has no .msg
                yield InputError(name, f"the record is not UTF-8 text (byte {e.start} of the line)")
                continue
            except ValueError as e:
                yield InputError(name, f"invalid JSON ({getattr(e, 'msg', e)})")
                continue
            except RecursionError:
                yield InputError(name, "invalid JSON (nested too deeply)")
                continue
            if not isinstance(record, dict):
                yield InputError(name, "a JSONL record must be an object")
                continue
            try:
                hints, url = _record_fields(name, record)
                if isinstance(record.get("html"), str):
                    yield source_from_text(name, record["html"], "html", url=url, encoding="json", hints=hints)
                elif isinstance(record.get("text"), str):
                    yield source_from_text(name, record["text"], "text", url=url, encoding="json", hints=hints)
                else:
                    yield InputError(name, "record has neither an 'html' nor a 'text' string field")
            except InputError as e:
                yield e


def _record_fields(name: str, record: dict) -> tuple[dict, str | None]:
    """A JSONL record's metadata as hints, checked: strings where strings belong (``"title": [null]`` crashed
    the extractor), ``authors`` a list of names or one name."""
    hints = {}
    for key in ("title", "published", "site", "language", "url"):
        value = record.get(key)
        if value is None or value == "":
            continue
        if key == "published" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # a year
        if not isinstance(value, str):
            raise InputError(name, f"the record's {key!r} must be a string, not {type(value).__name__}")
        hints[key] = value
    authors = record.get("authors")
    if isinstance(authors, str):
        authors = [authors]
    if authors:
        if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
            raise InputError(name, "the record's 'authors' must be a list of names (strings)")
        hints["authors"] = [a for a in authors if a.strip()]
    return hints, hints.pop("url", None)


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            p = Path(root, f)
            if not f.startswith(".") and _suffix(p) in KNOWN_SUFFIXES:
                yield p


def iter_sources(inputs: Iterable[str], config: Config | None = None) -> Iterator[Item]:
    """Yield a Source or an InputError per article, in input order. "-" reads a text dump from stdin."""
    config = config or Config()
    for raw in inputs:
        if raw.startswith(("http://", "https://")):
            from newsgraph.ingest.fetch import fetch

            try:
                yield fetch(raw, config)
            except InputError as e:
                yield e
            continue
        if raw == "-":
            import sys

            try:
                data = sys.stdin.buffer.read(config.max_bytes + 1)
                if len(data) > config.max_bytes:  # never analyse a silently truncated article
                    raise InputError("<stdin>", f"input is over the {config.max_bytes / 2**20:g} MiB limit "
                                                "(--max-bytes)")
                yield source_from_bytes("<stdin>", data, None)
            except InputError as e:
                yield e
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for p in _walk(path):
                found = True
                yield from _iter_file(p, config)
            if not found:
                yield InputError(raw, "folder holds no readable inputs (.txt, .html, .jsonl, .warc, .rss/.xml)")
        elif not path.exists():
            yield InputError(raw, "no such file or directory")
        else:
            yield from _iter_file(path, config)
