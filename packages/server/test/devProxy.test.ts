/**
 * Issue 21, reproduced: a partner's page on Vite's dev server, `server.proxy` forwarding
 * `/api/quovo` to the backend that mounts the proxy through `toNodeHandler`. Vite's proxy
 * rewrites `Host` to the target's (the `'/api': url` shorthand sets `changeOrigin`), while the
 * browser's `Origin` stays Vite's: every write was refused with a bare 403. Now the server says
 * once which value it refused and which option to set, and the README's recipe (the Vite origin
 * in `allowedOrigins` for development, or `changeOrigin: false`) lets the flow through.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer as createViteServer, type ProxyOptions, type ViteDevServer } from 'vite';
import { createMfaProxy, type MfaProxyOptions } from '../src/index';
import { toNodeHandler } from '../src/node';
import { sendJson, startUpstream, wireSync } from '../src/upstream.testkit';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

/** Upstream ← backend (createMfaProxy through toNodeHandler) ← Vite dev server with `proxy`. */
async function devSetup(proxy: (backend: string) => Record<string, string | ProxyOptions>, options: Partial<MfaProxyOptions> = {}) {
  const upstream = await startUpstream((_seen, res) => sendJson(res, 200, wireSync(12)));
  closers.push(upstream.close);
  const warnings: string[] = [];
  const handler = createMfaProxy({ apiUrl: upstream.url, token: 'tok-secret', basePath: '/api/quovo', authorize: () => true, warn: (line) => warnings.push(line), ...options });
  const backend: Server = createServer(toNodeHandler(handler));
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => backend.close(resolve)));
  const backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  const vite: ViteDevServer = await createViteServer({
    configFile: false,
    root: import.meta.dirname,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, proxy: proxy(backendUrl), watch: null },
  });
  await vite.listen();
  closers.push(() => vite.close());
  const page = vite.resolvedUrls!.local[0]!.replace(/\/$/, '');
  /** A write as the browser sends it from the Vite page: `Origin` is the page's. */
  const post = () =>
    fetch(`${page}/api/quovo/connections/12/sync`, { method: 'POST', headers: { origin: page, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, body: '{}' });
  return { page, backendUrl, post, warnings, upstream };
}

describe('the proxy behind a Vite dev server (issue 21)', () => {
  it('refuses the page’s writes through the shorthand proxy, and logs the origin and the option once', async () => {
    const { page, backendUrl, post, warnings, upstream } = await devSetup((backend) => ({ '/api/quovo': backend }));
    const first = await post();
    expect(first.status).toBe(403);
    expect(await first.json()).toMatchObject({ id: 'cross_site_request' });
    expect((await post()).status).toBe(403);
    expect(upstream.seen).toHaveLength(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`Origin "${page}"`);
    expect(warnings[0]).toContain(`allowedOrigins: ["${page}"]`);
    expect(warnings[0]).toContain(`this server is "${backendUrl}"`);
    expect(warnings[0]).not.toContain('tok-secret');
  });

  it('lets the page’s writes through with the README recipe: the dev origin in allowedOrigins', async () => {
    // allowedOrigins must name the page's origin before the server starts: a fixed Vite port.
    const port = await freePort();
    const upstream = await startUpstream((_seen, res) => sendJson(res, 200, wireSync(12)));
    closers.push(upstream.close);
    const handler = createMfaProxy({ apiUrl: upstream.url, token: 't', basePath: '/api/quovo', authorize: () => true, allowedOrigins: [`http://127.0.0.1:${port}`], warn: false });
    const backend = createServer(toNodeHandler(handler));
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => backend.close(resolve)));
    const vite = await createViteServer({
      configFile: false,
      root: import.meta.dirname,
      logLevel: 'silent',
      server: { host: '127.0.0.1', port, strictPort: true, proxy: { '/api/quovo': `http://127.0.0.1:${(backend.address() as AddressInfo).port}` }, watch: null },
    });
    await vite.listen();
    closers.push(() => vite.close());
    const page = `http://127.0.0.1:${port}`;
    const res = await fetch(`${page}/api/quovo/connections/12/sync`, { method: 'POST', headers: { origin: page, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
    expect(upstream.seen).toHaveLength(1);
  });

  it('lets the page’s writes through with changeOrigin: false, which keeps the page’s Host', async () => {
    const { post, warnings, upstream } = await devSetup((backend) => ({ '/api/quovo': { target: backend, changeOrigin: false } }));
    expect((await post()).status).toBe(200);
    expect(upstream.seen).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  it('names allowedHosts when the Host is the refused value', async () => {
    const { post, warnings } = await devSetup((backend) => ({ '/api/quovo': { target: backend, changeOrigin: false } }), { allowedHosts: ['app.example.com'] });
    expect((await post()).status).toBe(421);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/refused Host "127\.0\.0\.1:\d+" .*allowedHosts: \["127\.0\.0\.1:\d+"\]/);
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
