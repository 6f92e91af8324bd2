/**
 * What tuning costs (issue 17): `npm run bench:tune -- [--tune 8] [--seed 1] [--backend wasm]
 * [--config LINK]`. Runs the CLI twice on the default simulated data, side by side in one run:
 * the default comparison, then the same with `--tune N`, both with the bootstrap off (it is the
 * same work in both). Prints each wall time, the ratio tuned / default and how many trainings
 * each did, and writes bench/results/tune-<date>.json. The ratio, not the seconds, is what carries
 * to another machine; the seconds say what a user waits here.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { halvingRungs } from '../src/core/config/tuning';
import type { ExperimentConfig } from '../src/core/config/experiment';
import type { ExperimentResults } from '../src/core/results/results-types';
import { machineInfo, machineLine } from './bench-node-report';

const { values } = parseArgs({
  options: {
    tune: { type: 'string', default: '8' },
    seed: { type: 'string', default: '1' },
    backend: { type: 'string', default: 'wasm' },
    config: { type: 'string' },
  },
});
const tune = Number(values.tune);
const dir = mkdtempSync(join(tmpdir(), 'csl-tune-'));
const machine = machineInfo();
console.log(machineLine(machine));

function run(label: string, extra: string[]) {
  const out = join(dir, `${label}.json`);
  const args = ['tsx', 'scripts/experiment.ts', '--data', 'sim', '--seed', values.seed!, '--bootstrap', '0'];
  args.push('--backend', values.backend!, '--quiet', '--out', out, ...extra);
  if (values.config) args.push('--config', values.config);
  const t0 = performance.now();
  const r = spawnSync('npx', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${label}: the CLI failed (${r.status})\n${r.stdout}`);
  const results = JSON.parse(readFileSync(out, 'utf8')) as ExperimentResults;
  const groupings = results.groupings.length;
  const repeats = (results.config as ExperimentConfig).rigor.repeats;
  const tuning = results.tuning
    ? groupings * halvingRungs(results.tuning.trials).reduce((s, k) => s + k, 0)
    : 0;
  console.log(
    `${label}: ${seconds.toFixed(1)} s, ${groupings} groupings x ${repeats} seeds` +
      (tuning ? ` + ${tuning} tuning trainings (${results.tuning!.rungs?.join(', ')} per grouping)` : ''),
  );
  return {
    label,
    seconds,
    trainings: groupings * repeats + tuning,
    rows: (results.dataset as { rows: number }).rows,
  };
}

const base = run('default', []);
const tuned = run(`tune${tune}`, ['--tune', String(tune)]);
const ratio = tuned.seconds / base.seconds;
console.log(
  `tune ${tune} / default: ${ratio.toFixed(2)}x the wall time, ${(tuned.trainings / base.trainings).toFixed(2)}x the trainings`,
);
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/tune-${new Date().toISOString().slice(0, 10)}.json`;
writeFileSync(
  file,
  `${JSON.stringify({ createdAt: new Date().toISOString(), machine, options: values, runs: [base, tuned], ratio }, null, 2)}\n`,
);
console.log(`written to ${file}`);
