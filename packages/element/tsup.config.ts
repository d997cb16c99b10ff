import { defineConfig, type Options } from 'tsup';
import { libraryConfig } from '../../tooling/tsup.base';
// @ts-expect-error: plain JavaScript, shared with bench/element-size.mjs
import { bundleDefaults, rawPlugin, rendererAlias } from './build.mjs';

/**
 * Everything inside: core, hooks, components, their stylesheet (into the shadow root) and the
 * renderer (Preact through preact/compat; docs/decisions.md, issue 22). Two files of the same
 * code: `index.js` for bundlers (readable) and `mfa-flow.js`, minified, for
 * `<script type="module">` from the partner's own server.
 */
const bundled: Options = {
  noExternal: [/.*/],
  platform: 'browser',
  define: bundleDefaults.define,
  esbuildPlugins: [rawPlugin],
  esbuildOptions(options) {
    options.alias = rendererAlias('preact');
    options.jsx = 'automatic';
  },
};

export default defineConfig([
  libraryConfig({
    ...bundled,
    entry: ['src/index.ts', 'src/react.ts'],
    // The kit's types the element's API names (MfaMessages, SyncState, MfaError…) are inlined from
    // the built packages: a page installs @mfa-kit/element alone, with no React types to pull in.
    dts: {
      // `mfa-flow.d.ts` re-exports `index.d.ts`: the element is declared once whichever entry a page imports.
      entry: { index: 'src/index.ts', react: 'src/react.ts', 'mfa-flow': 'src/mfa-flow.ts' },
      compilerOptions: { paths: Object.fromEntries(['core', 'hooks', 'components'].map((name) => [`@mfa-kit/${name}`, [`../${name}/dist/index.d.ts`]])) },
    },
  }),
  libraryConfig({ ...bundled, entry: { 'mfa-flow': 'src/index.ts' }, minify: true, dts: false, clean: false }),
]);
