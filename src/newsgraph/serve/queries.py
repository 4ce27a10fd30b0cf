"""What every page and JSON answer reads, as plain dicts: a thin layer over the store's read queries
(:class:`newsgraph.store.reads.Reads`, the same for SQLite and PostgreSQL) that adds what only the web needs:
matched words as escaped HTML, paging, and a memo of whole-database aggregates.

Each worker thread gets its own read-only store (SQLite: ``mode=ro`` + ``PRAGMA query_only``; PostgreSQL: a
session with ``default_transaction_read_only``), so a bug here cannot write to the database. No SQL lives here.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass

from markupsafe import Markup, escape

from newsgraph.store import Store, open_store
from newsgraph.store.reads import CLOSE as _CLOSE
from newsgraph.store.reads import NETWORK_WINDOW  # noqa: F401  (NETWORK_WINDOW: re-exported)
from newsgraph.store.reads import OPEN as _OPEN


class QueryError(ValueError):
    """A request the database cannot answer as asked (e.g. a query the full-text index rejects): a 400, not a 500."""


@dataclass(frozen=True)
class Filters:
    q: str | None = None
    lang: str | None = None
    site: str | None = None
    since: str | None = None  # YYYY-MM-DD
    until: str | None = None
    entity: str | None = None


def marked(text: str | None) -> Markup:
    """Escape ``text``, then turn the match markers into <mark> elements (never the other way round)."""
    if not text:
        return Markup("")
    out = str(escape(text)).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")
    if out.count("<mark>") != out.count("</mark>"):  # a cut-off snippet: close what is open
        out += "</mark>" * (out.count("<mark>") - out.count("</mark>"))
    return Markup(out)


def plain(text: str | None) -> str | None:
    return text.replace(_OPEN, "").replace(_CLOSE, "") if text else text


class Queries:
    def __init__(self, location: str):
        self.location = str(location)
        self._local = threading.local()
        self._memo: dict = {}
        self._memo_stamp = None
        self._memo_lock = threading.Lock()

    @property
    def store(self) -> Store:
        """This thread's read-only store."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = open_store(self.location, readonly=True)
        return store

    # ------------------------------------------------------------------ memo of whole-database aggregates
    def memo(self, key: tuple, compute):
        """``compute()``, kept until the database changes (the store's change stamp: cheap enough to read on
        every request, and it sees writes from other processes)."""
        stamp = self.store.change_stamp()
        with self._memo_lock:
            if stamp != self._memo_stamp:
                self._memo, self._memo_stamp = {}, stamp
            if key in self._memo:
                return self._memo[key]
        value = compute()
        with self._memo_lock:
            if stamp == self._memo_stamp and len(self._memo) < 256:
                self._memo[key] = value
        return value

    # ------------------------------------------------------------------ articles
    def facets(self) -> dict:
        return self.memo(("facets",), self.store.facets)

    def search(self, f: Filters, limit: int, offset: int, added: bool = False) -> tuple[list[dict], bool]:
        """Hits (best first, or newest first without a query; last stored first with ``added``, as a feed
        wants them) and whether there is a next page."""
        try:
            rows, more = self.store.search_page(f.q, lang=f.lang, site=f.site, since=f.since, until=f.until,
                                                entity_id=f.entity, limit=limit, offset=offset,
                                                order="added" if added else "rank")
        except sqlite3.OperationalError as e:
            if "fts5" in str(e) or "syntax" in str(e):
                raise QueryError(f"cannot run this search: {e}") from None
            raise
        return [{"id": h["id"], "title": plain(h["title_marked"]), "site": h["site"], "language": h["language"],
                 "published": h["published"], "url": h["url"], "added": h["first_seen"], "updated": h["updated_at"],
                 "snippet": plain(h["snippet_marked"]), "title_html": marked(h["title_marked"]),
                 "snippet_html": marked(h["snippet_marked"])} for h in rows], more

    def timeline(self, f: Filters) -> list[dict]:
        """Articles per day matching a query and/or mentioning an entity (plus the entity's mentions)."""
        return self.store.timeline(f.q, lang=f.lang, site=f.site, since=f.since, until=f.until, entity_id=f.entity)

    def article(self, id: str) -> dict | None:
        return self.store.article(id)

    # ------------------------------------------------------------------ entities
    def entities(self, name: str | None, type: str | None, limit: int, offset: int) -> tuple[list[dict], bool]:
        """Entities, most mentioned first. The unfiltered ranking (home page, /entities) aggregates every
        mention, so it is memoised until the database changes."""
        if not name and not type:
            return self.memo(("entities", limit, offset), lambda: self.store.entity_page(None, None, limit, offset))
        return self.store.entity_page(name, type, limit, offset)

    def entity_types(self) -> list[str]:
        return self.store.entity_types()

    def entity_brief(self, id: str) -> dict | None:
        return self.store.entity_brief(id)

    def entity(self, id: str, limit: int = 50) -> dict | None:
        return self.store.entity(id, limit)

    # ------------------------------------------------------------------ events
    def events(self, actor, type, since, until, limit: int, offset: int) -> tuple[list[dict], bool]:
        return self.store.event_page(actor, type, since, until, limit, offset)

    def event_chart(self, actor, type, since, until) -> list[dict]:
        return self.store.event_chart(actor, type, since, until)

    def event_types(self) -> list[str]:
        return self.store.event_types()
