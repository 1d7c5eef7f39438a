#!/usr/bin/env python3
"""Robustness check: pure Brownian tracks recorded with camera motion blur, which our training simulator does not make.

A camera with exposure t_E integrates the particle's position over the exposure: each recorded position is the mean
of the path over [t_i, t_i + t_E]. For Brownian motion this lowers the lag-1 MSD by 2dD t_E/3 (Savin & Doyle 2005) and
correlates successive steps positively, as drift does. The script simulates 2D Brownian tracks (D = 0.1 um^2/s,
frame interval 30 ms, 30 sub-steps per frame) with blur fraction t_E/dt of 0 (stroboscopic), 0.5 and 1 (continuous
illumination), signal-to-noise Q = sqrt(D dt)/sigma of 2 and 5 (Gaussian localisation noise added after the
blur), lengths 7, 20, 50 and 200 points (200 tracks each, 100 at 200 points), segments them with `deepspt segment`
(default model and options) and prints the share of frames called each state and of frames in tracks judged
reliable. Every frame of those tracks is truly normal (Brownian). With --drift it adds directed tracks (the same
Brownian motion plus a constant velocity v = sqrt(4 R D / (N dt)), R = 2 (weak) and 10, the protocol's form with
N_v the track's N, in a random direction; blur 0 and 1, Q = 5, 20/50/200 points), so that a model taught to discount blur can be
seen to keep finding drift; their rows come after the Brownian ones and do not change them.

usage (repository root, after `mvn -B -q -DskipTests package`):
  /usr/bin/python3 models/independent/blur_check.py OUT_DIR [--seed 7] [--model unet] [--drift] [--jar deepspt-cli/target/deepspt.jar]
Needs numpy. Writes OUT_DIR/brownian-blur.csv (truth), OUT_DIR/seg.csv and prints a markdown table.
"""
import argparse
import collections
import csv
import os
import subprocess

import numpy as np

D, DT, SUB = 0.1, 0.03, 30


def track(rng, n, blur, q, velocity=None):
    h = DT / SUB
    steps = rng.normal(0, np.sqrt(2 * D * h), size=(n * SUB, 2))
    if velocity is not None:
        steps += velocity * h
    path_ = np.cumsum(steps, axis=0)
    exposed = max(1, int(round(blur * SUB)))
    pos = np.array([path_[i * SUB: i * SUB + exposed].mean(axis=0) for i in range(n)])
    return pos + rng.normal(0, np.sqrt(D * DT) / q, size=pos.shape)


def simulate(path, rng, drift):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["particle", "frame", "x", "y", "state"])
        for blur in (0.0, 0.5, 1.0):
            for q in (2.0, 5.0):
                for n in (7, 20, 50, 200):
                    for k in range(200 if n < 100 else 100):
                        pos = track(rng, n, blur, q)
                        pid = f"b{blur}_q{q}_n{n}_{k}"
                        for i in range(n):
                            w.writerow([pid, i, f"{pos[i, 0]:.6f}", f"{pos[i, 1]:.6f}", 0])
        if not drift:
            return
        for r in (2.0, 10.0):
            for blur in (0.0, 1.0):
                for n in (20, 50, 200):
                    for k in range(200 if n < 100 else 100):
                        angle = rng.uniform(0, 2 * np.pi)
                        speed = np.sqrt(4 * r * D / (n * DT))
                        pos = track(rng, n, blur, 5.0, speed * np.array([np.cos(angle), np.sin(angle)]))
                        pid = f"d{r:g}x{blur}_q5.0_n{n}_{k}"
                        for i in range(n):
                            w.writerow([pid, i, f"{pos[i, 0]:.6f}", f"{pos[i, 1]:.6f}", 1])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--model", default="unet")
    ap.add_argument("--jar", default="deepspt-cli/target/deepspt.jar")
    ap.add_argument("--drift", action="store_true", help="add directed tracks (see above)")
    ap.add_argument("--reuse-truth", action="store_true",
                    help="keep OUT_DIR/brownian-blur.csv from an earlier run with the same --seed and --drift")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    truth = os.path.join(args.out, "brownian-blur.csv")
    seg = os.path.join(args.out, "seg.csv")
    if not (args.reuse_truth and os.path.exists(truth)):
        simulate(truth, np.random.default_rng(args.seed), args.drift)
    subprocess.run(["java", "-jar", args.jar, "segment", "--model", args.model, "--frame-interval", str(DT),
                    "--no-progress", "--in", truth, "--out", seg], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    counts = collections.defaultdict(collections.Counter)
    reliable = collections.Counter()
    for r in csv.DictReader(open(seg)):
        b, q, n, _ = r["particle"].split("_")
        if b[0] == "b":
            key = ("brownian", float(b[1:]), float(q[1:]), int(n[1:]))
        else:
            strength, blur = b[1:].split("x")
            key = (f"directed, R = {strength}", float(blur), float(q[1:]), int(n[1:]))
        counts[key][int(r["state"])] += 1
        reliable[key] += r["reliable"] == "true"
    print("| truth | blur t_E/dt | Q | points | normal | directed | confined | subdiffusive | frames in reliable tracks |")
    print("|---|---|---|---|---|---|---|---|---|")
    for key in sorted(counts):
        c = counts[key]
        t = sum(c.values())
        print(f"| {key[0]} | {key[1]:g} | {key[2]:g} | {key[3]} | " + " | ".join(f"{c[s] / t:.2f}" for s in range(4))
              + f" | {reliable[key] / t:.2f} |")


if __name__ == "__main__":
    main()
