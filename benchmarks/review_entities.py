"""Error kinds of entities and quote speakers on a folder of real article texts (the review set of docs/models.md).

    python benchmarks/review_entities.py DIR [--lang ro] [--show] [--json OUT] [--model PATH]

DIR holds plain-text articles (``*.txt``, UTF-8; first line = title), supplied by the user and kept outside the
repository (third-party text). Each is run through the pipeline (extract, language, nlp, entities, timex,
quotes) and a heuristic detector, the same for every run, counts the kinds of errors a reader sees:

  role_in_person_name     a person's canonical name holds a role or title word ("Fostul premier Dacian Cioloș")
  name_as_place           a one-word place (GPE/LOC) that is a known first name or surname ("Florin", "Toader")
  media_brand_mistyped    a media outlet, social network, brand or photo agency typed as place or person
  photo_credit_entity     an entity mentioned only inside a photo credit, or a name glued to "Foto"/"Sursa"
  person_split            one person as two entities (a name whose words are all inside another person's name)
  genitive_canonical      an organisation named in the genitive/dative ("Ministerului", "Direcției")
  institution_without_id  an organisation whose name opens with a state-institution head word and no code
  speaker_fragment        a quote speaker that is a clause fragment, conjunction, pronoun or verb form
  person_mistyped         a first name + surname typed as organisation or place ("Lucreția Cadar" as ORG)
  speaker_not_linked      a speaker named like an entity of the article, left without the entity's id
  quotes_linked / quotes_no_speaker / quotes   quote totals (speaker linked to an entity / no speaker / all)

--show prints every flagged item (for checking each flag by eye) and the per-article entities and quotes.
The word lists are the entity layer's own (``newsgraph.lang.<lang>``: titles, first names, surnames) plus the
knowledge base's media and company records; the fixed lists below are written for this detector. A flag is a
candidate, not a verdict: docs/models.md reports the counts after checking the flags by eye.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph import Config, Pipeline, Source  # noqa: E402
from newsgraph.enrich.entities import name_rules  # noqa: E402
from newsgraph.enrich.speakers import credit_spans  # noqa: E402
from newsgraph.normalize import fold  # noqa: E402

STAGES = ("extract", "language", "nlp", "entities", "timex", "quotes")
#: brands, networks and media that are organisations, whatever the tagger says (besides the knowledge base's)
BRANDS = {"facebook", "instagram", "twitter", "x", "youtube", "tiktok", "google", "telegram", "whatsapp", "forbes",
          "reuters", "tass", "agerpres", "mediafax", "inquam photos", "profimedia", "shutterstock", "getty images",
          "digi24", "hotnews", "g4media", "realitatea", "antena 3", "pro tv", "protv", "euronews", "the guardian",
          "variety", "live science", "fox news", "moldpres", "rmf24", "europa libera", "euractiv"}
#: head words of Romanian/Moldovan state institutions (the knowledge base should give these an id and a code)
INSTITUTION_HEADS = {"guvernul", "parlamentul", "senatul", "camera", "ministerul", "curtea", "tribunalul",
                     "judecatoria", "parchetul", "directia", "agentia", "autoritatea", "inspectoratul", "consiliul",
                     "politia", "jandarmeria", "administratia", "presedintia", "casa", "banca", "serviciul",
                     "departamentul", "oficiul", "institutul", "comisia"}
#: words that never are a speaker by themselves (pronouns, relative pronouns, conjunctions, adverbs)
NOT_SPEAKERS = {"care", "el", "ea", "ei", "ele", "acesta", "aceasta", "acestia", "acestea", "insa", "dar", "si",
                "iar", "ca", "sa", "se", "il", "o", "le", "i", "lui", "ii", "omul", "cine", "ce", "apoi", "atunci"}
COMPANY_ENDS = {"srl", "sa", "ltd", "inc", "gmbh", "llc", "plc"}
GENITIVE_ENDS = ("ului", "iei", "ei", "ii", "ilor", "elor")


def fold_words(text: str) -> list[str]:
    return [fold(w) for w in re.findall(r"\w+", text)]


def kb_types() -> dict[str, str]:
    """Folded names and aliases of the knowledge base's media and companies -> 'ORG'."""
    from importlib import resources

    data = json.loads((resources.files("newsgraph.enrich") / "data" / "ro_md_knowledge.json").read_text("utf-8"))
    out = {}
    for name, rec in data.get("orgs", {}).items():
        if rec.get("kind") in ("media", "company"):
            for n in [name, *rec.get("aliases", [])]:
                out[fold(n)] = "ORG"
    return out


def check(doc, rules, media: dict) -> dict[str, list[str]]:
    """Flagged items by error kind for one Document."""
    flags: dict[str, list[str]] = {k: [] for k in (
        "role_in_person_name", "name_as_place", "media_brand_mistyped", "photo_credit_entity", "person_split",
        "genitive_canonical", "institution_without_id", "speaker_fragment", "person_mistyped",
        "speaker_not_linked")}
    titles, words = rules["titles"], rules["name_words"]
    credits = credit_spans(doc.text)
    people = [e for e in doc.entities if e.get("type") == "PERSON"]
    for e in doc.entities:
        name, typ = e.get("name", ""), e.get("type")
        fw = fold_words(name)
        if typ == "PERSON" and any(w in titles or w.rstrip("l") in titles or re.sub(r"(ul|ului|a|ei)$", "", w) in titles
                                   for w in fw[:-1]):
            flags["role_in_person_name"].append(name)
        if typ in ("GPE", "LOC") and len(name.split()) == 1 and not e.get("code") and (
                name in words or any(name == p["name"] or name == p["name"].split()[-1] for p in people)):
            flags["name_as_place"].append(name)  # a known name word, or the name of a person of the article
        if typ != "ORG" and (fold(name) in BRANDS or fold(name) in media or fw and fw[-1] in COMPANY_ENDS):
            flags["media_brand_mistyped"].append(f"{name} ({typ})")
        parts = name.split()
        if typ in ("ORG", "GPE", "LOC") and 2 <= len(parts) <= 3 and parts[0] in rules["first_names"] and \
                all(w[:1].isupper() and not w.isupper() for w in parts) and not e.get("code"):
            flags["person_mistyped"].append(f"{name} ({typ})")
        ments = e.get("mentions", [])
        if ments and all(any(s <= m["start"] < t for s, t in credits) for m in ments) or \
                fw and fw[0] in ("foto", "sursa", "photo"):
            flags["photo_credit_entity"].append(f"{name} ({typ})")
        if typ == "ORG" and name.split() and name.split()[0][:1].isupper() and \
                fold(name.split()[0]).endswith(GENITIVE_ENDS) and len(name.split()[0]) > 4:
            flags["genitive_canonical"].append(name)
        if typ == "ORG" and not e.get("code") and fw and fw[0] in INSTITUTION_HEADS:
            flags["institution_without_id"].append(name)
    for a in people:
        wa = set(fold_words(a["name"]))
        for b in people:
            if a is not b and wa and wa < set(fold_words(b["name"])):
                flags["person_split"].append(f"{a['name']} / {b['name']}")
    for q in getattr(doc, "quotes", []) or []:
        sp = (q.get("speaker_text") or "").strip()
        if not q.get("speaker") or q.get("speaker_id"):
            continue  # no speaker, or one linked to an entity
        if any(fold(q["speaker"]) == fold(e.get("name", "")) for e in doc.entities):
            flags["speaker_not_linked"].append(f"{q['speaker']!r}")
            continue
        fw = fold_words(sp)
        if not fw or fw[0] in NOT_SPEAKERS or re.search(r"\b\w+-(a|au|i|l|o)\b", sp) or sp.endswith(",") or \
                all(w in NOT_SPEAKERS for w in fw):
            flags["speaker_fragment"].append(f"{q.get('speaker')!r} <- {sp!r}")
    return flags


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--lang", default="ro")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    files = sorted(args.folder.glob("*.txt"))
    if not files:
        print(f"no *.txt files in {args.folder}", file=sys.stderr)
        return 2
    rules, media = name_rules(args.lang), kb_types()
    pipe = Pipeline(Config(), stages=STAGES)
    totals: Counter = Counter()
    examples: dict[str, list[str]] = {}
    t0 = time.perf_counter()
    n_docs = 0
    for f in files:
        doc = pipe(Source.make(f.name, "text", f.read_text(encoding="utf8")))
        if doc.language is not None and doc.language.code != args.lang:
            print(f"skipped {f.name}: language {doc.language.code}", file=sys.stderr)
            continue
        n_docs += 1
        flags = check(doc, rules, media)
        quotes = getattr(doc, "quotes", []) or []
        totals["entities"] += len(doc.entities)
        totals["quotes"] += len(quotes)
        totals["quotes_linked"] += sum(1 for q in quotes if q.get("speaker_id"))
        totals["quotes_no_speaker"] += sum(1 for q in quotes if not q.get("speaker"))
        for k, v in flags.items():
            totals[k] += len(v)
            examples.setdefault(k, []).extend(f"{f.name}: {x}" for x in v)
        if args.show:
            print(f"\n== {f.name}")
            for e in doc.entities:
                print(f"   {e.get('type'):7s} {e.get('name')!r:45s} {e.get('id')} {e.get('code') or ''}")
            for q in quotes:
                print(f"   QUOTE speaker={q.get('speaker')!r} text={q.get('speaker_text')!r} "
                      f"id={q.get('speaker_id')} | {q.get('text', '')[:70]!r}")
    kinds = ["role_in_person_name", "name_as_place", "media_brand_mistyped", "photo_credit_entity", "person_split",
             "genitive_canonical", "institution_without_id", "speaker_fragment", "person_mistyped",
             "speaker_not_linked"]
    print(f"\n{n_docs} articles, {totals['entities']} entities, {totals['quotes']} quotes "
          f"({time.perf_counter() - t0:.0f} s)")
    for k in kinds:
        print(f"{k:26s} {totals[k]:4d}")
    for k in ("quotes_linked", "quotes_no_speaker"):
        print(f"{k:26s} {totals[k]:4d}")
    if args.show:
        print("\nflags:")
        for k in kinds:
            for x in examples.get(k, []):
                print(f"  {k}: {x}")
    if args.json:
        args.json.write_text(json.dumps({"articles": n_docs, "counts": dict(totals), "flags": examples},
                                        indent=1, ensure_ascii=False), encoding="utf8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
