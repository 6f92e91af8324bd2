import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    chunkSizeWarningLimit: 4000,
    // harness.html: an engine-only page for end-to-end checks (backend agreement).
    rollupOptions: { input: { main: 'index.html', harness: 'harness.html' } },
  },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // 2-core machines: tfjs tests are CPU-heavy, so keep the pool small.
    maxWorkers: 2,
  },
});
