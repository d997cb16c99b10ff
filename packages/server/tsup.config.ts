import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.base';

export default defineConfig(libraryConfig({ entry: ['src/index.ts', 'src/node.ts', 'src/redis.ts'], external: ['@mfa-kit/core', 'redis'] }));
