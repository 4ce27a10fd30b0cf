"""Stream inputs into the store, with a progress bar and a summary (stored, updated, unchanged, failed).

A bad input is recorded as a failure and the batch goes on; the exit status is 0 unless nothing could be
stored at all because of the database itself. Ctrl-C or SIGTERM stop the run cleanly after the article being
written (a second one at once, rolling that article back), what was stored stays, the summary so far is printed (exit status 130), and the
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
    p.add_argument("--no-stories", action="store_true",
                   help="store articles without placing them in stories (`newsgraph stories --rebuild` places them later)")
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

    # Ctrl-C and SIGTERM ask the run to stop after what is being written (one article, or with stories on
    # SQLite the batch of articles analysed together, written in one transaction): the handler only records the
    # request and the run stops between two writes. (Raising from the handler could land anywhere, even in
    # a __del__ where Python drops the exception and the run went on.) A second signal stops at once; the
    # write in progress is then rolled back, never half-stored.
    stop: list[int] = []

    def request_stop(signum, frame):
        if stop:
            raise KeyboardInterrupt
        stop.append(signum)
        bar.write("newsgraph: stopping after what is being written (again to stop now)", file=sys.stderr)

    def check_stop() -> None:
        if stop:
            raise KeyboardInterrupt

    def report(result, outcome):
        summary[outcome] += 1
        bar.update(1)
        if isinstance(result, InputError):
            bar.write(f"newsgraph: failed: {result}", file=sys.stderr)
        check_stop()

    previous = {s: signal.signal(s, request_stop) for s in (signal.SIGINT, signal.SIGTERM)}
    interrupted = False
    try:
        if args.engine == "dask":
            from newsgraph.distributed.dask import ingest_dask

            store.close()  # the workers (or the driver, for SQLite) open their own

            from newsgraph.store.base import is_postgres

            on_workers = is_postgres(args.db)

            def progress(outcome, n):  # workers' reports ("analysed" for SQLite, whose records are written here)
                if outcome in summary:
                    summary[outcome] += n
                if on_workers or outcome == "analysed":
                    bar.update(n)
                check_stop()

            summary = ingest_dask(args.inputs, args.db, config_from(args), stages=stages_from(args),
                                  scheduler=args.scheduler, workers=max(1, args.jobs) if args.jobs > 1 else None,
                                  refresh=args.reanalyze, stories=not args.no_stories, progress=progress)
        else:
            ingest(args.inputs, store, config_from(args), jobs=args.jobs, on_result=report,
                   stages=stages_from(args), refresh=args.reanalyze, stories=not args.no_stories)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        bar.close()
        store.close()
    line = ", ".join(f"{k}: {summary[k]}" for k in ("stored", "updated", "unchanged", "failed")) + f" (db: {args.db})"
    if interrupted:
        print(f"interrupted; {line}; run the same command again to continue", file=sys.stderr)
        return 130
    print(line)
    return 0
