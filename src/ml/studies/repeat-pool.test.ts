/** runRepeats: the order in which repeats go where, and how a failure or a refusal is handled. */
import { describe, expect, it } from 'vitest';
import type { RunOutput } from '../train/run-types';
import { runRepeats } from './repeat-pool';

/** Resolves when released; `release` may come before or after the wait. */
function latch() {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { done, release };
}

describe('runRepeats', () => {
  const out = (r: number) => ({ r }) as unknown as RunOutput;
  /** A lane that records the repeats it trains. */
  const recording = (seen: number[], refuse?: number) => async (r: number) => {
    seen.push(r);
    return r === refuse ? null : out(r);
  };
  it('keeps repeat order, trains here what could not start elsewhere, and starts each repeat once', async () => {
    const here: number[] = [];
    const tried: number[] = [];
    const local = recording(here);
    const outs = await runRepeats(4, 3, async (r) => (await local(r))!, recording(tried, 2));
    expect(outs.map((o) => (o as unknown as { r: number }).r)).toEqual([0, 1, 2, 3]);
    expect(here[0]).toBe(0);
    expect([...here, ...tried.filter((r) => r !== 2)].sort()).toEqual([0, 1, 2, 3]);
    expect(here).toContain(2);
  });

  it('one lane trains every repeat here, in order', async () => {
    const here: number[] = [];
    const local = recording(here);
    await runRepeats(
      3,
      1,
      async (r) => (await local(r))!,
      () => Promise.reject(new Error('not used')),
    );
    expect(here).toEqual([0, 1, 2]);
  });

  it('settles only when every lane has, and rejects with the first failure', async () => {
    const gate = latch();
    let localEnded = false;
    const ran = runRepeats(
      2,
      2,
      async (r) => {
        await gate.done;
        localEnded = true;
        return out(r);
      },
      async () => {
        throw new Error('helper failed');
      },
    );
    let settled = false;
    void ran.catch(() => (settled = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(settled).toBe(false);
    gate.release();
    await expect(ran).rejects.toThrow('helper failed');
    expect(localEnded).toBe(true);
  });
});
