import { defineConfig } from '@playwright/test';

/** Debian's Chromium (no browser can be downloaded here); flags from docs/browsers.md. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The preview server's port (E2E_PORT lets two suites, e.g. tests and a bench, run side by side). */
const port = Number(process.env.E2E_PORT ?? 4173);
/** The built app to serve (E2E_DIST lets parallel work build into its own folder). */
const dist = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  // Generous: training journeys on SwiftShader slow down a lot on a busy 2-core machine.
  timeout: 600_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: { baseURL: `http://127.0.0.1:${port}`, viewport: { width: 1280, height: 800 } },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1 --outDir ${dist}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
  projects: [
    {
      name: 'chromium-webgpu',
      testIgnore: /fallback\.spec\.ts/,
      use: { launchOptions: { executablePath, args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] } },
    },
    {
      // The same browser without the WebGPU flag: the app must fall back and say so.
      name: 'chromium-no-webgpu',
      testMatch: /fallback\.spec\.ts/,
      use: { launchOptions: { executablePath, args: CHROMIUM_ARGS } },
    },
  ],
});
