"""The HTTP API and web pages through an in-process ASGI client: every route, HTML and JSON (``.json`` suffix
and ``Accept`` header) from one data path, bad parameters answered 4xx (never 500), untrusted article text
rendered escaped."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLES

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from newsgraph.document import DateValue, Document, LanguageValue, Source  # noqa: E402

XSS = '<script>alert(1)</script>'


def make_doc(title, body, published, url, entities=(), quotes=(), events=(), lang="en", site="Example News"):
    """A Document with hand-made enrichment; mentions/quotes/events are located by text, offsets computed."""
    doc = Document(source=Source.make(url, "text", title + "\n\n" + "\n\n".join(body), url=url), title=title,
                   published=DateValue(published, "json-ld", 0.95, published) if published else None,
                   site=site, language=LanguageValue(lang, 0.99), body=list(body))
    text = doc.text

    def span(s, nth=0):
        start = -1
        for _ in range(nth + 1):
            start = text.index(s, start + 1)
        return start, start + len(s)

    for eid, name, etype, surfaces in entities:
        mentions = []
        for s in surfaces:
            a, b = span(s)
            mentions.append({"text": s, "start": a, "end": b, "sentence": 0, "label": etype})
        doc.entities.append({"id": eid, "name": name, "type": etype, "code": None, "aliases": [], "mentions": mentions})
    for qtext, speaker, sid in quotes:
        a, b = span(qtext)
        doc.quotes.append({"text": qtext, "start": a, "end": b, "speaker": speaker, "speaker_id": sid, "verb": "said",
                           "via": None, "via_id": None, "sentence": 1})
    for (sname, sid), plover, (tname, tid), evidence in events:
        a, b = span(evidence)
        doc.events.append({"source": {"name": sname, "id": sid, "code": None, "sector": None},
                           "target": {"name": tname, "id": tid, "code": None, "sector": None}, "plover": plover,
                           "mode": None, "cameo": "040", "date": published, "negated": False, "hypothetical": False,
                           "evidence": {"sentence": evidence, "start": a, "end": b}})
    return doc


PUTIN = ("Q7747", "Vladimir Putin", "PERSON")
KIM = ("Q56226", "Kim Jong Un", "PERSON")
VLAD = ("Q959", "Vladivostok", "GPE")


def summit_docs():
    s1 = "Russian President Vladimir Putin met Kim Jong Un in Vladivostok on Wednesday."
    q1 = "We will strengthen our cooperation"
    d1 = make_doc("Putin hosts Kim in Vladivostok", [s1, f'"{q1}," Putin said after the talks.'], "2023-09-13",
                  "https://news.example/putin-kim",
                  entities=[(*PUTIN, ["Vladimir Putin", "Putin"]), (*KIM, ["Kim Jong Un"]), (*VLAD, ["Vladivostok"])],
                  quotes=[(q1, "Vladimir Putin", "Q7747")],
                  events=[(("Vladimir Putin", "Q7747"), "CONSULT", ("Kim Jong Un", "Q56226"), s1)])
    s2 = "Putin accepted an invitation from Kim Jong Un to visit North Korea."
    d2 = make_doc("Putin to visit North Korea", [s2, "The date of the visit was not announced."], "2023-09-14",
                  "https://news.example/putin-visit",
                  entities=[(*PUTIN, ["Putin"]), (*KIM, ["Kim Jong Un"]), ("Q423", "North Korea", "GPE", ["North Korea"])],
                  events=[(("Vladimir Putin", "Q7747"), "AGREE", ("Kim Jong Un", "Q56226"), s2)])
    d3 = make_doc("Putin vizitează Coreea de Nord", ["Președintele Vladimir Putin a acceptat invitația."],
                  "2023-09-14", "https://stiri.example/putin", lang="ro", site="Stiri RO",
                  entities=[(*PUTIN, ["Vladimir Putin"])])
    evil = make_doc(f"Evil {XSS} title", [f"Body with {XSS} and <b>bold</b> & <img src=x onerror=alert(2)> tags.",
                                          "A second paragraph mentioning Vladivostok."], "2023-09-15",
                    "https://evil.example/x", entities=[("Q-evil", f"Evil {XSS}", "ORG", [XSS])],
                    quotes=[("<b>bold</b>", f"<i>{XSS}</i>", None)])
    return d1, d2, d3, evil


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from newsgraph.batch import ingest
    from newsgraph.store import open_store

    path = tmp_path_factory.mktemp("api") / "api.db"
    store = open_store(str(path))
    # The examples bring real entities; events and quotes come only from the hand-made documents below, so the
    # counts asserted here do not depend on the event coder.
    ingest([str(EXAMPLES)], store, stages=("extract", "language", "nlp", "entities"))
    for d in summit_docs():
        store.put(d)
    store.close()
    return path


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def location(request, db):
    """The database every page is read from: the SQLite file, or the same articles in PostgreSQL (when
    NEWSGRAPH_TEST_PG is set): the web layer reads only through the store, so both serve the same pages."""
    if request.param == "sqlite":
        yield str(db)
        return
    from conftest import fresh_pg_database

    from newsgraph.batch import ingest
    from newsgraph.store import open_store

    with fresh_pg_database() as url:
        with open_store(url) as store:
            ingest([str(EXAMPLES)], store, stages=("extract", "language", "nlp", "entities"))
            for d in summit_docs():
                store.put(d)
        yield url


@pytest.fixture(scope="module")
def client(location):
    from newsgraph.serve import create_app

    with TestClient(create_app(location), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def ids():
    return {name: d.id for name, d in zip(("d1", "d2", "d3", "evil"), summit_docs())}


PAGES = ["/", "/search?q=Vladivostok", "/search", "/articles", "/entities", "/entities/Q7747", "/events",
         "/events?actor=Q7747&type=CONSULT"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_html_and_json_from_one_path(client, path):
    html = client.get(path)
    assert html.status_code == 200, html.text
    assert html.headers["content-type"].startswith("text/html")
    assert "<!doctype html>" in html.text and "this page as JSON" in html.text
    base, _, query = path.partition("?")
    suffixed = client.get(("/index" if base == "/" else base) + ".json" + ("?" + query if query else ""))
    accepted = client.get(path, headers={"Accept": "application/json"})
    for r in (suffixed, accepted):
        assert r.status_code == 200 and r.headers["content-type"] == "application/json", r.text
    assert suffixed.json() == accepted.json()
    assert "_html" not in suffixed.text


def test_security_headers_and_no_cors(client):
    r = client.get("/", headers={"Origin": "https://elsewhere.example"})
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "access-control-allow-origin" not in r.headers
    pre = client.options("/search", headers={"Origin": "https://elsewhere.example",
                                              "Access-Control-Request-Method": "GET"})
    assert pre.status_code in (400, 405) and "access-control-allow-origin" not in pre.headers


def test_search_snippets_highlighted_and_filters(client, ids):
    d = client.get("/search.json?q=Vladivostok").json()
    found = [h["id"] for h in d["results"]]
    assert ids["d1"] in found and ids["evil"] in found
    html = client.get("/search?q=Vladivostok").text
    assert "<mark>Vladivostok</mark>" in html
    assert client.get("/search.json?q=Putin&lang=ro").json()["results"][0]["id"] == ids["d3"]
    only = client.get("/search.json?q=Putin&site=Stiri RO").json()["results"]
    assert [h["id"] for h in only] == [ids["d3"]]
    ranged = client.get("/search.json?q=Putin&since=2023-09-14&until=2023-09-14").json()["results"]
    assert {h["id"] for h in ranged} == {ids["d2"], ids["d3"]}
    by_entity = client.get("/search.json?entity=Q56226").json()
    assert {h["id"] for h in by_entity["results"]} == {ids["d1"], ids["d2"]} and by_entity["entity"]["name"] == "Kim Jong Un"
    # empty form fields are "not given"
    assert client.get("/search?q=Putin&lang=&site=&since=&until=&entity=").status_code == 200
    # diacritics optional, as in the CLI
    assert client.get("/search.json?q=viziteaza").json()["results"]


def test_search_paging(client):
    p1 = client.get("/search.json?per_page=2").json()
    p2 = client.get("/search.json?per_page=2&page=2").json()
    assert p1["paging"]["has_next"] and not p1["paging"]["has_prev"] and p2["paging"]["has_prev"]
    assert not {h["id"] for h in p1["results"]} & {h["id"] for h in p2["results"]}
    assert 'rel="next"' in client.get("/search?per_page=2").text


def test_article_page_annotations_provenance(client, ids):
    d = client.get(f"/articles/{ids['d1']}.json").json()["article"]
    assert d["title"] == "Putin hosts Kim in Vladivostok" and d["published"]["source"] == "json-ld"
    assert len(d["entities"]) == 3 and len(d["quotes"]) == 1 and len(d["events"]) == 1
    html = client.get(f"/articles/{ids['d1']}").text
    assert re.search(r'<a class="mention ent-PERSON" href="/entities/Q7747"[^>]*>Vladimir Putin</a>', html)
    assert '<span class="quote"' in html and '<span class="event"' in html
    assert "json-ld" in html and "https://news.example/putin-kim" in html
    # an event sentence containing mentions nests them: the text reads the same with tags stripped
    text = re.search(r'<div class="text" id="text">(.*?)</div>', html, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", text).replace("&#34;", '"') == d["text"]
    # a unique id prefix works too
    assert client.get(f"/articles/{ids['d1'][:8]}.json").json()["article"]["id"] == ids["d1"]


def test_article_boilerplate_collapsed_and_figures(client):
    hits = client.get("/search.json?per_page=100").json()["results"]
    pages = [client.get(f"/articles/{h['id']}") for h in hits]
    assert all(p.status_code == 200 for p in pages)
    assert any('<details class="bp bp-' in p.text and '<span class="kind">' in p.text for p in pages)
    records = [client.get(f"/articles/{h['id']}.json").json()["article"] for h in hits]
    with_figures = [r for r in records if r["figures"]]
    if with_figures:  # the bundled examples carry figures with captions/credits
        page = client.get(f"/articles/{with_figures[0]['id']}").text
        assert "<figure>" in page and "<figcaption>" in page


def test_untrusted_text_is_escaped(client, ids):
    r = client.get(f"/articles/{ids['evil']}")
    assert r.status_code == 200
    assert XSS not in r.text and "<b>bold</b>" not in r.text and "<img src=x" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text and "&lt;b&gt;bold&lt;/b&gt;" in r.text
    # the mention on the script text is a link whose text is escaped
    assert re.search(r'<a class="mention ent-ORG"[^>]*>&lt;script&gt;alert\(1\)&lt;/script&gt;</a>', r.text)
    for path in ("/search?q=Evil", "/search?q=bold", "/entities/Q-evil", "/entities?name=Evil", "/"):
        page = client.get(path).text
        assert XSS not in page and "<b>bold</b>" not in page, path
    # JSON carries the text as data, unchanged
    assert XSS in client.get(f"/articles/{ids['evil']}.json").json()["article"]["text"]
    # a query echoed back is escaped as well
    echoed = client.get("/search", params={"q": '"><script>alert(3)</script>'}).text
    assert "<script>alert(3)" not in echoed


def test_entity_page(client, ids):
    d = client.get("/entities/Q7747.json").json()["entity"]
    assert d["name"] == "Vladimir Putin" and d["counts"] == {"mentions": 4, "articles": 3}
    assert set(d["names"]) == {"en", "ro"} and "Putin" in d["names"]["en"]
    assert [x["day"] for x in d["timeline"]] == ["2023-09-13", "2023-09-14"]
    assert d["quotes"][0]["text"] == "We will strengthen our cooperation"
    assert {e["plover"] for e in d["events"]} == {"CONSULT", "AGREE"}
    names = {n["name"] for n in d["network"]["nodes"]}
    assert {"Vladimir Putin", "Kim Jong Un", "Vladivostok", "North Korea"} <= names
    assert {"source": "Q7747", "target": "Q56226", "weight": 2} in d["network"]["edges"]
    assert any(e["source"] != "Q7747" for e in d["network"]["edges"])  # edges among the neighbours too
    html = client.get("/entities/Q7747").text
    assert 'id="timeline-chart"' in html and 'id="network"' in html and 'id="entity-data"' in html
    assert "/static/vendor/cytoscape/cytoscape.min.js" in html


def test_entities_list_filters(client):
    d = client.get("/entities.json").json()
    assert d["entities"][0]["id"] == "Q7747"
    assert [e["id"] for e in client.get("/entities.json?name=kim").json()["entities"]] == ["Q56226"]
    assert {e["type"] for e in client.get("/entities.json?type=GPE").json()["entities"]} == {"GPE"}
    assert client.get("/entities.json?name=%25").json()["entities"] == []  # LIKE wildcards are literal


def test_events_filters_and_chart(client):
    d = client.get("/events.json").json()
    assert len(d["events"]) == 2 and {"CONSULT", "AGREE"} == set(d["types"])
    assert {(c["day"], c["type"]) for c in d["chart"]} == {("2023-09-13", "CONSULT"), ("2023-09-14", "AGREE")}
    assert len(client.get("/events.json?type=AGREE").json()["events"]) == 1
    assert len(client.get("/events.json?actor=Kim Jong Un").json()["events"]) == 2
    assert client.get("/events.json?since=2023-09-14").json()["events"][0]["plover"] == "AGREE"
    assert client.get("/events.json?until=2023-01-01").json()["events"] == []
    assert 'id="events-chart"' in client.get("/events").text


def test_timeline_api(client):
    q = client.get("/api/timeline?q=Putin").json()
    days = {d["day"]: d["articles"] for d in q["days"]}
    assert days["2023-09-13"] == 1 and days["2023-09-14"] == 2 and list(days) == sorted(days)
    e = client.get("/api/timeline?entity=Q7747").json()
    assert {d["day"]: d["mentions"] for d in e["days"]} == {"2023-09-13": 2, "2023-09-14": 2}
    both = client.get("/api/timeline?entity=Q7747&q=Vladivostok").json()
    assert [d["day"] for d in both["days"]] == ["2023-09-13"]
    assert client.get("/api/timeline?entity=Q7747&lang=ro").json()["days"] == [{"day": "2023-09-14", "articles": 1}]


def test_openapi(client):
    spec = client.get("/openapi.json").json()
    assert {"/", "/search", "/articles", "/articles/{id}", "/entities", "/entities/{id}", "/events",
            "/api/timeline"} <= set(spec["paths"])
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN: off


@pytest.mark.parametrize("path,status", [
    ("/search?page=0", 422), ("/search?page=100000", 422), ("/search?per_page=1000", 422),
    ("/search?per_page=abc", 422), ("/search?since=2023-13-01", 422), ("/search?since=yesterday", 422),
    ("/search?lang=Romanian", 422), ("/search?q=" + "x" * 600, 422),
    ("/search?since=2024-01-02&until=2024-01-01", 400), ("/events?since=2024-02-30", 422),
    ("/events?type=<script>", 422), ("/entities?per_page=0", 422), ("/entities?type=PER SON", 422),
    ("/api/timeline", 400), ("/api/timeline?entity=Q1&since=nope", 422), ("/articles/zzzz", 422),
    ("/articles/0123456789abcdef", 404), ("/articles/abc", 422), ("/entities/Q-missing", 404),
    ("/nowhere", 404), ("/search?q=" + "x" * 5000, 414),
])
def test_bad_params_are_4xx_with_a_message(client, path, status):
    for accept in ("application/json", "text/html"):
        r = client.get(path, headers={"Accept": accept})
        assert r.status_code == status, (path, r.text[:300])
        if accept == "application/json" or path.startswith("/api/"):  # /api/ answers JSON only
            body = r.json()
            assert body["error"] and body["status"] == status
        elif status != 414:
            assert f"<h1>{status}</h1>" in r.text
    if status == 422:
        assert client.get(path, headers={"Accept": "application/json"}).json()["details"][0]["param"]


@pytest.mark.parametrize("q", ['"', "NOT", "OR", "a OR", '"unclosed', "*", "col:val", "NEAR(a b)", "^x", "a AND (b",
                               "' OR 1=1 --", "%", "\\", "🙂", "x" * 500])
def test_hostile_queries_never_500(client, q):
    for path in ("/search", "/api/timeline"):
        r = client.get(path, params={"q": q}, headers={"Accept": "application/json"})
        assert r.status_code in (200, 400), (q, r.text[:200])


def test_read_only_by_default(client):
    r = client.post("/api/articles", json={"text": "Title\n\nA paragraph long enough to be the body of an article."})
    assert r.status_code == 403 and "read-only" in r.json()["error"]
    assert client.delete("/articles/0123456789abcdef").status_code == 405


def test_writable_and_request_size_limit(db, tmp_path):
    import shutil

    from newsgraph.serve import create_app

    copy = tmp_path / "w.db"
    shutil.copy(db, copy)
    with TestClient(create_app(copy, writable=True, max_body=4096), raise_server_exceptions=False) as c:
        r = c.post("/api/articles", json={"text": "Port strike ends in Constanta\n\nDockers in Constanta returned to "
                                                  "work on Monday after a week-long strike, the union said.",
                                          "url": "https://news.example/strike", "published": "2024-05-06"})
        assert r.status_code == 201, r.text
        assert c.get(r.json()["url"] + ".json").json()["article"]["published"]["value"].startswith("2024-05-06")
        assert c.post("/api/articles", content=b"x" * 10000,
                      headers={"content-type": "application/json"}).status_code == 413
        assert c.post("/api/articles", json={"text": ""}).status_code == 422
        assert c.post("/api/articles", content=b"{not json", headers={"content-type": "application/json"}).status_code == 422


def test_missing_database_is_a_clear_error(tmp_path):
    from newsgraph.errors import StoreError
    from newsgraph.serve import create_app

    with pytest.raises(StoreError, match="no such database"):
        create_app(tmp_path / "missing.db")


def test_serve_cli_missing_db(tmp_path):
    from conftest import run_cli

    r = run_cli("serve", "--db", tmp_path / "missing.db")
    assert r.returncode == 2 and b"no such database" in r.stderr and b"Traceback" not in r.stderr


def test_empty_database_degrades_cleanly(tmp_path):
    from newsgraph.serve import create_app
    from newsgraph.store import open_store

    path = tmp_path / "empty.db"
    open_store(str(path)).close()
    with TestClient(create_app(path), raise_server_exceptions=False) as c:
        for p in PAGES[:-3] + ["/events"]:
            if p == "/entities/Q7747":
                assert c.get(p).status_code == 404
                continue
            r = c.get(p)
            assert r.status_code == 200, (p, r.text[:300])
        assert "No entities in this database yet" in c.get("/").text
        assert c.get("/api/timeline?q=x").json()["days"] == []


def test_search_and_entity_as_atom_feeds(client, ids):
    from xml.etree import ElementTree as ET

    import feedparser

    r = client.get("/search.atom", params={"q": "Putin"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(r.content)  # well-formed XML
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    feed = feedparser.parse(r.content)  # and a feed reader reads it
    assert not feed.bozo and feed.feed.title == "newsgraph: “Putin”"
    links = [e.link for e in feed.entries]
    assert {f"http://testserver/articles/{ids[k]}" for k in ("d1", "d2", "d3")} <= set(links)
    entry = next(e for e in feed.entries if e.link.endswith(ids["d1"]))
    assert entry.title == "Putin hosts Kim in Vladivostok" and entry.published.startswith("2023-09-13")
    assert any(link.get("rel") == "via" and link["href"] == "https://news.example/putin-kim" for link in entry.links)
    by_entity = feedparser.parse(client.get("/search.atom?entity=Q56226").content)
    assert by_entity.feed.title == "newsgraph: Kim Jong Un"
    assert {e.link.rsplit("/", 1)[1] for e in by_entity.entries} == {ids["d1"], ids["d2"]}
    evil = client.get("/search.atom", params={"q": "Evil"})
    assert XSS not in evil.text and "&lt;script&gt;" in evil.text
    assert 'type="application/atom+xml"' in client.get("/search?q=Putin").text
    assert "/search.atom?entity=Q7747" in client.get("/entities/Q7747").text
    assert client.get("/entities.atom").status_code == 404


def test_feed_survives_control_characters(tmp_path):
    from xml.etree import ElementTree as ET

    from newsgraph.serve import create_app
    from newsgraph.store import open_store

    path = tmp_path / "ctl.db"
    store = open_store(str(path))
    store.put(make_doc("Control \x1b title \x0c here", ["Body with \x00 a NUL and \x08 a backspace in it."],
                       "2024-01-02", "https://ctl.example/x", site="Site \x1f"))
    store.close()
    with TestClient(create_app(path)) as c:
        for url in ("/search.atom?q=Control", "/articles.atom"):
            r = c.get(url)
            root = ET.fromstring(r.content)
            titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
            assert "Control  title  here" in titles, url
            self_link = next(e for e in root.iter("{http://www.w3.org/2005/Atom}link") if e.get("rel") == "self")
            assert self_link.get("href").split("?")[0].endswith(url.split("?")[0])


def test_posted_article_uses_the_servers_knowledge(db, tmp_path):
    import shutil
    from pathlib import Path

    from newsgraph import Config
    from newsgraph.serve import create_app

    example = Path(__file__).resolve().parents[2] / "docs" / "knowledge.example.json"
    copy = tmp_path / "k.db"
    shutil.copy(db, copy)
    app = create_app(copy, writable=True, config=Config(knowledge=(str(example),)))
    with TestClient(app, raise_server_exceptions=False) as c:
        text = ("Interconnector to be finished in 2026\n\nThe Romanian energy minister said on Tuesday that the new "
                "interconnector with Bulgaria would be finished in 2026, two years later than planned.")
        r = c.post("/api/articles", json={"text": text, "published": "2024-05-21"})
        assert r.status_code == 201, r.text
        ids = {e["id"] for e in c.get(r.json()["url"] + ".json").json()["article"]["entities"]}
        assert "person:elena-marinescu" in ids


# ---------------------------------------------------------------- issue #12: API hygiene regressions

BAD_NUMBERS_AND_DATES = [
    # /search.json?limit=abc and limit=-5 answered 200 (``limit`` was silently ignored)
    "/search.json?limit=abc", "/search.json?limit=-5", "/search.json?limit=5", "/search.json?offset=10",
    # every numeric and date parameter of every route, with a word and a negative number
    *[f"{route}?{param}={value}" for route in ("/search.json", "/articles.json", "/search.atom", "/entities.json",
                                              "/events.json")
      for param in ("page", "per_page") for value in ("abc", "-5", "0", "1.5", "")
      if value or param == "page"],
    *[f"{route}{param}={value}" for route in ("/search.json?", "/articles.json?", "/events.json?",
                                             "/api/timeline?q=Putin&")
      for param in ("since", "until") for value in ("abc", "-5", "2023-02-30", "20230913")],
    "/api/timeline?q=Putin&limit=-5", "/entities/Q7747.json?limit=abc", "/articles/0123456789abcdef.json?page=-1",
    "/index.json?page=abc", "/stories.json?limit=abc", "/stories.json?min_size=-5", "/stories.json?page=abc",
    "/stories.json?since=abc",
]


@pytest.mark.parametrize("path", BAD_NUMBERS_AND_DATES)
def test_limit_abc_and_negative_numbers_are_rejected_not_200(client, path):
    r = client.get(path, headers={"Accept": "application/json"})
    assert r.status_code in (400, 422), (path, r.status_code, r.text[:200])
    assert r.json()["error"]


def test_unknown_parameter_names_itself_and_suggests_the_right_one(client):
    r = client.get("/search.json?q=Putin&limit=5")
    assert r.status_code == 400 and "limit (did you mean per_page?)" in r.json()["error"]
    html = client.get("/search?limit=5", headers={"Accept": "text/html"})
    assert html.status_code == 400 and "<h1>400</h1>" in html.text
    # the parameters each page's forms send are all known (an empty field is "not given")
    assert client.get("/search?q=Putin&lang=&site=&since=&until=&entity=&page=1&per_page=20").status_code == 200
    assert client.get("/events?actor=&type=&since=&until=&page=1&per_page=50").status_code == 200
    assert client.get("/entities?name=&type=&page=1&per_page=50").status_code == 200


def test_events_actor_is_whole_words_as_in_the_cli(client, db):
    """The CLI's ``events --actor`` matched substrings, the web's exact names: one meaning now (docs/serve.md)."""
    from conftest import run_cli

    from newsgraph.store import open_store

    expected = {"Q7747": 2, "Putin": 2, "putin": 2, "Vladimir Putin": 2, "Kim Jong Un": 1 + 1, "jong un": 2,
                "Pu": 0, "utin": 0, "Vladimir Put": 0, "%": 0, "_utin": 0, "Q77": 0, "CONSULT": 0}
    with open_store(str(db), readonly=True) as store:
        cli_side = {actor: len(store.events(actor=actor, limit=0)) for actor in expected}
    web_side = {actor: len(client.get("/events.json", params={"actor": actor}).json()["events"]) for actor in expected}
    assert web_side == expected and cli_side == expected
    r = run_cli("events", "--db", db, "--actor", "putin", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert len(__import__("json").loads(r.stdout)) == 2


def test_post_api_articles_builds_one_pipeline_per_app(db, tmp_path, monkeypatch):
    """Each POST with a ``published`` date built a new Pipeline (and knowledge base, ~0.9 s)."""
    import shutil

    from newsgraph import pipeline as pipeline_module
    from newsgraph.serve import create_app

    built = []
    original = pipeline_module.Pipeline.__init__

    def counting(self, *a, **k):
        built.append(1)
        original(self, *a, **k)

    monkeypatch.setattr(pipeline_module.Pipeline, "__init__", counting)
    copy = tmp_path / "p.db"
    shutil.copy(db, copy)
    app = create_app(copy, writable=True)
    with TestClient(app, raise_server_exceptions=False) as c:
        for i, day in enumerate(("2024-05-06", "2024-05-07", None, "2024-05-08")):
            body = {"text": f"Port strike number {i} ends\n\nDockers in Constanta returned to work on Monday after "
                            f"strike number {i}, the union said."}
            if day:
                body["published"] = day
            r = c.post("/api/articles", json=body)
            assert r.status_code == 201, r.text
            got = c.get(r.json()["url"] + ".json").json()["article"]["published"]
            assert (got["value"][:10] if got else None) == day
        assert c.post("/api/articles", json={"text": "A\n\nA body long enough to be an article body here.",
                                             "published": "2024-13-45"}).status_code == 422
    assert len(built) == 1


def test_post_api_articles_never_runs_the_shared_pipeline_in_two_threads(db, tmp_path):
    """One spaCy pipeline was shared by the server's threads without a lock."""
    import shutil
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from newsgraph.serve import create_app

    copy = tmp_path / "t.db"
    shutil.copy(db, copy)
    app = create_app(copy, writable=True)
    real = app.state.pipeline
    inside, most, guard = 0, 0, threading.Lock()

    def watched(source):
        nonlocal inside, most
        with guard:
            inside += 1
            most = max(most, inside)
        time.sleep(0.05)  # wide enough for another thread to enter if nothing stops it
        try:
            return real(source)
        finally:
            with guard:
                inside -= 1

    app.state.pipeline = watched
    with TestClient(app, raise_server_exceptions=False) as c:
        def post(i):
            return c.post("/api/articles", json={"text": f"Headline {i}\n\nParagraph {i} about the port of "
                                                         f"Constanta and its dockers, long enough."}).status_code

        with ThreadPoolExecutor(6) as pool:
            codes = list(pool.map(post, range(6)))
    assert codes == [201] * 6 and most == 1


def test_actor_filter_whole_words_codes_and_wildcards():
    import sqlite3

    from newsgraph.store.sqlite import actor_filter

    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE events (n, source_name, source_entity, source_code, target_name, target_entity,"
                " target_code)")
    rows = [(1, "Alexandru-Ioan Cuza", "person:cuza", None, None, None, None),
            (2, "Marion Ionescu", None, None, "Guvernul", None, "ROUGOV"),
            (3, "100% Ion_Popescu", None, "RUS", None, None, None)]
    con.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def found(actor):
        sql, params = actor_filter(actor)
        return {r[0] for r in con.execute(f"SELECT n FROM events e WHERE {sql}", params)}

    assert found("Cuza") == found("ioan cuza") == found("Alexandru-Ioan") == found("person:cuza") == {1}
    assert found("Ion") == set() and found("Ionescu") == {2} and found("guvernul") == {2}
    assert found("ROU") == {2} and found("rou") == set() and found("RUS") == {3}
    assert found("100%") == {3} and found("Ion_Popescu") == {3} and found("%") == set() and found("_") == set()
