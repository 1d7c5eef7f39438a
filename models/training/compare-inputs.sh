#!/usr/bin/env bash
# Raw (paper) vs scale-normalised (shipped) inputs: two members, same seed, data and steps, then
# compare_inputs.py. usage: compare-inputs.sh [DIM] [EPOCHS]   (defaults 2 and 0.5: 1,218 steps of the
# 100,000-track stage-1 set; run from models/training after data.sh). Resumable like stage.sh.
set -euo pipefail
DIM=${1:-2}; EPOCHS=${2:-0.5}
W=work/${DIM}d
pids=()
for f in raw scaled; do
  /usr/bin/python3 train.py --data "$W/train" --val-data "$W/val" --seed 211 --epochs "$EPOCHS" --minutes 145 \
    --threads 1 --c0 32 --depth 4 --cmax 128 --kernel 5 --lr 2e-3 --frames-per-batch 12800 --val-tracks 1000 \
    --evals-per-epoch 1 --features "$f" --out "$W/runs/cmp-$f" --resume >> "$W/runs/cmp-$f.log" 2>&1 &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
/usr/bin/python3 compare_inputs.py --runs "$W/runs/cmp-raw" "$W/runs/cmp-scaled" --val-data "$W/val" \
  --tracks 4000 --out "$W/compare-inputs"
