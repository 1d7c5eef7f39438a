"""Compare the paper's raw µm inputs with our scale-normalised inputs (issue 3, "model design").

Two members of identical architecture, seed and data are trained for the same number of steps, one with
``--features raw`` (centred x, y[, z], SL, DP in µm, as in the paper) and one with ``--features scaled``
(the shipped contract). Each is evaluated on validation tracks 0..N-1 as simulated (µm, dt = 1 s) and after
a change of units (nm: positions x 1000) and of frame rate (every second frame kept: the same motion seen
at dt = 2 s). Run by compare-inputs.sh; writes a JSON and a Markdown table.

  /usr/bin/python3 compare_inputs.py --runs work/2d/runs/cmp-raw work/2d/runs/cmp-scaled \
      --val-data work/2d/val --tracks 4000 --out work/2d/compare-inputs
"""
import argparse
import json
import os

import numpy as np
import torch

import dataset
import model as models
from train import evaluate


def transformed(ts, factor=1.0, stride=1):
    """A copy of TrackSet ``ts`` with positions x factor and every ``stride``-th frame kept."""
    pos, lab, offs = [], [], [0]
    for i in range(len(ts)):
        a, b = ts.offsets[i], ts.offsets[i + 1]
        p = np.asarray(ts.positions[a:b:stride], dtype=np.float32) * np.float32(factor)
        pos.append(p)
        lab.append(np.asarray(ts.labels[a:b:stride]))
        offs.append(offs[-1] + len(p))
    return ts.derived(np.concatenate(pos), np.concatenate(lab), np.asarray(offs, dtype=np.int64))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", nargs="+", required=True, help="run directories (train.py --out)")
    p.add_argument("--val-data", required=True)
    p.add_argument("--tracks", type=int, default=4000)
    p.add_argument("--out", required=True, help="output stem: STEM.json and STEM.md")
    args = p.parse_args(argv)
    torch.set_num_threads(1)
    val = dataset.TrackSet(args.val_data).subset(args.tracks)
    views = [("µm, dt = 1 s (as trained)", transformed(val)),
             ("nm (positions × 1000)", transformed(val, 1000.0)),
             ("every 2nd frame (dt = 2 s)", transformed(val, 1.0, 2))]
    rows = []
    for run in args.runs:
        with open(os.path.join(run, "manifest.json"), encoding="utf-8") as f:
            man = json.load(f)
        ck = torch.load(os.path.join(run, "last.pt"))
        net = models.build(ck["config"])
        net.load_state_dict(ck["model"])
        net.eval()
        row = {"run": os.path.relpath(run), "features": ck["config"].get("features", "scaled"),
               "steps": man["state"]["step"], "train_seconds": man["state"]["train_seconds"],
               "parameters": man["parameters"], "views": {}}
        for name, ts in views:
            row["views"][name] = evaluate(net, ts)
        rows.append(row)
        print(row["features"], {k: round(v["acc4"], 4) for k, v in row["views"].items()}, flush=True)
    with open(args.out + ".json", "w", encoding="utf-8") as f:
        json.dump({"val_data": val.describe(), "tracks": len(val), "rows": rows}, f, indent=2)
    with open(args.out + ".md", "w", encoding="utf-8") as f:
        f.write("| inputs | steps | train min | " + " | ".join(f"4-class acc, {n}" for n, _ in views) + " |\n")
        f.write("|---|---|---|" + "---|" * len(views) + "\n")
        for r in rows:
            f.write(f"| {r['features']} | {r['steps']} | {r['train_seconds'] / 60:.1f} | "
                    + " | ".join(f"{r['views'][n]['acc4']:.3f}" for n, _ in views) + " |\n")
    print(open(args.out + ".md", encoding="utf-8").read())


if __name__ == "__main__":
    main()
