#!/usr/bin/env bash
# Train two ensemble members of one dimension in parallel (one thread each), resumably.
# usage: stage.sh DIM SEED_A SEED_B        (run from models/training; data made by data.sh)
# Rerunning the same command after an interruption resumes both members from their checkpoints.
# Tunables (environment): EPOCHS C0 DEPTH CMAX KERNEL LR MINUTES FRAMES_PER_BATCH
set -euo pipefail
DIM=${1:?dimension 2 or 3}; SEED_A=${2:?first member seed}; SEED_B=${3:?second member seed}
W=work/${DIM}d
EPOCHS=${EPOCHS:-4}; C0=${C0:-32}; DEPTH=${DEPTH:-4}; CMAX=${CMAX:-128}; KERNEL=${KERNEL:-5}
LR=${LR:-2e-3}; MINUTES=${MINUTES:-145}; FRAMES_PER_BATCH=${FRAMES_PER_BATCH:-12800}
mkdir -p "$W/runs"
pids=()
for s in "$SEED_A" "$SEED_B"; do
  /usr/bin/python3 train.py --data "$W/train" --val-data "$W/val" --seed "$s" --epochs "$EPOCHS" \
    --minutes "$MINUTES" --threads 1 --c0 "$C0" --depth "$DEPTH" --cmax "$CMAX" --kernel "$KERNEL" \
    --lr "$LR" --frames-per-batch "$FRAMES_PER_BATCH" --val-tracks 4000 --evals-per-epoch 2 \
    --out "$W/runs/m$s" --resume >> "$W/runs/m$s.log" 2>&1 &
  pids+=($!)
done
rc=0
for p in "${pids[@]}"; do wait "$p" || rc=$?; done
exit $rc
