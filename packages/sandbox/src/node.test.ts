import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from './clock';
import { createEngine } from './engine';
import { faceSuite, startHarness } from './faceSuite.testkit';
import type { FaceFactory } from './faceSuite.testkit';
import { startSandboxServer } from './node';
import type { SandboxServer } from './node';

const httpFace: FaceFactory = async ({ engine, token }) => {
  const server = await startSandboxServer({ port: 0, token, engine, log: false });
  return { baseUrl: server.url, close: server.close };
};

describe('the HTTP face (node:http), through core’s client', () => {
  faceSuite(httpFace);
});

describe('the HTTP face, as the documentation’s realtime page plays it', () => {
  const started: SandboxServer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
  });

  async function start(logLines: string[] = []) {
    const clock = createManualClock(Date.UTC(2018, 0, 28, 13, 0, 0));
    const server = await startSandboxServer({ port: 0, token: 'doc-token', engine: createEngine({ clock }), log: (l) => logLines.push(l) });
    started.push(server);
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { Authorization: 'Bearer doc-token', 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, date: response.headers.get('date'), json: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const { json } = await call('POST', '/__sandbox/connections', { scenario: 'realtime_pin' });
    return { server, clock, call, id: json.connection.id as number };
  }

  it('start, choose the Text destination, read the PIN from the outbox, post it before expires: good', async () => {
    const log: string[] = [];
    const { clock, call, id } = await start(log);
    const queued = await call('POST', `/v3/connections/${id}/sync`);
    expect(queued.json.sync).toMatchObject({ connection_id: id, status: 'syncing', progress: { state: 'queued' } });
    expect(queued.date).toBe(new Date(clock.now()).toUTCString());
    clock.advance(3000);
    const stage1 = (await call('GET', `/v3/connections/${id}/sync`)).json.sync;
    expect(stage1.status).toBe('challenges');
    const choice = stage1.challenges[0];
    expect(choice).toMatchObject({ type: 'question', question: 'Where should we send your pin?', expires: null, should_answer: true });
    const text = choice.choices.find((c: { category: string }) => c.category === 'Text');
    await call('POST', `/v3/connections/${id}/sync`, { answers: [{ challenge_id: choice.id, answer: text.key }] });
    clock.advance(1500);
    const stage2 = (await call('GET', `/v3/connections/${id}/sync`)).json.sync.challenges[0];
    expect(stage2).toMatchObject({ type: 'question', question: 'Enter your pin:' });
    expect(Date.parse(stage2.expires)).toBe(clock.now() + 120_000);
    const outbox = (await call('GET', `/__sandbox/connections/${id}/outbox`)).json.messages;
    expect(outbox).toEqual([
      expect.objectContaining({ channel: 'Text', to: text.value, pin: expect.stringMatching(/^\d{6}$/), sent_at: new Date(clock.now()).toISOString() }),
    ]);
    clock.advance(60_000);
    const answered = await call('POST', `/v3/connections/${id}/sync`, { answers: [{ challenge_id: stage2.id, answer: outbox[0].pin }] });
    expect(answered.status).toBe(200);
    clock.advance(10_000);
    expect((await call('GET', `/v3/connections/${id}/sync`)).json.sync.status).toBe('good');
    // One line per request, and never a body, an answer, a PIN or the token.
    expect(log.length).toBeGreaterThanOrEqual(8);
    for (const line of log) {
      expect(line).toMatch(/^(GET|POST|PUT) \/\S+ \d{3} \d+ms$/);
      expect(line).not.toContain(outbox[0].pin);
      expect(line).not.toContain('doc-token');
    }
  });

  it('waits past expires: resync, then a new POST /sync starts at stage one', async () => {
    const { clock, call, id } = await start();
    await call('POST', `/connections/${id}/sync`);
    clock.advance(3000);
    const choice = (await call('GET', `/connections/${id}/sync`)).json.sync.challenges[0];
    await call('POST', `/connections/${id}/sync`, { answers: [{ challenge_id: choice.id, answer: 1 }] });
    clock.advance(1500);
    const stage2 = (await call('GET', `/connections/${id}/sync`)).json.sync.challenges[0];
    clock.set(Date.parse(stage2.expires));
    const expired = (await call('GET', `/connections/${id}/sync`)).json.sync;
    expect(expired).toMatchObject({ status: 'resync', challenges: [] });
    const late = await call('POST', `/connections/${id}/sync`, { answers: [{ challenge_id: stage2.id, answer: '123456' }] });
    expect(late.status).toBe(409);
    expect(late.json).toMatchObject({ id: 'challenge_expired' });
    const restarted = await call('POST', `/connections/${id}/sync`);
    expect(restarted.json.sync).toMatchObject({ status: 'syncing', progress: { state: 'queued' } });
    clock.advance(3000);
    const again = (await call('GET', `/connections/${id}/sync`)).json.sync.challenges[0];
    expect(again).toMatchObject({ type: 'question', question: 'Where should we send your pin?', expires: null });
    expect(again.id).not.toBe(choice.id);
  });
});

describe('the HTTP face’s own rules', () => {
  it('answers 409 clock_not_manual when the engine runs on real time', async () => {
    const server = await startSandboxServer({ port: 0, token: null, log: false });
    try {
      const response = await fetch(`${server.url}/__sandbox/clock`, { method: 'POST', body: JSON.stringify({ advance_ms: 1000 }) });
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ id: 'clock_not_manual' });
    } finally {
      await server.close();
    }
  });

  it('refuses malformed request JSON with 400, unknown routes with 404, wrong methods with 405', async () => {
    const h = await startHarness(httpFace, null);
    try {
      const id = await h.create('no_mfa');
      const bad = await fetch(`${h.baseUrl}/connections/${id}/sync`, { method: 'POST', body: '{"answers": [' });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ id: 'invalid_request' });
      expect((await fetch(`${h.baseUrl}/nowhere`)).status).toBe(404);
      expect((await fetch(`${h.baseUrl}/connections/${id}/sync`, { method: 'DELETE' })).status).toBe(405);
      expect((await fetch(`${h.baseUrl}/connections/abc/sync`)).status).toBe(404);
    } finally {
      await h.close();
    }
  });
});
