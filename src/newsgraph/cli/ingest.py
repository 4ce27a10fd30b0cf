"""Stream inputs into the store, with a progress bar and a summary (stored, updated, unchanged, failed).

A bad input is recorded as a failure and the batch goes on; the exit status is 0 unless nothing could be
stored at all because of the database itself. Ctrl-C or SIGTERM stop the run cleanly: the article being written
is written whole or not at all, what was stored stays, the summary so far is printed (exit status 130), and the
same command run again continues where it stopped."""

from __future__ import annotations

import signal
import sys
from collections import Counter

from newsgraph.cli import add_db, add_input_options, config_from, stages_from


def add_arguments(p) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    add_db(p)
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: this process (and --jobs workers); dask: partitions of the inputs on a Dask "
                        "cluster, each worker writing to PostgreSQL (pip install 'newsgraph[dask]')")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="the Dask scheduler (default: a local cluster of --jobs worker processes)")
    p.add_argument("--reanalyze", action="store_true",
                   help="store the new analysis of articles already stored with the same text (after a new "
                        "--knowledge file or a newsgraph upgrade); otherwise they are left as they are")
    add_input_options(p)


def run(args) -> int:
    from tqdm import tqdm

    from newsgraph.batch import ingest
    from newsgraph.errors import InputError
    from newsgraph.store import open_store

    store = open_store(args.db)  # a StoreError is reported by cli.main (exit status 2)
    bar = tqdm(unit="doc", desc="ingest", disable=True if args.quiet else None, file=sys.stderr)

    summary: Counter = Counter({"stored": 0, "updated": 0, "unchanged": 0, "failed": 0})

    def report(result, outcome):
        summary[outcome] += 1
        bar.update(1)
        if isinstance(result, InputError):
            bar.write(f"newsgraph: failed: {result}", file=sys.stderr)

    def terminate(signum, frame):  # SIGTERM stops the run the way Ctrl-C does
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, terminate)
    interrupted = False
    try:
        if args.engine == "dask":
            from newsgraph.distributed.dask import ingest_dask

            store.close()  # the workers (or the driver, for SQLite) open their own

            def progress(outcome, n):
                summary[outcome] += n
                bar.update(n)

            ingest_dask(args.inputs, args.db, config_from(args), stages=stages_from(args),
                        scheduler=args.scheduler, workers=max(1, args.jobs) if args.jobs > 1 else None,
                        refresh=args.reanalyze, progress=progress)
        else:
            ingest(args.inputs, store, config_from(args), jobs=args.jobs, on_result=report,
                   stages=stages_from(args), refresh=args.reanalyze)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        signal.signal(signal.SIGTERM, previous)
        bar.close()
        store.close()
    line = ", ".join(f"{k}: {summary[k]}" for k in ("stored", "updated", "unchanged", "failed")) + f" (db: {args.db})"
    if interrupted:
        print(f"interrupted; {line}; run the same command again to continue", file=sys.stderr)
        return 130
    print(line)
    return 0
