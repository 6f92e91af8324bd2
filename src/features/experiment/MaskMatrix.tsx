import type { Grouping } from '../../core/config/experiment';
import { TASKS } from '../../core/data/schema';
import { type MaskState, maskMatrix } from './experiment-view';

const MARK: Record<MaskState, string> = { trains: '✓', masked: '✗', 'not-head': '–', unseen: '–' };

/**
 * A grouping's source-by-task loss mask m[s][t], read-only: ✓ = these rows train the head,
 * ✗ = the mask keeps these rows out of the head; greyed = not a head, or rows never seen.
 */
export function MaskMatrix({ grouping }: { readonly grouping: Grouping }) {
  return (
    <table className="mask" aria-label={`Loss mask of ${grouping.id}`}>
      <thead>
        <tr>
          <th scope="col">rows</th>
          {TASKS.map((t) => (
            <th key={t} scope="col" className={grouping.heads.includes(t) ? '' : 'muted'}>
              {t.replace('_', ' ')}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {maskMatrix(grouping).map((row) => (
          <tr key={row.source}>
            <th scope="row" className={row.seen ? '' : 'muted'}>
              {row.source}
            </th>
            {row.cells.map((c) => (
              <td key={c.task} title={c.title} aria-label={c.title} className={`mask-${c.state}`}>
                {MARK[c.state]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
