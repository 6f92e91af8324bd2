/**
 * Writes the dashboard's sample datasets: public/samples/impressions-small.csv, .parquet and
 * .jsonl, one simulated table in the three accepted encodings (`npm run samples`).
 *
 * The table is the `quick` preset's simulation at 400 impressions a day over its 10 days (4,000
 * rows): small enough that the JSON Lines file, the largest encoding, stays under 2 MB, and
 * trainable with the default split (7/2/1 days), with positive stream labels for promotions and
 * ads in each of train, validation and test. The script prints that check and exits 1 if it fails.
 * Deterministic: the same seed gives the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PRESETS } from '../src/core/config/presets';
import { tableToCsv } from '../src/core/data/csv-writer';
import { tableToJsonl } from '../src/core/data/jsonl-writer';
import { tableToParquet } from '../src/core/data/parquet-writer';
import { prepareData } from '../src/core/data/prepare';
import { SOURCES } from '../src/core/data/schema';
import type { SimConfig } from '../src/core/data/simulator-config';
import { simulate } from '../src/core/data/simulator';
import { DEFAULT_SPLIT } from '../src/core/data/split';
import type { ImpressionTable } from '../src/core/data/table';

export const SAMPLE_DIR = join(import.meta.dirname, '..', 'public', 'samples');
export const SAMPLE_FILES = ['impressions-small.csv', 'impressions-small.parquet', 'impressions-small.jsonl'];
export const SAMPLE_SIM: SimConfig = { ...PRESETS.quick.data.sim, impressionsPerDay: 400 };
export const SAMPLE_SEED = PRESETS.quick.seed;

/** The simulated sample table (with simulator truth, which no encoding writes). */
export function sampleTable(): ImpressionTable {
  return simulate(SAMPLE_SIM, SAMPLE_SEED);
}

/** Lines describing the table's split, and whether it is trainable as the samples must be. */
export function checkSample(table: ImpressionTable): { ok: boolean; lines: string[] } {
  const { summary } = prepareData(table, { split: DEFAULT_SPLIT });
  const lines = [`${table.n} rows over ${summary.rowsByDay.length} days`];
  let ok = summary.rowsByDay.length >= 3 && summary.split !== null;
  for (const name of ['train', 'val', 'test'] as const) {
    const s = summary.split?.[name];
    if (!s) continue;
    const counts = SOURCES.map((src) => `${src} ${s.streamPositives[src]}/${s.rows[src]}`).join(', ');
    lines.push(`${name}: days ${s.days.join(',')}; stream positives/rows ${counts}`);
    for (const src of SOURCES) if (s.streamPositives[src] === 0) ok = false;
  }
  for (const w of summary.warnings) lines.push(`warning: ${w.message}`);
  return { ok, lines };
}

function main(): void {
  const table = sampleTable();
  const check = checkSample(table);
  for (const l of check.lines) console.log(l);
  if (!check.ok) {
    console.error('error: the sample needs >= 3 days and a positive stream label per source in every split');
    process.exit(1);
  }
  const bytes: Record<string, string | ArrayBuffer> = {
    'impressions-small.csv': tableToCsv(table),
    'impressions-small.parquet': tableToParquet(table),
    'impressions-small.jsonl': tableToJsonl(table),
  };
  mkdirSync(SAMPLE_DIR, { recursive: true });
  for (const file of SAMPLE_FILES) {
    const b = bytes[file];
    const data = typeof b === 'string' ? b : new Uint8Array(b);
    writeFileSync(join(SAMPLE_DIR, file), data);
    console.log(`wrote public/samples/${file} (${(data.length / 1e6).toFixed(2)} MB)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
