"""WARC archives (warcio): every HTML response record becomes a Source named ``file#record-offset``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsgraph.config import Config
from newsgraph.document import Source
from newsgraph.errors import InputError


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
                if "html" not in ctype.lower():
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                name = f"{path}#{url}"
                data = record.content_stream().read(config.max_bytes + 1)
                if len(data) > config.max_bytes:
                    yield InputError(name, "record is over the size limit")
                    continue
                charset = None
                if "charset=" in ctype.lower():
                    charset = ctype.lower().split("charset=")[-1].split(";")[0].strip()
                try:
                    yield source_from_bytes(name, data, "html", url=url, header_charset=charset)
                except InputError as e:
                    yield e
        except ArchiveLoadFailed as e:
            yield InputError(str(path), f"not a readable WARC archive ({e})")
        except Exception as e:  # warcio on a damaged archive: AttributeError, ValueError, EOFError, zlib.error, ...
            yield InputError(str(path), f"damaged WARC archive, reading stopped ({type(e).__name__}: {e})")
