"""WARC at scale: documents/s per worker, peak RSS along a long ingest, and Dask with 1 and 2 workers.

    python benchmarks/warc_scale.py --n 10000 --pg postgresql://user@host:port/postgres [--stages full]
        [--files 16] [--workers 1 2] [--skip-single] [--scratch DIR] [--json OUT]

1. **Input.** A CC-NEWS-style corpus is built at run time in a temporary folder (nothing is written into the
   repository): ``--files`` gzipped WARC files (one gzip member per record) holding ``--n`` response records,
   each with its request record and a ``warcinfo`` record per file, as Common Crawl writes them. The HTML
   payloads are the 400 trafilatura dev pages of ``../shared/data/extraction/trafilatura-dev/pages.tar.xz``,
   recycled with unique URLs (``https://warc-bench.example/<n>/<page>``; the pages' own canonical links point
   at other hosts and are ignored, so every record is an article of its own), the charset in the HTTP
   ``Content-Type`` header where the page is UTF-8. Recycled pages are exact copies of one another: the story
   layer links them as copies (cheap); the analysis costs what it costs on 400 distinct pages.
2. **One process into SQLite** (``newsgraph ingest WARCS --db FILE``, the local engine, stories on): documents/s
   and the process's RSS sampled every ``--sample`` seconds together with the number of articles stored; the
   table prints the largest RSS seen in each tenth of the documents, so a flat memory profile shows as a flat
   row (the issue's goal: flat for 10,000 documents). Also its CPU seconds (user + system): documents per CPU
   second is the figure a cost plan needs (cores × hours), and it moves far less than wall time on a busy
   machine.
3. **Dask into PostgreSQL** for each ``--workers`` count: a real ``dask scheduler`` and that many
   ``dask worker --nworkers 1 --nthreads 1`` processes, ``newsgraph ingest WARCS --db PG --engine dask
   --scheduler tcp://…`` into a fresh database: wall time (from the command's start, workers already up, so
   each worker loads its models inside the timed run), documents/s per worker, documents per worker CPU
   second (the workers' process trees, sampled with psutil; the driver and PostgreSQL left out), the workers' peak RSS, the
   counts (articles, entities, mentions, quotes, events, failures) compared with the SQLite run, and the
   PostgreSQL bytes per article (tables with their indexes and TOAST, ``pg_total_relation_size``, less the
   size of the empty migrated store). The ratio
   printed is time(2 workers) / time(1 worker) (issue 14's goal: ≤ 0.625).

Skips cleanly when ../shared is absent; the Dask part needs ``newsgraph[dask,postgres]`` and ``--pg`` (a URL of
a database on a server where the user may CREATE DATABASE; default: $NEWSGRAPH_TEST_PG). Run it on a quiet
machine with at least as many free cores as the largest worker count (plus one for PostgreSQL and the driver).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
import uuid
from io import BytesIO
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
PAGES = SHARED / "data" / "extraction" / "trafilatura-dev" / "pages.tar.xz"
COUNTS = ("articles", "entities", "mentions", "quotes", "events", "failures")
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
       "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
BIN = Path(sys.executable).parent


# ---------------------------------------------------------------------------------------------- the corpus
def pages() -> list[tuple[str, bytes]]:
    with tarfile.open(PAGES) as tf:
        return [(Path(m.name).stem, tf.extractfile(m).read()) for m in tf.getmembers() if m.isfile()]


def build_warcs(folder: Path, n: int, files: int) -> list[Path]:
    """``files`` gzipped WARC files with ``n`` response records in all (plus request and warcinfo records)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    source = pages()
    paths, per_file = [], -(-n // files)
    for k in range(files):
        path = folder / f"CC-NEWS-bench-{k:05d}.warc.gz"
        with path.open("wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsgraph warc_scale"}))
            for i in range(k * per_file, min(n, (k + 1) * per_file)):
                name, html = source[i % len(source)]
                name = quote(name)
                url = f"https://warc-bench.example/{i}/{name}"
                try:
                    html.decode("utf-8")
                    ctype = "text/html; charset=UTF-8"
                except UnicodeDecodeError:
                    ctype = "text/html"  # the page's own <meta charset> decides
                request = writer.create_warc_record(url, "request", payload=BytesIO(b""), http_headers=StatusAndHeaders(
                    f"GET /{i}/{name} HTTP/1.1", [("Host", "warc-bench.example")], is_http_request=True))
                writer.write_record(request)
                writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(html),
                                                              http_headers=StatusAndHeaders("200 OK", [
                                                                  ("Content-Type", ctype),
                                                                  ("Content-Length", str(len(html)))],
                                                                  protocol="HTTP/1.1")))
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------------------------- measuring
def _tree_sum(pid: int, measure) -> float:
    """``measure(process)`` summed over a process and its live children (0 for a process that is gone)."""
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for p in procs:
        try:
            total += measure(p)
        except psutil.NoSuchProcess:
            pass
    return total


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and its children."""
    return int(_tree_sum(pid, lambda p: p.memory_info().rss))


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process and its live children."""
    return float(_tree_sum(pid, lambda p: sum(p.cpu_times()[:2])))


def stored(db: Path) -> int | None:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return None


def run_single(warcs: list[Path], db: Path, stages: str, n: int, every: float) -> dict:
    cmd = [sys.executable, "-m", "newsgraph", "ingest", *map(str, warcs), "--db", str(db), "--quiet",
           "--stages", stages]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    samples, done = [], 0  # (seconds, articles stored, rss bytes)
    while proc.poll() is None:
        done = stored(db) or done
        samples.append((time.perf_counter() - t0, done, tree_rss(proc.pid)))
        time.sleep(every)
    elapsed = time.perf_counter() - t0
    out, err = proc.communicate()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if proc.returncode:
        raise SystemExit(f"single-process ingest failed:\n{err.decode()[-2000:]}")
    by_tenth: list[int | None] = [None] * 10  # None: no sample fell in that tenth (a short run)
    for _, k, rss in samples:
        t = min(9, k * 10 // max(1, n))
        by_tenth[t] = max(by_tenth[t] or 0, rss)
    return {"seconds": round(elapsed, 2), "docs_per_s": round(n / elapsed, 2), "cpu_seconds": round(cpu, 1),
            "docs_per_cpu_s": round(n / cpu, 3), "summary": out.decode().strip(),
            "peak_rss_mb": round(max(r for *_, r in samples) / 2**20, 1) if samples else None,
            "rss_mb_by_tenth": [round(r / 2**20, 1) if r else None for r in by_tenth], "samples": len(samples)}


def sqlite_counts(db: Path) -> dict:
    with sqlite3.connect(db) as conn:
        return {k: conn.execute(f"SELECT count(*) FROM {k}").fetchone()[0] for k in COUNTS}


def fresh_pg(base: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    name = f"newsgraph_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return urlunsplit(urlsplit(base)._replace(path="/" + name))


def drop_pg(base: str, url: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")


def pg_tables(url: str) -> dict[str, int]:
    """Bytes of each table of the store with its indexes and TOAST (``pg_total_relation_size``)."""
    import psycopg

    with psycopg.connect(url) as conn:
        return dict(conn.execute(
            "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace s ON s.oid ="
            " c.relnamespace WHERE s.nspname = 'public' AND c.relkind = 'r' ORDER BY 2 DESC").fetchall())


def pg_figures(url: str, empty: dict[str, int]) -> dict:
    """Counts and storage; bytes per article over what the empty, migrated store already takes (each table
    and index has a fixed first page or two, which would dominate a small run)."""
    import psycopg

    with psycopg.connect(url) as conn:
        counts = {k: conn.execute(f"SELECT count(*) FROM {k}").fetchone()[0] for k in COUNTS}
        database = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    tables = pg_tables(url)
    total, grown = sum(tables.values()), sum(tables.values()) - sum(empty.values())
    return {"counts": counts, "table_bytes": total, "empty_store_bytes": sum(empty.values()),
            "database_bytes": database, "bytes_per_article": round(grown / max(1, counts["articles"])),
            "largest_tables_mb": {k: round(v / 2**20, 2) for k, v in list(tables.items())[:6]}}


def _start(args: list[str], log: Path) -> subprocess.Popen:
    return subprocess.Popen([str(BIN / "dask"), *args], env=ENV, stdout=log.open("w"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def pg_backend_cpu(database: str, seen: dict[int, float]) -> None:
    """Update ``seen`` (pid -> CPU seconds) with the PostgreSQL processes serving ``database`` (client backends
    and autovacuum workers: a ``postgres:`` title that names it); a backend's last sample stands once it has
    exited. (Before session 6 this matched any command line naming the database, which counted the driver,
    whose ``--db`` URL names it, a second time as PostgreSQL.)"""
    import psutil

    for p in psutil.process_iter(["cmdline"]):
        try:
            line = " ".join(p.info["cmdline"] or ())
            if line.startswith("postgres:") and f" {database} " in f"{line} ":
                seen[p.pid] = sum(p.cpu_times()[:2])
        except psutil.NoSuchProcess:
            pass


def run_dask(warcs: list[Path], pg_base: str, workers: int, stages: str, n: int, scratch: Path,
             every: float, preload: bool = False) -> dict:
    port = 20000 + (os.getpid() * 7 + workers) % 20000
    address = f"tcp://127.0.0.1:{port}"
    url = fresh_pg(pg_base)
    subprocess.run([sys.executable, "-c", f"from newsgraph.store import open_store; open_store({url!r}).close()"],
                   env=ENV, check=True)  # the schema, so that its own size is known
    empty = pg_tables(url)
    procs = [_start(["scheduler", "--port", str(port), "--no-dashboard"], scratch / f"scheduler-{workers}.log")]
    try:
        time.sleep(3)
        started = time.perf_counter()
        for k in range(workers):
            procs.append(_start(["worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                                 "--name", f"bench-w{k}", *(["--preload", "newsgraph.distributed.preload"] if preload
                                                             else [])], scratch / f"worker-{workers}-{k}.log"))
        from distributed import Client

        with Client(address, timeout=60) as client:  # every worker up (and warm, with --preload) before the clock
            client.wait_for_workers(workers, timeout=600)
        start_seconds = time.perf_counter() - started
        cmd = [sys.executable, "-m", "newsgraph", "ingest", *map(str, warcs), "--db", url, "--quiet", "--stages",
               stages, "--engine", "dask", "--scheduler", address]
        load = os.getloadavg()
        each0 = [tree_cpu(p.pid) for p in procs[1:]]
        scheduler0, backends = tree_cpu(procs[0].pid), {}
        driver0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        peak = [0] * workers
        while proc.poll() is None:
            for k in range(workers):
                peak[k] = max(peak[k], tree_rss(procs[1 + k].pid))
            pg_backend_cpu(url.rsplit("/", 1)[1], backends)
            time.sleep(every)
        elapsed = time.perf_counter() - t0
        each = [tree_cpu(p.pid) - c for p, c in zip(procs[1:], each0)]  # each worker's (with its nanny)
        cpu = sum(each)  # the workers'; the driver, scheduler and PostgreSQL are reported apart
        out, err = proc.communicate()
        driver1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        driver_cpu = (driver1.ru_utime + driver1.ru_stime) - (driver0.ru_utime + driver0.ru_stime)
        scheduler_cpu = tree_cpu(procs[0].pid) - scheduler0
        if proc.returncode:
            raise SystemExit(f"Dask ingest with {workers} worker(s) failed:\n{err.decode()[-2000:]}")
        figures = pg_figures(url, empty)
    finally:
        for p in procs[::-1]:
            _stop(p)
        drop_pg(pg_base, url)
    return {"workers": workers, "seconds": round(elapsed, 2), "docs_per_s": round(n / elapsed, 2),
            "docs_per_s_per_worker": round(n / elapsed / workers, 2), "worker_cpu_seconds": round(cpu, 1),
            "docs_per_worker_cpu_s": round(n / cpu, 3), "worker_cpu_seconds_each": [round(c, 1) for c in each],
            "preload": preload, "worker_start_seconds": round(start_seconds, 1),
            "worker_start_cpu_seconds": [round(c, 1) for c in each0], "load_average_at_start": load,
            "driver_cpu_seconds": round(driver_cpu, 1), "scheduler_cpu_seconds": round(scheduler_cpu, 1),
            "postgres_cpu_seconds": round(sum(backends.values()), 1), "summary": out.decode().strip(),
            "worker_peak_rss_mb": [round(p / 2**20, 1) for p in peak], **figures}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="response records (documents)")
    ap.add_argument("--files", type=int, default=16, help="WARC files they are spread over")
    ap.add_argument("--stages", default="full", help="full or structure (as newsgraph ingest --stages)")
    ap.add_argument("--workers", type=int, nargs="*", default=[1, 2], help="Dask worker counts (none: skip)")
    ap.add_argument("--pg", default=os.environ.get("NEWSGRAPH_TEST_PG"), help="PostgreSQL URL to create databases")
    ap.add_argument("--preload", action="store_true", help="start the Dask workers with --preload "
                    "newsgraph.distributed.preload (models load when a worker starts, before the clock)")
    ap.add_argument("--skip-single", action="store_true", help="no one-process SQLite run (no count check)")
    ap.add_argument("--sample", type=float, default=0.5, help="seconds between RSS samples")
    ap.add_argument("--scratch", type=Path, help="keep the WARCs and stores here (default: a temporary folder)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args()
    if not PAGES.exists():
        print(f"skipped: {PAGES} is absent (../shared)")
        return
    with tempfile.TemporaryDirectory(prefix="warc-scale-") as tmp:
        scratch = args.scratch or Path(tmp)
        scratch.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        warcs = build_warcs(scratch, args.n, args.files)
        size = sum(p.stat().st_size for p in warcs)
        report: dict = {"n": args.n, "files": args.files, "stages": args.stages, "cpus": os.cpu_count(),
                        "load_average": os.getloadavg(), "warc_mb": round(size / 2**20, 1),
                        "build_seconds": round(time.perf_counter() - t0, 1)}
        print(f"{args.n} documents in {args.files} WARC files ({report['warc_mb']} MB gz), stages {args.stages}, "
              f"{os.cpu_count()} CPUs, load {report['load_average'][0]:.1f}", flush=True)
        reference = None
        if not args.skip_single:
            db = scratch / "single.db"
            single = report["single"] = run_single(warcs, db, args.stages, args.n, args.sample)
            reference = report["single"]["counts"] = sqlite_counts(db)
            with sqlite3.connect(db) as conn:  # to scale bytes per article to another corpus's article length
                single["mean_text_chars"] = round(conn.execute("SELECT avg(length(text)) FROM articles").fetchone()[0]
                                                  or 0)
            print(f"one process, SQLite: {single['seconds']} s, {single['docs_per_s']} docs/s "
                  f"({single['docs_per_cpu_s']} per CPU second), peak RSS "
                  f"{single['peak_rss_mb']} MB, {single['mean_text_chars']} characters of text per article; RSS MB by tenth of the documents: {single['rss_mb_by_tenth']}; "
                  f"{single['summary']}", flush=True)
        if args.workers and not args.pg:
            print("Dask runs skipped: no --pg (or NEWSGRAPH_TEST_PG)")
        elif args.workers:
            runs = report["dask"] = []
            for w in args.workers:
                r = run_dask(warcs, args.pg, w, args.stages, args.n, scratch, args.sample, args.preload)
                if reference is not None:
                    r["counts_equal_sqlite"] = r["counts"] == reference
                runs.append(r)
                print(f"Dask, {w} worker(s), PostgreSQL: {r['seconds']} s, {r['docs_per_s_per_worker']} docs/s per "
                      f"worker ({r['docs_per_worker_cpu_s']} per worker CPU second), worker peak RSS {r['worker_peak_rss_mb']} MB, {r['bytes_per_article']} bytes/article"
                      f" in PostgreSQL; CPU s: workers {r['worker_cpu_seconds_each']}, driver {r['driver_cpu_seconds']},"
                      f" scheduler {r['scheduler_cpu_seconds']}, PostgreSQL {r['postgres_cpu_seconds']}; load at start"
                      f" {r['load_average_at_start'][0]:.1f}; workers started in {r['worker_start_seconds']} s"
                      f"{' (models preloaded there)' if r['preload'] else ''}; counts {r['counts']}"
                      + (f", equal to SQLite: {r['counts_equal_sqlite']}" if reference is not None else ""),
                      flush=True)
            if len(runs) >= 2:
                report["time_ratio"] = round(runs[-1]["seconds"] / runs[0]["seconds"], 3)
                print(f"time({runs[-1]['workers']} workers) / time({runs[0]['workers']}): {report['time_ratio']} "
                      f"(goal for 2 vs 1: <= 0.625)")
        if args.json:
            args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
