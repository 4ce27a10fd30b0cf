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
from datetime import UTC, datetime
from pathlib import Path

from newsgraph.document import Document
from newsgraph.errors import StoreError
from newsgraph.identity import input_key
from newsgraph.intervals import interval
from newsgraph.store.base import Hit, IngestOutcome
from newsgraph.store.migrations import LATEST, MIGRATIONS, statements
from newsgraph.store.stories_sql import StoriesMixin

_QUERY_TOKEN = re.compile(r'"([^"]+)"|(\S+)')


def fts_query(text: str) -> str:
    """A user's query -> a safe FTS5 expression: words and "quoted phrases", all required unless joined by
    ``OR`` (or excluded by ``NOT``); ``word*`` is a prefix search. Nothing the user types can be FTS5 syntax (no injection, no syntax errors)."""
    parts = []
    for phrase, word in _QUERY_TOKEN.findall(text):
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


def actor_filter(actor: str, table: str = "e") -> tuple[str, list]:
    """The one meaning of "events of this actor" (``newsgraph events --actor`` and the web's ``/events?actor=``):
    the source or the target has this entity id, or an actor code starting with it (``RUS`` finds ``RUSGOV``;
    case-sensitive), or a name containing it as whole words, case-insensitively (``putin`` finds "Vladimir
    Putin", ``Pu`` finds nothing; hyphens count as spaces). Returns an SQL condition over ``table`` and its
    parameters."""
    words = " ".join(actor.replace("-", " ").split())
    pattern = "% " + re.sub(r"([\\%_])", r"\\\1", words) + " %"
    conds, params = [], []
    for side in ("source", "target"):
        conds += [f"{table}.{side}_entity = ?", f"substr({table}.{side}_code, 1, ?) = ?",
                  f"' ' || replace({table}.{side}_name, '-', ' ') || ' ' LIKE ? ESCAPE '\\'"]
        params += [actor, len(actor), actor, pattern]
    return "(" + " OR ".join(conds) + ")", params


def _evidence_text(text: str, evidence) -> str | None:
    """The supporting sentence of an event as text (the record keeps its offsets)."""
    if isinstance(evidence, dict):
        if isinstance(evidence.get("start"), int) and isinstance(evidence.get("end"), int):
            return text[evidence["start"]:evidence["end"]].strip() or None
        sentence = evidence.get("sentence")
        return sentence if isinstance(sentence, str) else None
    return evidence if isinstance(evidence, str) else None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteStore(StoriesMixin):
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
            else:
                self.conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA busy_timeout=10000")
            self.conn.row_factory = sqlite3.Row
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

    def seen_input(self, key: str, analysis_key: str) -> str | None:
        """The id of the article stored from an input with this ``input_key``, analysed under ``analysis_key``
        (same newsgraph, stages and configuration), if that article is still stored; else None."""
        row = self.conn.execute(
            "SELECT i.article_id FROM inputs i JOIN articles a ON a.id = i.article_id"
            " WHERE i.input_key = ? AND i.analysis_key = ?", (key, analysis_key)).fetchone()
        return row[0] if row else None

    def put(self, doc: Document, refresh: bool = False, analysis_key: str | None = None) -> IngestOutcome:
        """Store one article (insert, update, or nothing when unchanged), atomically. ``refresh`` rewrites an
        unchanged article's analysis too (after new knowledge, a newer newsgraph, a migration);
        ``analysis_key`` (``Pipeline.analysis_key``) records the input as analysed, for ``seen_input``."""
        with self.transaction():
            outcome = self._put(doc, refresh)
            if analysis_key:
                self.conn.execute(
                    "INSERT INTO inputs (input_key, article_id, analysis_key, input, seen_at) VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT(input_key) DO UPDATE SET article_id = excluded.article_id,"
                    " analysis_key = excluded.analysis_key, input = excluded.input, seen_at = excluded.seen_at",
                    (input_key(doc.source), doc.id, analysis_key, doc.source.input, _now()))
        return outcome

    def _put(self, doc: Document, refresh: bool) -> IngestOutcome:
        version = doc.version_hash
        row = self.conn.execute("SELECT version_hash FROM articles WHERE id = ?", (doc.id,)).fetchone()
        if row is not None and row["version_hash"] == version and not refresh:
            self._clear_failure(doc.source.input)
            return "unchanged"
        now = _now()
        values = {
            "id": doc.id,
            "url": doc.url or doc.source.url,
            "input": doc.source.input,
            "title": doc.title,
            "text": doc.text,
            "site": doc.site,
            "language": doc.language.code if doc.language else None,
            "published": doc.published.value if doc.published else None,
            "published_source": doc.published.source if doc.published else None,
            "version_hash": version,
            "record": json.dumps(doc.to_dict(include_raw=False), ensure_ascii=False),
            "now": now,
        }
        if row is None:
            self.conn.execute(
                "INSERT INTO articles (id, url, input, title, text, site, language, published, published_source,"
                " version_hash, record, first_seen, updated_at) VALUES (:id, :url, :input, :title, :text, :site,"
                " :language, :published, :published_source, :version_hash, :record, :now, :now)",
                values,
            )
        else:
            self.conn.execute(
                "UPDATE articles SET url=:url, input=:input, title=:title, text=:text, site=:site,"
                " language=:language, published=:published, published_source=:published_source,"
                " version_hash=:version_hash, record=:record, updated_at=:now WHERE id=:id",
                values,
            )
        self._put_enrichment(doc, now)
        self._clear_failure(doc.source.input)
        return "stored" if row is None else "updated"

    def _put_enrichment(self, doc: Document, now: str) -> None:
        """Entities (merged across articles), mentions, quotes and events of one article; replaces the
        article's previous rows so an updated article never keeps stale ones."""
        aid = doc.id
        published = doc.published.value if doc.published else None
        lang = doc.language.code if doc.language else None
        for table in ("mentions", "quotes", "events"):
            self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))
        for ent in doc.entities:
            aliases = [{"text": m["text"], "lang": lang} for m in ent.get("mentions", []) + ent.get("title_mentions", [])]
            aliases += [{"text": a, "lang": lang} for a in ent.get("aliases", [])]
            row = self.conn.execute("SELECT aliases FROM entities WHERE id = ?", (ent["id"],)).fetchone()
            known = json.loads(row["aliases"]) if row else []
            seen = {(a["text"], a.get("lang")) for a in known}
            merged = known + [a for a in aliases if (a["text"], a["lang"]) not in seen and not seen.add((a["text"], a["lang"]))]
            self.conn.execute(
                "INSERT INTO entities (id, name, type, code, aliases, first_seen) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET aliases = excluded.aliases, code = coalesce(entities.code, excluded.code)",
                (ent["id"], ent["name"], ent.get("type") or "MISC", ent.get("code"), json.dumps(merged, ensure_ascii=False), now),
            )
            self.conn.executemany(
                "INSERT INTO mentions (article_id, entity_id, text, start, end, sentence, label, language, published,"
                " field) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(aid, ent["id"], m["text"], m["start"], m["end"], m.get("sentence"), m.get("label"), lang, published,
                  field) for field in ("body", "title") for m in ent.get(f"{field}_mentions" if field == "title"
                                                                          else "mentions", [])],
            )
        for n, q in enumerate(doc.quotes):
            self.conn.execute(
                "INSERT INTO quotes (article_id, n, text, start, end, speaker, speaker_entity, verb, via, via_entity,"
                " sentence, published, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (aid, n, q["text"], q.get("start"), q.get("end"), q.get("speaker"), q.get("speaker_id"), q.get("verb"),
                 q.get("via"), q.get("via_id"), q.get("sentence"), published, json.dumps(q, ensure_ascii=False)),
            )
        for n, e in enumerate(doc.events):
            src, tgt = e.get("source") or {}, e.get("target") or {}
            evidence = e.get("evidence")
            days = interval(e.get("date")) or interval(published) or (None, None)
            self.conn.execute(
                "INSERT INTO events (article_id, n, source_name, source_entity, source_code, target_name, target_entity,"
                " target_code, plover, mode, cameo, date, negated, hypothetical, evidence, published, record,"
                " day_start, day_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (aid, n, src.get("name"), src.get("id"), src.get("code"), tgt.get("name"), tgt.get("id"), tgt.get("code"),
                 e.get("plover"), e.get("mode"), e.get("cameo"), e.get("date"), int(bool(e.get("negated"))),
                 int(bool(e.get("hypothetical"))),
                 _evidence_text(doc.text, evidence), published,
                 json.dumps(e, ensure_ascii=False), *days),
            )

    def _clear_failure(self, input: str) -> None:
        self.conn.execute("DELETE FROM failures WHERE input = ?", (input,))

    def put_failure(self, input: str, error: str) -> None:
        """Record that ``input`` failed (a re-run that succeeds clears it)."""
        with self.transaction():
            self.conn.execute(
                "INSERT INTO failures (input, error, at) VALUES (?, ?, ?) ON CONFLICT(input) DO UPDATE SET"
                " error=excluded.error, at=excluded.at, attempts=attempts+1",
                (input, error, _now()),
            )

    # ------------------------------------------------------------------ reads
    def find_entity(self, name_or_id: str) -> str | None:
        """An entity id from an id, a canonical name or any alias (case and diacritics ignored)."""
        row = self.conn.execute("SELECT id FROM entities WHERE id = ? OR name = ? COLLATE NOCASE LIMIT 1",
                                (name_or_id, name_or_id)).fetchone()
        if row:
            return row["id"]
        from newsgraph.normalize import fold

        key = fold(name_or_id)
        for row in self.conn.execute("SELECT id, name, aliases FROM entities WHERE aliases LIKE ? LIMIT 200",
                                     (f"%{name_or_id.split()[-1] if name_or_id.split() else name_or_id}%",)):
            if fold(row["name"]) == key or any(fold(a["text"]) == key for a in json.loads(row["aliases"])):
                return row["id"]
        # A name in another language than the stored articles ("Coreea de Nord" for English news): ask the
        # knowledge base (loaded only on this miss).
        from newsgraph.enrich.gazetteer import Gazetteer

        if self._gazetteer is None:
            self._gazetteer = Gazetteer.build()
        alias = self._gazetteer.lookup(name_or_id)
        if alias and self.conn.execute("SELECT 1 FROM entities WHERE id = ?", (alias.entity,)).fetchone():
            return alias.entity
        return None

    def entities(self, *, type=None, lang=None, limit=50, offset=0) -> list[dict]:
        """Entities with their mention and article counts, most mentioned first."""
        where, params = [], []
        if type:
            where.append("e.type = ?")
            params.append(type.upper())
        if lang:
            where.append("m.language = ?")
            params.append(lang)
        sql = ("SELECT e.id, e.name, e.type, e.code, count(*) AS mentions, count(DISTINCT m.article_id) AS articles"
               " FROM entities e JOIN mentions m ON m.entity_id = e.id" +
               (" WHERE " + " AND ".join(where) if where else "") +
               " GROUP BY e.id ORDER BY mentions DESC, e.name LIMIT ? OFFSET ?")
        return [dict(r) for r in self.conn.execute(sql, [*params, max(1, min(int(limit), 1000)), offset])]

    def search(self, query=None, *, lang=None, site=None, since=None, until=None, entity=None, limit=20,
               offset=0) -> list[Hit]:
        where, params = [], []
        if entity:
            entity_id = self.find_entity(entity)
            if entity_id is None:
                return []
            where.append("a.id IN (SELECT article_id FROM mentions WHERE entity_id = ?)")
            params.append(entity_id)
        for cond, value in (("a.language = ?", lang), ("a.site = ? COLLATE NOCASE", site),
                            ("a.published >= ?", since), ("substr(a.published, 1, 10) <= ?", until)):
            if value:
                where.append(cond)
                params.append(value)
        limit = max(1, min(int(limit), 1000))
        if query and (match := fts_query(query)):
            sql = (
                "SELECT a.id, a.title, a.site, a.language, a.published, a.url,"
                " snippet(articles_fts, 1, '[', ']', ' … ', 16) AS snippet, bm25(articles_fts, 5.0, 1.0) AS score"
                " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
                " WHERE articles_fts MATCH ?" + "".join(" AND " + w for w in where) +
                " ORDER BY score LIMIT ? OFFSET ?"
            )
            params = [match, *params, limit, offset]
        else:
            sql = (
                "SELECT a.id, a.title, a.site, a.language, a.published, a.url, substr(a.text, 1, 200) AS snippet,"
                " 0.0 AS score FROM articles a" + (" WHERE " + " AND ".join(where) if where else "") +
                " ORDER BY a.published DESC, a.rowid DESC LIMIT ? OFFSET ?"
            )
            params = [*params, limit, offset]
        return [Hit(**dict(r)) for r in self.conn.execute(sql, params)]

    def _records(self, sql: str, params: list, limit: int | None) -> list[dict]:
        """Stored JSON records of quotes/events, each with its article's id, date, title, URL and site (and an
        event's sentence). ``limit`` 1-1000, or None/0 for every row (an export)."""
        out = []
        for r in self.conn.execute(sql, [*params, max(1, min(int(limit), 1000)) if limit else -1]):
            rec = json.loads(r["record"])
            rec.update(article_id=r["article_id"], published=r["published"], title=r["title"], url=r["url"],
                       site=r["site"])
            if "sentence_text" in r.keys():
                rec["sentence_text"] = r["sentence_text"]
            out.append(rec)
        return out

    def quotes(self, *, speaker=None, since=None, limit=50) -> list[dict]:
        """Quotes, newest first; ``speaker`` matches the speaker's name, entity id or aliases, or the source
        they were reported through."""
        where, params = [], []
        if speaker:
            like = f"%{speaker}%"
            where.append("(q.speaker LIKE ? OR q.speaker_entity = ? OR q.via LIKE ? OR q.speaker_entity IN "
                         "(SELECT id FROM entities WHERE name LIKE ? OR aliases LIKE ?))")
            params += [like, speaker, like, like, like]
        if since:
            where.append("q.published >= ?")
            params.append(since)
        sql = ("SELECT q.article_id, q.record, q.published, a.title, a.url, a.site FROM quotes q"
               " JOIN articles a ON a.id = q.article_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY q.published DESC, q.article_id, q.n LIMIT ?")
        return self._records(sql, params, limit)

    def events(self, *, actor=None, type=None, since=None, limit=50) -> list[dict]:
        """Events, latest first; ``actor`` matches a source or target name, entity id or actor code prefix;
        ``type`` a PLOVER type or a CAMEO code prefix."""
        where, params = [], []
        if actor:
            sql, more = actor_filter(actor)
            where.append(sql)
            params += more
        if type:
            where.append("(e.plover = ? COLLATE NOCASE OR e.cameo LIKE ?)")
            params += [type, type + "%"]
        if since:
            where.append("e.day_end >= ?")  # the event's day interval reaches into the range
            params.append(since)
        sql = ("SELECT e.article_id, e.record, e.published, e.evidence AS sentence_text, a.title, a.url, a.site"
               " FROM events e JOIN articles a ON a.id = e.article_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY e.day_start DESC, e.day_end DESC, e.article_id, e.n LIMIT ?")
        return self._records(sql, params, limit)

    def get(self, id: str) -> Document | None:
        row = self.conn.execute("SELECT record FROM articles WHERE id = ?", (id,)).fetchone()
        if row is None:
            row = self.conn.execute("SELECT record FROM articles WHERE id LIKE ? || '%' LIMIT 2", (id,)).fetchall()
            if len(row) != 1:
                return None
            row = row[0]
        return Document.from_dict(json.loads(row["record"]))

    def stats(self) -> dict:
        q = self.conn.execute
        return {
            "database": self.path,
            "schema_version": self.schema_version,
            "articles": q("SELECT count(*) FROM articles").fetchone()[0],
            "entities": q("SELECT count(*) FROM entities").fetchone()[0],
            "mentions": q("SELECT count(*) FROM mentions").fetchone()[0],
            "quotes": q("SELECT count(*) FROM quotes").fetchone()[0],
            "events": q("SELECT count(*) FROM events").fetchone()[0],
            "failures": q("SELECT count(*) FROM failures").fetchone()[0],
            "languages": dict(q("SELECT coalesce(language, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC").fetchall()),
            "sites": dict(q("SELECT coalesce(site, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC LIMIT 20").fetchall()),
            "published": list(q("SELECT min(published), max(published) FROM articles").fetchone()),
        }

    def failures(self, limit: int = 100) -> list[dict]:
        rows = self.conn.execute("SELECT input, error, at, attempts FROM failures ORDER BY at DESC LIMIT ?", (limit,))
        return [dict(r) for r in rows]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
