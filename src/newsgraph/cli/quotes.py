"""Stored quotes: who said what, filtered by speaker and date.

    newsgraph quotes --speaker "Vladimir Putin" --since 2023-09-01
"""

from __future__ import annotations

from newsgraph.cli import add_db, write_rows


def add_arguments(p) -> None:
    add_db(p)
    p.add_argument("--speaker", help="speaker name or entity id (matches the canonical name, the id or the text)")
    p.add_argument("--since", help="articles published on or after (YYYY-MM-DD)")
    p.add_argument("--limit", type=int, default=50, help="at most this many, latest first (0: all, for an export)")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text",
                   help="csv: one row per quote (speaker, source it came through, text, article)")


CSV_COLUMNS = {key: (lambda q, k=key: q.get(k)) for key in (
    "published", "speaker", "speaker_id", "via", "via_id", "kind", "verb", "text", "article_id", "site", "title", "url")}


def run(args) -> int:
    from newsgraph.store import open_store

    store = open_store(args.db, readonly=True)  # a StoreError is reported by cli.main (exit status 2)
    with store:
        quotes = store.quotes(speaker=args.speaker, since=args.since, limit=args.limit)
    if write_rows(quotes, args.format, CSV_COLUMNS):
        return 0
    if not quotes:
        print("no quotes")
    for q in quotes:
        via = f" (via {q['via']})" if q.get("via") else ""
        print(f"{(q.get('published') or '----------')[:10]}  {q.get('speaker') or '?'}{via} [{q.get('kind')}]: "
              f"\u201c{' '.join(q['text'].split())}\u201d")
    return 0
