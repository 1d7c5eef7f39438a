#!/usr/bin/env bash
# Evaluates a segmentation model beside the rolling-MSD baseline on independent simulated test sets.
#
# usage (from the repository root, after `mvn -B -q -DskipTests package`):
#   models/evaluate.sh DIM [MODEL] [TRACKS]
#     DIM     2 or 3
#     MODEL   unet (default: the bundled ensemble), unet-fast (the single-member model; set
#             EVAL_OUT=models/eval/DIMd-fast so the ensemble's results stay), unet-int8 (that model in int8;
#             EVAL_OUT=models/eval/DIMd-int8) or PATH/TO/<name>.manifest.json
#     TRACKS  size of the main test set (default 10000)
#
# Test sets (seeds disjoint from every training, validation and calibration seed, see models/training):
#   main         TRACKS tracks of the published protocol, seed DIM0301 (= the test split of data.sh)
#   length N     SENS_TRACKS (default 1000) tracks with N points, N in 20 50 100 200 400 600, seed DIM0401
#   SNR Q        SENS_TRACKS tracks with signal-to-noise Q, Q in 0.5 1 2 5 16, seed DIM0501
# Writes models/eval/DIMd/: main-<model>.txt (full evaluate reports) and summary.csv (one line per model and
# set: the headline numbers of `evaluate --summary`). simulate writes each point's true D (true_D, true_alpha), so
# the summary also has the AnDi-2 change-point Jaccard / RMSE against changes of state or D
# (andi2_cp_jaccard_state_d, andi2_cp_rmse_state_d; the protocol draws one D per track, so its true change points
# are the state changes and these differ from andi2_cp_jaccard, which pairs predicted state changes only, by the
# predicted splits of D within a state, each a false positive here) and the segments' alpha MAE, D MSLE (µm²/s^α)
# and mean squared ln(D_pred/D_true) (seg_alpha_mae, seg_d_msle, seg_d_sq_log_ratio).
set -euo pipefail
DIM=${1:?dimension 2 or 3}; MODEL=${2:-unet}; TRACKS=${3:-10000}; SENS_TRACKS=${SENS_TRACKS:-1000}
JAR=${DEEPSPT_JAR:-deepspt-cli/target/deepspt.jar}
OUT=${EVAL_OUT:-models/eval/${DIM}d}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
J=(java -jar "$JAR")
tag() { case "$1" in *.json) basename "$1" .manifest.json ;; *) echo "$1" ;; esac; }
HEADER="tracks,frames,acc4,f1_4,acc3,f1_3,acc2,f1_2,median_track_acc4,cp_median_abs_error,segment_count_match,ece,andi2_cp_jaccard,andi2_cp_rmse,andi2_state_f1,andi2_cp_jaccard_state_d,andi2_cp_rmse_state_d,seg_alpha_mae,seg_d_msle,seg_d_sq_log_ratio,recall_normal,recall_directed,recall_confined,recall_subdiffusive"
echo "model,set,$HEADER" > "$OUT/summary.csv"

score() {  # score SET CSV [full-report-file]
  local set=$1 csv=$2 report=${3:-}
  for m in "$MODEL" rolling-msd; do
    local t; t=$(tag "$m")
    local start=$SECONDS
    "${J[@]}" segment --model "$m" --threads 2 --no-progress --in "$csv" --out "$TMP/seg.csv" 2>>"$TMP/log"
    echo "  $set $t: segmented in $((SECONDS - start)) s" >&2
    if [ -n "$report" ]; then
      "${J[@]}" evaluate --truth "$csv" --pred "$TMP/seg.csv" --out "$OUT/main-$t.txt" > /dev/null
    fi
    echo "$t,$set,$("${J[@]}" evaluate --summary --truth "$csv" --pred "$TMP/seg.csv" | tail -n 1)" \
      >> "$OUT/summary.csv"
  done
}

"${J[@]}" simulate --dim "$DIM" --tracks "$TRACKS" --seed "${DIM}0301" --out "$TMP/main.csv" 2>>"$TMP/log"
score main "$TMP/main.csv" full
for n in 20 50 100 200 400 600; do
  "${J[@]}" simulate --dim "$DIM" --tracks "$SENS_TRACKS" --length "$n" --seed "${DIM}0401" --out "$TMP/n.csv" 2>>"$TMP/log"
  score "N=$n" "$TMP/n.csv"
done
for q in 0.5 1 2 5 16; do
  "${J[@]}" simulate --dim "$DIM" --tracks "$SENS_TRACKS" --snr "$q" --seed "${DIM}0501" --out "$TMP/q.csv" 2>>"$TMP/log"
  score "Q=$q" "$TMP/q.csv"
done
column -s, -t < "$OUT/summary.csv"
