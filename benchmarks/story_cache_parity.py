"""The story state's cache changes nothing: the same articles ingested with the cache (the default) and without it
(every answer read from the store) give identical story tables — members with their features and shingle hashes,
band keys, entity postings and counters, story summaries (their update time aside).

    python benchmarks/story_cache_parity.py --n 1000                 # ingest_scale.py's template articles, structure only
    python benchmarks/story_cache_parity.py --stories [--order reversed|shuffled]   # the story set, full pipeline
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from argparse import Namespace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

TABLES = {"story_members": "article_id, story_id, copy_of, similarity, day, content_key, features, shingles",
          "story_bands": "band, article_id, day", "story_entities": "entity_id, article_id, day",
          "story_df": "entity_id, n",
          "stories": "id, title, title_article, first_seen, last_seen, size, languages, sites"}


def tables(store) -> dict[str, list]:
    return {t: sorted(tuple(r.values()) for r in store.sql.rows(f"SELECT {c} FROM {t}")) for t, c in TABLES.items()}


def ingest_both(source: Path, stages: str, tmp: Path) -> tuple[dict, dict]:
    from newsgraph.batch import ingest
    from newsgraph.cli import stages_from
    from newsgraph.store import open_store
    from newsgraph.store.stories_sql import SqlStoryState
    from newsgraph.stories.cluster import Clusterer

    out = []
    for cache in (True, False):
        with open_store(str(tmp / f"cache-{cache}.db")) as store:
            store.story_tracker = lambda embedder=None, store=store, cache=cache: Clusterer(
                SqlStoryState(store.sql, cache=cache), embedder=embedder)
            ingest([str(source)], store, stages=stages_from(Namespace(stages=stages)), stories=True)
            out.append(tables(store))
    return out[0], out[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="template articles (structure only)")
    ap.add_argument("--stories", action="store_true", help="the story set (../shared/data/stories), full pipeline")
    ap.add_argument("--order", default="file", choices=["file", "reversed", "shuffled"])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if args.stories:
            from stories import DATA, write_records

            articles = [json.loads(x) for x in (DATA / "articles.jsonl").open(encoding="utf-8")]
            if args.order == "reversed":
                articles.reverse()
            elif args.order == "shuffled":
                random.Random(7).shuffle(articles)
            source, stages = tmp / "articles.jsonl", "full"
            write_records(articles, source)
        else:
            from ingest_scale import write_articles

            source, stages = write_articles(tmp / "articles.jsonl", args.n), "structure"
        cached, uncached = ingest_both(source, stages, tmp)
    same = cached == uncached
    sizes = ", ".join(f"{t} {len(rows)}" for t, rows in cached.items())
    print(f"{'identical' if same else 'DIFFERENT'} story tables with and without the cache ({sizes})")
    for t in TABLES:
        if cached[t] != uncached[t]:
            print(f"  {t}: {len(set(cached[t]) ^ set(uncached[t]))} rows differ")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
