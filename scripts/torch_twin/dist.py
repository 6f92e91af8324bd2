"""The process layout of a torch.distributed run, and the few collectives the trainer needs.

One process per rank (torchrun / `python3 -m torch.distributed.run` sets RANK, WORLD_SIZE,
LOCAL_RANK). Every rank reads the same file and builds the same split, vocabularies and sampler
stream, so the only things that cross processes are: DDP's gradient all-reduce, the batch-norm
statistics of the global batch (model.BatchNorm), and the scores of validation and test rows
(gather_rows), which each rank predicts for one contiguous chunk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import torch
import torch.distributed as dist


@dataclass
class Dist:
    """rank / world of this process; `bn_group` carries batch-norm statistics, `gather_group` the
    scores (separate groups, so their collectives never interleave with DDP's gradient buckets)."""

    rank: int = 0
    world: int = 1
    local_rank: int = 0
    device: torch.device = torch.device("cpu")
    bn_group: object = None
    gather_group: object = None

    @property
    def is_main(self) -> bool:
        return self.rank == 0


def init_from_env(backend: str | None = None) -> Dist:
    """Joins the process group torchrun describes in the environment; a plain `python3 -m ...`
    or a one-process torchrun runs without any process group. backend: 'gloo' (CPU) or 'nccl' (one GPU
    per process, cuda:LOCAL_RANK); default nccl when CUDA is available, else gloo."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    backend = backend or ("nccl" if torch.cuda.is_available() else "gloo")
    device = torch.device(f"cuda:{local_rank}") if backend == "nccl" else torch.device("cpu")
    if backend == "nccl":
        torch.cuda.set_device(device)
    if world == 1:
        return Dist(device=device)
    dist.init_process_group(backend=backend)
    return Dist(
        rank=dist.get_rank(),
        world=dist.get_world_size(),
        local_rank=local_rank,
        device=device,
        bn_group=dist.new_group(backend=backend),
        gather_group=dist.new_group(backend=backend),
    )


def shutdown(d: Dist) -> None:
    if d.world > 1 or dist.is_initialized():
        dist.destroy_process_group()


def shard(global_rows: np.ndarray, rank: int, world: int) -> np.ndarray:
    """This rank's rows of a global batch: every world-th row from position rank. The shards are
    disjoint, their union is the batch, and their sizes differ by at most one; strided rather than
    contiguous so each shard keeps the batch's promo / ad mix (the sampler puts promo rows first)."""
    return global_rows[rank::world]


def chunk_bounds(n: int, rank: int, world: int) -> tuple[int, int]:
    """[start, end) of this rank's contiguous chunk of n rows (np.array_split's sizes)."""
    base, extra = divmod(n, world)
    start = rank * base + min(rank, extra)
    return start, start + base + (1 if rank < extra else 0)


class _AllReduceSum(torch.autograd.Function):
    """y = sum over ranks of x, on every rank; the gradient of sum_r L_r with respect to each
    rank's x is the sum over ranks of dL_r/dy, so backward all-reduces the incoming gradient."""

    @staticmethod
    def forward(ctx, x, group):
        ctx.group = group
        y = x.clone()
        dist.all_reduce(y, op=dist.ReduceOp.SUM, group=group)
        return y

    @staticmethod
    def backward(ctx, grad):
        g = grad.clone()
        dist.all_reduce(g, op=dist.ReduceOp.SUM, group=ctx.group)
        return g, None


def all_reduce_sum(x: torch.Tensor, group) -> torch.Tensor:
    """Differentiable all-reduce (sum) over `group`; x itself when group is None."""
    return x if group is None else _AllReduceSum.apply(x, group)


def gather_rows(local: torch.Tensor, n: int, d: Dist) -> torch.Tensor:
    """The [n, ...] tensor whose chunk_bounds(n, r, world) rows rank r holds as `local`, on every
    rank (all_gather needs equal sizes, so chunks are padded to the largest and trimmed)."""
    if d.world == 1:
        return local
    size = chunk_bounds(n, 0, d.world)[1]  # rank 0's chunk is the largest
    padded = torch.zeros((size, *local.shape[1:]), dtype=local.dtype, device=local.device)
    padded[: len(local)] = local
    parts = [torch.empty_like(padded) for _ in range(d.world)]
    dist.all_gather(parts, padded, group=d.gather_group)
    sizes = [end - start for start, end in (chunk_bounds(n, r, d.world) for r in range(d.world))]
    return torch.cat([p[:k] for p, k in zip(parts, sizes)])


def all_reduce_cpu(x: torch.Tensor, d: Dist) -> torch.Tensor:
    """Sum of x over ranks (no gradient), returned on the CPU."""
    if d.world == 1:
        return x
    y = x.to(d.device).clone()
    dist.all_reduce(y, group=d.gather_group)
    return y.cpu()
