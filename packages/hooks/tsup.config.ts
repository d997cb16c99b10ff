import { defineConfig } from 'tsup';
import { libraryConfig, markUseClient } from '../../tooling/tsup.base';

export default defineConfig(
  libraryConfig({
    external: ['react', 'react-dom', '@mfa-kit/core'],
    // The hooks hold state and effects: client code for React Server Components.
    onSuccess: async () => markUseClient(['dist/index.js']),
  }),
);
