"""Train a NEW, cheaper `parser` for the shipped Romanian pipeline on its frozen tok2vec features (train_parser_ro.sh).

    python training/train_parser_cached.py --base MODEL_DIR --corpus CORPUS --out OUT_DIR \
        [--hidden-width 64] [--steps 3000] [--runs all fold0 ... fold4] [--eval-every 500] [--seed 0]

Why: the parser's precomputed feature layer (tokens x 96 by 96 x hidden x maxout x 13 features) is the largest
dense product of the pipeline; at hidden width 128 it costs about as much as the whole tok2vec (docs/scale.md,
"Where the Romanian time goes"). en_core_web_sm's parser has width 64.

The shared tok2vec of the shipped pipeline is frozen (the tagger, morphologizer, lemmatizer and ner read it too,
so their outputs stay byte-identical): its output for a text never changes, so it is computed once per training
document (doc.tensor) and the parser's Tok2VecListener reads it from there, as `spacy train` does with a frozen,
annotating tok2vec (train_ner_cached.py does the same for the ner).

Data (the trees stage B trains on, CORPUS = convert.py's output): SiMoNERo and Nonstandard dev+test
(train/simonero.spacy, train/nonstandard.spacy), the NLP-Cube silver trees of RONEC v1 train
(silver/ronec_v1_silver.spacy) and the RRT dev trees (rrt_folds/fold0..4.spacy). The Rodna RRT-train docs have no
trees and are not used.

Runs (no checkpoint selection anywhere: every run is trained for --steps and its last, parameter-averaged weights
are the result, as stage B's model-last):
  foldF: trained on everything except RRT-dev fold F, scored on fold F (UAS/LAS/sentence F, spaCy's scorer);
         the folds are pooled by tokens into OUT_DIR/../parser_kfold_wW.json. Caveat: the frozen tok2vec itself
         was fine-tuned with RRT dev trees in stage B, so these figures are optimistic for every width alike;
         compare widths under this protocol, not with the shipped model's own 5-fold figure.
  all:   trained on all folds; OUT_DIR = a copy of MODEL_DIR whose parser/ folder, the parser model block of
         config.cfg (hidden_width) and the parser labels + a `parser_train` record in meta.json are replaced.
The parser is trained from scratch (labels = those of the training trees with min_action_freq 30, as the shipped
config), Adam (lr 0.001, L2 0.01, grad clip 1.0, parameter averaging), batches of ~1000 words, dropout 0.1.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.training.batchers import minibatch_by_words
from thinc.api import Adam
from train_ner_cached import featurise, fresh  # the same frozen-tok2vec features and fresh docs as the ner

LISTENER = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "tok2vec"}
TREES = ("train/simonero.spacy", "train/nonstandard.spacy", "silver/ronec_v1_silver.spacy")


def read(nlp, path: Path) -> list[Doc]:
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def teacher_trees(parser, examples: list[Example]) -> list[Example]:
    """The same texts with the shipped parser's own parses (on the same frozen features) as their trees: silver
    trees from the teacher, so that a smaller parser learns what the shipped one outputs (distillation)."""
    docs = [fresh(eg.predicted) for eg in examples]
    for _doc in parser.pipe(docs, batch_size=64):
        pass
    out = []
    for eg, d in zip(examples, docs):
        ref = Doc(d.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d],
                  heads=[t.head.i for t in d], deps=[t.dep_ for t in d])
        out.append(Example(eg.predicted, ref))
    return out


def score(parser, examples: list[Example]) -> dict:
    docs = [fresh(eg.predicted) for eg in examples]
    for _doc in parser.pipe(docs, batch_size=64):
        pass
    s = parser.score([Example(d, eg.reference) for d, eg in zip(docs, examples)])
    return {"uas": round(100 * s["dep_uas"], 2), "las": round(100 * s["dep_las"], 2),
            "sents_f": round(100 * s["sents_f"], 2)}


def model_cfg(width: int, pieces: int) -> dict:
    return {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "parser", "extra_state_tokens": False,
            "hidden_width": width, "maxout_pieces": pieces, "use_upper": True, "nO": None, "tok2vec": LISTENER}


def train_one(nlp, train: list[Example], heldout: list[Example] | None, args, log) -> tuple[object, list]:
    """A fresh parser trained for args.steps steps; returns it (averaged weights) and the held-out curve."""
    spacy.util.fix_random_seed(args.seed)
    rng = random.Random(args.seed)
    nlp.replace_pipe("parser", "parser", config={"model": model_cfg(args.hidden_width, args.maxout_pieces),
                                                 "min_action_freq": 30, "update_with_oracle_cut_size": 100,
                                                 "learn_tokens": False})
    parser = nlp.get_pipe("parser")
    parser.initialize(lambda: train, nlp=nlp)
    opt = Adam(learn_rate=args.learn_rate, L2=0.01, grad_clip=1.0, use_averages=True, L2_is_weight_decay=True)
    t0, step, curve, losses = time.perf_counter(), 0, [], {}
    train = list(train)
    while step < args.steps:
        rng.shuffle(train)
        for batch in minibatch_by_words(train, size=args.batch_words, tolerance=0.2):
            parser.update(batch, drop=args.dropout, sgd=opt, losses=losses)
            step += 1
            if step % args.eval_every == 0 or step == args.steps:
                row = {"step": step, "loss": round(float(losses.get("parser", 0.0)), 1),
                       "s": round(time.perf_counter() - t0)}
                if heldout is not None:  # reported only, never used to pick anything
                    with parser.model.use_params(opt.averages):
                        row.update(score(parser, heldout))
                curve.append(row)
                log(json.dumps(row))
                losses = {}
            if step >= args.steps:
                break
    with parser.model.use_params(opt.averages):  # keep the averaged weights
        weights = parser.to_bytes(exclude=["vocab"])
    parser.from_bytes(weights, exclude=["vocab"])
    return parser, curve


def install(args, nlp, parser, record: dict) -> None:
    """OUT = copy of the base folder with only the parser replaced."""
    if args.out.exists():
        shutil.rmtree(args.out)
    shutil.copytree(args.base, args.out)
    shutil.rmtree(args.out / "parser")
    parser.to_disk(args.out / "parser", exclude=["vocab"])  # the pipeline's vocab is the shared one
    base_cfg = (args.base / "config.cfg").read_text(encoding="utf8")
    head, sep, tail = base_cfg.partition("[components.parser.model]")
    if not sep:
        raise ValueError(f"{args.base}/config.cfg has no [components.parser.model] block")
    block, nxt, rest = tail.partition("\n[")
    lines = []
    for line in block.split("\n"):
        if line.startswith("hidden_width = "):
            line = f"hidden_width = {args.hidden_width}"
        elif line.startswith("maxout_pieces = "):
            line = f"maxout_pieces = {args.maxout_pieces}"
        lines.append(line)
    (args.out / "config.cfg").write_text(head + sep + "\n".join(lines) + nxt + rest, encoding="utf8")
    meta = json.loads((args.base / "meta.json").read_text(encoding="utf8"))
    meta.setdefault("labels", {})["parser"] = sorted(parser.labels)
    meta.setdefault("newsgraph_eval", {})["parser_train"] = record
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf8")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--runs", nargs="+", default=["all", "fold0", "fold1", "fold2", "fold3", "fold4"])
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--eval-every", type=int, default=500)
    ap.add_argument("--hidden-width", type=int, default=64)
    ap.add_argument("--maxout-pieces", type=int, default=2)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--learn-rate", type=float, default=0.001)
    ap.add_argument("--batch-words", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--teacher-silver", action="store_true",
                    help="train on the shipped parser's own parses of the RONEC v1 silver texts, not NLP-Cube's trees")
    ap.add_argument("--teacher-text", nargs="*", default=[],
                    help="more DocBins under CORPUS (e.g. train/rodna.spacy) whose texts the shipped parser parses")
    ap.add_argument("--tag", default="", help="suffix of the log and k-fold file names (default: w<width>)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    tag = f"w{args.hidden_width}{args.tag}"
    logf = (args.out.parent / f"parser_{tag}.log").open("a", encoding="utf8")

    def log(msg: str) -> None:
        line = f"[{time.perf_counter() - t0:6.0f} s] {msg}"
        print(line, flush=True)
        logf.write(line + "\n")
        logf.flush()

    nlp = spacy.load(args.base)
    if str(nlp.vocab.vectors.data.dtype) == "float16":  # a float16 vector table (the ner's): thinc needs float32
        nlp.vocab.vectors.data = nlp.vocab.vectors.data.astype("float32")
    common = []
    teacher = nlp.get_pipe("parser")  # the shipped parser, before train_one replaces it
    for rel in TREES:
        egs = featurise(nlp, read(nlp, args.corpus / rel))
        if args.teacher_silver and rel.startswith("silver/"):
            egs = teacher_trees(teacher, egs)  # the shipped parser's trees instead of NLP-Cube's
        common.extend(egs)
    for rel in args.teacher_text:  # extra texts without trees, parsed by the shipped parser
        common.extend(teacher_trees(teacher, featurise(nlp, read(nlp, args.corpus / rel))))
    folds = [featurise(nlp, read(nlp, p)) for p in sorted((args.corpus / "rrt_folds").glob("fold*.spacy"))]
    log(f"featurised {len(common)} tree docs + {[len(f) for f in folds]} RRT-dev fold docs")
    kfold_path = args.out.parent / f"parser_kfold_{tag}.json"
    kfold = json.loads(kfold_path.read_text()) if kfold_path.exists() else {}
    settings = {"hidden_width": args.hidden_width, "maxout_pieces": args.maxout_pieces, "steps": args.steps,
                "dropout": args.dropout, "learn_rate": args.learn_rate, "batch_words": args.batch_words,
                "seed": args.seed, "teacher_silver": args.teacher_silver, "teacher_text": args.teacher_text}
    for run in args.runs:
        if run == "all":
            train, held = common + [eg for f in folds for eg in f], None
        else:
            k = int(run.removeprefix("fold"))
            train, held = common + [eg for i, f in enumerate(folds) if i != k for eg in f], folds[k]
        log(f"{run}: {len(train)} docs, {args.steps} steps, width {args.hidden_width}")
        parser, curve = train_one(nlp, train, held, args, lambda m, r=run: log(f"{r} {m}"))
        if held is None:
            record = {"script": "training/train_parser_cached.py", **settings, "train": list(TREES) + ["rrt_folds/*"] + args.teacher_text,
                      "selected_step": "last (no selection)", "seconds": round(time.perf_counter() - t0),
                      "labels": len(parser.labels)}
            install(args, nlp, parser, record)
            log(f"all: written {args.out}")
        else:
            kfold[run] = {**score(parser, held), "tokens": sum(len(eg.reference) for eg in held), "curve": curve}
            log(f"{run} last: {kfold[run]}")
        kfold["settings"] = settings
        done = [kfold[f"fold{i}"] for i in range(len(folds)) if f"fold{i}" in kfold]
        if done:
            n = sum(r["tokens"] for r in done)
            kfold["pooled"] = {key: round(sum(r[key] * r["tokens"] for r in done) / n, 2)
                               for key in ("uas", "las", "sents_f")} | {"folds": len(done), "tokens": n}
        kfold_path.write_text(json.dumps(kfold, indent=1))
    log(f"done: {json.dumps(kfold.get('pooled'))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
