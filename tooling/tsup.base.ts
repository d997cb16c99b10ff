import { readFileSync, writeFileSync } from 'node:fs';
import type { Options } from 'tsup';

/**
 * What every library package builds the same way: ESM with `.d.ts`, tree-shaken, ES2022, no
 * source maps (the tarballs ship no sources for them to point at; docs/decisions.md). The
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
    sourcemap: false,
    target: 'es2022',
    ...options,
  };
}

/**
 * Marks built files as client code for React Server Components: `'use client'` as their first
 * line. Done after the build because tsup's tree-shaking pass drops a `banner` directive.
 * Without it, a Next.js Server Component importing the kit fails ("Event handlers cannot be
 * passed to Client Component props", or hooks called on the server).
 */
export function markUseClient(files: string[]): void {
  for (const file of files) {
    const js = readFileSync(file, 'utf8');
    if (!/^['"]use client['"]/.test(js)) writeFileSync(file, `'use client';\n${js}`);
  }
}
