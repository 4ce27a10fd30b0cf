"""Read-only queries behind every page and JSON answer: one function per view, each returning plain dicts.

Every statement is a constant string with ``?`` parameters; user text reaches FTS5 only through
:func:`newsgraph.store.sqlite.fts_query`, which turns it into quoted terms. Each worker thread gets its own
read-only connection (``mode=ro`` + ``PRAGMA query_only``), so a bug here cannot write to the database.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from newsgraph.store.sqlite import actor_filter, fts_query

# FTS5 snippet()/highlight() markers: control characters that never occur in stored text (the extractors
# normalise whitespace), turned into <mark> only after the text around them has been escaped.
_OPEN, _CLOSE = "\x02", "\x03"


class QueryError(ValueError):
    """A request the database cannot answer as asked (e.g. a query FTS5 rejects): a 400, not a 500."""


@dataclass(frozen=True)
class Filters:
    q: str | None = None
    lang: str | None = None
    site: str | None = None
    since: str | None = None  # YYYY-MM-DD
    until: str | None = None
    entity: str | None = None


def marked(text: str | None) -> Markup:
    """Escape ``text``, then turn the FTS markers into <mark> elements (never the other way round)."""
    if not text:
        return Markup("")
    out = str(escape(text)).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")
    if out.count("<mark>") != out.count("</mark>"):  # a cut-off snippet: close what is open
        out += "</mark>" * (out.count("<mark>") - out.count("</mark>"))
    return Markup(out)


def plain(text: str | None) -> str | None:
    return text.replace(_OPEN, "").replace(_CLOSE, "") if text else text


NETWORK_WINDOW = 2000  # mentions (newest first) the co-occurrence network of one entity is computed over


class Queries:
    def __init__(self, path: str | Path):
        self.path = str(path)
        self._local = threading.local()
        self._memo: dict = {}
        self._memo_stamp = None
        self._memo_lock = threading.Lock()

    # ------------------------------------------------------------------ memo of whole-database aggregates
    def _stamp(self) -> tuple:
        """Changes whenever the database changes (a commit touches the file or its WAL), even from another
        process: cheap enough (two stat calls) to check on every request."""
        out = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(self.path + suffix)
                out += [st.st_mtime_ns, st.st_size]
            except FileNotFoundError:
                out += [0, 0]
        return tuple(out)

    def memo(self, key: tuple, compute):
        stamp = self._stamp()
        with self._memo_lock:
            if stamp != self._memo_stamp:
                self._memo, self._memo_stamp = {}, stamp
            if key in self._memo:
                return self._memo[key]
        value = compute()
        with self._memo_lock:
            if stamp == self._memo_stamp and len(self._memo) < 256:
                self._memo[key] = value
        return value

    # ------------------------------------------------------------------ connections
    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA query_only = 1")
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA cache_size = -32000")
            self._local.conn = conn
        return conn

    def rows(self, sql: str, params=()) -> list[dict]:
        try:
            return [dict(r) for r in self.conn.execute(sql, params)]
        except sqlite3.OperationalError as e:
            if "fts5" in str(e) or "syntax" in str(e):
                raise QueryError(f"cannot run this search: {e}") from None
            raise

    def one(self, sql: str, params=()) -> dict | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    # ------------------------------------------------------------------ facets
    def facets(self) -> dict:
        return self.memo(("facets",), self._facets)

    def _facets(self) -> dict:
        return {
            "languages": self.rows("SELECT language AS value, count(*) AS n FROM articles WHERE language IS NOT NULL"
                                   " GROUP BY language ORDER BY n DESC LIMIT 50"),
            "sites": self.rows("SELECT site AS value, count(*) AS n FROM articles WHERE site IS NOT NULL"
                               " GROUP BY site ORDER BY n DESC LIMIT 200"),
            "articles": self.one("SELECT count(*) AS n FROM articles")["n"],
            "entities": self.one("SELECT count(*) AS n FROM entities")["n"],
        }

    # ------------------------------------------------------------------ search
    @staticmethod
    def _where(f: Filters, alias: str = "a") -> tuple[list[str], list]:
        where, params = [], []
        for cond, value in ((f"{alias}.language = ?", f.lang), (f"{alias}.site = ? COLLATE NOCASE", f.site),
                            (f"substr({alias}.published, 1, 10) >= ?", f.since),
                            (f"substr({alias}.published, 1, 10) <= ?", f.until),
                            (f"{alias}.id IN (SELECT article_id FROM mentions WHERE entity_id = ?)", f.entity)):
            if value:
                where.append(cond)
                params.append(value)
        return where, params

    def search(self, f: Filters, limit: int, offset: int, added: bool = False) -> tuple[list[dict], bool]:
        """Hits (best first, or newest first without a query; last stored first with ``added``, as a feed
        wants them) and whether there is a next page. Snippets are computed in a second step for the page's rows
        only: snippet() is the costly part of FTS5."""
        where, params = self._where(f)
        match = fts_query(f.q) if f.q else ""
        if f.q and not match:
            return [], False
        order = " ORDER BY a.first_seen DESC, a.rowid DESC" if added else ""
        if match:
            sql = ("SELECT a.rowid AS rowid FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
                   " WHERE articles_fts MATCH ?" + "".join(" AND " + w for w in where) +
                   (order or " ORDER BY bm25(articles_fts, 5.0, 1.0)") + " LIMIT ? OFFSET ?")
            ids = [r["rowid"] for r in self.rows(sql, [match, *params, limit + 1, offset])]
            more, ids = len(ids) > limit, ids[:limit]
            if not ids:
                return [], False
            marks = ",".join("?" * len(ids))
            sql = ("SELECT a.rowid AS rowid, a.id, a.site, a.language, a.published, a.url, a.first_seen, a.updated_at,"
                   f" highlight(articles_fts, 0, '{_OPEN}', '{_CLOSE}') AS title_marked,"
                   f" snippet(articles_fts, 1, '{_OPEN}', '{_CLOSE}', ' … ', 24) AS snippet_marked"
                   " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
                   f" WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({marks})")
            found = {r["rowid"]: r for r in self.rows(sql, [match, *ids])}
            hits = [found[i] for i in ids if i in found]
        else:
            sql = ("SELECT a.rowid AS rowid, a.id, a.site, a.language, a.published, a.url, a.first_seen, a.updated_at,"
                   " a.title AS title_marked, substr(a.text, 1, 240) AS snippet_marked FROM articles a" +
                   (" WHERE " + " AND ".join(where) if where else "") +
                   (order or " ORDER BY a.published DESC, a.rowid DESC") + " LIMIT ? OFFSET ?")
            hits = self.rows(sql, [*params, limit + 1, offset])
            more, hits = len(hits) > limit, hits[:limit]
        out = []
        for h in hits:
            out.append({"id": h["id"], "title": plain(h["title_marked"]), "site": h["site"],
                        "language": h["language"], "published": h["published"], "url": h["url"],
                        "added": h["first_seen"], "updated": h["updated_at"],
                        "snippet": plain(h["snippet_marked"]),
                        "title_html": marked(h["title_marked"]), "snippet_html": marked(h["snippet_marked"])})
        return out, more

    # ------------------------------------------------------------------ articles
    def article(self, id: str) -> dict | None:
        row = self.one("SELECT id, url, input, published_source, record FROM articles WHERE id = ?", (id,))
        if row is None and 4 <= len(id) < 16:
            rows = self.rows("SELECT id, url, input, published_source, record FROM articles"
                             " WHERE id >= ? AND id < ? LIMIT 2", (id, id + "\U0010ffff"))
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            return None
        record = json.loads(row["record"])
        known = {r["id"]: r for r in self.rows(
            "SELECT id, name, type, code FROM entities WHERE id IN"
            " (SELECT DISTINCT entity_id FROM mentions WHERE article_id = ?)", (row["id"],))}
        record["known_entities"] = known
        return record

    # ------------------------------------------------------------------ entities
    def entities(self, name: str | None, type: str | None, limit: int, offset: int) -> tuple[list[dict], bool]:
        """Entities, most mentioned first. The unfiltered ranking (home page, /entities) aggregates every
        mention, so it is memoised until the database file changes."""
        if not name and not type:
            rows = self.memo(("entities", limit, offset), lambda: self.rows(
                "WITH top AS (SELECT entity_id, count(*) AS mentions, count(DISTINCT article_id) AS articles"
                " FROM mentions GROUP BY entity_id ORDER BY mentions DESC, entity_id LIMIT ? OFFSET ?)"
                " SELECT e.id, e.name, e.type, e.code, top.mentions, top.articles FROM top"
                " JOIN entities e ON e.id = top.entity_id ORDER BY top.mentions DESC, e.name", (limit + 1, offset)))
            if len(rows) <= limit and offset == 0:  # entities never mentioned come after the mentioned ones
                rows = rows + self.rows("SELECT id, name, type, code, 0 AS mentions, 0 AS articles FROM entities"
                                        " WHERE id NOT IN (SELECT entity_id FROM mentions) ORDER BY name LIMIT ?",
                                        (limit + 1 - len(rows),))
            return rows[:limit], len(rows) > limit
        where, params = [], []
        if name:
            where.append("(e.name LIKE ? ESCAPE '\\' OR e.aliases LIKE ? ESCAPE '\\')")
            like = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            params += [like, like]
        if type:
            where.append("e.type = ?")
            params.append(type)
        sql = ("SELECT e.id, e.name, e.type, e.code,"
               " (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS mentions,"
               " (SELECT count(DISTINCT article_id) FROM mentions m WHERE m.entity_id = e.id) AS articles"
               " FROM entities e WHERE " + " AND ".join(where) +
               " ORDER BY mentions DESC, e.name LIMIT ? OFFSET ?")
        rows = self.rows(sql, [*params, limit + 1, offset])
        return rows[:limit], len(rows) > limit

    def entity_types(self) -> list[str]:
        return [r["type"] for r in self.rows("SELECT DISTINCT type FROM entities ORDER BY type")]

    def entity(self, id: str, limit: int = 50) -> dict | None:
        ent = self.one("SELECT id, name, type, code, aliases, first_seen FROM entities WHERE id = ?", (id,))
        if ent is None:
            return None
        aliases = json.loads(ent.pop("aliases") or "[]")
        names: dict[str, list[str]] = {}
        for a in aliases:
            names.setdefault(a.get("lang") or "?", [])
            if a["text"] not in names[a.get("lang") or "?"]:
                names[a.get("lang") or "?"].append(a["text"])
        ent["names"] = names
        ent["counts"] = self.one(
            "SELECT count(*) AS mentions, count(DISTINCT article_id) AS articles FROM mentions WHERE entity_id = ?",
            (id,))
        ent["timeline"] = self.entity_timeline(id)
        ent["articles"] = self.rows(
            "WITH recent AS (SELECT article_id, max(published) AS published FROM"
            "   (SELECT article_id, published FROM mentions WHERE entity_id = ? ORDER BY published DESC LIMIT ?)"
            "   GROUP BY article_id ORDER BY published DESC LIMIT ?)"
            " SELECT a.id, a.title, a.site, a.language, a.published,"
            " (SELECT count(*) FROM mentions m WHERE m.article_id = a.id AND m.entity_id = ?) AS mentions"
            " FROM recent JOIN articles a ON a.id = recent.article_id ORDER BY recent.published DESC",
            (id, limit * 20, limit, id))
        ent["quotes"] = self.rows(
            "SELECT q.article_id, q.n, q.text, q.speaker, q.verb, q.via, q.published, a.title AS article_title"
            " FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker_entity = ?"
            " ORDER BY q.published DESC LIMIT ?", (id, limit))
        ent["events"] = self.rows(
            "SELECT article_id, n, source_name, source_entity, target_name, target_entity, plover, mode, cameo,"
            " date, published, negated, hypothetical, evidence FROM events"
            " WHERE source_entity = ? OR target_entity = ? ORDER BY day_start DESC, day_end DESC LIMIT ?",
            (id, id, limit))
        ent["network"] = self.network(id)
        return ent

    def entity_timeline(self, id: str) -> list[dict]:
        return self.rows(
            "SELECT substr(published, 1, 10) AS day, count(*) AS mentions, count(DISTINCT article_id) AS articles"
            " FROM mentions WHERE entity_id = ? AND published IS NOT NULL GROUP BY day ORDER BY day", (id,))

    def network(self, id: str, size: int = 25, window: int = NETWORK_WINDOW) -> dict:
        """The entity, the ``size`` entities it shares most articles with, and the edges among them all
        (weight = articles in which both appear), over the entity's ``window`` most recent mentions: a bound
        that keeps the page fast for an entity in half of all articles."""
        arts = ("arts AS (SELECT DISTINCT article_id FROM (SELECT article_id FROM mentions WHERE entity_id = ?"
                " ORDER BY published DESC LIMIT ?))")
        neighbours = self.rows(
            "WITH " + arts +
            " SELECT m.entity_id AS id, count(DISTINCT m.article_id) AS weight FROM mentions m"
            " JOIN arts ON arts.article_id = m.article_id WHERE m.entity_id != ?"
            " GROUP BY m.entity_id ORDER BY weight DESC, m.entity_id LIMIT ?", (id, window, id, size))
        ids = [id] + [n["id"] for n in neighbours]
        marks = ",".join("?" * len(ids))
        nodes = self.rows(f"SELECT id, name, type FROM entities WHERE id IN ({marks})", ids)
        edges = [{"source": id, "target": n["id"], "weight": n["weight"]} for n in neighbours]
        if len(ids) > 2:
            others = ids[1:]
            om = ",".join("?" * len(others))
            edges += self.rows(
                "WITH " + arts + ","
                f" m AS (SELECT DISTINCT article_id, entity_id FROM mentions WHERE entity_id IN ({om})"
                "        AND article_id IN (SELECT article_id FROM arts))"
                " SELECT a.entity_id AS source, b.entity_id AS target, count(*) AS weight FROM m a"
                " JOIN m b ON a.article_id = b.article_id AND a.entity_id < b.entity_id"
                " GROUP BY a.entity_id, b.entity_id ORDER BY weight DESC LIMIT 200", [id, window, *others])
        return {"nodes": nodes, "edges": edges}

    # ------------------------------------------------------------------ events
    def events(self, actor: str | None, type: str | None, since: str | None, until: str | None,
               limit: int, offset: int) -> tuple[list[dict], bool]:
        where, params = self._event_where(actor, type, since, until)
        sql = ("SELECT e.article_id, e.n, e.source_name, e.source_entity, e.target_name, e.target_entity, e.plover,"
               " e.mode, e.cameo, e.date, e.published, e.negated, e.hypothetical, e.evidence, a.title AS article_title"
               " FROM events e JOIN articles a ON a.id = e.article_id" +
               (" WHERE " + " AND ".join(where) if where else "") +
               " ORDER BY e.day_start DESC, e.day_end DESC, e.article_id, e.n LIMIT ? OFFSET ?")
        rows = self.rows(sql, [*params, limit + 1, offset])
        return rows[:limit], len(rows) > limit

    def event_chart(self, actor, type, since, until) -> list[dict]:
        where, params = self._event_where(actor, type, since, until)
        return self.rows(
            "SELECT e.day_start AS day, e.plover AS type, count(*) AS n"
            " FROM events e" + (" WHERE " + " AND ".join(where) if where else "") +
            " GROUP BY day, type HAVING day IS NOT NULL ORDER BY day, type LIMIT 5000", params)

    def event_types(self) -> list[str]:
        return [r["plover"] for r in self.rows("SELECT DISTINCT plover FROM events WHERE plover IS NOT NULL"
                                               " ORDER BY plover")]

    @staticmethod
    def _event_where(actor, type, since, until) -> tuple[list[str], list]:
        where, params = [], []
        if actor:  # the same meaning as the CLI's events --actor
            sql, more = actor_filter(actor)
            where.append(sql)
            params += more
        if type:
            where.append("e.plover = ?")
            params.append(type)
        if since:
            where.append("e.day_end >= ?")  # event dates are intervals (a week, a month): overlap the range
            params.append(since)
        if until:
            where.append("e.day_start <= ?")
            params.append(until)
        return where, params

    # ------------------------------------------------------------------ timeline
    def timeline(self, f: Filters) -> list[dict]:
        """Articles per day matching a query and/or mentioning an entity (plus the entity's mentions)."""
        where, params = self._where(f)
        match = fts_query(f.q) if f.q else ""
        if f.q and not match:
            return []
        if match:
            sql = ("SELECT substr(a.published, 1, 10) AS day, count(*) AS articles FROM articles_fts"
                   " JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ?"
                   " AND a.published IS NOT NULL" + "".join(" AND " + w for w in where) +
                   " GROUP BY day ORDER BY day")
            return self.rows(sql, [match, *params])
        if f.entity and not (f.lang or f.site or f.since or f.until):
            return self.entity_timeline(f.entity)
        sql = ("SELECT substr(a.published, 1, 10) AS day, count(*) AS articles FROM articles a"
               " WHERE a.published IS NOT NULL" + "".join(" AND " + w for w in where) + " GROUP BY day ORDER BY day")
        return self.rows(sql, params)
