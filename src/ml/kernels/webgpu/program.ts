/**
 * Running our own WGSL compute shaders on tfjs-backend-webgpu's device, in its command stream.
 *
 * tfjs's `runWebGPUProgram` binds one output and read-only inputs; the lean step's kernels need
 * several outputs (batch norm: y, x^ and 1/sigma) and in-place updates (Adam's parameters and
 * moments, batch norm's moving statistics), so they record their dispatch themselves, the way
 * the backend does (backend_webgpu.js `recordAndSubmit`): into its open compute pass, with a
 * uniform buffer it frees after the next submit, the buffers marked as in use by the queue, and a
 * submit every WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE dispatches. Every dispatch is counted in
 * dispatch-tally.ts.
 *
 * A shader may bind at most 8 storage buffers (WebGPU's default maxStorageBuffersPerShaderStage;
 * tfjs asks its device for no more), which is what limits how many tensors one kernel touches.
 *
 * Tied to tfjs-backend-webgpu 4.22.0 (package.json pins it): the members of WebGPUBackend below.
 */
import * as tf from '@tensorflow/tfjs';
import { countDispatch } from './dispatch-tally';

type DataId = object;

interface TensorData {
  resource: GPUBuffer | null;
  values: unknown;
  refCount: number;
}

/** The parts of tfjs-backend-webgpu 4.22's WebGPUBackend used here. */
interface WebGpuBackend {
  device: GPUDevice;
  queue: GPUQueue;
  tensorMap: { get(id: DataId): TensorData };
  uploadToGPU(id: DataId): void;
  makeTensorInfo(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  bufferManager: { acquireBuffer(size: number, usage: number): GPUBuffer };
  uniformPendingDisposal: GPUBuffer[];
  commandQueueOwnedIds: Set<DataId>;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
  commandEncoder: GPUCommandEncoder;
  computePassEncoder: GPUComputePassEncoder | null;
  dispatchCountInPass: number;
}

/** The largest number of storage buffers one of our shaders binds. */
export const MAX_STORAGE_BINDINGS = 8;

/** A storage binding: a tensor's buffer, read-only or read-write. */
export interface Binding {
  readonly tensor: tf.TensorInfo;
  readonly write?: boolean;
}

export interface Program {
  /** Name in the dispatch tally. */
  readonly name: string;
  /**
   * WGSL with entry point `main`; storage bindings 0..n-1 in `bindings` order, and (when
   * `uniforms` is given) `@binding(n) var<uniform>` after them.
   */
  readonly code: string;
  readonly bindings: readonly Binding[];
  /** Workgroups along x, y, z. */
  readonly workgroups: readonly [number, number, number];
  /** Packed uniform values (16-byte multiple; see packUniforms). */
  readonly uniforms?: ArrayBuffer;
}

let kernelsEnabled = true;

/**
 * Switches our webgpu kernels off (tfjs's own kernels then run, as before them) or back on: for
 * the bench's before/after in one run and the checks' baseline. Takes effect for optimisers
 * created after the call and for every later op.
 */
export function setWebGpuKernels(enabled: boolean): void {
  kernelsEnabled = enabled;
}

/** Whether our webgpu kernels run: the active backend is webgpu and they are not switched off. */
export function onWebGpu(): boolean {
  return kernelsEnabled && tf.getBackend() === 'webgpu';
}

/** The active webgpu backend's internals (throws on another backend). */
export function webGpuBackend(): WebGpuBackend {
  if (!onWebGpu()) throw new Error('webgpu kernels: the active backend is not webgpu');
  return tf.backend() as unknown as WebGpuBackend;
}

const pipelines = new WeakMap<GPUDevice, Map<string, GPUComputePipeline>>();

function pipelineFor(device: GPUDevice, name: string, code: string): GPUComputePipeline {
  let cache = pipelines.get(device);
  if (!cache) pipelines.set(device, (cache = new Map()));
  let p = cache.get(code);
  if (!p) {
    const module = device.createShaderModule({ code, label: name });
    p = device.createComputePipeline({
      layout: 'auto',
      compute: { module, entryPoint: 'main' },
      label: name,
    });
    cache.set(code, p);
  }
  return p;
}

/**
 * Packs uniform values: each entry an i32 ('i'), u32 ('u') or f32 ('f') of 4 bytes, in order, the
 * whole padded to 16 bytes (WGSL's uniform struct of scalars has this layout).
 */
export function packUniforms(values: readonly (readonly ['i' | 'u' | 'f', number])[]): ArrayBuffer {
  const buf = new ArrayBuffer(Math.max(16, Math.ceil((values.length * 4) / 16) * 16));
  const view = new DataView(buf);
  values.forEach(([t, x], i) => {
    if (t === 'f') view.setFloat32(i * 4, x, true);
    else if (t === 'u') view.setUint32(i * 4, x, true);
    else view.setInt32(i * 4, x, true);
  });
  return buf;
}

/** A new float32 (or int32) tensor of `shape` on the backend, for a program to write. */
export function makeOutput(shape: number[], dtype: tf.DataType = 'float32'): tf.TensorInfo {
  return webGpuBackend().makeTensorInfo(shape, dtype);
}

/** Records one dispatch of `p` into the backend's command stream. */
export function runProgram(p: Program): void {
  const backend = webGpuBackend();
  if (p.bindings.length > MAX_STORAGE_BINDINGS)
    throw new Error(`${p.name}: ${p.bindings.length} storage bindings (at most ${MAX_STORAGE_BINDINGS})`);
  const entries: GPUBindGroupEntry[] = p.bindings.map((b, i) => {
    backend.uploadToGPU(b.tensor.dataId);
    const data = backend.tensorMap.get(b.tensor.dataId);
    // A written buffer's CPU copy (a read-back cached by the backend) is stale from now on.
    if (b.write) data.values = null;
    backend.commandQueueOwnedIds.add(b.tensor.dataId);
    return { binding: i, resource: { buffer: data.resource! } };
  });
  if (p.uniforms) {
    const size = p.uniforms.byteLength;
    const ub = backend.bufferManager.acquireBuffer(size, GPUBufferUsage.COPY_DST | GPUBufferUsage.UNIFORM);
    backend.queue.writeBuffer(ub, 0, p.uniforms, 0, size);
    backend.uniformPendingDisposal.push(ub);
    entries.push({ binding: p.bindings.length, resource: { buffer: ub, offset: 0, size } });
  }
  const pipeline = pipelineFor(backend.device, p.name, p.code);
  const bindGroup = backend.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
  backend.ensureCommandEncoderReady();
  if (!backend.computePassEncoder) backend.computePassEncoder = backend.commandEncoder.beginComputePass({});
  backend.computePassEncoder.setPipeline(pipeline);
  backend.computePassEncoder.setBindGroup(0, bindGroup);
  backend.computePassEncoder.dispatchWorkgroups(...p.workgroups);
  countDispatch(p.name);
  backend.dispatchCountInPass++;
  if (backend.dispatchCountInPass >= (tf.env().get('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE') as number)) {
    backend.endComputePassEncoder();
    backend.submitQueue();
  }
}

/** WGSL storage declarations for `bindings` named `names` with element types `types`. */
export function storageDecls(
  bindings: readonly Binding[],
  names: readonly string[],
  types: readonly string[],
): string {
  return bindings
    .map(
      (b, i) =>
        `@group(0) @binding(${i}) var<storage, ${b.write ? 'read_write' : 'read'}> ${names[i]}: array<${types[i]}>;`,
    )
    .join('\n');
}

/**
 * The declarations of a shader: `struct U { fields }`, the storage bindings (storageDecls; every
 * element f32 unless `types` says otherwise) and `u`, the uniforms, bound after them.
 */
export function shaderDecls(
  fields: string,
  bindings: readonly Binding[],
  names: readonly string[],
  types: readonly string[] = names.map(() => 'f32'),
): string {
  return `struct U { ${fields} };
${storageDecls(bindings, names, types)}
@group(0) @binding(${bindings.length}) var<uniform> u: U;`;
}

/**
 * Whether `t`'s buffer belongs to it alone (no clone or snapshot shares the data), so that a
 * kernel may write it in place.
 */
export function ownsBuffer(t: tf.TensorInfo): boolean {
  return webGpuBackend().tensorMap.get(t.dataId).refCount === 1;
}

/**
 * The WGSL element type of t's buffer: 'i32' for int32 and bool data, else 'f32'. Not always t's
 * dtype: tfjs-backend-webgpu casts int32 to float32 without touching the data (Cast.js: no
 * precision lost, so it only relabels), so a float32 one-hot matrix can hold int32 bits. A kernel
 * reads such an input as i32 and converts with f32(.).
 */
export function elementType(t: tf.TensorInfo): 'i32' | 'f32' {
  const dtype = (webGpuBackend().tensorMap.get(t.dataId) as unknown as { dtype: tf.DataType }).dtype;
  return dtype === 'int32' || dtype === 'bool' ? 'i32' : 'f32';
}

/** Throws unless every tensor's buffer holds float32 (for kernels that read only f32). */
export function requireFloatBuffers(name: string, ...ts: tf.TensorInfo[]): void {
  if (ts.some((t) => elementType(t) !== 'f32'))
    throw new Error(`${name}: an input's buffer holds int32 data`);
}

/** WebGPU's default limit on workgroups along one dimension of a dispatch. */
export const MAX_WORKGROUPS_PER_DIM = 65535;

/** Ceil(a / b). */
export const ceilDiv = (a: number, b: number): number => Math.ceil(a / b);
