/** Sorting a failure into the protocol's error kinds, so the UI can say what to do about it. */
import * as tf from '@tensorflow/tfjs';
import type { ErrorKind } from './protocol';

const DATA = /cannot train these groupings|split fractions|distinct days|is not loaded/i;
const DEVICE_LOST = /device (was |is |has been )?lost|GPUDevice.*lost|device-lost/i;
const BACKEND = /backend|kernel|webgpu|webgl|wasm|shader|wgsl|GPU|out of memory/i;

/**
 * 'data': the dataset or config cannot give a comparison (SplitError, groupings without rows or
 * positives); 'device-lost': the WebGPU device went away; 'backend': tfjs or the device failed;
 * 'internal': anything else (a bug).
 */
export function classifyError(e: unknown): ErrorKind {
  const name = e instanceof Error ? e.name : '';
  const message = e instanceof Error ? e.message : String(e);
  if (name === 'SplitError' || DATA.test(message)) return 'data';
  if (DEVICE_LOST.test(message)) return 'device-lost';
  if (BACKEND.test(message)) return 'backend';
  return 'internal';
}

/**
 * Calls `onLost` when the active tfjs webgpu backend's GPUDevice is lost (not when it is
 * destroyed on purpose). Reaches into the backend object: tfjs has no public hook for this.
 */
export function watchDeviceLost(onLost: (message: string) => void): void {
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<GPUDeviceLostInfo> } }).device;
  device?.lost?.then(
    (info) => {
      if (info.reason !== 'destroyed') onLost(`WebGPU device lost: ${info.message || 'no reason given'}`);
    },
    () => {},
  );
}
