"""Load: 50 concurrent readers and one writer against a real ``newsgraph serve`` (uvicorn) for 60 s.

    nice -n 5 python benchmarks/load.py                         # 50 readers + POST /api/articles, 60 s
    python benchmarks/load.py --writer ingest                   # the writer is `newsgraph ingest` runs instead
    python benchmarks/load.py --writer both --duration 20       # both writers at once
    python benchmarks/load.py --compare-threading 4             # the analysis lock vs a pipeline per thread

1. Builds (or reuses) a database of ``--articles`` synthetic articles with ``serve_bench.build`` and copies it,
   so each run starts from the same data.
2. Starts ``newsgraph serve --writable`` on the copy (one uvicorn process, as a user runs it).
3. For ``--duration`` seconds: ``--readers`` clients (httpx, asyncio, one connection each) request the page mix
   of ``serve_bench.workload`` (search, entity, article, events pages, JSON and HTML, the timeline API) back to
   back; the writer adds new articles, one at a time: ``post`` sends real text dumps to ``POST /api/articles``
   (the server analyses each with its pipeline: spaCy, entities, quotes, events), ``ingest`` runs
   ``newsgraph ingest`` over batches of new text dumps into the same database file.
4. Reports, as JSON: reader requests, errors (any status but 200, any transport error), latency p50/p90/p99/max;
   writer articles stored, errors and latency; the articles in the database before and after.

An error is anything but 200 for a reader and 201 for a POST (or a failed ingest run); the target is none.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from faults import article  # noqa: E402  (Romanian/English text dumps with people, places, quotes)
from serve_bench import build, free_port, start_server, workload  # noqa: E402


def percentiles(values: list[float]) -> dict:
    if not values:
        return {}
    v = sorted(values)

    def p(q):
        return round(v[min(len(v) - 1, int(q * len(v)))], 1)

    return {"p50_ms": p(0.5), "p90_ms": p(0.9), "p99_ms": p(0.99), "max_ms": round(v[-1], 1),
            "mean_ms": round(statistics.fmean(v), 1)}


async def readers(base: str, urls: list[str], clients: int, stop: float) -> dict:
    import httpx

    stats = {"requests": 0, "errors": 0, "statuses": {}, "latencies": [], "first_errors": []}

    async def one(k: int):
        rng = random.Random(k)
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            while time.perf_counter() < stop:
                url = rng.choice(urls)
                t0 = time.perf_counter()
                try:
                    r = await client.get(url)
                    status = r.status_code
                except httpx.HTTPError as e:
                    status = type(e).__name__
                stats["latencies"].append((time.perf_counter() - t0) * 1000)
                stats["requests"] += 1
                stats["statuses"][str(status)] = stats["statuses"].get(str(status), 0) + 1
                if status != 200:
                    stats["errors"] += 1
                    if len(stats["first_errors"]) < 5:
                        stats["first_errors"].append(f"{url}: {status}")

    await asyncio.gather(*(one(k) for k in range(clients)))
    return stats


def post_writer(base: str, stop: float, stats: dict, seed: int) -> None:
    import httpx

    rng = random.Random(seed)
    n = 0
    with httpx.Client(base_url=base, timeout=120) as client:
        while time.perf_counter() < stop:
            text = article(rng, 100_000 + seed * 10_000 + n)
            n += 1
            t0 = time.perf_counter()
            try:
                r = client.post("/api/articles", json={"text": text, "url": f"https://load.example/{seed}/{n}"})
                status, body = r.status_code, r.text[:200]
            except httpx.HTTPError as e:
                status, body = type(e).__name__, str(e)
            stats["latencies"].append((time.perf_counter() - t0) * 1000)
            stats["requests"] += 1
            stats["statuses"][str(status)] = stats["statuses"].get(str(status), 0) + 1
            if status != 201:
                stats["errors"] += 1
                if len(stats["first_errors"]) < 5:
                    stats["first_errors"].append(f"POST: {status}: {body}")


def ingest_writer(db: Path, work: Path, stop: float, stats: dict, seed: int, batch: int = 5) -> None:
    rng = random.Random(seed)
    k = 0
    while time.perf_counter() < stop:
        folder = work / f"batch{k}"
        folder.mkdir(parents=True)
        for i in range(batch):
            (folder / f"a{i}.txt").write_text(article(rng, 200_000 + seed * 10_000 + k * batch + i), "utf-8")
        k += 1
        t0 = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "newsgraph", "ingest", str(folder), "--db", str(db), "--quiet"],
                           capture_output=True)
        stats["latencies"].append((time.perf_counter() - t0) * 1000)
        stats["requests"] += 1
        ok = r.returncode == 0 and f"stored: {batch}" in r.stdout.decode()
        stats["statuses"]["ok" if ok else f"exit {r.returncode}"] = stats["statuses"].get(
            "ok" if ok else f"exit {r.returncode}", 0) + 1
        if not ok:
            stats["errors"] += 1
            if len(stats["first_errors"]) < 5:
                stats["first_errors"].append((r.stdout + r.stderr).decode()[-300:])


def compare_threading(docs: int, threads: int) -> dict:
    """What the server's analysis lock costs: ``docs`` articles analysed by ``threads`` threads, (a) through one
    shared pipeline behind a lock (what ``serve`` does), (b) through one pipeline per thread, no lock (each
    warmed first). Wall time and the process's peak memory after each."""
    import resource
    from concurrent.futures import ThreadPoolExecutor

    from newsgraph.ingest.sources import source_from_text
    from newsgraph.pipeline import Pipeline

    rng = random.Random(3)
    sources = [source_from_text(f"doc{i}", article(rng, 300_000 + i), "text") for i in range(docs)]
    out = {"docs": docs, "threads": threads}

    shared, lock = Pipeline(), threading.Lock()
    shared(sources[0])  # load the models

    def locked(src):
        with lock:
            return shared(src)

    def timed_shared(key):
        t0 = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(locked, sources))
        out[key] = round(time.perf_counter() - t0, 2)

    timed_shared("shared_pipeline_with_lock_s")
    out["peak_rss_mb_after_shared"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024

    local = threading.local()
    barrier = threading.Barrier(threads)

    def warm(_):
        local.pipeline = Pipeline()
        local.pipeline(sources[0])
        barrier.wait()  # every thread gets its own pipeline

    def own(src):
        return local.pipeline(src)

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(warm, range(threads)))
        t0 = time.perf_counter()
        list(pool.map(own, sources))
    out["pipeline_per_thread_s"] = round(time.perf_counter() - t0, 2)
    out["peak_rss_mb_after_per_thread"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    timed_shared("shared_pipeline_with_lock_again_s")  # the machine's load drifts: the first figure, repeated
    return out


def count(db: Path) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        con.close()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=Path("/tmp/newsgraph-load.db"), help="the built database (reused)")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--readers", type=int, default=50)
    ap.add_argument("--writer", choices=("post", "ingest", "both", "none"), default="post")
    ap.add_argument("--duration", type=float, default=60.0)
    ap.add_argument("--compare-threading", type=int, metavar="THREADS",
                    help="instead: time the analysis lock against a pipeline per thread (no server)")
    args = ap.parse_args(argv)
    if args.compare_threading:
        print(json.dumps(compare_threading(8 * args.compare_threading, args.compare_threading), indent=1))
        return 0

    build(args.db, args.articles)
    work = Path(tempfile.mkdtemp(prefix="newsgraph-load-"))
    db = work / "load.db"
    shutil.copy(args.db, db)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(db, port, log=work / "server.log", writable=True, pin=False, wait=90)
    try:
        import httpx

        kinds = workload(db, random.Random(1))
        urls = [u for group in kinds.values() for u in group]
        if args.writer in ("post", "both"):  # the first POST loads the models: not part of the measured window
            warm = httpx.post(f"{base}/api/articles", timeout=300,
                              json={"text": article(random.Random(0), 99_999), "url": "https://load.example/warm"})
            if warm.status_code != 201:
                raise SystemExit(f"warm-up POST failed: {warm.status_code} {warm.text[:300]}")
        before = count(db)
        writers: dict[str, dict] = {}
        threads = []
        t0 = time.perf_counter()
        stop = t0 + args.duration
        for kind in (["post", "ingest"] if args.writer == "both" else [args.writer] if args.writer != "none" else []):
            stats = writers[kind] = {"requests": 0, "errors": 0, "statuses": {}, "latencies": [], "first_errors": []}
            target = (post_writer, (base, stop, stats, 1)) if kind == "post" else \
                (ingest_writer, (db, work / "ingest", stop, stats, 2))
            threads.append(threading.Thread(target=target[0], args=target[1], daemon=True))
        for t in threads:
            t.start()
        read = asyncio.run(readers(base, urls, args.readers, stop))
        for t in threads:
            t.join(timeout=300)
        wall = time.perf_counter() - t0
        after = count(db)
        log = (work / "server.log").read_text(errors="replace")
        report = {
            "readers": args.readers, "duration_s": args.duration, "wall_s": round(wall, 1),
            "articles_before": before, "articles_after": after,
            "read": {"requests": read["requests"], "per_second": round(read["requests"] / wall, 1),
                     "errors": read["errors"], "statuses": read["statuses"], **percentiles(read["latencies"]),
                     "first_errors": read["first_errors"]},
            "write": {k: {"requests": s["requests"], "errors": s["errors"], "statuses": s["statuses"],
                          **percentiles(s["latencies"]), "first_errors": s["first_errors"]}
                      for k, s in writers.items()},
            "server_log_tracebacks": log.count("Traceback"),
        }
        print(json.dumps(report, indent=1))
        errors = read["errors"] + sum(s["errors"] for s in writers.values()) + report["server_log_tracebacks"]
        return 1 if errors else 0
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
