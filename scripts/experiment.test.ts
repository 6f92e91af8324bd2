import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImpressionCsv } from '../src/core/data/csv-reader';
import { tableToCsv } from '../src/core/data/csv-writer';
import { tableToJsonl } from '../src/core/data/jsonl-writer';
import { tableToParquet } from '../src/core/data/parquet-writer';
import type { ExperimentConfig } from '../src/core/config/experiment';
import type { ExperimentResults } from '../src/core/results/results';
import { webGpuUnavailable } from './node-webgpu-check';

const TINY = JSON.stringify({
  train: { maxEpochs: 2, batchSize: 64 },
  model: { encoderUnits: [16], towerUnits: [8], embeddingDim: 4 },
});
const tsx = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx');
const cli = join(import.meta.dirname, 'experiment.ts');
const foreignLog = join(import.meta.dirname, 'fixtures', 'foreign-log.csv');

/** Runs the CLI with the tiny config on `data`; stdout, stderr and the exit status. */
function runCli(data: string, ...args: string[]) {
  const r = spawnSync(tsx, [cli, '--data', data, '--backend', 'cpu', '--config', TINY, '--quiet', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** The printed Table 1 (header to footnote), which holds every grouping's APs. */
function table1(stdout: string): string {
  const m = /^Grouping .*\n(?:.*\n)*?rel = AP relative to .*$/m.exec(stdout);
  if (!m) throw new Error(`no Table 1 in:\n${stdout}`);
  return m[0];
}

/** foreign-log.csv's table written as CSV, Parquet and JSON Lines into a fresh folder. */
function writeEncodings(): Record<'csv' | 'parquet' | 'jsonl', string> {
  const r = readImpressionCsv(readFileSync(foreignLog, 'utf8'), 'foreign-log.csv');
  if (!r.ok) throw new Error(r.message);
  const dir = mkdtempSync(join(tmpdir(), 'csl-'));
  const paths = {
    csv: join(dir, 'log.csv'),
    parquet: join(dir, 'log.parquet'),
    jsonl: join(dir, 'log.jsonl'),
  };
  writeFileSync(paths.csv, tableToCsv(r.table));
  writeFileSync(paths.parquet, new Uint8Array(tableToParquet(r.table)));
  writeFileSync(paths.jsonl, tableToJsonl(r.table));
  return paths;
}

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

  it('--set changes any field by its link key, validated as a link is', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'csl-')), 'results.json');
    const sets = ['emb_init=normal', 'emb_scale=0.5', 'lr_schedule=cosine', 'min_count=3', 'lr=7', 'bogus=1'];
    const r = runCli(
      foreignLog,
      '--groupings',
      'promo-mtl',
      '--out',
      out,
      ...sets.flatMap((s) => ['--set', s]),
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/note: unknown parameter bogus; ignored/);
    expect(r.stdout).toMatch(/note: lr: clamped to 0\.1/); // to the field's range, with a notice
    const config = (JSON.parse(readFileSync(out, 'utf8')) as ExperimentResults).config as ExperimentConfig;
    expect(config.model).toMatchObject({ embeddingInit: 'normal', embeddingScale: 0.5, embeddingDim: 4 });
    expect(config.train).toMatchObject({
      lrSchedule: 'cosine',
      minCount: 3,
      learningRate: 0.1,
      maxEpochs: 2,
    });
  }, 300_000);

  it('--tune N tries N recipes per grouping on validation and reports them, the config’s first', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'csl-')), 'results.json');
    const r = runCli(
      foreignLog,
      '--groupings',
      'promo-mtl,ads-stream',
      '--tune',
      '2',
      '--bootstrap',
      '0',
      '--out',
      out,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Tuning: 2 recipes per grouping by successive halving in rungs of 2 recipes/);
    const results = JSON.parse(readFileSync(out, 'utf8')) as ExperimentResults;
    const t = results.tuning!;
    expect(Object.keys(t.groupings)).toEqual(['promo-mtl', 'ads-stream']);
    for (const g of Object.values(t.groupings)) {
      expect(g.trials.map((x) => x.index)).toEqual([0, 1]);
      expect(g.trials[0].recipe).toMatchObject({ embeddingDim: 4, maxEpochs: 2 }); // the config's own
      expect(g.trials[1].recipe).toEqual(t.groupings['promo-mtl'].trials[1].recipe); // same candidates
      expect([0, 1]).toContain(g.chosen);
    }
    // The comparison trained each grouping with its chosen recipe.
    const chosen = t.groupings['ads-stream'];
    expect(results.groupings.find((g) => g.id === 'ads-stream')!.history.length).toBeLessThanOrEqual(
      chosen.trials[chosen.chosen].recipe.maxEpochs,
    );
  }, 300_000);

  it('--study tuning runs the comparison after the search; an unknown kind is refused', () => {
    const r = runCli(
      foreignLog,
      '--study',
      'tuning',
      '--tune',
      '2',
      '--groupings',
      'promo-mtl',
      '--repeats',
      '1',
      '--bootstrap',
      '0',
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^tuning study: 2 recipes per grouping$/m);
    expect(r.stdout).toMatch(/Tuning: 2 recipes per grouping by successive halving/);
    expect(table1(r.stdout)).toContain('promo-mtl');
    const bad = runCli(foreignLog, '--study', 'sweep');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--study must be one of comparison, ablation, cold-start, tuning/);
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
  it('reads Parquet and JSON Lines: the same data gives the same Table 1 as its CSV', () => {
    const paths = writeEncodings();
    const runs = [paths.csv, paths.parquet, paths.jsonl].map((p) => runCli(p));
    for (const r of runs) expect(r.status, r.stderr).toBe(0);
    const [csv, ...rest] = runs.map((r) => table1(r.stdout));
    expect(csv).toMatch(/^joint-5task\s+0\.\d{4}\s+[+-]\d+\.\d%\s+0\.\d{4}/m);
    for (const t of rest) expect(t).toBe(csv);
    // The same rows reached training in each encoding.
    const dataLine = (s: string) => /^data: \d+ impressions .*days train\/val\/test \S+/m.exec(s)?.[0];
    expect(dataLine(runs[0].stdout)).toMatch(/^data: 1120 impressions/);
    for (const r of runs) expect(dataLine(r.stdout)).toBe(dataLine(runs[0].stdout));
  }, 300_000);

  it('refuses a JSON Lines file with a broken line, naming the line; --skip-invalid-rows loads the rest', () => {
    const { jsonl } = writeEncodings();
    const lines = readFileSync(jsonl, 'utf8').split('\n');
    lines[2] = lines[2].slice(0, 40); // line 3: cut mid-object
    writeFileSync(jsonl, lines.join('\n'));
    const bad = runCli(jsonl);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/log\.jsonl: 1 invalid value in 1 row/);
    expect(bad.stderr).toMatch(/^ {2}line 3: "\{.*": malformed JSON/m);
    expect(bad.stderr).toMatch(/--skip-invalid-rows/);

    const skipped = runCli(jsonl, '--skip-invalid-rows');
    expect(skipped.status, skipped.stderr).toBe(0);
    expect(skipped.stdout).toMatch(/^skipped 1 invalid line:\n {2}line 3: .*malformed JSON/m);
    expect(skipped.stdout).toMatch(/^data: 1119 impressions/m);
    expect(table1(skipped.stdout)).toMatch(/^joint-5task\s+0\.\d{4}/m);
  }, 300_000);
});

// `--backend webgpu` (issue 18, item 3): the CLI sets up Dawn itself (re-running with the Vulkan
// environment; SwiftShader here), names its adapter, and two runs of the same command write
// byte-identical predictions files. One grouping: SwiftShader emulates the GPU on the CPU.
describe.skipIf(webGpuUnavailable())('npm run experiment -- --backend webgpu', () => {
  it(
    'runs twice to byte-identical predictions, with the adapter in the results',
    { timeout: 600_000 },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'csl-webgpu-'));
      const runs = ['a', 'b'].map((name) => {
        const preds = join(dir, `${name}.csv`);
        const out = join(dir, `${name}.json`);
        const r = spawnSync(
          tsx,
          [
            cli,
            '--data',
            foreignLog,
            '--backend',
            'webgpu',
            '--config',
            TINY,
            '--groupings',
            'promo-mtl',
          ].concat(['--repeats', '1', '--bootstrap', '0', '--quiet', '--predictions', preds, '--out', out]),
          { encoding: 'utf8', timeout: 240_000 },
        );
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout).toMatch(/webgpu adapter: \S/);
        return {
          preds: readFileSync(preds),
          results: JSON.parse(readFileSync(out, 'utf8')) as ExperimentResults,
        };
      });
      const [a, b] = runs.map((r) => r.results.reproduction);
      expect(a?.backend).toBe('webgpu');
      expect(a?.adapter).toMatch(/\S/);
      expect(b?.predictions).toBe(a?.predictions);
      expect(runs[0].preds.length).toBeGreaterThan(1000);
      expect(runs[1].preds.equals(runs[0].preds)).toBe(true);
    },
  );
});
