"""A write-through cache of the story state in the store (:class:`~newsgraph.store.stories_sql.SqlStoryState`),
valid across processes and writers.

Placing an article reads the store's story tables a dozen times (its band neighbours, the candidates' rows, the
earliest member of its story, the story's summary row, ...), most of them rows this very process wrote or read a
moment before. The cache keeps those answers, each **complete for its key** (a band's every article, a content
key's every article, a story's earliest member, an entity's count, an article's row or the knowledge that it is
not placed), and every write of the state goes to the store and to the cache alike, so a cached answer is the
one the store would give.

**Other writers.** The cache is valid only while nothing else wrote the story tables since this state object's
own last write. Every placement starts with :meth:`StateCache.check` (the clusterer calls the state's
``begin``): it reads the token in ``story_version`` (one row, SQLite migration 8 / PostgreSQL 7) and writes a
fresh random one. When the token read is not the one this object wrote last, another writer placed articles
(another process, another state object on the same connection, a ``rebuild``), or this object's last write was
rolled back (the token went back with it): the whole cache is dropped and filled again from the store as it is
read. A new process has written no token yet, so it starts empty. Under PostgreSQL the token is read ``FOR
UPDATE``: concurrent writers' placements wait for each other at that row (their articles are still written
concurrently), so no placement reads a state another writer is changing under it. The check must run inside
the placement's transaction, as ingest does (``batch.ingest`` places each article in its own transaction, or
one per analysed batch in SQLite).

Bounded: each kind of entry is a least-recently-used map (:data:`SIZES`), and a band shared by more than
``BAND_ROWS`` articles (template text) is not kept (the store's range scans answer it).
"""

from __future__ import annotations

import uuid
from collections import OrderedDict

#: entries kept per kind (members: article rows; bands: LSH band keys; content: content keys; first: stories'
#: earliest members; df: entity counters; summary: story summary rows)
SIZES = {"members": 4_000, "bands": 64_000, "content": 4_000, "first": 4_000, "df": 20_000, "summary": 4_000}


class Lru(OrderedDict):
    """A map that forgets its least recently used entries beyond ``size``."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def get(self, key, default=None):
        if key in self:
            self.move_to_end(key)
            return self[key]
        return default

    def put(self, key, value) -> None:
        self[key] = value
        self.move_to_end(key)
        if len(self) > self.size:
            self.popitem(last=False)


class StateCache:
    """The cached answers (see the module docstring). ``members``: article id -> ``(story, copy_of, similarity,
    day, content_key, shingles)`` or None (not placed); ``bands``: band -> {article id: day}; ``content``:
    content key -> {article id: day}; ``first``: story id -> ``(earliest dated (day, id) or None, least undated
    id or None)``; ``df``: entity id -> count (``''``: placed articles); ``summary``: story id -> its row."""

    def __init__(self, sizes: dict[str, int] | None = None):
        self.sizes = dict(SIZES, **(sizes or {}))
        self.token: str | None = None  # the token this object wrote last
        self.clears = 0  # times the cache was dropped because another writer (or a rollback) changed the state
        self.clear()

    def clear(self) -> None:
        for kind, size in self.sizes.items():
            setattr(self, kind, Lru(size))

    def check(self, sql) -> bool:
        """At the start of a placement: drop everything when the story state changed since this object's last
        write (another writer, or a rollback), then mark the state as written by this object. True when the
        cache was kept."""
        lock = " FOR UPDATE" if sql.pyformat else ""
        token = sql.value(f"SELECT token FROM story_version{lock}")
        kept = token is not None and token == self.token
        if not kept:
            self.clear()
            self.clears += self.token is not None
        self.token = uuid.uuid4().hex
        sql.run("UPDATE story_version SET token = ?", (self.token,))
        return kept

    # ------------------------------------------------------------------ write-through
    def put(self, article_id: str, row: tuple, bands: list[str], entities: list[str], band_rows: int) -> None:
        """A placed article (``row`` as :attr:`members` holds it)."""
        story, day, content = row[0], row[3], row[4]
        self.members.put(article_id, row)
        for b in bands:
            found = self.bands.get(b)
            if found is not None:
                found[article_id] = day
                if len(found) > band_rows:
                    del self.bands[b]
        found = self.content.get(content)
        if found is not None:
            found[article_id] = day
        first = self.first.get(story)
        if first is not None:
            self.first[story] = earlier(first, article_id, day)
        for e in ["", *entities]:
            if e in self.df:
                self.df[e] += 1

    def remove(self, article_id: str) -> None:
        """An article taken out of the state (an update): its rows go, its copies lose their original."""
        self.members.pop(article_id, None)
        for key, row in list(self.members.items()):
            if row is not None and row[1] == article_id:
                self.members[key] = (row[0], None, *row[2:])
        for kind in (self.bands, self.content):
            for found in kind.values():
                found.pop(article_id, None)
        self.first.clear()  # (rare: the earliest member may be the one removed)
        self.df.clear()

    def set_copy_of(self, article_id: str, original: str | None) -> None:
        row = self.members.get(article_id)
        if row is not None:
            self.members[article_id] = (row[0], original, *row[2:])

    def rename(self, old: str, new: str) -> None:
        for key, row in list(self.members.items()):
            if row is not None and row[0] == old:
                self.members[key] = (new, *row[1:])
        a, b = self.first.pop(old, None), self.first.pop(new, None)
        if a is not None and b is not None:
            self.first[new] = combine(a, b)
        self.summary.pop(old, None)
        self.summary.pop(new, None)


def earlier(first: tuple, article_id: str, day: float | None) -> tuple:
    """A story's ``(earliest dated (day, id), least undated id)`` with one more member."""
    dated, undated = first
    if day is not None:
        return (min(dated, (day, article_id)) if dated else (day, article_id)), undated
    return dated, (min(undated, article_id) if undated else article_id)


def combine(a: tuple, b: tuple) -> tuple:
    """The ``first`` entry of two stories merged."""
    dated = min((x for x in (a[0], b[0]) if x), default=None)
    undated = min((x for x in (a[1], b[1]) if x), default=None)
    return dated, undated
