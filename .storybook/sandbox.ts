/**
 * The sandbox inside Storybook: a fresh engine per story, served by the Storybook-wide MSW
 * worker under a base URL of its own (`/api/sandbox-<n>`), so several flows on one docs page
 * never answer each other's requests. Stories get it from a loader (`loaded.sandbox`), render
 * `<MfaFlow connectionId baseUrl>` from it, and their play functions read the PIN, the CAPTCHA
 * text or the right image from the same engine.
 */
import type { PollPolicy, ServerClock } from '@mfa-kit/core';
import { createEngine, createSeededRandom } from '@mfa-kit/sandbox';
import type { ConnectionOptions, SandboxClock, SandboxEngine, ScenarioName, StageTiming } from '@mfa-kit/sandbox';
import { createSandboxHandlers } from '@mfa-kit/sandbox/msw';
import { worker } from './msw';

/**
 * Stage durations for stories: 0.15 s each, so the progress panel is seen but a
 * flow runs in about a second (the sandbox default is about six).
 */
export const STORY_TIMING: StageTiming = { queuedMs: 150, authenticatingMs: 150, verifyingMs: 150, fetchingMs: 150 };

/**
 * Polling tuned to {@link STORY_TIMING}: reads every 150 ms without jitter, retries from 200 ms,
 * and the confirming read 200 ms after a deadline. A real backend keeps core's defaults.
 */
export const STORY_POLL_POLICY: Partial<PollPolicy> = { fastMs: 150, jitter: 0, retryBaseMs: 200, confirmAfterMs: 200 };

/**
 * Time that runs like real time but can be skipped forward, for expiry without waiting: the
 * engine reads it as its clock, and `serverClock` gives the kit the same view of the server's
 * time (the kit's own estimator keeps the fastest `Date` sample, so it would never notice a
 * jump, as it should not with a real server).
 */
export interface SkippableClock extends SandboxClock {
  /** Moves server time forward by `ms` (engine and `serverClock` together). */
  advance(ms: number): void;
  /** How far time has been skipped so far, ms. */
  readonly skippedMs: number;
  /** A `ServerClock` for `<MfaFlow clock>` / `useMfaChallenge({ clock })` that follows the skips. */
  readonly serverClock: ServerClock;
}

/** Creates a {@link SkippableClock} that starts at real time. */
export function createSkippableClock(): SkippableClock {
  let skipped = 0;
  const listeners = new Set<() => void>();
  const serverClock: ServerClock = {
    observe: () => {},
    get offsetMs() {
      return skipped;
    },
    errorMs: 0,
    now: (localNow = Date.now()) => localNow + skipped,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    now: () => Date.now() + skipped,
    advance(ms) {
      skipped += ms;
      for (const listener of [...listeners]) listener();
    },
    get skippedMs() {
      return skipped;
    },
    serverClock,
  };
}

/** What a story asks of its sandbox. */
export interface StorySandboxOptions {
  /** The connection's scenario. */
  scenario: ScenarioName;
  /** Per-connection options: faults, windows, a wrong-answer policy, `start`. */
  connection?: ConnectionOptions;
  /** Run the engine on a {@link SkippableClock} (for expiry stories). @default false */
  skippable?: boolean;
  /** Seed of the engine's randomness (ids, PINs, CAPTCHA text, image order). @default 2018 */
  seed?: number;
}

/** One story's sandbox. */
export interface StorySandbox {
  /** The engine: outbox, CAPTCHA answers, faults, state. */
  engine: SandboxEngine;
  /** The connection the story's flow syncs. */
  connectionId: number;
  /** Where this sandbox's handlers listen; pass it as `baseUrl`. */
  baseUrl: string;
  /** The skippable clock, when asked for. */
  clock: SkippableClock | null;
  /** The last PIN the sandbox "sent", or `null`. */
  lastPin(): string | null;
  /** The pending CAPTCHA's characters, or `null`. */
  captchaAnswer(): string | null;
}

let sandboxes = 0;

/** Creates an engine and a connection and serves them through the worker under a fresh base URL. */
export function createStorySandbox(options: StorySandboxOptions): StorySandbox {
  const clock = options.skippable ? createSkippableClock() : null;
  const engine = createEngine({ ...(clock ? { clock } : {}), random: createSeededRandom(options.seed ?? 2018), timing: STORY_TIMING });
  sandboxes += 1;
  const baseUrl = `/api/sandbox-${sandboxes}`;
  worker.use(...createSandboxHandlers({ engine, baseUrl }));
  const { id } = engine.createConnection(options.scenario, options.connection);
  return {
    engine,
    connectionId: id,
    baseUrl,
    clock,
    lastPin: () => engine.outbox(id).at(-1)?.pin ?? null,
    captchaAnswer: () => engine.captcha(id)?.answer ?? null,
  };
}

/** A story loader that gives the story `loaded.sandbox`. */
export function sandboxLoader(options: StorySandboxOptions) {
  return async () => ({ sandbox: createStorySandbox(options) });
}

/** The story's sandbox from its context (`loaded.sandbox`), or a clear error. */
export function sandboxOf(context: { loaded: Record<string, unknown> }): StorySandbox {
  const sandbox = context.loaded.sandbox as StorySandbox | undefined;
  if (!sandbox) throw new Error('This story has no sandbox: add `loaders: [sandboxLoader({ scenario })]`.');
  return sandbox;
}
