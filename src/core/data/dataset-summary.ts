/**
 * What the dashboard says about a dataset before training: counts, label rates, tiers, feature
 * columns, and the warnings the spec asks for. Plain JSON: numbers, strings, arrays, null.
 */
import { FEATURE_GROUPS, LABELS, SOURCES, TIER_COUNT } from './schema';
import type { FeatureGroup, LabelName, Source } from './schema';
import { MIN_DAYS, type DaySplit } from './split';
import type { FeatureKind, ImpressionTable } from './table';
import type { TierDerivation, TierHow } from './tiers';

export type SourceCounts = Record<Source, number>;

export interface LabelRate {
  /** Rows with label 1. */
  readonly positives: number;
  /** Rows where the label was observed (0 or 1). */
  readonly observed: number;
  /** positives / observed, or null when nothing was observed. */
  readonly rate: number | null;
}

export type SplitName = 'train' | 'val' | 'test';

export interface SplitSummary {
  readonly days: number[];
  readonly rows: SourceCounts;
  /** Rows with stream = 1 per source. */
  readonly streamPositives: SourceCounts;
}

export type DatasetWarning =
  | { readonly kind: 'few-days'; readonly message: string }
  | { readonly kind: 'missing-source'; readonly source: Source; readonly message: string }
  | {
      readonly kind: 'no-positive-stream';
      readonly source: Source;
      readonly split: SplitName;
      readonly message: string;
    }
  | { readonly kind: 'empty-tier'; readonly tier: number; readonly message: string };

export interface DatasetSummary {
  readonly rows: number;
  readonly rowsBySource: SourceCounts;
  /** Distinct days, ascending, with rows per source. */
  readonly rowsByDay: Array<{ day: number; promo: number; ad: number }>;
  readonly dayZeroDate: string | null;
  /** Null when the days could not be split (fewer than 3); see warnings. */
  readonly split: Record<SplitName, SplitSummary> | null;
  /** Over all rows, per label and source. */
  readonly labelRates: Record<LabelName, Record<Source, LabelRate>>;
  /** Rows per tier 0..7, per source. */
  readonly rowsByTier: Record<Source, number[]>;
  readonly tiers: { how: TierHow; thresholds: number[] | null; rowsByHow: Record<TierHow, number> };
  /** Model input columns by group, user_id and podcast_id included. */
  readonly features: Record<FeatureGroup, Array<{ name: string; kind: FeatureKind }>>;
  readonly optionalColumns: { streamTier: boolean; showStreams30d: boolean; cost: boolean };
  readonly ignoredColumns: string[];
  readonly warnings: DatasetWarning[];
}

const zero = (): SourceCounts => ({ promo: 0, ad: 0 });

function splitSummary(table: ImpressionTable, days: number[], rows: Int32Array): SplitSummary {
  const { source, labels } = table;
  const counts = [0, 0];
  const pos = [0, 0];
  for (let k = 0; k < rows.length; k++) {
    counts[source[rows[k]]]++;
    pos[source[rows[k]]] += labels.stream[rows[k]] === 1 ? 1 : 0;
  }
  return {
    days: [...days],
    rows: { promo: counts[0], ad: counts[1] },
    streamPositives: { promo: pos[0], ad: pos[1] },
  };
}

/**
 * Summarise `table` given its split (null when splitting failed) and derived tiers. O(n).
 * Warnings: fewer than 3 days; a source with no rows; a source with rows but no positive stream
 * label in some split (its stream AP would be undefined there); a tier with no rows at all.
 */
export function summarizeDataset(
  table: ImpressionTable,
  split: DaySplit | null,
  tiers: TierDerivation,
): DatasetSummary {
  // Counts by source code (0 promo, 1 ad) in typed arrays: string-keyed objects per row are
  // several times slower on 300k rows. Days go through their rank, not their value, because
  // integer days in a file may be large (20240101) and would make a sparse, huge array.
  const { n, source, day } = table;
  const tier = tiers.tier;
  const days = [...new Set(day)].sort((a, b) => a - b);
  const rank = new Map(days.map((d, i) => [d, i]));
  const dayCounts = new Float64Array(2 * days.length);
  const tierCounts = new Float64Array(2 * TIER_COUNT);
  for (let i = 0; i < n; i++) {
    dayCounts[2 * rank.get(day[i])! + source[i]]++;
    tierCounts[2 * tier[i] + source[i]]++;
  }
  const rowsByDay = days.map((d, k) => ({ day: d, promo: dayCounts[2 * k], ad: dayCounts[2 * k + 1] }));
  const rowsBySource = zero();
  for (const r of rowsByDay) {
    rowsBySource.promo += r.promo;
    rowsBySource.ad += r.ad;
  }
  const rowsByTier: Record<Source, number[]> = { promo: [], ad: [] };
  for (let t = 0; t < TIER_COUNT; t++) {
    rowsByTier.promo.push(tierCounts[2 * t]);
    rowsByTier.ad.push(tierCounts[2 * t + 1]);
  }

  const labelRates = {} as Record<LabelName, Record<Source, LabelRate>>;
  for (const name of LABELS) {
    const col = table.labels[name];
    const pos = [0, 0];
    const obs = [0, 0];
    for (let i = 0; i < n; i++) {
      if (col[i] > 1) continue; // MISSING_LABEL
      obs[source[i]]++;
      pos[source[i]] += col[i];
    }
    const rate = (c: number): LabelRate => ({
      positives: pos[c],
      observed: obs[c],
      rate: obs[c] ? pos[c] / obs[c] : null,
    });
    labelRates[name] = { promo: rate(0), ad: rate(1) };
  }

  const features = Object.fromEntries(
    FEATURE_GROUPS.map((g) => [g, []]),
  ) as unknown as DatasetSummary['features'];
  features.user.push({ name: 'user_id', kind: 'categorical' });
  features.content.push({ name: 'podcast_id', kind: 'categorical' });
  for (const f of table.features) features[f.group].push({ name: f.name, kind: f.kind });

  const splitOut = split && {
    train: splitSummary(table, split.trainDays, split.train),
    val: splitSummary(table, split.valDays, split.val),
    test: splitSummary(table, split.testDays, split.test),
  };

  const warnings: DatasetWarning[] = [];
  if (rowsByDay.length < MIN_DAYS) {
    warnings.push({
      kind: 'few-days',
      message: `Only ${rowsByDay.length} distinct day(s); a temporal split needs at least ${MIN_DAYS}.`,
    });
  }
  for (const s of SOURCES) {
    if (rowsBySource[s] === 0) {
      warnings.push({
        kind: 'missing-source',
        source: s,
        message: `No ${s} rows: groupings that train on ${s} cannot run.`,
      });
      continue;
    }
    if (!splitOut) continue;
    for (const name of ['train', 'val', 'test'] as const) {
      const sp = splitOut[name];
      if (sp.streamPositives[s] > 0) continue;
      const message = `No positive stream label among the ${sp.rows[s]} ${s} rows of the ${name} split.`;
      warnings.push({ kind: 'no-positive-stream', source: s, split: name, message });
    }
  }
  for (let t = 0; t < TIER_COUNT; t++) {
    if (rowsByTier.promo[t] + rowsByTier.ad[t] === 0) {
      warnings.push({
        kind: 'empty-tier',
        tier: t,
        message: `Tier ${t} has no rows; its tier charts will be empty.`,
      });
    }
  }

  return {
    rows: n,
    rowsBySource,
    rowsByDay,
    dayZeroDate: table.dayZeroDate ?? null,
    split: splitOut,
    labelRates,
    rowsByTier,
    tiers: { how: tiers.how, thresholds: tiers.thresholds ?? null, rowsByHow: { ...tiers.rowsByHow } },
    features,
    optionalColumns: {
      streamTier: table.streamTier !== null,
      showStreams30d: table.showStreams30d !== null,
      cost: table.cost !== null,
    },
    ignoredColumns: [...table.ignoredColumns],
    warnings,
  };
}

/**
 * Feature groups with at least one model input column in the summarised dataset (user_id and
 * podcast_id count for user and content); all of them while no summary is known yet.
 */
export function featureGroupsPresent(summary: Pick<DatasetSummary, 'features'> | null): FeatureGroup[] {
  return FEATURE_GROUPS.filter((g) => !summary || summary.features[g].length > 0);
}
