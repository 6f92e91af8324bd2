/**
 * A list of verdicts (core/metrics/verdicts.ts) with a coloured word for each: shown by the
 * results view and the verdicts slide, which prepare the list (verdictList in rigor-tables.ts).
 */
import type { Verdict, VerdictKind } from '../core/metrics/verdicts';

const BADGE: Record<VerdictKind, { text: string; color: string }> = {
  better: { text: 'better', color: '#1a7f37' },
  worse: { text: 'worse', color: '#cf222e' },
  indistinguishable: { text: 'not distinguishable', color: '#6e7781' },
  undefined: { text: 'undefined', color: '#6e7781' },
};

export function VerdictList({ verdicts, fontPx }: { verdicts: readonly Verdict[]; fontPx?: number }) {
  return (
    <ul data-testid="verdicts" style={{ margin: 0, paddingLeft: 18, fontSize: fontPx }}>
      {verdicts.map((v) => (
        <li
          key={`${v.grouping}/${v.channel}/${v.segment}`}
          data-verdict={v.kind}
          data-key={`${v.grouping}/${v.channel}/${v.segment}`}
        >
          <strong style={{ color: BADGE[v.kind].color }}>{BADGE[v.kind].text}</strong> · {v.sentence}
        </li>
      ))}
    </ul>
  );
}
