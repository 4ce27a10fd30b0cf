"""Do two busy processes slow each other down on this machine? (Are its CPUs independent cores?)

    python benchmarks/cpu_pairs.py [--repeat 3]

Runs the same pure-Python loop in one process, then in two processes at once, and prints the CPU seconds each
run took. On independent cores the pair's CPU seconds equal the single run's; on two hardware threads of one
physical core (SMT siblings, which a VM may present as two "cores") each of the pair needs 20-60% more CPU
seconds for the same work, and no program can make 2 workers take much less than 0.7 of one worker's time
there. Run it on a quiet machine: other jobs pair with the "single" run too. (docs/scale.md, "Session 6".)
"""

from __future__ import annotations

import argparse
import multiprocessing
import time


def work(_: int = 0) -> float:
    start, x = time.process_time(), 0
    for i in range(10_000_000):
        x += i * i
    return time.process_time() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with multiprocessing.Pool(2) as pool:
        for _ in range(args.repeat):
            alone = pool.apply(work)
            paired = pool.map(work, [0, 1], chunksize=1)
            print(f"CPU s alone {alone:.2f}, two at once {paired[0]:.2f} {paired[1]:.2f}: "
                  f"{sum(paired) / 2 / alone:.2f}x", flush=True)


if __name__ == "__main__":
    main()
