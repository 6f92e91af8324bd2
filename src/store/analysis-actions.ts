/**
 * The store's side of analysing a predictions file (worker 'analyse'): start one (a picked or
 * dropped file, or a URL checked as a dataset URL is), analyse the last file again against
 * another baseline, retry skipping invalid rows, cancel. A finished analysis is saved to History
 * like a finished run (its results carry `analysis`, which names the record).
 */
import type { StoreApi } from 'zustand';
import { dataUrlProblem } from '../core/config/data-url';
import { runConfigOf } from '../core/results/run-config';
import type { LoadSource, WorkerCommand, WorkerEvent } from '../worker/protocol';
import { isActive } from './selectors';
import type { AppState, CommandSlice } from './types';

type AnalysisActions = Pick<
  CommandSlice,
  'analysePredictions' | 'reanalyse' | 'retryAnalysisSkipping' | 'cancelAnalysis'
>;

let counter = 0;
const newAnalysisId = () => `analysis-${Date.now().toString(36)}-${++counter}`;

export function createAnalysisActions(
  store: () => StoreApi<AppState>,
  send: (cmd: WorkerCommand) => void,
): AnalysisActions & { onEvent(e: WorkerEvent): void } {
  let lastSource: LoadSource | null = null;
  let lastBaseline: string | null = null;

  function start(source: LoadSource | 'last', baseline: string | null, skipInvalidRows: boolean) {
    const s = store().getState();
    if (isActive(s.runStatus)) return;
    if (s.analysisId && (s.analysisStatus === 'running' || s.analysisStatus === 'cancelling'))
      send({ type: 'cancel-analysis', analysisId: s.analysisId });
    const analysisId = newAnalysisId();
    if (source !== 'last') lastSource = source;
    lastBaseline = baseline;
    const label =
      source === 'last' ? s.analysisLabel : source.kind === 'file' ? source.file.name : source.url;
    store().setState({
      analysisId,
      analysisStatus: 'running',
      analysisLabel: label,
      analysisProgress: null,
      analysisFailure: null,
    });
    const { seed, rigor } = s.config;
    send({
      type: 'analyse',
      analysisId,
      source,
      baseline,
      skipInvalidRows,
      buyShare: rigor.buyShare,
      bootstrap: rigor.bootstrap,
      seed,
    });
  }

  return {
    analysePredictions(source, baseline = null, skipInvalidRows = false) {
      if (source.kind === 'url') {
        const url = source.url.trim();
        const problem = dataUrlProblem(url, typeof location === 'undefined' ? undefined : location.origin);
        if (problem !== null)
          return store().setState({
            analysisId: null,
            analysisStatus: 'failed',
            analysisLabel: url,
            analysisProgress: null,
            analysisFailure: {
              file: url,
              message: `Cannot analyse ${url}: ${problem}.`,
              problems: [],
              problemCount: 0,
              skippable: false,
            },
          });
        return start({ kind: 'url', url }, baseline, skipInvalidRows);
      }
      start(source, baseline, skipInvalidRows);
    },
    reanalyse: (baseline) => start('last', baseline, false),
    retryAnalysisSkipping() {
      if (lastSource) start(lastSource, lastBaseline, true);
    },
    cancelAnalysis() {
      const { analysisId, analysisStatus } = store().getState();
      if (!analysisId || analysisStatus !== 'running') return;
      store().setState({ analysisStatus: 'cancelling' });
      send({ type: 'cancel-analysis', analysisId });
    },
    onEvent(e) {
      const s = store().getState();
      if (e.status !== 'analysed' || e.analysisId !== s.analysisId) return;
      const { results } = e;
      const { config } = runConfigOf(results.config);
      void s.saveStudy({ kind: 'comparison', results }, { config, backend: results.backend, totalMs: e.ms });
    },
  };
}
