import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { MISSING_LABEL } from '../data/schema';
import { parseScoreColumn, predictionsLayout } from './predictions-columns';
import type { PredictionsLoadResult } from './predictions-builder';
import { readPredictionsFile } from './predictions-reader';

const read = (text: string, opts = {}) => readPredictionsFile(new Blob([text]), 'p.csv', opts);

function ok(r: PredictionsLoadResult) {
  if (!r.ok) throw new Error(`${r.message}\n${JSON.stringify(r.problems)}`);
  return r.predictions;
}

describe('score column names', () => {
  it('reads <model>, <model>:<head> and either with @<seed>; other colons belong to the name', () => {
    expect(parseScoreColumn('lr')).toEqual({ model: 'lr', head: null, seed: null });
    expect(parseScoreColumn('gbm:ad_stream')).toEqual({ model: 'gbm', head: 'ad_stream', seed: null });
    expect(parseScoreColumn('joint-5task:promo_stream@12')).toEqual({
      model: 'joint-5task',
      head: 'promo_stream',
      seed: 12,
    });
    expect(parseScoreColumn('lr@3')).toEqual({ model: 'lr', head: null, seed: 3 });
    expect(parseScoreColumn('lr:v2')).toEqual({ model: 'lr:v2', head: null, seed: null });
    expect(parseScoreColumn('m@x')).toEqual({ model: 'm@x', head: null, seed: null });
  });

  it('groups heads by model, shares seeds, and repeats a seedless model at every seed', () => {
    const layout = predictionsLayout([
      'source',
      'stream',
      'tier',
      'a:promo_stream@1',
      'a:ad_stream@1',
      'a:promo_stream@2',
      'a:ad_stream@2',
      'lr',
    ]);
    if (typeof layout === 'string') throw new Error(layout);
    expect(layout.seeds).toEqual([1, 2]);
    expect(layout.models.map((m) => [m.id, m.heads, m.plain])).toEqual([
      ['a', ['promo_stream', 'ad_stream'], false],
      ['lr', ['promo_stream', 'ad_stream'], true],
    ]);
    expect(layout.models[0].columns).toEqual([
      { promo_stream: 3, ad_stream: 4 },
      { promo_stream: 5, ad_stream: 6 },
    ]);
    expect(layout.models[1].columns).toEqual([
      { promo_stream: 7, ad_stream: 7 },
      { promo_stream: 7, ad_stream: 7 },
    ]);
  });

  it.each([
    [['source', 'stream', 'tier', 'tier', 'm'], 'column "tier" appears twice (columns 3 and 4)'],
    [['source', 'tier', 'm'], 'required column "stream" missing'],
    [['source', 'stream', 'm'], 'no tier column'],
    [['source', 'stream', 'tier', 'stream_tier', 'm'], 'the same column under two names'],
    [['source', 'stream', 'tier'], 'no score column'],
    [['source', 'stream', 'tier', 'm', 'm:ad_stream'], 'both a plain score column and head columns'],
    [['source', 'stream', 'tier', 'm:click'], 'has no promo_stream or ad_stream head'],
    [['source', 'stream', 'tier', 'm@1', 'm'], 'columns with and without a seed'],
    [
      ['source', 'stream', 'tier', 'm:ad_stream@1', 'm:click@1', 'm:ad_stream@2'],
      'lacks the column "m:click@2"',
    ],
    [['source', 'stream', 'tier', 'a@1', 'a@2', 'b@1', 'b@3'], 'have different seeds'],
  ])('refuses the header %j', (header, message) => {
    const layout = predictionsLayout(header);
    expect(typeof layout).toBe('string');
    expect(layout).toContain(message);
  });
});

describe('readPredictionsFile', () => {
  it('reads labels, tiers (given or from show_streams_30d), the less-streamed rule, shows and scores', async () => {
    const p = ok(
      await read(
        [
          'source,stream,click,stream_tier,show_streams_30d,podcast_id,cost,m:promo_stream,m:ad_stream,lr',
          'promo,1,,0,,s1,,0.9,0.1,0.5',
          'ad,0,1,,4000,s2,2.5,0.2,0.3,0.25',
          'ad,1,0,4,,s1,1,0.7,0.8,1e-3',
        ].join('\n'),
      ),
    );
    expect(p.n).toBe(3);
    expect([...p.source]).toEqual([0, 1, 1]);
    expect([...p.stream]).toEqual([1, 0, 1]);
    expect([...p.click]).toEqual([MISSING_LABEL, 1, 0]);
    // 4000 streams: tier 3 by the thresholds; < 5000 so less-streamed by the streams rule.
    expect([...p.tier]).toEqual([0, 3, 4]);
    expect([...p.lessStreamed]).toEqual([0, 1, 1]);
    expect(p.tierFrom).toEqual({ given: 2, show_streams_30d: 1, tier: 0 });
    expect(p.lessStreamedFrom).toEqual({ given: 0, show_streams_30d: 1, tier: 2 });
    expect([...p.show]).toEqual([0, 1, 0]);
    expect(p.shows).toBe(2);
    expect(p.cost && [...p.cost]).toEqual([Number.NaN, 2.5, 1]);
    expect(p.seeds).toEqual([null]);
    const scores = p.scores[0];
    expect([...(scores.get('m')?.ad_stream ?? [])]).toEqual([
      Math.fround(0.1),
      Math.fround(0.3),
      Math.fround(0.8),
    ]);
    expect(scores.get('lr')?.promo_stream).toBe(scores.get('lr')?.ad_stream);
    expect(p.scoreColumns).toEqual(['m:promo_stream', 'm:ad_stream', 'lr']);
  });

  it('takes less_streamed and tier (the alias) from the file when given', async () => {
    const p = ok(await read('tier,less_streamed,source,stream,m\n5,0,ad,1,0.3\n1,1,promo,0,0.2\n'));
    expect([...p.tier]).toEqual([5, 1]);
    expect([...p.lessStreamed]).toEqual([0, 1]);
  });

  it('refuses bad cells by row and column, loading nothing', async () => {
    const r = await read(
      [
        'source,stream,tier,show_streams_30d,m',
        'promo,1,0,,0.5',
        'web,1,0,,0.5',
        'ad,2,9,,x',
        'ad,0,,,0.1',
        'ad,0,1,,',
      ].join('\n'),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toBe('p.csv: 6 invalid values in 4 rows');
    expect(r.problems.map((q) => [q.row, q.column, q.value])).toEqual([
      [2, 'source', 'web'],
      [3, 'stream', '2'],
      [3, 'tier', '9'],
      [3, 'm', 'x'],
      [4, 'tier/show_streams_30d', ''],
      [5, 'm', ''],
    ]);
    expect(r.problems[2].reason).toBe('tier must be an integer 0..7');
    expect(r.problems[3].reason).toBe('a score must be a finite number');
    expect(r.problems[4].reason).toContain('no tier');
  });

  it('with skipInvalidRows keeps only the valid rows and says which were skipped', async () => {
    const r = await read('source,stream,tier,m\npromo,1,0,0.5\nweb,1,0,0.5\nad,0,2,0.25\n', {
      skipInvalidRows: true,
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.predictions.n).toBe(2);
    expect(r.skippedCount).toBe(1);
    expect(r.skipped[0]).toMatchObject({ row: 2, column: 'source' });
  });

  it('fails a bad header before reading rows, an empty file, and JSON Lines', async () => {
    const header = await read('source,stream,tier\npromo,1,0\n');
    expect(header.ok === false && header.message).toContain('p.csv: no score column');
    const empty = await read('');
    expect(empty.ok === false && empty.message).toBe('p.csv: the file is empty');
    const jsonl = await readPredictionsFile(new Blob(['{"source":"ad"}\n']), 'p.jsonl');
    expect(jsonl.ok === false && jsonl.message).toContain('predictions are read from CSV');
  });

  it('reads the same file from Parquet', async () => {
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: 'source', type: 'STRING', data: ['promo', 'ad', 'ad'] },
        { name: 'stream', type: 'INT32', data: Int32Array.from([1, 0, 1]) },
        { name: 'show_streams_30d', type: 'DOUBLE', data: [600_000, 20, 3000] },
        { name: 'model:ad_stream@7', type: 'FLOAT', data: Float32Array.from([0.5, 0.25, 0.125]) },
      ],
    });
    const p = ok(await readPredictionsFile(new Blob([bytes]), 'p.parquet'));
    expect([...p.tier]).toEqual([0, 6, 3]);
    expect(p.seeds).toEqual([7]);
    expect([...(p.scores[0].get('model')?.ad_stream ?? [])]).toEqual([0.5, 0.25, 0.125]);
  });
});
