import pytest
from conftest import EXAMPLES

pytest.importorskip("dask.bag")

from newsgraph.distributed.dask import analyze_bag, ingest_bag  # noqa: E402
from newsgraph.pipeline import STRUCTURE_STAGES  # noqa: E402
from newsgraph.store import open_store  # noqa: E402


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
        # every stored article was placed in a story as it was written (the merge step of the partitions)
        assert store.conn.execute("SELECT count(*) FROM story_members").fetchone()[0] == 4
