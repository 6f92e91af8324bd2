import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../core/config/defaults';
import type { ExperimentConfig } from '../core/config/experiment';
import { readImpressionFile } from '../core/data/load-file';
import { tableToCsv } from '../core/data/csv-writer';
import { tableToParquet } from '../core/data/parquet-writer';
import { DEFAULT_SIM_CONFIG, simulate } from '../core/data/simulator';
import { initBackend } from '../ml/backend';
import { exportBlob } from './data-commands';
import { createCommandHandler } from './handler';
import type { BackendChoice, WorkerCommand, WorkerEvent } from './protocol';

const SIM = { ...DEFAULT_SIM_CONFIG, users: 300, shows: 60, days: 6, impressionsPerDay: 400 };
const TINY: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  seed: 3,
  data: { kind: 'sim', sim: SIM },
  groupings: ['promo-mtl', 'joint-5task'],
  baseline: 'promo-mtl',
  model: {
    ...DEFAULT_CONFIG.model,
    embeddingDim: 4,
    encoderUnits: [16],
    towerUnits: [8],
    experts: 2,
    taskExperts: 1,
    expertUnits: [8],
  },
  train: { ...DEFAULT_CONFIG.train, batchSize: 64, maxEpochs: 1, patience: 1, lossReadEvery: 2 },
};
const CPU: BackendChoice = { backend: 'cpu', skipped: [], forced: true };
const TABLE = simulate(SIM, 3);
const CSV = tableToCsv(TABLE);

function harness(fetchImpl?: typeof fetch) {
  const events: WorkerEvent[] = [];
  const handle = createCommandHandler({
    post: (e) => events.push(e),
    chooseBackend: async () => CPU,
    fetch: fetchImpl,
  });
  const until = async (status: WorkerEvent['status']) => {
    for (let i = 0; i < 2000; i++) {
      const e = events.find((x) => x.status === status);
      if (e) return e;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`no ${status} event; got ${events.map((e) => e.status).join(', ')}`);
  };
  return { events, until, send: (c: WorkerCommand) => handle(c) };
}

const load = (loadId: string, file: File, skipInvalidRows = false): WorkerCommand => ({
  type: 'load',
  loadId,
  source: { kind: 'file', file },
  skipInvalidRows,
  config: TINY,
});

describe('data commands in the worker handler', () => {
  beforeAll(() => initBackend('cpu'));

  it('loads a file with progress, then trains on it; the results name the file', async () => {
    const h = harness();
    h.send({ type: 'init', forcedBackend: 'cpu' });
    h.send(load('L1', new File([CSV], 'mine.csv')));
    const loaded = await h.until('loaded');
    if (loaded.status !== 'loaded') throw new Error('unreachable');
    expect(loaded.report).toMatchObject({
      name: 'mine.csv',
      encoding: 'csv',
      rows: TABLE.n,
      skippedCount: 0,
    });
    expect(loaded.summary.rows).toBe(TABLE.n);
    expect(h.events.some((e) => e.status === 'load-progress' && e.rows === TABLE.n)).toBe(true);
    const config: ExperimentConfig = { ...TINY, data: { kind: 'file', name: 'mine.csv' } };
    h.send({ type: 'start-study', runId: 'r1', config, study: { kind: 'comparison' } });
    const event = await h.until('study-result');
    if (event.status !== 'study-result' || event.study.kind !== 'comparison') throw new Error('unreachable');
    const result = event.study;
    expect(result.results.groupings.map((g) => g.id)).toEqual(['promo-mtl', 'joint-5task']);
    expect((result.results.config as ExperimentConfig).data).toEqual({ kind: 'file', name: 'mine.csv' });
    expect(result.results.testRows).toBeGreaterThan(0);
  }, 120_000);

  it('a failed load keeps the dataset in use; the retry skipping rows reports them', async () => {
    const h = harness();
    h.send({ type: 'dataset', config: TINY });
    const before = await h.until('dataset');
    const bad = CSV.replace(/\npromo,/, '\npromo,-1,'); // one row gets a 6th column shift -> field count
    h.send(load('L1', new File([bad], 'bad.csv')));
    const failed = await h.until('load-failed');
    if (failed.status !== 'load-failed') throw new Error('unreachable');
    expect(failed.failure).toMatchObject({ file: 'bad.csv', problemCount: 1, skippable: true });
    expect(failed.failure.problems[0].reason).toMatch(/expected \d+ fields/);
    // The simulated dataset is still the one a sim config gets, unchanged.
    h.send({ type: 'dataset', config: TINY });
    await new Promise((r) => setTimeout(r, 50));
    const again = h.events.filter((e) => e.status === 'dataset').pop();
    expect(again).toEqual(before);
    h.send(load('L2', new File([bad], 'bad.csv'), true));
    const loaded = await h.until('loaded');
    if (loaded.status !== 'loaded') throw new Error('unreachable');
    expect(loaded.report.rows).toBe(TABLE.n - 1);
    expect(loaded.report.skippedCount).toBe(1);
  });

  it('a cancel sent before the load starts ends it as cancelled, and nothing is loaded', async () => {
    const h = harness();
    h.send({ type: 'cancel-load', loadId: 'L1' });
    h.send(load('L1', new File([CSV], 'mine.csv')));
    await h.until('load-cancelled');
    expect(h.events.some((e) => e.status === 'loaded')).toBe(false);
  });

  it('fetches a URL: a Content-Type picks the encoding; 404 and network failures say what to do', async () => {
    const parquet = tableToParquet(TABLE);
    const fake = (async (url: string | URL | Request) => {
      const u = String(url);
      if (u.endsWith('/data'))
        return new Response(parquet, { headers: { 'content-type': 'application/vnd.apache.parquet' } });
      if (u.endsWith('/gone.csv')) return new Response('nope', { status: 404, statusText: 'Not Found' });
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const h = harness(fake);
    const byUrl = (loadId: string, url: string): WorkerCommand => ({
      type: 'load',
      loadId,
      source: { kind: 'url', url },
      skipInvalidRows: false,
      config: TINY,
    });
    h.send(byUrl('A', 'https://x.test/data'));
    const loaded = await h.until('loaded');
    if (loaded.status !== 'loaded') throw new Error('unreachable');
    expect(loaded.report).toMatchObject({ encoding: 'parquet', url: 'https://x.test/data', rows: TABLE.n });
    h.send(byUrl('B', 'https://x.test/gone.csv'));
    const gone = await h.until('load-failed');
    if (gone.status !== 'load-failed') throw new Error('unreachable');
    expect(gone.failure.message).toContain('404 Not Found');
    h.events.length = 0;
    h.send(byUrl('C', 'https://blocked.test/d.csv'));
    const cors = await h.until('load-failed');
    if (cors.status !== 'load-failed') throw new Error('unreachable');
    expect(cors.failure.message).toMatch(/CORS.*Access-Control-Allow-Origin.*Open file/s);
  });

  it('exports the dataset in every encoding, and each loads back to the same rows', async () => {
    for (const format of ['csv', 'jsonl', 'parquet'] as const) {
      const blob = exportBlob(TABLE, format);
      const r = await readImpressionFile(blob, `x.${format}`);
      if (!r.ok) throw new Error(r.message);
      expect(r.table.n).toBe(TABLE.n);
      expect(r.table.labels.stream).toEqual(TABLE.labels.stream);
    }
  });
});
