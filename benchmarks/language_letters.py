"""Language identification with and without the few-language letters (``lang/identify.py``), on the same texts.

    python benchmarks/language_letters.py [--shared ../shared] [--review-dir DIR]

Prints, for each set, how many texts change language and how many are wrong where the language is known:
- the 392 Romanian event-dev sentences (``data/events/ro-dev``; all Romanian);
- optionally a folder of real Romanian articles (``--review-dir``, ``*.txt``; all Romanian; not bundled);
- the 400 trafilatura dev pages (their gold body snippets; many languages, no gold language: changes are listed);
- the story set's articles (``data/stories/articles.jsonl``; gold ``lang``).
"""

from __future__ import annotations

import argparse
import ast
import json
from pathlib import Path

from newsgraph.lang.identify import LanguageIdentifier


def _code(identify, text: str) -> str | None:
    value = identify(text)
    return value.code if value else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--review-dir", default=None, help="a folder of real Romanian articles (*.txt)")
    args = ap.parse_args()
    data = Path(args.shared) / "data"
    if not data.is_dir():
        raise SystemExit(f"{data}: not found (the benchmark reads ../shared/data)")
    with_letters = LanguageIdentifier()
    without = LanguageIdentifier()
    without._letters_decide = lambda text, values: values  # lingua's ranking alone

    sets: list[tuple[str, list[tuple[str, str | None]]]] = []
    ro = [(json.loads(line)["text"], "ro") for line in open(data / "events/ro-dev/events.ro.dev.jsonl")]
    sets.append(("Romanian event-dev sentences", ro))
    if args.review_dir:
        sets.append(("real Romanian articles", [(p.read_text(), "ro") for p in sorted(Path(args.review_dir).glob("*.txt"))]))
    pages = []
    for value in json.load(open(data / "extraction/trafilatura-dev/evaldata.json")).values():
        snippets = ast.literal_eval(value["with"]) if isinstance(value["with"], str) else value["with"]
        pages.append((" ".join(snippets), None))
    sets.append(("trafilatura dev pages (no gold language)", pages))
    stories = [json.loads(line) for line in open(data / "stories/articles.jsonl")]
    sets.append(("story-set articles", [(f"{r.get('title') or ''}\n{r.get('text') or ''}", r.get("lang")) for r in stories]))

    for name, items in sets:
        changed = wrong_before = wrong_after = 0
        for text, gold in items:
            before, after = _code(without, text), _code(with_letters, text)
            changed += before != after
            if gold:
                wrong_before += before != gold
                wrong_after += after != gold
        known = sum(1 for _, gold in items if gold)
        tail = f"; wrong {wrong_before} -> {wrong_after} of {known}" if known else ""
        print(f"{name}: {len(items)} texts, {changed} change language{tail}")


if __name__ == "__main__":
    main()
