import { defineConfig } from '@playwright/test';
import base, { CHROMIUM_ARGS } from './playwright.config';

/** Playwright as a tool, not a test suite: screenshots and the browser benchmark (scripts/*.spec.ts). */
export default defineConfig({
  ...base,
  testDir: 'scripts',
  testMatch: process.env.TOOL === 'bench' ? /bench-browser\.spec\.ts/ : /screenshots\.spec\.ts/,
  timeout: 900_000,
  projects: [
    {
      name: 'chromium-webgpu',
      use: {
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'],
        },
      },
    },
  ],
});
