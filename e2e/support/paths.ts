import { fileURLToPath } from 'node:url';

/** Where screenshots and the server log go (gitignored with the rest of test-results/). */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../test-results/e2e', import.meta.url));
