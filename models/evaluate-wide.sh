#!/usr/bin/env bash
# Issue 20: evaluates a segmentation model through the shipped path (simulate -> segment -> evaluate) on the
# held-out populations the widened training recipe is judged on, beside the published protocol.
#
# usage (from the repository root, after `mvn -B -q -DskipTests package`):
#   models/evaluate-wide.sh DIM [MODEL [SEGMENT_OPTIONS...]]
#     MODEL   a --model value (default unet) or the path of a *.manifest.json (e.g. an earlier model kept aside)
#     SEGMENT_OPTIONS  passed to `segment` (e.g. --no-smooth)
#   EVAL_OUT   results folder (default models/eval/wide-DIMd-<model tag>)
#   EVAL_DATA  cache of the simulated sets (default /tmp/deepspt-eval-data; same seeds -> same files)
#   EVAL_SEGS  keep the segmentations there (default: a temporary folder); RESCORE=1 re-evaluates kept ones
#              without segmenting again
#   ONLY       space-separated set names to run (default: all), e.g. ONLY="main wide"
# Sets (seeds disjoint from every training, validation and calibration seed):
#   main              10,000 tracks of the published protocol, seed DIM0301 (as models/evaluate.sh), also
#                     segmented by the rolling-MSD baseline
#   wide              5,000 tracks of the widened mixture (`simulate --recipe wide`), seed DIM0311
#   brownian-d-jump   2,000 two-segment normal tracks whose D changes 10-100x (>= 20 points), seed DIM0312
#   walls             2,000 tracks, normal <-> confined at the same D (>= 20 points), seed DIM0313
#   brownian-7        2,000 pure Brownian tracks of 7 points, seed DIM0314
#   class-change      2,000 heterogeneous tracks, classes change, D may too (>= 20 points), seed DIM0316
#   wide-blur         5,000 tracks of the widened mixture with camera motion blur on every non-protocol track
#                     (`--blur 1`, exposure fraction uniform in [0, 1]), seed DIM0321
#   brownian-blur     2,000 pure Brownian tracks (>= 20 points) with full-frame blur (exposure = frame interval),
#                     seed DIM0322
#   N=n               1,000 widened-mixture tracks of exactly n points, n in 5 7 10 20 50 100 200 400, seed DIM0315
#   Q=q               1,000 protocol tracks with signal-to-noise q in 0.5 1 2 5 16, seed DIM0501 (as evaluate.sh)
# Writes EVAL_OUT/summary.csv: model,set, the numbers of `evaluate --summary`, called_directed (share of frames
# called directed) and reliable_frames (share of frames in tracks marked reliable); the same model/set layout as
# models/evaluate.sh, so models/record_test_metrics.py reads it (--wide). The simulated sets carry each point's true
# D (true_D, true_alpha), so `evaluate` also scores the AnDi-2 change points against the challenge's truth, a change
# of state or of D (andi2_cp_jaccard_state_d, andi2_cp_rmse_state_d: a D change found within a class counts as
# found, not as a false positive), and the segments' alpha MAE, D MSLE and mean squared ln(D_pred/D_true)
# (seg_alpha_mae, seg_d_msle, seg_d_sq_log_ratio). A cached set from before the column (EVAL_DATA) is simulated
# again (same seed: same tracks and states, so segmentations kept in EVAL_SEGS still match).
set -euo pipefail
DIM=${1:?dimension 2 or 3}; MODEL=${2:-unet}; shift $(( $# >= 2 ? 2 : 1 ))
SEGOPTS=("$@")
JAR=${DEEPSPT_JAR:-deepspt-cli/target/deepspt.jar}
tag() { case "$1" in *.json) basename "$1" .manifest.json ;; *) echo "$1" ;; esac; }
TAG=$(tag "$MODEL")
[ ${#SEGOPTS[@]} -gt 0 ] && TAG="$TAG$(printf '%s' "${SEGOPTS[*]}" | tr -c 'A-Za-z0-9.' '_')"
OUT=${EVAL_OUT:-models/eval/wide-${DIM}d-$TAG}
DATA=${EVAL_DATA:-/tmp/deepspt-eval-data}/${DIM}d
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
SEGS=${EVAL_SEGS:-$TMP}
mkdir -p "$OUT" "$DATA" "$SEGS"
J=(java -jar "$JAR")
ROWS="$TMP/rows.csv"
: > "$ROWS"
HEADER=""
run() {  # run SET MODEL [segment options...]   (truth in $DATA/SET.csv)
  local set=$1 model=$2; shift 2
  local truth="$DATA/$set.csv" seg="$SEGS/$set-$(tag "$model").csv" start=$SECONDS
  if [ "${RESCORE:-0}" != 1 ] || [ ! -f "$seg" ]; then
    "${J[@]}" segment --model "$model" "$@" --threads 2 --no-progress --in "$truth" --out "$seg" 2>>"$TMP/log" \
      || { echo "segment failed on $set:" >&2; tail -5 "$TMP/log" >&2; exit 1; }
  fi
  local line; line=$("${J[@]}" evaluate --summary --truth "$truth" --pred "$seg")
  [ -n "$HEADER" ] || HEADER=$(head -n 1 <<< "$line")
  local extra; extra=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
      { n++; if ($col["state"] == 1) d++; if (("reliable" in col) && $col["reliable"] == "true") r++ }
      END { printf "%.4f,%s", d / n, ("reliable" in col) ? sprintf("%.4f", r / n) : "NaN" }' "$seg")
  echo "$(tag "$model"),$set,$(tail -n 1 <<< "$line"),$extra" >> "$ROWS"
  echo "  $set $(tag "$model"): $((SECONDS - start)) s" >&2
}
sim() {  # sim SET simulate-options...
  local set=$1; shift
  [ -s "$DATA/$set.csv" ] && head -n 1 "$DATA/$set.csv" | grep -q ',true_D,' \
    || "${J[@]}" simulate --dim "$DIM" --no-progress --out "$DATA/$set.csv" "$@" 2>>"$TMP/log"
}
sim main --tracks 10000 --seed "${DIM}0301"
sim wide --tracks 5000 --seed "${DIM}0311" --recipe wide
sim brownian-d-jump --tracks 2000 --seed "${DIM}0312" --recipe wide --scenario brownian-d-jump --length-min 20
sim walls --tracks 2000 --seed "${DIM}0313" --recipe wide --scenario walls --length-min 20
sim brownian-7 --tracks 2000 --seed "${DIM}0314" --recipe wide --scenario brownian --length 7
sim class-change --tracks 2000 --seed "${DIM}0316" --recipe wide --scenario class-change --length-min 20
sim wide-blur --tracks 5000 --seed "${DIM}0321" --recipe wide --blur 1
sim brownian-blur --tracks 2000 --seed "${DIM}0322" --recipe wide --scenario brownian --length-min 20 --blur 1 \
  --exposure-min 1
SETS=(main wide brownian-d-jump walls brownian-7 class-change wide-blur brownian-blur)
for n in 5 7 10 20 50 100 200 400; do sim "N=$n" --tracks 1000 --seed "${DIM}0315" --recipe wide --length "$n"; SETS+=("N=$n"); done
for q in 0.5 1 2 5 16; do sim "Q=$q" --tracks 1000 --seed "${DIM}0501" --snr "$q"; SETS+=("Q=$q"); done
for s in "${SETS[@]}"; do
  [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $s "* ]] || continue
  run "$s" "$MODEL" "${SEGOPTS[@]}"
done
run main rolling-msd
{ echo "model,set,$HEADER,called_directed,reliable_frames"; cat "$ROWS"; } > "$OUT/summary.csv"
column -s, -t < "$OUT/summary.csv"
