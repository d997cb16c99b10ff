import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createStaticFrontend } from '../../demo/server/staticFrontend';

/** The element's one file, as the partner serves it. */
export const ELEMENT_FILE = fileURLToPath(new URL('../../../packages/element/dist/mfa-flow.js', import.meta.url));

/** The plain page and the element's file, as the demo server's frontend (its backend answers /api). */
export function plainPageFrontend(): ReturnType<typeof createStaticFrontend> {
  if (!existsSync(ELEMENT_FILE)) throw new Error(`${ELEMENT_FILE} is missing: run \`pnpm --filter @mfa-kit/element build\` first.`);
  return createStaticFrontend({
    files: {
      '/': fileURLToPath(new URL('../index.html', import.meta.url)),
      '/mfa-flow.js': ELEMENT_FILE,
    },
  });
}
