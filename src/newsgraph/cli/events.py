"""Coded events: query the store, or code a batch of sentences (JSON lines in, JSON lines out).

    newsgraph events --actor "Vladimir Putin" --type CONSULT --since 2023-09-01
    newsgraph events --lang en [--dictionaries DIR] --input records.jsonl   # {"id","text","date"} per line
    newsgraph events --format csv --limit 0 > events.csv                    # the whole event table
"""

from __future__ import annotations

import json
import sys

from newsgraph.cli import add_db, config_from, write_rows


def _actor(role: str, key: str):
    return lambda e: (e.get(role) or {}).get(key)


CSV_COLUMNS = {
    "date": lambda e: e.get("date"),
    **{f"{role}_{key}": _actor(role, key) for role in ("source", "target") for key in ("name", "id", "code", "sector")},
    "plover": lambda e: e.get("plover"), "cameo": lambda e: e.get("cameo"), "mode": lambda e: e.get("mode"),
    "verb": lambda e: e.get("verb"), "negated": lambda e: bool(e.get("negated")),
    "hypothetical": lambda e: bool(e.get("hypothetical")),
    "location": lambda e: (e.get("location") or {}).get("name") if isinstance(e.get("location"), dict) else e.get("location"),
    "article_id": lambda e: e.get("article_id"), "published": lambda e: e.get("published"),
    "site": lambda e: e.get("site"), "title": lambda e: e.get("title"), "url": lambda e: e.get("url"),
    "sentence": lambda e: e.get("sentence_text"),
}


def add_arguments(p) -> None:
    add_db(p)
    p.add_argument("--actor", help="source or target: name, entity id or actor code prefix (e.g. RUS)")
    p.add_argument("--type", help="PLOVER type (e.g. CONSULT) or CAMEO code prefix (e.g. 04)")
    p.add_argument("--since", help="events dated on or after (YYYY-MM-DD)")
    p.add_argument("--limit", type=int, default=50, help="at most this many, latest first (0: all, for an export)")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text",
                   help="csv: one row per event (actors, codes, type, date, flags, article, sentence)")
    batch = p.add_argument_group("batch coding")
    batch.add_argument("--input", help="JSON lines {id, text, date}; prints one {id, events} line per input ('-' = stdin)")
    batch.add_argument("--lang", default="en", help="language of the batch (default en)")
    batch.add_argument("--dictionaries", help="folder of PETRARCH-format dictionaries (verbs, actors, agents, discards)")
    batch.add_argument("--knowledge", action="append", default=[], metavar="FILE",
                       help="your knowledge file(s) for the entity layer (as for ingest)")
    batch.add_argument("--require-dyad", choices=("true", "false"), default="true",
                       help="batch: code only events with both source and target (PETRARCH's default)")
    p.add_argument("--all", action="store_true", dest="all_events",
                   help="also hypothetical and negated events (future, conditional, invited acts), with their flags;"
                        " by default only events reported as facts")


def run_batch(args) -> int:
    from newsgraph.enrich.events import code_records

    stream = sys.stdin if args.input == "-" else open(args.input, encoding="utf-8")
    with stream:
        records = (json.loads(line) for line in stream if line.strip())
        knowledge = config_from(args).knowledge  # checked before the first record
        for out in code_records(records, args.lang, args.dictionaries, require_dyad=args.require_dyad == "true",
                                knowledge=knowledge, facts_only=not args.all_events):
            print(json.dumps(out, ensure_ascii=False), flush=False)
    return 0


def run(args) -> int:
    if args.input:
        return run_batch(args)
    from newsgraph.store import open_store

    store = open_store(args.db, readonly=True)  # a StoreError is reported by cli.main (exit status 2)
    with store:
        if args.all_events:
            events = store.events(actor=args.actor, type=args.type, since=args.since, limit=args.limit)
        else:  # facts only: the store keeps flagged events, the query leaves them out
            from newsgraph.enrich.events import is_fact

            events = [e for e in store.events(actor=args.actor, type=args.type, since=args.since, limit=0)
                      if is_fact(e)]
            events = events[:args.limit] if args.limit else events
    if write_rows(events, args.format, CSV_COLUMNS):
        return 0
    if not events:
        print("no events")
    for e in events:
        s, t = e.get("source") or {}, e.get("target") or {}
        flags = "".join(f" [{f}]" for f in ("negated", "hypothetical") if e.get(f))
        print(f"{(e.get('date') or e.get('published') or '----------')[:10]}  {s.get('name') or '?'} ({s.get('code') or '-'})"
              f" -{e.get('plover') or '?'}/{e.get('cameo')}-> {t.get('name') or '-'} ({t.get('code') or '-'}){flags}")
    return 0
