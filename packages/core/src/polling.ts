/**
 * The polling policy: when to read the sync next. One pure function, so the rule that decides
 * how hard thousands of browsers hit a partner's backend can be read and tested in one place.
 * No timers here; the session (core's `createMfaSession`) turns the answer into a single timeout
 * on its environment's timers.
 */
import { isRetryableFailure, type MfaErrorKind } from './errors';
import type { Step } from './step';

/**
 * Where the sync stands, as far as polling cares.
 * - `reading`: nothing read yet.
 * - `syncing`: the server is working (or shows only read-only challenges): poll.
 * - `answering`: the user has challenges to answer: do not poll.
 * - `expired`: a realtime deadline passed here; one confirming read lets the server say `resync`.
 * - `final`: `good`, `resync`, `incorrect_credentials`, `user_config`, unknown: stop.
 */
export type PollPhase = 'reading' | 'syncing' | 'answering' | 'expired' | 'final';

/** The tunable numbers of {@link nextPollDelay}. Every field is in milliseconds except `growth`, `jitter` and `growEveryMs`'s unit. */
export interface PollPolicy {
  /** Delay between reads at the start of a sync. @default 2000 */
  fastMs: number;
  /** How long a sync keeps the fast delay before backing off. @default 15000 */
  fastForMs: number;
  /** After `fastForMs`, the delay is multiplied by `growth` every `growEveryMs`. @default 15000 */
  growEveryMs: number;
  /** Multiplier applied every `growEveryMs`. @default 1.5 */
  growth: number;
  /** The longest delay between reads of a running sync. @default 10000 */
  capMs: number;
  /** Relative jitter: the delay is scaled by a factor in `[1 - jitter, 1 + jitter)`. @default 0.2 */
  jitter: number;
  /** First retry delay after a failed read; doubles with each consecutive failure. @default 1000 */
  retryBaseMs: number;
  /** The longest retry delay. @default 30000 */
  retryCapMs: number;
  /** Delay of `Retry-After`-less 429s before backoff takes over. @default 5000 */
  rateLimitedMs: number;
  /** Grace after a realtime deadline before the confirming read (lets the server's clock agree). @default 1000 */
  confirmAfterMs: number;
}

/** The defaults of {@link PollPolicy}; the hooks README documents them as a table. */
export const defaultPollPolicy: Readonly<PollPolicy> = Object.freeze({
  fastMs: 2000,
  fastForMs: 15_000,
  growEveryMs: 15_000,
  growth: 1.5,
  capMs: 10_000,
  jitter: 0.2,
  retryBaseMs: 1000,
  retryCapMs: 30_000,
  rateLimitedMs: 5000,
  confirmAfterMs: 1000,
});

/** The last read's failure, as far as polling cares. */
export interface PollError {
  /** The error's kind (core's `MfaError.kind`). */
  kind: MfaErrorKind;
  /** `Retry-After`, in ms, when the server sent one. */
  retryAfterMs: number | null;
  /** The HTTP status, when there was a response: a 4xx `server` error is not retried. @default null */
  status?: number | null;
}

/** Everything {@link nextPollDelay} looks at. All durations in milliseconds. */
export interface PollDelayInput {
  /** See {@link PollPhase}; {@link pollPhase} computes it from a step. */
  phase: PollPhase;
  /** Time since the current run began (a start, a restart or an accepted answer). @default 0 */
  runElapsedMs?: number;
  /** Time since the last read finished (success or failure); the delay is counted from then. @default 0 */
  sinceLastReadMs?: number;
  /**
   * Time until the earliest realtime deadline (server-clock corrected); zero or negative once it
   * passed; `null` when no deadline is running. A running deadline keeps polling alive in a
   * hidden tab. @default null
   */
  deadlineInMs?: number | null;
  /** In phase `expired`: whether the one confirming read was already made. @default false */
  expiryConfirmed?: boolean;
  /** The document is hidden (a background tab). @default false */
  hidden?: boolean;
  /** The browser says it is offline (`navigator.onLine === false`). @default false */
  offline?: boolean;
  /** The last read's failure, or `null` when it succeeded. @default null */
  error?: PollError | null;
  /** Consecutive failed reads, this one included (0 after a success). @default 0 */
  failures?: number;
  /** A random number in `[0, 1)` for jitter; pass `0.5` for none. @default 0.5 */
  random?: number;
  /** Overrides of {@link defaultPollPolicy}. */
  policy?: Partial<PollPolicy>;
}

/**
 * When to read the sync next, in ms from now, or `null` for "do not poll; wait for an event"
 * (a user action, the tab becoming visible, the browser coming online).
 *
 * The rules, in order:
 * 1. `final` → `null`. `answering` → `null` (no polling while the user answers).
 * 2. A hidden tab with no running deadline → `null`; a browser that says it is offline → `null`.
 * 3. After a failed read: `aborted`, `unauthorized` (already retried once by the session) and
 *    `not_found` → `null`; `rate_limited` → `Retry-After` exactly (or exponential backoff from
 *    `rateLimitedMs` when absent), never sooner; anything else (network, timeout, 5xx, a body
 *    that does not parse) → `retryBaseMs · 2^(failures-1)` capped at `retryCapMs`, with jitter.
 * 4. `reading` → `0`. `expired` → `confirmAfterMs` past the deadline for the one confirming read,
 *    then `null`.
 * 5. `syncing` → `fastMs` for the first `fastForMs` of the run, then ×`growth` every
 *    `growEveryMs`, capped at `capMs`, with ±`jitter`.
 *
 * The result is counted from the last read (`sinceLastReadMs` is subtracted) and never negative.
 *
 * @example
 * nextPollDelay({ phase: 'syncing', runElapsedMs: 3000, random: 0.5 }) // 2000
 * nextPollDelay({ phase: 'answering' }) // null
 * nextPollDelay({ phase: 'syncing', error: { kind: 'rate_limited', retryAfterMs: 7000 }, failures: 1 }) // 7000
 */
export function nextPollDelay(input: PollDelayInput): number | null {
  const { phase, error } = input;
  const policy: PollPolicy = { ...defaultPollPolicy, ...input.policy };
  const deadlineInMs = input.deadlineInMs ?? null;
  const random = Number.isFinite(input.random) ? Math.min(1, Math.max(0, input.random!)) : 0.5;
  const jittered = (ms: number) => ms * (1 + policy.jitter * (2 * random - 1));
  const fromLastRead = (ms: number) => Math.max(0, Math.round(ms - (input.sinceLastReadMs ?? 0)));

  if (phase === 'final' || phase === 'answering' || (input.hidden && deadlineInMs === null) || input.offline) return null;

  if (error) {
    // The server refused a late answer: read at once, it now says `resync`.
    if (error.kind === 'challenge_expired') return 0;
    if (!isRetryableFailure(error)) return null;
    const backoff = 2 ** (Math.max(1, input.failures ?? 1) - 1);
    if (error.kind !== 'rate_limited') return fromLastRead(Math.min(policy.retryCapMs, jittered(policy.retryBaseMs * backoff)));
    // Retry-After is a floor set by the server: honour it exactly, no jitter below it.
    const { retryAfterMs } = error;
    return fromLastRead(retryAfterMs !== null && retryAfterMs >= 0 ? retryAfterMs : Math.min(policy.retryCapMs, policy.rateLimitedMs * backoff));
  }

  if (phase === 'reading') return 0;
  if (phase === 'expired') {
    if (input.expiryConfirmed) return null;
    return deadlineInMs === null ? 0 : Math.max(0, Math.round(policy.confirmAfterMs + deadlineInMs));
  }
  const elapsed = Math.max(0, input.runElapsedMs ?? 0);
  const steps = elapsed < policy.fastForMs ? 0 : 1 + Math.floor((elapsed - policy.fastForMs) / policy.growEveryMs);
  return fromLastRead(jittered(Math.min(policy.capMs, policy.fastMs * policy.growth ** steps)));
}

/**
 * The {@link PollPhase} of a step (core's `deriveStep`), or `reading` when nothing was read yet.
 * An `answer` step whose challenges are all read-only (`shouldAnswer: false`) polls like
 * `syncing`: the user cannot act, so the server must be about to move on.
 */
export function pollPhase(step: Step | null): PollPhase {
  if (step === null) return 'reading';
  if (step.type === 'answer') return step.challenges.some((c) => c.shouldAnswer) ? 'answering' : 'syncing';
  return step.type === 'wait' ? 'syncing' : step.type === 'expired' ? 'expired' : 'final';
}
