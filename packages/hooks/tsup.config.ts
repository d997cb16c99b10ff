import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: { compilerOptions: { paths: {} } },
  clean: true,
  treeshake: true,
  target: 'es2022',
  external: ['react', 'react-dom', '@tanstack/react-query', 'zod', '@mfa-kit/core'],
});
