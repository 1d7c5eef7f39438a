"""Reliability thresholds of a model from ReliabilityStudy's per-track rows (issue 20, item 3).

usage: /usr/bin/python3 reliability_thresholds.py STUDY.csv [MIN_LENGTH]
  MIN_LENGTH  fix min_length instead of deriving it from the study's protocol length sets (e.g. from the
              widened mixture's length sets of models/evaluate-wide.sh)
  STUDY.csv  written by `java -cp <deepspt-cli test class path> org.deepspt.study.ReliabilityStudy STUDY.csv MODEL`
Prints, per dimension: accuracy and ECE (15 bins of the frames' largest probability) per track length, per
estimated SNR bucket (tracks >= 20 points) and per mean-confidence bucket, and the thresholds by the rules of
models/README.md "Reliability thresholds": min_length = the shortest length from which every length set has
4-class accuracy >= 0.7; min_snr = the smallest Q-hat cut whose passing tracks (>= min_length points) have ECE <=
0.05; min_mean_confidence = the lowest mean-confidence bucket edge from which tracks are right on >= 0.7 of their
frames. Then the share of frames and the accuracy / ECE of the tracks judged reliable and unreliable.
"""
import csv
import json
import sys
from collections import defaultdict

BINS = 15


def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            hist = [(int(r[f"f{k}"]), float(r[f"c{k}"]), int(r[f"a{k}"])) for k in range(BINS)]
            rows.append({"dim": int(r["dim"]), "set": r["set"], "n": int(r["n"]), "qhat": float(r["qhat"]),
                         "conf": float(r["mean_conf"]), "correct": int(r["correct"]), "hist": hist})
    return rows


def stats(rows):
    frames = sum(r["n"] for r in rows)
    if frames == 0:
        return {"tracks": 0, "frames": 0, "acc4": float("nan"), "ece": float("nan")}
    hist = [[0, 0.0, 0] for _ in range(BINS)]
    for r in rows:
        for k, (f, c, a) in enumerate(r["hist"]):
            hist[k][0] += f
            hist[k][1] += c
            hist[k][2] += a
    ece = sum(abs(a - c) for f, c, a in hist if f) / frames
    return {"tracks": len(rows), "frames": frames, "acc4": sum(r["correct"] for r in rows) / frames, "ece": ece}


def main(path, fixed_length=None):
    rows = load(path)
    out = {}
    for dim in sorted({r["dim"] for r in rows}):
        d = [r for r in rows if r["dim"] == dim]
        by_len = defaultdict(list)
        for r in d:
            if r["set"] == "N" or r["set"].startswith("N="):
                by_len[r["n"]].append(r)
        print(f"== {dim}D: by length (protocol, fixed N)")
        lens = sorted(by_len)
        ok = {}
        for n in lens:
            s = stats(by_len[n])
            ok[n] = s["acc4"] >= 0.7
            print(f"  N={n:4d} tracks {s['tracks']:5d} acc4 {s['acc4']:.3f} ECE {s['ece']:.3f}")
        min_length = next((n for i, n in enumerate(lens) if all(ok[m] for m in lens[i:])), lens[-1])
        if fixed_length is not None:
            min_length = fixed_length
        long_enough = [r for r in d if r["n"] >= 20]
        edges = [0, 0.25, 0.5, 0.7, 0.8, 1.0, 1.5, 2, 4, 1e9]
        print(f"== {dim}D: by estimated SNR (tracks >= 20 points)")
        for lo, hi in zip(edges, edges[1:]):
            s = stats([r for r in long_enough if lo <= r["qhat"] < hi])
            print(f"  Qhat {lo:5.2f}-{hi:<5g} tracks {s['tracks']:5d} acc4 {s['acc4']:.3f} ECE {s['ece']:.3f}")
        cuts = [0.0, 0.25, 0.5, 0.6, 0.7, 0.8, 1.0, 1.5]
        min_snr = next((c for c in cuts
                        if stats([r for r in d if r["n"] >= min_length and r["qhat"] >= c])["ece"] <= 0.05), cuts[-1])
        print(f"== {dim}D: by mean confidence")
        conf_edges = [0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]
        good = {}
        for lo, hi in zip(conf_edges, conf_edges[1:]):
            s = stats([r for r in d if lo <= r["conf"] < hi])
            good[lo] = s["acc4"] >= 0.7
            print(f"  conf {lo:.1f}-{hi:.2f} tracks {s['tracks']:5d} acc4 {s['acc4']:.3f} ECE {s['ece']:.3f}")
        los = conf_edges[:-1]
        min_conf = next((lo for i, lo in enumerate(los) if all(good[m] for m in los[i:])), los[-1])
        rel = [r for r in d if r["n"] >= min_length and r["qhat"] >= min_snr and r["conf"] >= min_conf]
        unrel = [r for r in d if not (r["n"] >= min_length and r["qhat"] >= min_snr and r["conf"] >= min_conf)]
        sr, su = stats(rel), stats(unrel)
        print(f"== {dim}D thresholds: min_length {min_length}, min_snr {min_snr}, min_mean_confidence {min_conf}; "
              f"reliable {sr['tracks']} tracks acc4 {sr['acc4']:.3f} ECE {sr['ece']:.3f}; unreliable {su['tracks']} "
              f"tracks acc4 {su['acc4']:.3f} ECE {su['ece']:.3f}")
        out[dim] = {"min_length": min_length, "min_snr": min_snr, "min_mean_confidence": min_conf,
                    "reliable": sr, "unreliable": su}
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None)
