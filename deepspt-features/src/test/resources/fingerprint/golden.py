#!/usr/bin/python3
"""Independent reference values for the non-fit features of the diffusional fingerprint.

Run with /usr/bin/python3 (numpy only) from this directory:  /usr/bin/python3 golden.py
Writes tracks.csv (track,dt,x,y,z; one row per point, z empty for 2D) and expected.csv (track,feature,value).
Written from the textbook definitions documented on org.deepspt.fingerprint.DiffusionalFingerprint, not from
the Java code: brute-force pairwise d_max, Jarvis march (2D) and brute-force facet enumeration (3D) for the
hull, numpy eigh for the main axis.
"""
import itertools
import math

import numpy as np


def max_lag(n):
    m = n // 2 if n > 20 else n
    return max(0, m - 1)


def features(r, dt):
    n, dim = r.shape
    steps = np.diff(r, axis=0)
    sl = np.sqrt((steps ** 2).sum(axis=1))
    m = n - 1
    f = {}
    e2 = ((r[-1] - r[0]) ** 2).sum()
    eff = e2 / (m * (sl ** 2).sum())
    f["efficiency"] = eff
    f["log_efficiency"] = math.log(eff)
    dmax = max(np.sqrt(((r[i] - r[j]) ** 2).sum()) for i in range(n) for j in range(i + 1, n))
    f["fractal_dimension"] = math.log(m) / (math.log(m) + math.log(dmax / sl.sum()))
    L = max_lag(n)
    msd = []
    gauss = []
    for lag in range(1, L + 1):
        d2 = ((r[lag:] - r[:-lag]) ** 2).sum(axis=1)
        msd.append(d2.mean())
        gauss.append((d2 ** 2).mean() / (2 * d2.mean() ** 2))
    msd = np.array(msd)
    f["gaussianity"] = float(np.mean(gauss))
    f["mean_msd"] = float(msd.mean())
    ks = np.arange(1, L)
    f["msd_ratio"] = float(np.mean(msd[:-1] / msd[1:] - ks / (ks + 1.0)))
    c = r - r.mean(axis=0)
    cov = c.T @ c / n
    w, v = np.linalg.eigh(cov)
    p = c @ v[:, np.argmax(w)]
    f["kurtosis"] = float((p ** 4).mean() / (p ** 2).mean() ** 2)
    dshort = max(0.0, msd[1] - msd[0]) / (2 * dim * dt)
    r0 = dmax / 2
    f["trappedness"] = 1 - math.exp(0.2045 - 0.25117 * dshort * (m * dt) / r0 ** 2)
    f["n_points"] = n
    f["mean_step_length"] = sl.mean()
    f["total_step_length"] = sl.sum()
    f["min_step_length"] = sl.min()
    f["max_step_length"] = sl.max()
    f["step_length_range"] = sl.max() - sl.min()
    f["speed"] = sl.sum() / (m * dt)
    f["step_length_cv"] = sl.std() / sl.mean()
    f["fraction_short_steps"] = float((sl < 0.1).mean())
    f["fraction_long_steps"] = float((sl > 0.4).mean())
    dp = (steps[:-1] * steps[1:]).sum(axis=1)
    f["mean_dot_product"] = dp.mean()
    f["fraction_positive_dot_products"] = float((dp > 0).mean())
    sg = np.sign(dp)
    f["fraction_equal_sign_dot_products"] = float((sg[1:] == sg[:-1]).mean())
    f["convex_hull"] = hull_area(r) if dim == 2 else hull_volume(r)
    return f


def hull_area(r):
    """Jarvis march (gift wrapping), then the shoelace formula."""
    pts = [tuple(p) for p in r]
    start = min(range(len(pts)), key=lambda i: (pts[i][0], pts[i][1]))
    hull = [start]
    cur = start
    while True:
        cand = (cur + 1) % len(pts)
        for i in range(len(pts)):
            cr = ((pts[cand][0] - pts[cur][0]) * (pts[i][1] - pts[cur][1])
                  - (pts[cand][1] - pts[cur][1]) * (pts[i][0] - pts[cur][0]))
            if cr < 0:
                cand = i
        cur = cand
        if cur == start:
            break
        hull.append(cur)
    a = 0.0
    for i in range(len(hull)):
        x1, y1 = pts[hull[i]]
        x2, y2 = pts[hull[(i + 1) % len(hull)]]
        a += x1 * y2 - x2 * y1
    return abs(a) / 2


def hull_volume(r):
    """Brute force: every triple with all points on one side is a facet (points in general position)."""
    o = r.mean(axis=0)
    vol = 0.0
    for i, j, k in itertools.combinations(range(len(r)), 3):
        nrm = np.cross(r[j] - r[i], r[k] - r[i])
        s = (r - r[i]) @ nrm
        s[[i, j, k]] = 0
        if (s <= 0).all() or (s >= 0).all():
            vol += abs(np.dot(r[i] - o, np.cross(r[j] - o, r[k] - o))) / 6
    return vol


def main():
    rng = np.random.default_rng(20261124)
    tracks = {
        # 2D Brownian-like, N = 30 (> 20: lag rule ⌊N/2⌋ − 1 = 14), dt = 0.5 s
        "walk30": (np.cumsum(rng.normal(0, 0.25, size=(30, 2)), axis=0), 0.5),
        # 2D with drift, N = 12 (≤ 20: lags 1..11), dt = 1 s
        "drift12": (np.cumsum(rng.normal(0, 0.15, size=(12, 2)) + [0.2, 0.05], axis=0), 1.0),
        # 3D, N = 16, dt = 0.1 s
        "walk3d16": (np.cumsum(rng.normal(0, 0.3, size=(16, 3)), axis=0), 0.1),
    }
    with open("tracks.csv", "w") as fh:
        fh.write("track,dt,x,y,z\n")
        for name, (r, dt) in tracks.items():
            for p in r:
                z = repr(float(p[2])) if len(p) == 3 else ""
                fh.write(f"{name},{dt!r},{float(p[0])!r},{float(p[1])!r},{z}\n")
    with open("expected.csv", "w") as fh:
        fh.write("track,feature,value\n")
        for name, (r, dt) in tracks.items():
            r = np.array([[float(repr(float(v))) for v in p] for p in r])
            for k, v in features(r, dt).items():
                fh.write(f"{name},{k},{float(v)!r}\n")


if __name__ == "__main__":
    main()
