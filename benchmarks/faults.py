"""Fault injection: kill ``newsgraph ingest`` at random points and check that nothing is lost or wrong.

    nice -n 10 python benchmarks/faults.py --runs 100 --parallel 3     # the full run (docs/robustness.md)
    python benchmarks/faults.py --runs 6 --docs 6                       # a quick look

1. Writes a corpus (``--docs`` text dumps in Romanian, or Romanian and English, with people, organisations, places, quotes and
   dates, a JSONL file of three records, one bad input) and ingests it once, cleanly, into a reference
   database, timed.
2. For each of ``--runs`` runs: starts the same ingest into a fresh database, sends it SIGKILL or SIGINT
   (alternately) at a random moment between ``--window-start`` (40%) of the clean run's time and its end,
   and waits for it.
   Checks, on the database it left:
   - ``PRAGMA integrity_check`` is ``ok`` (and ``PRAGMA foreign_key_check`` finds nothing);
   - every article it holds is whole: its mentions, quotes and events are those of the reference
     (no half-written article);
   - for SIGINT, the process exited without a traceback.
   Then re-runs the ingest to completion and checks that every table's row count and the set of article ids
   equal the reference's.
3. Prints a JSON report: runs per signal, failures of each check, and the first few failures in detail.

The ingest runs as a user runs it (``python -m newsgraph ingest CORPUS --db DB --quiet``) with this checkout's
``src`` first on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PEOPLE = ["Klaus Iohannis", "Marcel Ciolacu", "Ursula von der Leyen", "Emmanuel Macron", "Olaf Scholz",
          "Maia Sandu", "Volodimir Zelenski", "Vladimir Putin", "Antonio Guterres", "Jens Stoltenberg",
          "Nicolae Ciucă", "Elena Marinescu", "Ion Popescu", "Anna Smith", "Peter Wilson"]
ORGS = ["Guvernul României", "Comisia Europeană", "NATO", "Banca Națională a României", "Parlamentul European",
        "Ministerul Energiei", "Transelectrica", "European Commission", "United Nations", "World Bank"]
PLACES = ["București", "Constanța", "Chișinău", "Bruxelles", "Kiev", "Iași", "Cluj-Napoca", "Vienna", "Berlin",
          "Paris"]
MONTHS_RO = ["ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie",
             "octombrie", "noiembrie", "decembrie"]


def article(rng: random.Random, i: int, english: bool | None = None) -> str:
    """A text dump: Romanian, or English (every third one unless ``english`` says)."""
    p1, p2 = rng.sample(PEOPLE, 2)
    o1, o2 = rng.sample(ORGS, 2)
    place = rng.choice(PLACES)
    day, month = rng.randint(1, 28), rng.randrange(12)
    if english if english is not None else i % 3 == 2:
        return (f"{p1} met {p2} in {place} to discuss energy prices (report {i})\n"
                f"Published: {day} {['January', 'March', 'May', 'July', 'September', 'November'][month % 6]} 2024\n"
                f"{p1} met {p2} in {place} on Tuesday to discuss energy prices and the new interconnector, "
                f"officials from {o1} said.\n"
                f"\"We agreed to work together on gas supplies,\" {p1} said after the talks with {p2}.\n"
                f"{o2} criticised the plan and accused {o1} of delays, according to a statement issued on "
                f"Wednesday in {place}.\n")
    return (f"{p1} s-a întâlnit cu {p2} la {place} (știrea {i})\n"
            f"Publicat: {day} {MONTHS_RO[month]} 2024, 10:{i % 60:02d}\n"
            f"{p1} s-a întâlnit marți la {place} cu {p2} pentru a discuta despre prețurile la energie, au anunțat "
            f"reprezentanții {o1}.\n"
            f"„Vom lucra împreună pentru siguranța energetică a regiunii”, a declarat {p1} după întâlnire.\n"
            f"{o2} a criticat planul și a acuzat {o1} de întârzieri, potrivit unui comunicat transmis miercuri de "
            f"la {place}.\n")


def write_corpus(folder: Path, docs: int, seed: int, english: bool) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    lang = None if english else False
    for i in range(docs):
        (folder / f"a{i:03d}.txt").write_text(article(rng, i, lang), "utf-8")
    records = [{"text": article(rng, docs + k, lang), "url": f"https://stiri.example/r{k}"} for k in range(3)]
    (folder / "z-records.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                                            "utf-8")
    (folder / "z-empty.txt").write_bytes(b"")


def ingest_cmd(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--db", str(db), "--quiet"]


def _default_signals() -> None:
    """In the child: SIGINT as a user's terminal delivers it. A process started in the background by a
    non-interactive shell inherits SIGINT *ignored*, and Python then installs no KeyboardInterrupt handler:
    the ingest would never see the Ctrl-C this benchmark sends."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def env() -> dict:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT / "src") + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    return e


def tables(con: sqlite3.Connection) -> list[str]:
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE"
                                       " 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")]
    return sorted(n for n in names if not n.startswith("articles_fts"))


def snapshot(db: Path) -> dict:
    """Row counts per table, the article ids, and each article's mentions/quotes/events counts."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables(con)}
        per_article: dict[str, list[int]] = {}
        ids = [r[0] for r in con.execute("SELECT id FROM articles")]
        for id_ in ids:
            per_article[id_] = [con.execute(f"SELECT count(*) FROM {t} WHERE article_id = ?", (id_,)).fetchone()[0]
                                for t in ("mentions", "quotes", "events") if t in counts]
        fts = con.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        return {"counts": counts, "ids": sorted(ids), "per_article": per_article, "fts_rows": fts}
    finally:
        con.close()


def check_integrity(db: Path) -> list[str]:
    problems = []
    try:
        con = sqlite3.connect(db)
        try:
            result = [r[0] for r in con.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                problems.append(f"integrity_check: {result[:3]}")
            fk = con.execute("PRAGMA foreign_key_check").fetchall()
            if fk:
                problems.append(f"foreign_key_check: {len(fk)} rows, e.g. {fk[:2]}")
            try:
                con.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as e:
                problems.append(f"fts integrity-check: {e}")
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        problems.append(f"cannot open: {e}")
    return problems


def clean_run(corpus: Path, db: Path) -> tuple[float, dict]:
    """Ingest to completion; returns (seconds, snapshot)."""
    t0 = time.perf_counter()
    proc = subprocess.run(ingest_cmd(corpus, db), env=env(), capture_output=True)
    if proc.returncode != 0:
        raise SystemExit(f"the clean ingest failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return time.perf_counter() - t0, snapshot(db)


def one_run(n: int, rng: random.Random, corpus: Path, work: Path, ref: dict, window: tuple[float, float],
            sig: signal.Signals) -> dict:
    db = work / f"run{n}.db"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    delay = rng.uniform(*window)
    proc = subprocess.Popen(ingest_cmd(corpus, db), env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=_default_signals)
    try:
        proc.wait(timeout=delay)
        finished_first = True
    except subprocess.TimeoutExpired:
        finished_first = False
        proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        err = b"(did not exit within 120 s of the signal) " + err
    result = {"run": n, "signal": sig.name, "delay_s": round(delay, 2), "exit": proc.returncode,
              "finished_before_signal": finished_first, "problems": []}
    if not db.exists():
        result["stored_before"] = 0
    else:
        result["problems"] += check_integrity(db)
        snap = snapshot(db)
        result["stored_before"] = len(snap["ids"])
        partial = [i for i, c in snap["per_article"].items() if ref["per_article"].get(i) not in (None, c)]
        if partial:
            result["problems"].append(f"half-written articles after the signal: {len(partial)}")
    if sig == signal.SIGINT and not finished_first and b"Traceback" in err:
        result["problems"].append("SIGINT: traceback on stderr: " + err.decode("utf-8", "replace")[-300:].strip())
    rerun = subprocess.run(ingest_cmd(corpus, db), env=env(), capture_output=True)
    if rerun.returncode != 0:
        result["problems"].append(f"re-run exited {rerun.returncode}: {rerun.stderr.decode()[-300:]}")
    else:
        result["problems"] += [f"after re-run: {p}" for p in check_integrity(db)]
        snap = snapshot(db)
        diff = {t: (snap["counts"].get(t), c) for t, c in ref["counts"].items() if snap["counts"].get(t) != c}
        if diff:
            result["problems"].append(f"after re-run, counts differ from a clean run (got, clean): {diff}")
        if snap["ids"] != ref["ids"]:
            result["problems"].append("after re-run, the article ids differ from a clean run")
        wrong = [i for i, c in snap["per_article"].items() if ref["per_article"].get(i) != c]
        if wrong:
            result["problems"].append(f"after re-run, {len(wrong)} articles differ from a clean run")
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--docs", type=int, default=12, help="text dumps in the corpus (plus 3 JSONL records, 1 bad)")
    ap.add_argument("--english", action="store_true",
                    help="every third article in English (two spaCy models to load: a slower start-up)")
    ap.add_argument("--window-start", type=float, default=0.4,
                    help="signals land uniformly between this share of a clean run's time and its end")
    ap.add_argument("--parallel", type=int, default=1, help="runs at a time (each is its own ingest process)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--signals", default="KILL,INT", help="comma-separated, used in turn (KILL, INT, TERM)")
    ap.add_argument("--work", help="folder for the corpus and databases (default: a temporary folder)")
    ap.add_argument("--keep-failures", type=int, default=5, help="failing runs shown in full")
    args = ap.parse_args(argv)
    sigs = [getattr(signal, "SIG" + s.strip().upper()) for s in args.signals.split(",")]
    work = Path(args.work or tempfile.mkdtemp(prefix="newsgraph-faults-"))
    corpus = work / "corpus"
    write_corpus(corpus, args.docs, args.seed, args.english)
    # The start-up (imports, models) writes nothing and takes most of a small run; the machine's load moves
    # it, so the window is a fixed share of a clean run rather than a measured start-up.
    total, ref = clean_run(corpus, work / "clean.db")
    window = (total * args.window_start, total)
    print(f"clean run: {total:.1f} s; {ref['counts']}", file=sys.stderr)
    from concurrent.futures import ThreadPoolExecutor

    def run(n: int) -> dict:
        r = one_run(n, random.Random(args.seed * 100_003 + n), corpus, work, ref, window, sigs[n % len(sigs)])
        print(f"run {n}: {r['signal']} at {r['delay_s']} s, exit {r['exit']}, {r['stored_before']} stored, "
              f"{'OK' if not r['problems'] else r['problems']}", file=sys.stderr, flush=True)
        return r

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max(1, args.parallel)) as pool:
        results = list(pool.map(run, range(args.runs)))
    by_sig: dict = {}
    for r in results:
        s = by_sig.setdefault(r["signal"], {"runs": 0, "signal_landed": 0, "integrity_ok": 0, "no_half_written": 0,
                                            "clean_exit": 0, "rerun_equals_clean": 0, "all_checks_ok": 0})
        s["runs"] += 1
        s["signal_landed"] += not r["finished_before_signal"]
        s["integrity_ok"] += not any("integrity" in p or "cannot open" in p or "foreign_key" in p
                                     for p in r["problems"])
        s["no_half_written"] += not any(p.startswith("half-written") for p in r["problems"])
        s["clean_exit"] += not any(p.startswith("SIGINT: traceback") for p in r["problems"])
        s["rerun_equals_clean"] += not any(p.startswith(("after re-run", "re-run exited")) for p in r["problems"])
        s["all_checks_ok"] += not r["problems"]
    failures = [r for r in results if r["problems"]]
    report = {"runs": len(results), "docs": args.docs + 3, "parallel": args.parallel, "failures": len(failures), "by_signal": by_sig,
              "clean_run": {"total_s": round(total, 2), "counts": ref["counts"]},
              "kill_window_s": [round(w, 2) for w in window], "wall_seconds": round(time.perf_counter() - t0, 1),
              "failed_runs": failures[:args.keep_failures]}
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
