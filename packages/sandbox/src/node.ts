/**
 * Face 1: the sandbox over real HTTP (node:http, no framework). Node only.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxEngine } from './engine';
import { createEngine } from './engine';
import type { SandboxResponse } from './response';
import { matchRoute, runRoute } from './router';

/** The default port of `pnpm sandbox`. */
export const DEFAULT_PORT = 4010;
/** The default Bearer token of `pnpm sandbox` (a sandbox token: not a secret). */
export const DEFAULT_TOKEN = 'sandbox-token';

/** Options of {@link startSandboxServer}. */
export interface SandboxServerOptions {
  /** `0` picks a free port. @default 4010 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** The Bearer token every route requires; `null` turns auth off. @default 'sandbox-token' */
  token?: string | null;
  /** @default createEngine() */
  engine?: SandboxEngine;
  /**
   * Receives one line per request: method, path (no query string), status, duration. Never a
   * body, an answer, a PIN or the token. `false` silences it. @default a line on stdout
   */
  log?: ((line: string) => void) | false;
}

/** A running sandbox server. */
export interface SandboxServer {
  /** The base URL, e.g. `http://127.0.0.1:4010`. Quovo routes live here and under `/v3`. */
  url: string;
  /** The engine behind it. */
  engine: SandboxEngine;
  /** Stops listening and drops open connections (pending latency included). */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

/** Starts the sandbox's HTTP face. Resolves once it listens. */
export async function startSandboxServer(options: SandboxServerOptions = {}): Promise<SandboxServer> {
  const engine = options.engine ?? createEngine();
  const token = options.token === undefined ? DEFAULT_TOKEN : options.token;
  const log = options.log === false ? () => {} : (options.log ?? ((line: string) => process.stdout.write(`${line}\n`)));
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const server = createServer((req, res) => {
    const startedAt = Date.now();
    const method = req.method ?? 'GET';
    const pathname = safePathname(req.url);
    const done = (status: number | 'dropped') => log(`${method} ${pathname} ${status} ${Date.now() - startedAt}ms`);
    readBody(req)
      .then((bodyText) => handle(method, pathname, req, bodyText))
      .catch(() => engine.error(413, 'payload_too_large', 'The request body is too large.'))
      .then((response) => {
        const send = () => {
          if (response.type === 'drop') {
            req.socket.destroy();
            done('dropped');
            return;
          }
          write(res, response);
          done(response.status);
        };
        if (response.delayMs <= 0) return send();
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) send();
        }, response.delayMs);
        timers.add(timer);
        res.on('close', () => {
          clearTimeout(timer);
          timers.delete(timer);
        });
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
  });

  function handle(method: string, pathname: string, req: IncomingMessage, bodyText: string): SandboxResponse {
    if (method === 'OPTIONS') {
      return { type: 'raw', status: 204, headers: { date: new Date(engine.serverNow()).toUTCString() }, raw: '', delayMs: 0 };
    }
    const matched = matchRoute(method, pathname);
    if (matched === null) return engine.error(404, 'not_found', `No route ${method} ${pathname}.`);
    if (matched === 'method_not_allowed') return engine.error(405, 'method_not_allowed', `${method} is not allowed on ${pathname}.`);
    return runRoute(matched.route, { params: matched.params, authorization: req.headers.authorization ?? null, bodyText }, { engine, token });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    engine,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function write(res: ServerResponse, response: Exclude<SandboxResponse, { type: 'drop' }>): void {
  const body = response.type === 'json' ? JSON.stringify(response.body) : response.raw;
  res.writeHead(response.status, {
    ...response.headers,
    // A browser demo may call the sandbox directly (no partner backend): allow it.
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'authorization, content-type',
    'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
    'access-control-expose-headers': 'date, retry-after',
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function safePathname(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://sandbox.local').pathname;
  } catch {
    return '/';
  }
}
