/**
 * The worker's 'analyse' command: read a predictions file (picked, dropped or fetched) with the
 * streaming loaders, then build its results in steps (core/analysis), reporting progress and
 * stopping at the next chunk or step on 'cancel-analysis'. The last file read stays, so another
 * baseline is analysed without reading it again.
 */
import { analyseSteps } from '../core/analysis/analyse';
import type { Predictions } from '../core/analysis/predictions-builder';
import { readPredictionsFile } from '../core/analysis/predictions-reader';
import { LoadCancelled } from '../core/data/load-types';
import { nextMacrotask } from '../core/data/macrotask';
import { driveStages } from '../core/data/steps';
import { failureInfo, type LoadArgs, sourceBlob } from './load-data';
import type { WorkerCommand, WorkerEvent } from './protocol';

type AnalyseCommand = Extract<WorkerCommand, { type: 'analyse' }>;

export interface AnalysisCommands {
  analyse(cmd: AnalyseCommand): Promise<void>;
  /** Takes effect at the analysis's next chunk or step (or at once for a queued one). */
  cancel(analysisId: string): void;
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const RIGOR_TEXT = {
  intervals: 'intervals over seeds',
  bootstrap: 'paired bootstrap against the baseline',
  replay: 'budget replay',
  curves: 'precision-recall curves',
} as const;

export function createAnalysisCommands(
  post: (e: WorkerEvent) => void,
  fetchImpl?: LoadArgs['fetch'],
): AnalysisCommands {
  const aborts = new Map<string, AbortController>();
  const cancelledEarly = new Set<string>();
  let last: { predictions: Predictions; name: string; skippedRows: number } | null = null;

  async function read(cmd: AnalyseCommand, signal: AbortSignal) {
    const { analysisId } = cmd;
    if (cmd.source === 'last') {
      if (!last) throw new Error('no predictions file has been read yet');
      return last;
    }
    last = null; // the old file's columns can go while the new one is read
    const progress = (message: string, fraction: number) =>
      post({ status: 'analysis-progress', analysisId, message, fraction });
    const got = await sourceBlob(cmd.source, {
      signal,
      fetch: fetchImpl,
      onProgress: (_, p) => progress(`downloading ${mb(p.bytesRead)} MB`, 0),
    });
    if ('ok' in got) {
      post({ status: 'analysis-failed', analysisId, failure: got.failure });
      return null;
    }
    const result = await readPredictionsFile(
      got.blob,
      got.name,
      {
        skipInvalidRows: cmd.skipInvalidRows,
        signal,
        yieldBetweenChunks: nextMacrotask,
        onProgress: (p) =>
          progress(
            `reading ${mb(p.bytesRead)} of ${mb(p.bytesTotal)} MB, ${p.rows.toLocaleString('en-US')} rows`,
            (0.8 * p.bytesRead) / Math.max(1, p.bytesTotal),
          ),
      },
      got.contentType,
    );
    if (!result.ok) {
      post({ status: 'analysis-failed', analysisId, failure: failureInfo(result) });
      return null;
    }
    last = { predictions: result.predictions, name: got.name, skippedRows: result.skippedCount };
    return last;
  }

  async function analyse(cmd: AnalyseCommand) {
    const { analysisId } = cmd;
    if (cancelledEarly.delete(analysisId)) return post({ status: 'analysis-cancelled', analysisId });
    const abort = new AbortController();
    aborts.set(analysisId, abort);
    const t0 = performance.now();
    try {
      const file = await read(cmd, abort.signal);
      if (!file) return;
      const { predictions: p } = file;
      const baseline = cmd.baseline ?? p.models[0].id;
      if (!p.models.some((m) => m.id === baseline))
        return post({
          status: 'analysis-failed',
          analysisId,
          failure: {
            file: file.name,
            message: `${file.name}: the baseline "${baseline}" is not one of its models (${p.models.map((m) => m.id).join(', ')})`,
            problems: [],
            problemCount: 0,
            skippable: false,
          },
        });
      const steps = analyseSteps(p, {
        file: file.name,
        baseline,
        buyShare: cmd.buyShare,
        bootstrap: cmd.bootstrap,
        seed: cmd.seed,
        createdAt: new Date().toISOString(),
        skippedRows: file.skippedRows,
      });
      const results = await driveStages(steps, async (s) => {
        post({
          status: 'analysis-progress',
          analysisId,
          message: RIGOR_TEXT[s.phase],
          fraction: 0.8 + 0.2 * (s.phase === 'bootstrap' ? s.fraction : s.phase === 'intervals' ? 0 : 1),
        });
        await nextMacrotask();
        if (abort.signal.aborted) throw new LoadCancelled();
      });
      const models = p.models.map((m) => m.id);
      post({ status: 'analysed', analysisId, results, models, ms: performance.now() - t0 });
    } catch (e) {
      if (e instanceof LoadCancelled) return post({ status: 'analysis-cancelled', analysisId });
      // Anything else ends this analysis (not the worker's run state) with the reason shown.
      const file =
        cmd.source === 'last'
          ? (last?.name ?? 'the file')
          : cmd.source.kind === 'file'
            ? cmd.source.file.name
            : cmd.source.url;
      const message = `${file}: could not be analysed (${e instanceof Error ? e.message : String(e)})`;
      post({
        status: 'analysis-failed',
        analysisId,
        failure: { file, message, problems: [], problemCount: 0, skippable: false },
      });
    } finally {
      aborts.delete(analysisId);
    }
  }

  return {
    analyse,
    cancel(analysisId) {
      const abort = aborts.get(analysisId);
      if (abort) abort.abort();
      else cancelledEarly.add(analysisId);
    },
  };
}
