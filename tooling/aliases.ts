import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Source aliases for the workspace packages, so tests, Storybook and the demo run against
 * `src/` without a build. Published packages resolve through their `exports` maps instead.
 * Order matters: subpaths first.
 */
export const workspaceAliases = [
  { find: '@mfa-kit/sandbox/msw', replacement: here('../packages/sandbox/src/msw.ts') },
  { find: '@mfa-kit/sandbox/node', replacement: here('../packages/sandbox/src/node.ts') },
  { find: '@mfa-kit/server/node', replacement: here('../packages/server/src/node.ts') },
  { find: '@mfa-kit/components/styles.css', replacement: here('../packages/components/src/styles.css') },
  { find: /^@mfa-kit\/(core|hooks|components|sandbox|server)$/, replacement: here('../packages/$1/src/index.ts') },
];
