import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config/defaults';
import { GROUPINGS } from '../src/core/config/groupings';
import { prepareData, rowsOfSource } from '../src/core/data/prepare';
import { createRng } from '../src/core/data/rng';
import { createBatchSampler } from '../src/core/data/sampler';
import { DEFAULT_SIM_CONFIG, simulate } from '../src/core/data/simulator';
import { inputSpecOf } from '../src/ml/model/model';
import { findTorchPython, runTorchBench, tfjsTrainableParams, writeTorchInputs } from './bench-torch';

const data = prepareData(simulate(DEFAULT_SIM_CONFIG, 1), DEFAULT_CONFIG);
const dir = mkdtempSync(join(tmpdir(), 'bench-torch-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench-torch inputs', () => {
  const opts = { batchSizes: [32, 64], threads: [1], warmup: 2, steps: 3 };
  const meta = writeTorchInputs(dir, data, opts);
  const ds = data.encoded;

  it('writes every array with the byte size bench_torch.py expects', () => {
    const bytes = (name: string) => statSync(join(dir, `${name}.bin`)).size;
    expect(bytes('catCodes')).toBe(ds.n * meta.categorical.length * 4);
    expect(bytes('multiCodes')).toBe(ds.n * meta.multiWidth * 4);
    expect(bytes('multiWeights')).toBe(ds.n * meta.multiWidth * 4);
    expect(bytes('numericValues')).toBe(ds.n * meta.numericWidth * 4);
    expect(bytes('labels')).toBe(ds.n * 16);
    expect(bytes('labelPresent')).toBe(ds.n * 16);
    expect(bytes('source')).toBe(ds.n);
    // Byte comparison: vitest's deep equality over ~10^6 elements takes many seconds.
    const same = (name: string, a: Float32Array | Int32Array) =>
      readFileSync(join(dir, `${name}.bin`)).equals(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    expect(same('multiWeights', ds.multiWeights)).toBe(true);
    expect(same('catCodes', ds.catCodes)).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'))).toEqual(meta);
  });

  it('exports the tfjs bench rows: one createRng(1) sampler per batch size', () => {
    const rowsBySource = {
      promo: rowsOfSource(data.table, data.split.train, 'promo'),
      ad: rowsOfSource(data.table, data.split.train, 'ad'),
    };
    for (const batchSize of opts.batchSizes) {
      const sampler = createBatchSampler({ rowsBySource, batchSize, promoShare: 0.5, rng: createRng(1) });
      const buf = readFileSync(join(dir, `batches_${batchSize}.bin`));
      const rows = new Int32Array(buf.buffer, buf.byteOffset, buf.length / 4);
      expect(rows.length).toBe((opts.warmup + opts.steps) * batchSize);
      for (let i = 0; i < opts.warmup + opts.steps; i++)
        expect(rows.subarray(i * batchSize, (i + 1) * batchSize)).toEqual(sampler.next());
    }
  });

  it('counts the tfjs parameters as the shapes in meta imply', () => {
    const { encoderUnits, towerUnits } = meta.model;
    let expected = [...meta.categorical, ...meta.multi].reduce((s, c) => s + c.vocabSize * c.dim, 0);
    let width = [...meta.categorical, ...meta.multi].reduce((s, c) => s + c.dim, 0) + meta.numericWidth;
    for (const u of encoderUnits) [expected, width] = [expected + width * u + 2 * u, u];
    for (const _ of meta.heads) {
      let w = width;
      for (const u of [...towerUnits, 1]) [expected, w] = [expected + w * u + u, u];
    }
    const heads = GROUPINGS['joint-5task'].heads;
    expect(tfjsTrainableParams(inputSpecOf(ds), heads, DEFAULT_CONFIG.model)).toBe(expected);
  });
});

// Runs only where an interpreter with torch exists; CI does not depend on it (a few seconds).
it.skipIf(!findTorchPython())('trains the same-sized model in PyTorch and the loss is finite', async () => {
  const r = await runTorchBench({ batchSizes: [64], threads: [1], warmup: 1, steps: 3 });
  if ('skipped' in r) throw new Error(r.skipped);
  expect(r.rows).toHaveLength(1);
  expect(r.rows[0].params).toBe(r.tfjsParams);
  expect(r.rows[0].firstLoss).toBeGreaterThan(1); // 5 heads of BCE near 0.7 nats at init
  expect(r.rows[0].firstLoss).toBeLessThan(10);
  expect(r.rows[0].stepsPerSec).toBeGreaterThan(0);
});
