"""Stream tiers and the less-streamed flag of every row, as the predictions file carries them.

The rules are the app's (src/core/data/tiers.ts deriveTiers, src/core/metrics/segments.ts
lessStreamedFlags), ported so that a predictions file written here reads like the CLI's; the
agreement test (scripts/train-torch.test.ts) compares both on the same file.

  tier, per row, first available: the `stream_tier` cell; else `show_streams_30d` by the lower
  bounds SHOW_STREAM_TIER_THRESHOLDS (tier t when streams >= bound t, else 7); else the show's
  count of stream = 1 over the training rows: with m shows of positive count, a show with g shows
  of strictly larger count gets floor(7 g / m); shows with no training stream get 7.
  less_streamed: show_streams_30d < 5000 where that value exists, else tier in 3..5.
"""

from __future__ import annotations

import numpy as np

from .data import MISSING_TIER, Table

SHOW_STREAM_TIER_THRESHOLDS = (500_000, 50_000, 5_000, 1_000, 300, 50, 1)
TIER_COUNT = 8
LESS_STREAMED_THRESHOLD = 5000
LESS_STREAMED_TIERS = (3, 5)


def tier_from_show_streams(streams: np.ndarray) -> np.ndarray:
    """Tier of each show_streams_30d value (>= 0, not NaN)."""
    out = np.full(len(streams), TIER_COUNT - 1, dtype=np.uint8)
    # Highest bound first, so the first bound a value reaches wins (written last).
    for t in reversed(range(len(SHOW_STREAM_TIER_THRESHOLDS))):
        out[streams >= SHOW_STREAM_TIER_THRESHOLDS[t]] = t
    return out


def training_count_tiers(table: Table, train: np.ndarray) -> np.ndarray:
    """Tier of every row's show from training-row stream counts (ties share the higher tier)."""
    shows, code = np.unique(np.asarray(table.podcast_id, dtype=str), return_inverse=True)
    streamed = train[table.labels["stream"][train] == 1]
    counts = np.bincount(code[streamed], minlength=len(shows))
    positive = counts[counts > 0]
    m = len(positive)
    show_tier = np.full(len(shows), TIER_COUNT - 1, dtype=np.uint8)
    if m:
        # g = shows with a strictly larger count = m - (shows with count <= c).
        larger = m - np.searchsorted(np.sort(positive), counts, side="right")
        tiers = ((TIER_COUNT - 1) * larger) // m
        show_tier[counts > 0] = tiers[counts > 0]
    return show_tier[code]


def derive_tiers(table: Table, train: np.ndarray) -> np.ndarray:
    """Tier 0..7 of every row (uint8), from `train` rows only for the count fallback."""
    n = table.n
    tier = np.zeros(n, dtype=np.uint8)
    todo = np.ones(n, dtype=bool)
    if table.stream_tier is not None:
        given = table.stream_tier != MISSING_TIER
        tier[given] = table.stream_tier[given]
        todo &= ~given
    if table.show_streams_30d is not None:
        has = todo & ~np.isnan(table.show_streams_30d)
        tier[has] = tier_from_show_streams(table.show_streams_30d[has])
        todo &= ~has
    if todo.any():
        tier[todo] = training_count_tiers(table, train)[todo]
    return tier


def less_streamed_flags(tier: np.ndarray, show_streams_30d: np.ndarray | None) -> np.ndarray:
    """1 = less-streamed creator: streams < 5000 where known, else tier in 3..5 (uint8)."""
    lo, hi = LESS_STREAMED_TIERS
    by_tier = (tier >= lo) & (tier <= hi)
    if show_streams_30d is None:
        return by_tier.astype(np.uint8)
    known = ~np.isnan(show_streams_30d)
    return np.where(known, show_streams_30d < LESS_STREAMED_THRESHOLD, by_tier).astype(np.uint8)
