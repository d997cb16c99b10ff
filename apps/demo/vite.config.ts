import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { workspaceAliases } from '../../tooling/aliases.ts';

/**
 * The demo runs against the workspace packages' sources (no build step). In development the
 * backend (server/main.ts) hosts Vite in middleware mode, so this file has no proxy.
 */
export default defineConfig({
  plugins: [react()],
  resolve: { alias: workspaceAliases },
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
