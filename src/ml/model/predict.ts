/** Batched inference on the device. */
import * as tf from '@tensorflow/tfjs';
import type { TaskId } from '../../core/data/schema';
import type { DeviceData } from './device-data';
import type { SharedBottomModel } from './model';

/** Rows per inference chunk: large enough to amortise dispatch, small enough for GPU buffers. */
export const PREDICT_CHUNK = 8192;

/**
 * p_t(x) = sigmoid(logit_t(x)) for every head of `model` and every row in `rows` (inference
 * mode: batch norm uses moving statistics). Read back with await data(), chunk by chunk.
 */
export async function predictRows(
  model: SharedBottomModel,
  data: DeviceData,
  rows: Int32Array,
  chunk = PREDICT_CHUNK,
): Promise<Partial<Record<TaskId, Float32Array>>> {
  const heads = model.heads;
  const out = heads.map(() => new Float32Array(rows.length));
  for (let start = 0; start < rows.length; start += chunk) {
    const idx = rows.subarray(start, Math.min(rows.length, start + chunk));
    const probs = tf.tidy(() => tf.sigmoid(model.forward(data.gatherBatch(idx, false), false)));
    const values = await probs.data();
    probs.dispose();
    // values is row-major [chunk, H]: scatter column h into head h's output.
    for (let r = 0; r < idx.length; r++)
      for (let h = 0; h < heads.length; h++) out[h][start + r] = values[r * heads.length + h];
  }
  const result: Partial<Record<TaskId, Float32Array>> = {};
  heads.forEach((h, i) => (result[h] = out[i]));
  return result;
}
