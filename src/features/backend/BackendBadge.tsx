import { useAppStore } from '../../store';
import { selectBackend, selectBackendError } from '../../store/selectors';

const NAMES: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/**
 * Always shows the tfjs backend the training worker uses and, for WebGPU, the adapter; when an
 * earlier backend was passed over, says which and why.
 */
export function BackendBadge() {
  const choice = useAppStore(selectBackend);
  const error = useAppStore(selectBackendError);
  if (error) return <span data-testid="backend-error">{error}</span>;
  if (!choice) return <span data-testid="backend-pending">choosing backend…</span>;
  const a = choice.adapter;
  const first = choice.skipped[0];
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'flex-end', gap: 2 }}>
      <span
        data-testid="backend-badge"
        data-backend={choice.backend}
        title={choice.skipped.map((s) => `${s.backend}: ${s.reason}`).join('\n')}
        style={{ border: '1px solid #888', borderRadius: 12, padding: '2px 10px', fontSize: 14 }}
      >
        backend: <strong>{choice.backend}</strong>
        {a && ` · ${a.vendor} ${a.architecture}${a.isFallbackAdapter ? ' (software fallback adapter)' : ''}`}
        {choice.forced && ' (forced)'}
      </span>
      {first && (
        <small
          data-testid="backend-fallback-reason"
          style={{ color: '#8a5a00', maxWidth: 420, textAlign: 'right' }}
        >
          {NAMES[first.backend]} unavailable: {first.reason}; using {choice.backend}
        </small>
      )}
    </span>
  );
}
