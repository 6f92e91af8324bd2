/**
 * The table slides: Table 1, and the less-streamed / high-stream creators of one channel. Large
 * type, the baseline row marked, gains and losses coloured, n/a with its reason.
 */
import type { ReactNode } from 'react';
import { SOURCE_LABEL, type Source } from '../../core/data/schema';
import type { ExperimentResults, Metric } from '../../core/results/results-types';
import {
  segmentSummaryRows,
  table1Rows,
  UNDEFINED_REASON_TEXT,
  type UndefinedReason,
} from '../../core/results/reports/series';
import { formatAp, formatRel } from '../../core/results/reports/tables';
import { tableEm } from './slides';
import { note, small } from './styles';

function Ap({ ap, reason }: { ap: Metric; reason: UndefinedReason | null }) {
  return (
    <td className="num" data-ap={ap === null ? 'n/a' : String(ap)}>
      {formatAp(ap)}
      {ap === null && <div style={small}>{UNDEFINED_REASON_TEXT[reason ?? 'no-positive']}</div>}
    </td>
  );
}

/** Gains green, losses red (tables.css): the sign reads from far away before the digits do. */
function Rel({ rel }: { rel: Metric }) {
  const tone = rel === null || Math.abs(rel) < 0.0005 ? '' : rel > 0 ? ' gain' : ' loss';
  return <td className={`num rel${tone}`}>{formatRel(rel)}</td>;
}

function Name({ id, label, isBaseline }: { id: string; label: string; isBaseline: boolean }) {
  return (
    <td>
      <code style={{ fontSize: '0.95em' }}>{id}</code>
      {isBaseline && <strong style={{ ...small, marginLeft: '0.5em', color: '#2457c5' }}>BASELINE</strong>}
      {label !== id && <div style={small}>{label}</div>}
    </td>
  );
}

/** A slide's table: a header row, the first column left-aligned, text sized for the row count. */
export function SlideTable({
  head,
  rows,
  scale = 1,
  children,
}: {
  head: readonly string[];
  rows: number;
  /** Text size relative to the slide's tables (below 1 for wide tables). */
  scale?: number;
  children: ReactNode;
}) {
  return (
    <table className="slide" style={{ fontSize: `${tableEm(rows) * scale}em` }}>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={h + String(i)} className={i === 0 ? undefined : 'num'}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

export function Table1Slide({ results }: { results: ExperimentResults }) {
  return (
    <>
      <SlideTable
        head={['Grouping', 'Promotions AP', 'vs baseline', 'Ads AP', 'vs baseline']}
        rows={results.groupings.length}
      >
        {table1Rows(results).map((r) => (
          <tr key={r.id} className={r.isBaseline ? 'baseline' : undefined} data-grouping={r.id}>
            <Name id={r.id} label={r.label} isBaseline={r.isBaseline} />
            <Ap ap={r.promoAp} reason={r.promoApReason} />
            <Rel rel={r.promoRel} />
            <Ap ap={r.adAp} reason={r.adApReason} />
            <Rel rel={r.adRel} />
          </tr>
        ))}
      </SlideTable>
      <p style={note}>
        AP on all test rows of each channel. vs baseline = (AP − baseline AP) / baseline AP on the same rows.
      </p>
    </>
  );
}

export function SegmentSlide({ results, channel }: { results: ExperimentResults; channel: Source }) {
  const [less, high] = segmentSummaryRows(results, channel);
  const size = (s: typeof less, name: string) =>
    `${name}: ${(s.rows[0]?.rows ?? 0).toLocaleString('en-US')} test rows, ${(s.rows[0]?.positives ?? 0).toLocaleString('en-US')} positives`;
  return (
    <>
      <SlideTable
        head={['Grouping', 'Less-streamed AP', 'vs baseline', 'High-stream AP', 'vs baseline']}
        rows={less.rows.length}
      >
        {less.rows.map((r, i) => (
          <tr key={r.id} className={r.isBaseline ? 'baseline' : undefined}>
            <Name id={r.id} label={r.label} isBaseline={r.isBaseline} />
            <Ap ap={r.ap} reason={r.apReason} />
            <Rel rel={r.rel} />
            <Ap ap={high.rows[i].ap} reason={high.rows[i].apReason} />
            <Rel rel={high.rows[i].rel} />
          </tr>
        ))}
      </SlideTable>
      <p style={note}>
        {SOURCE_LABEL[channel]} only. {size(less, 'Less-streamed creators')}.{' '}
        {size(high, 'High-stream creators (tiers 0-2)')}.
      </p>
    </>
  );
}
