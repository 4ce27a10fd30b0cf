"""Entity F1 and quote-speaker accuracy of the pipeline against a by-eye gold file for a folder of real articles.

    python benchmarks/review_gold.py GOLD DIR [--errors] [--lang ro]

DIR holds the article texts (``NAME.txt``, first line = title), GOLD the annotations; both are kept outside the
repository (third-party text; docs/models.md, "Real-text review"). GOLD, one item a line, per article:

    ## NAME.txt
    E PERSON Mihail Dumitru          an entity: PERSON, ORG or PLACE (GPE or LOC), canonical name|other accepted names
    E? ORG Intactimages              optional: ignored when predicted with this type (E? ANY: with any type)
    Q sacrificii personale -> Mihail Dumitru      a quote (a snippet of it) and its speaker|other names
    Q „…” snippet -> ~martor         ~: the speaker's name or phrase contains the word (an unnamed source)
    Q? … -> …                        scored only when the pipeline extracts it (headline colons, reported speech)
    Q … -> NONQUOTE                  quoted text that is no speech (a term, a title, a page message)

Entities: a predicted PERSON/ORG/GPE/LOC entity is a true positive when its canonical name (or, for the knowledge
base's organisations, one of their aliases) is an accepted name of a gold entity of the same type not matched yet
(a second entity for the same gold one is a false positive: one thing split in two). Speakers: a gold quote is right
when every extracted quote holding the snippet has the right canonical speaker (the linked entity's name, else the
speaker as given); a missed quote is wrong. Non-quotes: gold NONQUOTE items that were extracted.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph import Config, Pipeline, Source  # noqa: E402

STAGES = ("extract", "language", "nlp", "entities", "timex", "quotes")


def fold(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", (s or "").replace("ş", "ș").replace("ţ", "ț"))
    return re.sub(r"\s+", " ", "".join(c for c in s if not unicodedata.combining(c)).lower().strip(" .,;:"))


def kb_aliases() -> dict[str, set[str]]:
    data = json.loads((resources.files("newsgraph.enrich") / "data" / "ro_md_knowledge.json").read_text("utf-8"))
    out: dict[str, set[str]] = {}
    for name, rec in data["orgs"].items():
        group = {fold(name), *(fold(a) for a in rec.get("aliases", []))}
        for g in group:
            out.setdefault(g, set()).update(group)
    return out


def load_gold(path: Path) -> dict[str, dict]:
    gold: dict[str, dict] = {}
    cur = None
    for line in path.read_text(encoding="utf8").splitlines():
        if line.startswith("## "):
            cur = line[3:].strip()
            gold[cur] = {"E": [], "Q": []}
        elif line.startswith("E"):
            tag, typ, name = line.split(" ", 2)
            gold[cur]["E"].append({"opt": tag == "E?", "type": typ, "alts": name.split("|")})
        elif line.startswith("Q"):
            tag, rest = line.split(" ", 1)
            snip, sp = rest.split(" -> ")
            gold[cur]["Q"].append({"opt": tag == "Q?", "snip": snip.strip(), "alts": sp.split("|")})
    return gold


def _right(q: dict, alts: list[str], canon: dict, names) -> bool:
    """Whether a quote's canonical speaker (its linked entity's name, else the speaker) is one of ``alts``."""
    sp, st = fold(canon.get(q.get("speaker_id"), q.get("speaker"))), fold(q.get("speaker_text"))
    return any(fold(a[1:]) in sp or fold(a[1:]) in st if a.startswith("~") else bool(sp) and sp in names([a])
               for a in alts)


def score(gold: dict, docs: dict, aliases: dict) -> tuple[dict, list[str]]:
    def names(alts):
        return {n for a in alts for n in (fold(a), *aliases.get(fold(a), ()))}

    c = dict(tp=0, fp=0, fn=0, q_ok=0, q_n=0, nonquotes=0, nonquote_items=0)
    errors = []
    for art, g in gold.items():
        doc = docs[art]
        used: set[int] = set()
        canon = {e["id"]: e["name"] for e in doc.entities}
        for e in doc.entities:
            typ = "PLACE" if e["type"] in ("GPE", "LOC") else e["type"]
            if typ not in ("PERSON", "ORG", "PLACE"):
                continue
            n = fold(e["name"])
            hit = next((i for i, ge in enumerate(g["E"]) if n in names(ge["alts"]) and (
                ge["type"] == typ or ge["opt"] and ge["type"] == "ANY")), None)
            if hit is not None and g["E"][hit]["opt"]:
                continue
            if hit is None or hit in used:
                c["fp"] += 1
                errors.append(f"{art}: FP {typ} {e['name']!r} {[m['text'] for m in e['mentions']]}")
            else:
                used.add(hit)
                c["tp"] += 1
        for i, ge in enumerate(g["E"]):
            if not ge["opt"] and i not in used:
                c["fn"] += 1
                errors.append(f"{art}: FN {ge['type']} {ge['alts'][0]!r}")
        for gq in g["Q"]:
            s = fold(gq["snip"])
            hits = [q for q in doc.quotes if s in fold(q["text"]) or (len(fold(q["text"])) > 8 and fold(q["text"]) in s)]
            if gq["alts"] == ["NONQUOTE"]:
                c["nonquote_items"] += 1
                c["nonquotes"] += bool(hits)
                if hits:
                    errors.append(f"{art}: NONQUOTE extracted {gq['snip']!r}")
                continue
            if gq["opt"] and not hits:
                continue
            c["q_n"] += 1
            if hits and all(_right(q, gq["alts"], canon, names) for q in hits):
                c["q_ok"] += 1
            else:
                got = [(q.get("speaker"), q.get("speaker_text")) for q in hits] or "MISSED"
                errors.append(f"{art}: SPEAKER {gq['snip']!r} gold={gq['alts'][0]!r} got={got}")
    return c, errors


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", type=Path)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    gold = load_gold(args.gold)
    pipe = Pipeline(Config(), stages=STAGES)
    docs = {n: pipe(Source.make(n, "text", (args.folder / n).read_text(encoding="utf8"))) for n in gold}
    c, errors = score(gold, docs, kb_aliases())
    p, r = c["tp"] / max(1, c["tp"] + c["fp"]), c["tp"] / max(1, c["tp"] + c["fn"])
    f = 2 * p * r / max(1e-9, p + r)
    print(f"{len(gold)} articles; entities: tp {c['tp']} fp {c['fp']} fn {c['fn']}  "
          f"P {100 * p:.1f} R {100 * r:.1f} F1 {100 * f:.1f}")
    print(f"quote speakers: {c['q_ok']}/{c['q_n']} = {100 * c['q_ok'] / max(1, c['q_n']):.1f}%   "
          f"non-quotes extracted: {c['nonquotes']}/{c['nonquote_items']}")
    if args.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
