/**
 * The experiment runner: a prepared dataset and a config in, a results object out. Trains each
 * chosen grouping in turn on the same device-resident data, with its own seeded sampler, selects
 * each grouping's epoch by validation stream AP, scores the test rows and builds the results.
 */
import * as tf from '@tensorflow/tfjs';
import { type Arm, comparisonArms, dropKey } from '../../core/config/arms';
import type { ExperimentConfig } from '../../core/config/experiment';
import { encodeSteps } from '../../core/data/encode';
import { groupingDataProblems, type PreparedData, rowsBySource } from '../../core/data/prepare';
import { createRng } from '../../core/data/rng';
import { createBatchSampler } from '../../core/data/sampler';
import { driveStages } from '../../core/data/steps';
import { channelAps, selectionScore, taskAps, validationRows } from '../../core/metrics/validation';
import { buildResults, type EpochInput, type GroupingRunInput } from '../../core/results/results';
import { uploadDataset } from '../model/device-data';
import { RunCancelled, type RunOptions, type RunOutput } from './run-types';
import { type ScoresByHead, type TrainedModel, trainGrouping } from './trainer';

/** One arm trained, before its model is disposed: what the caller may read or score. */
export interface ArmTrained {
  readonly arm: Arm;
  readonly index: number;
  readonly trained: TrainedModel;
  /** Per finished epoch: validation AP per channel and per task (spec's selection inputs). */
  readonly valAp: EpochInput['valAp'][];
  readonly valApByTask: EpochInput['valApByTask'][];
  /** Training steps taken: finished epochs x the sampler's steps per epoch. */
  readonly steps: number;
  /** Wall-clock milliseconds from the arm's start to the end of its training. */
  readonly ms: number;
}

/**
 * Trains each arm in turn on the same device-resident data, with its own seeded sampler, and
 * hands the trained model to `visit` before disposing it. Model selection: the mean, over the
 * channels the grouping trains on, of validation AP of that channel's scoring head (spec: early
 * stopping on validation AP of the stream heads). Reads no test row: scoring them is the
 * visitor's (runExperiment does; tuning does not).
 */
export async function trainArms(
  data: PreparedData,
  cfg: ExperimentConfig,
  opts: RunOptions,
  visit: (t: ArmTrained) => Promise<void>,
): Promise<void> {
  const arms = opts.arms ?? comparisonArms(cfg);
  const groupings = arms.map((a) => a.grouping);
  const problems = groupings.flatMap((g) => groupingDataProblems(data, g));
  if (problems.length) throw new Error(`the data cannot train these groupings:\n  ${problems.join('\n  ')}`);
  const emit = opts.onEvent ?? (() => {});
  const every = opts.progressEvery ?? 50;
  const { split, table } = data;
  const trainBySource = rowsBySource(table, split.train);
  const val = validationRows(split.val, table.source, table.labels);
  // One device copy per feature-group drop; arms are ordered so each copy is uploaded once.
  const devices = new Map<string, ReturnType<typeof uploadDataset>>();
  const deviceFor = async (arm: Arm, progress: number) => {
    // An arm without a feature group, or with another vocabulary min count, trains on its own encoding.
    const own = dropKey(arm) !== '' || arm.train.minCount !== data.minCount;
    const key = `${dropKey(arm)}|${arm.train.minCount}`;
    let d = devices.get(key);
    if (!d) {
      for (const other of devices.values()) other.dispose();
      devices.clear();
      // Re-encoding takes a few hundred ms: a checkpoint per column.
      const encodeOpts = { dropGroups: arm.dropGroups, minCount: arm.train.minCount };
      const encoded = !own
        ? data.encoded
        : await driveStages(encodeSteps(table, split.train, encodeOpts), (s) =>
            opts.checkpoint ? opts.checkpoint('training', s.message, progress) : Promise.resolve(),
          );
      d = uploadDataset(encoded);
      devices.set(key, d);
    }
    return d;
  };
  const rng = createRng(opts.seed ?? cfg.seed);
  try {
    for (const [index, arm] of arms.entries()) {
      const g = arm.grouping;
      await opts.checkpoint?.('training', `training ${g.id}`, index / groupings.length);
      const device = await deviceFor(arm, index / groupings.length);
      emit({
        kind: 'grouping-start',
        grouping: g.id,
        index,
        of: groupings.length,
        message: `[${index + 1}/${groupings.length}] ${g.id}: ${g.label}`,
      });
      const t0 = performance.now();
      const samplerOf = (label: string) =>
        createBatchSampler({
          rowsBySource: {
            promo: g.trainsOn.includes('promo') ? trainBySource.promo : new Int32Array(0),
            ad: g.trainsOn.includes('ad') ? trainBySource.ad : new Int32Array(0),
          },
          batchSize: arm.train.batchSize,
          promoShare: arm.train.promoShare,
          rng: rng.fork(`${label}:${arm.seedKey}`),
        });
      const sampler = samplerOf('sampler');
      // The gradient-conflict batches come from their own stream: measuring them changes no training.
      const diagnostics = samplerOf('diagnostics');
      // At most the epoch's steps (tiny data); none when switched off.
      const diagnosticCount = Math.min(arm.train.diagnosticBatches, sampler.stepsPerEpoch);
      const diagnosticBatches = Array.from({ length: diagnosticCount }, () => diagnostics.next());
      const epochAps: EpochInput['valAp'][] = [];
      const epochTaskAps: EpochInput['valApByTask'][] = [];
      let cancelled = false;
      const trained = await trainGrouping({
        data: device,
        grouping: g,
        model: { ...(arm.model ?? cfg.model), encoder: arm.encoder },
        train: arm.train,
        diagnosticBatches: diagnosticCount > 0 ? diagnosticBatches : undefined,
        seed: rng.fork(`init:${arm.seedKey}`).nextUint32(),
        nextBatch: () => sampler.next(),
        stepsPerEpoch: sampler.stepsPerEpoch,
        validationRows: split.val,
        validationScore: (scores) => {
          const aps = channelAps(g, scores, val);
          epochAps.push(aps);
          epochTaskAps.push(taskAps(g, scores, val));
          return selectionScore(aps);
        },
        onProgress: (p) => {
          if (p.step % every === 0 || p.step === p.stepsPerEpoch)
            emit({
              kind: 'progress',
              grouping: g.id,
              progress: p,
              message: `  ${g.id} epoch ${p.epoch} step ${p.step}/${p.stepsPerEpoch}`,
            });
        },
        onEpoch: (e) => {
          const aps = epochAps[e.epoch - 1] ?? {};
          const fmt = (x: number | undefined) => (x === undefined ? 'n/a' : x.toFixed(4));
          emit({
            kind: 'epoch',
            grouping: g.id,
            epoch: e.epoch,
            valAp: aps,
            trainLoss: e.meanLossByTask,
            message: `  ${g.id} epoch ${e.epoch}: val AP promo ${fmt(aps.promo)} ad ${fmt(aps.ad)} (${e.seconds.toFixed(1)} s)`,
          });
        },
        shouldStop: () => (cancelled ||= opts.shouldStop?.() ?? false),
        yieldEvery: opts.yieldEvery,
      });
      try {
        if (cancelled) throw new RunCancelled();
        await visit({
          arm,
          index,
          trained,
          valAp: epochAps,
          valApByTask: epochTaskAps,
          steps: trained.history.length * sampler.stepsPerEpoch,
          ms: performance.now() - t0,
        });
        emit({
          kind: 'grouping-done',
          grouping: g.id,
          ms: performance.now() - t0,
          message: `  ${g.id} done in ${((performance.now() - t0) / 1000).toFixed(1)} s (best epoch ${trained.bestEpoch})`,
        });
      } finally {
        trained.dispose();
      }
    }
  } finally {
    for (const d of devices.values()) d.dispose();
  }
}

/** Trains every arm (trainArms), scores the test rows with each selected model and builds the results. */
export async function runExperiment(
  data: PreparedData,
  cfg: ExperimentConfig,
  opts: RunOptions,
): Promise<RunOutput> {
  const { split, table } = data;
  const runs: GroupingRunInput[] = [];
  const testScores = new Map<string, ScoresByHead>();
  await trainArms(data, cfg, opts, async ({ arm, trained, valAp, valApByTask, ms }) => {
    const g = arm.grouping;
    await opts.checkpoint?.('evaluation', `scoring ${g.id} on ${split.test.length} test rows`);
    const scores = await trained.predict(split.test);
    testScores.set(g.id, scores);
    runs.push({
      grouping: g,
      scores,
      bestEpoch: trained.bestEpoch || undefined,
      trainMs: ms,
      encoder: arm.encoder,
      balancing: arm.train.balancing,
      history: trained.history.map((e) => ({
        trainLoss: e.meanLossByTask,
        valAp: valAp[e.epoch - 1] ?? {},
        valApByTask: valApByTask[e.epoch - 1] ?? {},
        ms: e.seconds * 1000,
        taskWeights: e.taskWeights,
        ...(e.gradCosine ? { gradCosine: e.gradCosine } : {}),
      })),
    });
  });
  const results = buildResults({
    createdAt: new Date().toISOString(),
    backend: opts.backend || tf.getBackend(),
    config: cfg,
    dataset: data.summary,
    baseline: opts.baseline ?? cfg.baseline,
    testRows: split.test,
    source: table.source,
    stream: table.labels.stream,
    tier: data.tiers.tier,
    lessStreamed: data.lessStreamed,
    truth: table.truth,
    groupings: runs,
  });
  return { results, testScores };
}
