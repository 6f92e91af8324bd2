/**
 * Shared by the browser benches (scripts/bench-*.spec.ts): the machine line, Chromium's
 * per-process resident memory from Linux /proc, a peak sampler, the long-task probe, opening the
 * app's `?bench=1` page and writing bench/results/*.json.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, totalmem } from 'node:os';
import { expect, type Page } from '@playwright/test';

export const MiB = 2 ** 20;
export const RESULTS_DIR = 'bench/results';
export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
export const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function machineInfo() {
  return {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'cpu',
    totalMemGiB: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: platform(),
    // Other work on the machine skews every figure: the 1-minute load average at the start.
    loadAverage1m: +loadavg()[0].toFixed(2),
  };
}

export function machineLine(m: ReturnType<typeof machineInfo>): string {
  return `machine: ${m.cpus} x ${m.model}, ${m.totalMemGiB.toFixed(0)} GiB, node ${m.node}, ${m.platform}, load average ${m.loadAverage1m}`;
}

// ---------------------------------------------------------------------------------------------
// Chromium's resident memory (Linux /proc)

const hasProc = platform() === 'linux' && existsSync('/proc/self/status');

/** Chromium's process kinds we measure: the page's renderer (its workers too) and the GPU process. */
export type ChromiumProcess = 'renderer' | 'gpu-process';

/**
 * Resident bytes summed over `rootPid`'s descendant processes started with `--type=<type>`, or
 * null off Linux. The browser must be a descendant of `rootPid` (Playwright's browser fixture is
 * launched by the test worker, so `process.pid` is right there).
 */
export function chromiumRss(
  rootPid: number,
  type: ChromiumProcess = 'renderer',
): { bytes: number; processes: number } | null {
  if (!hasProc) return null;
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...; comm may hold spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(entry), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  const isDescendant = (pid: number) => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === rootPid) return true;
    return false;
  };
  const flag = new RegExp(`(^|[\\0 ])--type=${type}([\\0 ]|$)`);
  let bytes = 0;
  let processes = 0;
  for (const pid of parent.keys()) {
    if (!isDescendant(pid)) continue;
    try {
      // Zygote children rewrite their title: the arguments may be one space-separated string.
      if (!flag.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))) continue;
      const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (kb) {
        bytes += Number(kb[1]) * 1024;
        processes++;
      }
    } catch {
      // the process ended while we looked
    }
  }
  return { bytes, processes };
}

/** Resident memory of one process kind before and at its peak while sampling (MiB). */
export interface RssPeak {
  readonly beforeMiB: number;
  readonly peakMiB: number;
  readonly deltaMiB: number;
}

/** Per process kind; null off Linux. */
export type RssPeaks = Record<ChromiumProcess, RssPeak> | null;

/**
 * Samples the renderer and GPU process RSS every `everyMs` (ms) until stop(), which returns the
 * baseline (at start) and the peak of each; null off Linux. Sampling /proc takes a few ms.
 */
export function startRssSampler(everyMs = 250) {
  const kinds: ChromiumProcess[] = ['renderer', 'gpu-process'];
  const read = () => kinds.map((k) => chromiumRss(process.pid, k)?.bytes ?? Number.NaN);
  const before = read();
  const peak = [...before];
  const timer = setInterval(() => {
    read().forEach((b, i) => {
      peak[i] = Math.max(peak[i], b);
    });
  }, everyMs);
  return {
    stop(): RssPeaks {
      clearInterval(timer);
      read().forEach((b, i) => {
        peak[i] = Math.max(peak[i], b);
      });
      if (!hasProc) return null;
      const one = (i: number): RssPeak => ({
        beforeMiB: +(before[i] / MiB).toFixed(1),
        peakMiB: +(peak[i] / MiB).toFixed(1),
        deltaMiB: +((peak[i] - before[i]) / MiB).toFixed(1),
      });
      return { renderer: one(0), 'gpu-process': one(1) };
    },
  };
}

export function rssLine(rss: RssPeaks): string {
  if (!rss) return 'process RSS n/a (no /proc)';
  const r = rss.renderer;
  const g = rss['gpu-process'];
  return (
    `renderer RSS peak ${r.peakMiB} MiB (+${r.deltaMiB} over ${r.beforeMiB}), ` +
    `GPU process peak ${g.peakMiB} MiB (+${g.deltaMiB})`
  );
}

// ---------------------------------------------------------------------------------------------
// The page

/** Collects main-thread long tasks (PerformanceObserver 'longtask', >= 50 ms) in window.__longTasks (ms). */
export async function probeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/**
 * Opens the app with the default config (`v=2`: the paper's six groupings on the default
 * simulated dataset; the app would otherwise open on the quick preset) on `backend`, optionally
 * with the `?bench=1` hook, and waits for its dataset; returns the dataset status text.
 */
export async function openApp(page: Page, backend: string, bench: boolean, query = ''): Promise<string> {
  page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
  await page.goto(`/?v=2&backend=${backend}${bench ? '&bench=1' : ''}${query}`);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', backend, {
    timeout: 120_000,
  });
  await expect(page.locator('[data-testid=dataset-status][data-status=ready]')).toBeVisible({
    timeout: 300_000,
  });
  if (bench) await page.waitForFunction(() => window.__cslBench !== undefined, null, { timeout: 30_000 });
  return ((await page.getByTestId('dataset-status').textContent()) ?? '').trim();
}

/** The WebGPU adapter this browser offers, as text ('none' when there is none). */
export async function webgpuAdapter(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const gpu = (navigator as unknown as { gpu?: GPU }).gpu;
    const adapter = await gpu?.requestAdapter().catch(() => null);
    if (!adapter) return 'none';
    const info = (adapter as unknown as { info?: { vendor?: string; architecture?: string } }).info;
    return `${info?.vendor ?? '?'} ${info?.architecture ?? '?'}`;
  });
}

// ---------------------------------------------------------------------------------------------
// Results

export function writeResult(name: string, value: unknown): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(`${RESULTS_DIR}/${name}`, `${JSON.stringify(value, null, 2)}\n`);
}

/** A results file parsed, or null when it is missing or not JSON (written by other benches). */
export function readResult(name: string): unknown {
  try {
    return JSON.parse(readFileSync(`${RESULTS_DIR}/${name}`, 'utf8'));
  } catch {
    return null;
  }
}
