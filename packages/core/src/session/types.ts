import type { QueryClient } from '@tanstack/query-core';
import type { AnswerRefusalReason } from '../answers';
import type { Credentials } from '../client';
import type { ServerClock } from '../clock';
import type { MfaEnvironment } from '../environment';
import type { MfaError, MfaErrorKind } from '../errors';
import type { AnswerValue, Challenge, SyncState } from '../model';
import type { PollPolicy } from '../polling';
import type { Step } from '../step';
import type { SyncTransport } from '../transport';

/**
 * What the user must do now: core's {@link Step}, or `idle` before a sync has been read or
 * started. One difference from `deriveStep`: an expiry shown is kept. The server's `resync`
 * after a realtime deadline passed here is the same `expired` step (same key: no focus move, no
 * second announcement), and `restart()` is the way on.
 */
export type MfaStep = Step | { type: 'idle' };

/**
 * The network as the session sees it:
 * - `online`: the last request went through (or none failed yet).
 * - `retrying`: reads are failing and are being retried with backoff.
 * - `offline`: the browser says it is offline, or the server could not be reached (no reply,
 *   time-outs) for more than `maxRetries` reads in a row.
 * - `server_error`: the server answers, but with failures (5xx, an unreadable body, 429) for more
 *   than `maxRetries` reads in a row. Not the user's network: don't tell them to check it.
 */
export type MfaConnectivity = 'online' | 'retrying' | 'offline' | 'server_error';

/**
 * The one write the session may have in flight, or none:
 * - `idle`: nothing is being sent.
 * - `starting`: a start, restart or credentials POST.
 * - `submitting`: an answer POST.
 * - `confirming`: an answer (or start) failed in a way the server may still have received it
 *   (or was aborted when the last listener left), and the session is reading the sync to learn
 *   the outcome before it lets the user send again.
 */
export type MfaRequestState = 'idle' | 'starting' | 'submitting' | 'confirming';

/**
 * Stable event names for analytics. Events never carry answers, PINs or credentials.
 * The list is part of the public API: names are only added, never renamed.
 */
export type MfaEventName =
  | 'sync_started'
  | 'sync_restarted'
  | 'credentials_submitted'
  | 'step_changed'
  | 'challenge_shown'
  | 'answer_submitted'
  | 'answer_accepted'
  | 'answer_refused'
  | 'answer_failed'
  | 'answer_in_doubt'
  | 'challenge_expired'
  | 'resend_auto'
  | 'sync_completed'
  | 'sync_failed'
  | 'request_failed'
  | 'retrying'
  | 'offline'
  | 'server_error'
  | 'online'
  | 'unauthorized'
  | 'push_failed'
  | 'alternative_requested';

/** Metadata sent with each event: identifiers and kinds only, never values. */
export interface MfaEventMeta {
  /** The connection. */
  connectionId: number;
  /** The step type at the time of the event. */
  step: MfaStep['type'];
  /** Kinds of the challenges concerned, when any. */
  challengeKinds?: Challenge['kind'][];
  /** Ids of the challenges concerned, when any. */
  challengeIds?: number[];
  /** The sync status, when known. */
  status?: string;
  /** The error kind, for `*_failed`, `answer_in_doubt`, `retrying`, `offline`, `server_error`, `unauthorized`, `push_failed`. */
  errorKind?: MfaErrorKind;
  /** Refusal reasons by challenge id, for `answer_refused`. */
  reasons?: Record<number, AnswerRefusalReason>;
  /** Retry attempt number, for `retrying`. */
  attempt?: number;
}

/** How the session reaches the partner's backend. Never a Quovo token: the backend adds it. */
export interface MfaTransportOptions {
  /**
   * A ready transport: `createSyncClient(…)` (polling), a push transport, or your own. When
   * given, the other transport options are ignored.
   */
  transport?: SyncTransport;
  /** Base URL of the partner's backend proxy, e.g. `/api/quovo`; a `createSyncClient` is made from it. */
  baseUrl?: string;
  /** Extra headers for the partner's own backend (a CSRF token, a session header). */
  headers?: Record<string, string>;
  /** Headers computed per request; wins over `headers`. */
  getHeaders?: () => Record<string, string> | Promise<Record<string, string>>;
  /** A fetch implementation. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Where answers go. @default 'sync' */
  answerRoute?: 'sync' | 'challenges';
  /** Per-request timeout. @default 15000 */
  timeoutMs?: number;
}

/** What a session does besides following the sync: its callbacks and policies. */
export interface MfaSessionBehaviour {
  /**
   * How the session begins:
   * - `false`: read the sync and follow it; `start()` begins one.
   * - `true`: POST /sync once when it first becomes active, then follow it.
   * - `'auto'`: read first; when nothing is running and no input is needed first (a finished,
   *   failed, never-run or `resync` sync), start one. A sync already running is followed, a
   *   credentials or instructions step is shown.
   * @default false
   */
  autoStart?: boolean | 'auto';
  /**
   * After `restart()` in a realtime PIN flow, answer stage one with the destination the user
   * chose before, when it is offered again. @default false
   */
  autoResend?: boolean;
  /** Read, poll and follow a push stream only while true. @default true */
  enabled?: boolean;
  /** Called when the step changes (not on every poll). */
  onStepChange?: (step: MfaStep, previous: MfaStep) => void;
  /** Called once when the sync reaches `good`. */
  onComplete?: (sync: SyncState) => void;
  /** Called once per expiry of a realtime challenge (here or by the server's `resync`). */
  onExpire?: (challenges: Challenge[]) => void;
  /** Called for every request that fails for good (after retries, or after an answer's outcome is known). */
  onError?: (error: MfaError) => void;
  /** One stream of analytics events; see {@link MfaEventName}. */
  onEvent?: (name: MfaEventName, meta: MfaEventMeta) => void;
  /** Called on a 401 so the partner can refresh its session; the request is retried once after it settles. */
  onUnauthorized?: () => void | Promise<void>;
  /** Overrides of core's polling policy (`defaultPollPolicy`). */
  pollPolicy?: Partial<PollPolicy>;
  /**
   * Failed reads retried with backoff before `connectivity` reads `offline` or `server_error`,
   * `error` is set and `onError` is called; polling then goes on at the retry cap, so the flow
   * recovers by itself. @default 4
   */
  maxRetries?: number;
}

/** Options of {@link createMfaSession}. */
export interface MfaSessionOptions extends MfaTransportOptions, MfaSessionBehaviour {
  /** The Quovo connection whose sync to drive. Changing it (through `setOptions`) starts over. */
  connectionId: number;
  /**
   * The server-clock estimate to feed and read deadlines by; share one between sessions.
   * Read at creation. @default a new `createServerClock()`
   */
  clock?: ServerClock;
  /** Time, timers and the page. @default browserEnvironment */
  environment?: MfaEnvironment;
  /**
   * The TanStack Query client that holds the sync (under {@link mfaSyncQueryKey}) and runs the
   * starts and answers as mutations, so Devtools show them and other code can read the sync
   * with {@link mfaSyncQueryOptions}. Read at creation. Its default options do not change the
   * session: the kit sets every option it relies on. @default a client of the session's own
   */
  queryClient?: QueryClient;
}

/** The session's state at one moment. Immutable: a change makes a new snapshot. */
export interface MfaSnapshot {
  /** What the user must do now. */
  step: MfaStep;
  /** The last sync read or written, or `null` before the first. */
  sync: SyncState | null;
  /** The challenges of the current step (empty outside `answer` / `expired`). */
  challenges: Challenge[];
  /** What the user has entered, by challenge id. Survives reads, failed submits and refusals. */
  answers: Readonly<Record<number, AnswerValue | undefined>>;
  /** Why the last submit was refused locally, by challenge id (cleared when the answer changes). */
  refusals: Readonly<Record<number, AnswerRefusalReason>>;
  /** The write in flight; see {@link MfaRequestState}. */
  request: MfaRequestState;
  /** `request` is `submitting` or `confirming`: the answer's fate is not known yet. */
  isSubmitting: boolean;
  /** `request` is `starting`. */
  isStarting: boolean;
  /** The last error that stopped progress (after retries), or `null`. */
  error: MfaError | null;
  /** See {@link MfaConnectivity}. */
  connectivity: MfaConnectivity;
  /**
   * The earliest deadline of the answerable challenges (server-clock epoch ms) in an `answer` or
   * `expired` step, else `null`.
   */
  deadline: number | null;
  /** `submit()` would send now: an `answer` step with an answerable challenge and no write in flight. */
  canSubmit: boolean;
  /**
   * The bank asked again after taking an answer: `same` when a challenge just answered is asked
   * again (the same question, or a new PIN after a PIN: the answer was refused), `other` when
   * another challenge of the same kind follows (a different question), else `null`. Cleared by
   * the next submit or any other step. The protocol has no refusal message of its own.
   */
  reasked: 'same' | 'other' | null;
}

/** One connection's MFA, driven from start to `good`. See {@link createMfaSession}. */
export interface MfaSession {
  /**
   * Calls `listener` after every change of the snapshot. The session works (reads, polls, runs
   * its timers, starts with `autoStart`) while it has at least one listener, and pauses when
   * the last one leaves, so it can be subscribed again (React's StrictMode does). A write in
   * flight at a pause is aborted, and confirmed by a read (`confirming`) once a listener is back.
   */
  subscribe(listener: () => void): () => void;
  /** The current snapshot; the same object until something changes. */
  getSnapshot(): MfaSnapshot;
  /** The server-clock estimate the session feeds and reads deadlines by. */
  readonly clock: ServerClock;
  /** The TanStack Query client holding the sync: the one given as `queryClient`, else the session's own. */
  readonly queryClient: QueryClient;
  /** Record what the user entered for one challenge. */
  setAnswer(challengeId: number, value: AnswerValue | undefined): void;
  /**
   * Post every answerable challenge at once. Resolves when the outcome is known; never rejects.
   * Refused locally (missing, expired…) → `refusals`; a call while a write is in flight sends
   * nothing. A reply lost on the way back never leads to a second POST: see `confirming`.
   */
  submit(): Promise<void>;
  /** Start the sync (POST /sync). */
  start(): void;
  /** Start again after `resync`, expiry, `user_config` or a failure. */
  restart(): void;
  /**
   * "I can't see the images": the user cannot answer a CAPTCHA or picture challenge. Emits
   * `alternative_requested` with the challenges' ids and kinds, so the partner can offer its own
   * route (a phone line, a branch). Nothing is sent: Quovo v3 has no way to ask for a non-visual
   * challenge, and a POST /sync while a challenge is pending returns it unchanged; only after it
   * expires (`resync`) does a restart bring another, which the bank chooses.
   */
  requestAlternative(): void;
  /** Restart with new credentials after `incorrect_credentials`. */
  submitCredentials(credentials: Credentials): void;
  /** Read the sync now (a "Try again" while `connectivity` is not `online`). */
  refresh(): void;
  /** Replace the options (callbacks, policy, transport…); a new `connectionId` starts over. */
  setOptions(options: MfaSessionOptions): void;
  /** Stop for good: timers cleared, requests aborted, listeners dropped. */
  destroy(): void;
}

