#!/usr/bin/env bash
# Simulate the training and validation sets of one dimension with the Java simulator.
# usage: data.sh DIM [TRAIN_TRACKS]   (run from models/training after `mvn -q -o package` built the CLI jar)
# Seeds: train DIM0101, validation DIM0201, test DIM0301 (the test set is never used for training,
# checkpoint selection or calibration). Validation and test sets are written only when missing (their seeds
# fix them, so a second training-set size reuses them); the training set must not exist yet.
set -euo pipefail
DIM=${1:?dimension 2 or 3}; TRAIN_TRACKS=${2:-100000}
JAR=${DEEPSPT_JAR:-../../deepspt-cli/target/deepspt.jar}
W=work/${DIM}d
java -jar "$JAR" export-training --dim "$DIM" --tracks "$TRAIN_TRACKS" --seed "${DIM}0101" --out "$W/train"
[ -d "$W/val" ] || java -jar "$JAR" export-training --dim "$DIM" --tracks 10000 --seed "${DIM}0201" --out "$W/val"
[ -d "$W/test" ] || java -jar "$JAR" export-training --dim "$DIM" --tracks 20000 --seed "${DIM}0301" --out "$W/test"
