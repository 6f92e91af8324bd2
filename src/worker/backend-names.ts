/** The browser backends in the order they are tried; tfjs-free so the main thread can use it. */
import type { AdapterInfo, BrowserBackend } from './protocol';

export const BACKEND_ORDER: readonly BrowserBackend[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** The backend named by a `?backend=` value, or null when absent or unknown. */
export function parseBackend(raw: string | null | undefined): BrowserBackend | null {
  return BACKEND_ORDER.find((b) => b === raw?.trim().toLowerCase()) ?? null;
}

/** The adapter in words, as results record it: `google swiftshader (software fallback adapter)`. */
export function adapterLabel(a: AdapterInfo): string {
  return `${a.vendor} ${a.architecture}${a.isFallbackAdapter ? ' (software fallback adapter)' : ''}`;
}
