/**
 * The coordination seam in memory: three proxies in one space act as three processes on Redis
 * would, counted at the upstream (the sandbox engine behind `fetch`), on fake timers.
 */
import { createHmac } from 'node:crypto';
import { createEngine, createManualClock, createSeededRandom } from '@mfa-kit/sandbox';
import { createMemoryCoordination, createMfaProxy, type MemoryCoordinationSpace, type MfaProxy } from '@mfa-kit/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sandboxFetch } from './sandboxFetch';

const TOKEN = 'coordination-token';
const SECRET = 'coordination-webhook-secret';
const proxies: MfaProxy[] = [];
afterEach(() => {
  for (const proxy of proxies.splice(0)) proxy.close();
  vi.useRealTimers();
});

function setup(processes: number, shared: boolean) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  const clock = createManualClock(Date.now());
  const engine = createEngine({ clock, random: createSeededRandom(9) });
  const upstream = sandboxFetch(engine, TOKEN);
  const space: MemoryCoordinationSpace = { leases: new Map(), members: new Set() };
  const list = Array.from({ length: processes }, () => {
    const proxy = createMfaProxy({
      apiUrl: 'https://sandbox.test/v3',
      token: TOKEN,
      authorize: () => true,
      fetch: upstream.fetch,
      events: { policy: { jitter: 0 } },
      webhook: { secret: SECRET },
      ...(shared ? { coordination: createMemoryCoordination({ space, renewMs: 500 }) } : {}),
    });
    proxies.push(proxy);
    return proxy;
  });
  const advance = async (ms: number) => {
    clock.advance(ms);
    await vi.advanceTimersByTimeAsync(ms);
  };
  return { engine, upstream, proxies: list, advance };
}

function open(proxy: MfaProxy, id: number) {
  return proxy(new Request(`http://app.test/connections/${id}/events`, { headers: { cookie: `s=${Math.random()}` } }));
}

async function statuses(response: Response, into: string[]) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      for (const match of value.matchAll(/"status":"(\w+)"/g)) into.push(match[1]!);
    }
  })();
}

describe('coordination in memory: three proxies as three processes', () => {
  it('costs the upstream what one process costs, however many processes and watchers', async () => {
    const reads: number[] = [];
    for (const [processes, shared] of [
      [1, false],
      [3, true],
    ] as const) {
      const { engine, upstream, proxies: list, advance } = setup(processes, shared);
      const { id } = engine.createConnection('no_mfa', { start: true, timing: { queuedMs: 3_600_000 } });
      for (const proxy of list) for (let n = 0; n < 3; n++) await open(proxy, id);
      await advance(30_000);
      reads.push(upstream.count('GET', id));
      for (const proxy of proxies.splice(0)) proxy.close();
      vi.useRealTimers();
    }
    expect(reads[1]).toBe(reads[0]);
    expect(reads[0]).toBeGreaterThan(10);
  });

  it('pushes the holder’s reads and another process’s answer to every process’s streams', async () => {
    const { engine, proxies: [a, b, c], advance } = setup(3, true);
    const { id } = engine.createConnection('question', { start: true, timing: { queuedMs: 0, authenticatingMs: 0, verifyingMs: 1000, fetchingMs: 1000 } });
    const seen: string[][] = [[], [], []];
    for (const [n, proxy] of [a!, b!, c!].entries()) await statuses(await open(proxy, id), seen[n]!);
    await advance(1000);
    expect(seen.map((s) => s.at(-1))).toEqual(['challenges', 'challenges', 'challenges']);
    const challenge = engine.state(id).challenges[0]!;
    const posted = await c!(
      new Request(`http://app.test/connections/${id}/sync`, {
        method: 'POST',
        headers: { origin: 'http://app.test', 'content-type': 'application/json' },
        body: JSON.stringify({ answers: [{ challenge_id: challenge.id, answer: 'Periscope' }] }),
      }),
    );
    expect(posted.status).toBe(200);
    await advance(0);
    expect(seen.map((s) => s.at(-1))).toEqual(['syncing', 'syncing', 'syncing']);
    await advance(5000);
    expect(seen.map((s) => s.at(-1))).toEqual(['good', 'good', 'good']);
  });

  it('checks an answer against the sync another process read, without reading it first', async () => {
    const { engine, upstream, proxies: [a, b, c], advance } = setup(3, true);
    const { id } = engine.createConnection('question', { start: true, timing: { queuedMs: 0, authenticatingMs: 0, verifyingMs: 1000, fetchingMs: 1000 } });
    // The loop is `a`'s; `c` has no stream and has read nothing: it only heard `a`'s syncs.
    for (const proxy of [a!, b!]) await open(proxy, id);
    await advance(1000);
    expect(engine.state(id).status).toBe('challenges');
    const before = upstream.count('GET', id);
    const posted = await c!(
      new Request(`http://app.test/connections/${id}/sync`, {
        method: 'POST',
        headers: { origin: 'http://app.test', 'content-type': 'application/json' },
        body: JSON.stringify({ answers: [{ challenge_id: engine.state(id).challenges[0]!.id, answer: 'Periscope' }] }),
      }),
    );
    expect(posted.status).toBe(200);
    // The answer went up, checked against what `c` heard: no read of its own first.
    expect(upstream.count('POST', id)).toBe(1);
    expect(upstream.count('GET', id)).toBe(before);
  });

  it('honours the upstream’s Retry-After once, for every process and every webhook', async () => {
    const { engine, upstream, proxies: [a, b, c], advance } = setup(3, true);
    const { id } = engine.createConnection('no_mfa', { start: true, timing: { queuedMs: 3_600_000 } });
    engine.setFaults({ status429: { retryAfterSeconds: 60, times: 1 } }, id);
    for (const proxy of [a!, b!, c!]) await open(proxy, id);
    await advance(0);
    expect(upstream.calls.filter((call) => call.method === 'GET').map((call) => call.status)).toEqual([429]);
    const body = JSON.stringify({ connection_id: id });
    const signature = createHmac('sha256', SECRET).update(body).digest('hex');
    for (let second = 0; second < 55; second += 5) {
      for (const proxy of [a!, b!, c!]) await proxy.handleWebhook(new Request('http://app.test/webhooks', { method: 'POST', headers: { 'x-mfa-kit-signature': signature }, body }));
      await advance(5000);
    }
    expect(upstream.count('GET', id)).toBe(1);
    await advance(6000);
    expect(upstream.count('GET', id)).toBe(2);
  });

  it('has a webhook on any process read once by the loop’s holder, within its limit', async () => {
    const { engine, upstream, proxies: [a, b, c], advance } = setup(3, true);
    const { id } = engine.createConnection('no_mfa', { start: true, timing: { queuedMs: 3_600_000 } });
    for (const proxy of [a!, b!, c!]) await open(proxy, id);
    await advance(0);
    // Long after the run's fast reads, where the loop reads every 10 s.
    await advance(120_000);
    const before = upstream.count('GET', id);
    const body = JSON.stringify({ connection_id: id });
    const signature = createHmac('sha256', SECRET).update(body).digest('hex');
    const webhook = () => new Request('http://app.test/webhooks', { method: 'POST', headers: { 'x-mfa-kit-signature': signature }, body });
    const answers = await Promise.all([a!, b!, c!, a!, b!, c!].map((proxy) => proxy.handleWebhook(webhook())));
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(202));
    await advance(1000);
    expect(upstream.count('GET', id) - before).toBeLessThanOrEqual(2);
    expect(upstream.count('GET', id) - before).toBeGreaterThanOrEqual(1);
  });
});
