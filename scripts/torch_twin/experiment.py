"""One run of the spec's comparison in PyTorch: read, split, encode, train every grouping with
every seed, and summarise test AP. Shared by the quality bench's twin (twin.py, one process) and
the distributed trainer (ddp.py, one process per rank), so both train the same way."""

from __future__ import annotations

import dataclasses
import os
import platform
import sys
import time
from dataclasses import dataclass

import numpy as np
import torch

from .data import Encoded, Split, Table, encode, read_table, split_days
from .dist import Dist
from .model import GROUPINGS, SOURCES
from .train import Recipe, Tensors, train_grouping


@dataclass
class Run:
    table: Table
    split: Split
    enc: Encoded
    recipe: Recipe
    groupings: list[str]
    seeds: list[int]
    #: runs[grouping][k]: train_grouping's result for seeds[k], with its `seconds`.
    runs: dict[str, list[dict]]
    seconds: float
    world: int


def run_comparison(
    path: str, recipe: Recipe, groupings: list[str], seeds: list[int], d: Dist | None = None, log=None
) -> Run:
    """Trains each grouping with each seed on the impression file at `path` (every rank reads it
    and derives the same split and vocabularies; the file must be on storage every rank sees)."""
    d = d or Dist()
    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    t0 = time.perf_counter()
    table = read_table(path)
    split = split_days(table.day, recipe.train_fraction, recipe.val_fraction)
    enc = encode(table, split, recipe.min_count, recipe.max_multi_len)
    n_ad = int((table.source == 1).sum())
    log(
        f"data: {table.n} rows ({table.n - n_ad} promo, {n_ad} ad), days train/val/test "
        f"{len(split.train_days)}/{len(split.val_days)}/{len(split.test_days)}; "
        f"read and encoded in {time.perf_counter() - t0:.1f} s"
    )
    tensors = Tensors(enc, d.device)
    runs: dict[str, list[dict]] = {}
    for gid in groupings:
        runs[gid] = []
        for seed in seeds:
            ts = time.perf_counter()
            r = train_grouping(enc, tensors, GROUPINGS[gid], recipe, seed, log, d)
            r["seconds"] = round(time.perf_counter() - ts, 1)
            runs[gid].append(r)
            log(
                f"{gid} seed {seed}: test AP promo {r['test_ap']['promo']}, ad {r['test_ap']['ad']} "
                f"(best epoch {r['best_epoch']}, {r['seconds']} s)"
            )
    return Run(table, split, enc, recipe, groupings, seeds, runs, time.perf_counter() - t0, d.world)


def _per_seed_and_mean(xs: list) -> dict:
    """Each seed's AP (None = undefined) and the mean of the defined ones (None if none is)."""
    vals = [x for x in xs if x is not None]
    return {"per_seed": xs, "mean": sum(vals) / len(vals) if vals else None}


def summary(run: Run, path: str, engine: str) -> dict:
    """The run as JSON: per grouping, test AP per channel (per seed and mean), best epochs,
    history; the data's split and inputs; the recipe and the software."""
    table, split = run.table, run.split
    n_ad = int((table.source == 1).sum())
    out_groupings = {}
    for gid, runs in run.runs.items():
        g = GROUPINGS[gid]
        out_groupings[gid] = {
            "trains_on": list(g.trains_on),
            "heads": list(g.heads),
            "scoring_heads": {c: g.scoring_head(c) for c in SOURCES},
            **{c: _per_seed_and_mean([r["test_ap"][c] for r in runs]) for c in SOURCES},
            "best_epoch": [r["best_epoch"] for r in runs],
            "seconds": [r["seconds"] for r in runs],
            "history": [r["history"] for r in runs],
        }
    return {
        "engine": engine,
        "data": {
            "file": os.path.abspath(path),
            "rows": table.n,
            "rows_by_source": {"promo": table.n - n_ad, "ad": n_ad},
            "days": {"train": split.train_days, "val": split.val_days, "test": split.test_days},
            "split_rows": {"train": len(split.train), "val": len(split.val), "test": len(split.test)},
            "ignored_columns": table.ignored,
            "inputs": run.enc.describe(),
        },
        "seeds": run.seeds,
        "recipe": dataclasses.asdict(run.recipe),
        "groupings": out_groupings,
        "processes": run.world,
        "torch": torch.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "threads": torch.get_num_threads(),
        "seconds": round(run.seconds, 1),
    }
