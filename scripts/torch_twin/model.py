"""The spec's groupings, the shared-bottom model and the masked multi-task loss, in plain PyTorch.

Spec: /work/shared/spec/experiments.md, "Tasks (heads) and their labels", "Task groupings" and
"Model". Notation: s(x) in {promo, ad} is a row's source, m[s][t] the loss mask, y_t the label of
task t, p_t = sigmoid(logit_t).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn
import torch.nn.functional as F

from .data import LABELS

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


def masked_loss(
    logits: torch.Tensor,
    y: torch.Tensor,
    present: torch.Tensor,
    source: torch.Tensor,
    mask: torch.Tensor,
    weights: torch.Tensor,
) -> tuple[torch.Tensor, torch.Tensor]:
    """L = sum_t lambda_t * L_t, L_t = sum_x k_t(x) BCE(y_t(x), p_t(x)) / max(1, sum_x k_t(x)),

    with k_t(x) = m[s(x)][t] * present_t(x): the mean BCE over the rows the mask keeps and whose
    label is observed (a missing label adds no loss; a head with no kept rows has L_t = 0).
    logits, y, present: [B, H] in head order; source: int64 [B]; mask: [2, H]; weights: [H].
    Returns (L, [L_t]).
    """
    keep = mask[source] * present
    bce = F.binary_cross_entropy_with_logits(logits, y, reduction="none")
    per_task = (keep * bce).sum(0) / keep.sum(0).clamp(min=1.0)
    return (weights * per_task).sum(), per_task


class SharedBottom(nn.Module):
    """x = [E_1[c_1], ..., E_C[c_C], sum_k w_k M_j[code_k] per multi column j, numeric]
    z = encoder(x), per layer ReLU(BatchNorm1d(Linear(x)))
    logit_t = tower_t(z), per hidden layer ReLU(Linear), then Linear -> 1.

    Every embedding has the same width (recipe embedding_dim). Dense layers keep PyTorch's
    default initialisation and biases (the spec does not ask for anything else).
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
    ):
        super().__init__()
        self.heads = heads
        self.multi_slots = multi_slots
        self.cat_emb = nn.ModuleList(nn.Embedding(v, embedding_dim) for v in cat_sizes)
        self.multi_emb = nn.ModuleList(nn.Embedding(v, embedding_dim) for v in multi_sizes)
        for e in [*self.cat_emb, *self.multi_emb]:
            init_embedding(e.weight, embedding_init, embedding_scale)
        width = embedding_dim * (len(cat_sizes) + len(multi_sizes)) + num_width
        layers: list[nn.Module] = []
        for units in encoder_units:
            layers += [nn.Linear(width, units), nn.BatchNorm1d(units), nn.ReLU()]
            width = units
        self.encoder = nn.Sequential(*layers)
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
        return torch.cat([t(z) for t in self.towers], dim=1)


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
