"""Teacher probabilities for distilling the offline U-Net into the streaming model (issue 24).

  /usr/bin/python3 teacher.py ../bundled/deepspt-unet-2d-fast/deepspt-unet-2d-fast.onnx SET_DIR [--limit N]

Runs the bundled offline model (rebuilt in torch by from_onnx.py, its length temperature applied) on whole
tracks of a training set written by ``deepspt export-training`` and writes SET_DIR/teacher-<model>.npy, float16
[P, 4] aligned with positions.npy rows (tracks past --limit get NaN rows), plus a .json with the model file's
SHA-256, the accuracy against the labels and the time taken. Resumable: it writes in chunks of tracks and
restarts after the last chunk written (SET_DIR/teacher-<model>.done holds the track count done); a rerun once
every requested track is done changes nothing.
"""
import argparse
import json
import os
import time

import numpy as np
import torch

import calibrate
import dataset
import from_onnx


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model")
    ap.add_argument("set")
    ap.add_argument("--limit", type=int, default=0, help="only the first N tracks (0: all)")
    ap.add_argument("--chunk", type=int, default=5000)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    ens, _, _ = from_onnx.load_ensemble(args.model)
    members = list(ens.members)
    a, b = float(ens.length_a), float(ens.length_b)
    ts = dataset.TrackSet(args.set, mmap=True)
    n = len(ts) if args.limit <= 0 else min(args.limit, len(ts))
    name = os.path.basename(args.model)[:-len(".onnx")]
    out = os.path.join(args.set, f"teacher-{name}.npy")
    done_path = os.path.join(args.set, f"teacher-{name}.done")
    if os.path.exists(out):
        probs = np.load(out, mmap_mode="r+")
    else:
        probs = np.lib.format.open_memmap(out + ".tmp", mode="w+", dtype=np.float16, shape=(len(ts.labels), 4))
        probs[:] = np.nan
        probs.flush()
        del probs
        os.replace(out + ".tmp", out)
        probs = np.load(out, mmap_mode="r+")
    done = int(open(done_path).read()) if os.path.exists(done_path) else 0
    info_path = out[:-4] + ".json"
    if done >= n and os.path.exists(info_path):
        print(f"{out}: complete for {done} tracks (see {info_path})")
        return
    start = time.time()
    correct = total = 0
    with torch.no_grad():
        for lo in range(done, n, args.chunk):
            hi = min(n, lo + args.chunk)
            sub = ts.slice(lo, hi)
            for idx, pos, lab in dataset.eval_batches(sub):
                x = torch.from_numpy(pos)
                logits = torch.stack([m(x).reshape(-1, 4) for m in members])
                lengths = torch.full((lab.size,), pos.shape[1], dtype=torch.float32)
                p = calibrate.ensemble_probs_by_length(logits, torch.log(lengths), a, b).numpy()
                rows = (sub.offsets[idx] + ts.offsets[lo])[:, None] + np.arange(pos.shape[1])[None, :]
                probs[rows.reshape(-1)] = p.astype(np.float16)
                correct += int((p.argmax(1) == lab.reshape(-1)).sum())
                total += lab.size
            probs.flush()
            with open(done_path, "w") as f:
                f.write(str(hi))
            print(time.strftime("%H:%M:%S"), f"tracks {hi}/{n}, acc4 so far {correct / max(total, 1):.4f}",
                  flush=True)
    info = {"model": os.path.relpath(args.model), "model_sha256": dataset.sha256_file(args.model),
            "set": os.path.relpath(args.set), "tracks": n, "length_temperature": {"a": a, "b": b},
            "acc4_last_run": correct / max(total, 1), "seconds_last_run": round(time.time() - start, 1)}
    with open(info_path, "w", encoding="utf-8") as f:
        json.dump(info, f, indent=2)
    print(json.dumps(info))


if __name__ == "__main__":
    main()
