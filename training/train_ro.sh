#!/usr/bin/env bash
# Build the Romanian newsgraph pipeline end to end:
#   unpack -> convert -> stage A (from scratch, no RRT-dev trees) -> stage B (fine-tune with RRT dev,
#   5-fold CV for honest parser figures + final all-folds model) -> evaluate -> write the model folder.
#
# usage: training/train_ro.sh            (from the repository root; ~1 h on 2 CPU cores)
# env:   SCRATCH (default /tmp/ro-newsgraph-work; MUST be outside the repo), SHARED (default ../shared),
#        SEED (0), STEPS_A (4000), FT_STEPS (600), JOBS (2 parallel single-thread trainings),
#        SKIP_CV=1 (no k-fold, final fine-tune only), SKIP_NER_FT=1 (no step 8), SKIP_NER_ALL=1 (no step 9),
#        OUT (model folder)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SHARED="${SHARED:-$ROOT/../shared}"
SCRATCH="${SCRATCH:-/tmp/ro-newsgraph-work}"
SEED="${SEED:-0}"
STEPS_A="${STEPS_A:-4000}"
FT_STEPS="${FT_STEPS:-600}"
JOBS="${JOBS:-2}"
OUT="${OUT:-$ROOT/src/newsgraph/lang/models/ro_newsgraph}"
case "$(realpath -m "$SCRATCH")/" in "$ROOT"/*) echo "SCRATCH must be outside the repository" >&2; exit 2;; esac
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 BLIS_NUM_THREADS=1 PYTHONUNBUFFERED=1
PY="${PYTHON:-python}"
T0=$(date +%s)

echo "== 1. unpack data into $SCRATCH"
mkdir -p "$SCRATCH"
tar -xJf "$SHARED/data/ro/ro-data.tar.xz" -C "$SCRATCH"

echo "== 2. convert to DocBins"
$PY training/convert.py --data "$SCRATCH/ro" --out "$SCRATCH/corpus" --seed "$SEED"

echo "== 3. stage A: train from scratch (rodna tags/lemmas + RONEC v1 ents + SiMoNERo/Nonstandard trees)"
$PY -m spacy train training/ro_sm.cfg --paths.train "$SCRATCH/corpus/train" \
    --paths.dev "$SCRATCH/corpus/dev.spacy" --training.max_steps "$STEPS_A" --training.patience 5000 \
    --training.eval_frequency 500 --system.seed "$SEED" -o "$SCRATCH/stageA"

echo "== 4. evaluate stage A (held-out on RRT dev: its tagger/parser never saw RRT dev)"
$PY benchmarks/eval_ro.py --model "$SCRATCH/stageA/model-best" --data-dir "$SCRATCH" --no-speed \
    --json "$SCRATCH/eval_stageA.json"

echo "== 5. stage B: fine-tune with RRT dev trees (k-fold CV + final model)"
if [ "${SKIP_CV:-0}" = "1" ]; then CV="--skip-cv"; else CV=""; fi
$PY training/kfold.py --source "$SCRATCH/stageA/model-best" --corpus "$SCRATCH/corpus" \
    --out "$SCRATCH/stageB" --steps "$FT_STEPS" --jobs "$JOBS" --seed "$SEED" $CV

echo "== 6. evaluate the final model + write the model folder"
$PY benchmarks/eval_ro.py --model "$SCRATCH/stageB/all/model-last" --data-dir "$SCRATCH" --no-speed \
    --json "$SCRATCH/eval_final.json"
$PY training/finalize.py --model "$SCRATCH/stageB/all/model-last" --out "$OUT" \
    --stage-a "$SCRATCH/eval_stageA.json" --final "$SCRATCH/eval_final.json" \
    --kfold "$SCRATCH/stageB/kfold.json" --train-seconds $(( $(date +%s) - T0 ))

echo "== 7. benchmark the shipped model (accuracy + speed vs en_core_web_sm)"
$PY benchmarks/eval_ro.py --model "$OUT" --data-dir "$SCRATCH" --json "$SCRATCH/eval_shipped.json"
echo "== 8. NER-only fine-tuning (frozen tok2vec/tagger/parser), installed into \$OUT only if it improves"
if [ "${SKIP_NER_FT:-0}" != "1" ]; then
  SCRATCH="$SCRATCH" DATA="$SCRATCH" CORPUS="$SCRATCH/corpus" SOURCE="$SCRATCH/stageB/all/model-last" OUT="$OUT" \
    SEED="$SEED" bash training/finetune_ner.sh
fi
echo "== 9. NER with all RONEC v1 labels (PRODUCT) on the frozen features, installed into \$OUT only if it improves"
if [ "${SKIP_NER_ALL:-0}" != "1" ]; then
  SCRATCH="$SCRATCH" BASE="$OUT" OUT="$OUT" SEED="$SEED" bash training/train_ner_ro.sh
fi
echo "done in $(( $(date +%s) - T0 )) s; model at $OUT"
