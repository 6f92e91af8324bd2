"""The experiment on torch.distributed: the app's config, trained with DDP, predictions out.

  python3 -m torch.distributed.run --standalone --nproc_per_node N -m scripts.torch_twin.ddp \\
      --data FILE --config CONFIG.json --out preds.csv [--summary summary.json] [--backend gloo|nccl]

CONFIG.json is a full normalised experiment config (`npm run train:torch` writes it from a share
link or a partial config with the app's codec; config.py maps it). Every rank reads FILE (it must
be on storage each node sees), builds the same split and vocabularies, and trains on its shard of
every global batch (train.py); rank 0 writes the predictions CSV of the app's CLI
(predictions.py) and the summary JSON (test AP per grouping x channel x seed, as twin.py's).
Without torchrun it runs as one process.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import torch

from .config import ConfigError, plan_from_config
from .dist import init_from_env, shutdown
from .experiment import run_comparison, summary
from .predictions import write_predictions_csv
from .segments import derive_tiers, less_streamed_flags


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m scripts.torch_twin.ddp", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="impression file: .csv, or .jsonl / .ndjson")
    p.add_argument("--config", required=True, help="normalised experiment config JSON (a file)")
    p.add_argument("--out", required=True, help="predictions CSV (written by rank 0)")
    p.add_argument("--summary", help="summary JSON (written by rank 0)")
    p.add_argument("--backend", choices=("gloo", "nccl"), help="default: nccl with CUDA, else gloo")
    p.add_argument(
        "--threads", type=int, help="torch threads per process (default: CPUs / processes on the node)"
    )
    args = p.parse_args(argv)
    with open(args.config, encoding="utf-8") as f:
        cfg = json.load(f)
    try:
        plan = plan_from_config(cfg)
    except ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    d = init_from_env(args.backend)
    local_world = int(os.environ.get("LOCAL_WORLD_SIZE", "1"))
    torch.set_num_threads(args.threads or max(1, (os.cpu_count() or 1) // local_world))
    quiet = lambda msg: None  # noqa: E731
    log = (lambda msg: print(msg, file=sys.stderr, flush=True)) if d.is_main else quiet
    log(
        f"torch {torch.__version__}: {d.world} process(es), backend "
        f"{'none' if d.world == 1 else torch.distributed.get_backend()}, device {d.device}, "
        f"{torch.get_num_threads()} thread(s) each; groupings {', '.join(plan.groupings)}; "
        f"seeds {', '.join(map(str, plan.seeds))}"
    )
    try:
        run = run_comparison(args.data, plan.recipe, plan.groupings, plan.seeds, d, log)
        if d.is_main:
            tier = derive_tiers(run.table, run.split.train)
            less = less_streamed_flags(tier, run.table.show_streams_30d)
            scores = {
                (gid, seed): r["test_scores"]
                for gid, runs in run.runs.items()
                for seed, r in zip(plan.seeds, runs)
            }
            write_predictions_csv(
                args.out, run.table, run.split.test, tier, less, plan.groupings, plan.seeds, scores
            )
            log(f"predictions ({len(run.split.test)} test rows) written to {args.out}")
            if args.summary:
                with open(args.summary, "w", encoding="utf-8") as f:
                    json.dump(summary(run, args.data, "torch-ddp"), f, indent=2)
                    f.write("\n")
    finally:
        shutdown(d)
    return 0


if __name__ == "__main__":
    sys.exit(main())
