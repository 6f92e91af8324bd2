import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/defaults';
import { datasetFingerprint } from './fingerprint';
import { prepareData, prepareSteps } from './prepare';
import { DEFAULT_SIM_CONFIG, simulate, simulateSteps } from './simulator';
import { driveStages, runSteps, type Stage, type Steps, within } from './steps';

const SIM = { ...DEFAULT_SIM_CONFIG, users: 500, shows: 80, days: 5, impressionsPerDay: 8000 };

function stagesOf<R>(steps: Steps<R>): { stages: Stage[]; value: R } {
  const stages: Stage[] = [];
  for (;;) {
    const next = steps.next();
    if (next.done) return { stages, value: next.value };
    stages.push(next.value);
  }
}

function expectProgress(stages: readonly Stage[]) {
  for (const [i, s] of stages.entries()) {
    expect(s.fraction).toBeGreaterThanOrEqual(i === 0 ? 0 : stages[i - 1].fraction);
    expect(s.fraction).toBeLessThanOrEqual(1);
    expect(s.message).not.toBe('');
  }
}

describe('computations in stages', () => {
  it('simulates in stages (rows in stretches, each outcome, labels) the same table as simulate()', () => {
    const { stages, value } = stagesOf(simulateSteps(SIM, 3));
    expectProgress(stages);
    // 40k rows: stretches of 16k rows, so a day of impressions is not one unit.
    expect(stages.filter((s) => s.message.startsWith('simulating impressions')).length).toBe(3);
    expect(stages.length).toBeGreaterThanOrEqual(10);
    expect(datasetFingerprint(value)).toBe(datasetFingerprint(simulate(SIM, 3)));
  });

  it('prepares in stages (split, one per encoded column, summary) the same data as prepareData()', () => {
    const table = simulate(SIM, 4);
    const { stages, value } = stagesOf(prepareSteps(table, DEFAULT_CONFIG));
    expectProgress(stages);
    const columns = 2 + table.features.length; // user_id, podcast_id, every feature column
    expect(stages.filter((s) => s.message.startsWith('encoding ')).length).toBe(columns + 1); // + labels
    const direct = prepareData(table, DEFAULT_CONFIG);
    // A plain loop: toEqual on 40k-row typed arrays takes seconds.
    const same = (a: ArrayLike<number>, b: ArrayLike<number>) =>
      a.length === b.length && Array.prototype.every.call(a, (x: number, i: number) => Object.is(x, b[i]));
    expect(same(value.encoded.catCodes, direct.encoded.catCodes)).toBe(true);
    expect(same(value.encoded.numericValues, direct.encoded.numericValues)).toBe(true);
    expect(value.summary).toEqual(direct.summary);
  });

  it('within maps a part into its share of the whole; a driver awaits its pace before each stage', async () => {
    function* two(): Steps<string> {
      yield { message: 'a', fraction: 0 };
      yield { message: 'b', fraction: 0.5 };
      return 'done';
    }
    expect(stagesOf(within(two(), 0.2, 0.6)).stages).toEqual([
      { message: 'a', fraction: 0.2 },
      { message: 'b', fraction: 0.4 },
    ]);
    expect(runSteps(two())).toBe('done');
    const seen: string[] = [];
    expect(await driveStages(two(), async (s) => void seen.push(s.message))).toBe('done');
    expect(seen).toEqual(['a', 'b']);
    // A pace that throws (a cancel) stops the computation before its next unit.
    const stop = driveStages(two(), async (s) => {
      if (s.message === 'b') throw new Error('stop');
    });
    await expect(stop).rejects.toThrow('stop');
  });
});
