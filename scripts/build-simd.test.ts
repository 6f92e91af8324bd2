import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KERNELS_WASM } from '../src/ml/kernels/simd/kernels-wasm';
import { generateKernelsTs, KERNELS_TS } from './build-simd';

describe('build-simd', () => {
  it('the committed kernels-wasm.ts is kernels.wat compiled now (run `npm run build:simd` if not)', async () => {
    expect(readFileSync(KERNELS_TS, 'utf8')).toBe(await generateKernelsTs());
  });

  it('compiles a plain-memory and a shared-memory module that WebAssembly accepts', () => {
    for (const b64 of [KERNELS_WASM.plain, KERNELS_WASM.shared]) {
      const bytes = Buffer.from(b64, 'base64');
      expect(WebAssembly.validate(bytes)).toBe(true);
      const imports = WebAssembly.Module.imports(new WebAssembly.Module(bytes));
      expect(imports).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    }
    expect(KERNELS_WASM.shared).not.toBe(KERNELS_WASM.plain);
    // Chromium compiles at most 4 KB synchronously on a page's main thread (module.ts compiles
    // synchronously; a bigger module would silently fall back to the ops there).
    for (const b64 of [KERNELS_WASM.plain, KERNELS_WASM.shared])
      expect(Buffer.from(b64, 'base64').length).toBeLessThanOrEqual(4096);
  });
});
