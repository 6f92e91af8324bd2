import { describe, expect, it } from 'vitest';
import { watchAutorun } from './autorun';
import { fakeStore, GOOD_SUMMARY, ONE_DAY_SUMMARY, READY_EVENT } from './share-test-kit';

const starts = (sent: { type: string }[]) => sent.filter((c) => c.type === 'start-study').length;
const texts = (s: { notices: readonly { text: string }[] }) => s.notices.map((n) => n.text).join('\n');

describe('autorun', () => {
  it('starts exactly once, when backend and dataset are first both ready', () => {
    const { store, connect, client } = fakeStore();
    connect();
    watchAutorun(store);
    client().emit({ status: 'dataset', summary: GOOD_SUMMARY, fingerprint: 'f' });
    expect(starts(client().sent)).toBe(0); // no backend yet
    client().emit(READY_EVENT);
    expect(starts(client().sent)).toBe(1);
    expect(store.getState().runStatus).toBe('running');
    const runId = store.getState().runId!;
    client().emit({ status: 'cancelled', runId });
    client().emit({ status: 'dataset', summary: GOOD_SUMMARY, fingerprint: 'f' });
    client().emit(READY_EVENT);
    expect(starts(client().sent)).toBe(1);
    expect(store.getState().notices).toEqual([]);
  });

  it("starts the link's study: an ablation grid with its target and arms, a cold start", () => {
    for (const [study, expected] of [
      [
        { kind: 'ablation', ablate: 'ads-anc', arms: ['no-anc'] },
        { kind: 'ablation', target: 'ads-anc', arms: ['no-anc'] },
      ],
      [{ kind: 'cold-start' }, { kind: 'cold-start' }],
    ] as const) {
      const { store, connect, client } = fakeStore();
      connect();
      store.getState().setStudy(study);
      // Unticking the baseline blocks a comparison only: this study still starts.
      store.getState().toggleGrouping('promo-mtl', false);
      watchAutorun(store);
      client().emit({ status: 'dataset', summary: GOOD_SUMMARY, fingerprint: 'f' });
      client().emit(READY_EVENT);
      const sent = client().sent.filter((c) => c.type === 'start-study') as { study?: unknown }[];
      expect(sent.map((c) => c.study)).toEqual([expected]);
      expect(store.getState().runKind).toBe(study.kind);
    }
  });

  it('says why when Start is blocked, and does not start', () => {
    const { store, connect, client } = fakeStore();
    connect();
    watchAutorun(store);
    client().emit(READY_EVENT);
    client().emit({ status: 'dataset', summary: ONE_DAY_SUMMARY, fingerprint: 'f' });
    expect(starts(client().sent)).toBe(0);
    expect(texts(store.getState())).toMatch(
      /asked to start the run on open, but Start is blocked: The data has 1 distinct day/,
    );
  });

  it('says why when the baseline is not ticked', () => {
    const { store, connect, client } = fakeStore();
    connect();
    store.getState().toggleGrouping('promo-mtl', false);
    watchAutorun(store);
    client().emit(READY_EVENT);
    client().emit({ status: 'dataset', summary: GOOD_SUMMARY, fingerprint: 'f' });
    expect(starts(client().sent)).toBe(0);
    expect(texts(store.getState())).toMatch(/the baseline promo-mtl is not ticked/);
  });

  it('gives up with a notice when no backend can start', () => {
    const { store, connect, client } = fakeStore();
    connect();
    watchAutorun(store);
    client().emit({ status: 'error', kind: 'backend', message: 'no backend' });
    expect(store.getState().backendError).toBe('no backend');
    expect(texts(store.getState())).toMatch(/no training backend could start/);
  });

  it('waits for a dataset URL, and gives up when it fails to load', () => {
    const { store, connect, client } = fakeStore();
    const s = store.getState();
    s.setConfig({ ...s.config, data: { kind: 'url', url: 'https://data.example/x.csv' } });
    connect();
    watchAutorun(store);
    client().emit(READY_EVENT);
    const loadId = store.getState().loadId!;
    expect(store.getState().loadStatus).toBe('loading');
    const failure = { file: 'x.csv', message: 'nope', problems: [], problemCount: 0, skippable: false };
    client().emit({ status: 'load-failed', loadId, failure });
    // The bridge falls back to simulated data; autorun must not train that instead.
    client().emit({ status: 'dataset', summary: GOOD_SUMMARY, fingerprint: 'f' });
    expect(starts(client().sent)).toBe(0);
    expect(texts(store.getState())).toMatch(/its dataset could not be loaded/);
  });

  it('a refusal from the link is said at once and nothing starts', () => {
    const { store, connect, client } = fakeStore();
    connect();
    watchAutorun(store, 'the link had problems');
    client().emit(READY_EVENT);
    client().emit({ status: 'dataset', summary: GOOD_SUMMARY, fingerprint: 'f' });
    expect(starts(client().sent)).toBe(0);
    expect(texts(store.getState())).toBe('the link had problems');
  });

  it('stays quiet when the user started a run first', () => {
    const { store, connect, client } = fakeStore();
    connect();
    watchAutorun(store);
    client().emit(READY_EVENT);
    store.getState().startStudy('comparison'); // the dataset is still building: the worker builds it on start
    client().emit({ status: 'dataset', summary: GOOD_SUMMARY, fingerprint: 'f' });
    expect(starts(client().sent)).toBe(1);
    expect(store.getState().notices).toEqual([]);
  });
});
