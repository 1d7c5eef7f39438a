#!/usr/bin/env bash
# Lever 3 of issue 11: multi-scale window features (model.multiscale_features) on top of GroupNorm, at the
# equal budget of norm-ablation.sh (same data, member seed, steps, LR schedule, evaluation points), so the
# run compares directly with work/DIMd/norm/group-mSEED (results/round2/norm-ablation-2d-mSEED.json).
# usage: ms-ablation.sh DIM SEED [WINDOWS]   (run from models/training; data from `data.sh DIM 40000`)
# Resumable: rerun the same command. Output: work/DIMd/ms/group-ms-mSEED (+ .log).
# Tunables as in norm-ablation.sh: EPOCHS (1.25) LR (2e-3) EVALS (8) VAL (2000) MINUTES (150).
set -uo pipefail
DIM=${1:?dimension 2 or 3}; SEED=${2:?member seed}; WINDOWS=${3:-2,4,8,16,32,64}
EPOCHS=${EPOCHS:-1.25}; LR=${LR:-2e-3}; MINUTES=${MINUTES:-150}; EVALS=${EVALS:-8}; VAL=${VAL:-2000}
W=work/${DIM}d
out=$W/ms/group-ms-m$SEED
mkdir -p "$W/ms"
exec nice -n 10 /usr/bin/python3 train.py --data "$W/train" --val-data "$W/val" --seed "$SEED" --epochs "$EPOCHS" \
  --minutes "$MINUTES" --threads 1 --c0 32 --depth 4 --cmax 128 --kernel 5 --lr "$LR" \
  --frames-per-batch 12800 --val-tracks "$VAL" --evals-per-epoch "$EVALS" --norm group --multiscale "$WINDOWS" \
  --out "$out" --resume >> "$out.log" 2>&1
