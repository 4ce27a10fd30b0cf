"""Accept or reject a re-trained Romanian ner (training/train_ner_vectors_ro.sh, step 5) and install it if accepted.

    python training/ner_gate.py --work WORK [--min-gain 1.0] [--min-speed 0.95] [--max-mb 25] [--install OUT]

WORK holds `base/` and `candidate/` (model folders) and the benchmarks/eval_ro.py results `eval_before.json`
(base, accuracy), `eval_after.json` (candidate, accuracy) and `eval_speed.json` (candidate timed beside base in one
run). Accepted only if ALL hold: RONEC v1 dev (all 16 labels) F >= base + min-gain; RONEC v2 held-out quarter F >=
base; every RRT-dev figure (tagger, morphologizer, lemmatizer, parser) identical; candidate words/s >= min-speed x
base's; candidate folder < max-mb MB. The verdict and the figures go to WORK/gate.json; exit status 0 either way
(1 only for missing inputs).
"""
from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

KEEP = ("ronec_v1_dev_all", "ronec_v1_dev", "ronec_v1_dev_noshared", "ronec_v2_hold", "ronec_v2_hold_noproduct",
        "ronec_v2_valid", "ronec_v2_valid_noproduct")


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def verdict(before: dict, after: dict, speed: dict, size_mb: float, min_gain: float, min_speed: float,
            max_mb: float) -> dict:
    def rrt(x: dict) -> dict:
        return {k: v for k, v in x["rrt_dev"].items() if k != "note"}

    checks = {
        "v1_dev_all_gain": after["ronec_v1_dev_all"]["f"] >= before["ronec_v1_dev_all"]["f"] + min_gain,
        "v2_hold_not_lower": after["ronec_v2_hold"]["f"] >= before["ronec_v2_hold"]["f"],
        "rrt_dev_identical": rrt(after) == rrt(before),
        "speed": speed["model_over_baseline"] >= min_speed,
        "size": size_mb < max_mb,
    }
    return {"accepted": all(checks.values()), "checks": checks,
            "f": {k: [before.get(k, {}).get("f"), after[k]["f"]] for k in KEEP if k in after},
            "speed_ratio": speed["model_over_baseline"], "size_mb": round(size_mb, 1)}


def install(work: Path, out: Path, before: dict, after: dict, v: dict) -> None:
    cand = work / "candidate"
    meta = json.loads((cand / "meta.json").read_text(encoding="utf8"))
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
    ap.add_argument("--min-gain", type=float, default=1.0)
    ap.add_argument("--min-speed", type=float, default=0.95)
    ap.add_argument("--max-mb", type=float, default=25.0)
    ap.add_argument("--install", type=Path, default=None, help="model folder to replace when accepted")
    args = ap.parse_args()
    try:
        before = json.loads((args.work / "eval_before.json").read_text(encoding="utf8"))["accuracy"]
        after = json.loads((args.work / "eval_after.json").read_text(encoding="utf8"))["accuracy"]
        speed = json.loads((args.work / "eval_speed.json").read_text(encoding="utf8"))["speed_vs_baseline"]
    except (OSError, KeyError, json.JSONDecodeError) as e:
        print(f"{args.work}: missing or incomplete evaluation: {e}")
        return 1
    v = verdict(before, after, speed, folder_mb(args.work / "candidate"), args.min_gain, args.min_speed, args.max_mb)
    (args.work / "gate.json").write_text(json.dumps(v, indent=1), encoding="utf8")
    print(json.dumps(v, indent=1))
    if v["accepted"] and args.install is not None:
        install(args.work, args.install, before, after, v)
        print("installed", args.install)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
