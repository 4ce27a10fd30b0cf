"""A story in a real headless browser (Debian's chromium driven by Playwright), against the real server: the
home page lists the story, its page shows the articles in Romanian and English, the wire copy folded under its
original, and an article page links back to the story. Skips cleanly when chromium or playwright is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES
from test_browser import _requirements, browser, server  # noqa: F401  (fixtures reused)

STORY_FIXTURE = FIXTURES / "stories" / "power-line.jsonl"


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    """The server fixture's database: the story fixture ingested with stories on."""
    _requirements()
    from newsgraph.batch import ingest
    from newsgraph.store import open_store

    db = tmp_path_factory.mktemp("browser-stories") / "stories.db"
    with open_store(str(db)) as store:
        assert ingest([str(STORY_FIXTURE)], store)["failed"] == 0
    return db


def test_story_page_in_two_languages_from_the_home_page(server, browser, artifacts):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
    page.set_default_timeout(20_000)

    page.goto(server + "/")
    link = page.locator("section.latest-stories a.story-link").first
    link.wait_for()
    page.screenshot(path=str(artifacts / "stories-01-home.png"), full_page=True)
    with page.expect_navigation():
        link.click()
    assert "/stories/" in page.url
    assert page.locator("section.story-language[data-language='ro'] li.story-article").count() >= 1
    assert page.locator("section.story-language[data-language='en'] li.story-article").count() >= 1
    copies = page.locator("details.copies")
    assert copies.count() == 1
    assert not page.locator("li.story-copy").first.is_visible()  # folded
    copies.locator("summary").click()
    assert page.locator("li.story-copy").first.is_visible()
    page.screenshot(path=str(artifacts / "stories-02-story.png"), full_page=True)

    english = page.locator("section.story-language[data-language='en'] li.story-article > a").first
    with page.expect_navigation():
        english.click()
    assert "/articles/" in page.url
    back = page.locator("section.same-story h2 a")
    assert "/stories/" in back.get_attribute("href")
    assert page.locator("section.same-story li").count() == 2
    assert not problems, problems
