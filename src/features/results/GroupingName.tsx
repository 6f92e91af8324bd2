import { useAppStore } from '../../store';
import { modelSuffix } from '../../charts/diagnostics-view';

/**
 * A grouping's id (what tests and URLs use), its label, and a baseline mark; after the id, what
 * it trained with beyond the paper's model ('· MMoE · GradNorm'), read from the results shown.
 */
export function GroupingName({ id, label, isBaseline }: { id: string; label: string; isBaseline: boolean }) {
  // A string: the name re-renders only when its own suffix changes.
  const suffix = useAppStore((s) => {
    const g = s.results?.groupings.find((r) => r.id === id);
    return g ? modelSuffix(g) : '';
  });
  return (
    <>
      <code>{id}</code>
      {suffix && (
        <small
          style={{ marginLeft: 4, fontSize: 11, color: '#555' }}
          title="encoder and loss balancing it trained with"
          data-testid={`model-suffix-${id}`}
        >
          {suffix}
        </small>
      )}
      {isBaseline && (
        <strong style={{ marginLeft: 6, fontSize: 11, color: '#2a4d8f', textTransform: 'uppercase' }}>
          baseline
        </strong>
      )}
      {label !== id && <div style={{ fontSize: 12, color: '#666', whiteSpace: 'normal' }}>{label}</div>}
    </>
  );
}
