"""Dask adapter: ``analyze_bag`` turns inputs into a ``dask.bag`` of article records (dicts), one partition of
inputs per task; ``ingest_bag`` computes it and writes the records into a store from the calling process (one
writer, as SQLite wants).

    from dask.distributed import Client
    from newsgraph.distributed.dask import analyze_bag, ingest_bag
    client = Client("tcp://scheduler:8786")
    bag = analyze_bag(["/data/warc/*.warc.gz"], partition_size=8)
    summary = ingest_bag(bag, "news.db")
"""

from __future__ import annotations

import glob
from collections import Counter
from collections.abc import Iterable

from newsgraph.config import Config
from newsgraph.pipeline import DEFAULT_STAGES, Pipeline


def _require_dask():
    try:
        import dask.bag as db
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise ImportError("the Dask adapter needs Dask: pip install 'newsgraph[dask]'") from None
    return db


def expand(inputs: Iterable[str]) -> list[str]:
    """Shell patterns expanded (sorted), other inputs kept as given (files, folders, URLs)."""
    out: list[str] = []
    for item in inputs:
        matches = sorted(glob.glob(item)) if any(c in item for c in "*?[") else []
        out.extend(matches or [item])
    return out


def _analyze_partition(inputs: list[str], pipeline: Pipeline) -> list[dict]:
    from newsgraph.errors import InputError

    records = []
    for result in pipeline.analyze(inputs):
        if isinstance(result, InputError):
            records.append({"error": result.problem, "input": result.input})
        else:
            records.append(result.to_dict(include_raw=False))
    return records


def analyze_bag(inputs: Iterable[str], config: Config | None = None, stages: Iterable[str] = DEFAULT_STAGES,
                partition_size: int = 16):
    """A ``dask.bag.Bag`` of records: article dicts, or ``{"error", "input"}`` for inputs that failed."""
    db = _require_dask()
    pipeline = Pipeline(config or Config(), stages=tuple(stages))
    paths = expand(inputs)
    bag = db.from_sequence(paths, partition_size=max(1, partition_size))
    return bag.map_partitions(_analyze_partition, pipeline)


def ingest_bag(bag, store, stories: bool = True, **compute_kwargs) -> Counter:
    """Compute ``bag`` and store its records (``store`` is a Store or a SQLite path). ``stories``: place each
    new or updated article in its story as it is written (the partitions analyse in parallel; this merge step is
    sequential and cheap, see docs/stories.md)."""
    from newsgraph.document import Document
    from newsgraph.store import open_store

    own = isinstance(store, str)
    store = open_store(store) if own else store
    summary: Counter = Counter({"stored": 0, "updated": 0, "unchanged": 0, "failed": 0})
    tracker = store.story_tracker() if stories and hasattr(store, "story_tracker") else None
    try:
        for record in bag.compute(**compute_kwargs):  # each article written atomically on its own
            if "error" in record:
                store.put_failure(record["input"], record["error"])
                summary["failed"] += 1
            elif tracker is None:
                summary[store.put(Document.from_dict(record))] += 1
            else:
                doc = Document.from_dict(record)
                with store.transaction():  # the article and its place in a story, atomically
                    outcome = store.put(doc)
                    if outcome != "unchanged":
                        tracker.add(doc)
                summary[outcome] += 1
    finally:
        if own:
            store.close()
    return summary
