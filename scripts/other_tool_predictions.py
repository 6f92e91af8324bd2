"""Another tool's predictions: models trained outside Cold-Start Lab, written in its predictions format.

    python3 scripts/other_tool_predictions.py IMPRESSIONS.csv PREDICTIONS.csv [--test-days N] [--seeds S]

Stands in for a team's own pipeline (the issue's "scikit-learn model"), with numpy only: it reads an
impression file (docs/impressions.md, e.g. from `npm run data:write`), keeps the last N days as the
test set (default 3), fits three models on the earlier days and writes one row per test impression
with the metadata columns and one score column per model (docs/results-format.md, "Predictions as
input"):

- `show_rate`: the show's smoothed stream rate on the training days (a popularity baseline), one
  plain column that scores every row;
- `logreg`: one L2 logistic regression on both sources (a source indicator among its features),
  one plain column;
- `logreg_split:promo_stream@s` / `logreg_split:ad_stream@s`: a logistic regression per source,
  each fitted on a bootstrap resample of its training rows drawn with seed s (s = 1..S), so the
  analysis has repeat seeds to put intervals on.

Deterministic for a given input and seeds (numpy's PCG64 with fixed seeds, full-batch Newton steps).
"""

import argparse
import csv
import math

import numpy as np

CATEGORICAL = [
    "user_country",
    "user_age_bucket",
    "content_genre",
    "context_surface",
    "context_device",
    "creative_format",
    "creative_slot",
]
NUMERIC = ["user_listen_hours_30d", "content_episode_age_days", "show_streams_30d"]
PASS_THROUGH = [
    "source",
    "day",
    "user_id",
    "podcast_id",
    "stream",
    "click",
    "like",
    "follow",
    "stream_tier",
    "show_streams_30d",
    "cost",
]


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def design(rows, levels):
    """Features: one-hot categoricals (seen levels), log1p numerics with missing flags, hour, source."""
    cols = []
    for c in CATEGORICAL:
        values = [r.get(c, "") for r in rows]
        for level in levels[c]:
            cols.append([1.0 if v == level else 0.0 for v in values])
    for c in NUMERIC:
        raw = [r.get(c, "") for r in rows]
        cols.append([math.log1p(float(v)) if v != "" else 0.0 for v in raw])
        cols.append([1.0 if v == "" else 0.0 for v in raw])
    hours = [float(r["context_hour"]) if r.get("context_hour", "") != "" else 0.0 for r in rows]
    cols.append([math.sin(2 * math.pi * h / 24) for h in hours])
    cols.append([math.cos(2 * math.pi * h / 24) for h in hours])
    cols.append([1.0 if r["source"] == "ad" else 0.0 for r in rows])
    x = np.array(cols, dtype=np.float64).T
    return np.hstack([np.ones((x.shape[0], 1)), x])


def fit_logreg(x, y, l2=1.0, steps=12):
    """L2-penalised logistic regression by Newton's method (IRLS); returns the weights."""
    w = np.zeros(x.shape[1])
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    scale[0] = 1.0
    xs = x / scale
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(xs @ w)))
        grad = xs.T @ (p - y) + l2 * np.r_[0.0, w[1:]]
        hess = (xs.T * (p * (1 - p))) @ xs + l2 * np.diag(np.r_[0.0, np.ones(len(w) - 1)])
        w -= np.linalg.solve(hess, grad)
    return w / scale


def predict(w, x):
    return 1.0 / (1.0 + np.exp(-(x @ w)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("impressions")
    ap.add_argument("predictions")
    ap.add_argument("--test-days", type=int, default=3)
    ap.add_argument("--seeds", type=int, default=3)
    args = ap.parse_args()

    rows = read_rows(args.impressions)
    days = sorted({int(r["day"]) for r in rows})
    first_test = days[-args.test_days]
    train = [r for r in rows if int(r["day"]) < first_test]
    test = [r for r in rows if int(r["day"]) >= first_test]
    levels = {c: sorted({r.get(c, "") for r in train} - {""}) for c in CATEGORICAL}
    x_train, x_test = design(train, levels), design(test, levels)
    y_train = np.array([float(r["stream"]) for r in train])
    src_train = np.array([r["source"] for r in train])
    src_test = np.array([r["source"] for r in test])

    # Popularity baseline: the show's stream rate on the training days, shrunk to the overall rate.
    prior, weight = y_train.mean(), 20.0
    streams, shown = {}, {}
    for r, y in zip(train, y_train):
        streams[r["podcast_id"]] = streams.get(r["podcast_id"], 0.0) + y
        shown[r["podcast_id"]] = shown.get(r["podcast_id"], 0) + 1
    show_rate = np.array(
        [(streams.get(r["podcast_id"], 0.0) + weight * prior) / (shown.get(r["podcast_id"], 0) + weight) for r in test]
    )
    logreg = predict(fit_logreg(x_train, y_train), x_test)

    split = {}
    for seed in range(1, args.seeds + 1):
        rng = np.random.Generator(np.random.PCG64(seed))
        for head, source in (("promo_stream", "promo"), ("ad_stream", "ad")):
            idx = np.flatnonzero(src_train == source)
            sample = rng.choice(idx, size=len(idx), replace=True)
            w = fit_logreg(x_train[sample], y_train[sample])
            # Each head scores every row; the analysis picks the head per channel (scoringHead).
            split[(head, seed)] = predict(w, x_test)

    header = [c for c in PASS_THROUGH if c in test[0]]
    score_cols = [("show_rate", show_rate), ("logreg", logreg)]
    for seed in range(1, args.seeds + 1):
        for head in ("promo_stream", "ad_stream"):
            score_cols.append((f"logreg_split:{head}@{seed}", split[(head, seed)]))
    with open(args.predictions, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header + [name for name, _ in score_cols])
        for k, r in enumerate(test):
            out.writerow([r[c] for c in header] + [repr(float(v[k])) for _, v in score_cols])
    print(
        f"{args.predictions}: {len(test)} test rows (days {first_test}..{days[-1]}; "
        f"{int((src_test == 'ad').sum())} ad), trained on {len(train)} rows; "
        f"models show_rate, logreg, logreg_split ({args.seeds} seeds)"
    )


if __name__ == "__main__":
    main()
