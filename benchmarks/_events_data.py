"""Shared by the event-coding benchmarks: the archive's location and reading one member without unpacking it."""

from __future__ import annotations

import argparse
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared" / "data" / "events" / "events-data.tar.xz"


def arguments(description: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--archive", default=str(ARCHIVE))
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--json", action="store_true")
    return ap


def read_member(archive: str, member: str) -> str:
    """The text of ``member`` (a path inside ``events-data.tar.xz``), read straight from the archive."""
    with tarfile.open(archive) as tar:
        fh = tar.extractfile(member)
        if fh is None:
            raise SystemExit(f"{archive}: no file {member}")
        return fh.read().decode("utf-8")


def unpack(archive: str, tmp: str) -> Path:
    """Unpack the whole archive into ``tmp`` (the PETRARCH coder reads its dictionaries from a folder)."""
    with tarfile.open(archive) as tar:
        tar.extractall(tmp, filter="data")
    return Path(tmp) / "events"
