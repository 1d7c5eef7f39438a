"""Per-set metrics of one segmentation member (a train.py checkpoint, optionally with a length temperature) or of
a bundled ONNX model (rebuilt in torch by from_onnx.py, its calibration included) on held-out test sets written by
``deepspt export-training`` (issue 20: the widened protocol's test populations).

usage: /usr/bin/python3 eval_wide.py MODEL [--a A --b B] [--json OUT] SET_DIR [SET_DIR ...]
  MODEL  a checkpoint (best.pt) or a bundled model's .onnx file
Per set: frames, 4-class accuracy, recall per class, share of frames called each class, mean confidence and ECE
(15 equal-width bins on the top probability, as org.deepspt.eval.CalibrationError). Change-point and segment
metrics come from the Java evaluation (models/evaluate-wide.sh), which runs the shipped path end to end.
"""
import argparse
import json
import math
import os

import numpy as np
import torch

import calibrate
import dataset
import from_onnx

NAMES = ["normal", "directed", "confined", "subdiffusive"]


def load(path):
    """-> (list of member modules, a, b) with log T(N) = a + b log N."""
    if path.endswith(".onnx"):
        ens, _, _ = from_onnx.load_ensemble(path)
        return list(ens.members), float(ens.length_a), float(ens.length_b)
    net, _ = calibrate.load_member(path)
    return [net], 0.0, 0.0


@torch.no_grad()
def metrics(members, a, b, ts):
    logits, labels, lengths = calibrate.collect_logits(members, ts)
    p = calibrate.ensemble_probs_by_length(logits, torch.log(lengths), a, b)
    pred = p.argmax(1)
    out = {"tracks": len(ts), "frames": int(len(labels)), "acc4": float((pred == labels).double().mean()),
           "ece": calibrate.ece(p, labels), "mean_confidence": float(p.max(1).values.mean())}
    for k, name in enumerate(NAMES):
        sel = labels == k
        out[f"recall_{name}"] = float((pred[sel] == k).double().mean()) if int(sel.sum()) else float("nan")
        out[f"called_{name}"] = float((pred == k).double().mean())
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model")
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--a", type=float, default=None, help="log T(N) = a + b log N (default: the model's own)")
    ap.add_argument("--b", type=float, default=None)
    ap.add_argument("--json", default=None)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    members, a, b = load(args.model)
    a = a if args.a is None else args.a
    b = b if args.b is None else args.b
    results = {}
    print(f"{'set':18s} {'tracks':>6s} {'frames':>8s} {'acc4':>6s} {'ece':>6s} {'conf':>6s}  "
          + " ".join(f"rec_{n[:4]}" for n in NAMES) + "  " + " ".join(f"call_{n[:4]}" for n in NAMES))
    for d in args.sets:
        m = metrics(members, a, b, dataset.TrackSet(d))
        name = os.path.basename(os.path.normpath(d))
        results[name] = m
        print(f"{name:18s} {m['tracks']:6d} {m['frames']:8d} {m['acc4']:6.3f} {m['ece']:6.3f} "
              f"{m['mean_confidence']:6.3f}  " + " ".join(f"{m['recall_' + n]:8.3f}" for n in NAMES) + "  "
              + " ".join(f"{m['called_' + n]:9.3f}" for n in NAMES), flush=True)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"model": args.model, "a": a, "b": b, "sets": results}, f, indent=2)


if __name__ == "__main__":
    main()
