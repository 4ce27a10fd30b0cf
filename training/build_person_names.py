"""Build ``src/newsgraph/lang/ro/person_names.json``: the words of people's names in RONEC (first names and
surnames), used by the entity stage's type check ("a token that is a known name is not a place").

Source: the PERSON spans of RONEC v1 train (``ronec_v1_iob_train.conllup``) and RONEC v2 valid (``valid.json``),
MIT licence, (c) 2018 Stefan Dumitrescu (arXiv:1909.01247). Only names with two or more words are read (a
one-word PERSON span is often a role noun or a nickname); a word is kept when it is capitalised, at least two
letters long, and RONEC tags it inside a person's name more often than inside a place (GPE, LOC, FACILITY) or an
organisation, and never written in lower case there (``actrița``, ``mai``). The first word of a name counts towards ``first``, the others towards ``surnames``; a word seen in
both positions is in both lists. Held-out test splits are never read.

    python training/build_person_names.py RONEC_DIR   # RONEC_DIR holds v1/ronec_v1_iob_train.conllup, valid.json
    python training/build_person_names.py --faker      # only the Faker lists below (``first_more``, ``surnames_more``)

A second source widens the coverage where RONEC is thin (Romanian women's first names, Hungarian names of
Transylvanian people): the Romanian (``ro_RO``) first names and the Hungarian (``hu_HU``) first names and surnames of
Faker's person provider (MIT licence, ``pip install faker``; version recorded in the file), Hungarian names also
without their accents as Romanian news writes them (``Zoltán`` -> ``Zoltan``). A word the knowledge base knows as a
place or another name (``Constanța``, ``Victoria``, ``Sofia``, ``Adrian``: GeoNames towns) is left out, and so are the
Faker first names that are Romanian common nouns (``Floare``, ``Speranța``, ``Aura``). They go to ``first_more`` and
``surnames_more``; the entity stage reads both lists with the RONEC ones. The RONEC build keeps them.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "lang" / "ro" / "person_names.json"
WORD = re.compile(r"[A-ZĂÂÎȘȚŞŢ][a-zăâîșțşţ'’-]*[a-zăâîșțşţ]")  # a capitalised word (no all-caps acronyms)
OTHER = {"GPE", "LOC", "FACILITY", "ORG", "ORGANIZATION"}


def _spans(tags: list[str]) -> list[tuple[int, int, str]]:
    out, start, label = [], None, None
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("B-") or tag == "O" or (tag.startswith("I-") and tag[2:] != label):
            if start is not None:
                out.append((start, i, label))
            start, label = (i, tag[2:]) if tag != "O" else (None, None)
    return out


def _v1(path: Path):
    words, upos, tags = [], [], []
    for line in path.open(encoding="utf-8"):
        if not line.strip():
            if words:
                yield words, upos, tags
            words, upos, tags = [], [], []
        elif not line.startswith("#"):
            cols = line.rstrip("\n").split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            words.append(cols[1])
            upos.append(cols[3])
            tags.append(cols[-1])
    if words:
        yield words, upos, tags


def _v2(path: Path):
    for s in json.loads(path.read_text("utf-8")):
        yield s["tokens"], [None] * len(s["tokens"]), s["ner_tags"]


def build(ronec: Path) -> dict:
    first, last, other = Counter(), Counter(), Counter()
    lower: set[str] = set()  # words also written in lower case are common words ("actrița", "mai")
    for words, upos, tags in [*_v1(ronec / "v1" / "ronec_v1_iob_train.conllup"), *_v2(ronec / "valid.json")]:
        lower.update(w for w in words if w.islower())
        for s, e, label in _spans(tags):
            toks = [(words[k], upos[k]) for k in range(s, e)]
            if label in OTHER:
                other.update(w for w, _ in toks)
                continue
            if label != "PERSON" or e - s < 2:
                continue
            names = [w for w, p in toks if WORD.fullmatch(w) and p in (None, "PROPN")]
            if len(names) < 2:
                continue
            first[names[0]] += 1
            last.update(names[1:])
    keep = lambda c: sorted(w for w, n in c.items() if n > other[w] and w.lower() not in lower)  # noqa: E731
    return {"first": keep(first), "surnames": keep(last)}


#: Faker first names that are Romanian common nouns (a capitalised one opens a sentence or a title, not a name)
COMMON_WORDS = {"Floare", "Floarea", "Speranța", "Venera", "Iris", "Roza", "Crin", "Bebe", "Aura", "Stela", "Dafina",
                "Lică", "Rada", "Dida", "Zina", "Veta", "Lili"}
NAME = re.compile(r"[A-ZĂÂÎȘȚÁÉÍÓÖŐÚÜŰ][a-zăâîșțáéíóöőúüű'’-]*[a-zăâîșțáéíóöőúüű]")  # Romanian and Hungarian letters
HU_PLAIN = str.maketrans("áéíóöőúüűÁÉÍÓÖŐÚÜŰ", "aeiooouuuAEIOOOUUU")


def build_faker() -> dict:
    """Romanian first names and Hungarian first names and surnames from Faker, without the knowledge base's words."""
    import faker
    from faker.providers.person.hu_HU import Provider as Hu
    from faker.providers.person.ro_RO import Provider as Ro

    from newsgraph.enrich.gazetteer import Gazetteer
    from newsgraph.normalize import fold

    known = Gazetteer.build([]).aliases

    def keep(words) -> list[str]:
        out = set()
        for w in words:
            for form in (w, w.translate(HU_PLAIN)):
                if NAME.fullmatch(form) and form not in COMMON_WORDS and fold(form) not in known:
                    out.add(form)
        return sorted(out)

    return {"faker_version": faker.VERSION,
            "first_more": keep([*Ro.first_names_female, *Ro.first_names_male, *Hu.first_names_female, *Hu.first_names_male]),
            "surnames_more": keep(Hu.last_names)}


def main(argv=None) -> int:
    argv = argv if argv is not None else sys.argv[1:]
    if argv == ["--faker"]:
        data = json.loads(OUT.read_text("utf-8"))
        more = build_faker()
        data["comment_more"] = (f"first_more / surnames_more: Faker {more.pop('faker_version')} person provider (MIT), "
                                "ro_RO first names and hu_HU first names and surnames (also without accents), minus "
                                "the knowledge base's words and a few common nouns; training/build_person_names.py --faker")
        data.update(more)
        OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"{OUT}: {len(data['first_more'])} more first names, {len(data['surnames_more'])} more surnames")
        return 0
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    names = build(Path(argv[0]))
    old = json.loads(OUT.read_text("utf-8")) if OUT.exists() else {}
    data = {
        "comment": "Words of people's names (first names, surnames) from the PERSON spans of RONEC v1 train and RONEC "
                   "v2 valid (MIT, (c) 2018 Stefan Dumitrescu, arXiv:1909.01247), rebuilt by "
                   "training/build_person_names.py. A word is kept when RONEC tags it in a person's name more often "
                   "than in a place or an organisation.",
        **names,
        **{k: old[k] for k in ("comment_more", "first_more", "surnames_more") if k in old},
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(names['first'])} first names, {len(names['surnames'])} surnames")
    return 0


if __name__ == "__main__":
    sys.exit(main())
