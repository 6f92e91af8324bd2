/**
 * The Node bench's machine line and per-backend summary (printed and written to
 * bench/results/node-training.json).
 */
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { version as tfjsVersion } from '@tensorflow/tfjs';
import type { BackendResult, DataSummary } from './bench-node-training';
import { describeAdapter } from './node-webgpu';

const fmt = (x: number, d = 0) =>
  x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

export const SOFTWARE_GPU_LABEL =
  'SOFTWARE EMULATION: the GPU is emulated on the CPU; these figures say nothing about real-GPU speed';

export function machineInfo() {
  return {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'cpu',
    totalMemGiB: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: `${platform()} ${release()}`,
    tfjs: tfjsVersion.tfjs,
    // Other work on the machine (2 shared cores) skews every figure: 1-minute load average at the start.
    loadAverage1m: +loadavg()[0].toFixed(2),
  };
}

export function machineLine(m: ReturnType<typeof machineInfo>): string {
  return (
    `machine: ${m.cpus} x ${m.model}, ${m.totalMemGiB.toFixed(0)} GiB, ${m.platform}, node ${m.node}, ` +
    `tfjs ${m.tfjs}, load average ${m.loadAverage1m} at start`
  );
}

export function dataLine(d: DataSummary): string {
  return (
    `data: default simulated dataset (seed 1), ${fmt(d.rows)} rows, ${fmt(d.trainRows)} in the training split; ` +
    `${d.categorical} categorical, ${d.multiValued} multi-valued, ${d.numeric} numeric inputs (built in ${fmt(d.buildMs / 1000, 1)} s per process)`
  );
}

/** Summary lines for one backend. */
export function backendLines(r: BackendResult): string[] {
  const lines: string[] = [];
  const adapter = r.adapter ? `  adapter: ${describeAdapter(r.adapter)}` : '';
  if ('error' in r) return [`${r.backend}: NOT MEASURED: ${r.error}${adapter && `\n${adapter}`}`];
  lines.push(`${r.backend}${r.adapter?.software ? `  [${SOFTWARE_GPU_LABEL}]` : ''}`);
  if (adapter) lines.push(adapter);
  const speedUp = r.fast.impressionsPerSec / r.plain.impressionsPerSec;
  lines.push(
    `  batch ${r.plain.batchSize}: plain ${fmt(r.plain.impressionsPerSec)} impressions/s (${fmt(r.plain.stepsPerSec, 2)} steps/s), ` +
      `fast ${fmt(r.fast.impressionsPerSec)} impressions/s (${fmt(r.fast.stepsPerSec, 2)} steps/s): fast / plain = ${speedUp.toFixed(2)}x`,
  );
  lines.push(
    `  sweep (fast): ${r.sweep.map((s) => `${s.batchSize}: ${fmt(s.impressionsPerSec)}`).join(', ')} impressions/s; ` +
      `best batch ${r.best.batchSize} (${fmt(r.best.impressionsPerSec)} impressions/s, ${fmt(r.best.msPerStep, 1)} ms/step)`,
  );
  lines.push(`  memory: tfjs peak ${r.tfPeakMiB} MiB, process max RSS ${r.maxRssMiB} MiB`);
  const k = r.ourKernels;
  if (k) {
    const rounds = k.before.map(
      (b, i) =>
        `${fmt(b.impressionsPerSec)} -> ${fmt(k.after[i]!.impressionsPerSec)} (${(k.after[i]!.impressionsPerSec / b.impressionsPerSec).toFixed(2)}x)`,
    );
    lines.push(
      `  our WGSL kernels (fast step, batch ${r.fast.batchSize}): dispatches per step ` +
        `${k.dispatchesBefore.total} -> ${k.dispatchesAfter.total}; impressions/s in alternating rounds: ${rounds.join(', ')}`,
    );
  }
  return lines;
}

/** The node-training.json record of one backend (rates rounded for reading; ms to 0.1). */
export function backendJson(r: BackendResult) {
  if ('error' in r) return r;
  const round = <
    T extends { stepsPerSec: number; impressionsPerSec: number; msPerStep: number; warmupMs: number },
  >(
    f: T,
  ) => ({
    ...f,
    stepsPerSec: +f.stepsPerSec.toFixed(3),
    impressionsPerSec: Math.round(f.impressionsPerSec),
    msPerStep: +f.msPerStep.toFixed(1),
    warmupMs: Math.round(f.warmupMs),
  });
  return {
    ...r,
    ...(r.adapter?.software && { note: SOFTWARE_GPU_LABEL }),
    plain: round(r.plain),
    fast: round(r.fast),
    fastOverPlain: +(r.fast.impressionsPerSec / r.plain.impressionsPerSec).toFixed(3),
    sweep: r.sweep.map(round),
    best: round(r.best),
    ...(r.ourKernels && {
      ourKernels: {
        ...r.ourKernels,
        before: r.ourKernels.before.map(round),
        after: r.ourKernels.after.map(round),
      },
    }),
  };
}
