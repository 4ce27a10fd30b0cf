"""Online story clustering: articles join stories one by one, as they arrive.

For each new article (:meth:`Clusterer.add`):

1. **Copies.** An exact duplicate (same normalised body) or a near-copy (MinHash/LSH candidate whose shingle
   containment passes, :mod:`newsgraph.stories.dedup`) is linked to its original — the earlier of the two —
   with ``copy_of``, and joins the original's story.
2. **Stories.** Otherwise the article is compared (:func:`~newsgraph.stories.similarity.similarity`) with its
   *candidates* among the articles published within ``window`` days of it (entities weighted by their rarity
   among the articles seen, :func:`~newsgraph.stories.similarity.idf`); each story among them scores the mean of
   its best :data:`TOP_K` member similarities (the time decay is inside the similarity, as in Miranda et al.
   2018). The article joins the best story when that score reaches ``threshold``, else it starts a story of its
   own. When a second story also reaches ``merge_threshold`` the article is the bridge between the two, and
   they merge.

   **Candidates (blocking).** Not every article of the window is scored, only those that share something that
   can make them one story: a canonical entity id (the state's entity postings; per entity the
   :data:`POSTINGS` articles nearest in publication time, so "Romania" costs no more than a rare name), an LSH
   band of the body (:mod:`newsgraph.stories.dedup`), or, with an embedder, being among the
   :data:`EMBED_NEIGHBOURS` nearest articles by embedding (of the :data:`EMBED_SCAN` nearest in time). At most :data:`MAX_CANDIDATES` articles are scored:
   those sharing the most idf-weighted entities, then the nearest in time. So placing an article costs a
   bounded number of comparisons, however many articles its window holds.
3. **Ids.** A story's id is its earliest member's article id (publication time, then id), so the same articles
   give the same story ids whatever order they were ingested in, and a re-ingest changes nothing. An updated
   article leaves its story and is placed again (which may split it off).

The clusterer keeps no state of its own: it reads and writes a *state* (:class:`MemoryState` here, the store's
tables in :mod:`newsgraph.store.stories_sql`), so ingest is incremental across runs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np

from newsgraph.stories.dedup import (
    COPY_CONTAINMENT,
    fingerprint,
    folded,
    shared_counts,
    shingle_hashes,
    shingles,
    words,
)
from newsgraph.stories.similarity import Embedder, Features, features_of, idf, similarity

WINDOW_DAYS = 10.0  # articles further apart than this in publication time are never compared
THRESHOLD = 0.5  # story score needed to join a story
MERGE_THRESHOLD = 0.7  # a second story scoring this much with the same article merges into the first
TOP_K = 2  # a story scores the mean of its best TOP_K member similarities
POSTINGS = 50  # per shared entity, the articles nearest in publication time that are candidates
MAX_CANDIDATES = 100  # articles scored per placement: ~10 ms here, 5% of a full analysis (docs/stories.md, "Cost")
BAND_CANDIDATES = 20  # articles sharing an LSH band checked as copies and scored: the nearest in time
SHINGLE_CACHE = 500  # articles stored without their shingle hashes (before SQLite migration 7) whose hashes are kept
EMBED_NEIGHBOURS = 20  # with an embedder: the articles of the window nearest by embedding are candidates too
EMBED_SCAN = 500  # ... looked for among this many articles of the window, the nearest in publication time


@dataclass
class Member:
    features: Features
    story: str
    copy_of: str | None = None
    similarity: float | None = None  # to its story when it joined (None: founded it)
    content: str = ""
    bands: list[str] = field(default_factory=list)
    text: str = ""
    shingles: np.ndarray | None = None  # sorted shingle hashes (dedup.Fingerprint.shingles); None: cut from the text


@dataclass
class Assignment:
    article_id: str
    story_id: str
    copy_of: str | None
    similarity: float | None
    merged: list[str] = field(default_factory=list)  # story ids folded into story_id


def sort_key(f: Features) -> tuple:
    return (f.day if f.day is not None else float("inf"), f.id)


def in_window(day: float | None, other: float | None, window: float) -> bool:
    return day is None or other is None or abs(other - day) <= window


def gap(day: float | None, other: float | None) -> float:
    """Days between two publication times (an undated one is far from everything)."""
    return abs(other - day) if day is not None and other is not None else float("inf")


def nearest(postings: list[tuple[float, str]], day: float | None, window: float, limit: int) -> list[tuple[float, str]]:
    """The ``limit`` entries of a day-sorted posting list nearest ``day`` within ``window`` days (the latest
    when ``day`` is None)."""
    if day is None:
        return postings[-limit:]
    lo, hi = bisect_left(postings, (day - window, "")), bisect_right(postings, (day + window, "\uffff"))
    mid = bisect_left(postings, (day, ""), lo, hi)
    out, i, j = [], mid - 1, mid
    while len(out) < limit and (i >= lo or j < hi):
        if j >= hi or (i >= lo and day - postings[i][0] <= postings[j][0] - day):
            out.append(postings[i])
            i -= 1
        else:
            out.append(postings[j])
            j += 1
    return out


class MemoryState:
    """Story state in memory (the Python API over a list of documents, the benchmark, tests)."""

    def __init__(self):
        self.members: dict[str, Member] = {}
        self.bands: dict[str, set[str]] = defaultdict(set)
        self.content: dict[str, str] = {}
        self.df: Counter = Counter()  # entity id -> articles mentioning it
        self.dated: dict[str, list[tuple[float, str]]] = defaultdict(list)  # entity id -> (day, article), sorted
        self.undated: dict[str, set[str]] = defaultdict(set)  # entity id -> articles without a day
        self.stories: dict[str, set[str]] = defaultdict(set)  # story id -> its articles

    def entity_weights(self, ids: set[str], new: Features | None = None) -> dict[str, float]:
        n = len(self.members)
        return {e: idf(self.df.get(e, 0), n) for e in ids}

    def get(self, article_id: str) -> Member | None:
        return self.members.get(article_id)

    def many(self, ids) -> list[Member]:
        return [m for i in ids if (m := self.members.get(i)) is not None]

    def near(self, day: float | None, window: float, limit: int | None = None) -> list[Member]:
        """The articles within ``window`` days of ``day``; with ``limit``, the ``limit`` nearest in time
        (undated last, then by id)."""
        found = [m for m in self.members.values() if in_window(day, m.features.day, window)]
        if limit is None:
            return found
        return sorted(found, key=lambda m: (gap(day, m.features.day), m.features.id))[:limit]

    def postings(self, entities, day: float | None, window: float, limit: int) -> dict[str, tuple]:
        """Article id -> (its day, the given entities it shares): per entity the ``limit`` articles nearest
        ``day`` within ``window`` days, and up to ``limit`` undated ones."""
        out: dict[str, tuple] = {}
        for e in entities:
            found = nearest(self.dated.get(e, []), day, window, limit)
            found += [(None, a) for a in sorted(self.undated.get(e, ()))[:limit]]
            for d, a in found:
                out.setdefault(a, (d, []))[1].append(e)
        return out

    def band_candidates(self, bands: list[str], day: float | None = None, limit: int | None = None) -> set[str]:
        """Articles sharing one of the LSH ``bands``; with ``limit``, the ``limit`` nearest ``day`` in time."""
        found = set().union(*(self.bands.get(b, set()) for b in bands)) if bands else set()
        if limit is None or len(found) <= limit:
            return found
        return set(sorted(found, key=lambda a: (gap(day, self.members[a].features.day), a))[:limit])

    def by_content(self, key: str) -> str | None:
        return self.content.get(key)

    def text(self, article_id: str) -> str:
        m = self.members.get(article_id)
        return m.text if m else ""

    def story_members(self, story_id: str) -> list[Member]:
        return self.many(self.stories.get(story_id, ()))

    def first_member(self, story_id: str) -> str | None:
        ids = self.stories.get(story_id)
        return min(ids, key=lambda a: sort_key(self.members[a].features)) if ids else None

    def put(self, member: Member) -> None:
        f = member.features
        self.remove(f.id)
        self.members[f.id] = member
        self.stories[member.story].add(f.id)
        self.df.update(f.entities.keys())
        for e in f.entities:
            if f.day is None:
                self.undated[e].add(f.id)
            else:
                insort(self.dated[e], (f.day, f.id))
        for b in member.bands:
            self.bands[b].add(f.id)
        self.content.setdefault(member.content, f.id)

    def remove(self, article_id: str) -> None:
        old = self.members.pop(article_id, None)
        if old is None:
            return
        self.stories[old.story].discard(article_id)
        if not self.stories[old.story]:
            del self.stories[old.story]
        self.df.subtract(old.features.entities.keys())
        for e in old.features.entities:
            if old.features.day is None:
                self.undated[e].discard(article_id)
            else:
                self.dated[e].remove((old.features.day, article_id))
        for b in old.bands:
            self.bands[b].discard(article_id)
        if self.content.get(old.content) == article_id:
            del self.content[old.content]

    def set_copy_of(self, article_id: str, original: str | None) -> None:
        self.members[article_id].copy_of = original

    def rename(self, old: str, new: str) -> None:
        if old == new:
            return
        for a in self.stories.pop(old, set()):
            self.members[a].story = new
            self.stories[new].add(a)

    def touched(self, story_ids) -> None:  # the store refreshes its story summaries here
        pass

    def joined(self, story_id: str, article_id: str) -> None:  # ... or updates one for a new member
        pass


class Clusterer:
    """Assigns articles to stories over a state (see the module docstring)."""

    def __init__(self, state=None, embedder: Embedder | None = None, threshold: float = THRESHOLD,
                 merge_threshold: float = MERGE_THRESHOLD, window: float = WINDOW_DAYS, top_k: int = TOP_K,
                 postings: int = POSTINGS, max_candidates: int = MAX_CANDIDATES):
        self.state = state if state is not None else MemoryState()
        self.embedder = embedder
        self.threshold, self.merge_threshold, self.window, self.top_k = threshold, merge_threshold, window, top_k
        self.postings, self.max_candidates = postings, max_candidates
        self._shingle_cache: dict[tuple, np.ndarray] = {}  # (article id, content key) -> shingle hashes

    def add(self, doc) -> Assignment:
        """Place an analysed Document (its text is folded once, for both its features and its fingerprint)."""
        body = folded(doc.text)
        toks = words(doc.text, body)  # cut once: the fingerprint's shingles and the features' content words
        return self.add_features(features_of(doc, self.embedder, folded_text=body, tokens=toks), doc.text,
                                 fingerprint(doc.text, body, toks))

    def add_features(self, f: Features, text: str, fp=None) -> Assignment:
        """Place an article by its features and text (``fp``: its :func:`~newsgraph.stories.dedup.fingerprint`,
        if already computed)."""
        state = self.state
        if hasattr(state, "begin"):  # (a store's state checks its cache against other writers here)
            state.begin()
        previous = state.get(f.id)
        touched = {previous.story} if previous else set()
        if previous:  # an updated article: its copies lose their original, the story may need a new id
            state.remove(f.id)
            self._reid(previous.story)
        fp = fp if fp is not None else fingerprint(text)
        member = Member(features=f, story=f.id, content=fp.content, bands=fp.bands, text=text, shingles=fp.shingles)
        band_ids = (self.state.band_candidates(fp.bands, f.day, BAND_CANDIDATES + 1) - {f.id}) if text.strip() else set()
        banded = state.many(sorted(band_ids))  # read once: checked as copies, then scored
        original = self._original(f, fp, text, banded)
        merged: list[str] = []
        flipped = False
        if original is not None:
            orig = state.get(original)
            if sort_key(orig.features) <= sort_key(f):
                member.copy_of, member.story = original, orig.story
            else:  # the copy arrived first: the new article is the original
                state.set_copy_of(original, f.id)
                member.story, flipped = orig.story, True
            member.similarity = 1.0
        else:
            scores = self._story_scores(f, banded)
            ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
            if ranked and ranked[0][1] >= self.threshold:
                member.story, member.similarity = ranked[0]
                merged = [s for s, score in ranked[1:] if score >= self.merge_threshold]
        state.put(member)
        for other in merged:
            state.rename(other, member.story)
        touched.add(member.story)
        story = self._reid(member.story)
        if previous is None and not merged and not flipped and story in (member.story, f.id):
            # one new article in one story, which keeps its id or takes the new article's (the earliest now, the
            # summary row moved with the rename): a cheap summary update
            state.joined(story, f.id)
            return Assignment(f.id, story, member.copy_of, member.similarity, merged)
        touched = {story} | {self._reid(s) for s in touched if s != member.story and state.first_member(s)}
        state.touched(touched | set(merged) | ({previous.story} if previous else set()))
        return Assignment(f.id, story, member.copy_of, member.similarity, merged)

    # ------------------------------------------------------------------ steps
    def _original(self, f: Features, fp, text: str, banded: list[Member]) -> str | None:
        """The article this one is a copy of (or that is a copy of this one), if any."""
        if not text.strip():
            return None
        same = self.state.by_content(fp.content)
        if same and same != f.id:
            return same
        others = [m for m in banded if not m.copy_of]  # link copies to the original, never to another copy
        best, best_key = None, None
        theirs = [self._shingles_of(m) for m in others]
        for other, sh, shared in zip(others, theirs, shared_counts(fp.shingles, theirs)):
            size = min(len(fp.shingles), len(sh))
            if size and shared / size >= COPY_CONTAINMENT:  # (dedup.array_containment)
                key = sort_key(other.features)
                if best_key is None or key < best_key:
                    best, best_key = other.features.id, key
        return best

    def _shingles_of(self, m: Member) -> np.ndarray:
        """A stored article's shingle hashes: as stored with it, or (an article placed before the store kept
        them) cut from its text once, and kept in a small cache."""
        if m.shingles is not None:
            return m.shingles
        key = (m.features.id, m.content)
        sh = self._shingle_cache.pop(key, None)
        if sh is None:
            sh = shingle_hashes(shingles(self.state.text(m.features.id)))
        self._shingle_cache[key] = sh
        while len(self._shingle_cache) > SHINGLE_CACHE:
            self._shingle_cache.pop(next(iter(self._shingle_cache)))
        return sh

    def candidates(self, f: Features, banded: list[Member] = ()) -> list[Member]:
        """The stored articles the new one is scored against (the module docstring, "Candidates"); ``banded``:
        those sharing an LSH band with it, already read."""
        state = self.state
        shared = state.postings(list(f.entities), f.day, self.window, self.postings)
        shared.pop(f.id, None)
        if len(shared) > self.max_candidates:
            w = state.entity_weights(set(f.entities), f)
            ranked = sorted(shared.items(), key=lambda kv: (-sum(w[e] for e in kv[1][1]), gap(f.day, kv[1][0]), kv[0]))
            shared = dict(ranked[: self.max_candidates])
        ids = set(shared)
        if f.embedding:
            near = [m for m in state.near(f.day, self.window, EMBED_SCAN)
                    if m.features.id != f.id and m.features.embedding]
            near.sort(key=lambda m: (-sum(x * y for x, y in zip(f.embedding, m.features.embedding)), m.features.id))
            ids.update(m.features.id for m in near[:EMBED_NEIGHBOURS])
        ids.discard(f.id)
        have = {m.features.id: m for m in banded if m.features.id != f.id}
        found = list(have.values()) + state.many(sorted(ids - set(have)))
        return sorted((m for m in found if in_window(f.day, m.features.day, self.window)), key=lambda m: m.features.id)

    def _story_scores(self, f: Features, banded: list[Member] = ()) -> dict[str, float]:
        sims: dict[str, list[float]] = defaultdict(list)
        near = self.candidates(f, banded)
        weights = self.state.entity_weights(set(f.entities).union(*(m.features.entities for m in near)), f)
        for m in near:
            sims[m.story].append(similarity(f, m.features, weights))
        return {story: sum(top := sorted(values, reverse=True)[: self.top_k]) / len(top)
                for story, values in sims.items()}

    def _reid(self, story_id: str) -> str:
        """Rename a story after its earliest member; returns the id it has now."""
        first = self.state.first_member(story_id)
        if first is None:
            return story_id
        if first != story_id:
            self.state.rename(story_id, first)
        return first


def cluster(docs, embedder: Embedder | None = None, features: dict[str, Features] | None = None,
            **options) -> dict[str, Assignment]:
    """Cluster analysed Documents in publication order (in memory); article id -> its assignment, with the
    story ids as they stand at the end. ``features``: already computed features by article id (an embedding
    is costly to compute twice)."""
    clusterer = Clusterer(MemoryState(), embedder=embedder, **options)
    features = features or {}
    items = sorted(((features.get(d.id) or features_of(d, embedder), d.text) for d in docs),
                   key=lambda ft: sort_key(ft[0]))
    for f, text in items:
        clusterer.add_features(f, text)
    return {aid: Assignment(aid, m.story, m.copy_of, m.similarity) for aid, m in clusterer.state.members.items()}
