"""Train the streaming segmentation model (stream_model.StreamTcn). Resumable, seeded.

  nice -n 5 /usr/bin/python3 train_stream.py --data D/2-train --val-data D/2-val --seed 24 \
      --minutes 40 --out work/stream-2d
Interrupted or out of --minutes: rerun the same command with --resume. At the end (or with --finish) the
per-head temperatures are fitted on the validation tracks and OUT/manifest.json records data, seed, time,
configuration and metrics (accuracy at lags 0/10/20 under the online protocol, before/after calibration).

Online protocol: point t of a track of T points, served at lag L, is decided by head a = min(L, T-1-t) at
step t + a (a track's last points have fewer than L later points and are decided when the track ends).
"""
import argparse
import json
import os
import platform
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

import dataset
import stream_model as sm


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True)
    p.add_argument("--val-data", required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--resume", action="store_true")
    p.add_argument("--finish", action="store_true", help="skip training: calibrate and write the manifest")
    p.add_argument("--init", default=None,
                   help="start a new stage from these weights (a previous run's final.pt; same config, or a 2D "
                        "run for a 3D model: the z input column starts as the mean of x and y): fresh optimiser "
                        "and LR schedule; the previous run's manifest is kept as previous_stage")
    p.add_argument("--minutes", type=float, default=40, help="wall-clock training budget of this invocation")
    p.add_argument("--epochs", type=float, default=20, help="planned epochs (the LR schedule spans them)")
    p.add_argument("--total-steps", type=int, default=0,
                   help="planned optimiser steps (the LR schedule spans them); overrides --epochs when > 0")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--channels", type=int, default=48)
    p.add_argument("--dilations", default="1,2,4,8,16,32")
    p.add_argument("--max-lag", type=int, default=20)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--frames-per-batch", type=int, default=12800)
    p.add_argument("--max-length", type=int, default=200, help="crop tracks (from their first point) to this")
    p.add_argument("--val-tracks", type=int, default=1500)
    p.add_argument("--checkpoint-minutes", type=float, default=3)
    p.add_argument("--teacher", default=None,
                   help="distillation: a teacher-<model>.npy written by teacher.py into the --data directory "
                        "(file name or path); each head's loss becomes (1 - w) CE(truth) + w CE(teacher)")
    p.add_argument("--val-teacher", default=None,
                   help="the teacher's probabilities of the --val-data set (teacher.py --limit >= --val-tracks): "
                        "validation then also reports agreement of each lag's argmax with the teacher's")
    p.add_argument("--distill", type=float, default=0.0, help="w, the teacher's share of the loss (0..1)")
    return p.parse_args(argv)


def load_teacher(path, data_dir, ts):
    """Teacher probabilities [P, 4] (float16, memory-mapped) aligned with ts's rows; for a validation subset
    (ts shorter than the file) returns the argmax per point in online_logits order instead."""
    if os.sep not in path:
        path = os.path.join(data_dir, path)
    probs = np.load(path, mmap_mode="r")
    if len(probs) == len(ts.labels):
        if np.isnan(np.asarray(probs[:: max(1, len(probs) // 100000)], dtype=np.float32)).any():
            raise SystemExit(f"{path}: NaN rows (teacher.py did not finish every track)")
        return probs
    # validation subset: the argmax per point, in the order online_logits visits them (eval_batches)
    out = []
    for idx, _, _ in dataset.eval_batches(ts):
        rows = ts.offsets[idx][:, None] + np.arange(ts.lengths[idx[0]])[None, :]
        p = np.asarray(probs[rows.reshape(-1)], dtype=np.float32)
        if np.isnan(p).any():
            raise SystemExit(f"{path}: NaN rows in the validation subset (run teacher.py with --limit >= it)")
        out.append(p.argmax(1))
    return np.concatenate(out)


def log(msg):
    print(time.strftime("%H:%M:%S"), msg, flush=True)


def online_logits(net, ts, max_frames=65536):
    """Per point of every validation track: logits of every head at the step it is decided for each lag.
    Returns (labels [P], lookahead [P] = T-1-t, logits_at [P, K+1, 4]) where logits_at[p, L] is the
    online-protocol logits of point p at lag L."""
    k = net.max_lag + 1
    labs, looks, outs = [], [], []
    net.eval()
    with torch.no_grad():
        for idx, pos, lab in dataset.eval_batches(ts, max_frames=max_frames):
            t = pos.shape[1]
            logits = net(torch.from_numpy(sm.features(pos))).numpy()  # [B, T, K, 4]
            res = np.empty((len(idx), t, k, 4), dtype=np.float32)
            steps = np.arange(t)
            for lag in range(k):
                a = np.minimum(lag, t - 1 - steps)  # head per point
                res[:, :, lag] = logits[:, steps + a, a]
            labs.append(lab.reshape(-1))
            looks.append(np.broadcast_to(t - 1 - steps, lab.shape).reshape(-1))
            outs.append(res.reshape(-1, k, 4))
    net.train()
    return np.concatenate(labs), np.concatenate(looks), np.concatenate(outs)


def fit_temperatures(labels, logits):
    """One temperature per lag minimising the NLL (golden-section search on log T)."""
    temps = []
    lab = torch.from_numpy(labels.astype(np.int64))
    for lag in range(logits.shape[1]):
        z = torch.from_numpy(logits[:, lag])

        def nll(log_t):
            return F.cross_entropy(z / float(np.exp(log_t)), lab).item()
        lo, hi = np.log(0.3), np.log(5.0)
        g = (np.sqrt(5) - 1) / 2
        for _ in range(40):
            a, b = hi - g * (hi - lo), lo + g * (hi - lo)
            if nll(a) < nll(b):
                hi = b
            else:
                lo = a
        temps.append(float(np.exp((lo + hi) / 2)))
    return temps


def metrics(labels, logits, temps=None, lags=(0, 10, 20), teacher_labels=None):
    """Per lag: 4-class accuracy, NLL, ECE (15 bins) and, with ``teacher_labels`` (the teacher's argmax per
    point, in online_logits order), the share of points whose argmax equals the teacher's ("agree")."""
    out = {}
    lab = torch.from_numpy(labels.astype(np.int64))
    for lag in lags:
        if lag >= logits.shape[1]:
            continue
        z = torch.from_numpy(logits[:, lag])
        if temps is not None:
            z = z / temps[lag]
        pred = z.argmax(-1).numpy()
        p = torch.softmax(z, -1).numpy()
        conf = p.max(-1)
        correct = pred == labels
        bins = np.minimum((conf * 15).astype(int), 14)
        ece = sum(abs(correct[bins == b].mean() - conf[bins == b].mean()) * (bins == b).mean()
                  for b in range(15) if np.any(bins == b))
        out[f"lag{lag}"] = {"acc4": float(correct.mean()), "nll": float(F.cross_entropy(z, lab).item()),
                            "ece15": float(ece)}
        if teacher_labels is not None:
            out[f"lag{lag}"]["agree"] = float((pred == teacher_labels).mean())
    return out


def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    ckpt_path = os.path.join(args.out, "checkpoint.pt")
    train = dataset.TrackSet(args.data, mmap=True)
    val = dataset.TrackSet(args.val_data).subset(args.val_tracks)
    teacher = load_teacher(args.teacher, args.data, train) if args.teacher else None
    val_teacher = load_teacher(args.val_teacher, args.val_data, val) if args.val_teacher else None
    if teacher is not None and not 0.0 <= args.distill <= 1.0:
        raise SystemExit(f"--distill must be in 0..1, got {args.distill}")
    torch.manual_seed(args.seed)
    net = sm.StreamTcn(train.dim, args.channels, [int(d) for d in args.dilations.split(",")], args.max_lag)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    steps_per_epoch = len(dataset.epoch_plan(train.lengths, args.seed, 0, args.frames_per_batch,
                                             max_length=args.max_length))
    total = args.total_steps if args.total_steps > 0 else int(args.epochs * steps_per_epoch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=total, pct_start=0.05)
    state = {"step": 0, "epoch": 0, "batch": 0, "train_seconds": 0.0, "history": [], "best": None}
    previous = None
    if args.init and not (args.resume or args.finish):
        init = torch.load(args.init)
        weights = dict(init["model"])
        if init["config"]["dim"] == 2 and train.dim == 3:
            # A 3D start from a 2D model: the input layer gains a z column, the mean of the x and y columns
            # (features are [dx, dy, (dz), log ratio, 1/sqrt(i), windows...]); every other weight is shared.
            w = weights["inp.weight"]
            weights["inp.weight"] = torch.cat([w[:, :2], w[:, :2].mean(1, keepdim=True), w[:, 2:]], dim=1)
        net.load_state_dict(weights)
        with open(os.path.join(os.path.dirname(args.init), "manifest.json"), encoding="utf-8") as f:
            previous = json.load(f)
        log(f"initialised from {args.init}")
    if args.resume or args.finish:
        ck = torch.load(ckpt_path)
        net.load_state_dict(ck["model"])
        opt.load_state_dict(ck["optimizer"])
        sched.load_state_dict(ck["scheduler"])
        state = ck["state"]
        previous = ck.get("previous_stage")
        log(f"resumed at step {state['step']}")

    def save():
        torch.save({"model": net.state_dict(), "optimizer": opt.state_dict(), "scheduler": sched.state_dict(),
                    "state": state, "config": net.config(), "args": vars(args), "previous_stage": previous},
                   ckpt_path + ".tmp")
        os.replace(ckpt_path + ".tmp", ckpt_path)

    start = time.time()
    last_ck = start
    running = []
    while not args.finish and state["step"] < total and time.time() - start < args.minutes * 60:
        plan = dataset.epoch_plan(train.lengths, args.seed, state["epoch"], args.frames_per_batch,
                                  max_length=args.max_length)
        while state["batch"] < len(plan) and state["step"] < total:
            idx, crop = plan[state["batch"]]
            rng = np.random.default_rng([args.seed, state["epoch"], state["batch"], 11])
            pos, lab = train.gather(idx, np.zeros(len(idx), dtype=np.int64), crop)
            soft = None
            if teacher is not None:
                rows = train.offsets[idx][:, None] + np.arange(crop)[None, :]
                soft = torch.from_numpy(np.asarray(teacher[rows], dtype=np.float32))
            rot = dataset.random_rotations(rng, len(idx), train.dim).astype(np.float32)
            pos = np.einsum("bld,bed->ble", pos - pos[:, :1, :], rot)
            t0 = time.time()
            logits = net(torch.from_numpy(sm.features(pos)))
            losses = sm.lag_losses(logits, torch.from_numpy(lab), soft, args.distill)
            loss = losses.mean()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            state["train_seconds"] += time.time() - t0
            state["step"] += 1
            state["batch"] += 1
            running.append(loss.item())
            if state["step"] % 100 == 0:
                log(f"step {state['step']}/{total} epoch {state['epoch']} loss {np.mean(running):.4f}")
                running = []
            if time.time() - last_ck > args.checkpoint_minutes * 60:
                save()
                last_ck = time.time()
            if time.time() - start > args.minutes * 60:
                break
        if state["batch"] >= len(plan):
            state["epoch"] += 1
            state["batch"] = 0
            lab_v, _, log_v = online_logits(net, val)
            m = metrics(lab_v, log_v, teacher_labels=val_teacher)
            m.update(step=state["step"], epoch=state["epoch"])
            state["history"].append(m)
            log(f"epoch {state['epoch']} val {json.dumps(m)}")
    save()
    if state["step"] < total and not args.finish:
        log(f"stopped at step {state['step']}/{total}; rerun with --resume (or --finish to calibrate now)")
    lab_v, look_v, log_v = online_logits(net, val)
    temps = fit_temperatures(lab_v, log_v)
    before = metrics(lab_v, log_v, teacher_labels=val_teacher)
    after = metrics(lab_v, log_v, temps, teacher_labels=val_teacher)
    torch.save({"model": net.state_dict(), "config": net.config(), "temperatures": temps},
               os.path.join(args.out, "final.pt"))
    manifest = {
        "kind": "deepspt-streaming-tcn-training",
        "created_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "status": "complete" if state["step"] >= total else "stopped early (time budget)",
        "seed": args.seed, "args": vars(args), "config": net.config(),
        "parameters": sm.parameter_count(net),
        "data": train.describe(), "val_data": dataset.TrackSet(args.val_data).describe(),
        "val_tracks": int(len(val)), "val_frames": int(len(lab_v)),
        "steps": state["step"], "planned_steps": total, "epochs_completed": state["epoch"],
        "train_seconds": round(state["train_seconds"], 1), "history": state["history"],
        "temperatures": temps, "metrics_uncalibrated": before, "metrics_calibrated": after,
        "protocol": "point t of a T-point track at lag L: head min(L, T-1-t) at step t + min(L, T-1-t)",
        "previous_stage": previous,
        "hardware": {"platform": platform.platform(), "python": sys.version.split()[0],
                     "torch": torch.__version__, "threads": args.threads},
    }
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
    log(f"temperatures {['%.3f' % t for t in temps]}; calibrated {json.dumps(after)}")


if __name__ == "__main__":
    main()
