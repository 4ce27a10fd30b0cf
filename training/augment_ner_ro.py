"""Extra NER training sentences for the shapes real Romanian news shows and RONEC rarely does (issue #10).

    python training/augment_ner_ro.py --docs v1_train.spacy v2_train.spacy --out aug.spacy [--frac 0.5] [--seed 0]

Built only from the training corpora and newsgraph's own name lists (never from a test split or a review text):
a copy of a training sentence whose entities are re-filled, keeping every other token and every other annotation
(missing values stay missing):

* PERSON: the name part of the span (the capitalised words after any role words: `Premierul [Călin
  Popescu-Tăriceanu]`) becomes another name: a first name + surname (sometimes two surnames, sometimes the
  surname alone) drawn from `lang/ro/person_names.json` (RONEC-derived, Faker ro/hu) or a person of the
  knowledge base (`enrich/data/gazetteer.json`, `enrich/data/ro_md_knowledge.json`: Romanian, Moldovan and foreign
  office holders), so that the ner sees many more name combinations, foreign ones included;
* role + name: a span that is a bare name gets, with probability --role-frac, a role in front, kept inside the
  PERSON span as RONEC does (`Președintele Ion Iliescu`, `premierul Junichiro Koizumi`): a role of the
  gazetteer (`premierul`, `președintele`, `liderul`, ...) or a minister of a ministry of the knowledge base
  (`ministrul Justiției`, from `Ministerul Justiției`), optionally after `fostul`; the entity layer splits the
  role off later (enrich/entity_rules.py);
* ORG: a span whose words are all capitalised becomes an organisation of the knowledge base (its name or a
  multi-word alias: ministries, courts, agencies, parties, companies, media).

Only spans that start with a capital letter are re-filled (a role or organisation written in lower case in
RONEC is left as it is). --frac of the sentences holding a PERSON or ORG span are copied (seeded).
"""
from __future__ import annotations

import argparse
import json
import random
import unicodedata
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "newsgraph"
# words that mark an English alias of a Romanian organisation ("Government of Romania"): not re-filled into Romanian text
ENGLISH = {"of", "the", "The", "and", "for", "Romanian", "National", "Ministry", "Government", "Agency", "Court",
           "Council", "Service", "Bank", "Office", "Authority", "Department", "Party", "Union", "House"}


def fold(s: str) -> str:
    s = s.lower().replace("ş", "ș").replace("ţ", "ț")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def load_lists() -> dict:
    names = json.loads((PKG / "lang/ro/person_names.json").read_text(encoding="utf8"))
    ro = json.loads((PKG / "lang/ro/names.json").read_text(encoding="utf8"))
    gaz = json.loads((PKG / "enrich/data/gazetteer.json").read_text(encoding="utf8"))
    kb = json.loads((PKG / "enrich/data/ro_md_knowledge.json").read_text(encoding="utf8"))
    people = sorted(set(gaz["people"]) | set(kb["people"]))
    orgs = set()
    for sec in (gaz["orgs"], kb["orgs"]):
        for name, rec in sec.items():
            for a in [name, *rec.get("aliases", [])]:  # multi-word names, English aliases left out
                if len(a.split()) >= 2 and a.split()[0][:1].isupper() and not set(a.split()) & ENGLISH:
                    orgs.add(a)
    ministers = sorted({"ministrul " + n.split(" ", 1)[1] for n in kb["orgs"] if n.startswith("Ministerul ")
                        and len(n.split()) >= 2})
    roles = sorted({r for forms in gaz["roles"].values() for r in forms
                    if " " not in r and fold(r).endswith(("ul", "le")) and r.isalpha()})
    return {"first": sorted(set(names["first"]) | set(names.get("first_more", []))),
            "surnames": sorted(set(names["surnames"]) | set(names.get("surnames_more", []))),
            "people": people, "orgs": sorted(orgs), "ministers": ministers, "roles": roles,
            "titles": set(ro["titles"]), "title_suffixes": tuple(ro["title_suffixes"])}


def is_title_word(word: str, lists: dict) -> bool:
    w = fold(word)
    if w in lists["titles"]:
        return True
    return any(w.endswith(s) and w[: -len(s)] in lists["titles"] for s in lists["title_suffixes"])


def capitalised(tokens) -> bool:
    return all(t.text[:1].isupper() or t.text in "-." for t in tokens)


def new_name(rng: random.Random, lists: dict) -> list[str]:
    r = rng.random()
    if r < 0.25:
        return rng.choice(lists["people"]).split()
    if r < 0.35:
        return [rng.choice(lists["surnames"])]
    if r < 0.45:
        return [rng.choice(lists["first"]), rng.choice(lists["surnames"]), rng.choice(lists["surnames"])]
    return [rng.choice(lists["first"]), rng.choice(lists["surnames"])]


def new_role(rng: random.Random, lists: dict, sentence_start: bool) -> list[str]:
    words = (rng.choice(lists["ministers"]) if rng.random() < 0.4 else rng.choice(lists["roles"])).split()
    if rng.random() < 0.2:  # "fostul premier", "fostul ministru al Justiției": the role without its article
        head = words[0]
        head = head[:-2] if head.endswith("ul") else head[:-2] + "e" if head.endswith("ele") else head
        words = ["fostul", "ministru", "al", *words[1:]] if words[0] == "ministrul" else ["fostul", head, *words[1:]]
    if sentence_start:
        words[0] = words[0][:1].upper() + words[0][1:]
    return words


def refill(doc: Doc, rng: random.Random, lists: dict, role_frac: float) -> Doc | None:
    """A copy of `doc` with its capitalised PERSON and ORG spans re-filled; None when nothing changes."""
    words, spaces, iob = [], [], []
    ents = {e.start: e for e in doc.ents}
    i, changed = 0, False
    while i < len(doc):
        e = ents.get(i)
        if e is not None and e.label_ in ("PERSON", "ORG") and e[0].text[:1].isupper():
            new = None
            if e.label_ == "PERSON":
                k = 0
                while k < len(e) and (is_title_word(e[k].text, lists) or not e[k].text[:1].isupper()):
                    k += 1
                role, name = [t.text for t in e[:k]], e[k:]
                if 1 <= len(name) <= 4 and capitalised(name):
                    if not role and rng.random() < role_frac:
                        role = new_role(rng, lists, sentence_start=(e.start == 0))
                        name_words = new_name(rng, lists)
                    else:
                        name_words = new_name(rng, lists)
                    new = role + name_words
            elif len(e) <= 6 and capitalised(e):
                new = rng.choice(lists["orgs"]).split()
            if new:
                changed = True
                for j, w in enumerate(new):
                    words.append(w)
                    spaces.append(True if j < len(new) - 1 else bool(e[-1].whitespace_))
                    iob.append(("B-" if j == 0 else "I-") + e.label_)
                i = e.end
                continue
        t = doc[i]
        words.append(t.text)
        spaces.append(bool(t.whitespace_))
        iob.append("" if t.ent_iob == 0 else ("O" if t.ent_iob_ == "O" else f"{t.ent_iob_}-{t.ent_type_}"))
        i += 1
    if not changed:
        return None
    return Doc(doc.vocab, words=words, spaces=spaces, ents=iob)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=Path, nargs="+", required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--frac", type=float, default=0.5, help="share of PERSON/ORG sentences copied")
    ap.add_argument("--role-frac", type=float, default=0.3, help="share of bare names that get a role in front")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    lists = load_lists()
    vocab = spacy.blank("ro").vocab
    out = DocBin(store_user_data=False)
    n_in = n_out = 0
    for p in args.docs:
        for doc in DocBin().from_disk(p).get_docs(vocab):
            n_in += 1
            if not any(e.label_ in ("PERSON", "ORG") for e in doc.ents) or rng.random() >= args.frac:
                continue
            new = refill(doc, rng, lists, args.role_frac)
            if new is not None:
                out.add(new)
                n_out += 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    out.to_disk(args.out)
    print(f"{n_out} re-filled copies of {n_in} sentences -> {args.out} "
          f"({len(lists['people'])} KB people, {len(lists['orgs'])} org names, {len(lists['ministers'])} ministers, "
          f"{len(lists['roles'])} roles)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
