"""Rebuild a bundled model (ensemble or single member) as a torch module from its ONNX file and manifest.

The trained weights are taken from the ONNX initializers: convolution weights by name, GroupNorm scales and
shifts (the per-channel Mul and Add constants after each InstanceNormalization, which the export leaves unnamed)
in graph order, the temperature from the manifest. Used by ``deepspt-bench/compare/compare.py`` (speed
comparison) and to start a training stage from a shipped model whose checkpoint is not kept
(``python3 from_onnx.py MODEL.onnx OUT.pt`` writes member 0 as a ``train.py --init`` checkpoint).
"""
import json
import math
import sys

import numpy as np
import torch

import model as models


def to_torch(a):
    """float32 tensor from a numpy array without torch's numpy bridge (Debian's torch 1.13 is built against
    numpy 1.x; a virtual environment may hold numpy 2, with which ``torch.from_numpy`` fails)."""
    a = np.ascontiguousarray(a, dtype=np.float32)
    return torch.frombuffer(bytearray(a.tobytes()), dtype=torch.float32).reshape(a.shape)


def from_torch(t):
    return np.asarray(t.detach().flatten().tolist(), dtype=np.float32).reshape(tuple(t.shape))


def load_ensemble(path):
    """(ensemble module in eval mode, manifest, max |torch - expected-output.npy|) for a bundled ONNX file."""
    import onnx
    from onnx import numpy_helper
    m = onnx.load(path)
    init = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    with open(path[:-len(".onnx")] + ".manifest.json", encoding="utf-8") as f:
        manifest = json.load(f)
    members = [models.build(mem["config"]) for mem in manifest["members"]]
    lt = manifest.get("length_temperature")
    ens = models.Ensemble(members, math.exp(lt["a"]) if lt else float(manifest["temperature"]), lt["b"] if lt else 0.0)
    consumers = {}
    for n in m.graph.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    affine = []   # (scale, shift) per GroupNorm, graph order
    for n in m.graph.node:
        if n.op_type == "InstanceNormalization":
            back = consumers[n.output[0]][0]
            mul = consumers[back.output[0]][0]
            add = consumers[mul.output[0]][0]
            affine.append((init[mul.input[1]].reshape(-1), init[add.input[1]].reshape(-1)))
    norms = [mod for mod in ens.modules() if isinstance(mod, models.GroupNorm1d)]
    if len(norms) != len(affine):
        raise SystemExit(f"{len(norms)} torch GroupNorms, {len(affine)} InstanceNormalization nodes in {path}")
    state = ens.state_dict()
    with torch.no_grad():
        for key, value in state.items():
            if key in init:
                value.copy_(to_torch(init[key]).reshape(value.shape))
        for mod, (w, b) in zip(norms, affine):
            mod.weight.copy_(to_torch(w))
            mod.bias.copy_(to_torch(b))
    ens.eval()
    base = path[:-len(".onnx")]
    x = np.load(base + ".test-input.npy")
    want = np.load(base + ".expected-output.npy")
    with torch.no_grad():
        got = from_torch(ens(to_torch(x)))
    return ens, manifest, float(np.abs(got - want).max())


def main(argv):
    if len(argv) != 3:
        raise SystemExit("usage: from_onnx.py MODEL.onnx OUT.pt   (writes member 0 as a train.py --init checkpoint)")
    ens, manifest, diff = load_ensemble(argv[1])
    if diff > 1e-4:
        raise SystemExit(f"{argv[1]}: rebuilt module differs from expected-output.npy by {diff}")
    member = manifest["members"][0]
    torch.save({"model": {k: v.detach().clone() for k, v in ens.members[0].state_dict().items()},
                "config": member["config"], "seed": member["seed"],
                "metrics": member.get("selection_metrics"), "source": {"onnx": argv[1], "max_abs_diff": diff}},
               argv[2])
    print(f"{argv[2]}: member seed {member['seed']} of {manifest['name']} (max |torch - expected| {diff:.2e})")


if __name__ == "__main__":
    main(sys.argv)
