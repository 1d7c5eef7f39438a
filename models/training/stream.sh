#!/usr/bin/env bash
# The streaming models (issue 24) as shipped: data, training, export. Run from models/training/ with the CLI
# jar built (`mvn -B -q -DskipTests package` at the repository root). One training process at a time, one
# thread; each train_stream.py call is resumable (rerun the same line with --resume) and writes
# OUT/manifest.json (data, seed, time, configuration, metrics); logs and manifests of the shipped run are in
# results/stream/.
#   2D: 64 channels, dilations 1..128 (receptive field 256 points), 72 k parameters, 4,000 steps of 12,800 frames
#       (one-cycle LR, peak 3e-3) on the widened training population (`export-training --recipe wide`, seed
#       20111, the set the wide U-Net stage 1 used), 54 min on one core beside other work.
#   3D: initialised from the 2D model (z input column = mean of x and y), 2,800 steps (peak 2e-3) on the widened
#       3D set (seed 30111), 40 min.
#   Validation: the widened sets 20211 / 30211 (first 1,500 tracks), which also fit the per-head temperatures.
#   Distillation stage (shipped): teacher.py writes the bundled offline model's (deepspt-unet-DIM-fast, the float
#       twin of the default int8 `unet`) calibrated probabilities for every training point and for the first
#       1,500 validation tracks; each model then continues from its wide stage with loss per head
#       0.3 CE(truth) + 0.7 CE(teacher) (--distill 0.7), peak LR 1.5e-3: 2D 3,000 steps (seed 2421), 3D 2,400
#       steps (seed 2423). Validation also reports agreement with the teacher's argmax per lag.
set -euo pipefail
JAR=${JAR:-../../deepspt-cli/target/deepspt.jar}
DATA=${WIDE_DATA:-work/wide}
RUNS=${RUNS:-work}
mkdir -p "$DATA" "$RUNS"
for d in 2 3; do
  [ -f "$DATA/${d}d-train/spec.json" ] || java -jar "$JAR" export-training --dim $d --tracks 200000 --seed ${d}0111 \
    --recipe wide --out "$DATA/${d}d-train"
  [ -f "$DATA/${d}d-val/spec.json" ] || java -jar "$JAR" export-training --dim $d --tracks 10000 --seed ${d}0211 \
    --recipe wide --out "$DATA/${d}d-val"
done
ARCH=(--channels 64 --dilations 1,2,4,8,16,32,64,128 --max-length 400 --val-tracks 1500)
resume() { [ -f "$1/checkpoint.pt" ] && echo --resume || true; }
nice -n 5 /usr/bin/python3 train_stream.py --data "$DATA/2d-train" --val-data "$DATA/2d-val" --seed 2411 \
    --out "$RUNS/stream-2d-wide" --minutes 80 --total-steps 4000 --lr 3e-3 "${ARCH[@]}" $(resume "$RUNS/stream-2d-wide")
nice -n 5 /usr/bin/python3 train_stream.py --data "$DATA/3d-train" --val-data "$DATA/3d-val" --seed 2413 \
    --out "$RUNS/stream-3d-wide" --minutes 50 --total-steps 2800 --lr 2e-3 "${ARCH[@]}" \
    --init "$RUNS/stream-2d-wide/final.pt" $(resume "$RUNS/stream-3d-wide")
TEACHER=(--teacher teacher-deepspt-unet-DIM-fast.npy --val-teacher teacher-deepspt-unet-DIM-fast.npy --distill 0.7)
for d in 2 3; do
  /usr/bin/python3 teacher.py "../bundled/deepspt-unet-${d}d-fast/deepspt-unet-${d}d-fast.onnx" "$DATA/${d}d-train"
  /usr/bin/python3 teacher.py "../bundled/deepspt-unet-${d}d-fast/deepspt-unet-${d}d-fast.onnx" "$DATA/${d}d-val" --limit 1500 --chunk 1500
done
nice -n 5 /usr/bin/python3 train_stream.py --data "$DATA/2d-train" --val-data "$DATA/2d-val" --seed 2421 \
    --out "$RUNS/stream-2d-distill" --minutes 75 --total-steps 3000 --lr 1.5e-3 "${ARCH[@]}" "${TEACHER[@]//DIM/2d}" \
    --init "$RUNS/stream-2d-wide/final.pt" $(resume "$RUNS/stream-2d-distill")
nice -n 5 /usr/bin/python3 train_stream.py --data "$DATA/3d-train" --val-data "$DATA/3d-val" --seed 2423 \
    --out "$RUNS/stream-3d-distill" --minutes 75 --total-steps 2400 --lr 1.5e-3 "${ARCH[@]}" "${TEACHER[@]//DIM/3d}" \
    --init "$RUNS/stream-3d-wide/final.pt" $(resume "$RUNS/stream-3d-distill")
/usr/bin/python3 export_stream.py --run "$RUNS/stream-2d-distill" --name deepspt-stream-2d --out ../bundled/deepspt-stream-2d
/usr/bin/python3 export_stream.py --run "$RUNS/stream-3d-distill" --name deepspt-stream-3d --out ../bundled/deepspt-stream-3d
