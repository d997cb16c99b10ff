/**
 * The sandbox inside Storybook: a fresh engine per story, served by the Storybook-wide MSW
 * worker under a base URL of its own (`/api/sandbox-<n>`), so several flows on one docs page
 * never answer each other's requests. Stories get it from a loader (`loaded.sandbox`), render
 * `<MfaFlow connectionId baseUrl>` from it, and their play functions read the PIN, the CAPTCHA
 * text or the right image from the same engine.
 */
import type { AnswerValue, PollPolicy, ServerClock, SyncState } from '@mfa-kit/core';
import { createEngine, createSeededRandom } from '@mfa-kit/sandbox';
import type { ConnectionOptions, SandboxClock, SandboxEngine, SandboxResponse, ScenarioName, StageTiming } from '@mfa-kit/sandbox';
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
  /** Stage durations over {@link STORY_TIMING} (a long stage holds the progress panel on screen). */
  timing?: Partial<StageTiming>;
  /**
   * Brings the connection to the moment the story shows, before it renders: the engine runs on a
   * {@link SkippableClock} and this drives it server-side ({@link startAndSettle},
   * {@link answerAndSettle}), so the story opens on that step without replaying interactions.
   */
  prepare?: (sandbox: PreparedSandbox) => void;
  /**
   * Give the flow the sandbox's {@link SkippableClock} (`clock` prop) when there is one. `false`
   * lets the kit estimate the server's clock from the `Date` header, as with a real server (the
   * clock-skew stories). @default true
   */
  flowFollowsClock?: boolean;
}

/** A story's sandbox inside `prepare`: its engine runs on a clock that can be skipped. */
export interface PreparedSandbox extends StorySandbox {
  clock: SkippableClock;
}

/** One story's sandbox. */
export interface StorySandbox {
  /** The engine: outbox, CAPTCHA answers, faults, state. */
  engine: SandboxEngine;
  /** The connection the story's flow syncs. */
  connectionId: number;
  /** Where this sandbox's handlers listen; pass it as `baseUrl`. */
  baseUrl: string;
  /** The skippable clock, when asked for (`skippable` or `prepare`). */
  clock: SkippableClock | null;
  /** The server clock to give the flow (`clock` prop): the skippable one's view, unless `flowFollowsClock: false`. */
  flowClock: ServerClock | undefined;
  /** The last PIN the sandbox "sent", or `null`. */
  lastPin(): string | null;
  /** The pending CAPTCHA's characters, or `null`. */
  captchaAnswer(): string | null;
}

let sandboxes = 0;

/** Creates an engine and a connection and serves them through the worker under a fresh base URL. */
export function createStorySandbox(options: StorySandboxOptions): StorySandbox {
  const clock = options.skippable || options.prepare ? createSkippableClock() : null;
  const timing = { ...STORY_TIMING, ...options.timing };
  const engine = createEngine({ ...(clock ? { clock } : {}), random: createSeededRandom(options.seed ?? 2018), timing });
  sandboxes += 1;
  const baseUrl = `/api/sandbox-${sandboxes}`;
  const { id } = engine.createConnection(options.scenario, options.connection);
  const sandbox: StorySandbox = {
    engine,
    connectionId: id,
    baseUrl,
    clock,
    flowClock: options.flowFollowsClock === false ? undefined : clock?.serverClock,
    lastPin: () => engine.outbox(id).at(-1)?.pin ?? null,
    captchaAnswer: () => engine.captcha(id)?.answer ?? null,
  };
  if (options.prepare && clock) options.prepare({ ...sandbox, clock });
  // Served only once prepared: the flow's first read already finds the story's moment.
  worker.use(...createSandboxHandlers({ engine, baseUrl }));
  return sandbox;
}

/** How far {@link settle} skips at a time: small, so a challenge's deadline starts within 25 ms of now. */
const SETTLE_STEP_MS = 25;

/**
 * Skips engine time through the running stages until the sync waits: for an answer, or at its
 * end. In small steps, so a countdown starts whole (2:00, not 1:59).
 */
export function settle(sandbox: PreparedSandbox): SyncState {
  for (let skipped = 0; skipped <= 60_000; skipped += SETTLE_STEP_MS) {
    const state = sandbox.engine.state(sandbox.connectionId);
    if (state.status !== 'syncing') return state;
    sandbox.clock.advance(SETTLE_STEP_MS);
  }
  throw new Error(`The sandbox's sync on ${sandbox.connectionId} is still running after a minute of skips.`);
}

/** Starts a sync as POST /sync would (`body`: new credentials) and {@link settle}s it. */
export function startAndSettle(sandbox: PreparedSandbox, body?: { username: string; passcode: string }): SyncState {
  expectOk(sandbox.engine.startSync(sandbox.connectionId, body), 'start');
  return settle(sandbox);
}

/**
 * Answers the pending challenges server-side, `answers[i]` for the i-th challenge that asks for
 * one (a choice by its key, text as typed), and {@link settle}s the sync.
 */
export function answerAndSettle(sandbox: PreparedSandbox, answers: AnswerValue[]): SyncState {
  const asked = sandbox.engine.state(sandbox.connectionId).challenges.filter((challenge) => challenge.shouldAnswer);
  if (asked.length !== answers.length) throw new Error(`${asked.length} challenges wait for an answer; ${answers.length} given.`);
  const body = { answers: asked.map((challenge, i) => ({ challenge_id: challenge.id, answer: answers[i] as AnswerValue })) };
  expectOk(sandbox.engine.answer(sandbox.connectionId, body), 'answer');
  return settle(sandbox);
}

function expectOk(response: SandboxResponse, what: string): void {
  if (response.type !== 'json' || response.status >= 300) {
    throw new Error(`The sandbox refused the story's ${what}: ${response.type === 'drop' ? 'dropped' : `HTTP ${response.status}`}.`);
  }
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
