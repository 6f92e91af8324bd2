/**
 * Our WGSL kernels (src/ml/kernels/webgpu/) against the cpu backend's tfjs ops, and a few training
 * steps of the joint-5task model on webgpu against cpu, in one process with WebGPU through Dawn.
 * Run by scripts/webgpu-checks.test.ts, which forks it with the Vulkan environment
 * (node-webgpu.ts) and reads the JSON it prints last; by hand: `npx tsx scripts/webgpu-checks.ts`.
 *
 * Each check reports the largest absolute difference between the two backends (`maxDiff`), and
 * where it says so, whether two runs on webgpu gave the same bits (`deterministic`).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import type { DenseLayer } from '../src/ml/model/model-parts';
import { vulkanEnv } from './node-webgpu';

export interface CheckResult {
  readonly name: string;
  readonly maxDiff: number;
  /** Same bits on a second webgpu run (checked where present). */
  readonly deterministic?: boolean;
  /** Dispatches of the webgpu run (checked where present). */
  readonly dispatches?: number;
}

type Arrays = Float32Array[];

/** Seeded uniform values in [lo, hi) (Park-Miller), reproducible in both backends' runs. */
function random(n: number, seed: number, lo = -2, hi = 2): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 16807) % 2147483647;
    return lo + ((hi - lo) * s) / 2147483647;
  });
}

async function on(backend: 'cpu' | 'webgpu', fn: () => tf.Tensor[]): Promise<Arrays> {
  await tf.setBackend(backend);
  const ts = tf.tidy(fn);
  const out = await Promise.all(ts.map(async (t) => Float32Array.from(await t.data())));
  tf.dispose(ts);
  return out;
}

function maxDiff(a: Arrays, b: Arrays): number {
  let d = 0;
  a.forEach((x, i) => {
    if (x.length !== b[i]!.length) d = Infinity;
    else x.forEach((v, j) => (d = Math.max(d, Math.abs(v - b[i]![j]!))));
  });
  return d;
}

const sameBits = (a: Arrays, b: Arrays) =>
  a.every((x, i) => Buffer.from(x.buffer).equals(Buffer.from(b[i]!.buffer)));

/** Compares fn on cpu and webgpu (run twice there). */
async function compare(name: string, fn: () => tf.Tensor[]): Promise<CheckResult> {
  const { tallyDispatches, totalDispatches } = await import('../src/ml/kernels/webgpu/dispatch-tally');
  const cpu = await on('cpu', fn);
  let dispatches = 0;
  const gpu = await on('webgpu', () => {
    const { result, tally } = tallyDispatches(fn);
    dispatches = totalDispatches(tally);
    return result;
  });
  const again = await on('webgpu', fn);
  return { name, maxDiff: maxDiff(cpu, gpu), deterministic: sameBits(gpu, again), dispatches };
}

async function kernelChecks(): Promise<CheckResult[]> {
  const { gemm, gemmMasked } = await import('../src/ml/kernels/gemm');
  const { concatColumns, splitColumns, splitFlat } = await import('../src/ml/kernels/column-blocks');
  const { towersNode } = await import('../src/ml/model/towers');
  const { batchNormRelu, columnSums, linear } = await import('../src/ml/model/fused-ops');
  const { lossTargets, maskedLossFast } = await import('../src/ml/train/loss');
  const { maskedLossWebGpu } = await import('../src/ml/kernels/webgpu/masked-loss-webgpu');
  const out: CheckResult[] = [];
  const [m, k, n] = [37, 70, 45]; // not multiples of the 64 x 64 tile or the 16-deep K step
  const mat = (r: number, c: number, seed: number) => tf.tensor2d(random(r * c, seed), [r, c]);
  for (const [ta, tb] of [
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ] as const) {
    out.push(
      await compare(`gemm transposeA=${ta} transposeB=${tb}`, () => [
        gemm(ta ? mat(k, m, 1) : mat(m, k, 1), tb ? mat(n, k, 2) : mat(k, n, 2), {
          transposeA: ta,
          transposeB: tb,
        }),
      ]),
    );
  }
  out.push(
    await compare('gemm over several workgroups, both transposed', () => [
      gemm(mat(130, 300, 40), mat(150, 130, 41), { transposeA: true, transposeB: true }),
    ]),
  );
  out.push(
    // The bag lookup's gradient: a one-hot matrix cast from int32, whose webgpu buffer keeps int32 bits.
    await compare('gemm of an int32-backed float32 operand (one-hot^T dy)', () => [
      gemm(
        tf.cast(
          tf.oneHot(tf.tensor1d(Int32Array.from(random(200, 42, 0, 5), Math.floor), 'int32'), 5),
          'float32',
        ) as tf.Tensor2D,
        mat(200, 8, 43),
        { transposeA: true },
      ),
    ]),
  );
  out.push(
    await compare('gemm + bias + relu', () => [
      gemm(mat(m, k, 3), mat(k, n, 4), { bias: tf.tensor1d(random(n, 5)), relu: true }),
    ]),
  );
  out.push(
    await compare('gemm with masked operands (A and B^T)', () => [
      gemmMasked(mat(m, k, 6), mat(n, k, 7), { transposeB: true, maskA: mat(m, k, 8), maskB: mat(n, k, 9) }),
    ]),
  );
  out.push(
    await compare(
      'column blocks: concat of 9 parts (two dispatches), split into 9, int32 split, flat split',
      () => {
        const widths = [3, 1, 8, 8, 2, 5, 8, 1, 4];
        const parts = widths.map((w, j) => mat(50, w, 50 + j));
        const codes = tf.tensor2d(
          Int32Array.from(random(50 * 10, 60, 0, 100), Math.floor),
          [50, 10],
          'int32',
        );
        return [
          concatColumns(parts),
          ...splitColumns(mat(50, 40, 61), widths),
          ...splitColumns(codes, Array<number>(10).fill(1)).map((c) => tf.cast(c, 'float32')),
          ...splitFlat(tf.tensor1d(random(100, 62)), [30, 70]),
        ];
      },
    ),
  );
  out.push(
    await compare('column sums, plain and masked', () => [
      columnSums(mat(300, 45, 10)),
      columnSums(mat(300, 45, 11), mat(300, 45, 12)),
    ]),
  );
  out.push(
    await compare('linear + bias + relu: value and gradients', () => {
      const [x, w, b] = [mat(64, 20, 13), mat(20, 24, 14), tf.tensor1d(random(24, 15))];
      const r = mat(64, 24, 16);
      const f = (xi: tf.Tensor, wi: tf.Tensor, bi: tf.Tensor) =>
        tf.sum(tf.mul(linear(xi as tf.Tensor2D, wi as tf.Tensor2D, bi as tf.Tensor1D, true), r));
      return [linear(x, w, b, true), ...tf.grads(f)([x, w, b])];
    }),
  );
  out.push(
    await compare('batch norm + relu: value, gradients, moving statistics', () => {
      const [rows, cols] = [300, 40];
      const x = mat(rows, cols, 17);
      const gamma = tf.tensor1d(random(cols, 18, 0.5, 1.5));
      const beta = tf.tensor1d(random(cols, 19, -0.3, 0.3));
      const mean = tf.variable(tf.fill([cols], 0.1), false);
      const variance = tf.variable(tf.fill([cols], 2), false);
      const stats = { mean, variance, momentum: 0.9 };
      const r = mat(rows, cols, 20);
      const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(batchNormRelu(a as tf.Tensor2D, g as tf.Tensor1D, b as tf.Tensor1D, 1e-3, stats), r));
      const y = batchNormRelu(x, gamma, beta, 1e-3, null);
      const grads = tf.grads(f)([x, gamma, beta]);
      const moved = [tf.clone(mean), tf.clone(variance)];
      tf.dispose([mean, variance]);
      return [y, ...grads, ...moved];
    }),
  );
  out.push(
    await compare('towers of one hidden layer (5 heads): logits and every gradient', () => {
      const [rows, n, u, heads] = [100, 24, 12, 5];
      const towers = Array.from({ length: heads }, (_, h) => [
        { kernel: mat(n, u, 70 + h), bias: tf.tensor1d(random(u, 80 + h)) },
        { kernel: mat(u, 1, 90 + h), bias: tf.tensor1d(random(1, 100 + h)) },
      ]) as unknown as DenseLayer[][];
      const z = mat(rows, n, 110);
      const r = mat(rows, heads, 111);
      const vars = [z, ...towers.flatMap((l) => l.flatMap((d) => [d.kernel, d.bias]))];
      const f = (...xs: tf.Tensor[]) => {
        const ts = towers.map((l, h) =>
          l.map((_, i) => ({ kernel: xs[1 + 4 * h + 2 * i], bias: xs[2 + 4 * h + 2 * i] })),
        ) as unknown as DenseLayer[][];
        return tf.sum(tf.mul(towersNode(ts, xs[0] as tf.Tensor2D), r));
      };
      return [towersNode(towers, z), ...tf.grads(f)(vars)];
    }),
  );
  out.push(
    await compare('masked loss: per task, total and gradient', () => {
      const rows = 300;
      const heads = 5;
      const logits = mat(rows, heads, 21);
      const labels = tf.tensor2d(
        random(rows * 4, 22).map((v) => (v > 0 ? 1 : 0)),
        [rows, 4],
      );
      const present = tf.tensor2d(
        random(rows * 4, 23).map((v) => (v > -1 ? 1 : 0)),
        [rows, 4],
      );
      const source = tf.tensor1d(
        Int32Array.from(random(rows, 24), (v) => (v > 0 ? 1 : 0)),
        'int32',
      );
      const mask = [1, 1, 0, 1, 0, 0, 1, 1, 1, 1];
      const cols = [0, 1, 2, 3, 0];
      const weights = [1, 0.5, 2, 1, 1];
      // webgpu: our kernel; cpu: loss.ts's targets and fast loss (the ops it replaces).
      const loss = (x: tf.Tensor2D) =>
        tf.getBackend() === 'webgpu'
          ? maskedLossWebGpu(x, { labels, labelPresent: present, source }, { mask, cols, weights })
          : maskedLossFast(
              x,
              lossTargets(labels, present, source, tf.tensor2d(mask, [2, heads]), tf.tensor1d(cols, 'int32')),
              tf.tensor1d(weights),
            );
      const { total, perTask } = loss(logits);
      const [dx] = tf.grads((x: tf.Tensor) => loss(x as tf.Tensor2D).total)([logits]);
      return [total, perTask, dx!];
    }),
  );
  out.push(...(await lookupChecks()));
  return out;
}

/**
 * The fused lookup (flat-lookup.ts) and its gradient: our kernels on webgpu against the same maths
 * as cpu ops (slices of the flat table, gathers, weighted sums, concat; scatter gradients). Small
 * vocabularies give many repeated ids (the gradient's segments), the multi columns have zero
 * weights (padding) and repeated codes within a row.
 */
async function lookupChecks(): Promise<CheckResult[]> {
  const { flatLayout } = await import('../src/ml/model/flat-tables');
  const { flatTables, lookupFlat } = await import('../src/ml/model/flat-lookup');
  const { lookupPlan } = await import('../src/ml/model/segment-plan');
  const rows = 200;
  const ints = (n: number, vocab: number, seed: number) =>
    Int32Array.from(random(n, seed, 0, vocab), Math.floor);
  const check = async (name: string, vocabs: number[], multi: [number, number][], numericWidth: number) => {
    let offset = 0;
    const spec = {
      categorical: vocabs.map((vocabSize, j) => ({ name: `c${j}`, vocabSize })),
      multi: multi.map(([vocabSize, maxLen], j) => {
        const m = { name: `m${j}`, vocabSize, maxLen, offset };
        offset += maxLen;
        return m;
      }),
      numericWidth,
    };
    const dims = [...vocabs, ...multi.map(([v]) => v)].map((v, j) => Math.min(v, 3 + 2 * j));
    const layout = flatLayout(spec, dims);
    const catCodes = new Int32Array(rows * vocabs.length);
    vocabs.forEach((v, j) => ints(rows, v, 200 + j).forEach((c, r) => (catCodes[r * vocabs.length + j] = c)));
    const multiCodes = new Int32Array(rows * offset);
    const multiWeights = random(rows * offset, 230, -0.5, 1).map((w) => Math.max(0, w));
    spec.multi.forEach((m, j) =>
      ints(rows * m.maxLen, m.vocabSize, 210 + j).forEach(
        (c, i) => (multiCodes[Math.floor(i / m.maxLen) * offset + m.offset + (i % m.maxLen)] = c),
      ),
    );
    const ds = { categorical: spec.categorical, catCodes, multi: spec.multi, multiWidth: offset, multiCodes };
    const plan = lookupPlan(
      ds as never,
      Int32Array.from({ length: rows }, (_, i) => i),
    );
    return compare(name, () => {
      const inputs = {
        catCodes: tf.tensor2d(catCodes, [rows, vocabs.length], 'int32'),
        multiCodes: tf.tensor2d(multiCodes, [rows, offset], 'int32'),
        multiWeights: tf.tensor2d(multiWeights, [rows, offset]),
        numericValues: tf.tensor2d(random(rows * numericWidth, 240), [rows, numericWidth]),
        lookupPlan: tf.tensor1d(plan, 'int32'),
      };
      const table = tf.tensor1d(random(layout.tableSize, 250));
      const width = layout.embWidth + numericWidth;
      const r = tf.tensor2d(random(rows * width, 260), [rows, width]);
      const flatOf = (t: tf.Tensor) => flatTables(t as tf.Variable, layout);
      const f = (t: tf.Tensor) => tf.sum(tf.mul(lookupFlat(flatOf(t), inputs), r));
      return [lookupFlat(flatOf(table), inputs), ...tf.grads(f)([table])];
    });
  };
  return [
    await check(
      'fused lookup: 4 categorical, 2 multi-valued, 3 numeric columns: value and gradient',
      [5, 300, 40, 2],
      [
        [7, 3],
        [500, 4],
      ],
      3,
    ),
    await check('fused lookup: categorical columns only (empty multi and numeric inputs)', [9, 60], [], 0),
  ];
}

/** Adam on webgpu (in place) against adam.ts's ops on cpu: three steps, one group inactive in the second. */
async function adamCheck(): Promise<CheckResult[]> {
  const { createGroupedAdam, createOpsGroupedAdam } = await import('../src/ml/train/adam');
  const shapes = [[300, 8], [40], [64, 32], [1], [5000], [7, 3], [20]];
  const run = (make: typeof createOpsGroupedAdam) => () => {
    const vars = shapes.map((s, i) =>
      tf.variable(
        tf.tensor(
          random(
            s.reduce((a, d) => a * d, 1),
            30 + i,
          ),
          s,
        ),
      ),
    );
    const groups = [vars.slice(0, 3), vars.slice(3, 5), vars.slice(5)];
    const opt = make(groups, 0.01, 0.9, 0.999, 1e-7);
    const snapshot = vars.map((x) => tf.clone(x)); // shares the buffers: must keep its values
    for (const [step, active] of [
      [0, [true, true, true]],
      [1, [true, false, true]],
      [2, [true, true, false]],
    ] as const) {
      const grads = Object.fromEntries(
        vars.map((x, i) => [x.name, tf.tensor(random(x.size, 100 * step + i + 1), x.shape)]),
      );
      opt.apply(grads, active);
      tf.dispose(Object.values(grads));
    }
    opt.dispose();
    const out = [...vars.map((x) => tf.clone(x)), ...snapshot];
    tf.dispose(vars);
    return out;
  };
  const cpu = await on('cpu', run(createOpsGroupedAdam));
  const { tallyDispatches, totalDispatches } = await import('../src/ml/kernels/webgpu/dispatch-tally');
  let dispatches = 0;
  const gpu = await on('webgpu', () => {
    const { result, tally } = tallyDispatches(run(createGroupedAdam));
    dispatches = totalDispatches(tally);
    return result;
  });
  const again = await on('webgpu', run(createGroupedAdam));
  return [
    {
      name: 'Adam, three steps, groups switched off',
      maxDiff: maxDiff(cpu, gpu),
      deterministic: sameBits(gpu, again),
      dispatches,
    },
  ];
}

/** Per-task losses of a few training steps of the joint-5task model, webgpu against cpu. */
async function trainingCheck(
  steps: number,
  baseline: boolean,
): Promise<
  CheckResult & { tfjsKernelsMaxDiff?: number; losses: Record<'cpu' | 'webgpu' | 'tfjsOnly', number[][]> }
> {
  const { DEFAULT_CONFIG } = await import('../src/core/config/defaults');
  const { GROUPINGS } = await import('../src/core/config/groupings');
  const { prepareData, rowsBySource } = await import('../src/core/data/prepare');
  const { DEFAULT_SIM_CONFIG, simulate } = await import('../src/core/data/simulator');
  const { createRng } = await import('../src/core/data/rng');
  const { createBatchSampler } = await import('../src/core/data/sampler');
  const { uploadDataset } = await import('../src/ml/model/device-data');
  const { createModel, inputSpecOf } = await import('../src/ml/model/model');
  const { createStepper } = await import('../src/ml/train/step');
  const table = simulate(
    { ...DEFAULT_SIM_CONFIG, users: 3000, shows: 300, days: 3, impressionsPerDay: 2000 },
    1,
  );
  const prepared = prepareData(table, DEFAULT_CONFIG);
  const rows = rowsBySource(table, prepared.split.train);
  const grouping = GROUPINGS['joint-5task'];
  const train = { ...DEFAULT_CONFIG.train, batchSize: 256 };
  const losses = async (backend: 'cpu' | 'webgpu') => {
    await tf.setBackend(backend);
    const data = uploadDataset(prepared.encoded);
    const model = createModel(inputSpecOf(data.host), grouping.heads, DEFAULT_CONFIG.model, 1);
    const stepper = createStepper(model, data, grouping.mask, train, 'fast');
    const sampler = createBatchSampler({
      rowsBySource: rows,
      batchSize: 256,
      promoShare: train.promoShare,
      rng: createRng(1),
    });
    const out: number[][] = [];
    for (let i = 0; i < steps; i++) {
      const { loss } = stepper.step(sampler.next());
      out.push(loss ? Array.from(await loss.data()) : []);
      loss?.dispose();
    }
    stepper.dispose();
    model.dispose();
    data.dispose();
    return out;
  };
  const { setWebGpuKernels } = await import('../src/ml/kernels/webgpu/program');
  const cpu = await losses('cpu');
  // tfjs's kernels alone on webgpu (ours switched off): by hand only (`training,baseline`).
  setWebGpuKernels(false);
  const tfjsOnly = baseline ? await losses('webgpu') : [];
  setWebGpuKernels(true);
  const webgpu = await losses('webgpu');
  const f32 = (xs: number[][]) => xs.map((x) => Float32Array.from(x));
  return {
    name: `joint-5task training, ${steps} steps at batch 256: per-task losses`,
    maxDiff: maxDiff(f32(cpu), f32(webgpu)),
    ...(baseline && { tfjsKernelsMaxDiff: maxDiff(f32(cpu), f32(tfjsOnly)) }),
    losses: { cpu, webgpu, tfjsOnly },
  };
}

/**
 * The other encoders and balancings on the flat embedding tables (MMoE, uncertainty's plain
 * step, PCGrad's per-task step): one training step each on a small fixture, then
 * predictions of 200 rows, webgpu against cpu (largest difference over losses and predictions).
 */
async function variantsCheck(): Promise<CheckResult> {
  const { DEFAULT_CONFIG } = await import('../src/core/config/defaults');
  const { GROUPINGS } = await import('../src/core/config/groupings');
  const { createRng } = await import('../src/core/data/rng');
  const { cyclicBatches, makeDataset, TEST_TRAIN } = await import('../src/ml/fixtures');
  const { uploadDataset } = await import('../src/ml/model/device-data');
  const { createModel, inputSpecOf } = await import('../src/ml/model/model');
  const { predictRows } = await import('../src/ml/model/predict');
  const { createTrainingStepper } = await import('../src/ml/train/step');
  const ds = makeDataset({ n: 512, seed: 5, vocab: [300, 7, 3], multi: [[120, 3]] });
  const joint = GROUPINGS['joint-5task'];
  const STEPS = 1; // every gradient of the variant; Adam's later steps are checked above
  const all = Int32Array.from({ length: ds.n }, (_, i) => i);
  // One of each path the lookup meets: a mixture of experts (one input part, no concat), the
  // plain step (uncertainty weighting: forward-plain.ts), a per-task step (PCGrad: diagnostic
  // passes). PLE and GradNorm take the same paths (checked by hand: within 5e-7 of cpu).
  const variants = [
    ['mmoe', 'fixed'],
    ['shared-bottom', 'uncertainty'],
    ['shared-bottom', 'pcgrad'],
  ] as const;
  const run = async (backend: 'cpu' | 'webgpu') => {
    await tf.setBackend(backend);
    const data = uploadDataset(ds);
    const out: Float32Array[] = [];
    for (const [encoder, balancing] of variants) {
      const model = createModel(inputSpecOf(ds), joint.heads, { ...DEFAULT_CONFIG.model, encoder }, 3);
      const train = { ...TEST_TRAIN, balancing };
      const stepper = createTrainingStepper(model, data, joint.mask, train, createRng(1));
      for (let s = 0; s < STEPS; s++) {
        const { loss } = stepper.step(cyclicBatches(all.subarray(128 * s), 128)());
        out.push(Float32Array.from(loss ? await loss.data() : []));
        loss?.dispose();
      }
      out.push(...(Object.values(await predictRows(model, data, all.subarray(0, 200))) as Float32Array[]));
      stepper.dispose();
      model.dispose();
    }
    data.dispose();
    return out;
  };
  const cpu = await run('cpu');
  const webgpu = await run('webgpu');
  return {
    name: 'encoders and balancings on the flat tables: losses of a step, predictions',
    maxDiff: maxDiff(cpu, webgpu),
  };
}

async function child(): Promise<void> {
  const { startNodeWebGpu } = await import('./node-webgpu');
  const { initBackend } = await import('../src/ml/backend');
  await startNodeWebGpu();
  await initBackend('webgpu');
  const only = process.env.CSL_CHECKS ?? 'kernels,adam,training,variants';
  const results: CheckResult[] = [];
  if (only.includes('kernels')) results.push(...(await kernelChecks()));
  if (only.includes('adam')) results.push(...(await adamCheck()));
  if (only.includes('training')) results.push(await trainingCheck(4, only.includes('baseline')));
  if (only.includes('variants')) results.push(await variantsCheck());
  console.log(JSON.stringify(results));
}

/** Forks this file with the Vulkan environment and returns the child's results. */
export function runWebGpuChecks(checks = 'kernels,adam,training,variants'): Promise<CheckResult[]> {
  const v = vulkanEnv();
  const proc = fork(fileURLToPath(import.meta.url), [], {
    env: { ...v.env, CSL_WEBGPU_CHECKS_CHILD: '1', CSL_CHECKS: checks },
    execArgv: ['--import', 'tsx'], // TypeScript in the child, also when the parent is vitest
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let text = '';
  proc.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  return new Promise((resolve, reject) =>
    proc.on('exit', (code) => {
      const last = text.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('['))
        reject(new Error(`webgpu checks failed (exit ${code}): ${text.slice(-2000)}`));
      else resolve(JSON.parse(last) as CheckResult[]);
    }),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.env.CSL_WEBGPU_CHECKS_CHILD) await child().then(() => process.exit(0));
  else console.log(JSON.stringify(await runWebGpuChecks(process.argv[2]), null, 1));
}
