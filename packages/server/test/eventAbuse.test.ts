/**
 * The event route under abuse (issue 20, item 5), counted at the upstream: the sandbox engine
 * behind the proxy's `fetch`, on fake timers.
 */
import { createHmac } from 'node:crypto';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEngine, createManualClock, createSeededRandom, type SandboxEngine } from '@mfa-kit/sandbox';
import { createMfaProxy, type MfaProxy, type MfaProxyOptions } from '@mfa-kit/server';
import { toNodeHandler } from '@mfa-kit/server/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sandboxFetch } from './sandboxFetch';

const TOKEN = 'abuse-token';
const ORIGIN = 'http://app.test';
const SECRET = 'whsec-3b9f0c1d2e';

const proxies: MfaProxy[] = [];
afterEach(() => {
  for (const proxy of proxies.splice(0)) proxy.close();
  vi.useRealTimers();
});

function setup(options: Partial<MfaProxyOptions> = {}) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  const clock = createManualClock(Date.now());
  const engine: SandboxEngine = createEngine({ clock, random: createSeededRandom(3) });
  const upstream = sandboxFetch(engine, TOKEN);
  const proxy = createMfaProxy({
    apiUrl: 'https://sandbox.test/v3',
    token: TOKEN,
    basePath: '/api/quovo',
    authorize: () => true,
    fetch: upstream.fetch,
    webhook: { secret: SECRET },
    ...options,
    events: { heartbeatMs: 5000, policy: { jitter: 0 }, addressOf: (request) => request.headers.get('x-test-address'), ...(options.events || {}) },
  });
  proxies.push(proxy);
  const open = (id: number, who: { cookie?: string; address?: string } = {}) =>
    proxy(new Request(`${ORIGIN}/api/quovo/connections/${id}/events`, { headers: { cookie: who.cookie ?? 'session=alice', 'x-test-address': who.address ?? '10.0.0.1' } }));
  /** Moves this process's timers and the sandbox's clock together. */
  const advance = async (ms: number) => {
    clock.advance(ms);
    await vi.advanceTimersByTimeAsync(ms);
  };
  const webhook = (id: number, sign: (body: string) => Record<string, string> = hmac) => {
    const body = JSON.stringify({ connection_id: id });
    return proxy.handleWebhook(new Request(`${ORIGIN}/webhooks/quovo`, { method: 'POST', headers: { 'content-type': 'application/json', ...sign(body) }, body }));
  };
  return { engine, clock, upstream, proxy, open, advance, webhook };
}

function hmac(body: string): Record<string, string> {
  return { 'x-mfa-kit-signature': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` };
}

/** A connection that is syncing (its user logging in), so the hub keeps reading it. */
function syncing(engine: SandboxEngine): number {
  return engine.createConnection('no_mfa', { start: true, timing: { queuedMs: 3_600_000 } }).id;
}

describe('event streams: caps per session and per client address', () => {
  it('caps one session’s streams across connections with 429, and other sessions keep their slots', async () => {
    const { engine, open, proxy } = setup({ events: { maxStreamsPerSession: 5 } });
    const ids = Array.from({ length: 6 }, () => syncing(engine));
    const statuses = [];
    for (const id of ids) statuses.push((await open(id, { cookie: 'session=mallory' })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await open(ids[0]!, { cookie: 'session=mallory' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).not.toBeNull();
    expect(await refused.json()).toEqual({ id: 'too_many_streams', message: expect.stringMatching(/session/) });
    expect((await open(ids[5]!, { cookie: 'session=victim' })).status).toBe(200);
    expect(proxy.stats().streams).toBe(6);
  });

  it('does not let two cookies at one address take every slot: a victim elsewhere still gets a stream', async () => {
    // The measured case, scaled down: 50 connections per cookie, streams all round.
    const { engine, open } = setup({ events: { maxStreams: 40, maxStreamsPerConnection: 10, maxStreamsPerSession: 10, maxStreamsPerAddress: 15 } });
    const ids = Array.from({ length: 50 }, () => syncing(engine));
    const taken = { ok: 0, refused: 0 };
    for (const cookie of ['session=a', 'session=b']) {
      for (const id of ids) {
        const res = await open(id, { cookie, address: '203.0.113.9' });
        if (res.status === 200) taken.ok += 1;
        else {
          expect(res.status).toBe(429);
          taken.refused += 1;
        }
      }
    }
    expect(taken).toEqual({ ok: 15, refused: 85 });
    expect((await open(ids[0]!, { cookie: 'session=victim', address: '198.51.100.7' })).status).toBe(200);
  });

  it('caps per client address by the socket’s peer address under toNodeHandler, with no option set', async () => {
    vi.useRealTimers();
    const engine = createEngine({ random: createSeededRandom(4) });
    const upstream = sandboxFetch(engine, TOKEN);
    const proxy = createMfaProxy({ apiUrl: 'https://sandbox.test/v3', token: TOKEN, authorize: () => true, fetch: upstream.fetch, events: { maxStreamsPerAddress: 2 } });
    proxies.push(proxy);
    const server = createServer(toNodeHandler(proxy));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const ids = Array.from({ length: 3 }, () => syncing(engine));
    const statuses: number[] = [];
    const requests: ReturnType<typeof httpRequest>[] = [];
    for (const [n, id] of ids.entries()) {
      statuses.push(
        await new Promise<number>((resolve, reject) => {
          const req = httpRequest({ port, host: '127.0.0.1', path: `/connections/${id}/events`, headers: { cookie: `session=${n}` } }, (res) => resolve(res.statusCode ?? 0));
          req.on('error', reject).end();
          requests.push(req);
        }),
      );
    }
    for (const req of requests) req.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('event streams: slow readers, idle and final streams', () => {
  it('ends a stream that holds more unread bytes than its cap, long before 64 events', async () => {
    const { engine, open, proxy } = setup({ events: { maxUnreadBytes: 4096 } });
    const id = syncing(engine);
    await open(id); // never read
    await vi.advanceTimersByTimeAsync(0);
    const sizes: number[] = [];
    for (let n = 0; n < 20 && proxy.stats().streams === 1; n++) {
      const res = await proxy(new Request(`${ORIGIN}/api/quovo/connections/${id}/sync`));
      sizes.push((await res.text()).length);
    }
    expect(proxy.stats().streams).toBe(0);
    // Ended once the unread events passed 4 kB: well under 64 of them.
    expect(sizes.length).toBeLessThan(Math.ceil(4096 / Math.min(...sizes)) + 2);
  });

  it('ends a stream that has had no sync to push for maxIdleMs', async () => {
    const { engine, open, proxy, advance } = setup({ events: { maxIdleMs: 60_000, heartbeatMs: 5000 } });
    // A question with no deadline: the hub has nothing to read until the user answers.
    const { id } = engine.createConnection('question', { start: true, timing: { queuedMs: 0, authenticatingMs: 0 } });
    const res = await open(id);
    const reader = res.body!.getReader();
    void (async () => {
      while (!(await reader.read()).done);
    })();
    await advance(1000);
    expect(proxy.stats().streams).toBe(1);
    await advance(60_000);
    expect(proxy.stats().streams).toBe(0);
  });

  it('ends a stream at a final status, and one opened on a final sync after its one snapshot', async () => {
    const { engine, open, proxy } = setup();
    const { id } = engine.createConnection('no_mfa', { start: true, timing: { queuedMs: 0, authenticatingMs: 0, verifyingMs: 0, fetchingMs: 0 } });
    const res = await open(id);
    const text = await res.text();
    expect(text).toMatch(/event: sync\n(date: .*\n)?data: .*"status":"good"/);
    expect(proxy.stats()).toEqual({ connections: 0, streams: 0 });
  });
});

describe('handleWebhook: authenticated, rate-limited, honouring Retry-After', () => {
  it('refuses 1,000 unauthenticated webhooks with 401, and none reaches the upstream', async () => {
    const { engine, open, upstream, webhook } = setup();
    const id = syncing(engine);
    await open(id);
    await vi.advanceTimersByTimeAsync(0);
    const before = upstream.count('GET', id);
    const forged = [() => ({}), () => ({ 'x-mfa-kit-signature': 'sha256=' + '0'.repeat(64) }), () => ({ 'x-mfa-kit-signature': SECRET })];
    const statuses = new Set<number>();
    for (let n = 0; n < 1000; n++) statuses.add((await webhook(id, forged[n % 3]!)).status);
    expect([...statuses]).toEqual([401]);
    expect(upstream.count('GET', id)).toBe(before);
  });

  it('reads at once on a signed webhook, and refuses every webhook when no secret is configured', async () => {
    const { engine, open, upstream, webhook } = setup();
    const id = syncing(engine);
    await open(id);
    await vi.advanceTimersByTimeAsync(0);
    const before = upstream.count('GET', id);
    const res = await webhook(id);
    expect(res.status).toBe(202);
    expect(upstream.count('GET', id)).toBe(before + 1);

    const bare = setup({ webhook: undefined });
    const other = syncing(bare.engine);
    await bare.open(other);
    await vi.advanceTimersByTimeAsync(0);
    const res2 = await bare.webhook(other);
    expect(res2.status).toBe(404);
  });

  it('accepts the shared-secret scheme when the partner chooses it', async () => {
    const { engine, open, upstream, webhook } = setup({ webhook: { secret: SECRET, scheme: 'shared-secret', header: 'x-webhook-secret' } });
    const id = syncing(engine);
    await open(id);
    await vi.advanceTimersByTimeAsync(0);
    const before = upstream.count('GET', id);
    expect((await webhook(id, () => ({ 'x-webhook-secret': 'nope' }))).status).toBe(401);
    expect((await webhook(id, () => ({ 'x-webhook-secret': SECRET }))).status).toBe(202);
    expect(upstream.count('GET', id)).toBe(before + 1);
  });

  it('makes at most one read per second per connection however many signed webhooks come', async () => {
    const { engine, open, upstream, webhook, advance } = setup({ events: { policy: { jitter: 0, fastMs: 600_000, capMs: 600_000 } } });
    const id = syncing(engine);
    await open(id);
    await vi.advanceTimersByTimeAsync(0);
    const before = upstream.count('GET', id);
    await Promise.all(Array.from({ length: 1000 }, () => webhook(id)));
    // One read now, one trailing read a second later for what came meanwhile.
    await advance(1000);
    expect(upstream.count('GET', id) - before).toBe(2);
    await advance(5000);
    expect(upstream.count('GET', id) - before).toBe(2);
  });

  it('makes no webhook read while the upstream’s Retry-After runs', async () => {
    const { engine, open, upstream, webhook, advance } = setup({ events: { policy: { jitter: 0, fastMs: 600_000, capMs: 600_000 } } });
    const id = syncing(engine);
    engine.setFaults({ status429: { retryAfterSeconds: 60, times: 1 } }, id);
    await open(id);
    await vi.advanceTimersByTimeAsync(0);
    expect(upstream.calls.at(-1)).toMatchObject({ status: 429 });
    const before = upstream.count('GET', id);
    for (let n = 0; n < 100; n++) {
      await webhook(id);
      await advance(500);
    }
    // 50 s of webhooks inside the 60 s the upstream asked for: none read.
    expect(upstream.count('GET', id)).toBe(before);
    await advance(11_000);
    expect(upstream.count('GET', id)).toBe(before + 1);
  });
});
