"""Side-by-side throughput of 2D segmentation on one workload, in one run (called by compare.sh).

Reads the workload that ``JavaThroughput`` wrote (``positions.npy`` float32 [points, 2], each track shifted
by its first point; ``lengths.npy`` int32 [tracks]) and its timings (``java.jsonl``), then times on the same
tracks:

Models (``--models``): the bundled 2D ensemble ``unet``, its single member ``unet-fast`` and that member in int8
``unet-int8``; each row names its model.

* Python ``onnxruntime`` on the same ``.onnx`` with the same length-grouped batches (at most 64 tracks of one
  length per call), 1 and 2 intra-op threads (skipped with a message when onnxruntime is not importable);
* PyTorch (the interpreter's ``torch``) on our architecture (models/training/model.py, GroupNorm members) with
  the trained weights taken from the ONNX initializers (``our_torch_model``); its output is checked against the
  bundled ``*.expected-output.npy`` first. The int8 model has no PyTorch row: its ratios are against PyTorch on
  its float source, ``unet-fast``. Timed (a) with the same length-grouped batches, on a subset, and (b) at its
  best batching: tracks sorted by length, 32 per call, padded to the call's longest track;
* the paper's 2D architecture (reference §3: 130 channels doubling per level, depth 4, kernel 7, dilation 2 in
  the encoder, ≈ 131 M parameters; random weights, ensemble of 3, every track left-padded to 608 frames), on
  a few tracks;
* the machine's dense float32 matrix-product peak (numpy and torch, 1 and 2 threads), so that GFLOP/s is
  shown as % of peak, with multiply-adds per frame counted from the ONNX graph's Conv nodes.

Prints one table of tracks/s, frames/s, ratios and % of peak. Only numpy, onnx and torch are required.
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MAX_BATCH = 64


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- workload

def load_workload(work):
    pos = np.load(os.path.join(work, "positions.npy"))
    lengths = np.load(os.path.join(work, "lengths.npy")).astype(np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    tracks = [pos[s:s + n] for s, n in zip(starts, lengths)]
    return tracks, lengths


def grouped_batches(tracks, max_batch=MAX_BATCH):
    """Same as our LengthBatchifier: tracks of one length together, in order of first appearance."""
    by_len = {}
    for i, t in enumerate(tracks):
        by_len.setdefault(len(t), []).append(i)
    out = []
    for idx in by_len.values():
        for k in range(0, len(idx), max_batch):
            part = idx[k:k + max_batch]
            out.append(np.ascontiguousarray(np.stack([tracks[i] for i in part])))
    return out


def padded_batches(tracks, batch):
    """Tracks sorted by length, ``batch`` per call, replicate-padded at the end to the call's longest."""
    order = sorted(range(len(tracks)), key=lambda i: len(tracks[i]))
    out = []
    for k in range(0, len(order), batch):
        part = [tracks[i] for i in order[k:k + batch]]
        n = max(len(t) for t in part)
        arr = np.stack([np.concatenate([t, np.repeat(t[-1:], n - len(t), axis=0)]) for t in part])
        out.append(np.ascontiguousarray(arr))
    return out


def timed(fn, repeats):
    """One warm-up call, then ``repeats`` timed calls: (wall seconds, process CPU seconds) lists."""
    fn()  # warm-up
    secs, cpu = [], []
    for _ in range(repeats):
        c0 = time.process_time()
        t0 = time.perf_counter()
        fn()
        secs.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return secs, cpu


# ---------------------------------------------------------------- FLOPs from the ONNX graph

def conv_macs_per_frame(path):
    """Multiply-adds per (padded) input frame, summed over the Conv nodes of the graph, all members.

    Every Conv here has stride 1 and 'same' padding, so its output length is the padded input length times
    2^-(max-pools on its path) x 2^(resizes on its path); that factor is propagated through the graph in
    topological order from the first Conv of each member (which reads the padded features: factor 1).
    """
    import onnx
    m = onnx.load(path, load_external_data=False)
    init = {i.name: tuple(i.dims) for i in m.graph.initializer}
    for n in m.graph.node:   # weights behind DequantizeLinear (int8 graphs) or in Constant nodes
        if n.op_type == "DequantizeLinear" and n.input[0] in init:
            init[n.output[0]] = init[n.input[0]]
        elif n.op_type == "Constant" and n.attribute and n.attribute[0].name == "value":
            init[n.output[0]] = tuple(n.attribute[0].t.dims)
    scale = {}
    macs = 0.0
    convs = 0
    for n in m.graph.node:
        ins = [x for x in n.input if x]
        if n.op_type == "Conv":
            if ins[0] not in scale:
                scale[ins[0]] = 1.0
            if ins[1] not in init:
                raise SystemExit(f"{n.name}: weight {ins[1]} is neither an initializer nor a constant")
            w = init[ins[1]]
            group = next((a.i for a in n.attribute if a.name == "group"), 1)
            strides = next((list(a.ints) for a in n.attribute if a.name == "strides"), [1])
            if strides != [1]:
                raise SystemExit(f"{n.name}: strided Conv not handled")
            macs += w[0] * w[1] * int(np.prod(w[2:])) * scale[ins[0]]
            convs += 1
            scale[n.output[0]] = scale[ins[0]]
        elif n.op_type == "MaxPool" and ins[0] in scale:
            st = next((list(a.ints) for a in n.attribute if a.name == "strides"), [1])
            scale[n.output[0]] = scale[ins[0]] / st[0]
        elif n.op_type == "Resize" and ins[0] in scale:
            scale[n.output[0]] = scale[ins[0]] * 2.0  # nearest x2 (model.py); checked by the torch count
        else:
            s = [scale[x] for x in ins if x in scale]
            if s:
                for o in n.output:
                    scale[o] = s[0]
    return macs, convs


# ---------------------------------------------------------------- peak probe

PEAK_SNIPPET = r"""
import sys, time
lib, n, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
if lib == "numpy":
    import numpy as np
    a = np.random.default_rng(1).standard_normal((n, n), dtype=np.float32); b = a.copy()
    mm = lambda: a @ b
elif lib == "torch-conv":
    import torch
    torch.set_num_threads(threads)
    x = torch.randn(8, 256, n); w = torch.randn(256, 256, 5)
    f = torch.nn.functional.conv1d
    def mm():
        with torch.inference_mode():
            f(x, w, padding=2)
    n = (8 * 256 * 256 * 5 * n) ** (1 / 3)  # FLOPs = 2 n^3 below
elif lib == "onnxruntime":
    import numpy as np, onnx, onnxruntime as ort
    from onnx import helper, TensorProto, numpy_helper
    rng = np.random.default_rng(1)
    b = numpy_helper.from_array(rng.standard_normal((n, n), dtype=np.float32), "B")
    g = helper.make_graph([helper.make_node("MatMul", ["A", "B"], ["C"])], "peak",
                          [helper.make_tensor_value_info("A", TensorProto.FLOAT, [n, n])],
                          [helper.make_tensor_value_info("C", TensorProto.FLOAT, [n, n])], [b])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])
    m.ir_version = 8
    so = ort.SessionOptions(); so.intra_op_num_threads = threads; so.inter_op_num_threads = 1
    s = ort.InferenceSession(m.SerializeToString(), so, providers=["CPUExecutionProvider"])
    a = rng.standard_normal((n, n), dtype=np.float32)
    mm = lambda: s.run(None, {"A": a})
mm()
best = best_cpu = 0.0
for _ in range(5):
    c0 = time.process_time(); t0 = time.perf_counter(); reps = 0
    while time.perf_counter() - t0 < 0.5:
        mm(); reps += 1
    best = max(best, 2.0 * n ** 3 * reps / (time.perf_counter() - t0) / 1e9)
    best_cpu = max(best_cpu, 2.0 * n ** 3 * reps / max(time.process_time() - c0, 1e-9) / 1e9)
print(best, best_cpu)
"""


def peak_gflops(threads):
    """Best of 5 half-second bursts of a 1024 x 1024 float32 matrix product: ONNX Runtime's MatMul (MLAS),
    torch's Conv1d 256 -> 256, kernel 5, 8 x 1024 frames (oneDNN), and numpy (whatever BLAS numpy links; Debian's default is the
    reference BLAS, far below peak, shown only for information). The peak is the best of the first two."""
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads),
               MKL_NUM_THREADS=str(threads))
    res = {}
    for lib in ("onnxruntime", "torch-conv", "numpy"):
        try:
            out = subprocess.run([sys.executable, "-c", PEAK_SNIPPET, lib, "1024", str(threads)], env=env,
                                 capture_output=True, text=True, timeout=120, check=True)
            res[lib] = tuple(float(v) for v in out.stdout.split())  # (per wall second, per CPU second)
        except Exception as e:  # noqa: BLE001 - report and go on
            log(f"peak probe {lib}: {e}")
    return res


# ---------------------------------------------------------------- Python onnxruntime

def run_ort(path, batches, threads, repeats):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    name = sess.get_inputs()[0].name

    def go():
        for b in batches:
            sess.run(None, {name: b})
    return timed(go, repeats), ort.__version__


# ---------------------------------------------------------------- PyTorch, our architecture

def our_torch_model(path):
    """A bundled model (ensemble or single member) as a torch module (models/training/model.py), with the trained
    weights from the ONNX initializers: convolution weights by name, GroupNorm scales and shifts (the Mul and Add
    constants after each InstanceNormalization, exported without their names) in graph order, the temperature from
    the manifest. Returns the module, max |torch - expected-output.npy|, multiply-adds per frame and parameters."""
    import torch
    import torch.nn as nn
    sys.path.insert(0, os.path.join(ROOT, "models", "training"))
    import from_onnx
    try:
        torch.from_numpy(np.zeros(1, np.float32))
    except RuntimeError:   # torch built against numpy 1.x under numpy 2: model.py's constant kernels need it
        torch.from_numpy = to_torch
    ens, _, diff = from_onnx.load_ensemble(path)
    convs = [mod for mod in ens.modules() if isinstance(mod, nn.Conv1d)]
    macs = [0.0]

    def hook(mod, inp, out):
        macs[0] += mod.in_channels * mod.out_channels // mod.groups * mod.kernel_size[0] * out.shape[-1]
    hs = [mod.register_forward_hook(hook) for mod in convs]
    with torch.no_grad():
        ens(torch.zeros(1, 320, 2))
    for h in hs:
        h.remove()
    return ens, diff, macs[0] / 320.0, sum(p.numel() for p in ens.parameters())


def to_torch(a):
    """float32 tensor from a numpy array without torch's numpy bridge (see models/training/from_onnx.py)."""
    sys.path.insert(0, os.path.join(ROOT, "models", "training"))
    import from_onnx
    return from_onnx.to_torch(a)


def from_torch(t):
    return np.asarray(t.detach().flatten().tolist(), dtype=np.float32).reshape(tuple(t.shape))


def run_torch(module, batches, threads, repeats):
    import torch
    torch.set_num_threads(threads)
    batches = [to_torch(b) for b in batches]

    def go():
        with torch.inference_mode():
            for b in batches:
                module(b)
    return timed(go, repeats)


# ---------------------------------------------------------------- the paper's 2D architecture

def paper_member():
    """Reference §3, 2D: blocks of Conv1d('same') -> BatchNorm -> ReLU; 130 channels doubling per level, depth 4,
    kernel 7, dilation 2 in the encoder; nearest upsample x2 -> conv -> concat(encoder first) -> convs; 1x1 head.
    Three convolutions per encoder and decoder block and two in the bottleneck give 131 M parameters, the
    paper's figure (the block layout is our reconstruction; the paper states channels, depth, kernel, dilation
    and parameter count)."""
    import torch.nn as nn
    import torch.nn.functional as F

    def block(cin, cout, n, dilation):
        layers = []
        for i in range(n):
            layers += [nn.Conv1d(cin if i == 0 else cout, cout, 7, padding=3 * dilation, dilation=dilation),
                       nn.BatchNorm1d(cout), nn.ReLU(inplace=True)]
        return nn.Sequential(*layers)

    class Paper(nn.Module):
        def __init__(self):
            super().__init__()
            ch = [130 * 2 ** i for i in range(5)]
            self.enc = nn.ModuleList()
            c = 4
            for i in range(4):
                self.enc.append(block(c, ch[i], 3, 2))
                c = ch[i]
            self.mid = block(c, ch[4], 2, 1)
            self.up = nn.ModuleList()
            self.dec = nn.ModuleList()
            c = ch[4]
            for i in reversed(range(4)):
                self.up.append(block(c, ch[i], 1, 1))
                self.dec.append(block(2 * ch[i], ch[i], 3, 1))
                c = ch[i]
            self.head = nn.Conv1d(c, 4, 1)

        def forward(self, x):
            skips = []
            for blk in self.enc:
                x = blk(x)
                skips.append(x)
                x = F.max_pool1d(x, 2)
            x = self.mid(x)
            for up, blk in zip(self.up, self.dec):
                x = up(F.interpolate(x, scale_factor=2.0, mode="nearest"))
                x = blk(__import__("torch").cat([skips.pop(), x], dim=1))
            return self.head(x).softmax(1)
    return Paper()


def paper_features(batch):
    """Paper inputs (raw: centred x, y, SL, DP), left-padded with zeros to 608 frames: [B, 4, 608]."""
    import torch
    out = np.zeros((len(batch), 4, 608), dtype=np.float32)
    for k, t in enumerate(batch):
        n = len(t)
        c = t - t[:1]
        d = np.diff(t, axis=0)
        sl = np.concatenate([[0.0], np.sqrt((d * d).sum(1))])
        dp = np.concatenate([[0.0, 0.0], (d[:-1] * d[1:]).sum(1)])[:n]
        out[k, :, 608 - n:] = np.stack([c[:, 0], c[:, 1], sl, dp])
    return to_torch(out)


def run_paper(tracks, count, threads):
    import torch
    torch.manual_seed(0)
    torch.set_num_threads(threads)
    members = [paper_member().eval() for _ in range(3)]
    params = sum(p.numel() for p in members[0].parameters())
    x = paper_features(tracks[:count])
    with torch.inference_mode():
        members[0](x[:1, :, :64])  # warm-up
        c0 = time.process_time()
        t0 = time.perf_counter()
        acc = sum(m(x) for m in members) / 3
        dt = time.perf_counter() - t0
        dc = time.process_time() - c0
    assert acc.shape == (count, 4, 608)
    return (dt, dc), params


# ---------------------------------------------------------------- main

SPECS = {"unet": "deepspt-unet-2d", "unet-fast": "deepspt-unet-2d-fast", "unet-int8": "deepspt-unet-2d-int8"}


def model_path(spec):
    name = SPECS.get(spec, spec)
    return os.path.join(ROOT, "models", "bundled", name, name + ".onnx")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--work", required=True, help="directory with positions.npy, lengths.npy, java.jsonl")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--torch-subset", type=int, default=60, help="tracks for PyTorch's length-grouped batches")
    p.add_argument("--paper-tracks", type=int, default=2, help="tracks for the paper architecture (x3 members)")
    p.add_argument("--threads", default="1,2")
    p.add_argument("--models", default="unet,unet-fast,unet-int8",
                   help="bundled 2D models: unet (ensemble), unet-fast (one member), unet-int8 (that member in int8)")
    args = p.parse_args()
    threads = [int(t) for t in args.threads.split(",")]
    specs = args.models.split(",")

    tracks, lengths = load_workload(args.work)
    frames = int(lengths.sum())
    padded_frames = int(sum(math.ceil(n / 16) * 16 for n in lengths))
    rows = []  # (model, name, threads, tracks, (wall list, cpu list), frames, note)

    java = []
    jpath = os.path.join(args.work, "java.jsonl")
    if os.path.exists(jpath):
        for line in open(jpath, encoding="utf-8"):
            line = line.strip()
            if line.startswith("{"):
                java.append(json.loads(line))
    for j in java:
        spec = j.get("model", "unet")
        if "skipped" in j:
            print(f"# Java {spec}, backend {j['backend']} threads {j['threads']}: {j['skipped']}")
            continue
        th = 1 if j["threads"] == "1" else 2
        opts = " --add-modules jdk.incubator.vector" if "jdk.incubator.vector" in j.get("java_opts", "") else ""
        rows.append((spec, f"Java segmentAll, backend {j['backend']}, {j['threads']} (Java {j['java']}{opts})", th,
                     j["tracks"], (j["seconds"], j.get("cpu_seconds", j["seconds"])), j["frames"], ""))

    macs = {}
    for spec in specs:
        # float multiply-adds (the int8 model counts its source's), from the graph's Conv weights
        macs[spec], n_convs = conv_macs_per_frame(model_path(spec))
        log(f"{spec}: {n_convs} Conv nodes, {macs[spec] / 1e6:.3f} M multiply-adds per padded frame")

    batches = grouped_batches(tracks)
    log(f"workload: {len(tracks)} tracks, {frames} frames, {len(batches)} length-grouped batches (<= {MAX_BATCH})")
    try:
        import onnxruntime  # noqa: F401
        for spec in specs:
            for th in threads:
                secs, ver = run_ort(model_path(spec), batches, th, args.repeats)
                rows.append((spec, f"Python onnxruntime {ver}, same batches, {th} intra-op", th, len(tracks), secs,
                             frames, ""))
                log(f"{spec} {rows[-1][1]}: {statistics.median(secs[0]):.2f} s")
    except ImportError as e:
        print(f"# Python onnxruntime: not available here ({e}); see compare.sh")

    import torch
    sub = tracks[:args.torch_subset]
    sub_frames = int(sum(len(t) for t in sub))
    for spec in specs:
        if spec.endswith("int8"):
            continue   # PyTorch runs the float source model (unet-fast); the int8 rows compare against it
        module, diff, macs_torch, n_params = our_torch_model(model_path(spec))
        print(f"# PyTorch {torch.__version__}: {spec} ({n_params} parameters) rebuilt from the ONNX initializers; "
              f"max |torch - expected-output.npy| = {diff:.2e}; {macs_torch / 1e6:.3f} M multiply-adds per frame")
        if diff > 1e-4:
            raise SystemExit("PyTorch rebuild does not match the ONNX expected output")
        for th in threads:
            secs = run_torch(module, grouped_batches(sub), th, 1)
            rows.append((spec, f"PyTorch, same length-grouped batches ({len(sub)} tracks)", th, len(sub), secs,
                         sub_frames, ""))
            log(f"{spec} {rows[-1][1]} {th}t: {statistics.median(secs[0]):.2f} s")
            pb = padded_batches(tracks, 32)
            secs = run_torch(module, pb, th, args.repeats)
            rows.append((spec, "PyTorch, sorted+padded batches of 32 (its best batching)", th, len(tracks), secs,
                         frames, f"{sum(b.shape[0] * b.shape[1] for b in pb) / frames:.2f}x frames incl. padding"))
            log(f"{spec} {rows[-1][1]} {th}t: {statistics.median(secs[0]):.2f} s")

    paper_params = None
    for th in threads:
        (dt, dc), paper_params = run_paper(tracks, args.paper_tracks, th)
        rows.append(("paper", f"paper 2D U-Net x3, random weights, padded to 608 ({args.paper_tracks} tracks)", th,
                     args.paper_tracks, ([dt], [dc]), args.paper_tracks * 608, "608 frames per track"))
        log(rows[-1][1] + f" {th}t: {dt:.2f} s")

    peaks = {th: peak_gflops(th) for th in threads}

    # ---- report
    print()
    print(f"# workload: {len(tracks)} simulated 2D tracks (published protocol, seed of JavaThroughput), "
          f"{frames} frames, mean length {frames / len(tracks):.0f}; the graph pads to a multiple of 16: "
          f"{padded_frames / frames:.3f} padded frames per frame")
    for spec in specs:
        print(f"# {spec}: {macs[spec] / 1e6:.3f} M multiply-adds per padded frame (Conv nodes of the ONNX graph; "
              "FLOPs = 2 x that; int8: the same count, in integer arithmetic)")
    for th in threads:
        pk = peaks[th]
        print(f"# dense float32 matrix product, {th} thread(s), n=1024, GFLOP per wall s / per CPU s: "
              + ", ".join(f"{k} {v[0]:.1f} / {v[1]:.1f}" for k, v in pk.items()))
    if paper_params:
        print(f"# paper 2D member: {paper_params / 1e6:.1f} M parameters")
    core_peak = max((v[1] for k, v in peaks.get(1, {}).items() if k != "numpy"), default=0.0)
    print(f"# per-core float32 peak used below: {core_peak:.1f} GFLOP per CPU-second")

    def rates(n, secs):
        wall, cpu = secs
        return n / statistics.median(wall), n / max(wall), n / min(wall), n / statistics.median(cpu)

    print()
    print("| model | configuration | threads | tracks/s (wall, median) | range | frames/s (wall) | tracks per CPU-s |"
          " GFLOP/s (wall) | GFLOP per CPU-s | % of core fp32 peak (CPU) | note |")
    print("|" + "---|" * 11)
    for spec, name, th, n, secs, fr, note in rows:
        tps, lo, hi, tpc = rates(n, secs)
        fps = tps * fr / n
        if spec == "paper":
            gf = gfc = pct = ""
        else:
            flop_per_frame = 2 * macs[spec] * padded_frames / frames
            gf = f"{flop_per_frame * fps / 1e9:.1f}"
            gflop_cpu = flop_per_frame * tpc * fr / n / 1e9
            gfc = f"{gflop_cpu:.1f}"
            pct = f"{100 * gflop_cpu / core_peak:.0f} %" if core_peak else ""
        print(f"| {spec} | {name} | {th} | {tps:,.1f} | {lo:,.1f}–{hi:,.1f} | {fps:,.0f} | {tpc:,.1f} | {gf} | {gfc} |"
              f" {pct} | {note} |")

    def find(spec, prefix, th):
        return next((r for r in rows if r[0] == spec and r[1].startswith(prefix) and r[2] == th), None)

    print()
    print("| ratio (frames per wall second, the paper: tracks per wall second; per CPU second in brackets) | threads"
          " | value |")
    print("|---|---|---|")
    for th in threads:
        java_mode = "1 (" if th == 1 else "2-batches"
        for spec in specs:
            ours = find(spec, f"Java segmentAll, backend onnx, {java_mode}", th)
            torch_spec = "unet-fast" if spec.endswith("int8") else spec
            for label, other in (("PyTorch at its best batching (" + torch_spec + ")",
                                  find(torch_spec, "PyTorch, sorted+padded", th)),
                                 ("PyTorch, same batches (" + torch_spec + ")", find(torch_spec, "PyTorch, same", th)),
                                 ("Python onnxruntime, same file", find(spec, "Python onnxruntime", th)),
                                 ("the paper's ensemble", find("paper", "paper", th))):
                if ours is None or other is None:
                    continue
                a_w, _, _, a_c = rates(ours[3], ours[4])
                b_w, _, _, b_c = rates(other[3], other[4])
                if other[0] != "paper":   # the paper pads every track to 608 frames: compare tracks per second
                    a_w, a_c = a_w * ours[5] / ours[3], a_c * ours[5] / ours[3]
                    b_w, b_c = b_w * other[5] / other[3], b_c * other[5] / other[3]
                print(f"| our Java {spec} (onnx) ÷ {label} | {th} | {a_w / b_w:.2f}× ({a_c / b_c:.2f}×) |")
    print()
    print("Frames per second compare the PyTorch subset fairly with the whole workload; the paper's time per track"
          " does not depend on its length (every track is padded to 608 frames), so it is compared in tracks per"
          " second on the same workload. CPU: all threads of the process; robust against other load on a shared machine, but it"
          " charges spinning threads. GFLOP counts the convolutions only (padding to a multiple of 16 included).")


if __name__ == "__main__":
    main()
