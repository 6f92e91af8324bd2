/**
 * The predictions file: one row per test impression with its labels and every grouping's score
 * for each of its heads, so any metric can be recomputed elsewhere (docs/results-format.md).
 */
import type { DaySplit } from '../data/split';
import { LABELS, MISSING_LABEL, type TaskId } from '../data/schema';
import type { ImpressionTable } from '../data/table';
import { GROUPINGS } from '../config/groupings';
import type { GroupingId } from '../config/experiment';

export const PREDICTION_FIXED_COLUMNS = ['row', 'source', 'day', 'tier', 'less_streamed', ...LABELS] as const;

/** Column name of a grouping's head score. */
export const scoreColumn = (grouping: string, head: TaskId) => `${grouping}:${head}`;

/**
 * CSV text: `row` (0-based index of the impression among the input's data rows), source (promo/ad),
 * day, tier (0..7 as used for segments), less_streamed (0/1), stream, click, like, follow (empty
 * when missing), then `<grouping>:<head>` probabilities. Scores are written as the exact decimal of
 * the float32 value (shortest round-trip form), so ties and order survive the file.
 */
export function predictionsCsv(
  data: {
    table: ImpressionTable;
    split: Pick<DaySplit, 'test'>;
    tiers: { tier: Uint8Array };
    lessStreamed: Uint8Array;
  },
  groupings: readonly GroupingId[],
  testScores: ReadonlyMap<string, Partial<Record<TaskId, Float32Array>>>,
): string {
  const { table, split } = data;
  const scoreCols: { name: string; values: Float32Array }[] = [];
  for (const id of groupings) {
    for (const head of GROUPINGS[id].heads) {
      const values = testScores.get(id)?.[head];
      if (!values) throw new Error(`predictionsCsv: no scores for ${id}:${head}`);
      if (values.length !== split.test.length)
        throw new Error(`predictionsCsv: ${id}:${head} is not aligned with the test rows`);
      scoreCols.push({ name: scoreColumn(id, head), values });
    }
  }
  const lines = [[...PREDICTION_FIXED_COLUMNS, ...scoreCols.map((c) => c.name)].join(',')];
  const label = (v: number) => (v === MISSING_LABEL ? '' : String(v));
  for (let k = 0; k < split.test.length; k++) {
    const i = split.test[k];
    const cells = [
      String(i),
      table.source[i] === 1 ? 'ad' : 'promo',
      String(table.day[i]),
      String(data.tiers.tier[i]),
      String(data.lessStreamed[i]),
      ...LABELS.map((l) => label(table.labels[l][i])),
    ];
    for (const c of scoreCols) cells.push(String(c.values[k]));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}
