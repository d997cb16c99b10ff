import { parseSync } from '@mfa-kit/core';
import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock';
import { createEngine } from './engine';
import type { SandboxResponse } from './response';
import { createSeededRandom } from './random';

const T0 = Date.UTC(2026, 0, 28, 13, 0, 0);

function setup(seed = 7) {
  const clock = createManualClock(T0);
  const engine = createEngine({ clock, random: createSeededRandom(seed) });
  return { clock, engine };
}

function body(response: SandboxResponse): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (response.type !== 'json') throw new Error(`expected JSON, got ${response.type}`);
  return response.body;
}

describe('the engine', () => {
  it('emits every sync through core’s emitSync, so core’s parser reads it back', () => {
    const { clock, engine } = setup();
    const { id } = engine.createConnection('realtime_pin');
    const wire = body(engine.postSync(id));
    expect(Object.keys(wire.sync)).toEqual(['connection_id', 'status', 'progress', 'challenges', 'config_instructions']);
    clock.advance(3000);
    const parsed = parseSync(body(engine.getSync(id)));
    expect(parsed.success && parsed.data).toEqual(engine.state(id));
  });

  it('is deterministic for a seed: ids, PINs and CAPTCHA images repeat', () => {
    const run = () => {
      const { clock, engine } = setup(99);
      const pin = engine.createConnection('realtime_pin');
      const captcha = engine.createConnection('captcha');
      engine.postSync(pin.id);
      engine.postSync(captcha.id);
      clock.advance(3000);
      const choice = engine.state(pin.id).challenges[0]!;
      engine.answer(pin.id, { answers: [{ challenge_id: choice.id, answer: 1 }] });
      clock.advance(1500);
      return [pin.id, captcha.id, engine.outbox(pin.id)[0]?.pin, body(engine.getSync(captcha.id))];
    };
    expect(run()).toEqual(run());
  });

  it('derives progress from the clock alone: no timers', () => {
    const { clock, engine } = setup();
    const { id } = engine.createConnection('no_mfa', { timing: { queuedMs: 100, authenticatingMs: 100, fetchingMs: 100 } });
    expect(engine.state(id).status).toBe('never_synced');
    engine.postSync(id);
    const seen = [0, 50, 100, 150, 200, 250, 300].map((t) => {
      clock.set(T0 + t);
      const { status, progress } = engine.state(id);
      return [status, progress.state, progress.percent];
    });
    expect(seen).toEqual([
      ['syncing', 'queued', 0],
      ['syncing', 'queued', 5],
      ['syncing', 'authenticating', 10],
      ['syncing', 'authenticating', 25],
      ['syncing', 'fetching', 55],
      ['syncing', 'fetching', 77],
      ['good', 'complete', 100],
    ]);
  });

  it('returns a running sync unchanged on a second POST /sync (a double click does not restart MFA)', () => {
    const { clock, engine } = setup();
    const { id } = engine.createConnection('question');
    engine.postSync(id);
    clock.advance(3000);
    const before = engine.state(id);
    expect(body(engine.postSync(id, {})).sync.challenges[0].id).toBe(before.challenges[0]!.id);
  });

  it('starts a sync at creation with { start: true }', () => {
    const { engine } = setup();
    const { id } = engine.createConnection('no_mfa', { start: true, id: 4224865 });
    expect(id).toBe(4224865);
    expect(engine.state(id).progress.state).toBe('queued');
    expect(() => engine.createConnection('no_mfa', { id: 4224865 })).toThrow(RangeError);
  });

  it('refuses answers when nothing is pending (409), bad keys (400) and bad bodies (400)', () => {
    const { clock, engine } = setup();
    const { id } = engine.createConnection('choices');
    expect(body(engine.answer(id, { answers: [{ challenge_id: 1, answer: 1 }] }))).toMatchObject({ id: 'no_pending_challenges' });
    engine.postSync(id);
    clock.advance(3000);
    const c = engine.state(id).challenges[0]!;
    const badKey = engine.answer(id, { answers: [{ challenge_id: c.id, answer: 7 }] });
    expect(badKey.type === 'json' && badKey.status).toBe(400);
    expect(body(badKey)).toMatchObject({ id: 'invalid_answer' });
    expect(body(engine.answer(id, { nope: true }))).toMatchObject({ id: 'invalid_request' });
    // A numeric string is a key too.
    expect(body(engine.answer(id, { answers: [{ challenge_id: c.id, answer: '1' }] })).sync.status).toBe('syncing');
  });

  it('lets onWrongAnswer turn a wrong answer into incorrect_credentials', () => {
    const { clock, engine } = setup();
    const { id } = engine.createConnection('question', { onWrongAnswer: 'incorrect_credentials' });
    engine.postSync(id);
    clock.advance(3000);
    engine.answer(id, { answers: [{ challenge_id: engine.state(id).challenges[0]!.id, answer: 'no idea' }] });
    clock.advance(1500);
    expect(engine.state(id).status).toBe('incorrect_credentials');
  });

  it('keeps a realtime deadline through a wrong PIN, then expires on time', () => {
    const { clock, engine } = setup();
    const { id } = engine.createConnection('realtime_pin', { pinWindowMs: 10_000 });
    engine.postSync(id);
    clock.advance(3000);
    engine.answer(id, { answers: [{ challenge_id: engine.state(id).challenges[0]!.id, answer: 0 }] });
    clock.advance(1500);
    const pin = engine.state(id).challenges[0]!;
    expect(engine.outbox(id)[0]).toMatchObject({ channel: 'Voice', to: 'xxx-xxx-0695' });
    engine.answer(id, { answers: [{ challenge_id: pin.id, answer: 'wrong' }] });
    clock.advance(1500);
    expect(engine.state(id).challenges[0]?.deadline).toBe(pin.deadline);
    clock.set(pin.deadline! - 1);
    expect(engine.state(id).status).toBe('challenges');
    clock.advance(1);
    expect(engine.state(id).status).toBe('resync');
  });
});

describe('faults', () => {
  it('combine: latency with malformed JSON, counted down separately', () => {
    const { engine } = setup();
    const { id } = engine.createConnection('no_mfa');
    engine.setFaults({ latency: { ms: 250 }, malformedJson: { times: 1 } });
    const first = engine.getSync(id);
    expect(first).toMatchObject({ type: 'raw', status: 200, delayMs: 250 });
    expect(() => JSON.parse((first as { raw: string }).raw)).toThrow();
    expect(engine.getSync(id)).toMatchObject({ type: 'json', delayMs: 250 });
    expect(engine.faults()).toEqual({ latency: { ms: 250 } });
    engine.setFaults({});
    expect(engine.getSync(id)).toMatchObject({ delayMs: 0 });
  });

  it('take the connection’s before the global ones, one replacing fault per request', () => {
    const { engine } = setup();
    const { id } = engine.createConnection('no_mfa');
    engine.setFaults({ status500: { times: 1 } });
    engine.setFaults({ drop: { times: 1 }, status429: { times: 1, retryAfterSeconds: 3 } }, id);
    expect(engine.getSync(id)).toMatchObject({ type: 'drop' });
    expect(engine.getSync(id)).toMatchObject({ status: 429, headers: { 'retry-after': '3' } });
    expect(engine.getSync(id)).toMatchObject({ status: 500 });
    expect(engine.getSync(id)).toMatchObject({ status: 200 });
  });

  it('carry out a call whose reply is then lost (lostReply)', () => {
    const { engine } = setup();
    const { id } = engine.createConnection('no_mfa');
    engine.setFaults({ lostReply: { times: 1 } }, id);
    expect(engine.postSync(id)).toMatchObject({ type: 'drop' });
    // The start happened all the same: the sync runs.
    expect(body(engine.getSync(id)).sync.status).toBe('syncing');
  });

  it('skew the Date header and expires together; engine time still decides expiry', () => {
    const { clock, engine } = setup();
    const { id } = engine.createConnection('captcha');
    engine.setFaults({ clockSkew: { seconds: -90 } }, id);
    engine.postSync(id);
    clock.advance(3000);
    const response = engine.getSync(id);
    expect(response.type === 'json' && response.headers.date).toBe(new Date(clock.now() - 90_000).toUTCString());
    expect(body(response).sync.challenges[0].expires).toBe(new Date(clock.now() + 60_000 - 90_000).toISOString());
    clock.advance(60_000);
    expect(engine.state(id).status).toBe('resync');
  });
});

describe('the browser entry', () => {
  it('imports no Node-only module, directly or through its own files', async () => {
    const { readFile } = await import('node:fs/promises');
    const seen = new Set<string>();
    const visit = async (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = await readFile(new URL(`./${file}.ts`, import.meta.url), 'utf8');
      for (const [, spec] of source.matchAll(/from '([^']+)'/g)) {
        expect(spec, `${file}.ts imports ${spec}`).not.toMatch(/^node:|^msw/);
        if (spec!.startsWith('./')) await visit(spec!.slice(2));
      }
    };
    await visit('index');
    expect(seen.has('engine')).toBe(true);
    expect(seen.has('node')).toBe(false);
  });
});

describe('forgetting connections', () => {
  it('forgets connections unused for forgetAfterMs, and keeps the ones in use', () => {
    const clock = createManualClock(Date.parse('2026-01-28T13:00:00Z'));
    const engine = createEngine({ clock, forgetAfterMs: 60_000 });
    const old = engine.createConnection('no_mfa').id;
    const used = engine.createConnection('no_mfa').id;
    clock.advance(40_000);
    engine.getSync(used);
    clock.advance(30_000);
    engine.createConnection('no_mfa');
    expect(engine.hasConnection(old)).toBe(false);
    expect(engine.hasConnection(used)).toBe(true);
    expect(engine.getSync(old)).toMatchObject({ status: 404 });
  });

  it('holds at most maxConnections over 100,000 creations', () => {
    const engine = createEngine({ maxConnections: 500 });
    let last = 0;
    for (let i = 0; i < 100_000; i += 1) last = engine.createConnection('no_mfa').id;
    expect(engine.connections()).toHaveLength(500);
    expect(engine.hasConnection(last)).toBe(true);
  });
});
