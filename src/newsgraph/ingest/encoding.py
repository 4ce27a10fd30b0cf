"""Bytes -> str for HTML and text inputs: BOM, then the HTTP header, then <meta charset>, then UTF-8, then a
statistical guess (charset-normalizer). Returns the text and a note saying which evidence decided."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.I)


class UndecodableError(ValueError):
    pass


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control > len(head) * 0.05


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (ValueError, LookupError):  # a UnicodeDecodeError, or a charset name Python rejects ("utf-8\x00")
        return None


def decode(data: bytes, header_charset: str | None = None, html: bool = False) -> tuple[str, str]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _try(data, enc)
            if text is not None:
                return text, f"{enc} (bom)"
    if header_charset:
        text = _try(data, header_charset)
        if text is not None:
            return text, f"{header_charset.lower()} (http header)"
    if html:
        m = _META_CHARSET.search(data[:8192])
        if m:
            enc = m.group(1).decode("ascii", "ignore")
            text = _try(data, enc)
            if text is not None:
                return text, f"{enc.lower()} (meta)"
    text = _try(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    if looks_binary(data):
        raise UndecodableError("binary content, not text or HTML")
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise UndecodableError("undecodable bytes: no text encoding fits")
    text = _try(data, best.encoding)
    if text is None:
        text = data.decode(best.encoding, errors="replace")
    return text, f"{best.encoding} (statistical guess)"
