"""Before/after table of two models/evaluate-wide.sh summaries (issue 20), as Markdown.

usage: python3 models/summary_to_before_after.py BEFORE.csv AFTER.csv [SETS...]
Per set: 4-class accuracy, ECE, AnDi-2 change-point Jaccard (challenge definition, threshold 10 frames) against the
changes of state and against the changes of state or D (andi2_cp_jaccard_state_d: needs the true_D column of newer
simulated sets; "–" where a summary lacks it), segment α MAE and mean squared ln(D_pred/D_true), share of frames
called directed and share of frames in tracks judged reliable, before -> after.
"""
import csv
import sys


def rows(path):
    out = {}
    for r in csv.DictReader(open(path, encoding="utf-8")):
        if r["model"] != "rolling-msd":
            out[r["set"]] = r
    return out


def f(v, digits=3):
    try:
        x = float(v)
    except (TypeError, ValueError):
        return "–"
    return "–" if x != x else f"{x:.{digits}f}"


def main(before, after, sets=None):
    b, a = rows(before), rows(after)
    sets = sets or [s for s in a if s in b]
    print("| set | 4-class acc | ECE | change-point Jaccard | change-point Jaccard, state or D | segment α MAE | "
          "segment (ln D ratio)² | called directed | frames in reliable tracks |")
    print("|---|---|---|---|---|---|---|---|---|")
    for s in sets:
        if s not in a or s not in b:
            continue
        x, y = b[s], a[s]
        print(f"| {s} | {f(x['acc4'])} → **{f(y['acc4'])}** | {f(x['ece'])} → {f(y['ece'])} | "
              f"{f(x['andi2_cp_jaccard'])} → {f(y['andi2_cp_jaccard'])} | "
              f"{f(x.get('andi2_cp_jaccard_state_d'))} → {f(y.get('andi2_cp_jaccard_state_d'))} | "
              f"{f(x.get('seg_alpha_mae'))} → {f(y.get('seg_alpha_mae'))} | "
              f"{f(x.get('seg_d_sq_log_ratio'))} → {f(y.get('seg_d_sq_log_ratio'))} | {f(x['called_directed'])} → "
              f"{f(y['called_directed'])} | – → {f(y['reliable_frames'])} |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:] or None)
