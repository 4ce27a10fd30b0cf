#!/usr/bin/env bash
# Re-train the Romanian NER with ALL RONEC v1 labels (PRODUCT included) on the frozen features of the pipeline.
#   Runs after training/train_ro.sh + training/finetune_ner.sh (step 9 of train_ro.sh), whose model is the BASE:
#   tok2vec/tagger/morphologizer/lemmatizer/parser stay byte-identical; only ner/ changes. The ner starts from
#   the BASE ner's weights, gets the PRODUCT label, and is trained on RONEC v1 train (all labels) [+ RONEC v2
#   valid minus its held-out quarter and minus the sentences shared with v1 dev, when V2=1], checkpoint picked on
#   RONEC v1 dev (all labels, never trained on). Installed into OUT only when v1-dev (all labels) F rises by
#   MIN_GAIN or more and every RRT-dev figure is unchanged.  ~15 min of CPU on one thread.
#
# usage: training/train_ner_ro.sh        (from the repository root)
# env:   SCRATCH (/tmp/ro-newsgraph-work), BASE (the shipped folder), OUT (the shipped folder), STEPS (1500),
#        LR (0.002), V2 (1), SEED (0), MIN_GAIN (0.5), INSTALL (1), FORCE (0: refuse a BASE that already
#        predicts PRODUCT, i.e. a model this script already produced)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SHARED="${SHARED:-$ROOT/../shared}"
SCRATCH="${SCRATCH:-/tmp/ro-newsgraph-work}"
OUT="${OUT:-$ROOT/src/newsgraph/lang/models/ro_newsgraph}"
BASE="${BASE:-$OUT}"
STEPS="${STEPS:-1500}"
LR="${LR:-0.002}"
V2="${V2:-1}"
SEED="${SEED:-0}"
MIN_GAIN="${MIN_GAIN:-0.5}"
INSTALL="${INSTALL:-1}"
WORK="$SCRATCH/ner_all"
case "$(realpath -m "$SCRATCH")/" in "$ROOT"/*) echo "SCRATCH must be outside the repository" >&2; exit 2;; esac
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 BLIS_NUM_THREADS=1 PYTHONUNBUFFERED=1
PY="${PYTHON:-python}"
if grep -q '"PRODUCT"' "$BASE/ner/moves" 2>/dev/null && [ "${FORCE:-0}" != "1" ]; then
  echo "BASE=$BASE already predicts PRODUCT (made by this script); run train_ro.sh first or set FORCE=1" >&2
  exit 2
fi
mkdir -p "$WORK"
[ -d "$SCRATCH/ro" ] || tar -xJf "$SHARED/data/ro/ro-data.tar.xz" -C "$SCRATCH"

echo "== 1. NER corpora (all v1 labels; v2 valid split into a held-out quarter and training sentences)"
$PY training/convert_ner.py --data "$SCRATCH/ro" --out "$WORK/corpus" --seed "$SEED"
TRAIN=("$WORK/corpus/v1_train.spacy")
[ "$V2" = "1" ] && TRAIN+=("$WORK/corpus/v2_train.spacy")

echo "== 2. train the ner on the frozen tok2vec features (checkpoint = best RONEC v1 dev F, all labels)"
$PY training/train_ner_cached.py --from-base --base "$BASE" --train "${TRAIN[@]}" --dev "$WORK/corpus/v1_dev.spacy" \
    --out "$WORK/candidate" --steps "$STEPS" --eval-every 100 --patience 600 --learn-rate "$LR" --seed "$SEED" \
    2>&1 | tee "$WORK/train.log"

echo "== 3. evaluate base / candidate (same data, same run) and time both"
$PY benchmarks/eval_ro.py --model "$BASE" --data-dir "$SCRATCH" --no-speed --json "$WORK/eval_before.json"
$PY benchmarks/eval_ro.py --model "$WORK/candidate" --data-dir "$SCRATCH" --no-speed --json "$WORK/eval_after.json"
$PY benchmarks/eval_ro.py --model "$WORK/candidate" --baseline "$BASE" --data-dir "$SCRATCH" --no-accuracy \
    --json "$WORK/eval_speed.json"

echo "== 4. accept / reject"
$PY - "$WORK" "$MIN_GAIN" "$INSTALL" "$OUT" "$V2" <<'EOF'
import json, shutil, sys
from pathlib import Path
work, gain, install, out, v2 = Path(sys.argv[1]), float(sys.argv[2]), sys.argv[3] == "1", Path(sys.argv[4]), sys.argv[5] == "1"
b = json.loads((work / "eval_before.json").read_text())["accuracy"]
a = json.loads((work / "eval_after.json").read_text())["accuracy"]
rrt = lambda x: {k: v for k, v in x["rrt_dev"].items() if k != "note"}
for k in a:
    if k.startswith("ronec"):
        print(f"{k:32s} F {b.get(k, {}).get('f')} -> {a[k]['f']}")
ok = a["ronec_v1_dev_all"]["f"] >= b["ronec_v1_dev_all"]["f"] + gain and rrt(a) == rrt(b)
print("rrt_dev identical:", rrt(a) == rrt(b), "| accepted:", ok)
if ok and install:
    cand = work / "candidate"
    meta = json.loads((cand / "meta.json").read_text())
    ev = meta.setdefault("newsgraph_eval", {})
    for k in ("ronec_v1_dev_all", "ronec_v1_dev", "ronec_v1_dev_noshared", "ronec_v2_hold", "ronec_v2_hold_noproduct",
              "ronec_v2_valid", "ronec_v2_valid_noproduct"):
        if k in a:
            ev["ner_" + k] = a[k]
    ev["ner_v2_valid_note"] = ("trained on 3/4 of RONEC v2 valid: only ronec_v2_hold (id % 4 == 0) is held out"
                               if v2 else "not trained on RONEC v2 valid")
    ev["ner_before_all_labels"] = {k: {x: b[k][x] for x in "prf"} for k in b if k.startswith("ronec")}
    v1 = a["ronec_v1_dev_all"]
    meta.setdefault("performance", {}).update(ents_p=round(v1["p"] / 100, 4), ents_r=round(v1["r"] / 100, 4),
                                              ents_f=round(v1["f"] / 100, 4))
    (cand / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False))
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(cand, out)
    print("installed", out)
EOF
