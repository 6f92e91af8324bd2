/**
 * Analysis without training: a predictions file's models become the groupings of a results
 * document, built by the same code a trained run uses (buildResults per seed, then the rigor
 * section: intervals over seeds, the paired bootstrap, the budget replay, PR curves). So Table 1,
 * the tier tables, the verdicts, the exports and the slides read it as they read a trained run.
 */
import { DEFAULT_CONFIG } from '../config/defaults';
import { paperMask } from '../config/groupings';
import { SOURCE_CODE, TIER_COUNT } from '../data/schema';
import { type RigorInput, type RigorStep, rigorSteps } from '../metrics/rigor';
import { buildResults, type ExperimentResults, type GroupingRunInput } from '../results/results';
import type { Predictions } from './predictions-builder';

export interface AnalyseOptions {
  /** The file's name or URL, recorded in the results. */
  readonly file: string;
  /** The model relative changes, the bootstrap and the verdicts compare against (a model id). */
  readonly baseline: string;
  /** Budget replay: share q of each show's ad rows every model buys, in (0, 1]. */
  readonly buyShare: number;
  /** Paired bootstrap resamples (0 = off). */
  readonly bootstrap: number;
  /** Seeds the bootstrap's resampling; also the seed a file without `@<seed>` columns is labelled with. */
  readonly seed: number;
  /** ISO 8601 time, passed in so the analysis stays pure. */
  readonly createdAt: string;
  /** Invalid rows the reader skipped (recorded in the results). */
  readonly skippedRows?: number;
}

/** Defaults for the options a caller leaves out: the app's own rigor defaults and seed. */
export const ANALYSE_DEFAULTS = {
  buyShare: DEFAULT_CONFIG.rigor.buyShare,
  bootstrap: DEFAULT_CONFIG.rigor.bootstrap,
  seed: DEFAULT_CONFIG.seed,
} as const;

/** Why `baseline` cannot be the baseline of this file, or null when it can. */
export function baselineProblem(p: Pick<Predictions, 'models'>, baseline: string): string | null {
  if (p.models.some((m) => m.id === baseline)) return null;
  return `baseline "${baseline}" is not a model of the file (models: ${p.models.map((m) => m.id).join(', ')})`;
}

/** Rows per channel and tier, as the dataset summary counts them (for the slides' title line). */
function rowsByTier(p: Predictions): { promo: number[]; ad: number[] } {
  const out = { promo: new Array<number>(TIER_COUNT).fill(0), ad: new Array<number>(TIER_COUNT).fill(0) };
  for (let i = 0; i < p.n; i++) out[p.source[i] === SOURCE_CODE.ad ? 'ad' : 'promo'][p.tier[i]]++;
  return out;
}

/**
 * The first seed's results (no rigor section yet) and what the rigor section is built from. A
 * file without seeds is one run labelled `opts.seed`; a model without seeds in a file with seeds
 * gives the same scores at every seed (its interval over seeds has width 0).
 *
 * @throws Error when the baseline is not a model of the file.
 */
export function analysisParts(
  p: Predictions,
  opts: AnalyseOptions,
): { readonly results: ExperimentResults; readonly rigorInput: RigorInput } {
  const problem = baselineProblem(p, opts.baseline);
  if (problem) throw new Error(problem);
  const seeds = p.seeds.map((s) => s ?? opts.seed);
  const testRows = new Int32Array(p.n);
  for (let i = 0; i < p.n; i++) testRows[i] = i;
  const rows = { promo: 0, ad: 0 };
  for (let i = 0; i < p.n; i++) rows[p.source[i] === SOURCE_CODE.ad ? 'ad' : 'promo']++;
  // As deriveTiers says it: the least direct route any row needed.
  const tiersHow = p.tierFrom.show_streams_30d > 0 ? 'show_streams_30d' : 'given';
  const dataset = { rows: p.n, rowsBySource: rows, rowsByTier: rowsByTier(p), tiers: { how: tiersHow } };
  const analysis = {
    file: opts.file,
    rows: p.n,
    skippedRows: opts.skippedRows ?? 0,
    scoreColumns: [...p.scoreColumns],
    tiersFrom: { given: p.tierFrom.given, show_streams_30d: p.tierFrom.show_streams_30d },
    lessStreamedFrom: { ...p.lessStreamedFrom },
    shows: p.shows,
    cost: p.cost !== null,
  };
  const groupings = p.models.map((m) => ({
    id: m.id,
    label: m.plain ? `${m.id} (one score for every row)` : m.id,
    trainsOn: [] as const,
    heads: m.heads,
    mask: paperMask(m.heads),
  }));
  const perSeedResults = p.scores.map((scores) =>
    buildResults({
      createdAt: opts.createdAt,
      backend: 'predictions',
      config: {
        seed: opts.seed,
        rigor: { repeats: seeds.length, buyShare: opts.buyShare, bootstrap: opts.bootstrap, tune: 0 },
        data: { kind: 'file', name: opts.file },
      },
      dataset,
      baseline: opts.baseline,
      testRows,
      source: p.source,
      stream: p.stream,
      tier: p.tier,
      lessStreamed: p.lessStreamed,
      groupings: groupings.map((grouping): GroupingRunInput => ({
        grouping,
        scores: scores.get(grouping.id) ?? {},
        history: [],
        trainMs: 0,
      })),
    }),
  );
  const rigorInput: RigorInput = {
    seeds,
    perSeedResults,
    perSeedScores: p.scores,
    groupings,
    baseline: opts.baseline,
    testRows,
    source: p.source,
    stream: p.stream,
    click: p.click,
    show: p.show,
    cost: p.cost,
    tier: p.tier,
    lessStreamed: p.lessStreamed,
    buyShare: opts.buyShare,
    bootstrapResamples: opts.bootstrap,
    seed: opts.seed,
  };
  return { results: { ...perSeedResults[0], analysis }, rigorInput };
}

/**
 * The analysis in steps (the rigor section's: see rigorSteps), so the worker can report progress
 * and stop between units; Node runs it straight through with runSteps.
 */
export function* analyseSteps(
  p: Predictions,
  opts: AnalyseOptions,
): Generator<RigorStep, ExperimentResults, void> {
  const { results, rigorInput } = analysisParts(p, opts);
  const rigor = yield* rigorSteps(rigorInput);
  return { ...results, rigor };
}
