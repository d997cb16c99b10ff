import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tooling/tsup.base';

export default defineConfig(
  libraryConfig({ entry: ['src/index.ts', 'src/msw.ts', 'src/node.ts', 'src/cli.ts'], external: ['msw', '@mfa-kit/core'] }),
);
