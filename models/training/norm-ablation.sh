#!/usr/bin/env bash
# Lever 2 of issue 11: BatchNorm vs GroupNorm at equal budget (same data, member seed, steps, LR schedule).
# usage: norm-ablation.sh DIM SEED        (run from models/training; data made by `data.sh DIM TRACKS`)
# The two runs go one after the other on ONE thread (nice 10), each resumable: rerun the same command after
# an interruption or a budget stop and both continue from their checkpoints (a finished run is skipped).
# Output: work/DIMd/norm/{batch,group}-mSEED (+ .log). Tunables: EPOCHS (1.25) LR (2e-3) MINUTES (75 per run)
# EVALS (evaluations per epoch, 8) VAL (validation tracks 0..VAL-1 evaluated each time, 2000).
# Issue 11 run (2D, 40,000 tracks of seed 20101 from `data.sh 2 40000`): ./norm-ablation.sh 2 201
set -uo pipefail
DIM=${1:?dimension 2 or 3}; SEED=${2:?member seed}
EPOCHS=${EPOCHS:-1.25}; LR=${LR:-2e-3}; MINUTES=${MINUTES:-75}; EVALS=${EVALS:-8}; VAL=${VAL:-2000}
W=work/${DIM}d
mkdir -p "$W/norm"
rc=0
for norm in batch group; do
  out=$W/norm/$norm-m$SEED
  if grep -q '"status": "complete"' "$out/manifest.json" 2>/dev/null; then continue; fi
  nice -n 10 /usr/bin/python3 train.py --data "$W/train" --val-data "$W/val" --seed "$SEED" --epochs "$EPOCHS" \
    --minutes "$MINUTES" --threads 1 --c0 32 --depth 4 --cmax 128 --kernel 5 --lr "$LR" \
    --frames-per-batch 12800 --val-tracks "$VAL" --evals-per-epoch "$EVALS" --norm "$norm" \
    --out "$out" --resume >> "$out.log" 2>&1 || rc=$?
done
exit $rc
