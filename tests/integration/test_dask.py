import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli, sql_rows

pytest.importorskip("dask.bag")

from newsgraph.distributed.dask import analyze_bag, expand, ingest_bag, ingest_dask  # noqa: E402
from newsgraph.pipeline import STRUCTURE_STAGES  # noqa: E402
from newsgraph.store import open_store  # noqa: E402

COUNTS = ("articles", "entities", "mentions", "quotes", "events", "failures")


def test_bag_over_processes_matches_local_and_stores(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"")
    inputs = [str(EXAMPLES / "*.txt"), str(EXAMPLES / "*.html"), str(tmp_path / "bad.txt")]
    bag = analyze_bag(inputs, stages=STRUCTURE_STAGES, partition_size=2)
    assert bag.npartitions == 3
    records = bag.compute(scheduler="processes", num_workers=2)
    titles = [r.get("title") for r in records if "error" not in r]
    assert len(titles) == 4 and titles[0].startswith("Dock workers")
    assert records[-1] == {"error": "file is empty", "input": str(tmp_path / "bad.txt")}
    summary = ingest_bag(bag, str(tmp_path / "d.db"), scheduler="sync")
    assert summary["stored"] == 4 and summary["failed"] == 1
    with open_store(str(tmp_path / "d.db")) as store:
        assert store.search("inundatii")


def test_expand_splits_folders_into_their_input_files():
    files = expand([str(EXAMPLES)])
    assert len(files) == 5 and all(Path(f).is_file() for f in files) and files == sorted(files)


def _articles(folder: Path, n: int) -> Path:
    """``n`` distinct short articles (text dumps) in ``folder``."""
    folder.mkdir()
    text = (EXAMPLES / "en-port-strike.txt").read_text("utf-8")
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(text.replace("Dock workers", f"Dock workers of berth {i}", 1), "utf-8")
    return folder


@pytest.mark.slow
def test_local_cluster_into_sqlite_and_postgres_equals_one_process(tmp_path, db_location):
    inputs = _articles(tmp_path / "in", 6)
    reference = open_store(str(tmp_path / "ref.db"))
    from newsgraph.batch import ingest

    ingest([str(inputs)], reference, stages=STRUCTURE_STAGES)
    summary = ingest_dask([str(inputs)], db_location, stages=STRUCTURE_STAGES, workers=2, partition_size=2)
    assert summary["stored"] == 6 and summary["failed"] == 0
    with open_store(db_location) as store:
        assert {k: store.stats()[k] for k in COUNTS} == {k: reference.stats()[k] for k in COUNTS}
    again = ingest_dask([str(inputs)], db_location, stages=STRUCTURE_STAGES, workers=2, partition_size=2)
    assert again["unchanged"] == 6
    reference.close()


def _start(args: list[str], log: Path) -> subprocess.Popen:
    exe = Path(sys.executable).parent / "dask"
    return subprocess.Popen([str(exe), *args], stdout=log.open("w"), stderr=subprocess.STDOUT,
                            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}, start_new_session=True)


@pytest.mark.slow
def test_a_killed_worker_loses_no_article(tmp_path, pg_url):
    """Real ``dask scheduler`` and two ``dask worker`` processes; one worker is killed (SIGKILL) once articles
    are being stored: the run finishes on the other, and every article is stored exactly once."""
    n = 16
    inputs = _articles(tmp_path / "in", n)
    port = 18786 + os.getpid() % 1000
    procs = [_start(["scheduler", "--port", str(port), "--no-dashboard"], tmp_path / "scheduler.log")]
    try:
        time.sleep(3)
        for k in range(2):
            procs.append(_start([ "worker", f"tcp://127.0.0.1:{port}", "--nworkers", "1", "--nthreads", "1",
                                 "--no-dashboard", "--name", f"w{k}"], tmp_path / f"worker{k}.log"))
        result: dict = {}

        def run():
            result["summary"] = ingest_dask([str(inputs)], pg_url, scheduler=f"tcp://127.0.0.1:{port}",
                                            partition_size=2)

        runner = threading.Thread(target=run)
        runner.start()
        store = open_store(pg_url)
        deadline = time.time() + 240
        while store.stats()["articles"] < 2 and time.time() < deadline:
            time.sleep(0.2)
        assert store.stats()["articles"] < n, "the run ended before a worker could be killed"
        os.killpg(procs[1].pid, signal.SIGKILL)  # worker w0 and its process group
        runner.join(timeout=600)
        assert not runner.is_alive()
        stats = store.stats()
        assert stats["articles"] == n and stats["failures"] == 0
        assert sum(result["summary"][k] for k in ("stored", "unchanged")) >= n
        ids = [h.id for h in store.search(None, limit=100)]
        assert len(ids) == len(set(ids)) == n
        store.close()
    finally:
        for p in procs[::-1]:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
                p.wait(timeout=30)


def test_cli_engine_dask_into_sqlite(tmp_path):
    inputs = _articles(tmp_path / "in", 3)
    db = tmp_path / "c.db"
    r = run_cli("ingest", str(inputs), "--db", db, "--engine", "dask", "--jobs", "2", "--stages", "structure",
                "--quiet")
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout.decode().startswith("stored: 3, updated: 0, unchanged: 0, failed: 0")


# ---------------------------------------------------------------------------- stories on partitions
STORY_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "stories" / "power-line.jsonl"


def _story_inputs(folder: Path) -> Path:
    """The story fixture, one article per file (so each is a partition of its own), in the fixture's order."""
    folder.mkdir()
    for i, line in enumerate(STORY_FIXTURE.read_text("utf-8").splitlines()):
        (folder / f"{i:02d}.jsonl").write_text(line + "\n", "utf-8")
    return folder


def _grouping(store) -> dict[str, tuple]:
    """url -> (the urls of its story, the url it is a copy of): story membership by content, not by id."""
    rows = sql_rows(store, "SELECT a.url AS url, m.story_id AS story, o.url AS original FROM story_members m"
                           " JOIN articles a ON a.id = m.article_id LEFT JOIN articles o ON o.id = m.copy_of")
    members: dict[str, set] = {}
    for url, story, _ in rows:
        members.setdefault(story, set()).add(url)
    return {url: (tuple(sorted(members[story])), original) for url, story, original in rows}


def test_story_merge_places_out_of_order_partitions_in_input_order(tmp_path):
    """The merge step alone: partitions handed over last-first give the stories of a sequential ingest."""
    from newsgraph.batch import ingest
    from newsgraph.distributed.dask import StoryMerge

    inputs = _story_inputs(tmp_path / "in")
    with open_store(str(tmp_path / "seq.db")) as reference:
        ingest([str(inputs)], reference)
        expected = _grouping(reference)
    assert len(expected) == 5 and len({group for group, _ in expected.values()}) == 3
    with open_store(str(tmp_path / "merge.db")) as store:
        ids = []
        ingest([str(inputs)], store, stories=False, on_result=lambda doc, outcome: ids.append((doc.id, outcome)))
        assert _grouping(store) == {}
        merge = StoryMerge(store)
        for i in reversed(range(len(ids))):
            merge.done(i, [ids[i]])
        assert merge.placed == 5 and _grouping(store) == expected
        merge = StoryMerge(store)  # a second run over the same articles: nothing new to place
        for i, pair in enumerate(ids):
            merge.done(i, [(pair[0], "unchanged")])
        assert merge.placed == 0 and _grouping(store) == expected


def test_partitions_cut_few_archives_into_stripes_for_a_store_the_workers_write():
    from newsgraph.distributed.dask import input_groups, partitions

    warcs = [f"/data/f{i}.warc.gz" for i in range(8)]
    assert partitions(warcs, 1) == [warcs[0:2], warcs[2:4], warcs[4:6], warcs[6:8]]  # 8 per thread: whole files
    assert partitions(warcs, 2) == partitions(warcs, 2, stripe=False)  # SQLite: files whole, in order
    striped = partitions(warcs, 2, stripe=True)
    assert striped == [[(w, 2, i)] for w in warcs for i in range(2)]
    assert input_groups(striped) == [k // 2 for k in range(16)]
    assert partitions(warcs, 2, size=3, stripe=True) == [warcs[0:3], warcs[3:6], warcs[6:8]]  # a size: as asked
    assert partitions(["/d/a.txt", "/d/b.txt"], 2, stripe=True) == [["/d/a.txt"], ["/d/b.txt"]]  # one article each
    assert input_groups([["a"], [("b", 2, 0)], [("b", 2, 1)], [("c", 2, 0)]]) == [0, 1, 1, 2]


def test_story_merge_places_stripes_by_record_number_once_the_file_is_done(tmp_path):
    """Stripes of a file finish in any order; the merge places the file's articles in record order once all
    its stripes are in, and no later file before it: the stories of a sequential ingest."""
    from newsgraph.batch import ingest
    from newsgraph.distributed.dask import StoryMerge

    inputs = _story_inputs(tmp_path / "in")
    with open_store(str(tmp_path / "seq.db")) as reference:
        ingest([str(inputs)], reference)
        expected = _grouping(reference)
    with open_store(str(tmp_path / "merge.db")) as store:
        ids = []
        ingest([str(inputs)], store, stories=False, on_result=lambda doc, outcome: ids.append((doc.id, outcome)))
        merge = StoryMerge(store, groups=[0, 0, 1, 1])  # "file" 0: records 0-2 in two stripes; "file" 1: 3-4
        stripes = [[(*ids[0], 0), (*ids[2], 2)], [(*ids[1], 1)], [(*ids[3], 0)], [(*ids[4], 1)]]
        merge.done(3, stripes[3])
        merge.done(1, stripes[1])
        assert merge.placed == 0  # file 0 still has a stripe running
        merge.done(0, stripes[0])
        assert merge.placed == 3
        merge.done(2, stripes[2])
        assert merge.placed == 5 and _grouping(store) == expected


@pytest.mark.slow
def test_stripes_of_one_archive_give_the_counts_and_stories_of_one_process(tmp_path, db_location):
    """The story fixture as one JSONL file on two workers: into PostgreSQL the file is cut into stripes (one
    record each here), the workers write, the merge places the articles in record order."""
    from newsgraph.batch import ingest

    with open_store(db_location) as store:
        if not hasattr(store, "story_tracker"):
            pytest.skip("this store keeps no stories yet")
    with open_store(str(tmp_path / "seq.db")) as reference:
        ingest([str(STORY_FIXTURE)], reference)
        expected, counts = _grouping(reference), {k: reference.stats()[k] for k in COUNTS}
    summary = ingest_dask([str(STORY_FIXTURE)], db_location, workers=2)
    assert summary["stored"] == 5 and summary["failed"] == 0
    with open_store(db_location) as store:
        assert {k: store.stats()[k] for k in COUNTS} == counts
        assert _grouping(store) == expected
    assert ingest_dask([str(STORY_FIXTURE)], db_location, workers=2)["unchanged"] == 5


@pytest.mark.slow
def test_dask_ingest_of_the_story_fixture_gives_the_sequential_stories(tmp_path, db_location):
    """One article per partition on two workers: SQLite gets the records back and writes them in input order;
    PostgreSQL's workers write and the driver's merge step places the articles in input order."""
    from newsgraph.batch import ingest

    with open_store(db_location) as store:
        if not hasattr(store, "story_tracker"):
            pytest.skip("this store keeps no stories yet")
    inputs = _story_inputs(tmp_path / "in")
    with open_store(str(tmp_path / "seq.db")) as reference:
        ingest([str(inputs)], reference)
        expected, expected_ids = _grouping(reference), [s["id"] for s in reference.stories(limit=10)]
    summary = ingest_dask([str(inputs)], db_location, workers=2, partition_size=1)
    assert summary["stored"] == 5 and summary["failed"] == 0
    with open_store(db_location) as store:
        assert _grouping(store) == expected
        assert [s["id"] for s in store.stories(limit=10)] == expected_ids


def test_progress_reports_each_article_as_workers_go(tmp_path):
    from newsgraph.distributed.dask import OUTCOMES

    inputs = _articles(tmp_path / "in", 4)
    calls: list[tuple[str, int]] = []
    summary = ingest_dask([str(inputs)], str(tmp_path / "p.db"), stages=STRUCTURE_STAGES, workers=2,
                          partition_size=1, progress=lambda outcome, n: calls.append((outcome, n)))
    assert summary["stored"] == 4
    assert {o for o, _ in calls} <= {*OUTCOMES, "analysed"}
    assert sum(n for o, n in calls if o == "stored") == 4  # written here, reported at once
    assert sum(n for o, n in calls if o == "analysed") <= 4  # events from the workers (the last may come late)


def test_cli_no_stories_stores_articles_without_stories(tmp_path):
    inputs = _story_inputs(tmp_path / "in")
    db = tmp_path / "n.db"
    r = run_cli("ingest", str(inputs), "--db", db, "--engine", "dask", "--jobs", "2", "--stages", "structure",
                "--no-stories", "--quiet")
    assert r.returncode == 0, r.stderr.decode()
    with open_store(str(db)) as store:
        assert store.stats()["articles"] == 5 and _grouping(store) == {}


def test_sqlite_rerun_skips_stored_inputs_on_the_workers(tmp_path):
    """Into SQLite the driver sends each partition what the file holds of its inputs; the workers analyse only
    the rest (a changed file), and the run's counts are those of a sequential re-run."""
    from newsgraph.distributed.dask import _analyze_partition
    from newsgraph.pipeline import Pipeline

    inputs = _articles(tmp_path / "in", 4)
    db = str(tmp_path / "r.db")
    assert ingest_dask([str(inputs)], db, stages=STRUCTURE_STAGES, workers=2, partition_size=2)["stored"] == 4
    changed = inputs / "a002.txt"
    changed.write_text(changed.read_text("utf-8").replace("berth 2", "berth 22"), "utf-8")
    paths = expand([str(inputs)])
    pipeline = Pipeline(stages=STRUCTURE_STAGES)
    with open_store(db) as store:
        stored = store.stored_inputs(paths, pipeline.analysis_key)
        assert len(stored) == 4  # the changed file's old key too: the workers compare keys of what they read
        assert store.stored_inputs(paths, "another analysis") == {}
    records = _analyze_partition(paths, pipeline, stored)
    assert [("unchanged" in r, r.get("input")) for r in records] == [
        (True, paths[0]), (True, paths[1]), (True, paths[3]), (False, None)]  # the changed one analysed, last
    again = ingest_dask([str(inputs)], db, stages=STRUCTURE_STAGES, workers=2, partition_size=2)
    assert (again["unchanged"], again["stored"] + again["updated"], again["failed"]) == (3, 1, 0)
    with open_store(db) as store:
        assert store.stats()["articles"] == 5  # a changed text is a new article, as in a sequential run
    forced = ingest_dask([str(inputs)], db, stages=STRUCTURE_STAGES, workers=2, partition_size=2, refresh=True)
    assert forced["unchanged"] == 0 and forced["updated"] == 4


def test_pipeline_cache_warms_its_pipeline_and_adopts_a_preloaded_one():
    """Registered with a pipeline, the worker plugin loads its resources at setup (tasks wait for it); a second
    cache on the same worker (the command's, beside a ``--preload``'s) takes the warmed pipeline over."""
    from types import SimpleNamespace

    from newsgraph.distributed.dask import PipelineCache, warm_languages
    from newsgraph.pipeline import Pipeline

    pipeline = Pipeline(stages=STRUCTURE_STAGES)
    assert {"en", "ro"} <= set(warm_languages(pipeline))
    worker = SimpleNamespace(plugins={})
    preloaded = PipelineCache(pipeline)
    preloaded.setup(worker)
    worker.plugins["newsgraph-preloaded"] = preloaded
    assert preloaded.get(Pipeline(stages=STRUCTURE_STAGES)) is pipeline  # waits for the warm-up thread
    assert {"cues", "language"} <= set(pipeline.context._cache)  # loaded before any task
    command = PipelineCache(Pipeline(stages=STRUCTURE_STAGES))
    command.setup(worker)
    assert command.get(Pipeline(stages=STRUCTURE_STAGES)) is pipeline
