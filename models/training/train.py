"""Train one ensemble member. Resumable, deterministic given --seed and the data.

Example (one member, one thread):
  /usr/bin/python3 train.py --data work/2d-train --val-data work/2d-val --seed 11 --epochs 6 \
      --minutes 150 --out work/runs/2d-m11 --threads 1
Interrupted or out of --minutes: rerun the same command with --resume.
"""
import argparse
import json
import math
import os
import platform
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

import dataset
import model as models


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="training set directory (export-training output)")
    p.add_argument("--val-data", required=True, help="validation set directory")
    p.add_argument("--seed", type=int, required=True, help="member seed (weights, batch order, crops)")
    p.add_argument("--epochs", type=float, default=4, help="planned epochs; the LR schedule spans them")
    p.add_argument("--minutes", type=float, default=150, help="wall-clock budget of this invocation")
    p.add_argument("--out", required=True, help="run directory (checkpoint, best model, manifest)")
    p.add_argument("--resume", action="store_true", help="continue from OUT/checkpoint.pt")
    p.add_argument("--init", default=None,
                   help="start a new stage from these weights (a previous stage's best.pt; same config): "
                        "fresh optimiser and LR schedule; its manifest.json is kept as previous_stage")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--c0", type=int, default=32)
    p.add_argument("--depth", type=int, default=4)
    p.add_argument("--kernel", type=int, default=5)
    p.add_argument("--cmax", type=int, default=128)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--weight-decay", type=float, default=1e-4)
    p.add_argument("--frames-per-batch", type=int, default=12800, help="batch size x crop length")
    p.add_argument("--max-length", type=int, default=0, help="crop windows to at most this (0 = no cap)")
    p.add_argument("--val-tracks", type=int, default=4000, help="validation subset evaluated per epoch")
    p.add_argument("--stop-at-step", type=int, default=0,
                   help="end this invocation once the step count reaches this (0 = off; exit code 3, resumable); "
                        "lets two runs advance in alternation at equal steps")
    p.add_argument("--checkpoint-minutes", type=float, default=5)
    p.add_argument("--evals-per-epoch", type=int, default=1)
    p.add_argument("--features", choices=["scaled", "raw"], default="scaled",
                   help="input features: scaled (shipped) or raw (paper's µm inputs; comparison only)")
    p.add_argument("--norm", choices=["batch", "group"], default="batch",
                   help="normalisation: batch (BatchNorm, shipped) or group (GroupNorm1d, per-track statistics)")
    p.add_argument("--groups", type=int, default=8, help="groups of --norm group (capped at the channel count)")
    p.add_argument("--multiscale", default="",
                   help="comma-separated even window sizes of the multi-scale feature channels, e.g. "
                        "2,4,8,16,32,64 (issue 11 lever 3; empty = none, as the shipped members)")
    p.add_argument("--no-augment", action="store_true", help="disable random rotations/reflections")
    p.add_argument("--device", default="cpu", help="torch device: cpu (default) or cuda")
    p.add_argument("--schedule", choices=["onecycle", "warmup-cosine"], default="onecycle",
                   help="LR schedule: onecycle (torch OneCycleLR, 5 %% warm-up; rounds 1-2) or warmup-cosine "
                        "(linear warm-up from lr/10 over --warmup-steps, then cosine to lr/1000; the warm-up "
                        "does not depend on the total, so --auto-steps can fix the total after it started)")
    p.add_argument("--warmup-steps", type=int, default=500, help="warm-up steps of --schedule warmup-cosine")
    p.add_argument("--total-steps", type=int, default=0,
                   help="total optimiser steps (0 = --epochs x steps per epoch); warmup-cosine only")
    p.add_argument("--auto-steps", type=int, default=0,
                   help="warmup-cosine: at this step (< --warmup-steps) measure steps/s since half of it and set "
                        "the total to what fits 85 %% of the rest of --minutes (capped at --epochs); the "
                        "manifest records it, and --total-steps with that number repeats the same schedule")
    return p.parse_args(argv)


def log(msg):
    print(time.strftime("%H:%M:%S"), msg, flush=True)


def hardware():
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "torch_threads": torch.get_num_threads(),
            "torch": torch.__version__, "numpy": np.__version__, "python": platform.python_version(),
            "platform": platform.platform()}


def load(path):
    """torch.load onto the CPU, whole pickles (torch >= 2.6 defaults to weights_only)."""
    try:
        return torch.load(path, map_location="cpu", weights_only=False)
    except TypeError:                       # torch < 1.13 has no weights_only
        return torch.load(path, map_location="cpu")


def cpu_state(module):
    """state_dict with every tensor on the CPU, so checkpoints load anywhere (release runs on the CPU)."""
    return {k: v.detach().cpu() for k, v in module.state_dict().items()}


@torch.no_grad()
def evaluate(net, ts, max_frames=65536, quantum=8):
    """Flat per-frame accuracy (4-, 3-, 2-class) and confusion matrix; tracks cut to a multiple of
    ``quantum`` frames (see dataset.eval_batches) so batches are large; quantum=1 evaluates whole tracks."""
    net.eval()
    conf = np.zeros((4, 4), dtype=np.int64)
    nll, frames = 0.0, 0
    device = next(net.parameters()).device
    for _, pos, lab in dataset.eval_batches(ts, max_frames, quantum):
        logits = net(torch.from_numpy(pos).to(device))
        target = torch.from_numpy(lab).to(device)
        nll += F.cross_entropy(logits.reshape(-1, 4), target.reshape(-1), reduction="sum").item()
        pred = logits.argmax(-1).cpu().numpy().ravel()
        np.add.at(conf, (lab.ravel(), pred), 1)
        frames += lab.size
    net.train()
    return metrics_from_confusion(conf, nll / max(frames, 1))


def metrics_from_confusion(conf, nll=None):
    total = conf.sum()
    acc4 = np.trace(conf) / total
    m3 = np.array([0, 1, 2, 2])           # confined merged into subdiffusive
    m2 = np.array([0, 0, 1, 1])           # free {ND, DM} vs restricted {CD, SD}
    def merged(m, k):
        c = np.zeros((k, k), dtype=np.int64)
        for i in range(4):
            for j in range(4):
                c[m[i], m[j]] += conf[i, j]
        return np.trace(c) / total
    f1 = []
    for k in range(4):
        tp = conf[k, k]
        prec = tp / max(conf[:, k].sum(), 1)
        rec = tp / max(conf[k, :].sum(), 1)
        f1.append(0.0 if tp == 0 else 2 * prec * rec / (prec + rec))
    out = {"acc4": float(acc4), "acc3": float(merged(m3, 3)), "acc2": float(merged(m2, 2)),
           "macro_f1": float(np.mean(f1)), "frames": int(total),
           "confusion_row_normalised": (conf / np.maximum(conf.sum(1, keepdims=True), 1)).round(4).tolist()}
    if nll is not None:
        out["nll"] = float(nll)
    return out


def save_atomic(obj, path):
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def write_json(obj, path):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=2)
    os.replace(tmp, path)


def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    ckpt_path = os.path.join(args.out, "checkpoint.pt")
    t_start = time.time()

    train = dataset.TrackSet(args.data)
    val = dataset.TrackSet(args.val_data).subset(args.val_tracks)
    if train.dim != val.dim:
        sys.exit(f"dimension mismatch: train {train.dim}, val {val.dim}")
    config = dict(dim=train.dim, c0=args.c0, depth=args.depth, kernel=args.kernel, cmax=args.cmax)
    if args.features != "scaled":
        config["features"] = args.features
    if args.norm != "batch":
        config["norm"] = args.norm
        config["groups"] = args.groups
    if args.multiscale:
        config["multiscale"] = [int(w) for w in args.multiscale.split(",")]

    torch.manual_seed(args.seed)
    device = torch.device(args.device)
    net = models.build(config).to(device)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    steps_per_epoch = len(dataset.epoch_plan(train.lengths, args.seed, 0, args.frames_per_batch,
                                             max_length=args.max_length))
    planned_steps = max(1, int(math.ceil(args.epochs * steps_per_epoch)))
    state = {"epoch": 0, "batch": 0, "step": 0, "train_seconds": 0.0, "history": [], "best_acc4": -1.0,
             "invocations": 0, "total_steps": planned_steps, "total_steps_source": "epochs"}
    if args.schedule == "onecycle":
        if args.total_steps or args.auto_steps:
            sys.exit("--total-steps and --auto-steps need --schedule warmup-cosine")
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=planned_steps, pct_start=0.05,
                                                    anneal_strategy="cos", div_factor=10, final_div_factor=100)
    else:
        if args.auto_steps and not 2 <= args.auto_steps < args.warmup_steps:
            sys.exit("--auto-steps must lie in 2 .. --warmup-steps - 1 (the total may change only during warm-up)")
        if args.total_steps:
            state["total_steps"], state["total_steps_source"] = args.total_steps, "--total-steps"

        def factor(k):
            """lr / max lr at step k: linear lr/10 -> lr over the warm-up, then cosine to lr/1000."""
            if k < args.warmup_steps:
                return 0.1 + 0.9 * k / args.warmup_steps
            span = max(1, state["total_steps"] - args.warmup_steps)
            t = min(1.0, (k - args.warmup_steps) / span)
            return 1e-3 + (1 - 1e-3) * 0.5 * (1 + math.cos(math.pi * t))
        sched = torch.optim.lr_scheduler.LambdaLR(opt, factor)
    previous_stage = None
    if args.init:
        ck0 = load(args.init)
        if ck0["config"] != config:
            sys.exit(f"{args.init}: config {ck0['config']} differs from the arguments {config}")
        previous_stage = {"weights": os.path.abspath(args.init), "sha256": dataset.sha256_file(args.init),
                          "metrics": ck0.get("metrics")}
        prev_manifest = os.path.join(os.path.dirname(args.init), "manifest.json")
        if os.path.exists(prev_manifest):
            with open(prev_manifest, encoding="utf-8") as f:
                previous_stage["manifest"] = json.load(f)
    if args.resume and os.path.exists(ckpt_path):
        ck = load(ckpt_path)
        if ck["config"] != config or ck["args"]["seed"] != args.seed:
            sys.exit(f"{ckpt_path}: checkpoint config/seed differ from the arguments")
        net.load_state_dict(ck["model"])
        opt.load_state_dict(ck["optimizer"])
        sched.load_state_dict(ck["scheduler"])
        torch.set_rng_state(ck["torch_rng"])
        state.update(ck["state"])
        log(f"resumed at epoch {state['epoch']} batch {state['batch']} step {state['step']}")
    elif args.resume and not args.init:
        log(f"--resume given but {ckpt_path} does not exist: starting from scratch")
    if args.init and state["step"] == 0:
        net.load_state_dict(ck0["model"])
        log(f"stage initialised from {args.init}")
    state["invocations"] += 1
    log(f"member seed {args.seed}: {models.count_parameters(net)} parameters, {len(train)} tracks, "
        f"{steps_per_epoch} steps/epoch, {state['total_steps']} steps planned ({state['total_steps_source']}), "
        f"device {device}")

    def checkpoint():
        save_atomic({"model": cpu_state(net), "optimizer": opt.state_dict(), "scheduler": sched.state_dict(),
                     "torch_rng": torch.get_rng_state(), "state": state, "config": config, "args": vars(args)},
                    ckpt_path)

    def manifest(status):
        write_json({"kind": "deepspt-segmentation-member", "status": status, "seed": args.seed,
                    "config": config, "parameters": models.count_parameters(net), "args": vars(args),
                    "train_data": train.describe(), "val_data": val.describe(), "val_tracks": len(val),
                    "steps_per_epoch": steps_per_epoch, "total_steps": state["total_steps"], "state": state,
                    "previous_stage": previous_stage, "hardware": hardware()}, os.path.join(args.out, "manifest.json"))

    def record(m, label):
        """Appends a validation result to the history; a new best is saved as best.pt."""
        state["history"].append(m)
        log(f"{label} acc4 {m['acc4']:.4f} acc3 {m['acc3']:.4f} acc2 {m['acc2']:.4f} nll {m['nll']:.4f}")
        if m["acc4"] > state["best_acc4"]:
            state["best_acc4"] = m["acc4"]
            save_atomic({"model": cpu_state(net), "config": config, "seed": args.seed, "metrics": m},
                        os.path.join(args.out, "best.pt"))

    if args.init and state["step"] == 0 and not state["history"]:
        m = evaluate(net, val)
        m.update(epoch=0.0, step=0, train_seconds=0.0, eval_seconds=0.0, steps_per_second=0.0)
        record(m, "initial val")
    net.train()
    last_ckpt = time.time()
    budget_end = t_start + 60 * args.minutes
    eval_every = max(1, steps_per_epoch // max(1, args.evals_per_epoch))
    status = "complete"
    seg_start, seg_steps = time.time(), 0
    while state["step"] < state["total_steps"]:
        plan = dataset.epoch_plan(train.lengths, args.seed, state["epoch"], args.frames_per_batch,
                                  max_length=args.max_length)
        while state["batch"] < len(plan) and state["step"] < state["total_steps"]:
            pos, lab = dataset.make_batch(train, plan[state["batch"]], args.seed, state["epoch"], state["batch"],
                                          augment=not args.no_augment)
            logits = net(torch.from_numpy(pos).to(device, non_blocking=True))
            loss = F.cross_entropy(logits.reshape(-1, 4), torch.from_numpy(lab).to(device, non_blocking=True).reshape(-1))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            state["batch"] += 1
            state["step"] += 1
            seg_steps += 1
            if args.auto_steps and state["total_steps_source"] == "epochs":
                if state["step"] == args.auto_steps // 2:
                    rate_start = time.time()
                elif state["step"] == args.auto_steps:
                    rate = (args.auto_steps - args.auto_steps // 2) / (time.time() - rate_start)
                    fits = int(state["step"] + 0.85 * rate * (budget_end - time.time()))
                    state["total_steps"] = max(args.warmup_steps + 1, min(planned_steps, fits))
                    state["total_steps_source"] = (f"--auto-steps {args.auto_steps}: {rate:.2f} steps/s over steps "
                                                   f"{args.auto_steps // 2}-{args.auto_steps}")
                    log(f"total steps set to {state['total_steps']} ({state['total_steps_source']}; "
                        f"{planned_steps} planned by --epochs)")
            if state["step"] % 50 == 0:
                now = time.time()
                log(f"epoch {state['epoch']} batch {state['batch']}/{len(plan)} step {state['step']} "
                    f"loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.2e} "
                    f"{seg_steps / (now - seg_start):.2f} steps/s")
            end_of_epoch = state["batch"] >= len(plan) or state["step"] >= state["total_steps"]
            if state["batch"] % eval_every == 0 or end_of_epoch:
                now = time.time()
                state["train_seconds"] += now - seg_start
                m = evaluate(net, val)
                m.update(epoch=state["epoch"] + state["batch"] / len(plan), step=state["step"],
                         train_seconds=round(state["train_seconds"], 1), eval_seconds=round(time.time() - now, 1),
                         steps_per_second=round(seg_steps / max(now - seg_start, 1e-9), 3))
                record(m, "val")
                seg_start, seg_steps = time.time(), 0
            if time.time() - last_ckpt > 60 * args.checkpoint_minutes:
                checkpoint()
                manifest("running")
                last_ckpt = time.time()
            if time.time() > budget_end or 0 < args.stop_at_step <= state["step"]:
                break
        if state["batch"] >= len(plan):
            state["epoch"] += 1
            state["batch"] = 0
        if time.time() > budget_end and state["step"] < state["total_steps"]:
            status = "budget-exhausted"
            log(f"--minutes {args.minutes} exhausted at step {state['step']}/{state['total_steps']}; rerun with --resume")
            break
        if 0 < args.stop_at_step <= state["step"] < state["total_steps"]:
            status = "stopped-at-step"
            log(f"--stop-at-step {args.stop_at_step} reached; rerun with --resume (and a later stop) to continue")
            break
    if state["step"] > 0 and (not state["history"] or state["history"][-1]["step"] != state["step"]):
        m = evaluate(net, val)          # stopped between evaluations: the weights reached are still a candidate
        m.update(epoch=state["epoch"] + state["batch"] / max(1, steps_per_epoch), step=state["step"],
                 train_seconds=round(state["train_seconds"], 1), eval_seconds=0.0, steps_per_second=0.0)
        record(m, "final val")
    state["wall_seconds_last_invocation"] = round(time.time() - t_start, 1)
    checkpoint()
    save_atomic({"model": cpu_state(net), "config": config, "seed": args.seed,
                 "metrics": state["history"][-1] if state["history"] else None}, os.path.join(args.out, "last.pt"))
    manifest(status)
    log(f"{status}: best val acc4 {state['best_acc4']:.4f}")
    return 0 if status == "complete" else 3


if __name__ == "__main__":
    sys.exit(main())
