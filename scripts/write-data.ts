/**
 * Writes a generated impression dataset in any accepted encoding:
 * `npm run data:write -- --generator sim|alt --seed N [--rows N] --out FILE.csv|.parquet|.jsonl`.
 *
 * `sim` is the impression simulator (simulator.ts, DEFAULT_SIM_CONFIG); `alt` is the second
 * generator with a different mechanism (alt-simulator.ts, DEFAULT_ALT_CONFIG), there to check that
 * recipe defaults are not fitted to one generator (docs/simulator.md). --rows N scales
 * impressionsPerDay so that days x impressionsPerDay is about N (the number of days is kept).
 * Deterministic: the same generator, seed and rows give the same bytes.
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_ALT_CONFIG, simulateAlt } from '../src/core/data/alt-simulator';
import { tableToCsvLines } from '../src/core/data/csv-writer';
import { tableToJsonlLines } from '../src/core/data/jsonl-writer';
import { encodingOfName } from '../src/core/data/load-file';
import { tableToParquet } from '../src/core/data/parquet-writer';
import { DEFAULT_SIM_CONFIG, simulate } from '../src/core/data/simulator';
import type { ImpressionTable } from '../src/core/data/table';

const USAGE =
  'usage: npm run data:write -- --generator sim|alt --seed N [--rows N] --out FILE.csv|.parquet|.jsonl';

function fail(message: string): never {
  console.error(`error: ${message}\n${USAGE}`);
  process.exit(2);
}

/** The table of `generator` at `seed`, with about `rows` rows when given. */
export function generate(generator: 'sim' | 'alt', seed: number, rows?: number): ImpressionTable {
  const perDay = (days: number, dflt: number) =>
    rows === undefined ? dflt : Math.max(1, Math.round(rows / days));
  if (generator === 'sim') {
    const cfg = DEFAULT_SIM_CONFIG;
    return simulate({ ...cfg, impressionsPerDay: perDay(cfg.days, cfg.impressionsPerDay) }, seed);
  }
  const cfg = DEFAULT_ALT_CONFIG;
  return simulateAlt({ ...cfg, impressionsPerDay: perDay(cfg.days, cfg.impressionsPerDay) }, seed);
}

/** Writes lines to `path`, '\n'-terminated, in chunks (no whole-file string). */
export function writeLines(path: string, lines: Iterable<string>): void {
  const fd = openSync(path, 'w');
  try {
    let chunk: string[] = [];
    for (const line of lines) {
      chunk.push(line);
      if (chunk.length === 8192) {
        writeSync(fd, `${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    if (chunk.length > 0) writeSync(fd, `${chunk.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
}

function main(): void {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      options: {
        generator: { type: 'string' },
        seed: { type: 'string' },
        rows: { type: 'string' },
        out: { type: 'string' },
      },
    }).values;
  } catch (e) {
    fail((e as Error).message);
  }
  const generator = values.generator;
  if (generator !== 'sim' && generator !== 'alt') fail('--generator must be sim or alt');
  const seed = Number(values.seed);
  if (values.seed === undefined || !Number.isInteger(seed)) fail('--seed must be an integer');
  const rows = values.rows === undefined ? undefined : Number(values.rows);
  if (rows !== undefined && !(Number.isInteger(rows) && rows > 0)) fail('--rows must be a positive integer');
  const out = values.out;
  if (!out) fail('--out is required');
  const encoding = encodingOfName(out);
  if (!encoding) fail(`--out ${out}: the name must end in .csv, .parquet or .jsonl`);

  const t0 = performance.now();
  const table = generate(generator, seed, rows);
  const t1 = performance.now();
  if (encoding === 'csv') writeLines(out, tableToCsvLines(table));
  else if (encoding === 'jsonl') writeLines(out, tableToJsonlLines(table));
  else writeFileSync(out, new Uint8Array(tableToParquet(table)));
  const t2 = performance.now();
  let ads = 0;
  for (let i = 0; i < table.n; i++) ads += table.source[i];
  console.log(
    `${generator} seed ${seed}: ${table.n} rows (${ads} ad, ${table.n - ads} promo) generated in ` +
      `${((t1 - t0) / 1000).toFixed(2)} s; wrote ${out} (${encoding}) in ${((t2 - t1) / 1000).toFixed(2)} s`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
