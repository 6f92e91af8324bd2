/**
 * The predictions file: one row per test impression with its labels and every grouping's score
 * for each of its heads, so any metric can be recomputed elsewhere (docs/results-format.md).
 */
import type { DaySplit } from '../data/split';
import { LABELS, MISSING_LABEL, type TaskId } from '../data/schema';
import type { ImpressionTable } from '../data/table';
import { csvCell } from '../data/csv-writer';
import { GROUPINGS } from '../config/groupings';
import type { GroupingId } from '../config/experiment';

export const PREDICTION_FIXED_COLUMNS = [
  'row',
  'source',
  'day',
  'tier',
  'less_streamed',
  ...LABELS,
  'podcast_id',
] as const;

/** Column name of a grouping's head score; with several repeat seeds, `<grouping>:<head>@<seed>`. */
export const scoreColumn = (grouping: string, head: TaskId, seed?: number) =>
  seed === undefined ? `${grouping}:${head}` : `${grouping}:${head}@${seed}`;

/**
 * CSV text: `row` (0-based index of the impression among the input's data rows), source (promo/ad),
 * day, tier (0..7 as used for segments), less_streamed (0/1), stream, click, like, follow (empty
 * when missing), podcast_id (quoted where it needs to be) and, when the input has one, cost (empty
 * when missing): so the file alone can be analysed again (npm run analyse), budget replay
 * included. Then `<grouping>:<head>` probabilities. Scores are written as the exact decimal of
 * the float32 value (shortest round-trip form), so ties and order survive the file.
 * `testScores` may be one map (one seed) or one map per repeat seed with `seeds` naming them; with
 * two or more seeds every score column is `<grouping>:<head>@<seed>`.
 */
export function predictionsCsv(
  data: {
    table: ImpressionTable;
    split: Pick<DaySplit, 'test'>;
    tiers: { tier: Uint8Array };
    lessStreamed: Uint8Array;
  },
  groupings: readonly GroupingId[],
  testScores:
    | ReadonlyMap<string, Partial<Record<TaskId, Float32Array>>>
    | readonly ReadonlyMap<string, Partial<Record<TaskId, Float32Array>>>[],
  seeds?: readonly number[],
): string {
  const { table, split } = data;
  const perSeed =
    testScores instanceof Map
      ? [testScores]
      : (testScores as readonly ReadonlyMap<string, Partial<Record<TaskId, Float32Array>>>[]);
  if (perSeed.length > 1 && seeds?.length !== perSeed.length)
    throw new Error('predictionsCsv: several seeds need their seed numbers');
  const scoreCols: { name: string; values: Float32Array }[] = [];
  for (const [r, scores] of perSeed.entries()) {
    for (const id of groupings) {
      for (const head of GROUPINGS[id].heads) {
        const values = scores.get(id)?.[head];
        if (!values) throw new Error(`predictionsCsv: no scores for ${id}:${head}`);
        if (values.length !== split.test.length)
          throw new Error(`predictionsCsv: ${id}:${head} is not aligned with the test rows`);
        scoreCols.push({ name: scoreColumn(id, head, perSeed.length > 1 ? seeds?.[r] : undefined), values });
      }
    }
  }
  const { cost } = table;
  const fixed = [...PREDICTION_FIXED_COLUMNS, ...(cost ? ['cost'] : [])];
  const lines = [[...fixed, ...scoreCols.map((c) => c.name)].join(',')];
  const label = (v: number) => (v === MISSING_LABEL ? '' : String(v));
  const shows = table.podcastId;
  for (let k = 0; k < split.test.length; k++) {
    const i = split.test[k];
    const cells = [
      String(i),
      table.source[i] === 1 ? 'ad' : 'promo',
      String(table.day[i]),
      String(data.tiers.tier[i]),
      String(data.lessStreamed[i]),
      ...LABELS.map((l) => label(table.labels[l][i])),
      shows.codes[i] < 0 ? '' : csvCell(shows.dict[shows.codes[i]]),
    ];
    if (cost) cells.push(Number.isNaN(cost[i]) ? '' : String(cost[i]));
    for (const c of scoreCols) cells.push(String(c.values[k]));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}
