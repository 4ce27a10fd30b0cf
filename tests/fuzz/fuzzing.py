"""The fuzz targets of ``benchmarks/fuzz.py`` (one harness for the benchmark and these tests)."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@lru_cache(maxsize=1)
def module():
    spec = importlib.util.spec_from_file_location("newsgraph_fuzz_bench", ROOT / "benchmarks" / "fuzz.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@lru_cache(maxsize=1)
def harness():
    import atexit
    import shutil

    h = module().Harness()
    atexit.register(shutil.rmtree, h.workdir, True)  # its scratch folder (under /dev/shm where there is one)
    return h


@lru_cache(maxsize=1)
def seeds() -> dict[str, list[bytes]]:
    return module().seeds()
