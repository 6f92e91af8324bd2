/**
 * The encoder's input x = [E_1[c_1], ..., sum_k w_k E_m[code_k] per multi column, numeric]
 * read from the flat embedding variable (flat-tables.ts) in one node: on webgpu the fused lookup
 * kernel and its deterministic gradient (kernels/webgpu/lookup-webgpu.ts); elsewhere the same
 * maths as tfjs ops (slices of the flat table, embed, weighted sums, concat), the reference the
 * webgpu checks compare the kernels with.
 */
import * as tf from '@tensorflow/tfjs';
import { type LookupAttrs, lookupGradWebGpu, lookupWebGpu } from '../kernels/webgpu/lookup-webgpu';
import { onWebGpu } from '../kernels/webgpu/program';
import { embed } from './embedding';
import { type FlatLayout, layoutMeta } from './flat-tables';
import type { ModelInputs } from './inputs';

/** A model's flat embedding variable with its layout and the layout's int32 description. */
export interface FlatTables {
  readonly variable: tf.Variable;
  readonly layout: FlatLayout;
  /** layoutMeta(layout), uploaded once (the model disposes it). */
  readonly meta: tf.Tensor1D;
}

/** The flat tables of `layout` over `variable` (creates the meta tensor). */
export function flatTables(variable: tf.Variable, layout: FlatLayout): FlatTables {
  return { variable, layout, meta: tf.tensor1d(layoutMeta(layout), 'int32') };
}

function attrsOf(layout: FlatLayout): LookupAttrs {
  return {
    width: layout.embWidth + layout.numericWidth,
    tableSize: layout.tableSize,
    columns: layout.columns.length,
    catWidth: layout.catWidth,
    multiWidth: layout.multiWidth,
    numericWidth: layout.numericWidth,
  };
}

/**
 * x [B, embWidth + numericWidth] for a batch. Its gradient with respect to the flat table needs
 * the batch's lookup plan on webgpu (inputs.lookupPlan: gatherBatch(rows) makes it); an
 * inference batch has none and takes no gradient.
 */
export function lookupFlat(flat: FlatTables, inputs: ModelInputs): tf.Tensor2D {
  if (!onWebGpu()) return lookupOps(flat.variable, flat.layout, inputs);
  const attrs = attrsOf(flat.layout);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [table, save] = args as [tf.Tensor, tf.GradSaveFunc];
    // Saved, not closed over (see embedding.ts): the plan and the weights the gradient reads.
    save(inputs.lookupPlan ? [inputs.lookupPlan, inputs.multiWeights] : []);
    return {
      value: lookupWebGpu(table, inputs, flat.meta, attrs),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [plan, weights] = saved;
        if (!plan) throw new Error('lookup: the batch has no lookup plan (gatherBatch(rows) makes one)');
        return lookupGradWebGpu(
          dy as tf.Tensor2D,
          plan as tf.Tensor1D,
          weights as tf.Tensor2D,
          flat.meta,
          attrs,
        );
      },
    };
  });
  return op(flat.variable) as tf.Tensor2D;
}

/** The same x as tfjs ops, differentiated by tfjs's autodiff (embedding.ts's gradient per column). */
export function lookupOps(table: tf.Tensor, layout: FlatLayout, inputs: ModelInputs): tf.Tensor2D {
  const parts = layout.columns.map((c) => {
    const t = tf.reshape(tf.slice(table, [c.tableOffset], [c.vocab * c.dim]), [c.vocab, c.dim]);
    if (c.bagLen === 0) return embed(t, tf.reshape(tf.slice(inputs.catCodes, [0, c.source], [-1, 1]), [-1]));
    const codes = tf.slice(inputs.multiCodes, [0, c.source], [-1, c.bagLen]);
    const weights = tf.slice(inputs.multiWeights, [0, c.source], [-1, c.bagLen]);
    return tf.sum(tf.mul(embed(t, codes), tf.expandDims(weights, 2)), 1); // sum_k w_k E[code_k]
  });
  if (layout.numericWidth > 0) parts.push(inputs.numericValues);
  return (parts.length === 1 ? parts[0] : tf.concat(parts, 1)) as tf.Tensor2D;
}
