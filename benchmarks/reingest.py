"""Re-ingest of unchanged inputs: how long a second `newsgraph ingest` over the same pages takes, as a ratio
of the first (issue 12: unchanged inputs are skipped before any analysis; the aim is at most 25%).

    python benchmarks/reingest.py [--pages 60] [--stages full]

Both runs are the CLI as a user runs it (a subprocess each, models loaded in each), on the first N pages of the
trafilatura development pages in ``../shared/data/extraction/trafilatura-dev`` (unpacked into a temporary
folder), into a fresh SQLite store. A third run with ``--reanalyze`` shows the cost of analysing them again."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

PAGES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "extraction" / "trafilatura-dev" / "pages.tar.xz"


def timed(*args: str) -> tuple[float, str]:
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "newsgraph", *args], capture_output=True, text=True)
    if r.returncode:
        raise SystemExit(r.stderr[-2000:])
    return time.perf_counter() - t0, r.stdout.strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--stages", default="full")
    args = ap.parse_args()
    if not PAGES.exists():
        raise SystemExit(f"{PAGES} not found (needs ../shared)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        with tarfile.open(PAGES) as tar:
            members = sorted((m for m in tar.getmembers() if m.isfile() and m.name.endswith(".html")),
                             key=lambda m: m.name)[: args.pages]
            for m in members:
                (folder / Path(m.name).name).write_bytes(tar.extractfile(m).read())
        db = str(Path(tmp) / "r.db")
        common = ["ingest", str(folder), "--db", db, "--quiet", "--stages", args.stages]
        first, out1 = timed(*common)
        second, out2 = timed(*common)
        third, out3 = timed(*common, "--reanalyze")
    print(f"pages: {len(members)}  stages: {args.stages}")
    print(f"first ingest       {first:7.1f} s   {out1}")
    print(f"re-ingest          {second:7.1f} s   {out2}")
    print(f"--reanalyze        {third:7.1f} s   {out3}")
    print(f"re-ingest / first  {second / first:7.2f}")


if __name__ == "__main__":
    main()
