/**
 * What the experiment panel shows, as pure functions of the config (tested in Node): the loss
 * mask of a grouping as a source-by-task matrix, problems with the chosen groupings, which
 * preset (if any) the config still equals, and the encoder and loss-balancing choices.
 */
import type {
  BalancingKind,
  EncoderKind,
  ExperimentConfig,
  Grouping,
  GroupingId,
} from '../../core/config/experiment';
import { GROUPINGS } from '../../core/config/groupings';
import { PRESETS, type PresetId } from '../../core/config/presets';
import { SOURCES, type Source, TASKS, type TaskId } from '../../core/data/schema';

/**
 * One cell of the mask matrix. 'trains': these rows add loss to this head; 'masked': the head
 * exists and the grouping sees these rows, but the mask zeroes them (directional transfer);
 * 'not-head': the grouping has no such head; 'unseen': the grouping never trains on this source.
 */
export type MaskState = 'trains' | 'masked' | 'not-head' | 'unseen';

export interface MaskCell {
  readonly task: TaskId;
  readonly state: MaskState;
  /** Plain words for a tooltip and screen readers. */
  readonly title: string;
}

export interface MaskRow {
  readonly source: Source;
  /** Whether the grouping trains on this source's rows at all. */
  readonly seen: boolean;
  readonly cells: readonly MaskCell[];
}

function cellState(g: Pick<Grouping, 'heads' | 'mask'>, seen: boolean, s: Source, t: TaskId): MaskState {
  if (!g.heads.includes(t)) return 'not-head';
  if (!seen) return 'unseen';
  return g.mask[s][t] === 1 ? 'trains' : 'masked';
}

const TITLE: Record<MaskState, (s: Source, t: TaskId) => string> = {
  trains: (s, t) => `${s} rows train ${t}`,
  masked: (s, t) => `${s} rows never train ${t}`,
  'not-head': (_, t) => `${t} is not a head of this grouping`,
  unseen: (s) => `this grouping does not train on ${s} rows`,
};

/** The grouping's m[s][t] over both sources (rows) and all five tasks (columns). */
export function maskMatrix(g: Pick<Grouping, 'heads' | 'mask' | 'trainsOn'>): MaskRow[] {
  return SOURCES.map((source) => {
    const seen = g.trainsOn.includes(source);
    return {
      source,
      seen,
      cells: TASKS.map((task) => {
        const state = cellState(g, seen, source, task);
        return { task, state, title: TITLE[state](source, task) };
      }),
    };
  });
}

/** "promo + ad rows" for a grouping's training sources. */
export function trainsOnText(g: Pick<Grouping, 'trainsOn'>): string {
  return `${g.trainsOn.join(' + ')} rows`;
}

/** Why the chosen groupings cannot run, or null when they can. */
export function selectionProblem(groupings: readonly GroupingId[], baseline: GroupingId): string | null {
  if (groupings.length === 0) return 'Tick at least one grouping to train.';
  if (!groupings.includes(baseline))
    return `The baseline (${baseline}) is not ticked: tick it, or pick a ticked grouping as the baseline.`;
  return null;
}

/** Options of the baseline picker: every grouping, with a note on those not ticked. */
export function baselineOptions(groupings: readonly GroupingId[]): { id: GroupingId; text: string }[] {
  return (Object.keys(GROUPINGS) as GroupingId[]).map((id) => ({
    id,
    text: `${id}: ${GROUPINGS[id].label}${groupings.includes(id) ? '' : ' (not ticked)'}`,
  }));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The preset the config still equals (so its button shows as active), or null once edited. */
export function activePreset(config: ExperimentConfig): PresetId | null {
  const ids = Object.keys(PRESETS) as PresetId[];
  return ids.find((id) => deepEqual(config, withPresetData(PRESETS[id], config))) ?? null;
}

/**
 * `preset` as applied to `current`: a preset brings its simulated dataset only when the data in
 * use is simulated; a loaded file or URL stays (a user who loaded data wants to train on it).
 */
export function withPresetData(preset: ExperimentConfig, current: ExperimentConfig): ExperimentConfig {
  return current.data.kind === 'sim' ? preset : { ...preset, data: current.data };
}

/** Name and one-line meaning of each encoder, for the pickers and their help. */
export const ENCODER_TEXT: Record<EncoderKind, { readonly name: string; readonly what: string }> = {
  'shared-bottom': {
    name: 'Shared bottom',
    what: 'one MLP shared by every head, each head a tower on top (the paper).',
  },
  mmoe: {
    name: 'MMoE',
    what: 'several expert MLPs shared by all heads; each head mixes them with its own softmax gate, so heads can lean on different experts (Ma et al. 2018).',
  },
  ple: {
    name: 'PLE',
    what: 'per level, shared experts plus experts owned by each head, gated per head; only the shared mix feeds the next level, which limits interference between heads (Tang et al. 2020).',
  },
};

/** Name and one-line meaning of each loss-balancing method. */
export const BALANCING_TEXT: Record<BalancingKind, { readonly name: string; readonly what: string }> = {
  fixed: { name: 'Fixed λ', what: 'loss = Σ λ_t · loss_t with the task weights below (the paper).' },
  uncertainty: {
    name: 'Uncertainty',
    what: 'learns a log-variance s_t per head, loss = Σ exp(−s_t) · loss_t + s_t: noisier heads get less weight (Kendall et al. 2018).',
  },
  gradnorm: {
    name: 'GradNorm',
    what: 'learns weights w_t that keep the heads’ gradient norms on the last shared layer in line with how fast each head trains; α sets how hard slow heads are pulled up (Chen et al. 2018).',
  },
  pcgrad: {
    name: 'PCGrad',
    what: 'fixed λ, but where two heads’ gradients on the shared parameters conflict (negative cosine), each is projected off the other before the update (Yu et al. 2020).',
  },
};

/** The encoders the chosen groupings use (unchosen groupings do not count). */
export function encodersInUse(config: Pick<ExperimentConfig, 'groupings' | 'encoders'>): Set<EncoderKind> {
  return new Set(config.groupings.map((g) => config.encoders[g] ?? 'shared-bottom'));
}

/**
 * Which expert sizes matter for the chosen groupings: experts and expert widths for MMoE or PLE,
 * head-specific experts for PLE only.
 */
export function expertFieldsShown(config: Pick<ExperimentConfig, 'groupings' | 'encoders'>): {
  readonly experts: boolean;
  readonly taskExperts: boolean;
} {
  const used = encodersInUse(config);
  return { experts: used.has('mmoe') || used.has('ple'), taskExperts: used.has('ple') };
}

/** `config` with grouping `id` trained by encoder `kind`. */
export function withEncoder(config: ExperimentConfig, id: GroupingId, kind: EncoderKind): ExperimentConfig {
  return { ...config, encoders: { ...config.encoders, [id]: kind } };
}
