#!/usr/bin/env bash
# The streaming models (issue 24) as shipped: data, training, export. Run from models/training/ with the CLI
# jar built (mvn -pl deepspt-cli -am package). One training process at a time, one thread, nice 5; each
# train_stream.py call is resumable (--resume) and writes OUT/manifest.json (data, seed, time, metrics).
#   2D: 10,000 tracks of the simulator's default (paper) protocol, 33 min on a shared core (636 steps, 3 epochs).
#   3D: initialised from the 2D model (z input column = mean of x and y), then the widened 3D set
#       (/work/data/wide-3d-*, the lead's simulator recipe) for 28 min.
set -euo pipefail
JAR=${JAR:-../../deepspt-cli/target/deepspt.jar}
D=${D:-/tmp/online-data}
mkdir -p "$D" work
[ -d "$D/2-train" ] || java -jar "$JAR" export-training --dim 2 --tracks 10000 --seed 22401 --out "$D/2-train"
[ -d "$D/2-val" ] || java -jar "$JAR" export-training --dim 2 --tracks 1500 --seed 22402 --out "$D/2-val"
nice -n 5 /usr/bin/python3 train_stream.py --data "$D/2-train" --val-data "$D/2-val" --seed 2401 \
    --out work/stream-2d --minutes 33 --epochs 7 --max-length 400
nice -n 5 /usr/bin/python3 train_stream.py --data /work/data/wide-3d-train --val-data /work/data/wide-3d-val \
    --seed 2403 --out work/stream-3d --minutes 28 --epochs 0.12 --max-length 400 --val-tracks 600 --lr 2e-3 \
    --init work/stream-2d/final.pt
/usr/bin/python3 export_stream.py --run work/stream-2d --name deepspt-stream-2d --out ../bundled/deepspt-stream-2d
/usr/bin/python3 export_stream.py --run work/stream-3d --name deepspt-stream-3d --out ../bundled/deepspt-stream-3d
