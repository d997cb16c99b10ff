import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../aliases.ts';

/**
 * The `next` project: the Next.js example end to end (`pnpm test:next`, after `next build`):
 * `next start` and the sandbox, driven in Debian's Chromium. The sandbox runs from source
 * (aliases); the app uses the built packages, as a partner's would.
 */
export const nextProject = defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'next',
    environment: 'node',
    include: ['apps/next-example/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
