import { describe, expect, it } from 'vitest';
import { readImpressionCsv } from './csv-reader';
import { tableToCsv } from './csv-writer';
import { MISSING_LABEL, MISSING_TIER } from './schema';
import { DEFAULT_SIM_CONFIG, simulate } from './simulator';
import { dictValues, featureValues, tableValues } from './table-values';
import type { DictColumn, ImpressionTable } from './table';

function loaded(text: string, opts?: { skipInvalidRows?: boolean }): ImpressionTable {
  const r = readImpressionCsv(text, 'test.csv', opts);
  if (!r.ok) throw new Error(`${r.message}: ${JSON.stringify(r.problems)}`);
  return r.table;
}
const decode = (c: DictColumn) => dictValues(c, '');
const decodeFeature = featureValues;
const feature = (t: ImpressionTable, name: string) => t.features.find((f) => f.name === name)!;

describe('CSV round trip', () => {
  it('simulate -> tableToCsv -> readImpressionCsv keeps every value (codes may be renumbered)', () => {
    const cfg = { ...DEFAULT_SIM_CONFIG, users: 300, shows: 80, days: 4, impressionsPerDay: 600 };
    const t = simulate(cfg, 5);
    const back = loaded(tableToCsv(t));
    expect(tableValues(back)).toEqual(tableValues(t));
    expect(back.ignoredColumns).toEqual([]);
    expect(back.truth).toBeUndefined();
  });

  it('writes dates back as dates and quotes cells holding commas and quotes', () => {
    const text =
      'source,day,user_id,podcast_id,stream,user_note_x\nad,2024-03-01,u1,"Show, ""The""",1,"a,b"\npromo,2024-03-03,u2,p2,0,c\n';
    const t = loaded(text);
    expect(t.dayZeroDate).toBe('2024-03-01');
    expect(Array.from(t.day)).toEqual([0, 2]);
    expect(decode(t.podcastId)).toEqual(['Show, "The"', 'p2']);
    const again = tableToCsv(t);
    expect(again.split('\n')[1]).toBe('ad,2024-03-01,u1,"Show, ""The""",1,,,,"a,b"');
    expect(decode(loaded(again).podcastId)).toEqual(['Show, "The"', 'p2']);
  });
});

describe('readImpressionCsv on a file this project did not write', () => {
  const text =
    '\uFEFFpodcast_id,notes,day,source,stream,click,user_id,like,user_plan,content_lang,content_tags,cost\r\n' +
    '101,hello,2024-01-30,Ad,1,,7,1,premium,en,news|comedy,0.012\r\n' +
    '102,,2024-02-01,P,0,0,8,,free,sv,,\r\n' +
    '101,x,2024-01-31,PROMO,0,1,7,0,free,en, comedy | tech ,\r\n';

  it('maps columns by name, dates to days since the earliest, and missing labels to MISSING_LABEL', () => {
    const r = readImpressionCsv(text, 'theirs.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const t = r.table;
    expect(t.n).toBe(3);
    expect(Array.from(t.source)).toEqual([1, 0, 0]);
    expect(Array.from(t.day)).toEqual([0, 2, 1]);
    expect(t.dayZeroDate).toBe('2024-01-30');
    expect(decode(t.userId)).toEqual(['7', '8', '7']);
    expect(decode(t.podcastId)).toEqual(['101', '102', '101']);
    expect(Array.from(t.labels.stream)).toEqual([1, 0, 0]);
    expect(Array.from(t.labels.click)).toEqual([MISSING_LABEL, 0, 1]);
    expect(Array.from(t.labels.like)).toEqual([1, MISSING_LABEL, 0]);
    expect(t.labels.follow.every((v) => v === MISSING_LABEL)).toBe(true); // column absent
    expect(t.streamTier).toBeNull();
    expect(t.showStreams30d).toBeNull();
    expect(Array.from(t.cost!)).toEqual([0.012, Number.NaN, Number.NaN]);
    expect(r.ignoredColumns).toEqual(['notes']);
    expect(t.features.map((f) => `${f.name}:${f.group}:${f.kind}`)).toEqual([
      'user_plan:user:categorical',
      'content_lang:content:categorical',
      'content_tags:content:multi',
    ]);
    expect(decodeFeature(feature(t, 'user_plan'))).toEqual(['premium', 'free', 'free']);
    expect(decodeFeature(feature(t, 'content_tags'))).toEqual([['news', 'comedy'], [], ['comedy', 'tech']]);
  });

  it('infers numeric columns (missing -> NaN) and keeps integer days as given', () => {
    const t = loaded(
      'source,day,user_id,podcast_id,stream,stream_tier,context_hour,user_age\nad,3,a,b,0,2,7,1e2\npromo,0,a,c,1,,,-4.5\n',
    );
    expect(t.dayZeroDate).toBeUndefined();
    expect(Array.from(t.day)).toEqual([3, 0]);
    expect(Array.from(t.streamTier!)).toEqual([2, MISSING_TIER]);
    expect(feature(t, 'context_hour').kind).toBe('numeric');
    expect(decodeFeature(feature(t, 'context_hour'))).toEqual([7, Number.NaN]);
    expect(decodeFeature(feature(t, 'user_age'))).toEqual([100, -4.5]);
  });
});

describe('readImpressionCsv failures', () => {
  const header = 'source,day,user_id,podcast_id,stream,cost,stream_tier';
  const bad = `${header}\nx,0,u,p,0,1,0\nad,1,u,p,2,1,0\nad,1,u,p,0,-3,0\npromo,1,u,p,0,,9\nad,yesterday,u,p,1,0.5,1\nad,2,u,p,1,0.5,1\n`;

  it('lists each bad value with row, column, value and reason, and the total count', () => {
    const r = readImpressionCsv(bad, 'bad.csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.file).toBe('bad.csv');
    expect(r.problemCount).toBe(5);
    expect(r.message).toContain('bad.csv');
    expect(r.problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [1, 'source', 'x'],
      [2, 'stream', '2'],
      [3, 'cost', '-3'],
      [4, 'stream_tier', '9'],
      [5, 'day', 'yesterday'],
    ]);
    expect(r.problems[3].reason).toMatch(/0\.\.7/);
  });

  it('with skipInvalidRows keeps the good rows and reports the skipped ones', () => {
    const r = readImpressionCsv(bad, 'bad.csv', { skipInvalidRows: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.table.n).toBe(1);
    expect(Array.from(r.table.day)).toEqual([2]);
    expect(r.skippedCount).toBe(5);
    expect(r.skipped.map((p) => p.row)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps the first 20 problems but counts all of them', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `ad,${i},u,p,7,1,0`).join('\n');
    const r = readImpressionCsv(`${header}\n${rows}\n`, 'many.csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.length).toBe(20);
    expect(r.problemCount).toBe(30);
    expect(r.problems[19].row).toBe(20);
  });

  it('fails with one message naming the file for missing columns, empty files and header-only files', () => {
    const missing = readImpressionCsv('source,day,user_id,stream\nad,0,u,1\n', 'nopod.csv');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.message).toMatch(/nopod\.csv.*"podcast_id"/);
    const empty = readImpressionCsv('\uFEFF \r\n', 'empty.csv');
    expect(!empty.ok && empty.message).toMatch(/empty\.csv.*empty/);
    const headerOnly = readImpressionCsv(`${header}\r\n`, 'h.csv');
    expect(!headerOnly.ok && headerOnly.message).toMatch(/h\.csv.*no data rows/);
    const dup = readImpressionCsv('source,day,user_id,podcast_id,stream,day\nad,0,u,p,1,2\n', 'dup.csv');
    expect(!dup.ok && dup.message).toMatch(/"day" appears twice/);
  });

  it('reports rows with the wrong number of fields and rows mixing dates with integer days', () => {
    const r = readImpressionCsv(
      'source,day,user_id,podcast_id,stream\nad,0,u,p,1\nad,0,u,p\npromo,2024-01-01,u,p,0\n',
      'f.csv',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [2, ''],
      [3, 'day'],
    ]);
    expect(r.problems[0].reason).toMatch(/expected 5 fields/);
  });
});

describe('readImpressionCsv edge cases found by the battery', () => {
  it('skips whitespace-only lines like blank ones (not counted as rows)', () => {
    const r = readImpressionCsv(
      'source,day,user_id,podcast_id,stream\nad,0,u1,p1,1\n   \n\t\npromo,1,u2,p2,0\n',
      'ws.csv',
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.table.n).toBe(2);
  });

  it('takes the line ending by majority: a CRLF header over LF rows still splits rows', () => {
    const r = readImpressionCsv(
      'source,day,user_id,podcast_id,stream\r\nad,0,u1,p1,1\npromo,1,u2,p2,0\nad,2,u3,p3,0\n',
      'mixed.csv',
    );
    if (!r.ok) throw new Error(`${r.message} ${JSON.stringify(r.problems)}`);
    expect(r.table.n).toBe(3);
    expect(Array.from(r.table.day)).toEqual([0, 1, 2]);
  });

  it('clips a huge bad value in the problem list but counts it', () => {
    const huge = 'x'.repeat(50_000);
    const r = readImpressionCsv(`source,day,user_id,podcast_id,stream\n${huge},0,u1,p1,1\n`, 'huge.csv');
    if (r.ok) throw new Error('should fail');
    expect(r.problemCount).toBe(1);
    expect(r.problems[0].value.length).toBeLessThan(300);
    expect(r.problems[0].value).toContain('(50000 characters)');
  });
});
