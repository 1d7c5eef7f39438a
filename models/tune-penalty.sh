#!/usr/bin/env bash
# Re-tunes the Viterbi switch penalty of the default model on VALIDATION tracks (seeds DIM0821..DIM0825, used by
# nothing else: not by training, calibration or the held-out sets of evaluate-wide.sh), through the shipped path
# simulate -> segment --smooth=L -> evaluate.
#
# usage (from the repository root, after `mvn -B -q -DskipTests package`):
#   models/tune-penalty.sh DIM [PENALTY...]          (default penalties: 0 3 6 9 12 16 20 25)
#   TUNE_OUT   results folder (default /tmp/deepspt-tune-DIMd); TUNE_DATA cache of the simulated sets
#   MODEL      --model value (default unet)
# Sets: wide 3,000 tracks of the widened mixture (seed DIM0821), class-change 1,500 (DIM0822, >= 20 points),
# walls 1,500 (DIM0823), brownian-d-jump 1,500 (DIM0824), main 3,000 protocol tracks (DIM0825).
# Writes TUNE_OUT/summary.csv: penalty,set, then the columns of `evaluate --summary`.
set -euo pipefail
DIM=${1:?dimension 2 or 3}; shift
PENALTIES=("$@"); [ ${#PENALTIES[@]} -gt 0 ] || PENALTIES=(0 3 6 9 12 16 20 25)
JAR=${DEEPSPT_JAR:-deepspt-cli/target/deepspt.jar}
MODEL=${MODEL:-unet}
OUT=${TUNE_OUT:-/tmp/deepspt-tune-${DIM}d}
DATA=${TUNE_DATA:-/tmp/deepspt-tune-data}/${DIM}d
mkdir -p "$OUT" "$DATA"
J=(java -jar "$JAR")
sim() {
  local set=$1; shift
  [ -s "$DATA/$set.csv" ] || "${J[@]}" simulate --dim "$DIM" --no-progress --out "$DATA/$set.csv" "$@"
}
sim wide --tracks 3000 --seed "${DIM}0821" --recipe wide
sim class-change --tracks 1500 --seed "${DIM}0822" --recipe wide --scenario class-change --length-min 20
sim walls --tracks 1500 --seed "${DIM}0823" --recipe wide --scenario walls --length-min 20
sim brownian-d-jump --tracks 1500 --seed "${DIM}0824" --recipe wide --scenario brownian-d-jump --length-min 20
sim main --tracks 3000 --seed "${DIM}0825"
HEADER=""
ROWS="$OUT/rows.csv"; : > "$ROWS"
for p in "${PENALTIES[@]}"; do
  for set in wide class-change walls brownian-d-jump main; do
    seg="$OUT/$set-$p.csv"
    if [ "$p" = 0 ]; then smooth=(--no-smooth); else smooth=(--smooth="$p"); fi
    "${J[@]}" segment --model "$MODEL" "${smooth[@]}" --threads 2 --no-progress --in "$DATA/$set.csv" --out "$seg" \
      2>/dev/null
    line=$("${J[@]}" evaluate --summary --truth "$DATA/$set.csv" --pred "$seg")
    [ -n "$HEADER" ] || HEADER=$(head -n 1 <<< "$line")
    echo "$p,$set,$(tail -n 1 <<< "$line")" >> "$ROWS"
    rm -f "$seg" "$seg.errors.csv"
    echo "  penalty $p $set done" >&2
  done
done
{ echo "penalty,set,$HEADER"; cat "$ROWS"; } > "$OUT/summary.csv"
