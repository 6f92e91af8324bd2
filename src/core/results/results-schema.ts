/**
 * The results JSON of docs/results-format.md as a zod schema, so an imported file is checked
 * field by field before the dashboard shows a number from it. Objects are strict: an unknown key
 * is more often a typo ("promoAP") than a feature, and version 1 has a fixed layout. `config` and
 * `dataset` are verbatim pass-through objects (their readers check what they use).
 * results-schema-check.ts proves at compile time that it describes results-types.ts's object.
 */
import { z } from 'zod';
import { BALANCING_KINDS, ENCODER_KINDS } from '../config/experiment';
import { SOURCES, TASKS } from '../data/schema';
import { COLD_START_METHODS } from './cold-start-types';
import { RESULTS_VERSION } from './results-types';
import { ablationInfoSchema, interval, rigorSchema } from './rigor-schema';
import { tuningSchema } from './tuning-schema';
import { SEGMENT_IDS } from '../metrics/segments';

const count = z.int().nonnegative();
/** An AP: a fraction, or null when undefined. JSON.parse turns 1e999 into Infinity; z.number refuses it. */
const ap = z.number().min(0).max(1).nullable();
/** A relative change (model - base) / base with model >= 0, so never below -1. */
const rel = z.number().min(-1).nullable();
const metric = z.number().nullable();
const task = z.enum(TASKS);
const source = z.enum(SOURCES);

const segment = z
  .strictObject({ ap, rel, rows: count, positives: count })
  .refine((s) => s.positives <= s.rows, { message: 'more positives than rows', path: ['positives'] })
  .refine((s) => s.ap !== null || s.rel === null, { message: 'a rel without an AP', path: ['rel'] });

const channelSegments = z.record(z.enum(SEGMENT_IDS), segment);

const epoch = z.strictObject({
  epoch: z.int().min(1),
  trainLoss: z.partialRecord(task, metric),
  valAp: z.partialRecord(source, ap),
  valApByTask: z.partialRecord(task, ap),
  ms: z.number().nonnegative(),
  taskWeights: z.partialRecord(task, z.number()).optional(),
  gradCosine: z
    .array(z.strictObject({ a: task, b: task, cosine: z.number().min(-1).max(1).nullable() }))
    .optional(),
});

const grouping = z.strictObject({
  id: z.string().min(1),
  label: z.string(),
  trainsOn: z.array(source),
  heads: z.array(task).min(1),
  scoringHeads: z.strictObject({ promo: task.nullable(), ad: task.nullable() }),
  promoAp: ap,
  promoRel: rel,
  adAp: ap,
  adRel: rel,
  segments: z.strictObject({ promo: channelSegments, ad: channelSegments }),
  history: z.array(epoch),
  bestEpoch: z.int().min(1).nullable(),
  trainMs: z.number().nonnegative(),
  encoder: z.enum(ENCODER_KINDS).optional(),
  balancing: z.enum(BALANCING_KINDS).optional(),
});

/** A ceiling (types: SegmentCeiling): the truth's AP and the prevalence, both fractions or null. */
const headroom = z.strictObject({
  promo: z.record(z.enum(SEGMENT_IDS), z.strictObject({ ap, prevalence: ap })),
  ad: z.record(z.enum(SEGMENT_IDS), z.strictObject({ ap, prevalence: ap })),
});

/** Percent of the new task's training labels kept (the config's budgets are whole 1..100). */
const budget = z.number().gt(0).max(100);
const coldStartPoint = z.strictObject({
  budget,
  labels: count,
  ap: z.strictObject({ all: interval, 'less-streamed': interval }),
});
/** A cold-start experiment's results (cold-start-types.ts), alone in a study file or inside a comparison. */
export const coldStartSchema = z
  .strictObject({
    task,
    nearestHead: task,
    sources: z.array(source).min(1),
    encoder: z.enum(ENCODER_KINDS),
    budgets: z.array(budget).min(1),
    seeds: z.array(z.int().nonnegative()).min(1),
    testRows: count,
    testPositives: count,
    methods: z.strictObject({
      scratch: z.array(coldStartPoint),
      direct: z.array(coldStartPoint),
      finetune: z.array(coldStartPoint),
    }),
    ceiling: z.strictObject({ all: ap, 'less-streamed': ap }).nullable(),
  })
  .superRefine((x, ctx) => {
    if (x.testPositives > x.testRows)
      ctx.addIssue({ code: 'custom', path: ['testPositives'], message: 'more positives than rows' });
    // One point per budget, in the budgets' order, for every method.
    for (const m of COLD_START_METHODS) {
      const got = x.methods[m].map((p) => p.budget);
      if (got.length !== x.budgets.length || got.some((b, i) => b !== x.budgets[i]))
        ctx.addIssue({
          code: 'custom',
          path: ['methods', m],
          message: `has budgets [${got.join(', ')}] but budgets are [${x.budgets.join(', ')}]`,
        });
    }
  });

type GroupingDoc = z.infer<typeof grouping>;
type Ctx = { addIssue(issue: { code: 'custom'; message: string; path: PropertyKey[] }): void };

/** Checks within one grouping: Table 1 copies of segments, heads, epochs. */
function checkGrouping(g: GroupingDoc, i: number, ctx: Ctx): void {
  const at = (...path: PropertyKey[]) => ['groupings', i, ...path];
  for (const c of SOURCES) {
    const all = g.segments[c].all;
    for (const [key, value] of [
      [`${c}Ap`, c === 'promo' ? g.promoAp : g.adAp],
      [`${c}Rel`, c === 'promo' ? g.promoRel : g.adRel],
    ] as const) {
      const want = key.endsWith('Ap') ? all.ap : all.rel;
      if (value !== want)
        ctx.addIssue({
          code: 'custom',
          path: at(key),
          message: `is ${value} but segments.${c}.all says ${want}`,
        });
    }
    const head = g.scoringHeads[c];
    if (head !== null && !g.heads.includes(head))
      ctx.addIssue({ code: 'custom', path: at('scoringHeads', c), message: `${head} is not one of heads` });
  }
  g.history.forEach((e, k) => {
    if (e.epoch !== k + 1)
      ctx.addIssue({
        code: 'custom',
        path: at('history', k, 'epoch'),
        message: `is ${e.epoch}, expected ${k + 1}`,
      });
  });
  if (g.bestEpoch !== null && g.bestEpoch > g.history.length)
    ctx.addIssue({
      code: 'custom',
      path: at('bestEpoch'),
      message: `is ${g.bestEpoch} but history has ${g.history.length} epoch(s)`,
    });
}

/**
 * The ceilings are over the models' rows: prevalence = positives / rows of the same segment
 * (null with no row), and an AP exactly where a positive exists (the truth is never NaN).
 */
function checkHeadroom(h: z.infer<typeof headroom>, first: GroupingDoc, ctx: Ctx): void {
  for (const c of SOURCES)
    for (const s of SEGMENT_IDS) {
      const { rows, positives } = first.segments[c][s];
      const { ap: ceiling, prevalence } = h[c][s];
      const want = rows === 0 ? null : positives / rows;
      const off =
        want === null || prevalence === null ? want !== prevalence : Math.abs(prevalence - want) > 1e-12;
      if (off)
        ctx.addIssue({
          code: 'custom',
          path: ['headroom', c, s, 'prevalence'],
          message: `is ${prevalence} but the segment has ${positives} positives in ${rows} rows`,
        });
      if ((ceiling === null) !== (positives === 0))
        ctx.addIssue({
          code: 'custom',
          path: ['headroom', c, s, 'ap'],
          message: `is ${ceiling} but the segment has ${positives} positives`,
        });
    }
}

const analysis = z.strictObject({
  file: z.string().min(1),
  rows: count,
  skippedRows: count,
  scoreColumns: z.array(z.string().min(1)).min(1),
  tiersFrom: z.strictObject({ given: count, show_streams_30d: count }),
  lessStreamedFrom: z.strictObject({ given: count, show_streams_30d: count, tier: count }),
  shows: count,
  cost: z.boolean(),
});

const resultsFields = {
  version: z.literal(RESULTS_VERSION),
  createdAt: z.iso.datetime(),
  backend: z.string().min(1),
  config: z.record(z.string(), z.unknown()),
  dataset: z.record(z.string(), z.unknown()),
  baseline: z.string().min(1),
  testRows: count,
  groupings: z.array(grouping).min(1),
  rigor: rigorSchema.optional(),
  ablation: ablationInfoSchema.optional(),
  headroom: headroom.optional(),
  coldStart: coldStartSchema.optional(),
  tuning: tuningSchema.optional(),
  reproduction: z
    .strictObject({
      predictions: z.string().regex(/^[0-9a-f]{16}$/),
      backend: z.string().min(1),
      adapter: z.string().min(1).optional(),
    })
    .optional(),
  analysis: analysis.optional(),
};

/** One results object: the comparison, or an ablation grid (which never nests another grid). */
const resultsBody = z.strictObject(resultsFields);

export const resultsSchema = z
  .strictObject({ ...resultsFields, ablationGrid: resultsBody.optional() })
  .superRefine((r, ctx) => {
    const ids = r.groupings.map((g) => g.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        ctx.addIssue({ code: 'custom', path: ['groupings', i, 'id'], message: `repeats the id ${id}` });
    });
    if (!ids.includes(r.baseline))
      ctx.addIssue({
        code: 'custom',
        path: ['baseline'],
        message: `${r.baseline} is not among the groupings (${ids.join(', ')})`,
      });
    r.groupings.forEach((g, i) => checkGrouping(g, i, ctx));
    // Rows and positives depend only on the test data, so every grouping must agree with the first.
    const first = r.groupings[0];
    if (!first) return; // already reported: groupings needs at least one item
    r.groupings.slice(1).forEach((g, i) => {
      for (const c of SOURCES)
        for (const s of SEGMENT_IDS)
          for (const k of ['rows', 'positives'] as const)
            if (g.segments[c][s][k] !== first.segments[c][s][k])
              ctx.addIssue({
                code: 'custom',
                path: ['groupings', i + 1, 'segments', c, s, k],
                message: `is ${g.segments[c][s][k]} but ${first.id} has ${first.segments[c][s][k]} on the same rows`,
              });
    });
    if (r.headroom) checkHeadroom(r.headroom, first, ctx);
    const labelled = first.segments.promo.all.rows + first.segments.ad.all.rows;
    if (labelled > r.testRows)
      ctx.addIssue({
        code: 'custom',
        path: ['testRows'],
        message: `is ${r.testRows} but the segments count ${labelled} labelled test rows`,
      });
  });
