import { defineConfig } from 'vitest/config';
import { workspaceAliases } from './aliases.ts';
import { e2eWorkers } from './e2e/support/context.ts';

/**
 * End-to-end: Playwright (playwright-core, Debian's Chromium) against the demo, started by
 * e2e/globalSetup.ts once per worker. `pnpm test:e2e`. Files run two at a time (`E2E_WORKERS`),
 * each worker on its own demo, sandbox and clock (e2e/support/worker.ts); the tests in a file
 * run one after another, since they share that worker's sandbox clock.
 */
export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['./e2e/globalSetup.ts'],
    setupFiles: ['./e2e/support/worker.ts'],
    fileParallelism: true,
    maxWorkers: e2eWorkers(),
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
