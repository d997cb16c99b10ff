import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEngine } from '@mfa-kit/sandbox';
import { startSandboxServer } from '@mfa-kit/sandbox/node';
import { createMfaProxy, type MfaProxy } from '@mfa-kit/server';
import { toNodeHandler } from '@mfa-kit/server/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncResult } from './client';
import type { MfaError } from './errors';
import { createEventStreamTransport } from './eventStream';
import { createMfaSession } from './session';

const running: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const stop of running.splice(0).reverse()) await stop();
});

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/** The sandbox behind @mfa-kit/server behind node:http, with fast stages and a fast server poll. */
async function start(authorize: (id: number) => boolean = () => true, guard: { allowedHosts?: string[] } = {}) {
  const engine = createEngine({ timing: { queuedMs: 50, authenticatingMs: 50, verifyingMs: 50, fetchingMs: 50 } });
  const sandbox = await startSandboxServer({ port: 0, token: 'tok', engine, log: false });
  running.push(() => sandbox.close());
  const proxy: MfaProxy = createMfaProxy({
    apiUrl: sandbox.url,
    token: 'tok',
    basePath: '/api/quovo',
    authorize: (_request, id) => authorize(id),
    events: { policy: { fastMs: 40, jitter: 0 }, heartbeatMs: 1000, retryMs: 20 },
    warn: false,
    ...guard,
  });
  const server = createServer(toNodeHandler(proxy));
  const url = await listen(server);
  running.push(() => new Promise<void>((resolve) => (proxy.close(), server.closeAllConnections(), server.close(() => resolve()))));
  // Node's fetch sends no Origin: a same-origin header as a browser would.
  const transport = createEventStreamTransport({ baseUrl: `${url}/api/quovo`, headers: { 'Sec-Fetch-Site': 'same-origin' }, reconnectDelayMs: 20 });
  return { engine, proxy, server, transport, url };
}

describe('createEventStreamTransport', () => {
  it('receives pushed syncs to the end of a flow and ends quietly at the final status', async () => {
    const { engine, transport } = await start();
    const { id } = engine.createConnection('no_mfa');
    const seen: SyncResult[] = [];
    const onError = vi.fn();
    await transport.startSync(id);
    transport.subscribe!(id, (result) => seen.push(result), onError);
    await vi.waitFor(() => expect(seen.at(-1)?.sync.status).toBe('good'), { timeout: 5000 });
    // Each pushed sync carries the upstream's Date for the browser's server clock.
    expect(seen.every((r) => r.date !== null && !Number.isNaN(Date.parse(r.date)))).toBe(true);
    expect(onError).not.toHaveBeenCalled();
  });

  it('pauses at a final status read before the sync started, and resumes when it starts through the transport', async () => {
    const { engine, transport, proxy } = await start();
    const { id } = engine.createConnection('no_mfa');
    const statuses: string[] = [];
    const onError = vi.fn();
    transport.subscribe!(id, ({ sync }) => statuses.push(sync.status), onError);
    await vi.waitFor(() => expect(statuses).toHaveLength(1));
    await vi.waitFor(() => expect(proxy.stats().streams).toBe(0));
    await transport.startSync(id);
    await vi.waitFor(() => expect(statuses.at(-1)).toBe('good'), { timeout: 5000 });
    expect(statuses.slice(1)).toContain('syncing');
    expect(onError).not.toHaveBeenCalled();
  });

  it('calls onError once with not_found when the server refuses the stream', async () => {
    const { engine, transport } = await start(() => false);
    const { id } = engine.createConnection('no_mfa');
    const errors: MfaError[] = [];
    transport.subscribe!(id, () => {}, (error) => errors.push(error));
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toMatchObject({ name: 'MfaError', kind: 'not_found', status: 404 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(errors).toHaveLength(1);
  });

  it('calls onError once with configuration when the server does not answer for the page’s host (421)', async () => {
    const { engine, transport } = await start(() => true, { allowedHosts: ['app.example.com'] });
    const { id } = engine.createConnection('no_mfa');
    const errors: MfaError[] = [];
    transport.subscribe!(id, () => {}, (error) => errors.push(error));
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toMatchObject({ name: 'MfaError', kind: 'configuration', status: 421 });
  });

  it('reconnects after a drop, then calls onError once when the stream fails for good', async () => {
    const { engine, transport, server, proxy } = await start();
    const { id } = engine.createConnection('realtime_pin');
    await transport.startSync(id);
    const seen: SyncResult[] = [];
    const errors: MfaError[] = [];
    transport.subscribe!(id, (result) => seen.push(result), (error) => errors.push(error));
    await vi.waitFor(() => expect(seen.length).toBeGreaterThan(0));
    // The server goes away for good: the open stream breaks and every reconnection is refused.
    proxy.close();
    server.closeAllConnections();
    server.close();
    await vi.waitFor(() => expect(errors).toHaveLength(1), { timeout: 5000 });
    expect(errors[0]!.kind).toBe('network');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(errors).toHaveLength(1);
  });

  it('stops reading when unsubscribed', async () => {
    const { engine, transport, proxy } = await start();
    const { id } = engine.createConnection('realtime_pin');
    await transport.startSync(id);
    const onSync = vi.fn();
    const stop = transport.subscribe!(id, onSync, () => {});
    await vi.waitFor(() => expect(proxy.stats().streams).toBe(1));
    stop();
    await vi.waitFor(() => expect(proxy.stats().streams).toBe(0));
  });

  it('keeps the three calls of the sync client', async () => {
    const { engine, transport } = await start();
    const { id } = engine.createConnection('no_mfa');
    expect((await transport.startSync(id)).sync.connectionId).toBe(id);
    expect((await transport.getSync(id)).sync.connectionId).toBe(id);
  });

  it('with core’s session: follows the stream, then falls back to polling when the stream breaks for good', async () => {
    const engine = createEngine({ timing: { queuedMs: 600, authenticatingMs: 600, verifyingMs: 100, fetchingMs: 600 } });
    const sandbox = await startSandboxServer({ port: 0, token: 'tok', engine, log: false });
    running.push(() => sandbox.close());
    const proxy = createMfaProxy({ apiUrl: sandbox.url, token: 'tok', basePath: '/api/quovo', authorize: () => true, events: { policy: { fastMs: 100, jitter: 0 }, retryMs: 20 } });
    let broken = false;
    const requests: string[] = [];
    const server = createServer(
      toNodeHandler(async (request) => {
        const path = new URL(request.url).pathname;
        requests.push(`${request.method} ${path.split('/').pop()}`);
        // The stream's route fails from now on; the sync routes keep working.
        if (broken && path.endsWith('/events')) return new Response('{"id":"upstream_error","message":"x"}', { status: 500 });
        return proxy(request);
      }),
    );
    const url = await listen(server);
    running.push(() => new Promise<void>((resolve) => (proxy.close(), server.closeAllConnections(), server.close(() => resolve()))));
    const transport = createEventStreamTransport({ baseUrl: `${url}/api/quovo`, headers: { 'Sec-Fetch-Site': 'same-origin' }, reconnectDelayMs: 20 });
    const { id } = engine.createConnection('no_mfa');
    const events: string[] = [];
    const session = createMfaSession({ connectionId: id, transport, autoStart: true, pollPolicy: { fastMs: 100, jitter: 0 }, onEvent: (name) => events.push(name) });
    const unsubscribe = session.subscribe(() => {});
    running.push(() => (unsubscribe(), session.destroy()));

    await vi.waitFor(() => expect(proxy.stats().streams).toBe(1));
    await vi.waitFor(() => expect(session.getSnapshot().sync?.status).toBe('syncing'));
    const readsWhilePushed = requests.filter((r) => r === 'GET sync').length;
    broken = true;
    proxy.close();
    await vi.waitFor(() => expect(events).toContain('push_failed'), { timeout: 5000 });
    await vi.waitFor(() => expect(session.getSnapshot().step.type).toBe('done'), { timeout: 10_000 });
    expect(readsWhilePushed).toBe(0);
    expect(requests.filter((r) => r === 'GET sync').length).toBeGreaterThan(0);
  });

  it('with core’s session and two server processes (the stream on one, the writes on the other): an answer still ends in done', async () => {
    const engine = createEngine({ timing: { queuedMs: 100, authenticatingMs: 100, verifyingMs: 100, fetchingMs: 100 } });
    const sandbox = await startSandboxServer({ port: 0, token: 'tok', engine, log: false });
    running.push(() => sandbox.close());
    // Two processes of the partner's backend behind a load balancer that sends the stream to
    // one and the POSTs and GETs to the other: each has its own watchers, in its own memory.
    const process = () => createMfaProxy({ apiUrl: sandbox.url, token: 'tok', basePath: '/api/quovo', authorize: () => true, events: { policy: { fastMs: 100, jitter: 0 }, retryMs: 20 } });
    const [streams, writes] = [process(), process()];
    const requests: string[] = [];
    const server = createServer(
      toNodeHandler(async (request) => {
        const path = new URL(request.url).pathname;
        requests.push(`${request.method} ${path.split('/').pop()}`);
        return (path.endsWith('/events') ? streams : writes)(request);
      }),
    );
    const url = await listen(server);
    running.push(() => new Promise<void>((resolve) => (streams.close(), writes.close(), server.closeAllConnections(), server.close(() => resolve()))));
    const transport = createEventStreamTransport({ baseUrl: `${url}/api/quovo`, headers: { 'Sec-Fetch-Site': 'same-origin' }, reconnectDelayMs: 20 });
    const { id } = engine.createConnection('choices');
    const session = createMfaSession({ connectionId: id, transport, autoStart: true, pollPolicy: { fastMs: 100, jitter: 0 } });
    const unsubscribe = session.subscribe(() => {});
    running.push(() => (unsubscribe(), session.destroy()));

    await vi.waitFor(() => expect(session.getSnapshot().step.type).toBe('answer'), { timeout: 5000 });
    const [question] = session.getSnapshot().challenges;
    session.setAnswer(question!.id, 1);
    await session.submit();
    // The stream's process saw the question and waits for the user; only the other one saw the
    // answer. The session must not wait for a stream that has nothing to say.
    await vi.waitFor(() => expect(session.getSnapshot().step.type).toBe('done'), { timeout: 5000 });
    expect(requests.filter((r) => r === 'POST sync')).toHaveLength(2);
  }, 15_000);
});

describe('createEventStreamTransport: time', () => {
  it("holds its idle and reconnect timers on the injected environment's timers", async () => {
    // Timers that fire only when told, and a time that stands still: the global ones play no part.
    const timers: { ms: number; run: () => void }[] = [];
    const environment = { now: () => 5_000, setTimeout: (run: () => void, ms: number) => timers.push({ ms, run }), clearTimeout: () => {} };
    const globalTimer = vi.spyOn(globalThis, 'setTimeout');
    const transport = createEventStreamTransport({
      baseUrl: 'http://partner.test/api/quovo',
      environment,
      reconnectDelayMs: 61_000,
      idleTimeoutMs: 62_000,
      fetch: () => Promise.reject(new TypeError('no network')),
    });
    const onError = vi.fn();
    const stop = transport.subscribe!(3, () => {}, onError);
    await vi.waitFor(() => expect(timers.map((t) => t.ms)).toContain(61_000));
    expect(timers.map((t) => t.ms)).toContain(62_000);
    expect(globalTimer.mock.calls.filter(([, ms]) => ms === 61_000 || ms === 62_000)).toHaveLength(0);
    stop();
    expect(onError).not.toHaveBeenCalled();
  });
});
