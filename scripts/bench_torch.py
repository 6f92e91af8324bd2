#!/usr/bin/env python3
"""PyTorch twin of src/ml's training step (model.ts, loss.ts, step.ts), timed for `npm run bench`.

Usage: bench_torch.py DIR, where DIR was written by scripts/bench-torch.ts (meta.json and raw
little-endian .bin arrays). Prints one JSON object on stdout. Needs only torch and numpy.
Losses are in nats; times in seconds (perf_counter) and milliseconds (msPerStep).
"""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def load(d, meta):
    """The encoded dataset as torch tensors, resident for the whole run (one copy, no per-step I/O)."""
    n = meta["n"]

    def arr(name, dtype, width):
        a = np.fromfile(os.path.join(d, name + ".bin"), dtype=dtype)
        if a.size != n * width:
            raise ValueError(f"{name}.bin: {a.size} values, expected {n} x {width}")
        return torch.from_numpy(a.reshape(n, width))

    # int64 indices once up front: F.embedding and index_select take them without a per-step cast.
    return {
        "cat": arr("catCodes", "<i4", len(meta["categorical"])).long(),
        "mcodes": arr("multiCodes", "<i4", meta["multiWidth"]).long(),
        "mweights": arr("multiWeights", "<f4", meta["multiWidth"]),
        "num": arr("numericValues", "<f4", meta["numericWidth"]),
        "labels": arr("labels", "<f4", 4),
        "present": arr("labelPresent", "<f4", 4),
        "source": arr("source", "u1", 1).long().reshape(n),
    }


class SharedBottom(nn.Module):
    """model.ts createModel: embeddings -> [Linear(no bias) -> BN -> ReLU]* -> one tower per head."""

    def __init__(self, meta):
        super().__init__()
        cfg = meta["model"]
        self.cat_n = len(meta["categorical"])
        self.multi = [(m["offset"], m["maxLen"]) for m in meta["multi"]]
        self.numeric_width = meta["numericWidth"]
        cols = meta["categorical"] + meta["multi"]
        # Same initial distributions as model.ts (values differ): tables as the config's recipe
        # (normal N(0, scale^2) or uniform U(-scale, scale)), kernels Glorot uniform, biases and
        # BN beta 0, BN gamma 1.
        scale = cfg["embeddingScale"]

        def table(c):
            t = torch.empty(c["vocabSize"], c["dim"])
            return t.normal_(0, scale) if cfg["embeddingInit"] == "normal" else t.uniform_(-scale, scale)

        self.tables = nn.ParameterList(nn.Parameter(table(c)) for c in cols)
        width = sum(c["dim"] for c in cols) + self.numeric_width
        layers = []
        for units in cfg["encoderUnits"]:
            lin = nn.Linear(width, units, bias=False)
            nn.init.xavier_uniform_(lin.weight)
            # Keras momentum 0.99 keeps 0.99 of the old statistic; torch's momentum is the new share.
            bn = nn.BatchNorm1d(units, eps=meta["bnEpsilon"], momentum=1 - meta["bnMomentum"])
            layers += [lin, bn, nn.ReLU()]
            width = units
        self.encoder = nn.Sequential(*layers)
        self.towers = nn.ModuleList()
        for _ in meta["heads"]:
            mods, w = [], width
            for units in cfg["towerUnits"] + [1]:
                lin = nn.Linear(w, units)
                nn.init.xavier_uniform_(lin.weight)
                nn.init.zeros_(lin.bias)
                mods += [lin, nn.ReLU()]
                w = units
            self.towers.append(nn.Sequential(*mods[:-1]))  # no ReLU on the logit

    def forward(self, cat, mcodes, mweights, num):
        # Concat order as model.ts features(): categorical, multi (weighted sums), numeric.
        parts = [F.embedding(cat[:, j], self.tables[j]) for j in range(self.cat_n)]
        for j, (off, length) in enumerate(self.multi):
            vecs = F.embedding(mcodes[:, off : off + length], self.tables[self.cat_n + j])  # [B, L, d]
            parts.append((vecs * mweights[:, off : off + length].unsqueeze(2)).sum(1))
        if self.numeric_width > 0:
            parts.append(num)
        z = self.encoder(torch.cat(parts, 1))
        return torch.cat([t(z) for t in self.towers], 1)  # [B, heads] logits


def run_row(meta, data, batches, threads, batch_size):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = SharedBottom(meta)
    model.train()  # BN on batch mean and biased batch variance, as tf.moments
    params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.Adam(model.parameters(), lr=meta["learningRate"], betas=(0.9, 0.999), eps=meta["adamEpsilon"])
    cols = torch.tensor(meta["labelColumns"], dtype=torch.long)
    mask = torch.tensor(meta["lossMask"], dtype=torch.float32)  # [2, heads]: row 0 promo, 1 ad
    weights = torch.tensor(meta["taskWeights"], dtype=torch.float32)

    def step(idx):
        src = data["source"].index_select(0, idx)
        keep = mask.index_select(0, src) * data["present"].index_select(0, idx).index_select(1, cols)
        kept = keep.sum(0)
        active = (kept > 0).tolist()
        if not any(active):
            return None  # step.ts: nothing at all is updated, BN statistics included
        y = data["labels"].index_select(0, idx).index_select(1, cols)
        logits = model(*(data[k].index_select(0, idx) for k in ("cat", "mcodes", "mweights", "num")))
        bce = F.binary_cross_entropy_with_logits(logits, y, reduction="none")
        total = ((keep * bce).sum(0) / kept.clamp(min=1) * weights).sum()
        opt.zero_grad(set_to_none=True)  # torch 1.13's default keeps zero tensors, which Adam would use
        total.backward()
        # A head with no kept rows is outside the loss graph in step.ts: no gradient, so Adam skips it.
        for tower, a in zip(model.towers, active):
            if not a:
                for p in tower.parameters():
                    p.grad = None
        opt.step()
        return total

    warmup, steps = meta["warmup"], meta["steps"]
    first = last = None
    for i in range(warmup):
        loss = step(batches[i])
        if i == 0 and loss is not None:
            first = loss.item()
    t0 = time.perf_counter()
    for i in range(warmup, warmup + steps):
        loss = step(batches[i])
    seconds = time.perf_counter() - t0  # CPU backend: every op has finished when step() returns
    last = loss.item() if loss is not None else None
    sps = steps / seconds
    return {
        "threads": threads,
        "batchSize": batch_size,
        "params": params,
        "stepsPerSec": sps,
        "impressionsPerSec": sps * batch_size,
        "msPerStep": 1000 * seconds / steps,
        "firstLoss": first,
        "lastLoss": last,
    }


def blas_library():
    """The BLAS shared object torch's matmuls go through (Debian's alternatives pick it)."""
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
        return ", ".join(sorted({os.path.realpath(p) for p in libs})) or "none mapped"
    except OSError:
        return "unknown"


def parallel_info():
    keep = ("ATen parallel backend", "hardware_concurrency", "MKL", "OpenMP")
    lines = [ln.strip() for ln in torch.__config__.parallel_info().splitlines()]
    return "; ".join([ln for ln in lines if ln.startswith(keep)] + [f"BLAS: {blas_library()}"])


def main():
    d = sys.argv[1]
    with open(os.path.join(d, "meta.json")) as f:
        meta = json.load(f)
    torch.set_num_interop_threads(1)  # must precede any parallel work
    data = load(d, meta)
    n_steps = meta["warmup"] + meta["steps"]
    rows = []
    for threads in meta["threads"]:
        for b in meta["batchSizes"]:
            idx = np.fromfile(os.path.join(d, f"batches_{b}.bin"), dtype="<i4").reshape(n_steps, b)
            batches = torch.from_numpy(idx).long()
            rows.append(run_row(meta, data, batches, threads, b))
    out = {"torchVersion": torch.__version__, "numpyVersion": np.__version__}
    out.update({"parallelInfo": parallel_info(), "rows": rows})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
