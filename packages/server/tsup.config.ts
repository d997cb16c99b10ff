import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tooling/tsup.base';

export default defineConfig(libraryConfig({ entry: ['src/index.ts', 'src/node.ts', 'src/redis.ts'], external: ['@mfa-kit/core', 'redis'] }));
