"""Package a trained Romanian pipeline into the shipped model folder.

    python training/finalize.py --model SCRATCH/stageB/all/model-last \
        --out src/newsgraph/lang/models/ro_newsgraph --stage-a eval_stageA.json --final eval_final.json --kfold kfold.json

* adds Romanian tokenizer special cases (abbreviations missing from spacy.lang.ro),
* writes meta.json (name, version, licence, sources, accuracy figures from --metrics),
* writes README.md / LICENSE (CC BY-SA 4.0 attribution).
The result loads with plain `spacy.load(path)` (no custom code).
"""
from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import spacy
from spacy.symbols import ORTH

# Abbreviations found missing from spaCy's Romanian tokenizer exceptions (checked with
# spacy.blank("ro") 3.8): each is kept as ONE token, like RRT does ("dl.", "nr.", "art.").
# Deliberately NOT added: words that are also ordinary words ending a sentence
# ("mii.", "lei.", "min.", "loc.", "cap.", "dec.", "mar.").
EXTRA_ABBREVIATIONS = """
Dl. dl. Dna. dna. D-na d-na D-lui d-lui Dnul. Dnei. Pres. pres. bul. Bdul. bdul. jud. Jud. mun. Mun.
mil. mld. vol. pag. febr. feb. apr. iun. iul. sept. oct. nov. Gen. Col. col. cpt. Cpt. Mr. Mrs. Jr.
cf. Cf. î.Hr. d.Hr. acad. Acad. av. Av. ec. Ec. aprox. resp. nr.crt. pt. Pt. șos. Șos. Sos. dv. Dv.
""".split()
CEDILLA = str.maketrans({"ș": "ş", "ț": "ţ", "Ș": "Ş", "Ț": "Ţ"})

SOURCES = [
    {"name": "UD Romanian RRT (dev split: trees, tags, lemmas)",
     "url": "https://github.com/UniversalDependencies/UD_Romanian-RRT",
     "license": "CC BY-SA 4.0",
     "author": "Verginica Barbu Mititelu, Elena Irimia, Cenel-Augusto Perez, Radu Ion, Radu Simionescu, Martin Popel"},
    {"name": "UD Romanian RRT train split as converted by the Rodna project (RACAI): form/lemma/MSD + spacing",
     "url": "https://github.com/racai-ai/Rodna",
     "license": "CC BY-SA 4.0 (data derived from RRT); Rodna repository GPL-3.0",
     "author": "RACAI"},
    {"name": "UD Romanian SiMoNERo (dev+test splits used as training trees)",
     "url": "https://github.com/UniversalDependencies/UD_Romanian-SiMoNERo",
     "license": "CC BY-SA 4.0", "author": "Maria Mitrofan, Verginica Barbu Mititelu"},
    {"name": "UD Romanian Nonstandard (dev+test splits used as training trees)",
     "url": "https://github.com/UniversalDependencies/UD_Romanian-Nonstandard",
     "license": "CC BY-SA 4.0",
     "author": "Cătălina Mărănduc, Cenel-Augusto Perez, Victoria Bobicev, Cătălin Mititelu, Florinel Hociung, Valentin Roșca, Roman Untilov, Petru Rebeja"},
    {"name": "RONEC v1 (train portion, leakage-filtered; labels mapped to RONEC v2 names)",
     "url": "https://github.com/dumitrescustefan/ronec",
     "license": "MIT (Copyright (c) 2018 Stefan Dumitrescu)",
     "author": "Stefan Daniel Dumitrescu, Andrei-Marius Avram"},
]

README = """# ro_newsgraph — Romanian spaCy pipeline for newsgraph

Components: {pipeline}. One shared CNN tok2vec (width 96, depth 4, hash embeddings, no vectors).
Sentence boundaries come from the parser.

## Licence

This model is licensed **CC BY-SA 4.0** (https://creativecommons.org/licenses/by-sa/4.0/), because it is
derived from CC BY-SA 4.0 treebanks (the same licence spaCy uses for its `ro_core_news_*` pipelines).

## Attribution / sources

- UD_Romanian-RRT — V. Barbu Mititelu, E. Irimia, C.-A. Perez, R. Ion, R. Simionescu, M. Popel (CC BY-SA 4.0).
  Cite: Barbu Mititelu et al. 2016, "The Romanian Treebank Annotated According to Universal Dependencies", HrTAL2016.
  The train split was used as converted by the Rodna project (RACAI, github.com/racai-ai/Rodna):
  "UD_Romanian-RRT train split, as converted by the Rodna project (RACAI)". UPOS/FEATS were rebuilt from the
  MSD tags (change made by us).
- UD_Romanian-SiMoNERo — M. Mitrofan, V. Barbu Mititelu (CC BY-SA 4.0); dev+test splits used for training.
- UD_Romanian-Nonstandard (UAIC-RoDia) — C. Mărănduc, C.-A. Perez, V. Bobicev, C. Mititelu, F. Hociung,
  V. Roșca, R. Untilov, P. Rebeja (CC BY-SA 4.0); dev+test splits used for training (trees only).
- RONEC v1 — S. D. Dumitrescu, A.-M. Avram, "Introducing RONEC -- the Romanian Named Entity Corpus",
  arXiv:1909.01247 (MIT License, Copyright (c) 2018 Stefan Dumitrescu). Entity labels renamed to RONEC v2
  names (ORGANIZATION→ORG, NUMERIC_VALUE→NUMERIC, PRODUCT dropped = unannotated).

## Accuracy (see meta.json "performance" / "newsgraph_eval" and docs/models.md)

{acc}

## Notes

- Input text with legacy cedilla letters (ş ţ) is handled: ~15% of training documents were rewritten with
  cedillas. Normalising to comma-below (ș ț) before processing is still slightly better.
- Built by `training/train_ro.sh` in the newsgraph repository.
"""


def _load(p):
    return json.loads(p.read_text()) if p and p.exists() else None


def compose_metrics(args) -> dict:
    """Accuracy figures for meta.json: held-out numbers only, each labelled with what it measures."""
    m = {"parser_saw_rrt_dev": bool(args.saw_rrt_dev)}
    a, f, kf = _load(args.stage_a), _load(args.final), _load(args.kfold)
    if a:
        m["stageA_heldout_rrt_dev"] = dict(a["accuracy"]["rrt_dev"], note=(
            "stage-A model (tagger/lemmatizer/parser never trained on RRT dev), scored on RRT dev"))
    if kf:
        m["kfold_rrt_dev"] = dict(kf["pooled_token_weighted"], note=(
            f"{kf['k']}-fold CV over RRT dev: each fold's model fine-tuned without that fold"))
    if f:
        acc = f["accuracy"]
        m["final_rrt_dev"] = dict(acc["rrt_dev"], note=(
            "shipped model on RRT dev: SEEN in training (not held-out)" if args.saw_rrt_dev
            else "shipped model on RRT dev (held-out)"))
        m["ner_ronec_v2_valid"] = acc["ronec_v2_valid"]
        m["ner_ronec_v1_dev"] = acc["ronec_v1_dev"]
        m["ner_ronec_v1_dev_noshared"] = acc["ronec_v1_dev_noshared"]
    if args.train_seconds:
        m["train_seconds"] = args.train_seconds
    return m


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--stage-a", type=Path, default=None, help="eval_ro.py JSON of the stage-A model")
    ap.add_argument("--final", type=Path, default=None, help="eval_ro.py JSON of the model being shipped")
    ap.add_argument("--kfold", type=Path, default=None, help="kfold.json from training/kfold.py")
    ap.add_argument("--saw-rrt-dev", type=int, default=1, help="1 if the shipped model was trained on RRT dev")
    ap.add_argument("--train-seconds", type=int, default=None)
    ap.add_argument("--version", default="0.1.0")
    args = ap.parse_args()

    nlp = spacy.load(args.model)
    for abbr in EXTRA_ABBREVIATIONS:
        for form in {abbr, abbr.translate(CEDILLA)}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])

    metrics = compose_metrics(args)
    meta = nlp.meta
    meta["name"] = "newsgraph"
    meta["lang"] = "ro"
    meta["version"] = args.version
    meta["description"] = ("Romanian pipeline for newsgraph: tokenizer, tagger (MSD XPOS), morphologizer "
                           "(UPOS+FEATS), trainable lemmatizer, dependency parser (sentences), NER "
                           "(RONEC v2 label names).")
    meta["license"] = "CC BY-SA 4.0"
    meta["author"] = "newsgraph project"
    meta["sources"] = SOURCES
    meta["spacy_version"] = f">={spacy.__version__.rsplit('.', 1)[0]}.0,<3.9.0"
    meta["newsgraph_eval"] = metrics
    perf = {}
    held = metrics.get("kfold_rrt_dev") or metrics.get("stageA_heldout_rrt_dev") or {}
    if not metrics.get("parser_saw_rrt_dev"):
        held = metrics.get("final_rrt_dev", {})
    for k, v in (("pos_acc", "upos"), ("tag_acc", "xpos"), ("morph_acc", "feats"), ("lemma_acc", "lemma"),
                 ("dep_uas", "uas"), ("dep_las", "las"), ("sents_f", "sents_f")):
        if held.get(v) is not None:
            perf[k] = round(held[v] / 100, 4)
    ner = metrics.get("ner_ronec_v1_dev") or {}
    if ner:
        perf.update(ents_p=round(ner["p"] / 100, 4), ents_r=round(ner["r"] / 100, 4), ents_f=round(ner["f"] / 100, 4))
    meta["performance"] = perf
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.out.exists():
        shutil.rmtree(args.out)
    nlp.to_disk(args.out)
    # the fine-tuning-only callback (training/ro_train_code.py) must not be needed to re-initialise/load
    cfg_path = args.out / "config.cfg"
    cfg_text = cfg_path.read_text(encoding="utf8")
    cfg_text = cfg_text.replace(
        '[initialize.after_init]\n@callbacks = "newsgraph.restore_lemmatizer_labels.v1"\n', "")
    if "after_init" not in cfg_text.split("[initialize]", 1)[1].split("\n[", 1)[0]:
        cfg_text = cfg_text.replace("[initialize]\n", "[initialize]\nafter_init = null\n", 1)
    cfg_path.write_text(cfg_text, encoding="utf8")
    # to_disk writes nlp.meta; make sure our edits are there
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf8")

    acc_lines = []
    for k, v in metrics.items():
        if isinstance(v, dict):
            v = {a: b for a, b in v.items() if a not in ("per_label_f", "per_fold")}
        acc_lines.append(f"- {k}: {json.dumps(v, ensure_ascii=False)}")
    (args.out / "README.md").write_text(
        README.format(pipeline=", ".join(nlp.pipe_names), acc="\n".join(acc_lines) or "(not evaluated)"),
        encoding="utf8")
    (args.out / "LICENSE").write_text(
        "ro_newsgraph model: Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)\n"
        "https://creativecommons.org/licenses/by-sa/4.0/legalcode\n\n"
        "Derived from UD_Romanian-RRT, UD_Romanian-SiMoNERo, UD_Romanian-Nonstandard (all CC BY-SA 4.0) and\n"
        "RONEC v1 (MIT License, Copyright (c) 2018 Stefan Dumitrescu; the MIT notice follows).\n\n"
        "Permission is hereby granted, free of charge, to any person obtaining a copy of this software and\n"
        "associated documentation files (the \"Software\"), to deal in the Software without restriction,\n"
        "including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense,\n"
        "and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so,\n"
        "subject to the following conditions: The above copyright notice and this permission notice shall be\n"
        "included in all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED \"AS IS\",\n"
        "WITHOUT WARRANTY OF ANY KIND.\n\nSee README.md for the full attribution.\n",
        encoding="utf8")
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"saved {args.out} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
