import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.base';

export default defineConfig(
  libraryConfig({
    external: ['react', 'react-dom', 'react/jsx-runtime', 'zod', '@mfa-kit/core', '@mfa-kit/hooks'],
    onSuccess: async () => {
      mkdirSync('dist', { recursive: true });
      // One plain CSS file, imported by the partner as `@mfa-kit/components/styles.css`.
      copyFileSync('src/styles.css', 'dist/styles.css');
      // The parts hold state and effects: mark the bundle as client code for React Server
      // Components. Added here because the tree-shaking pass drops a `banner` directive.
      const js = readFileSync('dist/index.js', 'utf8');
      if (!js.startsWith("'use client'")) writeFileSync('dist/index.js', `'use client';\n${js}`);
    },
  }),
);
