#!/usr/bin/env bash
# A cheaper parser for the shipped Romanian pipeline, trained alone on the frozen tok2vec, installed only if it passes
# the gate (training/parser_gate.py). See training/README.md, "A cheaper parser".
#
# usage: training/train_parser_ro.sh        (from the repository root; or: make -C training train-parser-ro)
# env:   SCRATCH (default /tmp/ro-newsgraph-work, outside the repo), SHARED (../shared), BASE (the shipped model),
#        OUT (where an accepted parser is installed; default the shipped folder), WORK ($SCRATCH/parser),
#        WIDTH (64), REF_WIDTH (128: the reference trained the same way; empty = skip), STEPS (1500),
#        FOLDS ("0 1 2 3 4"), MAX_LAS_DROP (1.0), INSTALL (1),
#        TEACHER (empty; e.g. "--teacher-silver --teacher-text train/rodna.spacy": distil from the shipped parser)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SHARED="${SHARED:-$ROOT/../shared}"
SCRATCH="${SCRATCH:-/tmp/ro-newsgraph-work}"
BASE="${BASE:-$ROOT/src/newsgraph/lang/models/ro_newsgraph}"
OUT="${OUT:-$BASE}"
WORK="${WORK:-$SCRATCH/parser}"
WIDTH="${WIDTH:-64}"
REF_WIDTH="${REF_WIDTH-128}"
STEPS="${STEPS:-1500}"
FOLDS="${FOLDS:-0 1 2 3 4}"
MAX_LAS_DROP="${MAX_LAS_DROP:-1.0}"
TEACHER="${TEACHER:-}"
case "$(realpath -m "$SCRATCH")/" in "$ROOT"/*) echo "SCRATCH must be outside the repository" >&2; exit 2;; esac
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 BLIS_NUM_THREADS=1 PYTHONUNBUFFERED=1
PY="${PYTHON:-python}"
RUNS=""
for f in $FOLDS; do RUNS="$RUNS fold$f"; done

if [ ! -f "$SCRATCH/corpus/rrt_folds/fold0.spacy" ]; then
  mkdir -p "$SCRATCH"
  tar -xJf "$SHARED/data/ro/ro-data.tar.xz" -C "$SCRATCH"
  $PY training/convert.py --data "$SCRATCH/ro" --out "$SCRATCH/corpus" --seed 0
fi
mkdir -p "$WORK"
rm -rf "$WORK/base" && cp -r "$BASE" "$WORK/base"   # a frozen copy: OUT may be BASE
echo "== 1. width $WIDTH: folds$RUNS (held-out) + the final parser on all trees"
$PY training/train_parser_cached.py --base "$WORK/base" --corpus "$SCRATCH/corpus" --out "$WORK/candidate" \
    --hidden-width "$WIDTH" --steps "$STEPS" --runs all $RUNS $TEACHER
if [ -n "$REF_WIDTH" ]; then
  echo "== 2. reference width $REF_WIDTH, same protocol (folds only)"
  $PY training/train_parser_cached.py --base "$WORK/base" --corpus "$SCRATCH/corpus" --out "$WORK/reference" \
      --hidden-width "$REF_WIDTH" --steps "$STEPS" --runs $RUNS $TEACHER
fi
echo "== 3. evaluate base and candidate (RRT dev: other components must be identical; NER identical)"
$PY benchmarks/eval_ro.py --model "$WORK/base" --data-dir "$SCRATCH" --no-speed --json "$WORK/eval_before.json"
$PY benchmarks/eval_ro.py --model "$WORK/candidate" --data-dir "$SCRATCH" --no-speed --json "$WORK/eval_after.json"
echo "== 4. speed: candidate beside base, three runs"
for i in 1 2 3; do
  $PY benchmarks/eval_ro.py --model "$WORK/candidate" --baseline "$WORK/base" --data-dir "$SCRATCH" --no-accuracy \
      --json "$WORK/eval_speed$i.json" > /dev/null
done
echo "== 5. events (they read the parse): benchmarks/events_ro.py over a copy of the code with each model"
for w in before after; do
  T="$WORK/tree_$w"; rm -rf "$T"; mkdir -p "$T"
  git archive HEAD src benchmarks examples | tar -x -C "$T"
  rm -rf "$T/src/newsgraph/lang/models/ro_newsgraph"
  if [ "$w" = before ]; then cp -r "$WORK/base" "$T/src/newsgraph/lang/models/ro_newsgraph"
  else cp -r "$WORK/candidate" "$T/src/newsgraph/lang/models/ro_newsgraph"; fi
  ln -sfn "$(realpath "$SHARED")" "$WORK/shared"   # events_ro.py reads ../shared beside its tree
  (cd "$T" && PYTHONPATH="$T/src" $PY benchmarks/events_ro.py > "$WORK/events_$w.txt")
  rm -rf "$T"
done
echo "== 6. gate"
if [ "${INSTALL:-1}" = "1" ]; then INST="--install $OUT"; else INST=""; fi
$PY training/parser_gate.py --work "$WORK" --width "$WIDTH" --ref-width "${REF_WIDTH:-$WIDTH}" \
    --max-las-drop "$MAX_LAS_DROP" $INST
