"""Static int8 quantisation of a bundled DeepSPT model (issue 10: a cheaper model at equal accuracy).

Writes a new bundled model next to the source: the same graph with the U-Net's convolutions in int8 QDQ form,
which ONNX Runtime fuses into QLinearConv (integer GEMM on VNNI/AMX where the CPU has them):

    x -> QuantizeLinear(s_x, z_x) -> DequantizeLinear -> Conv(W) -> QuantizeLinear(s_y, z_y) -> DequantizeLinear -> y
    W  = DequantizeLinear(W_q, s_w[c], 0)        (int8, symmetric, per output channel c: s_w[c] = max|W[c]| / 127)

Activations are uint8, per tensor, asymmetric: s = (max - min) / 255 and z = round(-min / s) over the minimum and
maximum (0 always inside) of that tensor on the calibration tracks. Left in float32: the input features' window
convolutions (kernel 65, before the U-Net: constant kernels, cheap), the U-Net's first convolution (its input is
the log-scaled features; quantised alone it cost 1.56 points of 4-class accuracy on 1,000 validation tracks, 2D)
and the 1x1 head (4 output channels: nothing to gain, and its outputs are the logits). Every other layer cost
<= 0.01 points alone (``--sensitivity`` prints the table; 2D, validation seed 20201).

    ~/.cache/deepspt-bench-venv/bin/python models/training/quantize_int8.py SRC_DIR OUT_NAME CALIB.csv [VAL.csv]

SRC_DIR is models/bundled/<name>/; OUT_NAME e.g. deepspt-unet-2d-int8; CALIB.csv a track CSV (particle, frame,
x, y[, z], ...) sorted by particle, e.g. ``deepspt simulate --dim 2 --tracks 300 --seed 20601``. VAL.csv (same
format, with the true ``state`` column), when given, is scored with both models (4-class accuracy, argmax
agreement). Needs numpy, onnx and Python onnxruntime (pip; Debian does not package it: the same
interpreter as deepspt-bench/compare/compare.sh). Writes OUT_DIR = models/bundled/OUT_NAME/ with the .onnx,
the source's test inputs, expected outputs computed by onnxruntime on the int8 graph, and a manifest derived
from the source's with a ``quantization`` block; run rdf.py OUT_DIR afterwards and record test metrics with
models/evaluate.sh (models/README.md, "int8 models").
"""
import argparse
import copy
import datetime
import json
import os
import shutil
import sys

import numpy as np
import onnx
import onnxruntime as ort
from onnx import helper, numpy_helper, TensorProto

import dataset

WINDOW_KERNEL = 65


def read_tracks(path, dim):
    """Tracks of a CSV sorted by particle: list of (positions float32 [n, dim], states int [n] or None)."""
    with open(path, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
    col = {h: i for i, h in enumerate(header)}
    a = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64, ndmin=2)
    axes = [col[c] for c in "xyz"[:dim]]
    pid = a[:, col["particle"]]
    cuts = np.flatnonzero(np.diff(pid)) + 1
    out = []
    for rows in np.split(np.arange(len(a)), cuts):
        states = a[rows, col["state"]].astype(int) if "state" in col else None
        out.append((a[rows][:, axes].astype(np.float32), states))
    return out


def session(model):
    o = ort.SessionOptions()
    o.intra_op_num_threads = 1
    o.inter_op_num_threads = 1
    o.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(model.SerializeToString(), o, providers=["CPUExecutionProvider"])


def quantizable(model, keep_float=True):
    """Conv nodes with an initializer weight, except the window convolutions and (keep_float) each member's
    first U-Net convolution (it reads the features) and its 1x1 head (4 output channels, the logits)."""
    inits = {i.name: i for i in model.graph.initializer}
    convs = [n for n in model.graph.node if n.op_type == "Conv" and n.input[1] in inits
             and numpy_helper.to_array(inits[n.input[1]]).shape[-1] != WINDOW_KERNEL]
    if not keep_float:
        return convs

    def kept_float(n):
        w = numpy_helper.to_array(inits[n.input[1]])
        return n.input[1].endswith("unet.enc.0.net.0.weight") or (w.shape[0] == 4 and w.shape[-1] == 1)
    return [n for n in convs if not kept_float(n)]


def ranges(model, names, tracks):
    """Min and max (0 included) of each named tensor over the tracks, one track per run."""
    probe = copy.deepcopy(model)
    for nm in names:
        probe.graph.output.append(helper.make_tensor_value_info(nm, TensorProto.FLOAT, None))
    s = session(probe)
    lo = {nm: 0.0 for nm in names}
    hi = {nm: 0.0 for nm in names}
    for pos, _ in tracks:
        for nm, v in zip(names, s.run(names, {"positions": pos[None]})):
            lo[nm] = min(lo[nm], float(v.min()))
            hi[nm] = max(hi[nm], float(v.max()))
    return lo, hi


def quantize(model, tracks, only=None, keep_float=True):
    """Returns a copy of ``model`` with the selected convolutions in QDQ form, and the per-layer record."""
    m = copy.deepcopy(model)
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    convs = [n for n in quantizable(m, keep_float=keep_float) if only is None or n.name in only]
    names = sorted({n.input[0] for n in convs} | {n.output[0] for n in convs})
    lo, hi = ranges(m, names, tracks)
    extra, before, after, record = [], {}, {}, []

    def qdq(value, stat, tag):
        scale = max(hi[stat] - lo[stat], 1e-12) / 255.0
        zero = int(np.clip(round(-lo[stat] / scale), 0, 255))
        extra.extend([numpy_helper.from_array(np.array(scale, np.float32), tag + "/scale"),
                      numpy_helper.from_array(np.array(zero, np.uint8), tag + "/zero_point")])
        return [helper.make_node("QuantizeLinear", [value, tag + "/scale", tag + "/zero_point"], [tag + "/q"],
                                 name=tag + "/QuantizeLinear"),
                helper.make_node("DequantizeLinear", [tag + "/q", tag + "/scale", tag + "/zero_point"],
                                 [tag + "/dq"], name=tag + "/DequantizeLinear")], scale, zero

    for n in convs:
        base = n.name.rsplit("/", 1)[0] + "/int8"
        w = numpy_helper.to_array(inits[n.input[1]])
        ws = np.maximum(np.abs(w).reshape(w.shape[0], -1).max(axis=1), 1e-12).astype(np.float32) / np.float32(127)
        wq = np.clip(np.rint(w / ws.reshape((-1,) + (1,) * (w.ndim - 1))), -127, 127).astype(np.int8)
        extra.extend([numpy_helper.from_array(wq, base + "/weight_q"),
                      numpy_helper.from_array(ws, base + "/weight_scale"),
                      numpy_helper.from_array(np.zeros(w.shape[0], np.int8), base + "/weight_zero_point")])
        x_nodes, xs, xz = qdq(n.input[0], n.input[0], base + "/input")
        wdq = helper.make_node("DequantizeLinear", [base + "/weight_q", base + "/weight_scale",
                                                   base + "/weight_zero_point"], [base + "/weight"],
                               name=base + "/weight/DequantizeLinear", axis=0)
        before[n.name] = x_nodes + [wdq]
        out = n.output[0]
        n.input[0] = base + "/input/dq"
        n.input[1] = base + "/weight"
        n.output[0] = base + "/conv"
        y_nodes, ys, yz = qdq(base + "/conv", out, base + "/output")
        y_nodes[-1].output[0] = out
        after[n.name] = y_nodes
        record.append({"node": n.name, "weight_shape": list(w.shape), "input_scale": xs, "input_zero_point": xz,
                       "output_scale": ys, "output_zero_point": yz})
    ordered = []
    for n in g.node:
        ordered.extend(before.get(n.name, []))
        ordered.append(n)
        ordered.extend(after.get(n.name, []))
    del g.node[:]
    g.node.extend(ordered)
    g.initializer.extend(extra)
    used = {i for n in g.node for i in n.input}
    kept = [i for i in g.initializer if i.name in used]
    del g.initializer[:]
    g.initializer.extend(kept)
    onnx.checker.check_model(m)
    return m, record


def score(model, tracks, reference=None):
    """4-class accuracy over all frames and, given reference per-track outputs, the argmax agreement."""
    s = session(model)
    outs, hit, total = [], 0, 0
    for pos, states in tracks:
        p = s.run(None, {"positions": pos[None]})[0][0]
        outs.append(p)
        if states is not None:
            hit += int((p.argmax(1) == states).sum())
            total += len(states)
    agree = None
    if reference is not None:
        agree = float(np.mean(np.concatenate([a.argmax(1) == b.argmax(1) for a, b in zip(outs, reference)])))
    return (hit / total if total else None), agree, outs


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("src_dir")
    p.add_argument("out_name")
    p.add_argument("calibration_csv")
    p.add_argument("validation_csv", nargs="?")
    p.add_argument("--calibration-command", default="", help="the command that wrote the calibration CSV (manifest)")
    p.add_argument("--validation-tracks", type=int, default=2000)
    p.add_argument("--sensitivity", action="store_true", help="score each layer quantised alone, then stop")
    args = p.parse_args(argv)
    src_name = os.path.basename(os.path.normpath(args.src_dir))
    manifest = json.load(open(os.path.join(args.src_dir, src_name + ".manifest.json"), encoding="utf-8"))
    dim = int(manifest["dimension"])
    model = onnx.load(os.path.join(args.src_dir, manifest["files"]["onnx"]["name"]))
    calib = read_tracks(args.calibration_csv, dim)
    val = read_tracks(args.validation_csv, dim)[: args.validation_tracks] if args.validation_csv else None
    if args.sensitivity:
        base_acc, _, _ = score(model, val)
        print(f"float32: 4-class accuracy {base_acc:.4f} on {len(val)} validation tracks")
        for n in quantizable(model, keep_float=False):
            q, _ = quantize(model, calib, only={n.name}, keep_float=False)
            acc, _, _ = score(q, val)
            print(f"{n.name:36s} {100 * (acc - base_acc):+.2f} points")
        return 0
    qmodel, record = quantize(model, calib)
    out_dir = os.path.join(os.path.dirname(os.path.normpath(args.src_dir)), args.out_name)
    os.makedirs(out_dir, exist_ok=True)
    onnx_name = args.out_name + ".onnx"
    onnx.save(qmodel, os.path.join(out_dir, onnx_name))
    files = {"onnx": onnx_name}
    s = session(qmodel)
    for suffix in ("", "-short"):
        src_in = os.path.join(args.src_dir, f"{src_name}.test-input{suffix}.npy")
        x = np.load(src_in)
        name_in, name_out = f"{args.out_name}.test-input{suffix}.npy", f"{args.out_name}.expected-output{suffix}.npy"
        shutil.copyfile(src_in, os.path.join(out_dir, name_in))
        np.save(os.path.join(out_dir, name_out), s.run(None, {"positions": x})[0].astype(np.float32))
        files[f"test-input{suffix}"] = name_in
        files[f"expected-output{suffix}"] = name_out
    validation = None
    if val is not None:
        f_acc, _, ref = score(model, val)
        q_acc, agree, _ = score(qmodel, val, ref)
        validation = {"tracks": len(val), "source": args.validation_csv and os.path.basename(args.validation_csv),
                      "float32_acc4": f_acc, "int8_acc4": q_acc, "argmax_agreement": agree}
        print(f"validation ({len(val)} tracks): float32 {f_acc:.4f}, int8 {q_acc:.4f}, argmax agreement {agree:.4f}")
    out = copy.deepcopy(manifest)
    out["name"] = args.out_name
    out["created_utc"] = datetime.datetime.utcnow().replace(microsecond=0).isoformat() + "Z"
    out.pop("test_metrics", None)
    out["quantization"] = {
        "source_model": src_name,
        "source_onnx_sha256": manifest["files"]["onnx"]["sha256"],
        "script": "models/training/quantize_int8.py",
        "scheme": "static QDQ: int8 weights, symmetric, per output channel (max|W|/127); uint8 activations, "
                  "per tensor, asymmetric, min/max over the calibration tracks; inputs and outputs of every "
                  "quantised Conv; float32 kept for the window convolutions, the first U-Net convolution and the head",
        "calibration": {"csv": os.path.basename(args.calibration_csv), "tracks": len(calib),
                        "command": args.calibration_command},
        "validation": validation,
        "onnxruntime": ort.__version__,
        "layers": record,
    }
    out["files"] = {k: {"name": v, "sha256": dataset.sha256_file(os.path.join(out_dir, v)),
                        "bytes": os.path.getsize(os.path.join(out_dir, v))} for k, v in files.items()}
    out["verification"] = ("expected-output*.npy computed by Python onnxruntime " + ort.__version__
                           + " on the int8 graph from test-input*.npy (the source model's test tensors)")
    with open(os.path.join(out_dir, args.out_name + ".manifest.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)
    print(f"wrote {out_dir}: {len(record)} convolutions in int8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
