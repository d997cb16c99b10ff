/**
 * One behaviour suite, run against both faces (node:http and MSW) through core's client, so the
 * two cannot drift apart. Not part of the published package (tests only).
 */
import { createServerClock, createSyncClient, isMfaError } from '@mfa-kit/core/protocol';
import type { MfaError, SyncClient, SyncClientOptions, SyncState } from '@mfa-kit/core/protocol';
import { expect, it } from 'vitest';
import type { ManualClock } from './clock';
import { createManualClock } from './clock';
import type { ConnectionOptions, SandboxEngine } from './engine';
import { createEngine } from './engine';
import type { SandboxFaults } from './faults';
import { createSeededRandom } from './random';
import type { ScenarioName } from './scenarios';

/** Starts one face over an engine; returns its base URL and how to stop it. */
export type FaceFactory = (options: { engine: SandboxEngine; token: string | null }) => Promise<{ baseUrl: string; close(): Promise<void> }>;

/** A started face with a manual clock, a client and admin helpers. */
export interface FaceHarness {
  engine: SandboxEngine;
  clock: ManualClock;
  baseUrl: string;
  client: SyncClient;
  clientWith(options: Partial<SyncClientOptions>): SyncClient;
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  create(scenario: ScenarioName, options?: ConnectionOptions): Promise<number>;
  setFaults(faults: SandboxFaults, connectionId?: number): Promise<void>;
  close(): Promise<void>;
}

/** The token the suite's faces use when auth is on. */
export const SUITE_TOKEN = 'suite-token';

/** Starts a face with a fresh engine on a manual clock and a seeded random source. */
export async function startHarness(factory: FaceFactory, token: string | null = SUITE_TOKEN): Promise<FaceHarness> {
  const clock = createManualClock(Date.UTC(2026, 0, 28, 13, 0, 0));
  const engine = createEngine({ clock, random: createSeededRandom(42) });
  const face = await factory({ engine, token });
  const headers: Record<string, string> = token === null ? {} : { Authorization: `Bearer ${token}` };
  const clientWith = (options: Partial<SyncClientOptions>) => createSyncClient({ baseUrl: face.baseUrl, headers, ...options });
  const admin = async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${face.baseUrl}/__sandbox${path}`, {
      method,
      headers: { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  return {
    engine,
    clock,
    baseUrl: face.baseUrl,
    client: clientWith({}),
    clientWith,
    admin,
    async create(scenario, options) {
      const { status, body } = await admin<{ connection: { id: number; scenario: string } }>('POST', '/connections', { scenario, options });
      expect(status).toBe(201);
      expect(body.connection.scenario).toBe(scenario);
      return body.connection.id;
    },
    async setFaults(faults, connectionId) {
      const { status } = await admin('PUT', '/faults', connectionId === undefined ? faults : { connection_id: connectionId, faults });
      expect(status).toBe(200);
    },
    close: face.close,
  };
}

/** Rejects with the client's MfaError, or fails the test. */
export async function mfaError(promise: Promise<unknown>): Promise<MfaError> {
  try {
    await promise;
  } catch (e) {
    if (isMfaError(e)) return e;
    throw e;
  }
  throw new Error('expected the call to reject with an MfaError');
}

/** Which shape an `image_choices` picture is (the sandbox titles its SVGs). */
export function imageName(image: unknown): string | null {
  if (typeof image !== 'string') return null;
  const svg = atob(image.slice(image.indexOf(',') + 1));
  return /<title>(\w+)<\/title>/.exec(svg)?.[1] ?? null;
}

const LOGIN_MS = 3000;
const VERIFY_MS = 1500;
const FETCH_MS = 2000;

/** Registers the shared suite. Call inside a `describe`. */
export function faceSuite(factory: FaceFactory): void {
  const withHarness = (name: string, test: (h: FaceHarness) => Promise<void>, token: string | null = SUITE_TOKEN) =>
    it(name, async () => {
      const h = await startHarness(factory, token);
      try {
        await test(h);
      } finally {
        await h.close();
      }
    });

  /** POST /sync, then wait out queued and authenticating. */
  async function toChallenges(h: FaceHarness, id: number): Promise<SyncState> {
    const started = await h.client.startSync(id);
    expect(started.sync.status).toBe('syncing');
    expect(started.sync.progress.state).toBe('queued');
    h.clock.advance(LOGIN_MS);
    return (await h.client.getSync(id)).sync;
  }

  async function finish(h: FaceHarness, id: number): Promise<SyncState> {
    h.clock.advance(VERIFY_MS + FETCH_MS);
    return (await h.client.getSync(id)).sync;
  }

  withHarness('no_mfa: queued, logging in, fetching, then good', async (h) => {
    const id = await h.create('no_mfa');
    expect(id).toBeGreaterThanOrEqual(1_000_000);
    expect(id).toBeLessThanOrEqual(9_999_999);
    const started = await h.client.startSync(id);
    expect(started.sync).toMatchObject({ connectionId: id, status: 'syncing', progress: { state: 'queued', percent: 0 } });
    h.clock.advance(500);
    expect((await h.client.getSync(id)).sync.progress).toMatchObject({ state: 'queued', percent: 5 });
    h.clock.advance(1500);
    expect((await h.client.getSync(id)).sync.progress).toMatchObject({ state: 'authenticating', percent: 25 });
    h.clock.advance(2000);
    expect((await h.client.getSync(id)).sync.progress.state).toBe('fetching');
    h.clock.advance(2000);
    expect((await h.client.getSync(id)).sync).toMatchObject({ status: 'good', progress: { percent: 100 }, challenges: [] });
  });

  withHarness('question: a wrong answer brings a new question, a right one (any case, trimmed) ends in good', async (h) => {
    const id = await h.create('question');
    const first = await toChallenges(h, id);
    expect(first.status).toBe('challenges');
    const q1 = first.challenges[0];
    expect(q1).toMatchObject({ kind: 'text', wireType: 'question', deadline: null, shouldAnswer: true });
    expect(q1?.prompt).toContain('Not Hotdog');
    expect((await h.client.answer(id, [{ challenge_id: q1!.id, answer: 'Google' }])).sync.progress.state).toBe('verifying');
    h.clock.advance(VERIFY_MS);
    const second = (await h.client.getSync(id)).sync;
    const q2 = second.challenges[0];
    expect(second.status).toBe('challenges');
    expect(q2?.id).not.toBe(q1?.id);
    expect(q2?.prompt).toBe('What was the name of your first pet?');
    await h.client.answer(id, [{ challenge_id: q2!.id, answer: '  rEX ' }]);
    expect((await finish(h, id)).status).toBe('good');
  });

  withHarness('choices: key 1 ("42") is right; a wrong key asks again', async (h) => {
    const id = await h.create('choices');
    const sync = await toChallenges(h, id);
    const c = sync.challenges[0]!;
    expect(c).toMatchObject({ kind: 'choice', wireType: 'choices', prompt: 'What is the ultimate answer?' });
    await h.client.answer(id, [{ challenge_id: c.id, answer: 0 }]);
    h.clock.advance(VERIFY_MS);
    const again = (await h.client.getSync(id)).sync.challenges[0]!;
    expect(again.prompt).toBe(c.prompt);
    expect(again.id).not.toBe(c.id);
    await h.client.answer(id, [{ challenge_id: again.id, answer: 1 }]);
    expect((await finish(h, id)).status).toBe('good');
  });

  withHarness('realtime_pin: stage one as documented, PIN in the outbox, stage two with expires, then good', async (h) => {
    const id = await h.create('realtime_pin');
    const stage1 = await toChallenges(h, id);
    const choice = stage1.challenges[0]!;
    expect(choice).toMatchObject({ kind: 'choice', wireType: 'question', deadline: null, prompt: 'Where should we send your pin?' });
    expect(choice.kind === 'choice' && choice.choices).toEqual([
      { key: 0, value: 'xxx-xxx-0695', category: 'Voice' },
      { key: 1, value: 'xxx-xxx-0695', category: 'Text' },
      { key: 2, value: 'xxx-xxx-5309', category: 'Voice' },
      { key: 3, value: 'xxx-xxx-5309', category: 'Text' },
    ]);
    await h.client.answer(id, [{ challenge_id: choice.id, answer: 3 }]);
    h.clock.advance(VERIFY_MS);
    const stage2 = (await h.client.getSync(id)).sync;
    const pinChallenge = stage2.challenges[0]!;
    expect(pinChallenge).toMatchObject({ kind: 'text', prompt: 'Enter your pin:', deadline: h.clock.now() + 120_000 });
    const { body } = await h.admin<{ messages: { channel: string; to: string; pin: string; body: string }[] }>(
      'GET',
      `/connections/${id}/outbox`,
    );
    expect(body.messages).toHaveLength(1);
    const message = body.messages[0]!;
    expect(message).toMatchObject({ channel: 'Text', to: 'xxx-xxx-5309' });
    expect(message.pin).toMatch(/^\d{6}$/);
    expect(message.body).toContain(message.pin);
    // A wrong PIN: asked again, same deadline.
    h.clock.advance(10_000);
    await h.client.answer(id, [{ challenge_id: pinChallenge.id, answer: message.pin === '000000' ? '111111' : '000000' }]);
    h.clock.advance(VERIFY_MS);
    const retry = (await h.client.getSync(id)).sync.challenges[0]!;
    expect(retry.id).not.toBe(pinChallenge.id);
    expect(retry.deadline).toBe(pinChallenge.deadline);
    await h.client.answer(id, [{ challenge_id: retry.id, answer: message.pin }]);
    expect((await finish(h, id)).status).toBe('good');
  });

  withHarness('realtime_pin: past expires the sync reads resync, and a new POST /sync starts again at stage one', async (h) => {
    const id = await h.create('realtime_pin');
    const stage1 = await toChallenges(h, id);
    await h.client.answer(id, [{ challenge_id: stage1.challenges[0]!.id, answer: 1 }]);
    h.clock.advance(VERIFY_MS);
    const stage2 = (await h.client.getSync(id)).sync;
    expect(stage2.challenges[0]?.deadline).not.toBeNull();
    h.clock.advance(120_000);
    expect((await h.client.getSync(id)).sync).toMatchObject({ status: 'resync', challenges: [] });
    const restarted = await toChallenges(h, id);
    expect(restarted.status).toBe('challenges');
    expect(restarted.challenges[0]).toMatchObject({ kind: 'choice', prompt: 'Where should we send your pin?', deadline: null });
  });

  withHarness('an answer after the deadline is refused with challenge_expired, and the sync reads resync', async (h) => {
    const id = await h.create('realtime_pin', { pinWindowMs: 30_000 });
    const stage1 = await toChallenges(h, id);
    await h.client.answer(id, [{ challenge_id: stage1.challenges[0]!.id, answer: 1 }]);
    h.clock.advance(VERIFY_MS);
    const pinChallenge = (await h.client.getSync(id)).sync.challenges[0]!;
    expect(pinChallenge.deadline).toBe(h.clock.now() + 30_000);
    const pin = h.engine.outbox(id)[0]!.pin;
    h.clock.advance(30_000);
    const error = await mfaError(h.client.answer(id, [{ challenge_id: pinChallenge.id, answer: pin }]));
    expect(error).toMatchObject({ kind: 'challenge_expired', status: 409, serverCode: 'challenge_expired' });
    expect(error.message).not.toContain(pin);
    expect((await h.client.getSync(id)).sync.status).toBe('resync');
  });

  withHarness('captcha: a generated SVG image with expires; the text, any case, is right; wrong brings a new image', async (h) => {
    const id = await h.create('captcha');
    const sync = await toChallenges(h, id);
    const c = sync.challenges[0]!;
    expect(c).toMatchObject({ kind: 'captcha', wireType: 'image', deadline: h.clock.now() + 60_000 });
    const image = c.kind === 'captcha' ? c.image : '';
    expect(image).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(atob(String(image).split(',')[1]!)).toMatch(/^<svg[\s\S]*<text[\s\S]*rotate\(/);
    const { body } = await h.admin<{ captcha: { challenge_id: number; answer: string } }>('GET', `/connections/${id}/captcha`);
    expect(body.captcha.challenge_id).toBe(c.id);
    await h.client.answer(id, [{ challenge_id: c.id, answer: 'WRONG' }]);
    h.clock.advance(VERIFY_MS);
    const again = (await h.client.getSync(id)).sync.challenges[0]!;
    expect(again.id).not.toBe(c.id);
    expect(again.kind === 'captcha' && again.image).not.toBe(image);
    const answer = (await h.admin<{ captcha: { answer: string } }>('GET', `/connections/${id}/captcha`)).body.captcha.answer;
    await h.client.answer(id, [{ challenge_id: again.id, answer: ` ${answer.toLowerCase()} ` }]);
    expect((await finish(h, id)).status).toBe('good');
    expect((await h.admin('GET', `/connections/${id}/captcha`)).status).toBe(404);
  });

  withHarness('captcha: past its 60 s window the sync reads resync', async (h) => {
    const id = await h.create('captcha');
    await toChallenges(h, id);
    h.clock.advance(60_000);
    expect((await h.client.getSync(id)).sync.status).toBe('resync');
  });

  withHarness('image_choices: four generated pictures; the star is right, another brings a new set', async (h) => {
    const id = await h.create('image_choices');
    const c = (await toChallenges(h, id)).challenges[0]!;
    expect(c.kind).toBe('imageChoice');
    if (c.kind !== 'imageChoice') return;
    expect(c.choices).toHaveLength(4);
    for (const choice of c.choices) expect(choice.image).toMatch(/^data:image\/svg\+xml;base64,/);
    const wrong = c.choices.find((choice) => imageName(choice.image) !== 'star')!;
    await h.client.answer(id, [{ challenge_id: c.id, answer: wrong.key }]);
    h.clock.advance(VERIFY_MS);
    const again = (await h.client.getSync(id)).sync.challenges[0]!;
    if (again.kind !== 'imageChoice') throw new Error('expected image choices');
    const star = again.choices.find((choice) => imageName(choice.image) === 'star')!;
    await h.client.answer(id, [{ challenge_id: again.id, answer: star.key }]);
    expect((await finish(h, id)).status).toBe('good');
  });

  withHarness('multi: two questions answered together; the read-only one is ignored; a wrong one means incorrect_credentials', async (h) => {
    const id = await h.create('multi');
    const sync = await toChallenges(h, id);
    expect(sync.challenges).toHaveLength(3);
    const [pet, city, notice] = sync.challenges as [SyncState['challenges'][number], SyncState['challenges'][number], SyncState['challenges'][number]];
    expect(notice.shouldAnswer).toBe(false);
    // One answer alone is refused: all pending challenges go in one POST.
    const partial = await mfaError(h.client.answer(id, [{ challenge_id: pet.id, answer: 'Rex' }]));
    expect(partial).toMatchObject({ status: 400, serverCode: 'missing_answers' });
    await h.client.answer(id, [
      { challenge_id: pet.id, answer: 'Rex' },
      { challenge_id: city.id, answer: 'Shelbyville' },
    ]);
    expect((await finish(h, id)).status).toBe('incorrect_credentials');
    // After new credentials the questions come back; right answers (and a stray read-only answer) end in good.
    const again = (await h.client.startSync(id, { username: 'demo', passcode: 'anything' })).sync;
    expect(again.status).toBe('syncing');
    h.clock.advance(LOGIN_MS);
    const [pet2, city2, notice2] = (await h.client.getSync(id)).sync.challenges;
    await h.client.answer(id, [
      { challenge_id: pet2!.id, answer: 'rex' },
      { challenge_id: city2!.id, answer: 'springfield' },
      { challenge_id: notice2!.id, answer: 'ignored' },
    ]);
    expect((await finish(h, id)).status).toBe('good');
  });

  withHarness('incorrect_credentials: rejected until POST /sync brings passcode "correct"', async (h) => {
    const id = await h.create('incorrect_credentials');
    await h.client.startSync(id);
    h.clock.advance(LOGIN_MS);
    expect((await h.client.getSync(id)).sync.status).toBe('incorrect_credentials');
    await h.client.startSync(id, { username: 'demo', passcode: 'nope' });
    h.clock.advance(LOGIN_MS);
    expect((await h.client.getSync(id)).sync.status).toBe('incorrect_credentials');
    await h.client.startSync(id, { username: 'demo', passcode: 'correct' });
    h.clock.advance(LOGIN_MS + FETCH_MS);
    expect((await h.client.getSync(id)).sync.status).toBe('good');
  });

  withHarness('user_config: instructions first, then a restart succeeds', async (h) => {
    const id = await h.create('user_config');
    await h.client.startSync(id);
    h.clock.advance(LOGIN_MS);
    const sync = (await h.client.getSync(id)).sync;
    expect(sync.status).toBe('user_config');
    expect(sync.configInstructions).toMatch(/accept the new terms/);
    await h.client.startSync(id);
    h.clock.advance(LOGIN_MS + FETCH_MS);
    expect((await h.client.getSync(id)).sync.status).toBe('good');
  });

  withHarness('maintenance: a failure status with no user action, every time', async (h) => {
    const id = await h.create('maintenance');
    for (let run = 0; run < 2; run += 1) {
      await h.client.startSync(id);
      h.clock.advance(LOGIN_MS);
      const sync = (await h.client.getSync(id)).sync;
      expect(sync.status).toBe('maintenance');
      expect(sync.progress.message).toMatch(/maintenance/);
    }
  });

  withHarness('answers for an unknown challenge id are refused with 400 unknown_challenge', async (h) => {
    const id = await h.create('question');
    const c = (await toChallenges(h, id)).challenges[0]!;
    const error = await mfaError(h.client.answer(id, [{ challenge_id: c.id + 1, answer: 'Periscope' }]));
    expect(error).toMatchObject({ kind: 'server', status: 400, serverCode: 'unknown_challenge' });
    expect((await h.client.getSync(id)).sync.challenges[0]?.id).toBe(c.id);
  });

  withHarness('answers may also go to PUT /connections/{id}/challenges, and routes work under /v3', async (h) => {
    const id = await h.create('choices');
    const v3 = h.clientWith({ baseUrl: `${h.baseUrl}/v3`, answerRoute: 'challenges' });
    await v3.startSync(id);
    h.clock.advance(LOGIN_MS);
    const c = (await v3.getSync(id)).sync.challenges[0]!;
    await v3.answer(id, [{ challenge_id: c.id, answer: 1 }]);
    h.clock.advance(VERIFY_MS + FETCH_MS);
    expect((await v3.getSync(id)).sync.status).toBe('good');
  });

  withHarness('an unknown connection is not_found (404)', async (h) => {
    expect(await mfaError(h.client.getSync(1234567))).toMatchObject({ kind: 'not_found', status: 404 });
  });

  withHarness('429 is rate_limited with retryAfterMs from Retry-After', async (h) => {
    const id = await h.create('no_mfa');
    await h.setFaults({ status429: { retryAfterSeconds: 7, times: 1 } });
    expect(await mfaError(h.client.getSync(id))).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 7000 });
    expect((await h.client.getSync(id)).sync.status).toBe('never_synced');
  });

  withHarness('500 twice, then recovery (a counted fault)', async (h) => {
    const id = await h.create('no_mfa');
    await h.setFaults({ status500: { times: 2 } });
    expect(await mfaError(h.client.startSync(id))).toMatchObject({ kind: 'server', status: 500 });
    expect(await mfaError(h.client.startSync(id))).toMatchObject({ kind: 'server', status: 500 });
    expect((await h.client.startSync(id)).sync.status).toBe('syncing');
    expect((await h.admin<{ faults: SandboxFaults }>('GET', '/faults')).body.faults).toEqual({});
  });

  withHarness('a 502 HTML page is a server error', async (h) => {
    const id = await h.create('no_mfa');
    await h.setFaults({ status502: { times: 1 } });
    expect(await mfaError(h.client.getSync(id))).toMatchObject({ kind: 'server', status: 502, serverCode: null });
  });

  withHarness('malformed JSON is invalid_response', async (h) => {
    const id = await h.create('no_mfa');
    await h.setFaults({ malformedJson: { times: 1 } });
    expect(await mfaError(h.client.getSync(id))).toMatchObject({ kind: 'invalid_response', status: 200 });
  });

  withHarness('a dropped connection is a network error', async (h) => {
    const id = await h.create('no_mfa');
    await h.setFaults({ drop: { times: 1 } });
    expect(await mfaError(h.client.getSync(id))).toMatchObject({ kind: 'network' });
    expect((await h.client.getSync(id)).sync.connectionId).toBe(id);
  });

  withHarness('latency beyond the client timeout is a timeout', async (h) => {
    const id = await h.create('no_mfa');
    await h.setFaults({ latency: { ms: 5_000, times: 1 } });
    expect(await mfaError(h.clientWith({ timeoutMs: 20 }).getSync(id))).toMatchObject({ kind: 'timeout' });
  });

  withHarness('faults can target one connection and combine', async (h) => {
    const faulty = await h.create('no_mfa');
    const healthy = await h.create('no_mfa');
    await h.setFaults({ status500: { times: 1 }, latency: { ms: 1, times: 1 } }, faulty);
    expect((await h.client.getSync(healthy)).sync.status).toBe('never_synced');
    expect(await mfaError(h.client.getSync(faulty))).toMatchObject({ kind: 'server', status: 500 });
    expect((await h.client.getSync(faulty)).sync.status).toBe('never_synced');
  });

  withHarness('a skewed server clock: the Date header and expires move together, and the estimator sees the skew', async (h) => {
    // The estimator compares the server's Date with the local clock: put engine time at "now".
    h.clock.set(Date.now());
    const id = await h.create('captcha');
    await h.setFaults({ clockSkew: { seconds: 300 } });
    const serverClock = createServerClock();
    await h.clientWith({ clock: serverClock }).startSync(id);
    // Date has whole seconds, and engine time stands still while the local clock runs on.
    expect(serverClock.offsetMs).toBeGreaterThan(300_000 - 2000);
    expect(serverClock.offsetMs).toBeLessThanOrEqual(300_000 + 1000);
    h.clock.advance(LOGIN_MS);
    const askedAt = h.clock.now();
    const result = await h.client.getSync(id);
    expect(Date.parse(result.date!)).toBe(Math.floor((askedAt + 300_000) / 1000) * 1000);
    expect(result.sync.challenges[0]?.deadline).toBe(askedAt + 60_000 + 300_000);
    const { body } = await h.admin<{ captcha: { expires: string } }>('GET', `/connections/${id}/captcha`);
    expect(Date.parse(body.captcha.expires)).toBe(askedAt + 60_000 + 300_000);
  });

  withHarness(
    'auth: a missing or wrong token is unauthorized (401)',
    async (h) => {
      const id = await h.create('no_mfa');
      expect(await mfaError(h.clientWith({ headers: {} }).getSync(id))).toMatchObject({ kind: 'unauthorized', status: 401, serverCode: 'unauthorized' });
      expect(await mfaError(h.clientWith({ headers: { Authorization: 'Bearer nope' } }).getSync(id))).toMatchObject({ kind: 'unauthorized' });
      const admin = await fetch(`${h.baseUrl}/__sandbox/scenarios`);
      expect(admin.status).toBe(401);
      expect(await admin.json()).toMatchObject({ id: 'unauthorized' });
    },
  );

  withHarness('admin: scenarios are listed with descriptions; bad fault shapes are refused', async (h) => {
    const { body } = await h.admin<{ scenarios: { name: string; description: string }[] }>('GET', '/scenarios');
    expect(body.scenarios.map((s) => s.name)).toEqual([
      'no_mfa',
      'question',
      'choices',
      'realtime_pin',
      'captcha',
      'image_choices',
      'multi',
      'incorrect_credentials',
      'user_config',
      'maintenance',
    ]);
    for (const s of body.scenarios) expect(s.description.length).toBeGreaterThan(10);
    expect((await h.admin('PUT', '/faults', { status500: { times: -1 } })).status).toBe(400);
    expect((await h.admin('PUT', '/faults', { teapot: {} })).status).toBe(400);
    expect((await h.admin('POST', '/connections', { scenario: 'nope' })).status).toBe(400);
  });

  withHarness('admin: the manual clock moves through POST /__sandbox/clock', async (h) => {
    const before = h.clock.now();
    const { status, body } = await h.admin<{ clock: { now: string; manual: boolean } }>('POST', '/clock', { advance_ms: 60_000 });
    expect(status).toBe(200);
    expect(body.clock).toEqual({ now: new Date(before + 60_000).toISOString(), manual: true });
  });
}
