/**
 * Several server processes on one real Redis (Debian's `redis-server`, started here on a free
 * port): three `createMfaProxy` instances with the sandbox upstream over HTTP, the upstream
 * counting what reaches it. Real time: each wait is for an event, never a time threshold.
 */
import { createEngine, type SandboxEngine } from '@mfa-kit/sandbox';
import { startSandboxServer, type SandboxServer } from '@mfa-kit/sandbox/node';
import { createMfaProxy, type MfaProxy } from '@mfa-kit/server';
import { createRedisCoordination, type RedisCoordination } from '@mfa-kit/server/redis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startRedis, type RedisServer } from './support/redisServer';
import { readSyncEvents, startHolder } from './support/streams';

const TOKEN = 'redis-test-token';
const LEASE_MS = 1500;
const POLICY = { fastMs: 100, fastForMs: 600_000, jitter: 0 };
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Process {
  proxy: MfaProxy;
  coordination: RedisCoordination;
  /** Upstream reads this process made. */
  reads: number;
  /** Bodies of the writes this process sent upstream. */
  writes: string[];
}

async function startUpstream(): Promise<{ sandbox: SandboxServer; engine: SandboxEngine; gets: (id: number) => number }> {
  const engine = createEngine();
  const lines: string[] = [];
  const sandbox = await startSandboxServer({ port: 0, token: TOKEN, engine, log: (line) => lines.push(line) });
  cleanups.push(() => sandbox.close());
  return { sandbox, engine, gets: (id) => lines.filter((line) => line.startsWith(`GET /v3/connections/${id}/sync`)).length };
}

function startProcess(redis: RedisServer, upstreamUrl: string): Process {
  const coordination = createRedisCoordination({ url: redis.url, leaseMs: LEASE_MS, commandTimeoutMs: 1000 });
  const process: Process = { proxy: undefined as never, coordination, reads: 0, writes: [] };
  process.proxy = createMfaProxy({
    apiUrl: `${upstreamUrl}/v3`,
    token: TOKEN,
    authorize: () => true,
    coordination,
    events: { policy: POLICY },
    fetch: (input, init) => {
      if ((init?.method ?? 'GET') === 'GET') process.reads += 1;
      else process.writes.push(String(init?.body));
      return fetch(input, init);
    },
  });
  cleanups.push(async () => {
    process.proxy.close();
    await coordination.close();
  });
  return process;
}

/** Opens a stream and records the statuses it pushes. */
async function watch(proxy: MfaProxy, id: number) {
  const response = await proxy(new Request(`http://app.test/connections/${id}/events`, { headers: { cookie: `session=${Math.random()}` } }));
  expect(response.status).toBe(200);
  const statuses: string[] = [];
  const stop = readSyncEvents(response, (body) => statuses.push((body as { sync: { status: string } }).sync.status));
  cleanups.push(stop);
  return statuses;
}

const until = (check: () => void, timeout = 20_000) => vi.waitFor(check, { timeout, interval: 25 });

describe('several processes on one Redis', { timeout: 60_000 }, () => {
  it('runs one upstream poll loop per connection for three processes with three watchers each', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const { sandbox, engine, gets } = await startUpstream();
    const { id } = engine.createConnection('no_mfa', { start: true, timing: { queuedMs: 3_600_000 } });
    const processes = [startProcess(redis, sandbox.url), startProcess(redis, sandbox.url), startProcess(redis, sandbox.url)];
    await until(() => expect(processes.every((p) => p.coordination.isReady())).toBe(true));
    const streams: string[][] = [];
    for (const p of processes) for (let n = 0; n < 3; n++) streams.push(await watch(p.proxy, id));
    await until(() => expect(gets(id)).toBeGreaterThanOrEqual(12));
    // One process reads; the upstream saw its reads and no others (one may be on its way).
    expect(processes.filter((p) => p.reads > 0)).toHaveLength(1);
    const reads = processes.reduce((sum, p) => sum + p.reads, 0);
    expect(reads - gets(id)).toBeGreaterThanOrEqual(0);
    expect(reads - gets(id)).toBeLessThanOrEqual(1);
    // And every stream on every process had the reads pushed.
    await until(() => expect(Math.min(...streams.map((s) => s.length))).toBeGreaterThanOrEqual(10));
  });

  it('replaces a lease holder killed mid-sync: every stream on the surviving processes reaches good', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const { sandbox, engine, gets } = await startUpstream();
    const { id } = engine.createConnection('no_mfa', { start: true, timing: { queuedMs: 8000, authenticatingMs: 1000, verifyingMs: 0, fetchingMs: 1000 } });
    const holder = await startHolder({ redisUrl: redis.url, upstream: `${sandbox.url}/v3`, token: TOKEN, connectionId: id, leaseMs: LEASE_MS });
    cleanups.push(() => holder.kill('SIGKILL'));
    const survivors = [startProcess(redis, sandbox.url), startProcess(redis, sandbox.url)];
    await until(() => expect(survivors.every((p) => p.coordination.isReady())).toBe(true));
    const streams: string[][] = [];
    for (const p of survivors) for (let n = 0; n < 2; n++) streams.push(await watch(p.proxy, id));
    // The holder's reads reach the survivors' streams through Redis; they read nothing themselves.
    await until(() => expect(Math.min(...streams.map((s) => s.length))).toBeGreaterThanOrEqual(2));
    expect(survivors.map((p) => p.reads)).toEqual([0, 0]);
    expect(engine.state(id).status).toBe('syncing');
    const before = gets(id);
    await holder.kill('SIGKILL');
    for (const statuses of streams) await until(() => expect(statuses.at(-1)).toBe('good'));
    expect(survivors.filter((p) => p.reads > 0)).toHaveLength(1);
    expect(gets(id)).toBeGreaterThan(before);
  });

  it('sends an identical PIN posted to three processes at once upstream once; all get its outcome', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const { sandbox, engine } = await startUpstream();
    const { id } = engine.createConnection('realtime_pin', { start: true, timing: { queuedMs: 0, authenticatingMs: 0, verifyingMs: 0 } });
    const processes = [startProcess(redis, sandbox.url), startProcess(redis, sandbox.url), startProcess(redis, sandbox.url)];
    await until(() => expect(processes.every((p) => p.coordination.isReady())).toBe(true));
    const post = (p: Process, body: unknown) =>
      p.proxy(new Request(`http://app.test/connections/${id}/sync`, { method: 'POST', headers: { origin: 'http://app.test', 'content-type': 'application/json' }, body: JSON.stringify(body) }));
    await until(() => expect(engine.state(id).status).toBe('challenges'));
    expect((await post(processes[0]!, { answers: [{ challenge_id: engine.state(id).challenges[0]!.id, answer: 1 }] })).status).toBe(200);
    await until(() => expect(engine.state(id).challenges[0]?.prompt).toBe('Enter your pin:'));
    const body = { answers: [{ challenge_id: engine.state(id).challenges[0]!.id, answer: engine.outbox(id)[0]!.pin }] };
    const answers = await Promise.all(processes.map((p) => post(p, body)));
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200]);
    const texts = await Promise.all(answers.map((res) => res.text()));
    expect(new Set(texts).size).toBe(1);
    expect(processes.flatMap((p) => p.writes).filter((sent) => sent.includes(body.answers[0]!.answer))).toHaveLength(1);
  });

  it('loses no answer and posts none twice when Redis restarts mid-flow, and the streams recover', async () => {
    const redis = await startRedis();
    let current: RedisServer | null = redis;
    cleanups.push(() => current?.stop());
    const { sandbox, engine } = await startUpstream();
    const { id } = engine.createConnection('realtime_pin', { start: true, timing: { queuedMs: 200, authenticatingMs: 200, verifyingMs: 1500, fetchingMs: 1000 } });
    const [a, b, c] = [startProcess(redis, sandbox.url), startProcess(redis, sandbox.url), startProcess(redis, sandbox.url)];
    await until(() => expect([a, b, c].every((p) => p.coordination.isReady())).toBe(true));
    const streams = [await watch(a!.proxy, id), await watch(b!.proxy, id), await watch(c!.proxy, id)];
    const answer = (p: Process, challengeId: number, value: number | string) =>
      p.proxy(
        new Request(`http://app.test/connections/${id}/sync`, {
          method: 'POST',
          headers: { origin: 'http://app.test', 'content-type': 'application/json' },
          body: JSON.stringify({ answers: [{ challenge_id: challengeId, answer: value }] }),
        }),
      );
    await until(() => expect(engine.state(id).status).toBe('challenges'));
    await until(() => expect(streams.every((s) => s.at(-1) === 'challenges')).toBe(true));
    expect((await answer(b!, engine.state(id).challenges[0]!.id, 1)).status).toBe(200);
    await until(() => expect(engine.state(id).challenges[0]?.prompt).toBe('Enter your pin:'));
    const pinChallenge = engine.state(id).challenges[0]!.id;
    const pin = engine.outbox(id)[0]!.pin;

    await current.stop();
    current = null;
    await until(() => expect([a, b, c].some((p) => p.coordination.isReady())).toBe(false));
    const posted = await answer(c!, pinChallenge, pin);
    expect(posted.status).toBe(200);
    current = await startRedis(redis.port);
    for (const statuses of streams) await until(() => expect(statuses.at(-1)).toBe('good'));
    await until(() => expect([a, b, c].every((p) => p.coordination.isReady())).toBe(true));
    const withPin = [a, b, c].flatMap((p) => p.writes).filter((body) => body.includes(pin));
    expect(withPin).toHaveLength(1);
    expect(engine.state(id).status).toBe('good');
  });
});
