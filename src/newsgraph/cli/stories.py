"""Stories: the same event told by several outlets, in several languages, wire copies folded in.

    newsgraph stories --since 2024-11-01 --entity "Maia Sandu" --limit 10
    newsgraph stories --format jsonl > stories.jsonl     # one story per line
    newsgraph stories --rebuild                          # cluster every stored article again
"""

from __future__ import annotations

import json

from newsgraph.cli import add_db


def add_arguments(p) -> None:
    add_db(p)
    p.add_argument("--since", help="stories with an article published on or after (YYYY-MM-DD)")
    p.add_argument("--entity", help="stories mentioning an entity (id, name or alias)")
    p.add_argument("--min-size", type=int, default=1, help="stories of at least this many articles (default 1)")
    p.add_argument("--limit", type=int, default=20, help="at most this many, latest first (0: all)")
    p.add_argument("--format", choices=("text", "json", "jsonl"), default="text")
    p.add_argument("--rebuild", action="store_true",
                   help="forget the stories and place every stored article again, in publication order")


def run(args) -> int:
    from newsgraph.store import open_store

    if args.rebuild:
        with open_store(args.db) as store:
            with store.transaction():
                n = store.rebuild_stories()
            print(f"placed {n} articles in {store.story_count()} stories")
        return 0
    with open_store(args.db, readonly=True) as store:  # a StoreError is reported by cli.main (exit status 2)
        rows = store.stories(since=args.since, entity=args.entity, min_size=args.min_size, limit=args.limit)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if args.format == "jsonl":
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        return 0
    if not rows:
        print("no stories")
    for r in rows:
        copies = sum(1 for a in r["articles"] if a["copy_of"])
        print(f"{(r['first_seen'] or '?')[:10]}..{(r['last_seen'] or '?')[:10]}  {r['id']}  {r['size']} article(s)"
              f" [{', '.join(r['languages'])}]{f', {copies} copies' if copies else ''}  {r['title'] or '(untitled)'}")
        for a in r["articles"]:
            mark = f"  copy of {a['copy_of']}" if a["copy_of"] else ""
            print(f"    {(a['published'] or '')[:16]:16s} {a['language'] or '?'}  {a['site'] or '?'}: {a['title']}{mark}")
    return 0
