import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../aliases.ts';

/**
 * The `types` project (`pnpm test:types`): the public API's types, as `*.test-d.ts` files beside
 * the sources, checked by `tsc` through Vitest's typecheck mode (nothing runs). A failed
 * `expectTypeOf` is a type error.
 */
export const typesProject = defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'types',
    include: [],
    typecheck: {
      enabled: true,
      include: ['packages/*/src/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
