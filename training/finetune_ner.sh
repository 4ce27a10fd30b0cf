#!/usr/bin/env bash
# NER-only fine-tuning of the Romanian pipeline (run after training/train_ro.sh).
#   Trains ONLY the `ner` weights on RONEC v1 train (tok2vec, tagger, morphologizer, lemmatizer, parser frozen;
#   tok2vec frozen + annotating), picks the checkpoint on RONEC v1 dev (never trained on), splices ner/model
#   into a copy of the shipped folder, evaluates before/after with benchmarks/eval_ro.py and replaces the
#   shipped folder only if v1-dev NER F rises, v2-valid NER F does not fall and all RRT-dev figures are
#   identical (training/finetune_ner_install.py). ~5 min training + ~3 min evaluation on one thread.
#
# usage: training/finetune_ner.sh     (from the repository root)
# env:   SCRATCH (default /tmp/ro-newsgraph-work, outside the repo), DATA ($SCRATCH: holds ro/),
#        CORPUS ($SCRATCH/corpus: convert.py output, rebuilt if missing), SOURCE (model whose ner is
#        fine-tuned; default $SCRATCH/stageB/all/model-last = train_ro.sh's final model, whose weights are
#        the shipped ones before this step), OUT (shipped folder), WORK ($SCRATCH/ner_ft), SEED (0),
#        STEPS (2000), INSTALL (1: replace OUT when accepted; 0: only report)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SHARED="${SHARED:-$ROOT/../shared}"
SCRATCH="${SCRATCH:-/tmp/ro-newsgraph-work}"
DATA="${DATA:-$SCRATCH}"
CORPUS="${CORPUS:-$SCRATCH/corpus}"
SOURCE="${SOURCE:-$SCRATCH/stageB/all/model-last}"
OUT="${OUT:-$ROOT/src/newsgraph/lang/models/ro_newsgraph}"
WORK="${WORK:-$SCRATCH/ner_ft}"
SEED="${SEED:-0}"
STEPS="${STEPS:-2000}"
INSTALL="${INSTALL:-1}"
for d in "$SCRATCH" "$WORK"; do
  case "$(realpath -m "$d")/" in "$ROOT"/*) echo "$d must be outside the repository" >&2; exit 2;; esac
done
[ -d "$SOURCE" ] || { echo "SOURCE=$SOURCE missing: run training/train_ro.sh first (or set SOURCE)" >&2; exit 2; }
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 BLIS_NUM_THREADS=1 PYTHONUNBUFFERED=1
PY="${PYTHON:-python}"
mkdir -p "$WORK"

if [ ! -f "$CORPUS/train/ronec_v1.spacy" ] || [ ! -f "$CORPUS/ronec_v1_dev.spacy" ]; then
  echo "== 0. rebuild DocBins in $CORPUS"
  mkdir -p "$DATA"
  [ -d "$DATA/ro" ] || tar -xJf "$SHARED/data/ro/ro-data.tar.xz" -C "$DATA"
  $PY training/convert.py --data "$DATA/ro" --out "$CORPUS" --seed "$SEED"
fi

echo "== 1. fine-tune ner only (RONEC v1 train; checkpoint = best RONEC v1 dev NER F, evaluated every 200 steps)"
rm -rf "$WORK/train"
$PY -m spacy train training/ro_ner_finetune.cfg --code training/ro_train_code.py \
    --paths.source "$SOURCE" --paths.train "$CORPUS/train/ronec_v1.spacy" \
    --paths.dev "$CORPUS/ronec_v1_dev.spacy" --training.max_steps "$STEPS" --system.seed "$SEED" \
    -o "$WORK/train" 2>&1 | tee "$WORK/train.log"

echo "== 2. splice ner/model into a copy of $OUT (refuses if any other component changed)"
$PY training/finetune_ner_install.py assemble --base "$OUT" --trained "$WORK/train/model-best" \
    --out "$WORK/candidate"

echo "== 3. evaluate before / after"
$PY benchmarks/eval_ro.py --model "$OUT" --data-dir "$DATA" --no-speed --json "$WORK/eval_before.json"
$PY benchmarks/eval_ro.py --model "$WORK/candidate" --data-dir "$DATA" --no-speed --json "$WORK/eval_after.json"
# training record for meta.json: settings + the selected step (first row with the best ENTS_F in the log)
$PY - "$WORK/train.log" "$STEPS" "$SEED" > "$WORK/record.json" <<'EOF'
import json, re, sys
rows = [l.split() for l in open(sys.argv[1], encoding="utf8") if re.match(r"^\s*\d+\s+\d+\s+[\d.]+\s", l)]
best = max(rows, key=lambda r: (float(r[-4]), int(r[1])))  # ENTS_F; spaCy keeps the later step on a tie
print(json.dumps({"script": "training/finetune_ner.sh", "config": "training/ro_ner_finetune.cfg",
                  "train": "RONEC v1 train (entities only)", "max_steps": int(sys.argv[2]),
                  "seed": int(sys.argv[3]), "learn_rate": 0.0001, "use_averages": True, "dropout": 0.1,
                  "batch_words": 1000, "selected_step": int(best[1]),
                  "selected_by": "RONEC v1 dev NER F (evaluated every 200 steps; v1 dev never trained on)"}))
EOF

echo "== 4. accept / reject"
if [ "$INSTALL" = "1" ]; then INS=(--install "$OUT"); else INS=(); fi
set +e
$PY training/finetune_ner_install.py decide --before "$WORK/eval_before.json" --after "$WORK/eval_after.json" \
    --candidate "$WORK/candidate" --record "$WORK/record.json" "${INS[@]}"
rc=$?
set -e
if [ "$rc" = 0 ] && [ "$INSTALL" = "1" ]; then
  echo "== 5. speed of the installed model vs en_core_web_sm"
  $PY benchmarks/eval_ro.py --model "$OUT" --data-dir "$DATA" --no-accuracy --json "$WORK/eval_speed.json"
fi
exit 0
