"""WARC archives (warcio), as Common Crawl's CC-NEWS writes them: every successful (HTTP 2xx) HTML response
record becomes a Source named ``file#url``; request, metadata, revisit and warcinfo records are passed over.

The archive is read as a stream (gzip members one by one, each payload read up to ``Config.max_bytes``), so
memory does not grow with the size of the file. The charset of the HTTP ``Content-Type`` header is given to the
decoder (:func:`newsgraph.ingest.sources.source_from_bytes`), which weighs it against the page's own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsgraph.config import Config
from newsgraph.document import Source
from newsgraph.errors import InputError


def header_charset(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header (``text/html; charset="UTF-8"`` -> ``utf-8``)."""
    from email.message import Message

    msg = Message()
    msg["content-type"] = content_type
    charset = msg.get_content_charset()
    return charset.strip() or None if charset else None


def _success(record) -> bool:
    """A 2xx HTTP response (a redirect or an error page is not an article)."""
    code = record.http_headers.get_statuscode() if record.http_headers else None
    return not code or str(code).startswith("2")


def iter_warc(path: Path, config: Config) -> Iterator[Source | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from newsgraph.ingest.sources import source_from_bytes

    if not path.exists():
        raise InputError(str(path), "no such file or directory")
    with path.open("rb") as fh:
        try:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    continue
                ctype = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
                if "html" not in ctype.lower() or not _success(record):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                name = f"{path}#{url}"
                data = record.content_stream().read(config.max_bytes + 1)
                if len(data) > config.max_bytes:
                    yield InputError(name, "record is over the size limit")
                    continue
                charset = header_charset(ctype)
                try:
                    yield source_from_bytes(name, data, "html", url=url, header_charset=charset)
                except InputError as e:
                    yield e
        except ArchiveLoadFailed as e:
            yield InputError(str(path), f"not a readable WARC archive ({e})")
        except Exception as e:  # warcio on a damaged archive: AttributeError, ValueError, EOFError, zlib.error, ...
            yield InputError(str(path), f"damaged WARC archive, reading stopped ({type(e).__name__}: {e})")
