"""The PostgreSQL backend beside SQLite: same results, idempotent with several writers at once (needs
NEWSGRAPH_TEST_PG; see .ci/postgres.py), and a clear error without psycopg."""

from __future__ import annotations

import sys
import threading

import pytest
from conftest import EXAMPLES, sql_rows

from newsgraph import Config, Pipeline, StoreError
from newsgraph.batch import ingest
from newsgraph.errors import InputError
from newsgraph.ingest import iter_sources
from newsgraph.store import open_store

SEARCHES = ["inundatii OR Constanta", "ministrii", "port strike", '"acord privind"', "coal*", "Moldova NOT Suceava"]
COUNTS = ("articles", "entities", "mentions", "quotes", "events", "failures")


def _record(doc) -> dict:
    d = doc.to_dict()
    d["source"].pop("ingested_at")  # when each store's run read it
    return d


def test_postgres_gives_what_sqlite_gives(pg_url, tmp_path):
    lite, pg = open_store(str(tmp_path / "t.db")), open_store(pg_url)
    assert ingest([str(EXAMPLES)], lite) == ingest([str(EXAMPLES)], pg)
    assert {k: pg.stats()[k] for k in COUNTS} == {k: lite.stats()[k] for k in COUNTS}
    assert pg.stats()["articles"] == 6
    for query in SEARCHES:
        expected = {h.id for h in lite.search(query, limit=10)}
        assert {h.id for h in pg.search(query, limit=10)} == expected, query
    assert any(lite.search(q) for q in SEARCHES)
    assert {e["id"]: e["mentions"] for e in pg.entities(limit=1000)} == \
        {e["id"]: e["mentions"] for e in lite.entities(limit=1000)}
    assert len(pg.events(limit=0)) == len(lite.events(limit=0))
    assert len(pg.quotes(limit=0)) == len(lite.quotes(limit=0))
    some = lite.search(None, limit=1)[0].id
    assert _record(pg.get(some)) == _record(lite.get(some)) and pg.get(some[:8]).id == some
    again = ingest([str(EXAMPLES)], pg)
    assert again["unchanged"] == 6 and again["stored"] == again["updated"] == 0
    lite.close()
    pg.close()


def test_several_writers_store_each_article_once(pg_url):
    docs = [d for d in Pipeline(Config()).pipe(iter_sources([str(EXAMPLES)], Config()))
            if not isinstance(d, InputError)]
    stores = [open_store(pg_url) for _ in range(4)]
    outcomes: list[str] = []
    barrier = threading.Barrier(len(stores))

    def write(store):
        barrier.wait()
        for doc in docs:
            outcomes.append(store.put(doc, analysis_key="k"))

    threads = [threading.Thread(target=write, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == sorted(["stored"] * len(docs) + ["unchanged"] * (len(docs) * (len(stores) - 1)))
    one = stores[0]
    assert one.stats()["articles"] == len(docs)
    mentions = sum(len(e.get("mentions", [])) + len(e.get("title_mentions", [])) for d in docs for e in d.entities)
    assert sql_rows(one, "SELECT count(*) FROM mentions") == [(mentions,)]
    assert sql_rows(one, "SELECT count(*) FROM inputs") == [(len(docs),)]
    for s in stores:
        s.close()


def test_postgres_schema_version_and_readonly(pg_url):
    from newsgraph.store.postgres import PG_LATEST

    store = open_store(pg_url)
    assert store.schema_version == PG_LATEST
    store.conn.execute("UPDATE newsgraph_schema SET version = %s", (PG_LATEST + 1,))
    store.close()
    with pytest.raises(StoreError, match="newer than this newsgraph"):
        open_store(pg_url)
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE newsgraph_schema SET version = %s", (PG_LATEST,))
    ro = open_store(pg_url, readonly=True)
    with pytest.raises(StoreError, match="read-only"):
        ro.put_failure("x", "y")
    ro.close()


def test_unreachable_server_is_a_store_error():
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match=r"postgresql://u:\*\*\*@127.0.0.1:1/db\S*: cannot connect"):
        open_store("postgresql://u:secret@127.0.0.1:1/db?connect_timeout=2")


def test_without_psycopg_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(StoreError, match=r"pip install 'newsgraph\[postgres\]'"):
        open_store("postgresql://nobody@127.0.0.1:1/none")


def json_lines(data: bytes) -> list[dict]:
    import json

    return [json.loads(line) for line in data.decode().splitlines() if line.strip()]


def test_cli_on_postgres(pg_url):
    from conftest import run_cli

    first = run_cli("ingest", str(EXAMPLES), "--db", pg_url, "--quiet")
    assert first.returncode == 0, first.stderr.decode()
    assert first.stdout.decode().startswith("stored: 6, updated: 0, unchanged: 0, failed: 0")
    again = run_cli("ingest", str(EXAMPLES), "--db", pg_url, "--quiet")
    assert again.stdout.decode().startswith("stored: 0, updated: 0, unchanged: 6, failed: 0")
    found = run_cli("search", "inundatii OR Constanta", "--db", pg_url)
    assert found.returncode == 0 and "Inundații în nordul Moldovei" in found.stdout.decode()
    stats = run_cli("stats", "--db", pg_url)
    assert '"articles": 6' in stats.stdout.decode()
    for command in (["entities"], ["quotes", "--format", "json"], ["events", "--format", "json"],
                    ["stories", "--format", "jsonl"], ["search", "Moldova", "--format", "json"]):
        out = run_cli(*command, "--db", pg_url)
        assert out.returncode == 0, (command, out.stderr.decode())
    some = json_lines(run_cli("stories", "--db", pg_url, "--format", "jsonl").stdout)[0]["articles"][0]["id"]
    shown = run_cli("show", some[:8], "--db", pg_url, "--format", "json")
    assert shown.returncode == 0 and json_lines(shown.stdout.replace(b"\n", b" "))[0]["id"] == some
    bad = run_cli("stats", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert bad.returncode == 2 and "cannot connect" in bad.stderr.decode()
