/**
 * The ticked runs side by side: AP per grouping, channel and segment with the change against the
 * pinned baseline run, and only the configuration fields that differ (what could explain it).
 */
import { useMemo, useState } from 'react';
import { compareRows, configDiff, DEFAULT_COMPARE_SEGMENTS } from '../../core/metrics/compare';
import { SEGMENT_IDS } from '../../core/metrics/segments';
import { useAppStore } from '../../store';
import { CompareTable } from './CompareTable';
import { ConfigDiffTable } from './ConfigDiffTable';
import { comparison, datasetNote } from './history-view';

/** With tiers: overall, tiers 0-7, less-streamed and high-stream. */
const ALL_SEGMENTS = SEGMENT_IDS;

export function ComparePanel() {
  const runs = useAppStore((s) => s.historyRuns);
  const compareIds = useAppStore((s) => s.compareIds);
  const [tiers, setTiers] = useState(false);
  const view = useMemo(() => comparison(runs, compareIds), [runs, compareIds]);
  const rows = useMemo(
    () =>
      view ? compareRows(view.runs, view.referenceId, tiers ? ALL_SEGMENTS : DEFAULT_COMPARE_SEGMENTS) : [],
    [view, tiers],
  );
  const diff = useMemo(() => (view ? configDiff(view.runs.map((r) => r.config)) : []), [view]);
  if (!view)
    return (
      <p className="muted" data-testid="compare-hint">
        Tick two or more runs (or one, with a pinned baseline) to compare them.
      </p>
    );
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
