#!/usr/bin/env node
// Where the bytes of a library entry go: `pnpm size:why [hooks|core|components]`.
//
// Bundles the entry from its sources the way `pnpm size` bundles the built files (esbuild,
// minified, peers external), then prints each source module's minified bytes in the
// bundle and the total, minified and gzipped. A figure to read, not a test: `pnpm size` is what
// enforces the budgets. Totals differ from `pnpm size` by a few bytes (sources, not dist).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
// The esbuild that size-limit itself uses, so both measure with the same minifier.
const presetRequire = createRequire(createRequire(`${root}/package.json`).resolve('@size-limit/preset-small-lib'));
const esbuildRequire = createRequire(presetRequire.resolve('@size-limit/esbuild'));
const { build } = esbuildRequire('esbuild');

const packages = ['core', 'hooks', 'components'];
const args = process.argv.slice(2);
const name = args.find((arg) => !arg.startsWith('--')) ?? 'hooks';
if (!packages.includes(name)) {
  console.error(`size-why: expected one of ${packages.join(', ')}, got "${name}".`);
  process.exit(2);
}

const result = await build({
  stdin: { contents: `export * from '@mfa-kit/${name}';`, resolveDir: root },
  alias: Object.fromEntries(packages.map((p) => [`@mfa-kit/${p}`, `${root}packages/${p}/src/index.ts`])),
  external: ['react', 'react-dom', 'react/jsx-runtime', '*.css'],
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
  metafile: true,
  logLevel: 'error',
  absWorkingDir: root,
});

const [output] = Object.values(result.metafile.outputs);
const rows = Object.entries(output.inputs)
  .filter(([, input]) => input.bytesInOutput > 0)
  .sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput);
for (const [path, input] of rows) {
  console.log(`${String(input.bytesInOutput).padStart(7)}  ${path}`);
}
const code = result.outputFiles[0].contents;
console.log(`${String(code.length).padStart(7)}  total, minified`);
console.log(`${String(gzipSync(code, { level: 9 }).length).padStart(7)}  total, minified and gzipped`);
