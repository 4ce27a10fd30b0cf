"""The story state's write-through cache (newsgraph.store.story_cache): a second writer's placements, or a
rolled-back placement, invalidate it, and placing with the cache gives the same stories, copy links, summaries,
band keys and counters as reading every answer from the store (SQLite and PostgreSQL)."""

from datetime import datetime, timedelta

import pytest

from newsgraph.store.stories_sql import SqlStoryState
from newsgraph.store.story_cache import StateCache
from newsgraph.stories.cluster import Clusterer
from newsgraph.stories.similarity import Features, day_number

WIRE = " ".join(f"cuvant{i % 97} text{i}" for i in range(120))


def feat(id, lang, when, entities=(), stems=None):
    return Features(id=id, language=lang, day=day_number(when), entities={e: 2.0 for e in entities},
                    stems=stems or {})


def place(store, clusterer, f: Features, text: str):
    """Store a bare article row for ``f`` and place it, in one transaction (as ingest does)."""
    published = (datetime(1970, 1, 1) + timedelta(days=f.day)).isoformat(timespec="seconds")
    with store.transaction():
        if store.sql.value("SELECT count(*) AS n FROM articles WHERE id = ?", (f.id,)) == 0:
            store.sql.run("INSERT INTO articles (id, text, title, site, language, published, version_hash, record,"
                          " first_seen, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          (f.id, text, f"Title {f.id}", f"site-{f.id[-1]}.example", f.language, published, "v", "{}",
                           "2025-01-01", "2025-01-01"))
        return clusterer.add_features(f, text)


def snapshot(store) -> dict:
    """Every story table as sorted rows (the summaries without their update time)."""
    q = {"members": "SELECT article_id, story_id, copy_of, similarity, day, content_key FROM story_members",
         "bands": "SELECT band, article_id, day FROM story_bands",
         "entities": "SELECT entity_id, article_id, day FROM story_entities",
         "df": "SELECT entity_id, n FROM story_df WHERE n > 0",
         "stories": "SELECT id, title, title_article, first_seen, last_seen, size, languages, sites FROM stories"}
    return {k: sorted(tuple(r.values()) for r in store.sql.rows(v)) for k, v in q.items()}


#: (writer, features, text): writer "a" keeps one cached state over all its placements, "b" is a second writer
#: (another connection: another process) whose placements change what "a" has cached — an earlier exact copy
#: of the wire text (a's content and band answers), an article joining a's story (its summary and first member),
#: a rename of that story (an earlier article) and counters of shared entities.
STEPS = [
    ("a", feat("w1", "ro", "2025-03-12T08:00", ("country:ROU", "name:iasi"), {"acordu": 2}), WIRE),
    ("a", feat("x1", "en", "2025-03-12T09:00", ("country:ROU", "name:iasi"), {"agreem": 2}), "alfa " * 40),
    ("b", feat("w0", "ro", "2025-03-11T08:00", ("country:ROU",)), WIRE),
    ("b", feat("x0", "en", "2025-03-12T07:00", ("country:ROU", "name:iasi"), {"agreem": 2}), "beta " * 40),
    ("a", feat("w2", "ro", "2025-03-12T12:00", ("country:ROU",)), WIRE),
    ("a", feat("x2", "ro", "2025-03-12T13:00", ("country:ROU", "name:iasi"), {"acordu": 2}), "gama " * 40),
    ("b", feat("w3", "ro", "2025-03-12T14:00", ("country:ROU",)), WIRE[: len(WIRE) * 3 // 4]),
    ("a", feat("w4", "ro", "2025-03-12T15:00", ("country:ROU",)), WIRE[: len(WIRE) * 2 // 3]),
    ("a", feat("x3", "en", "2025-03-13T09:00", ("country:ROU", "name:iasi"), {"agreem": 1}), "delta " * 40),
]


def run_steps(location: str, two_writers: bool, cache: bool = True) -> dict:
    from newsgraph.store import open_store

    with open_store(location) as a, open_store(location) as b:
        empty(a)
        stores = {"a": a, "b": b if two_writers else a}
        states = {"a": SqlStoryState(a.sql, cache=cache)}
        states["b"] = SqlStoryState(b.sql, cache=cache) if two_writers else states["a"]
        clusterers = {k: Clusterer(s) for k, s in states.items()}
        for who, f, text in STEPS:
            place(stores[who], clusterers[who], Features.from_dict(f.to_dict()), text)
        return {"tables": snapshot(a), "clears": states["a"].cache.clears if cache else None}


def empty(store) -> None:
    """No articles, no stories (one database serves each test's runs)."""
    with store.transaction():
        for table in ("story_members", "story_bands", "story_entities", "story_df", "stories", "articles"):
            store.sql.run(f"DELETE FROM {table}")


def test_a_second_writer_invalidates_the_cache(db_location, monkeypatch):
    """Writer a's cached answers (the content key and bands of the wire text, its story's summary and first
    member, the counters) are changed by writer b between a's placements: a drops its cache and places as one
    writer reading the store would. And the test would see a stale cache: with the check disabled, a places
    differently."""
    expected = run_steps(db_location, two_writers=False, cache=False)["tables"]
    got = run_steps(db_location, two_writers=True)
    assert got["tables"] == expected
    assert got["clears"] == 2  # (a's first placement after each of b's two runs of placements)
    assert {r[0]: r[2] for r in expected["members"]}["w4"] == "w0"  # (b's earlier copy is the original)

    monkeypatch.setattr(StateCache, "check", lambda self, sql: True)  # a cache that never looks at other writers
    stale = run_steps(db_location, two_writers=True)["tables"]
    assert stale != expected


def test_one_writer_keeps_its_cache_and_places_as_without_it(db_location):
    got = run_steps(db_location, two_writers=False)
    assert got["clears"] == 0
    assert run_steps(db_location, two_writers=False, cache=False)["tables"] == got["tables"]


def test_a_rolled_back_placement_drops_the_cache(db_location):
    """A placement rolled back (its transaction fails after the state was written) leaves the cache with rows
    the store does not have; the token went back with the rollback, so the next placement drops the cache."""
    from newsgraph.store import open_store

    with open_store(db_location) as store:
        state = SqlStoryState(store.sql)
        c = Clusterer(state)
        place(store, c, feat("w1", "ro", "2025-03-12T08:00", ("country:ROU",)), WIRE)
        with pytest.raises(RuntimeError), store.transaction():
            store.sql.run("INSERT INTO articles (id, text, title, site, language, published, version_hash, record,"
                          " first_seen, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          ("w0", WIRE, "Title w0", "site-0.example", "ro", "2025-03-11T08:00:00", "v", "{}",
                           "2025-01-01", "2025-01-01"))
            c.add_features(feat("w0", "ro", "2025-03-11T08:00", ("country:ROU",)), WIRE)
            raise RuntimeError("the article's transaction fails after its placement")
        assert state.get("w0") is not None  # (the cache still has it: stale until the next placement)
        assignment = place(store, c, feat("w2", "ro", "2025-03-12T12:00", ("country:ROU",)), WIRE)
        assert state.cache.clears == 1
        assert assignment.copy_of == "w1" and state.get("w0") is None
        assert store.sql.value("SELECT count(*) AS n FROM story_members") == 2
