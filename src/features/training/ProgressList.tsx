/** One progress bar per grouping of the run, in run order. */
import type { CSSProperties } from 'react';
import { groupingColor } from '../../charts/palette';
import type { GroupingProgress } from '../../store/types';
import { groupingLabel, progressPercent, progressText } from './format';

const track: CSSProperties = { height: 8, background: '#eee', borderRadius: 4, overflow: 'hidden' };

function ProgressRow({ p }: { p: GroupingProgress }) {
  const pct = progressPercent(p);
  const label = groupingLabel(p.grouping);
  return (
    <li style={{ listStyle: 'none', minWidth: 0 }}>
      <div
        style={{ display: 'flex', justifyContent: 'space-between', gap: 12, fontSize: 13, flexWrap: 'wrap' }}
      >
        <span style={{ fontWeight: p.state === 'training' ? 600 : 400 }}>
          <code>{p.grouping}</code> <span style={{ color: '#666' }}>{label !== p.grouping && label}</span>
        </span>
        <span style={{ color: '#444', fontVariantNumeric: 'tabular-nums' }}>{progressText(p)}</span>
      </div>
      <div
        data-testid={`progress-${p.grouping}`}
        role="progressbar"
        aria-label={`${p.grouping} training progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={progressText(p)}
        style={track}
      >
        <div style={{ width: `${pct}%`, height: '100%', background: groupingColor(p.grouping) }} />
      </div>
    </li>
  );
}

export function ProgressList({ list }: { list: readonly GroupingProgress[] }) {
  if (list.length === 0) return null;
  return (
    <ul style={{ display: 'grid', gap: 8, padding: 0, margin: 0 }}>
      {list.map((p) => (
        <ProgressRow key={p.grouping} p={p} />
      ))}
    </ul>
  );
}
