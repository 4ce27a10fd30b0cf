"""Stories: near-duplicates, wire copies and cross-language story clusters.

    >>> from newsgraph import list_stories, story_similarity
    >>> list_stories("newsgraph.db", since="2024-11-01", entity="Maia Sandu")     # stored, latest first
    >>> story_similarity({"title": "...", "text": "...", "language": "ro"}, {"text": "..."})
    {'similarity': 0.93, 'same_story': True}

Modules: :mod:`~newsgraph.stories.dedup` (exact and near copies, MinHash/LSH), :mod:`~newsgraph.stories.similarity`
(article features and the pair model), :mod:`~newsgraph.stories.cluster` (online clustering). The store keeps the
state (:mod:`newsgraph.store.stories_sql`); ``newsgraph ingest`` places every new article. docs/stories.md
explains the method and its measured quality.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsgraph.stories.cluster import THRESHOLD, Assignment, Clusterer, MemoryState, cluster
from newsgraph.stories.similarity import Embedder, Features, features_of

__all__ = ["Assignment", "Clusterer", "Embedder", "Features", "MemoryState", "cluster", "compare", "features_of",
           "list_stories", "story_similarity"]


def list_stories(db: str, *, since: str | None = None, entity: str | None = None, limit: int = 20,
            offset: int = 0) -> list[dict]:
    """Stories stored in the database at ``db``, latest first: ``{"id", "title", "articles": [...],
    "entities", "first_seen", "last_seen", "languages", "sites", "size"}``."""
    from newsgraph.store import open_store

    with open_store(db, readonly=True) as store:
        return store.stories(since=since, entity=entity, limit=limit, offset=offset)


def _document(item, pipeline, name: str):
    """A Document from a Document or a ``{"title"?, "text", "language"?, "published"?}`` dict: the text is the
    body as given (paragraphs split at blank lines; no extraction guesses a headline out of it), then analysed
    by the pipeline's later stages (language unless given, NLP, entities, dates)."""
    from newsgraph.document import DateValue, Document, Source

    if isinstance(item, Document):
        return item
    if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
        raise ValueError(f"{name}: needs a non-empty 'text' string")
    for key in ("title", "language", "published"):
        if item.get(key) is not None and not isinstance(item[key], str):
            raise ValueError(f"{name}: {key!r} must be a string")
    hints = {k: item[k] for k in ("language",) if item.get(k)}
    doc = Document(source=Source.make(name, "text", item["text"], hints=hints), title=item.get("title") or None,
                   body=[p.strip() for p in item["text"].split("\n\n") if p.strip()])
    if item.get("published"):
        doc.published = DateValue(item["published"], "user", 1.0)
    from newsgraph.pipeline import STAGES

    try:  # the pipeline's stages after extraction (the structure is given)
        for stage in pipeline.stages:
            if stage != "extract":
                doc = STAGES[stage][0](doc, pipeline.context)
    except Exception as e:  # one bad pair never ends the batch
        raise ValueError(f"{name}: analysis failed: {e.__class__.__name__}: {e}") from e
    doc.nlp = None
    return doc


def compare(pairs: Iterable[dict], config=None, embedder: Embedder | None = None,
            threshold: float = THRESHOLD) -> Iterator[dict]:
    """``{"id", "a": {...}, "b": {...}}`` records -> ``{"id", "similarity", "same_story"}`` (or ``{"id",
    "error"}`` for a bad record; the batch goes on). Each side is analysed by the pipeline (entities, dates)."""
    from newsgraph.errors import InputError
    from newsgraph.pipeline import Pipeline
    from newsgraph.stories.similarity import similarity as pair_similarity

    pipeline = Pipeline(config)
    for n, record in enumerate(pairs, 1):
        rid = record.get("id", n) if isinstance(record, dict) else n
        if isinstance(record, dict) and record.get("_error"):  # a line the reader could not parse
            yield {"id": rid, "error": record["_error"]}
            continue
        try:
            if not isinstance(record, dict):
                raise ValueError("a record must be a JSON object")
            fa, fb = (features_of(_document(record.get(side), pipeline, f"record {rid}, {side!r}"), embedder)
                      for side in ("a", "b"))
        except (ValueError, InputError) as e:
            yield {"id": rid, "error": str(e)}
            continue
        score = pair_similarity(fa, fb)
        yield {"id": rid, "similarity": round(score, 4), "same_story": score >= threshold}


def story_similarity(a, b, config=None, embedder: Embedder | None = None) -> dict:
    """How likely two articles (Documents, or ``{"title"?, "text", "language"?, "published"?}`` dicts) tell the
    same story: ``{"similarity": 0..1, "same_story": bool}``. Raises ValueError on a bad article."""
    [out] = compare([{"id": 1, "a": a, "b": b}], config=config, embedder=embedder)
    if "error" in out:
        raise ValueError(out["error"])
    return {"similarity": out["similarity"], "same_story": out["same_story"]}
