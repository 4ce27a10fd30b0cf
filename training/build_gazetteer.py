"""Build the people/country index shipped with newsgraph from the Phoenix actor dictionary (MIT, Open Event
Data Alliance; ``../shared/data/events/dictionaries/cameo_phoenix/Phoenix.Countries.actors.txt``).

    python training/build_gazetteer.py [--shared ../shared]

Writes ``src/newsgraph/enrich/data/phoenix_actors.json.gz``: people (canonical name, aliases, date-restricted
CAMEO actor codes) and country aliases (ISO alpha-3 -> English aliases). The dictionary itself is not copied."""

from __future__ import annotations

import argparse
import gzip
import json
import re
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsgraph" / "enrich" / "data" / "phoenix_actors.json.gz"
MEMBER = "events/dictionaries/cameo_phoenix/Phoenix.Countries.actors.txt"
CODE = re.compile(r"\[([A-Z]{3,}[A-Z0-9]*)\s*([<>]?\d{6})?(?:-(\d{6}))?\]")
_SMALL = {"of", "the", "and", "de", "al", "bin", "van", "von", "der", "la", "le", "du", "da", "dos", "el"}


def pretty(raw: str) -> str:
    words = raw.strip().strip("_").replace("_", " ").split()
    return " ".join(w.lower() if w.lower() in _SMALL and i else w.capitalize() if w.isupper() else w
                    for i, w in enumerate(words))


def yymmdd(s: str | None) -> str | None:
    if not s:
        return None
    s = s.lstrip("<>")
    year = int(s[:2])
    return f"{1900 + year if year > 30 else 2000 + year}-{s[2:4]}-{s[4:6]}"


def parse(text: str):
    people, countries = {}, {}
    entry = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        body = line.split("#", 1)[0].rstrip()
        if not body:
            continue
        if line[0] not in "+\t [" and line[0].isalpha():
            name = body.split("[", 1)[0]
            codes = CODE.findall(body)
            entry = {"name": pretty(name), "aliases": [], "codes": []}
            if codes and len(codes[0][0]) == 3 and not codes[0][1]:
                countries.setdefault(codes[0][0], []).append(entry)
                entry["country"] = True
            else:
                people[entry["name"]] = entry
            for code, start, end in codes:
                entry["codes"].append([code, yymmdd(start) if start and not start.startswith("<") else None,
                                       yymmdd(end) if end else (yymmdd(start) if start and start.startswith("<") else None)])
        elif entry is not None and body.startswith("+"):
            alias = pretty(body[1:].split("[", 1)[0])
            if alias and alias != entry["name"]:
                entry["aliases"].append(alias)
        elif entry is not None:
            for code, start, end in CODE.findall(body):
                entry["codes"].append([code, yymmdd(start) if start and not start.startswith("<") else None,
                                       yymmdd(end) if end else (yymmdd(start) if start and start.startswith("<") else None)])
    return people, countries


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    archive = Path(args.shared) / "data" / "events" / "events-data.tar.xz"
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive) as tar:
        tar.extract(MEMBER, tmp, filter="data")
        text = (Path(tmp) / MEMBER).read_text("utf-8", errors="replace")
    people, countries = parse(text)
    out_people = {}
    for name, e in people.items():
        codes = [c for c in e["codes"] if re.fullmatch(r"[A-Z]{3}[A-Z0-9]*", c[0])]
        if not codes or len(name.split()) < 2:
            continue  # groups and single words are not people we can name safely
        out_people[name] = {"aliases": sorted(set(e["aliases"])), "codes": codes}
    out_countries = {code: sorted({e["name"] for e in es} | {a for e in es for a in e["aliases"]})
                     for code, es in countries.items()}
    data = {
        "source": "Phoenix.Countries.actors.txt (openeventdata/petrarch2 @ 676801cd9cb2924bbbad09f86d15c9323e7097bf)",
        "license": "MIT, Copyright (c) 2014 Open Event Data Alliance",
        "people": out_people,
        "countries": out_countries,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(out_people)} people, {len(out_countries)} countries -> {OUT} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
