"""Training sets written by ``deepspt export-training`` (org.deepspt.npy.TrainingSetExporter).

A set directory holds ``positions.npy`` float32 [P, dim] (µm), ``labels.npy`` int8 [P] (0 normal,
1 directed, 2 confined, 3 subdiffusive), ``offsets.npy`` int64 [N+1] (track i = rows offsets[i]..offsets[i+1]-1)
and ``spec.json``. No padding anywhere: training batches are bucketed by length so BatchNorm never sees
padded frames, and evaluation batches group tracks of exactly equal length.
"""
import hashlib
import json
import os

import numpy as np


class TrackSet:
    def __init__(self, directory, mmap=False):
        self.directory = directory
        mode = "r" if mmap else None
        self.positions = np.load(os.path.join(directory, "positions.npy"), mmap_mode=mode)
        self.labels = np.load(os.path.join(directory, "labels.npy"), mmap_mode=mode)
        self.offsets = np.load(os.path.join(directory, "offsets.npy")).astype(np.int64)
        with open(os.path.join(directory, "spec.json"), encoding="utf-8") as f:
            self.spec = json.load(f)
        self.lengths = np.diff(self.offsets)
        self.dim = self.positions.shape[1]
        if self.offsets[0] != 0 or self.offsets[-1] != len(self.labels) or len(self.labels) != len(self.positions):
            raise ValueError(f"{directory}: offsets/positions/labels disagree "
                             f"({self.offsets[-1]} vs {len(self.labels)} vs {len(self.positions)})")
        if np.any(self.lengths < 1):
            raise ValueError(f"{directory}: empty track in offsets.npy")

    def __len__(self):
        return len(self.lengths)

    def describe(self):
        """Spec plus identity of the data, for manifests."""
        return {"directory": os.path.relpath(self.directory), "spec": self.spec,
                "spec_sha256": sha256_file(os.path.join(self.directory, "spec.json"))}

    def subset(self, count):
        """The first ``count`` tracks (a deterministic validation subset)."""
        return self.slice(0, count)

    def slice(self, start, stop):
        """Tracks start..stop-1 (clipped to the set) as a new TrackSet sharing the arrays."""
        start, stop = min(start, len(self)), min(stop, len(self))
        a, b = self.offsets[start], self.offsets[stop]
        sub = self.derived(self.positions[a:b], self.labels[a:b], self.offsets[start: stop + 1] - a)
        sub.first_track = start
        return sub

    def derived(self, positions, labels, offsets):
        """A TrackSet with this set's directory, spec and dimension and the given arrays."""
        sub = object.__new__(TrackSet)
        sub.directory, sub.spec, sub.dim = self.directory, self.spec, self.dim
        sub.positions, sub.labels, sub.offsets = positions, labels, offsets
        sub.lengths = np.diff(offsets)
        return sub

    def gather(self, idx, starts, length):
        """Windows of ``length`` frames: track idx[j] from point starts[j]. -> (pos [B,L,D], lab [B,L])."""
        rows = (self.offsets[idx] + starts)[:, None] + np.arange(length)[None, :]
        return np.ascontiguousarray(self.positions[rows], dtype=np.float32), self.labels[rows].astype(np.int64)


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def epoch_plan(lengths, seed, epoch, frames_per_batch=12800, max_batch=512, max_length=0):
    """Length-bucketed batches for one epoch, fully determined by (seed, epoch).

    Tracks are sorted by length (random tie-break), cut into consecutive groups; a group's crop length is
    its shortest track (capped at ``max_length`` if > 0), its size is frames_per_batch // crop length
    (at most max_batch). Batch order is shuffled. Returns a list of (track indices, crop length)."""
    rng = np.random.default_rng([seed, epoch, 7])
    order = np.lexsort((rng.random(len(lengths)), lengths))
    plan = []
    i = 0
    while i < len(order):
        crop = int(lengths[order[i]])
        if max_length > 0:
            crop = min(crop, max_length)
        size = int(max(1, min(max_batch, frames_per_batch // crop)))
        plan.append((order[i: i + size], crop))
        i += size
    perm = rng.permutation(len(plan))
    return [plan[j] for j in perm]


def random_rotations(rng, n, dim):
    """n random orthogonal matrices (rotations and reflections), [n, dim, dim]."""
    q, r = np.linalg.qr(rng.standard_normal((n, dim, dim)))
    return q * np.sign(np.diagonal(r, axis1=1, axis2=2))[:, None, :]


def make_batch(ts, plan_entry, seed, epoch, batch_index, augment=True):
    """Materialise one planned batch with random windows (and random rotations if ``augment``)."""
    idx, crop = plan_entry
    rng = np.random.default_rng([seed, epoch, batch_index, 11])
    starts = rng.integers(0, ts.lengths[idx] - crop + 1)
    pos, lab = ts.gather(idx, starts, crop)
    if augment:
        rot = random_rotations(rng, len(idx), ts.dim).astype(np.float32)
        pos = np.einsum("bld,bed->ble", pos - pos[:, :1, :], rot)
    return pos, lab


def eval_batches(ts, max_frames=65536, quantum=1):
    """Tracks grouped by equal length, no padding: yields (track indices, pos, lab).

    quantum = 1: whole tracks, exact lengths. quantum > 1: each track of length L >= quantum is cut to its
    first floor(L / quantum) * quantum points (at most quantum - 1 frames dropped per track), so far fewer,
    larger batches run; used for the fast per-epoch selection metric in train.py."""
    lengths = ts.lengths
    if quantum > 1:
        lengths = np.where(lengths >= quantum, lengths // quantum * quantum, lengths)
    order = np.argsort(lengths, kind="stable")
    sorted_len = lengths[order]
    bounds = np.flatnonzero(np.diff(sorted_len)) + 1
    for group in np.split(order, bounds):
        length = int(lengths[group[0]])
        size = max(1, max_frames // length)
        for k in range(0, len(group), size):
            idx = group[k: k + size]
            pos, lab = ts.gather(idx, np.zeros(len(idx), dtype=np.int64), length)
            yield idx, pos, lab
