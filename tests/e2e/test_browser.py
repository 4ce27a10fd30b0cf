"""The web UI in a real headless browser (Debian's chromium driven by Playwright), against the real server
(``newsgraph serve`` in a subprocess) on a database built from the bundled examples and the seed page.

Flow: search page -> search "Vladivostok" -> the article -> "Vladimir Putin" highlighted -> his entity page ->
the timeline chart and the network drawing rendered. Screenshots go to ``test-artifacts/``. Skips cleanly when
chromium or playwright is missing (``.ci/run`` installs both)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, SEED

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Used only when ../shared (and so the seed) is absent: a small article with the same cast.
FALLBACK = """Kim Jong Un și Vladimir Putin s-au întâlnit în Rusia

Președintele rus, Vladimir Putin, l-a primit pe liderul nord-coreean Kim Jong Un la cosmodromul Vostocinîi, în Rusia.

Aceasta este prima întâlnire a celor doi lideri de la o călătorie anterioară a lui Kim Jong Un la Vladivostok în 2019.
"""

# Hand-made entities, used only while the pipeline does not yet produce entities itself.
CAST = [("Q7747", "Vladimir Putin", "PERSON", ["Vladimir Putin", "Putin"]),
        ("Q56226", "Kim Jong Un", "PERSON", ["Kim Jong Un"]),
        ("Q959", "Vladivostok", "GPE", ["Vladivostok"]),
        ("Q159", "Russia", "GPE", ["Rusia", "Moscova"]),
        ("Q423", "North Korea", "GPE", ["Coreea de Nord", "RPDC", "Phenian"]),
        ("Q212", "Ukraine", "GPE", ["Ucraina"])]


def _requirements():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("playwright is missing (pip install playwright; the Debian chromium is used, no download)")
    pytest.importorskip("uvicorn")
    pytest.importorskip("fastapi")


def add_cast(doc) -> None:
    """Mentions of CAST in ``doc`` (longest name first, no overlaps), one quote-free event as evidence."""
    text, taken = doc.text, []
    for eid, name, etype, surfaces in CAST:
        mentions = []
        for s in sorted(surfaces, key=len, reverse=True):
            for m in re.finditer(r"\b" + re.escape(s) + r"\b", text):
                if not any(a < m.end() and m.start() < b for a, b in taken):
                    taken.append((m.start(), m.end()))
                    mentions.append({"text": s, "start": m.start(), "end": m.end(), "sentence": None,
                                     "label": etype})
        if mentions:
            doc.entities.append({"id": eid, "name": name, "type": etype, "code": None, "aliases": [],
                                 "mentions": sorted(mentions, key=lambda m: m["start"])})
    first = doc.body[0]
    doc.events.append({"source": {"name": "Vladimir Putin", "id": "Q7747", "code": "RUSGOV", "sector": "GOV"},
                       "target": {"name": "North Korea", "id": "Q423", "code": "PRK", "sector": None},
                       "plover": "AGREE", "mode": None, "cameo": "057", "date": "2023-09-13", "negated": False,
                       "hypothetical": False, "evidence": {"sentence": first, "start": 0, "end": len(first)}})


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    _requirements()
    from newsgraph.config import Config
    from newsgraph.errors import InputError
    from newsgraph.pipeline import Pipeline
    from newsgraph.store import open_store

    tmp = tmp_path_factory.mktemp("browser")
    inputs = [str(EXAMPLES)]
    if SEED.exists():
        inputs.append(str(SEED))
    else:
        (tmp / "kim-putin.txt").write_text(FALLBACK, "utf-8")
        inputs.append(str(tmp / "kim-putin.txt"))
    db = tmp / "browser.db"
    store = open_store(str(db))
    # the seed page has an empty date line: give undated inputs the day of the summit
    for doc in Pipeline(Config(published="2023-09-14")).analyze(inputs):
        assert not isinstance(doc, InputError), doc
        if "Vladimir Putin" in doc.text and not doc.entities:
            add_cast(doc)
        store.put(doc)
    store.close()
    return db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(database, tmp_path_factory):
    import httpx

    port = _free_port()
    log = (tmp_path_factory.mktemp("serverlog") / "server.log").open("w+b")
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(database), "--port", str(port),
                             "--log-level", "warning"], stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        if proc.poll() is not None:
            log.seek(0)
            pytest.fail(f"the server exited ({proc.returncode}): {log.read().decode(errors='replace')}")
        try:
            if httpx.get(base + "/search.json", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.time() > deadline:
            proc.kill()
            pytest.fail("the server did not answer within 60 s")
        time.sleep(0.2)
    yield base
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()


@pytest.fixture(scope="module")
def browser():
    _requirements()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def test_search_article_entity_flow(server, browser, artifacts):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
    page.set_default_timeout(20_000)

    page.goto(server + "/")
    page.screenshot(path=str(artifacts / "01-home.png"), full_page=True)
    page.fill("input#q", "Vladivostok")
    with page.expect_navigation():
        page.press("input#q", "Enter")
    assert "/search?q=Vladivostok" in page.url
    hit = page.locator("li.hit a.title", has_text="Putin").first
    hit.wait_for()
    assert page.locator("li.hit mark", has_text="Vladivostok").count() >= 1
    page.screenshot(path=str(artifacts / "02-search.png"), full_page=True)

    with page.expect_navigation():
        hit.click()
    assert "/articles/" in page.url
    mention = page.locator("#text a.mention", has_text="Vladimir Putin").first
    mention.wait_for()
    assert "ent-PERSON" in mention.get_attribute("class")
    colour = mention.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), "the mention should be highlighted"
    assert page.locator("details.bp summary").count() >= 1  # boilerplate collapsed and labelled
    assert page.locator(".provenance").inner_text().count("Published") == 1
    page.screenshot(path=str(artifacts / "03-article.png"), full_page=True)

    with page.expect_navigation():
        mention.click()
    assert re.search(r"/entities/[^/]+$", page.url)
    assert page.locator("h1").inner_text().startswith("Vladimir Putin")
    page.wait_for_function("window.newsgraphTimeline && window.newsgraphNetwork"
                           " && window.newsgraphNetwork.nodes().length > 1")
    timeline = page.locator("canvas#timeline-chart")
    assert timeline.bounding_box()["width"] > 100 and timeline.bounding_box()["height"] > 100
    assert page.evaluate("window.newsgraphTimeline.data.datasets[0].data.reduce((a, b) => a + b, 0)") >= 1
    network = page.locator("#network canvas").first
    network.wait_for()
    assert network.bounding_box()["width"] > 100
    nodes = page.evaluate("window.newsgraphNetwork.nodes().map(n => n.data('label'))")
    assert "Vladimir Putin" in nodes and "Kim Jong Un" in nodes
    # nodes were laid out inside the drawing (not all piled at the origin)
    positions = page.evaluate("window.newsgraphNetwork.nodes().map(n => [n.position('x'), n.position('y')])")
    assert len({(round(x), round(y)) for x, y in positions}) == len(positions)
    # the canvas has pixels drawn on it
    assert page.evaluate("""() => { const c = document.querySelector('#network canvas[data-id="layer2-node"]')
        || [...document.querySelectorAll('#network canvas')].pop();
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true; return false; }""")
    page.screenshot(path=str(artifacts / "04-entity.png"), full_page=True)

    page.goto(server + "/events")
    if page.locator("#events-chart").count():  # events exist once the event stage (or add_cast) made them
        page.wait_for_function("window.newsgraphEvents !== undefined")
    else:
        assert "No events" in page.locator("main").inner_text()
    page.screenshot(path=str(artifacts / "05-events.png"), full_page=True)
    assert not problems, problems
    page.close()


def test_script_in_article_does_not_run(server, browser, database, tmp_path):
    """An article whose text carries a script: the browser shows the tag as text and never runs it."""
    import json

    from newsgraph.serve.queries import Queries

    ids = [h.id for h in Queries(database).store.search(None, limit=1)]
    page = browser.new_page()
    page.on("dialog", lambda d: (_ for _ in ()).throw(AssertionError("a dialog opened")))
    page.goto(server + "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert "<script>alert(1)</script>" in page.locator("input#q").input_value()
    data = json.loads(page.evaluate("() => fetch(location.href, {headers: {Accept: 'application/json'}})"
                                    ".then(r => r.text())"))
    assert data["query"]["q"] == "<script>alert(1)</script>"
    page.goto(server + f"/articles/{ids[0]}")
    assert page.locator("article h1").count() == 1
    page.close()

