"""Impression files -> arrays a model can train on, written from the specs alone.

Contracts: /work/shared/spec/impressions.md (the file format) and experiments.md ("Data handling").
Where the spec is silent, the choice below matches the app's TypeScript (src/core/data/*.ts) and a
comment says so; nothing here imports or runs that code, so a bug there shows up as a difference.

Pipeline:
  read_table(path)            CSV or JSON Lines -> Table (typed label columns, raw feature values)
  split_days(days, tf, vf)    the temporal split: earliest days train, then validation, then test
  encode(table, split, ...)   vocabularies / statistics from training days only -> Encoded
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import math
import re
from dataclasses import dataclass, field

import numpy as np

# ---------------------------------------------------------------------------------------------
# Schema (impressions.md)

REQUIRED = ("source", "day", "user_id", "podcast_id", "stream")
OPTIONAL_LABELS = ("click", "like", "follow")
SEGMENT = ("stream_tier", "show_streams_30d", "cost")
KNOWN = REQUIRED + OPTIONAL_LABELS + SEGMENT
#: Label columns in a fixed order; a task's label is one of these (experiments.md, "Tasks").
LABELS = ("stream", "click", "like", "follow")
FEATURE_PREFIXES = ("user_", "content_", "context_", "creative_")
#: Missing label marker in the uint8 label columns (observed labels are 0 or 1).
MISSING = 255
#: Source codes: the paper's s(x) in {P, A}.
PROMO, AD = 0, 1
#: A `stream_tier` cell that is empty (the app's MISSING_TIER).
MISSING_TIER = -1

# A decimal number as people and programs write it (no hex, no inf/nan). The spec says "numbers:
# numeric"; this regex is the app's reading of "a number" (table-builder-cells.ts NUMBER_RE).
_NUMBER_RE = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_EPOCH = _dt.date(1970, 1, 1)


class DataError(ValueError):
    """A file the spec says must be refused (missing column, bad value, too few days)."""


def parse_number(s: str) -> float | None:
    """The finite number a cell holds, or None."""
    if not _NUMBER_RE.match(s):
        return None
    x = float(s)
    return x if math.isfinite(x) else None


def _parse_source(s: str) -> int:
    v = s.lower()
    if v in ("ad", "a"):
        return AD
    if v in ("promo", "p"):
        return PROMO
    raise ValueError("source must be ad or promo (A/P accepted)")


def _parse_label(s: str, required: bool) -> int:
    """0/1 (also 1.0, true/false); '' = missing unless the column is required (stream)."""
    if s == "":
        if required:
            raise ValueError("required (0 or 1)")
        return MISSING
    v = s.lower()
    if v in ("true", "false"):
        return int(v == "true")
    x = parse_number(s)
    if x in (0.0, 1.0):
        return int(x)
    raise ValueError("must be 0 or 1")


def _parse_tier(s: str) -> int:
    """`stream_tier`: an integer 0..7 (as a number: 3 or 3.0); '' = MISSING_TIER."""
    if s == "":
        return MISSING_TIER
    x = parse_number(s)
    if x is None or x != int(x) or not 0 <= x <= 7:
        raise ValueError("stream_tier must be an integer 0..7")
    return int(x)


def _parse_non_negative(s: str, column: str) -> float:
    """A number >= 0 (show_streams_30d); '' = NaN."""
    if s == "":
        return math.nan
    x = parse_number(s)
    if x is None or x < 0:
        raise ValueError(f"{column} must be a number >= 0")
    return x


def _parse_day(s: str) -> tuple[str, int]:
    """('int', d) for an integer >= 0, ('date', days since 1970-01-01) for YYYY-MM-DD."""
    if s.isdigit() and s.isascii() and int(s) <= 2**31 - 1:
        return "int", int(s)
    m = _DATE_RE.match(s)
    if m:
        try:
            return "date", (_dt.date(int(m[1]), int(m[2]), int(m[3])) - _EPOCH).days
        except ValueError:
            pass
    raise ValueError("day must be an integer >= 0 or a date YYYY-MM-DD")


# ---------------------------------------------------------------------------------------------
# Reading


@dataclass
class Table:
    """One impression per row. Feature values stay raw text until encode() infers their kind."""

    n: int
    source: np.ndarray  # uint8 [n], PROMO / AD
    day: np.ndarray  # int64 [n]; only the order of days matters
    labels: dict[str, np.ndarray]  # name -> uint8 [n], MISSING when not observed
    user_id: list[str]
    podcast_id: list[str]
    features: dict[str, list[str]]  # feature column -> trimmed cell text per row ('' = missing)
    ignored: list[str] = field(default_factory=list)
    #: `stream_tier` 0..7, MISSING_TIER where empty; None when the column is absent.
    stream_tier: np.ndarray | None = None
    #: `show_streams_30d` (>= 0), NaN where empty; None when the column is absent.
    show_streams_30d: np.ndarray | None = None
    #: `cost` (>= 0), NaN where empty; None when the column is absent (the predictions file carries it).
    cost: np.ndarray | None = None


def _cell_text(v: object) -> str:
    """A JSON value as the text a CSV would hold ('' for null). Booleans as true/false."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float, str)):
        return str(v).strip()
    raise ValueError(f"not a scalar: {json.dumps(v)[:60]}")


def _rows_csv(path: str):
    # newline='' lets the csv module handle RFC 4180 quoted newlines itself.
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            raise DataError(f"{path}: empty file") from None
        yield header
        for row in reader:
            if row == []:  # a blank line (e.g. the trailing one) is not a row
                continue
            if len(row) != len(header):
                raise DataError(
                    f"{path}: row {reader.line_num - 1} has {len(row)} cells, the header {len(header)}"
                )
            yield [c.strip() for c in row]


def _rows_jsonl(path: str):
    """JSON Lines: the union of keys (in first-seen order) is the header; a missing key = ''."""
    objects = []
    keys: dict[str, None] = {}
    with open(path, encoding="utf-8-sig") as f:
        for line_no, line in enumerate(f, 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise DataError(f"{path}: line {line_no} is not a JSON object")
            objects.append(obj)
            for k in obj:
                keys.setdefault(k.strip(), None)
    header = list(keys)
    yield header
    for obj in objects:
        o = {k.strip(): v for k, v in obj.items()}
        yield [_cell_text(o.get(k)) for k in header]


def read_table(path: str) -> Table:
    """Reads a CSV (default) or JSON Lines (.jsonl / .ndjson) impression file. Raises DataError."""
    rows = _rows_jsonl(path) if path.endswith((".jsonl", ".ndjson")) else _rows_csv(path)
    header = next(rows)
    if len(set(header)) != len(header):
        raise DataError(f"{path}: a column appears twice")
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise DataError(f"{path}: required column(s) {', '.join(missing)} missing")
    pos = {c: header.index(c) for c in KNOWN if c in header}
    feat = [
        (h, k)
        for k, h in enumerate(header)
        if h not in KNOWN and h.startswith(FEATURE_PREFIXES)
    ]
    ignored = [h for h in header if h not in KNOWN and not h.startswith(FEATURE_PREFIXES)]

    source, day, users, shows, tiers, streams30, costs = [], [], [], [], [], [], []
    labels: dict[str, list[int]] = {c: [] for c in LABELS}
    features: dict[str, list[str]] = {h: [] for h, _ in feat}
    day_kind = None
    for r, cells in enumerate(rows, 1):
        try:
            s = _parse_source(cells[pos["source"]])
            kind, d = _parse_day(cells[pos["day"]])
            if day_kind is not None and kind != day_kind:
                raise ValueError("day mixes integers and dates")
            day_kind = kind
            u, p = cells[pos["user_id"]], cells[pos["podcast_id"]]
            if u == "" or p == "":
                raise ValueError("user_id and podcast_id are required")
            ys = [
                _parse_label(cells[pos[c]], c == "stream") if c in pos else MISSING
                for c in LABELS
            ]
            tier = _parse_tier(cells[pos["stream_tier"]]) if "stream_tier" in pos else MISSING_TIER
            s30 = (
                _parse_non_negative(cells[pos["show_streams_30d"]], "show_streams_30d")
                if "show_streams_30d" in pos
                else math.nan
            )
            cost = _parse_non_negative(cells[pos["cost"]], "cost") if "cost" in pos else math.nan
        except ValueError as e:
            raise DataError(f"{path}: row {r}: {e}") from None
        source.append(s)
        day.append(d)
        users.append(u)
        shows.append(p)
        tiers.append(tier)
        streams30.append(s30)
        costs.append(cost)
        for c, y in zip(LABELS, ys):
            labels[c].append(y)
        for h, k in feat:
            features[h].append(cells[k])
    n = len(source)
    if n == 0:
        raise DataError(f"{path}: has a header but no data rows")
    days = np.asarray(day, dtype=np.int64)
    if day_kind == "date":
        days -= days.min()  # days since the earliest date, as the app counts them
    return Table(
        n=n,
        source=np.asarray(source, dtype=np.uint8),
        day=days,
        labels={c: np.asarray(v, dtype=np.uint8) for c, v in labels.items()},
        user_id=users,
        podcast_id=shows,
        features=features,
        ignored=ignored,
        stream_tier=np.asarray(tiers, dtype=np.int8) if "stream_tier" in pos else None,
        show_streams_30d=np.asarray(streams30, dtype=np.float64) if "show_streams_30d" in pos else None,
        cost=np.asarray(costs, dtype=np.float64) if "cost" in pos else None,
    )


# ---------------------------------------------------------------------------------------------
# Temporal split (experiments.md: "earliest days train, then validation, then test, default
# 70/15/15 of the distinct days")


@dataclass
class Split:
    train_days: list[int]
    val_days: list[int]
    test_days: list[int]
    train: np.ndarray  # row indices, ascending
    val: np.ndarray
    test: np.ndarray


def _js_round(x: float) -> int:
    # JavaScript's Math.round (halves round up), not Python's banker's round().
    return math.floor(x + 0.5)


def split_day_counts(d: int, train_fraction: float = 0.7, val_fraction: float = 0.15):
    """How many of d distinct days go to (train, val, test).

    The spec fixes only "70/15/15 of the distinct days"; the rounding is the app's (split.ts), so
    the day sets are identical: trainEnd = round(d * tf), valEnd = round(d * (tf + vf)), with a
    1e-9 nudge so a boundary on .5 rounds up despite binary noise (0.7 + 0.15 != 0.85), then
    clamped so each split keeps at least one day. 20 days -> 14/3/3, 10 -> 7/2/1, 21 -> 15/3/3.
    """
    tf, vf = train_fraction, val_fraction
    if not (tf > 0 and vf > 0 and tf + vf < 1):
        raise DataError("split fractions must be positive with train + validation < 1")
    if d < 3:
        raise DataError(f"the data has {d} distinct day(s); a temporal split needs at least 3")
    eps = 1e-9
    train_end = min(max(_js_round(d * tf + eps), 1), d - 2)
    val_end = min(max(_js_round(d * (tf + vf) + eps), train_end + 1), d - 1)
    return train_end, val_end - train_end, d - val_end


def split_days(day: np.ndarray, train_fraction: float = 0.7, val_fraction: float = 0.15) -> Split:
    """Whole days go to one split; every validation day is after every training day, etc."""
    distinct = sorted(set(int(x) for x in np.unique(day)))
    nt, nv, _ = split_day_counts(len(distinct), train_fraction, val_fraction)
    train_days, val_days, test_days = distinct[:nt], distinct[nt : nt + nv], distinct[nt + nv :]
    idx = np.arange(len(day))
    return Split(
        train_days=train_days,
        val_days=val_days,
        test_days=test_days,
        train=idx[day <= train_days[-1]],
        val=idx[(day > train_days[-1]) & (day <= val_days[-1])],
        test=idx[day > val_days[-1]],
    )


# ---------------------------------------------------------------------------------------------
# Encoding


def build_vocab(values: np.ndarray, train: np.ndarray, min_count: int):
    """Vocabulary of a categorical column from the training rows.

    Values seen at least min_count times in the training rows get indices 1..V-1 (sorted by
    value; the order is arbitrary and only has to be fixed); everything else, including values
    first seen on a later day and missing cells (''), maps to the out-of-vocabulary index 0.
    min_count is at least 1: a test-only value must never get its own index (a leak).
    Returns (index per row of `values`, V including index 0).
    """
    min_count = max(1, int(min_count))
    uniq, inv = np.unique(values, return_inverse=True)
    counts = np.bincount(inv[train], minlength=len(uniq))
    kept = (counts >= min_count) & (uniq != "")
    index = np.zeros(len(uniq), dtype=np.int64)
    index[kept] = np.arange(1, int(kept.sum()) + 1)
    return index[inv], int(kept.sum()) + 1


def infer_kind(values: list[str]) -> str:
    """The spec's kind rule: 'numeric' when every non-missing value is a number, else 'multi'
    when any value holds '|', else 'categorical'. (A column missing on every row is numeric, as
    in the app: it then contributes only its missing indicator, constantly 1.)"""
    distinct = set(values)
    distinct.discard("")
    if all(parse_number(v) is not None for v in distinct):
        return "numeric"
    if any("|" in v for v in distinct):
        return "multi"
    return "categorical"


@dataclass
class Encoded:
    """Model inputs for every row; statistics and vocabularies come from the training days only.

    cat       int64 [n, C]   vocabulary index per categorical column (user_id, podcast_id, ...)
    multi_idx int64 [n, W]   vocabulary index per slot, all multi columns side by side
    multi_w   float32 [n, W] slot weights: 1/k on the k filled slots of a column, 0 elsewhere,
                             so sum_slots w * E[idx] is the mean of the row's embeddings
    num       float32 [n, 2K] per numeric column: standardised value, missing indicator
    y, present float32 [n, 4] labels in LABELS order; present = 0 where the label is missing
    """

    n: int
    source: np.ndarray
    split: Split
    cat_names: list[str]
    cat_sizes: list[int]
    cat: np.ndarray
    multi_names: list[str]
    multi_sizes: list[int]
    multi_slots: list[tuple[int, int]]  # (offset, max_len) of each multi column in multi_idx
    multi_idx: np.ndarray
    multi_w: np.ndarray
    num_names: list[str]
    num_stats: list[tuple[float, float]]  # (mean, std) per numeric column
    num: np.ndarray
    y: np.ndarray
    present: np.ndarray

    def describe(self) -> dict:
        return {
            "categorical": dict(zip(self.cat_names, self.cat_sizes)),
            "multi": {
                name: {"vocab": v, "max_len": s[1]}
                for name, v, s in zip(self.multi_names, self.multi_sizes, self.multi_slots)
            },
            "numeric": self.num_names,
        }


def _encode_multi(values: list[str], train: np.ndarray, min_count: int, cap: int):
    """A '|'-separated column: parts trimmed, empty parts dropped, vocabulary from all parts of
    the training rows. The spec says only "mean of embeddings"; the slot rule is the app's
    (encode.ts): max_len = max(1, min(cap, longest training list)); a row with k values keeps
    its first min(k, max_len) (longer lists truncated), each weighted 1/filled; an OOV value keeps
    its slot with index 0 (it still counts in the mean); a row with no value is a zero vector."""
    parts = [[p.strip() for p in v.split("|") if p.strip()] if v else [] for v in values]
    lengths = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
    flat = np.asarray([p for ps in parts for p in ps] or [""], dtype=object).astype(str)
    row_of = np.repeat(np.arange(len(parts)), lengths)
    in_train = np.zeros(len(parts), dtype=bool)
    in_train[train] = True
    codes, size = build_vocab(flat, np.nonzero(in_train[row_of])[0], min_count)
    longest = int(lengths[train].max()) if len(train) else 0
    max_len = max(1, min(cap, longest))
    idx = np.zeros((len(parts), max_len), dtype=np.int64)
    w = np.zeros((len(parts), max_len), dtype=np.float32)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    for i, (start, k) in enumerate(zip(starts, lengths)):
        k = min(int(k), max_len)
        if k:
            idx[i, :k] = codes[start : start + k]
            w[i, :k] = 1.0 / k
    return idx, w, size, max_len


def numeric_stats(x: np.ndarray, train: np.ndarray) -> tuple[float, float]:
    """Mean and population std of the finite training values; std = 1 when it is 0 or there are
    none, so (x - mean) / std stays finite. (Population vs sample std is the app's choice.)"""
    v = x[train]
    v = v[np.isfinite(v)]
    if len(v) == 0:
        return 0.0, 1.0
    mean = float(v.mean())
    std = float(np.sqrt(np.mean((v - mean) ** 2)))
    return mean, std if std > 0 else 1.0


def encode(table: Table, split: Split, min_count: int = 2, max_multi_len: int = 8) -> Encoded:
    """Encodes every row with vocabularies and statistics from split.train only."""
    train = split.train
    cat_names, cat_sizes, cat_cols = [], [], []
    multi_names, multi_sizes, multi_slots, multi_idx, multi_w = [], [], [], [], []
    num_names, num_stats, num_cols = [], [], []
    offset = 0
    columns = [("user_id", table.user_id, "categorical"), ("podcast_id", table.podcast_id, "categorical")]
    columns += [(name, vals, infer_kind(vals)) for name, vals in table.features.items()]
    for name, vals, kind in columns:
        if kind == "categorical":
            codes, size = build_vocab(np.asarray(vals, dtype=str), train, min_count)
            cat_names.append(name)
            cat_sizes.append(size)
            cat_cols.append(codes)
        elif kind == "multi":
            idx, w, size, max_len = _encode_multi(vals, train, min_count, max(1, max_multi_len))
            multi_names.append(name)
            multi_sizes.append(size)
            multi_slots.append((offset, max_len))
            multi_idx.append(idx)
            multi_w.append(w)
            offset += max_len
        else:
            x = np.asarray([float(v) if v != "" else np.nan for v in vals], dtype=np.float64)
            mean, std = numeric_stats(x, train)
            missing = ~np.isfinite(x)
            # Standardised value, 0 where missing, plus a 0/1 missing indicator (impressions.md).
            z = np.where(missing, 0.0, (np.where(missing, mean, x) - mean) / std)
            num_names.append(name)
            num_stats.append((mean, std))
            num_cols += [z, missing.astype(np.float64)]
    n = table.n
    y = np.zeros((n, len(LABELS)), dtype=np.float32)
    present = np.zeros((n, len(LABELS)), dtype=np.float32)
    for t, c in enumerate(LABELS):
        obs = table.labels[c] != MISSING
        y[obs, t] = table.labels[c][obs]
        present[obs, t] = 1.0
    return Encoded(
        n=n,
        source=table.source,
        split=split,
        cat_names=cat_names,
        cat_sizes=cat_sizes,
        cat=np.stack(cat_cols, axis=1),
        multi_names=multi_names,
        multi_sizes=multi_sizes,
        multi_slots=multi_slots,
        multi_idx=np.concatenate(multi_idx, axis=1) if multi_idx else np.zeros((n, 0), np.int64),
        multi_w=np.concatenate(multi_w, axis=1) if multi_w else np.zeros((n, 0), np.float32),
        num_names=num_names,
        num_stats=num_stats,
        num=np.stack(num_cols, axis=1).astype(np.float32) if num_cols else np.zeros((n, 0), np.float32),
        y=y,
        present=present,
    )
