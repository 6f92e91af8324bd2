/**
 * Our WGSL kernels for tfjs-backend-webgpu (src/ml/kernels/webgpu/) against the cpu backend's
 * tfjs ops, and the joint-5task model's training losses on webgpu against cpu. WebGPU runs in a
 * child process through Dawn (webgpu-checks.ts; the Vulkan loader's environment must be set at
 * process start), on SwiftShader where there is no GPU. Skipped where Dawn finds no adapter's
 * driver at all (no SwiftShader ICD and no GPU).
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { vulkanEnv } from './node-webgpu';
import { type CheckResult, runWebGpuChecks } from './webgpu-checks';

const env = vulkanEnv().env;
const driver = env.VK_ICD_FILENAMES ? existsSync(env.VK_ICD_FILENAMES) : true;

describe.skipIf(!driver)('webgpu kernels against the cpu ops (Dawn child process)', () => {
  let results: CheckResult[] = [];
  const get = (prefix: string) => {
    const r = results.find((x) => x.name.startsWith(prefix));
    if (!r) throw new Error(`no check named ${prefix}...`);
    return r;
  };

  beforeAll(async () => {
    results = await runWebGpuChecks();
  }, 600_000);

  /** The results whose name passes `keep`, at least `min` of them (no check passes vacuously). */
  const some = (keep: (r: CheckResult) => boolean, min: number) => {
    const rs = results.filter(keep);
    expect(rs.length).toBeGreaterThanOrEqual(min);
    return rs;
  };

  it('each kernel agrees with the ops to float32 rounding (inputs in [-2, 2], sums of up to 300 terms)', () => {
    for (const r of some((x) => !x.name.startsWith('joint-5task') && !x.name.startsWith('encoders'), 15))
      expect(r.maxDiff, r.name).toBeLessThan(1e-4);
  });

  it('each kernel gives the same bits on a second run (fixed reduction order, no atomics)', () => {
    for (const r of some((x) => x.deterministic !== undefined, 15))
      expect(r.deterministic, r.name).toBe(true);
  });

  it('a product is one dispatch, transposes read in place, bias, relu and masks fused', () => {
    // The one-hot case's input is made by one tfjs OneHot dispatch inside the counted function.
    for (const r of some((x) => x.name.startsWith('gemm'), 8))
      expect(r.dispatches, r.name).toBe(r.name.includes('one-hot') ? 2 : 1);
  });

  it('Adam updates in place, three variables per dispatch, and leaves a snapshot (clone) as it was', () => {
    const adam = get('Adam');
    // Same values as adam.ts's ops on cpu, snapshots included (they are among the compared tensors).
    expect(adam.maxDiff).toBeLessThan(1e-6);
    // 7 variables over 3 steps with 7, 5 and 5 active: 3 + 2 + 2 Adam dispatches, plus one private
    // copy for each variable whose buffer the snapshot shared in the first step (7).
    expect(adam.dispatches).toBe(14);
  });

  it('four training steps of the joint-5task model: per-task losses within 1e-4 of cpu', () => {
    expect(get('joint-5task').maxDiff).toBeLessThan(1e-4);
  });

  it('MMoE, uncertainty weighting and PCGrad train on the flat tables as on cpu (a step each)', () => {
    expect(get('encoders and balancings').maxDiff).toBeLessThan(1e-4);
  });
});
