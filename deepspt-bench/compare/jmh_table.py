"""Markdown tables from JMH JSON results (-rf json -rff FILE): median and range over the measurement iterations.

  python3 deepspt-bench/compare/jmh_table.py results.json [more.json ...]

One row per benchmark and parameter set. For average-time results with a ``frames``/``tracks``/``rows`` secondary
metric (see org.deepspt.bench.Counters) it adds ns/frame (or µs/track, rows/s) and tracks/s; for throughput results
the secondary metrics are already per second. The ``cpuNanos``/``cpuFrames``/``cpuTracks`` events
(org.deepspt.bench.CpuCounters) give process CPU time per frame and tracks per CPU-second, per iteration.
``gc.alloc.rate.norm`` (from -prof gc) is shown in bytes per call and,
with a frames counter, bytes per frame.
"""
import json
import statistics
import sys

TO_NS = {"ns/op": 1.0, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}


def values(metric):
    return [v for fork in metric.get("rawData", []) for v in fork]


def fmt(x, digits=3):
    if x is None:
        return ""
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.{digits}g}"


def row(r):
    name = r["benchmark"].replace("org.deepspt.bench.", "")
    params = ", ".join(f"{k}={v}" for k, v in r.get("params", {}).items())
    pm = r["primaryMetric"]
    unit = pm["scoreUnit"]
    pv = values(pm)
    med = statistics.median(pv)
    sec = r.get("secondaryMetrics", {})
    cells = [name, params, r.get("vmVersion", ""), f"{fmt(med)} {unit}", f"{fmt(min(pv))}–{fmt(max(pv))}"]
    per = ""
    tps = ""
    if unit in TO_NS:
        if "frames" in sec and values(sec["frames"]):
            fv = [v * TO_NS[unit] for v in values(sec["frames"])]
            per = f"{fmt(statistics.median(fv))} ns/frame ({fmt(min(fv))}–{fmt(max(fv))})"
        if "tracks" in sec and values(sec["tracks"]):
            tv = statistics.median(values(sec["tracks"])) * TO_NS[unit]
            tps = fmt(1e9 / tv)
    else:  # throughput: secondaries are per second already
        if "rows" in sec:
            rv = values(sec["rows"])
            per = f"{fmt(statistics.median(rv))} rows/s ({fmt(min(rv))}–{fmt(max(rv))})"
        elif "frames" in sec:
            fv = values(sec["frames"])
            per = f"{fmt(statistics.median(fv))} frames/s ({fmt(min(fv))}–{fmt(max(fv))})"
        if "tracks" in sec:
            tps = fmt(statistics.median(values(sec["tracks"])))
    alloc = ""
    key = next((k for k in ("gc.alloc.rate.norm", "·gc.alloc.rate.norm") if k in sec), None)
    if key:
        b = statistics.median(values(sec[key]))
        alloc = f"{fmt(b)} B/call"
        if "frames" in sec and r.get("params", {}).get("batch") and r.get("params", {}).get("length"):
            p = r["params"]
            n = int(p["batch"]) * int(p["length"]) * (2 if p.get("threads") == "2-batches" else 1)
            alloc += f", {fmt(b / n)} B/frame"
    cpu = ""
    if "cpuNanos" in sec and values(sec["cpuNanos"]):
        cn, fr, tr = values(sec["cpuNanos"]), values(sec.get("cpuFrames", {})), values(sec.get("cpuTracks", {}))
        if "rows" in sec and fr:
            per_it = [f / (c / 1e9) for c, f in zip(cn, fr) if c > 0]
            cpu = f"{fmt(statistics.median(per_it))} rows/CPU-s"
        elif fr and any(fr):
            per_it = [c / f for c, f in zip(cn, fr) if f > 0]
            cpu = f"{fmt(statistics.median(per_it))} CPU-ns/frame ({fmt(min(per_it))}–{fmt(max(per_it))})"
        if tr and any(tr):
            tp = [t / (c / 1e9) for c, t in zip(cn, tr) if c > 0]
            cpu += f"; {fmt(statistics.median(tp))} tracks/CPU-s"
    cells += [per, tps, cpu, alloc]
    return cells


def main():
    rows = []
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            rows += [row(r) for r in json.load(f)]
    print("| benchmark | parameters | JVM | score (median) | range | per unit, wall (median, range) | tracks/s, wall |"
          " CPU time (whole process) | allocation |")
    print("|---|---|---|---|---|---|---|---|---|")
    for c in rows:
        print("| " + " | ".join(c) + " |")


if __name__ == "__main__":
    main()
