"""Re-estimates the BatchNorm statistics of a trained member on whole training tracks ("precise BN").

Why: training batches are length-bucketed (every batch holds crops of one length), and BatchNorm's running
mean/variance is an exponential average (momentum 0.1) dominated by the last ~10 batches, i.e. by whichever
lengths happened to come last. At inference the member sees whole tracks of every length. This script
replaces the running statistics of every BatchNorm layer by frame-weighted averages of the batch
statistics over TRACKS whole training tracks (grouped by equal length as in inference; training mode, no
gradients, weights untouched) and reports the validation accuracy before and after. The output checkpoint
records both (``precise_bn``). Tried on the 2D stage-1 member 203 (2,000 training tracks, validation
tracks 0-999): 4-class accuracy 0.811 -> 0.792, so the shipped members keep their running statistics.

  /usr/bin/python3 precise_bn.py --member work/2d/runs/s2-m201/best.pt --data work/2d/train-s2 \
      --val-data work/2d/val --out work/2d/runs/s2-m201/best-pbn.pt
"""
import argparse

import numpy as np
import torch

import dataset
import model as models
import train as trainer


@torch.no_grad()
def recompute(net, ts, max_frames=65536, crops=0):
    bns = [m for m in net.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)]
    sums = {id(m): None for m in bns}
    hooks = []

    def hook(module, inputs):
        x = inputs[0].double()                       # [B, C, L]
        s = torch.stack([x.sum((0, 2)), (x * x).sum((0, 2))])
        n = x.shape[0] * x.shape[2]
        acc = sums[id(module)]
        sums[id(module)] = (s, n) if acc is None else (acc[0] + s, acc[1] + n)

    for m in bns:
        hooks.append(m.register_forward_pre_hook(hook))
    net.train()
    frames = 0
    if crops > 0:                                    # training-style batches: one crop length per batch
        plan = dataset.epoch_plan(ts.lengths, 12345, 0)[:crops]
        batches = ((None, dataset.make_batch(ts, e, 12345, 0, i)[0], None) for i, e in enumerate(plan))
    else:
        batches = dataset.eval_batches(ts, max_frames, quantum=8)
    for _, pos, _ in batches:
        if pos.shape[0] * -(-pos.shape[1] // net.multiple) < 2:
            continue                                 # one value per channel at the bottleneck: no variance
        net(torch.from_numpy(pos))
        frames += pos.shape[0] * pos.shape[1]
    for h in hooks:
        h.remove()
    for m in bns:
        s, n = sums[id(m)]
        mean = s[0] / n
        var = (s[1] / n - mean * mean) * n / max(n - 1, 1)
        m.running_mean.copy_(mean.float())
        m.running_var.copy_(var.clamp(min=0).float())
    net.eval()
    return frames


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--member", required=True, help="member checkpoint (best.pt)")
    p.add_argument("--data", required=True, help="the member's training set")
    p.add_argument("--tracks", type=int, default=5000, help="training tracks used for the statistics")
    p.add_argument("--val-data", required=True)
    p.add_argument("--val-tracks", type=int, default=4000, help="selection subset (as in train.py)")
    p.add_argument("--crops", type=int, default=0,
                   help="use this many training-style batches (length-bucketed crops) instead of whole tracks")
    p.add_argument("--out", required=True)
    args = p.parse_args(argv)
    torch.set_num_threads(1)
    ck = torch.load(args.member)
    net = models.build(ck["config"])
    net.load_state_dict(ck["model"])
    val = dataset.TrackSet(args.val_data).subset(args.val_tracks)
    train = dataset.TrackSet(args.data).subset(args.tracks) if args.crops == 0 else dataset.TrackSet(args.data)
    before = trainer.evaluate(net, val)
    frames = recompute(net, train, crops=args.crops)
    after = trainer.evaluate(net, val)
    print(f"{args.member}: val acc4 {before['acc4']:.4f} -> {after['acc4']:.4f}, "
          f"nll {before['nll']:.4f} -> {after['nll']:.4f} ({frames} frames of {len(train)} training tracks)",
          flush=True)
    out = dict(ck)
    out["model"] = net.state_dict()
    out["metrics"] = after
    out["precise_bn"] = {"source": args.member, "source_sha256": dataset.sha256_file(args.member),
                         "training_tracks": len(train), "frames": frames,
                         "training_data": train.describe(), "val_before": before, "val_after": after}
    trainer.save_atomic(out, args.out)


if __name__ == "__main__":
    main()
