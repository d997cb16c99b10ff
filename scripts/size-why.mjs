#!/usr/bin/env node
// Where the bytes of a library entry go: `pnpm size:why [hooks|core|components]`.
//
// Bundles the entry from its sources the way `pnpm size` bundles the built files (esbuild,
// minified, peers external: react and zod), then prints for each source module its minified bytes in the
// bundle and what taking its code out of the bundle would save gzipped (gzip is not additive:
// a module's gzipped cost depends on what it repeats of the rest), and the totals. Figures to
// read, not a test: `pnpm size` is what enforces the budgets. Totals differ from `pnpm size` by
// a few bytes (sources, not dist).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
// The esbuild that size-limit itself uses, so both measure with the same minifier.
const presetRequire = createRequire(createRequire(`${root}/package.json`).resolve('@size-limit/preset-small-lib'));
const esbuildRequire = createRequire(presetRequire.resolve('@size-limit/esbuild'));
const { build, transform } = esbuildRequire('esbuild');

const packages = ['core', 'hooks', 'components'];
const args = process.argv.slice(2);
const name = args.find((arg) => !arg.startsWith('--')) ?? 'hooks';
if (!packages.includes(name)) {
  console.error(`size-why: expected one of ${packages.join(', ')}, got "${name}".`);
  process.exit(2);
}

const options = {
  stdin: { contents: `export * from '@mfa-kit/${name}';`, resolveDir: root },
  alias: Object.fromEntries(packages.map((p) => [`@mfa-kit/${p}`, `${root}packages/${p}/src/index.ts`])),
  // Peers stay out: react, and zod (core's peer since issue 19).
  external: ['react', 'react-dom', 'react/jsx-runtime', 'zod', 'zod/mini', '*.css'],
  bundle: true,
  format: 'esm',
  write: false,
  logLevel: 'error',
  absWorkingDir: root,
};
const result = await build({ ...options, minify: true, metafile: true });
const gzipped = (code) => gzipSync(code, { level: 9 }).length;

// The same bundle with whitespace kept, so esbuild's `// path` comments mark where each module's
// code begins. The export statement goes (it names every module's exports); each module's
// section is then taken out in turn and the rest minified and gzipped.
const marked = (await build({ ...options, minifySyntax: true, minifyIdentifiers: true })).outputFiles[0].text.replace(/\nexport \{[^}]*\};?\s*$/, '\n');
const sections = marked.split(/^(?=\/\/ (?:packages|node_modules)\/)/m);
const gzippedWithout = async (skip) =>
  gzipped((await transform(sections.filter((_, i) => i !== skip).join(''), { minifyWhitespace: true, format: 'esm' })).code);
const whole = await gzippedWithout(-1);
const saved = new Map();
for (const [i, section] of sections.entries()) {
  const path = /^\/\/ (\S+)/.exec(section)?.[1];
  if (path) saved.set(path, (saved.get(path) ?? 0) + whole - (await gzippedWithout(i)));
}

const [output] = Object.values(result.metafile.outputs);
const rows = Object.entries(output.inputs)
  .filter(([, input]) => input.bytesInOutput > 0)
  .sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput);
console.log(`${'minified'.padStart(9)}  ${'gzipped, saved if taken out'.padStart(27)}  module`);
for (const [path, input] of rows) {
  console.log(`${String(input.bytesInOutput).padStart(9)}  ${String(saved.get(path) ?? '').padStart(27)}  ${path}`);
}
const code = result.outputFiles[0].contents;
console.log(`${String(code.length).padStart(9)}  ${''.padStart(27)}  total, minified`);
console.log(`${String(gzipped(code)).padStart(9)}  ${''.padStart(27)}  total, minified and gzipped`);
