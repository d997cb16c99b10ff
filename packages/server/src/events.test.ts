import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMfaProxy, type MfaProxyOptions } from './proxy';
import { wireSync } from './upstream.testkit';

const ORIGIN = 'http://app.test';
const WEBHOOK_SECRET = 'events-test-webhook-secret';

/** A webhook for a connection, with the shared secret (checked without Web Crypto, so on fake timers alone). */
function signedWebhook(id: number): Request {
  const body = JSON.stringify({ connection_id: id });
  return new Request(`${ORIGIN}/webhooks/quovo`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-mfa-kit-signature': WEBHOOK_SECRET }, body });
}

/** An upstream as a fetch function: counts GETs and answers with whatever `state` says now. */
function fakeUpstream() {
  const upstream = {
    status: 'syncing' as string,
    challenges: [] as unknown[],
    reply: null as null | (() => Response),
    gets: 0,
    aborted: 0,
    fetch: (async (_url: string | URL | Request, init?: RequestInit) => {
      if ((init?.method ?? 'GET') === 'GET') upstream.gets += 1;
      init?.signal?.addEventListener('abort', () => (upstream.aborted += 1));
      if (upstream.reply) return upstream.reply();
      return new Response(JSON.stringify(wireSync(12, upstream.status, { challenges: upstream.challenges })), {
        status: 200,
        headers: { 'content-type': 'application/json', date: new Date().toUTCString() },
      });
    }) as typeof fetch,
  };
  return upstream;
}

/** Reads a stream's events as they come. */
function watch(response: Response) {
  const events: { event: string; data: string }[] = [];
  const comments: string[] = [];
  let ended = false;
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += value;
      let at: number;
      while ((at = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        if (block.startsWith(':')) comments.push(block);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data });
      }
    }
    ended = true;
  })().catch(() => {
    ended = true;
  });
  return {
    events,
    comments,
    statuses: () => events.filter((e) => e.event === 'sync').map((e) => (JSON.parse(e.data) as { sync: { status: string } }).sync.status),
    ended: () => ended,
    cancel: () => reader.cancel(),
  };
}

let proxies: { close(): void }[] = [];
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Date'] });
});
afterEach(() => {
  for (const p of proxies) p.close();
  proxies = [];
  vi.useRealTimers();
});

function setup(options: Partial<MfaProxyOptions> = {}) {
  const upstream = fakeUpstream();
  const proxy = createMfaProxy({
    apiUrl: 'https://quovo.test/v3',
    token: 'tok',
    basePath: '/api/quovo',
    authorize: (_r, id) => id === 12,
    fetch: upstream.fetch,
    events: { heartbeatMs: 5000, policy: { jitter: 0 } },
    webhook: { secret: WEBHOOK_SECRET, scheme: 'shared-secret' },
    ...options,
  });
  proxies.push(proxy);
  const open = (signal?: AbortSignal) => proxy(new Request(`${ORIGIN}/api/quovo/connections/12/events`, signal ? { signal } : {}));
  return { upstream, proxy, open };
}

/** A proxy whose upstream asks a question, and a stream opened on it that has received it. */
async function watchQuestion() {
  const { proxy, upstream, open } = setup();
  upstream.status = 'challenges';
  upstream.challenges = [{ id: 1, type: 'text', question: 'Q?', should_answer: true }];
  const stream = watch(await open());
  await vi.advanceTimersByTimeAsync(0);
  return { proxy, upstream, stream };
}

/** The browser's answer to that question, through the proxy. */
function postAnswer(proxy: ReturnType<typeof setup>['proxy']) {
  return proxy(
    new Request(`${ORIGIN}/api/quovo/connections/12/sync`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: '{"answers":[{"challenge_id":1,"answer":"x"}]}' }),
  );
}

describe('events: pushed syncs', () => {
  it('answers text/event-stream with hardened headers and a first snapshot, the same JSON as GET sync', async () => {
    const { proxy, open } = setup();
    const res = await open();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const stream = watch(res);
    await vi.advanceTimersByTimeAsync(0);
    const get = await (await proxy(new Request(`${ORIGIN}/api/quovo/connections/12/sync`))).text();
    expect(stream.events[0]).toEqual({ event: 'sync', data: get });
  });

  it('runs one upstream poll loop for two watchers', async () => {
    const { proxy, upstream, open } = setup();
    const a = watch(await open());
    await vi.advanceTimersByTimeAsync(0);
    const b = watch(await open());
    await vi.advanceTimersByTimeAsync(20_000);
    expect(proxy.stats()).toEqual({ connections: 1, streams: 2 });
    // Every upstream read reached both watchers; the second added none.
    expect(a.statuses()).toHaveLength(upstream.gets);
    expect(b.statuses().length).toBeGreaterThanOrEqual(upstream.gets);
    // The server's fast delay (1 s) for the first 20 s of the run: 1 + 20 reads, whatever the number of tabs.
    expect(upstream.gets).toBe(21);
  });

  it('follows core’s policy: no reads while the user answers, one at the deadline', async () => {
    const { upstream, open } = setup();
    const deadline = new Date(Date.now() + 60_000).toISOString();
    upstream.status = 'challenges';
    upstream.challenges = [{ id: 1, type: 'text', question: 'PIN?', should_answer: true, expires: deadline }];
    watch(await open());
    await vi.advanceTimersByTimeAsync(59_000);
    expect(upstream.gets).toBe(1);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(upstream.gets).toBe(2);
  });

  it('pushes a webhook’s fresh read at once, without waiting for the poll', async () => {
    const { proxy, upstream, open } = setup({ events: { policy: { fastMs: 60_000, capMs: 60_000, jitter: 0 } } });
    const stream = watch(await open());
    await vi.advanceTimersByTimeAsync(0);
    upstream.status = 'challenges';
    upstream.challenges = [{ id: 1, type: 'text', question: 'Q?', should_answer: true }];
    await proxy.handleWebhook(signedWebhook(12));
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.statuses()).toEqual(['syncing', 'challenges']);
    expect(upstream.gets).toBe(2);
    // Nobody watching: nothing read.
    await proxy.handleWebhook(signedWebhook(99));
    expect(upstream.gets).toBe(2);
  });

  it('reads again after a read that was under way when a webhook came, since it may predate the news', async () => {
    const { proxy, upstream, open } = setup({ events: { policy: { fastMs: 60_000, capMs: 60_000, jitter: 0 } } });
    let release!: () => void;
    const held = JSON.stringify(wireSync(12, 'syncing'));
    upstream.reply = () => {
      upstream.reply = null;
      return new Promise<Response>((resolve) => (release = () => resolve(new Response(held, { status: 200, headers: { 'content-type': 'application/json' } })))) as never;
    };
    const stream = watch(await open());
    await vi.advanceTimersByTimeAsync(0);
    // The bank asks a question; the webhook says so while the first read is still out.
    upstream.status = 'challenges';
    upstream.challenges = [{ id: 1, type: 'text', question: 'Q?', should_answer: true }];
    void proxy.handleWebhook(signedWebhook(12));
    // The shared secret is checked on microtasks alone: flushed, the webhook has asked for its read.
    await vi.advanceTimersByTimeAsync(0);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(upstream.gets).toBe(2);
    expect(stream.statuses()).toEqual(['syncing', 'challenges']);
  });

  it('pushes what an answer through the proxy returned, to every watcher', async () => {
    const { proxy, upstream, stream } = await watchQuestion();
    upstream.status = 'syncing';
    upstream.challenges = [];
    const posted = await postAnswer(proxy);
    expect(posted.status).toBe(200);
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.statuses()).toEqual(['challenges', 'syncing']);
    expect(upstream.gets).toBe(1);
  });

  it('does not push a read that was under way when an answer went through and lands after it', async () => {
    const { proxy, upstream, stream } = await watchQuestion();
    // A webhook's read starts and is slow to come back: it reads the question, still pending.
    const before = JSON.stringify(wireSync(12, 'challenges', { challenges: upstream.challenges }));
    let release!: () => void;
    upstream.reply = () => {
      upstream.reply = null;
      return new Promise<Response>((resolve) => (release = () => resolve(new Response(before, { status: 200, headers: { 'content-type': 'application/json' } })))) as never;
    };
    void proxy.handleWebhook(signedWebhook(12));
    await vi.advanceTimersByTimeAsync(0);
    // Meanwhile the answer goes through, and its reply is pushed.
    upstream.status = 'syncing';
    upstream.challenges = [];
    const posted = await postAnswer(proxy);
    expect(posted.status).toBe(200);
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.statuses()).toEqual(['challenges', 'syncing']);
    // The old read lands last, after the read the answer's reply planned (1 s) came due: the
    // watchers are not sent back to the answered question, and that read is made now.
    await vi.advanceTimersByTimeAsync(1500);
    expect(upstream.gets).toBe(2);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(upstream.gets).toBe(3);
    expect(stream.statuses()).toEqual(['challenges', 'syncing', 'syncing']);
    // And the loop carries on by the policy.
    await vi.advanceTimersByTimeAsync(1000);
    expect(stream.statuses()).toEqual(['challenges', 'syncing', 'syncing', 'syncing']);
  });

  it('reads at once when a write’s reply is lost, so the watchers learn whether it was carried out', async () => {
    const { proxy, upstream, stream } = await watchQuestion();
    // The upstream carries the answer out, and the reply is lost on the way back.
    upstream.reply = () => {
      upstream.reply = null;
      upstream.status = 'syncing';
      upstream.challenges = [];
      throw new TypeError('socket hang up');
    };
    const posted = await postAnswer(proxy);
    expect(posted.status).toBe(502);
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.statuses()).toEqual(['challenges', 'syncing']);
  });

  it('ends the stream at a final status and stops polling', async () => {
    const { proxy, upstream, open } = setup();
    const stream = watch(await open());
    await vi.advanceTimersByTimeAsync(0);
    upstream.status = 'good';
    await vi.advanceTimersByTimeAsync(2000);
    expect(stream.statuses()).toEqual(['syncing', 'good']);
    expect(stream.ended()).toBe(true);
    expect(proxy.stats()).toEqual({ connections: 0, streams: 0 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(upstream.gets).toBe(2);
  });

  it('ends a stream whose browser stopped reading, before its backlog grows without bound', async () => {
    const { proxy, upstream, open } = setup({ events: { policy: { fastMs: 100, fastForMs: 600_000, jitter: 0 } } });
    const reading = watch(await open());
    // A second tab that stopped reading (a frozen page, a stalled network): nothing takes its events.
    const stalled = await open();
    await vi.advanceTimersByTimeAsync(3000);
    expect(proxy.stats()).toEqual({ connections: 1, streams: 2 });
    await vi.advanceTimersByTimeAsync(7000);
    // Its backlog passed the cap: it is ended (the browser reconnects and gets the latest sync);
    // the tab that reads keeps its stream and every event.
    expect(proxy.stats()).toEqual({ connections: 1, streams: 1 });
    // Its backlog is dropped, not kept for a reader that may never come.
    await expect(stalled.body!.getReader().read()).rejects.toThrow('stopped reading');
    expect(reading.ended()).toBe(false);
    expect(reading.statuses()).toHaveLength(upstream.gets);
  });

  it('sends heartbeats', async () => {
    const { open } = setup();
    const stream = watch(await open());
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(stream.comments.filter((c) => c === ': heartbeat')).toHaveLength(2);
  });

  it('honours Retry-After from the upstream', async () => {
    const { upstream, open } = setup();
    upstream.reply = () => new Response('{"id":"rate_limited"}', { status: 429, headers: { 'retry-after': '30', 'content-type': 'application/json' } });
    watch(await open());
    await vi.advanceTimersByTimeAsync(29_000);
    expect(upstream.gets).toBe(1);
    upstream.reply = null;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(upstream.gets).toBe(2);
  });

  it('sends an error event and ends when the upstream says the connection is gone', async () => {
    const { upstream, open } = setup();
    upstream.reply = () => new Response('{"id":"not_found","message":"no connection 12 in db 10.0.0.5"}', { status: 404 });
    const stream = watch(await open());
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.events).toEqual([{ event: 'error', data: JSON.stringify({ id: 'not_found', message: 'Not found.' }) }]);
    expect(stream.ended()).toBe(true);
  });

  it('stops the loop and cancels the upstream read when the last watcher goes away', async () => {
    const { proxy, upstream, open } = setup();
    const controller = new AbortController();
    watch(await open(controller.signal));
    await vi.advanceTimersByTimeAsync(0);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(proxy.stats()).toEqual({ connections: 0, streams: 0 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(upstream.gets).toBe(1);
  });

  it('checks authorization, caps streams and can be turned off', async () => {
    const { proxy } = setup({ events: { maxStreamsPerConnection: 1 } });
    expect((await proxy(new Request(`${ORIGIN}/api/quovo/connections/13/events`))).status).toBe(404);
    expect((await proxy(new Request(`${ORIGIN}/api/quovo/connections/12/events`))).status).toBe(200);
    expect((await proxy(new Request(`${ORIGIN}/api/quovo/connections/12/events`))).status).toBe(429);
    expect((await proxy(new Request(`${ORIGIN}/api/quovo/connections/12/events`, { method: 'POST', headers: { origin: ORIGIN } }))).status).toBe(405);
    const off = setup({ events: false });
    expect((await off.open()).status).toBe(404);
  });
});
