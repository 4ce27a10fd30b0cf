"""List stored entities (canonical people, organisations, places) with mention and article counts."""

from __future__ import annotations

import json

from newsgraph.cli import add_db


def add_arguments(p) -> None:
    add_db(p)
    p.add_argument("--type", help="PERSON, ORG, GPE, LOC, ...")
    p.add_argument("--lang", help="only mentions in articles of this language")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--format", choices=("text", "json"), default="text")


def run(args) -> int:
    from newsgraph.store import open_store

    store = open_store(args.db, readonly=True)  # a StoreError is reported by cli.main (exit status 2)
    with store:
        rows = store.entities(type=args.type, lang=args.lang, limit=args.limit)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        print(f"{r['mentions']:5d} mentions {r['articles']:4d} articles  {r['type']:<7} {r['name']}"
              + (f" [{r['code']}]" if r["code"] else "") + f"  ({r['id']})")
    return 0
