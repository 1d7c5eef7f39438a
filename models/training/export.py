"""Export a calibrated ensemble as ONE ONNX graph plus a test pair and a manifest.

Graph: input ``positions`` float32 [batch, length, dim] (µm; dynamic batch and length, length >= 1; tracks
in a batch share their length), output ``probabilities`` float32 [batch, length, 4] (normal, directed,
confined, subdiffusive) = mean over members of softmax(member logits / T). Features, per-track scale and
padding to a multiple of 2^depth are computed inside the graph (see model.py).

Written to --out: ``<name>.onnx``, ``<name>.test-input.npy`` / ``<name>.expected-output.npy`` (a batch of 3
validation windows of length 137, not a multiple of 2^depth) and ``<name>.test-input-short.npy`` /
``<name>.expected-output-short.npy`` (batch 2, length 7), and ``<name>.manifest.json`` (SHA-256 of every
file, members, seeds, data specs, metrics, temperature, ECE, hardware, wall times).

  /usr/bin/python3 export.py --members work/runs/2d-m11/best.pt work/runs/2d-m12/best.pt \
      work/runs/2d-m13/best.pt --calibration work/runs/2d-calibration.json --val-data work/2d-val \
      --name deepspt-seg-2d --out work/export
"""
import argparse
import datetime
import math
import json
import os
import sys

import numpy as np
import onnx
import torch

import dataset
import instance_norm
import model as models
import train as trainer

OPSET = 17


def member_manifest(ckpt_path):
    path = os.path.join(os.path.dirname(ckpt_path), "manifest.json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        m = json.load(f)
    return summarise_member(m)


def summarise_member(m):
    """The training record of one member; a staged member carries its earlier stages recursively."""
    st = m.get("state", {})
    prev = m.get("previous_stage")
    previous = None
    if prev:
        previous = {"weights_sha256": prev.get("sha256"), "start_metrics": prev.get("metrics"),
                    "stage": summarise_member(prev["manifest"]) if prev.get("manifest") else None}
    return {"previous_stage": previous, "status": m.get("status"), "seed": m.get("seed"), "config": m.get("config"),
            "parameters": m.get("parameters"), "args": m.get("args"), "train_data": m.get("train_data"),
            "val_data": m.get("val_data"), "best_val_acc4": st.get("best_acc4"), "steps": st.get("step"),
            "epochs_done": st.get("epoch"), "train_seconds": st.get("train_seconds"),
            "invocations": st.get("invocations"), "history": st.get("history"), "hardware": m.get("hardware")}


def test_pair(val, length, batch, seed):
    idx = np.flatnonzero(val.lengths >= length)
    if len(idx) < batch:
        raise SystemExit(f"validation set has fewer than {batch} tracks of >= {length} points")
    rng = np.random.default_rng(seed)
    pick = rng.choice(idx, batch, replace=False)
    starts = rng.integers(0, val.lengths[pick] - length + 1)
    pos, _ = val.gather(pick, starts, length)
    return pos


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--members", nargs="+", required=True)
    p.add_argument("--calibration", help="calibrate.py output (temperature); T = 1 without it")
    p.add_argument("--val-data", required=True, help="validation set for the test input")
    p.add_argument("--name", required=True, help="file stem, e.g. deepspt-seg-2d")
    p.add_argument("--out", required=True)
    p.add_argument("--opset", type=int, default=OPSET)
    p.add_argument("--min-members", type=int, default=3, help="refuse smaller ensembles (smoke tests: 1)")
    args = p.parse_args(argv)
    if len(args.members) < args.min_members:
        sys.exit(f"{len(args.members)} members given, at least {args.min_members} required")
    if args.opset > 17:
        sys.exit("opset must be <= 17 (torch 1.13 cannot export 18)")
    torch.set_num_threads(2)
    os.makedirs(args.out, exist_ok=True)
    members, cks = [], []
    for path in args.members:
        ck = torch.load(path)
        net = models.build(ck["config"])
        net.load_state_dict(ck["model"])
        net.eval()
        members.append(net)
        cks.append(ck)
    dims = {ck["config"]["dim"] for ck in cks}
    if len(dims) != 1:
        sys.exit(f"members disagree on dimension: {dims}")
    dim = dims.pop()
    calib = None
    temperature = 1.0
    if args.calibration:
        with open(args.calibration, encoding="utf-8") as f:
            calib = json.load(f)
        temperature = float(calib["temperature"])
    length_b = 0.0
    if calib and calib.get("length_temperature"):
        lt = calib["length_temperature"]
        temperature, length_b = math.exp(float(lt["a"])), float(lt["b"])
    ens = models.Ensemble(members, temperature, length_b).eval()

    val = dataset.TrackSet(args.val_data)
    stem = os.path.join(args.out, args.name)
    files = {}
    pairs = {"": test_pair(val, 137, 3, 1), "-short": test_pair(val, 7, 2, 2)}
    with torch.no_grad():
        for suffix, pos in pairs.items():
            out = ens(torch.from_numpy(pos)).numpy().astype(np.float32)
            np.save(f"{stem}.test-input{suffix}.npy", pos)
            np.save(f"{stem}.expected-output{suffix}.npy", out)
            files[f"test-input{suffix}"] = f"{args.name}.test-input{suffix}.npy"
            files[f"expected-output{suffix}"] = f"{args.name}.expected-output{suffix}.npy"
    onnx_path = f"{stem}.onnx"
    torch.onnx.export(ens, torch.from_numpy(pairs[""]), onnx_path, opset_version=args.opset,
                      input_names=["positions"], output_names=["probabilities"],
                      dynamic_axes={"positions": {0: "batch", 1: "length"},
                                    "probabilities": {0: "batch", 1: "length"}},
                      do_constant_folding=True)
    exported = onnx.load(onnx_path)
    instance_norm.rewrite(exported)          # GroupNorm1d chains -> InstanceNormalization (same function)
    onnx.checker.check_model(exported)
    onnx.save(exported, onnx_path)
    files["onnx"] = f"{args.name}.onnx"

    manifest = {
        "kind": "deepspt-segmentation-ensemble",
        "name": args.name,
        "created_utc": datetime.datetime.utcnow().replace(microsecond=0).isoformat() + "Z",
        "dimension": dim,
        "opset": args.opset,
        "input": {"name": "positions", "dtype": "float32", "shape": ["batch", "length", dim], "unit": "µm",
                  "notes": "tracks of one batch share their length; length >= 1; any unit and frame rate "
                           "(features are normalised by the per-track median step length in the graph)"},
        "output": {"name": "probabilities", "dtype": "float32", "shape": ["batch", "length", 4],
                   "class_order": models.CLASS_ORDER},
        "features": "centred positions / s, SL / s, DP / s^2; s = lower median step length (clamped >= 1e-9)"
                    + ("" if not ens.multiscale else
                       "; multi-scale window channels for w in " + str(list(ens.multiscale))
                       + ": log(|net displacement over w steps|^2 / (n s^2) + 1e-4) and log(local MSD at lag w per "
                         "step / s^2 + 1e-4) (model.multiscale_features)"),
        "temperature": temperature if not length_b else None,   # null: T depends on N, see length_temperature
        "length_temperature": None if not length_b else {
            "form": "log T(N) = a + b log N, N = track length (frames); applied to every member's logits in the graph",
            "a": math.log(temperature), "b": length_b},
        "calibration": calib,
        "members": [{"checkpoint": os.path.relpath(pth), "seed": ck["seed"], "config": ck["config"],
                     "parameters": models.count_parameters(m), "selection_metrics": ck.get("metrics"),
                     "training": member_manifest(pth)}
                    for pth, ck, m in zip(args.members, cks, members)],
        "total_parameters": models.count_parameters(ens),
        "files": {k: {"name": v, "sha256": dataset.sha256_file(os.path.join(args.out, v)),
                      "bytes": os.path.getsize(os.path.join(args.out, v))} for k, v in files.items()},
        "verification": "no Python onnxruntime here: onnx.checker passed; the Java side must reproduce "
                        "expected-output*.npy from test-input*.npy (float32, tolerance ~1e-5)",
        "export_hardware": trainer.hardware(),
    }
    with open(f"{stem}.manifest.json", "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
    print(f"wrote {onnx_path} ({manifest['total_parameters']} parameters, T = {temperature:.4f}"
          f"{'' if not length_b else f' * N^{length_b:.4f}'}) and manifest")
    return 0


if __name__ == "__main__":
    sys.exit(main())
