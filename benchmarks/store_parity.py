"""SQLite and PostgreSQL give the same answers: 120 pages of the trafilatura development set ingested into a
SQLite file and into a fresh PostgreSQL database with the same (light) pipeline, then compared: the counts of
every table, the stories, and the top-10 ids of five searches in two languages (English and Spanish), in order;
a second PostgreSQL ingest must report every input unchanged.

Usage (from the repository root; needs ``../shared`` and a PostgreSQL server whose user may create databases)::

    python benchmarks/store_parity.py --pg postgresql://user@host:port/db [--pages 120] [--stages extract,language]
        [--json out.json]

A database ``newsgraph_parity_<random>`` is created on that server and dropped afterwards. Exit status 0 when
everything matches, 1 otherwise; without the data or the server the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tarfile
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
DATA = Path("data/extraction/trafilatura-dev")
#: five searches, English and Spanish, covering words, a phrase, OR, NOT and a prefix; common words, so that
#: most have more than ten hits and the order of the top ten is tested, not just membership
SEARCHES = ["people", '"in the"', "gobierno OR para", "inform*", "year NOT python"]
COUNTS = ("articles", "entities", "mentions", "quotes", "events", "failures")


def pages(shared: Path, tmp: Path, n: int) -> list[str]:
    """The first ``n`` pages of the development set (evaldata.json order), unpacked under ``tmp``."""
    with tarfile.open(shared / DATA / "pages.tar.xz") as tar:
        tar.extractall(tmp, filter="data")
    evaldata = json.loads((shared / DATA / "evaldata.json").read_text("utf-8"))
    return [str(tmp / "pages" / item["file"]) for item in list(evaldata.values())[:n]]


def snapshot(store) -> dict:
    stats = store.stats()
    return {"counts": {k: stats[k] for k in COUNTS}, "stories": store.story_count(),
            "languages": stats["languages"],
            "searches": {q: [(h.id, round(h.score, 6)) for h in store.search(q, limit=10)] for q in SEARCHES}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pg", default=os.environ.get("NEWSGRAPH_TEST_PG"), help="a PostgreSQL server URL")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--pages", type=int, default=120)
    ap.add_argument("--stages", default="extract,language",
                    help="pipeline stages (default: structure only; 'all': the full pipeline)")
    ap.add_argument("--json", type=Path, help="write the comparison here")
    args = ap.parse_args(argv)
    if not (args.shared / DATA / "pages.tar.xz").exists():
        print(f"no {args.shared / DATA}: nothing to compare")
        return 0
    if not args.pg:
        print("no PostgreSQL server (--pg or NEWSGRAPH_TEST_PG): nothing to compare")
        return 0
    import psycopg

    from newsgraph.batch import ingest
    from newsgraph.config import Config
    from newsgraph.pipeline import Pipeline
    from newsgraph.store import open_store

    name = f"newsgraph_parity_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(args.pg, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    pg_url = urlunsplit(urlsplit(args.pg)._replace(path="/" + name))
    stages = None if args.stages == "all" else tuple(s for s in args.stages.split(",") if s)
    report: dict = {"pages": args.pages, "stages": stages, "searches": SEARCHES}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            inputs = pages(args.shared, Path(tmp), args.pages)
            pipeline = Pipeline(Config(), stages=stages) if stages else Pipeline(Config())
            runs = {}
            for backend, location in (("sqlite", str(Path(tmp) / "parity.db")), ("postgres", pg_url)):
                with open_store(location) as store:
                    start = time.perf_counter()
                    outcome = ingest(inputs, store, pipeline=pipeline)
                    runs[backend] = {"ingest": dict(outcome), "seconds": round(time.perf_counter() - start, 1),
                                     **snapshot(store)}
            with open_store(pg_url) as store:
                runs["postgres"]["second_ingest"] = dict(ingest(inputs, store, pipeline=pipeline))
    finally:
        with psycopg.connect(args.pg, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    lite, pg = runs["sqlite"], runs["postgres"]
    checks = {
        "ingest outcomes": lite["ingest"] == pg["ingest"],
        "table counts": lite["counts"] == pg["counts"],
        "stories": lite["stories"] == pg["stories"],
        "second ingest unchanged": pg["second_ingest"].get("unchanged", 0) == len(inputs) - pg["ingest"].get("failed", 0)
        and not pg["second_ingest"].get("stored") and not pg["second_ingest"].get("updated"),
    }
    for q in SEARCHES:
        a, b = [i for i, _ in lite["searches"][q]], [i for i, _ in pg["searches"][q]]
        checks[f"top-10 ids, in order: {q}"] = a == b
        checks[f"top-10 ids, as a set: {q}"] = set(a) == set(b)
    report.update(runs=runs, checks=checks)
    print(f"{args.pages} pages, stages {','.join(stages or ['all'])}; ingest SQLite {lite['seconds']} s, PostgreSQL "
          f"{pg['seconds']} s")
    print(f"  SQLite:     {lite['ingest']} {lite['counts']} stories {lite['stories']}")
    print(f"  PostgreSQL: {pg['ingest']} {pg['counts']} stories {pg['stories']}")
    print(f"  PostgreSQL again: {pg['second_ingest']}")
    for q in SEARCHES:
        print(f"  {q!r}: SQLite {len(lite['searches'][q])} hits, PostgreSQL {len(pg['searches'][q])}")
        for (ia, sa), (ib, sb) in zip(lite["searches"][q], pg["searches"][q], strict=False):
            print(f"      {ia} {sa:10.4f}   {ib} {sb:10.4f}{'' if ia == ib else '   <- differs'}")
    for check, ok in checks.items():
        print(f"{'ok  ' if ok else 'FAIL'} {check}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), "utf-8")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    sys.exit(main())
