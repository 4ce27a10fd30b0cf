"""Ingest N generated articles and report documents/s and peak memory (RSS) of the ingest process.

    python benchmarks/ingest_scale.py [--n 10000] [--stages structure|full] [--jobs 1] [--no-stories] [--every 500]
    python benchmarks/ingest_scale.py --n 1000 --ratio 3     # stories' cost: with/without ratios, 3 rounds

The articles are synthetic text dumps (a title, a date line, six paragraphs, a partner block) generated from
templates with varying words, written to one JSONL file in a temporary folder; the ingest runs as the CLI in
a subprocess so its peak RSS and CPU time (user + system: on a shared machine a steadier measure of the work
than wall-clock time) are measured alone (resource.RUSAGE_CHILDREN). ``--every K`` runs it instead as
``batch.ingest`` (what the CLI calls) in a subprocess that reports the seconds each K articles took, to see
whether later articles cost more than earlier ones. Bounded memory means the peak does
not grow with N: run it with two sizes to see (the table prints both when --n is given twice). All articles are
published within one month, so with stories on (the default) each one is compared with the articles of its
story window (docs/stories.md); ``--no-stories`` measures the ingest without that step."""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("guvernul consiliul primarul ministrul proiectul bugetul orașul județul școala spitalul drumul parlamentul "
         "votul legea comisia raportul investiția fondurile lucrările anunțul decizia ședința").split()
PARA = ("{A} a anunțat {d} că {b} va fi aprobat până la finalul lunii, potrivit unui comunicat oficial. "
        "Reprezentanții {c} au declarat că {e} nu a fost încă discutat în detaliu și că vor urma noi consultări.")


def article(i: int, rng: random.Random) -> dict:
    w = lambda: rng.choice(WORDS)  # noqa: E731
    paras = [PARA.format(A=w().capitalize(), b=w(), c=w(), d=rng.choice(["luni", "marți", "joi"]), e=w())
             for _ in range(6)]
    text = "\n".join([f"Știre de test numărul {i}: {w()} și {w()}", f"Data publicării: {1 + i % 28} mai 2024",
                      *paras, "Partenerii noștri", "Site Partener", f"Un titlu de teaser despre {w()} și {w()}..."])
    return {"url": f"https://bench.example/a/{i}", "text": text}


def write_articles(path: Path, n: int) -> Path:
    """The benchmark's ``n`` articles (fixed seed: the same corpus every run) as JSON lines in ``path``."""
    rng = random.Random(1)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(article(i, rng), ensure_ascii=False) + "\n")
    return path


def child(src: str, db: str, stages: str, jobs: int, stories: bool, every: int) -> None:
    """The ingest (``batch.ingest``, as the CLI runs it), printing the seconds each ``every`` articles took."""
    from argparse import Namespace

    from newsgraph.batch import ingest
    from newsgraph.cli import stages_from
    from newsgraph.store import open_store

    marks = [time.perf_counter()]
    count = [0]

    def tick(item, outcome) -> None:
        count[0] += 1
        if count[0] % every == 0:
            marks.append(time.perf_counter())

    with open_store(db) as store:
        summary = ingest([src], store, stages=stages_from(Namespace(stages=stages)), jobs=jobs, on_result=tick, stories=stories)
    splits = [round(b - a, 1) for a, b in zip(marks, marks[1:])]
    print(f"stored: {summary['stored']}, failed: {summary['failed']}; seconds per {every}: {splits}")


def run(n: int, stages: str, jobs: int, stories: bool = True, every: int = 0) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        src = write_articles(Path(tmp) / "articles.jsonl", n)
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        before, cpu0 = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        t0 = time.perf_counter()
        db = str(Path(tmp) / "b.db")
        if every:
            command = [sys.executable, __file__, "--child", str(src), db, stages, str(jobs), str(int(stories)),
                       str(every)]
        else:
            command = [sys.executable, "-m", "newsgraph", "ingest", str(src), "--db", db, "--quiet", "--stages",
                       stages, "--jobs", str(jobs), *([] if stories else ["--no-stories"])]
        r = subprocess.run(command, capture_output=True, text=True)
        elapsed = time.perf_counter() - t0
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu0
        if r.returncode:
            raise SystemExit(r.stderr)
    return {"n": n, "stages": stages, "stories": stories, "seconds": round(elapsed, 1), "cpu_s": round(cpu, 1), "docs_per_s": round(n / elapsed, 1),
            "peak_rss_mb": round(max(peak, before) / 1024, 1), "summary": r.stdout.strip()}


def compare(sizes: list[int], stages: str, jobs: int, rounds: int) -> None:
    """The cost of stories as a ratio measured in one run: each round ingests the corpus with stories, then
    without (fresh stores), and prints CPU-time and wall-time ratios (the CPU time of the ingest process, which
    the other jobs of a shared machine disturb less than the wall clock)."""
    print("| articles | stages | round | CPU s with / without | ratio | wall s with / without | ratio |\n"
          "|---:|---|---:|---:|---:|---:|---:|")
    for n in sizes:
        series = []
        for r in range(1, rounds + 1):
            on, off = run(n, stages, jobs, True), run(n, stages, jobs, False)
            series.append(on["cpu_s"] / off["cpu_s"])
            print(f"| {n} | {stages} | {r} | {on['cpu_s']} / {off['cpu_s']} | {on['cpu_s'] / off['cpu_s']:.2f} |"
                  f" {on['seconds']} / {off['seconds']} | {on['seconds'] / off['seconds']:.2f} |", flush=True)
        print(f"CPU-time ratios, {n} articles: {', '.join(f'{x:.2f}' for x in series)}"
              f" (median {sorted(series)[len(series) // 2]:.2f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, action="append", help="number of articles (repeatable)")
    ap.add_argument("--stages", default="structure")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--no-stories", action="store_true", help="ingest without placing articles in stories")
    ap.add_argument("--every", type=int, default=0, help="report the seconds each this many articles took")
    ap.add_argument("--ratio", type=int, default=0, metavar="ROUNDS",
                    help="ingest with stories and without, alternately, ROUNDS times: print each round's ratios")
    ap.add_argument("--child", nargs=6, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        src, db, stages, jobs, stories, every = args.child
        child(src, db, stages, int(jobs), stories == "1", int(every))
        return
    if args.ratio:
        compare(args.n or [1000], args.stages, args.jobs, args.ratio)
        return
    rows = [run(n, args.stages, args.jobs, not args.no_stories, args.every) for n in (args.n or [10000])]
    print("| articles | stages | stories | seconds | CPU seconds | docs/s | peak RSS (MB) |\n|---:|---|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['n']} | {r['stages']} | {'on' if r['stories'] else 'off'} | {r['seconds']} | {r['cpu_s']} | {r['docs_per_s']} |"
              f" {r['peak_rss_mb']} |")
    for r in rows:
        print(r["summary"])


if __name__ == "__main__":
    main()
