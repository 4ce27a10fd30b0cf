"""Schema migrations, applied in order; ``PRAGMA user_version`` holds the version a database is at.

A migration is SQL, or a Python function of the connection where rows must be recomputed (article identity);
each runs in one transaction with the version bump, so a migration is applied whole or not at all."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable


def statements(script: str) -> list[str]:
    """A migration script's statements, split where SQLite says a statement is complete (triggers hold ';')."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip().strip(";").strip():
                out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return out


def _v4_identity_inputs_and_event_days(conn: sqlite3.Connection) -> None:
    """4: article ids from the canonical URL or the content (``newsgraph.identity``; they were site + title, so
    two different articles could share one), the inputs already analysed (to skip unchanged inputs before any
    analysis), and event dates as day intervals (``newsgraph.intervals``) for filters and sorting."""
    from newsgraph.document import Document
    from newsgraph.intervals import interval

    for statement in statements("""
        CREATE TABLE inputs (
            input_key TEXT PRIMARY KEY,     -- what was read: format, URL, content hash, container metadata
            article_id TEXT NOT NULL,
            analysis_key TEXT NOT NULL,     -- what analysed it: newsgraph version, stages, configuration
            input TEXT,
            seen_at TEXT NOT NULL
        );
        CREATE INDEX inputs_article ON inputs(article_id);
        ALTER TABLE events ADD COLUMN day_start TEXT;
        ALTER TABLE events ADD COLUMN day_end TEXT;
    """):
        conn.execute(statement)
    rows = conn.execute("SELECT rowid, id, record, updated_at FROM articles ORDER BY updated_at, rowid").fetchall()
    for rowid, old_id, record, updated in rows:
        rec = json.loads(record)
        doc = Document.from_dict(rec)
        new_id = doc.id
        if new_id == old_id:
            continue
        other = conn.execute("SELECT updated_at FROM articles WHERE id = ?", (new_id,)).fetchone()
        if other is not None:
            # Two stored copies of one article (URL variants): the later write stays, the earlier one goes.
            drop = old_id if other[0] > updated else new_id
            for table in ("mentions", "quotes", "events"):
                conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (drop,))
            conn.execute("DELETE FROM articles WHERE id = ?", (drop,))
            if drop == old_id:
                continue
        rec["id"] = new_id
        conn.execute("UPDATE articles SET id = ?, record = ? WHERE rowid = ?",
                     (new_id, json.dumps(rec, ensure_ascii=False), rowid))
        for table in ("mentions", "quotes", "events"):
            conn.execute(f"UPDATE {table} SET article_id = ? WHERE article_id = ?", (new_id, old_id))
    for article_id, n, when, published in conn.execute(
            "SELECT article_id, n, date, published FROM events").fetchall():
        span = interval(when) or interval(published)
        if span:
            conn.execute("UPDATE events SET day_start = ?, day_end = ? WHERE article_id = ? AND n = ?",
                         (*span, article_id, n))
    conn.execute("CREATE INDEX events_days ON events(day_start, day_end)")


#: The story tables (SQLite migration 5; PostgreSQL's migration 4 runs it too: :func:`story_tables_for_postgres`).
STORY_TABLES = """
    CREATE TABLE story_members (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id TEXT NOT NULL,
        copy_of TEXT,                    -- the original of a wire copy / duplicate
        similarity REAL,                 -- to its story when it joined (NULL: it founded the story)
        day REAL,                        -- publication time, days since 1970
        content_key TEXT NOT NULL,       -- hash of the normalised body (exact duplicates)
        features TEXT NOT NULL           -- JSON (newsgraph.stories.similarity.Features)
    );
    CREATE INDEX story_members_story ON story_members(story_id);
    CREATE INDEX story_members_day ON story_members(day);
    CREATE INDEX story_members_content ON story_members(content_key);
    CREATE TABLE story_bands (
        band TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (band, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX story_bands_article ON story_bands(article_id);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,             -- the earliest member's article id
        title TEXT,                      -- the most central headline
        title_article TEXT,
        first_seen TEXT,
        last_seen TEXT,
        size INTEGER NOT NULL,
        languages TEXT NOT NULL,         -- JSON list
        sites TEXT NOT NULL,             -- JSON list
        updated_at TEXT NOT NULL
    );
    CREATE INDEX stories_last_seen ON stories(last_seen);
    """

def story_tables_for_postgres() -> str:
    """:data:`STORY_TABLES` in PostgreSQL's dialect (floats in double precision; no ``WITHOUT ROWID``)."""
    return STORY_TABLES.replace(" WITHOUT ROWID", "").replace(" REAL,", " DOUBLE PRECISION,")


#: The stories' entity postings (SQLite migration 6, PostgreSQL migration 5): each placed article under each
#: canonical entity id of its features, with its publication day, so placement scores only the articles that
#: share an entity with the new one, nearest in time first (newsgraph.stories.cluster). Filled from the stored
#: features. And indexes that find a story's earliest article and its first originals without reading the
#: story, and the copies of an article.
STORY_ENTITIES = """
    CREATE TABLE story_entities (
        entity_id TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        day REAL                         -- publication time, days since 1970 (as story_members.day)
    );
    CREATE INDEX story_entities_entity ON story_entities(entity_id, day, article_id);
    CREATE INDEX story_entities_article ON story_entities(article_id);
    CREATE INDEX story_members_first ON story_members(story_id, day, article_id);
    CREATE INDEX story_members_originals ON story_members(story_id, copy_of, article_id);
    CREATE INDEX story_members_copy_of ON story_members(copy_of);
    INSERT INTO story_entities (entity_id, article_id, day)
        SELECT j.key, m.article_id, m.day FROM story_members m, json_each(m.features, '$.entities') j;
    """


def story_entities_for_postgres() -> str:
    """:data:`STORY_ENTITIES` in PostgreSQL's dialect."""
    return (STORY_ENTITIES.replace("        day REAL ", "        day DOUBLE PRECISION ")
            .replace("json_each(m.features, '$.entities')", "json_each(m.features::json -> 'entities')"))


#: Bounded story placement (SQLite migration 7, PostgreSQL migration 6): each placed article's shingle hashes
#: (so a copy check never cuts a stored article's text again; NULL for articles placed before, which are cut
#: from their text when needed), the publication day beside each LSH band key (so the band lookup reads the
#: articles nearest in time per band, not every sharer), and the entity document frequencies as counters kept
#: on insert and delete (the row ``''`` counts the placed articles), so an entity's idf is one index lookup.
STORY_SCALE = """
    ALTER TABLE story_members ADD COLUMN shingles BLOB;  -- sorted uint32 shingle hashes (newsgraph.stories.dedup)
    ALTER TABLE story_bands ADD COLUMN day REAL;         -- publication time, days since 1970 (as story_members.day)
    UPDATE story_bands SET day = (SELECT m.day FROM story_members m WHERE m.article_id = story_bands.article_id);
    CREATE INDEX story_bands_day ON story_bands(band, day, article_id);
    CREATE TABLE story_df (
        entity_id TEXT PRIMARY KEY,      -- '' : the number of placed articles
        n INTEGER NOT NULL
    );
    INSERT INTO story_df (entity_id, n) SELECT entity_id, count(*) FROM story_entities GROUP BY entity_id;
    INSERT INTO story_df (entity_id, n) SELECT '', count(*) FROM story_members;
    """


def story_scale_for_postgres() -> str:
    """:data:`STORY_SCALE` in PostgreSQL's dialect."""
    return STORY_SCALE.replace(" shingles BLOB;", " shingles BYTEA;").replace(" day REAL;", " day DOUBLE PRECISION;")


#: Story entity keys without the entity type (SQLite migration 8, PostgreSQL migration 7): the stored features,
#: postings and counters keyed as ``newsgraph.stories.similarity.entity_key`` keys them ("person:izmail" and
#: "place:izmail" are "name:izmail"; weights of two ids that become one key are added, as ``features_of`` adds
#: them), the postings made unique per key and article, the counters counted again. And ``story_version``: one
#: row that every story placement changes (a fresh token), so a process caching the story state
#: (``newsgraph.store.stories_sql.StateCache``) sees whether another writer placed articles since its own last write.
_NAME_KEY = ("CASE WHEN instr({k}, ':') > 0 AND substr({k}, 1, instr({k}, ':') - 1) IN"
             " ('person', 'org', 'place', 'event', 'misc') THEN 'name:' || substr({k}, instr({k}, ':') + 1)"
             " ELSE {k} END")
STORY_KEYS = f"""
    UPDATE story_members SET features = json_set(features, '$.entities', json((
        SELECT json_group_object(k, w) FROM (
            SELECT {_NAME_KEY.format(k="j.key")} AS k, sum(j.value) AS w
            FROM json_each(story_members.features, '$.entities') j GROUP BY 1))));
    UPDATE story_entities SET entity_id = {_NAME_KEY.format(k="entity_id")};
    DELETE FROM story_entities WHERE rowid NOT IN (SELECT min(rowid) FROM story_entities GROUP BY entity_id, article_id);
    DELETE FROM story_df WHERE entity_id != '';
    INSERT INTO story_df (entity_id, n) SELECT entity_id, count(*) FROM story_entities GROUP BY entity_id;
    CREATE TABLE story_version (
        token TEXT NOT NULL              -- changed by every story placement (a random token)
    );
    INSERT INTO story_version (token) VALUES ('');
    """


def story_keys_for_postgres() -> str:
    """:data:`STORY_KEYS` in PostgreSQL's dialect."""
    key = (_NAME_KEY.replace("instr({k}, ':')", "strpos({k}, ':')"))
    return f"""
    UPDATE story_members SET features = jsonb_set(features::jsonb, '{{entities}}', coalesce((
        SELECT jsonb_object_agg(k, w) FROM (
            SELECT {key.format(k="j.key")} AS k, sum(j.value::text::double precision) AS w
            FROM json_each(story_members.features::json -> 'entities') j GROUP BY 1) AS s), '{{}}'::jsonb))::text;
    UPDATE story_entities SET entity_id = {key.format(k="entity_id")};
    DELETE FROM story_entities a USING story_entities b
        WHERE a.entity_id = b.entity_id AND a.article_id = b.article_id AND a.ctid > b.ctid;
    DELETE FROM story_df WHERE entity_id != '';
    INSERT INTO story_df (entity_id, n) SELECT entity_id, count(*) FROM story_entities GROUP BY entity_id;
    CREATE TABLE story_version (
        token TEXT NOT NULL
    );
    INSERT INTO story_version (token) VALUES ('');
    """


MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [
    # 1: articles, full-text index (diacritics-insensitive), failures
    """
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
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
        updated_at TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_site ON articles(site);
    CREATE INDEX articles_language ON articles(language);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TABLE failures (
        input TEXT PRIMARY KEY,
        error TEXT NOT NULL,
        at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 1
    );
    """,
    # 2: canonical entities and their mentions, quotes, events (filled by the enrichment stages)
    """
    CREATE TABLE entities (
        id TEXT PRIMARY KEY,             -- canonical id, stable across articles and languages
        name TEXT NOT NULL,              -- canonical name (English where known)
        type TEXT NOT NULL,              -- PERSON, ORG, GPE, LOC, ...
        code TEXT,                       -- ISO 3166 alpha-3 for countries, actor code where known
        aliases TEXT NOT NULL DEFAULT '[]',  -- JSON list of {text, lang}
        first_seen TEXT NOT NULL
    );
    CREATE INDEX entities_type ON entities(type);
    CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL REFERENCES entities(id),
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        sentence INTEGER,
        label TEXT,
        language TEXT,
        published TEXT
    );
    CREATE INDEX mentions_entity ON mentions(entity_id, published);
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE TABLE quotes (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        text TEXT NOT NULL,
        start INTEGER,
        end INTEGER,
        speaker TEXT,
        speaker_entity TEXT REFERENCES entities(id),
        verb TEXT,
        via TEXT,
        via_entity TEXT REFERENCES entities(id),
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
        source_entity TEXT REFERENCES entities(id),
        source_code TEXT,
        target_name TEXT,
        target_entity TEXT REFERENCES entities(id),
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
        PRIMARY KEY (article_id, n)
    );
    CREATE INDEX events_source ON events(source_entity);
    CREATE INDEX events_target ON events(target_entity);
    CREATE INDEX events_type ON events(plover, date);
    """,
    # 3: mentions in the title (offsets into the title) beside those in the body
    """
    ALTER TABLE mentions ADD COLUMN field TEXT NOT NULL DEFAULT 'body';
    """,
    _v4_identity_inputs_and_event_days,
    # 5: stories — each article's story, copy link, comparison features and LSH band keys (newsgraph.stories)
    STORY_TABLES,
    # 6: the stories' entity postings (candidate blocking for story placement)
    STORY_ENTITIES,
    # 7: bounded story placement: stored shingle hashes, band keys with their day, entity counters
    STORY_SCALE,
    # 8: story entity keys without the entity type; the story state's version row
    STORY_KEYS,
]

LATEST = len(MIGRATIONS)
