"""Dask engine (``pip install 'newsgraph[dask]'``): partitions of inputs to workers, each analysing with its own
pipeline (models loaded once per worker).

    newsgraph ingest INPUT... --db postgresql://user@host/db --engine dask [--scheduler tcp://HOST:8786]

- ``ingest_dask`` is that command: with a PostgreSQL target every worker writes its partitions' articles itself
  (``batch.ingest`` on the worker: one transaction per article, upserts, inputs already stored skipped), so the
  driver holds nothing but counts. A worker that dies mid-partition loses at most the article it was writing;
  Dask runs the partition again elsewhere and what the dead worker committed is found unchanged, so each article
  is stored exactly once. With a SQLite target (one writer) the records stream back to the driver, which writes
  them partition by partition. Without ``scheduler`` a ``LocalCluster`` of worker processes runs on this machine.
- ``analyze_bag`` / ``ingest_bag``: the same as a ``dask.bag`` of records for programs that build their own graph.

    from newsgraph.distributed.dask import ingest_dask
    summary = ingest_dask(["/data/warc/*.warc.gz"], "postgresql://news@db/news", scheduler="tcp://sched:8786")
"""

from __future__ import annotations

import glob
from collections import Counter
from collections.abc import Callable, Iterable

from newsgraph.config import Config
from newsgraph.pipeline import DEFAULT_STAGES, Pipeline

OUTCOMES = ("stored", "updated", "unchanged", "failed")


def _require_dask():
    try:
        import dask.bag as db
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise ImportError("the Dask engine needs Dask: pip install 'newsgraph[dask]'") from None
    return db


def expand(inputs: Iterable[str]) -> list[str]:
    """Shell patterns expanded (sorted), folders to the input files in them (sorted, walked recursively, as
    ``ingest`` reads them), other inputs kept as given (files, URLs), so partitions can split a folder."""
    from pathlib import Path

    from newsgraph.ingest.sources import KNOWN_SUFFIXES, _suffix

    out: list[str] = []
    for item in inputs:
        matches = sorted(glob.glob(item)) if any(c in item for c in "*?[") else []
        for path in matches or [item]:
            if Path(path).is_dir():
                out.extend(sorted(str(f) for f in Path(path).rglob("*") if f.is_file() and _suffix(f) in KNOWN_SUFFIXES
                                  and not any(part.startswith(".") for part in f.relative_to(path).parts)))
            else:
                out.append(path)
    return out


def _worker_pipeline(pipeline: Pipeline) -> Pipeline:
    """The pipeline kept on this Dask worker for this configuration and these stages (so the models and the
    knowledge base load once per worker, not once per task); the given one outside a worker."""
    try:
        from distributed import get_worker

        worker = get_worker()
    except (ImportError, ValueError):
        return pipeline
    kept = worker.__dict__.setdefault("newsgraph_pipelines", {})
    return kept.setdefault(pipeline.analysis_key, pipeline)


def _analyze_partition(inputs: list[str], pipeline: Pipeline) -> list[dict]:
    from newsgraph.errors import InputError

    records = []
    for result in _worker_pipeline(pipeline).analyze(inputs):
        if isinstance(result, InputError):
            records.append({"error": result.problem, "input": result.input})
        else:
            records.append(result.to_dict(include_raw=False))
    return records


def _ingest_partition(inputs: list[str], pipeline: Pipeline, db: str, refresh: bool) -> list[dict]:
    """On a worker: analyse a partition's inputs and write them into the store ``db``; its counts."""
    from newsgraph.batch import ingest
    from newsgraph.store import open_store

    with open_store(db) as store:
        summary = ingest(inputs, store, pipeline=_worker_pipeline(pipeline), refresh=refresh)
    return [dict(summary)]


def analyze_bag(inputs: Iterable[str], config: Config | None = None, stages: Iterable[str] = DEFAULT_STAGES,
                partition_size: int = 16):
    """A ``dask.bag.Bag`` of records: article dicts, or ``{"error", "input"}`` for inputs that failed."""
    db = _require_dask()
    pipeline = Pipeline(config or Config(), stages=tuple(stages))
    bag = db.from_sequence(expand(inputs), partition_size=max(1, partition_size))
    return bag.map_partitions(_analyze_partition, pipeline)


def _write_records(records: Iterable[dict], store, summary: Counter,
                   progress: Callable[[str], None] | None = None) -> None:
    from newsgraph.document import Document

    for record in records:
        if "error" in record:
            store.put_failure(record["input"], record["error"])
            outcome = "failed"
        else:
            outcome = store.put(Document.from_dict(record))
        summary[outcome] += 1
        if progress:
            progress(outcome)


def ingest_bag(bag, store, **compute_kwargs) -> Counter:
    """Compute ``bag`` partition by partition and store its records from this process (one writer, as SQLite
    wants); ``store`` is a Store or a location."""
    from newsgraph.store import open_store

    own = isinstance(store, str)
    store = open_store(store) if own else store
    summary: Counter = Counter(dict.fromkeys(OUTCOMES, 0))
    try:
        for part in bag.to_delayed():
            _write_records(part.compute(**compute_kwargs), store, summary)
    finally:
        if own:
            store.close()
    return summary


def ingest_dask(inputs: Iterable[str], db: str, config: Config | None = None,
                stages: Iterable[str] = DEFAULT_STAGES, scheduler: str | None = None, workers: int | None = None,
                partition_size: int = 8, refresh: bool = False,
                progress: Callable[[str, int], None] | None = None) -> Counter:
    """Ingest ``inputs`` into ``db`` on a Dask cluster (``scheduler`` address, else a LocalCluster of
    ``workers`` processes). ``progress(outcome, n)`` is called as partitions finish. Counts are those the writers
    saw: an article a dead worker had stored before its partition was run again counts as unchanged."""
    _require_dask()
    from distributed import Client, LocalCluster, as_completed

    from newsgraph.store.base import is_postgres

    pipeline = Pipeline(config or Config(), stages=tuple(stages))
    paths = expand(inputs)
    parts = [paths[i:i + max(1, partition_size)] for i in range(0, len(paths), max(1, partition_size))]
    cluster = None if scheduler else LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                                                 dashboard_address=None)
    summary: Counter = Counter(dict.fromkeys(OUTCOMES, 0))
    try:
        with Client(scheduler or cluster) as client:
            if is_postgres(db):
                futures = [client.submit(_ingest_partition, part, pipeline, db, refresh, pure=False)
                           for part in parts]
                for future in as_completed(futures):
                    for counts in future.result():
                        for outcome, n in counts.items():
                            summary[outcome] += n
                            if progress and n:
                                progress(outcome, n)
                    future.release()
            else:
                from newsgraph.store import open_store

                futures = [client.submit(_analyze_partition, part, pipeline, pure=False) for part in parts]
                with open_store(db) as store:
                    for future in futures:  # in input order, one writer
                        _write_records(future.result(), store, summary,
                                       (lambda outcome: progress(outcome, 1)) if progress else None)
                        future.release()
    finally:
        if cluster is not None:
            cluster.close()
    return summary
