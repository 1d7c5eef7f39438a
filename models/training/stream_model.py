"""Streaming segmentation model (issue 24): a causal dilated TCN whose per-layer input buffers are carried
between frames, so that a new point costs one step (about one frame of compute).

Heads a = 0..max_lag give the state probabilities of the point a steps back: a final state at lag L is read
from head L, L points after the point, and a track's last points (fewer than L later points) from the head of
the lag they have.

Features (online, per point i of a track, computed identically in Java by
org.deepspt.online.StreamFeatures): step d_i = r_i - r_{i-1} (d_0 = 0), step length l_i = |d_i|, running
scale s_i = mean(l_1..l_i) (s = 1 at i = 0 or while it is 0),
  f_i = [d_i / s_i (dim values), log(max(l_i / s_i, 1e-3)) (0 at i = 0), 1 / sqrt(max(i, 1)),
         for w in WINDOWS: log(|r_i - r_{i-m}|^2 / (m s_i^2) + 1e-2) with m = min(w, i) (0 at i = 0)].
"""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

CLASSES = 4
WINDOWS = (4, 16)
EPS = 1e-2


def feature_count(dim):
    return dim + 2 + len(WINDOWS)


def features(pos):
    """pos float32 [B, T, D] (each row starts at the track's first point) -> float32 [B, T, F]."""
    p = np.asarray(pos, dtype=np.float64)
    b, t, d = p.shape
    steps = np.zeros_like(p)
    steps[:, 1:] = p[:, 1:] - p[:, :-1]
    length = np.sqrt((steps ** 2).sum(-1))
    idx = np.arange(t)
    count = np.maximum(idx, 1).astype(np.float64)
    scale = np.cumsum(length, axis=1) / count[None, :]
    scale = np.where(scale > 0, scale, 1.0)
    scale[:, 0] = 1.0
    out = np.zeros((b, t, feature_count(d)), dtype=np.float64)
    out[:, :, :d] = steps / scale[:, :, None]
    out[:, :, d] = np.log(np.maximum(length / scale, 1e-3))
    out[:, 0, d] = 0.0
    out[:, :, d + 1] = 1.0 / np.sqrt(count)[None, :]
    for k, w in enumerate(WINDOWS):
        m = np.minimum(w, idx)
        back = p[:, idx - m]
        disp = ((p - back) ** 2).sum(-1)
        val = np.log(disp / (np.maximum(m, 1)[None, :] * scale ** 2) + EPS)
        val[:, 0] = 0.0
        out[:, :, d + 2 + k] = val
    return out.astype(np.float32)


class StreamTcn(nn.Module):
    """Input 1x1 conv, residual causal blocks y = relu(W0 x[t-d] + W1 x[t] + b), x += y, 1x1 head."""

    def __init__(self, dim, channels=48, dilations=(1, 2, 4, 8, 16, 32), max_lag=20):
        super().__init__()
        self.dim, self.channels, self.dilations, self.max_lag = dim, channels, tuple(dilations), max_lag
        self.inp = nn.Linear(feature_count(dim), channels)
        self.past = nn.ModuleList([nn.Linear(channels, channels, bias=False) for _ in self.dilations])
        self.now = nn.ModuleList([nn.Linear(channels, channels) for _ in self.dilations])
        self.head = nn.Linear(channels, (max_lag + 1) * CLASSES)

    def config(self):
        return {"arch": "causal-tcn", "dim": self.dim, "channels": self.channels,
                "dilations": list(self.dilations), "max_lag": self.max_lag, "features": feature_count(self.dim),
                "windows": list(WINDOWS), "state_size": self.state_size()}

    def state_size(self):
        return self.channels * sum(self.dilations)

    def forward(self, feats):
        """feats [B, T, F] -> logits [B, T, max_lag + 1, 4] (head a at step t is about point t - a)."""
        x = self.inp(feats)  # [B, T, C]
        b, t, c = x.shape
        for d, past, now in zip(self.dilations, self.past, self.now):
            shifted = F.pad(x, (0, 0, d, 0))[:, :t]  # x[t - d], zeros before the track
            x = x + F.relu(past(shifted) + now(x))
        return self.head(x).view(b, t, self.max_lag + 1, CLASSES)


def lag_losses(logits, labels, teacher=None, weight=0.0):
    """Mean cross-entropy per head: head a at step t against labels[t - a]. -> tensor [max_lag + 1].
    With ``teacher`` (probabilities [B, T, 4] of an offline model on the same points) each head's loss is
    (1 - weight) CE(labels) + weight CE(teacher) (distillation: the soft targets carry what the offline model
    decides with the whole track in view)."""
    k = logits.shape[2]
    t = logits.shape[1]
    losses = []
    for a in range(k):
        if a >= t:
            losses.append(logits.new_zeros(()))
            continue
        z = logits[:, a:, a].reshape(-1, CLASSES)
        loss = F.cross_entropy(z, labels[:, : t - a].reshape(-1))
        if teacher is not None and weight > 0:
            soft = -(teacher[:, : t - a].reshape(-1, CLASSES) * F.log_softmax(z, -1)).sum(-1).mean()
            loss = (1 - weight) * loss + weight * soft
        losses.append(loss)
    return torch.stack(losses)


class StepCell(nn.Module):
    """One step of a trained StreamTcn for export: (features [B, F], state [B, S]) ->
    (probabilities [B, max_lag + 1, 4], next_state [B, S]), a temperature per head applied.

    State layout: per block with dilation d, its inputs x[t-d] .. x[t-1] (oldest first), d * C floats,
    blocks in order."""

    def __init__(self, net, temperatures):
        super().__init__()
        self.net = net
        t = torch.as_tensor(np.asarray(temperatures, dtype=np.float32)).view(1, -1, 1)
        self.register_buffer("temperature", t)

    def forward(self, features, state):
        net = self.net
        c = net.channels
        x = net.inp(features)
        parts = []
        off = 0
        for d, past, now in zip(net.dilations, net.past, net.now):
            oldest = state[:, off:off + c]
            parts.append(state[:, off + c:off + d * c])
            parts.append(x)
            x = x + F.relu(past(oldest) + now(x))
            off += d * c
        logits = net.head(x).view(-1, net.max_lag + 1, CLASSES)
        probs = torch.softmax(logits / self.temperature, dim=-1)
        return probs, torch.cat(parts, dim=1)


def parameter_count(net):
    return sum(p.numel() for p in net.parameters())
