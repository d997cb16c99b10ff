/**
 * `@mfa-kit/server/node`: mounts a web-standard handler (`Request` in, `Response` out) in
 * node:http or Express.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { CLIENT_ADDRESS } from './http';

/** Options of {@link toNodeHandler}. */
export interface NodeHandlerOptions {
  /**
   * The scheme the browser used, for the request URL (and so for the same-origin check). Set
   * `'https'` behind a proxy that terminates TLS. @default 'https' on a TLS socket, else 'http'
   */
  protocol?: 'http' | 'https';
}

/** A node:http request listener, also usable as Express middleware. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void>;

/**
 * Wraps a `(request: Request) => Promise<Response>` handler (such as `createMfaProxy`'s) for
 * node:http and Express. The request's `signal` fires when the browser goes away, which
 * cancels the upstream call; a streamed response (the events route) is cancelled then too.
 * Under Express, mount it with `app.use(handler)` or on its path; it reads `req.originalUrl`,
 * so `basePath` is the full path either way.
 *
 * @example
 * import { createServer } from 'node:http';
 * import { toNodeHandler } from '@mfa-kit/server/node';
 * createServer(toNodeHandler(proxy)).listen(3000);
 */
export function toNodeHandler(handler: (request: Request) => Promise<Response>, options: NodeHandlerOptions = {}): NodeHandler {
  return async (req, res) => {
    const controller = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) controller.abort();
    };
    res.on('close', onClose);
    let request: Request;
    try {
      const protocol = options.protocol ?? ((req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http');
      const path = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/';
      const url = new URL(`${protocol}://${req.headers.host ?? 'localhost'}${path.startsWith('/') ? path : `/${path}`}`);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined || name.startsWith(':')) continue;
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const method = req.method ?? 'GET';
      const hasBody = method !== 'GET' && method !== 'HEAD';
      request = new Request(url, {
        method,
        headers,
        signal: controller.signal,
        ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
      } as RequestInit);
      // For the event streams' cap per client address.
      Object.defineProperty(request, CLIENT_ADDRESS, { value: req.socket.remoteAddress ?? null });
    } catch {
      res.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end('{"id":"invalid_request","message":"Malformed request."}');
      return;
    }

    const response = await handler(request);
    if (res.destroyed) {
      await response.body?.cancel().catch(() => {});
      return;
    }
    // Only the handler's Date goes out (the upstream's, which the browser's clock reads); none is invented.
    res.sendDate = false;
    const headers: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      headers[name] = name === 'set-cookie' ? response.headers.getSetCookie() : value;
    });
    res.writeHead(response.status, headers);
    // A body the handler did not read (refused early) is drained so the socket can be reused.
    if (!req.readableEnded) req.resume();
    if (!response.body) {
      res.end();
      return;
    }
    const reader = response.body.getReader();
    const cancel = () => void reader.cancel().catch(() => {});
    res.on('close', cancel);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!res.write(value)) await drained(res);
        if (res.destroyed) break;
      }
      res.end();
    } catch {
      res.destroy();
    } finally {
      res.off('close', cancel);
    }
  };
}

/**
 * Resolves at the response's next `drain` or `close`, and takes both listeners off either way:
 * `once` would leave the other behind on every wait, and an event stream to a slow browser
 * waits often enough to pile them up (Node's "possible EventEmitter memory leak" warning).
 */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}
