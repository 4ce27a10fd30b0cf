"""Dask engine (``pip install 'newsgraph[dask]'``): partitions of inputs to workers, each analysing with its own
pipeline (models loaded once per worker).

    newsgraph ingest INPUT... --db postgresql://user@host/db --engine dask [--scheduler tcp://HOST:8786]

- ``ingest_dask`` is that command. Inputs (patterns and folders expanded to files; a WARC or JSONL file is one
  input) are cut into partitions, at most ``max_in_flight`` of them on the cluster at a time; into PostgreSQL,
  a few archives (fewer than 8 per worker thread) are cut into stripes of records (:func:`partitions`). Each worker keeps
  its pipeline in a worker plugin (:class:`PipelineCache`, keyed by ``Pipeline.analysis_key``), so models and
  the knowledge base load once per worker, not once per task: when the plugin is set up (:func:`warm`), or
  when the worker starts with ``dask worker --preload newsgraph.distributed.preload``.
- **PostgreSQL**: every worker writes its partitions' articles itself (``batch.ingest`` on the worker: one
  transaction per article, upserts, inputs already stored skipped) and sends back only counts and article ids.
  A worker that dies mid-partition loses at most the article it was writing; Dask runs the partition again
  elsewhere and what the dead worker committed is found unchanged, so each article is stored exactly once.
- **SQLite** (one writer): the records of each finished partition stream back to this process, which writes
  them in input order (a partition that finishes before an earlier one waits, counted against
  ``max_in_flight``), each article with its place in its story in one transaction, exactly as a sequential
  ingest does, so the articles and stories are those of a sequential run. Each partition carries what the
  file already holds of its inputs (``store.stored_inputs``), which the workers skip without analysing.
- **Stories on PostgreSQL** (``stories=True``): the clustering depends on the order articles arrive, and the
  workers' partitions finish in any order, so placement is a merge step in this process (:class:`StoryMerge`):
  as soon as every partition before it has finished, a partition's new or updated articles (and any article
  of it that has no story yet, e.g. one a failed run stored) are read back from the store and placed in input
  order by the store's tracker (``store.story_tracker()``), one transaction each. A store without stories
  skips the step.
- Progress: workers report each article as an event (``newsgraph-progress``) which ``progress`` receives in
  this process; the returned counts are those of the finished partitions (an article a dead worker had stored
  before its partition was run again counts as unchanged).
- Without ``scheduler`` a ``LocalCluster`` of ``workers`` processes (one thread each) runs on this machine.
- ``analyze_bag`` / ``ingest_bag``: the same as a ``dask.bag`` of records for programs that build their own graph
  (``register_pipelines(client)`` keeps one pipeline per worker there too).

    from newsgraph.distributed.dask import ingest_dask
    summary = ingest_dask(["/data/warc/*.warc.gz"], "postgresql://news@db/news", scheduler="tcp://sched:8786")
"""

from __future__ import annotations

import glob
import math
import queue
import time
from collections import Counter
from collections.abc import Callable, Iterable

from newsgraph.config import Config
from newsgraph.pipeline import DEFAULT_STAGES, Pipeline

OUTCOMES = ("stored", "updated", "unchanged", "failed")
#: Dask settings for the workers of a LocalCluster (``dask worker`` takes them from the environment, see
#: docs/scale.md): Dask's nanny sets ``MALLOC_TRIM_THRESHOLD_=65536`` in its workers, which also fixes glibc's
#: mmap threshold at 128 KiB, so every larger array spaCy allocates is a fresh mmap: three times the page faults
#: and about 5% more CPU per document here (docs/scale.md, "Dask workers"). The one-thread BLAS settings stay.
WORKER_CONFIG = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
PROGRESS_TOPIC = "newsgraph-progress"
PLUGIN_NAME = "newsgraph-pipelines"


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


#: inputs that hold many articles, which a partition may take a stripe of (every k-th record)
ARCHIVES = (".warc", ".warc.gz", ".arc", ".arc.gz", ".jsonl", ".ndjson")
#: partitions per worker thread that striping aims at: a run's last partition is then short, so the workers
#: finish together instead of one idling while another analyses a whole file (docs/scale.md)
STRIPES_PER_THREAD = 8


def partitions(paths: list[str], nthreads: int, size: int | None = None, stripe: bool = False) -> list[list]:
    """``paths`` cut into partitions of ``size`` inputs; by default about four partitions per worker thread
    (so a lost worker costs little and the load evens out), at most 8 inputs each.

    ``stripe`` (for a store the workers write themselves, where partitions may finish in any order): when the
    inputs are fewer than :data:`STRIPES_PER_THREAD` per thread and all archives (WARC, JSONL), each is cut
    into ``k`` stripes, ``(path, k, i)``: the records numbered ``i``, ``i + k``, ... of that file, one stripe a
    partition. A partition of whole files is the unit a worker cannot share, so with few files per worker one
    worker would idle at the end while another finishes a file; stripes of a few records even that out.
    Every stripe reads its whole file (decompressing is cheap next to analysing) and takes its records."""
    nthreads = max(1, nthreads)
    if (size is None and stripe and paths and len(paths) < STRIPES_PER_THREAD * nthreads
            and all(p.lower().endswith(ARCHIVES) for p in paths)):
        k = math.ceil(STRIPES_PER_THREAD * nthreads / len(paths))
        return [[(path, k, i)] for path in paths for i in range(k)]
    if size is None:
        size = min(8, max(1, math.ceil(len(paths) / (4 * nthreads))))
    size = max(1, size)
    return [paths[i:i + size] for i in range(0, len(paths), size)]


def input_groups(parts: list[list]) -> list[int]:
    """Each partition's place in input order: the stripes of one file share one (the story merge places their
    articles together, by record number), every other partition has its own."""
    groups: list[int] = []
    for k, part in enumerate(parts):
        same = (k > 0 and len(part) == 1 and not isinstance(part[0], str) and len(parts[k - 1]) == 1
                and not isinstance(parts[k - 1][0], str) and parts[k - 1][0][0] == part[0][0])
        groups.append(groups[-1] if same else (groups[-1] + 1 if groups else 0))
    return groups


def _read_parts(parts: list, config: Config, numbers: dict[str, int]):
    """The items of a partition's inputs in order: whole inputs (paths) and stripes ``(path, k, i)``; the
    record number in its file of each item of a stripe goes into ``numbers`` (by input name)."""
    from newsgraph.ingest import iter_sources

    for part in parts:
        if isinstance(part, str):
            yield from iter_sources([part], config)
            continue
        path, k, i = part
        for j, item in enumerate(iter_sources([path], config)):
            if j % k == i:
                numbers[item.input] = j
                yield item


# ------------------------------------------------------------------------------------------- on the workers
try:
    from distributed import WorkerPlugin as _PluginBase
except ImportError:  # pragma: no cover - without the extra
    _PluginBase = object


def warm_languages(pipeline: Pipeline) -> list[str]:
    """The languages :func:`warm` loads: the configured ones, else every language with newsgraph data (cues,
    a bundled or default model) and any with a configured model."""
    from importlib import resources

    from newsgraph.lang import DEFAULTS

    if pipeline.config.languages:
        return list(pipeline.config.languages)
    shipped = [p.name for p in resources.files("newsgraph.lang").iterdir()
               if p.is_dir() and len(p.name) == 2 and p.joinpath("cues.json").is_file()]
    return sorted({*shipped, *DEFAULTS, *pipeline.config.models})


def warm(pipeline: Pipeline, languages: Iterable[str] | None = None) -> int:
    """Load what ``pipeline`` analyses with (spaCy models, knowledge base, event dictionaries, cue tables, the
    language detector) by running it over a one-sentence text in each language, so that the first partition a
    worker runs does not pay for it. Returns the number of languages warmed. The records are discarded."""
    from newsgraph.document import Source

    langs = list(languages) if languages is not None else warm_languages(pipeline)
    text = "Warm-up\n\nNewsgraph loads its models before the first article arrives, said the worker on Monday."
    items = [Source.make(f"newsgraph:warm-up:{code}", "text", text, hints={"language": code}) for code in langs]
    items.append(Source.make("newsgraph:warm-up", "text", text))  # no hint: the language detector too
    for _ in pipeline.pipe(items):
        pass
    return len(langs)


class PipelineCache(_PluginBase):
    """A worker plugin holding the pipelines this worker analyses with, by ``Pipeline.analysis_key``.

    Registered with a ``pipeline`` (as ``ingest_dask`` does), it loads that pipeline's models when it is set up
    on a worker (:func:`warm`; on every worker at registration, on a worker that joins later when it joins), and
    tasks wait for that. Without one, the first task of a configuration keeps its (unpickled) pipeline, whose
    models then load once for the worker. A pipeline another ``PipelineCache`` of the worker holds (e.g. one a
    ``dask worker --preload newsgraph.distributed.preload`` loaded at start) is adopted, not loaded again."""

    name = PLUGIN_NAME

    def __init__(self, pipeline: Pipeline | None = None, preload: bool = True):
        self.pipeline, self.preload = pipeline, preload

    def setup(self, worker) -> None:
        import threading

        self.pipelines: dict[str, Pipeline] = {}
        self.lock = threading.Lock()
        for other in list(getattr(worker, "plugins", {}).values()):
            if isinstance(other, PipelineCache) and other is not self and hasattr(other, "pipelines"):
                self.pipelines.update(other.pipelines)
        if self.pipeline is not None and self.pipeline.analysis_key not in self.pipelines:
            pipeline = self.pipelines[self.pipeline.analysis_key] = self.pipeline
            if self.preload:  # in a thread, so that the worker keeps answering the scheduler meanwhile
                self.lock.acquire()  # (released by the thread: no task takes the pipeline before it is warm)
                threading.Thread(target=self._warm, args=(pipeline,), name="newsgraph-warm", daemon=True).start()

    def _warm(self, pipeline: Pipeline) -> None:
        try:
            warm(pipeline)
        finally:
            self.lock.release()

    def get(self, pipeline: Pipeline) -> Pipeline:
        with self.lock:  # a task waits while the models load
            return self.pipelines.setdefault(pipeline.analysis_key, pipeline)


def register_pipelines(client, pipeline: Pipeline | None = None, preload: bool = True) -> None:
    """Keep one pipeline per configuration on each worker of ``client`` (workers that join later too); with
    ``pipeline``, its models load on every worker now (``preload``), not in the first task."""
    client.register_plugin(PipelineCache(pipeline, preload), name=PLUGIN_NAME)


def _worker():
    try:
        from distributed import get_worker

        return get_worker()
    except (ImportError, ValueError):
        return None


def _worker_pipeline(pipeline: Pipeline) -> Pipeline:
    """The pipeline this worker keeps for this configuration (:class:`PipelineCache`); the given one outside a
    worker or where the plugin is not registered."""
    worker = _worker()
    cache = worker.plugins.get(PLUGIN_NAME) if worker is not None else None
    return cache.get(pipeline) if cache is not None else pipeline


class _Progress:
    """Counts outcomes on a worker and sends them as events at most every ``every`` seconds."""

    def __init__(self, every: float = 0.5):
        self.worker, self.every, self.counts, self.last = _worker(), every, Counter(), time.monotonic()

    def add(self, outcome: str) -> None:
        self.counts[outcome] += 1
        if time.monotonic() - self.last >= self.every:
            self.flush()

    def flush(self) -> None:
        if self.worker is not None and self.counts:
            self.worker.log_event(PROGRESS_TOPIC, dict(self.counts))
        self.counts, self.last = Counter(), time.monotonic()


def _analyze_partition(inputs: list[str], pipeline: Pipeline, stored: dict[str, str] | None = None) -> list[dict]:
    """On a worker: the records of a partition's inputs (article dicts, or ``{"error", "input"}``). An input
    whose ``input_key`` is in ``stored`` (``{input_key: article id}``, what the store already holds under this
    pipeline's analysis key) is not analysed: its record is ``{"unchanged": article id, "input"}``."""
    from newsgraph.document import Source
    from newsgraph.errors import InputError
    from newsgraph.identity import input_key
    from newsgraph.ingest import iter_sources

    pipeline = _worker_pipeline(pipeline)
    records: list[dict] = []
    progress = _Progress()

    def new_inputs():
        for item in iter_sources(inputs, pipeline.config):
            if stored and isinstance(item, Source) and (aid := stored.get(input_key(item))):
                records.append({"unchanged": aid, "input": item.input})
                progress.add("analysed")  # (the bar's count of inputs done; this process counts the outcome)
                continue
            yield item

    for result in pipeline.pipe(new_inputs()):
        if isinstance(result, InputError):
            records.append({"error": result.problem, "input": result.input})
        else:
            records.append(result.to_dict(include_raw=False))
        progress.add("analysed")
    progress.flush()
    return records


def _ingest_partition(inputs: list[str], pipeline: Pipeline, db: str, refresh: bool) -> dict:
    """On a worker: analyse a partition's inputs (paths, or stripes of a file: :func:`partitions`) and write
    them into the store ``db`` (stories are placed by the merge step); its counts and ``[article id, outcome,
    record number]`` in input order (the number of a stripe's record in its file, else None)."""
    from newsgraph.batch import ingest
    from newsgraph.document import Document, Source
    from newsgraph.identity import input_key
    from newsgraph.store import open_store

    pipeline = _worker_pipeline(pipeline)
    articles: list[tuple[str, str, int | None]] = []
    numbers: dict[str, int] = {}  # input name -> record number in its file (stripes)
    progress = _Progress()
    with open_store(db) as store:
        def on_result(item, outcome):
            if isinstance(item, Document):
                articles.append((item.id, outcome, numbers.get(item.source.input)))
            elif isinstance(item, Source):  # skipped before analysis: already stored
                if aid := store.seen_input(input_key(item), pipeline.analysis_key):
                    articles.append((aid, outcome, numbers.get(item.input)))
            progress.add(outcome)

        summary = ingest(inputs, store, pipeline=pipeline, refresh=refresh, on_result=on_result, stories=False,
                         sources=_read_parts(inputs, pipeline.config, numbers))
    progress.flush()
    return {"counts": dict(summary), "articles": articles}


# ------------------------------------------------------------------------------------------- bags
def analyze_bag(inputs: Iterable[str], config: Config | None = None, stages: Iterable[str] = DEFAULT_STAGES,
                partition_size: int = 16):
    """A ``dask.bag.Bag`` of records: article dicts, or ``{"error", "input"}`` for inputs that failed."""
    db = _require_dask()
    pipeline = Pipeline(config or Config(), stages=tuple(stages))
    bag = db.from_sequence(expand(inputs), partition_size=max(1, partition_size))
    return bag.map_partitions(_analyze_partition, pipeline)


def _write_records(records: Iterable[dict], store, summary: Counter, analysis_key: str | None = None,
                   refresh: bool = False, progress: Callable[[str, int], None] | None = None,
                   tracker=None) -> None:
    """Store records from this process, as ``batch.ingest`` does: with a story ``tracker``, each new or updated
    article is placed in its story in the same transaction as the article."""
    from newsgraph.document import Document

    for record in records:
        if "unchanged" in record:  # skipped on the worker: stored under the same analysis key
            outcome = "unchanged"
        elif "error" in record:
            store.put_failure(record["input"], record["error"])
            outcome = "failed"
        elif tracker is None:
            outcome = store.put(Document.from_dict(record), refresh=refresh, analysis_key=analysis_key)
        else:
            doc = Document.from_dict(record)
            with store.transaction():
                outcome = store.put(doc, refresh=refresh, analysis_key=analysis_key)
                if outcome != "unchanged":
                    tracker.add(doc)
        summary[outcome] += 1
        if progress:
            progress(outcome, 1)


def ingest_bag(bag, store, **compute_kwargs) -> Counter:
    """Compute ``bag`` partition by partition and store its records from this process (one writer, as SQLite
    wants), each article with its place in its story; ``store`` is a Store or a location."""
    from newsgraph.store import open_store

    own = isinstance(store, str)
    store = open_store(store) if own else store
    summary: Counter = Counter(dict.fromkeys(OUTCOMES, 0))
    tracker = store.story_tracker() if hasattr(store, "story_tracker") else None
    try:
        for part in bag.to_delayed():  # in order: the articles and stories of a sequential ingest
            _write_records(part.compute(**compute_kwargs), store, summary, tracker=tracker)
    finally:
        if own:
            store.close()
    return summary


# ------------------------------------------------------------------------------------------- stories
class StoryMerge:
    """Places articles in stories in input order while partitions finish in any order (see the module
    docstring). ``done(i, articles)`` hands over partition ``i``'s ``[article id, outcome]`` pairs (or
    ``[article id, outcome, record number]``). ``groups``: each partition's place in input order
    (:func:`input_groups`); the stripes of one file share a place and their articles are placed by record
    number once all of them have finished. Default: every partition its own place.

    The one input a sequential run sees differently: the entity rarity weights count the articles stored when
    an article is placed, and concurrent workers may already have stored later ones."""

    def __init__(self, store, groups: list[int] | None = None):
        self.store = store
        self.tracker = store.story_tracker() if hasattr(store, "story_tracker") else None
        self.groups = groups
        self.left = Counter(groups or ())  # partitions of each place not yet finished
        self.waiting: dict[int, list] = {}
        self.next = 0
        self.placed = 0

    def done(self, index: int, articles: list) -> None:
        if self.tracker is None:
            return
        place = self.groups[index] if self.groups else index
        self.waiting.setdefault(place, []).extend(articles)
        self.left[place] -= 1
        while self.next in self.waiting and self.left[self.next] <= 0:
            batch = self.waiting.pop(self.next)
            batch.sort(key=lambda a: a[2] if len(a) > 2 and a[2] is not None else -1)  # stripes: record order
            for aid, outcome, *_ in batch:
                if outcome in ("stored", "updated") or self.store.story_of(aid) is None:
                    doc = self.store.get(aid)
                    if doc is not None:
                        with self.store.transaction():
                            self.tracker.add(doc)
                        self.placed += 1
            self.next += 1


# ------------------------------------------------------------------------------------------- the command
def ingest_dask(inputs: Iterable[str], db: str, config: Config | None = None,
                stages: Iterable[str] = DEFAULT_STAGES, scheduler: str | None = None, workers: int | None = None,
                partition_size: int | None = None, refresh: bool = False, stories: bool = True,
                progress: Callable[[str, int], None] | None = None, max_in_flight: int | None = None) -> Counter:
    """Ingest ``inputs`` into ``db`` on a Dask cluster (``scheduler`` address, else a LocalCluster of
    ``workers`` processes). ``progress(outcome, n)`` is called in this process as workers report articles
    (for a SQLite target: "analysed" as workers report, then each outcome as this process writes the record).
    ``max_in_flight``: partitions submitted and not yet handled (default: 2 per worker thread, at least 4)."""
    _require_dask()
    from distributed import Client, LocalCluster, wait

    from newsgraph.store import open_store
    from newsgraph.store.base import is_postgres

    pipeline = Pipeline(config or Config(), stages=tuple(stages))
    paths = expand(inputs)
    on_workers = is_postgres(db)
    cluster = None
    if not scheduler:
        import dask

        with dask.config.set(WORKER_CONFIG):
            cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
    summary: Counter = Counter(dict.fromkeys(OUTCOMES, 0))
    events: queue.SimpleQueue = queue.SimpleQueue()
    try:
        with Client(scheduler or cluster) as client, open_store(db) as store:
            register_pipelines(client, pipeline)
            if progress:
                client.subscribe_topic(PROGRESS_TOPIC, lambda event: events.put(event[1]))
            nthreads = sum(client.nthreads().values()) or 1
            parts = partitions(paths, nthreads, partition_size, stripe=on_workers)
            limit = max_in_flight or max(4, 2 * nthreads)
            merge = StoryMerge(store, input_groups(parts)) if stories and on_workers else None
            tracker = store.story_tracker() if stories and not on_workers and hasattr(store, "story_tracker") else None
            index: dict = {}  # future -> partition number
            waiting: dict[int, list] = {}  # SQLite: records of partitions finished before an earlier one
            todo = iter(enumerate(parts))

            def submit() -> None:
                while len(index) + len(waiting) < limit and (item := next(todo, None)) is not None:
                    i, part = item
                    if on_workers:
                        future = client.submit(_ingest_partition, part, pipeline, db, refresh, pure=False)
                    else:  # the workers cannot read the SQLite file: what it holds of these inputs goes with them
                        stored = {} if refresh else store.stored_inputs(part, pipeline.analysis_key)
                        future = client.submit(_analyze_partition, part, pipeline, stored, pure=False)
                    index[future] = i

            def report() -> None:
                while progress and not events.empty():
                    for outcome, n in events.get().items():
                        if outcome in OUTCOMES or outcome == "analysed":  # (Dask adds the worker's address)
                            progress(outcome, n)

            def write_in_order(i: int, records: list) -> None:  # SQLite: as a sequential ingest writes
                waiting[i] = records
                while written[0] in waiting:
                    _write_records(waiting.pop(written[0]), store, summary, pipeline.analysis_key, refresh,
                                   progress, tracker)
                    written[0] += 1

            written = [0]
            submit()
            while index:
                try:
                    finished = wait(list(index), timeout=0.5, return_when="FIRST_COMPLETED").done
                except TimeoutError:
                    finished = ()
                report()
                for future in finished:
                    i = index.pop(future)
                    result = future.result()
                    future.release()
                    if not on_workers:
                        write_in_order(i, result)
                        continue
                    summary.update(result["counts"])
                    if merge is not None:
                        merge.done(i, result["articles"])
                submit()
            time.sleep(0.5 if progress else 0)  # the last events (the bar; the counts come with the results)
            report()
    finally:
        if cluster is not None:
            cluster.close()
    return summary
