"""Stories through the real pipeline and the store: ingest places articles (copies linked, languages joined,
unrelated and later stories apart), re-ingest and rebuild keep the ids, and the CLI, Python API and web pages
show them."""

import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import FIXTURES

STORY_FIXTURE = FIXTURES / "stories" / "power-line.jsonl"
URLS = {
    "original": "https://meridian.example/ro/interconector-iasi-chisinau",
    "copy": "https://gazetadevest.example/economie/linie-electrica-400-kv",
    "english": "https://danube-observer.example/en/romania-moldova-power-line",
    "grain": "https://danube-observer.example/en/constanta-port-grain",
    "later": "https://meridian.example/ro/linie-iasi-chisinau-inaugurata",
}


def placed(store) -> dict[str, dict]:
    rows = store.sql.rows("SELECT a.url, m.story_id, m.copy_of, o.url AS original FROM story_members m"
                          " JOIN articles a ON a.id = m.article_id LEFT JOIN articles o ON o.id = m.copy_of")
    names = {url: name for name, url in URLS.items()}
    return {names[r["url"]]: {"story": r["story_id"], "copy_of": names.get(r["original"])} for r in rows}


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def db(request, tmp_path_factory):
    """The story fixture ingested with stories on: a SQLite file, or a PostgreSQL database (NEWSGRAPH_TEST_PG)."""
    from conftest import fresh_pg_database

    from newsgraph.batch import ingest
    from newsgraph.store import open_store

    def fill(location):
        with open_store(location) as store:
            summary = ingest([str(STORY_FIXTURE)], store)
            assert summary["stored"] == 5 and summary["failed"] == 0
        return location

    if request.param == "sqlite":
        yield fill(str(tmp_path_factory.mktemp("stories") / "stories.db"))
        return
    with fresh_pg_database() as url:
        yield fill(url)


def test_ingest_groups_one_event_across_languages_and_links_the_wire_copy(db):
    from newsgraph.store import open_store

    with open_store(str(db), readonly=True) as store:
        p = placed(store)
        assert p["original"]["story"] == p["copy"]["story"] == p["english"]["story"]
        assert p["copy"]["copy_of"] == "original" and p["original"]["copy_of"] is None
        assert p["english"]["copy_of"] is None
        assert p["grain"]["story"] != p["original"]["story"]  # same day, same site as the English article
        assert p["later"]["story"] != p["original"]["story"]  # same places and names, eight months later
        [story] = [s for s in store.stories(limit=10) if s["size"] == 3]
        assert story["id"] == store.sql.value("SELECT id FROM articles WHERE url = ?",
                                              (URLS["original"],))  # its first article's id
        assert story["languages"] == ["en", "ro"] and story["first_seen"].startswith("2025-03-12T10:00")
        assert story["title"] and story["title"] != "Acord semnat la Chișinău"  # a copy's headline is never the title
        assert {e["id"] for e in story["entities"]} >= {"country:ROU", "country:MDA"}
        assert set(story["articles"][0]) == {"id", "url", "title", "site", "language", "published", "copy_of",
                                             "similarity"}
        assert store.stories(entity="country:MDA", limit=10) and not store.stories(entity="nobody-at-all")
        assert [s["id"] for s in store.stories(since="2025-11-01")] == [p["later"]["story"]]


def test_reingest_and_rebuild_keep_story_ids(db, tmp_path):
    from newsgraph.batch import ingest
    from newsgraph.store import open_store

    if db.startswith("postgresql://"):
        copy = db  # re-ingesting leaves everything as it was: the shared database may take it
    else:
        copy = tmp_path / "copy.db"
        copy.write_bytes(Path(db).read_bytes())
    with open_store(str(copy)) as store:
        before = placed(store)
        again = ingest([str(STORY_FIXTURE)], store, refresh=True)  # analysed and stored again
        assert again["updated"] == 5
        assert placed(store) == before
        with store.transaction():
            assert store.rebuild_stories() == 5
        assert placed(store) == before


def test_ingest_without_stories_writes_none(db_location):
    from newsgraph.batch import ingest
    from newsgraph.store import open_store

    with open_store(db_location) as store:
        ingest([str(STORY_FIXTURE)], store, stages=("extract", "language"), stories=False)
        assert store.sql.value("SELECT count(*) AS n FROM story_members") == 0
        assert store.stories() == []


def run_cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "newsgraph", *args], capture_output=True, text=True, input=stdin,
                          timeout=300)


def test_cli_stories_and_similarity(db, tmp_path):
    out = run_cli("stories", "--db", db, "--format", "jsonl", "--min-size", "2")
    assert out.returncode == 0, out.stderr
    [line] = out.stdout.splitlines()
    story = json.loads(line)
    assert {"id", "title", "articles", "entities", "first_seen", "last_seen"} <= set(story)
    assert sum(1 for a in story["articles"] if a["copy_of"]) == 1
    text = run_cli("stories", "--db", db, "--entity", "Moldova")
    assert text.returncode == 0 and "copy of" in text.stdout and "[en, ro]" in text.stdout
    assert run_cli("stories", "--db", str(tmp_path / "missing.db")).returncode == 2

    records = [json.loads(x) for x in STORY_FIXTURE.read_text("utf-8").splitlines()]
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join([
        json.dumps({"id": "same", "a": {k: records[0][k] for k in ("title", "text")},
                    "b": {"title": records[2]["title"], "text": records[2]["text"], "language": "en"}}),
        json.dumps({"id": "other", "a": {"text": records[2]["text"]}, "b": {"text": records[3]["text"]}}),
        "{not json",
        json.dumps({"id": "empty", "a": {"text": " "}, "b": {"text": "x"}}),
    ]) + "\n", "utf-8")
    out = run_cli("similarity", "--input", str(pairs))
    assert out.returncode == 0, out.stderr
    rows = {r["id"]: r for r in map(json.loads, out.stdout.splitlines())}
    assert rows["same"]["same_story"] is True and rows["same"]["similarity"] > 0.5
    assert rows["other"]["same_story"] is False and rows["other"]["similarity"] < 0.5
    assert "pairs.jsonl:3: not JSON" in rows["line 3"]["error"]
    assert "non-empty 'text'" in rows["empty"]["error"]
    assert "2 pair(s) could not be scored" in out.stderr


def test_python_api(db):
    import newsgraph

    stories = newsgraph.list_stories(db, entity="country:MDA")
    assert stories and stories[0]["size"] >= 1
    with pytest.raises(ValueError, match="non-empty 'text'"):
        newsgraph.story_similarity({"text": ""}, {"text": "x"})


def test_web_story_pages(db):
    from fastapi.testclient import TestClient

    from newsgraph.serve import create_app

    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        home = c.get("/")
        assert home.status_code == 200 and "story-link" in home.text
        listing = c.get("/stories.json").json()
        [story] = listing["stories"]  # stories of two or more articles by default
        sid = story["id"]
        page = c.get(f"/stories/{sid}")
        assert page.status_code == 200
        assert 'data-language="en"' in page.text and 'data-language="ro"' in page.text
        assert "1 copy elsewhere" in page.text  # the wire copy folded under its original
        twin = c.get(f"/stories/{sid}.json").json()["story"]
        assert twin["id"] == sid and len(twin["articles"]) == 3 and "groups_html" not in twin
        assert all("copies" not in a for a in twin["articles"])
        assert isinstance(twin["events"], list)
        feed = c.get(f"/stories/{sid}.atom")
        assert feed.headers["content-type"].startswith("application/atom+xml")
        entries = ET.fromstring(feed.content).findall("{http://www.w3.org/2005/Atom}entry")
        assert len(entries) == 3
        english = next(a for a in twin["articles"] if a["language"] == "en")
        article = c.get(f"/articles/{english['id']}")
        assert "Same story elsewhere" in article.text and f"/stories/{sid}" in article.text
        assert c.get(f"/articles/{english['id']}.json").json()["article"]["same_story"]["id"] == sid
        assert c.get("/stories/0000000000000000").status_code == 404
        assert c.get("/stories/not-an-id").status_code == 422
        assert c.get("/stories.json?since=yesterday").status_code == 422
