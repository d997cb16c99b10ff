import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { preactAliases, workspaceAliases } from './tooling/aliases.ts';
import { e2eProject } from './tooling/vitest/e2e.ts';
import { nextProject } from './tooling/vitest/next.ts';
import { screenshotsProject } from './tooling/vitest/screenshots.ts';
import { storybookProject } from './tooling/vitest/storybook.ts';
import { typesProject } from './tooling/vitest/types.ts';

/**
 * The one Vitest config: every test suite is a named project, and each `pnpm test:*` script
 * picks its own with `--project` (package.json):
 *
 * | script | projects |
 * |---|---|
 * | `test:unit` | `node`, `dom`, `dom-react18` (below) |
 * | `test:stories` | `storybook` (tooling/vitest/storybook.ts) |
 * | `test:screenshots` | `screenshots-*`, one per mode (tooling/vitest/screenshots.ts) |
 * | `test:e2e` | `e2e` (tooling/vitest/e2e.ts) |
 * | `test:next` | `next` (tooling/vitest/next.ts) |
 * | `test:types` | `types` (tooling/vitest/types.ts) |
 *
 * A file run by path (`npx vitest run packages/core/src/session.test.ts`) runs in the projects
 * whose includes match it. `pnpm bench` has a config of its own (tooling/vitest/bench.config.ts).
 */

// tests/react18 has its own React 18 and its own copies of the libraries that import React,
// so pnpm resolves their peers to React 18 and one React runs.
const react18 = (path: string) => fileURLToPath(new URL(`./tests/react18/node_modules/${path}`, import.meta.url));
const react18Aliases = [
  { find: /^react$/, replacement: react18('react') },
  { find: /^react\/(.*)$/, replacement: react18('react/$1') },
  { find: /^react-dom$/, replacement: react18('react-dom') },
  { find: /^react-dom\/(.*)$/, replacement: react18('react-dom/$1') },
  { find: /^@testing-library\/react$/, replacement: react18('@testing-library/react') },
  { find: /^@tanstack\/react-query$/, replacement: react18('@tanstack/react-query') },
];

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    globals: true,
    restoreMocks: true,
    // Never write a screenshot baseline (or a snapshot) unless asked (`-u`): a missing one fails
    // like a changed one, on CI and locally alike. A root-only option; it reaches every project.
    update: 'none',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/core/src/**/*.test.ts', 'packages/sandbox/src/**/*.test.ts', 'packages/server/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'apps/demo/server/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'dom',
          environment: 'jsdom',
          env: { MFA_KIT_EXPECT_REACT: '19' },
          setupFiles: ['./tooling/vitest.setup.dom.ts'],
          include: ['packages/hooks/src/**/*.test.{ts,tsx}', 'packages/components/src/**/*.test.{ts,tsx}', 'packages/*/test/**/*.test.tsx'],
        },
      },
      {
        extends: true,
        // The element ships with preact/compat in place of React: its tests run on the same renderer.
        resolve: {
          alias: [
            { find: '@mfa-kit/components/styles.css?raw', replacement: `${fileURLToPath(new URL('./packages/components/src/styles.css', import.meta.url))}?raw` },
            ...preactAliases,
            ...workspaceAliases,
          ],
        },
        test: {
          name: 'element',
          environment: 'jsdom',
          // The kit's stylesheet as text (the element puts it in its shadow root), not an empty module.
          css: { include: [/packages\/components\/src\/styles\.css/] },
          include: ['packages/element/src/**/*.test.ts'],
        },
      },
      {
        // The hooks promise React 18 as well as 19: the same tests again on React 18.3.
        extends: true,
        plugins: [react()],
        resolve: { alias: [...react18Aliases, ...workspaceAliases] },
        test: {
          name: 'dom-react18',
          environment: 'jsdom',
          env: { MFA_KIT_EXPECT_REACT: '18' },
          setupFiles: ['./tooling/vitest.setup.dom.ts'],
          include: ['packages/hooks/src/**/*.test.{ts,tsx}'],
          exclude: ['packages/hooks/src/ssr.test.tsx'],
        },
      },
      storybookProject,
      screenshotsProject,
      e2eProject,
      nextProject,
      typesProject,
    ],
  },
});
