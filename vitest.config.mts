import { defineConfig } from 'vitest/config';

// Four projects: fast unit tests next to the code, the extension's models in jsdom, notebooks executed by Jupyter through tslab,
// and browser tests against a real JupyterLab server in headless Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['lib/src/**/*.test.ts', 'kernel/src/**/*.test.ts'],
          // Fits, DuckDB and child processes share 2 cores with the other test files: generous limits.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The extension's view models and form logic, in a browser-like DOM (jsdom): no JupyterLab server.
        test: {
          name: 'extension',
          include: ['extension/src/**/*.test.ts'],
          environment: 'jsdom',
        },
      },
      {
        test: {
          name: 'notebooks',
          include: ['tests/notebooks/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'ui',
          include: ['tests/ui/**/*.test.ts'],
          globalSetup: ['tests/ui/jupyter-server.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
