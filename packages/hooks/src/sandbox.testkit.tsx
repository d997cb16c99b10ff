/**
 * Test kit (tests only, not exported): core's sandbox kit (packages/core/src/session.testkit.ts:
 * the sandbox behind MSW in Node, fake timers and Date) with every fake-time step inside React's
 * `act`, plus what React tests need besides: Testing Library's fake-timer shim and a fetch
 * that never answers. A clock skew is the sandbox's own `clockSkew` fault.
 */
import { act } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { fakeTimeHelpers, startSandbox as startCoreSandbox, setupSandboxServer as setupCoreServer } from '../../core/src/session.testkit';

export { BASE_URL, START, type SeenRequest } from '../../core/src/session.testkit';

/** Registers the MSW server for a test file (core's), and clears the fake-timer shim after each test. */
export function setupSandboxServer(): void {
  setupCoreServer();
  afterEach(() => {
    delete (globalThis as { jest?: unknown }).jest;
  });
}

/** Core's sandbox behind MSW; with fake timers, Testing Library is told about them. */
export function startSandbox(options: Parameters<typeof startCoreSandbox>[0] = {}) {
  const sandbox = startCoreSandbox(options);
  if (options.fakeTimers !== false) installJestTimerShim();
  return sandbox;
}

/** Core's helpers that move fake time, each step inside `act` so the renders it causes settle too. */
export const { advance, settle, until, elapse } = fakeTimeHelpers((step) => act(step));

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

/**
 * Testing Library drains its async wrapper (user-event) with a `setTimeout(0)` that it only
 * advances when it sees Jest's fake timers; this tells it about Vitest's.
 */
export function installJestTimerShim(): void {
  (globalThis as { jest?: unknown }).jest = { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) };
}
