import { describe, expect, it } from 'vitest';
import { readImpressionJsonl } from './jsonl-reader';

const line = (o: object) => JSON.stringify(o);
const blob = (lines: string[]) => new Blob([`${lines.join('\n')}\n`]);

describe('readImpressionJsonl', () => {
  it('refuses integer ids that JSON cannot hold exactly, instead of merging two users', async () => {
    const text = [
      line({ source: 'ad', day: 0, user_id: 1, podcast_id: 'p', stream: 1 }),
      '{"source":"ad","day":1,"user_id":12345678901234567891,"podcast_id":"p","stream":0}',
      '{"source":"ad","day":2,"user_id":12345678901234567892,"podcast_id":"p","stream":0}',
    ];
    const r = await readImpressionJsonl(blob(text), 'ids.jsonl');
    if (r.ok) throw new Error('should fail');
    expect(r.problemCount).toBe(2);
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'user_id'],
      [3, 'user_id'],
    ]);
    expect(r.problems[0].reason).toMatch(/beyond 2\^53.*string/);
  });

  it('reads lists as multi values and takes true/false labels', async () => {
    const r = await readImpressionJsonl(
      blob([
        line({ source: 'P', day: 0, user_id: 'u', podcast_id: 'p', stream: true, content_tags: ['a', 'b'] }),
        line({ source: 'A', day: 1, user_id: 'u', podcast_id: 'p', stream: false, content_tags: null }),
      ]),
      'lists.jsonl',
    );
    if (!r.ok) throw new Error(r.message);
    expect(Array.from(r.table.labels.stream)).toEqual([1, 0]);
    const tags = r.table.features.find((f) => f.name === 'content_tags');
    expect(tags?.kind).toBe('multi');
  });
});
