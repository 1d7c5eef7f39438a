"""Fit the ensemble temperature T on validation tracks and report ECE (15 bins) before and after.

T is shared by all members and applied to each member's logits before its softmax; the ensemble output is
the mean of the members' probabilities. With --length-temperature, T also depends on the track length N:
log T(N) = a + b log N, fitted by NLL (L-BFGS) on the same frames; ECE per length bin before/after. T minimises the per-frame NLL of that mean (golden-section search
on log T in [0.05, 20]). Use validation tracks NOT used for checkpoint selection (default: tracks
4000..9999 of the validation set; train.py selects on tracks 0..3999).

  /usr/bin/python3 calibrate.py --members work/runs/2d-m11/best.pt work/runs/2d-m12/best.pt \
      work/runs/2d-m13/best.pt --val-data work/2d-val --out work/runs/2d-calibration.json
"""
import argparse
import json
import math
import sys

import numpy as np
import torch

import dataset
import model as models
import train as trainer

ECE_BINS = 15


def load_member(path):
    ck = torch.load(path)
    net = models.build(ck["config"])
    net.load_state_dict(ck["model"])
    net.eval()
    return net, ck


@torch.no_grad()
def collect_logits(members, ts, max_frames=65536):
    """-> logits [M, frames, 4] float32, labels [frames] and the length of each frame's track [frames], for
    whole tracks of ts."""
    per_member = [[] for _ in members]
    labels, lengths = [], []
    for _, pos, lab in dataset.eval_batches(ts, max_frames):
        x = torch.from_numpy(pos)
        for k, m in enumerate(members):
            per_member[k].append(m(x).reshape(-1, 4))
        labels.append(torch.from_numpy(lab).reshape(-1))
        lengths.append(torch.full((lab.size,), pos.shape[1], dtype=torch.float32))
    return torch.stack([torch.cat(p) for p in per_member]), torch.cat(labels), torch.cat(lengths)


def ensemble_probs(logits, temperature):
    return torch.softmax(logits / temperature, dim=-1).mean(0)


def nll(probs, labels):
    return -torch.log(probs.gather(1, labels[:, None]).clamp_min(1e-12)).mean().item()


def ece(probs, labels, bins=ECE_BINS):
    """Expected calibration error: sum over equal-width confidence bins of |acc - conf| * fraction."""
    conf, pred = probs.max(1)
    correct = (pred == labels).double()
    edges = torch.linspace(0, 1, bins + 1, dtype=torch.float64)
    total = 0.0
    n = len(labels)
    for i in range(bins):
        sel = (conf > edges[i]) & (conf <= edges[i + 1]) if i > 0 else (conf <= edges[1])
        cnt = int(sel.sum())
        if cnt:
            total += abs(correct[sel].mean().item() - conf[sel].double().mean().item()) * cnt / n
    return total


def fit_temperature(logits, labels, lo=0.05, hi=20.0, iters=40):
    f = lambda lt: nll(ensemble_probs(logits, math.exp(lt)), labels)
    a, b = math.log(lo), math.log(hi)
    g = (math.sqrt(5) - 1) / 2
    c, d = b - g * (b - a), a + g * (b - a)
    fc, fd = f(c), f(d)
    for _ in range(iters):
        if fc < fd:
            b, d, fd = d, c, fc
            c = b - g * (b - a)
            fc = f(c)
        else:
            a, c, fc = c, d, fd
            d = a + g * (b - a)
            fd = f(d)
    return math.exp((a + b) / 2)


def ensemble_probs_by_length(logits, log_n, a, b):
    """Mean over members of softmax(logits / T(N)), log T(N) = a + b log N; log_n [frames]."""
    inv_t = torch.exp(-(a + b * log_n))[None, :, None]
    return torch.softmax(logits * inv_t, dim=-1).mean(0)


def fit_length_temperature(logits, labels, log_n, a0, iters=60):
    """(a, b) minimising the per-frame NLL of ensemble_probs_by_length (L-BFGS from a = a0, b = 0)."""
    a = torch.tensor(float(a0), dtype=torch.float32, requires_grad=True)
    b = torch.tensor(0.0, dtype=torch.float32, requires_grad=True)
    opt = torch.optim.LBFGS([a, b], lr=0.5, max_iter=iters, line_search_fn="strong_wolfe")
    idx = labels[:, None]

    def closure():
        opt.zero_grad()
        p = ensemble_probs_by_length(logits, log_n, a, b)
        loss = -torch.log(p.gather(1, idx).clamp_min(1e-12)).mean()
        loss.backward()
        return loss
    opt.step(closure)
    return float(a.detach()), float(b.detach())


LENGTH_BINS = [(5, 29), (30, 49), (50, 99), (100, 199), (200, 399), (400, 100000)]


def by_length(probs_fn, labels, lengths):
    """ECE and accuracy per track-length bin: {"5-29": {...}, ...}."""
    out = {}
    for lo, hi in LENGTH_BINS:
        sel = (lengths >= lo) & (lengths <= hi)
        if int(sel.sum()) == 0:
            continue
        p = probs_fn(sel)
        out[f"{lo}-{hi}"] = {"frames": int(sel.sum()), "ece": ece(p, labels[sel]),
                             "acc4": float((p.argmax(1) == labels[sel]).double().mean())}
    return out


def confusion(probs, labels):
    pred = probs.argmax(1).numpy()
    conf = np.zeros((4, 4), dtype=np.int64)
    np.add.at(conf, (labels.numpy(), pred), 1)
    return conf


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--members", nargs="+", required=True, help="member checkpoints (best.pt)")
    p.add_argument("--val-data", required=True)
    p.add_argument("--first", type=int, default=4000, help="first validation track used")
    p.add_argument("--count", type=int, default=6000, help="number of validation tracks used")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--length-temperature", action="store_true",
                   help="also fit log T(N) = a + b log N (N = track length) by NLL; export.py then uses it")
    p.add_argument("--out", required=True, help="calibration JSON")
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    full = dataset.TrackSet(args.val_data)
    ts = full.slice(args.first, args.first + args.count)
    if len(ts) == 0:
        sys.exit(f"no validation tracks in [{args.first}, {args.first + args.count}) of {args.val_data}")
    members, cks = zip(*[load_member(m) for m in args.members])
    logits, labels, lengths = collect_logits(members, ts)
    before = ensemble_probs(logits, 1.0)
    t = fit_temperature(logits, labels)
    after = ensemble_probs(logits, t)
    member_acc = [float((logits[k].argmax(1) == labels).double().mean()) for k in range(len(members))]
    result = {
        "temperature": t,
        "bins": ECE_BINS,
        "nll_before": nll(before, labels), "nll_after": nll(after, labels),
        "ece_before": ece(before, labels), "ece_after": ece(after, labels),
        "ensemble_metrics": trainer.metrics_from_confusion(confusion(after, labels)),
        "member_acc4": member_acc,
        "members": list(args.members),
        "member_seeds": [ck["seed"] for ck in cks],
        "val_data": full.describe(), "val_tracks": [args.first, args.first + len(ts)],
        "frames": int(len(labels)),
    }
    result["by_length"] = by_length(lambda sel: ensemble_probs(logits[:, sel], t), labels, lengths)
    if args.length_temperature:
        log_n = torch.log(lengths)
        a, b = fit_length_temperature(logits, labels, log_n, math.log(t))
        with torch.no_grad():
            after_n = ensemble_probs_by_length(logits, log_n, a, b)
            result["length_temperature"] = {
                "form": "log T(N) = a + b log N", "a": a, "b": b,
                "T_at": {str(n): math.exp(a + b * math.log(n)) for n in (10, 20, 50, 100, 200, 400, 600)},
                "nll": nll(after_n, labels), "ece": ece(after_n, labels),
                "by_length": by_length(lambda sel: ensemble_probs_by_length(logits[:, sel], log_n[sel], a, b),
                                       labels, lengths)}
        print(f"length temperature: log T = {a:.4f} + {b:.4f} log N; NLL {result['nll_after']:.4f} -> "
              f"{result['length_temperature']['nll']:.4f}; ECE {result['ece_after']:.4f} -> "
              f"{result['length_temperature']['ece']:.4f}")
        for k, v in result["by_length"].items():
            w = result["length_temperature"]["by_length"][k]
            print(f"  N {k}: ECE {v['ece']:.4f} -> {w['ece']:.4f} (acc4 {v['acc4']:.4f}, {v['frames']} frames)")
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2)
    print(f"T = {t:.4f}; NLL {result['nll_before']:.4f} -> {result['nll_after']:.4f}; "
          f"ECE {result['ece_before']:.4f} -> {result['ece_after']:.4f}; "
          f"ensemble acc4 {result['ensemble_metrics']['acc4']:.4f} (members {', '.join(f'{a:.4f}' for a in member_acc)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
