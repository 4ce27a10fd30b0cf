"""Every read query, written once for both backends: the CLI's (search, show, stats, entities, quotes, events),
the exports' and the web layer's (facets, search pages, article, entity and event pages, timelines, networks).

:class:`Reads` is a mixin of :class:`~newsgraph.store.sqlite.SQLiteStore` and
:class:`~newsgraph.store.postgres.PostgresStore`. Statements use ``?`` placeholders and SQL both databases read
the same way (``NULLS LAST`` spelled out where SQLite's default order of NULLs differs from PostgreSQL's); what
differs is asked of the backend: full-text matching and ranking (:meth:`_fts`, :meth:`_marked`), a
case-insensitive comparison (:meth:`_ci_equal`, ``_like``) and a change stamp for caches."""

from __future__ import annotations

import json
from dataclasses import dataclass

from newsgraph.document import Document
from newsgraph.store.base import Hit
from newsgraph.store.sql import Sql, actor_filter, like_pattern

#: markers around matched words in titles and snippets: control characters the extractors never keep
OPEN, CLOSE = "\x02", "\x03"
NETWORK_WINDOW = 2000  # mentions (newest first) the co-occurrence network of one entity is computed over


@dataclass(frozen=True)
class Match:
    """A full-text condition over ``a`` (articles) in a backend's dialect: ``source`` replaces ``articles a``
    in FROM, ``cond`` and its ``params`` go in WHERE, ``score`` ranks (lower is better, as FTS5's bm25)."""
    source: str
    cond: str
    params: tuple
    score: str
    score_params: tuple = ()
    query: object = None  # the backend's own form of the query (for highlighting)


def _limit(limit) -> int:
    return max(1, min(int(limit), 1000))


class Reads:
    sql: Sql
    path: str
    _like = "LIKE"  # a case-insensitive LIKE

    # ------------------------------------------------------------------ dialect hooks
    def _fts(self, query: str) -> Match | None:  # pragma: no cover - each backend has its own
        raise NotImplementedError

    def _marked(self, match: Match, rowids: list[int], words: int) -> dict[int, dict]:  # pragma: no cover
        """rowid -> ``{"title_marked", "snippet_marked"}`` (matches between OPEN/CLOSE) for a page of hits."""
        raise NotImplementedError

    def _ci_equal(self, column: str) -> str:
        return f"lower({column}) = lower(?)"

    def change_stamp(self):  # pragma: no cover
        """A value that changes whenever the stored data changes (caches of aggregates compare it)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ articles
    def _filters(self, lang=None, site=None, since=None, until=None, entity_id=None) -> tuple[list[str], list]:
        where, params = [], []
        for cond, value in (("a.language = ?", lang), (self._ci_equal("a.site"), site),
                            ("substr(a.published, 1, 10) >= ?", since), ("substr(a.published, 1, 10) <= ?", until),
                            ("a.id IN (SELECT article_id FROM mentions WHERE entity_id = ?)", entity_id)):
            if value:
                where.append(cond)
                params.append(value)
        return where, params

    def search_page(self, query: str | None = None, *, lang=None, site=None, since=None, until=None,
                    entity_id=None, limit: int = 20, offset: int = 0, order: str = "rank",
                    words: int = 24) -> tuple[list[dict], bool]:
        """A page of articles and whether there is a next one: best first for a query (``order="rank"``),
        newest published first without one, last stored first with ``order="added"`` (a feed). Each row has
        ``title_marked`` / ``snippet_marked`` with the matched words between :data:`OPEN` and :data:`CLOSE`;
        snippets are made for the page's rows only (the costly part)."""
        where, params = self._filters(lang, site, since, until, entity_id)
        match = self._fts(query) if query else None
        if query and match is None:
            return [], False
        added = order == "added"
        columns = "a.rowid AS rowid, a.id, a.title, a.site, a.language, a.published, a.url, a.first_seen, a.updated_at"
        if match:
            sql = (f"SELECT {columns}, {match.score} AS score FROM {match.source} WHERE {match.cond}"
                   + "".join(" AND " + w for w in where)
                   + (" ORDER BY a.first_seen DESC, a.rowid DESC" if added else " ORDER BY score, a.id")
                   + " LIMIT ? OFFSET ?")
            rows = self.sql.rows(sql, [*match.score_params, *match.params, *params, limit + 1, offset])
        else:
            sql = (f"SELECT {columns}, 0.0 AS score, a.title AS title_marked, substr(a.text, 1, 240) AS snippet_marked"
                   " FROM articles a" + (" WHERE " + " AND ".join(where) if where else "")
                   + (" ORDER BY a.first_seen DESC, a.rowid DESC" if added
                      else " ORDER BY a.published DESC NULLS LAST, a.rowid DESC") + " LIMIT ? OFFSET ?")
            rows = self.sql.rows(sql, [*params, limit + 1, offset])
        more, rows = len(rows) > limit, rows[:limit]
        if match and rows:
            marked = self._marked(match, [r["rowid"] for r in rows], words)
            for r in rows:
                r.update(marked.get(r["rowid"]) or {"title_marked": r["title"], "snippet_marked": ""})
        for r in rows:
            r["score"] = float(r["score"])
        return rows, more

    def search(self, query=None, *, lang=None, site=None, since=None, until=None, entity=None, limit=20,
               offset=0) -> list[Hit]:
        """Articles matching a query (words, "phrases", OR, NOT, prefix*), best first; without a query, newest
        first. ``entity``: an id, name or alias. Snippets mark the matched words with [ ]."""
        entity_id = None
        if entity:
            entity_id = self.find_entity(entity)
            if entity_id is None:
                return []
        rows, _ = self.search_page(query, lang=lang, site=site, since=since, until=until, entity_id=entity_id,
                                   limit=_limit(limit), offset=int(offset), words=16)
        return [Hit(id=r["id"], title=r["title"], site=r["site"], language=r["language"], published=r["published"],
                    url=r["url"], score=r["score"],
                    snippet=(r["snippet_marked"] or "").replace(OPEN, "[").replace(CLOSE, "]")) for r in rows]

    def timeline(self, query: str | None = None, *, lang=None, site=None, since=None, until=None,
                 entity_id=None) -> list[dict]:
        """Articles per day matching a query and/or mentioning an entity."""
        where, params = self._filters(lang, site, since, until, entity_id)
        if query:
            match = self._fts(query)
            if match is None:
                return []
            return self.sql.rows(
                f"SELECT substr(a.published, 1, 10) AS day, count(*) AS articles FROM {match.source}"
                f" WHERE {match.cond} AND a.published IS NOT NULL" + "".join(" AND " + w for w in where) +
                " GROUP BY substr(a.published, 1, 10) ORDER BY day", [*match.params, *params])
        if entity_id and not (lang or site or since or until):
            return self.entity_timeline(entity_id)
        return self.sql.rows(
            "SELECT substr(a.published, 1, 10) AS day, count(*) AS articles FROM articles a"
            " WHERE a.published IS NOT NULL" + "".join(" AND " + w for w in where) +
            " GROUP BY substr(a.published, 1, 10) ORDER BY day", params)

    def _article_row(self, id: str, columns: str) -> dict | None:
        row = self.sql.one(f"SELECT {columns} FROM articles WHERE id = ?", (id,))
        if row is None and 4 <= len(id) < 16:  # a unique prefix of an id
            rows = self.sql.rows(f"SELECT {columns} FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
                                 (id, id + "\U0010ffff"))
            row = rows[0] if len(rows) == 1 else None
        return row

    def get(self, id: str) -> Document | None:
        """The stored document with this id (or unique id prefix)."""
        row = self._article_row(id, "record")
        return Document.from_dict(json.loads(row["record"])) if row else None

    def article(self, id: str) -> dict | None:
        """An article's stored record (by id or unique prefix) with ``known_entities``: id -> the stored entity."""
        row = self._article_row(id, "id, record")
        if row is None:
            return None
        record = json.loads(row["record"])
        record["known_entities"] = {r["id"]: r for r in self.sql.rows(
            "SELECT id, name, type, code FROM entities WHERE id IN"
            " (SELECT DISTINCT entity_id FROM mentions WHERE article_id = ?)", (row["id"],))}
        return record

    def facets(self) -> dict:
        return {
            "languages": self.sql.rows("SELECT language AS value, count(*) AS n FROM articles WHERE language IS NOT NULL"
                                       " GROUP BY language ORDER BY n DESC, value LIMIT 50"),
            "sites": self.sql.rows("SELECT site AS value, count(*) AS n FROM articles WHERE site IS NOT NULL"
                                   " GROUP BY site ORDER BY n DESC, value LIMIT 200"),
            "articles": self.sql.value("SELECT count(*) AS n FROM articles"),
            "entities": self.sql.value("SELECT count(*) AS n FROM entities"),
        }

    def stats(self) -> dict:
        counts = {t: self.sql.value(f"SELECT count(*) AS n FROM {t}")
                  for t in ("articles", "entities", "mentions", "quotes", "events", "failures")}

        def pairs(sql):
            return {r["k"]: r["n"] for r in self.sql.rows(sql)}

        return {
            "database": self.path, "schema_version": self.schema_version, **counts,
            "languages": pairs("SELECT coalesce(language, '?') AS k, count(*) AS n FROM articles GROUP BY 1"
                               " ORDER BY 2 DESC, 1"),
            "sites": pairs("SELECT coalesce(site, '?') AS k, count(*) AS n FROM articles GROUP BY 1"
                           " ORDER BY 2 DESC, 1 LIMIT 20"),
            "published": list(self.sql.one("SELECT min(published) AS a, max(published) AS b FROM articles").values()),
        }

    def failures(self, limit: int = 100) -> list[dict]:
        return self.sql.rows("SELECT input, error, at, attempts FROM failures ORDER BY at DESC LIMIT ?", (limit,))

    # ------------------------------------------------------------------ entities
    def find_entity(self, name_or_id: str) -> str | None:
        """An entity id from an id, a canonical name or any alias (case and diacritics ignored)."""
        row = self.sql.one(f"SELECT id FROM entities WHERE id = ? OR {self._ci_equal('name')} LIMIT 1",
                           (name_or_id, name_or_id))
        if row:
            return row["id"]
        from newsgraph.normalize import fold

        key = fold(name_or_id)
        last = name_or_id.split()[-1] if name_or_id.split() else name_or_id
        for row in self.sql.rows(f"SELECT id, name, aliases FROM entities WHERE aliases {self._like} ? ESCAPE '\\'"
                                 " LIMIT 200", (like_pattern(last),)):
            if fold(row["name"]) == key or any(fold(a["text"]) == key for a in json.loads(row["aliases"])):
                return row["id"]
        # A name in another language than the stored articles ("Coreea de Nord" for English news): ask the
        # knowledge base (loaded only on this miss).
        from newsgraph.enrich.gazetteer import Gazetteer

        if getattr(self, "_gazetteer", None) is None:
            self._gazetteer = Gazetteer.build()
        alias = self._gazetteer.lookup(name_or_id)
        if alias and self.sql.one("SELECT 1 AS ok FROM entities WHERE id = ?", (alias.entity,)):
            return alias.entity
        return None

    def entities(self, *, type=None, lang=None, limit=50, offset=0) -> list[dict]:
        """Entities with their mention and article counts, most mentioned first (``newsgraph entities``)."""
        where, params = [], []
        if type:
            where.append("e.type = ?")
            params.append(type.upper())
        if lang:
            where.append("m.language = ?")
            params.append(lang)
        return self.sql.rows(
            "SELECT e.id, e.name, e.type, e.code, count(*) AS mentions, count(DISTINCT m.article_id) AS articles"
            " FROM entities e JOIN mentions m ON m.entity_id = e.id" + (" WHERE " + " AND ".join(where) if where else "")
            + " GROUP BY e.id ORDER BY mentions DESC, e.name LIMIT ? OFFSET ?", [*params, _limit(limit), int(offset)])

    def entity_page(self, name: str | None, type: str | None, limit: int, offset: int) -> tuple[list[dict], bool]:
        """The web's entity list: most mentioned first, never-mentioned ones after; ``name`` a part of a name or
        alias. Returns a page and whether there is a next one."""
        if not name and not type:
            rows = self.sql.rows(
                "WITH top AS (SELECT entity_id, count(*) AS mentions, count(DISTINCT article_id) AS articles"
                " FROM mentions GROUP BY entity_id ORDER BY mentions DESC, entity_id LIMIT ? OFFSET ?)"
                " SELECT e.id, e.name, e.type, e.code, top.mentions, top.articles FROM top"
                " JOIN entities e ON e.id = top.entity_id ORDER BY top.mentions DESC, e.name", (limit + 1, offset))
            if len(rows) <= limit and offset == 0:  # entities never mentioned come after the mentioned ones
                rows = rows + self.sql.rows(
                    "SELECT id, name, type, code, 0 AS mentions, 0 AS articles FROM entities"
                    " WHERE id NOT IN (SELECT entity_id FROM mentions) ORDER BY name LIMIT ?", (limit + 1 - len(rows),))
            return rows[:limit], len(rows) > limit
        where, params = [], []
        if name:
            where.append(f"(e.name {self._like} ? ESCAPE '\\' OR e.aliases {self._like} ? ESCAPE '\\')")
            params += [like_pattern(name)] * 2
        if type:
            where.append("e.type = ?")
            params.append(type)
        rows = self.sql.rows(
            "SELECT e.id, e.name, e.type, e.code,"
            " (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS mentions,"
            " (SELECT count(DISTINCT article_id) FROM mentions m WHERE m.entity_id = e.id) AS articles"
            " FROM entities e WHERE " + " AND ".join(where) + " ORDER BY mentions DESC, e.name LIMIT ? OFFSET ?",
            [*params, limit + 1, offset])
        return rows[:limit], len(rows) > limit

    def entity_types(self) -> list[str]:
        return [r["type"] for r in self.sql.rows("SELECT DISTINCT type FROM entities ORDER BY type")]

    def entity_brief(self, id: str) -> dict | None:
        return self.sql.one("SELECT id, name, type FROM entities WHERE id = ?", (id,))

    def entity(self, id: str, limit: int = 50) -> dict | None:
        """One entity: names per language, counts, timeline, latest articles, quotes, events, network."""
        ent = self.sql.one("SELECT id, name, type, code, aliases, first_seen FROM entities WHERE id = ?", (id,))
        if ent is None:
            return None
        names: dict[str, list[str]] = {}
        for a in json.loads(ent.pop("aliases") or "[]"):
            known = names.setdefault(a.get("lang") or "?", [])
            if a["text"] not in known:
                known.append(a["text"])
        ent["names"] = names
        ent["counts"] = self.sql.one(
            "SELECT count(*) AS mentions, count(DISTINCT article_id) AS articles FROM mentions WHERE entity_id = ?",
            (id,))
        ent["timeline"] = self.entity_timeline(id)
        ent["articles"] = self.sql.rows(
            "WITH recent AS (SELECT article_id, max(published) AS published FROM"
            "   (SELECT article_id, published FROM mentions WHERE entity_id = ? ORDER BY published DESC NULLS LAST"
            "    LIMIT ?) AS latest GROUP BY article_id ORDER BY published DESC NULLS LAST LIMIT ?)"
            " SELECT a.id, a.title, a.site, a.language, a.published,"
            " (SELECT count(*) FROM mentions m WHERE m.article_id = a.id AND m.entity_id = ?) AS mentions"
            " FROM recent JOIN articles a ON a.id = recent.article_id ORDER BY recent.published DESC NULLS LAST, a.id",
            (id, limit * 20, limit, id))
        ent["quotes"] = self.sql.rows(
            "SELECT q.article_id, q.n, q.text, q.speaker, q.verb, q.via, q.published, a.title AS article_title"
            " FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker_entity = ?"
            " ORDER BY q.published DESC NULLS LAST, q.article_id, q.n LIMIT ?", (id, limit))
        ent["events"] = self.sql.rows(
            "SELECT article_id, n, source_name, source_entity, target_name, target_entity, plover, mode, cameo,"
            " date, published, negated, hypothetical, evidence FROM events WHERE source_entity = ? OR target_entity = ?"
            " ORDER BY day_start DESC NULLS LAST, day_end DESC NULLS LAST, article_id, n LIMIT ?", (id, id, limit))
        ent["network"] = self.network(id)
        return ent

    def entity_timeline(self, id: str) -> list[dict]:
        return self.sql.rows(
            "SELECT substr(published, 1, 10) AS day, count(*) AS mentions, count(DISTINCT article_id) AS articles"
            " FROM mentions WHERE entity_id = ? AND published IS NOT NULL GROUP BY substr(published, 1, 10)"
            " ORDER BY day", (id,))

    def network(self, id: str, size: int = 25, window: int = NETWORK_WINDOW) -> dict:
        """The entity, the ``size`` entities it shares most articles with, and the edges among them all
        (weight = articles in which both appear), over the entity's ``window`` most recent mentions: a bound
        that keeps the page fast for an entity in half of all articles."""
        arts = ("arts AS (SELECT DISTINCT article_id FROM (SELECT article_id FROM mentions WHERE entity_id = ?"
                " ORDER BY published DESC NULLS LAST LIMIT ?) AS latest)")
        neighbours = self.sql.rows(
            "WITH " + arts + " SELECT m.entity_id AS id, count(DISTINCT m.article_id) AS weight FROM mentions m"
            " JOIN arts ON arts.article_id = m.article_id WHERE m.entity_id != ?"
            " GROUP BY m.entity_id ORDER BY weight DESC, m.entity_id LIMIT ?", (id, window, id, size))
        ids = [id] + [n["id"] for n in neighbours]
        nodes = self.sql.rows(f"SELECT id, name, type FROM entities WHERE id IN ({','.join('?' * len(ids))})"
                              " ORDER BY id", ids)
        edges = [{"source": id, "target": n["id"], "weight": n["weight"]} for n in neighbours]
        if len(ids) > 2:
            others = ids[1:]
            edges += self.sql.rows(
                "WITH " + arts + ","
                f" m AS (SELECT DISTINCT article_id, entity_id FROM mentions WHERE entity_id IN ({','.join('?' * len(others))})"
                "        AND article_id IN (SELECT article_id FROM arts))"
                " SELECT a.entity_id AS source, b.entity_id AS target, count(*) AS weight FROM m a"
                " JOIN m b ON a.article_id = b.article_id AND a.entity_id < b.entity_id"
                " GROUP BY a.entity_id, b.entity_id ORDER BY weight DESC, source, target LIMIT 200",
                [id, window, *others])
        return {"nodes": nodes, "edges": edges}

    # ------------------------------------------------------------------ quotes and events
    def _records(self, sql: str, params: list, limit: int | None) -> list[dict]:
        """Stored JSON records of quotes/events, each with its article's id, date, title, URL and site (and an
        event's sentence). ``limit`` 1-1000, or None/0 for every row (an export)."""
        if limit:
            sql, params = sql + " LIMIT ?", [*params, _limit(limit)]
        out = []
        for r in self.sql.rows(sql, params):
            rec = json.loads(r["record"])
            rec.update(article_id=r["article_id"], published=r["published"], title=r["title"], url=r["url"],
                       site=r["site"])
            if "sentence_text" in r:
                rec["sentence_text"] = r["sentence_text"]
            out.append(rec)
        return out

    def quotes(self, *, speaker=None, since=None, limit=50) -> list[dict]:
        """Quotes, newest first; ``speaker`` matches the speaker's name, entity id or aliases, or the source
        they were reported through."""
        where, params = [], []
        if speaker:
            like, op = like_pattern(speaker), self._like
            where.append(f"(q.speaker {op} ? ESCAPE '\\' OR q.speaker_entity = ? OR q.via {op} ? ESCAPE '\\' OR"
                         f" q.speaker_entity IN (SELECT id FROM entities WHERE name {op} ? ESCAPE '\\'"
                         f" OR aliases {op} ? ESCAPE '\\'))")
            params += [like, speaker, like, like, like]
        if since:
            where.append("q.published >= ?")
            params.append(since)
        sql = ("SELECT q.article_id, q.record, q.published, a.title, a.url, a.site FROM quotes q"
               " JOIN articles a ON a.id = q.article_id" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY q.published DESC NULLS LAST, q.article_id, q.n")
        return self._records(sql, params, limit)

    def _event_where(self, actor=None, type=None, since=None, until=None, exact_type=False) -> tuple[list[str], list]:
        where, params = [], []
        if actor:  # the same meaning in the CLI and the web
            sql, more = actor_filter(actor, like=self._like)
            where.append(sql)
            params += more
        if type and exact_type:
            where.append("e.plover = ?")
            params.append(type)
        elif type:
            where.append(f"({self._ci_equal('e.plover')} OR e.cameo LIKE ? ESCAPE '\\')")
            params += [type, like_pattern(type, "") + "%"]
        if since:
            where.append("e.day_end >= ?")  # event dates are intervals (a week, a month): overlap the range
            params.append(since)
        if until:
            where.append("e.day_start <= ?")
            params.append(until)
        return where, params

    def events(self, *, actor=None, type=None, since=None, limit=50) -> list[dict]:
        """Events, latest first; ``actor`` matches a source or target name, entity id or actor code prefix;
        ``type`` a PLOVER type or a CAMEO code prefix."""
        where, params = self._event_where(actor, type, since)
        sql = ("SELECT e.article_id, e.record, e.published, e.evidence AS sentence_text, a.title, a.url, a.site"
               " FROM events e JOIN articles a ON a.id = e.article_id" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY e.day_start DESC NULLS LAST, e.day_end DESC NULLS LAST, e.article_id, e.n")
        return self._records(sql, params, limit)

    def event_page(self, actor, type, since, until, limit: int, offset: int) -> tuple[list[dict], bool]:
        """The web's event list (``type`` an exact PLOVER type) and whether there is a next page."""
        where, params = self._event_where(actor, type, since, until, exact_type=True)
        rows = self.sql.rows(
            "SELECT e.article_id, e.n, e.source_name, e.source_entity, e.target_name, e.target_entity, e.plover,"
            " e.mode, e.cameo, e.date, e.published, e.negated, e.hypothetical, e.evidence, a.title AS article_title"
            " FROM events e JOIN articles a ON a.id = e.article_id" + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY e.day_start DESC NULLS LAST, e.day_end DESC NULLS LAST, e.article_id, e.n LIMIT ? OFFSET ?",
            [*params, limit + 1, offset])
        return rows[:limit], len(rows) > limit

    def event_chart(self, actor, type, since, until) -> list[dict]:
        where, params = self._event_where(actor, type, since, until, exact_type=True)
        return self.sql.rows(
            "SELECT e.day_start AS day, e.plover AS type, count(*) AS n FROM events e WHERE e.day_start IS NOT NULL"
            + "".join(" AND " + w for w in where) + " GROUP BY e.day_start, e.plover ORDER BY day, type NULLS FIRST LIMIT 5000",
            params)

    def event_types(self) -> list[str]:
        return [r["plover"] for r in self.sql.rows("SELECT DISTINCT plover FROM events WHERE plover IS NOT NULL"
                                                   " ORDER BY plover")]
