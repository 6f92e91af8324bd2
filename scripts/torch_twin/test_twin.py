"""Unit tests: /usr/bin/python3 -m unittest scripts.torch_twin.test_twin"""

from __future__ import annotations

import itertools
import json
import os
import tempfile
import unittest

import numpy as np
import torch

from .data import (
    MISSING,
    DataError,
    build_vocab,
    encode,
    infer_kind,
    read_table,
    split_day_counts,
    split_days,
)
from .model import GROUPINGS, label_columns, mask_matrix, masked_loss
from .train import BalancedSampler, average_precision


def ap_by_definition(scores, labels):
    """AP straight from the definition, one threshold per distinct score (slow, obvious)."""
    pairs = [(s, y) for s, y in zip(scores, labels) if y in (0, 1)]
    n_pos = sum(y for _, y in pairs)
    ap, prev_recall = 0.0, 0.0
    for thr in sorted({s for s, _ in pairs}, reverse=True):
        tp = sum(1 for s, y in pairs if s >= thr and y == 1)
        fp = sum(1 for s, y in pairs if s >= thr and y == 0)
        recall = tp / n_pos
        ap += (recall - prev_recall) * tp / (tp + fp)
        prev_recall = recall
    return ap


class AveragePrecisionTest(unittest.TestCase):
    def test_sklearn_doc_example(self):
        # sklearn's docstring: average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.83.
        # By hand: thresholds 0.8 (P 1, R 1/2), 0.4 (P 1/2, R 1/2), 0.35 (P 2/3, R 1), 0.1.
        # AP = 1/2 * 1 + 0 * 1/2 + 1/2 * 2/3 = 5/6.
        self.assertAlmostEqual(average_precision([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 5 / 6, places=12)

    def test_ties_form_one_threshold(self):
        # 0.5 x3 (one positive), then 0.2 (positive): thresholds 0.5 (P 1/3, R 1/2), 0.2 (P 1/2, R 1).
        # AP = 1/2 * 1/3 + 1/2 * 1/2 = 5/12, whatever the order of the tied rows.
        for labels in ([1, 0, 0, 1], [0, 0, 1, 1], [0, 1, 0, 1]):
            self.assertAlmostEqual(average_precision([0.5, 0.5, 0.5, 0.2], labels), 5 / 12, places=12)

    def test_all_tied_is_prevalence(self):
        self.assertAlmostEqual(average_precision([0.3] * 4, [1, 0, 0, 0]), 0.25, places=12)

    def test_perfect_and_inverted(self):
        self.assertEqual(average_precision([0.9, 0.8, 0.1], [1, 1, 0]), 1.0)
        # Inverted: the one positive scores lowest; recall moves only at threshold 0.1, where
        # P = 1/3, so AP = 1 * 1/3.
        self.assertAlmostEqual(average_precision([0.9, 0.8, 0.1], [0, 0, 1]), 1 / 3, places=12)

    def test_undefined_and_missing_labels(self):
        self.assertIsNone(average_precision([0.1, 0.2], [0, 0]))
        self.assertIsNone(average_precision([], []))
        # 255 = missing: left out, so this equals AP of the first two rows.
        self.assertEqual(average_precision([0.9, 0.8, 0.95], [1, 0, MISSING]), 1.0)
        with self.assertRaises(ValueError):
            average_precision([float("nan"), 0.2], [1, 0])

    def test_infinite_and_signed_zero_ties(self):
        self.assertAlmostEqual(average_precision([np.inf, np.inf, 0.0], [1, 0, 1]), 0.5 * 0.5 + 0.5 * 2 / 3)
        self.assertAlmostEqual(average_precision([0.0, -0.0], [1, 0]), 0.5)

    def test_matches_definition_on_random_data_with_ties(self):
        rng = np.random.default_rng(7)
        for _ in range(20):
            n = int(rng.integers(1, 60))
            scores = rng.integers(0, 8, n) / 8.0  # few distinct values: many ties
            labels = rng.integers(0, 2, n)
            if labels.sum() == 0:
                continue
            self.assertAlmostEqual(
                average_precision(scores, labels), ap_by_definition(scores, labels), places=12
            )


class SplitTest(unittest.TestCase):
    def test_day_counts(self):
        # The app's split.ts examples, plus the default simulator's 21 days.
        self.assertEqual(split_day_counts(20), (14, 3, 3))
        self.assertEqual(split_day_counts(10), (7, 2, 1))
        self.assertEqual(split_day_counts(21), (15, 3, 3))
        self.assertEqual(split_day_counts(3), (1, 1, 1))
        self.assertEqual(split_day_counts(4), (2, 1, 1))  # 2.8 -> 3 clamped to d - 2 = 2
        with self.assertRaises(DataError):
            split_day_counts(2)

    def test_rows_follow_whole_days_in_time_order(self):
        # Distinct days need not be contiguous nor the rows sorted.
        day = np.array([30, 5, 12, 5, 9, 40, 12, 50, 60, 70, 80, 90])
        s = split_days(day)  # 10 distinct days -> 7 / 2 / 1
        self.assertEqual(s.train_days, [5, 9, 12, 30, 40, 50, 60])
        self.assertEqual(s.val_days, [70, 80])
        self.assertEqual(s.test_days, [90])
        self.assertEqual(sorted(np.concatenate([s.train, s.val, s.test]).tolist()), list(range(len(day))))
        self.assertTrue(day[s.train].max() < day[s.val].min() <= day[s.val].max() < day[s.test].min())


class VocabTest(unittest.TestCase):
    def test_min_count_from_training_rows_only(self):
        values = np.array(["a", "a", "b", "c", "c", "c", "d", ""])
        train = np.array([0, 1, 2, 3])  # a x2, b x1, c x1 (its other rows are later days)
        codes, size = build_vocab(values, train, 2)
        self.assertEqual(size, 2)  # OOV + a
        self.assertEqual(codes.tolist(), [1, 1, 0, 0, 0, 0, 0, 0])
        codes, size = build_vocab(values, train, 1)
        self.assertEqual(size, 4)  # OOV + a, b, c; d (test-only) and '' stay OOV
        self.assertTrue((codes[[0, 1]] > 0).all() and codes[2] > 0 and codes[3] > 0)
        self.assertEqual(codes[3], codes[4])
        self.assertEqual(codes[6], 0)
        self.assertEqual(codes[7], 0)
        # min_count 0 is treated as 1: a test-only value never gets an index.
        self.assertEqual(build_vocab(values, train, 0)[1], 4)

    def test_kinds(self):
        self.assertEqual(infer_kind(["1", "2.5", "", "-3e2"]), "numeric")
        self.assertEqual(infer_kind(["news|comedy", "news", ""]), "multi")
        self.assertEqual(infer_kind(["US", "1", ""]), "categorical")
        self.assertEqual(infer_kind(["", ""]), "numeric")


def _write(path: str, text: str) -> str:
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


class EncodeTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    CSV = (
        "source,day,user_id,podcast_id,stream,click,user_hours,user_genres,context_surface,other\n"
        "promo,0,u1,p1,1,,2,a|b|c,home,x\n"
        "ad,0,u1,p1,0,1,4,a,home,x\n"
        "P,1,u2,p2,0,0,,b|zz,\"se,arch\",x\n"
        "A,2,u1,p1,1,0,10,zz|a,home,x\n"
        "promo,3,u3,p1,0,1,6,,home,x\n"
    )

    def test_csv_encoding(self):
        table = read_table(_write(os.path.join(self.dir.name, "t.csv"), self.CSV))
        self.assertEqual(table.n, 5)
        self.assertEqual(table.source.tolist(), [0, 1, 0, 1, 0])
        self.assertEqual(table.labels["click"].tolist(), [MISSING, 1, 0, 0, 1])
        self.assertEqual(table.labels["like"].tolist(), [MISSING] * 5)  # column absent
        self.assertEqual(table.ignored, ["other"])
        self.assertEqual(table.features["context_surface"][2], "se,arch")
        split = split_days(table.day)  # 4 days -> 2 / 1 / 1: rows 0-2 train
        enc = encode(table, split, min_count=1, max_multi_len=2)
        self.assertEqual(enc.cat_names, ["user_id", "podcast_id", "context_surface"])
        # Numeric: train values 2, 4 (row 2 missing) -> mean 3, population std 1.
        self.assertEqual(enc.num_stats, [(3.0, 1.0)])
        np.testing.assert_allclose(enc.num[:, 0], [-1, 1, 0, 7, 3])
        np.testing.assert_allclose(enc.num[:, 1], [0, 0, 1, 0, 0])
        # Multi: longest training list 3, capped at 2 slots; first 2 values kept, weight 1/filled.
        (offset, max_len), = enc.multi_slots
        self.assertEqual(max_len, 2)
        w = enc.multi_w[:, offset : offset + 2]
        idx = enc.multi_idx[:, offset : offset + 2]
        np.testing.assert_allclose(w, [[0.5, 0.5], [1, 0], [0.5, 0.5], [0.5, 0.5], [0, 0]])
        # 'zz' is in training (row 2), so it has an index; row 3's 'a' matches row 0's.
        self.assertEqual(idx[3, 1], idx[0, 0])
        self.assertGreater(idx[3, 0], 0)
        # user u3 first appears on a test day: OOV.
        self.assertEqual(enc.cat[4, 0], 0)
        np.testing.assert_allclose(enc.present[:, 1], [0, 1, 1, 1, 1])

    def test_jsonl_reads_like_csv(self):
        rows = [
            {"source": "promo", "day": 0, "user_id": "u1", "podcast_id": 7, "stream": 1, "click": None},
            {"source": "ad", "day": 1, "user_id": "u2", "podcast_id": 7, "stream": 0, "click": True},
            {"source": "ad", "day": 2, "user_id": "u2", "podcast_id": 8, "stream": False},
        ]
        path = _write(os.path.join(self.dir.name, "t.jsonl"), "\n".join(json.dumps(r) for r in rows) + "\n")
        table = read_table(path)
        self.assertEqual(table.labels["click"].tolist(), [MISSING, 1, MISSING])
        self.assertEqual(table.labels["stream"].tolist(), [1, 0, 0])
        self.assertEqual(table.podcast_id, ["7", "7", "8"])

    def test_bad_values_refused(self):
        bad = self.CSV.replace("promo,3", "banner,3")
        with self.assertRaises(DataError):
            read_table(_write(os.path.join(self.dir.name, "b.csv"), bad))
        with self.assertRaises(DataError):
            read_table(_write(os.path.join(self.dir.name, "c.csv"), "source,day,user_id,stream\n"))


class LossMaskTest(unittest.TestCase):
    def test_mask_table(self):
        m = mask_matrix(GROUPINGS["joint-5task"])  # heads: promo_stream, ad_stream, click, like, follow
        self.assertEqual(m.tolist(), [[1, 1, 1, 1, 1], [0, 1, 1, 1, 1]])
        self.assertEqual(label_columns(GROUPINGS["joint-5task"]), [0, 0, 1, 2, 3])
        self.assertEqual(GROUPINGS["ads-stream"].scoring_head("promo"), "ad_stream")
        self.assertEqual(GROUPINGS["promo-mtl"].scoring_head("ad"), "promo_stream")
        self.assertEqual(GROUPINGS["joint-5task"].scoring_head("ad"), "ad_stream")

    def test_loss_is_mean_over_kept_rows(self):
        g = GROUPINGS["joint-5task"]
        mask = mask_matrix(g)
        # Rows: promo, promo, ad, ad. Head columns follow g.heads.
        logits = torch.tensor(
            [
                [0.3, -0.2, 1.0, 0.0, 2.0],
                [-1.0, 0.5, 0.2, 0.1, -0.3],
                [2.0, 1.5, -0.7, 0.4, 0.9],
                [0.1, -2.0, 0.3, 0.0, 0.0],
            ],
            requires_grad=True,
        )
        y = torch.tensor([[1.0, 1, 0, 1, 0], [0, 0, 1, 0, 0], [1, 1, 0, 0, 1], [0, 0, 1, 1, 0]])
        present = torch.ones(4, 5)
        present[1, 2] = 0  # click missing on row 1
        present[3, 4] = 0  # follow missing on row 3
        source = torch.tensor([0, 0, 1, 1])
        weights = torch.tensor([1.0, 2.0, 1.0, 1.0, 0.5])
        total, per_task = masked_loss(logits, y, present, source, mask, weights)

        def bce(x, t):
            # -(t log p + (1 - t) log(1 - p)), p = sigmoid(x), computed the naive way on purpose.
            p = torch.sigmoid(torch.tensor(x, dtype=torch.float64))
            return float(-(t * torch.log(p) + (1 - t) * torch.log(1 - p)))

        expect = [
            (bce(0.3, 1) + bce(-1.0, 0)) / 2,  # promo_stream: promo rows only
            (bce(-0.2, 1) + bce(0.5, 0) + bce(1.5, 1) + bce(-2.0, 0)) / 4,  # ad_stream: all rows
            (bce(1.0, 0) + bce(-0.7, 0) + bce(0.3, 1)) / 3,  # click: row 1 missing
            (bce(0.0, 1) + bce(0.1, 0) + bce(0.4, 0) + bce(0.0, 1)) / 4,
            (bce(2.0, 0) + bce(-0.3, 0) + bce(0.9, 1)) / 3,  # follow: row 3 missing
        ]
        np.testing.assert_allclose(per_task.detach().numpy(), expect, rtol=1e-5)
        self.assertAlmostEqual(float(total), sum(w * e for w, e in zip(weights.tolist(), expect)), places=5)
        total.backward()
        grad = logits.grad
        # Ad rows never train promo_stream; missing labels add no gradient.
        self.assertEqual(grad[2, 0].item(), 0.0)
        self.assertEqual(grad[3, 0].item(), 0.0)
        self.assertEqual(grad[1, 2].item(), 0.0)
        self.assertEqual(grad[3, 4].item(), 0.0)
        self.assertNotEqual(grad[2, 1].item(), 0.0)

    def test_head_without_kept_rows_is_zero(self):
        g = GROUPINGS["joint-5task"]
        logits = torch.zeros(2, 5)
        ones = torch.ones(2, 5)
        ad_rows = torch.tensor([1, 1])
        _, per_task = masked_loss(logits, ones, ones, ad_rows, mask_matrix(g), torch.ones(5))
        self.assertEqual(per_task[0].item(), 0.0)


class SamplerTest(unittest.TestCase):
    def test_half_and_half_without_replacement(self):
        promo, ad = np.arange(0, 10), np.arange(100, 130)
        s = BalancedSampler(promo, ad, 8, 0.5, np.random.default_rng(1))
        self.assertEqual(s.steps_per_epoch, 5)  # ceil(40 / 8)
        batches = [s.next() for _ in range(5)]
        for b in batches:
            self.assertEqual(((b < 100).sum(), (b >= 100).sum()), (4, 4))
        promo_drawn = np.concatenate([b[b < 100] for b in batches])
        # 20 promo draws = two full passes over the 10 promo rows.
        self.assertEqual(sorted(promo_drawn[:10].tolist()), list(range(10)))
        self.assertEqual(sorted(promo_drawn[10:].tolist()), list(range(10)))
        one = BalancedSampler(promo, np.zeros(0, np.int64), 4, 0.5, np.random.default_rng(1))
        self.assertTrue(all((one.next() < 10).all() for _ in itertools.repeat(None, 3)))


if __name__ == "__main__":
    unittest.main()
