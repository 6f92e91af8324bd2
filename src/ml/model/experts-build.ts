/**
 * The variables of the mixture-of-experts encoders (experts.ts), and which of them are shared by
 * every head and which belong to one head (gates, PLE's own experts): the per-head ones join that
 * head's Adam group, so an inactive head's gate stays as it is, like its tower.
 */
import type * as tf from '@tensorflow/tfjs';
import type { EncoderKind, ModelConfig } from '../../core/config/experiment';
import type { TaskId } from '../../core/data/schema';
import type { EncoderLayer, Expert, Gate, MmoeParts, PleLevel, PleParts } from './model-parts';

/** Makes a variable: name, shape, uniform limit (ignored with fill), trainable, constant fill. */
export type MakeVariable = (
  name: string,
  shape: number[],
  limit: number,
  trainable?: boolean,
  fill?: number,
) => tf.Variable;
export type MakeDense = (name: string, fanIn: number, fanOut: number) => tf.Variable;

export interface BuiltExperts {
  readonly moe: MmoeParts | PleParts;
  /** Width of each head's representation. */
  readonly zWidth: number;
  readonly shared: tf.Variable[];
  /** Per head (heads order): its gates and own experts. */
  readonly perHead: tf.Variable[][];
  /** The last shared layer's kernels (GradNorm's W). */
  readonly lastShared: tf.Variable[];
}

/** Dense + batch-norm layers of widths `units` from `fanIn` (same variables as the shared bottom's). */
export function buildLayers(
  make: MakeVariable,
  dense: MakeDense,
  name: string,
  fanIn: number,
  units: readonly number[],
): EncoderLayer[] {
  let width = fanIn;
  return units.map((u, i) => {
    const layer = {
      kernel: dense(`${name}${i}`, width, u),
      gamma: make(`${name}${i}/bn/gamma`, [u], 0, true, 1),
      beta: make(`${name}${i}/bn/beta`, [u], 0, true, 0),
      movingMean: make(`${name}${i}/bn/moving_mean`, [u], 0, false, 0),
      movingVar: make(`${name}${i}/bn/moving_var`, [u], 0, false, 1),
    };
    width = u;
    return layer;
  });
}

/** Trainable variables of layers (kernels, gamma, beta; not the moving statistics). */
export const layerVariables = (layers: readonly EncoderLayer[]): tf.Variable[] =>
  layers.flatMap((l) => [l.kernel, l.gamma, l.beta]);

/** Gates start at zero: every expert weighs 1/E until training says otherwise. */
const gate = (make: MakeVariable, name: string, fanIn: number, experts: number): Gate => ({
  kernel: make(`${name}/kernel`, [fanIn, experts], 0, true, 0),
  bias: make(`${name}/bias`, [experts], 0, true, 0),
});

/**
 * Builds an MMoE (cfg.experts experts, each an MLP of cfg.expertUnits) or a PLE (one level per
 * width of cfg.expertUnits; cfg.experts shared and cfg.taskExperts own experts per head and level).
 * Per-head variables carry the head id in their names (`gate/<head>`, `ple/l0/<head>/e0`), so a
 * head's weights can be copied to another head's by renaming (cold start).
 */
export function buildExperts(
  kind: Exclude<EncoderKind, 'shared-bottom'>,
  make: MakeVariable,
  dense: MakeDense,
  inWidth: number,
  heads: readonly TaskId[],
  cfg: Pick<ModelConfig, 'experts' | 'taskExperts' | 'expertUnits'>,
): BuiltExperts {
  const zWidth = cfg.expertUnits[cfg.expertUnits.length - 1];
  const count = (n: number) => Array.from({ length: n }, (_, k) => k);
  if (kind === 'mmoe') {
    const experts = count(cfg.experts).map((e) =>
      buildLayers(make, dense, `mmoe/e${e}/l`, inWidth, cfg.expertUnits),
    );
    const gates = heads.map((h) => gate(make, `gate/${h}`, inWidth, cfg.experts));
    return {
      moe: { kind, experts, gates },
      zWidth,
      shared: experts.flatMap(layerVariables),
      perHead: gates.map((g) => [g.kernel, g.bias]),
      lastShared: experts.map((e) => e[e.length - 1].kernel),
    };
  }
  const levels: PleLevel[] = [];
  let width = inWidth;
  cfg.expertUnits.forEach((units, l) => {
    const one = (name: string): Expert => buildLayers(make, dense, name, width, [units]);
    const last = l === cfg.expertUnits.length - 1;
    levels.push({
      shared: count(cfg.experts).map((e) => one(`ple/l${l}/shared/e${e}/`)),
      own: heads.map((h) => count(cfg.taskExperts).map((e) => one(`ple/l${l}/${h}/e${e}/`))),
      gates: heads.map((h) => gate(make, `ple/l${l}/gate/${h}`, width, cfg.taskExperts + cfg.experts)),
      sharedGate: last
        ? null
        : gate(make, `ple/l${l}/gate/shared`, width, heads.length * cfg.taskExperts + cfg.experts),
    });
    width = units;
  });
  const moe: PleParts = { kind, levels };
  return {
    moe,
    zWidth,
    shared: levels.flatMap((lv) => [
      ...lv.shared.flatMap(layerVariables),
      ...(lv.sharedGate ? [lv.sharedGate.kernel, lv.sharedGate.bias] : []),
    ]),
    perHead: heads.map((_, t) =>
      levels.flatMap((lv) => [...lv.own[t].flatMap(layerVariables), lv.gates[t].kernel, lv.gates[t].bias]),
    ),
    lastShared: levels[levels.length - 1].shared.map((e) => e[0].kernel),
  };
}
