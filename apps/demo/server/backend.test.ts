import type { IncomingHttpHeaders } from 'node:http';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEngine, createManualClock } from '@mfa-kit/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoServer } from './server';
import { startDemoServer } from './server';
import { createSessionStore } from './sessions';

const TOKEN = 'test-token-7c1f0e9b2a4d4e6f8a1b3c5d7e9f0a2b';

/** A browser with its own cookie jar; every response is kept for the token scan. */
function browser(base: string, seen: Response[] = []) {
  let cookie: string | null = null;
  return {
    async request(path: string, init: RequestInit = {}): Promise<Response> {
      const headers = new Headers(init.headers);
      if (cookie) headers.set('cookie', cookie);
      // Browsers send Origin on every POST and PUT; the backend refuses writes without it.
      if (init.method && init.method !== 'GET' && !headers.has('origin')) headers.set('origin', base);
      const res = await fetch(`${base}${path}`, { ...init, headers, redirect: 'manual' });
      const set = res.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0]!;
      seen.push(res.clone());
      return res;
    },
    json(path: string, method: 'POST' | 'PUT', body: unknown): Promise<Response> {
      return this.request(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    },
    async createConnection(scenario: string): Promise<number> {
      const res = await this.json('/api/demo/connections', 'POST', { scenario });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { connection: { id: number } };
      return body.connection.id;
    },
  };
}

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

type FakeReply = { status: number; headers?: Record<string, string>; body?: string; sendDate?: boolean };

/** A stand-in upstream that records what the backend sends and answers as told. */
async function startFakeUpstream(reply: (req: Recorded) => FakeReply) {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const answer = reply(recorded);
      res.sendDate = answer.sendDate ?? true;
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers like a sandbox for the admin routes, and with `sync` for everything else. */
function sandboxLike(sync: (req: Recorded) => FakeReply) {
  return (req: Recorded): FakeReply => {
    const json = { 'content-type': 'application/json' };
    if (req.url === '/__sandbox/scenarios') return { status: 200, headers: json, body: '{"scenarios":[]}' };
    if (req.url === '/__sandbox/connections') return { status: 201, headers: json, body: '{"connection":{"id":42}}' };
    return sync(req);
  };
}

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((item) => item.close()));
});

async function startEmbedded(logs: string[] = []): Promise<DemoServer> {
  const demo = await startDemoServer({ port: 0, sandboxToken: TOKEN, log: (line) => logs.push(line) });
  running.push(demo);
  return demo;
}

async function startAgainst(upstreamUrl: string, logs: string[] = []): Promise<DemoServer> {
  const demo = await startDemoServer({ port: 0, upstream: { url: upstreamUrl, token: TOKEN }, log: (line) => logs.push(line) });
  running.push(demo);
  return demo;
}

describe('demo backend against the embedded sandbox', () => {
  it('creates a connection for the session and forwards its sync routes', async () => {
    const demo = await startEmbedded();
    const alice = browser(demo.url);

    const config = await alice.request('/api/demo/config');
    expect(await config.json()).toEqual({ sandbox: true });

    const id = await alice.createConnection('no_mfa');
    const started = await alice.json(`/api/quovo/connections/${id}/sync`, 'POST', {});
    expect(started.status).toBe(200);
    const read = await alice.request(`/api/quovo/connections/${id}/sync`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { sync: { connection_id: number } }).sync.connection_id).toBe(id);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie with a random id, only when a connection is created', async () => {
    const demo = await startEmbedded();
    const config = await fetch(`${demo.url}/api/demo/config`);
    expect(config.headers.get('set-cookie')).toBeNull();
    const create = () =>
      fetch(`${demo.url}/api/demo/connections`, { method: 'POST', headers: { origin: demo.url, 'content-type': 'application/json' }, body: '{"scenario":"no_mfa"}' });
    const a = (await create()).headers.get('set-cookie') ?? '';
    const b = (await create()).headers.get('set-cookie') ?? '';
    expect(a).toMatch(/^mfa_demo_sid=[A-Za-z0-9_-]{43}; /);
    expect(a).toContain('HttpOnly');
    expect(a).toContain('SameSite=Lax');
    expect(a).not.toContain('Secure');
    expect(a.split(';')[0]).not.toBe(b.split(';')[0]);
  });

  it("answers 404 when one session asks for another session's connection, on every route", async () => {
    const demo = await startEmbedded();
    const alice = browser(demo.url);
    const bob = browser(demo.url);
    const id = await alice.createConnection('captcha');
    await alice.json(`/api/quovo/connections/${id}/sync`, 'POST', {});
    await bob.request('/api/demo/config');

    const attempts = [
      bob.request(`/api/quovo/connections/${id}/sync`),
      bob.json(`/api/quovo/connections/${id}/sync`, 'POST', {}),
      bob.json(`/api/quovo/connections/${id}/challenges`, 'PUT', { answers: [] }),
      bob.request(`/api/demo/connections/${id}/outbox`),
      bob.request(`/api/demo/connections/${id}/captcha`),
      // No cookie at all is a new, empty session too.
      fetch(`${demo.url}/api/quovo/connections/${id}/sync`),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ id: 'not_found' });
    }

    expect((await alice.request(`/api/quovo/connections/${id}/sync`)).status).toBe(200);
    expect((await alice.request(`/api/demo/connections/${id}/outbox`)).status).toBe(200);
  });

  it("passes the sandbox's Retry-After and its (skewed) Date through to the browser", async () => {
    const demo = await startEmbedded();
    const alice = browser(demo.url);
    const id = await alice.createConnection('realtime_pin');
    demo.engine!.setFaults({ status429: { retryAfterSeconds: 12, times: 1 }, clockSkew: { seconds: 3600 } }, id);

    const limited = await alice.request(`/api/quovo/connections/${id}/sync`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('12');
    expect(await limited.json()).toMatchObject({ id: 'rate_limited' });

    const read = await alice.request(`/api/quovo/connections/${id}/sync`);
    expect(read.status).toBe(200);
    // An hour ahead: the sandbox's own clock, not the backend's.
    const ahead = Date.parse(read.headers.get('date')!) - Date.now();
    expect(ahead).toBeGreaterThan(30 * 60_000);
  });

  it('answers 502 upstream_unavailable when the sandbox drops the connection', async () => {
    const demo = await startEmbedded();
    const alice = browser(demo.url);
    const id = await alice.createConnection('no_mfa');
    demo.engine!.setFaults({ drop: { times: 1 } }, id);
    const res = await alice.request(`/api/quovo/connections/${id}/sync`);
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ id: 'upstream_unavailable' });
  });

  it('lists the sandbox scenarios through the backend', async () => {
    const demo = await startEmbedded();
    const res = await browser(demo.url).request('/api/demo/scenarios');
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain('realtime_pin');
  });

  it('never lets the token reach the browser, in bodies, headers or logs', async () => {
    const logs: string[] = [];
    const demo = await startEmbedded(logs);
    const seen: Response[] = [];
    const alice = browser(demo.url, seen);
    await alice.request('/api/demo/config');
    await alice.request('/api/demo/scenarios');
    const id = await alice.createConnection('realtime_pin');
    await alice.json(`/api/quovo/connections/${id}/sync`, 'POST', {});
    await alice.request(`/api/quovo/connections/${id}/sync`);
    await alice.json(`/api/quovo/connections/${id}/sync`, 'POST', { answers: [{ challenge_id: 1, answer: 'x' }] });
    await alice.request(`/api/demo/connections/${id}/outbox`);
    await alice.request('/api/quovo/users');
    await alice.request(`/api/quovo/connections/${id}/sync`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });

    expect(seen.length).toBeGreaterThan(8);
    for (const res of seen) {
      const text = await res.text();
      expect(text).not.toContain(TOKEN);
      for (const [name, value] of res.headers) {
        expect(`${name}: ${value}`).not.toContain(TOKEN);
        expect(name).not.toBe('authorization');
      }
    }
    expect(logs.length).toBe(seen.length);
    for (const line of logs) {
      expect(line).toMatch(/^(GET|POST|PUT) \/api\/\S+ \d{3}$/);
      expect(line).not.toContain(TOKEN);
    }
  });

  it('forwards only the whitelisted routes', async () => {
    const demo = await startEmbedded();
    const alice = browser(demo.url);
    const id = await alice.createConnection('no_mfa');
    const paths = [
      '/api/quovo/__sandbox/faults',
      '/api/quovo/__sandbox/scenarios',
      '/api/quovo/users',
      `/api/quovo/connections/${id}`,
      `/api/quovo/connections/${id}/accounts`,
      `/api/quovo/connections/${id}/sync/../../../__sandbox/scenarios`,
      `/api/quovo/connections/${id}/%2e%2e/%2e%2e/users`,
      '/api/__sandbox/connections',
      '/api/demo/faults',
      '/api',
    ];
    for (const path of paths) {
      const res = await alice.request(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    const faults = await alice.json('/api/quovo/__sandbox/faults', 'POST', { status: 500 });
    expect(faults.status).toBe(404);
    const wrongMethod = await alice.request(`/api/quovo/connections/${id}/sync`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
  });

  it('refuses non-JSON bodies with 415 and oversized ones with 413', async () => {
    const demo = await startEmbedded();
    const alice = browser(demo.url);
    const id = await alice.createConnection('question');
    const path = `/api/quovo/connections/${id}/sync`;

    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await alice.request(path, { method: 'POST', headers: { 'content-type': type }, body: 'answers=1' });
      expect(res.status).toBe(415);
      expect(await res.json()).toMatchObject({ id: 'unsupported_media_type' });
    }
    const put = await alice.request(`/api/quovo/connections/${id}/challenges`, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(put.status).toBe(415);

    const big = JSON.stringify({ answers: [{ challenge_id: 1, answer: 'x'.repeat(17 * 1024) }] });
    const tooBig = await alice.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ id: 'payload_too_large' });

    const create = await alice.request('/api/demo/connections', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"scenario":"no_mfa"}' });
    expect(create.status).toBe(415);
  });

  it('accepts a POST /sync with no body at all', async () => {
    const demo = await startEmbedded();
    const alice = browser(demo.url);
    const id = await alice.createConnection('no_mfa');
    const res = await alice.request(`/api/quovo/connections/${id}/sync`, { method: 'POST' });
    expect(res.status).toBe(200);
  });

  it('rejects a connection request without a valid scenario name', async () => {
    const demo = await startEmbedded();
    const alice = browser(demo.url);
    for (const body of [{}, { scenario: 42 }, { scenario: '../users' }]) {
      const res = await alice.json('/api/demo/connections', 'POST', body);
      expect(res.status).toBe(400);
    }
    const malformed = await alice.request('/api/demo/connections', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(malformed.status).toBe(400);
  });

  it('runs the embedded sandbox on a given engine, whose admin routes only the token holder reaches', async () => {
    const clock = createManualClock(Date.parse('2026-01-28T13:00:00Z'));
    const engine = createEngine({ clock });
    const demo = await startDemoServer({ port: 0, sandboxToken: TOKEN, sandboxEngine: engine, log: () => {} });
    running.push(demo);
    expect(demo.engine).toBe(engine);
    expect(demo.sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const moved = await fetch(`${demo.sandboxUrl}/__sandbox/clock`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ advance_ms: 60_000 }),
    });
    expect(moved.status).toBe(200);
    expect(clock.now()).toBe(Date.parse('2026-01-28T13:01:00Z'));
    expect((await fetch(`${demo.sandboxUrl}/__sandbox/clock`)).status).toBe(401);
    // The browser's side has no route to it.
    expect((await browser(demo.url).request('/api/demo/clock')).status).toBe(404);
  });
});

/** A sync asking for challenge 7 (typed) and 1 (choices 0, 1): the backend forwards answers to these only. */
const PENDING: FakeReply = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    sync: {
      status: 'challenges',
      challenges: [
        { id: 7, type: 'text', question: 'Enter your pin:' },
        { id: 1, type: 'question', question: 'Where?', choices: [{ key: 0, value: 'Text' }, { key: 1, value: 'Voice' }] },
      ],
    },
  }),
};

describe('demo backend forwarding', () => {
  it('adds the token upstream, forwards checked bodies, and keeps only Date and Retry-After from an error', async () => {
    const upstream = await startFakeUpstream(
      sandboxLike((req) =>
        req.method === 'GET'
          ? PENDING
          : {
        status: 429,
        headers: {
          'content-type': 'application/json',
          'retry-after': '7',
          date: 'Tue, 01 Jan 2030 00:00:00 GMT',
          'set-cookie': 'upstream=1',
          'x-powered-by': 'quovo',
          'x-request-id': 'abc',
          'access-control-allow-origin': '*',
          server: 'upstream/1.0',
        },
        body: '{"id":"rate_limited","message":"Slow down, db 10.0.0.5."}',
            },
      ),
    );
    running.push(upstream);
    const demo = await startAgainst(upstream.url);
    const alice = browser(demo.url);
    const id = await alice.createConnection('realtime_pin');

    const body = '{"answers":[{"challenge_id":7,"answer":"12 34"}],  "extra":true}';
    const res = await alice.request(`/api/quovo/connections/${id}/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer from-the-browser' },
      body,
    });

    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('date')).toBe('Tue, 01 Jan 2030 00:00:00 GMT');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    for (const name of ['set-cookie', 'x-powered-by', 'x-request-id', 'access-control-allow-origin', 'server']) {
      expect(res.headers.get(name)).toBeNull();
    }
    // The kit's words, not the upstream's.
    expect(await res.json()).toEqual({ id: 'rate_limited', message: expect.not.stringContaining('10.0.0.5') });

    const forwarded = upstream.requests.find((r) => r.url === `/connections/${id}/sync` && r.method === 'POST')!;
    expect(forwarded.method).toBe('POST');
    expect(JSON.parse(forwarded.body)).toEqual({ answers: [{ challenge_id: 7, answer: '12 34' }] });
    expect(forwarded.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(forwarded.headers.cookie).toBeUndefined();
    for (const r of upstream.requests) expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('forwards PUT /challenges to the upstream challenges route', async () => {
    const upstream = await startFakeUpstream(sandboxLike((req) => (req.method === 'GET' ? PENDING : { status: 200, headers: { 'content-type': 'application/json' }, body: '{"sync":{"status":"syncing"}}' })));
    running.push(upstream);
    const demo = await startAgainst(upstream.url);
    const alice = browser(demo.url);
    const id = await alice.createConnection('choices');
    const res = await alice.json(`/api/quovo/connections/${id}/challenges`, 'PUT', { answers: [{ challenge_id: 1, answer: 0 }] });
    expect(res.status).toBe(200);
    expect(upstream.requests.at(-1)).toMatchObject({ method: 'PUT', url: `/connections/${id}/challenges` });
  });

  it('omits Date when the upstream sent none, rather than inventing one', async () => {
    const upstream = await startFakeUpstream(sandboxLike(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"sync":{"status":"syncing"}}', sendDate: false })));
    running.push(upstream);
    const demo = await startAgainst(upstream.url);
    const alice = browser(demo.url);
    const id = await alice.createConnection('no_mfa');
    const res = await alice.request(`/api/quovo/connections/${id}/sync`);
    expect(res.status).toBe(200);
    expect(res.headers.get('date')).toBeNull();
  });

  it('does not follow upstream redirects', async () => {
    const upstream = await startFakeUpstream(sandboxLike((req) => (req.url.startsWith('/connections/') ? { status: 302, headers: { location: '/elsewhere' } } : { status: 200, body: 'followed' })));
    running.push(upstream);
    const demo = await startAgainst(upstream.url);
    const alice = browser(demo.url);
    const id = await alice.createConnection('no_mfa');
    const res = await alice.request(`/api/quovo/connections/${id}/sync`);
    expect(res.status).toBe(502);
    expect(res.headers.get('location')).toBeNull();
    expect(upstream.requests.some((r) => r.url === '/elsewhere')).toBe(false);
  });

  it('answers 502 with a JSON error when the upstream is down', async () => {
    const upstream = await startFakeUpstream(sandboxLike(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{}' })));
    const logs: string[] = [];
    const demo = await startAgainst(upstream.url, logs);
    const alice = browser(demo.url);
    const id = await alice.createConnection('no_mfa');
    await upstream.close();

    for (const res of [await alice.request(`/api/quovo/connections/${id}/sync`), await alice.json(`/api/quovo/connections/${id}/sync`, 'POST', {})]) {
      expect(res.status).toBe(502);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as { id: string; message: string };
      expect(body.id).toBe('upstream_unavailable');
      expect(body.message).toEqual(expect.any(String));
      expect(JSON.stringify(body)).not.toContain(upstream.url);
    }
    expect(logs.at(-1)).toBe(`POST /api/quovo/connections/${id}/sync 502`);
  });

  it('reports no sandbox and hides the sandbox aids when the upstream is not one', async () => {
    const upstream = await startFakeUpstream(() => ({ status: 404, headers: { 'content-type': 'application/json' }, body: '{"id":"not_found"}' }));
    running.push(upstream);
    const demo = await startAgainst(upstream.url);
    const alice = browser(demo.url);
    expect(await (await alice.request('/api/demo/config')).json()).toEqual({ sandbox: false });
    expect((await alice.request('/api/demo/scenarios')).status).toBe(404);
    expect((await alice.json('/api/demo/connections', 'POST', { scenario: 'no_mfa' })).status).toBe(404);
    expect(upstream.requests.every((r) => r.url === '/__sandbox/scenarios')).toBe(true);
  });
});

describe('demo backend under attack', () => {
  it('a flood of cookie-less requests creates no session and cannot evict a live one', async () => {
    const demo = await startDemoServer({ port: 0, sandboxToken: TOKEN, log: () => {}, sessions: createSessionStore({ maxSessions: 5, maxSessionsPerClient: 3 }) });
    running.push(demo);
    const alice = browser(demo.url);
    const id = await alice.createConnection('no_mfa');
    // Reads without a cookie make no session at all.
    for (let i = 0; i < 200; i += 1) await fetch(`${demo.url}/api/demo/config`);
    // Creations without a cookie hit the per-client cap, then are refused: nothing is evicted.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const res = await fetch(`${demo.url}/api/demo/connections`, { method: 'POST', headers: { origin: demo.url, 'content-type': 'application/json' }, body: '{"scenario":"no_mfa"}' });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(statuses.filter((s) => s === 429)).toHaveLength(8);
    expect((await alice.request(`/api/quovo/connections/${id}/sync`)).status).toBe(200);
  });

  it('refuses a foreign Host on every API route (DNS rebinding)', async () => {
    const demo = await startEmbedded();
    const alice = browser(demo.url);
    const id = await alice.createConnection('no_mfa');
    const port = new URL(demo.url).port;
    for (const [method, path] of [
      ['POST', '/api/demo/connections'],
      ['GET', '/api/demo/config'],
      ['GET', `/api/quovo/connections/${id}/sync`],
    ] as const) {
      const body = method === 'POST' ? '{"scenario":"no_mfa"}' : undefined;
      const status = await rawStatus(port, method, path, { host: 'evil.example', origin: 'http://evil.example', 'content-type': 'application/json' }, body);
      expect({ path, status }).toEqual({ path, status: 421 });
    }
    expect(await rawStatus(port, 'GET', '/api/demo/config', { host: `localhost:${port}` })).toBe(200);
  });

  it('refuses cross-site writes', async () => {
    const demo = await startEmbedded();
    const alice = browser(demo.url);
    const id = await alice.createConnection('no_mfa');
    const cross = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' };
    expect((await alice.request('/api/demo/connections', { method: 'POST', headers: cross, body: '{"scenario":"no_mfa"}' })).status).toBe(403);
    expect((await alice.request(`/api/quovo/connections/${id}/sync`, { method: 'POST', headers: cross, body: '{}' })).status).toBe(403);
    expect((await alice.request(`/api/quovo/connections/${id}/sync`, { method: 'POST', headers: { ...cross, origin: 'null' }, body: '{}' })).status).toBe(403);
  });

  it('sets Secure on the cookie when configured', async () => {
    const demo = await startDemoServer({ port: 0, sandboxToken: TOKEN, log: () => {}, secureCookies: true });
    running.push(demo);
    const res = await fetch(`${demo.url}/api/demo/connections`, { method: 'POST', headers: { origin: demo.url, 'content-type': 'application/json' }, body: '{"scenario":"no_mfa"}' });
    expect(res.headers.get('set-cookie')).toContain('; Secure');
  });

  it('pushes syncs to the browser on /api/quovo/connections/{id}/events, for the owner only', async () => {
    const demo = await startEmbedded();
    const alice = browser(demo.url);
    const id = await alice.createConnection('no_mfa');
    expect((await fetch(`${demo.url}/api/quovo/connections/${id}/events`)).status).toBe(404);
    const stream = await alice.request(`/api/quovo/connections/${id}/events`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('event: sync')) text += (await reader.read()).value ?? '';
    await reader.cancel();
    expect(text).toContain(`"connection_id":${id}`);
  });
});

/** A request with headers fetch will not send (Host), over node:http. */
function rawStatus(port: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: Number(port), method, path, headers, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}
