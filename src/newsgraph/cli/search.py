"""Full-text search over stored articles (diacritics optional: "presedintele" finds "președintele")."""

from __future__ import annotations

import json

from newsgraph.cli import add_db


def add_arguments(p) -> None:
    p.add_argument("query", nargs="?", default=None, help='words and "quoted phrases"; word* for a prefix')
    add_db(p)
    p.add_argument("--lang", help="ISO 639-1 code, e.g. ro")
    p.add_argument("--site")
    p.add_argument("--since", help="published on or after (YYYY-MM-DD)")
    p.add_argument("--until", help="published on or before (YYYY-MM-DD)")
    p.add_argument("--entity", help='articles mentioning this entity (name, alias or id), e.g. "Vladimir Putin"')
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--format", choices=("text", "json"), default="text")


def run(args) -> int:
    from dataclasses import asdict

    from newsgraph.store import open_store

    store = open_store(args.db, readonly=True)  # a StoreError is reported by cli.main (exit status 2)
    with store:
        hits = store.search(args.query, lang=args.lang, site=args.site, since=args.since, until=args.until,
                            entity=args.entity, limit=args.limit)
    if args.format == "json":
        print(json.dumps([asdict(h) for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("no results")
    for h in hits:
        print(f"{h.id}  {h.published or '----------'}  [{h.language or '?'}] {h.site or '?'}: {h.title}")
        print(f"    {' '.join(h.snippet.split())}")
    return 0
