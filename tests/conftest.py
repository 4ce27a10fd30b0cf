from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "digi24-kim-putin.txt"


@pytest.fixture(scope="module")
def structure():
    """The pipeline with the extraction stage alone (no models): the text-dump tests read with it."""
    from newsgraph import Config, Pipeline

    return Pipeline(Config(), stages=("extract",))


@pytest.fixture(scope="module")
def cues():
    from newsgraph.lang.cues import load

    return load()


@pytest.fixture
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("../shared is absent (the seed page is not part of the repository)")
    return SEED


@pytest.fixture
def artifacts() -> Path:
    path = ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 300, input: bytes | None = None):
    import subprocess

    return subprocess.run(
        [sys.executable, "-m", "newsgraph", *map(str, args)], capture_output=True, cwd=cwd, timeout=timeout,
        input=input,
    )


# ---------------------------------------------------------------------------- store backends
#: A PostgreSQL server the store tests may use (``.ci/postgres.py start DIR`` prints one); its tests skip when
#: it is not set. Each test gets a database of its own, dropped afterwards.
TEST_PG = os.environ.get("NEWSGRAPH_TEST_PG")


@contextmanager
def fresh_pg_database():
    """A new, empty PostgreSQL database on the NEWSGRAPH_TEST_PG server (dropped afterwards); skips without
    one."""
    if not TEST_PG:
        pytest.skip("NEWSGRAPH_TEST_PG is not set (no PostgreSQL server for the tests)")
    psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'newsgraph[postgres]')")
    import uuid
    from urllib.parse import urlsplit, urlunsplit

    name = f"newsgraph_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(TEST_PG, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    parts = urlsplit(TEST_PG)
    try:
        yield urlunsplit(parts._replace(path="/" + name))
    finally:
        with psycopg.connect(TEST_PG, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url():
    with fresh_pg_database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def db_location(request, tmp_path) -> str:
    """A fresh store location for each backend: a SQLite file, or a PostgreSQL database (when
    NEWSGRAPH_TEST_PG is set)."""
    if request.param == "sqlite":
        return str(tmp_path / "t.db")
    return request.getfixturevalue("pg_url")


def sql_rows(store, sql: str) -> list[tuple]:
    """Rows of a raw query as tuples, whichever backend (SQLite rows or psycopg dicts)."""
    return [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in store.conn.execute(sql).fetchall()]


def dump_text(lines: list[str], blank: bool = True) -> str:
    """A text dump made of ``lines``, with a blank line between them (or none, as some scrapers write)."""
    return ("\n\n" if blank else "\n").join(lines) + "\n"


def dump_metadata(doc) -> dict:
    """The metadata the dump probe tests compare: title, publication day, authors, site."""
    return dict(title=doc.title, date=doc.published.value[:10] if doc.published else None, authors=doc.authors,
                site=doc.site)


def event_triples(events: list[dict]) -> list[tuple]:
    """(source code, target code, CAMEO code) of each event: what the event tests compare."""
    return [(e["source"]["code"], e["target"]["code"], e["cameo"]) for e in events]


def code_events(texts: list[str], lang: str, date: str, facts_only: bool = True) -> list[list[dict]]:
    """The events ``code_records`` gives each text (one record per text, all dated ``date``), as
    ``newsgraph events --lang L --require-dyad false`` codes them; skips when the language's model has no parser."""
    from newsgraph.enrich.events import code_records
    from newsgraph.lang import load

    if "parser" not in load(lang).pipe_names:
        pytest.skip(f"the {lang} model has no parser")
    recs = [{"id": i, "text": t, "date": date} for i, t in enumerate(texts)]
    return [o["events"] for o in code_records(recs, lang, None, require_dyad=False, facts_only=facts_only)]
