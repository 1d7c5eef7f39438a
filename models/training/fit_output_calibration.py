#!/usr/bin/env python3
"""Fits the `output_calibration` tables of the bundled U-Net manifests (issue 20, item 3; models/README.md,
"Calibrated output") from the raw output of `segment --no-smooth` on validation tracks and their truth files.
numpy only (runs with /usr/bin/python3).

What it fits (the forms OutputCalibration and PathPosterior apply in Java, org.deepspt.smoothing):
  * unsmoothed rows: p' ∝ p^(1/T(N, Q̂)), per track of N points with estimated SNR Q̂ (SnrEstimate);
  * smoothed rows: the marginals of P(path) ∝ exp(score(path)/T_s(N, Q̂)), score = Σ ln p_i(s_i) − 9·#switches,
    with the largest marginal swapped onto the Viterbi state where they differ.
ln T is bilinear in (ln N, ln Q̂) between the knots, constant beyond them (Q̂ = +inf or NaN: the last SNR knot).

Procedure (the one the shipped tables come from):
  1. every validation set's tracks are subsampled (seeded, numpy default_rng(1) in the sorted order of the set
     names): wide 2,000, main 1,000, Q=* 400, N=n 1,500 below 100 points and 500 from 100;
  2. for every subsampled track, the negative log-likelihood of its true states at 19 temperatures
     (log-spaced, 0.6–3.2 unsmoothed, 2.4–8 smoothed);
  3. each cell's ln T minimises Σ_tracks w_cell(track)·q_weight(set)·NLL(track, T) + rho·Σ_neighbours
     (ln T − ln T_neighbour)², by iterated conditional modes on the grid (start: each cell's own argmin; 30 sweeps);
     q_weight is 1 for every set unless --q-weight is given (it then multiplies the Q=* sets);
  4. rows of 5, 7, 10, 14, 20 points (smoothed: --ece-rows-smoothed, default all five; unsmoothed:
     --ece-rows-unsmoothed, default none, the shipped tables use all five): one ln T for the whole row (every SNR
     column), the one that minimises the ECE (15 bins of the largest probability) of the full length validation set
     of that length (Brent's bounded minimiser on ln T in [ln 0.25, ln 64], absolute tolerance 0.01).

The shipped tables (both dimensions) are exactly the output of
  fit_output_calibration.py VALDIR --dim DIM --ece-rows-unsmoothed 5,7,10,14,20

Validation sets (seeds disjoint from every test seed; DIM = 2 or 3), in one folder, truth <set>.csv and raw
output raw-<set>.seg:
  java -jar deepspt-cli/target/deepspt.jar simulate --dim DIM --out wide.csv --tracks 5000 --seed DIM0211 --recipe wide
  ... --out N=n.csv  --tracks 1500 --seed DIM0711 --recipe wide --length n   for n in 5 7 10 14 20 30 50 100 200 400
  ... --out Q=q.csv  --tracks 800  --seed DIM0712 --snr q                     for q in 0.5 0.7 1 1.5 2 3 5 16
  ... --out main.csv --tracks 3000 --seed DIM0713
  for each set: java -jar deepspt-cli/target/deepspt.jar segment --model unet --no-smooth --threads 1 \
                    --in SET.csv --out raw-SET.seg
  (segment with a manifest without `output_calibration`, i.e. the network's own rows; with the tables in place,
  pass --inverse-manifest MANIFEST to undo them: p ∝ p'^T per track, exact up to rounding.)

usage:
  fit_output_calibration.py DIR --dim DIM [--out tables.json] [--write-manifest M.json ...] [--q-weight W]
                            [--rho R] [--ece-rows-smoothed LIST] [--ece-rows-unsmoothed LIST]
                            [--cache FILE.npz] [--diagnose] [--inverse-manifest M.json]
  --diagnose    prints, per validation set, the low-Q̂ tracks' truth mix and confidence vs accuracy by predicted
                class, and the single temperature per set that an oracle knowing the set would use (the reason
                why Q = 0.5 stays over-confident; models/README.md)
  --cache       keeps the NLL grids (step 2, the slow part) in FILE.npz and reuses them when present
  --write-manifest  replaces the tables (length_knots, snr_knots, log_temperature, switch_penalty,
                log_temperature_smoothed) of `output_calibration` in each manifest, keeping its other fields
"""
import argparse, glob, json, os, sys, time
import numpy as np

LK = np.array([5, 7, 10, 14, 20, 30, 50, 100, 200, 400], float)
SK = np.array([0.25, 0.4, 0.6, 0.85, 1.2, 2.0, 4.0])
GRID = {False: np.exp(np.linspace(np.log(0.6), np.log(3.2), 19)), True: np.exp(np.linspace(np.log(2.4), np.log(8), 19))}
PENALTY = 9.0
MINP = 1e-12


# ---------------------------------------------------------------- input
def load_set(seg, truth):
    """Tracks of a `segment` CSV aligned with the truth CSV by (particle, frame): dicts P (n, 4), y, X, N, q."""
    with open(seg) as f:
        hdr = f.readline().strip().split(',')
    ci = {c: i for i, c in enumerate(hdr)}
    axes = [a for a in ('x', 'y', 'z') if a in ci]
    cols = [ci['particle'], ci['frame'], ci['p_normal'], ci['p_directed'], ci['p_confined'], ci['p_subdiffusive']]
    S = np.loadtxt(seg, delimiter=',', skiprows=1, usecols=cols + [ci[a] for a in axes], dtype=np.float64, ndmin=2)
    with open(truth) as f:
        th = f.readline().strip().split(',')
    ti = {c: i for i, c in enumerate(th)}
    T = np.loadtxt(truth, delimiter=',', skiprows=1, usecols=[ti['particle'], ti['frame'], ti['state']],
                   dtype=np.float64, ndmin=2)
    key_s = S[:, 0] * 1e7 + S[:, 1]
    key_t = T[:, 0] * 1e7 + T[:, 1]
    order = np.argsort(key_t)
    pos = np.minimum(np.searchsorted(key_t, key_s, sorter=order), len(key_t) - 1)
    idx = order[pos]
    bad = np.nonzero(key_t[idx] != key_s)[0]
    if len(bad):
        raise ValueError(f"{seg}: row {bad[0] + 2} (particle {S[bad[0], 0]:.0f}, frame {S[bad[0], 1]:.0f}) "
                         f"has no truth row in {truth}")
    y = T[idx, 2].astype(int)
    starts = np.r_[0, np.nonzero(np.diff(S[:, 0]))[0] + 1, len(S)]
    tracks = []
    for a, b in zip(starts[:-1], starts[1:]):
        X = S[a:b, 6:].copy()
        tracks.append(dict(P=S[a:b, 2:6].copy(), y=y[a:b], X=X, N=b - a, q=qhat(X)))
    return tracks


def qhat(X):
    """SnrEstimate (org.deepspt.reliability): Q̂ = sqrt(max(0, S/2 + C)) / sqrt(max(0, −C)), S the mean squared
    step per axis, C the mean lag-1 step product per axis; NaN below 3 points, +inf without anti-correlation."""
    n, d = X.shape
    if n < 3:
        return np.nan
    D = np.diff(X, axis=0)
    S = (D ** 2).sum() / (d * (n - 1))
    C = (D[:-1] * D[1:]).sum() / (d * (n - 2))
    nv = max(0.0, -C); dif = max(0.0, S / 2 + C)
    if nv > 0:
        return np.sqrt(dif) / np.sqrt(nv)
    return np.inf if S > 0 else 0.0


def load_dir(base, prefix='raw-'):
    sets = {}
    for f in sorted(glob.glob(os.path.join(base, f'{prefix}*.seg'))):
        name = os.path.basename(f)[len(prefix):-4]
        t0 = time.time()
        sets[name] = load_set(f, os.path.join(base, f'{name}.csv'))
        print(f"  loaded {name}: {len(sets[name])} tracks ({time.time() - t0:.0f} s)", file=sys.stderr, flush=True)
    return sets


# ---------------------------------------------------------------- the Java forms
def weights1(knots, v):
    """Bilinear (in log) weights of v over knots, constant beyond the ends; NaN/+inf -> last knot (as Java)."""
    lk = np.log(knots); w = np.zeros(len(knots))
    if np.isnan(v) or v == np.inf:
        x = lk[-1]
    elif v <= 0:
        x = lk[0]
    else:
        x = np.log(v)
    if x <= lk[0]:
        w[0] = 1; return w
    if x >= lk[-1]:
        w[-1] = 1; return w
    i = np.searchsorted(lk, x, side='right') - 1
    u = (x - lk[i]) / (lk[i + 1] - lk[i]); w[i] = 1 - u; w[i + 1] = u
    return w


def interp_T(table, n, q):
    return float(np.exp(weights1(LK, n) @ np.asarray(table) @ weights1(SK, q)))


def batches(tracks, idx, size):
    """(ids, P padded (B, n, 4) with uniform rows, mask) for tracks idx sorted by length."""
    idx = sorted(idx, key=lambda i: tracks[i]['N'])
    for s in range(0, len(idx), size):
        ids = idx[s:s + size]
        n = max(tracks[i]['N'] for i in ids)
        P = np.full((len(ids), n, 4), 0.25); M = np.zeros((len(ids), n), bool)
        for b, i in enumerate(ids):
            m = tracks[i]['N']; P[b, :m] = tracks[i]['P']; M[b, :m] = True
        yield ids, P, M


def viterbi_batch(P, lam):
    """Viterbi paths, switch cost lam; Java's tie rules (staying wins, then the lower index)."""
    L = np.log(np.maximum(P, MINP)); B, n, K = P.shape
    back = np.zeros((B, n, K), np.int8); d = L[:, 0].copy()
    for i in range(1, n):
        nd = np.empty_like(d); bk = np.empty((B, K), np.int8)
        for k in range(K):
            best = d[:, k].copy(); arg = np.full(B, k, np.int8)
            for j in range(K):
                if j == k:
                    continue
                v = d[:, j] - lam
                m = v > best
                best = np.where(m, v, best); arg = np.where(m, j, arg)
            nd[:, k] = best + L[:, i, k]; bk[:, k] = arg
        d = nd; back[:, i] = bk
    s = np.argmax(d, axis=1); path = np.empty((B, n), int)
    for i in range(n - 1, -1, -1):
        path[:, i] = s; s = back[np.arange(B), i, s]
    return path


def marginals_batch(P, temp, lam):
    """Marginals of P(s) ∝ exp(score(s)/temp), score = Σ ln p_i(s_i) − lam·#switches (PathPosterior);
    lam = 0: plain temperature scaling. P (B, n, 4); temp scalar or (B,)."""
    B, n, K = P.shape
    beta = (1.0 / np.broadcast_to(np.asarray(temp, float), (B,)))[:, None]
    L = np.log(np.maximum(P, MINP))
    E = np.exp(beta[:, :, None] * (L - L.max(axis=2, keepdims=True)))
    if lam == 0:
        return E / E.sum(axis=2, keepdims=True)
    w = np.exp(-beta * lam)
    A = np.empty_like(E)
    a = E[:, 0]; a = a / a.sum(1, keepdims=True); A[:, 0] = a
    for i in range(1, n):
        a = E[:, i] * ((1 - w) * a + w * a.sum(1, keepdims=True))
        a = a / a.sum(1, keepdims=True); A[:, i] = a
    G = np.empty_like(E); b = np.ones((B, K)); G[:, n - 1] = A[:, n - 1]
    for i in range(n - 2, -1, -1):
        eb = E[:, i + 1] * b
        b = (1 - w) * eb + w * eb.sum(1, keepdims=True)
        b = b / b.sum(1, keepdims=True)
        g = A[:, i] * b; G[:, i] = g / g.sum(1, keepdims=True)
    return G


def swap_to_path(G, path):
    """Swap the row maximum onto the path's state where they differ (Segmentation's argmax rule)."""
    G = G.copy()
    a = G.argmax(-1)
    d = a != path
    if d.any():
        ii = np.nonzero(d)
        ga = G[ii + (a[d],)].copy(); gb = G[ii + (path[d],)].copy()
        G[ii + (a[d],)] = gb; G[ii + (path[d],)] = ga
    return G


def prep(tracks):
    todo = [i for i, t in enumerate(tracks) if 'path' not in t]
    for ids, P, M in batches(tracks, todo, 512):
        path = viterbi_batch(P, PENALTY)
        for b, i in enumerate(ids):
            tracks[i]['path'] = path[b, :tracks[i]['N']]


def outputs(tracks, idx, temps, smoothed):
    """Reported rows of tracks idx with per-track temperatures temps (dict i -> T)."""
    out = {}
    for ids, P, M in batches(tracks, idx, 512):
        T = np.array([temps[i] for i in ids])
        if smoothed:
            G = marginals_batch(P, T, PENALTY)
            path = np.zeros(M.shape, int)
            for b, i in enumerate(ids):
                path[b, :tracks[i]['N']] = tracks[i]['path']
            G = swap_to_path(G, path)
        else:
            G = marginals_batch(P, T, 0.0)
        for b, i in enumerate(ids):
            out[i] = G[b, :tracks[i]['N']]
    return out


def legacy(tracks, idx):
    """The rows before the tables: raw rows, permuted onto the Viterbi state when smoothed."""
    return {i: swap_to_path(tracks[i]['P'][None], tracks[i]['path'][None])[0] for i in idx}


def ece(conf, correct, bins=15):
    conf = np.asarray(conf); correct = np.asarray(correct, float)
    b = np.clip(np.ceil(conf * bins).astype(int) - 1, 0, bins - 1)
    e = 0.0
    for k in range(bins):
        m = b == k
        if m.any():
            e += abs(correct[m].mean() - conf[m].mean()) * m.sum() / len(conf)
    return e


def ece_of(tracks, idx, rows):
    """(ECE, accuracy, mean confidence) of the rows over the frames of tracks idx."""
    conf = np.concatenate([rows[i].max(1) for i in idx]); lab = np.concatenate([rows[i].argmax(1) for i in idx])
    y = np.concatenate([tracks[i]['y'] for i in idx])
    return ece(conf, lab == y), (lab == y).mean(), conf.mean()


# ---------------------------------------------------------------- fitting
def track_nll(tracks, idx, smoothed):
    """(len(idx), 19) NLL of the true states per track at each grid temperature."""
    G = GRID[smoothed]; out = np.zeros((len(idx), len(G))); pos = {i: k for k, i in enumerate(idx)}
    for ids, P, M in batches(tracks, idx, 2048):
        Y = np.zeros(M.shape, int); path = np.zeros(M.shape, int)
        for b, i in enumerate(ids):
            Y[b, :tracks[i]['N']] = tracks[i]['y']
            if smoothed:
                path[b, :tracks[i]['N']] = tracks[i]['path']
        for g, T in enumerate(G):
            R = marginals_batch(P, T, PENALTY if smoothed else 0.0)
            if smoothed:
                R = swap_to_path(R, path)
            ll = np.log(np.maximum(np.take_along_axis(R, Y[..., None], 2)[..., 0], MINP))
            s = -(ll * M).sum(1)
            for b, i in enumerate(ids):
                out[pos[i], g] = s[b]
    return out


def icm_table(N, q, setw, nll, smoothed, rho):
    """Grid ln T per cell: weighted NLL curve of the cell + rho·Σ_neighbours squared ln T differences (ICM)."""
    G = np.log(GRID[smoothed])
    W = np.array([np.outer(weights1(LK, n), weights1(SK, qq)) for n, qq in zip(N, q)])
    C = np.einsum('tab,t,tg->abg', W, setw, nll)
    A, B, _ = C.shape
    t = G[np.argmin(C, axis=2)]
    for _ in range(30):
        for a in range(A):
            for b in range(B):
                nb = [t[x, y] for x, y in ((a - 1, b), (a + 1, b), (a, b - 1), (a, b + 1)) if 0 <= x < A and 0 <= y < B]
                cost = C[a, b] + rho * sum((G - v) ** 2 for v in nb)
                t[a, b] = G[np.argmin(cost)]
    return t


def fminbound(func, x1, x2, xatol):
    """Brent's bounded scalar minimiser (the algorithm of scipy.optimize.minimize_scalar(method='bounded'),
    maxiter 500), so that the tables do not need scipy."""
    sqrt_eps = np.sqrt(2.2e-16); golden_mean = 0.5 * (3.0 - np.sqrt(5.0))
    a, b = x1, x2
    fulc = a + golden_mean * (b - a); nfc, xf = fulc, fulc
    rat = e = 0.0; x = xf; fx = func(x); num = 1
    ffulc = fnfc = fx
    xm = 0.5 * (a + b); tol1 = sqrt_eps * np.abs(xf) + xatol / 3.0; tol2 = 2.0 * tol1
    while np.abs(xf - xm) > (tol2 - 0.5 * (b - a)):
        golden = 1
        if np.abs(e) > tol1:
            golden = 0
            r = (xf - nfc) * (fx - ffulc); qq = (xf - fulc) * (fx - fnfc)
            p = (xf - fulc) * qq - (xf - nfc) * r; qq = 2.0 * (qq - r)
            if qq > 0.0:
                p = -p
            qq = np.abs(qq); r = e; e = rat
            if (np.abs(p) < np.abs(0.5 * qq * r)) and (p > qq * (a - xf)) and (p < qq * (b - xf)):
                rat = (p + 0.0) / qq; x = xf + rat
                if ((x - a) < tol2) or ((b - x) < tol2):
                    si = np.sign(xm - xf) + ((xm - xf) == 0); rat = tol1 * si
            else:
                golden = 1
        if golden:
            e = (a - xf) if xf >= xm else (b - xf)
            rat = golden_mean * e
        si = np.sign(rat) + (rat == 0)
        x = xf + si * np.maximum(np.abs(rat), tol1)
        fu = func(x); num += 1
        if fu <= fx:
            if x >= xf:
                a = xf
            else:
                b = xf
            fulc, ffulc = nfc, fnfc; nfc, fnfc = xf, fx; xf, fx = x, fu
        else:
            if x < xf:
                a = x
            else:
                b = x
            if (fu <= fnfc) or (nfc == xf):
                fulc, ffulc = nfc, fnfc; nfc, fnfc = x, fu
            elif (fu <= ffulc) or (fulc == xf) or (fulc == nfc):
                fulc, ffulc = x, fu
        xm = 0.5 * (a + b); tol1 = sqrt_eps * np.abs(xf) + xatol / 3.0; tol2 = 2.0 * tol1
        if num >= 500:
            break
    return xf


def short_row_logT(tracks, smoothed):
    """ln T minimising the ECE (smoothed or unsmoothed rows) of a whole length validation set."""
    prep(tracks); idx = list(range(len(tracks)))
    f = lambda lt: ece_of(tracks, idx, outputs(tracks, idx, {i: np.exp(lt) for i in idx}, smoothed))[0]
    return fminbound(f, np.log(0.25), np.log(64), 0.01)


def subsample(sets):
    rng = np.random.default_rng(1)
    caps = {'wide': 2000, 'main': 1000}
    alltr, names = [], []
    for name, tr in sets.items():
        prep(tr)
        cap = caps.get(name, 400 if name.startswith('Q') else (1500 if name.startswith('N=') and int(name[2:]) < 100 else 500))
        sel = rng.choice(len(tr), min(cap, len(tr)), replace=False)
        alltr += [tr[i] for i in sel]; names += [name] * len(sel)
    return alltr, names


# ---------------------------------------------------------------- diagnosis
def diagnose(sets):
    print("\nLow-Q̂ tracks (Q̂ < 0.7), raw rows: share of tracks, truth mix of their frames "
          "(normal/directed/confined/subdiffusive), confidence vs accuracy by predicted class")
    for name, tr in sets.items():
        sel = [t for t in tr if t['q'] < 0.7]
        if len(sel) < 20:
            continue
        P = np.concatenate([t['P'] for t in sel]); y = np.concatenate([t['y'] for t in sel])
        a = P.argmax(1); conf = P.max(1); cor = a == y
        mix = np.bincount(y, minlength=4) / len(y)
        parts = []
        for cls, lab in (((0,), 'normal'), ((1,), 'directed'), ((2, 3), 'conf+sub')):
            m = np.isin(a, cls)
            parts.append(f"{lab} {m.mean():.2f} of frames acc {cor[m].mean():.3f} conf {conf[m].mean():.3f}"
                         if m.sum() >= 50 else f"{lab} –")
        print(f"  {name:6s} {len(sel) / len(tr):.2f} of tracks, truth {np.round(mix, 2)}: " + '; '.join(parts))
    print("\nOracle: one temperature per set (NLL-optimal on the grid 0.5–5), unsmoothed rows")
    grid = np.exp(np.linspace(np.log(0.5), np.log(5), 40))
    for name in [n for n in sets if n.startswith('Q=')] + ['main', 'wide']:
        if name not in sets:
            continue
        tr = sets[name]; idx = list(range(len(tr)))
        P = np.concatenate([t['P'] for t in tr]); y = np.concatenate([t['y'] for t in tr])
        L = np.log(np.maximum(P, MINP))
        def nll(T):
            Z = L / T; Z -= Z.max(1, keepdims=True); Z -= np.log(np.exp(Z).sum(1, keepdims=True))
            return -Z[np.arange(len(y)), y].mean()
        T = min(grid, key=nll)
        Z = L / T; Z = np.exp(Z - Z.max(1, keepdims=True)); Z /= Z.sum(1, keepdims=True)
        print(f"  {name:6s} raw ECE {ece(P.max(1), P.argmax(1) == y):.3f}; oracle T {T:.2f} -> ECE "
              f"{ece(Z.max(1), Z.argmax(1) == y):.3f}")


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('dir', help='folder of the validation sets: SET.csv (truth) and raw-SET.seg (segment --no-smooth)')
    ap.add_argument('--dim', type=int, required=True, choices=(2, 3))
    ap.add_argument('--out'); ap.add_argument('--write-manifest', nargs='*', default=[])
    ap.add_argument('--q-weight', type=float, default=1.0); ap.add_argument('--rho', type=float, default=1000.0)
    ap.add_argument('--ece-rows-smoothed', default='5,7,10,14,20',
                    help='length knots whose smoothed row is one ECE-optimal temperature (default 5,7,10,14,20)')
    ap.add_argument('--ece-rows-unsmoothed', default='',
                    help='the same for the unsmoothed table (default none)')
    ap.add_argument('--cache'); ap.add_argument('--diagnose', action='store_true')
    ap.add_argument('--inverse-manifest', help='undo this manifest\'s unsmoothed tables on the raw-*.seg rows')
    args = ap.parse_args()
    sets = load_dir(args.dir)
    if not sets:
        sys.exit(f"no raw-*.seg files in {args.dir}")
    if args.inverse_manifest:
        cal = json.load(open(args.inverse_manifest))['output_calibration']
        for tr in sets.values():
            for t in tr:
                T = interp_T(cal['log_temperature'], t['N'], t['q'])
                t['P'] = marginals_batch(t['P'][None], 1.0 / T, 0.0)[0]
    if args.diagnose:
        diagnose(sets)
    alltr, names = subsample(sets)
    N = np.array([t['N'] for t in alltr], float); q = np.array([t['q'] for t in alltr])
    setw = np.where(np.array([n.startswith('Q=') for n in names]), args.q_weight, 1.0)
    print(f"{args.dim}D fit tracks {len(alltr)} frames {int(N.sum())}", file=sys.stderr, flush=True)
    if args.cache and os.path.exists(args.cache):
        z = np.load(args.cache); nll = {False: z['nll_raw'], True: z['nll_sm']}
        if 'names' not in z or list(z['names']) != names or not np.array_equal(z['lengths'], N):
            sys.exit(f"{args.cache} was computed on other tracks than this subsample of {args.dir}: delete it")
    else:
        t0 = time.time(); idx = list(range(len(alltr)))
        nll = {sm: track_nll(alltr, idx, sm) for sm in (False, True)}
        print(f"  NLL grids {time.time() - t0:.0f} s", file=sys.stderr, flush=True)
        if args.cache:
            np.savez(args.cache, nll_raw=nll[False], nll_sm=nll[True], names=np.array(names), lengths=N)
    raw = icm_table(N, q, setw, nll[False], False, args.rho)
    sm = icm_table(N, q, setw, nll[True], True, args.rho)
    for table, rows, smoothed in ((raw, args.ece_rows_unsmoothed, False), (sm, args.ece_rows_smoothed, True)):
        for n in [int(x) for x in rows.split(',') if x]:
            if n not in LK or f'N={n}' not in sets:
                sys.exit(f"ECE row {n}: not a length knot, or no validation set N={n} in {args.dir}")
            table[int(np.nonzero(LK == n)[0][0]), :] = short_row_logT(sets[f'N={n}'], smoothed)
    tables = dict(length_knots=[int(x) for x in LK], snr_knots=SK.tolist(), log_temperature=np.round(raw, 4).tolist(),
                  switch_penalty=PENALTY, log_temperature_smoothed=np.round(sm, 4).tolist())
    print("T unsmoothed (rows N, columns Q̂):\n", np.round(np.exp(raw), 2), "\nT smoothed:\n", np.round(np.exp(sm), 2))
    print("\nValidation ECE, before (no tables) -> after; accuracy unchanged by construction")
    for name, tr in sets.items():
        idx = list(range(len(tr))); prep(tr); res = [f"{name:6s}"]
        for smoothed, table in ((False, tables['log_temperature']), (True, tables['log_temperature_smoothed'])):
            base = ece_of(tr, idx, legacy(tr, idx) if smoothed else {i: tr[i]['P'] for i in idx})
            e = ece_of(tr, idx, outputs(tr, idx, {i: interp_T(table, tr[i]['N'], tr[i]['q']) for i in idx}, smoothed))
            res.append(f"{'smoothed' if smoothed else 'unsmoothed'} {base[0]:.3f} -> {e[0]:.3f}")
        print('  ' + ' | '.join(res), flush=True)
    if args.out:
        json.dump(tables, open(args.out, 'w'), indent=1)
    for m in args.write_manifest:
        d = json.load(open(m))
        if 'output_calibration' not in d:
            sys.exit(f"{m}: no output_calibration object to update")
        d['output_calibration'].update(tables)
        open(m, 'w').write(json.dumps(d, indent=2))
        print('wrote', m)


if __name__ == '__main__':
    main()
