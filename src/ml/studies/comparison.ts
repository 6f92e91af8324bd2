/**
 * A study: the same arms trained once per repeat seed (cfg.seed, cfg.seed + 1, ...) on the same
 * data, then the rigor section (intervals over seeds, paired bootstrap, budget replay, PR curves)
 * built from every seed's test scores. The first seed's results carry the per-grouping detail
 * (segments, training history), so one repeat gives exactly the plain run. With rigor.vary =
 * 'data' on simulated data, repeat r >= 1 trains on its own draw (the data of seed cfg.seed + r):
 * the intervals over repeats then include the data's variance, and the row-level parts
 * (bootstrap, replay, curves) are the first repeat's, the only rows every model of it scored.
 * With a RepeatPool (the worker's helpers) repeats after the first train at once elsewhere, with
 * the same results (repeat-pool.ts); redrawn data stays on this thread, one repeat after another.
 */
import type { Arm } from '../../core/config/arms';
import { comparisonArms } from '../../core/config/arms';
import type { ExperimentConfig } from '../../core/config/experiment';
import type { PreparedData } from '../../core/data/prepare';
import { driveStages } from '../../core/data/steps';
import type { ExperimentResults } from '../../core/results/results';
import { predictionFingerprint, type Reproduction } from '../../core/results/prediction-fingerprint';
import { type RigorInput, type RigorStep, rigorSteps } from '../../core/metrics/rigor';
import type { RunOptions } from '../train/run-types';
import { runExperiment } from '../train/runner';
import type { StudyContext, StudyDefinition } from './lifecycle';
import { type RepeatPool, runRepeats } from './repeat-pool';
import { tuneArms } from './tuning';
import type { ScoresByHead } from '../train/trainer';

export interface StudyOptions extends RunOptions {
  /**
   * Called before each repeat this thread trains starts (0-based), with how many repeats train
   * at once (this thread's and the pool's together; 1 without a pool).
   */
  readonly onRepeat?: (index: number, of: number, seed: number, atOnce: number) => void;
  /**
   * The dataset of `cfg` with another seed (a fresh simulated draw), for rigor.vary = 'data';
   * without it such a study cannot start.
   */
  readonly redraw?: (seed: number) => Promise<PreparedData>;
  /** Trains repeats at once on other threads (the worker's helpers); absent: one after another. */
  readonly repeatPool?: RepeatPool;
}

/** Whether the repeats of `cfg` redraw the data (simulated data and rigor.vary = 'data'). */
export function redrawsData(cfg: Pick<ExperimentConfig, 'data' | 'rigor'>): boolean {
  return cfg.rigor.vary === 'data' && cfg.data.kind === 'sim';
}

export interface StudyOutput {
  readonly results: ExperimentResults;
  /**
   * Test scores per seed (seed order), per arm id and head, aligned with data.split.test; with
   * the data redrawn per repeat only the first repeat's (the others scored other rows).
   */
  readonly perSeedScores: readonly ReadonlyMap<string, ScoresByHead>[];
  /** The seeds of perSeedScores. */
  readonly seeds: readonly number[];
  /** What the rigor section was built from (the replay can be rebuilt from it at another buy share). */
  readonly rigorInput: RigorInput;
  /** Wall-clock milliseconds spent building the rigor section (bootstrap, replay, curves). */
  readonly rigorMs: number;
}

/** Seeds of the repeats: cfg.seed + r for r < repeats (kept within uint32). */
export function repeatSeeds(cfg: Pick<ExperimentConfig, 'seed' | 'rigor'>): number[] {
  return Array.from({ length: cfg.rigor.repeats }, (_, r) => (cfg.seed + r) >>> 0);
}

export async function runStudy(
  data: PreparedData,
  cfg: ExperimentConfig,
  opts: StudyOptions,
): Promise<StudyOutput> {
  const arms: readonly Arm[] = opts.arms ?? comparisonArms(cfg);
  const baseline = opts.baseline ?? cfg.baseline;
  const seeds = repeatSeeds(cfg);
  const { checkpoint } = opts;
  const redraw = redrawsData(cfg);
  if (redraw && !opts.redraw) throw new Error('rigor.vary = data needs a way to redraw the data');
  // Each repeat's share of its groupings done; the study's fraction is their mean.
  const done = seeds.map(() => 0);
  // A repeat that failed stops the others (at once) at their next checkpoint.
  let failure: { readonly error: unknown } | undefined;
  const noting = <T>(p: Promise<T>) =>
    p.catch((error: unknown) => {
      failure ??= { error };
      throw error;
    });
  const inRepeat = (r: number): RunOptions['checkpoint'] =>
    checkpoint
      ? (phase, message, f) => {
          if (failure) throw failure.error;
          if (f !== undefined) done[r] = f;
          const text = seeds.length > 1 ? `seed ${r + 1} of ${seeds.length}: ${message}` : message;
          return checkpoint(
            phase,
            text,
            f === undefined ? undefined : done.reduce((a, b) => a + b) / seeds.length,
          );
        }
      : undefined;
  // Redrawn data stays on this thread (each repeat would first have to draw its own data here).
  const pool = redraw ? undefined : opts.repeatPool;
  const lanes = Math.min(pool?.size ?? 1, seeds.length);
  const here = async (r: number) => {
    const seed = seeds[r];
    opts.onRepeat?.(r, seeds.length, seed, lanes);
    const drawn = redraw && r > 0 ? await opts.redraw!(seed) : data;
    const out = await runExperiment(drawn, cfg, { ...opts, arms, baseline, seed, checkpoint: inRepeat(r) });
    done[r] = 1;
    return out;
  };
  const elsewhere = async (r: number) => {
    const request = { data, cfg, arms, baseline, seed: seeds[r], backend: opts.backend };
    const out = await pool!.run(request, inRepeat(r) ?? (() => Promise.resolve()));
    if (out) done[r] = 1;
    return out;
  };
  const outs = await runRepeats(
    seeds.length,
    lanes,
    (r) => noting(here(r)),
    (r) => noting(elsewhere(r)),
  );
  const { table, split } = data;
  const t0 = performance.now();
  const rigorInput: RigorInput = {
    seeds,
    perSeedResults: outs.map((o) => o.results),
    perSeedScores: (redraw ? outs.slice(0, 1) : outs).map((o) => o.testScores),
    varies: redraw ? 'data and training' : 'training',
    groupings: arms.map((a) => a.grouping),
    baseline,
    testRows: split.test,
    source: table.source,
    stream: table.labels.stream,
    click: table.labels.click,
    show: table.podcastId.codes,
    cost: table.cost,
    tier: data.tiers.tier,
    lessStreamed: data.lessStreamed,
    truth: table.truth,
    buyShare: cfg.rigor.buyShare,
    bootstrapResamples: cfg.rigor.bootstrap,
    seed: cfg.seed,
  };
  const rigor = await driveStages(rigorSteps(rigorInput), (s) =>
    checkpoint ? checkpoint(s.phase, RIGOR_TEXT[s.phase], s.fraction) : Promise.resolve(),
  );
  const reproduction: Reproduction = {
    predictions: predictionFingerprint(
      outs.map((o) => o.testScores),
      arms.map((a) => a.grouping.id),
    ),
    backend: opts.backend,
    ...(opts.adapter ? { adapter: opts.adapter } : {}),
  };
  return {
    results: { ...outs[0].results, rigor, reproduction },
    perSeedScores: rigorInput.perSeedScores,
    seeds: redraw ? seeds.slice(0, 1) : seeds,
    rigorInput,
    rigorMs: performance.now() - t0,
  };
}

const RIGOR_TEXT: Record<RigorStep['phase'], string> = {
  intervals: 'intervals over seeds',
  bootstrap: 'paired bootstrap against the baseline',
  replay: 'budget replay',
  curves: 'precision-recall curves',
};

/** A study's context as the runner's options (the training detail and the checkpoints). */
export function studyOptionsOf(ctx: StudyContext): StudyOptions {
  return {
    backend: ctx.backend,
    ...(ctx.adapter ? { adapter: ctx.adapter } : {}),
    onEvent: ctx.onRunEvent,
    onRepeat: (index, of, _seed, atOnce) => ctx.onRepeat(index, of, atOnce),
    shouldStop: ctx.shouldStop,
    checkpoint: ctx.checkpoint,
    yieldEvery: ctx.yieldEvery,
    progressEvery: ctx.progressEvery,
    ...(ctx.repeatPool ? { repeatPool: ctx.repeatPool } : {}),
  };
}

/**
 * The comparison of the config's groupings: with rigor.tune > 0, each grouping's recipe is chosen
 * on validation first (tuning.ts) and the results carry the search; then runStudy.
 */
export async function runComparison(
  data: PreparedData,
  cfg: ExperimentConfig,
  opts: StudyOptions,
): Promise<StudyOutput> {
  if (!(cfg.rigor.tune > 0)) return runStudy(data, cfg, opts);
  const tuned = await tuneArms(data, cfg, opts);
  const out = await runStudy(data, cfg, { ...opts, arms: tuned.arms });
  return { ...out, results: { ...out.results, tuning: tuned.tuning } };
}

/** The comparison of the config's groupings against its baseline, over the repeat seeds. */
export const comparisonStudy: StudyDefinition<'comparison'> = {
  kind: 'comparison',
  async run(data, cfg, _spec, ctx) {
    const redraw = ctx.dataFor ? (seed: number) => ctx.dataFor!({ ...cfg, seed }) : undefined;
    const out = await runComparison(data, cfg, { ...studyOptionsOf(ctx), redraw });
    return { study: { kind: 'comparison', results: out.results }, replayInput: out.rigorInput };
  },
};
