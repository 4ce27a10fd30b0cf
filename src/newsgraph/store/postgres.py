"""PostgreSQL backend (``--db postgresql://user@host:port/db``): the SQLite store's interface for a shared server.

Install with ``pip install 'newsgraph[postgres]'`` (psycopg 3). The schema mirrors the SQLite one (same
tables and columns; ``newsgraph_schema`` holds the version, migrations run under an advisory lock so several
writers may start at once). Full-text search ignores diacritics and case like the SQLite store: a stored,
generated ``tsvector`` over ``unaccent`` of the title (weight A) and text (weight B) with the ``simple``
configuration (no stemming, as FTS5's ``unicode61``), a GIN index, and the same query language (words all
required, "phrases", ``OR``, ``NOT``, ``word*``). Ranking is PostgreSQL's ``ts_rank`` (title weighted),
not FTS5's BM25, so the order of hits can differ from SQLite's where many articles match.

Writes: one transaction per article (a savepoint inside ``transaction()``), upserts keyed on the article id, the
input key and the entity id, so an ingest is idempotent and several processes (Dask workers) may write at once:
the same article written twice is stored once, and the second writer sees it "unchanged". Entity rows are locked
in id order inside an article's transaction, so concurrent writers cannot deadlock on them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from newsgraph.document import Document
from newsgraph.errors import StoreError
from newsgraph.identity import input_key
from newsgraph.intervals import interval
from newsgraph.store.base import Hit, IngestOutcome
from newsgraph.store.sqlite import _QUERY_TOKEN, _evidence_text

#: advisory lock key serialising schema migrations between processes
_MIGRATION_LOCK = 0x6E657773  # "news"

#: Migrations, in order (mirroring the SQLite ones; a list of SQL scripts run in one transaction each).
PG_MIGRATIONS: list[str] = [
    # 1: articles with a diacritics-insensitive full-text index, failures
    """
    CREATE EXTENSION IF NOT EXISTS unaccent;
    CREATE OR REPLACE FUNCTION newsgraph_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT public.unaccent('public.unaccent', $1) $$;
    CREATE TABLE articles (
        rowid BIGSERIAL UNIQUE,
        id TEXT PRIMARY KEY,
        url TEXT,
        input TEXT,
        title TEXT,
        text TEXT NOT NULL,
        site TEXT,
        language TEXT,
        published TEXT,
        published_source TEXT,
        version_hash TEXT NOT NULL,
        record TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        tsv tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', newsgraph_unaccent(coalesce(title, ''))), 'A') ||
            setweight(to_tsvector('simple', newsgraph_unaccent(text)), 'B')) STORED
    );
    CREATE INDEX articles_tsv ON articles USING gin(tsv);
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_site ON articles(lower(site));
    CREATE INDEX articles_language ON articles(language);
    CREATE TABLE failures (
        input TEXT PRIMARY KEY,
        error TEXT NOT NULL,
        at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 1
    );
    """,
    # 2: canonical entities and their mentions (body and title), quotes, events
    """
    CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        code TEXT,
        aliases TEXT NOT NULL DEFAULT '[]',
        first_seen TEXT NOT NULL
    );
    CREATE INDEX entities_type ON entities(type);
    CREATE INDEX entities_name ON entities(lower(name));
    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL REFERENCES entities(id),
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        sentence INTEGER,
        label TEXT,
        language TEXT,
        published TEXT,
        field TEXT NOT NULL DEFAULT 'body'
    );
    CREATE INDEX mentions_entity ON mentions(entity_id, published);
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE TABLE quotes (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        text TEXT NOT NULL,
        start INTEGER,
        "end" INTEGER,
        speaker TEXT,
        speaker_entity TEXT,
        verb TEXT,
        via TEXT,
        via_entity TEXT,
        sentence INTEGER,
        published TEXT,
        record TEXT NOT NULL,
        PRIMARY KEY (article_id, n)
    );
    CREATE INDEX quotes_speaker ON quotes(speaker_entity);
    CREATE TABLE events (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        source_name TEXT,
        source_entity TEXT,
        source_code TEXT,
        target_name TEXT,
        target_entity TEXT,
        target_code TEXT,
        plover TEXT,
        mode TEXT,
        cameo TEXT,
        date TEXT,
        negated INTEGER NOT NULL DEFAULT 0,
        hypothetical INTEGER NOT NULL DEFAULT 0,
        evidence TEXT,
        published TEXT,
        record TEXT NOT NULL,
        day_start TEXT,
        day_end TEXT,
        PRIMARY KEY (article_id, n)
    );
    CREATE INDEX events_source ON events(source_entity);
    CREATE INDEX events_target ON events(target_entity);
    CREATE INDEX events_type ON events(plover, date);
    CREATE INDEX events_days ON events(day_start, day_end);
    """,
    # 3: the inputs already analysed (skip an unchanged input before any analysis), as SQLite's migration 4
    """
    CREATE TABLE inputs (
        input_key TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        analysis_key TEXT NOT NULL,
        input TEXT,
        seen_at TEXT NOT NULL
    );
    CREATE INDEX inputs_article ON inputs(article_id);
    """,
]
PG_LATEST = len(PG_MIGRATIONS)


def ts_query(text: str) -> tuple[str, list]:
    """A user's query -> an SQL ``tsquery`` expression and its parameters, with the meaning of the SQLite store's
    ``fts_query``: words and "quoted phrases" all required unless joined by ``OR`` (or excluded by ``NOT``),
    ``word*`` a prefix. Each word or phrase goes through ``phraseto_tsquery`` (PostgreSQL's own parser, as the
    articles were indexed, so "2.500" or "e-mail" match as written), diacritics removed; nothing the user types
    is tsquery syntax. ``("", [])`` when the query has no words."""
    terms: list[tuple[str, str] | str] = []  # ("sql", param) or an operator
    for phrase, word in _QUERY_TOKEN.findall(text):
        if phrase:
            if re.search(r"\w", phrase):
                terms.append(("phraseto_tsquery('simple', newsgraph_unaccent(%s))", phrase))
        elif word in ("OR", "NOT") and terms and terms[-1] not in ("OR", "NOT"):
            terms.append(word)
        elif word.endswith("*"):
            parts = re.findall(r"\w+", word)
            if parts:
                lexemes = " <-> ".join(f"'{w}'" for w in parts[:-1]) + (" <-> " if parts[:-1] else "")
                terms.append(("to_tsquery('simple', newsgraph_unaccent(%s))", lexemes + f"'{parts[-1]}':*"))
        elif re.search(r"\w", word):
            terms.append(("phraseto_tsquery('simple', newsgraph_unaccent(%s))", word))
    while terms and terms[-1] in ("OR", "NOT"):
        terms.pop()
    groups: list[list[str]] = [[]]
    params: list[str] = []
    negate = False
    for t in terms:
        if t == "OR":
            groups.append([])
        elif t == "NOT":
            negate = True
        else:
            groups[-1].append(f"(!! {t[0]})" if negate else t[0])
            params.append(t[1])
            negate = False
    sql = " || ".join("(" + " && ".join(g) + ")" for g in groups if g)
    return sql, params


def actor_filter(actor: str, table: str = "e") -> tuple[str, list]:
    """The SQLite store's ``actor_filter`` (one meaning of "events of this actor") in PostgreSQL's dialect."""
    words = " ".join(actor.replace("-", " ").split())
    pattern = "% " + re.sub(r"([\\%_])", r"\\\1", words) + " %"
    conds, params = [], []
    for side in ("source", "target"):
        conds += [f"{table}.{side}_entity = %s", f"substr({table}.{side}_code, 1, %s) = %s",
                  f"' ' || replace({table}.{side}_name, '-', ' ') || ' ' ILIKE %s ESCAPE '\\'"]
        params += [actor, len(actor), actor, pattern]
    return "(" + " OR ".join(conds) + ")", params


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _connect(url: str):
    try:
        import psycopg
        from psycopg.rows import dict_row
    except ImportError:
        raise StoreError("the PostgreSQL backend needs psycopg: pip install 'newsgraph[postgres]'") from None
    try:
        return psycopg.connect(url, autocommit=True, row_factory=dict_row)
    except psycopg.Error as e:
        raise StoreError(f"{_safe(url)}: cannot connect ({str(e).strip().splitlines()[0]})") from None


def _safe(url: str) -> str:
    """The URL without its password (for messages)."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


class PostgresStore:
    def __init__(self, url: str, readonly: bool = False):
        self.path = _safe(url)
        self.readonly = readonly
        self._gazetteer = None
        self.conn = _connect(url)
        self._migrate()

    # ------------------------------------------------------------------ schema
    def _migrate(self) -> None:
        with self.conn.transaction():
            if self.readonly:
                version = self._version()
            else:
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                self.conn.execute("CREATE TABLE IF NOT EXISTS newsgraph_schema (version INTEGER NOT NULL)")
                if self.conn.execute("SELECT count(*) AS n FROM newsgraph_schema").fetchone()["n"] == 0:
                    self.conn.execute("INSERT INTO newsgraph_schema VALUES (0)")
                version = self._version()
            if version > PG_LATEST:
                raise StoreError(f"{self.path}: schema version {version} is newer than this newsgraph ({PG_LATEST})")
            if version < PG_LATEST and self.readonly:
                raise StoreError(f"{self.path}: schema version {version} needs migrating; open it writable once")
            for number in range(version, PG_LATEST):
                self.conn.execute(PG_MIGRATIONS[number])
                self.conn.execute("UPDATE newsgraph_schema SET version = %s", (number + 1,))

    def _version(self) -> int:
        exists = self.conn.execute("SELECT to_regclass('newsgraph_schema') AS t").fetchone()["t"]
        if exists is None:
            return 0
        row = self.conn.execute("SELECT version FROM newsgraph_schema").fetchone()
        return row["version"] if row else 0

    @property
    def schema_version(self) -> int:
        return self._version()

    # ------------------------------------------------------------------ writes
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of writes (a savepoint inside an open one); rolled back on any exception."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        with self.conn.transaction():
            yield

    def seen_input(self, key: str, analysis_key: str) -> str | None:
        row = self.conn.execute(
            "SELECT i.article_id FROM inputs i JOIN articles a ON a.id = i.article_id"
            " WHERE i.input_key = %s AND i.analysis_key = %s", (key, analysis_key)).fetchone()
        return row["article_id"] if row else None

    def put(self, doc: Document, refresh: bool = False, analysis_key: str | None = None) -> IngestOutcome:
        """Store one article (insert, update, or nothing when unchanged), atomically; safe with concurrent
        writers (the article row is locked by the upsert until the article's transaction ends)."""
        with self.transaction():
            outcome = self._put(doc, refresh)
            if analysis_key:
                self.conn.execute(
                    "INSERT INTO inputs (input_key, article_id, analysis_key, input, seen_at)"
                    " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (input_key) DO UPDATE SET"
                    " article_id = excluded.article_id, analysis_key = excluded.analysis_key,"
                    " input = excluded.input, seen_at = excluded.seen_at",
                    (input_key(doc.source), doc.id, analysis_key, doc.source.input, _now()))
        return outcome

    def _put(self, doc: Document, refresh: bool) -> IngestOutcome:
        version, now = doc.version_hash, _now()
        values = {
            "id": doc.id, "url": doc.url or doc.source.url, "input": doc.source.input, "title": doc.title,
            "text": doc.text, "site": doc.site, "language": doc.language.code if doc.language else None,
            "published": doc.published.value if doc.published else None,
            "published_source": doc.published.source if doc.published else None,
            "version_hash": version, "record": json.dumps(doc.to_dict(include_raw=False), ensure_ascii=False),
            "now": now, "refresh": refresh,
        }
        # Insert, or update when the text changed (or on refresh); no row back means unchanged. xmax = 0 tells
        # an inserted row from an updated one.
        row = self.conn.execute(
            "INSERT INTO articles (id, url, input, title, text, site, language, published, published_source,"
            " version_hash, record, first_seen, updated_at) VALUES (%(id)s, %(url)s, %(input)s, %(title)s,"
            " %(text)s, %(site)s, %(language)s, %(published)s, %(published_source)s, %(version_hash)s, %(record)s,"
            " %(now)s, %(now)s) ON CONFLICT (id) DO UPDATE SET url = excluded.url, input = excluded.input,"
            " title = excluded.title, text = excluded.text, site = excluded.site, language = excluded.language,"
            " published = excluded.published, published_source = excluded.published_source,"
            " version_hash = excluded.version_hash, record = excluded.record, updated_at = excluded.updated_at"
            " WHERE articles.version_hash <> excluded.version_hash OR %(refresh)s"
            " RETURNING (xmax = 0) AS inserted", values).fetchone()
        if row is None:
            self._clear_failure(doc.source.input)
            return "unchanged"
        self._put_enrichment(doc, now)
        self._clear_failure(doc.source.input)
        return "stored" if row["inserted"] else "updated"

    def _put_enrichment(self, doc: Document, now: str) -> None:
        aid = doc.id
        published = doc.published.value if doc.published else None
        lang = doc.language.code if doc.language else None
        for table in ("mentions", "quotes", "events"):
            self.conn.execute(f"DELETE FROM {table} WHERE article_id = %s", (aid,))
        with self.conn.cursor() as cur:
            for ent in sorted(doc.entities, key=lambda e: e["id"]):  # one lock order for every writer
                aliases = [{"text": m["text"], "lang": lang}
                           for m in ent.get("mentions", []) + ent.get("title_mentions", [])]
                aliases += [{"text": a, "lang": lang} for a in ent.get("aliases", [])]
                cur.execute("INSERT INTO entities (id, name, type, code, aliases, first_seen)"
                            " VALUES (%s, %s, %s, %s, '[]', %s) ON CONFLICT (id) DO NOTHING",
                            (ent["id"], ent["name"], ent.get("type") or "MISC", ent.get("code"), now))
                known = json.loads(cur.execute("SELECT aliases FROM entities WHERE id = %s FOR UPDATE",
                                               (ent["id"],)).fetchone()["aliases"])
                seen = {(a["text"], a.get("lang")) for a in known}
                merged = known + [a for a in aliases
                                  if (a["text"], a["lang"]) not in seen and not seen.add((a["text"], a["lang"]))]
                cur.execute("UPDATE entities SET aliases = %s, code = coalesce(code, %s) WHERE id = %s",
                            (json.dumps(merged, ensure_ascii=False), ent.get("code"), ent["id"]))
                rows = [(aid, ent["id"], m["text"], m["start"], m["end"], m.get("sentence"), m.get("label"), lang,
                         published, field)
                        for field in ("body", "title")
                        for m in ent.get("title_mentions" if field == "title" else "mentions", [])]
                if rows:
                    cur.executemany(
                        'INSERT INTO mentions (article_id, entity_id, text, start, "end", sentence, label, language,'
                        " published, field) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", rows)
            if doc.quotes:
                cur.executemany(
                    'INSERT INTO quotes (article_id, n, text, start, "end", speaker, speaker_entity, verb, via,'
                    " via_entity, sentence, published, record) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
                    " %s, %s)",
                    [(aid, n, q["text"], q.get("start"), q.get("end"), q.get("speaker"), q.get("speaker_id"),
                      q.get("verb"), q.get("via"), q.get("via_id"), q.get("sentence"), published,
                      json.dumps(q, ensure_ascii=False)) for n, q in enumerate(doc.quotes)])
            rows = []
            for n, e in enumerate(doc.events):
                src, tgt = e.get("source") or {}, e.get("target") or {}
                days = interval(e.get("date")) or interval(published) or (None, None)
                rows.append((aid, n, src.get("name"), src.get("id"), src.get("code"), tgt.get("name"), tgt.get("id"),
                             tgt.get("code"), e.get("plover"), e.get("mode"), e.get("cameo"), e.get("date"),
                             int(bool(e.get("negated"))), int(bool(e.get("hypothetical"))),
                             _evidence_text(doc.text, e.get("evidence")), published,
                             json.dumps(e, ensure_ascii=False), *days))
            if rows:
                cur.executemany(
                    "INSERT INTO events (article_id, n, source_name, source_entity, source_code, target_name,"
                    " target_entity, target_code, plover, mode, cameo, date, negated, hypothetical, evidence,"
                    " published, record, day_start, day_end) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
                    " %s, %s, %s, %s, %s, %s, %s, %s)", rows)

    def _clear_failure(self, input: str) -> None:
        self.conn.execute("DELETE FROM failures WHERE input = %s", (input,))

    def put_failure(self, input: str, error: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO failures (input, error, at) VALUES (%s, %s, %s) ON CONFLICT (input) DO UPDATE SET"
                " error = excluded.error, at = excluded.at, attempts = failures.attempts + 1",
                (input, error, _now()))

    # ------------------------------------------------------------------ reads
    def find_entity(self, name_or_id: str) -> str | None:
        row = self.conn.execute("SELECT id FROM entities WHERE id = %s OR lower(name) = lower(%s) LIMIT 1",
                                (name_or_id, name_or_id)).fetchone()
        if row:
            return row["id"]
        from newsgraph.normalize import fold

        key = fold(name_or_id)
        last = name_or_id.split()[-1] if name_or_id.split() else name_or_id
        for row in self.conn.execute("SELECT id, name, aliases FROM entities WHERE aliases ILIKE %s LIMIT 200",
                                     (f"%{last}%",)):
            if fold(row["name"]) == key or any(fold(a["text"]) == key for a in json.loads(row["aliases"])):
                return row["id"]
        from newsgraph.enrich.gazetteer import Gazetteer

        if self._gazetteer is None:
            self._gazetteer = Gazetteer.build()
        alias = self._gazetteer.lookup(name_or_id)
        if alias and self.conn.execute("SELECT 1 FROM entities WHERE id = %s", (alias.entity,)).fetchone():
            return alias.entity
        return None

    def entities(self, *, type=None, lang=None, limit=50, offset=0) -> list[dict]:
        where, params = [], []
        if type:
            where.append("e.type = %s")
            params.append(type.upper())
        if lang:
            where.append("m.language = %s")
            params.append(lang)
        sql = ("SELECT e.id, e.name, e.type, e.code, count(*) AS mentions, count(DISTINCT m.article_id) AS articles"
               " FROM entities e JOIN mentions m ON m.entity_id = e.id" +
               (" WHERE " + " AND ".join(where) if where else "") +
               " GROUP BY e.id ORDER BY mentions DESC, e.name LIMIT %s OFFSET %s")
        return [dict(r) for r in self.conn.execute(sql, [*params, max(1, min(int(limit), 1000)), int(offset)])]

    def search(self, query=None, *, lang=None, site=None, since=None, until=None, entity=None, limit=20,
               offset=0) -> list[Hit]:
        where, params = [], []
        if entity:
            entity_id = self.find_entity(entity)
            if entity_id is None:
                return []
            where.append("a.id IN (SELECT article_id FROM mentions WHERE entity_id = %s)")
            params.append(entity_id)
        for cond, value in (("a.language = %s", lang), ("lower(a.site) = lower(%s)", site),
                            ("a.published >= %s", since), ("substr(a.published, 1, 10) <= %s", until)):
            if value:
                where.append(cond)
                params.append(value)
        limit = max(1, min(int(limit), 1000))
        tsq, tsq_params = ts_query(query) if query else ("", [])
        if tsq:
            sql = (
                f"WITH q AS (SELECT {tsq} AS q)"
                " SELECT a.id, a.title, a.site, a.language, a.published, a.url,"
                " ts_headline('simple', a.text, q.q, 'StartSel=[, StopSel=], MaxWords=16, MinWords=8')"
                " AS snippet, ts_rank(a.tsv, q.q) AS score"
                " FROM articles a, q WHERE a.tsv @@ q.q" + "".join(" AND " + w for w in where) +
                " ORDER BY score DESC, a.rowid LIMIT %s OFFSET %s")
            params = [*tsq_params, *params, limit, int(offset)]
        else:
            sql = ("SELECT a.id, a.title, a.site, a.language, a.published, a.url, substr(a.text, 1, 200) AS snippet,"
                   " 0.0 AS score FROM articles a" + (" WHERE " + " AND ".join(where) if where else "") +
                   " ORDER BY a.published DESC NULLS LAST, a.rowid DESC LIMIT %s OFFSET %s")
            params = [*params, limit, int(offset)]
        return [Hit(**{**r, "score": float(r["score"])}) for r in self.conn.execute(sql, params)]

    def _records(self, sql: str, params: list, limit: int | None) -> list[dict]:
        out = []
        for r in self.conn.execute(sql, [*params, max(1, min(int(limit), 1000)) if limit else None]):
            rec = json.loads(r["record"])
            rec.update(article_id=r["article_id"], published=r["published"], title=r["title"], url=r["url"],
                       site=r["site"])
            if "sentence_text" in r:
                rec["sentence_text"] = r["sentence_text"]
            out.append(rec)
        return out

    def quotes(self, *, speaker=None, since=None, limit=50) -> list[dict]:
        where, params = [], []
        if speaker:
            like = "%" + re.sub(r"([\\%_])", r"\\\1", speaker) + "%"
            where.append("(q.speaker ILIKE %s OR q.speaker_entity = %s OR q.via ILIKE %s OR q.speaker_entity IN "
                         "(SELECT id FROM entities WHERE name ILIKE %s OR aliases ILIKE %s))")
            params += [like, speaker, like, like, like]
        if since:
            where.append("q.published >= %s")
            params.append(since)
        sql = ("SELECT q.article_id, q.record, q.published, a.title, a.url, a.site FROM quotes q"
               " JOIN articles a ON a.id = q.article_id" + (" WHERE " + " AND ".join(where) if where else "") +
               " ORDER BY q.published DESC NULLS LAST, q.article_id, q.n LIMIT %s")
        return self._records(sql, params, limit)

    def events(self, *, actor=None, type=None, since=None, limit=50) -> list[dict]:
        where, params = [], []
        if actor:
            sql, more = actor_filter(actor)
            where.append(sql)
            params += more
        if type:
            where.append("(lower(e.plover) = lower(%s) OR e.cameo LIKE %s)")
            params += [type, re.sub(r"([\\%_])", r"\\\1", type) + "%"]
        if since:
            where.append("e.day_end >= %s")
            params.append(since)
        sql = ("SELECT e.article_id, e.record, e.published, e.evidence AS sentence_text, a.title, a.url, a.site"
               " FROM events e JOIN articles a ON a.id = e.article_id" +
               (" WHERE " + " AND ".join(where) if where else "") +
               " ORDER BY e.day_start DESC NULLS LAST, e.day_end DESC NULLS LAST, e.article_id, e.n LIMIT %s")
        return self._records(sql, params, limit)

    def get(self, id: str) -> Document | None:
        row = self.conn.execute("SELECT record FROM articles WHERE id = %s", (id,)).fetchone()
        if row is None:
            rows = self.conn.execute("SELECT record FROM articles WHERE starts_with(id, %s) LIMIT 2", (id,)).fetchall()
            if len(rows) != 1:
                return None
            row = rows[0]
        return Document.from_dict(json.loads(row["record"]))

    def stats(self) -> dict:
        def one(sql):
            return list(self.conn.execute(sql).fetchone().values())

        def pairs(sql):
            return {r["k"]: r["n"] for r in self.conn.execute(sql)}

        counts = {t: one(f"SELECT count(*) FROM {t}")[0]
                  for t in ("articles", "entities", "mentions", "quotes", "events", "failures")}
        return {
            "database": self.path, "schema_version": self.schema_version, **counts,
            "languages": pairs("SELECT coalesce(language, '?') AS k, count(*) AS n FROM articles GROUP BY 1"
                               " ORDER BY 2 DESC, 1"),
            "sites": pairs("SELECT coalesce(site, '?') AS k, count(*) AS n FROM articles GROUP BY 1"
                           " ORDER BY 2 DESC, 1 LIMIT 20"),
            "published": one("SELECT min(published), max(published) FROM articles"),
        }

    def failures(self, limit: int = 100) -> list[dict]:
        return [dict(r) for r in self.conn.execute(
            "SELECT input, error, at, attempts FROM failures ORDER BY at DESC LIMIT %s", (limit,))]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
