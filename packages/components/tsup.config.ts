import { copyFileSync, mkdirSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { libraryConfig, markUseClient } from '../../tooling/tsup.base';

export default defineConfig(
  libraryConfig({
    external: ['react', 'react-dom', 'react/jsx-runtime', '@mfa-kit/core', '@mfa-kit/hooks'],
    onSuccess: async () => {
      mkdirSync('dist', { recursive: true });
      // One plain CSS file, imported by the partner as `@mfa-kit/components/styles.css`.
      copyFileSync('src/styles.css', 'dist/styles.css');
      // The parts hold state and effects: client code for React Server Components.
      markUseClient(['dist/index.js']);
    },
  }),
);
