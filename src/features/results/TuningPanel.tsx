/**
 * The tuning section of a comparison (rigor.tune > 0): every grouping's trials with their recipe,
 * validation score, seeds, epochs and steps (the chosen one marked), and a chart of each trial's
 * validation AP against the grouping's own trial 0, the config's recipe.
 */
import { useMemo } from 'react';
import { IntervalBarChart } from '../../charts/IntervalBarChart';
import { groupingColor } from '../../charts/palette';
import {
  TUNING_HEADER,
  tuningChartRows,
  tuningIntro,
  tuningRows,
} from '../../core/results/reports/tuning-table';
import type { TuningResults } from '../../core/results/tuning-schema';
import { h3 } from './styles';

export function TuningPanel({ tuning }: { tuning: TuningResults }) {
  const rows = useMemo(() => tuningRows(tuning), [tuning]);
  const chart = useMemo(() => tuningChartRows(tuning), [tuning]);
  const bars = Object.keys(tuning.groupings).map((id) => ({ key: id, label: id, color: groupingColor(id) }));
  return (
    <div data-testid="tuning-panel">
      <h3 style={h3}>Tuning: recipes tried per grouping (validation only)</h3>
      <p className="help">{tuningIntro(tuning)}</p>
      <div className="table-scroll">
        <table data-testid="tuning-table" className="compact wide">
          <thead>
            <tr>
              {TUNING_HEADER.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r[0]}/${r[1]}`} data-chosen={r[1].endsWith('*') ? 'true' : undefined}>
                {r.map((cell, i) => (
                  <td key={TUNING_HEADER[i]} className={i >= 2 && i <= 5 ? 'num' : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <IntervalBarChart
        testId="chart-tuning"
        rows={chart}
        bars={bars}
        yLabel="validation AP vs trial 0 (%)"
        meaning="Each bar: a trial's validation AP (the grouping's selection score) relative to its own trial 0, the config's recipe. The mean over the seeds each trial ran (survivors of each halving rung run one more); the test split is not used."
      />
    </div>
  );
}
