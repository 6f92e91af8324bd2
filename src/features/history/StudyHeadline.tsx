/**
 * A saved study's headline numbers, by kind (study-headline.ts). Every number also sits in a
 * data-* attribute at full precision ('n/a' when undefined) for tests and tools.
 */
import { formatRel } from '../../core/results/reports/tables';
import type { RunRecord } from '../../store/history-record';
import { SOURCE_LABEL } from '../../core/data/schema';
import { apText } from './history-view';
import { type ArmExtreme, studyHeadline } from './study-headline';

function Extreme({ what, x }: { what: 'best' | 'worst'; x: ArmExtreme | null }) {
  return (
    <span data-extreme={what} data-arm={x?.arm ?? 'n/a'} data-change={x?.change ?? 'n/a'}>
      {what} {x ? <code>{x.arm}</code> : 'n/a'} {x && <strong>{formatRel(x.change)}</strong>}
    </span>
  );
}

export function StudyHeadline({ run }: { run: RunRecord }) {
  const h = studyHeadline(run);
  if (h.kind === 'comparison')
    return (
      <p className="small history-headline" data-testid="history-headline">
        {h.best.map((b) => (
          <span key={b.channel} data-channel={b.channel} data-ap={b.ap ?? 'n/a'}>
            best {SOURCE_LABEL[b.channel]} AP <strong>{apText(b.ap)}</strong>
            {b.grouping && <small className="muted"> ({b.grouping})</small>}
          </span>
        ))}
      </p>
    );
  if (h.kind === 'ablation')
    return (
      <p className="small history-headline" data-testid="history-headline" data-target={h.target}>
        {h.channels.map((c) => (
          <span key={c.channel} data-channel={c.channel}>
            {SOURCE_LABEL[c.channel]} vs full: <Extreme what="best" x={c.best} />,{' '}
            <Extreme what="worst" x={c.worst} />
          </span>
        ))}
      </p>
    );
  return (
    <p className="small history-headline" data-testid="history-headline" data-budget={h.budget ?? 'n/a'}>
      <span>
        {h.task} AP at {h.budget === null ? 'n/a' : `${h.budget}%`} of its labels:
      </span>
      {h.methods.map((m) => (
        <span key={m.method} data-method={m.method} data-ap={m.ap ?? 'n/a'}>
          {m.method} <strong>{apText(m.ap)}</strong>
        </span>
      ))}
    </p>
  );
}
