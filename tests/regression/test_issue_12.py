"""Issue 12: nothing lost, nothing wrong — identity, transactions, re-ingest, stage and model errors.

Each test is named after a defect the review found; each failed before its fix."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import EXAMPLES, run_cli

from newsgraph import Config, Document, ModelError, Pipeline, Source
from newsgraph.batch import ingest
from newsgraph.identity import article_url, normalize_url
from newsgraph.store import open_store

ARTICLE = ("{title}\n"
           "Publicat: 12 mai 2024\n"
           "{body}\n"
           "Consiliul județean a aprobat bugetul pe anul în curs, după o ședință care a durat aproape patru ore.\n")


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "t.db"))
    yield s
    s.close()


def _page(title: str, body: str, head: str = "") -> str:
    return (f"<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>"
            f"<p>{body}</p><p>Consiliul local a votat proiectul în unanimitate, au anunțat reprezentanții "
            "primăriei, iar lucrările încep la toamnă.</p></article></body></html>")


# ---------------------------------------------------------------- identity
def test_two_dumps_with_the_same_title_are_two_articles(store, tmp_path):
    for name, body in (("a.txt", "Berbec: o zi bună pentru proiecte noi și pentru discuții cu cei apropiați."),
                       ("b.txt", "Taur: evitați deciziile grăbite, mai ales cele care privesc banii familiei.")):
        (tmp_path / name).write_text(ARTICLE.format(title="Horoscop zilnic", body=body), "utf-8")
    summary = ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], store)
    assert summary["stored"] == 2
    assert store.stats()["articles"] == 2


def test_same_article_from_another_path_stays_one(store, tmp_path):
    text = ARTICLE.format(title="Bugetul județului, aprobat", body="Consilierii au votat luni seara bugetul.")
    (tmp_path / "one.txt").write_text(text, "utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "copy.txt").write_text(text, "utf-8")
    summary = ingest([str(tmp_path / "one.txt"), str(tmp_path / "sub" / "copy.txt")], store)
    assert (summary["stored"], summary["unchanged"]) == (1, 1)


def test_tracking_parameters_do_not_make_a_second_article(store, tmp_path):
    records = [{"url": f"https://www.example.ro/stiri/buget-2024{suffix}",
                "text": ARTICLE.format(title="Bugetul județului, aprobat", body="Consilierii au votat bugetul.")}
               for suffix in ("", "?utm_source=facebook&utm_medium=social", "/?fbclid=IwAR0abc#comments")]
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    ingest([str(path)], store)
    assert store.stats()["articles"] == 1


def test_canonical_link_identifies_saved_pages(store, tmp_path):
    canonical = '<link rel="canonical" href="https://www.example.ro/stiri/buget-2024?utm_campaign=x">'
    (tmp_path / "saved-1.html").write_text(_page("Bugetul, aprobat", "Consilierii au votat bugetul luni.", canonical))
    (tmp_path / "saved-2.html").write_text(_page("Bugetul, aprobat (actualizat)",
                                                 "Consilierii au votat bugetul luni seara.", canonical))
    summary = ingest([str(tmp_path)], store)
    assert (summary["stored"], summary["updated"]) == (1, 1)
    [doc] = [store.get(h.id) for h in store.search(None)]
    assert doc.url == "https://www.example.ro/stiri/buget-2024"


def test_canonical_link_to_the_home_page_is_not_an_identity(store, tmp_path):
    home = '<meta property="og:url" content="https://www.example.ro/">'
    (tmp_path / "x.html").write_text(_page("Primul articol", "Primăria a anunțat lucrări noi pe strada Mare.", home))
    (tmp_path / "y.html").write_text(_page("Al doilea articol", "Spitalul județean primește aparatură nouă.", home))
    assert ingest([str(tmp_path)], store)["stored"] == 2


def test_canonical_url_rules():
    assert normalize_url("HTTPS://WWW.Example.ro:443/a/b/?utm_source=x&b=2&a=1#top") == "https://www.example.ro/a/b?a=1&b=2"
    assert normalize_url("not a url") is None and normalize_url("/relative/path") is None
    # relative canonical links resolve against the page URL; another site's canonical is a syndication partner's
    assert article_url("https://example.ro/x?utm_term=1", "/stiri/x") == "https://example.ro/stiri/x"
    assert article_url("https://partner.ro/copie", "https://original.ro/stire") == "https://partner.ro/copie"
    assert article_url(None, "https://original.ro/stire") == "https://original.ro/stire"


def test_v3_store_is_migrated_to_new_ids_and_url_variants_merge(tmp_path):
    from newsgraph.store.migrations import LATEST, MIGRATIONS

    path = tmp_path / "v3.db"
    con = sqlite3.connect(path)
    for script in MIGRATIONS[:3]:
        con.executescript(script)
    con.execute("PRAGMA user_version=3")
    for n, (url, updated) in enumerate((("https://e.ro/a?utm_source=x", "2024-01-01"), ("https://e.ro/a", "2024-02-01"),
                                        (None, "2024-03-01"))):
        doc = Document(source=Source.make(f"in{n}", "text", "raw", url=url), title="Același titlu", body=[f"Corp {n}."])
        rec = doc.to_dict(include_raw=False)
        rec.pop("url")  # a v3 record has no article URL
        old_id = f"old{n}"
        rec["id"] = old_id
        con.execute("INSERT INTO articles (id, url, input, title, text, site, version_hash, record, first_seen,"
                    " updated_at) VALUES (?, ?, ?, ?, ?, NULL, 'v', ?, ?, ?)",
                    (old_id, url, f"in{n}", doc.title, doc.text, json.dumps(rec), updated, updated))
        con.execute("INSERT INTO events (article_id, n, plover, date, published, record) VALUES (?, 0, 'CONSULT', ?,"
                    " NULL, '{}')", (old_id, "2023-W37"))
    con.commit()
    con.close()
    store = open_store(str(path))
    assert store.schema_version == LATEST
    rows = store.conn.execute("SELECT id, text, record FROM articles ORDER BY text").fetchall()
    assert [r["text"] for r in rows] == ["Corp 1.", "Corp 2."]  # the two URL variants are one: the later stays
    for r in rows:
        assert json.loads(r["record"])["id"] == r["id"] and not r["id"].startswith("old")
    events = store.conn.execute("SELECT article_id, day_start, day_end FROM events ORDER BY article_id").fetchall()
    assert {e["article_id"] for e in events} == {r["id"] for r in rows}
    assert {(e["day_start"], e["day_end"]) for e in events} == {("2023-09-11", "2023-09-17")}
    store.close()


# ---------------------------------------------------------------- transactions
def test_failure_inside_a_write_leaves_no_half_written_article(store, monkeypatch):
    doc = Pipeline(Config(), stages=("extract", "language"))(
        Source.make("a.txt", "text", ARTICLE.format(title="Titlu", body="Un paragraf destul de lung pentru corp.")))
    doc.entities = [{"id": "org:x", "name": "X", "type": "ORG", "mentions": [
        {"text": "X", "start": 0, "end": 1, "sentence": 0}]}]
    real = store._put_enrichment

    def broken(*args):
        real(*args)
        raise KeyboardInterrupt  # Ctrl-C after the mentions were written, before the commit

    monkeypatch.setattr(store, "_put_enrichment", broken)
    with pytest.raises(KeyboardInterrupt):
        store.put(doc)
    assert store.conn.in_transaction is False
    for table in ("articles", "mentions", "entities"):
        assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    monkeypatch.undo()
    assert store.put(doc) == "stored"  # the re-run repairs it (it is not "unchanged")
    assert store.conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == 1


def test_no_transaction_is_held_while_documents_are_analysed(store, tmp_path):
    """Another writer (a second ingest, the web API) can write between any two articles of a running ingest."""
    other = sqlite3.connect(store.path, timeout=0)
    seen = []

    def between(item, outcome):
        seen.append(store.conn.in_transaction)
        other.execute("INSERT INTO failures (input, error, at) VALUES (?, 'x', 'now')", (f"other-{len(seen)}",))
        other.commit()  # would raise "database is locked" at once if the ingest held its write lock

    ingest([str(EXAMPLES)], store, on_result=between, stages=("extract", "language"))
    assert seen and not any(seen)
    other.close()


def test_bad_jsonl_record_is_one_failure_between_stored_neighbours(store, tmp_path):
    good = {"text": ARTICLE.format(title="Primul titlu", body="Primul corp de articol, destul de lung.")}
    also = {"text": ARTICLE.format(title="Al treilea titlu", body="Al treilea corp de articol, tot lung.")}
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(good) + "\n{broken json\n" + json.dumps(also) + "\n", "utf-8")
    summary = ingest([str(path)], store, stages=("extract", "language"))
    assert (summary["stored"], summary["failed"]) == (2, 1)
    assert [f["input"] for f in store.failures()] == [f"{path}:2"]
    assert "invalid JSON" in store.failures()[0]["error"]


# ---------------------------------------------------------------- re-ingest
def test_unchanged_inputs_are_skipped_before_any_analysis(store, monkeypatch):
    assert ingest([str(EXAMPLES)], store)["stored"] == 6
    from newsgraph.pipeline import STAGES

    calls = []
    real, requires, assigns = STAGES["extract"]
    monkeypatch.setitem(STAGES, "extract", (lambda doc, ctx: calls.append(doc) or real(doc, ctx), requires, assigns))
    again = ingest([str(EXAMPLES)], store)
    assert again["unchanged"] == 6 and calls == []
    # another configuration (here: other stages) is another analysis: analysed again, found unchanged
    third = ingest([str(EXAMPLES)], store, stages=("extract", "language"))
    assert len(calls) == 6 and third["unchanged"] == 6
    # --reanalyze analyses everything again
    assert ingest([str(EXAMPLES)], store, refresh=True)["updated"] == 6


# ---------------------------------------------------------------- silent wrong answers
def test_event_dates_of_mixed_granularity_filter_and_sort_as_intervals(store):
    doc = Document(source=Source.make("e.txt", "text", "e", url="https://e.ro/ev"), title="T", body=["Corp."])
    doc.events = [{"plover": "CONSULT", "cameo": "040", "date": d, "source": {"name": n}, "target": {}}
                  for n, d in (("week", "2023-W37"), ("month", "2023-09"), ("year", "2019"), ("day", "2023-09-20"))]
    store.put(doc)
    assert [e["source"]["name"] for e in store.events()] == ["day", "week", "month", "year"]
    assert {e["source"]["name"] for e in store.events(since="2023-09-15")} == {"day", "week", "month"}
    assert {e["source"]["name"] for e in store.events(since="2020-01-01")} == {"day", "week", "month"}


def test_intervals():
    from newsgraph.intervals import interval

    assert interval("2023-09-13") == ("2023-09-13", "2023-09-13")
    assert interval("2023-09-13T10:30:00+03:00") == ("2023-09-13", "2023-09-13")
    assert interval("2024-02") == ("2024-02-01", "2024-02-29")
    assert interval("2023-Q4") == ("2023-10-01", "2023-12-31")
    assert interval("201") == ("2010-01-01", "2019-12-31")
    assert interval("2023-13") is None and interval("P3D") is None and interval(None) is None


def test_stdin_over_the_limit_is_an_error_not_a_truncated_article():
    text = ARTICLE.format(title="Titlu", body="Un corp de articol. " * 200).encode()
    r = run_cli("analyze", "-", "--max-bytes", "1000", "--stages", "structure", input=text)
    assert r.returncode != 0
    assert b"<stdin>" in r.stderr and b"limit" in r.stderr


def test_stage_list_missing_a_requirement_is_refused():
    with pytest.raises(ValueError, match=r"stage 'events' needs nlp.*extract,language,nlp,events"):
        Pipeline(Config(), stages=("extract", "events"))
    r = run_cli("analyze", str(EXAMPLES / "en-port-strike.txt"), "--stages", "extract,events")
    assert r.returncode != 0 and b"needs nlp" in r.stderr
    # a list that starts later runs on prepared documents, and says so when given raw sources
    source = Source.make("a.txt", "text", ARTICLE.format(title="Titlu", body="Primarul a anunțat lucrări noi."))
    prepared = Pipeline(Config(), stages=("extract", "language"))(source)
    assert Pipeline(Config(), stages=("nlp", "entities"))(prepared).sentences
    with pytest.raises(ValueError, match="starts at stage 'nlp'"):
        Pipeline(Config(), stages=("nlp", "entities"))(source)


def test_value_error_in_a_stage_names_the_stage(tmp_path):
    from newsgraph.errors import InputError

    doc = Source.make("a.txt", "text", "Titlu\nUn corp de articol destul de lung, fără nicio dată în el.\n")
    with pytest.raises(InputError, match=r"a\.txt: stage 'extract': --published 'someday' is not a date"):
        Pipeline(Config(published="someday"), stages=("extract",))(doc)


def test_default_model_that_fails_to_load_is_an_error_not_a_blank_pipeline(tmp_path, monkeypatch):
    import newsgraph.lang as lang

    broken = tmp_path / "broken_model"
    broken.mkdir()
    (broken / "config.cfg").write_text("[nlp]\nlang = \"ro\"\npipeline = [\"ner\"]\n")
    monkeypatch.setattr(lang, "MODELS_DIR", tmp_path)
    monkeypatch.setitem(lang.DEFAULTS, "ro", "broken_model")
    lang.load.cache_clear()
    try:
        with pytest.raises(ModelError, match="broken_model"):
            lang.load("ro")
        source = Source.make("a.txt", "text", ARTICLE.format(title="Titlu", body="Un corp de articol destul de lung."),
                             hints={"language": "ro"})
        with pytest.raises(ModelError):  # not an InputError: a broken install stops the run, it is not bad input
            list(Pipeline(Config()).pipe([source]))
    finally:
        lang.load.cache_clear()


# ---------------------------------------------------------------- interruption
def _corpus(folder, n: int):
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:04d}.txt").write_text(
            f"Consiliul local din orașul {i} a votat bugetul\nPublicat: 1{i % 9} mai 2024\n"
            f"Primarul Ion Popescu a anunțat că proiectul numărul {i} va fi finanțat de Ministerul Dezvoltării.\n"
            f"„Vom începe lucrările în iunie”, a declarat Ion Popescu, potrivit Agerpres.\n", "utf-8")


def _counts(db) -> tuple:
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    counts = tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                   for t in ("articles", "mentions", "quotes", "events", "entities", "failures"))
    con.close()
    return counts


@pytest.mark.parametrize("signum", ["SIGINT", "SIGTERM"])
def test_ctrl_c_then_rerun_equals_a_clean_run(tmp_path, signum):
    import signal
    import subprocess
    import sys
    import time

    corpus = tmp_path / "corpus"
    _corpus(corpus, 80)
    clean = tmp_path / "clean.db"
    assert run_cli("ingest", corpus, "--db", clean, "--quiet").returncode == 0
    db = tmp_path / "i.db"
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--db", str(db), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    count, deadline = 0, time.time() + 120
    while time.time() < deadline and proc.poll() is None and count < 15:
        time.sleep(0.05)
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            count = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            con.close()
        except sqlite3.Error:
            continue
    proc.send_signal(getattr(signal, signum))
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out, err)
    assert b"interrupted" in err and b"run the same command again" in err
    partial = _counts(db)
    assert 0 < partial[0] < 80, "the ingest should have been stopped part-way"
    rerun = run_cli("ingest", corpus, "--db", db, "--quiet")
    assert f"unchanged: {partial[0]}".encode() in rerun.stdout, rerun.stdout
    assert _counts(db) == _counts(clean)
