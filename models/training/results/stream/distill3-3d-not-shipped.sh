#!/usr/bin/env bash
# Issue 24: distil the streaming model again, from the stage-3 offline default (deepspt-unet-3d-fast, sha in the teacher .json)
set -euo pipefail
cd /work/main/models/training
for S in /work/data/wide-3d-train2 /work/data/wide-3d-val; do
  J=$S/teacher-deepspt-unet-3d-fast.json
  if [ -f $J ] && ! grep -q $(sha256sum ../bundled/deepspt-unet-3d-fast/deepspt-unet-3d-fast.onnx | cut -c1-64) $J; then
    rm -f $S/teacher-deepspt-unet-3d-fast.*
  fi
done
/usr/bin/python3 teacher.py ../bundled/deepspt-unet-3d-fast/deepspt-unet-3d-fast.onnx /work/data/wide-3d-train2
/usr/bin/python3 teacher.py ../bundled/deepspt-unet-3d-fast/deepspt-unet-3d-fast.onnx /work/data/wide-3d-val --limit 1500 --chunk 1500
R=/work/data/stream-work/stream-3d-distill3
RES=$([ -f $R/checkpoint.pt ] && echo --resume || true)
exec /usr/bin/python3 train_stream.py --data /work/data/wide-3d-train2 --val-data /work/data/wide-3d-val --seed 2443 \
  --out $R --minutes 55 --total-steps 2500 --channels 64 --dilations 1,2,4,8,16,32,64,128 --max-length 400 \
  --lr 1e-3 --val-tracks 1500 --init /work/data/stream-work/stream-3d-distill/final.pt \
  --teacher teacher-deepspt-unet-3d-fast.npy --val-teacher /work/data/wide-3d-val/teacher-deepspt-unet-3d-fast.npy --distill 0.85 $RES
