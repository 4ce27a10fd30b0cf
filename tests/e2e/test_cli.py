"""The CLI as a user runs it: a real subprocess, real files, a real SQLite file, a local HTTP server."""

import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import EXAMPLES, run_cli


def test_analyze_seed_json(seed_path):
    r = run_cli("analyze", seed_path, "--format", "json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["title"].startswith("Kim l-a invitat pe Putin")
    assert d["published"] is None and len(d["body"]) == 7 and d["site"] == "Digi24"
    assert d["language"]["code"] == "ro" and d["editors"] == ["G.M."]


def test_analyze_many_inputs_jsonl_in_order():
    inputs = [EXAMPLES / "en-port-strike.txt", EXAMPLES / "ro-summit-energie.html", EXAMPLES / "mixed-records.jsonl"]
    r = run_cli("analyze", *inputs, "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert [x["source"]["input"].split("/")[-1] for x in lines] == [
        "en-port-strike.txt", "ro-summit-energie.html", "mixed-records.jsonl:1", "mixed-records.jsonl:2"]


def test_analyze_markdown_and_published():
    r = run_cli("analyze", EXAMPLES / "mixed-records.jsonl", "--format", "markdown")
    assert r.returncode == 0 and b"# Ministerul Educa" in r.stdout
    assert b"\n## Entities\n" in r.stdout  # the language stages' findings, not only the structure


def test_published_flag(tmp_path):
    p = tmp_path / "n.txt"
    p.write_text("A headline without a date\nA paragraph long enough to be the body of this article, really.")
    d = json.loads(run_cli("analyze", p, "--published", "2023-09-14").stdout)
    assert d["published"]["value"] == "2023-09-14" and d["published"]["source"] == "user"


def bad_inputs(tmp_path):
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "empty.txt").write_bytes(b"")
    with (tmp_path / "huge.txt").open("wb") as fh:
        fh.truncate(200 * 2**20)
    (tmp_path / "broken.html").write_bytes(b"<html><body><div><<<>>></div><script>x</script>")
    (tmp_path / "undecodable.txt").write_bytes(b"\xff\xfe\xfa" + bytes([0x81, 0x8d, 0x8f, 0x90, 0x9d]) * 3000)
    return ["binary.html", "empty.txt", "huge.txt", "broken.html", "undecodable.txt", "does-not-exist.txt"]


def test_analyze_bad_inputs_one_line_each(tmp_path):
    names = bad_inputs(tmp_path)
    for name in names:
        r = run_cli("analyze", tmp_path / name)
        assert r.returncode != 0, name
        err = r.stderr.decode().strip().splitlines()
        assert len(err) == 1 and name in err[0] and "error" in err[0], (name, err)
        assert b"Traceback" not in r.stderr


def test_ingest_records_failures_and_goes_on(tmp_path):
    names = bad_inputs(tmp_path)
    db = tmp_path / "t.db"
    r = run_cli("ingest", *(tmp_path / n for n in names), EXAMPLES, "--db", db, "--quiet")
    assert r.returncode == 0, r.stderr
    assert "stored: 6" in r.stdout.decode() and "failed: 6" in r.stdout.decode()
    stats = json.loads(run_cli("stats", "--db", db, "--failures").stdout)
    assert stats["articles"] == 6 and stats["failures"] == 6
    assert {f["input"].split("/")[-1] for f in stats["failure_list"]} == set(names)


def test_ingest_search_show_jobs(tmp_path):
    db = tmp_path / "s.db"
    r = run_cli("ingest", EXAMPLES, "--db", db, "--jobs", "2", "--quiet")
    assert "stored: 6" in r.stdout.decode(), r.stderr
    r = run_cli("search", "presedintele OR ministrii", "--db", db, "--lang", "ro", "--format", "json")
    hits = json.loads(r.stdout)
    assert hits and all(h["language"] == "ro" for h in hits)
    r = run_cli("show", hits[0]["id"][:8], "--db", db, "--format", "json")
    assert json.loads(r.stdout)["id"] == hits[0]["id"]
    assert run_cli("show", "nope", "--db", db).returncode == 1
    assert run_cli("search", "x", "--db", tmp_path / "missing.db").returncode == 2


def test_events_and_quotes_as_csv_tables(tmp_path):
    import csv
    import io

    db = tmp_path / "c.db"
    run_cli("ingest", EXAMPLES, "--db", db, "--quiet")
    events = json.loads(run_cli("events", "--db", db, "--format", "json", "--limit", "0").stdout)
    r = run_cli("events", "--db", db, "--format", "csv", "--limit", "0")
    rows = list(csv.DictReader(io.StringIO(r.stdout.decode())))
    assert r.returncode == 0 and events and len(rows) == len(events)
    assert list(rows[0])[:4] == ["date", "source_name", "source_id", "source_code"] and "sentence" in rows[0]
    assert rows[0]["plover"] == events[0]["plover"] and rows[0]["negated"] in ("0", "1")
    assert all(row["sentence"] and row["article_id"] for row in rows)  # each event with its evidence sentence
    quotes = json.loads(run_cli("quotes", "--db", db, "--format", "json", "--limit", "0").stdout)
    rows = list(csv.DictReader(io.StringIO(run_cli("quotes", "--db", db, "--format", "csv", "--limit", "0")
                                            .stdout.decode())))
    assert len(rows) == len(quotes) and {r["text"] for r in rows} == {q["text"] for q in quotes}
    assert len(json.loads(run_cli("quotes", "--db", db, "--format", "json", "--limit", "2").stdout)) == 2


@pytest.fixture
def http_server():
    handler = partial(SimpleHTTPRequestHandler, directory=str(EXAMPLES))
    handler.log_message = lambda *a: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_fetch_url_from_local_server(http_server):
    r = run_cli("analyze", f"{http_server}/ro-summit-energie.html", "--format", "json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["source"]["url"].endswith("/ro-summit-energie.html") and d["published"]["source"] == "json-ld"
    r = run_cli("analyze", f"{http_server}/missing.html")
    assert r.returncode == 1 and b"HTTP 404" in r.stderr


def test_killed_ingest_leaves_consistent_db_and_rerun_completes(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(300):
        (corpus / f"a{i:04d}.txt").write_text(
            f"Știrea numărul {i} despre consiliul local\nPublicat: 1{i % 9} mai 2024\n"
            f"Consiliul local a votat în ședința cu numărul {i} un proiect important pentru oraș, au anunțat oficialii.\n"
            "Proiectul prevede reabilitarea a două școli și a unui parc din centrul orașului până la finalul anului.\n",
            "utf-8")
    db = tmp_path / "k.db"
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--db", str(db), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    count = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            count = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            con.close()
        except sqlite3.Error:
            continue
        if count >= 40:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < count < 300, "the ingest should have been killed part-way"
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    before = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    r = run_cli("ingest", corpus, "--db", db, "--quiet")
    out = r.stdout.decode()
    assert f"stored: {300 - before}" in out and f"unchanged: {before}" in out, out
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 300
    assert con.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'consiliul'").fetchone()[0] == 300


def test_analyze_jsonl_prints_an_error_record_in_place_of_a_failed_input(tmp_path):
    """``analyze --format jsonl`` printed nothing for a failed input: line N must be input N (json too)."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "records.jsonl").write_text(
        '{"text": "Primul titlu\\n\\nUn paragraf destul de lung pentru a fi corpul unui articol de presă."}\n'
        "{not json\n"
        '{"text": "Al doilea titlu\\n\\nÎncă un paragraf destul de lung pentru a fi corpul unui articol."}\n', "utf-8")
    inputs = [EXAMPLES / "en-port-strike.txt", tmp_path / "empty.txt", tmp_path / "missing.html",
              tmp_path / "records.jsonl"]
    expected = ["en-port-strike.txt", "empty.txt", "missing.html", "records.jsonl:1", "records.jsonl:2",
                "records.jsonl:3"]
    failed = {"empty.txt", "missing.html", "records.jsonl:2"}
    for fmt in ("jsonl", "json"):
        r = run_cli("analyze", *inputs, "--format", fmt, "--stages", "extract,language")
        assert r.returncode == 1
        out = r.stdout.decode()
        records = [json.loads(x) for x in out.splitlines()] if fmt == "jsonl" else json.loads(out)
        names = [(x["input"] if "error" in x else x["source"]["input"]).rsplit("/", 1)[-1] for x in records]
        assert names == expected, (fmt, names)
        assert {n for n, x in zip(names, records) if "error" in x} == failed
        assert all(set(x) == {"input", "error"} and x["error"] for x in records if "error" in x)
        assert len(r.stderr.decode().strip().splitlines()) == len(failed)
    one = run_cli("analyze", tmp_path / "empty.txt", "--format", "json")
    assert json.loads(one.stdout) == {"input": str(tmp_path / "empty.txt"), "error": "file is empty"}
