/**
 * Test kit (tests only, not exported): the sandbox behind MSW in Node, fake timers for the
 * hooks' polling, and helpers that move fake time until something is true. The sandbox engine
 * reads the (faked) `Date.now()`, so server time and polling move together; a clock skew is
 * the sandbox's own `clockSkew` fault.
 */
import { createEngine, createSeededRandom } from '@mfa-kit/sandbox';
import type { ConnectionOptions, SandboxEngine, ScenarioName } from '@mfa-kit/sandbox';
import { createSandboxHandlers } from '@mfa-kit/sandbox/msw';
import { act } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';

/** Where the "partner backend" lives in tests. */
export const BASE_URL = 'http://partner.test/api/quovo';
/** Fake time starts here (the documentation's example day). */
export const START = Date.UTC(2018, 0, 28, 13, 0, 0);

const server = setupServer();

/** One request seen by the sandbox. */
export interface SeenRequest {
  /** Fake time when the sandbox received it. */
  at: number;
  method: string;
  path: string;
  body: string;
}

/** Registers the MSW server for a test file. */
export function setupSandboxServer(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    server.events.removeAllListeners();
    vi.useRealTimers();
    delete (globalThis as { jest?: unknown }).jest;
  });
  afterAll(() => server.close());
}

/** A fresh sandbox engine behind MSW, with fake timers on. */
export function startSandbox(options: { pinWindowMs?: number; captchaWindowMs?: number; fakeTimers?: boolean } = {}) {
  if (options.fakeTimers !== false) {
    // Only timers and Date: microtasks, nextTick and setImmediate stay real so fetch can settle.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: START });
    installJestTimerShim();
  }
  const engine: SandboxEngine = createEngine({
    clock: { now: () => Date.now() },
    random: createSeededRandom(7),
    pinWindowMs: options.pinWindowMs,
    captchaWindowMs: options.captchaWindowMs,
  });
  const requests: SeenRequest[] = [];
  server.use(...createSandboxHandlers({ engine, baseUrl: BASE_URL }));
  server.events.on('request:start', ({ request }) => {
    const seen: SeenRequest = { at: Date.now(), method: request.method, path: new URL(request.url).pathname.replace('/api/quovo', ''), body: '' };
    requests.push(seen);
    void request
      .clone()
      .text()
      .then((body) => {
        seen.body = body;
      });
  });
  const create = (scenario: ScenarioName, connection?: ConnectionOptions) => engine.createConnection(scenario, connection).id;
  const posts = () => requests.filter((r) => r.method !== 'GET');
  const gets = () => requests.filter((r) => r.method === 'GET');
  return { engine, requests, create, posts, gets, server };
}

/** Moves fake time by `ms`, letting every request and render that it triggers settle. */
export async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

/** Lets pending requests settle without moving fake time. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      await vi.advanceTimersByTimeAsync(0);
    });
  }
}

/**
 * Moves fake time in `step` ms increments until `check()` is true; fails after `within` ms of
 * fake time. Never a wall-clock threshold.
 */
export async function until(check: () => boolean, { step = 100, within = 120_000 } = {}): Promise<void> {
  await settle(2);
  for (let elapsed = 0; elapsed <= within; elapsed += step) {
    if (check()) return;
    await advance(step);
    await settle(2);
  }
  throw new Error(`Still not true after ${within} ms of fake time.`);
}

/** A `fetch` that never answers until its signal aborts, recording every signal it was given. */
export function hangingFetch() {
  const signals: AbortSignal[] = [];
  const fetch = ((_input: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      const signal = init?.signal;
      if (signal) {
        signals.push(signal);
        signal.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
      }
    })) as typeof globalThis.fetch;
  return { fetch, signals };
}

/** Moves fake time by `ms` in `step` increments, letting requests settle on the way. */
export async function elapse(ms: number, step = 250): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += step) {
    await advance(Math.min(step, ms - elapsed));
    await settle(2);
  }
}

/**
 * Testing Library drains its async wrapper (user-event) with a `setTimeout(0)` that it only
 * advances when it sees Jest's fake timers; this tells it about Vitest's.
 */
export function installJestTimerShim(): void {
  (globalThis as { jest?: unknown }).jest = { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) };
}
