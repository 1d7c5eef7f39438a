#!/usr/bin/env bash
# Round 3 (issue 11): the members of both dimensions trained at once on ONE GPU (six processes), from
# scratch, on fresh, larger training sets simulated by the Java simulator on the same machine.
#
# usage, from the repository root of a machine with a CUDA GPU, PyTorch and numpy (`python3`):
#   models/training/gpu-round3.sh OUT_DIR
# Java: `java` on PATH, or JAVA_ARCHIVE=a tar.xz of a Java 17 runtime (jlink: java.base, java.xml,
# java.logging, jdk.unsupported) and DEEPSPT_CP=the classpath of deepspt-cli without ONNX Runtime and models.
# Tunables (defaults = the round-3 run): TRACKS (300000 per dimension) MINUTES (training budget per member)
# FRAMES (25600 frames per batch) LR (2e-3) SEEDS2 ("201 202 203") SEEDS3 ("301 302 303") DIMS ("2 3").
#
# Data seeds: training DIM0103 (new in round 3), validation DIM0201 (the same 10,000 tracks as every round:
# tracks 0-3,999 select checkpoints, 4,000-9,999 are left to calibrate.py on the CPU afterwards).
# Schedule: warmup-cosine, 500 warm-up steps; at step 300 each member measures its own steps/s and fixes the
# total to what fits 85 % of MINUTES (train.py --auto-steps). The manifest records the total; to repeat a
# member's schedule exactly, pass `--total-steps N` instead of --auto-steps (GPU kernels are not bitwise
# deterministic, so weights differ in the last digits).
# Output in OUT_DIR: round3-2d.tar, round3-3d.tar (per member best.pt, manifest.json, log; data spec.json),
# round3-log.txt (this script's log, nvidia-smi, versions).
set -uo pipefail
OUT=${1:?output directory}
TRACKS=${TRACKS:-300000}; MINUTES=${MINUTES:-8}; FRAMES=${FRAMES:-25600}; LR=${LR:-2e-3}
SEEDS2=${SEEDS2:-"201 202 203"}; SEEDS3=${SEEDS3:-"301 302 303"}; DIMS=${DIMS:-"2 3"}
DEVICE=${DEVICE:-cuda}
ROOT=$(pwd)
mkdir -p "$OUT"
LOG="$OUT/round3-log.txt"
exec > >(tee -a "$LOG") 2>&1
echo "start $(date -u +%FT%TZ) tracks $TRACKS minutes $MINUTES frames $FRAMES lr $LR"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv 2>&1 | tail -n +1
python3 -c "import torch, numpy; print('torch', torch.__version__, 'cuda', torch.cuda.is_available(), 'numpy', numpy.__version__)"
nproc

JAVA=java
if [ -n "${JAVA_ARCHIVE:-}" ]; then
  mkdir -p /tmp/jre && tar -C /tmp/jre -xJf "$JAVA_ARCHIVE" && JAVA=/tmp/jre/bin/java
fi
CP=${DEEPSPT_CP:-$ROOT/deepspt-cli/target/deepspt.jar}
"$JAVA" -version 2>&1 | head -1

W=/tmp/round3
simulate() {   # DIM
  local d=$1
  "$JAVA" -cp "$CP" org.deepspt.cli.Main export-training --dim "$d" --tracks "$TRACKS" --seed "${d}0103" \
      --threads 8 --out "$W/${d}d/train" &&
  "$JAVA" -cp "$CP" org.deepspt.cli.Main export-training --dim "$d" --tracks 10000 --seed "${d}0201" \
      --threads 8 --out "$W/${d}d/val"
}
t0=$(date +%s)
sims=()
for d in $DIMS; do simulate "$d" & sims+=($!); done
for p in "${sims[@]}"; do wait "$p" || { echo "simulation failed"; exit 1; }; done
echo "simulated in $(( $(date +%s) - t0 )) s"
sha256sum "$W"/*d/val/*.npy

cd "$ROOT/models/training"
pids=()
for d in $DIMS; do
  seeds=$SEEDS2; [ "$d" = 3 ] && seeds=$SEEDS3
  mkdir -p "$W/${d}d/runs"
  for s in $seeds; do
    out=$W/${d}d/runs/r3-m$s
    python3 train.py --data "$W/${d}d/train" --val-data "$W/${d}d/val" --seed "$s" --epochs 8 \
      --minutes "$MINUTES" --threads 2 --device "$DEVICE" --c0 32 --depth 4 --cmax 128 --kernel 5 --lr "$LR" \
      --frames-per-batch "$FRAMES" --val-tracks 4000 --evals-per-epoch 2 --norm group \
      --multiscale 2,4,8,16,32,64 --schedule warmup-cosine --warmup-steps 500 --auto-steps 300 \
      --checkpoint-minutes 100 --out "$out" > "$out.log" 2>&1 &
    pids+=($!)
  done
done
sleep 60; nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv; tail -n 2 "$W"/*d/runs/*.log
for p in "${pids[@]}"; do wait "$p"; echo "member process $p exit $?"; done
echo "trained by $(date -u +%FT%TZ)"
for d in $DIMS; do
  grep -h "total steps set\|complete\|exhausted" "$W/${d}d/runs/"*.log
  (cd "$W/${d}d" && tar -cf "$OUT/round3-${d}d.tar" train/spec.json val/spec.json \
      runs/*.log $(ls runs/*/best.pt runs/*/manifest.json 2>/dev/null))
done
ls -la "$OUT"
echo "end $(date -u +%FT%TZ)"
