#!/usr/bin/env bash
# Lever 2 of issue 11: BatchNorm vs GroupNorm at equal budget (same data, member seed, steps, LR schedule).
# usage: norm-ablation.sh DIM SEED        (run from models/training; data made by `data.sh DIM TRACKS`)
# Both runs share ONE thread (nice 10) and advance in alternation, CHUNK steps at a time
# (train.py --stop-at-step), so that whenever the script is stopped both have done the same number of steps
# on the same one-cycle LR schedule. Resumable: rerun the same command and both continue from their
# checkpoints; finished runs are skipped.
# Output: work/DIMd/norm/{batch,group}-mSEED (+ .log). Tunables: EPOCHS (1.25) LR (2e-3) CHUNK (242 steps)
# EVALS (evaluations per epoch, 8) VAL (validation tracks 0..VAL-1 evaluated each time, 2000) MINUTES (per
# invocation guard, 60).
# Issue 11 run (2D, 40,000 tracks of seed 20101 from `data.sh 2 40000`): ./norm-ablation.sh 2 201
set -uo pipefail
DIM=${1:?dimension 2 or 3}; SEED=${2:?member seed}
EPOCHS=${EPOCHS:-1.25}; LR=${LR:-2e-3}; MINUTES=${MINUTES:-60}; EVALS=${EVALS:-8}; VAL=${VAL:-2000}
CHUNK=${CHUNK:-242}
W=work/${DIM}d
mkdir -p "$W/norm"
done_steps() {  # steps done by a run so far (0 if none)
  /usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['state']['step'])" \
    "$1/manifest.json" 2>/dev/null || echo 0
}
complete() { grep -q '"status": "complete"' "$1/manifest.json" 2>/dev/null; }
stop=$CHUNK
while true; do
  all=1
  for norm in batch group; do
    out=$W/norm/$norm-m$SEED
    complete "$out" && continue
    all=0
    [ "$(done_steps "$out")" -ge "$stop" ] && continue
    nice -n 10 /usr/bin/python3 train.py --data "$W/train" --val-data "$W/val" --seed "$SEED" --epochs "$EPOCHS" \
      --minutes "$MINUTES" --threads 1 --c0 32 --depth 4 --cmax 128 --kernel 5 --lr "$LR" \
      --frames-per-batch 12800 --val-tracks "$VAL" --evals-per-epoch "$EVALS" --norm "$norm" \
      --stop-at-step "$stop" --out "$out" --resume >> "$out.log" 2>&1
    rc=$?
    [ $rc -ne 0 ] && [ $rc -ne 3 ] && { echo "$norm run failed (exit $rc), see $out.log" >&2; exit $rc; }
  done
  [ $all -eq 1 ] && exit 0
  stop=$((stop + CHUNK))
done
