"""Counts: articles, failures, languages, sites, date range."""

from __future__ import annotations

import json

from newsgraph.cli import add_db


def add_arguments(p) -> None:
    add_db(p)
    p.add_argument("--failures", action="store_true", help="also list recorded failures")


def run(args) -> int:
    from newsgraph.store import open_store

    store = open_store(args.db, readonly=True)  # a StoreError is reported by cli.main (exit status 2)
    with store:
        stats = store.stats()
        if args.failures:
            stats["failure_list"] = store.failures()
    print(json.dumps(stats, ensure_ascii=False, indent=2))
    return 0
