// Benchmark 6, the element's size: `node bench/element-size.mjs` (after `pnpm build`). Prints the
// figures of BENCHMARKS.md section 6: `<mfa-flow>` as shipped (Preact inside) and with React 19
// inside, what is inside it, and what the file weighs without its three libraries (Preact, TanStack
// Query's query-core, zod/mini), which is what the kit's own code would have to fit in. Bundled with esbuild exactly as packages/element builds
// (packages/element/build.mjs), minified, gzip level 9 and brotli. Asserts nothing.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import * as esbuild from '../packages/element/node_modules/esbuild/lib/main.js';
import { bundleDefaults, elementDir, rawPlugin, rendererAlias } from '../packages/element/build.mjs';

const kB = (n) => (n / 1000).toFixed(1);
const sizes = (bytes) => ({ min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotliCompressSync(bytes).length });

/** The element's entry plus `extra` (TypeScript appended to it), bundled with the given renderer. */
async function bundle(renderer, extra = '', plugins = [], external = []) {
  const result = await esbuild.build({
    ...bundleDefaults,
    absWorkingDir: elementDir,
    stdin: { contents: `export * from './src/index';\n${extra}`, resolveDir: elementDir, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    metafile: true,
    alias: rendererAlias(renderer),
    plugins: [...plugins, rawPlugin],
    external,
    logLevel: 'error',
  });
  return { bytes: result.outputFiles[0].contents, metafile: result.metafile };
}

/** Minified bytes by origin: the renderer, each kit package, the stylesheet, the catalogues. */
function inside(metafile) {
  const groups = new Map();
  for (const [path, { bytesInOutput }] of Object.entries(Object.values(metafile.outputs)[0].inputs)) {
    let group = path.includes('node_modules/') ? path.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1') : path.replace(/^(\.\.\/)*(packages\/)?([^/]+)\/.*/, '@mfa-kit/$3');
    if (path.startsWith('src/')) group = '@mfa-kit/element (its own code)';
    if (path.startsWith('raw:')) group = 'the stylesheet (components/styles.css, minified text)';
    else if (/messages(Es|Fr|De|Ar)\.ts$/.test(path)) group = 'the es, fr, de and ar catalogues';
    groups.set(group, (groups.get(group) ?? 0) + bytesInOutput);
  }
  return [...groups].sort((a, b) => b[1] - a[1]);
}

const shipped = sizes(readFileSync(new URL('../packages/element/dist/mfa-flow.js', import.meta.url)));
const preact = await bundle('preact');
const react = await bundle('react');
// For the decision only: the element with English alone (the four other catalogues as empty objects).
const englishOnly = {
  name: 'english-only',
  setup(build) {
    build.onLoad({ filter: /messages(Es|Fr|De|Ar)\.ts$/ }, (args) => ({ contents: `export const ${args.path.match(/(messages\w+)\.ts$/)[1]} = {};`, loader: 'ts' }));
  },
};
const english = await bundle('preact', '', [englishOnly]);
// The libraries left out (imported, not bundled): what the kit's own code, stylesheet and catalogues weigh.
const QUERY_AND_ZOD = ['@tanstack/query-core', 'zod', 'zod/*'];
const PREACT = ['preact', 'preact/*'];
const withoutPreact = await bundle('preact', '', [], PREACT);
const withoutQueryAndZod = await bundle('preact', '', [], QUERY_AND_ZOD);
const kitOnly = await bundle('preact', '', [], [...PREACT, ...QUERY_AND_ZOD]);
const kitOnlyEnglish = await bundle('preact', '', [englishOnly], [...PREACT, ...QUERY_AND_ZOD]);
const rows = [
  ['packages/element/dist/mfa-flow.js, as built (Preact 10.29 inside)', shipped],
  ['the same entry bundled by esbuild alone, as the rows below (tsup\'s output differs by a few hundred bytes)', sizes(preact.bytes)],
  ['for comparison: English only (es, fr, de, ar catalogues left out)', sizes(english.bytes)],
  ['React 19.3 inside instead (react-dom/client)', sizes(react.bytes)],
  ['without Preact (left as an import)', sizes(withoutPreact.bytes)],
  ['without query-core and zod (left as imports)', sizes(withoutQueryAndZod.bytes)],
  ['the kit alone: without Preact, query-core and zod (its own code, the stylesheet, five catalogues)', sizes(kitOnly.bytes)],
  ['the kit alone, English only', sizes(kitOnlyEnglish.bytes)],
];
console.log('\n## 6. <mfa-flow>: the one file, min and compressed (kB = 1,000 bytes)\n');
console.log('| file | min | gzip -9 | brotli |\n|---|---:|---:|---:|');
for (const [name, s] of rows) console.log(`| ${name} | ${kB(s.min)} | **${kB(s.gzip)}** | ${kB(s.brotli)} |`);
console.log('\n### What is inside the shipped file (minified bytes, before compression)\n');
console.log('| from | min |\n|---|---:|');
for (const [group, bytes] of inside(preact.metafile)) if (bytes > 0) console.log(`| ${group} | ${kB(bytes)} |`);
console.log('');
