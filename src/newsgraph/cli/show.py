"""Show one stored article by id (or a unique id prefix)."""

from __future__ import annotations

import json
import sys

from newsgraph.cli import add_db


def add_arguments(p) -> None:
    p.add_argument("id")
    add_db(p)
    p.add_argument("--format", choices=("json", "markdown"), default="markdown")


def run(args) -> int:
    from newsgraph.cli.markdown import to_markdown
    from newsgraph.store import open_store

    store = open_store(args.db, readonly=True)  # a StoreError is reported by cli.main (exit status 2)
    with store:
        doc = store.get(args.id)
    if doc is None:
        print(f"newsgraph: error: no article with id {args.id!r}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(doc.to_dict(include_raw=False), ensure_ascii=False, indent=2))
    else:
        print(to_markdown(doc))
    return 0
