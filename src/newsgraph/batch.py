"""Stream any number of inputs through the pipeline into a store, in bounded memory.

Sources are read lazily and processed in windows (``jobs`` worker processes each get picklable sources and a
pickled pipeline; models load once per worker). Results are written in input order; the store commits every
``commit_every`` documents, so an interrupted run loses at most that window, and a re-run skips what is already
stored unchanged."""

from __future__ import annotations

import itertools
import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from newsgraph.config import Config
from newsgraph.document import Document, Source
from newsgraph.errors import InputError
from newsgraph.ingest import iter_sources
from newsgraph.pipeline import Pipeline

_WORKER_PIPELINE: Pipeline | None = None  # per worker process, set by the pool initializer only


def _init_worker(pipeline: Pipeline) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline


def _run_one(item: Source | InputError) -> Document | InputError:
    if isinstance(item, InputError):
        return item
    try:
        return _WORKER_PIPELINE(item)
    except InputError as e:
        return e


def process(items: Iterable[Source | InputError], pipeline: Pipeline, jobs: int = 1,
            window: int = 64) -> Iterator[Document | InputError]:
    """Map the pipeline over items, in order; ``jobs > 1`` uses that many worker processes."""
    if jobs <= 1:
        yield from pipeline.pipe(items)
        return
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(pipeline,)) as pool:
        it = iter(items)
        while chunk := list(itertools.islice(it, window)):
            yield from pool.map(_run_one, chunk, chunksize=max(1, len(chunk) // (jobs * 4)))


def ingest(inputs: Iterable[str], store, config: Config | None = None, jobs: int = 1, commit_every: int = 20,
           on_result: Callable[[Document | InputError, str], None] | None = None,
           stages: Iterable[str] | None = None, refresh: bool = False) -> Counter:
    """Ingest inputs into ``store``; returns counts of stored/updated/unchanged/failed. ``refresh``: store the
    new analysis of articles whose text is unchanged too (they count as updated)."""
    config = config or Config()
    pipeline = Pipeline(config, stages=stages) if stages is not None else Pipeline(config)
    summary: Counter = Counter({"stored": 0, "updated": 0, "unchanged": 0, "failed": 0})
    pending = 0
    try:
        for result in process(iter_sources(inputs, config), pipeline, jobs=jobs):
            if isinstance(result, InputError):
                store.put_failure(result.input, result.problem, commit=False)
                outcome = "failed"
            else:
                outcome = store.put(result, commit=False, refresh=refresh)
            summary[outcome] += 1
            pending += 1
            if pending >= commit_every:
                store.commit()
                pending = 0
            if on_result:
                on_result(result, outcome)
    finally:
        store.commit()
    return summary
