import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSyncClient } from './client';
import type { SyncClientOptions } from './client';
import { createServerClock } from './clock';
import { isMfaError, isRetryable, mayHaveArrived } from './errors';
import type { MfaError, MfaErrorKind } from './errors';

const SYNCING = '{"sync":{"connection_id":1,"status":"syncing","progress":{"state":"queued","percent":10,"message":null},"challenges":[],"config_instructions":null}}';
const SYNCING_STATE = {
  connectionId: 1,
  status: 'syncing',
  progress: { state: 'queued', percent: 10, message: null },
  challenges: [],
  configInstructions: null,
};

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let origin: string;
let baseUrl: string;
let handler: Handler;
const received: Received[] = [];
const serverTimers = new Set<ReturnType<typeof setTimeout>>();

const reply =
  (status: number, body: string, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(body);
  };

/** Answers after `ms`, unless the client has gone away. */
const slowly =
  (ms: number, then: Handler): Handler =>
  (req, res) => {
    const timer = setTimeout(() => {
      serverTimers.delete(timer);
      if (!res.destroyed && !res.writableEnded) then(req, res);
    }, ms);
    serverTimers.add(timer);
  };

const client = (options: Partial<SyncClientOptions> = {}) => createSyncClient({ baseUrl, ...options });

async function failure(promise: Promise<unknown>): Promise<MfaError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: unknown) => e,
  );
  expect(isMfaError(error)).toBe(true);
  return error as MfaError;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  baseUrl = `${origin}/api/quovo/`;
});

afterAll(async () => {
  for (const timer of serverTimers) clearTimeout(timer);
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

beforeEach(() => {
  received.length = 0;
  handler = reply(200, SYNCING);
});

describe('createSyncClient', () => {
  it('refuses a relative baseUrl outside a browser, at creation', () => {
    expect(() => createSyncClient({ baseUrl: '/api/quovo' })).toThrow(TypeError);
    expect(() => createSyncClient({ baseUrl: '/api/quovo' })).toThrow(/relative.*absolute/s);
    expect(() => createSyncClient({ baseUrl: '' })).toThrow(TypeError);
  });

  it('resolves a relative baseUrl against location in a browser', async () => {
    vi.stubGlobal('location', { href: `${origin}/app/page` });
    try {
      const result = await createSyncClient({ baseUrl: '/api/quovo' }).getSync(7);
      expect(result.sync.status).toBe('syncing');
      expect(received[0]?.path).toBe('/api/quovo/connections/7/sync');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('refuses a non-positive timeout', () => {
    expect(() => client({ timeoutMs: 0 })).toThrow(TypeError);
  });
});

describe('requests', () => {
  it('reads a sync with GET, asking for JSON', async () => {
    const result = await client().getSync(1);
    expect(result.sync).toEqual(SYNCING_STATE);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'GET', path: '/api/quovo/connections/1/sync', body: '' });
    expect(received[0]?.headers.accept).toBe('application/json');
    expect(received[0]?.headers['content-type']).toBeUndefined();
  });

  it('starts a sync with POST {}', async () => {
    await client().startSync(4224865);
    expect(received[0]).toMatchObject({ method: 'POST', path: '/api/quovo/connections/4224865/sync' });
    expect(received[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({});
  });

  it('sends new credentials as JSON', async () => {
    await client().startSync(4224865, { username: 'jane', passcode: 'hunter2' });
    expect(received[0]?.method).toBe('POST');
    expect(received[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({ username: 'jane', passcode: 'hunter2' });
  });

  it('posts answers to /sync by default', async () => {
    await client().answer(4224865, [{ challenge_id: 1669462, answer: 1 }]);
    expect(received[0]).toMatchObject({ method: 'POST', path: '/api/quovo/connections/4224865/sync' });
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({ answers: [{ challenge_id: 1669462, answer: 1 }] });
  });

  it("puts answers to /challenges with answerRoute 'challenges'", async () => {
    await client({ answerRoute: 'challenges' }).answer(4224865, [{ challenge_id: 1669462, answer: '1234' }]);
    expect(received[0]).toMatchObject({ method: 'PUT', path: '/api/quovo/connections/4224865/challenges' });
    expect(received[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({ answers: [{ challenge_id: 1669462, answer: '1234' }] });
  });

  it('sends static headers, and headers computed per request over them', async () => {
    let n = 0;
    const c = client({
      headers: { 'X-CSRF-Token': 'static', 'X-Session': 'static' },
      getHeaders: async () => ({ 'X-Session': `session-${++n}` }),
    });
    await c.getSync(1);
    await c.getSync(1);
    expect(received[0]?.headers['x-csrf-token']).toBe('static');
    expect(received[0]?.headers['x-session']).toBe('session-1');
    expect(received[1]?.headers['x-session']).toBe('session-2');
  });

  it('uses the fetch given, or the global fetch as it is at call time', async () => {
    const given = vi.fn((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
    await client({ fetch: given }).getSync(1);
    expect(given).toHaveBeenCalledTimes(1);

    const c = client();
    const patched = vi.fn(async () => new Response(SYNCING, { status: 200 }));
    vi.spyOn(globalThis, 'fetch').mockImplementation(patched);
    expect((await c.getSync(1)).sync.status).toBe('syncing');
    expect(patched).toHaveBeenCalledTimes(1);
  });

  it('fills a missing connection id from the request', async () => {
    handler = reply(200, '{"challenges":[]}');
    const result = await client().getSync(4224865);
    expect(result.sync.connectionId).toBe(4224865);
    expect(result.sync.status).toBe('challenges');
  });

  it('rejects a connection id that is not an integer, before any request', async () => {
    await expect(client().getSync(Number.NaN)).rejects.toThrow(TypeError);
    await expect(client().getSync(1.5)).rejects.toThrow(TypeError);
    expect(received).toHaveLength(0);
  });
});

describe('timing and the server clock', () => {
  it('returns the Date header, the round trip and its endpoints', async () => {
    handler = reply(200, SYNCING, { Date: 'Sun, 28 Jan 2018 13:00:10 GMT' });
    const result = await client().getSync(1);
    expect(result.date).toBe('Sun, 28 Jan 2018 13:00:10 GMT');
    expect(result.rttMs).toBe(result.receivedAt - result.sentAt);
    expect(result.rttMs).toBeGreaterThanOrEqual(0);
  });

  it('lets the clock observe each response, and estimates a skewed server', async () => {
    const clock = createServerClock();
    handler = (_req, res) => reply(200, SYNCING, { Date: new Date(Date.now() + 300_000).toUTCString() })(_req, res);
    const result = await client({ clock }).getSync(1);
    expect(Math.abs(clock.offsetMs - 300_000)).toBeLessThanOrEqual(clock.errorMs);
    expect(clock.errorMs).toBe(result.rttMs / 2 + 500);
  });

  it('observes error responses too', async () => {
    const clock = createServerClock();
    const observe = vi.spyOn(clock, 'observe');
    handler = reply(500, '{"id":"upstream","message":"x"}', { Date: 'Sun, 28 Jan 2018 13:00:10 GMT' });
    await failure(client({ clock }).getSync(1));
    expect(observe).toHaveBeenCalledWith(expect.objectContaining({ date: 'Sun, 28 Jan 2018 13:00:10 GMT' }));
  });

  it('always clears its timeout timer', async () => {
    const setSpy = vi.spyOn(globalThis, 'setTimeout');
    const clearSpy = vi.spyOn(globalThis, 'clearTimeout');
    const timeoutMs = 12_345; // recognisable among other timers
    const c = client({ timeoutMs });
    await c.getSync(1);
    handler = reply(500, '');
    await failure(c.getSync(1));
    handler = slowly(500, reply(200, SYNCING));
    const controller = new AbortController();
    const pending = c.getSync(1, { signal: controller.signal });
    controller.abort();
    await failure(pending);

    const ours = setSpy.mock.calls.flatMap((call, i) => (call[1] === timeoutMs ? [setSpy.mock.results[i]?.value] : []));
    expect(ours).toHaveLength(3);
    for (const timer of ours) expect(clearSpy).toHaveBeenCalledWith(timer);
  });
});

describe('failures', () => {
  it.each<[number, string, MfaErrorKind]>([
    [401, '{"id":"unauthorized","message":"Token expired"}', 'unauthorized'],
    [404, '{"id":"not_found","message":"No such connection"}', 'not_found'],
    [500, '{"id":"upstream","message":"Oops"}', 'server'],
    [400, '{"id":"bad_request","message":"Bad"}', 'server'],
    [403, 'Forbidden', 'server'],
    [403, '{"id":"not_yours","message":"No"}', 'server'],
    [403, '{"id":"cross_site_request","message":"Requests from other sites are refused."}', 'configuration'],
    [421, '{"id":"misdirected_request","message":"This server does not answer for that host name."}', 'configuration'],
    [421, 'Misdirected', 'configuration'],
  ])('maps HTTP %i to %s, keeping the status and the server code', async (status, body, kind) => {
    handler = reply(status, body);
    const error = await failure(client().getSync(1));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.serverCode).toBe(body.startsWith('{') ? JSON.parse(body).id : null);
    expect(error.message).toContain(String(status));
  });

  it('treats other 4xx as not retryable, 5xx as retryable', async () => {
    handler = reply(400, '{}');
    expect(isRetryable(await failure(client().getSync(1)))).toBe(false);
    handler = reply(500, '{}');
    expect(isRetryable(await failure(client().getSync(1)))).toBe(true);
  });

  it('treats a configuration refusal as not retryable and not arrived: trying again cannot help', async () => {
    handler = reply(403, '{"id":"cross_site_request","message":"Requests from other sites are refused."}');
    const error = await failure(client().startSync(1));
    expect(isRetryable(error)).toBe(false);
    expect(mayHaveArrived(error)).toBe(false);
  });

  it('reads Retry-After in seconds on a 429', async () => {
    handler = reply(429, '{"id":"rate_limited","message":"Slow down"}', { 'Retry-After': '7' });
    const error = await failure(client().getSync(1));
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 7000 });
    expect(isRetryable(error)).toBe(true);
  });

  it('reads Retry-After as an HTTP date, measured against the server’s Date', async () => {
    handler = reply(429, '', { Date: 'Sun, 28 Jan 2018 13:00:10 GMT', 'Retry-After': 'Sun, 28 Jan 2018 13:00:40 GMT' });
    const error = await failure(client().getSync(1));
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 30_000 });
  });

  it('keeps Retry-After on a 503', async () => {
    handler = reply(503, '{"id":"maintenance","message":"Back soon"}', { 'Retry-After': '120' });
    const error = await failure(client().getSync(1));
    expect(error).toMatchObject({ kind: 'server', status: 503, retryAfterMs: 120_000, serverCode: 'maintenance' });
  });

  it('survives an HTML 502 page', async () => {
    handler = reply(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'Content-Type': 'text/html' });
    const error = await failure(client().getSync(1));
    expect(error).toMatchObject({ kind: 'server', status: 502, serverCode: null });
    expect(isRetryable(error)).toBe(true);
  });

  it('maps 409 challenge_expired', async () => {
    handler = reply(409, '{"id":"challenge_expired","message":"Too late"}');
    const error = await failure(client().answer(1, [{ challenge_id: 5, answer: '123456' }]));
    expect(error).toMatchObject({ kind: 'challenge_expired', status: 409, serverCode: 'challenge_expired' });
    expect(isRetryable(error)).toBe(false);
  });

  it('maps 400 answer_too_long, the server refusing an oversized answer, to its own kind', async () => {
    handler = reply(400, '{"id":"answer_too_long","message":"Too long"}');
    const error = await failure(client().answer(1, [{ challenge_id: 5, answer: '1'.repeat(300) }]));
    expect(error).toMatchObject({ kind: 'answer_too_long', status: 400, serverCode: 'answer_too_long' });
    expect(isRetryable(error)).toBe(false);
    handler = reply(409, '{"id":"answer_too_long","message":"Too long"}');
    expect(await failure(client().answer(1, [{ challenge_id: 5, answer: '1' }]))).toMatchObject({ kind: 'server', status: 409 });
  });

  it('maps another 409 to server', async () => {
    handler = reply(409, '{"id":"sync_in_progress","message":"Busy"}');
    const error = await failure(client().startSync(1));
    expect(error).toMatchObject({ kind: 'server', status: 409, serverCode: 'sync_in_progress' });
  });

  it.each([
    ['an empty body', '', 'application/json', /empty/],
    ['malformed JSON', '{"sync": {"status": "syn', 'application/json', /not valid JSON/],
    ['an HTML page', '<!doctype html><title>Login</title>', 'text/html', /HTML/],
  ])('reads a 200 with %s as invalid_response', async (_what, body, contentType, issue) => {
    handler = reply(200, body, { 'Content-Type': contentType });
    const error = await failure(client().getSync(1));
    expect(error).toMatchObject({ kind: 'invalid_response', status: 200 });
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.message).toMatch(issue);
    // A garbled body (a proxy's login or error page) is usually passing: worth a retry.
    expect(isRetryable(error)).toBe(true);
  });

  it('reads a 200 that is JSON but not a sync as invalid_response, with the parser’s issues', async () => {
    handler = reply(200, '{"sync":{"connection_id":1,"status":"challenges","challenges":[{"id":"x"}]}}');
    const error = await failure(client().getSync(1));
    expect(error.kind).toBe('invalid_response');
    expect(error.issues.length).toBeGreaterThan(0);
  });

  it('maps an unreachable server to network', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(createSyncClient({ baseUrl: `http://127.0.0.1:${port}` }).getSync(1));
    expect(error).toMatchObject({ kind: 'network', status: null });
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(isRetryable(error)).toBe(true);
  });

  it('maps a fetch TypeError to network', async () => {
    const error = await failure(client({ fetch: async () => Promise.reject(new TypeError('Failed to fetch')) }).getSync(1));
    expect(error.kind).toBe('network');
  });

  it('maps a failing getHeaders to network, without sending', async () => {
    const error = await failure(client({ getHeaders: () => Promise.reject(new Error('session refresh failed')) }).getSync(1));
    expect(error.kind).toBe('network');
    expect(received).toHaveLength(0);
  });

  it('times out a slow response', async () => {
    handler = slowly(500, reply(200, SYNCING));
    const error = await failure(client({ timeoutMs: 50 }).getSync(1));
    expect(error).toMatchObject({ kind: 'timeout', status: null });
    expect(isRetryable(error)).toBe(true);
  });

  it('times out a slow body after fast headers', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(SYNCING.slice(0, 20));
      slowly(500, (_q, r) => r.end(SYNCING.slice(20)))(_req, res);
    };
    const error = await failure(client({ timeoutMs: 50 }).getSync(1));
    expect(error.kind).toBe('timeout');
  });

  it("runs its time-out on the injected environment's timers and times responses by its clock", async () => {
    // An environment whose time stands still and whose timers fire only when told: the global
    // timers and Date.now() must play no part.
    const timers: (() => void)[] = [];
    const environment = {
      now: () => 1_000_000,
      setTimeout: (callback: () => void) => timers.push(callback),
      clearTimeout: () => {},
    };
    const globalTimer = vi.spyOn(globalThis, 'setTimeout');
    const c = client({ environment, timeoutMs: 60_000, fetch: () => new Promise<Response>(() => {}) });
    const pending = failure(c.getSync(1));
    await vi.waitFor(() => expect(timers).toHaveLength(1));
    expect(globalTimer.mock.calls.filter(([, ms]) => ms === 60_000)).toHaveLength(0);
    timers[0]!();
    expect((await pending).kind).toBe('timeout');
    handler = reply(200, SYNCING);
    const result = await client({ environment }).getSync(1);
    expect(result).toMatchObject({ sentAt: 1_000_000, receivedAt: 1_000_000, rttMs: 0 });
  });

  it('times out even with a fetch that ignores its signal', async () => {
    const error = await failure(client({ timeoutMs: 50, fetch: () => new Promise<Response>(() => {}) }).getSync(1));
    expect(error.kind).toBe('timeout');
  });

  it('is aborted by the caller’s signal', async () => {
    handler = slowly(500, reply(200, SYNCING));
    const controller = new AbortController();
    const pending = client().getSync(1, { signal: controller.signal });
    // Abort once the server has the request, so the abort really interrupts it.
    await vi.waitFor(() => expect(received).toHaveLength(1));
    controller.abort();
    const error = await failure(pending);
    expect(error).toMatchObject({ kind: 'aborted', status: null });
    expect(isRetryable(error)).toBe(false);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(client().startSync(1, undefined, { signal: controller.signal }));
    expect(error.kind).toBe('aborted');
    expect(received).toHaveLength(0);
  });

  it('never puts credentials, answers or header values in messages', async () => {
    const secrets = ['hunter2-passcode', '918273', 'Bearer tok-abc', 'csrf-xyz', 'jane-user'];
    const c = client({ headers: { Authorization: 'Bearer tok-abc' }, getHeaders: () => ({ 'X-CSRF-Token': 'csrf-xyz' }) });
    const errors: MfaError[] = [];
    for (const [status, body] of [
      [401, 'no'],
      [500, '<html>hunter2-passcode</html>'],
      [409, '{"id":"challenge_expired","message":"PIN 918273 too late"}'],
      [400, '{"id":"bad","message":"jane-user"}'],
      [200, 'not json 918273'],
    ] as const) {
      handler = reply(status, body);
      errors.push(await failure(c.startSync(1, { username: 'jane-user', passcode: 'hunter2-passcode' })));
      errors.push(await failure(c.answer(1, [{ challenge_id: 2, answer: '918273' }])));
    }
    handler = slowly(500, reply(200, SYNCING));
    errors.push(await failure(client({ timeoutMs: 50 }).answer(1, [{ challenge_id: 2, answer: '918273' }])));
    for (const error of errors) {
      for (const secret of secrets) {
        expect(error.message).not.toContain(secret);
        expect(JSON.stringify(error.issues)).not.toContain(secret);
      }
    }
  });
});
