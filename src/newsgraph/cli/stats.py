"""Counts: articles, failures, languages, sites, date range."""

from __future__ import annotations

import json
import sys

from newsgraph.cli import add_db


def add_arguments(p) -> None:
    add_db(p)
    p.add_argument("--failures", action="store_true", help="also list recorded failures")


def run(args) -> int:
    from newsgraph.errors import StoreError
    from newsgraph.store import open_store

    try:
        store = open_store(args.db, readonly=True)
    except StoreError as e:
        print(f"newsgraph: error: {e}", file=sys.stderr)
        return 2
    with store:
        stats = store.stats()
        if args.failures:
            stats["failure_list"] = store.failures()
    print(json.dumps(stats, ensure_ascii=False, indent=2))
    return 0
