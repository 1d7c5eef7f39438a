"""Length-dependent temperature for the shipped ensembles' probabilities (issue 11, calibration per length).

The ensemble output p (mean over members of softmax(z_m / T)) is re-tempered per track as
p'_k = p_k^(1/tau) / sum_j p_j^(1/tau), with log tau = a + b * log(N) for a track of N points. a, b are
fitted by weighted least squares on per-length-bin temperatures, each the NLL-optimal tau of the frames of
that bin of VALIDATION tracks (particles FIRST..LAST of a `deepspt simulate` set, segmented by
`deepspt segment`). Reports ECE (15 bins, as CalibrationError) before -> after on any further sets.

usage: /usr/bin/python3 length_temperature.py --fit TRUTH.csv SEG.csv FIRST LAST \
           --eval NAME TRUTH.csv SEG.csv [--eval ...] [--out result.json]
"""
import argparse
import json
import math

import numpy as np

BINS = 15


def load(truth, seg, first=None, last=None):
    t = np.loadtxt(truth, delimiter=",", skiprows=1)
    s = np.loadtxt(seg, delimiter=",", skiprows=1)
    if t.shape[0] != s.shape[0] or not np.array_equal(t[:, 0], s[:, 0]):
        raise SystemExit(f"{truth} and {seg} rows differ")
    particle = t[:, 0].astype(np.int64)
    keep = np.ones(len(particle), bool)
    if first is not None:
        keep = (particle >= first) & (particle <= last)
    particle, state, p = particle[keep], t[keep, -1].astype(np.int64), s[keep, 3:7]
    # track length of every frame
    _, inverse, counts = np.unique(particle, return_inverse=True, return_counts=True)
    return state, np.clip(p, 1e-12, 1.0), counts[inverse]


def temper(p, tau):
    logp = np.log(p) / np.asarray(tau).reshape(-1, 1)
    logp -= logp.max(1, keepdims=True)
    q = np.exp(logp)
    return q / q.sum(1, keepdims=True)


def nll(p, y, tau):
    return -np.mean(np.log(np.clip(temper(p, tau)[np.arange(len(y)), y], 1e-300, None)))


def best_tau(p, y, lo=0.3, hi=5.0):
    """Golden-section search of the NLL-optimal temperature (unimodal in practice)."""
    g = (math.sqrt(5) - 1) / 2
    a, b = math.log(lo), math.log(hi)
    c, d = b - g * (b - a), a + g * (b - a)
    fc, fd = nll(p, y, math.exp(c)), nll(p, y, math.exp(d))
    for _ in range(30):
        if fc < fd:
            b, d, fd = d, c, fc
            c = b - g * (b - a)
            fc = nll(p, y, math.exp(c))
        else:
            a, c, fc = c, d, fd
            d = a + g * (b - a)
            fd = nll(p, y, math.exp(d))
    return math.exp((a + b) / 2)


def ece(p, y):
    conf = p.max(1)
    correct = p.argmax(1) == y
    b = np.clip(np.ceil(conf * BINS).astype(int) - 1, 0, BINS - 1)
    out = 0.0
    for k in range(BINS):
        m = b == k
        if m.any():
            out += abs(correct[m].mean() - conf[m].mean()) * m.sum() / len(y)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fit", nargs=4, required=True, metavar=("TRUTH", "SEG", "FIRST", "LAST"))
    ap.add_argument("--eval", nargs=3, action="append", default=[], metavar=("NAME", "TRUTH", "SEG"))
    ap.add_argument("--out")
    a = ap.parse_args()
    y, p, n = load(a.fit[0], a.fit[1], int(a.fit[2]), int(a.fit[3]))
    edges = [5, 15, 30, 50, 75, 100, 150, 200, 300, 400, 601]
    xs, ts, ws, per_bin = [], [], [], []
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (n >= lo) & (n < hi)
        if m.sum() < 1000:
            continue
        tau = best_tau(p[m], y[m])
        logn = float(np.mean(np.log(n[m])))
        xs.append(logn); ts.append(math.log(tau)); ws.append(float(m.sum()))
        per_bin.append({"length": [lo, hi - 1], "frames": int(m.sum()), "tau": round(tau, 4),
                        "ece_before": round(ece(p[m], y[m]), 4), "ece_after_bin_tau": round(ece(temper(p[m], tau), y[m]), 4)})
        print(per_bin[-1], flush=True)
    w = np.sqrt(np.array(ws))
    A = np.stack([np.ones(len(xs)), np.array(xs)], 1)
    coef, *_ = np.linalg.lstsq(A * w[:, None], np.array(ts) * w, rcond=None)
    fa, fb = float(coef[0]), float(coef[1])
    tau_of = lambda nn: np.exp(fa + fb * np.log(nn))
    print(f"log tau = {fa:.4f} + {fb:.4f} log N  (tau(20) = {tau_of(20):.3f}, tau(100) = {tau_of(100):.3f}, "
          f"tau(400) = {tau_of(400):.3f})")
    result = {"fit": {"a": fa, "b": fb, "form": "log tau = a + b log N", "set": a.fit, "bins": per_bin,
                      "ece_before": ece(p, y), "ece_after": ece(temper(p, tau_of(n)), y)}, "eval": {}}
    print(f"fit set: ECE {result['fit']['ece_before']:.4f} -> {result['fit']['ece_after']:.4f}")
    for name, truth, seg in a.eval:
        yy, pp, nn = load(truth, seg)
        q = temper(pp, tau_of(nn))
        r = {"frames": int(len(yy)), "acc4": float((pp.argmax(1) == yy).mean()), "ece_before": ece(pp, yy),
             "ece_after": ece(q, yy), "nll_before": nll(pp, yy, 1.0), "nll_after": nll(q, yy, 1.0)}
        result["eval"][name] = r
        print(f"{name}: acc4 {r['acc4']:.4f} ECE {r['ece_before']:.4f} -> {r['ece_after']:.4f}, "
              f"NLL {r['nll_before']:.4f} -> {r['nll_after']:.4f}", flush=True)
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
