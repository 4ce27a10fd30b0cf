"""Stories in the store (SQLite and PostgreSQL alike): the clusterer's state as tables (SQLite migration 5,
PostgreSQL migration 4), and the story read queries.

:class:`SqlStoryState` is the state :class:`~newsgraph.stories.cluster.Clusterer` reads and writes: one row
per article in ``story_members`` (its story, copy link, features), its LSH band keys in ``story_bands``, and a
summary row per story in ``stories`` (title, first/last seen, languages, sites), refreshed whenever a story
changes. :class:`StoriesMixin` gives the store its story methods; it only needs ``self.sql``
(:class:`~newsgraph.store.sql.Sql`: ``?`` placeholders, rows as dicts, whichever backend).
"""

from __future__ import annotations

import json
from collections import OrderedDict
from datetime import UTC, datetime

from newsgraph.store.sql import Sql
from newsgraph.store.story_cache import StateCache
from newsgraph.stories.cluster import Clusterer, Member
from newsgraph.stories.dedup import pack, unpack
from newsgraph.stories.similarity import Embedder, Features, idf, similarity

MAX_CENTRAL = 12  # members compared when choosing a story's most central headline (66 pairs)
MAX_EVENTS = 200  # events in a story's timeline
BAND_ROWS = 256  # band rows read at once for a placement; more (template-heavy text), and the per-band range scans


#: the columns of ``story_members`` but the features (read apart, for articles whose parsed features are not cached)
LIGHT = "article_id, story_id, copy_of, similarity, day, content_key, shingles"
FEATURE_CACHE = 2_000  # parsed features kept per state object (the recent articles, which placement reads most)


class FeatureCache:
    """The most recently used articles' parsed features (parsing the stored JSON again is the cost it saves)."""

    def __init__(self, size: int = FEATURE_CACHE):
        self.size, self._items = size, OrderedDict()

    def get(self, key: str) -> Features | None:
        f = self._items.get(key)
        if f is not None:
            self._items.move_to_end(key)
        return f

    def __setitem__(self, key: str, f: Features) -> None:
        self._items[key] = f
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def pop(self, key: str, default=None):
        return self._items.pop(key, default)

    def __len__(self) -> int:
        return len(self._items)


def _light(row) -> tuple:
    """A ``story_members`` row as :attr:`StateCache.members` keeps it."""
    return (row["story_id"], row["copy_of"], row["similarity"], row["day"], row["content_key"], unpack(row["shingles"]))


class SqlStoryState:
    """The clusterer's state in the store's tables. With ``cache`` (the default), what it reads and writes is
    also kept in a :class:`~newsgraph.store.story_cache.StateCache`, checked against other writers at the start
    of every placement (:meth:`begin`); without, every answer is read from the store."""

    def __init__(self, sql: Sql, cache_size: int = FEATURE_CACHE, cache: bool = True):
        self.sql = sql
        self._features = FeatureCache(cache_size)  # parsed JSON, per state object (one ingest run)
        self.cache = StateCache() if cache else None

    def begin(self) -> None:
        """A placement starts (the clusterer calls this first, inside the placement's transaction): drop the
        cached state, the parsed features included, when another writer changed the story tables since this
        object's last write (:meth:`StateCache.check`)."""
        if self.cache is not None and not self.cache.check(self.sql):
            self._features = FeatureCache(self._features.size)

    def _member(self, row, f: Features | None = None) -> Member:
        """A member from its row (``f``: its features, already at hand; else from the cache or the row)."""
        aid = row["article_id"]
        f = f or self._features.get(aid)
        if f is None:
            f = Features.from_dict(json.loads(row["features"]))
            self._features[aid] = f
        return Member(features=f, story=row["story_id"], copy_of=row["copy_of"], similarity=row["similarity"],
                      content=row["content_key"], shingles=unpack(row["shingles"]))

    def get(self, article_id: str) -> Member | None:
        cache = self.cache
        if cache is not None and article_id in cache.members:
            return self._cached(article_id)
        row = self.sql.one("SELECT * FROM story_members WHERE article_id = ?", (article_id,))
        if cache is not None:
            cache.members.put(article_id, _light(row) if row else None)
        return self._member(row) if row else None

    def _cached(self, article_id: str) -> Member | None:
        """A member from the cache (its features from the feature cache, else read)."""
        row = self.cache.members.get(article_id)
        if row is None:
            return None
        f = self._features.get(article_id)
        if f is None:
            f = self._features[article_id] = Features.from_dict(json.loads(self.sql.value(
                "SELECT features FROM story_members WHERE article_id = ?", (article_id,))))
        return Member(features=f, story=row[0], copy_of=row[1], similarity=row[2], content=row[4], shingles=row[5])

    def near(self, day: float | None, window: float, limit: int | None = None) -> list[Member]:
        """The articles within ``window`` days of ``day`` (undated ones are near every day); with ``limit``, the
        ``limit`` nearest in time (undated last, then by id), read by index range scans before and after
        ``day``: at most ``limit`` rows a side, however full the window."""
        if limit is None:
            if day is None:
                rows = self.sql.rows("SELECT * FROM story_members")
            else:
                rows = self.sql.rows("SELECT * FROM story_members WHERE day BETWEEN ? AND ? OR day IS NULL",
                                     (day - window, day + window))
            return [self._member(r) for r in rows]
        if day is None:  # every gap is infinite (cluster.gap): by id
            rows = self.sql.rows("SELECT * FROM story_members ORDER BY article_id LIMIT ?", (limit,))
            return [self._member(r) for r in rows]
        pick = "SELECT * FROM story_members WHERE"
        rows = self.sql.rows(
            f"SELECT * FROM ({pick} day BETWEEN ? AND ? ORDER BY day DESC LIMIT ?) AS a"
            f" UNION ALL SELECT * FROM ({pick} day > ? AND day <= ? ORDER BY day LIMIT ?) AS b"
            f" UNION ALL SELECT * FROM ({pick} day IS NULL ORDER BY article_id LIMIT ?) AS c",
            (day - window, day, limit, day, day + window, limit, limit))
        rows.sort(key=lambda r: (r["day"] is None, abs(r["day"] - day) if r["day"] is not None else 0.0,
                                 r["article_id"]))
        return [self._member(r) for r in rows[:limit]]

    def many(self, ids) -> list[Member]:
        """The placed articles among ``ids``. Their features are read only for those not in the parsed-features
        cache (the stored JSON is most of a row: placement reads the same recent articles again and again)."""
        ids, out = list(ids), []
        cache = self.cache
        if cache is not None:
            members = cache.members
            out = [m for i in ids if i in members and (m := self._cached(i)) is not None]
            ids = [i for i in ids if i not in members]
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.sql.run(f"SELECT {LIGHT} FROM story_members WHERE article_id IN ({marks})", chunk).fetchall()
            if cache is not None:
                for r in rows:
                    cache.members.put(r["article_id"], _light(r))
                for a in set(chunk) - {r["article_id"] for r in rows}:
                    cache.members.put(a, None)  # not placed (yet)
            have = {r["article_id"]: self._features.get(r["article_id"]) for r in rows}
            missing = [a for a, f in have.items() if f is None]
            if missing:
                for r in self.sql.run("SELECT article_id, features FROM story_members WHERE article_id IN"
                                      f" ({','.join('?' * len(missing))})", missing).fetchall():
                    have[r["article_id"]] = self._features[r["article_id"]] = Features.from_dict(
                        json.loads(r["features"]))
            out += [self._member(r, have[r["article_id"]]) for r in rows]
        return out

    def postings(self, entities, day: float | None, window: float, limit: int) -> dict[str, tuple]:
        """Article id -> (its day, the given entities it shares): per entity the ``limit`` placed articles
        nearest ``day`` within ``window`` days (two index range scans, before and after it) and up to ``limit``
        undated ones; the latest ``limit`` when ``day`` is None."""
        out: dict[str, tuple] = {}
        pick = "SELECT article_id, day FROM story_entities WHERE entity_id = ?"
        for e in entities:
            if day is None:
                rows = self.sql.rows(f"SELECT * FROM ({pick} AND day IS NOT NULL ORDER BY day DESC LIMIT ?) AS a"
                                     f" UNION ALL SELECT * FROM ({pick} AND day IS NULL LIMIT ?) AS b",
                                     (e, limit, e, limit))
            else:
                rows = self.sql.rows(
                    f"SELECT * FROM ({pick} AND day BETWEEN ? AND ? ORDER BY day DESC LIMIT ?) AS a"
                    f" UNION ALL SELECT * FROM ({pick} AND day > ? AND day <= ? ORDER BY day LIMIT ?) AS b"
                    f" UNION ALL SELECT * FROM ({pick} AND day IS NULL LIMIT ?) AS c",
                    (e, day - window, day, limit, e, day, day + window, limit, e, limit))
                dated = sorted((r for r in rows if r["day"] is not None), key=lambda r: (abs(r["day"] - day), r["article_id"]))
                rows = dated[:limit] + [r for r in rows if r["day"] is None]
            for r in rows:
                out.setdefault(r["article_id"], (r["day"], []))[1].append(e)
        return out

    def entity_weights(self, ids: set[str], new: Features | None = None) -> dict[str, float]:
        """Entity id -> idf over the placed articles, counting ``new``, the article being placed, among them.
        The counts are read from ``story_df`` (kept by :meth:`put` and :meth:`remove`; its row ``''`` counts
        the placed articles), one index lookup per entity, whatever its frequency."""
        ids = list(ids)
        if not ids:
            return {}
        df: dict[str, int] = {}
        cache = self.cache
        wanted = ["", *ids]
        if cache is not None:
            df = {e: cache.df.get(e) for e in wanted if e in cache.df}
            wanted = [e for e in wanted if e not in df]
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            found = {r["entity_id"]: r["n"] for r in self.sql.rows(
                f"SELECT entity_id, n FROM story_df WHERE entity_id IN ({','.join('?' * len(chunk))})", chunk)}
            for e in chunk:
                df[e] = found.get(e, 0)
                if cache is not None:
                    cache.df.put(e, df[e])
        n = df.pop("", 0) + (new is not None)
        mine = new.entities if new is not None else {}
        return {e: idf(df.get(e, 0) + (e in mine), n) for e in ids}

    def band_candidates(self, bands: list[str], day: float | None = None, limit: int | None = None) -> set[str]:
        """Articles sharing one of the LSH ``bands``; with ``limit``, the ``limit`` nearest ``day`` in time
        (publication time, undated last, then id). With a limit it reads the bands' rows in one ``IN`` statement
        when they are at most :data:`BAND_ROWS` (0.1 ms, a third of the range scans), else at most ``limit`` rows
        per band and side of ``day`` (:meth:`_band_neighbours`), however many articles share a band."""
        if not bands:
            return set()
        marks = ",".join("?" * len(bands))
        if limit is None:
            return {r["article_id"] for r in self.sql.rows(
                f"SELECT DISTINCT article_id FROM story_bands WHERE band IN ({marks})", bands)}
        found = self._cached_bands(bands) if self.cache is not None else None
        if found is not None:
            return nearest_ids(found, day, limit)
        # Most articles share a band with few others: all their band rows in one statement (one index seek per
        # band), the nearest picked here; only when there are more than BAND_ROWS, the per-band range scans.
        rows = self.sql.run(f"SELECT article_id, day FROM story_bands WHERE band IN ({marks}) LIMIT ?",
                            [*bands, BAND_ROWS + 1]).fetchall()
        if len(rows) <= BAND_ROWS:
            found = {r["article_id"]: r["day"] for r in rows}
        else:
            found = self._band_neighbours(bands, day, limit)
        return nearest_ids(found, day, limit)

    def _cached_bands(self, bands: list[str]) -> dict[str, float | None] | None:
        """Article id -> day of every article sharing one of ``bands``, from the cache, the bands it does not
        hold read in one statement and kept; None when those hold more than :data:`BAND_ROWS` rows (the
        caller's range scans answer)."""
        cached = self.cache.bands
        found: dict[str, float | None] = {}
        unknown = []
        for b in dict.fromkeys(bands):
            known = cached.get(b)
            if known is None:
                unknown.append(b)
            else:
                found.update(known)
        if unknown:
            rows = self.sql.run(f"SELECT band, article_id, day FROM story_bands WHERE band IN"
                                f" ({','.join('?' * len(unknown))}) LIMIT ?", [*unknown, BAND_ROWS + 1]).fetchall()
            if len(rows) > BAND_ROWS:
                return None
            fresh = {b: {} for b in unknown}
            for r in rows:
                fresh[r["band"]][r["article_id"]] = r["day"]
            for b, rows_of_band in fresh.items():
                cached.put(b, rows_of_band)
                found.update(rows_of_band)
        return found

    def _band_neighbours(self, bands: list[str], day: float | None, limit: int) -> dict[str, float | None]:
        """Article id -> day of the ``limit`` articles nearest ``day`` per band and side of it (the nearest
        ``limit`` overall are among them): index range scans, one statement, however many share a band."""
        pick = "SELECT article_id, day FROM story_bands WHERE band = ?"
        parts, params = [], []
        for band in bands:
            if day is None:  # every gap is infinite (cluster.gap): by id
                parts.append(f"SELECT * FROM ({pick} ORDER BY article_id LIMIT ?) AS b")
                params += [band, limit]
            else:
                parts += [f"SELECT * FROM ({pick} AND day <= ? ORDER BY day DESC, article_id LIMIT ?) AS b",
                          f"SELECT * FROM ({pick} AND day > ? ORDER BY day, article_id LIMIT ?) AS b",
                          f"SELECT * FROM ({pick} AND day IS NULL ORDER BY article_id LIMIT ?) AS b"]
                params += [band, day, limit, band, day, limit, band, limit]
        return {r["article_id"]: r["day"] for r in self.sql.run(" UNION ALL ".join(parts), params).fetchall()}

    def by_content(self, key: str) -> str | None:
        """The earliest article (undated first, then by day and id) with this content key."""
        cache = self.cache
        if cache is None:
            return self.sql.value("SELECT article_id FROM story_members WHERE content_key = ?"
                                  " ORDER BY day NULLS FIRST, article_id LIMIT 1", (key,))
        found = cache.content.get(key)
        if found is None:
            found = {r["article_id"]: r["day"] for r in self.sql.rows(
                "SELECT article_id, day FROM story_members WHERE content_key = ?", (key,))}
            cache.content.put(key, found)
        return min(found, key=lambda a: (found[a] is not None, found[a] or 0.0, a), default=None)

    def text(self, article_id: str) -> str:
        return self.sql.value("SELECT text FROM articles WHERE id = ?", (article_id,)) or ""

    def first_member(self, story_id: str) -> str | None:
        """The story's earliest article (publication time, undated last, then id)."""
        cache = self.cache
        if cache is None:
            return self._first_member(story_id)
        first = cache.first.get(story_id)
        if first is None:
            dated = self.sql.one("SELECT day, article_id FROM story_members WHERE story_id = ? AND day IS NOT NULL"
                                 " ORDER BY day, article_id LIMIT 1", (story_id,))
            undated = self.sql.value("SELECT article_id FROM story_members WHERE story_id = ? AND day IS NULL"
                                     " ORDER BY article_id LIMIT 1", (story_id,))
            first = ((dated["day"], dated["article_id"]) if dated else None, undated)
            cache.first.put(story_id, first)
        return first[0][1] if first[0] else first[1]

    def _first_member(self, story_id: str) -> str | None:
        return (self.sql.value("SELECT article_id FROM story_members WHERE story_id = ? AND day IS NOT NULL"
                               " ORDER BY day, article_id LIMIT 1", (story_id,))
                or self.sql.value("SELECT article_id FROM story_members WHERE story_id = ? AND day IS NULL"
                                  " ORDER BY article_id LIMIT 1", (story_id,)))

    def story_members(self, story_id: str) -> list[Member]:
        return [self._member(r) for r in self.sql.rows("SELECT * FROM story_members WHERE story_id = ?",
                                                       (story_id,))]

    def put(self, member: Member) -> None:
        """Store a placed article (the clusterer has removed any earlier placement of it)."""
        f = member.features
        self._features[f.id] = f
        self.sql.run(
            "INSERT INTO story_members (article_id, story_id, copy_of, similarity, day, content_key, features,"
            " shingles) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (f.id, member.story, member.copy_of, member.similarity, f.day, member.content,
             json.dumps(f.to_dict(), ensure_ascii=False, separators=(",", ":")),
             pack(member.shingles) if member.shingles is not None else None))
        self.sql.many("INSERT INTO story_bands (band, article_id, day) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                      [(b, f.id, f.day) for b in member.bands])
        entities = sorted(f.entities)
        self.sql.many("INSERT INTO story_entities (entity_id, article_id, day) VALUES (?, ?, ?)",
                      [(e, f.id, f.day) for e in entities])
        self.sql.many("INSERT INTO story_df (entity_id, n) VALUES (?, 1)"
                      " ON CONFLICT (entity_id) DO UPDATE SET n = story_df.n + 1", [(e,) for e in ["", *entities]])
        if self.cache is not None:
            self.cache.put(f.id, (member.story, member.copy_of, member.similarity, f.day, member.content,
                                  member.shingles), member.bands, entities, BAND_ROWS)

    def remove(self, article_id: str) -> None:
        self._features.pop(article_id, None)
        if self.cache is not None:
            self.cache.remove(article_id)
        entities = [r["entity_id"] for r in self.sql.rows("SELECT entity_id FROM story_entities WHERE article_id = ?",
                                                          (article_id,))]
        if not self.sql.run("DELETE FROM story_members WHERE article_id = ?", (article_id,)).rowcount:
            return
        self.sql.many("UPDATE story_df SET n = n - 1 WHERE entity_id = ?", [(e,) for e in ["", *entities]])
        self.sql.run("DELETE FROM story_bands WHERE article_id = ?", (article_id,))
        self.sql.run("DELETE FROM story_entities WHERE article_id = ?", (article_id,))
        self.sql.run("UPDATE story_members SET copy_of = NULL WHERE copy_of = ?", (article_id,))

    def set_copy_of(self, article_id: str, original: str | None) -> None:
        self.sql.run("UPDATE story_members SET copy_of = ? WHERE article_id = ?", (original, article_id))
        if self.cache is not None:
            self.cache.set_copy_of(article_id, original)

    def rename(self, old: str, new: str) -> None:
        """Move a story's members to a new id; its summary row moves with them when ``new`` has none (an
        earlier article joined the story: :meth:`joined` then updates the row), else it is dropped (a merge:
        the clusterer refreshes ``new``)."""
        if old == new:
            return
        self.sql.run("UPDATE story_members SET story_id = ? WHERE story_id = ?", (new, old))
        self.sql.run("UPDATE stories SET id = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM stories WHERE id = ?)",
                     (new, old, new))
        self.sql.run("DELETE FROM stories WHERE id = ?", (old,))
        if self.cache is not None:
            self.cache.rename(old, new)

    def touched(self, story_ids) -> None:
        for sid in story_ids:
            self.refresh(sid)

    def refresh(self, story_id: str) -> None:
        """Recompute a story's summary row (or drop it when the story has no members left). Aggregates run in
        the database, so a story of thousands of articles costs a few index scans, not thousands of rows read."""
        join = "FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id = ?"
        if self.cache is not None:
            self.cache.summary.pop(story_id, None)
        agg = self.sql.one(f"SELECT count(*) AS n, min(a.published) AS first, max(a.published) AS last {join}",
                           (story_id,))
        if not agg or not agg["n"]:
            self.sql.run("DELETE FROM stories WHERE id = ?", (story_id,))
            return
        central = self._central(self._title_candidates(story_id))
        title = self.sql.value("SELECT title FROM articles WHERE id = ?", (central,))
        languages = sorted(r["language"] for r in self.sql.rows(
            f"SELECT DISTINCT a.language {join} AND a.language IS NOT NULL", (story_id,)))
        sites = sorted(r["site"] for r in self.sql.rows(f"SELECT DISTINCT a.site {join} AND a.site IS NOT NULL",
                                                         (story_id,)))
        self.sql.run(
            "INSERT INTO stories (id, title, title_article, first_seen, last_seen, size, languages, sites, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET title=excluded.title,"
            " title_article=excluded.title_article, first_seen=excluded.first_seen, last_seen=excluded.last_seen,"
            " size=excluded.size, languages=excluded.languages, sites=excluded.sites, updated_at=excluded.updated_at",
            (story_id, title, central, agg["first"], agg["last"], agg["n"], json.dumps(languages),
             json.dumps(sites, ensure_ascii=False), datetime.now(UTC).isoformat(timespec="seconds")))

    def joined(self, story_id: str, article_id: str) -> None:
        """A new article joined the story (no merge, no copy link changed; the story renamed after it when it
        is the earliest, :meth:`rename`): update its summary row from the row and the article alone. The title is chosen again only when the new article is among the
        originals it is chosen from (:meth:`_title_candidates`), so a big story costs no more than a small one."""
        cache = self.cache
        row = cache.summary.get(story_id) if cache is not None else None
        if row is None:
            row = self.sql.one("SELECT * FROM stories WHERE id = ?", (story_id,))
        new = self.sql.one("SELECT m.copy_of, a.site, a.language, a.published FROM story_members m JOIN articles a"
                           " ON a.id = m.article_id WHERE m.article_id = ? AND m.story_id = ?", (article_id, story_id))
        if row is None or new is None:
            self.refresh(story_id)
            return
        dates = [d for d in (row["first_seen"], row["last_seen"], new["published"]) if d]
        languages = sorted(set(json.loads(row["languages"])) | ({new["language"]} if new["language"] else set()))
        sites = sorted(set(json.loads(row["sites"])) | ({new["site"]} if new["site"] else set()))
        central, title = row["title_article"], row["title"]
        if new["copy_of"] is None and article_id in (ids := self._title_candidates(story_id)):
            central = self._central(ids)
            title = self.sql.value("SELECT title FROM articles WHERE id = ?", (central,))
        values = {"title": title, "title_article": central, "first_seen": min(dates) if dates else None,
                  "last_seen": max(dates) if dates else None, "size": row["size"] + 1,
                  "languages": json.dumps(languages), "sites": json.dumps(sites, ensure_ascii=False),
                  "updated_at": datetime.now(UTC).isoformat(timespec="seconds")}
        self.sql.run("UPDATE stories SET title = ?, title_article = ?, first_seen = ?, last_seen = ?, size = ?,"
                     " languages = ?, sites = ?, updated_at = ? WHERE id = ?", (*values.values(), story_id))
        if cache is not None:
            cache.summary.put(story_id, dict(row, **values))

    def _title_candidates(self, story_id: str) -> list[str]:
        """The articles a story's title is chosen from: its first :data:`MAX_CENTRAL` originals by id (all its
        articles' first ones when it has no original)."""
        return [r["article_id"] for r in self.sql.rows(
            "SELECT article_id FROM story_members WHERE story_id = ? AND copy_of IS NULL ORDER BY article_id LIMIT ?",
            (story_id, MAX_CENTRAL))] or [r["article_id"] for r in self.sql.rows(
                "SELECT article_id FROM story_members WHERE story_id = ? ORDER BY article_id LIMIT ?",
                (story_id, MAX_CENTRAL))]

    def _central(self, ids: list[str]) -> str:
        """The member most similar, on average, to the others (ties: the earliest)."""
        members = sorted(self.many(ids), key=lambda m: m.features.id)
        if len(members) <= 2:
            return min(members, key=lambda m: (m.features.day or 0.0, m.features.id)).features.id
        weights = self.entity_weights(set().union(*(m.features.entities for m in members)))
        total = [0.0] * len(members)
        for i, a in enumerate(members):  # each pair once (the similarity is symmetric)
            for j in range(i + 1, len(members)):
                s = similarity(a.features, members[j].features, weights)
                total[i] += s
                total[j] += s
        best = max(range(len(members)), key=lambda i: (total[i], -(members[i].features.day or 0.0)))
        return members[best].features.id


def nearest_ids(found: dict[str, float | None], day: float | None, limit: int) -> set[str]:
    """The ``limit`` ids of ``found`` (article id -> day) nearest ``day`` (undated last, then by id)."""
    if day is None:
        return set(sorted(found)[:limit])
    return set(sorted(found, key=lambda a: (found[a] is None, abs(found[a] - day) if found[a] is not None
                                             else 0.0, a))[:limit])


class StoriesMixin:
    """Story methods of the stores (``self.sql`` runs their statements)."""

    def story_tracker(self, embedder: Embedder | None = None) -> Clusterer:
        """A clusterer that keeps its state in this store (ingest calls ``add(doc)`` after storing an article)."""
        return Clusterer(SqlStoryState(self.sql), embedder=embedder)

    def rebuild_stories(self, embedder: Embedder | None = None) -> int:
        """Forget every story and cluster the stored articles again, in publication order (after an upgrade,
        or to apply a new model); run it inside ``transaction()``. Returns the number of articles placed."""
        from newsgraph.document import Document

        for table in ("story_members", "story_bands", "story_entities", "story_df", "stories"):
            self.sql.run(f"DELETE FROM {table}")
        self.sql.run("UPDATE story_version SET token = ?", ("rebuilt",))  # (any cached state is stale now)
        tracker = self.story_tracker(embedder)
        n = 0
        for row in self.sql.rows("SELECT record FROM articles ORDER BY published IS NULL, published, id"):
            tracker.add(Document.from_dict(json.loads(row["record"])))
            n += 1
        return n

    def story_of(self, article_id: str) -> str | None:
        return self.sql.value("SELECT story_id FROM story_members WHERE article_id = ?", (article_id,))

    def stories(self, *, since: str | None = None, entity: str | None = None, min_size: int = 1, limit: int = 20,
                offset: int = 0, articles: bool = True, entity_id: str | None = None) -> list[dict]:
        """Stories, latest first (by their last article); ``since`` keeps those seen on or after a date,
        ``entity`` those mentioning an entity (id, name or alias; ``entity_id``: exactly this id)."""
        where, params = ["s.size >= ?"], [min_size]
        if since:
            where.append("s.last_seen >= ?")
            params.append(since)
        if entity and not entity_id:
            entity_id = self.find_entity(entity)
            if entity_id is None:
                return []
        if entity_id:
            where.append("s.id IN (SELECT m.story_id FROM story_members m JOIN mentions n ON n.article_id ="
                         " m.article_id WHERE n.entity_id = ?)")
            params.append(entity_id)
        sql = "SELECT s.* FROM stories s WHERE " + " AND ".join(where) + " ORDER BY s.last_seen DESC NULLS LAST, s.id"
        if limit:
            rows = self.sql.rows(sql + " LIMIT ? OFFSET ?", [*params, max(1, min(int(limit), 1000)), int(offset)])
        else:  # every story (an export)
            rows = self.sql.rows(sql, params)[int(offset):]
        return [self._story_record(r, articles=articles) for r in rows]

    def story(self, story_id: str, events: bool = True) -> dict | None:
        """One story with its articles, entities and (``events``) its events as a timeline; an article id
        finds the story that article is in."""
        row = self.sql.one("SELECT * FROM stories WHERE id = ?", (story_id,))
        if row is None and (sid := self.story_of(story_id)):
            row = self.sql.one("SELECT * FROM stories WHERE id = ?", (sid,))
        if row is None:
            return None
        record = self._story_record(row)
        if events:
            record["events"] = self._story_events(record["id"])
        return record

    def _story_record(self, row, articles: bool = True) -> dict:
        sid = row["id"]
        record = {"id": sid, "title": row["title"], "first_seen": row["first_seen"], "last_seen": row["last_seen"],
                  "size": row["size"], "languages": json.loads(row["languages"]), "sites": json.loads(row["sites"])}
        if articles:
            record["articles"] = self.sql.rows(
                "SELECT a.id, a.url, a.title, a.site, a.language, a.published, m.copy_of, m.similarity"
                " FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id = ?"
                " ORDER BY a.published NULLS FIRST, a.id", (sid,))
        record["entities"] = self.sql.rows(
            "SELECT e.id, e.name, e.type, count(DISTINCT n.article_id) AS articles FROM story_members m"
            " JOIN mentions n ON n.article_id = m.article_id JOIN entities e ON e.id = n.entity_id"
            " WHERE m.story_id = ? GROUP BY e.id ORDER BY articles DESC, count(*) DESC, e.name LIMIT 15", (sid,))
        return record

    def _story_events(self, story_id: str) -> list[dict]:
        out = []
        for r in self.sql.rows(
                "SELECT e.article_id, e.record, e.published, e.evidence, a.site, a.language FROM events e"
                " JOIN story_members m ON m.article_id = e.article_id JOIN articles a ON a.id = e.article_id"
                " WHERE m.story_id = ? AND m.copy_of IS NULL ORDER BY coalesce(e.date, e.published) NULLS FIRST, e.article_id, e.n"
                " LIMIT ?", (story_id, MAX_EVENTS)):
            rec = json.loads(r["record"])
            out.append({"date": rec.get("date") or (r["published"] or "")[:10] or None, "plover": rec.get("plover"),
                        "source": (rec.get("source") or {}).get("name"), "target": (rec.get("target") or {}).get("name"),
                        "negated": bool(rec.get("negated")), "hypothetical": bool(rec.get("hypothetical")),
                        "sentence": r["evidence"], "article_id": r["article_id"], "site": r["site"],
                        "language": r["language"]})
        return out

    def same_story(self, article_id: str, limit: int = 20) -> list[dict]:
        """The other articles of an article's story (for "same story elsewhere")."""
        sid = self.story_of(article_id)
        if sid is None:
            return []
        return self.sql.rows(
            "SELECT a.id, a.url, a.title, a.site, a.language, a.published, m.copy_of FROM story_members m"
            " JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? AND m.article_id != ?"
            " ORDER BY a.published NULLS FIRST, a.id LIMIT ?", (sid, article_id, limit))

    def story_brief(self, story_id: str) -> dict | None:
        return self.sql.one("SELECT id, title, size FROM stories WHERE id = ?", (story_id,))

    def story_count(self) -> int:
        return self.sql.value("SELECT count(*) AS n FROM stories")
