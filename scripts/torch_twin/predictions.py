"""The predictions file, as the app's CLI writes it (docs/results-format.md "Predictions CSV",
src/core/results/predictions-csv.ts): one row per test impression, in test-row order, columns
row, source, day, tier, less_streamed, stream, click, like, follow, podcast_id (quoted where it
needs to be) and, when the input has one, cost (empty when missing), then `<grouping>:<head>` per
head of each grouping (with two or more seeds `<grouping>:<head>@<seed>`, seeds in order)."""

from __future__ import annotations

import math

import numpy as np

from .data import LABELS, MISSING, Table
from .model import GROUPINGS

FIXED_COLUMNS = ("row", "source", "day", "tier", "less_streamed", *LABELS, "podcast_id")


def csv_cell(s: str) -> str:
    """A text cell as the app's csvCell writes it: quoted (quotes doubled) when it holds a quote,
    comma or line break."""
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in '",\r\n') else s


def js_number(x: float) -> str:
    """x as JavaScript's String(x) writes it: the shortest decimal that reads back as x (the same
    digits as Python's repr), laid out by ECMAScript's Number::toString: plain digits for
    1e-7 < |x| < 1e21 ('0.000001', '5', '0.25'), else 'd.ddde-7' / 'd.ddde+21'; 0 is '0'."""
    if x == 0:
        return "0"
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    sign = "-" if x < 0 else ""
    mantissa, _, exp = repr(abs(x)).partition("e")
    whole, _, frac = mantissa.partition(".")
    digits = (whole + frac).lstrip("0")
    e = (int(exp) if exp else 0) - len(frac)  # value = int(whole + frac) * 10^e
    stripped = digits.rstrip("0")
    e += len(digits) - len(stripped)
    s, k = stripped, len(stripped)
    n = e + k  # value = 0.s * 10^n
    if k <= n <= 21:
        return sign + s + "0" * (n - k)
    if 0 < n <= 21:
        return sign + s[:n] + "." + s[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + s
    e1 = n - 1
    return sign + s[0] + ("." + s[1:] if k > 1 else "") + "e" + ("+" if e1 > 0 else "-") + str(abs(e1))


def score_columns(groupings: list[str], seeds: list[int]) -> list[tuple[str, str, int]]:
    """(column name, grouping, seed) of every score column, in the file's order."""
    out = []
    for seed in seeds:
        for gid in groupings:
            for head in GROUPINGS[gid].heads:
                name = f"{gid}:{head}" if len(seeds) == 1 else f"{gid}:{head}@{seed}"
                out.append((name, gid, seed))
    return out


def write_predictions_csv(
    path: str,
    table: Table,
    test: np.ndarray,
    tier: np.ndarray,
    less_streamed: np.ndarray,
    groupings: list[str],
    seeds: list[int],
    scores: dict[tuple[str, int], dict[str, np.ndarray]],
) -> None:
    """scores[(grouping, seed)][head]: float32 per test row, aligned with `test`."""
    cols = score_columns(groupings, seeds)
    values = []
    for name, gid, seed in cols:
        head = name.split(":", 1)[1].split("@", 1)[0]
        v = np.asarray(scores[(gid, seed)][head], dtype=np.float32)
        if len(v) != len(test):
            raise ValueError(f"{name}: {len(v)} scores for {len(test)} test rows")
        # float32 -> the double JavaScript holds -> its shortest decimal.
        values.append([js_number(float(x)) for x in v])
    label = lambda v: "" if v == MISSING else str(int(v))  # noqa: E731
    with open(path, "w", encoding="utf-8", newline="") as f:
        cost = table.cost
        fixed = [*FIXED_COLUMNS, *(["cost"] if cost is not None else [])]
        f.write(",".join([*fixed, *(c[0] for c in cols)]) + "\n")
        for k, i in enumerate(test):
            cells = [
                str(int(i)),
                "ad" if table.source[i] == 1 else "promo",
                str(int(table.day[i])),
                str(int(tier[i])),
                str(int(less_streamed[i])),
                *(label(table.labels[c][i]) for c in LABELS),
                csv_cell(table.podcast_id[i]),
                *([] if cost is None else ["" if math.isnan(cost[i]) else js_number(float(cost[i]))]),
                *(v[k] for v in values),
            ]
            f.write(",".join(cells) + "\n")
