import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { Frontend } from './server';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

/** Options of {@link createStaticFrontend}. */
export interface StaticFrontendOptions {
  /** Exact URL paths to files, e.g. `{ '/': 'apps/plain-page/index.html', '/mfa-flow.js': '…/dist/mfa-flow.js' }`. */
  files?: Record<string, string>;
  /** A built app's directory (a Vite `dist`): any file under it by its path, `index.html` for `/`. */
  dir?: string;
}

/** The file a path names under `dir`, or `null` when it would leave `dir` or is not a file. */
function fileUnder(dir: string, path: string): string | null {
  const relative = normalize(decodeURIComponent(path === '/' ? '/index.html' : path));
  const file = join(dir, relative);
  if (!file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/**
 * Serves files as they are, with no build step: the pages that show the kit without a framework
 * or a bundler (apps/plain-page) and built apps (apps/vue-example's `dist`), on the demo server
 * beside its backend. GET and HEAD only; nothing is cached, so a rebuilt file is served at once.
 * Files are read when asked for: a missing one is a 404 naming nothing on disk.
 */
export function createStaticFrontend(options: StaticFrontendOptions): (server: unknown) => Promise<Frontend> {
  const files = options.files ?? {};
  return async () => ({
    handle(req: IncomingMessage, res: ServerResponse) {
      let path: string;
      try {
        path = new URL(req.url ?? '/', 'http://frontend.invalid').pathname;
      } catch {
        path = '';
      }
      const file = files[path] ?? (options.dir && path ? fileUnder(options.dir, path) : null);
      const method = req.method ?? 'GET';
      const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
      if (method !== 'GET' && method !== 'HEAD') {
        res.writeHead(405, { ...headers, allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
        res.end('Method not allowed.');
        return;
      }
      let size: number | null = null;
      try {
        if (file) size = statSync(file).size;
      } catch {
        size = null;
      }
      if (!file || size === null) {
        res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not found.');
        return;
      }
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': String(size) });
      if (method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    },
    async close() {},
  });
}
