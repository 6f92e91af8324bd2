/**
 * kernels.wat instantiated on tfjs-backend-wasm's own memory, so that its functions read and write
 * tensors where they lie (pointers from BackendWasm.getMemoryOffset; no copy in or out).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { KERNELS_WASM } from './kernels-wasm';

/** kernels.wat's exports: pointers are byte offsets into the backend's heap, n counts float32. */
export interface SimdKernels {
  /** Batch norm + relu and its gradient (batch-norm-wasm.ts; kernels.wat states the maths). */
  bn_relu_forward(...args: number[]): void;
  bn_relu_backward(...args: number[]): void;
  /** Rows of `bytes` bytes from src to dst, row starts every srcStride / dstStride bytes. */
  copy_blocks(
    src: number,
    srcStride: number,
    dst: number,
    dstStride: number,
    rows: number,
    bytes: number,
  ): void;
  /** dst[i] = src[idx[i]] (rows of rowBytes); -1, or the first i with idx[i] outside [0, n). */
  gather_rows(src: number, n: number, rowBytes: number, idx: number, k: number, dst: number): number;
  /** dst = src^T, src [rows, cols] of 4-byte elements. */
  transpose32(src: number, rows: number, cols: number, dst: number): void;
  /** B (element (k, j) at 4 (k sK + j sJ) bytes) into panels of 8 columns, zero-padded. */
  gemm_pack_b(src: number, sK: number, sJ: number, k: number, n: number, dst: number): void;
  /** C = A B (+ bias, relu), gemm.ts; kernels.wat states the arguments. */
  gemm(...args: number[]): void;
  /** memmove of `bytes` bytes from src to dst. */
  copy(dst: number, src: number, bytes: number): void;
  adam(
    p: number,
    m: number,
    v: number,
    g: number,
    pOut: number,
    mOut: number,
    vOut: number,
    n: number,
    b1: number,
    c1: number,
    b2: number,
    c2: number,
    lr: number,
    eps: number,
  ): void;
}

const instances = new WeakMap<WebAssembly.Memory, SimdKernels | null>();
let enabled = true;

/**
 * Turns our SIMD kernels off (every caller then runs its fallback: tfjs ops or JavaScript loops)
 * or back on. For tests of the fallbacks and before/after measurements; takes effect for kernels
 * called afterwards (an optimiser created before keeps the path it chose).
 */
export function setSimdKernelsEnabled(on: boolean): void {
  enabled = on;
}

/** The backend's WebAssembly.Memory: exported by the single-threaded builds, created in JavaScript by the threaded one. */
function memoryOf(backend: BackendWasm): WebAssembly.Memory | undefined {
  const wasm = backend.wasm as unknown as { asm?: { memory?: unknown }; wasmMemory?: unknown };
  const memory = wasm.wasmMemory ?? wasm.asm?.memory;
  return memory instanceof WebAssembly.Memory ? memory : undefined;
}

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * The kernels on this backend's memory, or null where they cannot run: a memory we cannot find,
 * or an engine without WebAssembly SIMD (tfjs then runs its non-SIMD build, and so do we: the
 * callers fall back to tfjs ops). Compiled synchronously once per memory: the module is about
 * 3.4 KB, under the 4 KB Chromium compiles synchronously on a page's main thread (a worker has no
 * such limit; build-simd.test.ts keeps the module under it).
 */
export function simdKernels(backend: BackendWasm): SimdKernels | null {
  const memory = enabled ? memoryOf(backend) : undefined;
  if (!memory) return null;
  if (!instances.has(memory)) {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    try {
      const module = new WebAssembly.Module(decode(shared ? KERNELS_WASM.shared : KERNELS_WASM.plain));
      const instance = new WebAssembly.Instance(module, { env: { memory } });
      instances.set(memory, instance.exports as unknown as SimdKernels);
    } catch {
      instances.set(memory, null);
    }
  }
  return instances.get(memory) ?? null;
}

/** Whether the active backend is wasm and runs our SIMD kernels (the bench prints it). */
export function simdKernelsActive(): boolean {
  return tf.getBackend() === 'wasm' && simdKernels(tf.backend() as BackendWasm) !== null;
}

/** Bytes per element of a numeric dtype on the wasm heap (bool is one byte there). */
export function bytesPerElement(dtype: tf.DataType): number {
  return dtype === 'bool' ? 1 : 4;
}
