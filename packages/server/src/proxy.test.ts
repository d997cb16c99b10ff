import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toNodeHandler } from './node';
import { createMfaProxy, type MfaProxyOptions, type UpstreamReport } from './proxy';
import { pendingSync, sendJson, startUpstream, wireSync } from './upstream.testkit';

const TOKEN = 'tok-5d1e8c0a9b7f4e2d';
const ORIGIN = 'http://app.test';
const running: { close(): unknown }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((item) => item.close()));
});

async function setup(reply: Parameters<typeof startUpstream>[0], options: Partial<MfaProxyOptions> = {}) {
  const upstream = await startUpstream(reply);
  running.push(upstream);
  const reports: UpstreamReport[] = [];
  const proxy = createMfaProxy({
    apiUrl: `${upstream.url}/v3`,
    token: TOKEN,
    basePath: '/api/quovo',
    authorize: (_request, id) => id === 12,
    onUpstreamError: (report) => reports.push(report),
    ...options,
  });
  running.push(proxy);
  const call = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (init.method && init.method !== 'GET' && !headers.has('origin')) headers.set('origin', ORIGIN);
    return proxy(new Request(`${ORIGIN}${path}`, { ...init, headers }));
  };
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    call(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { upstream, proxy, reports, call, post };
}

/** Every byte of a response, headers included, as one string for "never contains" checks. */
async function everything(res: Response): Promise<string> {
  return `${[...res.headers].map(([n, v]) => `${n}: ${v}`).join('\n')}\n\n${await res.text()}`;
}

function expectHardened(res: Response) {
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
}

describe('createMfaProxy: what comes back from the upstream', () => {
  it('re-emits a sync through core, passes the upstream Date and adds the hardening headers', async () => {
    const { call, upstream } = await setup((_s, res) =>
      sendJson(res, 200, { ...wireSync(12), extra: '<script>alert(1)</script>' }, { date: 'Tue, 01 Jan 2030 00:00:00 GMT', 'set-cookie': 'a=1', server: 'up/1' }),
    );
    const res = await call('/api/quovo/connections/12/sync');
    expect(res.status).toBe(200);
    expectHardened(res);
    expect(res.headers.get('date')).toBe('Tue, 01 Jan 2030 00:00:00 GMT');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('server')).toBeNull();
    const body = (await res.json()) as { sync: { connection_id: number; status: string } };
    expect(body).not.toHaveProperty('extra');
    expect(body.sync).toMatchObject({ connection_id: 12, status: 'syncing' });
    expect(upstream.seen[0]).toMatchObject({ method: 'GET', url: '/v3/connections/12/sync' });
    expect(upstream.seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('never relays an upstream 401 that echoes the Authorization header; the log hook gets it redacted', async () => {
    const { call, reports } = await setup((seen, res) => sendJson(res, 401, { error: `bad credentials: ${seen.headers.authorization}` }, { 'x-echo': String(seen.headers.authorization) }));
    const res = await call('/api/quovo/connections/12/sync');
    expect(res.status).toBe(502);
    expectHardened(res);
    const text = await everything(res);
    expect(text).not.toContain(TOKEN);
    expect(JSON.parse(text.split('\n\n')[1]!)).toEqual({ id: 'upstream_refused', message: expect.any(String) });
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ problem: 'status', status: 401, path: '/connections/12/sync' });
    expect(JSON.stringify(reports)).not.toContain(TOKEN);
    expect(reports[0]!.body).toContain('[redacted]');
    expect(reports[0]!.headers['x-echo']).toBe('[redacted]');
  });

  it('answers an HTML 500 page with a script as the kit’s JSON error, never as HTML', async () => {
    const { call, reports } = await setup((_s, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html><script>steal()</script>db host 10.0.0.5 refused</html>');
    });
    const res = await call('/api/quovo/connections/12/sync');
    expect(res.status).toBe(502);
    expectHardened(res);
    const text = await everything(res);
    expect(text).not.toMatch(/<script|10\.0\.0\.5|text\/html/);
    expect(reports[0]!.body).toContain('10.0.0.5');
  });

  it('keeps internal detail of an upstream JSON 500 out of the browser', async () => {
    const { call } = await setup((_s, res) => sendJson(res, 500, { id: 'db_down', message: 'db host 10.0.0.5:5432 refused connection', stack: 'at pg.connect' }));
    const res = await call('/api/quovo/connections/12/sync');
    const body = await res.text();
    expect(body).not.toMatch(/10\.0\.0\.5|db_down|pg\.connect/);
    expect(JSON.parse(body)).toEqual({ id: 'upstream_error', message: expect.any(String) });
  });

  it('keeps the status class, Retry-After and the ids the kit knows (rate_limited, challenge_expired)', async () => {
    let next = 0;
    const { call, post } = await setup((_s, res) => {
      next += 1;
      if (next === 1) sendJson(res, 429, { id: 'rate_limited', message: 'Slow down, account 99' }, { 'retry-after': '7' });
      else if (next === 2) sendJson(res, 409, { id: 'challenge_expired', message: 'too late' });
      else sendJson(res, 503, { message: 'maintenance' }, { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' });
    });
    const limited = await call('/api/quovo/connections/12/sync');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(await limited.json()).toEqual({ id: 'rate_limited', message: expect.not.stringContaining('99') });
    const expired = await post('/api/quovo/connections/12/sync', { answers: [{ challenge_id: 1, answer: '123456' }] });
    expect(expired.status).toBe(409);
    expect(await expired.json()).toMatchObject({ id: 'challenge_expired' });
    const down = await call('/api/quovo/connections/12/sync');
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('Wed, 21 Oct 2015 07:28:00 GMT');
  });

  it('answers 502 for a 2xx that is not a sync, and does not follow redirects', async () => {
    let next = 0;
    const { call, upstream } = await setup((_s, res) => {
      next += 1;
      if (next === 1) {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<h1>hi</h1>');
      } else {
        res.writeHead(302, { location: '/elsewhere' });
        res.end();
      }
    });
    const invalid = await call('/api/quovo/connections/12/sync');
    expect(invalid.status).toBe(502);
    expect(await invalid.json()).toMatchObject({ id: 'upstream_invalid' });
    const redirected = await call('/api/quovo/connections/12/sync');
    expect(redirected.status).toBe(502);
    expect(redirected.headers.get('location')).toBeNull();
    expect(upstream.seen.map((s) => s.url)).not.toContain('/elsewhere');
  });

  it('ends a trickling upstream at the total deadline, headers and body together', async () => {
    const { call, upstream } = await setup(
      (_s, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => res.write(' '), 20);
        res.once('close', () => clearInterval(timer));
      },
      { timeoutMs: 300 },
    );
    const res = await call('/api/quovo/connections/12/sync');
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ id: 'upstream_timeout' });
    await upstream.seen[0]!.closed;
  });

  it('ends a hanging upstream (no headers ever) at the deadline', async () => {
    const { call, upstream } = await setup(() => {}, { timeoutMs: 200 });
    const res = await call('/api/quovo/connections/12/sync');
    expect(res.status).toBe(504);
    await upstream.seen[0]!.closed;
  });

  it('refuses an oversized upstream answer', async () => {
    const { call } = await setup((_s, res) => sendJson(res, 200, { ...wireSync(12), pad: 'x'.repeat(5000) }), { maxResponseBytes: 4096 });
    const res = await call('/api/quovo/connections/12/sync');
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ id: 'upstream_invalid' });
  });

  it('refuses an upstream that never ends but stays under the deadline by size', async () => {
    const { call, upstream } = await setup(
      (_s, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => res.write('x'.repeat(1024)), 1);
        res.once('close', () => clearInterval(timer));
      },
      { maxResponseBytes: 8192, timeoutMs: 10_000 },
    );
    const res = await call('/api/quovo/connections/12/sync');
    expect(res.status).toBe(502);
    await upstream.seen[0]!.closed;
  });
});

describe('createMfaProxy: what the browser may send', () => {
  it('refuses oversized bodies, declared or streamed, before anything goes upstream', async () => {
    const { call, upstream } = await setup((_s, res) => sendJson(res, 200, wireSync(12)));
    const big = JSON.stringify({ answers: [{ challenge_id: 1, answer: 'x'.repeat(17 * 1024) }] });
    const declared = await call('/api/quovo/connections/12/sync', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(declared.status).toBe(413);
    const chunks = [new TextEncoder().encode(big.slice(0, 9000)), new TextEncoder().encode(big.slice(9000))];
    const streamed = await call('/api/quovo/connections/12/sync', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        pull(controller) {
          const next = chunks.shift();
          if (next) controller.enqueue(next);
          else controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(upstream.seen).toHaveLength(0);
  });

  it('checks bodies: JSON only, answers validated and re-written, credentials as two strings', async () => {
    const { call, post, upstream } = await setup((_s, res) => sendJson(res, 200, pendingSync(12)));
    expect((await call('/api/quovo/connections/12/sync', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await call('/api/quovo/connections/12/sync', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })).status).toBe(400);
    for (const bad of [[], { answers: 'x' }, { answers: [{ challenge_id: 'a', answer: 1 }] }, { username: 1, passcode: 'p' }, { faults: { status: 500 } }]) {
      expect((await post('/api/quovo/connections/12/sync', bad)).status).toBe(400);
    }
    expect((await post('/api/quovo/connections/12/challenges', {}, {}).then(() => call('/api/quovo/connections/12/challenges', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' }))).status).toBe(400);
    expect(upstream.seen).toHaveLength(0);

    expect((await post('/api/quovo/connections/12/sync', { answers: [{ challenge_id: 7, answer: '12 34', extra: 1 }], more: true })).status).toBe(200);
    expect(JSON.parse(upstream.seen.at(-1)!.body)).toEqual({ answers: [{ challenge_id: 7, answer: '12 34' }] });
    expect((await post('/api/quovo/connections/12/sync', { username: 'u', passcode: 'p' })).status).toBe(200);
    expect(JSON.parse(upstream.seen.at(-1)!.body)).toEqual({ username: 'u', passcode: 'p' });
    expect((await call('/api/quovo/connections/12/sync', { method: 'POST' })).status).toBe(200);
    expect(upstream.seen.at(-1)!.body).toBe('{}');
    const put = await call('/api/quovo/connections/12/challenges', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"answers":[{"challenge_id":1,"answer":0}]}' });
    expect(put.status).toBe(200);
    expect(upstream.seen.at(-1)).toMatchObject({ method: 'PUT', url: '/v3/connections/12/challenges' });
    for (const seen of upstream.seen) expect(seen.headers.cookie).toBeUndefined();
  });

  it('cancels a shared write upstream only once every browser waiting on it has gone', async () => {
    const { call, upstream } = await setup((seen, res) => (seen.method === 'GET' ? sendJson(res, 200, pendingSync(12)) : undefined));
    const body = JSON.stringify({ answers: [{ challenge_id: 7, answer: '482913' }] });
    const first = new AbortController();
    const second = new AbortController();
    const write = (signal: AbortSignal) =>
      call('/api/quovo/connections/12/sync', { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal });
    const a = write(first.signal);
    const b = write(second.signal);
    await vi.waitFor(() => expect(upstream.seen.filter((s) => s.method === 'POST')).toHaveLength(1));
    const post = upstream.seen.find((s) => s.method === 'POST')!;
    let closed = false;
    void post.closed.then(() => (closed = true));
    first.abort();
    // A round trip through the proxy and the upstream after the abort: the shared POST is still open.
    expect((await call('/api/quovo/connections/12/sync')).status).toBe(200);
    expect(closed).toBe(false);
    second.abort();
    await post.closed;
    expect((await Promise.all([a, b])).map((res) => res.status)).toEqual([499, 499]);
    expect(upstream.seen.filter((s) => s.method === 'POST')).toHaveLength(1);
  });

  it('never puts an echoed answer or passcode in the log hook', async () => {
    const { post, reports } = await setup((seen, res) =>
      seen.method === 'GET' ? sendJson(res, 200, pendingSync(12)) : sendJson(res, 400, { id: 'invalid_answer', message: `wrong: ${seen.body}` }),
    );
    const res = await post('/api/quovo/connections/12/sync', { answers: [{ challenge_id: 7, answer: 'PIN-482913' }] });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ id: 'invalid_answer' });
    expect(reports.map((r) => r.method)).toEqual(['POST']);
    const creds = await post('/api/quovo/connections/12/sync', { username: 'alice-user', passcode: 'hunter2-secret' });
    expect(creds.status).toBe(400);
    const logged = JSON.stringify(reports);
    expect(logged).not.toMatch(/PIN-482913|hunter2-secret|alice-user/);
  });

  it('never puts a passcode in the log hook when the upstream echoes it JSON-escaped', async () => {
    // What JSON serializers write for `"`, `\` and non-ASCII: `\"`, `\\`, and `\u00f6` (Python's
    // default), in a JSON body and, as the request's JSON, inside a plain-text one.
    const { post, reports } = await setup((seen, res) => {
      if (seen.method === 'GET') return sendJson(res, 200, pendingSync(12));
      if (seen.body.includes('plain')) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        return void res.end(`cannot parse ${seen.body}`);
      }
      const echoed = JSON.stringify(JSON.parse(seen.body)).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(`{"id":"invalid_request","you_sent":${echoed}}`);
    });
    expect((await post('/api/quovo/connections/12/sync', { username: 'alice-user', passcode: 'sw0rd"fish\\42' })).status).toBe(400);
    expect((await post('/api/quovo/connections/12/sync', { answers: [{ challenge_id: 7, answer: 'Kröte-Quälgeist' }] })).status).toBe(400);
    expect((await post('/api/quovo/connections/12/sync', { username: 'plain', passcode: 'sw0rd"fish\\42' })).status).toBe(502);
    expect(reports).toHaveLength(3);
    for (const report of reports) expect(report.body).toContain('[redacted]');
    expect(JSON.stringify(reports)).not.toMatch(/sw0rd|fish|Kr|lgeist/);
  });

  it('redacts the logged body before cutting it, so no part of the token is left at the cut', async () => {
    // The echoed header starts 14 bytes before the 8 KiB cut: "Bearer tok-5d1" would be left.
    const { call, reports } = await setup((seen, res) => sendJson(res, 500, { pad: 'x'.repeat(8160), echo: seen.headers.authorization }));
    expect((await call('/api/quovo/connections/12/sync')).status).toBe(502);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.body.length).toBeLessThanOrEqual(8192);
    expect(reports[0]!.body).not.toContain(TOKEN.slice(0, 4));
  });

  it('answers 404 for unknown routes and connections the caller may not use, 405 for other methods', async () => {
    const { call, post, upstream } = await setup((_s, res) => sendJson(res, 200, wireSync(12)));
    for (const path of ['/api/quovo/users', '/api/quovo/connections/12', '/api/quovo/connections/12/accounts', '/api/quovo/__sandbox/faults', '/connections/12/sync', '/api/quovo/connections/13/sync']) {
      const res = await call(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expectHardened(res);
    }
    expect((await post('/api/quovo/connections/13/sync', {})).status).toBe(404);
    const del = await call('/api/quovo/connections/12/sync', { method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, POST');
    expect((await call('/api/quovo/connections/12/challenges')).status).toBe(405);
    expect((await call('/api/quovo/connections/12/sync?x=1')).status).toBe(400);
    expect(upstream.seen).toHaveLength(0);
  });

  it('refuses encoded path tricks and non-canonical ids', async () => {
    const { call, upstream } = await setup((_s, res) => sendJson(res, 200, wireSync(12)));
    const paths = [
      '/api/quovo/connections/12/sync/../../../__sandbox/scenarios',
      '/api/quovo/connections/12/%2e%2e/%2e%2e/users',
      '/api/quovo/connections/12%2Fsync',
      '/api/quovo/connections%2F12/sync',
      '/api/quovo//connections/12/sync',
      '/api/quovo/connections//12/sync',
      '/api/quovo/connections/12/sync/',
      '/api/quovo/connections/012/sync',
      '/api/quovo/connections/+12/sync',
      '/api/quovo/connections/-12/sync',
      '/api/quovo/connections/1.2e1/sync',
      '/api/quovo/connections/12e0/sync',
      '/api/quovo/connections/0x0c/sync',
      '/api/quovo/connections/%31%32/sync',
      '/api/quovo/connections/1234567890123456/sync',
      '/api/quovo/connections/12/%73ync',
      '/api/quovo/connections/12/sync%00',
    ];
    for (const path of paths) {
      const res = await call(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    expect(upstream.seen).toHaveLength(0);
  });

  it('refuses a foreign Host when an allow-list is set (DNS rebinding)', async () => {
    const { proxy, upstream } = await setup((_s, res) => sendJson(res, 200, wireSync(12)), { allowedHosts: ['app.test'] });
    const evil = await proxy(new Request('http://evil.example/api/quovo/connections/12/sync'));
    expect(evil.status).toBe(421);
    expectHardened(evil);
    const ok = await proxy(new Request('http://app.test/api/quovo/connections/12/sync'));
    expect(ok.status).toBe(200);
    expect(upstream.seen).toHaveLength(1);
  });

  it('refuses cross-site writes and writes that show no origin at all', async () => {
    const { proxy, upstream } = await setup((_s, res) => sendJson(res, 200, wireSync(12)));
    const write = (headers: Record<string, string>) =>
      proxy(new Request(`${ORIGIN}/api/quovo/connections/12/sync`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' }));
    expect((await write({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await write({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await write({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await write({ origin: 'null' })).status).toBe(403);
    expect((await write({})).status).toBe(403);
    expect(upstream.seen).toHaveLength(0);
    expect((await write({ origin: ORIGIN })).status).toBe(200);
    expect((await write({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('refuses reads another site’s page makes with the user’s cookies, unless its origin is allowed', async () => {
    const { proxy, upstream } = await setup((_s, res) => sendJson(res, 200, wireSync(12)), { allowedOrigins: ['https://app.example'] });
    const read = (route: string, headers: Record<string, string>) => proxy(new Request(`${ORIGIN}/api/quovo/connections/12/${route}`, { headers }));
    // An <img>, a no-cors fetch or an EventSource on evil.example: nothing it can read, but it
    // would cost upstream reads and hold the connection's stream slots.
    const refused = await read('sync', { 'sec-fetch-site': 'cross-site' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ id: 'cross_site_request' });
    expect((await read('events', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })).status).toBe(403);
    expect(upstream.seen).toHaveLength(0);
    // The page's own reads, a subdomain's, an allowed origin's and a non-browser client's pass.
    expect((await read('sync', { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await read('sync', { 'sec-fetch-site': 'same-site' })).status).toBe(200);
    expect((await read('sync', { 'sec-fetch-site': 'cross-site', origin: 'https://app.example' })).status).toBe(200);
    expect((await read('sync', {})).status).toBe(200);
  });

  it('takes an authorize that throws as a refusal', async () => {
    const { call } = await setup((_s, res) => sendJson(res, 200, wireSync(12)), {
      authorize: () => {
        throw new Error('db down');
      },
    });
    expect((await call('/api/quovo/connections/12/sync')).status).toBe(404);
  });

  it('refuses to start without a token, an authorize rule or a valid apiUrl', () => {
    expect(() => createMfaProxy({ apiUrl: 'x', token: 't', authorize: () => true })).toThrow(/apiUrl/);
    expect(() => createMfaProxy({ apiUrl: 'http://a', token: '', authorize: () => true })).toThrow(/token/);
    expect(() => createMfaProxy({ apiUrl: 'http://a', token: 't' } as MfaProxyOptions)).toThrow(/authorize/);
  });

  it('refuses limits that would switch themselves off or fire at once (NaN, zero, beyond a timer)', () => {
    // `Number(process.env.UNSET)` is NaN, and `size > NaN` is never true: the cap would be gone.
    const bad: [string, Partial<MfaProxyOptions>][] = [
      ['maxRequestBytes', { maxRequestBytes: Number.NaN }],
      ['maxResponseBytes', { maxResponseBytes: -1 }],
      ['timeoutMs', { timeoutMs: 0 }],
      ['timeoutMs', { timeoutMs: 2 ** 31 }],
      ['events.maxStreams', { events: { maxStreams: Number.NaN } }],
      ['events.maxStreamsPerConnection', { events: { maxStreamsPerConnection: 1.5 } }],
      ['events.heartbeatMs', { events: { heartbeatMs: 0 } }],
      ['events.maxStreamMs', { events: { maxStreamMs: Number.POSITIVE_INFINITY } }],
      ['events.retryMs', { events: { retryMs: -1 } }],
    ];
    for (const [name, options] of bad) {
      expect(() => createMfaProxy({ apiUrl: 'http://a', token: 't', authorize: () => true, ...options })).toThrow(new TypeError(`createMfaProxy: \`${name}\` must be a whole number from ${name === 'events.retryMs' ? 0 : 1} to 2147483647.`));
    }
    createMfaProxy({ apiUrl: 'http://a', token: 't', authorize: () => true, timeoutMs: 1, events: { retryMs: 0, maxStreams: 1 } }).close();
  });
});

describe('toNodeHandler', () => {
  async function serve(options: Partial<MfaProxyOptions>, reply: Parameters<typeof startUpstream>[0]) {
    const upstream = await startUpstream(reply);
    running.push(upstream);
    const proxy = createMfaProxy({ apiUrl: upstream.url, token: TOKEN, basePath: '/api/quovo', authorize: () => true, ...options });
    const server = createServer(toNodeHandler(proxy));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    running.push({ close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) }, proxy);
    return { upstream, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  it('closes the upstream call within a second of the browser aborting', async () => {
    const { upstream, url } = await serve({ timeoutMs: 60_000 }, () => {});
    const controller = new AbortController();
    const pending = fetch(`${url}/api/quovo/connections/12/sync`, { signal: controller.signal }).catch(() => 'aborted');
    await vi.waitFor(() => expect(upstream.seen).toHaveLength(1));
    controller.abort();
    expect(await pending).toBe('aborted');
    const second = new Promise<string>((resolve) => setTimeout(() => resolve('still open'), 1000));
    expect(await Promise.race([upstream.seen[0]!.closed.then(() => 'closed'), second])).toBe('closed');
  });

  it('serves the upstream Date and no Date of its own', async () => {
    let sendDate = true;
    const { url } = await serve({}, (_s, res) => {
      res.sendDate = sendDate;
      sendJson(res, 200, wireSync(12));
    });
    const withDate = await fetch(`${url}/api/quovo/connections/12/sync`);
    expect(withDate.headers.get('date')).not.toBeNull();
    sendDate = false;
    const without = await fetch(`${url}/api/quovo/connections/12/sync`);
    expect(without.status).toBe(200);
    expect(without.headers.get('date')).toBeNull();
  });

  it('refuses raw encoded paths that no fetch client would send as they are', async () => {
    const { url, upstream } = await serve({}, (_s, res) => sendJson(res, 200, wireSync(12)));
    const { request } = await import('node:http');
    const port = Number(new URL(url).port);
    const raw = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    for (const path of [
      '/api/quovo/connections/12/%2e%2e/%2e%2e/users',
      '/api/quovo/connections/12/sync/..',
      '/api/quovo/connections/12/sync/%2e%2e/%2e%2e/%2e%2e/__sandbox/scenarios',
      '//api/quovo/connections/12/sync',
      '/api/quovo/connections/12%2fsync',
      '/api/quovo/connections/12/sync%2f..%2f..%2fusers',
      'http://evil.example/api/quovo/connections/12/sync',
    ]) {
      expect({ path, status: await raw(path) }).toEqual({ path, status: 404 });
    }
    expect(upstream.seen).toHaveLength(0);
  });

  it('waits for a slow browser without piling up listeners on the response', async () => {
    // Each 64 kB chunk fills Node's 16 kB buffer, so every write waits for `drain`: an event
    // stream to a slow browser does this all the time.
    const closeListeners = async (chunks: number) => {
      const handler = toNodeHandler(async () => {
        let sent = 0;
        return new Response(
          new ReadableStream({
            pull(controller) {
              if (sent++ < chunks) controller.enqueue(new Uint8Array(64 * 1024));
              else controller.close();
            },
          }),
        );
      });
      let counted!: Promise<number>;
      const server = createServer((req, res) => {
        counted = handler(req, res).then(() => res.listenerCount('close'));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      running.push({ close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) });
      await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)).arrayBuffer();
      return counted;
    };
    expect(await closeListeners(20)).toBe(await closeListeners(1));
  });

  it('refuses a foreign Host header over real HTTP', async () => {
    const { url } = await serve({ allowedHosts: ['localhost:1'] }, (_s, res) => sendJson(res, 200, wireSync(12)));
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${url}/api/quovo/connections/12/sync`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });
});
