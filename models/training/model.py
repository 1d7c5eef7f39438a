"""Compact 1D U-Net for per-frame diffusion-state segmentation, with in-graph features.

The ONNX contract is deliberately trivial: input ``positions`` float32 [batch, length, dim] in µm (any unit
works: the features are scale normalised), output ``probabilities`` float32 [batch, length, 4] in the class
order normal, directed, confined, subdiffusive. Everything else happens inside the graph:

* features per frame (channels): positions centred on the first point, step length
  SL[i] = |r_i - r_{i-1}| (SL[0] = 0) and dot product DP[i] = (r_{i-1} - r_{i-2}).(r_i - r_{i-1})
  (DP[0] = DP[1] = 0); positions and SL are divided by the track's scale s, DP by s^2, where s is the
  lower median of the L-1 step lengths (taken as element floor(L/2) of the sorted [0, SL_1..SL_{L-1}],
  exported as TopK), clamped below at ``EPS`` so constant tracks and L = 1 stay finite;
* replicate padding at the end to a multiple of 2^depth, cropped off the output, so any length >= 1 runs.
"""
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

EPS = 1e-9
NUM_CLASSES = 4
CLASS_ORDER = ["normal", "directed", "confined", "subdiffusive"]


def window_kernels(windows):
    """Constant box kernels of the multi-scale features: ``k1`` [W, 1, K] and block-diagonal ``k2`` [W, W, K],
    K = max(windows) + 1 (odd); for window w the taps c - w/2 + 1 .. c + w/2 (c = K // 2) are 1, so with
    padding c a convolution sums the w samples i - w/2 + 1 .. i + w/2 around frame i."""
    windows = [int(w) for w in windows]
    if any(w < 2 or w % 2 for w in windows):
        raise ValueError(f"windows must be even and >= 2: {windows}")
    k = max(windows) + 1
    c = k // 2
    k1 = np.zeros((len(windows), 1, k), dtype=np.float32)      # numpy, so the ONNX trace sees constants
    k2 = np.zeros((len(windows), len(windows), k), dtype=np.float32)
    for j, w in enumerate(windows):
        k1[j, 0, c - w // 2 + 1 : c + w // 2 + 1] = 1.0
        k2[j, j, c - w // 2 + 1 : c + w // 2 + 1] = 1.0
    return torch.from_numpy(k1), torch.from_numpy(k2)


def multiscale_features(x, scale, windows):
    """Scale-free window statistics (issue 11, lever 3): x [B, L, D] positions, scale [B, 1] (s) ->
    [B, 2 W, L]. With steps d_i = r_i - r_{i-1} (d_0 = 0), for each window w:

    * ``inst_w(i) = |sum_{k in win_w(i)} d_k|^2 / (n_w(i) s^2)``: the squared net displacement across the w
      steps centred at frame i (directedness), per step actually inside the track (n_w counts them, so the
      track ends are not biased);
    * ``msd_w(i) = sum_{j in win_w(i)} S_w(j) / (sum_{j in win_w(i)} n_w(j) s^2)`` with S_w the squared net
      displacement above: the local mean squared displacement at lag ~w per step (Brownian: constant in w;
      directed: grows like w; confined: falls like 1/w; subdiffusive: like w^(alpha - 1)).

    Both enter as log(value + 1e-4). Only box convolutions (Conv, constant kernels), Reshape, ReduceSum,
    Clip, Div and Log: no cumulative sums, no cancellation (sums of increments, never differences of
    large positions)."""
    b, length, dim = x.shape
    k1, k2 = window_kernels(windows)
    k1, k2 = k1.to(x.dtype), k2.to(x.dtype)
    if x.device.type != "cpu":                 # training on a GPU; the CPU trace (export) never takes this path
        k1, k2 = k1.to(x.device), k2.to(x.device)
    pad = max(int(w) for w in windows) // 2    # python int (a traced shape would be a tensor)
    nw = len(windows)
    zero = x[:, :1, :] * 0.0
    d = torch.cat([zero, x[:, 1:, :] - x[:, :-1, :]], dim=1)            # [B, L, D], d_0 = 0
    mask = torch.cat([zero[:, :, :1], d[:, 1:, :1] * 0.0 + 1.0], dim=1)  # [B, L, 1]: 0 at frame 0, else 1
    sums = F.conv1d(d.transpose(1, 2).reshape(-1, 1, length), k1, padding=pad)   # [B*D, W, L]
    s_w = (sums * sums).reshape(-1, dim, nw, length).sum(dim=1)                 # [B, W, L]
    n_w = F.conv1d(mask.transpose(1, 2), k1, padding=pad)                        # [B, W, L]
    s2 = (scale * scale).unsqueeze(-1)                                           # [B, 1, 1]
    inst = s_w / (torch.clamp(n_w, min=1.0) * s2)
    msd = F.conv1d(s_w, k2, padding=pad) / (torch.clamp(F.conv1d(n_w, k2, padding=pad), min=1.0) * s2)
    return torch.log(torch.cat([inst, msd], dim=1) + 1e-4)


def track_features(x, features="scaled", multiscale=()):
    """x: [B, L, D] positions -> [B, D + 2 (+ 2 W), L] features: ``scaled`` (default, see module doc) or
    ``raw`` (the paper's inputs: centred positions, SL and DP in the input's units, no scaling; kept only
    for the input comparison of compare_inputs.py, never exported). ``multiscale``: window sizes of the
    extra scale-free channels of ``multiscale_features`` (scaled features only)."""
    b = x.shape[0]
    centred = x - x[:, :1, :]
    d = x[:, 1:, :] - x[:, :-1, :]                       # [B, L-1, D]
    sl = torch.sqrt((d * d).sum(-1))                     # [B, L-1]
    zero1 = torch.zeros_like(x[:, :1, 0])                # [B, 1]
    sl_full = torch.cat([zero1, sl], dim=1)              # [B, L]
    dp = (d[:, :-1, :] * d[:, 1:, :]).sum(-1)            # [B, L-2] (empty when L < 3)
    dp_full = torch.cat([zero1, zero1, dp], dim=1)[:, : x.shape[1]]
    if features == "raw":
        feats = torch.cat([centred, sl_full.unsqueeze(-1), dp_full.unsqueeze(-1)], dim=-1)
        return feats.transpose(1, 2).contiguous()
    if features != "scaled":
        raise ValueError(f"unknown features {features!r}")
    srt, _ = torch.sort(sl_full, dim=1)
    half = x.shape[1] // 2
    scale = srt[:, half : half + 1].clamp(min=EPS)      # [B, 1]
    pos = centred / scale.unsqueeze(-1)
    feats = torch.cat([pos, (sl_full / scale).unsqueeze(-1), (dp_full / (scale * scale)).unsqueeze(-1)], dim=-1)
    feats = feats.transpose(1, 2)
    if multiscale:
        feats = torch.cat([feats, multiscale_features(x, scale, multiscale)], dim=1)
    return feats.contiguous()


class GroupNorm1d(nn.Module):
    """GroupNorm over [B, C, L]; exported with elementary ops so that the ONNX graph (opset 17) needs only
    Reshape, ReduceMean, Sub, Mul, Add, Sqrt and Div (torch's nn.GroupNorm exports InstanceNormalization).
    Training and evaluation in torch use F.group_norm (same function, fused kernel).

    The C channels are split into ``groups`` groups of C/groups consecutive channels; every sample and group
    is normalised by the mean and (biased) variance over its channels and all L frames,
    y = (x - mean) / sqrt(var + eps) * weight[c] + bias[c]. Statistics are per track, so unlike BatchNorm
    the output never depends on the other tracks of a batch nor on running averages (train = eval)."""

    def __init__(self, groups, channels, eps=1e-5):
        super().__init__()
        if channels % groups:
            raise ValueError(f"{channels} channels do not split into {groups} groups")
        self.groups, self.eps = groups, eps
        self.weight = nn.Parameter(torch.ones(channels))
        self.bias = nn.Parameter(torch.zeros(channels))

    def forward(self, x):
        if not torch.onnx.is_in_onnx_export():
            # Same function, torch's fused kernel: ~25 % faster training steps on the CPU than the ops below.
            return F.group_norm(x, self.groups, self.weight, self.bias, self.eps)
        b, c, length = x.shape
        g = x.reshape(b, self.groups, -1)                        # [B, G, C/G * L]
        mean = g.mean(dim=2, keepdim=True)
        cen = g - mean
        var = (cen * cen).mean(dim=2, keepdim=True)
        y = (cen / torch.sqrt(var + self.eps)).reshape(b, c, length)
        return y * self.weight.view(1, -1, 1) + self.bias.view(1, -1, 1)


def norm_layer(norm, channels, groups=8):
    """``batch``: BatchNorm1d (shipped models); ``group``: GroupNorm1d with min(groups, channels) groups."""
    if norm == "batch":
        return nn.BatchNorm1d(channels)
    if norm == "group":
        return GroupNorm1d(min(groups, channels), channels)
    raise ValueError(f"unknown norm {norm!r}")


class ConvBlock(nn.Module):
    def __init__(self, cin, cout, k, norm="batch", groups=8):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv1d(cin, cout, k, padding=k // 2, bias=False), norm_layer(norm, cout, groups),
            nn.ReLU(inplace=True),
            nn.Conv1d(cout, cout, k, padding=k // 2, bias=False), norm_layer(norm, cout, groups),
            nn.ReLU(inplace=True))

    def forward(self, x):
        return self.net(x)


class UNet1d(nn.Module):
    """Encoder: ``depth`` levels of ConvBlock + max-pool 2; bottleneck ConvBlock; decoder: nearest
    upsample 2 -> ConvBlock on concat(skip, up); 1x1 conv head to 4 logits. Channels c0 * 2^level capped
    at cmax. Input length must be a multiple of 2^depth (``SegModel`` pads)."""

    def __init__(self, cin, c0=32, depth=4, kernel=5, cmax=256, norm="batch", groups=8):
        super().__init__()
        ch = [min(c0 * 2 ** i, cmax) for i in range(depth + 1)]
        self.depth = depth
        self.enc = nn.ModuleList()
        c = cin
        for i in range(depth):
            self.enc.append(ConvBlock(c, ch[i], kernel, norm, groups))
            c = ch[i]
        self.mid = ConvBlock(c, ch[depth], kernel, norm, groups)
        self.dec = nn.ModuleList()
        c = ch[depth]
        for i in reversed(range(depth)):
            self.dec.append(ConvBlock(ch[i] + c, ch[i], kernel, norm, groups))
            c = ch[i]
        self.head = nn.Conv1d(c, NUM_CLASSES, 1)

    def forward(self, x):
        skips = []
        for blk in self.enc:
            x = blk(x)
            skips.append(x)
            x = F.max_pool1d(x, 2)
        x = self.mid(x)
        for blk in self.dec:
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
            x = blk(torch.cat([skips.pop(), x], dim=1))
        return self.head(x)


def pad_to_multiple(f, multiple):
    """Replicate-pad the last axis of f [B, C, L] at the end to a multiple of ``multiple``."""
    length = f.shape[2]
    pad = (multiple - length % multiple) % multiple
    last = f[:, :, -1:]
    return torch.cat([f, last.expand(-1, -1, pad)], dim=2)


class SegModel(nn.Module):
    """One ensemble member: positions [B, L, D] -> logits [B, L, 4]."""

    def __init__(self, dim, c0=32, depth=4, kernel=5, cmax=256, features="scaled", norm="batch", groups=8,
                 multiscale=()):
        super().__init__()
        self.config = dict(dim=dim, c0=c0, depth=depth, kernel=kernel, cmax=cmax)
        self.multiscale = tuple(int(w) for w in multiscale)
        if self.multiscale:                 # absent = no multi-scale channels (all shipped members)
            if features != "scaled":
                raise ValueError("multi-scale features need scaled inputs")
            self.config["multiscale"] = list(self.multiscale)
        if features != "scaled":
            self.config["features"] = features
        if norm != "batch":                 # absent = BatchNorm: configs of the shipped members stay valid
            self.config["norm"] = norm
            self.config["groups"] = groups
        self.features = features
        self.unet = UNet1d(dim + 2 + 2 * len(self.multiscale), c0, depth, kernel, cmax, norm, groups)
        self.multiple = 2 ** depth

    def logits_from_features(self, f):
        length = f.shape[2]
        out = self.unet(pad_to_multiple(f, self.multiple))
        return out[:, :, :length].transpose(1, 2)

    def forward(self, x):
        return self.logits_from_features(track_features(x, self.features, self.multiscale))


class Ensemble(nn.Module):
    """Calibrated ensemble: mean over members of softmax(logits / T(N)); positions [B, L, D] -> [B, L, 4].

    The temperature depends on the track length N = L (frames): log T(N) = a + b log N (``length_a``,
    ``length_b``; ``calibrate.py --length-temperature`` fits both on validation tracks). With b = 0 it is the
    single temperature T = e^a of the first ensembles. In the graph N is a ReduceSum of ones over the length
    axis and 1/T(N) = exp(-(a + b ln N)), so the export adds only Log and Exp."""

    def __init__(self, members, temperature=1.0, length_b=0.0):
        super().__init__()
        if any(m.features != "scaled" for m in members):
            raise ValueError("only members with scale-normalised inputs can be exported")
        if len({m.multiscale for m in members}) != 1:
            raise ValueError("all members must share the multi-scale windows (features are computed once)")
        self.multiscale = members[0].multiscale
        self.members = nn.ModuleList(members)
        self.register_buffer("length_a", torch.tensor(math.log(float(temperature)), dtype=torch.float32))
        self.register_buffer("length_b", torch.tensor(float(length_b), dtype=torch.float32))

    def inverse_temperature(self, x):
        """x [B, L, D] -> 1 / T(L) as [B, 1, 1]."""
        n = (x[:, :, :1] * 0.0 + 1.0).sum(dim=1, keepdim=True)          # [B, 1, 1] = L
        return torch.exp((self.length_a * -1.0) - self.length_b * torch.log(n))   # no Neg node

    def forward(self, x):
        f = track_features(x, multiscale=self.multiscale)
        inv_t = self.inverse_temperature(x)
        acc = None
        for m in self.members:
            p = torch.softmax(m.logits_from_features(f) * inv_t, dim=-1)
            acc = p if acc is None else acc + p
        return acc / len(self.members)


def count_parameters(model):
    return sum(p.numel() for p in model.parameters())


def build(config):
    return SegModel(**config)
