"""Memory of the story state's parsed features (``FeatureCache`` entries) per article, over a store's articles.

    python benchmarks/story_features_memory.py STORE.db

Parses every stored article's features (``story_members.features``) as the state does
(``Features.from_dict``: stems and entity ids interned) and as a plain ``Features(**json)``, and reports the
Python objects' size per article (tracemalloc), the JSON size and the stems per article (docs/scale.md)."""

from __future__ import annotations

import gc
import json
import sqlite3
import sys
import tracemalloc

from newsgraph.stories.similarity import Features


def per_article(rows: list[str], parse) -> tuple[float, list]:
    gc.collect()
    tracemalloc.start()
    out = [parse(json.loads(r)) for r in rows]
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return size / len(rows), out


def main() -> None:
    con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
    rows = [r[0] for r in con.execute("SELECT features FROM story_members")]
    if not rows:
        raise SystemExit(f"{sys.argv[1]}: no placed articles")
    plain, _ = per_article(rows, lambda d: Features(**d))
    interned, parsed = per_article(rows, Features.from_dict)
    print(f"{len(rows)} articles: {plain / 1024:.1f} KB of Python objects each parsed plainly, {interned / 1024:.1f} KB"
          f" interned (the state's); JSON {sum(map(len, rows)) / len(rows) / 1024:.1f} KB;"
          f" {sum(len(f.stems) for f in parsed) / len(parsed):.0f} stems")


if __name__ == "__main__":
    main()
