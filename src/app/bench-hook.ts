/**
 * The benchmark hook behind `npm run bench` (scripts/bench-browser.spec.ts): `window.__cslBench`
 * sends the worker's bench commands to the app's own training worker (so the figures are those
 * of the worker that trains, on its current dataset) and times averagePrecision on this thread.
 * main.tsx loads this module only when the address has `?bench=1`; normal use never sees it.
 */
import type { ExperimentConfig } from '../core/config/experiment';
import { appStore, benchChannel } from '../store';
import { type BenchApResult, benchAveragePrecision } from '../worker/bench-ap';
import type { BenchTrainingResult, BrowserBackend, WorkerCommand, WorkerEvent } from '../worker/protocol';

export interface BenchTrainingRequest {
  readonly backend: BrowserBackend;
  readonly batchSizes: readonly number[];
  readonly warmupSteps: number;
  readonly timedSteps: number;
}

export interface CslBench {
  /** The config in use (the bench reports its model, training settings and dataset). */
  config(): ExperimentConfig;
  /** Training throughput in the worker on `backend` (the worker's dataset and config). */
  training(req: BenchTrainingRequest): Promise<BenchTrainingResult>;
  /** averagePrecision timed in the worker. */
  apWorker(rows: number, repeats: number, seed: number): Promise<BenchApResult>;
  /** averagePrecision timed on this (the main) thread; blocks it while it runs. */
  apMainThread(rows: number, repeats: number, seed: number): BenchApResult;
}

declare global {
  interface Window {
    __cslBench?: CslBench;
  }
}

type BenchCommand = Extract<WorkerCommand, { type: 'bench-training' | 'bench-ap' }>;
type Answer<S> = Extract<WorkerEvent, { status: S }>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

let counter = 0;

/** Sends `cmd` with a fresh benchId and resolves with the answer of that id. */
function ask<S extends 'bench-training' | 'bench-ap'>(
  cmd: DistributiveOmit<BenchCommand, 'benchId'>,
  status: S,
): Promise<Answer<S>> {
  const benchId = `bench-${Date.now().toString(36)}-${++counter}`;
  const channel = benchChannel();
  return new Promise((resolve, reject) => {
    const off = channel.subscribe((e) => {
      if (!('benchId' in e) || e.benchId !== benchId) return;
      off();
      if (e.status === 'bench-failed') reject(new Error(e.message));
      else if (e.status === status) resolve(e as Answer<S>);
    });
    channel.send({ ...cmd, benchId } as BenchCommand);
  });
}

export function installBenchHook(): void {
  window.__cslBench = {
    config: () => appStore.getState().config,
    async training(req) {
      // The config in use: its dataset is the one the worker holds (or builds, as a run would).
      const { config } = appStore.getState();
      return (await ask({ type: 'bench-training', config, ...req }, 'bench-training')).result;
    },
    async apWorker(rows, repeats, seed) {
      return (await ask({ type: 'bench-ap', rows, repeats, seed }, 'bench-ap')).result;
    },
    apMainThread: benchAveragePrecision,
  };
}
