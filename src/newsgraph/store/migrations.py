"""Schema migrations, applied in order; ``PRAGMA user_version`` holds the version a database is at."""

MIGRATIONS: list[str] = [
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
]

LATEST = len(MIGRATIONS)
