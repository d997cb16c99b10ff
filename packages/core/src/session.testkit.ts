/**
 * Test kit for the session (tests only, not exported): the sandbox behind MSW in Node, fake
 * timers and Date, and a session subscribed so it works. No React, no DOM. The sandbox engine
 * reads the faked `Date.now()`, so server time and polling move together. The hooks' test kit
 * builds on this one (its time helpers run inside React's `act`).
 */
import { createEngine, createSeededRandom, type ConnectionOptions, type SandboxEngine, type ScenarioName } from '@mfa-kit/sandbox';
import { createSandboxHandlers } from '@mfa-kit/sandbox/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { browserEnvironment, type MfaEnvironment } from './environment';
import type { SyncState } from './model';
import { createMfaSession, type MfaEventMeta, type MfaEventName, type MfaSession, type MfaSessionOptions } from './session';

/** Where the "partner backend" lives in tests. */
export const BASE_URL = 'http://partner.test/api/quovo';
/** Fake time starts here (the documentation's example day). */
export const START = Date.UTC(2018, 0, 28, 13, 0, 0);

const server = setupServer();

/** Registers the MSW server for a test file. */
export function setupSandboxServer(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    server.events.removeAllListeners();
    vi.useRealTimers();
  });
  afterAll(() => server.close());
}

/** One request the sandbox saw. */
export interface SeenRequest {
  at: number;
  method: string;
  path: string;
  body: string;
}

/** A fresh sandbox engine behind MSW, with fake timers and Date from {@link START} (unless `fakeTimers: false`). */
export function startSandbox({ fakeTimers = true, ...windows }: { pinWindowMs?: number; captchaWindowMs?: number; fakeTimers?: boolean } = {}) {
  // Only timers and Date: microtasks, nextTick and setImmediate stay real so fetch can settle.
  if (fakeTimers) vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: START });
  const engine: SandboxEngine = createEngine({ clock: { now: () => Date.now() }, random: createSeededRandom(7), ...windows });
  const requests: SeenRequest[] = [];
  server.use(...createSandboxHandlers({ engine, baseUrl: BASE_URL }));
  server.events.on('request:start', ({ request }) => {
    const seen: SeenRequest = { at: Date.now(), method: request.method, path: new URL(request.url).pathname.replace('/api/quovo', ''), body: '' };
    requests.push(seen);
    void request.clone().text().then((body) => (seen.body = body));
  });
  const create = (scenario: ScenarioName, connection?: ConnectionOptions) => engine.createConnection(scenario, connection).id;
  const posts = () => requests.filter((r) => r.method !== 'GET');
  const gets = () => requests.filter((r) => r.method === 'GET');
  const answerPosts = () => posts().filter((r) => r.body.includes('"answers"'));
  return { engine, requests, create, posts, gets, answerPosts, server };
}

/** A session on the sandbox, subscribed (so it works), recording its events and snapshots. */
export function open(connectionId: number, options: Partial<MfaSessionOptions> = {}) {
  const events: [MfaEventName, MfaEventMeta][] = [];
  const session: MfaSession = createMfaSession({
    connectionId,
    baseUrl: BASE_URL,
    autoStart: true,
    onEvent: (name, meta) => events.push([name, meta]),
    ...options,
  });
  const renders = { count: 0 };
  const stop = session.subscribe(() => renders.count++);
  const names = () => events.map(([name]) => name);
  const snap = () => session.getSnapshot();
  return { session, events, names, snap, stop, renders };
}

/**
 * The helpers that move fake time. Each step runs inside `wrap`: React tests pass `act`, so the
 * renders a step causes settle with it; here a step just runs.
 */
export function fakeTimeHelpers(wrap: (step: () => Promise<void>) => Promise<unknown> = (step) => step()) {
  /** Moves fake time by `ms` at once. */
  const advance = async (ms: number) => {
    await wrap(async () => {
      await vi.advanceTimersByTimeAsync(ms);
    });
  };
  /** Lets pending requests settle without moving fake time. */
  const settle = async (rounds = 5) => {
    for (let i = 0; i < rounds; i++) {
      await wrap(async () => {
        await new Promise<void>((resolve) => setImmediate(resolve));
        await vi.advanceTimersByTimeAsync(0);
      });
    }
  };
  /** Moves fake time in `step` ms increments until `check()` is true; fails after `within` ms of fake time (never a wall-clock threshold). */
  const until = async (check: () => boolean, { step = 100, within = 120_000 } = {}) => {
    await settle(2);
    for (let elapsed = 0; elapsed <= within; elapsed += step) {
      if (check()) return;
      await advance(step);
      await settle(2);
    }
    throw new Error(`Still not true after ${within} ms of fake time.`);
  };
  /** Moves fake time by `ms` in `step` increments, letting requests settle on the way. */
  const elapse = async (ms: number, step = 250) => {
    for (let elapsed = 0; elapsed < ms; elapsed += step) {
      await advance(Math.min(step, ms - elapsed));
      await settle(2);
    }
  };
  return { advance, settle, until, elapse };
}

export const { settle, until, elapse } = fakeTimeHelpers();

/** The one answerable challenge of the snapshot. */
export function onlyChallenge(session: MfaSession) {
  const challenge = session.getSnapshot().challenges.find((c) => c.shouldAnswer);
  if (!challenge) throw new Error(`no challenge; step is ${session.getSnapshot().step.type}`);
  return challenge;
}

/** Which key of an image-choice challenge shows the star (the sandbox's right answer). */
export function starKey(sync: SyncState | null) {
  const challenge = sync?.challenges.find((c) => c.kind === 'imageChoice');
  if (!challenge || challenge.kind !== 'imageChoice') throw new Error('no image choice challenge');
  const star = challenge.choices.find((c) => typeof c.image === 'string' && atob(c.image.split(',')[1] ?? '').includes('<title>star</title>'));
  if (!star) throw new Error('no star');
  return star.key;
}

/** The real timers and time, with a page whose visibility and connectivity the test sets. */
export function controlledPage() {
  let hidden = false;
  let offline = false;
  const listeners = new Set<() => void>();
  const environment: MfaEnvironment = {
    ...browserEnvironment,
    isHidden: () => hidden,
    isOffline: () => offline,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const tell = () => listeners.forEach((listener) => listener());
  return {
    environment,
    listeners,
    setHidden: (value: boolean) => ((hidden = value), tell()),
    setOffline: (value: boolean) => ((offline = value), tell()),
  };
}
