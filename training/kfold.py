"""Stage B: fine-tune the stage-A pipeline with the RRT dev trees, k-fold cross-validated.

    python training/kfold.py --source STAGE_A/model-best --corpus CORPUS --out OUT [--k 5] [--steps 2000] [--jobs 2]

Stage A never saw RRT dev trees/tags. Stage B continues training stage A (config ro_sm_finetune.cfg) on
all stage-A training data PLUS RRT dev documents. To report honest parser figures on RRT dev:
  fold f:  fine-tune on train + (RRT dev minus fold f)  -> evaluate on fold f (never trained on)
  final :  fine-tune on train + all RRT dev              -> the shipped model (OUT/all/model-last)
Folds are pooled (token-weighted) into OUT/kfold.json. Each run is a separate `spacy train`
process with one thread; --jobs runs that many at once.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEYS = {"upos": "pos_acc", "xpos": "tag_acc", "feats": "morph_acc", "lemma": "lemma_acc",
        "uas": "dep_uas", "las": "dep_las", "sents_f": "sents_f"}


def make_train_dir(corpus: Path, dest: Path, folds: list[Path], silver: bool):
    dest.mkdir(parents=True, exist_ok=True)
    base = sorted((corpus / "train").glob("*.spacy"))
    if silver:  # RONEC v1 with entities + NLP-Cube silver trees instead of entities only
        base = [p for p in base if p.name != "ronec_v1.spacy"] + [corpus / "silver" / "ronec_v1_silver.spacy"]
    for p in base + folds:
        link = dest / p.name
        if link.exists() or link.is_symlink():
            link.unlink()
        link.symlink_to(p.resolve())


def filter_folds(source: Path, folds: list[Path], dest: Path) -> list[Path]:
    """Copies of the fold DocBins whose XPOS tags unknown to the source tagger are blanked (= missing).

    spaCy's tagger cannot learn a label it was not initialised with (KeyError); the morphologizer,
    lemmatizer and parser skip/handle unseen labels themselves.
    """
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.load(source)
    known = set(nlp.get_pipe("tagger").labels)
    dest.mkdir(parents=True, exist_ok=True)
    out, blanked = [], 0
    for f in folds:
        docs = list(DocBin().from_disk(f).get_docs(nlp.vocab))
        for d in docs:
            for t in d:
                if t.tag_ and t.tag_ not in known:
                    t.tag_ = ""
                    blanked += 1
        db = DocBin(docs=docs)
        db.to_disk(dest / f.name)
        out.append(dest / f.name)
    print(f"[kfold] blanked {blanked} RRT-dev XPOS tags unknown to the stage-A tagger", flush=True)
    return out


def run_jobs(cmds, jobs: int, env):
    running = []
    for name, cmd, log in cmds:
        while len(running) >= jobs:
            _wait_one(running)
        print(f"[kfold] start {name}: {' '.join(map(str, cmd))}", flush=True)
        running.append((name, subprocess.Popen(cmd, stdout=open(log, "w"), stderr=subprocess.STDOUT, env=env)))
    while running:
        _wait_one(running)


def _wait_one(running):
    name, p = running[0]
    rc = p.wait()
    running.pop(0)
    print(f"[kfold] done {name} rc={rc}", flush=True)
    if rc != 0:
        raise SystemExit(f"training {name} failed (rc={rc})")


def evaluate_fold(model: Path, fold: Path) -> tuple[dict, int]:
    import spacy
    from spacy.tokens import DocBin
    from spacy.training import Example

    nlp = spacy.load(model)
    if str(nlp.vocab.vectors.data.dtype) == "float16":  # a float16 vector table (ro_newsgraph's ner): spaCy needs
        nlp.vocab.vectors.data = nlp.vocab.vectors.data.astype("float32")  # float32 to run StaticVectors (E896)
    docs = list(DocBin().from_disk(fold).get_docs(nlp.vocab))
    exs = [Example(nlp.make_doc(d.text), d) for d in docs]
    s = nlp.evaluate(exs)
    return {k: round(100 * float(s[v]), 2) for k, v in KEYS.items() if s.get(v) is not None}, sum(map(len, docs))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--steps", type=int, default=600)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--silver", type=int, default=1,
                    help="1: use RONEC v1 silver (NLP-Cube) trees in stage B (default); 0: entities only")
    ap.add_argument("--skip-cv", action="store_true", help="only train the final (all-folds) model")
    args = ap.parse_args()

    folds = sorted((args.corpus / "rrt_folds").glob("fold*.spacy"))
    assert len(folds) == args.k, folds
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1",
               PYTHONUNBUFFERED="1")
    cfg = HERE / "ro_sm_finetune.cfg"
    cmds = []
    ft_folds = filter_folds(args.source, folds, args.out / "folds_ft")
    runs = ([] if args.skip_cv else
            [(f"fold{f}", [p for i, p in enumerate(ft_folds) if i != f]) for f in range(args.k)])
    runs.append(("all", ft_folds))
    for name, use in runs:
        tdir = args.out / name / "train"
        make_train_dir(args.corpus, tdir, use, args.silver)
        # dev.spacy (RRT dev + RONEC v1 dev) is only LOGGED during fine-tuning (sanity check); no model
        # selection happens on it: model-last is the model used/shipped.
        cmd = [sys.executable, "-m", "spacy", "train", str(cfg), "--code", str(HERE / "ro_train_code.py"),
               "--paths.source", str(args.source),
               "--paths.train", str(tdir), "--paths.dev", str(args.corpus / "dev.spacy"),
               "--training.max_steps", str(args.steps), "--training.eval_frequency", str(min(200, args.steps)),
               "--system.seed", str(args.seed), "-o", str(args.out / name)]
        cmds.append((name, cmd, args.out / f"{name}.log"))
    # final model first so that a time-out still leaves a shippable model
    cmds.sort(key=lambda c: c[0] != "all")
    run_jobs(cmds, args.jobs, env)

    if args.skip_cv:
        return
    per_fold, tot = {}, {}
    ntok_all = 0
    for f in range(args.k):
        sc, ntok = evaluate_fold(args.out / f"fold{f}" / "model-last", folds[f])
        per_fold[f"fold{f}"] = dict(sc, tokens=ntok)
        ntok_all += ntok
        for key, v in sc.items():
            tot[key] = tot.get(key, 0.0) + v * ntok
    pooled = {k: round(v / ntok_all, 2) for k, v in tot.items()}
    res = {"k": args.k, "steps": args.steps, "silver_trees": bool(args.silver), "source": str(args.source), "pooled_token_weighted": pooled,
           "per_fold": per_fold,
           "protocol": "each fold model = stage-A model fine-tuned on stage-A data + the other k-1 RRT dev folds; "
                       "scored on the held-out fold; k folds pooled by tokens"}
    (args.out / "kfold.json").write_text(json.dumps(res, indent=1))
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
