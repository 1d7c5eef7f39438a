#!/usr/bin/env bash
# Train a further stage of ensemble members: each member starts from its previous stage's best.pt
# (train.py --init) with a fresh optimiser and one-cycle LR schedule, on a NEW training set.
# usage: next-stage.sh DIM STAGE SEED...        (run from models/training; STAGE >= 2)
#   data:    work/DIMd/train-sSTAGE, simulated here if missing, seed DIM01STAGE (2D stage 2: 20102)
#   start:   stage 2 from work/DIMd/runs/mSEED/best.pt, stage k > 2 from work/DIMd/runs/s(k-1)-mSEED/best.pt
#   output:  work/DIMd/runs/sSTAGE-mSEED (+ .log); all members in parallel, one thread each
# Rerunning the same command after an interruption resumes every member from its checkpoint.
# Tunables (environment): TRACKS (150000) EPOCHS (2) LR (1e-3) MINUTES (145)
set -euo pipefail
DIM=${1:?dimension 2 or 3}; STAGE=${2:?stage number >= 2}; shift 2
[ "$STAGE" -ge 2 ] || { echo "STAGE must be >= 2 (stage 1: stage.sh)" >&2; exit 2; }
[ $# -ge 1 ] || { echo "need member seeds" >&2; exit 2; }
TRACKS=${TRACKS:-150000}; EPOCHS=${EPOCHS:-2}; LR=${LR:-1e-3}; MINUTES=${MINUTES:-145}
JAR=${DEEPSPT_JAR:-../../deepspt-cli/target/deepspt.jar}
W=work/${DIM}d
DATA=$W/train-s$STAGE
if [ ! -f "$DATA/spec.json" ]; then
  java -jar "$JAR" export-training --dim "$DIM" --tracks "$TRACKS" --seed "${DIM}01$(printf %02d "$STAGE")" --out "$DATA"
fi
pids=()
for s in "$@"; do
  if [ "$STAGE" -eq 2 ]; then FROM=$W/runs/m$s/best.pt; else FROM=$W/runs/s$((STAGE - 1))-m$s/best.pt; fi
  /usr/bin/python3 train.py --data "$DATA" --val-data "$W/val" --seed "$s" --epochs "$EPOCHS" \
    --minutes "$MINUTES" --threads 1 --c0 32 --depth 4 --cmax 128 --kernel 5 --lr "$LR" \
    --frames-per-batch 12800 --val-tracks 4000 --evals-per-epoch 2 --init "$FROM" \
    --out "$W/runs/s$STAGE-m$s" --resume >> "$W/runs/s$STAGE-m$s.log" 2>&1 &
  pids+=($!)
done
rc=0
for p in "${pids[@]}"; do wait "$p" || rc=$?; done
exit $rc
