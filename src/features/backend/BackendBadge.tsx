import { useEffect, useState } from 'react';
import { type BackendChoice, chooseBackend } from './probe';

/** Always shows the tfjs backend in use and, for WebGPU, the adapter. */
export function BackendBadge() {
  const [choice, setChoice] = useState<BackendChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const forced = new URLSearchParams(window.location.search).get('backend');
    chooseBackend(forced).then(setChoice, (e: unknown) => setError(String(e)));
  }, []);
  if (error) return <span data-testid="backend-error">{error}</span>;
  if (!choice) return <span data-testid="backend-pending">choosing backend…</span>;
  const a = choice.adapter;
  return (
    <span
      data-testid="backend-badge"
      data-backend={choice.backend}
      title={choice.skipped.map((s) => `${s.backend}: ${s.reason}`).join('\n')}
      style={{ border: '1px solid #888', borderRadius: 12, padding: '2px 10px', fontSize: 14 }}
    >
      backend: <strong>{choice.backend}</strong>
      {a && ` · ${a.vendor} ${a.architecture}${a.isFallbackAdapter ? ' (software fallback adapter)' : ''}`}
    </span>
  );
}
