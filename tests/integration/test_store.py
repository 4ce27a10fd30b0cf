import json
import sqlite3

import pytest
from conftest import EXAMPLES, sql_rows

from newsgraph import Config, Document, Pipeline, Source, StoreError
from newsgraph.batch import ingest
from newsgraph.store import open_store
from newsgraph.store.migrations import LATEST
from newsgraph.store.sqlite import fts_query


@pytest.fixture
def store(db_location):
    s = open_store(db_location)
    yield s
    s.close()


def test_ingest_is_idempotent_and_updates(store, tmp_path):
    first = ingest([str(EXAMPLES)], store)
    assert first["stored"] == 6 and first["failed"] == 0
    again = ingest([str(EXAMPLES)], store)
    assert again["unchanged"] == 6 and again["stored"] == 0
    # An article with a URL is one article across versions: a changed text updates it.
    [record] = [json.loads(line) for line in (EXAMPLES / "mixed-records.jsonl").read_text("utf-8").splitlines()
                if "scoala-digitala" in line]
    record["text"] = record["text"].replace("Peste 2.000", "Peste 2.500")
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    third = ingest([str(changed)], store)
    assert third["updated"] == 1
    assert store.stats()["articles"] == 6
    [hit] = store.search("2.500 școli")
    assert "Peste 2.500" in store.get(hit.id).body[0]


def test_text_without_url_is_known_by_its_content(store, tmp_path):
    """Without a URL an article is its content: an edited copy is another article (nothing says it is the same
    one), the same text from another path is the same article."""
    ingest([str(EXAMPLES / "ro-inundatii-moldova.txt")], store)
    edited = tmp_path / "edited.txt"
    edited.write_text((EXAMPLES / "ro-inundatii-moldova.txt").read_text("utf-8").replace("Peste 300", "Peste 350"))
    copy = tmp_path / "copy.txt"
    copy.write_text((EXAMPLES / "ro-inundatii-moldova.txt").read_text("utf-8"))
    assert ingest([str(edited)], store)["stored"] == 1
    assert ingest([str(copy)], store)["unchanged"] == 1
    assert store.stats()["articles"] == 2


def test_search_without_diacritics_and_filters(store):
    ingest([str(EXAMPLES)], store)
    assert store.search("inundatii")[0].title.startswith("Inundații")
    assert store.search("Inundații")[0].title.startswith("Inundații")
    assert store.search("ministrii")  # "Miniștrii" (comma-below) without diacritics
    assert {h.language for h in store.search(None, lang="en", limit=50)} == {"en"}
    assert store.search(None, since="2024-05-01", until="2024-06-30", limit=50)
    assert all("2024-05" <= h.published[:7] <= "2024-06" for h in store.search(None, since="2024-05-01", until="2024-06-30"))
    assert store.search("coalition", site="the harbour herald")
    assert store.search('"quoted phrase" AND ) ( NEAR *') == []  # user syntax is never FTS syntax


def test_cedilla_and_comma_below_find_each_other(store):
    doc = Pipeline(Config())(Source.make("c.txt", "text", "Ştiri din ţară\nPreşedintele a vorbit despre ţara noastră şi despre şcoli, pe larg."))
    store.put(doc)
    assert store.search("președintele") and store.search("presedintele") and store.search("Preşedintele")


def test_failures_are_recorded_and_cleared(store, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    summary = ingest([str(bad), str(EXAMPLES / "en-port-strike.txt")], store)
    assert summary["failed"] == 1 and summary["stored"] == 1
    assert store.failures()[0]["input"] == str(bad)
    bad.write_text("A title for the fixed file\nNow it holds a paragraph that is long enough to be a body, finally.")
    ingest([str(bad)], store)
    assert store.failures() == []


def test_fts_query_is_safe():
    assert fts_query('putin "coreea de nord" kim*') == '"putin" "coreea de nord" "kim"*'
    assert fts_query("a OR b") == '"a" OR "b"'
    assert fts_query("OR") == '"OR"'  # a lone operator is a word
    assert fts_query("a OR") == '"a"'


def test_schema_version_and_future_schema(tmp_path):
    path = tmp_path / "v.db"
    s = open_store(str(path))
    assert s.schema_version == LATEST
    assert "field" in {r[1] for r in s.conn.execute("PRAGMA table_info(mentions)")}
    assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    s.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version=99")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(str(path))


def test_readonly_store_refuses_writes(tmp_path):
    path = tmp_path / "r.db"
    open_store(str(path)).close()
    ro = open_store(str(path), readonly=True)
    doc = Document(source=Source.make("x", "text", "x"), title="x", body=["x"])
    with pytest.raises(StoreError, match="read-only"):
        ro.put(doc)


def test_entities_quotes_events_are_stored_and_replaced(store):
    doc = Document(source=Source.make("e.txt", "text", "e", url="https://example.org/kim-putin"),
                   title="Kim meets Putin", body=["Kim met Putin."])
    doc.entities = [
        {"id": "person:vladimir-putin", "name": "Vladimir Putin", "type": "PERSON", "code": "RUSGOV",
         "mentions": [{"text": "Putin", "start": 8, "end": 13, "sentence": 0, "label": "PERSON"}]},
    ]
    doc.quotes = [{"text": "We will win", "start": 0, "end": 11, "speaker": "Vladimir Putin",
                   "speaker_id": "person:vladimir-putin", "verb": "said", "via": None}]
    doc.events = [{"source": {"name": "Kim Jong Un", "code": "PRKGOV"}, "target": {"name": "Vladimir Putin",
                   "id": "person:vladimir-putin", "code": "RUSGOV"}, "plover": "CONSULT", "cameo": "040",
                   "date": "2023-09-13", "negated": False, "hypothetical": False,
                   "evidence": {"sentence": 0, "start": 0, "end": 14}},
                  {"source": {"name": "Kim Jong Un", "code": "PRKGOV"}, "target": {"name": "Vladimir Putin",
                   "id": "person:vladimir-putin", "code": "RUSGOV"}, "plover": "CONSULT", "cameo": "040",
                   "date": "2023-09-13", "negated": False, "hypothetical": False,  # a headline event: no body offsets
                   "evidence": {"part": "title", "sentence": 0, "text": "Kim meets Putin", "start": None, "end": None}}]
    store.put(doc)

    def q(sql):
        return sql_rows(store, sql)

    assert q("SELECT name, code FROM entities") == [("Vladimir Putin", "RUSGOV")]
    assert q("SELECT count(*) FROM mentions") == [(1,)]
    assert q("SELECT speaker_entity FROM quotes") == [("person:vladimir-putin",)]
    assert q("SELECT plover, target_entity FROM events") == [("CONSULT", "person:vladimir-putin")] * 2
    assert sorted(q("SELECT evidence FROM events")) == [("Kim meets Putin",), ("Kim met Putin.",)]
    doc.events.pop()
    doc.body.append("Changed.")
    doc.entities[0]["mentions"].append({"text": "Vladimir Putin", "start": 20, "end": 34, "sentence": 1})
    assert store.put(doc) == "updated"
    assert q("SELECT count(*) FROM mentions") == [(2,)]
    assert q("SELECT count(*) FROM events") == [(1,)]
    aliases = json.loads(q("SELECT aliases FROM entities")[0][0])
    assert sorted(a["text"] for a in aliases) == ["Putin", "Vladimir Putin"]
    assert [x["text"] for x in store.quotes(speaker="Putin")] == ["We will win"]
    assert store.quotes(speaker="Kim") == []
    [event] = store.events(actor="Kim Jong Un", type="CONSULT")
    assert event["cameo"] == "040" and event["title"] == "Kim meets Putin"
    assert store.events(type="ASSAULT") == [] and len(store.events(actor="RUSGOV")) == 1


def test_title_only_entity_links_the_article(db_location):
    from newsgraph import Config, Pipeline, Source

    text = ("Agerpres: the port strike in Constanta ends after two days\n"
            "Dock workers returned to the container terminal on Wednesday morning after the union and the operators "
            "signed an agreement on the new cranes.\n"
            "The agreement guarantees that no jobs will be cut before the end of next year, the union said.\n")
    doc = Pipeline(Config(published="2024-06-05"))(Source.make("t.txt", "text", text))
    agerpres = next(e for e in doc.entities if e["id"] == "org:agerpres")
    assert agerpres["mentions"] == [] and agerpres["title_mentions"][0]["text"] == "Agerpres"
    title_mention = agerpres["title_mentions"][0]
    assert doc.title[title_mention["start"]:title_mention["end"]] == "Agerpres"
    store = open_store(db_location)
    store.put(doc)
    assert [h.id for h in store.search(entity="Agerpres")] == [doc.id]
    assert sql_rows(store, "SELECT field, text FROM mentions WHERE entity_id = 'org:agerpres'") == [("title", "Agerpres")]
    store.close()


def test_version_2_database_is_migrated(tmp_path):
    from newsgraph.store.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    for script in MIGRATIONS[:2]:
        con.executescript(script)
    con.execute("PRAGMA user_version=2")
    con.commit()
    con.close()
    store = open_store(str(path))
    assert store.schema_version == LATEST
    assert "field" in {r[1] for r in store.conn.execute("PRAGMA table_info(mentions)")}
