import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../aliases.ts';

/**
 * The `storybook` project (`pnpm test:stories`): stories as tests in a real browser, Debian's
 * Chromium driven by Playwright; never a downloaded browser.
 */
export const storybookProject = defineProject({
  plugins: [react(), storybookTest({ configDir: fileURLToPath(new URL('../../.storybook', import.meta.url)) })],
  resolve: { alias: workspaceAliases },
  // Found late by the optimizer (behind the workspace aliases), they would make Vite reload the
  // page in the middle of the first run; pre-bundle them up front instead.
  optimizeDeps: { include: ['@tanstack/react-query', 'zod/mini', 'msw', 'msw/browser'] },
  test: {
    name: 'storybook',
    // After the unit projects in a bare `vitest run` (projects with their own maxWorkers run in groups).
    sequence: { groupOrder: 1 },
    // Vitest's default on a 2-core machine is one file at a time; two tabs halve the run.
    maxWorkers: 2,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
