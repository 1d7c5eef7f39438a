"""Golden values for PathPosteriorTest and OutputCalibrationTest, computed independently of the Java code:
path marginals by brute-force enumeration of every state path (not forward-backward), the temperature table by
numpy interpolation. Run: python3 path_posterior_golden.py > path-posterior-golden.json"""
import itertools, json
import numpy as np

MINP = 1e-12


def brute_marginals(p, lam, temp):
    p = np.maximum(np.asarray(p, float), MINP)
    n, k = p.shape
    g = np.zeros((n, k))
    best, best_path = -np.inf, None
    for s in itertools.product(range(k), repeat=n):
        score = sum(np.log(p[i, s[i]]) for i in range(n)) - lam * sum(s[i] != s[i - 1] for i in range(1, n))
        w = np.exp(score / temp)
        for i in range(n):
            g[i, s[i]] += w
        if score > best + 1e-12:
            best, best_path = score, s
    return (g / g.sum(1, keepdims=True)).tolist(), list(best_path)


cases = []
# The 3-point, 2-state example worked by hand in PathPosteriorTest (states 2, 3 have probability 0).
hand = [[0.8, 0.2, 0, 0], [0.4, 0.6, 0, 0], [0.3, 0.7, 0, 0]]
for lam, temp in ((np.log(4), 1.0), (np.log(4), 2.0), (0.0, 2.0)):
    g, path = brute_marginals(hand, lam, temp)
    cases.append(dict(name=f"hand lam={lam:.6f} T={temp}", p=hand, penalty=lam, temperature=temp, marginals=g, viterbi=path))
rng = np.random.default_rng(20711)
for n, lam, temp in ((6, 9.0, 4.4), (5, 2.0, 0.8), (6, 9.0, 1.0)):
    p = rng.dirichlet(np.full(4, 0.7), size=n)
    g, path = brute_marginals(p, lam, temp)
    cases.append(dict(name=f"random n={n} lam={lam} T={temp}", p=p.tolist(), penalty=lam, temperature=temp, marginals=g, viterbi=path))

# Bilinear interpolation of ln T in (ln N, ln Q) with constant extension beyond the knots.
lk = [5, 10, 40]
sk = [0.5, 1.0, 4.0]
table = [[0.3, 0.1, 0.0], [0.2, 0.05, -0.1], [0.1, 0.0, -0.2]]


def interp(n, q):
    x = np.clip(np.log(n), np.log(lk[0]), np.log(lk[-1]))
    y = np.log(sk[-1]) if np.isnan(q) else np.clip(np.log(q) if q > 0 else -np.inf, np.log(sk[0]), np.log(sk[-1]))
    ix, iy = np.log(lk), np.log(sk)
    # interpolate along q for every length knot, then along n
    along_q = [np.interp(y, iy, row) for row in table]
    return float(np.exp(np.interp(x, ix, along_q)))


points = [(5, 0.5), (7, 0.7), (20, 2.0), (3, 100.0), (1000, 0.1), (10, 0.0), (40, float('inf')), (6, float('nan'))]
temps = [dict(length=n, snr=str(q), temperature=interp(n, q)) for n, q in points]
print(json.dumps(dict(path_cases=cases, table=dict(length_knots=lk, snr_knots=sk, log_temperature=table, points=temps)), indent=1))
