#!/usr/bin/env bash
# Round-2 stage 1 (issue 11): GroupNorm + multi-scale window features, members from scratch.
# usage: ms-stage1.sh DIM SEED [SEED...]   (run from models/training; data from `data.sh DIM 100000`)
# Members run one after the other on ONE thread (start two invocations for the two cores). Each is resumable:
# rerun the identical command; finished members are skipped (train.py exits 0 at once).
# Output: work/DIMd/runs/ms-mSEED (+ .log). Tunables: EPOCHS (2) LR (2e-3) MINUTES (150 per member and
# invocation) WINDOWS (2,4,8,16,32,64).
set -uo pipefail
DIM=${1:?dimension 2 or 3}; shift
EPOCHS=${EPOCHS:-2}; LR=${LR:-2e-3}; MINUTES=${MINUTES:-150}; WINDOWS=${WINDOWS:-2,4,8,16,32,64}
W=work/${DIM}d
mkdir -p "$W/runs"
for SEED in "$@"; do
  out=$W/runs/ms-m$SEED
  /usr/bin/python3 train.py --data "$W/train" --val-data "$W/val" --seed "$SEED" --epochs "$EPOCHS" \
    --minutes "$MINUTES" --threads 1 --c0 32 --depth 4 --cmax 128 --kernel 5 --lr "$LR" \
    --frames-per-batch 12800 --val-tracks 4000 --evals-per-epoch 2 --norm group --multiscale "$WINDOWS" \
    --out "$out" --resume >> "$out.log" 2>&1
  rc=$?
  [ $rc -ne 0 ] && { echo "member $SEED stopped (exit $rc; 3 = time budget, rerun to resume), see $out.log" >&2; exit $rc; }
done
