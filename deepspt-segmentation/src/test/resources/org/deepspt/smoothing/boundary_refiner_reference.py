# Reference for BoundaryRefinerTest (python3 + numpy): prints the expected change points of every case.
# Independent reference for BoundaryRefiner (brute force, no incremental updates).
import numpy as np
def refine(xy, path, p, T, W=12, M=16, G=10.0):
    n = len(path); d = xy.shape[1]
    steps = np.diff(xy, axis=0); sq = (steps**2).sum(1)
    lagp = (steps[:-1]*steps[1:]).sum(1)
    out = list(path); c = 1
    while c < n:
        if out[c] == out[c-1]:
            c += 1; continue
        a, b = out[c-1], out[c]
        r0 = c-1
        while r0 > 0 and out[r0-1] == a: r0 -= 1
        r1 = c
        while r1+1 < n and out[r1+1] == b: r1 += 1
        lo = max(r0, c-2*W); hi = min(r1, c+2*W)
        lo_c = max(r0 + min(c-r0, M), c-W, lo+3)
        hi_c = min(r1+1-min(r1+1-c, M), c+W, hi-1)
        if lo_c > c or hi_c < c:
            c += 1; continue
        S = sq[lo:hi].sum()
        if S <= 0:
            c += 1; continue
        rho = np.clip(lagp[lo:hi-1].sum()/S, -0.5, 0.5)
        best, bestc = -np.inf, c
        kappa = d/2/(1+2*rho*rho)
        m = hi - lo
        gains = []
        for cc in range(lo_c, hi_c+1):
            net = sum(np.log(max(p[i][a if i < cc else b], 1e-12)) for i in range(lo, hi+1)) / T
            t = cc-1-lo; u = hi-(cc-1)
            s1 = sq[lo:cc-1].sum(); s2 = sq[cc-1:hi].sum()
            phys = -(t*np.log(s1/t) + u*np.log(s2/u)) if s1 > 0 and s2 > 0 else -np.inf
            sc = net + kappa*phys
            gains.append(kappa*(phys + m*np.log(S/m)))
            if sc > best or (sc == best and abs(cc-c) < abs(bestc-c)):
                best, bestc = sc, cc
        if G > 0 and not max(gains) >= G:
            c += 1; continue
        for i in range(min(c, bestc), max(c, bestc)):
            out[i] = a if bestc > c else b
        c = max(bestc, c) + 1
    return out

def track(n, amp):
    xy = np.zeros((n, 2))
    for j in range(n-1):
        A = amp(j)
        xy[j+1, 0] = xy[j, 0] + A*np.cos(1.7*j)
        xy[j+1, 1] = xy[j, 1] + A*np.sin(2.3*j + 0.5)
    return xy

def rows(path, hi, lo):
    return [[hi if k == s else (lo if k == (2 if s == 0 else 0) else 0.05) for k in range(4)] for s in path]

n = 70
# case 1: the step scale changes at point 36 (step 35 is the first big one); the network's change is at 30
xy = track(n, lambda j: 0.1 if j < 35 else 1.0)
path = [0]*30 + [2]*40
p = rows(path, 0.55, 0.35)
r = refine(xy, path, p, 4.0)
print("case1 change at", [i for i in range(1, n) if r[i] != r[i-1]])
# case 2: same, confident network (0.9 / 0.03): moves less or not at all
p2 = rows(path, 0.87, 0.03)
r2 = refine(xy, path, p2, 4.0)
print("case2 change at", [i for i in range(1, n) if r2[i] != r2[i-1]])
# case 3: physics alone (T = inf) on case 1
r3 = refine(xy, path, p, np.inf)
print("case3 change at", [i for i in range(1, n) if r3[i] != r3[i-1]])
# case 4: three runs 0 (20) / 2 (8) / 0 (42); scale change at point 24; run of 8 may not shrink
path4 = [0]*20 + [2]*8 + [0]*42
xy4 = track(n, lambda j: 0.1 if j < 23 else 1.0)
p4 = rows(path4, 0.55, 0.35)
r4 = refine(xy4, path4, p4, 4.0)
print("case4 changes at", [i for i in range(1, n) if r4[i] != r4[i-1]])
# case 2b: confident network, small change of scale (x1.4 at point 36)
xy2 = track(n, lambda j: 0.5 if j < 35 else 0.7)
for hi_, lo_ in ((0.87, 0.03), (0.55, 0.35)):
    rr = refine(xy2, path, rows(path, hi_, lo_), 4.0)
    print("case2b", hi_, "change at", [i for i in range(1, n) if rr[i] != rr[i-1]])
# case 5: 3D, scale change at point 27, network change at 33
def track3(n, amp):
    xyz = np.zeros((n, 3))
    for j in range(n-1):
        A = amp(j)
        xyz[j+1] = xyz[j] + A*np.array([np.cos(1.7*j), np.sin(2.3*j+0.5), np.cos(0.9*j+1.1)])
    return xyz
xyz = track3(n, lambda j: 0.2 if j < 26 else 1.0)
path5 = [1]*33 + [3]*37
r5 = refine(xyz, path5, rows(path5, 0.55, 0.35), 3.0)
print("case5 change at", [i for i in range(1, n) if r5[i] != r5[i-1]])
for W in (4,):
    r = refine(track(n, lambda j: 0.1 if j < 35 else 1.0), path, rows(path, 0.55, 0.35), 4.0, W=W, M=16)
    print("half-window", W, "change at", [i for i in range(1, n) if r[i] != r[i-1]])

# gain test: the 2x case at the default 10 nats and without it; and the gain there
rr = refine(xy2, path, rows(path, 0.55, 0.35), 4.0, G=0)
print("case2b G=0 change at", [i for i in range(1, n) if rr[i] != rr[i-1]])
rr = refine(xy2, path, rows(path, 0.55, 0.35), 4.0, G=40)
print("case2b G=40 change at", [i for i in range(1, n) if rr[i] != rr[i-1]])
for g in (60.0, 70.0):
    rr = refine(track(n, lambda j: 0.1 if j < 35 else 1.0), path, rows(path, 0.55, 0.35), 4.0, G=g)
    print("case1 G=%g change at" % g, [i for i in range(1, n) if rr[i] != rr[i-1]])
