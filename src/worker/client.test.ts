import { describe, expect, it } from 'vitest';
import { createInProcessClient, createTrainingClient } from './client';
import type { WorkerEvent } from './protocol';

describe('training client', () => {
  it('falls back to the handler on this thread where there is no Worker, with the same events', async () => {
    expect(typeof Worker).toBe('undefined'); // Node: createTrainingClient takes the fallback
    const client = createTrainingClient();
    const ready = new Promise<WorkerEvent>((resolve) => client.subscribe(resolve));
    client.send({ type: 'init', forcedBackend: 'cpu' });
    expect(await ready).toEqual({ status: 'ready', choice: { backend: 'cpu', skipped: [], forced: true } });
    client.terminate();
  });

  it('stops delivering events once terminated', async () => {
    const client = createInProcessClient();
    const seen: WorkerEvent[] = [];
    client.subscribe((e) => seen.push(e));
    client.terminate();
    client.send({ type: 'init', forcedBackend: 'cpu' });
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toEqual([]);
  });
});
