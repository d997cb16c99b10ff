import { defineProject } from 'vitest/config';
import { e2eWorkers } from '../../e2e/support/context.ts';
import { workspaceAliases } from '../aliases.ts';

/**
 * The `e2e` project (`pnpm test:e2e`): Playwright (playwright-core, Debian's Chromium) against
 * the demo, started by e2e/globalSetup.ts once per worker. Files run two at a time
 * (`E2E_WORKERS`), each worker on its own demo, sandbox and clock (e2e/support/worker.ts); the
 * tests in a file run one after another, since they share that worker's sandbox clock.
 */
export const e2eProject = defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'e2e',
    sequence: { groupOrder: 3 },
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
