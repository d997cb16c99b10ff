import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createServer as createViteServer } from 'vite';
import type { Frontend } from './server';

const appRoot = fileURLToPath(new URL('..', import.meta.url));

/** Options of {@link createViteFrontend}. */
export interface ViteFrontendOptions {
  /**
   * Hot updates over a websocket on the demo's own server. The end-to-end suite turns them off,
   * so an edit saved mid-run cannot swap code under a page that a test is driving (a page
   * loaded later still gets the edit). @default true
   */
  hmr?: boolean;
}

/**
 * The development frontend: Vite in middleware mode on the demo's own HTTP server. `pnpm demo`
 * and the end-to-end suite both serve the app through this.
 */
export function createViteFrontend(options: ViteFrontendOptions = {}): (server: Server) => Promise<Frontend> {
  return async (server) => {
    const vite = await createViteServer({
      root: appRoot,
      configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
      appType: 'spa',
      server: { middlewareMode: true, hmr: options.hmr === false ? false : { server } },
    });
    return { handle: (req, res) => vite.middlewares(req, res), close: () => vite.close() };
  };
}
