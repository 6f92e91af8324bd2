import { defineConfig } from '@playwright/test';
import base, { CHROMIUM_ARGS } from './playwright.config';

/**
 * Playwright as a tool, not a test suite (scripts/*.spec.ts): TOOL=bench-load the load benchmark,
 * TOOL=bench-analyse the analysis of a large predictions file (BENCH_ROWS rows),
 * TOOL=bench the training, evaluation, comparison and head-to-head (browser against PyTorch) benchmarks (in that order: files run by name), TOOL=bench-head-to-head that one alone, TOOL=slides the presentation slides alone, otherwise the
 * screenshots (the views, then the slides).
 */
const TOOL_FILES: Record<string, RegExp> = {
  'bench-load': /bench-load\.spec\.ts/,
  bench: /bench-(browser|comparison|head-to-head)\.spec\.ts/,
  'bench-head-to-head': /bench-head-to-head\.spec\.ts/,
  // bench:gpu's browser part (scripts/bench-gpu.ts): the training figures alone.
  'bench-gpu-browser': /bench-browser\.spec\.ts/,
  'bench-analyse': /bench-analyse\.spec\.ts/,
  slides: /slides\.spec\.ts/,
};

export default defineConfig({
  ...base,
  testDir: 'scripts',
  testMatch: TOOL_FILES[process.env.TOOL ?? ''] ?? /(screenshots|slides)\.spec\.ts/,
  timeout: 900_000,
  projects: [
    {
      name: 'chromium-webgpu',
      use: {
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          // BENCH_CHROMIUM_ARGS: flags a GPU machine needs (e.g. --enable-features=Vulkan).
          args: [
            ...CHROMIUM_ARGS,
            '--enable-unsafe-webgpu',
            ...(process.env.BENCH_CHROMIUM_ARGS?.split(' ').filter(Boolean) ?? []),
          ],
        },
      },
    },
  ],
});
