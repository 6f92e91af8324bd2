import { describe, expect, it } from 'vitest';
import { sampleResults } from '../core/metrics/results-sample';
import { createAppStore } from './index';

describe('importResults', () => {
  it('shows imported results in place of the current ones', () => {
    const idle = { send: () => {}, subscribe: () => () => {}, terminate: () => {} };
    const { store } = createAppStore({ createClient: () => idle, forcedBackend: () => null });
    expect(store.getState().results).toBeNull();
    const results = sampleResults();
    store.getState().importResults(results);
    expect(store.getState().results).toBe(results);
  });
});
