/**
 * The proxy as the gatekeeper of answers (issue 20, item 4), counted at the upstream: the
 * sandbox over real HTTP, whose one log line per request is what reaches it.
 */
import { createManualClock, createEngine, createSeededRandom, type ManualClock, type SandboxEngine } from '@mfa-kit/sandbox';
import { startSandboxServer, type SandboxServer } from '@mfa-kit/sandbox/node';
import { createMfaProxy, type MfaProxy } from '@mfa-kit/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

const TOKEN = 'gate-token';
const ORIGIN = 'http://app.test';
const VERIFY_MS = 1500;

interface Harness {
  engine: SandboxEngine;
  clock: ManualClock;
  sandbox: SandboxServer;
  proxy: MfaProxy;
  /** One line per request the upstream received: `METHOD /path status`. */
  lines: string[];
  /** Upstream requests of one method on one connection's routes. */
  count(method: string, id: number): number;
  post(id: number, body: unknown): Promise<Response>;
  put(id: number, body: unknown): Promise<Response>;
  get(id: number): Promise<Response>;
  /** Moves the sandbox's clock and this process's `Date` together. */
  advance(ms: number): void;
}

const running: { close(): unknown }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((item) => item.close()));
  vi.useRealTimers();
});

async function start(): Promise<Harness> {
  const clock = createManualClock();
  vi.useFakeTimers({ toFake: ['Date'], now: clock.now() });
  const engine = createEngine({ clock, random: createSeededRandom(7) });
  const lines: string[] = [];
  const sandbox = await startSandboxServer({ port: 0, token: TOKEN, engine, log: (line) => lines.push(line) });
  running.push(sandbox);
  const proxy = createMfaProxy({ apiUrl: `${sandbox.url}/v3`, token: TOKEN, basePath: '/api/quovo', authorize: () => true, events: false });
  running.push(proxy);
  const write = (method: 'POST' | 'PUT', id: number, body: unknown) =>
    proxy(
      new Request(`${ORIGIN}/api/quovo/connections/${id}/${method === 'PUT' ? 'challenges' : 'sync'}`, {
        method,
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
  return {
    engine,
    clock,
    sandbox,
    proxy,
    lines,
    count: (method, id) => lines.filter((line) => line.startsWith(`${method} /v3/connections/${id}/`)).length,
    post: (id, body) => write('POST', id, body),
    put: (id, body) => write('PUT', id, body),
    get: (id) => proxy(new Request(`${ORIGIN}/api/quovo/connections/${id}/sync`)),
    advance(ms) {
      clock.advance(ms);
      vi.setSystemTime(clock.now());
    },
  };
}

type WireChallenge = { id: number; type: string; question: string };
async function challengesOf(res: Response): Promise<WireChallenge[]> {
  expect(res.status).toBe(200);
  return ((await res.json()) as { sync: { challenges: WireChallenge[] } }).sync.challenges;
}

/** A realtime_pin connection taken to its PIN question through the proxy; its PIN from the outbox. */
async function atPin(h: Harness, options: { pinWindowMs?: number } = {}) {
  const { id } = h.engine.createConnection('realtime_pin', options);
  expect((await h.post(id, {})).status).toBe(200);
  h.advance(3000);
  const [destination] = await challengesOf(await h.get(id));
  await challengesOf(await h.post(id, { answers: [{ challenge_id: destination!.id, answer: 1 }] }));
  h.advance(VERIFY_MS);
  const [pin] = await challengesOf(await h.get(id));
  expect(pin).toMatchObject({ question: 'Enter your pin:' });
  return { id, challengeId: pin!.id, pin: h.engine.outbox(id)[0]!.pin };
}

const wrong = (pin: string) => (pin === '000000' ? '111111' : '000000');

describe('the proxy as the gatekeeper of answers, counted at the upstream', () => {
  it('sends two identical PIN posts made at once upstream once; both get its outcome', async () => {
    const h = await start();
    const { id, challengeId, pin } = await atPin(h);
    const before = h.count('POST', id);
    const body = { answers: [{ challenge_id: challengeId, answer: pin }] };
    const [a, b] = await Promise.all([h.post(id, body), h.post(id, body)]);
    expect(h.count('POST', id) - before).toBe(1);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await b.text()).toBe(await a.text());
  });

  it('sends ten identical PIN posts made at once upstream once', async () => {
    const h = await start();
    const { id, challengeId, pin } = await atPin(h);
    const before = h.count('POST', id);
    const body = { answers: [{ challenge_id: challengeId, answer: pin }] };
    const all = await Promise.all(Array.from({ length: 10 }, () => h.post(id, body)));
    expect(h.count('POST', id) - before).toBe(1);
    expect(all.map((r) => r.status)).toEqual(Array(10).fill(200));
  });

  it('writes one at a time: a different answer sent meanwhile is checked against the sync the first one left', async () => {
    const h = await start();
    const { id, challengeId, pin } = await atPin(h);
    const before = h.count('POST', id);
    const [right, other] = await Promise.all([
      h.post(id, { answers: [{ challenge_id: challengeId, answer: pin }] }),
      h.put(id, { answers: [{ challenge_id: challengeId, answer: wrong(pin) }] }),
    ]);
    expect(right.status).toBe(200);
    // The first answer was right: the challenge is answered, so the second is not forwarded.
    expect(other.status).toBe(409);
    expect(await other.json()).toEqual({ id: 'challenge_not_pending', message: expect.any(String) });
    expect(h.count('POST', id) + h.count('PUT', id) - before).toBe(1);
  });

  it("refuses another connection's challenge id with its PIN, without reaching the upstream", async () => {
    const h = await start();
    const victim = await atPin(h);
    const attacker = await atPin(h);
    const before = h.count('POST', attacker.id);
    const res = await h.post(attacker.id, { answers: [{ challenge_id: victim.challengeId, answer: victim.pin }] });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { id: string; message: string };
    expect(body.id).toBe('challenge_not_pending');
    expect(body.message).not.toContain(victim.pin);
    expect(h.count('POST', attacker.id)).toBe(before);
    expect(h.count('POST', victim.id)).toBe(2);
  });

  it('refuses a body that answers one challenge twice ([wrong, right]), without reaching the upstream', async () => {
    const h = await start();
    const { id, challengeId, pin } = await atPin(h);
    const before = h.count('POST', id);
    const res = await h.post(id, { answers: [{ challenge_id: challengeId, answer: wrong(pin) }, { challenge_id: challengeId, answer: pin }] });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ id: 'duplicate_answer', message: expect.any(String) });
    expect(h.count('POST', id)).toBe(before);
    // 380 PINs in 16 kB: the same refusal, one request cannot brute-force.
    const many = Array.from({ length: 380 }, (_, n) => ({ challenge_id: challengeId, answer: String(n).padStart(6, '0') }));
    expect((await h.put(id, { answers: many })).status).toBe(400);
    expect(h.count('PUT', id)).toBe(0);
    expect(h.engine.state(id).status).toBe('challenges');
  });

  it('refuses an answer 3 s after its challenge expired with challenge_expired, without reaching the upstream', async () => {
    const h = await start();
    const { id, challengeId, pin } = await atPin(h, { pinWindowMs: 30_000 });
    const before = h.count('POST', id);
    h.advance(33_000);
    const res = await h.post(id, { answers: [{ challenge_id: challengeId, answer: pin }] });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ id: 'challenge_expired', message: expect.any(String) });
    expect(h.count('POST', id)).toBe(before);
  });

  it('refuses a 15,000-digit PIN with answer_too_long, without reaching the upstream', async () => {
    const h = await start();
    const { id, challengeId } = await atPin(h);
    const before = h.count('POST', id);
    const res = await h.post(id, { answers: [{ challenge_id: challengeId, answer: '7'.repeat(15_000) }] });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ id: 'answer_too_long', message: expect.any(String) });
    expect(h.count('POST', id)).toBe(before);
  });

  it('refuses a choice key the challenge does not offer, without reaching the upstream', async () => {
    const h = await start();
    const { id } = h.engine.createConnection('realtime_pin');
    await h.post(id, {});
    h.advance(3000);
    const [destination] = await challengesOf(await h.get(id));
    const before = h.count('POST', id);
    const res = await h.post(id, { answers: [{ challenge_id: destination!.id, answer: 'x'.repeat(300) }] });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ id: 'invalid_answer', message: expect.any(String) });
    expect(h.count('POST', id)).toBe(before);
  });

  it('reads the sync first when it has none for the connection, then forwards a pending answer', async () => {
    const h = await start();
    const { id, challengeId, pin } = await atPin(h);
    // A second proxy (another process) has seen no sync of this connection.
    const other = createMfaProxy({ apiUrl: `${h.sandbox.url}/v3`, token: TOKEN, basePath: '/api/quovo', authorize: () => true, events: false });
    running.push(other);
    const gets = h.count('GET', id);
    const res = await other(
      new Request(`${ORIGIN}/api/quovo/connections/${id}/sync`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ answers: [{ challenge_id: challengeId, answer: pin }] }),
      }),
    );
    expect(res.status).toBe(200);
    expect(h.count('GET', id)).toBe(gets + 1);
    h.advance(10_000);
    expect(h.engine.state(id).status).toBe('good');
  });

  it('still forwards a wrong PIN and then the right one, each once', async () => {
    const h = await start();
    const { id, challengeId, pin } = await atPin(h);
    const before = h.count('POST', id);
    expect((await h.post(id, { answers: [{ challenge_id: challengeId, answer: wrong(pin) }] })).status).toBe(200);
    h.advance(VERIFY_MS);
    const [again] = await challengesOf(await h.get(id));
    expect((await h.post(id, { answers: [{ challenge_id: again!.id, answer: pin }] })).status).toBe(200);
    expect(h.count('POST', id) - before).toBe(2);
  });
});
