"""Article identity: which inputs are the same article, and which are two.

An article is known by its URL when one is known (the page's own ``<link rel=canonical>`` or ``og:url`` over the
URL it came from, normalised: scheme and host lower-cased, default port, fragment, trailing slash and tracking
parameters such as ``utm_*``/``fbclid``/``gclid`` removed, remaining parameters sorted — courlan, trafilatura's
URL library, does most of this). Without a URL it is known by its content: the folded title and body, so two
different articles can never share an identity (two dumps both titled "Horoscop zilnic" stay two), while the same
article read again from another path, or from a copy of the file, stays one.

A page's canonical URL is taken only where it can be trusted: a canonical that points at the site's home page
(a common template error that would fold every article of a site into one) or, when the page was fetched from a
known URL, at another site (a syndication partner's original, which the stories layer links as a copy instead)
is ignored.
"""

from __future__ import annotations

import hashlib
import json
from urllib.parse import urljoin, urlsplit, urlunsplit


def normalize_url(url: str | None) -> str | None:
    """A URL in the form used for identity, or None when it is not an absolute http(s) URL."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        return None
    try:
        import courlan

        cleaned = courlan.normalize_url(url, strict=False)
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if not parts.netloc:
        return None
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def hostname(url: str | None) -> str:
    """The URL's host name, lower-cased, without a leading ``www.``; "" for no URL or one ``urlsplit`` rejects
    (a scraped link such as ``https://st\udcf3[iri.example/a`` raises "Invalid IPv6 URL")."""
    if not url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _site_root(url: str) -> bool:
    return urlsplit(url).path in ("", "/")


def _host(url: str) -> str:
    host = urlsplit(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def article_url(source_url: str | None, canonical: str | None) -> str | None:
    """The URL that identifies an article: the page's canonical URL where trusted, else the source URL."""
    src = normalize_url(source_url)
    if canonical and source_url and not canonical.strip().lower().startswith(("http://", "https://")):
        canonical = urljoin(source_url.strip(), canonical.strip())  # a relative canonical link
    canon = normalize_url(canonical)
    if canon and not _site_root(canon) and (src is None or _host(canon) == _host(src)):
        return canon
    return src


def content_key(title: str | None, text: str) -> str:
    """What makes an article without a URL itself: its title and body, folded (case, diacritics, spacing)."""
    from newsgraph.normalize import fold

    return fold(title or "") + "\n" + fold(text)


def article_id(url: str | None, title: str | None, text: str) -> str:
    """16 hex digits: from the identifying URL when there is one, else from the content."""
    key = "url:" + url if url else "content:" + content_key(title, text)
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def input_key(source) -> str:
    """What was read, as a key (a :class:`~newsgraph.document.Source`): its format, URL, raw content and the
    metadata its container gave. The same key analysed the same way gives the same article, so a re-run can skip
    it before any analysis."""
    h = hashlib.sha256()
    for part in (source.format, source.url or "", source.content_hash,
                 json.dumps(source.hints, sort_keys=True, ensure_ascii=False, default=str)):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()
