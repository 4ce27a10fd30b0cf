"""Story placement scores only candidates (shared entity postings, shared LSH bands), in memory and in both
stores: an article sharing nothing with the new one is not scored, stories still join across languages through
their entities, frequent entities are capped to the articles nearest in time, ids do not change on re-ingest,
and the migration fills the postings of stories placed before it."""

import sqlite3

import pytest

from newsgraph.stories.cluster import Clusterer, MemoryState
from newsgraph.stories.similarity import Features, day_number, entity_key, idf

DAY = "2025-03-12T10:00"


def feat(id, lang, when, entities=(), stems=None, numbers=()):
    return Features(id=id, language=lang, day=day_number(when) if when else None, entities={e: 2.0 for e in entities},
                    stems=stems or {}, numbers=list(numbers))


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def make(request, tmp_path):
    """A factory of clusterers over one state: in memory, a SQLite store or a PostgreSQL store."""
    stores = []

    def build(**options):
        if request.param == "memory":
            return Clusterer(MemoryState(), **options)
        from newsgraph.store import open_store
        from newsgraph.store.stories_sql import SqlStoryState

        if request.param == "sqlite":
            location = str(tmp_path / "blocking.db")
        else:
            location = request.getfixturevalue("pg_url")
        store = open_store(location)
        stores.append(store)
        return Clusterer(SqlStoryState(store.sql), **options)

    yield build
    for store in stores:
        store.close()


def place(clusterer, f: Features, text: str):
    """Store a bare article row for ``f`` when the state is a store (story rows reference articles), then place it."""
    sql = getattr(clusterer.state, "sql", None)
    if sql is not None and sql.value("SELECT count(*) AS n FROM articles WHERE id = ?", (f.id,)) == 0:
        published = None
        if f.day is not None:
            from datetime import datetime, timedelta

            published = (datetime(1970, 1, 1) + timedelta(days=f.day)).isoformat(timespec="seconds")
        sql.run("INSERT INTO articles (id, text, title, site, language, published, version_hash, record, first_seen,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (f.id, text, f"Title {f.id}", f"site-{f.id[-1]}.example", f.language, published, "v", "{}",
                 "2025-01-01", "2025-01-01"))
    return clusterer.add_features(f, text)


def keyed(rows) -> list[tuple]:
    """Posting rows (entity id, ...) with the entity ids as the key migration keys them (``entity_key``)."""
    return sorted({(entity_key(r[0]), *r[1:]) for r in rows})


def undo_story_scale(conn) -> None:
    """Take a store back to before the story-scale migration (SQLite 7, PostgreSQL 6): as an older store was."""
    conn.execute("DROP TABLE story_version")  # (the key migration after it made it)
    conn.execute("DROP TABLE story_df")
    conn.execute("DROP INDEX story_bands_day")
    conn.execute("ALTER TABLE story_bands DROP COLUMN day")
    conn.execute("ALTER TABLE story_members DROP COLUMN shingles")


def text_of(word: str, n: int = 40) -> str:
    return " ".join(f"{word}{i}" for i in range(n))  # no shingle (so no LSH band) in common with another word


def test_an_article_sharing_no_entity_or_band_is_not_scored(make):
    c = make()
    words = {"rare": 3, "cuvant": 5, "altul": 2}
    place(c, feat("a", "ro", DAY, ("person:x", "org:y")), text_of("alfa"))
    place(c, feat("b", "ro", DAY, ("place:z",), stems=words), text_of("beta"))  # the new one's words, no entity
    new = feat("n", "ro", "2025-03-12T12:00", ("person:x",), stems=words)
    assert [m.features.id for m in c.candidates(new)] == ["a"]
    scores = c._story_scores(new)
    assert set(scores) == {c.state.get("a").story}  # b's story is never scored, though its words are the same
    # a shared LSH band makes an article a candidate without any shared entity
    copy = text_of("beta")
    from newsgraph.stories.dedup import fingerprint

    band = set(c.state.band_candidates(fingerprint(copy).bands))
    assert band == {"b"}
    assert {m.features.id for m in c.candidates(new, c.state.many(band))} == {"a", "b"}


def test_stories_join_across_languages_through_shared_entities(make):
    c = make()
    signing = ("country:ROU", "country:MDA", "place:iasi", "place:chisinau")
    ro = place(c, feat("ro1", "ro", DAY, signing, stems={"acordu": 2, "linia": 1}, numbers=("145", "178", "400")),
               text_of("ro"))
    grain = place(c, feat("en2", "en", "2025-03-12T16:00", ("place:constanta", "country:UKR"), stems={"grain": 2},
                          numbers=("2.9",)), text_of("grain"))
    en = place(c, feat("en1", "en", "2025-03-12T14:00", (*signing, "org:european-commission"),
                       stems={"agreem": 2, "line": 1}, numbers=("145", "178", "400", "60")), text_of("en"))
    assert en.story_id == ro.story_id == "ro1"  # no word in common: joined by the entities (ro1 is the earliest)
    assert grain.story_id == "en2" and c.state.get("en2").story == "en2"


def test_a_frequent_entity_is_capped_to_the_articles_nearest_in_time(make):
    c = make(postings=2)
    for i in range(5):  # five articles mentioning the country, one a day before the new one
        place(c, feat(f"r{i}", "ro", f"2025-03-{12 - i:02d}T10:00", ("country:ROU",)), text_of(f"r{i}x"))
    new = feat("n", "ro", "2025-03-12T12:00", ("country:ROU",))
    assert sorted(m.features.id for m in c.candidates(new)) == ["r0", "r1"]


def test_the_candidate_cap_prefers_articles_sharing_rarer_entities(make):
    c = make(max_candidates=1)
    place(c, feat("far", "ro", "2025-03-05T10:00", ("country:ROU", "person:rare")), text_of("far"))
    for i in range(3):
        place(c, feat(f"near{i}", "ro", "2025-03-12T09:00", ("country:ROU",)), text_of(f"near{i}x"))
    new = feat("n", "ro", "2025-03-12T12:00", ("country:ROU", "person:rare"))
    assert [m.features.id for m in c.candidates(new)] == ["far"]  # the rare name outweighs being nearer in time


def test_articles_outside_the_window_are_not_candidates(make):
    c = make()
    place(c, feat("old", "ro", "2025-01-01T10:00", ("person:x",)), text_of("old"))
    place(c, feat("undated", "ro", None, ("person:x",)), text_of("undated"))
    new = feat("n", "ro", DAY, ("person:x",))
    assert [m.features.id for m in c.candidates(new)] == ["undated"]  # an undated article is near every day


def items():
    signing = ("country:ROU", "country:MDA", "place:iasi", "place:chisinau")
    return [
        (feat("a1", "ro", "2025-03-12T10:00", signing, stems={"acordu": 2}, numbers=("145", "178")), text_of("a1")),
        (feat("a2", "en", "2025-03-12T14:00", signing, stems={"agreem": 2}, numbers=("145", "178")), text_of("a2")),
        (feat("b1", "en", "2025-03-12T16:00", ("place:constanta", "country:ROU"), stems={"grain": 2}), text_of("b1")),
        (feat("a3", "ro", "2025-03-13T09:00", signing, stems={"acordu": 1}, numbers=("145",)), text_of("a3")),
    ]


def test_story_ids_are_stable_across_a_reingest_and_arrival_order(make):
    c = make()
    for f, text in reversed(items()):
        place(c, f, text)
    first = {f.id: c.state.get(f.id).story for f, _ in items()}
    for f, text in items():  # the same articles again (updated: each is placed again)
        place(c, f, text)
    assert {f.id: c.state.get(f.id).story for f, _ in items()} == first
    assert first["a1"] == first["a2"] == first["a3"] == "a1" and first["b1"] == "b1"


def test_the_postings_follow_the_placed_articles(make):
    c = make()
    for f, text in items():
        place(c, f, text)
    place(c, feat("a3", "ro", "2025-03-13T09:00", ("person:new",)), text_of("a3"))  # updated: new entities
    new = feat("n", "ro", DAY, ("person:new",))
    assert [m.features.id for m in c.candidates(new)] == ["a3"]
    assert "a3" not in {m.features.id for m in c.candidates(feat("n", "ro", DAY, ("place:iasi",)))}


def test_the_migration_fills_the_postings_of_stories_placed_before_it(tmp_path):
    from newsgraph.store import open_store
    from newsgraph.store.migrations import LATEST
    from newsgraph.store.stories_sql import SqlStoryState

    location = str(tmp_path / "old.db")
    with open_store(location) as store:
        c = Clusterer(SqlStoryState(store.sql))
        for f, text in items():
            place(c, f, text)
        before = sorted(tuple(r.values()) for r in store.sql.rows("SELECT entity_id, article_id, day FROM story_entities"))
    assert len(before) == 4 * 3 + 2
    con = sqlite3.connect(location)
    undo_story_scale(con)  # migration 7 first, then 6: as a store of version 5 was
    con.execute("DROP TABLE story_entities")
    for index in ("story_members_first", "story_members_originals", "story_members_copy_of"):
        con.execute(f"DROP INDEX {index}")
    con.execute("PRAGMA user_version=5")
    con.commit()
    con.close()
    with open_store(location) as store:
        assert store.schema_version == LATEST
        after = sorted(tuple(r.values()) for r in store.sql.rows("SELECT entity_id, article_id, day FROM story_entities"))
    assert after == keyed(before)  # (the key migration after it keys them without their type)


def test_the_postgres_migration_fills_the_postings(pg_url):
    from newsgraph.store import open_store
    from newsgraph.store.postgres import PG_LATEST
    from newsgraph.store.stories_sql import SqlStoryState

    with open_store(pg_url) as store:
        c = Clusterer(SqlStoryState(store.sql))
        for f, text in items():
            place(c, f, text)
        store.conn.commit()
        before = sorted(tuple(r.values()) for r in store.sql.rows("SELECT entity_id, article_id, day FROM story_entities"))
        undo_story_scale(store.conn)  # PostgreSQL's migration 6 first, then 5
        store.conn.execute("DROP TABLE story_entities")
        for index in ("story_members_first", "story_members_originals", "story_members_copy_of"):
            store.conn.execute(f"DROP INDEX {index}")
        store.conn.execute("UPDATE newsgraph_schema SET version = %s", (4,))
        store.conn.commit()
    with open_store(pg_url) as store:
        assert store.schema_version == PG_LATEST
        after = sorted(tuple(r.values()) for r in store.sql.rows("SELECT entity_id, article_id, day FROM story_entities"))
    assert after == keyed(before) and len(after) == 4 * 3 + 2


@pytest.mark.parametrize("order", ["published", "reversed"])
def test_a_story_summary_updated_article_by_article_equals_one_recomputed_whole(make, order):
    """Article by article (``joined``), also when each new article is the earliest of its story, which is then
    renamed after it (its summary row moves with it)."""
    c = make()
    if not hasattr(c.state, "refresh"):
        pytest.skip("the memory state keeps no summaries")
    for f, text in (items() if order == "published" else items()[::-1]):
        place(c, f, text)
    place(c, feat("a4", "en", "2025-03-14T09:00", ("country:ROU", "country:MDA", "place:iasi", "place:chisinau"),
                  stems={"agreem": 1}, numbers=("145", "178")), text_of("a4"))
    columns = "id, title, title_article, first_seen, last_seen, size, languages, sites"
    stepwise = c.state.sql.rows(f"SELECT {columns} FROM stories ORDER BY id")
    assert [r["size"] for r in stepwise] == [4, 1]
    for r in stepwise:
        c.state.refresh(r["id"])
    assert c.state.sql.rows(f"SELECT {columns} FROM stories ORDER BY id") == stepwise


def df_rows(sql) -> tuple[dict, dict]:
    """``story_df`` as kept, and as counted from the postings (``''``: the placed articles); zero rows aside."""
    kept = {r["entity_id"]: r["n"] for r in sql.rows("SELECT entity_id, n FROM story_df") if r["n"]}
    counted = {r["entity_id"]: r["n"] for r in sql.rows("SELECT entity_id, count(*) AS n FROM story_entities"
                                                        " GROUP BY entity_id")}
    counted[""] = sql.value("SELECT count(*) AS n FROM story_members")
    return kept, counted


def copy_items():
    """Two articles of one wire text (the second trimmed): a copy found through a shared LSH band."""
    wire = " ".join(f"cuvant{i % 97} text{i}" for i in range(120))
    return [(feat("w1", "ro", "2025-03-12T08:00", ("country:ROU",)), wire),
            (feat("w2", "ro", "2025-03-12T12:00", ("country:ROU",)), wire[: len(wire) * 3 // 4])]


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_the_story_scale_migration_upgrades_a_store_with_stories(backend, tmp_path, request):
    """SQLite migration 7 / PostgreSQL 6 on a store whose stories were placed before it: entity counters equal
    the postings, band keys get their day, old articles (no stored shingle hashes) are still found as originals
    of a new copy, placement goes on keeping the counters, and opening the store again changes nothing."""
    from newsgraph.store import open_store
    from newsgraph.store.stories_sql import SqlStoryState

    location = str(tmp_path / "old.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    old = items() + copy_items()[:1]
    with open_store(location) as store:
        latest = store.schema_version
        c = Clusterer(SqlStoryState(store.sql))
        for f, text in old:
            place(c, f, text)
        stories = sorted(tuple(r.values()) for r in store.sql.rows("SELECT article_id, story_id FROM story_members"))
        if backend == "sqlite":
            store.conn.commit()
            undo_story_scale(store.conn)
            store.conn.execute(f"PRAGMA user_version={latest - 2}")
        else:
            undo_story_scale(store.conn)
            store.conn.execute("UPDATE newsgraph_schema SET version = %s", (latest - 2,))
        store.conn.commit()
    for _ in range(2):  # the second opening finds the store up to date
        with open_store(location) as store:
            assert store.schema_version == latest
            kept, counted = df_rows(store.sql)
            assert kept == counted and counted[""] == len(old) and counted["country:ROU"] == 5
            assert store.sql.value("SELECT count(*) AS n FROM story_bands b JOIN story_members m ON"
                                   " m.article_id = b.article_id WHERE b.day IS NULL OR b.day != m.day") == 0
            assert store.sql.value("SELECT count(*) AS n FROM story_bands") > 0
            assert store.sql.value("SELECT count(*) AS n FROM story_members WHERE shingles IS NOT NULL") == 0
            assert sorted(tuple(r.values()) for r in store.sql.rows("SELECT article_id, story_id FROM story_members")) \
                == stories
    with open_store(location) as store:
        c = Clusterer(SqlStoryState(store.sql))
        f, text = copy_items()[1]
        with store.transaction():
            assignment = place(c, f, text)
        assert assignment.copy_of == "w1"  # the original's hashes cut from its stored text
        assert store.sql.value("SELECT shingles FROM story_members WHERE article_id = 'w2'") is not None
        with store.transaction():  # an update that drops an entity: the counters follow
            place(c, feat("a3", "ro", "2025-03-13T09:00", ("place:iasi",), stems={"acordu": 1}), text_of("a3"))
        kept, counted = df_rows(store.sql)
        assert kept == counted and counted["country:MDA"] == 2 and counted[""] == len(old) + 1


def test_entity_counters_follow_updates_and_rebuild(make):
    c = make()
    if not hasattr(c.state, "sql"):
        pytest.skip("the memory state counts in memory")
    for f, text in items() + copy_items():
        place(c, f, text)
    place(c, feat("b1", "en", "2025-03-12T16:00", ("place:constanta", "place:galati")), text_of("b1"))
    kept, counted = df_rows(c.state.sql)
    assert kept == counted and counted["place:galati"] == 1 and counted["country:ROU"] == 5
    weights = c.state.entity_weights({"country:ROU", "place:galati", "place:nowhere"})
    n = counted[""]
    assert weights == {"country:ROU": idf(5, n), "place:galati": idf(1, n), "place:nowhere": idf(0, n)}


def test_near_with_a_limit_reads_the_articles_nearest_in_time(make):
    """The embedding neighbours are looked for among the articles nearest in time (``EMBED_SCAN``), not the
    whole window; both states agree on which."""
    c = make()
    days = ["2025-03-08T10:00", "2025-03-11T10:00", "2025-03-12T09:00", "2025-03-12T12:00", "2025-03-14T10:00", None]
    for i, when in enumerate(days):
        place(c, feat(f"n{i}", "ro", when, (f"place:p{i}",)), text_of(f"n{i}"))
    day = day_number(DAY)
    assert {m.features.id for m in c.state.near(day, 10.0)} == {f"n{i}" for i in range(6)}
    assert [m.features.id for m in c.state.near(day, 10.0, 3)] == ["n2", "n3", "n1"]
    assert [m.features.id for m in c.state.near(day, 3.0, 10)] == ["n2", "n3", "n1", "n4", "n5"]  # undated last;
    # n0 is out of the window
    assert [m.features.id for m in c.state.near(None, 10.0, 2)] == ["n0", "n1"]


@pytest.mark.parametrize("rows", [256, 0])
def test_band_candidates_read_at_once_or_by_range_scans_agree(make, monkeypatch, rows):
    """The nearest band neighbours are the same whether all band rows are read in one statement (few rows) or
    the per-band range scans read them (more than ``BAND_ROWS``; 0 forces them): every article shares the
    bands of one text, at days before, after and around the new one, some undated."""
    from newsgraph.stories.dedup import fingerprint

    c = make()
    if isinstance(c.state, MemoryState):
        pytest.skip("the store's statements")
    import newsgraph.store.stories_sql as stories_sql

    monkeypatch.setattr(stories_sql, "BAND_ROWS", rows)
    text = text_of("wire")
    days = [f"2025-03-{d:02d}T{h:02d}:00" for d in (2, 9, 12, 12, 13, 20) for h in (8, 10)] + [None, None, None]
    for i, when in enumerate(days):
        place(c, feat(f"w{i:02d}", "ro", when), text + f" tail{i}")
    bands = fingerprint(text).bands
    day = day_number(DAY)
    by_gap = sorted((abs(day_number(w) - day), f"w{i:02d}") for i, w in enumerate(days) if w)
    for limit in (1, 3, 7, 40):
        expected = {a for _, a in by_gap[:limit]} | {f"w{i:02d}" for i in range(len(days) - 3, len(days))
                                                      if limit > len(by_gap)}
        assert c.state.band_candidates(bands, day, limit) == expected
        assert c.state.band_candidates(bands, None, limit) == {f"w{i:02d}" for i in range(len(days))[:limit]}


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_members_read_with_a_tiny_feature_cache_place_as_in_memory(backend, tmp_path, request):
    """``many`` reads the features only of articles whose parsed features are not cached: with a cache of one
    article (nearly every read a miss, the cache evicting as it is filled) the stories are those in memory."""
    from newsgraph.store import open_store
    from newsgraph.store.stories_sql import SqlStoryState

    location = str(tmp_path / "tiny.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    memory = Clusterer(MemoryState())
    with open_store(location) as store:
        tiny = Clusterer(SqlStoryState(store.sql, cache_size=1))
        for f, text in [*items(), *copy_items()]:
            place(memory, f, text)
            place(tiny, f, text)
        for f, _ in [*items(), *copy_items()]:
            a, b = memory.state.get(f.id), tiny.state.get(f.id)
            assert (a.story, a.copy_of, a.features) == (b.story, b.copy_of, b.features)
        assert sorted(m.features.id for m in tiny.state.many(["w2", "a1", "nope", "b1"])) == ["a1", "b1", "w2"]


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_the_key_migration_keys_stored_entities_without_their_type(backend, tmp_path, request):
    """SQLite migration 8 / PostgreSQL 7 on stories placed with typed entity ids ("person:izmail" in one
    article, "place:izmail" in another, both in a third): features, postings and counters are keyed as
    ``entity_key`` keys them (the weights of two ids of one key added, as ``features_of`` adds them), equal to a
    store where the same articles were placed with those keys; the stories themselves are not placed again."""
    from newsgraph.store import open_store
    from newsgraph.store.stories_sql import SqlStoryState

    typed = [feat("k1", "ro", "2025-03-12T10:00", ("person:izmail", "country:ROU", "org:nato")),
             feat("k2", "en", "2025-03-12T11:00", ("place:izmail", "country:ROU")),
             feat("k3", "ro", "2025-03-12T12:00", ("place:izmail", "person:izmail", "misc:x"))]
    typed[2].entities["person:izmail"] = 1.5

    def rekeyed(f: Features) -> Features:
        g = Features.from_dict(f.to_dict())
        g.entities = {}
        for e, w in f.entities.items():
            g.entities[entity_key(e)] = g.entities.get(entity_key(e), 0.0) + w
        return g

    def state(location):
        with open_store(location) as store:
            members = {r["article_id"]: (r["story_id"], Features.from_dict(__import__("json").loads(r["features"])))
                       for r in store.sql.rows("SELECT article_id, story_id, features FROM story_members")}
            postings = sorted(tuple(r.values()) for r in store.sql.rows(
                "SELECT entity_id, article_id, day FROM story_entities"))
            kept, counted = df_rows(store.sql)
            version = store.sql.value("SELECT count(*) AS n FROM story_version")
        return members, postings, kept, counted, version

    if backend == "sqlite":
        old, new = str(tmp_path / "old.db"), str(tmp_path / "new.db")
    else:
        old = new = request.getfixturevalue("pg_url")
    for first, location, rows in ((True, new, [rekeyed(f) for f in typed]), (False, old, typed)):
        with open_store(location) as store:
            if backend == "postgres":  # one database: empty it between the two placements
                for table in ("story_members", "story_bands", "story_entities", "story_df", "stories", "articles"):
                    store.sql.run(f"DELETE FROM {table}")
            c = Clusterer(SqlStoryState(store.sql))
            for f in rows:
                with store.transaction():
                    place(c, f, text_of(f.id))
            latest = store.schema_version
        if first:
            expected = state(new)
    stories = {a: s for a, (s, _) in state(old)[0].items()}
    with open_store(old) as store:
        store.sql.run("DROP TABLE story_version")
        if backend == "sqlite":
            store.conn.commit()
            store.conn.execute(f"PRAGMA user_version={latest - 1}")
        else:
            store.conn.execute("UPDATE newsgraph_schema SET version = %s", (latest - 1,))
        store.conn.commit()
    for _ in range(2):  # the second opening changes nothing
        members, postings, kept, counted, version = state(old)
        assert version == 1 and kept == counted == expected[3] and postings == expected[1]
        assert {a: s for a, (s, _) in members.items()} == stories
        for a, (_, f) in members.items():
            assert f.entities == pytest.approx(expected[0][a][1].entities, rel=1e-12)
            assert f.to_dict() | {"entities": None} == expected[0][a][1].to_dict() | {"entities": None}
        assert set(members["k3"][1].entities) == {"name:izmail", "name:x"}
