import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { test } from 'vitest';
test('probe', async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const ok = await tf.setBackend('wasm');
  console.log('ok', ok, tf.getBackend(), await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const t = tf.scatterND(tf.tensor2d([[0],[0],[2]], [3,1], 'int32'), tf.tensor2d([[1,2],[3,4],[5,6]]), [3,2]);
  console.log(await t.data());
  try { const g = tf.grad((x: tf.Tensor) => tf.gather(x, tf.tensor1d([0,0,1],'int32')).sum())(tf.ones([3,2])); console.log(await g.data()); } catch (e) { console.log('err', String(e)); }
});
