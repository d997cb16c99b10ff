import { defineConfig } from 'vitest/config';
import { workspaceAliases } from './aliases.ts';

/**
 * End-to-end: Playwright (playwright-core, Debian's Chromium) against the demo, started once by
 * e2e/globalSetup.ts. `pnpm test:e2e`. Files run one after another: they share one server and
 * one sandbox clock.
 */
export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['./e2e/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
