"""Training one grouping and scoring it, per experiments.md ("Data handling", "Model", "Metrics").

  average_precision     AP exactly as sklearn's average_precision_score (ties = one threshold)
  BalancedSampler       source-balanced mini-batches (half promo, half ad by default)
  train_grouping        Adam on the masked loss; after every epoch, validation AP of the stream
                        heads; the best epoch's weights are kept; test AP per channel at the end.
                        With a Dist of several ranks (torch.distributed, DDP), every rank draws
                        the same global batches and trains on its shard of each (dist.shard); the
                        loss is normalised by the global batch's counts and batch norm uses the
                        global batch's statistics, so N processes take the same steps as one, up
                        to floating-point summation order.
"""

from __future__ import annotations

import copy
import math
import sys
import time
import zlib
from dataclasses import dataclass, field

import numpy as np
import torch

from torch.nn.parallel import DistributedDataParallel

from .data import AD, PROMO, Encoded
from .dist import Dist, all_reduce_cpu, chunk_bounds, gather_rows, shard
from .model import (
    SOURCES,
    Grouping,
    SharedBottom,
    kept_counts,
    label_columns,
    mask_matrix,
    masked_loss,
    sync_batch_norm,
)

# ---------------------------------------------------------------------------------------------
# Average precision


def average_precision(scores, labels) -> float | None:
    """AP = sum over thresholds n of (R_n - R_(n-1)) * P_n, R_0 = 0 (no interpolation).

    The thresholds are the distinct scores in descending order, so rows with tied scores form
    ONE threshold; at threshold n, P_n = TP_n / (TP_n + FP_n) and R_n = TP_n / #positives over
    the rows scoring >= it. This is sklearn's average_precision_score. Labels other than 0/1
    (e.g. 255 = missing) are left out. Returns None when there is no positive (the spec: report
    "undefined", never 0 or NaN); raises ValueError on a NaN score.
    """
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels)
    keep = (y == 0) | (y == 1)
    s, y = s[keep], y[keep].astype(np.int64)
    if np.isnan(s).any():
        raise ValueError("average_precision: NaN score")
    n_pos = int(y.sum())
    if n_pos == 0:
        return None
    order = np.argsort(s, kind="stable")[::-1]  # descending; order within ties is irrelevant
    s, y = s[order], y[order]
    # Last position of each run of equal scores (== so that inf ties and -0 == +0 as well).
    last = np.r_[np.nonzero(s[1:] != s[:-1])[0], len(s) - 1]
    tp = np.cumsum(y)[last]
    fp = (last + 1) - tp
    precision = tp / (tp + fp)
    recall = tp / n_pos
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


# ---------------------------------------------------------------------------------------------
# Sampling


class _RowStream:
    """An endless stream over `rows`: shuffled, drawn without replacement, reshuffled when
    exhausted, so within one pass every row is drawn exactly once."""

    def __init__(self, rows: np.ndarray, rng: np.random.Generator):
        self.order = rows.copy()
        self.rng = rng
        rng.shuffle(self.order)
        self.pos = 0

    def take(self, k: int) -> np.ndarray:
        out = np.empty(k, dtype=np.int64)
        filled = 0
        while filled < k:
            if self.pos == len(self.order):
                self.rng.shuffle(self.order)
                self.pos = 0
            m = min(k - filled, len(self.order) - self.pos)
            out[filled : filled + m] = self.order[self.pos : self.pos + m]
            self.pos += m
            filled += m
        return out


class BalancedSampler:
    """Mini-batches of batch_size rows. With rows of both sources and a numeric promo_share p,
    every batch holds round(batch_size * p) promo rows and the rest ad rows (the spec's
    source-balanced sampling; a small source is revisited more often). 'natural' or a single
    source: one pooled stream. One epoch = ceil(total rows / batch_size) batches (the app's
    definition, sampler.ts), so an epoch is "about one pass" over the training rows."""

    def __init__(self, promo, ad, batch_size: int, promo_share, rng: np.random.Generator):
        total = len(promo) + len(ad)
        if total == 0:
            raise ValueError("no training rows")
        self.batch_size = batch_size
        self.steps_per_epoch = math.ceil(total / batch_size)
        self.pooled = promo_share == "natural" or len(promo) == 0 or len(ad) == 0
        if self.pooled:
            self.stream = _RowStream(np.concatenate([promo, ad]), rng)
        else:
            self.n_promo = math.floor(batch_size * float(promo_share) + 0.5)
            self.promo = _RowStream(promo, rng)
            self.ad = _RowStream(ad, rng)

    def next(self) -> np.ndarray:
        if self.pooled:
            return self.stream.take(self.batch_size)
        return np.concatenate([self.promo.take(self.n_promo), self.ad.take(self.batch_size - self.n_promo)])


# ---------------------------------------------------------------------------------------------
# Training


@dataclass
class Recipe:
    """The training recipe; defaults are plain PyTorch (see twin.py --help). config.py maps the
    app's experiment config onto it."""

    embedding_init: str = "torch-default"
    embedding_scale: float | None = None
    embedding_dim: int = 8
    embedding_width: str = "fixed"  # or 'fourth-root' (model.embedding_widths)
    encoder_units: tuple[int, ...] = (128, 64)
    tower_units: tuple[int, ...] = (32,)
    bn_momentum: float = 0.9  # share of the running statistics kept per step (PyTorch's 0.1)
    dropout: float = 0.0
    min_count: int = 2
    max_multi_len: int = 8
    lr: float = 1e-3
    lr_schedule: str = "constant"  # or 'cosine' (scheduled_lr)
    adam_eps: float = 1e-8
    weight_decay: float = 0.0  # Adam's own (coupled, L2) decay on every parameter
    weight_decay_embeddings: float = 0.0  # decoupled (AdamW) decay of the embedding tables
    weight_decay_dense: float = 0.0  # decoupled decay of the dense kernels (not biases, not BN)
    epochs: int = 3
    patience: int | None = None
    batch_size: int = 512
    promo_share: float | str = 0.5
    train_fraction: float = 0.7
    val_fraction: float = 0.15
    task_weights: dict = field(default_factory=dict)  # lambda_t, default 1

    @staticmethod
    def from_json(d: dict) -> "Recipe":
        known = set(Recipe.__dataclass_fields__)
        unknown = set(d) - known
        if unknown:
            raise ValueError(f"unknown recipe keys: {', '.join(sorted(unknown))}")
        r = Recipe(**d)
        r.encoder_units = tuple(r.encoder_units)
        r.tower_units = tuple(r.tower_units)
        return r


def scheduled_lr(recipe: "Recipe", done: int, total: int) -> float:
    """The rate for the step after `done` of `total` steps: constant, or cosine decay
    lr (1 + cos(pi done / total)) / 2 from lr towards 0 (the app's scheduledRate)."""
    if recipe.lr_schedule == "constant" or total <= 0:
        return recipe.lr
    if recipe.lr_schedule != "cosine":
        raise ValueError(f"unknown lr_schedule {recipe.lr_schedule!r}")
    return recipe.lr * (1 + math.cos(math.pi * min(done, total) / total)) / 2


def decayed_parameters(model: SharedBottom, recipe: "Recipe") -> list[tuple[torch.Tensor, float]]:
    """(parameter, rate) for decoupled weight decay: embedding tables at weight_decay_embeddings,
    dense kernels (Linear weights) at weight_decay_dense; biases and batch norm never decay."""
    out = []
    for m in model.modules():
        if isinstance(m, torch.nn.Embedding) and recipe.weight_decay_embeddings > 0:
            out.append((m.weight, recipe.weight_decay_embeddings))
        elif isinstance(m, torch.nn.Linear) and recipe.weight_decay_dense > 0:
            out.append((m.weight, recipe.weight_decay_dense))
    return out


class Tensors:
    """The encoded dataset as torch tensors (on the CPU), gathered per batch by row index and moved
    to `device` (a GPU under NCCL)."""

    def __init__(self, enc: Encoded, device: torch.device = torch.device("cpu")):
        self.device = device
        self.cat = torch.from_numpy(enc.cat)
        self.multi_idx = torch.from_numpy(enc.multi_idx)
        self.multi_w = torch.from_numpy(enc.multi_w)
        self.num = torch.from_numpy(enc.num)
        self.y = torch.from_numpy(enc.y)
        self.present = torch.from_numpy(enc.present)
        self.source = torch.from_numpy(enc.source.astype(np.int64))

    def inputs(self, rows: torch.Tensor):
        d = self.device
        return self.cat[rows].to(d), self.multi_idx[rows].to(d), self.multi_w[rows].to(d), self.num[rows].to(d)

    def targets(self, rows: torch.Tensor, cols: torch.Tensor):
        """(y, present, source) of `rows` for the head label columns `cols`."""
        d = self.device
        return self.y[rows][:, cols].to(d), self.present[rows][:, cols].to(d), self.source[rows].to(d)


def predict(
    model: SharedBottom, t: Tensors, rows: np.ndarray, d: Dist | None = None, chunk: int = 8192
) -> dict[str, np.ndarray]:
    """p_t = sigmoid(logit_t) per head for every row of `rows`, float32 like the app's scores,
    batch norm in eval mode (running statistics). With several ranks each predicts its
    contiguous chunk of `rows` and every rank gets all of them (dist.gather_rows)."""
    d = d or Dist()
    start, end = chunk_bounds(len(rows), d.rank, d.world)
    mine = rows[start:end]
    model.eval()
    out = []
    with torch.no_grad():
        for k in range(0, len(mine), chunk):
            r = torch.from_numpy(mine[k : k + chunk])
            out.append(torch.sigmoid(model(*t.inputs(r))))
    local = torch.cat(out) if out else torch.zeros((0, len(model.heads)), device=t.device)
    p = gather_rows(local, len(rows), d).cpu().numpy().astype(np.float32)
    return {h: p[:, i] for i, h in enumerate(model.heads)}


def channel_aps(g: Grouping, enc: Encoded, rows: np.ndarray, scores: dict, channels) -> dict:
    """AP of each channel's rows of `rows` by that channel's scoring head, on the stream label."""
    out = {}
    for ch in channels:
        head = g.scoring_head(ch)
        if head is None:
            out[ch] = None
            continue
        code = PROMO if ch == "promo" else AD
        sel = enc.source[rows] == code
        labels = np.where(enc.present[rows, 0] > 0, enc.y[rows, 0], 255)
        out[ch] = average_precision(scores[head][sel], labels[sel])
    return out


def selection_score(aps: dict) -> float | None:
    """Mean of the defined channel APs (the grouping's stream heads), None when none is."""
    vals = [v for v in aps.values() if v is not None]
    return sum(vals) / len(vals) if vals else None


def train_grouping(
    enc: Encoded, t: Tensors, g: Grouping, recipe: Recipe, seed: int, log=None, d: Dist | None = None
) -> dict:
    """Trains g with `seed` and returns its history, best epoch, test AP per channel and the test
    scores per head (`test_scores`, float32 in enc.split.test order).

    Model selection (the spec: "early stopping and model selection on validation AP of the
    stream heads"), as the app does it (runner.ts / trainer.ts): after each epoch, score =
    mean over the channels g trains on of the validation AP of that channel's scoring head; an
    epoch is best when its score beats every earlier one (strictly); with a patience, training
    stops after that many epochs without a better score; the best epoch's weights (batch-norm
    running statistics included) are restored. Without patience every epoch runs.

    Distributed (d.world > 1): the model is wrapped in DDP; every rank seeds alike, so all draw
    the same global batches, and each trains on dist.shard of it. Scores come from every rank's
    chunk (predict), so every rank computes the same validation AP and takes the same decisions.
    """
    d = d or Dist()
    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    # Seeded per grouping, so a grouping's numbers do not depend on which others ran before it.
    torch.manual_seed(seed)
    rng = np.random.default_rng([seed, zlib.crc32(g.id.encode())])
    model = SharedBottom(
        enc.cat_sizes,
        enc.multi_sizes,
        enc.multi_slots,
        enc.num.shape[1],
        g.heads,
        embedding_dim=recipe.embedding_dim,
        encoder_units=recipe.encoder_units,
        tower_units=recipe.tower_units,
        embedding_init=recipe.embedding_init,
        embedding_scale=recipe.embedding_scale,
        embedding_width=recipe.embedding_width,
        bn_momentum=recipe.bn_momentum,
        dropout=recipe.dropout,
    ).to(d.device)
    trained: torch.nn.Module = model
    if d.world > 1:
        sync_batch_norm(model, d.bn_group)
        # Buffers (batch-norm running statistics) are computed from the same global statistics on
        # every rank, so there is nothing to broadcast.
        trained = DistributedDataParallel(
            model,
            device_ids=[d.local_rank] if d.device.type == "cuda" else None,
            broadcast_buffers=False,
        )
    opt = torch.optim.Adam(
        model.parameters(), lr=recipe.lr, eps=recipe.adam_eps, weight_decay=recipe.weight_decay
    )
    decayed = decayed_parameters(model, recipe)
    mask = mask_matrix(g).to(d.device)
    cols = torch.tensor(label_columns(g))
    weights = torch.tensor([float(recipe.task_weights.get(h, 1.0)) for h in g.heads]).to(d.device)
    train = enc.split.train
    by_source = {
        s: (train[enc.source[train] == code] if s in g.trains_on else np.zeros(0, np.int64))
        for code, s in enumerate(SOURCES)
    }
    sampler = BalancedSampler(by_source["promo"], by_source["ad"], recipe.batch_size, recipe.promo_share, rng)
    if recipe.batch_size < d.world:
        raise ValueError(f"batch size {recipe.batch_size} < {d.world} processes: a rank would get no rows")
    val = enc.split.val
    history = []
    best_score, best_epoch, best_state, since_best = -math.inf, 0, None, 0
    total_steps = recipe.epochs * sampler.steps_per_epoch
    done = 0
    for epoch in range(1, recipe.epochs + 1):
        t0 = time.perf_counter()
        model.train()
        loss_sum = torch.zeros(len(g.heads), device=d.device)
        for _ in range(sampler.steps_per_epoch):
            global_rows = torch.from_numpy(sampler.next())
            rows = shard(global_rows, d.rank, d.world)
            y, present, source = t.targets(rows, cols)
            # The global batch's counts: every rank has its rows, so no communication is needed.
            kept = kept_counts(*t.targets(global_rows, cols)[1:], mask) if d.world > 1 else None
            logits = trained(*t.inputs(rows))
            loss, per_task = masked_loss(logits, y, present, source, mask, weights, kept)
            lr = scheduled_lr(recipe, done, total_steps)
            for group in opt.param_groups:
                group["lr"] = lr
            opt.zero_grad(set_to_none=True)
            # DDP averages gradients over ranks; each shard's loss is its share of the global
            # loss, so scaling by world makes the average the gradient of the global loss.
            (loss * d.world).backward()
            opt.step()
            with torch.no_grad():
                for p, rate in decayed:
                    p.mul_(1 - lr * rate)  # decoupled (AdamW) decay after the Adam update
            loss_sum += per_task.detach()
            done += 1
        loss_sum = all_reduce_cpu(loss_sum.cpu(), d)
        if not torch.isfinite(loss_sum).all():
            raise FloatingPointError(f"{g.id}: training diverged (loss {loss_sum.tolist()})")
        aps = channel_aps(g, enc, val, predict(model, t, val, d), g.trains_on)
        score = selection_score(aps)
        history.append(
            {
                "epoch": epoch,
                "train_loss": dict(zip(g.heads, (loss_sum / sampler.steps_per_epoch).tolist())),
                "val_ap": aps,
                "seconds": round(time.perf_counter() - t0, 2),
            }
        )
        fmt = lambda x: "n/a" if x is None else f"{x:.4f}"  # noqa: E731
        log(
            f"  {g.id} seed {seed} epoch {epoch}: val AP "
            + " ".join(f"{c} {fmt(a)}" for c, a in aps.items())
            + f" ({time.perf_counter() - t0:.1f} s)"
        )
        if score is not None and score > best_score:
            best_score, best_epoch, since_best = score, epoch, 0
            best_state = copy.deepcopy(model.state_dict())
        elif score is not None:
            since_best += 1
            if recipe.patience is not None and since_best >= recipe.patience:
                break
    if best_state is not None:
        model.load_state_dict(best_state)
    else:
        best_epoch = len(history)  # nothing ever scored: keep the last epoch's weights
    test = enc.split.test
    test_scores = predict(model, t, test, d)
    test_ap = channel_aps(g, enc, test, test_scores, SOURCES)
    return {"best_epoch": best_epoch, "history": history, "test_ap": test_ap, "test_scores": test_scores}
