"""Entities per text of a JSON-lines set, written to a file, and the difference between two such files: how an entity
change moves the entities on a set without entity gold (docs/models.md, "Tagger spans reshaped before linking").

    python benchmarks/entity_diff.py dump OUT.json [--data ../shared/data/events/ro-dev/events.ro.dev.jsonl]
    python benchmarks/entity_diff.py diff BEFORE.json AFTER.json

``dump`` runs extract, language, nlp and entities on each line's ``text`` (with a placeholder title line) and writes,
per ``id``, the sorted (type, canonical name, mention texts) of its entities; run it on two checkouts (or models) and
``diff`` the two files: each text whose entities differ, with what only one side has.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DATA = ROOT.parent / "shared" / "data" / "events" / "ro-dev" / "events.ro.dev.jsonl"


def dump(data: Path, out: Path) -> None:
    from newsgraph import Config, Pipeline, Source

    pipeline = Pipeline(Config(), stages=("extract", "language", "nlp", "entities"))
    result = {}
    for line in data.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        doc = pipeline(Source.make(f"{item['id']}.txt", "text", "Titlu\n" + item["text"]))
        result[item["id"]] = sorted([e["type"], e["name"], "|".join(sorted({m["text"] for m in e["mentions"]}))]
                                    for e in doc.entities)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=0), encoding="utf-8")


def diff(before: Path, after: Path) -> int:
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (before, after))
    changed = 0
    for key in a:
        old, new = {tuple(x) for x in a[key]}, {tuple(x) for x in b.get(key, [])}
        if old != new:
            changed += 1
            print(f"{key}\n  before only: {sorted(old - new)}\n  after only:  {sorted(new - old)}")
    print(f"{changed} of {len(a)} texts differ")
    return changed


def main() -> int:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--data", type=Path, default=DATA)
    f = sub.add_parser("diff")
    f.add_argument("before", type=Path)
    f.add_argument("after", type=Path)
    args = ap.parse_args()
    if args.cmd == "dump":
        if not args.data.exists():
            print(f"{args.data}: not found (the shared data folder is absent)")
            return 1
        dump(args.data, args.out)
    else:
        diff(args.before, args.after)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
