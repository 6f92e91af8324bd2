"""CLI: train the spec's groupings on an impression file with plain PyTorch and print test AP.

  /usr/bin/python3 -m scripts.torch_twin.twin --data FILE [--seed 1] [--repeats 3]
      [--groupings a,b] [--recipe JSON-or-file] [--threads 1]

Prints one JSON object on stdout (progress goes to stderr): per grouping, per seed and the mean
over seeds of test AP for the promo and ad channels (scored by the spec's cross-channel rule),
the best epochs and the recipe used. Seeds are seed, seed + 1, ..., as the app's --repeats.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import sys
import time

import numpy as np
import torch

from .data import encode, read_table, split_days
from .model import GROUPINGS, SOURCES
from .train import Recipe, Tensors, train_grouping

RECIPE_HELP = """recipe keys (JSON object, all optional; defaults = plain PyTorch):
  embedding_init   'torch-default' (N(0,1)), 'uniform' (U(-s,s)) or 'normal' (N(0,s^2))
  embedding_scale  s for uniform / normal (default 0.05)
  embedding_dim    8: one width for every categorical and multi column
  encoder_units    [128, 64]; tower_units [32]
  min_count        2 (vocabulary); max_multi_len 8 (slots per multi-valued column)
  lr 1e-3, adam_eps 1e-8, weight_decay 0, batch_size 512, epochs 3
  patience         null: run every epoch and keep the best on validation
  promo_share      0.5 (or "natural"); train_fraction 0.7, val_fraction 0.15
  task_weights     {task: lambda_t}, default 1 each"""


def _per_seed_and_mean(xs: list) -> dict:
    """Each seed's AP (None = undefined) and the mean of the defined ones (None if none is)."""
    vals = [x for x in xs if x is not None]
    return {"per_seed": xs, "mean": sum(vals) / len(vals) if vals else None}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(
        prog="python3 -m scripts.torch_twin.twin",
        description=__doc__,
        epilog=RECIPE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--data", required=True, help="impression file: .csv, or .jsonl / .ndjson")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--groupings", default=",".join(GROUPINGS), help="comma-separated ids")
    p.add_argument("--recipe", default="{}", help="JSON object, or a path to a JSON file")
    p.add_argument("--threads", type=int, default=1, help="torch intra-op threads (default 1)")
    args = p.parse_args(argv)

    raw = args.recipe if args.recipe.strip().startswith("{") else open(args.recipe).read()
    recipe = Recipe.from_json(json.loads(raw))
    ids = [s.strip() for s in args.groupings.split(",") if s.strip()]
    unknown = [i for i in ids if i not in GROUPINGS]
    if unknown:
        p.error(f"unknown grouping(s) {', '.join(unknown)}; known: {', '.join(GROUPINGS)}")
    torch.set_num_threads(max(1, args.threads))
    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731

    t0 = time.perf_counter()
    table = read_table(args.data)
    split = split_days(table.day, recipe.train_fraction, recipe.val_fraction)
    enc = encode(table, split, recipe.min_count, recipe.max_multi_len)
    t1 = time.perf_counter()
    n_ad = int((table.source == 1).sum())
    log(
        f"twin data: {table.n} rows ({table.n - n_ad} promo, {n_ad} ad), days train/val/test "
        f"{len(split.train_days)}/{len(split.val_days)}/{len(split.test_days)}; "
        f"read and encoded in {t1 - t0:.1f} s"
    )
    tensors = Tensors(enc)
    seeds = [args.seed + r for r in range(args.repeats)]
    out_groupings = {}
    for gid in ids:
        g = GROUPINGS[gid]
        runs = []
        for seed in seeds:
            ts = time.perf_counter()
            r = train_grouping(enc, tensors, g, recipe, seed, log)
            r["seconds"] = round(time.perf_counter() - ts, 1)
            runs.append(r)
            log(
                f"{gid} seed {seed}: test AP promo {r['test_ap']['promo']}, ad {r['test_ap']['ad']} "
                f"(best epoch {r['best_epoch']}, {r['seconds']} s)"
            )
        out_groupings[gid] = {
            "trains_on": list(g.trains_on),
            "heads": list(g.heads),
            "scoring_heads": {c: g.scoring_head(c) for c in SOURCES},
            **{c: _per_seed_and_mean([r["test_ap"][c] for r in runs]) for c in SOURCES},
            "best_epoch": [r["best_epoch"] for r in runs],
            "seconds": [r["seconds"] for r in runs],
            "history": [r["history"] for r in runs],
        }
    result = {
        "engine": "torch-twin",
        "data": {
            "file": os.path.abspath(args.data),
            "rows": table.n,
            "rows_by_source": {"promo": table.n - n_ad, "ad": n_ad},
            "days": {
                "train": split.train_days,
                "val": split.val_days,
                "test": split.test_days,
            },
            "split_rows": {"train": len(split.train), "val": len(split.val), "test": len(split.test)},
            "ignored_columns": table.ignored,
            "inputs": enc.describe(),
        },
        "seeds": seeds,
        "recipe": dataclasses.asdict(recipe),
        "groupings": out_groupings,
        "torch": torch.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "threads": torch.get_num_threads(),
        "seconds": round(time.perf_counter() - t0, 1),
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
