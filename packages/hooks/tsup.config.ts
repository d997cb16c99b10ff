import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.base';

export default defineConfig(libraryConfig({ external: ['react', 'react-dom', 'zod', '@mfa-kit/core'] }));
