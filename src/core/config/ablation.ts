/**
 * The ablation grid: from the current config and one target grouping, one arm per single change
 * (the paper's ablations of ancillary heads and feature groups, plus the loss mask, the sampling
 * and the task weights), each compared against the unchanged target ('full', the grid's
 * baseline). Changes that cannot apply to the target (e.g. sampling on a one-source grouping) are
 * listed as skipped with the reason, never silently left out.
 */
import { FEATURE_GROUPS, type FeatureGroup, type TaskId } from '../data/schema';
import { type Arm, type ArmSettings, groupingArm } from './arms';
import {
  BALANCING_KINDS,
  type BalancingKind,
  ENCODER_KINDS,
  type EncoderKind,
  type ExperimentConfig,
  type Grouping,
  type GroupingId,
  type LossMask,
} from './experiment';
import { paperMask } from './groupings';

/** Id of the unchanged target in a grid (the grid's baseline). */
export const FULL_ARM = 'full';
/** Multipliers of the ancillary heads' loss weights tried by the grid. */
export const ANC_WEIGHT_FACTORS = [0.25, 4] as const;

/**
 * Every arm id a grid can have, over all targets, settings and data (ablationGrid names its
 * variants from these): what a link's `arms=` is validated against. Which of them a given grid
 * has depends on its target and the config (gridArmsOf says which were dropped).
 */
export const ARM_IDS: readonly string[] = [
  'no-anc',
  'with-anc',
  'no-mask',
  'balanced',
  'natural',
  ...ENCODER_KINDS.map((k) => `encoder-${k}`),
  ...BALANCING_KINDS.map((k) => `balancing-${k}`),
  ...ANC_WEIGHT_FACTORS.map((k) => `anc-weight-x${k}`),
  ...FEATURE_GROUPS.map((g) => `drop-${g}`),
];

const ANC: readonly TaskId[] = ['click', 'like', 'follow'];

export interface AblationGrid {
  readonly target: GroupingId;
  readonly arms: readonly Arm[];
  /** Changes not applicable to this target, with the reason. */
  readonly skipped: readonly { readonly change: string; readonly reason: string }[];
}

/** The grid's default target: joint-5task when chosen, else the first non-baseline grouping (null: none chosen). */
export function defaultAblationTarget(
  cfg: Pick<ExperimentConfig, 'groupings' | 'baseline'>,
): GroupingId | null {
  if (cfg.groupings.includes('joint-5task')) return 'joint-5task';
  return cfg.groupings.find((g) => g !== cfg.baseline) ?? cfg.groupings[0] ?? null;
}

/** The mask with every source it trains on learning every head (no directional mask). */
function openMask(g: Grouping): LossMask {
  const all = Object.fromEntries(g.heads.map((t) => [t, 1 as const]));
  return { promo: g.trainsOn.includes('promo') ? all : {}, ad: g.trainsOn.includes('ad') ? all : {} };
}

function masksEqual(a: LossMask, b: LossMask, g: Grouping): boolean {
  return g.trainsOn.every((s) => g.heads.every((t) => (a[s][t] ?? 0) === (b[s][t] ?? 0)));
}

/**
 * Builds the grid for `target` under `cfg`: full; ancillary heads off (or on, when the target has
 * none); loss mask off (every trained source learns every head); natural vs source-balanced
 * sampling (two-source targets); each feature group in `groups` dropped in turn; ancillary loss
 * weights x0.25 and x4 (targets with ancillary heads). Every arm keeps the config's other settings.
 *
 * @param groups feature groups present in the data (dropping an absent group would change nothing)
 */
export function ablationGrid(
  cfg: ArmSettings,
  target: GroupingId,
  groups: readonly FeatureGroup[] = FEATURE_GROUPS,
): AblationGrid {
  const base = groupingArm(target, cfg);
  const g = base.grouping;
  const arms: Arm[] = [{ ...base, id: FULL_ARM, grouping: { ...g, id: FULL_ARM }, change: 'as configured' }];
  const skipped: { change: string; reason: string }[] = [];
  const variant = (id: string, change: string, patch: Partial<Omit<Arm, 'id'>>) => {
    const grouping = { ...(patch.grouping ?? g), id, label: `${g.label}: ${change}` };
    arms.push({ ...base, ...patch, id, grouping, change });
  };

  const anc = g.heads.filter((t) => ANC.includes(t));
  const stream = g.heads.filter((t) => !ANC.includes(t));
  if (anc.length > 0) variant('no-anc', 'ancillary heads off', { grouping: withHeads(g, stream) });
  else variant('with-anc', 'ancillary heads on', { grouping: withHeads(g, [...stream, ...ANC]) });

  const open = openMask(g);
  if (masksEqual(open, g.mask, g))
    skipped.push({ change: 'loss mask off', reason: 'the mask keeps every row already' });
  else
    variant('no-mask', 'loss mask off (every source trains every head)', { grouping: { ...g, mask: open } });

  if (g.trainsOn.length < 2) skipped.push({ change: 'sampling', reason: 'the target trains on one source' });
  else if (cfg.train.promoShare === 'natural')
    variant('balanced', 'source-balanced sampling (half promo)', {
      train: { ...cfg.train, promoShare: 0.5 },
    });
  else
    variant('natural', 'natural sampling (sources as in the data)', {
      train: { ...cfg.train, promoShare: 'natural' },
    });

  for (const kind of ENCODER_KINDS)
    if (kind !== base.encoder)
      variant(`encoder-${kind}`, `encoder: ${ENCODER_LABEL[kind]}`, { encoder: kind });
  if (g.heads.length < 2) skipped.push({ change: 'loss balancing', reason: 'the target has one head' });
  else
    for (const kind of BALANCING_KINDS)
      if (kind !== cfg.train.balancing)
        variant(`balancing-${kind}`, `loss balancing: ${BALANCING_LABEL[kind]}`, {
          train: { ...cfg.train, balancing: kind },
        });

  // Weights before drops: arms sharing the full feature set run back to back (one upload).
  if (anc.length === 0) skipped.push({ change: 'task weights', reason: 'the target has no ancillary heads' });
  for (const k of anc.length > 0 ? ANC_WEIGHT_FACTORS : []) {
    const taskWeights = { ...cfg.train.taskWeights };
    for (const t of anc) taskWeights[t] *= k;
    variant(`anc-weight-x${k}`, `ancillary loss weights x${k}`, { train: { ...cfg.train, taskWeights } });
  }
  for (const fg of FEATURE_GROUPS) {
    if (groups.includes(fg)) variant(`drop-${fg}`, `${fg} features dropped`, { dropGroups: [fg] });
    else skipped.push({ change: `${fg} features dropped`, reason: 'the data has no such column' });
  }

  return { target, arms, skipped };
}

/** Names of the encoders and balancing methods in words (grid changes, UI). */
export const ENCODER_LABEL: Readonly<Record<EncoderKind, string>> = {
  'shared-bottom': 'shared bottom',
  mmoe: 'MMoE',
  ple: 'PLE',
};
export const BALANCING_LABEL: Readonly<Record<BalancingKind, string>> = {
  fixed: 'fixed weights',
  uncertainty: 'uncertainty weighting',
  gradnorm: 'GradNorm',
  pcgrad: 'PCGrad',
};

/** The grouping with other heads and the paper's mask restricted to them. */
function withHeads(g: Grouping, heads: readonly TaskId[]): Grouping {
  return { ...g, heads, mask: paperMask(heads) };
}

/**
 * `grid` with only the arms `only` names besides the unchanged model (every arm when `only` is
 * empty or absent): what a study of the grid trains, in the worker and in the store's progress.
 */
export function gridOnly(grid: AblationGrid, only?: readonly string[]): AblationGrid {
  if (!only?.length) return grid;
  return { ...grid, arms: grid.arms.filter((a) => a.id === FULL_ARM || only.includes(a.id)) };
}

/**
 * The arms of `grid` that `wanted` names (besides `full`, always trained), and the wanted ids the
 * grid does not have (a link made for another target, setting or dataset). Empty `wanted`: every
 * arm. When none of the wanted arms is in the grid, every arm is kept, so the run is never just
 * the unchanged model.
 */
export function gridArmsOf(
  grid: AblationGrid,
  wanted: readonly string[],
): { readonly arms: readonly string[]; readonly missing: readonly string[] } {
  const ids = grid.arms.map((a) => a.id).filter((id) => id !== FULL_ARM);
  const missing = wanted.filter((id) => !ids.includes(id));
  const kept = ids.filter((id) => wanted.includes(id));
  return { arms: kept.length > 0 ? kept : ids, missing };
}
