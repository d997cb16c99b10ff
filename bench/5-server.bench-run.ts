/**
 * Benchmark 5, the server package: what push (`@mfa-kit/server`'s events route and core's
 * `createEventStreamTransport`) costs and saves against polling, and what the proxy adds per
 * request. Tables 5a to 5c run in fake time (core's real `createMfaSession` in the "browser",
 * the real proxy in between, the sandbox behind MSW as the upstream); 5d is real time over
 * loopback sockets. Prints figures; asserts nothing.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEventStreamTransport, createMfaSession, createSyncClient, parseSync } from '@mfa-kit/core';
import type { Challenge, MfaSession, SyncTransport } from '@mfa-kit/core';
import { createEngine, createSeededRandom } from '@mfa-kit/sandbox';
import type { SandboxEngine } from '@mfa-kit/sandbox';
import { createSandboxHandlers } from '@mfa-kit/sandbox/msw';
import { startSandboxServer } from '@mfa-kit/sandbox/node';
import { createMfaProxy } from '@mfa-kit/server';
import type { MfaProxy } from '@mfa-kit/server';
import { toNodeHandler } from '@mfa-kit/server/node';
import { setupServer } from 'msw/node';
import { it, vi } from 'vitest';
import { fixed, printTable } from './support/print';

const UPSTREAM = 'http://quovo.test';
const WEBHOOK_SECRET = 'bench-webhook-secret-0001';
const PARTNER = 'http://partner.test/api/quovo';
const START = Date.UTC(2018, 0, 28, 13, 0, 0);
const CHOOSE_MS = 10_000;
const TYPE_MS = 20_000;
const STEP_MS = 50;
const RUNS = 5;

type Mode = 'polling' | 'push' | 'push + webhook';

interface FlowFigures {
  browserGets: number;
  browserPosts: number;
  browserStreams: number;
  upstreamGets: number;
  upstreamPosts: number;
  /** Upstream state change → the first watcher's snapshot showing it, per change, ms. */
  latencies: number[];
  seconds: number;
}

/** Lets pending fetches and stream reads settle without moving fake time. */
async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await vi.advanceTimersByTimeAsync(0);
  }
}

/** What the user would see change: status plus the answerable challenges' ids and kinds. */
function signature(status: string, challenges: readonly Challenge[]): string {
  return `${status}:${challenges
    .filter((c) => c.shouldAnswer)
    .map((c) => `${c.kind}${c.id}`)
    .join(',')}`;
}

/** One realtime PIN flow: `watchers` tabs on one connection, the first one acts. */
async function runFlow(mode: Mode, watchers: number): Promise<FlowFigures> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: START });
  const engine: SandboxEngine = createEngine({ clock: { now: () => Date.now() }, random: createSeededRandom(7) });
  const msw = setupServer(...createSandboxHandlers({ engine, baseUrl: UPSTREAM }));
  msw.listen({ onUnhandledRequest: 'error' });
  const upstream = { gets: 0, posts: 0 };
  msw.events.on('request:start', ({ request }) => {
    if (request.method === 'GET') upstream.gets += 1;
    else upstream.posts += 1;
  });
  const proxy: MfaProxy = createMfaProxy({ apiUrl: UPSTREAM, token: 'bench', basePath: '/api/quovo', authorize: () => true, webhook: { secret: WEBHOOK_SECRET, scheme: 'shared-secret' } });
  const browser = { gets: 0, posts: 0, streams: 0 };
  // The browser reaches the proxy by a direct call: only the upstream goes through MSW.
  const browserFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    request.headers.set('sec-fetch-site', 'same-origin');
    if (new URL(request.url).pathname.endsWith('/events')) browser.streams += 1;
    else if (request.method === 'GET') browser.gets += 1;
    else browser.posts += 1;
    return proxy(request);
  }) as typeof fetch;
  const transport: SyncTransport =
    mode === 'polling' ? createSyncClient({ baseUrl: PARTNER, fetch: browserFetch }) : createEventStreamTransport({ baseUrl: PARTNER, fetch: browserFetch });

  const { id } = engine.createConnection('realtime_pin');
  const sessions: MfaSession[] = [];
  const unsubscribes: (() => void)[] = [];
  const seen: { at: number; signature: string }[] = [];
  for (let i = 0; i < watchers; i++) {
    const session = createMfaSession({ connectionId: id, transport, autoStart: i === 0 });
    sessions.push(session);
    unsubscribes.push(
      session.subscribe(() => {
        if (i !== 0) return;
        const { sync } = session.getSnapshot();
        if (sync && seen.at(-1)?.signature !== signature(sync.status, sync.challenges)) seen.push({ at: Date.now(), signature: signature(sync.status, sync.challenges) });
      }),
    );
  }
  const user = sessions[0]!;
  const changes: { at: number; signature: string; wrote: boolean }[] = [];
  let lastSignature = '';
  let postsSeen = 0;
  const tick = async (ms: number) => {
    for (let elapsed = 0; elapsed < ms; elapsed += STEP_MS) {
      await vi.advanceTimersByTimeAsync(STEP_MS);
      await settle(2);
      // A write in this step: the change it causes comes back in the write's own answer.
      const wrote = browser.posts !== postsSeen;
      postsSeen = browser.posts;
      // The upstream's own view, read without HTTP: when did what the user sees change there?
      const current = engine.getSync(id);
      if (current.type === 'json' && current.status === 200) {
        const parsed = parseSync(current.body, { connectionId: id });
        if (parsed.success) {
          const now = signature(parsed.data.status, parsed.data.challenges);
          if (now !== lastSignature) {
            lastSignature = now;
            changes.push({ at: Date.now(), signature: now, wrote });
            if (mode === 'push + webhook' && !wrote) {
              await proxy.handleWebhook(new Request(`${PARTNER}/webhooks/quovo`, { method: 'POST', headers: { 'x-mfa-kit-signature': WEBHOOK_SECRET }, body: JSON.stringify({ connection_id: id }) }));
            }
          }
        }
      }
    }
  };

  const started = Date.now();
  const waitFor = async (check: () => boolean, within = 120_000) => {
    for (let waited = 0; !check(); waited += STEP_MS) {
      if (waited > within) throw new Error(`bench 5 (${mode}): stuck at ${user.getSnapshot().step.type}, browser ${JSON.stringify(browser)}, upstream ${JSON.stringify(upstream)}, ${JSON.stringify(user.getSnapshot().sync?.progress)} ${user.getSnapshot().connectivity} stats ${JSON.stringify(proxy.stats())} now ${Date.now() - START}`);
      await tick(STEP_MS);
    }
  };
  const pending = () => user.getSnapshot().challenges.find((c) => c.shouldAnswer);

  await settle();
  await waitFor(() => pending()?.kind === 'choice');
  await tick(CHOOSE_MS);
  const choice = pending()!;
  if (choice.kind === 'choice') user.setAnswer(choice.id, choice.choices[0]!.key);
  void user.submit();
  await waitFor(() => pending()?.kind === 'text');
  const pinChallenge = pending()!;
  await tick(TYPE_MS);
  user.setAnswer(pinChallenge.id, engine.outbox(id).at(-1)?.pin ?? '');
  void user.submit();
  await waitFor(() => user.getSnapshot().step.type === 'done');
  const seconds = (Date.now() - started) / 1000;
  await tick(1000);

  // Latency: each upstream change the user did not cause by a write (writes answer with the
  // new sync at once in every mode), to the first snapshot showing it before the next change.
  const latencies: number[] = [];
  changes.forEach((change, index) => {
    if (change.wrote) return;
    const until = changes[index + 1]?.at ?? Number.POSITIVE_INFINITY;
    const shown = seen.find((s) => s.signature === change.signature && s.at >= change.at && s.at <= until);
    if (shown) latencies.push(shown.at - change.at);
  });

  for (const stop of unsubscribes) stop();
  for (const session of sessions) session.destroy();
  proxy.close();
  msw.close();
  vi.useRealTimers();
  return { browserGets: browser.gets, browserPosts: browser.posts, browserStreams: browser.streams, upstreamGets: upstream.gets, upstreamPosts: upstream.posts, latencies, seconds };
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

async function averaged(mode: Mode, watchers: number) {
  const runs: FlowFigures[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await runFlow(mode, watchers));
  const avg = (pick: (f: FlowFigures) => number) => mean(runs.map(pick));
  return {
    browserGets: avg((f) => f.browserGets),
    browserPosts: avg((f) => f.browserPosts),
    browserStreams: avg((f) => f.browserStreams),
    upstreamGets: avg((f) => f.upstreamGets),
    upstreamPosts: avg((f) => f.upstreamPosts),
    latencies: runs.flatMap((f) => f.latencies),
    seconds: avg((f) => f.seconds),
  };
}

/** Median and 95th percentile of `n` GETs against `url`, in ms. */
async function timeGets(url: string, headers: Record<string, string>, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    times.push(performance.now() - t0);
  }
  return times;
}

it('prints the server tables', async () => {
  const polling1 = await averaged('polling', 1);
  const push1 = await averaged('push', 1);
  const polling3 = await averaged('polling', 3);
  const push3 = await averaged('push', 3);
  const webhook1 = await averaged('push + webhook', 1);

  printTable(
    '5a. Browser requests per realtime PIN flow (1 tab), push vs polling',
    ['per flow, mean of 5', 'polling', 'push'],
    [
      ['GET /sync', fixed(polling1.browserGets), fixed(push1.browserGets)],
      ['POST /sync (start, choice, PIN)', fixed(polling1.browserPosts), fixed(push1.browserPosts)],
      ['GET /events (stream opens)', fixed(polling1.browserStreams), fixed(push1.browserStreams)],
      ['flow duration, simulated s', fixed(polling1.seconds), fixed(push1.seconds)],
    ],
    ['Core’s createMfaSession in the browser, the real proxy, the sandbox upstream; the user takes 10 s to choose and 20 s to type.'],
  );
  printTable(
    '5b. Upstream requests per flow, by watchers (tabs on one connection)',
    ['per flow, mean of 5', 'polling, 1 tab', 'polling, 3 tabs', 'push, 1 tab', 'push, 3 tabs'],
    [
      ['upstream GET /sync', fixed(polling1.upstreamGets), fixed(polling3.upstreamGets), fixed(push1.upstreamGets), fixed(push3.upstreamGets)],
      ['upstream POST /sync', fixed(polling1.upstreamPosts), fixed(polling3.upstreamPosts), fixed(push1.upstreamPosts), fixed(push3.upstreamPosts)],
    ],
    ['Push: the server reads once per connection however many tabs watch (coalesced).'],
  );
  const row = (name: string, l: number[]) => [name, String(l.length), fixed(mean(l), 0), fixed(percentile(l, 50), 0), fixed(percentile(l, 95), 0), fixed(Math.max(...l), 0)];
  printTable(
    '5c. Latency from an upstream change to the browser’s snapshot, ms (simulated, 50 ms resolution)',
    ['mode', 'changes', 'mean', 'p50', 'p95', 'max'],
    [row('polling (1 tab)', polling1.latencies), row('push (1 tab)', push1.latencies), row('push + webhook at the change', webhook1.latencies)],
    ['Changes the user did not cause by a write (those come back in the POST’s answer in every mode).'],
  );

  // 5d: real sockets on loopback, real time.
  const engine = createEngine();
  const sandbox = await startSandboxServer({ port: 0, token: 'bench', engine, log: false });
  const { id } = engine.createConnection('no_mfa');
  const proxy = createMfaProxy({ apiUrl: sandbox.url, token: 'bench', basePath: '/api/quovo', authorize: () => true });
  const server = createServer(toNodeHandler(proxy));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxied = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/quovo/connections/${id}/sync`;
  const direct = `${sandbox.url}/connections/${id}/sync`;
  const auth = { authorization: 'Bearer bench' };
  await timeGets(direct, auth, 200);
  await timeGets(proxied, {}, 200);
  const directTimes: number[] = [];
  const proxiedTimes: number[] = [];
  for (let round = 0; round < 10; round++) {
    directTimes.push(...(await timeGets(direct, auth, 100)));
    proxiedTimes.push(...(await timeGets(proxied, {}, 100)));
  }
  printTable(
    '5d. Proxy overhead per GET /sync, real sockets on loopback, ms',
    ['path', 'requests', 'p50', 'p95', 'mean'],
    [
      ['browser → sandbox (direct, the anchor)', String(directTimes.length), fixed(percentile(directTimes, 50), 2), fixed(percentile(directTimes, 95), 2), fixed(mean(directTimes), 2)],
      ['browser → proxy → sandbox', String(proxiedTimes.length), fixed(percentile(proxiedTimes, 50), 2), fixed(percentile(proxiedTimes, 95), 2), fixed(mean(proxiedTimes), 2)],
      ['overhead (difference)', '', fixed(percentile(proxiedTimes, 50) - percentile(directTimes, 50), 2), fixed(percentile(proxiedTimes, 95) - percentile(directTimes, 95), 2), fixed(mean(proxiedTimes) - mean(directTimes), 2)],
    ],
    ['Interleaved rounds of 100 after 200 warm-up requests each; the proxy parses and re-emits every sync.'],
  );
  server.closeAllConnections();
  server.close();
  proxy.close();
  await sandbox.close();
});
