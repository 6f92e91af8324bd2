/**
 * `npm run analyse` on predictions written by another tool: scripts/other_tool_predictions.py
 * (numpy logistic regressions fitted outside this project) writes the file, the CLI analyses it,
 * and its Table 1 APs are checked against an AP computed here from the file's own columns.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableToCsv } from '../src/core/data/csv-writer';
import { DEFAULT_SIM_CONFIG, simulate } from '../src/core/data/simulator';
import type { ExperimentResults } from '../src/core/results/results';
import { parseStudyJson } from '../src/core/results/study-io';
import { findTorchPython } from './torch-python';

const tsx = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx');
const cli = join(import.meta.dirname, 'analyse.ts');

function runCli(...args: string[]) {
  const r = spawnSync(tsx, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** Average precision as scikit-learn defines it, written apart from src/core/metrics: ties grouped. */
function referenceAp(scores: number[], labels: number[]): number | null {
  const order = scores.map((s, i) => ({ s, y: labels[i] })).sort((a, b) => b.s - a.s);
  const positives = labels.filter((y) => y === 1).length;
  if (positives === 0) return null;
  let ap = 0;
  let tp = 0;
  let prevRecall = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j].s === order[i].s) j++;
    for (let k = i; k < j; k++) tp += order[k].y;
    ap += (tp / positives - prevRecall) * (tp / j);
    prevRecall = tp / positives;
    i = j;
  }
  return ap;
}

describe('npm run analyse on another tool’s predictions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'csl-analyse-'));
  const preds = join(dir, 'other.csv');
  beforeAll(() => {
    const log = join(dir, 'log.csv');
    writeFileSync(log, tableToCsv(simulate({ ...DEFAULT_SIM_CONFIG, days: 10, impressionsPerDay: 500 }, 4)));
    const python = findTorchPython();
    expect(python, 'a Python with numpy (apt-get install python3-numpy)').not.toBeNull();
    const r = spawnSync(python!, [join(import.meta.dirname, 'other_tool_predictions.py'), log, preds], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
  }, 180_000);

  it('analyses it: one Table 1 row per model, seeds from @<seed>, APs as recomputed from the file', () => {
    const out = join(dir, 'results.json');
    const r = runCli('--predictions', preds, '--baseline', 'show_rate', '--bootstrap', '50', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^show_rate \(baseline\)/m);
    const text = readFileSync(out, 'utf8');
    const parsed = parseStudyJson(text);
    expect(parsed.ok && parsed.file.kind).toBe('comparison');
    const results = JSON.parse(text) as ExperimentResults;
    expect(results.groupings.map((g) => g.id)).toEqual(['show_rate', 'logreg', 'logreg_split']);
    expect(results.baseline).toBe('show_rate');
    expect(results.rigor?.seeds).toEqual([1, 2, 3]);
    expect(results.analysis?.scoreColumns).toHaveLength(2 + 3 * 2);

    const rows = Papa.parse<Record<string, string>>(readFileSync(preds, 'utf8').trim(), {
      header: true,
    }).data;
    expect(results.testRows).toBe(rows.length);
    // The first seed's columns, each channel scored by its own head (the cross-channel rule).
    const column = { show_rate: () => 'show_rate', logreg: () => 'logreg' } as Record<
      string,
      (c: string) => string
    >;
    column.logreg_split = (c) => `logreg_split:${c === 'ad' ? 'ad' : 'promo'}_stream@1`;
    for (const g of results.groupings)
      for (const c of ['promo', 'ad'] as const) {
        const mine = rows.filter((row) => row.source === c);
        const want = referenceAp(
          mine.map((row) => Math.fround(Number(row[column[g.id](c)]))),
          mine.map((row) => Number(row.stream)),
        );
        expect(g.segments[c].all.ap, `${g.id} ${c}`).toBeCloseTo(want ?? Number.NaN, 12);
      }
  });

  it('refuses a file with a bad cell, naming the row and the column, and writes nothing', () => {
    const lines = readFileSync(preds, 'utf8').split('\n');
    const header = lines[0].split(',');
    const bad = lines[3].split(',');
    bad[header.indexOf('logreg')] = 'high';
    lines[3] = bad.join(',');
    const path = join(dir, 'bad.csv');
    writeFileSync(path, lines.join('\n'));
    const out = join(dir, 'bad.json');
    const r = runCli('--predictions', path, '--baseline', 'show_rate', '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bad.csv: 1 invalid value in 1 row');
    expect(r.stderr).toContain('row 3, logreg = "high": a score must be a finite number');
    expect(() => readFileSync(out)).toThrow();
  });
});
