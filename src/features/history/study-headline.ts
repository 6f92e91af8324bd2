/**
 * What a History row says about a saved study, per kind (pure; tested in Node): what it covers
 * (groupings, the grid's target, the cold start's task and budgets) and its headline numbers:
 *   comparison: the best AP per channel and the grouping that got it;
 *   ablation:   per channel, the arms with the largest and the smallest change vs full;
 *   cold start: every method's AP on all test rows at the largest label budget.
 */
import { gridArms } from '../../core/metrics/ablation-arms';
import { COLD_START_METHODS, type ColdStartMethod } from '../../core/results/cold-start-types';
import type { Metric } from '../../core/results/results-types';
import { CHANNELS } from '../../core/metrics/segments';
import type { Source } from '../../core/data/schema';
import type { RecordOf, RunRecord } from '../../store/history-record';
import { type Headline, headlines } from './history-view';

/** One arm and its relative change vs full (a fraction) on a channel's test rows. */
export interface ArmExtreme {
  readonly arm: string;
  readonly change: number;
}

export interface GridHeadline {
  readonly channel: Source;
  /** The arm whose change is the largest (null: no arm has a defined change). */
  readonly best: ArmExtreme | null;
  readonly worst: ArmExtreme | null;
}

export type StudyHeadline =
  | { readonly kind: 'comparison'; readonly best: readonly Headline[] }
  | { readonly kind: 'ablation'; readonly target: string; readonly channels: readonly GridHeadline[] }
  | {
      readonly kind: 'cold-start';
      readonly task: string;
      /** The largest budget (percent of labels kept); null when the results have none. */
      readonly budget: number | null;
      readonly methods: readonly { readonly method: ColdStartMethod; readonly ap: Metric }[];
    };

function gridHeadline(run: RecordOf<'ablation'>): StudyHeadline {
  const grid = gridArms(run.results);
  const channels = CHANNELS.map((channel): GridHeadline => {
    let best: ArmExtreme | null = null;
    let worst: ArmExtreme | null = null;
    for (const a of grid.arms) {
      const change = a.channels[channel].change.mean;
      if (a.isFull || change === null) continue;
      if (best === null || change > best.change) best = { arm: a.id, change };
      if (worst === null || change < worst.change) worst = { arm: a.id, change };
    }
    return { channel, best, worst };
  });
  return { kind: 'ablation', target: grid.target, channels };
}

function coldStartHeadline(run: RecordOf<'cold-start'>): StudyHeadline {
  const r = run.results;
  const budget = r.budgets.length === 0 ? null : Math.max(...r.budgets);
  const methods = COLD_START_METHODS.map((method) => ({
    method,
    ap: r.methods[method].find((p) => p.budget === budget)?.ap.all.mean ?? null,
  }));
  return { kind: 'cold-start', task: r.task, budget, methods };
}

export function studyHeadline(run: RunRecord): StudyHeadline {
  if (run.kind === 'ablation') return gridHeadline(run);
  if (run.kind === 'cold-start') return coldStartHeadline(run);
  return { kind: 'comparison', best: headlines(run) };
}

/** What the study covers, in words, for the row's detail line. */
export function scopeText(run: RunRecord): string {
  if (run.kind === 'cold-start') {
    const r = run.results;
    return `new task ${r.task} (nearest head ${r.nearestHead}) at budgets ${r.budgets.join(', ')}% over ${r.seeds.length} seed(s)`;
  }
  if (run.kind === 'ablation') {
    const n = run.results.groupings.length;
    return `grid of ${run.results.ablation?.target ?? run.results.baseline}: ${n} arm${n === 1 ? '' : 's'}`;
  }
  return `${run.config.groupings.join(', ')} (baseline ${run.config.baseline})`;
}
