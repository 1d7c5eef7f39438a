"""Export a trained streaming TCN (train_stream.py's final.pt) as one ONNX step graph + golden test data +
manifest, into a model folder such as ../bundled/deepspt-stream-2d/.

  /usr/bin/python3 export_stream.py --run work/stream-2d --name deepspt-stream-2d --out ../bundled/deepspt-stream-2d

Graph (opset 17): inputs features float32 [batch, F], state float32 [batch, S]; outputs probabilities float32
[batch, K + 1, 4] (head a = the point a steps back; temperature per head applied) and next_state [batch, S].
Test data: features of 3 validation-like tracks run step by step (test-features.npy [T, B, F]) and the expected
probabilities (expected-probabilities.npy [T, B, K + 1, 4]); the export checks that the step graph equals the
whole-sequence model.
"""
import argparse
import hashlib
import json
import os
import time

import numpy as np
import torch

import stream_model as sm


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=7, help="seed of the synthetic test tracks")
    args = p.parse_args()
    torch.set_num_threads(1)
    final = torch.load(os.path.join(args.run, "final.pt"))
    with open(os.path.join(args.run, "manifest.json"), encoding="utf-8") as f:
        training = json.load(f)
    cfg = final["config"]
    net = sm.StreamTcn(cfg["dim"], cfg["channels"], cfg["dilations"], cfg["max_lag"])
    net.load_state_dict(final["model"])
    net.eval()
    cell = sm.StepCell(net, final["temperatures"]).eval()
    os.makedirs(args.out, exist_ok=True)
    onnx_name = args.name + ".onnx"
    onnx_path = os.path.join(args.out, onnx_name)
    f_count, s_size, k = sm.feature_count(cfg["dim"]), net.state_size(), cfg["max_lag"] + 1
    torch.onnx.export(cell, (torch.zeros(2, f_count), torch.zeros(2, s_size)), onnx_path, opset_version=17,
                      input_names=["features", "state"], output_names=["probabilities", "next_state"],
                      dynamic_axes={"features": {0: "batch"}, "state": {0: "batch"},
                                    "probabilities": {0: "batch"}, "next_state": {0: "batch"}},
                      do_constant_folding=True)
    # Golden data: random-walk-like tracks with a confined and a directed part, run step by step.
    rng = np.random.default_rng(args.seed)
    t, b = 60, 3
    steps = rng.normal(0, 0.1, size=(b, t, cfg["dim"]))
    steps[1, 20:40] += 0.15
    steps[2, :] *= np.linspace(1.0, 0.2, t)[:, None]
    pos = np.cumsum(steps, axis=1).astype(np.float32)
    feats = sm.features(pos)  # [B, T, F]
    with torch.no_grad():
        whole = torch.softmax(net(torch.from_numpy(feats)) / cell.temperature.view(1, 1, -1, 1), dim=-1).numpy()
        state = torch.zeros(b, s_size)
        expected = np.zeros((t, b, k, 4), dtype=np.float32)
        for i in range(t):
            probs, state = cell(torch.from_numpy(feats[:, i]), state)
            expected[i] = probs.numpy()
    dev = float(np.abs(expected - whole.transpose(1, 0, 2, 3)).max())
    assert dev < 1e-5, f"step graph differs from the sequence model by {dev}"
    np.save(os.path.join(args.out, args.name + ".test-features.npy"), feats.transpose(1, 0, 2).copy())
    np.save(os.path.join(args.out, args.name + ".expected-probabilities.npy"), expected)
    files = {}
    for role, fname in [("onnx", onnx_name), ("test-features", args.name + ".test-features.npy"),
                        ("expected-probabilities", args.name + ".expected-probabilities.npy")]:
        files[role] = {"name": fname, "sha256": sha256(os.path.join(args.out, fname))}
    manifest = {
        "kind": "deepspt-streaming-segmentation",
        "name": args.name,
        "created_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "dimension": cfg["dim"],
        "opset": 17,
        "inputs": {"features": {"dtype": "float32", "shape": ["batch", f_count]},
                   "state": {"dtype": "float32", "shape": ["batch", s_size],
                             "notes": "zeros for a particle's first point; then the previous next_state"}},
        "outputs": {"probabilities": {"dtype": "float32", "shape": ["batch", k, 4],
                                      "class_order": ["normal", "directed", "confined", "subdiffusive"],
                                      "notes": "head a = the point a steps before the newest one"},
                    "next_state": {"dtype": "float32", "shape": ["batch", s_size]}},
        "max_lag": cfg["max_lag"],
        "features": sm.__doc__.split("Features")[1].strip(),
        "config": cfg,
        "parameters": sm.parameter_count(net),
        "temperatures": final["temperatures"],
        "training": {k2: training.get(k2) for k2 in ["status", "seed", "args", "data", "val_data", "val_tracks",
                                                      "val_frames", "steps", "planned_steps", "epochs_completed",
                                                      "train_seconds", "metrics_uncalibrated",
                                                      "metrics_calibrated", "protocol", "hardware", "created_utc",
                                                      "previous_stage"]},
        "verification": {"step_vs_sequence_max_abs": dev, "test_tracks": b, "test_steps": t,
                         "test_seed": args.seed},
        "files": files,
    }
    with open(os.path.join(args.out, args.name + ".manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print(f"exported {onnx_path}: step vs sequence max |dp| {dev:.2e}; {sm.parameter_count(net)} parameters")


if __name__ == "__main__":
    main()
