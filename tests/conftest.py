from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "digi24-kim-putin.txt"


@pytest.fixture
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("../shared is absent (the seed page is not part of the repository)")
    return SEED


@pytest.fixture
def artifacts() -> Path:
    path = ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 300, input: bytes | None = None):
    import subprocess

    return subprocess.run(
        [sys.executable, "-m", "newsgraph", *map(str, args)], capture_output=True, cwd=cwd, timeout=timeout,
        input=input,
    )
