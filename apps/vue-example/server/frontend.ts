import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createStaticFrontend } from '../../demo/server/staticFrontend';

/** Where `vite build` puts the app. */
export const VUE_DIST = fileURLToPath(new URL('../dist', import.meta.url));

/** The built Vue app, as the demo server's frontend (its backend answers /api). */
export function vueExampleFrontend(): ReturnType<typeof createStaticFrontend> {
  if (!existsSync(`${VUE_DIST}/index.html`)) throw new Error(`${VUE_DIST} is missing: run \`pnpm --filter @mfa-kit/vue-example build\` first.`);
  return createStaticFrontend({ dir: VUE_DIST });
}
