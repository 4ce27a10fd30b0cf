"""SQLite backend: one file, WAL mode, FTS5 full-text search that ignores diacritics.

Writes are atomic per article: ``put`` writes an article, its entities, mentions, quotes, events and the input
it came from in one transaction (a savepoint when the caller holds a transaction open with ``transaction()``),
rolled back whole on any failure, Ctrl-C included. The connection is in autocommit mode and transactions are
explicit (``BEGIN IMMEDIATE``), so nothing is held open between writes: readers and other writers are never
blocked by an analysis in progress. Re-ingesting an article is idempotent: same id and same version hash ->
"unchanged"; an input already analysed the same way is known before any analysis (``seen_input``)."""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsgraph.document import Document
from newsgraph.errors import StoreError
from newsgraph.store.base import IngestOutcome
from newsgraph.store.migrations import LATEST, MIGRATIONS, statements
from newsgraph.store.reads import CLOSE, OPEN, Match, Reads
from newsgraph.store.sql import (
    ARTICLE_COLUMNS,
    EVENT_INSERT,
    MENTION_INSERT,
    QUERY_TOKEN,
    QUOTE_INSERT,
    Sql,
    Writes,
    actor_filter,
    article_values,
    entity_aliases,
    event_rows,
    mention_rows,
    merge_aliases,
    quote_rows,
)
from newsgraph.store.sql import (
    now as _now,
)
from newsgraph.store.stories_sql import StoriesMixin

__all__ = ["SQLiteStore", "actor_filter", "fts_query"]


def fts_query(text: str) -> str:
    """A user's query -> a safe FTS5 expression: words and "quoted phrases", all required unless joined by
    ``OR`` (or excluded by ``NOT``); ``word*`` is a prefix search. Nothing the user types can be FTS5 syntax (no injection, no syntax errors)."""
    parts = []
    for phrase, word in QUERY_TOKEN.findall(text):
        if phrase:
            words = re.findall(r"\w+", phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
        elif word in ("OR", "NOT") and parts and parts[-1] not in ("OR", "NOT"):
            parts.append(word)  # the two operators users expect; everything else is a term
        else:
            prefix = word.endswith("*")
            for w in re.findall(r"\w+", word):
                parts.append(f'"{w}"' + ("*" if prefix else ""))
    while parts and parts[-1] in ("OR", "NOT"):
        parts.pop()
    return " ".join(parts)



class SQLiteStore(Writes, Reads, StoriesMixin):
    one_writer = True  # BEGIN IMMEDIATE: one writer at a time, so a batch of articles in one transaction is safe
    def __init__(self, path: str | Path, readonly: bool = False):
        self.path = str(path)
        self.readonly = readonly
        self._gazetteer = None  # built on the first cross-language entity lookup, then kept
        self._savepoints = itertools.count()
        try:
            if readonly:
                if not Path(self.path).exists():
                    raise StoreError(f"{self.path}: no such database")
                self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False,
                                            isolation_level=None)
                self.conn.execute("PRAGMA query_only = 1")
            else:
                self.conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA busy_timeout=10000")
            self.conn.row_factory = sqlite3.Row
            self.sql = Sql(self.conn, pyformat=False)
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: cannot open database ({e})") from None

    # ------------------------------------------------------------------ schema
    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > LATEST:
            raise StoreError(f"{self.path}: schema version {version} is newer than this newsgraph ({LATEST})")
        if version == LATEST:
            return
        if self.readonly:
            raise StoreError(f"{self.path}: schema version {version} needs migrating; open it writable once")
        for number in range(version, LATEST):
            step = MIGRATIONS[number]
            with self.transaction():
                if callable(step):
                    step(self.conn)
                else:
                    for statement in statements(step):
                        self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version={number + 1}")

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    # ------------------------------------------------------------------ writes
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of writes: a transaction (``BEGIN IMMEDIATE``: the write lock is taken up front, so
        a busy database waits here rather than failing half-way), or a savepoint inside an open one. Committed
        when the block ends, rolled back on any exception (KeyboardInterrupt included)."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        if self.conn.in_transaction:
            name = f"sp{next(self._savepoints)}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield
            except BaseException:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
                raise
            self.conn.execute(f"RELEASE {name}")
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _put(self, doc: Document, refresh: bool) -> IngestOutcome:
        values = article_values(doc)
        row = self.conn.execute("SELECT version_hash FROM articles WHERE id = ?", (doc.id,)).fetchone()
        if row is not None and row["version_hash"] == values["version_hash"] and not refresh:
            self._clear_failure(doc.source.input)
            return "unchanged"
        values["now"] = now = _now()
        if row is None:
            self.conn.execute(
                f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}, first_seen, updated_at) VALUES"
                f" ({', '.join(':' + c for c in ARTICLE_COLUMNS)}, :now, :now)", values)
        else:
            self.conn.execute(
                f"UPDATE articles SET {', '.join(f'{c}=:{c}' for c in ARTICLE_COLUMNS[1:])}, updated_at=:now"
                " WHERE id=:id", values)
        self._put_enrichment(doc, now)
        self._clear_failure(doc.source.input)
        return "stored" if row is None else "updated"

    def _put_enrichment(self, doc: Document, now: str) -> None:
        """Entities (merged across articles), mentions, quotes and events of one article; replaces the
        article's previous rows so an updated article never keeps stale ones."""
        lang = doc.language.code if doc.language else None
        for table in ("mentions", "quotes", "events"):
            self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (doc.id,))
        for ent in doc.entities:
            row = self.conn.execute("SELECT aliases FROM entities WHERE id = ?", (ent["id"],)).fetchone()
            merged = merge_aliases(json.loads(row["aliases"]) if row else [], entity_aliases(ent, lang))
            self.conn.execute(
                "INSERT INTO entities (id, name, type, code, aliases, first_seen) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET aliases = excluded.aliases, code = coalesce(entities.code, excluded.code)",
                (ent["id"], ent["name"], ent.get("type") or "MISC", ent.get("code"), json.dumps(merged, ensure_ascii=False), now),
            )
            self.sql.many(MENTION_INSERT, mention_rows(doc, ent))
        self.sql.many(QUOTE_INSERT, quote_rows(doc))
        self.sql.many(EVENT_INSERT, event_rows(doc))

    # ------------------------------------------------------------------ reads (the queries are in Reads)
    def _ci_equal(self, column: str) -> str:
        return f"{column} = ? COLLATE NOCASE"

    def _fts(self, query: str) -> Match | None:
        match = fts_query(query)
        if not match:
            return None
        return Match(source="articles_fts JOIN articles a ON a.rowid = articles_fts.rowid",
                     cond="articles_fts MATCH ?", params=(match,), score="bm25(articles_fts, 5.0, 1.0)")

    def _marked(self, match: Match, rowids: list[int], words: int) -> dict[int, dict]:
        rows = self.sql.rows(
            f"SELECT articles_fts.rowid AS rowid, highlight(articles_fts, 0, '{OPEN}', '{CLOSE}') AS title_marked,"
            f" snippet(articles_fts, 1, '{OPEN}', '{CLOSE}', ' … ', {int(words)}) AS snippet_marked FROM articles_fts"
            f" WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({','.join('?' * len(rowids))})",
            [*match.params, *rowids])
        return {r.pop("rowid"): r for r in rows}

    def change_stamp(self) -> tuple:
        """Changes whenever the database changes (a commit touches the file or its WAL), even from another
        process: two stat calls."""
        out = []
        for suffix in ("", "-wal"):
            try:
                st = Path(self.path + suffix).stat()
                out += [st.st_mtime_ns, st.st_size]
            except FileNotFoundError:
                out += [0, 0]
        return tuple(out)
