#!/usr/bin/env bash
# Issue 20, stage "wide": fine-tunes the shipped fast member of one dimension (2D member 203, 3D member 302;
# their weights rebuilt from the bundled ONNX by from_onnx.py) on the widened training population
# (org.deepspt.sim.WideSimulator, `export-training --recipe wide`), one thread, a wall-clock budget.
# usage (from models/training, after `mvn -B -q -DskipTests package` at the repository root):
#   ./wide-stage.sh DIM [MINUTES]            # rerun the same line after an interruption: it resumes
# Seeds: wide training DIM0111 (200,000 tracks), wide validation DIM0211 (10,000; tracks 0-3,999 select the
# checkpoint, 4,000-9,999 calibrate); the held-out test sets use DIM03xx seeds (models/evaluate-wide.sh).
set -euo pipefail
DIM=${1:?dimension 2 or 3}; MINUTES=${2:-100}
JAR=${DEEPSPT_JAR:-../../deepspt-cli/target/deepspt.jar}
DATA=${WIDE_DATA:-work/wide}
case $DIM in 2) MEMBER=203 ;; 3) MEMBER=302 ;; *) echo "dimension must be 2 or 3" >&2; exit 2 ;; esac
mkdir -p "$DATA" work/init work/runs
[ -f "$DATA/${DIM}d-train/spec.json" ] || java -jar "$JAR" export-training --dim "$DIM" --tracks 200000 \
  --seed "${DIM}0111" --recipe wide --out "$DATA/${DIM}d-train"
[ -f "$DATA/${DIM}d-val/spec.json" ] || java -jar "$JAR" export-training --dim "$DIM" --tracks 10000 \
  --seed "${DIM}0211" --recipe wide --out "$DATA/${DIM}d-val"
INIT=work/init/${DIM}d-${MEMBER}.pt
[ -f "$INIT" ] || /usr/bin/python3 from_onnx.py "../bundled/deepspt-unet-${DIM}d-fast/deepspt-unet-${DIM}d-fast.onnx" "$INIT"
OUT=work/runs/wide-${DIM}d-m${MEMBER}
RESUME=(); [ -f "$OUT/checkpoint.pt" ] && RESUME=(--resume)
exec /usr/bin/python3 train.py --data "$DATA/${DIM}d-train" --val-data "$DATA/${DIM}d-val" --seed "$MEMBER" \
  --init "$INIT" "${RESUME[@]}" --epochs 4 --minutes "$MINUTES" --threads 1 --c0 32 --depth 4 --cmax 128 \
  --kernel 5 --lr 5e-4 --frames-per-batch 12800 --val-tracks 4000 --evals-per-epoch 4 --norm group \
  --multiscale 2,4,8,16,32,64 --schedule warmup-cosine --warmup-steps 200 --auto-steps 150 \
  --checkpoint-minutes 5 --out "$OUT"
