"""Records the test-set metrics of a shipped model in its manifest (``test_metrics``).

Reads models/eval/<dim>d/summary.csv (written by models/evaluate.sh) and stores, for the model and the
rolling-MSD baseline, every metric of every test set (main, N=..., Q=...), plus the seeds and the command
that regenerates them. The manifest is not among the SHA-256-listed files, so the hashes stay valid.

usage (repository root): python3 models/record_test_metrics.py DIM [MODEL_TAG]   (MODEL_TAG default unet)
MODEL_TAG unet: the ensemble deepspt-unet-DIMd, results in models/eval/DIMd; unet-fast: deepspt-unet-DIMd-fast,
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


def main(dim, tag="unet"):
    suffix = {"unet-fast": "-fast", "unet-int8": "-int8"}.get(tag, "")
    rows = list(csv.DictReader(open(f"models/eval/{dim}d{suffix}/summary.csv", encoding="utf-8")))
    sets = {}
    for r in rows:
        who = "model" if r["model"] == tag else r["model"]
        metrics = {k: number(v) for k, v in r.items() if k not in ("model", "set")}
        sets.setdefault(r["set"], {})[who] = metrics
    if not any("model" in v for v in sets.values()):
        sys.exit(f"no rows of model '{tag}' in models/eval/{dim}d{suffix}/summary.csv")
    paths = glob.glob(f"models/bundled/deepspt-unet-{dim}d{suffix}/*.manifest.json")
    if len(paths) != 1:
        sys.exit(f"expected one manifest in models/bundled/deepspt-unet-{dim}d{suffix}, found {paths}")
    with open(paths[0], encoding="utf-8") as f:
        manifest = json.load(f)
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
    with open(paths[0], "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
    print(f"{paths[0]}: test metrics of {len(sets)} sets recorded "
          f"(main acc4 {sets['main']['model']['acc4']})")


if __name__ == "__main__":
    main(*sys.argv[1:])
