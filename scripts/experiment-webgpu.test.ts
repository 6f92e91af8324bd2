/**
 * `npm run experiment -- --backend webgpu` (issue 18, item 3): the CLI sets up Dawn itself
 * (re-running with the Vulkan environment), names its adapter, and two runs of the same command
 * write byte-identical predictions files. Tiny on purpose: SwiftShader emulates the GPU here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExperimentResults } from '../src/core/results/results';
import { webGpuUnavailable } from './node-webgpu-check';

const TINY = JSON.stringify({
  train: { maxEpochs: 2, batchSize: 128 },
  model: { encoderUnits: [16], towerUnits: [8], embeddingDim: 4 },
});
const tsx = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx');
const cli = join(import.meta.dirname, 'experiment.ts');
const data = join(import.meta.dirname, 'fixtures', 'foreign-log.csv');

describe.skipIf(webGpuUnavailable())('experiment CLI on WebGPU', () => {
  it('runs twice to byte-identical predictions', { timeout: 600_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'csl-webgpu-'));
    const runs = ['a', 'b'].map((name) => {
      const preds = join(dir, `${name}.csv`);
      const out = join(dir, `${name}.json`);
      const r = spawnSync(
        tsx,
        [cli, '--data', data, '--backend', 'webgpu', '--config', TINY, '--groupings', 'promo-mtl'].concat([
          '--repeats',
          '1',
          '--bootstrap',
          '0',
          '--quiet',
          '--predictions',
          preds,
          '--out',
          out,
        ]),
        { encoding: 'utf8', timeout: 240_000 },
      );
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/webgpu adapter: \S/);
      return {
        preds: readFileSync(preds),
        results: JSON.parse(readFileSync(out, 'utf8')) as ExperimentResults,
      };
    });
    expect(runs[0].results.backend).toBe('webgpu');
    expect(runs[0].preds.length).toBeGreaterThan(1000);
    expect(runs[1].preds.equals(runs[0].preds)).toBe(true);
  });
});
