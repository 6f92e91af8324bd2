"""The app's experiment config (normalised JSON, src/core/config/experiment.ts) as a training plan.

`npm run train:torch` decodes a share link or config JSON with the app's own codec (versioned
defaults, clamping) and hands the full normalised config to the trainer, so a link means here
exactly what it means in the app. This module maps each field the trainer implements onto the
Recipe and refuses the ones it does not, rather than silently training something else.

Mapping (app field -> Recipe):
  model.embeddingDim / embeddingWidth      embedding_dim / embedding_width ('fixed', 'fourth-root')
  model.embeddingInit, embeddingScale      embedding_init 'normal' N(0, s^2) / 'uniform' U(-s, s)
  model.dropout, bnMomentum                dropout, bn_momentum
  model.encoderUnits, towerUnits           encoder_units, tower_units
  train.learningRate, lrSchedule           lr, lr_schedule
  train.adamEpsilon                        adam_eps
  train.weightDecayEmbeddings / Dense      weight_decay_embeddings / weight_decay_dense (decoupled)
  train.minCount, batchSize, maxEpochs     min_count, batch_size, epochs
  train.patience, promoShare, taskWeights  patience, promo_share, task_weights
  split.trainFraction, valFraction         train_fraction, val_fraction
Seeds: seed, seed + 1, ..., seed + rigor.repeats - 1 (the app's repeats). Groupings: config order.
Not implemented here (refused): encoders other than shared-bottom, balancing other than fixed,
rigor.tune > 0, study kinds other than the comparison.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import GROUPINGS
from .train import Recipe


class ConfigError(ValueError):
    """A config this trainer cannot train as the app would."""


@dataclass
class Plan:
    recipe: Recipe
    groupings: list[str]
    seeds: list[int]


def plan_from_config(cfg: dict) -> Plan:
    """The Recipe, groupings and seeds of a normalised experiment config (all fields present)."""
    model, train, rigor = cfg["model"], cfg["train"], cfg["rigor"]
    groupings = list(cfg["groupings"])
    problems = []
    unknown = [g for g in groupings if g not in GROUPINGS]
    if unknown:
        problems.append(f"unknown grouping(s) {', '.join(unknown)}")
    encoders = {g: cfg.get("encoders", {}).get(g, "shared-bottom") for g in groupings}
    other = sorted(f"{g}={e}" for g, e in encoders.items() if e != "shared-bottom")
    if other:
        problems.append(f"encoders other than shared-bottom ({', '.join(other)})")
    if train.get("balancing", "fixed") != "fixed":
        problems.append(f"balancing={train['balancing']} (only fixed task weights)")
    if rigor.get("tune", 0) > 0:
        problems.append(f"tune={rigor['tune']} (recipe tuning)")
    study = cfg.get("study", {}).get("kind", "comparison")
    if study != "comparison":
        problems.append(f"study={study} (only the comparison of groupings)")
    if problems:
        raise ConfigError("the PyTorch trainer does not implement: " + "; ".join(problems))
    recipe = Recipe(
        embedding_init=model["embeddingInit"],
        embedding_scale=float(model["embeddingScale"]),
        embedding_dim=int(model["embeddingDim"]),
        embedding_width=model["embeddingWidth"],
        encoder_units=tuple(int(u) for u in model["encoderUnits"]),
        tower_units=tuple(int(u) for u in model["towerUnits"]),
        bn_momentum=float(model["bnMomentum"]),
        dropout=float(model["dropout"]),
        min_count=int(train["minCount"]),
        lr=float(train["learningRate"]),
        lr_schedule=train["lrSchedule"],
        adam_eps=float(train["adamEpsilon"]),
        weight_decay_embeddings=float(train["weightDecayEmbeddings"]),
        weight_decay_dense=float(train["weightDecayDense"]),
        epochs=int(train["maxEpochs"]),
        patience=int(train["patience"]),
        batch_size=int(train["batchSize"]),
        promo_share=train["promoShare"],
        train_fraction=float(cfg["split"]["trainFraction"]),
        val_fraction=float(cfg["split"]["valFraction"]),
        task_weights={k: float(v) for k, v in train["taskWeights"].items()},
    )
    seed, repeats = int(cfg["seed"]), max(1, int(rigor["repeats"]))
    return Plan(recipe=recipe, groupings=groupings, seeds=[seed + r for r in range(repeats)])
