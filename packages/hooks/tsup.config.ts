import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.base';

export default defineConfig(libraryConfig({ external: ['react', 'react-dom', '@tanstack/react-query', 'zod', '@mfa-kit/core'] }));
