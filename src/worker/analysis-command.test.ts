import { describe, expect, it } from 'vitest';
import { analysisFixtureCsv } from '../core/analysis/analysis-fixture';
import { createAnalysisCommands } from './analysis-command';
import type { LoadSource, WorkerCommand, WorkerEvent } from './protocol';

const file = (text: string, name = 'preds.csv'): LoadSource => ({
  kind: 'file',
  file: new File([text], name),
});

const command = (
  analysisId: string,
  source: LoadSource | 'last',
  baseline: string | null = null,
): Extract<WorkerCommand, { type: 'analyse' }> => ({
  type: 'analyse',
  analysisId,
  source,
  baseline,
  skipInvalidRows: false,
  buyShare: 0.3,
  bootstrap: 10,
  seed: 1,
});

function harness(onEvent?: (e: WorkerEvent, cmds: ReturnType<typeof createAnalysisCommands>) => void) {
  const events: WorkerEvent[] = [];
  const cmds = createAnalysisCommands(
    (e) => {
      events.push(e);
      onEvent?.(e, cmds);
    },
    async (url) =>
      new Response(analysisFixtureCsv(), {
        headers: { 'content-type': 'text/csv' },
        status: url ? 200 : 500,
      }),
  );
  return { events, cmds };
}

const last = (events: WorkerEvent[]) => events[events.length - 1];

describe('the worker’s analyse command', () => {
  it('reads a file and analyses it, then another baseline from the same file without reading it again', async () => {
    const { events, cmds } = harness();
    await cmds.analyse(command('a1', file(analysisFixtureCsv())));
    const done = last(events);
    if (done.status !== 'analysed') throw new Error(`got ${done.status}`);
    expect(done.models).toEqual(['base', 'mtl']);
    expect(done.results.baseline).toBe('base');
    expect(done.results.analysis).toMatchObject({ file: 'preds.csv', rows: 200 });
    expect(done.results.rigor?.seeds).toEqual([1, 2]);
    const messages = events.flatMap((e) => (e.status === 'analysis-progress' ? [e.message] : []));
    expect(messages[0]).toMatch(/^reading /);
    expect(messages).toContain('budget replay');

    events.length = 0;
    await cmds.analyse(command('a2', 'last', 'mtl'));
    const again = last(events);
    expect(again.status === 'analysed' && again.results.baseline).toBe('mtl');
    expect(events.some((e) => e.status === 'analysis-progress' && e.message.startsWith('reading'))).toBe(
      false,
    );
  });

  it('fetches a URL', async () => {
    const { events, cmds } = harness();
    await cmds.analyse(command('u1', { kind: 'url', url: 'https://example.org/p/preds.csv' }));
    const done = last(events);
    expect(done.status === 'analysed' && done.results.analysis?.file).toBe('preds.csv');
  });

  it('refuses a bad cell (skippable), a header that does not fit, and an unknown baseline', async () => {
    const { events, cmds } = harness();
    const lines = analysisFixtureCsv().split('\n');
    lines[2] = lines[2].replace(/^(ad|promo),/, 'web,');
    await cmds.analyse(command('b1', file(lines.join('\n'))));
    const bad = last(events);
    if (bad.status !== 'analysis-failed') throw new Error(`got ${bad.status}`);
    expect(bad.failure).toMatchObject({ message: 'preds.csv: 1 invalid value in 1 row', skippable: true });
    expect(bad.failure.problems[0]).toMatchObject({ row: 2, column: 'source', value: 'web' });

    await cmds.analyse(command('b2', file('source,stream,tier\npromo,1,0\n')));
    const header = last(events);
    expect(header.status === 'analysis-failed' && header.failure.message).toContain('no score column');

    await cmds.analyse(command('b3', file(analysisFixtureCsv()), 'nope'));
    const base = last(events);
    expect(base.status === 'analysis-failed' && base.failure.message).toContain(
      'the baseline "nope" is not one of its models (base, mtl)',
    );
  });

  it('stops at its next step when cancelled, and at once when cancelled before it starts', async () => {
    const { events, cmds } = harness((e, c) => {
      if (e.status === 'analysis-progress' && e.message === 'intervals over seeds') c.cancel('c1');
    });
    await cmds.analyse(command('c1', file(analysisFixtureCsv())));
    expect(last(events)).toEqual({ status: 'analysis-cancelled', analysisId: 'c1' });
    expect(events.some((e) => e.status === 'analysed')).toBe(false);

    cmds.cancel('c2');
    await cmds.analyse(command('c2', file(analysisFixtureCsv())));
    expect(last(events)).toEqual({ status: 'analysis-cancelled', analysisId: 'c2' });
  });
});
