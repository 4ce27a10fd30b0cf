"""NER-only corpora for the Romanian NER re-training (training/train_ner_ro.sh).

Usage:
    python training/convert_ner.py --data /tmp/ro-data/ro --out /tmp/ro-work/ner_corpus [--seed 0]

Unlike training/convert.py (v2 label names, PRODUCT left unannotated), every RONEC v1 label is kept:
v1 names are mapped to v2 names (ORGANIZATION->ORG, NUMERIC_VALUE->NUMERIC) and PRODUCT stays PRODUCT,
so the NER predicts all 16 v1 classes (v2 has no PRODUCT class; the entity layer maps PRODUCT to a type).

Outputs (DocBins in --out, a scratch directory outside the repository):
  v1_train.spacy        RONEC v1 train, all labels; --cedilla-frac of the sentences rewritten with ş ţ.
  v1_dev.spacy          RONEC v1 dev, all labels (checkpoint selection; never trained on).
  v1_dev_noprod.spacy   RONEC v1 dev with PRODUCT unannotated (the figure the old model was reported on).
  v2_train.spacy        RONEC v2 valid.json minus the sentences shared with v1 dev, minus v2_hold: v2-style
                        training data (only used when the recipe asks for it).
  v2_hold.spacy         a fixed quarter of v2 valid.json (by sentence id), never trained on: the v2 figure.
  v2_valid.spacy        the whole of v2 valid.json (evaluation of models that were not trained on v2).
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import convert  # training/convert.py (same readers and Doc builder)
import spacy
from spacy.tokens import DocBin


def all_labels_mapping() -> dict:
    mapping = json.loads(convert.MAPPING_FILE.read_text(encoding="utf8"))["mapping"]
    return {k: (v if v is not None else k) for k, v in mapping.items()}  # PRODUCT -> PRODUCT


def save(docs, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = DocBin(store_user_data=False)
    for d in docs:
        db.add(d)
    db.to_disk(path)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, required=True, help="unpacked ro/ directory")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cedilla-frac", type=float, default=0.15)
    ap.add_argument("--hold-every", type=int, default=4, help="v2 valid sentence ids with id %% N == 0 are held out")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    vocab = spacy.blank("ro").vocab
    allmap = all_labels_mapping()
    oldmap = json.loads(convert.MAPPING_FILE.read_text(encoding="utf8"))["mapping"]
    ronec = args.data / "ronec"

    def ner_doc(toks):
        return convert.make_doc(vocab, [toks], tags=False, trees=False, lemmas=False, ents=True)

    train, labels = convert.read_ronec_v1(ronec / "v1" / "ronec_v1_iob_train.conllup", allmap)
    dev, _ = convert.read_ronec_v1(ronec / "v1" / "ronec_v1_iob_dev.conllup", allmap)
    dev_noprod, _ = convert.read_ronec_v1(ronec / "v1" / "ronec_v1_iob_dev.conllup", oldmap)
    train_docs, n_ced = [], 0
    for toks, _ in train:
        d = ner_doc(toks)
        if rng.random() < args.cedilla_frac and any(ch in d.text for ch in "șțȘȚ"):
            d = convert.to_cedilla_doc(vocab, d)
            n_ced += 1
        train_docs.append(d)
    dev_norm = {n for _, n in dev}
    v2 = json.loads((ronec / "valid.json").read_text(encoding="utf8"))
    v2_train, v2_hold, v2_all, shared = [], [], [], 0
    for i, d in enumerate(v2):
        toks = [{"form": w, "space": bool(s), "iob": t}
                for w, s, t in zip(d["tokens"], d["space_after"], d["ner_tags"])]
        doc = ner_doc(toks)
        v2_all.append(doc)
        sid = int(d.get("id", i))
        if sid % args.hold_every == 0:
            v2_hold.append(doc)
        elif convert.norm_text("".join(d["tokens"])) in dev_norm:
            shared += 1  # shared with v1 dev: never trained on, so v1 dev stays clean
        else:
            v2_train.append(doc)
    out = args.out
    save(train_docs, out / "v1_train.spacy")
    save([ner_doc(t) for t, _ in dev], out / "v1_dev.spacy")
    save([ner_doc(t) for t, _ in dev_noprod], out / "v1_dev_noprod.spacy")
    save(v2_train, out / "v2_train.spacy")
    save(v2_hold, out / "v2_hold.spacy")
    save(v2_all, out / "v2_valid.spacy")
    stats = {"v1_train_sentences": len(train_docs), "v1_train_cedilla": n_ced,
             "v1_train_entities_by_v1_label": dict(labels), "v1_dev_sentences": len(dev),
             "v2_train_sentences": len(v2_train), "v2_hold_sentences": len(v2_hold),
             "v2_skipped_shared_with_v1_dev": shared}
    (out / "stats.json").write_text(json.dumps(stats, indent=1), encoding="utf8")
    print(json.dumps(stats, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
