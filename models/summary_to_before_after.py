"""Before/after table of two models/evaluate-wide.sh summaries (issue 20), as Markdown.

usage: python3 models/summary_to_before_after.py BEFORE.csv [LATER.csv ...] AFTER.csv [SETS...]
Per set (one arrow per summary, in the order given): 4-class accuracy, ECE, AnDi-2 change-point Jaccard (challenge definition, threshold 10 frames) against the
changes of state and against the changes of state or D (andi2_cp_jaccard_state_d: needs the true_D column of newer
simulated sets; "–" where a summary lacks it), segment α MAE and mean squared ln(D_pred/D_true), share of frames
called directed and share of frames in tracks judged reliable, confined recall (4-class; "–" where a summary
lacks the column or the set has no confined frame), before -> after.
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


def main(paths, sets=None):
    summaries = [rows(p) for p in paths]
    last = summaries[-1]
    sets = sets or [s for s in last if all(s in m for m in summaries)]
    columns = [("4-class acc", "acc4"), ("ECE", "ece"), ("change-point Jaccard", "andi2_cp_jaccard"),
               ("change-point Jaccard, state or D", "andi2_cp_jaccard_state_d"),
               ("confined recall", "recall_confined"), ("segment α MAE", "seg_alpha_mae"),
               ("segment (ln D ratio)²", "seg_d_sq_log_ratio"), ("called directed", "called_directed"),
               ("frames in reliable tracks", "reliable_frames")]
    print("| set | " + " | ".join(name for name, _ in columns) + " |")
    print("|---|" + "---|" * len(columns))
    for s in sets:
        if not all(s in m for m in summaries):
            continue
        cells = []
        for _, key in columns:
            values = [f(m[s].get(key)) for m in summaries]
            if key == "acc4":
                values[-1] = f"**{values[-1]}**"
            cells.append(" → ".join(values))
        print(f"| {s} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    args = sys.argv[1:]
    files = [a for a in args if a.endswith(".csv")]
    if len(files) < 2:
        sys.exit(__doc__)
    main(files, [a for a in args if not a.endswith(".csv")] or None)
