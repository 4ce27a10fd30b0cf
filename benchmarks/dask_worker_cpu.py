"""Documents per CPU second of the full pipeline in a plain process, in a thread, and in Dask workers.

    python benchmarks/dask_worker_cpu.py plain            # this process (run it twice at once for a pair)
    python benchmarks/dask_worker_cpu.py thread           # the same in a second thread (as a Dask task runs)
    python benchmarks/dask_worker_cpu.py dask --workers 2 [--profile off] [--malloc-trim off]

Each run builds 4 CC-NEWS-style WARC files of 25 documents (``warc_scale.build_warcs``, from ../shared), analyses
the first once to load every model (not counted), then the other three (75 documents): it prints user and system
CPU seconds of that analysis, documents per CPU second, minor page faults and involuntary context switches. In
``dask`` mode a ``LocalCluster`` of ``--workers`` one-thread workers each run that same task, with Dask's
statistical profiler on or off and with or without the ``MALLOC_TRIM_THRESHOLD_=65536`` Dask's nanny sets.
``MALLOC_TRIM_THRESHOLD_=65536 python benchmarks/dask_worker_cpu.py plain`` gives a plain process that setting.
On a shared machine compare runs made one after the other, and repeat: the rate moves with the machine's load.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):  # as Dask's nanny sets them
    os.environ.setdefault(var, "1")


def measure(files: list[str]) -> dict:
    """Warm up on ``files[0]``, then the CPU figures of analysing ``files[1:]`` in this thread's process."""
    from newsgraph.pipeline import Pipeline

    pipeline = Pipeline()
    sum(1 for _ in pipeline.analyze(files[:1]))
    r1, t0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    n = sum(1 for _ in pipeline.analyze(files[1:]))
    r2 = resource.getrusage(resource.RUSAGE_SELF)
    user, system = r2.ru_utime - r1.ru_utime, r2.ru_stime - r1.ru_stime
    return {"docs": n, "user": round(user, 1), "sys": round(system, 1), "docs_per_cpu_s": round(n / (user + system), 2),
            "wall": round(time.perf_counter() - t0, 1), "minflt": r2.ru_minflt - r1.ru_minflt,
            "nivcsw": r2.ru_nivcsw - r1.ru_nivcsw}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=("plain", "thread", "dask"))
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--profile", choices=("on", "off"), default="on", help="Dask's statistical profiler")
    ap.add_argument("--malloc-trim", choices=("on", "off"), default="on", help="the nanny's MALLOC_TRIM_THRESHOLD_")
    args = ap.parse_args()
    import warc_scale

    if not warc_scale.PAGES.exists():
        print(f"skipped: {warc_scale.PAGES} is absent (../shared)")
        return
    with tempfile.TemporaryDirectory(prefix="worker-cpu-") as tmp:
        files = [str(p) for p in warc_scale.build_warcs(Path(tmp), 100, 4)]
        load = os.getloadavg()[0]
        if args.mode == "plain":
            results = [measure(files)]
        elif args.mode == "thread":
            out: list = []
            t = threading.Thread(target=lambda: out.append(measure(files)))
            t.start()
            t.join()
            results = out
        else:
            import dask
            from distributed import Client, LocalCluster

            cfg: dict = {"distributed.worker.profile.enabled": args.profile == "on"}
            if args.malloc_trim == "off":
                cfg["distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"] = None
            with dask.config.set(cfg), LocalCluster(n_workers=args.workers, threads_per_worker=1,
                                                    dashboard_address=None) as cluster, Client(cluster) as client:
                results = client.gather([client.submit(measure, files, pure=False) for _ in range(args.workers)])
        for r in results:
            print(f"{args.mode} (workers {args.workers}, profile {args.profile}, malloc trim {args.malloc_trim}, "
                  f"load {load:.1f}): {r}", flush=True)


if __name__ == "__main__":
    main()
