/**
 * What stops a comparison from being meaningful on a dataset, said before training starts (the
 * spec's "a clear message, not a crash or a NaN metric"): too few days to split, or a grouping
 * that trains on a source with no rows or no positive stream label in the training or
 * validation days. A test split without positives is not a blocker: its AP is reported as n/a.
 */
import type { Grouping } from '../config/experiment';
import type { DatasetSummary } from './dataset-summary';
import { MIN_DAYS } from './split';

/** Messages for the user, one per problem; empty when every grouping can train. */
export function startBlockers(summary: DatasetSummary, groupings: readonly Grouping[]): string[] {
  if (!summary.split) {
    const days = summary.rowsByDay.length;
    return [
      `The data has ${days} distinct day${days === 1 ? '' : 's'}; a temporal train/validation/test split needs at least ${MIN_DAYS}.`,
    ];
  }
  const out: string[] = [];
  for (const g of groupings) {
    for (const source of g.trainsOn) {
      for (const [name, split] of [
        ['training', summary.split.train],
        ['validation', summary.split.val],
      ] as const) {
        if (split.rows[source] === 0)
          out.push(`${g.id} trains on ${source} rows, but the ${name} days have none.`);
        else if (split.streamPositives[source] === 0)
          out.push(
            `${g.id}: no ${source} row with stream = 1 in the ${name} days, so it cannot learn or be validated.`,
          );
      }
    }
  }
  return out;
}
