"""Stream any number of inputs through the pipeline into a store, in bounded memory.

Sources are read lazily and processed in windows (``jobs`` worker processes each get picklable sources and a
pickled pipeline; models load once per worker). Results are written in input order, each article atomically in
a transaction of its own (``Store.put``; with stories into SQLite, the articles analysed together, a spaCy
batch of :data:`PIPE_BATCH` or a worker window, and their places in stories in one): no transaction is open
while documents are analysed, an interrupted run (Ctrl-C, SIGTERM, SIGKILL, a crash) leaves every article
either whole or absent, and a re-run completes it.
An input already stored from the same bytes and analysed the same way (``Pipeline.analysis_key``) is skipped
before any analysis, so re-running over unchanged inputs costs little more than reading them."""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import signal
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from newsgraph.config import Config
from newsgraph.document import Document, Source
from newsgraph.errors import InputError
from newsgraph.identity import input_key
from newsgraph.ingest import iter_sources
from newsgraph.pipeline import Pipeline

PIPE_BATCH = 16  # documents analysed together in this process (Pipeline.pipe's spaCy batch)
STORY_WINDOW = 64  # with stories: at most this many analysed articles written (and placed) in one transaction
_WORKER_PIPELINE: Pipeline | None = None  # per worker process, set by the pool initializer only


def _init_worker(pipeline: Pipeline) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it ends the pool


@contextlib.contextmanager
def _one_blas_thread():
    """One BLAS/OpenMP thread per worker process, as Dask's nanny gives its workers: the models' matrix products
    go through numpy's OpenBLAS (lang/gemm.py), which would otherwise start a thread per core in every worker.
    A variable the user set is kept; the parent's environment is restored after."""
    names = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
    added = [n for n in names if n not in os.environ]
    os.environ.update(dict.fromkeys(added, "1"))
    try:
        yield
    finally:
        for n in added:
            os.environ.pop(n, None)


def _run_one(item: Source | InputError) -> Document | InputError:
    if isinstance(item, InputError):
        return item
    try:
        return _WORKER_PIPELINE(item)
    except InputError as e:
        return e


def windows(items: Iterable[Source | InputError], pipeline: Pipeline, jobs: int = 1,
            window: int = 64) -> Iterator[list[Document | InputError]]:
    """Map the pipeline over items, in order, yielding the results of each window analysed together: a spaCy
    batch (``Pipeline.pipe``'s :data:`PIPE_BATCH`) in this process, or ``window`` items over ``jobs > 1``
    worker processes."""
    it = iter(items)
    if jobs <= 1:
        while chunk := list(itertools.islice(it, PIPE_BATCH)):
            yield list(pipeline.pipe(chunk, batch_size=PIPE_BATCH))
        return
    ctx = multiprocessing.get_context("spawn")
    with _one_blas_thread():  # the workers are spawned here and read their environment at start
        pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(pipeline,))
    with pool:
        while chunk := list(itertools.islice(it, window)):
            yield pool.map(_run_one, chunk, chunksize=max(1, len(chunk) // (jobs * 4)))


def process(items: Iterable[Source | InputError], pipeline: Pipeline, jobs: int = 1,
            window: int = 64) -> Iterator[Document | InputError]:
    """Map the pipeline over items, in order; ``jobs > 1`` uses that many worker processes."""
    for results in windows(items, pipeline, jobs, window):
        yield from results


Outcome = str  # "stored", "updated", "unchanged" or "failed"


def ingest(inputs: Iterable[str], store, config: Config | None = None, jobs: int = 1,
           on_result: Callable[[Document | Source | InputError, Outcome], None] | None = None,
           stages: Iterable[str] | None = None, refresh: bool = False, pipeline: Pipeline | None = None,
           stories: bool = True, sources: Iterable[Source | InputError] | None = None,
           story_window: int | None = None) -> Counter:
    """Ingest inputs into ``store``; returns counts of stored/updated/unchanged/failed. ``refresh``: analyse
    every input again and store the new analysis of articles whose text is unchanged too (they count as
    updated). ``on_result(item, outcome)`` is called after each input is written (``item`` is the Source of an
    input skipped as unchanged before analysis). ``stories``: place each new or updated article in its story
    (newsgraph.stories), in the same transaction as the article, when the store keeps stories; the articles
    analysed together are then written in one transaction, at most ``story_window`` at a time (placed one by
    one, in input order: the same stories as a window of 1); by default :data:`STORY_WINDOW` for a store with
    one writer at a time (SQLite), 1 for PostgreSQL, whose concurrent writers lock entity and counter rows
    article by article (a batch would lock them out of order: deadlocks). ``sources``:
    the items to ingest, read by the caller from ``inputs`` (the Dask engine's stripe of a WARC file)."""
    if pipeline is None:  # (a caller that keeps its pipeline, e.g. a Dask worker, passes it with its models)
        config = config or Config()
        pipeline = Pipeline(config, stages=stages) if stages is not None else Pipeline(config)
    config = pipeline.config
    analysis_key = pipeline.analysis_key
    summary: Counter = Counter({"stored": 0, "updated": 0, "unchanged": 0, "failed": 0})
    tracker = store.story_tracker() if stories and hasattr(store, "story_tracker") else None

    def report(item, outcome: Outcome) -> None:
        summary[outcome] += 1
        if on_result:
            on_result(item, outcome)

    def new_inputs(items: Iterable[Source | InputError]) -> Iterator[Source | InputError]:
        for item in items:
            if not refresh and isinstance(item, Source) and store.seen_input(input_key(item), analysis_key):
                report(item, "unchanged")
                continue
            yield item

    def write(result: Document | InputError) -> Outcome:
        if isinstance(result, InputError):
            store.put_failure(result.input, result.problem)
            return "failed"
        outcome = store.put(result, refresh=refresh, analysis_key=analysis_key)
        if tracker is not None and outcome != "unchanged":
            tracker.add(result)
        return outcome

    items = iter_sources(inputs, config) if sources is None else sources
    if tracker is None:
        for result in process(new_inputs(items), pipeline, jobs=jobs):
            report(result, write(result))
        return summary
    # With stories, the results of each window analysed together are written in one transaction (at most
    # ``story_window`` at a time): the articles and their places in stories, atomically, placed one by one in
    # input order, as one at a time would place them. A stop asked for (Ctrl-C) ends the run after the window.
    if story_window is None:
        story_window = STORY_WINDOW if getattr(store, "one_writer", False) else 1
    step = max(1, story_window)
    for analysed in windows(new_inputs(items), pipeline, jobs=jobs):
        for start in range(0, len(analysed), step):
            window = analysed[start:start + step]
            with store.transaction():
                outcomes = [write(result) for result in window]
            stop = None
            for result, outcome in zip(window, outcomes):  # every written article is reported, Ctrl-C or not
                try:
                    report(result, outcome)
                except KeyboardInterrupt as e:  # (the CLI raises it from on_result once asked to stop)
                    stop = stop or e
            if stop is not None:
                raise stop
    return summary
