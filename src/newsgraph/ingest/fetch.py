"""Fetch a URL the user asked for, politely: a timeout, a user agent naming newsgraph, a size limit, and a
bounded number of redirects. This is the only place newsgraph touches the network."""

from __future__ import annotations

import httpx

from newsgraph.config import Config
from newsgraph.document import Source
from newsgraph.errors import FetchError, InputError


def fetch(url: str, config: Config, client: httpx.Client | None = None) -> Source:
    own = client is None
    client = client or httpx.Client(
        timeout=config.fetch_timeout,
        follow_redirects=True,
        max_redirects=5,
        headers={"User-Agent": config.user_agent, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"},
    )
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchError(url, f"HTTP {response.status_code}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > config.max_bytes:
                raise FetchError(url, f"response is {int(declared) / 2**20:.1f} MiB, over the size limit")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > config.max_bytes:
                    raise FetchError(url, "response is over the size limit")
                chunks.append(chunk)
            ctype = response.headers.get("content-type", "")
            charset = response.charset_encoding
            final_url = str(response.url)
    except httpx.HTTPError as e:
        raise FetchError(url, f"fetch failed: {e.__class__.__name__}: {e}") from None
    finally:
        if own:
            client.close()
    from newsgraph.ingest.sources import source_from_bytes

    kind = "text" if ctype.startswith("text/plain") else "html"
    try:
        return source_from_bytes(url, b"".join(chunks), kind, url=final_url, header_charset=charset)
    except InputError as e:
        raise FetchError(url, e.problem) from None
