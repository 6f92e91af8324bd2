"""CLI: train the spec's groupings on an impression file with plain PyTorch and print test AP.

  /usr/bin/python3 -m scripts.torch_twin.twin --data FILE [--seed 1] [--repeats 3]
      [--groupings a,b] [--recipe JSON-or-file] [--threads 1]

Prints one JSON object on stdout (progress goes to stderr): per grouping, per seed and the mean
over seeds of test AP for the promo and ad channels (scored by the spec's cross-channel rule),
the best epochs and the recipe used. Seeds are seed, seed + 1, ..., as the app's --repeats.
"""

from __future__ import annotations

import argparse
import json
import sys

import torch

from .experiment import run_comparison, summary
from .model import GROUPINGS
from .train import Recipe

RECIPE_HELP = """recipe keys (JSON object, all optional; defaults = plain PyTorch):
  embedding_init   'torch-default' (N(0,1)), 'uniform' (U(-s,s)) or 'normal' (N(0,s^2))
  embedding_scale  s for uniform / normal (default 0.05)
  embedding_dim    8; embedding_width 'fixed' (one width) or 'fourth-root' (min(dim, ceil(6 V^1/4)))
  encoder_units    [128, 64]; tower_units [32]; bn_momentum 0.9 (kept share); dropout 0
  min_count        2 (vocabulary); max_multi_len 8 (slots per multi-valued column)
  lr 1e-3, lr_schedule 'constant' or 'cosine', adam_eps 1e-8, batch_size 512, epochs 3
  weight_decay 0 (Adam's L2); weight_decay_embeddings, weight_decay_dense 0 (decoupled, AdamW)
  patience         null: run every epoch and keep the best on validation
  promo_share      0.5 (or "natural"); train_fraction 0.7, val_fraction 0.15
  task_weights     {task: lambda_t}, default 1 each"""


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

    seeds = [args.seed + r for r in range(args.repeats)]
    run = run_comparison(args.data, recipe, ids, seeds, log=log)
    result = summary(run, args.data, "torch-twin")
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
