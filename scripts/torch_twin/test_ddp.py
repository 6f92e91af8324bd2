"""Unit tests of the distributed trainer: /usr/bin/python3 -m unittest scripts.torch_twin.test_ddp"""

from __future__ import annotations

import math
import os
import tempfile
import unittest

import numpy as np
import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch.nn.parallel import DistributedDataParallel

from .config import ConfigError, plan_from_config
from .data import MISSING_TIER, Table
from .dist import Dist, chunk_bounds, shard
from .model import GROUPINGS, SharedBottom, kept_counts, label_columns, mask_matrix, masked_loss, sync_batch_norm
from .predictions import js_number, score_columns
from .segments import derive_tiers, less_streamed_flags, training_count_tiers
from .train import BalancedSampler, Tensors, predict

# ---------------------------------------------------------------------------------------------
# Sharding: every rank sees the global batches one process sees


class ShardTest(unittest.TestCase):
    def test_ranks_draw_the_one_process_batches_and_split_them(self):
        promo, ad = np.arange(0, 37), np.arange(100, 161)
        one = BalancedSampler(promo, ad, 10, 0.5, np.random.default_rng(5))
        # Each rank builds its own sampler from the same seed, as train_grouping does.
        ranks = [BalancedSampler(promo, ad, 10, 0.5, np.random.default_rng(5)) for _ in range(3)]
        for _ in range(25):
            batch = one.next()
            per_rank = [shard(s.next(), r, 3) for r, s in enumerate(ranks)]
            # The shards take disjoint positions of the batch and together all of them.
            rebuilt = np.empty_like(batch)
            for r, p in enumerate(per_rank):
                rebuilt[r::3] = p
            self.assertTrue(np.array_equal(rebuilt, batch))
            self.assertEqual([len(p) for p in per_rank], [4, 3, 3])
            # Strided shards keep the batch's promo / ad mix: 5 + 5 -> (2 or 1) promo each.
            self.assertTrue(all(1 <= (p < 100).sum() <= 2 for p in per_rank))
        self.assertTrue(np.array_equal(shard(batch, 0, 1), batch))

    def test_chunks_cover_rows(self):
        for n, world in [(7, 2), (10, 3), (2, 4), (0, 2)]:
            bounds = [chunk_bounds(n, r, world) for r in range(world)]
            self.assertEqual(bounds[0][0], 0)
            self.assertEqual(bounds[-1][1], n)
            self.assertTrue(all(a[1] == b[0] for a, b in zip(bounds, bounds[1:])))
            self.assertEqual([e - s for s, e in bounds], [len(c) for c in np.array_split(np.arange(n), world)])


# ---------------------------------------------------------------------------------------------
# One DDP step on 2 ranks = the same step on 1 process


def _tiny(n=24, seed=0):
    """A tiny encoded dataset (2 categorical columns, 1 multi, 2 numeric inputs) and a model."""
    rng = np.random.default_rng(seed)

    class Enc:
        pass

    enc = Enc()
    enc.cat = rng.integers(0, 5, (n, 2)).astype(np.int64)
    enc.multi_idx = rng.integers(0, 4, (n, 2)).astype(np.int64)
    enc.multi_w = np.full((n, 2), 0.5, np.float32)
    enc.num = rng.normal(size=(n, 2)).astype(np.float32)
    enc.y = rng.integers(0, 2, (n, 4)).astype(np.float32)
    enc.present = (rng.random((n, 4)) > 0.2).astype(np.float32)
    enc.source = (np.arange(n) % 3 == 0).astype(np.uint8)
    return enc


def _model(heads, dropout=0.0):
    torch.manual_seed(3)
    return SharedBottom([5, 5], [4], [(0, 2)], 2, heads, encoder_units=(6, 5), tower_units=(3,), dropout=dropout)


def _step(model, trained, t, g, rows_global, rank, world):
    """One training step as train_grouping takes it; returns the loss."""
    cols = torch.tensor(label_columns(g))
    mask = mask_matrix(g)
    rows = shard(rows_global, rank, world)
    y, present, source = t.targets(rows, cols)
    kept = kept_counts(*t.targets(rows_global, cols)[1:], mask) if world > 1 else None
    loss, _ = masked_loss(trained(*t.inputs(rows)), y, present, source, mask, torch.ones(len(g.heads)), kept)
    model.zero_grad(set_to_none=True)
    (loss * world).backward()
    return loss


def _worker(rank, world, init_file, out_dir):
    dist.init_process_group("gloo", init_method=f"file://{init_file}", rank=rank, world_size=world)
    torch.set_num_threads(1)
    g = GROUPINGS["joint-5task"]
    t = Tensors(_tiny())
    model = _model(g.heads)
    d = Dist(rank=rank, world=world, bn_group=dist.new_group(), gather_group=dist.new_group())
    sync_batch_norm(model, d.bn_group)
    ddp = DistributedDataParallel(model, broadcast_buffers=False)
    model.train()
    _step(model, ddp, t, g, torch.arange(0, 20), rank, world)
    grads = {k: p.grad.clone() for k, p in model.named_parameters()}
    stats = {k: b.clone() for k, b in model.named_buffers()}
    scores = predict(model, t, np.arange(24), d)
    if rank == 0:
        torch.save({"grads": grads, "stats": stats, "scores": scores}, os.path.join(out_dir, "ranks.pt"))
    dist.destroy_process_group()


class DistributedStepTest(unittest.TestCase):
    def test_two_ranks_take_the_one_process_step(self):
        g = GROUPINGS["joint-5task"]
        t = Tensors(_tiny())
        model = _model(g.heads)
        model.train()
        _step(model, model, t, g, torch.arange(0, 20), 0, 1)
        with tempfile.TemporaryDirectory() as tmp:
            mp.spawn(_worker, args=(2, os.path.join(tmp, "init"), tmp), nprocs=2, join=True)
            got = torch.load(os.path.join(tmp, "ranks.pt"))
        # Gradients of every parameter (embeddings, dense, batch norm, towers): DDP's average of
        # the shards' gradients is the one-process gradient of the global batch.
        for k, p in model.named_parameters():
            torch.testing.assert_close(got["grads"][k], p.grad, rtol=1e-4, atol=1e-6, msg=k)
        # Batch-norm running statistics moved by the global batch's mean and unbiased variance.
        for k, b in model.named_buffers():
            torch.testing.assert_close(got["stats"][k].to(b.dtype), b, rtol=1e-5, atol=1e-6, msg=k)
        # Each rank predicted a chunk; every row came back, in order.
        one = predict(model, t, np.arange(24))
        for h in g.heads:
            np.testing.assert_allclose(got["scores"][h], one[h], rtol=1e-5, atol=1e-7)

    def test_global_counts_make_shard_losses_add_up(self):
        g = GROUPINGS["ads-anc"]
        t = Tensors(_tiny())
        model = _model(g.heads)
        model.eval()  # batch norm on running statistics: the shards' logits are the batch's
        rows = torch.arange(0, 17)
        cols = torch.tensor(label_columns(g))
        mask = mask_matrix(g)
        w = torch.ones(len(g.heads))
        with torch.no_grad():
            whole, _ = masked_loss(model(*t.inputs(rows)), *t.targets(rows, cols), mask, w)
            kept = kept_counts(*t.targets(rows, cols)[1:], mask)
            parts = [
                masked_loss(model(*t.inputs(shard(rows, r, 3))), *t.targets(shard(rows, r, 3), cols), mask, w, kept)[0]
                for r in range(3)
            ]
        self.assertAlmostEqual(float(sum(parts)), float(whole), places=5)


# ---------------------------------------------------------------------------------------------
# Tiers and less-streamed (the app's tiers.ts and segments.ts)


def _table(shows, stream, tier=None, streams30=None):
    n = len(shows)
    return Table(
        n=n,
        source=np.zeros(n, np.uint8),
        day=np.arange(n),
        labels={"stream": np.asarray(stream, np.uint8)},
        user_id=["u"] * n,
        podcast_id=shows,
        features={},
        stream_tier=None if tier is None else np.asarray(tier, np.int8),
        show_streams_30d=None if streams30 is None else np.asarray(streams30, np.float64),
    )


class SegmentsTest(unittest.TestCase):
    def test_training_counts(self):
        # Training streams: a 3, b 3, c 1, d 0 (e only after training). m = 3 shows with a
        # positive count: a, b (0 larger -> tier 0), c (2 larger -> floor(7 * 2 / 3) = 4); d, e: 7.
        shows = ["a", "a", "a", "b", "b", "b", "c", "d", "e", "a"]
        stream = [1, 1, 1, 1, 1, 1, 1, 0, 1, 1]
        table = _table(shows, stream)
        tiers = training_count_tiers(table, np.arange(8))
        self.assertEqual(tiers.tolist(), [0, 0, 0, 0, 0, 0, 4, 7, 7, 0])

    def test_first_available_source_wins(self):
        # Row 0 given tier 5; row 1 from 6000 streams (>= 5000 -> tier 2); row 2: 0 streams -> 7;
        # row 3 neither -> training counts (show s, the only streamed show: tier 0).
        table = _table(["s", "s", "s", "s"], [1, 0, 0, 0], [5, MISSING_TIER, MISSING_TIER, MISSING_TIER],
                       [10.0, 6000.0, 0.0, math.nan])
        tier = derive_tiers(table, np.arange(2))
        self.assertEqual(tier.tolist(), [5, 2, 7, 0])
        # less-streamed: streams < 5000 where known (row 0: 10 despite tier 5 -> 1), else tier 3..5.
        self.assertEqual(less_streamed_flags(tier, table.show_streams_30d).tolist(), [1, 0, 1, 0])
        self.assertEqual(less_streamed_flags(np.array([2, 3, 5, 6]), None).tolist(), [0, 1, 1, 0])


# ---------------------------------------------------------------------------------------------
# The predictions file and the config


class PredictionsTest(unittest.TestCase):
    def test_numbers_as_javascript_writes_them(self):
        cases = {
            0.0: "0", 1.0: "1", 0.1: "0.1", 1e-7: "1e-7", 1.5e-7: "1.5e-7", 1e-6: "0.000001",
            0.000123: "0.000123", 123.0: "123", 1e21: "1e+21", 1.2345e22: "1.2345e+22",
            float(np.float32(0.3)): "0.30000001192092896", -2.5: "-2.5", 5e-324: "5e-324",
        }
        for x, s in cases.items():
            self.assertEqual(js_number(x), s)

    def test_score_columns(self):
        self.assertEqual([c[0] for c in score_columns(["ads-stream"], [4])], ["ads-stream:ad_stream"])
        self.assertEqual(
            [c[0] for c in score_columns(["ads-stream", "promo-stream"], [1, 2])],
            ["ads-stream:ad_stream@1", "promo-stream:promo_stream@1", "ads-stream:ad_stream@2",
             "promo-stream:promo_stream@2"],
        )


def _config(**changes):
    cfg = {
        "seed": 3,
        "groupings": ["promo-mtl", "joint-5task"],
        "split": {"trainFraction": 0.7, "valFraction": 0.15},
        "model": {"embeddingDim": 8, "embeddingWidth": "fixed", "embeddingInit": "normal", "embeddingScale": 1,
                  "dropout": 0, "bnMomentum": 0.9, "encoderUnits": [128, 64], "towerUnits": [32]},
        "encoders": {"promo-mtl": "shared-bottom", "joint-5task": "shared-bottom"},
        "train": {"learningRate": 0.002, "lrSchedule": "constant", "weightDecayEmbeddings": 0,
                  "weightDecayDense": 0, "minCount": 2, "adamEpsilon": 1e-7, "batchSize": 512, "maxEpochs": 4,
                  "patience": 2, "promoShare": 0.5, "taskWeights": {"click": 1}, "balancing": "fixed"},
        "rigor": {"repeats": 2, "tune": 0},
        "study": {"kind": "comparison"},
    }
    for path, v in changes.items():
        *head, last = path.split("__")
        node = cfg
        for k in head:
            node = node[k]
        node[last] = v
    return cfg


class ConfigTest(unittest.TestCase):
    def test_maps_the_app_recipe(self):
        plan = plan_from_config(_config())
        self.assertEqual(plan.seeds, [3, 4])
        self.assertEqual(plan.groupings, ["promo-mtl", "joint-5task"])
        r = plan.recipe
        self.assertEqual((r.lr, r.adam_eps, r.epochs, r.patience, r.batch_size), (0.002, 1e-7, 4, 2, 512))
        self.assertEqual((r.embedding_init, r.embedding_scale, r.bn_momentum), ("normal", 1.0, 0.9))

    def test_refuses_what_it_does_not_train(self):
        for change in ({"encoders__joint-5task": "mmoe"}, {"train__balancing": "gradnorm"},
                       {"rigor__tune": 4}, {"study__kind": "ablation"}):
            with self.assertRaises(ConfigError):
                plan_from_config(_config(**change))


if __name__ == "__main__":
    unittest.main()
