import { describe, expect, it } from 'vitest';
import { GROUPINGS } from '../config/groupings';
import { readImpressionCsv } from './csv-reader';
import { prepareData } from './prepare';
import { startBlockers } from './start-blockers';
import { summarizeDataset } from './dataset-summary';
import { deriveTiers } from './tiers';

const HEADER = 'source,day,user_id,podcast_id,stream';
function summaryOf(rows: string[]) {
  const r = readImpressionCsv([HEADER, ...rows].join('\n'), 'x.csv');
  if (!r.ok) throw new Error(r.message);
  try {
    return prepareData(r.table, { split: { trainFraction: 0.6, valFraction: 0.2 } }).summary;
  } catch {
    const all = Int32Array.from({ length: r.table.n }, (_, i) => i);
    return summarizeDataset(r.table, null, deriveTiers(r.table, all));
  }
}

describe('start blockers', () => {
  it('says how many days there are when the data cannot be split', () => {
    const s = summaryOf(['ad,0,u,p,1', 'promo,1,u,p,1']);
    expect(startBlockers(s, [GROUPINGS['promo-mtl']])).toEqual([
      'The data has 2 distinct days; a temporal train/validation/test split needs at least 3.',
    ]);
  });

  it('names the grouping, the source and the split without positives; a source it does not train on is fine', () => {
    // 5 days: train 0-2, val 3, test 4. Ads have no positive in validation; promos are fine.
    const rows: string[] = [];
    for (let d = 0; d < 5; d++)
      rows.push(`promo,${d},u,p,1`, `promo,${d},u,p,0`, `ad,${d},u,p,${d === 3 ? 0 : 1}`);
    const s = summaryOf(rows);
    expect(startBlockers(s, [GROUPINGS['promo-mtl']])).toEqual([]);
    expect(startBlockers(s, [GROUPINGS['ads-stream'], GROUPINGS['joint-5task']])).toEqual([
      'ads-stream: no ad row with stream = 1 in the validation days, so it cannot learn or be validated.',
      'joint-5task: no ad row with stream = 1 in the validation days, so it cannot learn or be validated.',
    ]);
  });

  it('says when a source has no rows at all in a split', () => {
    const rows: string[] = [];
    for (let d = 0; d < 5; d++) rows.push(`promo,${d},u,p,1`, `promo,${d},u,p,0`);
    expect(startBlockers(summaryOf(rows), [GROUPINGS['ads-stream']])).toEqual([
      'ads-stream trains on ad rows, but the training days have none.',
      'ads-stream trains on ad rows, but the validation days have none.',
    ]);
  });
});
