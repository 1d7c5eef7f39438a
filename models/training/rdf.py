#!/usr/bin/env python3
"""Write rdf.yaml, the bioimage.io model description (spec 0.5), beside a bundled model.

usage: rdf.py MODEL_DIR [MODEL_DIR ...]     e.g. rdf.py ../bundled/deepspt-unet-2d
       rdf.py --all                          every model listed in ../bundled/index.txt

MODEL_DIR is models/bundled/<name>/ with <name>.manifest.json, <name>.onnx and the test tensors
<name>.test-input.npy / <name>.expected-output.npy that export.py wrote. The description is made from the
manifest (dimension, opset, tensor names, class order, creation time) and the SHA-256 of the files as they
are on disk; a file whose hash differs from the manifest's, or a test tensor whose shape does not fit the
manifest, stops the script (exit 1) and nothing is written. The output is deterministic: same files, same
bytes. Standard library only; the YAML is written by hand (strings as JSON strings, which YAML reads as
double-quoted scalars). release.sh runs it after every export; BundledRdfTest (deepspt-onnx) checks that
rdf.yaml, the manifest and the files agree.
"""
import ast
import hashlib
import json
import os
import sys

FORMAT_VERSION = "0.5.4"
REPOSITORY = "https://github.com/deepspt/deepspt-java"
CITATION = ("Kæstel-Hansen, J. et al. Deep learning-assisted analysis of single-particle tracking for "
            "automated correlation between diffusion and function. Nature Methods (2025). (DeepSPT)")
CITATION_DOI = "10.1038/s41592-025-02665-8"
AXIS_NAMES = ["x", "y", "z"]
TAGS = ["single-particle-tracking", "trajectory-segmentation", "diffusion", "unet", "onnx"]


class RdfError(Exception):
    pass


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def npy_shape(path):
    """Shape and dtype from a .npy header (format 1.x/2.x/3.x)."""
    with open(path, "rb") as f:
        head = f.read(12)
        if head[:6] != b"\x93NUMPY":
            raise RdfError(f"{path}: not a .npy file")
        major = head[6]
        if major == 1:
            n = int.from_bytes(head[8:10], "little")
            header = head[10:] + f.read(n - 2)
        else:
            n = int.from_bytes(head[8:12], "little")
            header = f.read(n)
    d = ast.literal_eval(header.decode("latin-1").strip())
    return tuple(d["shape"]), d["descr"]


def q(s):
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(s, ensure_ascii=False)


def flow(items):
    return "[" + ", ".join(q(i) for i in items) + "]"


def checked_file(model_dir, manifest, role):
    entry = manifest["files"][role]
    path = os.path.join(model_dir, entry["name"])
    if not os.path.isfile(path):
        raise RdfError(f"{path}: missing ({role} in the manifest)")
    digest = sha256(path)
    if digest != entry["sha256"]:
        raise RdfError(f"{path}: SHA-256 {digest} but the manifest says {entry['sha256']}")
    return entry["name"], digest, path


def describe(model_dir):
    name = os.path.basename(os.path.normpath(model_dir))
    manifest_name = f"{name}.manifest.json"
    with open(os.path.join(model_dir, manifest_name), encoding="utf-8") as f:
        m = json.load(f)
    if m["name"] != name:
        raise RdfError(f"{model_dir}: the manifest names '{m['name']}', the folder '{name}'")
    dim = int(m["dimension"])
    classes = list(m["output"]["class_order"])
    inp, out = m["input"], m["output"]
    if inp["shape"][2] != dim or out["shape"][2] != len(classes):
        raise RdfError(f"{manifest_name}: input/output shapes {inp['shape']} / {out['shape']} do not fit "
                       f"dimension {dim} and {len(classes)} classes")
    onnx_file, onnx_sha, _ = checked_file(model_dir, m, "onnx")
    x_file, x_sha, x_path = checked_file(model_dir, m, "test-input")
    y_file, y_sha, y_path = checked_file(model_dir, m, "expected-output")
    x_shape, x_dtype = npy_shape(x_path)
    y_shape, y_dtype = npy_shape(y_path)
    if len(x_shape) != 3 or x_shape[2] != dim or x_dtype != "<f4":
        raise RdfError(f"{x_path}: shape {x_shape} {x_dtype}, expected float32 [batch, time, {dim}]")
    if y_shape != x_shape[:2] + (len(classes),) or y_dtype != "<f4":
        raise RdfError(f"{y_path}: shape {y_shape} {y_dtype}, expected float32 "
                       f"[{x_shape[0]}, {x_shape[1]}, {len(classes)}]")
    members = len(m.get("members", []))
    temperature = m.get("temperature")
    calibrated = (f" Probabilities are calibrated (temperature {temperature:.3f}, fitted on validation "
                  "tracks) inside the graph." if isinstance(temperature, float) else "")
    description = (
        f"U-Net ensemble ({members} members) that segments {dim}D single-particle trajectories frame by frame "
        f"into four diffusion states ({', '.join(classes)}), after DeepSPT (Kæstel-Hansen et al., Nature "
        f"Methods 2025). Trained on simulated tracks; inputs are normalised by the track's median step length "
        f"inside the graph, so any length unit and frame rate work.{calibrated} Shipped with deepspt-java "
        f"(org.deepspt:deepspt-models); provenance and test metrics in {manifest_name}.")
    unit = inp.get("unit", "µm")
    input_text = (f"Track positions in {unit}, float32 [batch, time, {dim}]: tracks of one batch share their "
                  "length, any length >= 1.")
    output_text = (f"Per-frame state probabilities, float32 [batch, time, {len(classes)}], summing to 1 over "
                   "the channel axis.")
    lines = [
        f"# bioimage.io model description (spec {FORMAT_VERSION}) of {name}, generated by",
        f"# models/training/rdf.py from {manifest_name} and the files beside it; do not edit, rerun rdf.py.",
        "type: model",
        f"format_version: {FORMAT_VERSION}",
        f"name: {q(name)}",
        f"description: {q(description)}",
        "authors:",
        f"  - name: {q('deepspt-java contributors')}",
        "cite:",
        f"  - text: {q(CITATION)}",
        f"    doi: {q(CITATION_DOI)}",
        f"license: {q('Apache-2.0')}",
        f"git_repo: {q(REPOSITORY)}",
        f"documentation: {q(REPOSITORY + '/blob/main/models/README.md')}",
        f"tags: {flow(TAGS + [f'{dim}d'])}",
        f"timestamp: {q(m['created_utc'])}",
        "inputs:",
        f"  - id: {q(inp['name'])}",
        f"    description: {q(input_text)}",
        "    axes:",
        "      - type: batch",
        "      - type: time",
        "        id: time",
        f"        description: {q('frame index along the track (any frame interval)')}",
        "        size:",
        "          min: 1",
        "          step: 1",
        "      - type: channel",
        "        id: channel",
        f"        channel_names: {flow(AXIS_NAMES[:dim])}",
        "    data:",
        "      type: float32",
        f"      unit: {q(unit)}",
        "    test_tensor:",
        f"      source: {q(x_file)}",
        f"      sha256: {q(x_sha)}",
        "outputs:",
        f"  - id: {q(out['name'])}",
        f"    description: {q(output_text)}",
        "    axes:",
        "      - type: batch",
        "      - type: time",
        "        id: time",
        "        size:",
        f"          tensor_id: {q(inp['name'])}",
        "          axis_id: time",
        "      - type: channel",
        "        id: channel",
        f"        channel_names: {flow(classes)}",
        "    data:",
        "      type: float32",
        "      range: [0.0, 1.0]",
        "    test_tensor:",
        f"      source: {q(y_file)}",
        f"      sha256: {q(y_sha)}",
        "weights:",
        "  onnx:",
        f"    source: {q(onnx_file)}",
        f"    sha256: {q(onnx_sha)}",
        f"    opset_version: {int(m['opset'])}",
        "config:",
        "  deepspt:",
        f"    manifest: {q(manifest_name)}",
        f"    dimension: {dim}",
    ]
    return "\n".join(lines) + "\n"


def main(argv):
    if argv == ["--all"]:
        here = os.path.dirname(os.path.abspath(__file__))
        bundled = os.path.join(here, "..", "bundled")
        with open(os.path.join(bundled, "index.txt"), encoding="utf-8") as f:
            names = [s.strip() for s in f if s.strip() and not s.startswith("#")]
        argv = [os.path.normpath(os.path.join(bundled, n)) for n in names]
    if not argv or any(a.startswith("-") for a in argv):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    for model_dir in argv:
        try:
            text = describe(model_dir)
        except KeyError as e:
            print(f"rdf.py: {model_dir}: the manifest has no field {e}", file=sys.stderr)
            return 1
        except (RdfError, OSError, ValueError, SyntaxError) as e:
            print(f"rdf.py: {model_dir}: {e}", file=sys.stderr)
            return 1
        path = os.path.join(model_dir, "rdf.yaml")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
