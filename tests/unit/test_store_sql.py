"""The pieces both stores share and PostgreSQL's query building, without a database server."""

from __future__ import annotations

import math
import re
import sqlite3

from newsgraph.store.postgres import idf, phrase_pattern, ts_query
from newsgraph.store.sql import Sql, to_pyformat


def test_placeholders_become_pyformat_outside_literals_only():
    assert to_pyformat("SELECT coalesce(x, '?') AS k FROM t WHERE a = ? AND b LIKE ?") == \
        "SELECT coalesce(x, '?') AS k FROM t WHERE a = %s AND b LIKE %s"
    assert to_pyformat("SELECT '50%' || ?, 'it''s ?' WHERE c LIKE '%a'") == \
        "SELECT '50%%' || %s, 'it''s ?' WHERE c LIKE '%%a'"


def test_sql_gives_dicts_on_sqlite():
    conn = sqlite3.connect(":memory:")
    conn.row_factory = sqlite3.Row
    sql = Sql(conn, pyformat=False)
    sql.run("CREATE TABLE t (a, b)")
    sql.many("INSERT INTO t VALUES (?, ?)", [(1, "x"), (2, "y")])
    assert sql.rows("SELECT a, b FROM t ORDER BY a") == [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]
    assert sql.one("SELECT b FROM t WHERE a = ?", (2,)) == {"b": "y"} and sql.value("SELECT count(*) AS n FROM t") == 2
    assert sql.one("SELECT b FROM t WHERE a = 9") is None


def test_ts_query_keeps_the_fts5_meaning_and_ranks_what_is_not_excluded():
    sql, params, ranked = ts_query('putin "coreea de nord" kim*')
    assert sql.count("&&") == 2 and "||" not in sql and params[:2] == ["putin", "coreea de nord"]
    assert params[2] == "'kim':*" and ranked == [("putin", False), ("coreea de nord", False), ("kim", True)]
    sql, params, ranked = ts_query("a OR b NOT c")
    assert sql.count("||") == 1 and "!!" in sql and ranked == [("a", False), ("b", False)]
    assert ts_query("OR")[2] == [("OR", False)] and ts_query("...") == ("", [], [])
    assert ts_query("a OR")[2] == [("a", False)]
    # nothing a user types reaches tsquery syntax: the words are parameters or quoted lexemes of \w characters
    sql, params, _ = ts_query("x':* | !y & (z")
    assert "x" not in sql and all(re.fullmatch(r"[^']*|'\w+'(:\*)?( <-> '\w+'(:\*)?)*", p) for p in params)


def test_phrase_patterns_and_idf_as_fts5():
    assert phrase_pattern("in the") == " (?=in the )" and phrase_pattern("kim*") == " (?=kim[^ ]* )"
    assert re.findall(phrase_pattern("in the"), " in the in the end ") == [" ", " "]
    assert idf(100, 10) == math.log(90.5 / 10.5) and idf(100, 90) == 1e-6 and idf(0, 0) == 1e-6


def test_story_feature_cache_is_bounded_and_keeps_the_recent():
    from newsgraph.store.stories_sql import FeatureCache

    cache = FeatureCache(size=3)
    for k in "abcd":
        cache[k] = k
    assert len(cache) == 3 and cache.get("a") is None  # the oldest went
    cache.get("b")  # used: now the most recent
    cache["e"] = "e"
    assert cache.get("b") == "b" and cache.get("c") is None
    assert cache.pop("b") == "b" and cache.pop("b") is None
