import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { workspaceAliases } from './aliases.ts';

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    globals: true,
    restoreMocks: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/core/src/**/*.test.ts', 'packages/sandbox/src/**/*.test.ts', 'apps/demo/server/**/*.test.ts'],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'dom',
          environment: 'jsdom',
          setupFiles: ['./vitest.setup.dom.ts'],
          include: ['packages/hooks/src/**/*.test.{ts,tsx}', 'packages/components/src/**/*.test.{ts,tsx}'],
        },
      },
    ],
  },
});
