import type { Options } from 'tsup';

/**
 * What every library package builds the same way: ESM with `.d.ts`, tree-shaken, ES2022. The
 * declaration step clears the workspace `paths`, so types resolve through the built packages'
 * `exports` (build order: core, then hooks and sandbox, then components).
 */
export function libraryConfig(options: Options): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: { compilerOptions: { paths: {} } },
    clean: true,
    treeshake: true,
    target: 'es2022',
    ...options,
  };
}
