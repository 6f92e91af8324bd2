import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExperimentResults } from '../src/core/metrics/results';

const TINY = JSON.stringify({
  train: { maxEpochs: 2, batchSize: 64 },
  model: { encoderUnits: [16], towerUnits: [8], embeddingDim: 4 },
});
const tsx = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx');
const cli = join(import.meta.dirname, 'experiment.ts');

describe('npm run experiment', () => {
  it('runs unchanged on a spec-format CSV this project did not write', () => {
    // scripts/fixtures/foreign-log.csv: written by a Python script, CRLF, columns in another order,
    // ISO dates, feature names of its own, missing click/like/follow labels, an unknown column.
    const dir = mkdtempSync(join(tmpdir(), 'csl-'));
    const out = join(dir, 'results.json');
    const preds = join(dir, 'preds.csv');
    const stdout = execFileSync(
      tsx,
      [
        cli,
        '--data',
        join(import.meta.dirname, 'fixtures', 'foreign-log.csv'),
        '--backend',
        'cpu',
        '--config',
        TINY,
        '--out',
        out,
        '--predictions',
        preds,
        '--quiet',
      ],
      { encoding: 'utf8', timeout: 240_000 },
    );
    expect(stdout).toMatch(/ignored columns: campaign_note/);
    expect(stdout).toMatch(/tiers training-counts/);
    expect(stdout).toMatch(/joint-5task\s+0\.\d{4}\s+[+-]\d+\.\d%/);
    const results = JSON.parse(readFileSync(out, 'utf8')) as ExperimentResults;
    expect(results.groupings.map((g) => g.id)).toEqual([
      'promo-mtl',
      'promo-stream',
      'ads-stream',
      'ads-anc',
      'joint-5task',
      'ads-stream-pooled',
    ]);
    expect(results.backend).toBe('cpu');
    expect(results.groupings[0].promoRel).toBe(0);
    const header = readFileSync(preds, 'utf8').split('\n')[0];
    expect(header).toContain('joint-5task:promo_stream');
    // 8 days -> 6 train / 1 val / 1 test; the test day holds 140 impressions.
    expect(results.testRows).toBe(140);
  }, 300_000);

  it('refuses a file with bad values, naming row, column, value and reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csl-'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'source,day,user_id,podcast_id,stream\npromo,0,u1,p1,1\nx,1,u2,p2,2\n');
    const r = spawnSync(tsx, [cli, '--data', bad], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv/);
    expect(r.stderr).toMatch(/row 2, source = "x"/);
    expect(r.stderr).toMatch(/row 2, stream = "2"/);
  }, 120_000);
});
