"""Online story clustering: articles join stories one by one, as they arrive.

For each new article (:meth:`Clusterer.add`):

1. **Copies.** An exact duplicate (same normalised body) or a near-copy (MinHash/LSH candidate whose shingle
   containment passes, :mod:`newsgraph.stories.dedup`) is linked to its original — the earlier of the two —
   with ``copy_of``, and joins the original's story.
2. **Stories.** Otherwise the article is compared (:func:`~newsgraph.stories.similarity.similarity`) with every
   article published within ``window`` days of it (entities weighted by their rarity among the articles seen,
   :func:`~newsgraph.stories.similarity.idf`); each story near it scores the mean of its best
   :data:`TOP_K` member similarities (the time decay is inside the similarity, as in Miranda et al. 2018). The
   article joins the best story when that score reaches ``threshold``, else it starts a story of its own.
   When a second story also reaches ``merge_threshold`` the article is the bridge between the two, and they
   merge.
3. **Ids.** A story's id is its earliest member's article id (publication time, then id), so the same articles
   give the same story ids whatever order they were ingested in, and a re-ingest changes nothing. An updated
   article leaves its story and is placed again (which may split it off).

The clusterer keeps no state of its own: it reads and writes a *state* (:class:`MemoryState` here, the store's
tables in :mod:`newsgraph.store.stories_sql`), so ingest is incremental across runs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from newsgraph.stories.dedup import fingerprint, is_copy
from newsgraph.stories.similarity import Embedder, Features, features_of, idf, similarity

WINDOW_DAYS = 10.0  # articles further apart than this in publication time are never compared
THRESHOLD = 0.5  # story score needed to join a story
MERGE_THRESHOLD = 0.7  # a second story scoring this much with the same article merges into the first
TOP_K = 2  # a story scores the mean of its best TOP_K member similarities


@dataclass
class Member:
    features: Features
    story: str
    copy_of: str | None = None
    similarity: float | None = None  # to its story when it joined (None: founded it)
    content: str = ""
    bands: list[str] = field(default_factory=list)
    text: str = ""


@dataclass
class Assignment:
    article_id: str
    story_id: str
    copy_of: str | None
    similarity: float | None
    merged: list[str] = field(default_factory=list)  # story ids folded into story_id


def sort_key(f: Features) -> tuple:
    return (f.day if f.day is not None else float("inf"), f.id)


class MemoryState:
    """Story state in memory (the Python API over a list of documents, the benchmark, tests)."""

    def __init__(self):
        self.members: dict[str, Member] = {}
        self.bands: dict[str, set[str]] = defaultdict(set)
        self.content: dict[str, str] = {}
        self.df: Counter = Counter()  # entity id -> articles mentioning it

    def entity_weights(self, ids: set[str]) -> dict[str, float]:
        n = len(self.members)
        return {e: idf(self.df.get(e, 0), n) for e in ids}

    def get(self, article_id: str) -> Member | None:
        return self.members.get(article_id)

    def near(self, day: float | None, window: float) -> list[Member]:
        if day is None:
            return list(self.members.values())
        return [m for m in self.members.values() if m.features.day is None or abs(m.features.day - day) <= window]

    def band_candidates(self, bands: list[str]) -> set[str]:
        return set().union(*(self.bands.get(b, set()) for b in bands)) if bands else set()

    def by_content(self, key: str) -> str | None:
        return self.content.get(key)

    def text(self, article_id: str) -> str:
        m = self.members.get(article_id)
        return m.text if m else ""

    def story_members(self, story_id: str) -> list[Member]:
        return [m for m in self.members.values() if m.story == story_id]

    def put(self, member: Member) -> None:
        self.remove(member.features.id)
        self.members[member.features.id] = member
        self.df.update(member.features.entities.keys())
        for b in member.bands:
            self.bands[b].add(member.features.id)
        self.content.setdefault(member.content, member.features.id)

    def remove(self, article_id: str) -> None:
        old = self.members.pop(article_id, None)
        if old is None:
            return
        self.df.subtract(old.features.entities.keys())
        for b in old.bands:
            self.bands[b].discard(article_id)
        if self.content.get(old.content) == article_id:
            del self.content[old.content]

    def set_copy_of(self, article_id: str, original: str | None) -> None:
        self.members[article_id].copy_of = original

    def rename(self, old: str, new: str) -> None:
        for m in self.members.values():
            if m.story == old:
                m.story = new

    def touched(self, story_ids) -> None:  # the store refreshes its story summaries here
        pass


class Clusterer:
    """Assigns articles to stories over a state (see the module docstring)."""

    def __init__(self, state=None, embedder: Embedder | None = None, threshold: float = THRESHOLD,
                 merge_threshold: float = MERGE_THRESHOLD, window: float = WINDOW_DAYS, top_k: int = TOP_K):
        self.state = state if state is not None else MemoryState()
        self.embedder = embedder
        self.threshold, self.merge_threshold, self.window, self.top_k = threshold, merge_threshold, window, top_k

    def add(self, doc) -> Assignment:
        """Place an analysed Document."""
        return self.add_features(features_of(doc, self.embedder), doc.text)

    def add_features(self, f: Features, text: str) -> Assignment:
        state = self.state
        previous = state.get(f.id)
        touched = {previous.story} if previous else set()
        state.remove(f.id)
        if previous:  # an updated article: its copies lose their original, the story may need a new id
            self._reid(previous.story)
        fp = fingerprint(text)
        member = Member(features=f, story=f.id, content=fp.content, bands=fp.bands, text=text)
        original = self._original(f, fp, text)
        merged: list[str] = []
        if original is not None:
            orig = state.get(original)
            if sort_key(orig.features) <= sort_key(f):
                member.copy_of, member.story = original, orig.story
            else:  # the copy arrived first: the new article is the original
                state.set_copy_of(original, f.id)
                member.story = orig.story
            member.similarity = 1.0
        else:
            scores = self._story_scores(f)
            ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
            if ranked and ranked[0][1] >= self.threshold:
                member.story, member.similarity = ranked[0]
                merged = [s for s, score in ranked[1:] if score >= self.merge_threshold]
        state.put(member)
        for other in merged:
            state.rename(other, member.story)
        touched.add(member.story)
        story = self._reid(member.story)
        touched = {story} | {self._reid(s) for s in touched if s != member.story and state.story_members(s)}
        state.touched(touched | set(merged) | ({previous.story} if previous else set()))
        return Assignment(f.id, story, member.copy_of, member.similarity, merged)

    # ------------------------------------------------------------------ steps
    def _original(self, f: Features, fp, text: str) -> str | None:
        """The article this one is a copy of (or that is a copy of this one), if any."""
        if not text.strip():
            return None
        same = self.state.by_content(fp.content)
        if same and same != f.id:
            return same
        best, best_key = None, None
        for cand in sorted(self.state.band_candidates(fp.bands) - {f.id}):
            other = self.state.get(cand)
            if other is None or other.copy_of:
                continue  # link copies to the original, never to another copy
            if is_copy(text, self.state.text(cand)):
                key = sort_key(other.features)
                if best_key is None or key < best_key:
                    best, best_key = cand, key
        return best

    def _story_scores(self, f: Features) -> dict[str, float]:
        sims: dict[str, list[float]] = defaultdict(list)
        near = [m for m in self.state.near(f.day, self.window) if m.features.id != f.id]
        weights = self.state.entity_weights(set(f.entities).union(*(m.features.entities for m in near)))
        for m in near:
            sims[m.story].append(similarity(f, m.features, weights))
        return {story: sum(top := sorted(values, reverse=True)[: self.top_k]) / len(top)
                for story, values in sims.items()}

    def _reid(self, story_id: str) -> str:
        """Rename a story after its earliest member; returns the id it has now."""
        members = self.state.story_members(story_id)
        if not members:
            return story_id
        first = min(members, key=lambda m: sort_key(m.features)).features.id
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
