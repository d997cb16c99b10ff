import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Source aliases for the workspace packages, so tests, Storybook and the demo run against
 * `src/` without a build. Published packages resolve through their `exports` maps instead.
 * Order matters: subpaths first.
 */
export const workspaceAliases = [
  { find: '@mfa-kit/core/protocol', replacement: here('../packages/core/src/protocol.ts') },
  { find: '@mfa-kit/sandbox/msw', replacement: here('../packages/sandbox/src/msw.ts') },
  { find: '@mfa-kit/sandbox/node', replacement: here('../packages/sandbox/src/node.ts') },
  { find: '@mfa-kit/server/node', replacement: here('../packages/server/src/node.ts') },
  { find: '@mfa-kit/server/redis', replacement: here('../packages/server/src/redis.ts') },
  { find: '@mfa-kit/components/styles.css', replacement: here('../packages/components/src/styles.css') },
  { find: /^@mfa-kit\/(core|hooks|components|element|sandbox|server)$/, replacement: here('../packages/$1/src/index.ts') },
];

const preact = (path: string) => here(`../packages/element/node_modules/preact/${path}`);

/**
 * React's entry points mapped to preact/compat, as `@mfa-kit/element` bundles them
 * (packages/element/build.mjs; docs/decisions.md, issue 22): for the element's unit tests, and
 * for `MFA_KIT_RENDERER=preact pnpm test:e2e`, which runs the whole e2e suite's demo on Preact.
 */
export const preactAliases = [
  { find: /^react$/, replacement: preact('compat/dist/compat.mjs') },
  { find: /^react-dom$/, replacement: preact('compat/dist/compat.mjs') },
  { find: /^react-dom\/client$/, replacement: preact('compat/client.mjs') },
  { find: /^react\/jsx-(dev-)?runtime$/, replacement: preact('jsx-runtime/dist/jsxRuntime.mjs') },
];
