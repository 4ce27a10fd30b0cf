"""Train a NEW `ner` for the shipped Romanian pipeline on its frozen tok2vec features (training/train_ner_ro.sh).

    python training/train_ner_cached.py --base MODEL_DIR --train A.spacy [B.spacy ...] --dev v1_dev.spacy \
        --out OUT_DIR [--steps 4000] [--eval-every 250] [--hidden-width 64] [--dropout 0.2] [--seed 0]

The shared tok2vec of the shipped pipeline is frozen, so its output for a sentence never changes: it is computed
once per training/dev sentence (doc.tensor) and the ner's Tok2VecListener reads it from there, exactly as
`spacy train` does with a frozen, annotating tok2vec (frozen_components + annotating_components), only without
re-running the CNN at every step (about 4x cheaper on a CPU). Tokenisation is the shipped tokenizer's (with its
special cases). Everything except the ner is untouched: OUT_DIR is a copy of MODEL_DIR whose ner/ folder,
the ner block of config.cfg and the ner labels in meta.json are replaced.

The ner is trained from scratch (fresh weights, labels = those in the training data), Adam (lr 0.001, L2 0.01,
grad clip 1.0, parameter averaging), batches of ~1000 words, dropout 0.2 inside the ner. Every --eval-every steps
the averaged weights are scored on --dev (strict span F, spaCy's NER scorer); the best are kept (--dev is for
checkpoint selection only, never trained on). A JSON record of the run is written to OUT_DIR/../ner_train.json.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import time
from pathlib import Path

import spacy
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.training.batchers import minibatch_by_words
from thinc.api import Adam

LISTENER = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "tok2vec"}
VECTOR_FILES = ("vectors", "key2row", "vectors.cfg")  # a spaCy Vectors folder, as the pipeline's vocab/ holds it


def listener_with_vectors(width: int) -> dict:
    """The ner's input: the frozen shared tok2vec output (listener) concatenated with the static vectors of the
    pipeline's vocab projected to `width` (spaCy StaticVectors: a row lookup by the table's key attribute, ORTH, and a linear map; words
    without a vector get zeros). Registered thinc/spaCy layers only, so the saved config loads without newsgraph."""
    return {"@layers": "concatenate.v1",
            "*": {"listener": LISTENER,
                  "vectors": {"@layers": "chain.v1",
                              "*": {"static": {"@layers": "spacy.StaticVectors.v2", "nO": width, "nM": None,
                                               "dropout": None,
                                               "init_W": {"@initializers": "glorot_uniform_init.v1"}},
                                    "list": {"@layers": "ragged2list.v1"}}}}}


def read(nlp, paths: list[Path]) -> list[Doc]:
    docs = []
    for p in paths:
        docs.extend(DocBin().from_disk(p).get_docs(nlp.vocab))
    return docs


def featurise(nlp, gold: list[Doc]) -> list[Example]:
    """Examples whose predicted Doc is the shipped tokenizer's, with the frozen tok2vec output as doc.tensor."""
    preds = [nlp.make_doc(d.text) for d in gold]
    tok2vec = nlp.get_pipe("tok2vec")
    for i in range(0, len(preds), 64):
        batch = preds[i:i + 64]
        for doc, t in zip(batch, tok2vec.predict(batch)):
            doc.tensor = t
    return [Example(p, g) for p, g in zip(preds, gold)]


def fresh(doc: Doc) -> Doc:
    d = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    d.tensor = doc.tensor
    return d


def score(ner, examples: list[Example]) -> dict:
    docs = [fresh(eg.predicted) for eg in examples]
    for _doc in ner.pipe(docs, batch_size=64):
        pass
    s = get_ner_prf([Example(d, eg.reference) for d, eg in zip(docs, examples)])
    return {"p": round(100 * s["ents_p"], 2), "r": round(100 * s["ents_r"], 2), "f": round(100 * s["ents_f"], 2),
            "per_label_f": {k: round(100 * v["f"], 2) for k, v in sorted(s["ents_per_type"].items())}}


def _param_nodes(model, skip_vectors: bool) -> list:
    return [n for n in model.walk() if n.param_names and not (skip_vectors and n.name == "static_vectors")]


def warm_start(ner, base) -> None:
    """Copy the base ner's weights into a freshly initialised ner of the same shape whose label set is larger:
    the tok2vec projection and the hidden (lower) layer as they are, each output row to the action of the same name; the new labels' actions
    keep their fresh initial weights. (spaCy's add_label on a trained ner leaves a new label unlearnt here:
    PRODUCT was never predicted after 800 steps.)"""
    up_new, up_old = ner.model.get_ref("upper"), base.model.get_ref("upper")
    # a base without vectors: the new vectors' projection (static_vectors) keeps its fresh weights
    base_has_vectors = any(n.name == "static_vectors" for n in base.model.walk())
    nodes_new, nodes_old = _param_nodes(ner.model, not base_has_vectors), _param_nodes(base.model, False)
    if [n.name for n in nodes_new] != [n.name for n in nodes_old]:
        raise ValueError("the base ner has another architecture: cannot warm-start")
    for a, b in zip(nodes_new, nodes_old):  # the tok2vec projection and the hidden (lower) layer, as they are
        if a is up_new:
            continue
        for name in b.param_names:
            if b.has_param(name):
                new, old = a.get_param(name), b.get_param(name)
                if new.shape == old.shape:
                    a.set_param(name, old.copy())
                elif name == "W" and new.ndim == 2 and new.shape[0] == old.shape[0] and new.shape[1] > old.shape[1]:
                    # the projection of a wider input (listener + static vectors): the listener's columns as they
                    # were, the vectors' columns start at zero, so training starts from the base ner's predictions
                    W = new.copy()
                    W[:, :old.shape[1]] = old
                    W[:, old.shape[1]:] = 0.0
                    a.set_param(name, W)
                else:
                    raise ValueError(f"ner layer {a.name} {name}: shapes differ, cannot warm-start")
    W, b = up_new.get_param("W").copy(), up_new.get_param("b").copy()
    W_old, b_old = up_old.get_param("W"), up_old.get_param("b")
    old = {base.moves.get_class_name(i): i for i in range(base.moves.n_moves)}
    copied = 0
    for i in range(ner.moves.n_moves):
        j = old.get(ner.moves.get_class_name(i))
        if j is not None:
            W[i], b[i] = W_old[j], b_old[j]
            copied += 1
    up_new.set_param("W", W)
    up_new.set_param("b", b)
    print(f"warm start: {copied} of {ner.moves.n_moves} actions from the base ner", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", type=Path, required=True)
    ap.add_argument("--train", type=Path, nargs="+", required=True)
    ap.add_argument("--dev", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--steps", type=int, default=4000)
    ap.add_argument("--eval-every", type=int, default=250)
    ap.add_argument("--hidden-width", type=int, default=64)
    ap.add_argument("--maxout-pieces", type=int, default=2)
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--learn-rate", type=float, default=0.001)
    ap.add_argument("--batch-words", type=int, default=1000)
    ap.add_argument("--patience", type=int, default=0, help="stop after this many steps without a better dev F")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--vectors", type=Path, default=None,
                    help="a spaCy Vectors folder (training/build_ro_vectors.py): the ner reads them beside the frozen "
                         "tok2vec (copied into OUT_DIR/vocab; the other components never read vectors)")
    ap.add_argument("--vector-width", type=int, default=32, help="width the static vectors are projected to")
    ap.add_argument("--float16", action="store_true",
                    help="store OUT_DIR's vector table as float16 (half the bytes; trained with float32, newsgraph's "
                         "loader widens it back: newsgraph.lang.float32_vectors)")
    ap.add_argument("--from-base", action="store_true",
                    help="start from the base model's ner weights (labels the data adds are appended) instead of a "
                         "fresh ner; --hidden-width/--maxout-pieces are then the base's")
    args = ap.parse_args()
    spacy.util.fix_random_seed(args.seed)
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    nlp = spacy.load(args.base)
    if str(nlp.vocab.vectors.data.dtype) == "float16":  # the shipped model stores its vectors as float16; spaCy's
        nlp.vocab.vectors.data = nlp.vocab.vectors.data.astype("float32")  # StaticVectors needs float32 (E896)
    if args.vectors is not None:
        nlp.vocab.vectors.from_disk(args.vectors, exclude=["strings"])
        print(f"vectors {nlp.vocab.vectors.shape}, {nlp.vocab.vectors.n_keys} keys", flush=True)
    cfg = {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner", "extra_state_tokens": False,
           "hidden_width": args.hidden_width, "maxout_pieces": args.maxout_pieces, "use_upper": True, "nO": None,
           "tok2vec": LISTENER}
    if not args.from_base:
        if args.vectors is not None:
            cfg["tok2vec"] = listener_with_vectors(args.vector_width)
        nlp.replace_pipe("ner", "ner", config={"model": cfg})
    ner = nlp.get_pipe("ner")
    train = featurise(nlp, read(nlp, args.train))
    dev = featurise(nlp, read(nlp, [args.dev]))
    print(f"featurised {len(train)} train / {len(dev)} dev sentences in {time.perf_counter() - t0:.0f} s", flush=True)
    if args.from_base:
        print(f"base ner on dev: {score(ner, dev)['f']}", flush=True)
        cfg_model = nlp.config["components"]["ner"]["model"]
        args.hidden_width, args.maxout_pieces = cfg_model["hidden_width"], cfg_model["maxout_pieces"]
        cfg.update(hidden_width=args.hidden_width, maxout_pieces=args.maxout_pieces)
        if args.vectors is not None:
            cfg["tok2vec"] = listener_with_vectors(args.vector_width)
        base_ner = ner
        nlp.replace_pipe("ner", "ner", config={"model": cfg})
        ner = nlp.get_pipe("ner")
    ner.initialize(lambda: train, nlp=nlp)
    if args.from_base:
        warm_start(ner, base_ner)
    opt = Adam(learn_rate=args.learn_rate, L2=0.01, grad_clip=1.0, use_averages=True, L2_is_weight_decay=True)
    best, best_step, best_bytes, history, step = -1.0, 0, None, [], 0
    losses: dict = {}
    while step < args.steps:
        rng.shuffle(train)
        for batch in minibatch_by_words(train, size=args.batch_words, tolerance=0.2):
            ner.update(batch, drop=args.dropout, sgd=opt, losses=losses)
            step += 1
            if step % args.eval_every == 0 or step == args.steps:
                with ner.model.use_params(opt.averages):
                    s = score(ner, dev)
                    if s["f"] > best:
                        best, best_step, best_bytes = s["f"], step, ner.to_bytes()
                history.append({"step": step, "loss": round(float(losses.get("ner", 0.0)), 1), **{k: s[k] for k in "prf"}})
                print(f"step {step:5d}  loss {losses.get('ner', 0.0):9.1f}  dev P {s['p']:.2f} R {s['r']:.2f} "
                      f"F {s['f']:.2f}  (best {best:.2f} @ {best_step})  {time.perf_counter() - t0:.0f} s", flush=True)
                losses = {}
            if step >= args.steps or args.patience and step - best_step >= args.patience:
                break
        if args.patience and step - best_step >= args.patience:
            break
    ner.from_bytes(best_bytes)
    final = score(ner, dev)
    # OUT = copy of the base folder with only the ner replaced
    if args.out.exists():
        shutil.rmtree(args.out)
    shutil.copytree(args.base, args.out)
    shutil.rmtree(args.out / "ner")
    ner.to_disk(args.out / "ner", exclude=["vocab"])  # the pipeline's vocab is the shared one
    base_cfg = (args.base / "config.cfg").read_text(encoding="utf8")
    new_cfg = base_cfg
    if args.vectors is not None:  # the ner model block is the one trained here; everything else as in the base
        cfg_obj = spacy.util.load_config(args.base / "config.cfg", interpolate=False)
        cfg_obj["components"]["ner"]["model"] = cfg
        new_cfg = cfg_obj.to_str()
        for name in VECTOR_FILES:
            shutil.copyfile(args.vectors / name, args.out / "vocab" / name)
        if args.float16:  # the table as spaCy's Vectors.to_disk writes it (numpy.save), cast
            import numpy

            path = args.out / "vocab" / "vectors"
            with path.open("rb") as f:
                table = numpy.load(f, allow_pickle=False)
            with path.open("wb") as f:
                numpy.save(f, table.astype(numpy.float16))
    else:
        head, sep, tail = base_cfg.partition("[components.ner.model]")
        if sep:  # only the ner model block's widths change
            tail = tail.replace("hidden_width = 64", f"hidden_width = {args.hidden_width}", 1)
            tail = tail.replace("maxout_pieces = 2", f"maxout_pieces = {args.maxout_pieces}", 1)
            new_cfg = head + sep + tail
    (args.out / "config.cfg").write_text(new_cfg, encoding="utf8")
    meta = json.loads((args.base / "meta.json").read_text(encoding="utf8"))
    meta.setdefault("labels", {})["ner"] = sorted(ner.labels)
    record = {"script": "training/train_ner_cached.py", "from_base": args.from_base, "train": [p.name for p in args.train], "dev": args.dev.name,
              "steps": step, "selected_step": best_step, "hidden_width": args.hidden_width,
              "maxout_pieces": args.maxout_pieces, "dropout": args.dropout, "learn_rate": args.learn_rate,
              "batch_words": args.batch_words, "seed": args.seed, "dev_best": final,
              "vectors": None if args.vectors is None else {"dir": args.vectors.name, "shape": list(nlp.vocab.vectors.shape),
                                                            "width": args.vector_width, "float16": args.float16},
              "seconds": round(time.perf_counter() - t0), "history": history}
    meta.setdefault("newsgraph_eval", {})["ner_train"] = {k: v for k, v in record.items() if k != "history"}
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf8")
    (args.out.parent / f"{args.out.name}.ner_train.json").write_text(json.dumps(record, indent=1), encoding="utf8")
    print(json.dumps({k: v for k, v in record.items() if k != "history"}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
