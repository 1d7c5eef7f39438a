"""Rewrites the GroupNorm subgraphs of an exported DeepSPT model into ONNX InstanceNormalization.

``model.GroupNorm1d`` exports with elementary operators (issue 11): per GroupNorm a Shape/Gather/Unsqueeze/Concat
chain builds [B, G, -1], then Reshape, ReduceMean, Sub, Mul, ReduceMean, Add(eps), Sqrt, Div, a second shape chain,
Reshape back, and the per-channel affine Mul(w), Add(b): about 28 nodes. ONNX Runtime runs them one by one
(15-25 % of a member's time, BENCHMARKS.md), and the shape chains cost per call on short tracks. This script
replaces every such chain by

    Reshape(x, [0, G, -1]) -> InstanceNormalization(scale = 1, B = 0, epsilon = eps) -> Reshape(., [0, C, -1])

followed by the unchanged Mul(w), Add(b). InstanceNormalization over [B, G, C/G * L] normalises every (sample,
group) by its mean and biased variance: the same function, y = (x - mean) / sqrt(var + eps). Nodes that nothing
reads any more are removed. The graph's outputs agree with the original to float32 rounding (≈ 3e-7 on the bundled
models); ``--check`` verifies that on the bundled test tensors when Python onnxruntime is importable.

    /usr/bin/python3 models/training/instance_norm.py IN.onnx OUT.onnx      (IN and OUT may be the same file)

export.py applies it to every export; the bundled models were rewritten with it (models/README.md).
"""
import argparse
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper


def _const(name, producers, inits):
    if name in inits:
        return numpy_helper.to_array(inits[name])
    n = producers.get(name)
    if n is not None and n.op_type == "Constant":
        return numpy_helper.to_array(n.attribute[0].t)
    return None


def _only(nodes, op):
    found = [n for n in nodes if n.op_type == op]
    return found[0] if len(found) == 1 and len(nodes) == 1 else None


def rewrite(model):
    """Rewrites ``model`` in place; returns the number of GroupNorm chains replaced."""
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    producers = {o: n for n in g.node for o in n.output}
    consumers = {}
    for n in g.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    insert_before = {}
    count = 0
    for sq in [n for n in g.node if n.op_type == "Sqrt"]:
        add_eps = producers.get(sq.input[0])
        if add_eps is None or add_eps.op_type != "Add":
            continue
        eps = _const(add_eps.input[1], producers, inits)
        var = producers.get(add_eps.input[0])
        square = producers.get(var.input[0]) if var is not None and var.op_type == "ReduceMean" else None
        sub = producers.get(square.input[0]) if square is not None and square.op_type == "Mul" else None
        grouped = producers.get(sub.input[0]) if sub is not None and sub.op_type == "Sub" else None
        if eps is None or grouped is None or grouped.op_type != "Reshape" or square.input[0] != square.input[1]:
            continue
        div = _only(consumers.get(sq.output[0], []), "Div")
        back = _only(consumers.get(div.output[0], []), "Reshape") if div is not None else None
        affine = _only(consumers.get(back.output[0], []), "Mul") if back is not None else None
        weight = _const(affine.input[1], producers, inits) if affine is not None else None
        group_shape = producers.get(grouped.input[1])
        if weight is None or group_shape is None or group_shape.op_type != "Concat":
            continue
        groups = _const(group_shape.input[1], producers, inits)
        channels = int(weight.size)
        if groups is None or groups.size != 1 or channels % int(groups.reshape(-1)[0]):
            continue
        groups = int(groups.reshape(-1)[0])
        base = grouped.name.rsplit("/", 1)[0] + "/instance_norm"
        names = {k: f"{base}/{k}" for k in ("shape_in", "shape_out", "scale", "bias", "grouped", "normed", "out")}
        g.initializer.extend([
            numpy_helper.from_array(np.array([0, groups, -1], np.int64), names["shape_in"]),
            numpy_helper.from_array(np.array([0, channels, -1], np.int64), names["shape_out"]),
            numpy_helper.from_array(np.ones(groups, np.float32), names["scale"]),
            numpy_helper.from_array(np.zeros(groups, np.float32), names["bias"])])
        insert_before[affine.name] = [
            helper.make_node("Reshape", [grouped.input[0], names["shape_in"]], [names["grouped"]],
                             name=base + "/Reshape_in"),
            helper.make_node("InstanceNormalization", [names["grouped"], names["scale"], names["bias"]],
                             [names["normed"]], name=base + "/InstanceNormalization",
                             epsilon=float(np.asarray(eps).reshape(-1)[0])),
            helper.make_node("Reshape", [names["normed"], names["shape_out"]], [names["out"]],
                             name=base + "/Reshape_out")]
        affine.input[0] = names["out"]
        count += 1
    ordered = []
    for n in g.node:
        ordered.extend(insert_before.get(n.name, []))
        ordered.append(n)
    needed = {o.name for o in g.output}
    live = []
    for n in reversed(ordered):
        if any(o in needed for o in n.output):
            live.append(n)
            needed.update(i for i in n.input if i)
    live.reverse()
    del g.node[:]
    g.node.extend(live)
    used = {i for n in g.node for i in n.input}
    kept = [i for i in g.initializer if i.name in used]
    del g.initializer[:]
    g.initializer.extend(kept)
    return count


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input")
    p.add_argument("output")
    args = p.parse_args(argv)
    model = onnx.load(args.input)
    before = len(model.graph.node)
    n = rewrite(model)
    onnx.checker.check_model(model)
    onnx.save(model, args.output)
    print(f"{args.output}: {n} GroupNorm chains -> InstanceNormalization; nodes {before} -> {len(model.graph.node)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
