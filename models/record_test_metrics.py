"""Records the test-set metrics of a shipped model in its manifest (``test_metrics``).

Reads models/eval/<dim>d/summary.csv (written by models/evaluate.sh) and stores, for the model and the
rolling-MSD baseline, every metric of every test set (main, N=..., Q=...), plus the seeds and the command
that regenerates them. The manifest is not among the SHA-256-listed files, so the hashes stay valid.

usage (repository root): python3 models/record_test_metrics.py DIM [MODEL_TAG] [--wide SUMMARY.csv]
With --wide, the results come from models/evaluate-wide.sh (issue 20: the protocol set "main", the widened
mixture, its populations, length sets N= of the widened mixture and the protocol's Q= sets), e.g.
``EVAL_OUT=models/eval/wide-2d models/evaluate-wide.sh 2 && python3 models/record_test_metrics.py 2 unet --wide
models/eval/wide-2d/summary.csv``; MODEL_TAG unet is then the default (int8) model.
Without --wide (models/evaluate.sh): MODEL_TAG unet-ensemble: the ensemble deepspt-unet-DIMd, results in
models/eval/DIMd; unet-fast: deepspt-unet-DIMd-fast,
results in models/eval/DIMd-fast (``EVAL_OUT=models/eval/DIMd-fast models/evaluate.sh DIM unet-fast``).
unet-int8: deepspt-unet-DIMd-int8, results in models/eval/DIMd-int8
(``EVAL_OUT=models/eval/DIMd-int8 models/evaluate.sh DIM unet-int8``).
"""
import csv
import glob
import json
import sys


def number(v):
    try:
        f = float(v)
    except ValueError:
        return v
    return int(f) if f.is_integer() and "." not in v else (None if f != f else f)


WIDE_SETS = {
    "main": "10,000 tracks of the published protocol, seed {d}0301",
    "wide": "5,000 tracks of the widened mixture (simulate --recipe wide), seed {d}0311",
    "brownian-d-jump": "2,000 two-segment normal tracks whose D changes 10-100x (>= 20 points), seed {d}0312",
    "walls": "2,000 tracks, normal <-> confined at the same D (>= 20 points), seed {d}0313",
    "brownian-7": "2,000 pure Brownian tracks of 7 points, seed {d}0314",
    "class-change": "2,000 heterogeneous tracks whose class changes, D may too (>= 20 points), seed {d}0316",
    "N=": "1,000 widened-mixture tracks of N points each, seed {d}0315",
    "Q=": "1,000 protocol tracks of signal-to-noise Q each, seed {d}0501",
}


def main(dim, tag="unet", wide=None):
    if wide:
        suffix = {"unet": "-int8", "unet-int8": "-int8", "unet-fast": "-fast", "unet-ensemble": ""}[tag]
        summary = wide
    else:
        suffix = {"unet-fast": "-fast", "unet-int8": "-int8"}.get(tag, "")
        summary = f"models/eval/{dim}d{suffix}/summary.csv"
    rows = list(csv.DictReader(open(summary, encoding="utf-8")))
    sets = {}
    for r in rows:
        who = "model" if r["model"] == tag else r["model"]
        metrics = {k: number(v) for k, v in r.items() if k not in ("model", "set")}
        sets.setdefault(r["set"], {})[who] = metrics
    if not any("model" in v for v in sets.values()):
        sys.exit(f"no rows of model '{tag}' in {summary}")
    paths = glob.glob(f"models/bundled/deepspt-unet-{dim}d{suffix}/*.manifest.json")
    if len(paths) != 1:
        sys.exit(f"expected one manifest in models/bundled/deepspt-unet-{dim}d{suffix}, found {paths}")
    with open(paths[0], encoding="utf-8") as f:
        manifest = json.load(f)
    if wide:
        manifest["test_metrics"] = {
            "command": f"EVAL_OUT=DIR models/evaluate-wide.sh {dim} {tag} && python3 models/record_test_metrics.py "
                       f"{dim} {tag} --wide DIR/summary.csv",
            "test_sets": {k: v.format(d=dim) for k, v in WIDE_SETS.items()},
            "columns": "flat per-frame accuracy / macro-F1 for 4-, 3- and 2-class merges, median per-track "
                       "4-class accuracy, change-point median absolute error (frames), fraction of "
                       "heterogeneous tracks with the true segment count, ECE (15 bins), AnDi-2 change-point "
                       "Jaccard / RMSE / state F1 (threshold 10 frames), the same Jaccard / RMSE against changes "
                       "of state or D and the segments' alpha MAE, D MSLE (um^2/s^alpha) and mean squared "
                       "ln(D_pred/D_true) (from the true_D column; NaN in summaries made without it), 4-class "
                       "recall per true class, the reliability verdict's groups (share of frames in tracks judged "
                       "reliable, accuracy and ECE of those frames and of the unreliable tracks' frames; absent in "
                       "summaries made before evaluate scored them), share of frames called directed, share of "
                       "frames in tracks judged reliable",
            "sets": sets,
        }
        return write(paths[0], manifest, sets)
    manifest["test_metrics"] = {
        "command": (f"models/evaluate.sh {dim} && python3 models/record_test_metrics.py {dim}" if not suffix else
                    f"EVAL_OUT=models/eval/{dim}d{suffix} models/evaluate.sh {dim} {tag} && "
                    f"python3 models/record_test_metrics.py {dim} {tag}"),
        "test_sets": {"main": f"10,000 tracks of the published protocol, seed {dim}0301",
                      "N=": f"1,000 tracks of N points each, seed {dim}0401",
                      "Q=": f"1,000 tracks of signal-to-noise Q each, seed {dim}0501"},
        "columns": "flat per-frame accuracy / macro-F1 for 4-, 3- and 2-class merges, median per-track "
                   "4-class accuracy, change-point median absolute error (frames), fraction of "
                   "heterogeneous tracks with the true segment count, ECE (15 bins)",
        "sets": sets,
    }
    return write(paths[0], manifest, sets)


def write(path, manifest, sets):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
    print(f"{path}: test metrics of {len(sets)} sets recorded (main acc4 {sets['main']['model']['acc4']})")


if __name__ == "__main__":
    args = sys.argv[1:]
    wide = None
    if "--wide" in args:
        i = args.index("--wide")
        wide = args[i + 1]
        del args[i:i + 2]
    main(*args, wide=wide)
