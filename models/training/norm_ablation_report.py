"""Summarises norm-ablation.sh runs: validation curves and late-training checkpoint noise.

usage: /usr/bin/python3 norm_ablation_report.py RUN_DIR... [--test work/2d/test --test-tracks 4000] [--json OUT]
  e.g. norm_ablation_report.py work/2d/norm/batch-m201 work/2d/norm/group-m201 --test work/2d/test
With --test, each run's last.pt is also evaluated on the first TEST_TRACKS tracks of that set (never used
for training or selection; tracks cut to a multiple of 8 frames as in train.py).
Noise = over the evaluations in the second half of training (LR annealing): the standard deviation of the
differences between consecutive evaluations (4-class accuracy), and max |difference|; also the std of the
accuracy around a linear trend over the same evaluations. Because a still-rising curve inflates those,
also over ALL evaluations (all after the 5 % warm-up, LR decreasing): the number and the largest size of
drops between consecutive evaluations, and the RMS deviation from the best non-decreasing fit (isotonic
regression, pool-adjacent-violators), which is 0 for a monotone learning curve.
"""
import argparse
import json

import numpy as np
import torch


def isotonic(y):
    """Least-squares non-decreasing fit (pool adjacent violators)."""
    blocks = []                                   # [mean, count]
    for v in y:
        blocks.append([float(v), 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, c2 = blocks.pop()
            m1, c1 = blocks.pop()
            blocks.append([(m1 * c1 + m2 * c2) / (c1 + c2), c1 + c2])
    return np.concatenate([[m] * c for m, c in blocks])


def summarise(run):
    with open(f"{run}/manifest.json", encoding="utf-8") as f:
        m = json.load(f)
    h = m["state"]["history"]
    steps = np.array([e["step"] for e in h])
    acc = np.array([e["acc4"] for e in h])
    total = m["total_steps"]
    late = steps >= total / 2
    d = np.diff(acc[late])
    trend = np.polyval(np.polyfit(steps[late], acc[late], 1), steps[late]) if late.sum() >= 3 else acc[late]
    train_s = m["state"]["train_seconds"]
    return {"run": run, "norm": m["config"].get("norm", "batch"), "status": m["status"], "steps": int(steps[-1]),
            "total_steps": total, "parameters": m["parameters"], "curve": [(int(s), round(float(a), 4)) for s, a in zip(steps, acc)],
            "best_acc4": float(acc.max()), "final_acc4": float(acc[-1]),
            "late_evals": int(late.sum()), "late_diff_std": float(d.std(ddof=1)) if len(d) > 1 else float("nan"),
            "late_max_abs_diff": float(np.abs(d).max()) if len(d) else float("nan"),
            "late_detrended_std": float((acc[late] - trend).std(ddof=1)) if late.sum() > 2 else float("nan"),
            "drops": int((np.diff(acc) < 0).sum()), "intervals": int(len(acc) - 1),
            "max_drop": float(max(0.0, -np.diff(acc).min())) if len(acc) > 1 else 0.0,
            "monotone_rms_deviation": float(np.sqrt(np.mean((acc - isotonic(acc)) ** 2))),
            "last_step_change": float(acc[-1] - acc[-2]) if len(acc) > 1 and steps[-1] - steps[-2] == 1 else None,
            "train_minutes": round(train_s / 60, 1), "ms_per_step": round(1000 * train_s / steps[-1], 1),
            "final_acc3": h[-1]["acc3"], "final_acc2": h[-1]["acc2"], "final_nll": h[-1]["nll"],
            "final_recall": [round(r[i], 3) for i, r in enumerate(h[-1]["confusion_row_normalised"])]}


def test_metrics(run, test_dir, tracks):
    import dataset
    import model as models
    import train
    torch.set_num_threads(1)
    ck = torch.load(f"{run}/last.pt")
    net = models.build(ck["config"])
    net.load_state_dict(ck["model"])
    m = train.evaluate(net, dataset.TrackSet(test_dir).subset(tracks))
    return {k: m[k] for k in ("acc4", "acc3", "acc2", "macro_f1", "nll", "frames", "confusion_row_normalised")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("runs", nargs="+")
    ap.add_argument("--test")
    ap.add_argument("--test-tracks", type=int, default=4000)
    ap.add_argument("--json")
    a = ap.parse_args()
    rows = [summarise(r) for r in a.runs]
    for r in rows:
        if a.test:
            r["test"] = test_metrics(r["run"], a.test, a.test_tracks)
            r["test"]["tracks"] = a.test_tracks
        print(json.dumps({k: v for k, v in r.items() if k != "curve"}), flush=True)
    print("\n| step | " + " | ".join(f"{r['norm']} ({r['run'].rsplit('-', 1)[-1]})" for r in rows) + " |")
    print("|---|" + "---|" * len(rows))
    steps = sorted({s for r in rows for s, _ in r["curve"]})
    for s in steps:
        cells = [next((f"{a:.4f}" for t, a in r["curve"] if t == s), "") for r in rows]
        print(f"| {s} | " + " | ".join(cells) + " |")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(rows, f, indent=2)


if __name__ == "__main__":
    main()
