/**
 * A tiny round-robin balancer for the several-processes e2e test: each `/api/` request goes to
 * the next backend in turn (so one browser's requests alternate between processes), streams
 * included; everything else (the app's HTML and scripts) goes to `frontend`. A backend that
 * refuses the connection (stopped) is skipped, as a balancer's health check would: nothing was
 * sent to it, so the request is safe to send to the next one.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';

/** A running balancer. */
export interface Balancer {
  /** e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** `host:port` the browser sends as `Host` (the backends must allow it). */
  host: string;
  /** The backends, in turn order; replace to add or drop one. */
  backends: string[];
  /** Which backend each `/api/` request went to, in order. */
  routed: string[];
  /**
   * What passed, for a failing test to print: ms since start, the backend's port, the `/api/`
   * request and its status, and each event-stream event's `event` and sync status (no bodies).
   */
  trace: string[];
  close(): Promise<void>;
}

/** Starts the balancer on loopback (`port` 0: a free one); set `backends` before the first request. */
export async function startBalancer(frontend: string, port = 0): Promise<Balancer> {
  let turn = 0;
  const balancer = { backends: [] as string[], routed: [] as string[], trace: [] as string[] };
  const started = Date.now();
  const note = (target: string, line: string) => balancer.trace.push(`${String(Date.now() - started).padStart(6)} ${new URL(target).port} ${line}`);

  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, target: string, keepHost: boolean, tries: number): void {
    const url = new URL(req.url ?? '/', target);
    const headers = { ...req.headers };
    if (!keepHost) headers.host = url.host;
    const upstream = httpRequest(url, { method: req.method, headers }, (answer) => {
      if (keepHost) {
        const request = `${req.method} ${url.pathname}`;
        note(target, `${request} ${answer.statusCode}`);
        if (url.pathname.endsWith('/events')) {
          answer.on('data', (chunk: Buffer) => {
            for (const [, event = 'message', status = '-'] of chunk.toString().matchAll(/(?:event: (\w+)\n)?(?:[^\n]*\n)*?data: .*?"status":"(\w+)"/g)) note(target, `  ${request} event ${event} ${status}`);
          });
          answer.on('end', () => note(target, `  ${request} ended`));
        }
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      res.on('close', () => answer.destroy());
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && tries > 1 && keepHost) return forward(req, res, body, next(), keepHost, tries - 1);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end('{"id":"bad_gateway","message":"No backend answered."}');
    });
    res.on('close', () => upstream.destroy());
    upstream.end(body);
  }

  function next(): string {
    const target = balancer.backends[turn++ % balancer.backends.length]!;
    balancer.routed.push(target);
    return target;
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const api = (req.url ?? '/').startsWith('/api/');
      forward(req, res, Buffer.concat(chunks), api ? next() : frontend, api, balancer.backends.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return Object.assign(balancer, {
    url: `http://127.0.0.1:${bound}`,
    host: `127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

// `node --import tsx e2e/support/balancer.ts --port 5173 <backend URL>…` (apps/demo/README.md):
// the app's files from the first backend, `/api/` round-robin over all of them.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { port: { type: 'string', default: '5173' } } });
  if (positionals.length === 0) throw new Error('Usage: balancer.ts --port 5173 http://127.0.0.1:5181 http://127.0.0.1:5182 …');
  const started = await startBalancer(positionals[0]!, Number(values.port));
  started.backends = positionals;
  process.stdout.write(`Balancer ready: http://localhost:${new URL(started.url).port} → ${positionals.join(', ')}\n`);
}
