"""PostgreSQL backend (``--db postgresql://user@host:port/db``): the SQLite store's interface for a shared server.

Install with ``pip install 'newsgraph[postgres]'`` (psycopg 3). The schema mirrors the SQLite one (same
tables and columns; ``newsgraph_schema`` holds the version, migrations run under an advisory lock so several
writers may start at once). Full-text search ignores diacritics and case like the SQLite store: a stored,
generated ``tsvector`` of the title (weight A) and text (weight B) under the ``newsgraph`` text search
configuration (``unaccent`` then ``simple``: no stemming, as FTS5's ``unicode61``) over the text cut into runs of
letters and digits, FTS5's tokens (``newsgraph_words``), a GIN index, and the same query language (words all required, "phrases", ``OR``,
``NOT``, ``word*``). Ranking is FTS5's own BM25 (k1 = 1.2, b = 0.75, title weight 5, text 1, as SQLite's
``bm25(articles_fts, 5.0, 1.0)``), computed by ``newsgraph_bm25`` from the tsvector's positions, each query
phrase's document frequency (counted through the GIN index) and the stored totals of documents and tokens
(``search_totals``, kept by a trigger); ties are broken by article id in both backends.

Writes: one transaction per article (a savepoint inside ``transaction()``), upserts keyed on the article id, the
input key and the entity id, so an ingest is idempotent and several processes (Dask workers) may write at once:
the same article written twice is stored once, and the second writer sees it "unchanged". Entity rows are locked
in id order inside an article's transaction, so concurrent writers cannot deadlock on them.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager

from newsgraph.document import Document
from newsgraph.errors import StoreError
from newsgraph.store.base import IngestOutcome, safe_location
from newsgraph.store.migrations import (
    story_entities_for_postgres,
    story_keys_for_postgres,
    story_scale_for_postgres,
    story_tables_for_postgres,
)
from newsgraph.store.reads import CLOSE, OPEN, Match, Reads
from newsgraph.store.sql import (
    ARTICLE_COLUMNS,
    EVENT_INSERT,
    MENTION_INSERT,
    QUERY_TOKEN,
    QUOTE_INSERT,
    Sql,
    Writes,
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
    # 4: search as SQLite's (FTS5 tokens, BM25 with the same weights) and the story tables of SQLite's migration 5
    """
    CREATE TEXT SEARCH CONFIGURATION newsgraph (COPY = pg_catalog.simple);
    ALTER TEXT SEARCH CONFIGURATION newsgraph ALTER MAPPING FOR asciiword, word, numword, hword_asciipart,
        hword_part, hword_numpart, email, host, url_path, file, sfloat, float, int, uint, version
        WITH public.unaccent, pg_catalog.simple;
    ALTER TEXT SEARCH CONFIGURATION newsgraph DROP MAPPING IF EXISTS FOR asciihword, hword, numhword, url;
    -- FTS5's unicode61 tokens are the runs of letters and digits: "2.500", "05.11.2022", "Mozilla/5.0" are two,
    -- three and three tokens there, one in PostgreSQL's parser; cut text as FTS5 does before parsing it
    CREATE FUNCTION newsgraph_words(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT regexp_replace($1, '[^[:alnum:]]+', ' ', 'g') $$;
    -- an article's length in tokens, as FTS5 counts it (not from the tsvector: it keeps 256 positions a lexeme)
    CREATE FUNCTION newsgraph_tokens(text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT CASE WHEN w = '' THEN 0 ELSE length(w) - length(replace(w, ' ', '')) + 1 END
              FROM btrim(newsgraph_words($1)) AS w $$;
    ALTER TABLE articles DROP COLUMN tsv;
    ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('newsgraph', newsgraph_words(coalesce(title, ''))), 'A') ||
        setweight(to_tsvector('newsgraph', newsgraph_words(text)), 'B')) STORED;
    ALTER TABLE articles ADD COLUMN tokens integer GENERATED ALWAYS AS (
        newsgraph_tokens(coalesce(title, '')) + newsgraph_tokens(text)) STORED;
    CREATE INDEX articles_tsv ON articles USING gin(tsv);
    CREATE INDEX articles_first_seen ON articles(first_seen);
    -- documents and tokens, in a few rows (one per backend pid modulo 16) so concurrent writers rarely wait
    CREATE TABLE search_totals (shard INTEGER PRIMARY KEY, docs BIGINT NOT NULL, tokens BIGINT NOT NULL);
    INSERT INTO search_totals SELECT 0, count(*), coalesce(sum(tokens), 0) FROM articles;
    CREATE FUNCTION newsgraph_count_tokens() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_totals AS t (shard, docs, tokens) VALUES (pg_backend_pid() % 16,
            CASE TG_OP WHEN 'INSERT' THEN 1 WHEN 'DELETE' THEN -1 ELSE 0 END,
            CASE TG_OP WHEN 'INSERT' THEN NEW.tokens WHEN 'DELETE' THEN -OLD.tokens
                       ELSE NEW.tokens - OLD.tokens END)
        ON CONFLICT (shard) DO UPDATE SET docs = t.docs + excluded.docs, tokens = t.tokens + excluded.tokens;
        RETURN NULL;
    END $$;
    CREATE TRIGGER articles_tokens AFTER INSERT OR UPDATE OF title, text OR DELETE ON articles
        FOR EACH ROW EXECUTE FUNCTION newsgraph_count_tokens();
    -- FTS5's bm25(): the sum over the query's phrases of idf * f * (k1 + 1) / (f + k1 * (1 - b + b * doclen /
    -- avgdl)), k1 = 1.2, b = 0.75, where f adds the column weight of each occurrence (title: A, text: B). A
    -- tsvector keeps at most 255 positions a lexeme: a phrase with a lexeme near that is counted in the text.
    CREATE FUNCTION newsgraph_bm25(doc tsvector, doclen integer, title text, body text, phrases text[],
                                   patterns text[], idf float8[], avgdl float8, title_weight float8,
                                   text_weight float8)
        RETURNS float8 LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    DECLARE
        total float8 := 0;
        f float8;
        lex text[];
        n integer;
        prefix boolean;
        pattern text;
    BEGIN
        FOR i IN 1 .. coalesce(array_length(phrases, 1), 0) LOOP
            lex := string_to_array(phrases[i], ' ');
            n := array_length(lex, 1);
            prefix := right(lex[n], 1) = '*';
            IF prefix THEN
                lex[n] := left(lex[n], -1);
            END IF;
            IF EXISTS (SELECT 1 FROM unnest(doc) AS u
                        WHERE (u.lexeme = ANY(lex) OR (prefix AND starts_with(u.lexeme, lex[n])))
                          AND array_length(u.positions, 1) >= 250) THEN
                pattern := patterns[i];
                f := title_weight * (SELECT count(*) FROM regexp_matches(
                         ' ' || lower(newsgraph_unaccent(newsgraph_words(coalesce(title, '')))) || ' ', pattern, 'g'))
                     + text_weight * (SELECT count(*) FROM regexp_matches(
                         ' ' || lower(newsgraph_unaccent(newsgraph_words(body))) || ' ', pattern, 'g'));
            ELSE
                SELECT coalesce(sum(CASE p.w WHEN 'A' THEN title_weight ELSE text_weight END), 0) INTO f
                  FROM unnest(doc) AS u, unnest(u.positions, u.weights) AS p(pos, w)
                 WHERE (u.lexeme = lex[1] OR (n = 1 AND prefix AND starts_with(u.lexeme, lex[1])))
                   AND (n = 1 OR (SELECT count(*) FROM generate_series(2, n) AS k
                                  WHERE EXISTS (SELECT 1 FROM unnest(doc) AS v, unnest(v.positions) AS q(pos)
                                                WHERE (v.lexeme = lex[k] OR (k = n AND prefix
                                                       AND starts_with(v.lexeme, lex[k])))
                                                  AND q.pos = p.pos + k - 1)) = n - 1);
            END IF;
            total := total + idf[i] * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * doclen / greatest(avgdl, 1e-9)));
        END LOOP;
        RETURN total;
    END $$;
    """ + story_tables_for_postgres(),
    # 5: the stories' entity postings, as SQLite's migration 6
    story_entities_for_postgres(),
    # 6: bounded story placement (shingle hashes, band days, entity counters), as SQLite's migration 7
    story_scale_for_postgres(),
    # 7: story entity keys without the entity type, the story state's version row, as SQLite's migration 8
    story_keys_for_postgres(),
]
PG_LATEST = len(PG_MIGRATIONS)


def ts_query(text: str) -> tuple[str, list, list[tuple[str, bool]]]:
    """A user's query -> an SQL ``tsquery`` expression, its parameters, and the query's phrases that count
    towards the rank (``(text, prefix)``; not those after ``NOT``), with the meaning of the SQLite store's
    ``fts_query``: words and "quoted phrases" all required unless joined by ``OR`` (or excluded by ``NOT``),
    ``word*`` a prefix. Each word or phrase is cut into runs of letters and digits and goes through
    ``phraseto_tsquery``, as the articles were indexed ("2.500" is the phrase "2 500"), diacritics removed;
    nothing the user types is tsquery syntax. ``("", [], [])`` when the query has no words."""
    terms: list[tuple[str, str, str, bool] | str] = []  # (sql, param, phrase, prefix) or an operator
    for phrase, word in QUERY_TOKEN.findall(text):
        if phrase:
            if re.search(r"\w", phrase):
                terms.append(("phraseto_tsquery('newsgraph', newsgraph_words(?))", phrase, phrase, False))
        elif word in ("OR", "NOT") and terms and terms[-1] not in ("OR", "NOT"):
            terms.append(word)
        elif word.endswith("*"):
            parts = re.findall(r"\w+", word)
            if parts:
                lexemes = " <-> ".join(f"'{w}'" for w in parts[:-1]) + (" <-> " if parts[:-1] else "")
                terms.append(("to_tsquery('newsgraph', ?)", lexemes + f"'{parts[-1]}':*", " ".join(parts), True))
        elif re.search(r"\w", word):
            terms.append(("phraseto_tsquery('newsgraph', newsgraph_words(?))", word, word, False))
    while terms and terms[-1] in ("OR", "NOT"):
        terms.pop()
    groups: list[list[str]] = [[]]
    params: list[str] = []
    ranked: list[tuple[str, bool]] = []
    negate = False
    for t in terms:
        if t == "OR":
            groups.append([])
        elif t == "NOT":
            negate = True
        else:
            groups[-1].append(f"(!! {t[0]})" if negate else t[0])
            params.append(t[1])
            if not negate:
                ranked.append((t[2], t[3]))
            negate = False
    sql = " || ".join("(" + " && ".join(g) + ")" for g in groups if g)
    return sql, params, ranked


def phrase_pattern(phrase: str) -> str:
    """A ranked phrase (``"a b"``, ``"a b*"``) as a regular expression finding where it starts in text made
    of single-spaced, lower-cased, unaccented words (``newsgraph_bm25`` counts a phrase so where the tsvector
    lost positions)."""
    words = phrase.split()
    prefix = words[-1].endswith("*")
    words[-1] = words[-1].rstrip("*")
    return " (?=" + " ".join(re.sub(r"(\W)", r"\\\1", w) for w in words) + ("[^ ]*" if prefix else "") + " )"


def idf(articles: int, hits: int) -> float:
    """FTS5's inverse document frequency (``fts5_aux.c``): never below 1e-6."""
    value = math.log((articles - hits + 0.5) / (hits + 0.5)) if articles else 0.0
    return value if value > 0 else 1e-6



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


_safe = safe_location  # the URL without its password (for messages)


class PostgresStore(Writes, Reads, StoriesMixin):
    _like = "ILIKE"

    def __init__(self, url: str, readonly: bool = False):
        self.path = _safe(url)
        self.readonly = readonly
        self._gazetteer = None
        self.conn = _connect(url)
        self.sql = Sql(self.conn, pyformat=True)
        self._migrate()
        if readonly:  # a reader (the web layer) cannot write, whatever it runs
            self.conn.execute("SET default_transaction_read_only = on")

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

    def _put(self, doc: Document, refresh: bool) -> IngestOutcome:
        values = {**article_values(doc), "now": _now(), "refresh": refresh}
        # Insert, or update when the text changed (or on refresh); no row back means unchanged. xmax = 0 tells
        # an inserted row from an updated one.
        row = self.conn.execute(
            f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}, first_seen, updated_at) VALUES"
            f" ({', '.join(f'%({c})s' for c in ARTICLE_COLUMNS)}, %(now)s, %(now)s) ON CONFLICT (id) DO UPDATE SET"
            f" {', '.join(f'{c} = excluded.{c}' for c in ARTICLE_COLUMNS[1:])}, updated_at = excluded.updated_at"
            " WHERE articles.version_hash <> excluded.version_hash OR %(refresh)s"
            " RETURNING (xmax = 0) AS inserted", values).fetchone()
        if row is None:
            self._clear_failure(doc.source.input)
            return "unchanged"
        self._put_enrichment(doc, values["now"], fresh=row["inserted"])
        self._clear_failure(doc.source.input)
        return "stored" if row["inserted"] else "updated"

    def _put_enrichment(self, doc: Document, now: str, fresh: bool = False) -> None:
        """The article's entities, mentions, quotes and events, in a few statements whatever their number
        (each ``executemany`` is one pipelined round trip): a Dask worker on another machine than the database
        would otherwise wait on some 40 round trips per article. ``fresh``: the article row was just inserted,
        so no rows of it exist to delete (they reference it)."""
        lang = doc.language.code if doc.language else None
        if not fresh:
            for table in ("mentions", "quotes", "events"):
                self.conn.execute(f"DELETE FROM {table} WHERE article_id = %s", (doc.id,))
        ents: dict[str, dict] = {}  # id -> first entity of that id, its aliases, its first code (as one at a time)
        mentions: list[tuple] = []
        for ent in sorted(doc.entities, key=lambda e: e["id"]):  # one lock order for every writer
            e = ents.setdefault(ent["id"], {"ent": ent, "aliases": [], "code": None})
            e["aliases"] += entity_aliases(ent, lang)
            e["code"] = e["code"] or ent.get("code")
            mentions += mention_rows(doc, ent)
        if ents:
            with self.conn.cursor() as cur:
                cur.executemany("INSERT INTO entities (id, name, type, code, aliases, first_seen)"
                                " VALUES (%s, %s, %s, %s, '[]', %s) ON CONFLICT (id) DO NOTHING",
                                [(i, e["ent"]["name"], e["ent"].get("type") or "MISC", e["ent"].get("code"), now)
                                 for i, e in ents.items()])
                known = {r["id"]: json.loads(r["aliases"]) for r in cur.execute(
                    "SELECT id, aliases FROM entities WHERE id = ANY(%s) ORDER BY id FOR UPDATE", (list(ents),))}
                cur.executemany("UPDATE entities SET aliases = %s, code = coalesce(code, %s) WHERE id = %s",
                                [(json.dumps(merge_aliases(known[i], e["aliases"]), ensure_ascii=False), e["code"], i)
                                 for i, e in ents.items()])
        self.sql.many(MENTION_INSERT, mentions)
        self.sql.many(QUOTE_INSERT, quote_rows(doc))
        self.sql.many(EVENT_INSERT, event_rows(doc))

    # ------------------------------------------------------------------ reads (the queries are in Reads)
    def _fts(self, query: str) -> Match | None:
        tsq, params, ranked = ts_query(query)
        if not tsq:
            return None
        phrases, idfs, avgdl = self._rank_terms(ranked)
        return Match(source="articles a", cond=f"a.tsv @@ ({tsq})", params=tuple(params),
                     score="-newsgraph_bm25(a.tsv, a.tokens, a.title, a.text, ?, ?, ?, ?, 5.0, 1.0)",
                     score_params=(phrases, [phrase_pattern(p) for p in phrases], idfs, avgdl), query=(tsq, tuple(params)))

    def _rank_terms(self, ranked: list[tuple[str, bool]]) -> tuple[list[str], list[float], float]:
        """The BM25 inputs of a query's phrases: each as its lexemes (``"a b"``, ``"a b*"`` for a prefix), the
        idf of each (articles containing it, counted in one pass through the GIN index), the average length."""
        totals = self.sql.one("SELECT coalesce(sum(docs), 0) AS docs, coalesce(sum(tokens), 0) AS tokens"
                              " FROM search_totals")
        docs = int(totals["docs"])
        avgdl = float(totals["tokens"]) / docs if docs else 1.0
        phrases, queries = [], []
        for text, prefix in ranked:
            lexemes = self.sql.value(
                "SELECT string_agg(u.lexeme, ' ' ORDER BY p.pos) AS l"
                " FROM unnest(to_tsvector('newsgraph', newsgraph_words(?))) AS u,"
                " unnest(u.positions) AS p(pos)", (text,))
            if lexemes:
                phrases.append(lexemes + ("*" if prefix else ""))
                words = ["'" + w.replace("'", "''") + "'" for w in lexemes.split()]
                queries.append(" <-> ".join(words) + (":*" if prefix else ""))
        if not phrases:
            return [], [], avgdl
        hits = self.sql.one(
            "SELECT " + ", ".join(f"count(*) FILTER (WHERE tsv @@ to_tsquery('simple', ?)) AS h{i}"
                                  for i in range(len(queries))) +
            " FROM articles WHERE tsv @@ (" + " || ".join("to_tsquery('simple', ?)" for _ in queries) + ")",
            [*queries, *queries])
        return phrases, [idf(docs, int(hits[f"h{i}"])) for i in range(len(queries))], avgdl

    def _marked(self, match: Match, rowids: list[int], words: int) -> dict[int, dict]:
        tsq, params = match.query
        options = f"StartSel={OPEN}, StopSel={CLOSE}"
        rows = self.sql.rows(
            "SELECT a.rowid AS rowid, CASE WHEN a.title IS NULL THEN NULL ELSE"
            " ts_headline('newsgraph', a.title, x.q, ?) END AS title_marked,"
            " ts_headline('newsgraph', a.text, x.q, ?) AS snippet_marked"
            f" FROM articles a, (SELECT ({tsq}) AS q) AS x WHERE a.rowid IN ({','.join('?' * len(rowids))})",
            [options + ", HighlightAll=true",
             options + f", MaxWords={int(words)}, MinWords={max(1, int(words) // 2)}, MaxFragments=1,"
                       ' FragmentDelimiter=" … "', *params, *rowids])
        return {r.pop("rowid"): r for r in rows}

    def change_stamp(self):
        """PostgreSQL's write-ahead log position: it moves with every committed write."""
        return self.sql.value("SELECT pg_current_wal_lsn()::text AS lsn")
