"""Convert the Romanian corpora (from ro-data.tar.xz) into spaCy DocBins.

Usage:
    python training/convert.py --data /tmp/ro-data/ro --out /tmp/ro-work/corpus [--seed 0]

All outputs go to --out (a scratch directory OUTSIDE the repository). Nothing is
written into the repository except what the caller asks for.

Outputs (DocBin files):
  train/rodna.spacy        RRT train split (Rodna conversion): words, spacing, XPOS (MSD),
                           UPOS+FEATS rebuilt from the MSD, lemmas. No trees, no entities.
  train/ronec_v1.spacy     RONEC v1 train: entities only (v1 labels mapped to v2 names).
  silver/ronec_v1_silver.spacy  the same sentences with entities AND the NLP-Cube silver trees
                           (used instead of train/ronec_v1.spacy in stage B, see kfold.py --silver).
  train/simonero.spacy     SiMoNERo dev+test: trees + UPOS/FEATS/XPOS/lemmas.
  train/nonstandard.spacy  Nonstandard dev+test: trees only (old/folk orthography: tags left missing).
  rrt_folds/fold{k}.spacy  RRT dev split into K folds (whole documents), full annotation.
  rrt_dev.spacy            RRT dev, full annotation (evaluation of tags/lemmas/trees).
  ronec_v1_dev.spacy       RONEC v1 dev (entities only, PRODUCT spans left unannotated).
  ronec_v1_dev_noshared.spacy  same minus sentences shared with RONEC v2 valid.
  ronec_v2_valid.spacy     RONEC v2 valid.json (entities only; evaluation only).
  dev.spacy                rrt_dev + ronec_v1_dev (model selection during training).
  stats.json               conversion statistics.

A fraction (--cedilla-frac) of the training documents is rewritten with cedilla
letters (ş ţ Ş Ţ) instead of comma-below (ș ț Ș Ț) so that the model is robust to
news text that still uses the legacy cedilla forms.
"""
from __future__ import annotations

import argparse
import json
import random
from collections import Counter, defaultdict
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

HERE = Path(__file__).resolve().parent
MAPPING_FILE = HERE.parent / "src" / "newsgraph" / "lang" / "ro" / "ronec_v1_to_v2.json"

CEDILLA = str.maketrans({"ș": "ş", "ț": "ţ", "Ș": "Ş", "Ț": "Ţ"})
COMMA_BELOW = str.maketrans({"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț"})


# ----------------------------------------------------------------------------
# CoNLL-U reading
# ----------------------------------------------------------------------------

def read_conllu(path: Path):
    """Yield (newdoc: bool, tokens: list[list[str]]) per sentence (multiword ranges skipped)."""
    sent, newdoc = [], False
    with open(path, encoding="utf8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if sent:
                    yield newdoc, sent
                sent, newdoc = [], False
                continue
            if line.startswith("#"):
                if line.startswith("# newdoc"):
                    newdoc = True
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            sent.append(cols)
    if sent:
        yield newdoc, sent


def space_after(misc: str) -> bool:
    return "SpaceAfter=No" not in misc


def feats_str(f: str) -> str:
    return "" if f == "_" else f


# ----------------------------------------------------------------------------
# MSD -> (UPOS, FEATS) table
# ----------------------------------------------------------------------------

UPOS_BY_MSD_PREFIX = [
    ("Np", "PROPN"), ("N", "NOUN"), ("Va", "AUX"), ("V", "VERB"), ("A", "ADJ"),
    ("Pp", "PRON"), ("Px", "PRON"), ("P", "PRON"), ("Ds", "DET"), ("D", "DET"), ("T", "DET"),
    ("R", "ADV"), ("S", "ADP"), ("Cc", "CCONJ"), ("Cs", "SCONJ"), ("C", "CCONJ"),
    ("M", "NUM"), ("Q", "PART"), ("I", "INTJ"), ("Y", "X"), ("X", "X"),
]


class MsdTable:
    def __init__(self):
        self.msd = defaultdict(Counter)      # msd -> Counter((upos, feats))
        self.punct = defaultdict(Counter)    # form -> Counter((upos, xpos, feats)) for non-word tokens

    def add_conllu(self, path: Path, weight: int = 1):
        for _, sent in read_conllu(path):
            for c in sent:
                form, upos, xpos, feats = c[1], c[3], c[4], feats_str(c[5])
                if upos in ("PUNCT", "SYM") or not xpos[:1].isupper() or xpos.isupper():
                    self.punct[form][(upos, xpos, feats)] += weight
                else:
                    self.msd[xpos][(upos, feats)] += weight

    def lookup(self, form: str, msd: str):
        """Return (upos, xpos, feats, known: bool)."""
        if msd.startswith("Z"):  # Rodna punctuation class
            if form in self.punct:
                (upos, xpos, feats), _ = self.punct[form].most_common(1)[0]
                return upos, xpos, feats, True
            return "PUNCT", "PUNCT", "", False
        if msd in self.msd:
            (upos, feats), _ = self.msd[msd].most_common(1)[0]
            return upos, msd, feats, True
        for pref, upos in UPOS_BY_MSD_PREFIX:
            if msd.startswith(pref):
                # unseen MSD (~0.4% of tokens): UPOS from the MSD category, FEATS left empty
                return upos, msd, "", False
        return "X", msd, "", False


# ----------------------------------------------------------------------------
# Rodna train split (tags/lemmas) + spacing from the .tok stream
# ----------------------------------------------------------------------------

def read_tab(path: Path):
    sents, cur = [], []
    with open(path, encoding="utf8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if cur:
                    sents.append(cur)
                cur = []
                continue
            cols = line.split("\t")
            cur.append((cols[0], cols[1], cols[2]))
    if cur:
        sents.append(cur)
    return sents


def rodna_spacing(tok_path: Path, sents):
    """Align the token stream of ro_rrt-train.txt.tok with the .tab tokens by characters.

    Returns (list of per-sentence space lists, #mismatches).
    """
    pieces = []
    with open(tok_path, encoding="utf8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            cols = line.split("\t")
            if cols[1] in ("SPACE", "EOL"):
                pieces.append(" ")
            else:
                pieces.append(cols[0])
    text = "".join(pieces)
    p = 0
    n = len(text)
    out, mism = [], 0
    for sent in sents:
        sp = []
        for form, _, _ in sent:
            q = p
            while q < n and text[q].isspace():
                q += 1
            if text.startswith(form, q):
                p = q + len(form)
                sp.append(p < n and text[p].isspace())
            else:
                # resync: search forward a little
                k = text.find(form, q, q + 200)
                if k >= 0:
                    p = k + len(form)
                    sp.append(p < n and text[p].isspace())
                else:
                    sp.append(True)
                mism += 1
        out.append(sp)
    return out, mism


# ----------------------------------------------------------------------------
# Doc builders
# ----------------------------------------------------------------------------

def make_doc(vocab, sents, *, tags=True, trees=True, lemmas=True, ents=None):
    """sents: list of list of dicts with keys form, space, [upos, xpos, feats, lemma, head, dep]."""
    words, spaces, pos, tag, morph, lem, heads, deps, sent_starts = [], [], [], [], [], [], [], [], []
    iob = []
    for s in sents:
        off = len(words)
        for i, t in enumerate(s):
            words.append(t["form"])
            spaces.append(t["space"])
            sent_starts.append(i == 0)
            if tags:
                pos.append(t["upos"])
                tag.append(t["xpos"])
                morph.append(t["feats"])
            if lemmas:
                lem.append(t["lemma"])
            if trees:
                h = int(t["head"])
                heads.append(off + h - 1 if h > 0 else off + i)
                deps.append(t["dep"])
            if ents is not None:
                iob.append(t.get("iob"))
    if spaces:
        spaces[-1] = False
    kwargs = {}
    if tags:
        kwargs.update(pos=pos, tags=tag, morphs=morph)
    if lemmas:
        kwargs["lemmas"] = lem
    if trees:
        kwargs.update(heads=heads, deps=deps)
    else:
        kwargs["sent_starts"] = sent_starts
    if ents is not None:
        kwargs["ents"] = iob
    return Doc(vocab, words=words, spaces=spaces, **kwargs)


def conllu_tokens(sent, with_tags=True):
    out = []
    for c in sent:
        t = {"form": c[1], "space": space_after(c[9]), "head": c[6], "dep": c[7]}
        if with_tags:
            t.update(upos=c[3], xpos=c[4], feats=feats_str(c[5]), lemma=c[2])
        out.append(t)
    return out


def group_conllu_docs(path: Path, max_sents: int):
    """Group sentences into documents (respect # newdoc, max max_sents sentences)."""
    docs, cur = [], []
    for newdoc, sent in read_conllu(path):
        if cur and (newdoc or len(cur) >= max_sents):
            docs.append(cur)
            cur = []
        cur.append(sent)
    if cur:
        docs.append(cur)
    return docs


def to_cedilla_doc(vocab, doc: Doc) -> Doc:
    """Copy of doc with cedilla letters in words and lemmas (all other annotation kept)."""
    words = [t.text.translate(CEDILLA) for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    kwargs = {}
    if doc.has_annotation("TAG"):
        kwargs["tags"] = [t.tag_ for t in doc]
    if doc.has_annotation("POS"):
        kwargs["pos"] = [t.pos_ for t in doc]
    if doc.has_annotation("MORPH"):
        kwargs["morphs"] = [str(t.morph) for t in doc]
    if doc.has_annotation("LEMMA"):
        kwargs["lemmas"] = [t.lemma_.translate(CEDILLA) for t in doc]
    if doc.has_annotation("DEP"):
        kwargs["heads"] = [t.head.i for t in doc]
        kwargs["deps"] = [t.dep_ for t in doc]
    elif doc.has_annotation("SENT_START"):
        kwargs["sent_starts"] = [bool(t.is_sent_start) for t in doc]
    if doc.has_annotation("ENT_IOB"):
        kwargs["ents"] = [
            (f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else ("O" if t.ent_iob_ == "O" else None))
            for t in doc
        ]
    return Doc(vocab, words=words, spaces=spaces, **kwargs)


def norm_text(s: str) -> str:
    s = s.lower().translate(COMMA_BELOW)
    return "".join(ch for ch in s if ch.isalnum())


def valid_tree(sent) -> bool:
    """One root, every token reaches the root (no cycles)."""
    heads = [int(c[6]) for c in sent]
    if sum(h == 0 for h in heads) != 1 or any(h < 0 or h > len(heads) for h in heads):
        return False
    for i in range(1, len(heads) + 1):
        seen, j = set(), i
        while j != 0:
            if j in seen:
                return False
            seen.add(j)
            j = heads[j - 1]
    return True


def read_ronec_v1(path: Path, mapping: dict, silver_trees: bool = False):
    """Return list of (tokens, normtext). PRODUCT (mapped to null) -> missing annotation.

    silver_trees: also keep the NLP-Cube (silver) HEAD/DEPREL columns (sentences with invalid trees dropped).
    """
    sents = []
    labels = Counter()
    for _, sent in read_conllu(path):
        if silver_trees and not valid_tree(sent):
            continue
        toks = []
        for c in sent:
            tag = c[-1]
            if tag == "O":
                iob = "O"
            else:
                bi, lab = tag.split("-", 1)
                new = mapping[lab]
                labels[lab] += bi == "B"
                iob = None if new is None else f"{bi}-{new}"
            toks.append({"form": c[1], "space": space_after(c[9]), "iob": iob, "head": c[6], "dep": c[7]})
        sents.append((toks, norm_text("".join(t["form"] for t in toks))))
    return sents, labels


def save(docs, path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    db = DocBin(store_user_data=False)
    for d in docs:
        db.add(d)
    db.to_disk(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, required=True, help="unpacked ro/ directory")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cedilla-frac", type=float, default=0.15)
    ap.add_argument("--sents-per-doc", type=int, default=5)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    data, out = args.data, args.out
    out.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("ro")
    vocab = nlp.vocab
    stats = {}

    rrt_dev = data / "ud-rrt" / "ro_rrt-ud-dev.conllu"
    simo = [data / "ud-extra" / "simonero" / f"ro_simonero-ud-{s}.conllu" for s in ("dev", "test")]
    nonst = [data / "ud-extra" / "nonstandard" / f"ro_nonstandard-ud-{s}.conllu" for s in ("dev", "test")]

    # --- MSD table: RRT dev (gold, same scheme as Rodna) + SiMoNERo as low-weight backoff
    table = MsdTable()
    table.add_conllu(rrt_dev, weight=1000)
    for p in simo:
        table.add_conllu(p, weight=1)

    # --- Rodna train
    sents = read_tab(data / "ud-rrt" / "rodna-derived" / "ro_rrt-ud-train.tab")
    spaces, mism = rodna_spacing(data / "ud-rrt" / "rodna-derived" / "ro_rrt-train.txt.tok", sents)
    unknown = Counter()
    rodna_sents = []
    for sent, sp in zip(sents, spaces):
        toks = []
        for (form, lemma, msd), s in zip(sent, sp):
            upos, xpos, feats, known = table.lookup(form, msd)
            if not known:
                unknown[msd] += 1
            toks.append({"form": form, "space": s, "upos": upos, "xpos": xpos, "feats": feats, "lemma": lemma})
        rodna_sents.append(toks)
    stats["rodna"] = {"sentences": len(rodna_sents), "tokens": sum(map(len, rodna_sents)),
                      "spacing_mismatches": mism, "unknown_msd_tokens": sum(unknown.values()),
                      "unknown_msd_top": unknown.most_common(15)}
    rodna_docs = []
    for i in range(0, len(rodna_sents), args.sents_per_doc):
        rodna_docs.append(make_doc(vocab, rodna_sents[i:i + args.sents_per_doc], trees=False))

    # --- RONEC v1 (entities only)
    mapping = json.loads(MAPPING_FILE.read_text(encoding="utf8"))["mapping"]
    v1_train, v1_labels = read_ronec_v1(data / "ronec" / "v1" / "ronec_v1_iob_train.conllup", mapping)
    v1_dev, _ = read_ronec_v1(data / "ronec" / "v1" / "ronec_v1_iob_dev.conllup", mapping)
    v2 = json.loads((data / "ronec" / "valid.json").read_text(encoding="utf8"))
    v2_norm = {norm_text("".join(d["tokens"])) for d in v2}
    ronec_docs = [make_doc(vocab, [t], tags=False, trees=False, lemmas=False, ents=True) for t, _ in v1_train]
    v1_silver, _ = read_ronec_v1(data / "ronec" / "v1" / "ronec_v1_iob_train.conllup", mapping, silver_trees=True)
    silver_docs = [make_doc(vocab, [t], tags=False, trees=True, lemmas=False, ents=True) for t, _ in v1_silver]
    v1_dev_docs = [make_doc(vocab, [t], tags=False, trees=False, lemmas=False, ents=True) for t, _ in v1_dev]
    v1_dev_noshared = [make_doc(vocab, [t], tags=False, trees=False, lemmas=False, ents=True)
                       for t, n in v1_dev if n not in v2_norm]
    v2_docs = []
    for d in v2:
        toks = [{"form": w, "space": bool(s), "iob": tag} for w, s, tag in zip(d["tokens"], d["space_after"], d["ner_tags"])]
        v2_docs.append(make_doc(vocab, [toks], tags=False, trees=False, lemmas=False, ents=True))
    stats["ronec"] = {"v1_train_sentences": len(ronec_docs), "v1_train_entities_by_v1_label": dict(v1_labels),
                      "v1_dev_sentences": len(v1_dev_docs), "v1_dev_noshared_sentences": len(v1_dev_noshared),
                      "v2_valid_sentences": len(v2_docs)}

    # --- trees
    simo_docs = []
    for p in simo:
        for grp in group_conllu_docs(p, args.sents_per_doc):
            simo_docs.append(make_doc(vocab, [conllu_tokens(s) for s in grp]))
    non_docs = []
    for p in nonst:
        for grp in group_conllu_docs(p, args.sents_per_doc):
            non_docs.append(make_doc(vocab, [conllu_tokens(s, with_tags=False) for s in grp],
                                     tags=False, lemmas=False))
    rrt_groups = group_conllu_docs(rrt_dev, args.sents_per_doc)
    rrt_docs = [make_doc(vocab, [conllu_tokens(s) for s in grp]) for grp in rrt_groups]
    stats["trees"] = {"simonero_docs": len(simo_docs), "nonstandard_docs": len(non_docs),
                      "rrt_dev_docs": len(rrt_docs), "rrt_dev_tokens": sum(len(d) for d in rrt_docs)}

    # --- cedilla augmentation (replace a fraction of training docs by their cedilla copy)
    def augment(docs):
        n = 0
        res = []
        for d in docs:
            if rng.random() < args.cedilla_frac and any(ch in d.text for ch in "șțȘȚ"):
                res.append(to_cedilla_doc(vocab, d))
                n += 1
            else:
                res.append(d)
        return res, n
    rodna_docs, n1 = augment(rodna_docs)
    ronec_docs, n2 = augment(ronec_docs)
    simo_docs, n3 = augment(simo_docs)
    stats["cedilla_augmented_docs"] = n1 + n2 + n3
    silver_docs, _ = augment(silver_docs)
    stats["ronec"]["v1_train_silver_tree_sentences"] = len(silver_docs)

    save(rodna_docs, out / "train" / "rodna.spacy")
    save(ronec_docs, out / "train" / "ronec_v1.spacy")
    save(silver_docs, out / "silver" / "ronec_v1_silver.spacy")
    save(simo_docs, out / "train" / "simonero.spacy")
    save(non_docs, out / "train" / "nonstandard.spacy")
    # folds over RRT dev documents (contiguous blocks of documents)
    k = args.folds
    idx = list(range(len(rrt_docs)))
    for f in range(k):
        save([rrt_docs[i] for i in idx if i % k == f], out / "rrt_folds" / f"fold{f}.spacy")
    save(rrt_docs, out / "rrt_dev.spacy")
    save(v1_dev_docs, out / "ronec_v1_dev.spacy")
    save(v1_dev_noshared, out / "ronec_v1_dev_noshared.spacy")
    save(v2_docs, out / "ronec_v2_valid.spacy")
    save(rrt_docs + v1_dev_docs, out / "dev.spacy")
    (out / "stats.json").write_text(json.dumps(stats, indent=1, ensure_ascii=False), encoding="utf8")
    print(json.dumps(stats, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
