/**
 * WebGPU in Node through Dawn (npm package `webgpu`), for the Node bench.
 *
 * Two halves, because the Vulkan loader is found by the dynamic linker: `vulkanEnv()` runs in
 * the parent and returns the environment a child process needs (LD_LIBRARY_PATH is read once at
 * process start, so setting it from inside the process that loads Dawn has no effect), and
 * `startNodeWebGpu()` runs in that child, before `@tensorflow/tfjs-backend-webgpu` is imported
 * (it checks for `navigator.gpu` when it is imported).
 *
 * Driver choice (env BENCH_WEBGPU_VULKAN overrides: `auto`, `system` or `swiftshader`):
 * - VK_ICD_FILENAMES or VK_DRIVER_FILES already set: used as they are.
 * - auto: any Vulkan ICD manifest in the loader's default folders (a real GPU's, such as
 *   /usr/share/vulkan/icd.d/nvidia_icd.json) is left to the loader; only when there is none is
 *   Chromium's SwiftShader ICD (CPU emulation) named, so a GPU machine always measures its GPU.
 * - Dawn dlopens `libvulkan.so.1`; when the system has none, Chromium's copy is put on
 *   LD_LIBRARY_PATH (it loads any ICD, SwiftShader or a GPU's).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM_DIR = '/usr/lib/chromium';
const SWIFTSHADER_ICD = join(CHROMIUM_DIR, 'vk_swiftshader_icd.json');

/** ICD manifests in the folders the Vulkan loader searches when VK_ICD_FILENAMES is unset. */
function defaultIcdManifests(env: NodeJS.ProcessEnv): string[] {
  const config = [
    env.XDG_CONFIG_HOME ?? join(homedir(), '.config'),
    ...(env.XDG_CONFIG_DIRS ?? '/etc/xdg').split(':'),
  ];
  const data = [
    env.XDG_DATA_HOME ?? join(homedir(), '.local/share'),
    ...(env.XDG_DATA_DIRS ?? '/usr/local/share:/usr/share').split(':'),
  ];
  const dirs = [...config, '/etc', '/usr/local/etc', ...data].map((d) => join(d, 'vulkan/icd.d'));
  return [...new Set(dirs)].flatMap((d) =>
    existsSync(d)
      ? readdirSync(d)
          .filter((f) => f.endsWith('.json'))
          .map((f) => join(d, f))
      : [],
  );
}

/** Whether the dynamic linker can find a Vulkan loader (libvulkan.so.1) without our help. */
function hasSystemVulkanLoader(env: NodeJS.ProcessEnv): boolean {
  const dirs = [
    ...(env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean),
    '/usr/lib/x86_64-linux-gnu',
    '/usr/lib/aarch64-linux-gnu',
    '/usr/lib64',
    '/usr/lib',
    '/usr/local/lib',
  ];
  if (dirs.some((d) => existsSync(join(d, 'libvulkan.so.1')))) return true;
  for (const ldconfig of ['/sbin/ldconfig', 'ldconfig']) {
    try {
      return execFileSync(ldconfig, ['-p'], { encoding: 'utf8' }).includes('libvulkan.so.1');
    } catch {
      // not on this path; try the next
    }
  }
  return false;
}

/** The child's environment for Dawn, and one line saying which Vulkan driver it will get. */
export function vulkanEnv(base: NodeJS.ProcessEnv = process.env): { env: NodeJS.ProcessEnv; note: string } {
  const env = { ...base };
  const mode = base.BENCH_WEBGPU_VULKAN ?? 'auto';
  const notes: string[] = [];
  if (mode !== 'auto' && mode !== 'system' && mode !== 'swiftshader')
    throw new Error(`BENCH_WEBGPU_VULKAN must be auto, system or swiftshader, not '${mode}'`);
  const preset = base.VK_ICD_FILENAMES ?? base.VK_DRIVER_FILES;
  const icds = defaultIcdManifests(base);
  if (mode === 'swiftshader' || (mode === 'auto' && preset === undefined && icds.length === 0)) {
    env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    delete env.VK_DRIVER_FILES; // the newer name wins over VK_ICD_FILENAMES in recent loaders
    notes.push(
      `Vulkan ICD: Chromium's SwiftShader (${mode === 'swiftshader' ? 'forced' : 'no other ICD installed'})`,
    );
    if (!existsSync(SWIFTSHADER_ICD))
      notes.push(`but ${SWIFTSHADER_ICD} is missing (apt-get install chromium)`);
  } else if (preset !== undefined) {
    notes.push(`Vulkan ICD from the environment: ${preset}`);
  } else {
    notes.push(`Vulkan ICDs found by the loader: ${icds.join(', ') || 'none'}`);
  }
  if (!hasSystemVulkanLoader(base) && existsSync(join(CHROMIUM_DIR, 'libvulkan.so.1'))) {
    env.LD_LIBRARY_PATH = [CHROMIUM_DIR, base.LD_LIBRARY_PATH].filter(Boolean).join(':');
    notes.push("Vulkan loader: Chromium's libvulkan.so.1 (none on the system)");
  }
  return { env, note: notes.join('; ') };
}

export interface AdapterSummary {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  readonly isFallbackAdapter: boolean;
  /** The GPU is emulated on the CPU (SwiftShader, llvmpipe/lavapipe, or a fallback adapter). */
  readonly software: boolean;
}

/**
 * Gives this process `navigator.gpu` (Dawn) and the WebGPU globals (GPUBufferUsage, ...), then
 * describes the adapter tfjs will get (same request options as tfjs-backend-webgpu). Rejects
 * when Dawn finds no adapter; Dawn itself prints why (for example a missing libvulkan.so.1).
 */
export async function startNodeWebGpu(): Promise<AdapterSummary> {
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  const gpu = create([]);
  // Node 21+ has its own `navigator` (without gpu); Node 20 has none.
  if (typeof globalThis.navigator === 'object')
    Object.defineProperty(globalThis.navigator, 'gpu', { value: gpu });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('Dawn found no WebGPU adapter (no usable Vulkan driver)');
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const isFallbackAdapter = Boolean(
    info.isFallbackAdapter ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter,
  );
  const summary = {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
  };
  const software =
    isFallbackAdapter || /swiftshader|llvmpipe|lavapipe/i.test(Object.values(summary).join(' '));
  return { ...summary, isFallbackAdapter, software };
}

/** One line for the report, e.g. `google swiftshader (SwiftShader driver 5.0.0), fallback adapter`. */
export function describeAdapter(a: AdapterSummary): string {
  const name = [a.vendor, a.architecture, a.device].filter(Boolean).join(' ') || 'unnamed adapter';
  return `${name}${a.description ? ` (${a.description})` : ''}${a.isFallbackAdapter ? ', fallback adapter' : ''}`;
}

/** Set in a process that already runs with vulkanEnv()'s environment (no second re-exec). */
const REEXEC_MARK = 'COLD_START_LAB_VULKAN_ENV';

/**
 * For a command line tool that runs WebGPU in its own process: when this process lacks the
 * Vulkan environment vulkanEnv() asks for (the dynamic linker reads LD_LIBRARY_PATH only at
 * process start), runs this same command again with it, waits, and returns its exit status;
 * returns null when this process can go on itself. `log` gets the driver note.
 */
export function rerunWithVulkanEnv(log: (line: string) => void): number | null {
  if (process.env[REEXEC_MARK] === '1') return null;
  const { env, note } = vulkanEnv();
  log(`webgpu via Dawn (npm webgpu): ${note}`);
  const same = (k: string) => (env[k] ?? '') === (process.env[k] ?? '');
  if (same('LD_LIBRARY_PATH') && same('VK_ICD_FILENAMES') && same('VK_DRIVER_FILES')) return null;
  const r = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    env: { ...env, [REEXEC_MARK]: '1' },
    stdio: 'inherit',
  });
  return r.status ?? 1;
}
