"""Ingest with stories writes a window of analysed articles in one transaction (``batch.ingest``'s
``story_window``): the stories must be those of placing the articles one at a time, and an interrupted window
must leave the store as if it had never started (a re-run completes it)."""

import json
import random

import pytest
from conftest import sql_rows

from newsgraph.pipeline import STRUCTURE_STAGES

WORDS = ("guvernul consiliul primarul ministrul proiectul bugetul orașul județul școala spitalul drumul parlamentul "
         "votul legea comisia raportul investiția fondurile lucrările anunțul").split()
PARA = ("{A} a anunțat {d} că {b} va fi aprobat până la finalul lunii, potrivit unui comunicat oficial. "
        "Reprezentanții {c} au declarat că {e} nu a fost încă discutat în detaliu și că vor urma noi consultări.")


def records(n: int = 90) -> list[dict]:
    """Template articles over six weeks (band neighbours, joins, merges and renames: ``ingest_scale.py``'s kind),
    plus exact and trimmed copies, a copy published before its original, and articles updated in the same run."""
    rng = random.Random(7)
    w = lambda: rng.choice(WORDS)  # noqa: E731
    out = []
    for i in range(n):
        paras = [PARA.format(A=w().capitalize(), b=w(), c=w(), d=rng.choice(["luni", "marți", "joi"]), e=w())
                 for _ in range(5)]
        day = 1 + (i * 7) % 42
        text = "\n".join([f"Știre numărul {i}: {w()} și {w()}", f"Data publicării: {1 + day % 28} "
                          f"{'mai' if day <= 28 else 'iunie'} 2024", *paras])
        out.append({"url": f"https://a.example/{i}", "text": text})
        if i % 11 == 3:  # an exact copy on another site
            out.append({"url": f"https://b.example/{i}", "text": text})
        if i % 13 == 5:  # a copy with its last paragraph cut, published the day before (it arrives later)
            lines = text.split("\n")
            out.append({"url": f"https://c.example/{i}", "text": "\n".join(
                [lines[0] + " (reluare)", f"Data publicării: {max(1, day % 28)} {'mai' if day <= 28 else 'iunie'}"
                 " 2024", *lines[2:-1]])})
        if i % 17 == 9 and out:  # an earlier article updated: a new text under the same URL
            j = i - 5
            out.append({"url": f"https://a.example/{j}", "text": out[0]["text"].replace("numărul 0", f"nou {j}")})
    return out


def write(path, recs) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), "utf-8")
    return str(path)


def state(store) -> dict:
    """Everything placement writes: members, copy links, similarities, summaries, postings and counters."""
    return {
        "members": sql_rows(store, "SELECT article_id, story_id, copy_of, similarity, day, content_key, features"
                                   " FROM story_members ORDER BY article_id"),
        "stories": sql_rows(store, "SELECT id, title, title_article, first_seen, last_seen, size, languages, sites"
                                   " FROM stories ORDER BY id"),
        "bands": sql_rows(store, "SELECT band, article_id, day FROM story_bands ORDER BY band, article_id"),
        "df": sql_rows(store, "SELECT entity_id, n FROM story_df WHERE n > 0 ORDER BY entity_id"),
        "articles": sql_rows(store, "SELECT id, version_hash FROM articles ORDER BY id"),
    }


def ingest_into(location, src, window, **kwargs):
    from newsgraph.batch import ingest
    from newsgraph.store import open_store

    with open_store(location) as store:
        summary = ingest([src], store, stages=STRUCTURE_STAGES, story_window=window, **kwargs)
        return summary, state(store)


def locations(db_location, tmp_path, n):
    if db_location.startswith("postgresql://"):
        from conftest import fresh_pg_database

        dbs = [fresh_pg_database() for _ in range(n)]
        return [db.__enter__() for db in dbs], dbs
    return [str(tmp_path / f"s{i}.db") for i in range(n)], []


def test_a_window_in_one_transaction_places_articles_as_one_at_a_time(db_location, tmp_path):
    src = write(tmp_path / "a.jsonl", records())
    where, held = locations(db_location, tmp_path, 3)
    try:
        one, seq = ingest_into(where[0], src, 1)
        seven, win7 = ingest_into(where[1], src, 7)
        _, win64 = ingest_into(where[2], src, 64)
    finally:
        for db in held:
            db.__exit__(None, None, None)
    assert one == seven and one["updated"] >= 3 and one["failed"] == 0
    placed = {r[0]: r for r in seq["members"]}
    assert sum(r[2] is not None for r in seq["members"]) >= 8  # copies linked
    assert len({r[1] for r in seq["members"]}) < len(placed) / 2  # articles grouped into stories
    assert seq == win7 == win64


def test_an_interrupted_window_is_rolled_back_whole_and_a_rerun_completes_it(db_location, tmp_path, monkeypatch):
    import sys

    cluster = sys.modules["newsgraph.stories.cluster"]
    src = write(tmp_path / "a.jsonl", records(40))
    where, held = locations(db_location, tmp_path, 2)
    try:
        _, clean = ingest_into(where[0], src, 8)
        real, calls = cluster.Clusterer.add, []

        def add(self, doc):
            calls.append(doc.id)
            if len(calls) == 21:  # Ctrl-C in the third window, after two articles of it were placed
                raise KeyboardInterrupt
            return real(self, doc)

        monkeypatch.setattr(cluster.Clusterer, "add", add)
        reported = []
        with pytest.raises(KeyboardInterrupt):
            ingest_into(where[1], src, 8, on_result=lambda item, outcome: reported.append(outcome))
        monkeypatch.undo()
        from newsgraph.store import open_store

        with open_store(where[1]) as store:
            partial = state(store)
        assert len(reported) == 16  # two windows written, the third rolled back
        assert 12 <= len(partial["articles"]) <= 16 < len(clean["articles"])  # (an update shares its article)
        assert {r[0] for r in partial["articles"]} == {r[0] for r in partial["members"]}  # no article without a story
        summary, rerun = ingest_into(where[1], src, 8)
    finally:
        for db in held:
            db.__exit__(None, None, None)
    assert summary["unchanged"] == 16
    assert rerun == clean
