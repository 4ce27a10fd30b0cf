"""Helper of training/finetune_ner.sh: assemble the NER-fine-tuned pipeline and (optionally) install it.

    python training/finetune_ner_install.py assemble --base MODEL_DIR --trained TRAIN_OUT/model-best --out CAND
    python training/finetune_ner_install.py decide --before eval_before.json --after eval_after.json \
        --candidate CAND [--install MODEL_DIR] [--record JSON]

assemble: copies the shipped folder --base (tokenizer special cases, meta, README, LICENSE) to --out and
    replaces only ner/ by the fine-tuned one. Refuses unless every other component's weights in --trained
    are byte-identical to --base (i.e. they really were frozen) and ner/cfg + ner/moves (labels) are unchanged.
decide: accepts the candidate only if RONEC v1 dev NER F rises, RONEC v2 valid NER F does not fall and every
    RRT-dev figure (UPOS/XPOS/FEATS/LEMMA/UAS/LAS/sents) is identical; with --install it then replaces the
    model folder and updates meta.json (performance ents_*, newsgraph_eval ner_* + a ner_finetune record)
    and the README's accuracy lines. Exit status 0 = accepted, 3 = rejected.
"""
from __future__ import annotations

import argparse
import filecmp
import json
import shutil
import sys
from pathlib import Path

FROZEN = ("tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "parser")
NER_KEYS = ("ronec_v2_valid", "ronec_v1_dev", "ronec_v1_dev_noshared")


def assemble(args) -> int:
    for comp in FROZEN:
        for f in (args.base / comp).iterdir():
            if f.is_file() and not filecmp.cmp(f, args.trained / comp / f.name, shallow=False):
                sys.exit(f"{comp}/{f.name} differs between --base and --trained: not a frozen fine-tune of --base")
    for f in ("cfg", "moves"):
        if not filecmp.cmp(args.base / "ner" / f, args.trained / "ner" / f, shallow=False):
            sys.exit(f"ner/{f} changed (architecture or label set): refusing to splice")
    if args.out.exists():
        shutil.rmtree(args.out)
    shutil.copytree(args.base, args.out)
    shutil.copy2(args.trained / "ner" / "model", args.out / "ner" / "model")
    print(f"assembled {args.out} (ner/model from {args.trained})")
    return 0


def _acc(p: Path) -> dict:
    j = json.loads(p.read_text(encoding="utf8"))
    return j.get("accuracy", j)


def decide(args) -> int:
    b, a = _acc(args.before), _acc(args.after)
    rrt_b = {k: v for k, v in b["rrt_dev"].items() if k != "note"}
    rrt_a = {k: v for k, v in a["rrt_dev"].items() if k != "note"}
    checks = {
        "v1_dev_f_up": a["ronec_v1_dev"]["f"] > b["ronec_v1_dev"]["f"],
        "v2_valid_f_not_down": a["ronec_v2_valid"]["f"] >= b["ronec_v2_valid"]["f"],
        "rrt_dev_identical": rrt_a == rrt_b,
    }
    for k in NER_KEYS:
        print(f"{k:24s} F {b[k]['f']:6.2f} -> {a[k]['f']:6.2f}  (P {b[k]['p']:.2f}->{a[k]['p']:.2f}, "
              f"R {b[k]['r']:.2f}->{a[k]['r']:.2f})")
    print("rrt_dev before", rrt_b, "\nrrt_dev after ", rrt_a)
    print("checks:", checks)
    ok = all(checks.values())
    if not ok:
        print("REJECTED: shipped model left unchanged")
        return 3
    if args.install is None:
        print("ACCEPTED (no --install given: nothing replaced)")
        return 0
    meta_p = args.candidate / "meta.json"
    meta = json.loads(meta_p.read_text(encoding="utf8"))
    ev = meta.setdefault("newsgraph_eval", {})
    ev["ner_ronec_v2_valid"] = a["ronec_v2_valid"]
    ev["ner_ronec_v1_dev"] = a["ronec_v1_dev"]
    ev["ner_ronec_v1_dev_noshared"] = a["ronec_v1_dev_noshared"]
    rec = json.loads(args.record.read_text(encoding="utf8")) if args.record else {}
    rec["before"] = {k: {x: b[k][x] for x in "prf"} for k in NER_KEYS}
    rec["note"] = ("only ner/model re-trained (training/finetune_ner.sh); tok2vec/tagger/morphologizer/"
                   "lemmatizer/parser byte-identical; RONEC v1 dev used for checkpoint selection only")
    ev["ner_finetune"] = rec
    perf = meta.setdefault("performance", {})
    v1 = a["ronec_v1_dev"]
    perf.update(ents_p=round(v1["p"] / 100, 4), ents_r=round(v1["r"] / 100, 4), ents_f=round(v1["f"] / 100, 4))
    meta_p.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf8")
    readme = args.candidate / "README.md"
    if readme.exists():
        lines = []
        for line in readme.read_text(encoding="utf8").splitlines():
            for k in NER_KEYS:
                if line.startswith(f"- ner_{k}:"):
                    line = f"- ner_{k}: " + json.dumps({x: a[k][x] for x in "prf"}, ensure_ascii=False)
            lines.append(line)
            if line.startswith("- ner_ronec_v1_dev_noshared:"):
                lines.append("- ner_finetune: only the ner weights were re-trained (training/finetune_ner.sh): "
                             + json.dumps({k: v for k, v in rec.items() if k not in ("before", "note")},
                                          ensure_ascii=False))
        readme.write_text("\n".join(lines) + "\n", encoding="utf8")
    if args.install.exists():
        shutil.rmtree(args.install)
    shutil.copytree(args.candidate, args.install)
    print(f"ACCEPTED and installed to {args.install}")
    return 0


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("assemble")
    s.add_argument("--base", type=Path, required=True)
    s.add_argument("--trained", type=Path, required=True)
    s.add_argument("--out", type=Path, required=True)
    s = sub.add_parser("decide")
    s.add_argument("--before", type=Path, required=True)
    s.add_argument("--after", type=Path, required=True)
    s.add_argument("--candidate", type=Path, required=True)
    s.add_argument("--install", type=Path, default=None)
    s.add_argument("--record", type=Path, default=None, help="JSON with the training settings to store in meta")
    args = ap.parse_args()
    sys.exit(assemble(args) if args.cmd == "assemble" else decide(args))


if __name__ == "__main__":
    main()
