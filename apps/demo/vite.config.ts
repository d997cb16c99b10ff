import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { preactAliases, workspaceAliases } from '../../tooling/aliases.ts';

/**
 * The demo runs against the workspace packages' sources (no build step). In development the
 * backend (server/main.ts) hosts Vite in middleware mode, so this file has no proxy.
 * `MFA_KIT_RENDERER=preact` renders it with preact/compat, the renderer inside
 * `@mfa-kit/element`, so the whole e2e suite can run on it (docs/decisions.md, issue 22).
 */
const renderer = process.env.MFA_KIT_RENDERER === 'preact' ? preactAliases : [];
export default defineConfig({
  plugins: [react()],
  resolve: { alias: [...renderer, ...workspaceAliases] },
  build: {
    rolldownOptions: {
      onwarn(warning, warn) {
        // react-query ships "use client" directives, which Vite 8 warns about one by one.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
