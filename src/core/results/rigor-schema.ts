/**
 * zod schema of the rigor section and the ablation info of a results object (rigor-types.ts),
 * strict like the rest of the results schema, so an imported file's intervals, bootstrap and
 * replay are checked before any of them is shown.
 */
import { z } from 'zod';
import { REPLAY_METRICS, RIGOR_SEGMENTS } from './rigor-types';
import { SEGMENT_IDS } from '../metrics/segments';

const metric = z.number().nullable();
const count = z.int().nonnegative();

export const interval = z
  .strictObject({ mean: metric, lo: metric, hi: metric, n: count, values: z.array(metric) })
  .refine((x) => x.n <= x.values.length, { message: 'n exceeds the number of values', path: ['n'] })
  .refine((x) => x.lo === null || x.hi === null || x.lo <= x.hi, { message: 'lo above hi', path: ['lo'] });

const bySegment = <T extends z.ZodType>(t: T) => z.record(z.enum(SEGMENT_IDS), t);
const byChannel = <T extends z.ZodType>(t: T) => z.strictObject({ promo: t, ad: t });

const pValue = z.number().min(0).max(1).nullable();
const bootstrap = z.strictObject({
  diff: metric,
  rel: metric,
  lo: metric,
  hi: metric,
  relLo: metric,
  relHi: metric,
  p: pValue,
  resamples: count,
});

const metricIntervals = z.record(z.enum(REPLAY_METRICS), interval);
const replayCell = z.strictObject({ value: metricIntervals, rel: metricIntervals, impressions: count });
const replayTable = z.record(z.string(), bySegment(replayCell));

const prCurve = z
  .strictObject({ recall: z.array(z.number().min(0).max(1)), precision: z.array(z.number().min(0).max(1)) })
  .refine((c) => c.recall.length === c.precision.length, {
    message: 'recall and precision differ in length',
  });

export const rigorSchema = z.strictObject({
  seeds: z.array(z.int().nonnegative()).min(1),
  varies: z.enum(['training', 'data and training']),
  ap: z.record(z.string(), byChannel(bySegment(interval))),
  apRel: z.record(z.string(), byChannel(bySegment(interval))),
  bootstrap: z.record(z.string(), byChannel(z.record(z.enum(RIGOR_SEGMENTS), bootstrap))),
  bootstrapResamples: count,
  replay: z.strictObject({
    buyShare: z.number().gt(0).max(1),
    label: replayTable,
    expected: replayTable.nullable(),
  }),
  pr: z.record(z.string(), z.strictObject({ promo: prCurve.nullable(), ad: prCurve.nullable() })),
});

export const ablationInfoSchema = z.strictObject({
  target: z.string().min(1),
  arms: z.array(z.strictObject({ id: z.string().min(1), change: z.string() })).min(1),
  skipped: z.array(z.strictObject({ change: z.string(), reason: z.string() })),
});
