// How the element is bundled, shared by tsup.config.ts (the package's build) and
// bench/element-size.mjs (the size figures in BENCHMARKS.md), so the figures are of what ships.
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * `import text from './file?raw'`: the file's text as a string (the kit's stylesheet goes into
 * the element's shadow root). Vite understands the same suffix, so tests run the same import.
 */
export const rawPlugin = {
  name: 'raw',
  setup(build) {
    build.onResolve({ filter: /\?raw$/ }, async (args) => {
      const result = await build.resolve(args.path.slice(0, -'?raw'.length), { kind: args.kind, resolveDir: args.resolveDir });
      if (result.errors.length > 0) return { errors: result.errors };
      // The suffix stays on the path, so no other plugin's `.css` loader claims the file.
      return { path: `${result.path}?raw`, namespace: 'raw' };
    });
    build.onLoad({ filter: /.*/, namespace: 'raw' }, async (args) => {
      const path = args.path.slice(0, -'?raw'.length);
      let contents = await readFile(path, 'utf8');
      // A stylesheet goes in minified (comments and spaces cost bytes in every page load).
      if (path.endsWith('.css') && build.initialOptions.minify) contents = (await build.esbuild.transform(contents, { loader: 'css', minify: true })).code;
      return { contents, loader: 'text', resolveDir: dirname(path) };
    });
  },
};

/**
 * The renderer inside the element: `preact` maps React's entry points to preact/compat (the
 * shipped choice, docs/decisions.md), `react` keeps React 19 (for the comparison figure).
 * esbuild resolves aliased paths from the working directory: run it in packages/element.
 */
export function rendererAlias(renderer) {
  if (renderer === 'react') return {};
  return {
    react: 'preact/compat',
    'react-dom': 'preact/compat',
    'react-dom/client': 'preact/compat/client',
    'react/jsx-runtime': 'preact/jsx-runtime',
    'react/jsx-dev-runtime': 'preact/jsx-runtime',
  };
}

/** The package's directory, where esbuild must run for {@link rendererAlias}. */
export const elementDir = new URL('.', import.meta.url).pathname;

/** What every bundle of the element sets: production code paths, and the browsers the kit supports. */
export const bundleDefaults = {
  define: { 'process.env.NODE_ENV': '"production"' },
  target: 'es2022',
  platform: 'browser',
  jsx: 'automatic',
};
