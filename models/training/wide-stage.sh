#!/usr/bin/env bash
# Issue 20, stage "wide": fine-tunes the shipped fast member of one dimension (2D member 203, 3D member 302;
# their weights rebuilt from the bundled ONNX by from_onnx.py) on the widened training population
# (org.deepspt.sim.WideSimulator, `export-training --recipe wide`), one thread, a wall-clock budget.
# usage (from models/training, after `mvn -B -q -DskipTests package` at the repository root):
#   ./wide-stage.sh DIM [MINUTES [STAGE]]    # rerun the same line after an interruption: it resumes
# Stage 1 (default): from the shipped fast member, peak LR 5e-4, training set DIM0111, the total fixed by
# --auto-steps within MINUTES. Stage 2: from stage 1's best.pt, peak LR 2e-4, 3,000 steps, a fresh training set
# DIM0112 (a new draw of the same population). Stage 3: from the shipped fast member (the stage-2 weights, rebuilt
# from the bundled ONNX by from_onnx.py, since checkpoints are not kept), peak LR 3e-4, a fresh training set DIM0113
# of 600,000 tracks, the total fixed by --auto-steps within MINUTES (at most 4 epochs). Stage 4: the same from the
# stage-3 release (again rebuilt from the bundled ONNX), peak LR 2e-4, 200 warm-up steps, a fresh set DIM0114 of
# 600,000 tracks (trained and measured, not shipped: ../README.md, "Stage 4"). Stage 5: the same from the stage-3
# release, peak LR 2e-4, a fresh set DIM0115 of 600,000 tracks in which half of the non-protocol tracks carry camera
# motion blur (`--blur 0.5`, exposure fraction uniform in [0, 1]; ../README.md, "Motion blur in training").
# Seeds: wide training DIM0111 / DIM0112 (200,000 tracks each) / DIM0113 / DIM0114 / DIM0115 (600,000 each), wide validation DIM0211 (10,000; tracks 0-3,999
# select the checkpoint, 4,000-9,999 calibrate); the held-out test sets use DIM03xx seeds
# (models/evaluate-wide.sh).
set -euo pipefail
DIM=${1:?dimension 2 or 3}; MINUTES=${2:-100}; STAGE=${3:-1}
JAR=${DEEPSPT_JAR:-../../deepspt-cli/target/deepspt.jar}
DATA=${WIDE_DATA:-work/wide}
case $DIM in 2) MEMBER=203 ;; 3) MEMBER=302 ;; *) echo "dimension must be 2 or 3" >&2; exit 2 ;; esac
mkdir -p "$DATA" work/init work/runs
TRACKS=200000
EXTRA=()
case $STAGE in
  1) TRAIN=$DATA/${DIM}d-train; TSEED=${DIM}0111; LR=5e-4; WARM=200; AUTO=150 ;;
  2) TRAIN=$DATA/${DIM}d-train2; TSEED=${DIM}0112; LR=2e-4; WARM=100; AUTO=0 ;;   # fixed 3,000 steps
  3) TRAIN=$DATA/${DIM}d-train3; TSEED=${DIM}0113; LR=3e-4; WARM=200; AUTO=150; TRACKS=600000 ;;
  4) TRAIN=$DATA/${DIM}d-train4; TSEED=${DIM}0114; LR=2e-4; WARM=200; AUTO=150; TRACKS=600000 ;;
  5) TRAIN=$DATA/${DIM}d-train5; TSEED=${DIM}0115; LR=2e-4; WARM=200; AUTO=150; TRACKS=600000; EXTRA=(--blur 0.5) ;;
  *) echo "stage must be 1, 2, 3, 4 or 5" >&2; exit 2 ;;
esac
[ -f "$TRAIN/spec.json" ] || java -jar "$JAR" export-training --dim "$DIM" --tracks "$TRACKS" \
  --seed "$TSEED" --recipe wide "${EXTRA[@]}" --out "$TRAIN"
[ -f "$DATA/${DIM}d-val/spec.json" ] || java -jar "$JAR" export-training --dim "$DIM" --tracks 10000 \
  --seed "${DIM}0211" --recipe wide --out "$DATA/${DIM}d-val"
if [ "$STAGE" != 2 ]; then
  PFX=$([ "$STAGE" = 1 ] && echo wide || echo "wide$STAGE")
  INIT=work/init/${PFX}-${DIM}d-${MEMBER}.pt
  [ -f "$INIT" ] || /usr/bin/python3 from_onnx.py "../bundled/deepspt-unet-${DIM}d-fast/deepspt-unet-${DIM}d-fast.onnx" "$INIT"
  OUT=work/runs/${PFX}-${DIM}d-m${MEMBER}
else
  INIT=work/runs/wide-${DIM}d-m${MEMBER}/best.pt
  OUT=work/runs/wide2-${DIM}d-m${MEMBER}
fi
RESUME=(); [ -f "$OUT/checkpoint.pt" ] && RESUME=(--resume)
exec /usr/bin/python3 train.py --data "$TRAIN" --val-data "$DATA/${DIM}d-val" --seed "$MEMBER" \
  --init "$INIT" "${RESUME[@]}" --epochs 4 --minutes "$MINUTES" --threads 1 --c0 32 --depth 4 --cmax 128 \
  --kernel 5 --lr "$LR" --frames-per-batch 12800 --val-tracks 4000 --evals-per-epoch 4 --norm group \
  --multiscale 2,4,8,16,32,64 --schedule warmup-cosine --warmup-steps "$WARM" $( [ "$AUTO" = 0 ] && echo --total-steps 3000 || echo --auto-steps "$AUTO" ) \
  --checkpoint-minutes 5 --out "$OUT"
