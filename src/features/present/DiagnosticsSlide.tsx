/**
 * The diagnostics slide: for each grouping that recorded it, the gradient conflict between its
 * heads as a heat map of the epoch whose weights were kept (else the last recorded), with a
 * one-line summary of the most opposed pair.
 */
import { useMemo } from 'react';
import { heatmapAt } from '../../charts/conflict-heatmap-view';
import { heatmapEpoch } from '../../charts/diagnostics-view';
import { HeatMap } from '../../charts/HeatMap';
import type { ExperimentResults } from '../../core/results/results-types';
import { conflictViews } from './slides';
import { note, small } from './styles';

export function DiagnosticsSlide({ results, fontPx }: { results: ExperimentResults; fontPx: number }) {
  const maps = useMemo(
    () =>
      conflictViews(results).map(({ d, conflict }) => ({
        d,
        map: heatmapAt(d, conflict, heatmapEpoch(conflict, d.bestEpoch)),
      })),
    [results],
  );
  // Smaller cells when several maps share the slide.
  const cellSize = Math.round(fontPx * (maps.length > 2 ? 2 : 3.2));
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '1em 2em', alignItems: 'flex-start' }}>
        {maps.map(({ d, map }) => (
          <div key={d.id} style={{ minWidth: 0 }}>
            <div style={{ fontWeight: 700 }}>
              <code>{d.id}</code> <span style={small}>({d.modelText})</span>
            </div>
            <div style={small}>{map.summary}</div>
            <HeatMap
              testId={`slide-chart-conflict-${d.id}`}
              label={`Gradient cosines between the heads of ${d.id}`}
              rowLabels={map.labels}
              colLabels={map.labels}
              cells={map.cells}
              scale={map.scale}
              meaning=""
              cellSize={cellSize}
              fontSize={Math.round(fontPx * 0.6)}
            />
          </div>
        ))}
      </div>
      <p style={note}>
        Cosine between two heads' loss gradients on the shared parameters: +1 (blue) the same way, 0
        unrelated, −1 (red) opposed, a conflict where negative transfer can happen. n/a (hatched): undefined,
        not 0.
        {(results.rigor?.seeds.length ?? 1) > 1 ? ' First seed only.' : ''}
      </p>
    </>
  );
}
