/**
 * Three demo processes on one upstream, as a partner runs them behind a round-robin balancer:
 * without REDIS_URL each knows only its own sessions; with it they act as one.
 */
import { createEngine } from '@mfa-kit/sandbox';
import { startSandboxServer } from '@mfa-kit/sandbox/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startRedis } from '../../../packages/server/test/support/redisServer';
import { startDemoServer, type DemoServer } from './server';

const TOKEN = 'processes-test-token';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startProcesses(redisUrl?: string) {
  const engine = createEngine({ timing: { queuedMs: 200, authenticatingMs: 200, verifyingMs: 200, fetchingMs: 200 } });
  const sandbox = await startSandboxServer({ port: 0, token: TOKEN, engine, log: false });
  cleanups.push(() => sandbox.close());
  const demos: DemoServer[] = [];
  for (let n = 0; n < 3; n++) {
    const demo = await startDemoServer({ port: 0, upstream: { url: sandbox.url, token: TOKEN }, log: () => {}, ...(redisUrl ? { redisUrl } : {}) });
    cleanups.push(() => demo.close());
    demos.push(demo);
  }
  return { engine, demos };
}

/** A browser whose requests go to the processes in turn, one cookie for all (the balancer's one origin). */
function roundRobin(demos: DemoServer[]) {
  let cookie: string | null = null;
  let turn = 0;
  return async (path: string, init: RequestInit = {}) => {
    const base = demos[turn++ % demos.length]!.url;
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    if (init.method && init.method !== 'GET') headers.set('origin', base);
    const res = await fetch(`${base}${path}`, { ...init, headers });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return res;
  };
}

describe('three demo processes behind a round-robin balancer', { timeout: 30_000 }, () => {
  it('without REDIS_URL: a session made on one process is unknown to the other two', async () => {
    const { demos } = await startProcesses();
    const request = roundRobin(demos);
    const created = await request('/api/demo/connections', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"scenario":"no_mfa"}' });
    expect(created.status).toBe(201);
    const { connection } = (await created.json()) as { connection: { id: number } };
    const statuses = [];
    for (let n = 0; n < 3; n++) statuses.push((await request(`/api/quovo/connections/${connection.id}/sync`)).status);
    expect(statuses).toEqual([404, 404, 200]);
  });

  it('with REDIS_URL: the session holds on every process, streams open anywhere, and the flow ends good on all', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const { demos } = await startProcesses(redis.url);
    const request = roundRobin(demos);
    const created = await request('/api/demo/connections', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"scenario":"no_mfa"}' });
    expect(created.status).toBe(201);
    const { connection } = (await created.json()) as { connection: { id: number } };
    const id = connection.id;
    const statuses = [];
    for (let n = 0; n < 3; n++) statuses.push((await request(`/api/quovo/connections/${id}/sync`)).status);
    expect(statuses).toEqual([200, 200, 200]);
    // The sync started on one process, then a stream on each.
    expect((await request(`/api/quovo/connections/${id}/sync`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(200);
    const streams = [];
    for (let n = 0; n < 3; n++) {
      const res = await request(`/api/quovo/connections/${id}/events`);
      expect(res.status).toBe(200);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      cleanups.push(() => reader.cancel().catch(() => {}));
      const seen = { text: '' };
      void (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          seen.text += value;
        }
      })().catch(() => {});
      streams.push(seen);
    }
    for (const seen of streams) await vi.waitFor(() => expect(seen.text).toContain('"status":"good"'), { timeout: 15_000, interval: 50 });
  });
});
