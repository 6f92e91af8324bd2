import { useAppStore } from '../../store';
import type { BackendTrial, BrowserBackend } from '../../worker/protocol';
import { selectBackend, selectBackendError, selectBusy } from '../../store/selectors';
import { adapterLabel, BACKEND_ORDER } from '../../worker/backend-names';

const NAMES: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/**
 * Always shows the tfjs backend the training worker uses and, for WebGPU, the adapter; when an
 * earlier backend was passed over, says which and why.
 */
export function BackendBadge() {
  const choice = useAppStore(selectBackend);
  const error = useAppStore(selectBackendError);
  if (error) return <span data-testid="backend-error">{error}</span>;
  if (!choice) return <span data-testid="backend-pending">choosing backend (timing the model)…</span>;
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
        {a && ` · ${adapterLabel(a)}`}
        {choice.forced && ' (forced)'}
      </span>
      <BackendMenu forced={choice.forced ? choice.backend : null} />
      {choice.trial && <TrialLine trial={choice.trial} chosen={choice.backend} />}
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

const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** The timed trial's figures, fastest first, and why the chosen backend won. */
function TrialLine({ trial, chosen }: { trial: BackendTrial; chosen: BrowserBackend }) {
  const rows = [...trial.rows].sort((a, b) => (b.impressionsPerSec ?? -1) - (a.impressionsPerSec ?? -1));
  return (
    <small data-testid="backend-trial" style={{ color: '#555', maxWidth: 460, textAlign: 'right' }}>
      timed trial (joint model, batch {trial.batchSize}, {trial.timedSteps} steps):{' '}
      {rows.map((r, i) => (
        <span key={r.backend} data-testid={`trial-${r.backend}`} data-ips={r.impressionsPerSec ?? ''}>
          {i > 0 && ' · '}
          {r.backend === chosen ? <strong>{r.backend}</strong> : r.backend}{' '}
          {r.impressionsPerSec !== undefined
            ? `${fmt.format(r.impressionsPerSec)} impressions/s`
            : (r.notTimed ?? `failed (${r.error ?? 'unknown'})`)}
        </span>
      ))}
      ; {chosen} {trial.why}
    </small>
  );
}

/**
 * Overrides the automatic choice for this page (like `?backend=`), or asks for a new trial.
 * Disabled during a run: the worker switches backends only between commands.
 */
function BackendMenu({ forced }: { forced: BrowserBackend | null }) {
  const running = useAppStore(selectBusy);
  const switchBackend = useAppStore((s) => s.switchBackend);
  return (
    <label style={{ fontSize: 12 }}>
      use{' '}
      <select
        data-testid="backend-menu"
        value={forced ?? 'auto'}
        disabled={running}
        onChange={(e) => switchBackend(e.target.value === 'auto' ? null : (e.target.value as BrowserBackend))}
      >
        <option value="auto">automatic (timed trial)</option>
        {BACKEND_ORDER.map((b) => (
          <option key={b} value={b}>
            {NAMES[b]}
          </option>
        ))}
      </select>
    </label>
  );
}
