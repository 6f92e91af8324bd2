/**
 * Load part of `npm run bench` (`npm run bench:load`): how fast the dashboard reads a
 * 1,000,000-row simulated dataset as CSV and as Parquet in headless Chromium, how much resident
 * memory the page's renderer (where the training worker lives) gains per row, and the main-thread
 * long tasks (PerformanceObserver 'longtask', tasks of 50 ms or more) while it loads. The target
 * is no main-thread task over 200 ms; it is reported, not asserted. For context it also prints
 * Node's throughput on the same files and the loaded table's own typed-array payload per row.
 * The files are generated once into the OS temp dir (named by config and seed) and reused.
 * Writes bench/results/browser-load.json.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  openAsBlob,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, platform, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, expect, type Page, test } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';
import { chromiumRss } from './bench-support';
import { tableToCsvLines } from '../src/core/data/csv-writer';
import { readImpressionFile } from '../src/core/data/load-file';
import { tableToParquet } from '../src/core/data/parquet-writer';
import { DEFAULT_SIM_CONFIG, simulate } from '../src/core/data/simulator';
import type { SimConfig } from '../src/core/data/simulator-config';

const SIM: SimConfig = { ...DEFAULT_SIM_CONFIG, days: 20, impressionsPerDay: 50_000 };
const SEED = 1;
const ROWS = SIM.days * SIM.impressionsPerDay;
const LOAD_TIMEOUT_MS = 600_000;
const TARGET_MS = 200;

const MiB = 2 ** 20;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

type Format = 'csv' | 'parquet';

// ---------------------------------------------------------------------------------------------
// Data files

/** The cached files' paths: the name carries the rows, seed and a hash of the whole config. */
function dataPaths(): Record<Format, string> {
  const hash = createHash('sha256').update(JSON.stringify({ SIM, SEED })).digest('hex').slice(0, 10);
  const base = join(
    tmpdir(),
    `cold-start-lab-bench-${SIM.days}x${SIM.impressionsPerDay}-seed${SEED}-${hash}`,
  );
  return { csv: `${base}.csv`, parquet: `${base}.parquet` };
}

/** Streams the CSV lines to `path` (through a temp name, so an interrupted run leaves no file). */
async function writeCsv(lines: Iterable<string>, path: string): Promise<void> {
  const part = `${path}.part`;
  const out = createWriteStream(part);
  let batch: string[] = [];
  let chars = 0;
  for (const line of lines) {
    batch.push(line);
    chars += line.length + 1;
    if (chars >= MiB) {
      if (!out.write(`${batch.join('\n')}\n`)) await once(out, 'drain');
      batch = [];
      chars = 0;
    }
  }
  if (batch.length > 0) out.write(`${batch.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
  renameSync(part, path);
}

/** Makes both files unless they are cached; returns what it did, for the report. */
async function ensureData(paths: Record<Format, string>) {
  const cached = existsSync(paths.csv) && existsSync(paths.parquet);
  const timing = { cached, simulateMs: 0, csvMs: 0, parquetMs: 0 };
  if (!cached) {
    let t = performance.now();
    const table = simulate(SIM, SEED);
    timing.simulateMs = performance.now() - t;
    t = performance.now();
    await writeCsv(tableToCsvLines(table), paths.csv);
    timing.csvMs = performance.now() - t;
    t = performance.now();
    // Default row groups (1,000 then 100,000 rows): about 11 s and 1.2 GiB of Node heap here.
    const bytes = tableToParquet(table);
    writeFileSync(`${paths.parquet}.part`, new Uint8Array(bytes));
    renameSync(`${paths.parquet}.part`, paths.parquet);
    timing.parquetMs = performance.now() - t;
  }
  return timing;
}

// ---------------------------------------------------------------------------------------------
// Node: throughput and the table's own payload

/** Bytes of every typed array reachable from `value`, plus 2 bytes per char of strings in arrays. */
function payloadBytes(value: unknown, seen = new Set<object>()): number {
  if (typeof value === 'string') return 2 * value.length;
  if (value === null || typeof value !== 'object' || seen.has(value)) return 0;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return value.byteLength;
  let sum = 0;
  for (const v of Array.isArray(value) ? value : Object.values(value))
    // Strings count only as array elements (dictionaries), not as names and other fields.
    if (typeof v !== 'string' || Array.isArray(value)) sum += payloadBytes(v, seen);
  return sum;
}

async function nodeLoad(path: string, name: string) {
  const t = performance.now();
  const result = await readImpressionFile(await openAsBlob(path), name);
  const ms = performance.now() - t;
  if (!result.ok) throw new Error(`Node could not load ${name}: ${result.message}`);
  return { ms, rows: result.table.n, payloadBytes: payloadBytes(result.table) };
}

// ---------------------------------------------------------------------------------------------
// Renderer memory (Linux /proc; bench-support.ts)

/** Resident bytes summed over `rootPid`'s descendant renderer processes, or null off Linux. */
const rendererRss = (rootPid: number) => chromiumRss(rootPid, 'renderer');

// ---------------------------------------------------------------------------------------------
// Browser: one fresh Chromium per format

interface PageMarks {
  longTasks: number[];
  change?: number;
  report?: number;
}

/** Long tasks, and when the file input changed and when the load report appeared (page clock). */
function pageProbe() {
  const w = window as unknown as { __bench: PageMarks };
  w.__bench = { longTasks: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__bench.longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener(
    'change',
    (e) => {
      const el = e.target as HTMLElement | null;
      if (el?.dataset?.testid === 'file-input') w.__bench.change = performance.now();
    },
    true,
  );
  const watch = () =>
    new MutationObserver((_, obs) => {
      if (w.__bench.change !== undefined && document.querySelector('[data-testid=load-report]')) {
        w.__bench.report = performance.now();
        obs.disconnect();
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
  if (document.documentElement) watch();
  else document.addEventListener('DOMContentLoaded', watch);
}

async function openApp(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  await context.addInitScript(pageProbe);
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('[data-testid=dataset-status][data-status=ready]')).toBeVisible({
    timeout: 120_000,
  });
  return page;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Loads `path` in a fresh Chromium. Launched (not launchServer + connect: a connected browser
 * counts as remote, so setInputFiles would first upload the file through Playwright, 10 s for the
 * CSV) as a child of this worker process, whose descendants are therefore this browser's.
 */
async function browserLoad(baseURL: string, path: string) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'],
  });
  const pid = process.pid;
  try {
    const version = browser.version();
    const page = await openApp(browser, baseURL);
    await page.getByTestId('tab-load').click();
    await sleep(2000); // let the start-up settle before the baseline
    await page.evaluate(() => {
      (window as unknown as { __bench: PageMarks }).__bench.longTasks = [];
    });
    const before = rendererRss(pid);
    let peak = before?.bytes ?? 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rendererRss(pid)?.bytes ?? 0);
    }, 250);

    const name = path.split('/').pop() ?? path;
    const t0 = performance.now();
    // The page's clock starts at the input's change event; this one includes Playwright's call.
    await page.getByTestId('file-input').setInputFiles(path);
    const setFilesMs = performance.now() - t0;
    const done = page.locator('[data-testid=load-report], [data-testid=load-error]').first();
    await done.waitFor({ timeout: LOAD_TIMEOUT_MS });
    if (await page.getByTestId('load-error').isVisible()) {
      clearInterval(sampler);
      throw new Error(
        `the browser could not load ${name}: ${await page.getByTestId('load-error').textContent()}`,
      );
    }
    const report = page.getByTestId('load-report');
    await expect(page.getByTestId('dataset-status')).toContainText(
      `In use: ${name} data, ${fmt(ROWS)} rows`,
      {
        timeout: 60_000,
      },
    );
    const nodeWallMs = performance.now() - t0;
    await sleep(1000); // long-task entries arrive after their task ends
    clearInterval(sampler);
    const after = rendererRss(pid);
    peak = Math.max(peak, after?.bytes ?? 0);
    const marks = await page.evaluate(() => (window as unknown as { __bench: PageMarks }).__bench);
    const workerMs = Number(await report.getAttribute('data-ms'));
    const rows = Number(await report.getAttribute('data-rows'));
    const bytes = Number(await report.getAttribute('data-bytes'));
    const reportText = ((await report.textContent()) ?? '').trim();
    const wallMs =
      marks.change !== undefined && marks.report !== undefined ? marks.report - marks.change : Number.NaN;
    return {
      version,
      rows,
      bytes,
      reportText,
      workerMs,
      wallMs,
      setFilesMs,
      nodeWallMs,
      longTasks: [...marks.longTasks].sort((a, b) => b - a),
      rss:
        before && after
          ? { before: before.bytes, after: after.bytes, peak, processes: after.processes }
          : null,
    };
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------

test('load throughput, renderer memory per row and main-thread long tasks for 1,000,000 rows', async ({
  baseURL,
}) => {
  test.setTimeout(45 * 60_000);
  const machine = {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'cpu',
    totalMemGiB: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: platform(),
    // Other work on the machine skews every figure: the 1-minute load average at the start.
    loadAverage1m: +loadavg()[0].toFixed(2),
  };
  console.log(
    `machine: ${machine.cpus} x ${machine.model}, ${machine.totalMemGiB.toFixed(0)} GiB, node ${machine.node}, ${machine.platform}, load average ${machine.loadAverage1m}`,
  );
  const paths = dataPaths();
  const gen = await ensureData(paths);
  const size = { csv: statSync(paths.csv).size, parquet: statSync(paths.parquet).size };
  console.log(
    `data: simulated, ${fmt(ROWS)} rows (${SIM.days} days x ${fmt(SIM.impressionsPerDay)}/day, ${fmt(SIM.users)} users, ` +
      `${fmt(SIM.shows)} shows, seed ${SEED}); CSV ${mib(size.csv)}, Parquet ${mib(size.parquet)} (snappy, default row groups) ` +
      (gen.cached
        ? `cached in ${tmpdir()}`
        : `generated: simulate ${secs(gen.simulateMs)}, CSV ${secs(gen.csvMs)}, Parquet ${secs(gen.parquetMs)}`),
  );

  const formats: Record<string, unknown>[] = [];
  let chromiumVersion = '';
  for (const format of ['csv', 'parquet'] as const) {
    const path = paths[format];
    const node = await nodeLoad(path, path.split('/').pop() ?? path);
    const payloadPerRow = node.payloadBytes / node.rows;
    const b = await browserLoad(baseURL ?? 'http://127.0.0.1:4173', path);
    chromiumVersion = b.version;
    const rowsPerSec = b.rows / (b.workerMs / 1000);
    const longest = b.longTasks[0] ?? 0;
    const over = b.longTasks.filter((d) => d > TARGET_MS).length;
    const delta = b.rss ? b.rss.after - b.rss.before : Number.NaN;
    const rssText = b.rss
      ? `renderer RSS ${mib(b.rss.before)} -> ${mib(b.rss.after)} (+${mib(delta)} = ${fmt(delta / b.rows)} B/row; ` +
        `peak ${mib(b.rss.peak)} = +${fmt((b.rss.peak - b.rss.before) / b.rows)} B/row)`
      : 'renderer RSS n/a';
    console.log(
      `load ${format} (${fmt(b.rows)} rows, ${mib(b.bytes)}) in the browser: ${fmt(rowsPerSec)} rows/s ` +
        `(worker ${secs(b.workerMs)}, wall ${secs(b.wallMs)}); ${rssText} (table payload ${fmt(payloadPerRow)} B/row); ` +
        `main-thread long tasks: ${b.longTasks.length}, longest ${longest.toFixed(0)} ms, over ${TARGET_MS} ms: ${over} ` +
        `(target: none over ${TARGET_MS} ms)`,
    );
    console.log(
      `  node ${format}: ${fmt(node.rows / (node.ms / 1000))} rows/s (${secs(node.ms)}); ` +
        `setInputFiles ${secs(b.setFilesMs)}; report: "${b.reportText}"`,
    );
    formats.push({
      format,
      rows: b.rows,
      fileBytes: b.bytes,
      browser: {
        rowsPerSec: Math.round(rowsPerSec),
        workerMs: Math.round(b.workerMs),
        wallMs: Math.round(b.wallMs),
        setInputFilesMs: Math.round(b.setFilesMs),
        rendererRss: b.rss
          ? {
              beforeMiB: +(b.rss.before / MiB).toFixed(1),
              afterMiB: +(b.rss.after / MiB).toFixed(1),
              peakMiB: +(b.rss.peak / MiB).toFixed(1),
              deltaMiB: +(delta / MiB).toFixed(1),
              bytesPerRow: Math.round(delta / b.rows),
              peakBytesPerRow: Math.round((b.rss.peak - b.rss.before) / b.rows),
              processes: b.rss.processes,
            }
          : null,
        longTasks: b.longTasks.length,
        longestTaskMs: Math.round(longest),
        longTasksOver200Ms: over,
        topLongTasksMs: b.longTasks.slice(0, 10).map(Math.round),
      },
      tablePayloadBytesPerRow: Math.round(payloadPerRow),
      node: { rowsPerSec: Math.round(node.rows / (node.ms / 1000)), ms: Math.round(node.ms) },
    });
  }
  console.log(`chromium ${chromiumVersion}`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/browser-load.json',
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine,
        chromium: chromiumVersion,
        config: {
          sim: SIM,
          seed: SEED,
          rows: ROWS,
          csvBytes: size.csv,
          parquetBytes: size.parquet,
          parquet: 'snappy, default row groups',
          chromiumArgs: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'],
          longTaskTargetMs: TARGET_MS,
        },
        generation: gen.cached
          ? { cached: true }
          : {
              cached: false,
              simulateMs: Math.round(gen.simulateMs),
              csvMs: Math.round(gen.csvMs),
              parquetMs: Math.round(gen.parquetMs),
            },
        formats,
      },
      null,
      2,
    )}\n`,
  );
});
