"""The wheel users install holds every file of the package — code, data, models, templates — and nothing else.

Issue 12: the wheel had no ``*.json.gz``, so an installed newsgraph failed every document at the entities stage
while the editable checkout (and so CI) worked. The wheel is built offline (no build isolation) from a copy of
the sources; ``.ci/run`` also installs it in a fresh virtual environment and analyses the seed with it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "src" / "newsgraph"


def _package_files() -> set[str]:
    """The package's files as a wheel names them (tracked by git when this is a checkout)."""
    try:
        out = subprocess.run(["git", "ls-files", "src/newsgraph"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
        files = {str(Path(f).relative_to("src")) for f in out if (ROOT / f).exists()}
    except (OSError, subprocess.CalledProcessError):
        files = set()
    if not files:
        files = {str(p.relative_to(ROOT / "src")) for p in PACKAGE.rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts}
    return files


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    pytest.importorskip("wheel", reason="the test extra installs 'wheel' to build offline")
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(PACKAGE, src / "newsgraph", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "MANIFEST.in", "README.md"):
        shutil.copy(ROOT / name, tmp / name)
    out = tmp / "dist"
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", str(tmp),
                        "-w", str(out)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    [path] = out.glob("newsgraph-*.whl")
    return zipfile.ZipFile(path)


def test_wheel_holds_every_package_file_and_nothing_else(wheel):
    names = {n for n in wheel.namelist() if not n.split("/")[0].endswith(".dist-info")}
    expected = {f for f in _package_files() if "__pycache__" not in f}
    assert expected - names == set(), "missing from the wheel"
    assert {n for n in names - expected if not n.endswith(".pyc")} == set(), "in the wheel but not in the package"
    assert not any(n.endswith(".pyc") or "__pycache__" in n for n in names)


def test_wheel_holds_the_data_the_stages_load(wheel):
    names = set(wheel.namelist())
    for required in ("newsgraph/enrich/data/phoenix_actors.json.gz", "newsgraph/enrich/events/data/cameo_phoenix.json.gz",
                     "newsgraph/enrich/data/gazetteer.json", "newsgraph/lang/ro/cues.json",
                     "newsgraph/lang/models/ro_newsgraph/meta.json", "newsgraph/lang/models/ro_newsgraph/ner/model",
                     "newsgraph/serve/templates/base.html", "newsgraph/serve/static/app.js"):
        assert required in names, required
    entry = wheel.read(next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode()
    assert "newsgraph = newsgraph.cli:main" in entry
