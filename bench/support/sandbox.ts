/**
 * The sandbox behind MSW, under Vitest's fake timers, for the benchmarks. The engine reads the
 * faked `Date.now()`, so server time and the hooks' timers move together and a 30 s think time
 * costs milliseconds. Only timers and `Date` are faked: microtasks stay real so fetch settles.
 */
import { createEngine, createSeededRandom } from '@mfa-kit/sandbox';
import type { SandboxEngine } from '@mfa-kit/sandbox';
import { createSandboxHandlers } from '@mfa-kit/sandbox/msw';
import { act } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { vi } from 'vitest';

/** Where the "partner backend" lives. */
export const BASE_URL = 'http://partner.test/api/quovo';
/** Fake time starts on a whole second, as `Date` headers have whole seconds. */
export const START = Date.UTC(2018, 0, 28, 13, 0, 0);

/** One request the sandbox received. */
export interface SeenRequest {
  /** Fake time when it arrived. */
  at: number;
  method: string;
}

/** A bench sandbox: the engine, every request it saw, and `close()`. */
export interface BenchSandbox {
  engine: SandboxEngine;
  requests: SeenRequest[];
  /** How many requests the sandbox received, also when they are not recorded in `requests`. */
  requestCount: number;
  close(): void;
}

export function useFakeTime(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: START });
}

/**
 * Starts fake time and a fresh sandbox engine behind MSW, counting requests. `recordRequests:
 * false` only counts them (`requestCount`), so a memory bench does not measure its own log.
 */
export function startBenchSandbox(options: { pinWindowMs?: number; fakeTime?: boolean; recordRequests?: boolean } = {}): BenchSandbox {
  if (options.fakeTime !== false) useFakeTime();
  const engine = createEngine({ clock: { now: () => Date.now() }, random: createSeededRandom(7), pinWindowMs: options.pinWindowMs });
  const server = setupServer(...createSandboxHandlers({ engine, baseUrl: BASE_URL }));
  server.listen({ onUnhandledRequest: 'error' });
  const record = options.recordRequests !== false;
  const sandbox: BenchSandbox = {
    engine,
    requests: [],
    requestCount: 0,
    close() {
      server.close();
      vi.useRealTimers();
    },
  };
  server.events.on('request:start', ({ request }) => {
    sandbox.requestCount += 1;
    if (record) sandbox.requests.push({ at: Date.now(), method: request.method });
  });
  return sandbox;
}

/** Lets pending requests and renders settle without moving fake time. */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      await vi.advanceTimersByTimeAsync(0);
    });
  }
}

/**
 * Moves fake time by `ms` in `step` increments, one act() each, so React renders (and effects
 * re-arm their timers) between ticks as a browser would.
 */
export async function elapse(ms: number, step = 100): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += step) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(Math.min(step, ms - elapsed));
    });
    await settle(1);
  }
}

/** Moves fake time until `check()` is true, at most `within` ms of fake time. */
export async function elapseUntil(check: () => boolean, within = 120_000, step = 100): Promise<void> {
  await settle();
  for (let elapsed = 0; elapsed <= within; elapsed += step) {
    if (check()) return;
    await elapse(step, step);
  }
  throw new Error(`bench: still not there after ${within} ms of fake time`);
}
