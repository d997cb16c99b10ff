import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tooling/tsup.base';

// Two entries: everything, and the protocol without the session (no TanStack Query), for servers.
export default defineConfig(libraryConfig({ entry: ['src/index.ts', 'src/protocol.ts'] }));
