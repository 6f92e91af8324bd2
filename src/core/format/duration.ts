/**
 * The one way the app and its reports write a duration, so a training time, a load time, a
 * run's total and an estimate left read alike everywhere.
 */

/**
 * Milliseconds as people read a duration: '850 ms' below a second, '12.3 s' (tenths) below a
 * minute, '4 min 05 s' (whole seconds) from a minute on; 'n/a' when not a finite duration >= 0.
 * Each unit is chosen after rounding, so 999.7 ms is '1.0 s' and 59.96 s is '1 min 00 s'.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'n/a';
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
