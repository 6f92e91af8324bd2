"""The spec's groupings, the shared-bottom model and the masked multi-task loss, in plain PyTorch.

Spec: /work/shared/spec/experiments.md, "Tasks (heads) and their labels", "Task groupings" and
"Model". Notation: s(x) in {promo, ad} is a row's source, m[s][t] the loss mask, y_t the label of
task t, p_t = sigmoid(logit_t).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn
import torch.nn.functional as F

from .data import LABELS
from .dist import all_reduce_sum

TASKS = ("promo_stream", "ad_stream", "click", "like", "follow")
#: Which label column each task learns from.
TASK_LABEL = {
    "promo_stream": "stream",
    "ad_stream": "stream",
    "click": "click",
    "like": "like",
    "follow": "follow",
}
SOURCES = ("promo", "ad")  # index = source code (data.PROMO = 0, data.AD = 1)
_ANC = ("click", "like", "follow")


@dataclass(frozen=True)
class Grouping:
    id: str
    trains_on: tuple[str, ...]
    heads: tuple[str, ...]

    def mask(self) -> dict[str, dict[str, int]]:
        """m[s][t]: the spec's table. promo_stream learns from promo rows only
        (m[ad][promo_stream] = 0); ad_stream, click, like and follow from both sources. Rows of a
        source the grouping does not train on are never sampled, so their mask entry is moot."""
        return {
            s: {t: 0 if (s == "ad" and t == "promo_stream") else 1 for t in self.heads}
            for s in SOURCES
        }

    def scoring_head(self, channel: str) -> str | None:
        """Scoring across channels: promotions by promo_stream, else ad_stream; ads by
        ad_stream, else promo_stream."""
        own, other = ("promo_stream", "ad_stream") if channel == "promo" else ("ad_stream", "promo_stream")
        if own in self.heads:
            return own
        return other if other in self.heads else None


GROUPINGS = {
    g.id: g
    for g in (
        Grouping("promo-mtl", ("promo",), ("promo_stream", *_ANC)),
        Grouping("promo-stream", ("promo",), ("promo_stream",)),
        Grouping("ads-stream", ("ad",), ("ad_stream",)),
        Grouping("ads-anc", ("ad",), ("ad_stream", *_ANC)),
        Grouping("joint-5task", ("promo", "ad"), TASKS),
        Grouping("ads-stream-pooled", ("promo", "ad"), ("ad_stream",)),
    )
}


def mask_matrix(g: Grouping) -> torch.Tensor:
    """m as a float [2, heads] tensor: row 0 promo, row 1 ad, columns in g.heads order."""
    m = g.mask()
    return torch.tensor([[float(m[s][t]) for t in g.heads] for s in SOURCES])


def label_columns(g: Grouping) -> list[int]:
    """Column of Encoded.y that each head of g learns from."""
    return [LABELS.index(TASK_LABEL[t]) for t in g.heads]


def kept_counts(present: torch.Tensor, source: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """sum_x k_t(x) per head over a batch (see masked_loss): [H]."""
    return (mask[source] * present).sum(0)


def masked_loss(
    logits: torch.Tensor,
    y: torch.Tensor,
    present: torch.Tensor,
    source: torch.Tensor,
    mask: torch.Tensor,
    weights: torch.Tensor,
    kept: torch.Tensor | None = None,
) -> tuple[torch.Tensor, torch.Tensor]:
    """L = sum_t lambda_t * L_t, L_t = sum_x k_t(x) BCE(y_t(x), p_t(x)) / max(1, sum_x k_t(x)),

    with k_t(x) = m[s(x)][t] * present_t(x): the mean BCE over the rows the mask keeps and whose
    label is observed (a missing label adds no loss; a head with no kept rows has L_t = 0).
    logits, y, present: [B, H] in head order; source: int64 [B]; mask: [2, H]; weights: [H].
    `kept`: the denominators sum_x k_t(x) over the GLOBAL batch when this batch is one rank's
    shard of it (kept_counts of the global batch); then the shards' L add up to the global L.
    Default: this batch's own counts. Returns (L, [L_t]).
    """
    keep = mask[source] * present
    bce = F.binary_cross_entropy_with_logits(logits, y, reduction="none")
    denom = keep.sum(0) if kept is None else kept
    per_task = (keep * bce).sum(0) / denom.clamp(min=1.0)
    return (weights * per_task).sum(), per_task


class BatchNorm(nn.BatchNorm1d):
    """nn.BatchNorm1d whose training statistics can span every rank's shard of the batch.

    With `group` None (one process) it is nn.BatchNorm1d. With a process group, the batch mean
    mu = sum_r sum_x x / sum_r n_r and the biased variance sigma^2 = sum_r sum_x (x - mu)^2 / n
    are all-reduced (two passes, so no E[x^2] - mu^2 cancellation), gradients flow through the
    all-reduce, and y = gamma (x - mu) / sqrt(sigma^2 + eps) + beta is what one process would
    compute on the whole batch. The running statistics move as PyTorch's: r <- (1 - momentum) r +
    momentum s, with the unbiased variance n / (n - 1) sigma^2. (nn.SyncBatchNorm needs CUDA in
    torch 1.13, and the gloo backend runs on CPU.)
    """

    group = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.group is None:
            return super().forward(x)
        n = all_reduce_sum(x.new_tensor([float(x.shape[0])]), self.group)
        mean = all_reduce_sum(x.sum(0), self.group) / n
        centred = x - mean
        var = all_reduce_sum((centred * centred).sum(0), self.group) / n
        with torch.no_grad():
            m, count = self.momentum, float(n.item())
            self.running_mean.mul_(1 - m).add_(m * mean.detach())
            unbiased = var.detach() * (count / (count - 1) if count > 1 else 1.0)
            self.running_var.mul_(1 - m).add_(m * unbiased)
            self.num_batches_tracked.add_(1)
        return centred / torch.sqrt(var + self.eps) * self.weight + self.bias


def sync_batch_norm(model: nn.Module, group) -> None:
    """Makes every BatchNorm of `model` use global-batch statistics over `group`."""
    for m in model.modules():
        if isinstance(m, BatchNorm):
            m.group = group


def embedding_widths(sizes: list[int], dim: int, rule: str) -> list[int]:
    """'fixed': dim for every column; 'fourth-root': min(dim, ceil(6 V^(1/4))) for a vocabulary of
    V ids (out-of-vocabulary index included), the app's embeddingDimFor."""
    if rule == "fixed":
        return [max(1, dim) for _ in sizes]
    if rule == "fourth-root":
        return [max(1, min(dim, math.ceil(6 * v**0.25))) for v in sizes]
    raise ValueError(f"unknown embedding width rule {rule!r}")


class SharedBottom(nn.Module):
    """x = [E_1[c_1], ..., E_C[c_C], sum_k w_k M_j[code_k] per multi column j, numeric]
    z = encoder(x), per layer ReLU(BatchNorm1d(Linear(x)))
    logit_t = tower_t(z), per hidden layer ReLU(Linear), then Linear -> 1.

    Embedding widths follow the recipe's width rule (embedding_widths). Dense layers keep
    PyTorch's default initialisation and biases (the spec does not ask for anything else).
    Batch norm keeps bn_momentum of its running statistics per step (the app's bnMomentum, PyTorch's
    momentum = 1 - bn_momentum). Dropout at `dropout` (inverted, training only) acts on z, drawn
    separately for each tower, as the app does.
    """

    def __init__(
        self,
        cat_sizes: list[int],
        multi_sizes: list[int],
        multi_slots: list[tuple[int, int]],
        num_width: int,
        heads: tuple[str, ...],
        embedding_dim: int = 8,
        encoder_units: tuple[int, ...] = (128, 64),
        tower_units: tuple[int, ...] = (32,),
        embedding_init: str = "torch-default",
        embedding_scale: float | None = None,
        embedding_width: str = "fixed",
        bn_momentum: float = 0.9,
        dropout: float = 0.0,
    ):
        super().__init__()
        self.heads = heads
        self.multi_slots = multi_slots
        cat_dims = embedding_widths(cat_sizes, embedding_dim, embedding_width)
        multi_dims = embedding_widths(multi_sizes, embedding_dim, embedding_width)
        self.cat_emb = nn.ModuleList(nn.Embedding(v, d) for v, d in zip(cat_sizes, cat_dims))
        self.multi_emb = nn.ModuleList(nn.Embedding(v, d) for v, d in zip(multi_sizes, multi_dims))
        for e in [*self.cat_emb, *self.multi_emb]:
            init_embedding(e.weight, embedding_init, embedding_scale)
        width = sum(cat_dims) + sum(multi_dims) + num_width
        layers: list[nn.Module] = []
        for units in encoder_units:
            layers += [nn.Linear(width, units), BatchNorm(units, momentum=round(1 - bn_momentum, 12)), nn.ReLU()]
            width = units
        self.encoder = nn.Sequential(*layers)
        self.dropout = nn.Dropout(dropout) if dropout > 0 else None
        self.towers = nn.ModuleList()
        for _ in heads:
            tower: list[nn.Module] = []
            w = width
            for units in tower_units:
                tower += [nn.Linear(w, units), nn.ReLU()]
                w = units
            tower.append(nn.Linear(w, 1))
            self.towers.append(nn.Sequential(*tower))

    def forward(self, cat, multi_idx, multi_w, num) -> torch.Tensor:
        """Logits [B, heads]."""
        parts = [e(cat[:, j]) for j, e in enumerate(self.cat_emb)]
        for e, (offset, length) in zip(self.multi_emb, self.multi_slots):
            idx = multi_idx[:, offset : offset + length]
            w = multi_w[:, offset : offset + length]
            # Weighted sum with weights 1/k on the k filled slots = mean of the row's embeddings.
            parts.append((e(idx) * w.unsqueeze(-1)).sum(1))
        parts.append(num)
        z = self.encoder(torch.cat(parts, dim=1))
        drop = self.dropout or (lambda v: v)
        return torch.cat([t(drop(z)) for t in self.towers], dim=1)


def init_embedding(weight: torch.Tensor, how: str, scale: float | None) -> None:
    """'torch-default': N(0, 1), nn.Embedding's own default (scale must be unset);
    'uniform': U(-scale, scale), scale default 0.05 (Keras's default);
    'normal': N(0, scale^2), scale default 0.05."""
    with torch.no_grad():
        if how == "torch-default":
            if scale is not None:
                raise ValueError("embedding_scale applies to 'uniform' and 'normal' only")
            weight.normal_(0.0, 1.0)
        elif how == "uniform":
            weight.uniform_(-(scale or 0.05), scale or 0.05)
        elif how == "normal":
            weight.normal_(0.0, scale or 0.05)
        else:
            raise ValueError(f"unknown embedding_init {how!r}")
