#!/usr/bin/env bash
# Calibrate the trained members of one dimension and export them as the bundled ensemble.
# usage: [PREFIX=s2-m] [NAME=deepspt-unet-DIMd-fast] release.sh DIM SEED_A SEED_B SEED_C  (a NAME ending in
# -fast takes a single member: the fast model of issue 10)   (run from models/training after the stages
# finished; members are work/DIMd/runs/${PREFIX}SEED/best.pt, PREFIX m = stage 1, s2-m = stage 2, ...)
# Writes ../bundled/deepspt-unet-${DIM}d/ (ONNX graph, manifest with SHA-256, test tensors) and adds the
# model to ../bundled/index.txt, which the Java BundledModelsTest checks model by model.
# LENGTH_TEMPERATURE=1 (default) fits and exports the length-dependent temperature log T(N) = a + b log N
# (calibrate.py --length-temperature); LENGTH_TEMPERATURE=0 exports one temperature, as the first ensembles.
# RUNS=DIR takes the members from DIR/${PREFIX}SEED/best.pt and VAL=DIR calibrates on that validation set (the
# wide stage: RUNS=work/runs PREFIX=wide-2d-m VAL=work/wide/2d-val, see README "wide stage").
set -euo pipefail
DIM=${1:?dimension 2 or 3}; shift
W=work/${DIM}d
mkdir -p "$W"
NAME=${NAME:-deepspt-unet-${DIM}d}
MIN_MEMBERS=3
case "$NAME" in *-fast) MIN_MEMBERS=1 ;; esac   # the single-member fast model (issue 10)
[ $# -ge $MIN_MEMBERS ] || { echo "$NAME needs at least $MIN_MEMBERS member seeds" >&2; exit 2; }
PREFIX=${PREFIX:-m}
MEMBERS=()
RUNS=${RUNS:-$W/runs}
VAL=${VAL:-$W/val}
for s in "$@"; do MEMBERS+=("$RUNS/$PREFIX$s/best.pt"); done
LT=()
[ "${LENGTH_TEMPERATURE:-1}" = 1 ] && LT=(--length-temperature)
/usr/bin/python3 calibrate.py --members "${MEMBERS[@]}" --val-data "$VAL" "${LT[@]}" --out "$W/calibration-$NAME.json"
rm -rf "../bundled/$NAME"
/usr/bin/python3 export.py --members "${MEMBERS[@]}" --calibration "$W/calibration-$NAME.json" --val-data "$VAL" \
  --name "$NAME" --min-members "$MIN_MEMBERS" --out "../bundled/$NAME"
/usr/bin/python3 rdf.py "../bundled/$NAME"   # bioimage.io description rdf.yaml (checked by BundledRdfTest)
touch ../bundled/index.txt
grep -qx "$NAME" ../bundled/index.txt || echo "$NAME" >> ../bundled/index.txt
{ grep -v '^#' ../bundled/index.txt | sort; grep '^#' ../bundled/index.txt || true; } > ../bundled/index.txt.tmp  # comments stay last
mv ../bundled/index.txt.tmp ../bundled/index.txt
du -sh "../bundled/$NAME"
