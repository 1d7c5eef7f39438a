#!/usr/bin/env python3
"""Scores segmentation models on tracks from an independent generator: the AnDi-2 challenge's phenomenological
models (``andi_datasets.models_phenom``, MIT licence, Muñoz-Gil et al.), run unmodified from a checkout of
https://github.com/AnDiChallenge/andi_datasets that this script does not ship. Nothing here trains or tunes on these
tracks: it is a check of the shipped models on data our simulator did not make (issue 20).

usage (repository root, after `mvn -B -q -DskipTests package`):
  /usr/bin/python3 models/independent/andi_phenom_check.py ANDI_CHECKOUT OUT_DIR [--tracks 300] [--seed 1]
      [--dim 2|3] [--model unet] [--model path/to/other.manifest.json ...]
Needs numpy and scipy (Debian: python3-numpy, python3-scipy). The package's optional imports that a phenomenological
simulation does not use (``stochastic`` for fractional Gaussian noise, ``matplotlib`` for plots) are replaced when
missing: fractional Gaussian noise by the exact circulant-embedding (Davies-Harte) sampler below, with the
normalisation the ``stochastic`` package uses (an fBm path on [0, 1], increments of variance n^(-2H)).

Scenarios (2D, 200 frames, frame interval 1, positions in px as the generator gives them, Gaussian localisation
noise of sd 0.12 px added to every position as the challenge does; parameters are the challenge's defaults,
``datasets_challenge._get_dic_andi2`` of andi_datasets 2.1.13, drawn per track instead of per experiment):
  single          model 1, D ~ N(1, 0.01), alpha ~ U[0.5, 1.5]
  brownian        model 1 with alpha = 1, D ~ N(1, 0.01)
  brownian-7      the same, 7 frames
  two-state       model 2: fast D ~ N(1, 0.01), slow D = fast x U[0.01, 0.1], alpha1 ~ U[0.8, 1.2],
                  alpha2 = alpha1 - U[0.2, 0.6], switching probability 0.01 per frame
  two-state-bm    model 2 with alpha1 = alpha2 = 1: a drop of D only, both states Brownian
  immobile        model 3: 300 traps of radius 0.4 in a 230.4 px box, Pb 1, Pu 0.01, alpha ~ U[0.5, 1.5]
  dimerization    model 4: 50 particles of radius 0.6 per box, Pb 1, Pu 0.01, Ds and alphas as model 2
  confinement     model 5: 30 compartments of radius 5, transmittance 0.1, Ds and alphas as model 2
With --dim 3 (the generator's single-state model is the only one that takes a dimension): the scenarios single,
brownian and brownian-7 in 3D, the same parameters, noise of sd 0.12 px on each of x, y and z.
Labels: the generator's states i (immobile) and c (confined) are our confined (2); d (directed) is directed (1);
f (free) is subdiffusive (3) for alpha < 0.75, directed (1) for alpha > 1.25 and normal (0) otherwise (the
protocol's classes have no sharp alpha border; these cuts are ours and are reported with the results).

Writes OUT_DIR/SCENARIO.csv (truth: particle, frame, x, y, true_D, true_alpha, state, andi_state), the
segmentations, and OUT_DIR/summary.csv: per scenario and model the numbers of `evaluate --summary`, plus
free_called_confined (share of frames in the generator's free state that the model calls confined) and
normal_called_directed (share of free frames with 0.8 <= alpha <= 1.2 called directed).
"""
import argparse
import csv
import os
import subprocess
import sys
import types

import numpy as np

NOISE = 0.12


# ----------------------------------------------------------------- optional imports of the package
def fgn_sample(hurst, n, rng):
    """n increments of fractional Brownian motion on [0, 1] (variance n^(-2H) each), exact (Davies-Harte)."""
    if n <= 0:
        return np.zeros(0)
    k = np.arange(n + 1, dtype=float)
    h2 = 2 * hurst
    gamma = 0.5 * (np.abs(k + 1) ** h2 - 2 * np.abs(k) ** h2 + np.abs(k - 1) ** h2)
    row = np.concatenate([gamma, gamma[-2:0:-1]])  # circulant of size 2n
    lam = np.fft.fft(row).real
    lam[lam < 0] = 0.0  # rounding; exact embedding is non-negative for 0 < H < 1
    m = len(row)
    w = rng.standard_normal(m) + 1j * rng.standard_normal(m)
    z = np.fft.fft(np.sqrt(lam / m) * w)  # real part: covariance gamma (real and imaginary parts are independent)
    return z.real[:n] * n ** (-hurst)


def install_shims(rng):
    try:
        import stochastic.processes.noise  # noqa: F401
    except ImportError:
        class FractionalGaussianNoise:
            def __init__(self, hurst=0.5, t=1):
                self.hurst = hurst

            def sample(self, n):
                return fgn_sample(self.hurst, int(n), rng)
        pkg = types.ModuleType("stochastic")
        proc = types.ModuleType("stochastic.processes")
        noise = types.ModuleType("stochastic.processes.noise")
        noise.FractionalGaussianNoise = FractionalGaussianNoise
        pkg.processes = proc
        proc.noise = noise
        sys.modules.update({"stochastic": pkg, "stochastic.processes": proc, "stochastic.processes.noise": noise})
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        for name in ("matplotlib", "matplotlib.pyplot", "matplotlib.patches", "matplotlib.collections"):
            mod = types.ModuleType(name)
            mod.Circle = mod.PatchCollection = object
            sys.modules[name] = mod


# ----------------------------------------------------------------- scenarios
def two_state_params(rng, brownian):
    fast = 1 + rng.standard_normal() * 0.01
    slow = fast * (rng.random() * (0.1 - 0.01) + 0.01)
    a1 = 1.0 if brownian else rng.random() * 0.4 + 0.8
    a2 = 1.0 if brownian else a1 - (rng.random() * 0.4 + 0.2)
    return np.array([[fast, fast * 0.01], [slow, slow * 0.01]]), np.array([[a1, 0.01], [a2, 0.01]])


DIM3_SCENARIOS = ("single", "brownian", "brownian-7")


def generate(mp, scenario, n_tracks, rng, dim=2):
    """list of (positions T x dim, labels T x 3 [alpha, D, state index]) per track."""
    if dim != 2 and scenario not in DIM3_SCENARIOS:
        raise ValueError(f"scenario {scenario} is 2D only in the generator (3D: {', '.join(DIM3_SCENARIOS)})")
    out = []
    L = 1.8 * 128
    while len(out) < n_tracks:
        if scenario in ("single", "brownian", "brownian-7"):
            T = 7 if scenario == "brownian-7" else 200
            alpha = 1.0 if scenario != "single" else rng.random() * 1.0 + 0.5
            pos, lab = mp.single_state(N=1, T=T, Ds=[1.0, 0.01], alphas=[alpha, 0.0], L=L, dim=dim)
            out.append((pos[:, 0, :], lab[:, 0, :]))
        elif scenario in ("two-state", "two-state-bm"):
            Ds, alphas = two_state_params(rng, scenario == "two-state-bm")
            pos, lab = mp.multi_state(N=1, T=200, M=[[0.99, 0.01], [0.01, 0.99]], Ds=Ds, alphas=alphas, L=L)
            out.append((pos[:, 0, :], lab[:, 0, :3]))
        elif scenario == "immobile":
            alpha = rng.random() * 1.0 + 0.5
            pos, lab = mp.immobile_traps(N=50, T=200, L=L, r=0.4, Pu=0.01, Pb=1, Ds=[1.0, 0.01],
                                         alphas=[alpha, 0.01], Nt=300)
            out += [(pos[:, i, :], lab[:, i, :3]) for i in range(pos.shape[1])]
        elif scenario == "dimerization":
            Ds, alphas = two_state_params(rng, False)
            pos, lab = mp.dimerization(N=50, T=200, L=L, r=0.6, Pu=0.01, Pb=1, Ds=Ds, alphas=alphas)
            out += [(pos[:, i, :], lab[:, i, :3]) for i in range(pos.shape[1])]
        elif scenario == "confinement":
            Ds, alphas = two_state_params(rng, False)
            pos, lab = mp.confinement(N=50, T=200, L=L, Ds=Ds, alphas=alphas, r=5, Nc=30, trans=0.1)
            out += [(pos[:, i, :], lab[:, i, :3]) for i in range(pos.shape[1])]
        else:
            raise ValueError(scenario)
    return out[:n_tracks]


def our_state(andi_state, alpha):
    """0 normal, 1 directed, 2 confined, 3 subdiffusive from the generator's state index (i, c, f, d) and alpha."""
    s = int(round(andi_state))
    if s in (0, 1):
        return 2
    if s == 3:
        return 1
    return 3 if alpha < 0.75 else (1 if alpha > 1.25 else 0)


def write_truth(path, tracks, rng):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        dim = tracks[0][0].shape[1] if tracks else 2
        w.writerow(["particle", "frame"] + ["x", "y", "z"][:dim] + ["true_D", "true_alpha", "state", "andi_state"])
        for p, (pos, lab) in enumerate(tracks):
            noisy = pos + rng.standard_normal(pos.shape) * NOISE
            for t in range(len(pos)):
                a, d, s = lab[t, 0], lab[t, 1], lab[t, 2]
                # immobile frames have D = 0 in the generator: the truth file needs D >= 0, which it is
                w.writerow([p, t] + [f"{noisy[t, k]:.6f}" for k in range(dim)]
                           + [f"{max(d, 0.0):.6g}", f"{a:.4f}", our_state(s, a), int(round(s))])


def extra_shares(truth, seg):
    """(free frames called confined, free frames with 0.8 <= alpha <= 1.2 called directed)."""
    pred = {}
    with open(seg) as f:
        for r in csv.DictReader(f):
            pred[(r["particle"], r["frame"])] = int(r["state"])
    free = conf = normal = directed = 0
    with open(truth) as f:
        for r in csv.DictReader(f):
            if r["andi_state"] != "2":
                continue
            p = pred.get((r["particle"], r["frame"]))
            if p is None:
                continue
            free += 1
            conf += p == 2
            if 0.8 <= float(r["true_alpha"]) <= 1.2:
                normal += 1
                directed += p == 1
    return (conf / free if free else float("nan")), (directed / normal if normal else float("nan"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("andi", help="checkout of AnDiChallenge/andi_datasets (the folder holding andi_datasets/)")
    ap.add_argument("out")
    ap.add_argument("--tracks", type=int, default=300, help="tracks per scenario (default 300)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--model", action="append", help="segment --model value (repeatable; default unet)")
    ap.add_argument("--scenarios", default="single,brownian,brownian-7,two-state,two-state-bm,immobile,"
                                           "dimerization,confinement")
    ap.add_argument("--dim", type=int, choices=(2, 3), default=2,
                    help="3: the single-state scenarios in 3D (default 2)")
    ap.add_argument("--jar", default="deepspt-cli/target/deepspt.jar")
    args = ap.parse_args()
    if args.dim == 3 and args.scenarios == ap.get_default("scenarios"):
        args.scenarios = ",".join(DIM3_SCENARIOS)
    models = args.model or ["unet"]
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    np.random.seed(args.seed)  # the package draws from numpy's global generator
    install_shims(rng)
    sys.path.insert(0, args.andi)
    from andi_datasets.models_phenom import models_phenom
    mp = models_phenom()
    rows = []
    header = None
    for scenario in args.scenarios.split(","):
        truth = os.path.join(args.out, f"{scenario}.csv")
        if not os.path.exists(truth):
            write_truth(truth + ".tmp", generate(mp, scenario, args.tracks, rng, args.dim), rng)
            os.replace(truth + ".tmp", truth)
        for model in models:
            tag = os.path.basename(model).replace(".manifest.json", "")
            seg = os.path.join(args.out, f"{scenario}-{tag}.seg.csv")
            subprocess.run(["java", "-jar", args.jar, "segment", "--model", model, "--threads", "2",
                            "--no-progress", "--in", truth, "--out", seg], check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            ev = subprocess.run(["java", "-jar", args.jar, "evaluate", "--summary", "--truth", truth, "--pred", seg],
                                check=True, capture_output=True, text=True).stdout.strip().splitlines()
            header = ev[0]
            fc, nd = extra_shares(truth, seg)
            rows.append(f"{tag},{scenario},{ev[1]},{fc:.4f},{nd:.4f}")
            print(rows[-1], flush=True)
    with open(os.path.join(args.out, "summary.csv"), "w") as f:
        f.write(f"model,set,{header},free_called_confined,normal_called_directed\n")
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
