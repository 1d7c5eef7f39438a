#!/usr/bin/env bash
# Issue 20, stage 3: turns the stage-3 member of one dimension (wide-stage.sh DIM MINUTES 3) into the shipped
# deepspt-unet-DIMd-fast (float) and deepspt-unet-DIMd-int8 (the default `unet`) models, with every manifest field
# the Java side reads: the length temperature (release.sh), the int8 graph (quantize_int8.py), the per-track output
# calibration tables refitted on this member's own raw rows (fit_output_calibration.py), and the reliability
# thresholds carried over from the previous manifest (range checks on length and estimated SNR; unchanged).
# usage (from models/training, after `mvn -B -q -DskipTests package` at the repository root and the stage):
#   ./wide3-release.sh DIM          # each step is skipped when its output exists: rerun after an interruption
#   STAGE=4 ./wide3-release.sh DIM  # the same for stage 4 (work/runs/wide4-*; its work folder work/wide4/DIMd takes
#                                   # the simulated calibration sets of work/wide3/DIMd/cal when they exist: same seeds)
# Validation sets of the output calibration (seeds never used for training or testing, as in models/README.md,
# "Calibrated output"): wide DIM0211 (5,000), length sets DIM0711 (1,500 below 100 points, 500 from 100), SNR sets
# DIM0712 (800 each), protocol DIM0713 (3,000). int8 calibration tracks DIM0601 (300), int8 validation DIM0211 (2,000).
# Afterwards: models/evaluate-wide.sh and models/record_test_metrics.py (README "Wide stages").
set -euo pipefail
DIM=${1:?dimension 2 or 3}
case $DIM in 2) MEMBER=203 ;; 3) MEMBER=302 ;; *) echo "dimension must be 2 or 3" >&2; exit 2 ;; esac
JAR=${DEEPSPT_JAR:-../../deepspt-cli/target/deepspt.jar}
VENV_PY=${VENV_PY:-$HOME/.cache/deepspt-bench-venv/bin/python}   # numpy, onnx, onnxruntime (quantize_int8.py)
J=(java -jar "$JAR")
STAGE=${STAGE:-3}
W=work/wide$STAGE/${DIM}d
CAL=$W/cal
FAST=deepspt-unet-${DIM}d-fast
INT8=deepspt-unet-${DIM}d-int8
mkdir -p "$W" "$CAL"
if [ "$STAGE" != 3 ] && [ -d "work/wide3/${DIM}d/cal" ]; then   # the same simulated sets (same seeds): link them
  for f in work/wide3/${DIM}d/cal/*.csv; do [ -e "$CAL/$(basename "$f")" ] || ln "$f" "$CAL/"; done
  for f in calib.csv val.csv; do [ -e "$W/$f" ] || [ ! -e "work/wide3/${DIM}d/$f" ] || ln "work/wide3/${DIM}d/$f" "$W/"; done
fi
# 0. the previous manifest, for the objects this release carries over
[ -f "$W/prev-$FAST.manifest.json" ] || cp "../bundled/$FAST/$FAST.manifest.json" "$W/prev-$FAST.manifest.json"
# 1. length temperature on the wide validation set, float export
if [ ! -f "$W/released-fast" ]; then
  NAME=$FAST RUNS=work/runs PREFIX=wide$STAGE-${DIM}d-m VAL=work/wide/${DIM}d-val ./release.sh "$DIM" "$MEMBER"
  touch "$W/released-fast"
fi
# 2. int8 from the float model
if [ ! -f "$W/released-int8" ]; then
  [ -f "$W/calib.csv" ] || "${J[@]}" simulate --dim "$DIM" --tracks 300 --seed "${DIM}0601" --recipe wide --out "$W/calib.csv"
  [ -f "$W/val.csv" ] || "${J[@]}" simulate --dim "$DIM" --tracks 2000 --seed "${DIM}0211" --recipe wide --out "$W/val.csv"
  "$VENV_PY" quantize_int8.py "../bundled/$FAST" "$INT8" "$W/calib.csv" "$W/val.csv" \
    --calibration-command "deepspt simulate --dim $DIM --tracks 300 --seed ${DIM}0601 --recipe wide" \
    | tee "$W/quantize.log"
  /usr/bin/python3 rdf.py "../bundled/$INT8"
  touch "$W/released-int8"
fi
# 3. carry the reliability thresholds and (to be refitted in step 5) the output calibration object over, and the
#    record of stages 1-2 (stage 3 started from weights rebuilt from the ONNX file, which carry no history)
/usr/bin/python3 - "$W/prev-$FAST.manifest.json" "../bundled/$FAST/$FAST.manifest.json" \
  "../bundled/$INT8/$INT8.manifest.json" <<'EOF'
import json, sys
prev = json.load(open(sys.argv[1]))
for path in sys.argv[2:]:
    m = json.load(open(path))
    for key in ("output_calibration", "reliability"):
        if key not in m:
            m[key] = prev[key]
    training = m["members"][0]["training"]
    if training.get("stage") is None:
        training["stage"] = prev["members"][0]["training"]
    open(path, "w").write(json.dumps(m, indent=2))
EOF
# 4. the validation sets of the output calibration and the int8 model's rows on them
[ -f "$CAL/wide.csv" ] || "${J[@]}" simulate --dim "$DIM" --out "$CAL/wide.csv" --tracks 5000 --seed "${DIM}0211" --recipe wide
for n in 5 7 10 14 20 30 50 100 200 400; do
  t=$([ $n -lt 100 ] && echo 1500 || echo 500)
  [ -f "$CAL/N=$n.csv" ] || "${J[@]}" simulate --dim "$DIM" --out "$CAL/N=$n.csv" --tracks $t --seed "${DIM}0711" --recipe wide --length $n
done
for q in 0.5 0.7 1 1.5 2 3 5 16; do
  [ -f "$CAL/Q=$q.csv" ] || "${J[@]}" simulate --dim "$DIM" --out "$CAL/Q=$q.csv" --tracks 800 --seed "${DIM}0712" --snr $q
done
[ -f "$CAL/main.csv" ] || "${J[@]}" simulate --dim "$DIM" --out "$CAL/main.csv" --tracks 3000 --seed "${DIM}0713"
SETS=(wide main); for n in 5 7 10 14 20 30 50 100 200 400; do SETS+=("N=$n"); done
for q in 0.5 0.7 1 1.5 2 3 5 16; do SETS+=("Q=$q"); done
for s in "${SETS[@]}"; do
  f=$CAL/$s.csv; [ -f "$CAL/raw-$s.seg" ] && continue
  "${J[@]}" segment --model "../bundled/$INT8/$INT8.manifest.json" --no-smooth --threads 2 --no-progress \
    --in "$f" --out "$CAL/raw-$s.seg.tmp" || { echo "segment failed on $f" >&2; exit 1; }
  mv "$CAL/raw-$s.seg.tmp" "$CAL/raw-$s.seg"; rm -f "$CAL/raw-$s.seg.tmp.errors.csv"
done
# 5. refit the tables on those rows (undoing the carried-over ones) and write them into both manifests (once: the
#    rows were made with the carried-over tables, so the inverse must use those)
[ -f "$W/tables.json" ] || /usr/bin/python3 fit_output_calibration.py "$CAL" --dim "$DIM" --ece-rows-unsmoothed 5,7,10,14,20 \
  --inverse-manifest "../bundled/$INT8/$INT8.manifest.json" --cache "$W/nll.npz" --out "$W/tables.json" \
  --write-manifest "../bundled/$INT8/$INT8.manifest.json" "../bundled/$FAST/$FAST.manifest.json" \
  | tee "$W/fit_output_calibration.log"
