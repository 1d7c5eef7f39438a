"""Renders models/eval/<dim>d/summary.csv (written by models/evaluate.sh) as Markdown tables.

usage: python3 models/summary_to_markdown.py models/eval/2d/summary.csv [EARLIER.csv LABEL]
  EARLIER.csv LABEL: also show the model rows of an earlier summary (e.g. the previous release), its model
  column renamed LABEL. Missing metrics (older summaries lack the AnDi-2 columns and the scores against the true D,
  *_state_d and seg_*) print as "–"; so do NaN ones.
"""
import csv
import sys


def cell(v):
    return "–" if not v or v == "NaN" else v


def main(path, earlier=None, label=None):
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    if earlier:
        old = [dict(r, model=label) for r in csv.DictReader(open(earlier, encoding="utf-8"))
               if r["model"] != "rolling-msd"]
        rows = [r for r in rows if r["model"] != "rolling-msd"] + old + [r for r in rows if r["model"] == "rolling-msd"]
    models = list(dict.fromkeys(r["model"] for r in rows))
    sets = list(dict.fromkeys(r["set"] for r in rows))
    by = {(r["model"], r["set"]): r for r in rows}
    main_cols = [("acc4", "4-class acc"), ("f1_4", "4-class macro-F1"), ("acc3", "3-class acc"),
                 ("f1_3", "3-class macro-F1"), ("acc2", "2-class acc"), ("f1_2", "2-class macro-F1"),
                 ("median_track_acc4", "median per-track acc (4)"),
                 ("cp_median_abs_error", "change point median abs error (frames)"),
                 ("segment_count_match", "segment count correct"), ("ece", "ECE (15 bins)"),
                 ("andi2_cp_jaccard", "AnDi-2 change-point Jaccard"), ("andi2_cp_rmse", "AnDi-2 change-point RMSE (frames)"),
                 ("andi2_state_f1", "AnDi-2 state F1 (micro)"),
                 ("andi2_cp_jaccard_state_d", "AnDi-2 change-point Jaccard, truth = change of state or D"),
                 ("andi2_cp_rmse_state_d", "AnDi-2 change-point RMSE, state or D (frames)"),
                 ("seg_alpha_mae", "segment α MAE"), ("seg_d_msle", "segment D MSLE (µm²/s^α)"),
                 ("seg_d_sq_log_ratio", "segment mean (ln D_pred/D_true)²")]
    r0 = by[(models[0], "main")]
    print(f"Main test set: {r0['tracks']} tracks, {r0['frames']} frames.\n")
    print("| metric | " + " | ".join(models) + " |")
    print("|---|" + "---|" * len(models))
    for key, title in main_cols:
        print(f"| {title} | " + " | ".join(cell(by[(m, 'main')].get(key)) for m in models) + " |")
    for prefix, title in (("N=", "track length N"), ("Q=", "signal-to-noise Q")):
        subset = [s for s in sets if s.startswith(prefix)]
        if not subset:
            continue
        print(f"\n4-class per-frame accuracy (3-class in brackets; ECE after the semicolon) vs {title}, "
              f"{by[(models[0], subset[0])]['tracks']} tracks each:\n")
        print(f"| {title} | " + " | ".join(models) + " |")
        print("|---|" + "---|" * len(models))
        for s in subset:
            cells = [f"{by[(m, s)]['acc4']} ({by[(m, s)]['acc3']}); {by[(m, s)]['ece']}" for m in models]
            print(f"| {s[len(prefix):]} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(*sys.argv[1:4])
