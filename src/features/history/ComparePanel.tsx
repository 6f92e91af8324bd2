/**
 * The ticked studies compared where that makes sense, by kind: comparisons side by side (AP per
 * grouping, channel and segment with the change against the pinned baseline run, and only the
 * configuration fields that differ), ablation grids arm by arm, cold starts as overlaid curves.
 */
import { useMemo, useState } from 'react';
import { compareRows, configDiff, DEFAULT_COMPARE_SEGMENTS } from '../../core/metrics/compare';
import { SEGMENT_IDS } from '../../core/metrics/segments';
import { useAppStore } from '../../store';
import { ColdStartOverlayView } from './ColdStartOverlayView';
import { CompareTable } from './CompareTable';
import { ConfigDiffTable } from './ConfigDiffTable';
import { GridCompareTable } from './GridCompareTable';
import { coldStartOverlay } from './cold-start-overlay';
import { gridComparison } from './grid-compare-view';
import { type Comparison, comparison, datasetNote } from './history-view';

/** With tiers: overall, tiers 0-7, less-streamed and high-stream. */
const ALL_SEGMENTS = SEGMENT_IDS;

function ComparisonsCompare({ view }: { view: Comparison }) {
  const [tiers, setTiers] = useState(false);
  const rows = useMemo(
    () => compareRows(view.runs, view.referenceId, tiers ? ALL_SEGMENTS : DEFAULT_COMPARE_SEGMENTS),
    [view, tiers],
  );
  const diff = useMemo(() => configDiff(view.runs.map((r) => r.config)), [view]);
  const reference = view.runs[0];
  const note = datasetNote(view.runs);
  return (
    <section aria-label="Compare runs" className="panel history-compare" data-testid="compare-panel">
      <h3>Compare runs</h3>
      <p className="help" data-testid="compare-reference">
        Δ AP and rel are against <strong>{reference.name}</strong>
        {view.pinned ? ', the pinned baseline' : ' (nothing is pinned: the oldest ticked run stands in)'}, on
        the same grouping, channel and test rows; n/a where either AP is undefined.
      </p>
      {note && <p className="warn">{note}</p>}
      <label className="inline">
        <input
          type="checkbox"
          data-testid="compare-tiers"
          checked={tiers}
          onChange={(e) => setTiers(e.target.checked)}
        />
        Every stream tier as well
      </label>
      <CompareTable runs={view.runs} referenceId={view.referenceId} pinned={view.pinned} rows={rows} />
      <h4>What differs in the configuration</h4>
      <ConfigDiffTable runs={view.runs} diff={diff} />
    </section>
  );
}

export function ComparePanel() {
  const runs = useAppStore((s) => s.historyRuns);
  const compareIds = useAppStore((s) => s.compareIds);
  const view = useMemo(() => comparison(runs, compareIds), [runs, compareIds]);
  const grids = useMemo(() => gridComparison(runs, compareIds), [runs, compareIds]);
  const coldStarts = useMemo(() => coldStartOverlay(runs, compareIds, 'all') !== null, [runs, compareIds]);
  if (!view && !grids && !coldStarts)
    return (
      <p className="muted" data-testid="compare-hint">
        Tick two or more runs of the same kind (or one comparison, with a pinned baseline) to compare them:
        comparisons side by side, ablation grids arm by arm, cold starts as overlaid curves.
      </p>
    );
  return (
    <>
      {view && <ComparisonsCompare view={view} />}
      {grids && <GridCompareTable view={grids} />}
      {coldStarts && <ColdStartOverlayView runs={runs} compareIds={compareIds} />}
    </>
  );
}
