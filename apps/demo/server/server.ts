import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxEngine } from '@mfa-kit/sandbox';
import type { DemoBackendOptions } from './backend';
import { createDemoBackend } from './backend';
import type { DemoConfig } from './config';
import type { Upstream } from './upstream';

/** What serves everything outside `/api/` (Vite in development). */
export interface Frontend {
  handle(req: IncomingMessage, res: ServerResponse): void;
  close(): Promise<void>;
}

/** Options of {@link startDemoServer}. */
export interface StartDemoServerOptions extends Omit<DemoBackendOptions, 'upstream' | 'sandbox'> {
  /** @default 5173; 0 picks a free port */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** A Quovo-compatible upstream. When absent the embedded sandbox is started. */
  upstream?: Upstream;
  /** The embedded sandbox's port. @default 0 (a free port) */
  sandboxPort?: number;
  /** The embedded sandbox's token. @default 32 random bytes, known only to this process */
  sandboxToken?: string;
  /**
   * The embedded sandbox's engine, for tests that need its clock or timing (the end-to-end suite
   * passes one with a clock it can move). @default createEngine(): real time, default timing
   */
  sandboxEngine?: SandboxEngine;
  /**
   * More `Host` values the API answers, besides `localhost`, `127.0.0.1` and `[::1]` on the
   * bound port (DNS rebinding protection; `DEMO_ALLOWED_HOSTS`). @default []
   */
  allowedHosts?: string[];
  /** How long the embedded sandbox keeps a connection nobody uses, in ms. @default 7200000 (2 h) */
  sandboxForgetAfterMs?: number;
  /**
   * A Redis server (`REDIS_URL`) for the sessions, the connections they own and the push
   * coordination, so several demo processes on one upstream act as one. @default everything
   * in this process
   */
  redisUrl?: string;
  /** Builds the frontend once the HTTP server exists (Vite needs it for HMR). Without it, non-API paths are 404. */
  frontend?: (server: Server) => Promise<Frontend>;
}

/** A running demo server. */
export interface DemoServer {
  /** e.g. `http://127.0.0.1:5173`. */
  url: string;
  /** True when the backend forwards to its own embedded sandbox. */
  embedded: boolean;
  /** The embedded sandbox's engine, when embedded (for tests; never exposed over HTTP). */
  engine: SandboxEngine | null;
  /** The embedded sandbox's own URL, when embedded (for tests holding its token; the browser never sees it). */
  sandboxUrl: string | null;
  /**
   * With `redisUrl`: this process's id in the push coordination, the value of the Redis key
   * `mfa-kit:lease:{connection id}` while this process holds that connection's poll loop.
   * `null` without Redis.
   */
  coordinationId: string | null;
  /** Stops the frontend, the HTTP server and the embedded sandbox. */
  close(): Promise<void>;
}

/** The options of {@link startDemoServer} that the environment sets (`pnpm demo`, apps/demo/README.md). */
export function demoServerOptions(config: DemoConfig): StartDemoServerOptions {
  return {
    port: config.port,
    host: config.host,
    upstream: config.upstream ?? undefined,
    sandboxPort: config.sandboxPort,
    secureCookies: config.secureCookies,
    allowedHosts: config.allowedHosts,
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
  };
}

/**
 * Starts the demo: the backend on `/api/`, the frontend on everything else, and, unless an
 * upstream is given, an embedded sandbox on loopback with a random token that never leaves
 * this process.
 */
export async function startDemoServer(options: StartDemoServerOptions = {}): Promise<DemoServer> {
  const host = options.host ?? '127.0.0.1';
  let upstream = options.upstream;
  let sandbox: { close(): Promise<void> } | null = null;
  let engine: SandboxEngine | null = null;
  let sandboxUrl: string | null = null;

  if (!upstream) {
    // Loaded only when needed: against a real upstream the sandbox is never imported.
    const [{ createEngine }, { startSandboxServer }] = await Promise.all([import('@mfa-kit/sandbox'), import('@mfa-kit/sandbox/node')]);
    // Forgets idle connections after the session store's ownership records (1 h) have expired,
    // so a freed id can never reach its old owner.
    engine = options.sandboxEngine ?? createEngine({ forgetAfterMs: options.sandboxForgetAfterMs ?? 2 * 60 * 60_000, maxConnections: 100_000 });
    const token = options.sandboxToken ?? randomBytes(32).toString('base64url');
    const started = await startSandboxServer({ port: options.sandboxPort ?? 0, host: '127.0.0.1', token, engine, log: false });
    sandbox = started;
    sandboxUrl = started.url;
    upstream = { url: started.url, token };
  }

  // Filled once the port is known; until then (before listening) no request can arrive.
  const allowedHosts: string[] = [];
  // Loaded only with REDIS_URL: one process needs no Redis client.
  const shared = options.redisUrl ? await startShared(options.redisUrl) : null;
  const backend = createDemoBackend({
    ...options,
    upstream,
    sandbox: sandbox ? true : 'probe',
    allowedHosts,
    ...(shared ? { sessions: options.sessions ?? shared.sessions, coordination: shared.coordination } : {}),
  });
  let frontend: Frontend | null = null;

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/api' || path.startsWith('/api/') || path.startsWith('/api?')) {
      void backend.handle(req, res);
    } else if (frontend) {
      frontend.handle(req, res);
    } else {
      res.writeHead(404, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end('{"id":"not_found","message":"Not found."}');
    }
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 5173, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    if (options.frontend) frontend = await options.frontend(server);
  } catch (error) {
    server.close();
    await sandbox?.close();
    await shared?.close();
    throw error;
  }

  const { port } = server.address() as AddressInfo;
  allowedHosts.push(`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, ...(options.allowedHosts ?? []));
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    embedded: sandbox !== null,
    engine,
    sandboxUrl,
    coordinationId: shared?.coordination.id ?? null,
    async close() {
      backend.close();
      await frontend?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox?.close();
      await shared?.close();
    },
  };
}

/** The sessions and the push coordination in Redis. */
async function startShared(url: string) {
  const [{ createRedisCoordination }, { createRedisSessionStore }] = await Promise.all([import('@mfa-kit/server/redis'), import('./redisSessions')]);
  const coordination = createRedisCoordination({ url });
  const sessions = createRedisSessionStore(url);
  return {
    coordination,
    sessions,
    close: () => Promise.all([coordination.close(), sessions.close()]).then(() => {}),
  };
}
