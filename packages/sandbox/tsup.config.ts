import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/msw.ts', 'src/node.ts', 'src/cli.ts'],
  format: ['esm'],
  dts: { compilerOptions: { paths: {} } },
  clean: true,
  treeshake: true,
  target: 'es2022',
  external: ['zod', 'msw', '@mfa-kit/core'],
});
