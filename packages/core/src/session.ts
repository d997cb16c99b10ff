import { buildAnswers, pendingChallenges, type AnswerRefusal, type AnswerRefusalReason } from './answers';
import { createSyncClient, type Credentials, type SyncResult } from './client';
import { createServerClock, type ServerClock } from './clock';
import { browserEnvironment, type MfaEnvironment } from './environment';
import { isRetryableFailure, mayHaveArrived, toMfaError, type MfaError, type MfaErrorKind } from './errors';
import type { AnswerValue, Challenge, Choice, SyncState } from './model';
import { nextPollDelay, pollPhase, type PollPolicy } from './polling';
import { challengeField, matchDestination, pinDestination, stepKey } from './rules';
import { deriveStep, isFinalStatus, type Step } from './step';
import type { SyncTransport } from './transport';

/** What the user must do now: core's {@link Step}, or `idle` before a sync has been read or started. */
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

type Answers = Readonly<Record<number, AnswerValue | undefined>>;
type Refusals = Readonly<Record<number, AnswerRefusalReason>>;

/** A write whose reply was lost: how to tell from the next sync whether the server took it. */
interface Outcome {
  /** Did the server take the write, judging by the sync read after it? */
  took: (sync: SyncState) => boolean;
  onTook: (sync: SyncState) => void;
  onFailed: (error: MfaError) => void;
}
interface Doubt extends Outcome {
  error: MfaError;
  /** Resolves the `submit()` that is waiting for the outcome. */
  settle: () => void;
}

const IDLE: MfaStep = { type: 'idle' };
const NONE: Challenge[] = [];
/** The longest delay a timer takes (2^31 − 1 ms); longer ones would fire at once. */
const MAX_DELAY = 2_147_483_647;
const DEFAULT_MAX_RETRIES = 4;

const challengesOf = (step: MfaStep) => ('challenges' in step ? step.challenges : NONE);
const timedChallenges = (step: MfaStep) => pendingChallenges(challengesOf(step)).filter((c) => c.deadline !== null);
const inProgress = (sync: SyncState) => !isFinalStatus(sync.status);
const keepOnly = <T,>(record: Readonly<Record<number, T>>, sync: SyncState) =>
  Object.fromEntries(Object.entries(record).filter(([id]) => sync.challenges.some((c) => c.id === Number(id)))) as Record<number, T>;

/**
 * Whether `c`, asked after `before` was answered, is the bank asking again: `same` for the same
 * question (or a new PIN after a PIN: the first was refused), `other` for another of its kind.
 */
function askedAgain(c: Challenge, before: Challenge): 'same' | 'other' | null {
  const field = challengeField(c);
  if (field !== challengeField(before)) return null;
  return c.prompt === before.prompt || field === 'pin' ? 'same' : 'other';
}

/** Equal as data (syncs, steps, policies: plain JSON values), whatever their identity. */
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether two options plan reads differently; callbacks and headers are read when used, so they never need a replan. */
const plansDiffer = (a: MfaSessionOptions, b: MfaSessionOptions) =>
  (['baseUrl', 'enabled', 'autoStart', 'maxRetries'] as const).some((key) => a[key] !== b[key]) || !same(a.pollPolicy, b.pollPolicy);

/** Runs a partner callback; one that throws must not break the flow, so its error is reported apart. */
function call<A extends unknown[]>(callback: ((...args: A) => unknown) | undefined, ...args: A) {
  try {
    callback?.(...args);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

/**
 * Creates the MFA session for one connection: a framework-free observer that reads the sync,
 * polls it by core's policy (or follows a push transport), posts answers, starts and restarts,
 * counts down to realtime deadlines, retries, and tells a UI what to show through immutable
 * snapshots. React, Vue or plain DOM code renders `getSnapshot()` and calls the actions.
 *
 * - **Polling**: `nextPollDelay`: fast while syncing, none while the user answers (one confirming
 *   read after a realtime deadline), none at final statuses, paused in a hidden tab, 429
 *   `Retry-After` honoured, backoff on failures, one retry after `onUnauthorized` on a 401. One
 *   read timer at a time, plus one timer at the answer step's deadline.
 * - **Answers in doubt**: when an answer POST fails in a way the server may have received it
 *   (no reply, a time-out, 5xx, an unreadable reply), the session reads the sync before anything
 *   else: the answered challenges gone or the status moved on means it was taken, and the flow
 *   goes on; the same challenges still pending means it was not, and only then can the user
 *   send again (the typed value is kept). An answer is never posted twice.
 * - **Push**: with a transport that has `subscribe`, pushed syncs replace polling; when the
 *   stream fails, polling takes over. After a start or an answer, reads go on by the policy until
 *   the stream speaks again: behind a load balancer the stream may come from a server process
 *   that never saw the write.
 *
 * @example
 * const session = createMfaSession({ connectionId: 4224865, baseUrl: '/api/quovo', autoStart: true });
 * const stop = session.subscribe(() => render(session.getSnapshot()));
 */
export function createMfaSession(options: MfaSessionOptions): MfaSession {
  let o = options;
  const clock = o.clock ?? createServerClock();
  const env = () => o.environment ?? browserEnvironment;

  // What the snapshot is built from.
  let sync: SyncState | null = null;
  let answers: Answers = {};
  let refusals: Refusals = {};
  let request: MfaRequestState = 'idle';
  let error: MfaError | null = null;
  // A successful read clears an error that a read set, not a refused write.
  let errorFromWrite = false;
  let readError: MfaError | null = null;
  let failures = 0;

  // Bookkeeping.
  let runStartedAt: number | null = null;
  let lastReadAt = 0;
  let reader: AbortController | null = null;
  let writer: AbortController | null = null;
  let doubt: Doubt | null = null;
  let pollTimer: unknown;
  let expiryTimer: unknown;
  let active = false;
  let destroyed = false;
  let autoStarted = false;
  let wasOffline = false;
  let unsubscribePage: (() => void) | undefined;
  let unsubscribeClock: (() => void) | undefined;
  let unsubscribePush: (() => void) | undefined;
  let pushBroken = false;
  // A write went out and the stream has not told its outcome since: it may come from another
  // server process, which did not see the write and waits for the user, so polling covers until
  // it speaks. What it pushed while the write was in flight counts only if it is the write's reply.
  let streamBehind = false;
  let pushedDuringWrite: SyncState | undefined;
  // The PIN destination chosen at stage one, and whether a deadline followed (a realtime flow).
  let destination: { choice: Choice | undefined; realtime: boolean } | undefined;
  let resend: Choice | undefined;
  // What the last taken answer answered, to tell when the bank asks again.
  let answered: Challenge[] = [];
  let shownStep: MfaStep = IDLE;
  let shownConnectivity: MfaConnectivity = 'online';
  let expiredKey = '';

  const listeners = new Set<() => void>();
  let snapshot = build();

  function transport(): SyncTransport {
    const { transport: given, baseUrl = '', headers, getHeaders, fetch, timeoutMs, answerRoute } = o;
    return given ?? createSyncClient({ baseUrl, headers, getHeaders, fetch, timeoutMs, answerRoute });
  }
  const hasTransport = () => !!(o.transport || o.baseUrl);
  const maxRetries = () => o.maxRetries ?? DEFAULT_MAX_RETRIES;

  function connectivityNow(): MfaConnectivity {
    const failing = !!readError && isRetryableFailure(readError);
    if (env().isOffline()) return 'offline';
    if (!failing) return 'online';
    if (failures <= maxRetries()) return 'retrying';
    return readError!.kind === 'network' || readError!.kind === 'timeout' ? 'offline' : 'server_error';
  }

  function build(previous?: MfaSnapshot): MfaSnapshot {
    let step = sync ? deriveStep(sync, env().now(), clock.offsetMs) : IDLE;
    // Same step, same progress: keep the old object, so renders that compare it can skip.
    if (previous && same(previous.step, step)) step = previous.step;
    const challenges = challengesOf(step);
    const canSubmit = step.type === 'answer' && challenges.some((c) => c.shouldAnswer) && request === 'idle';
    const asked = step.type === 'answer' ? pendingChallenges(challenges) : NONE;
    const matches = asked.flatMap((c) => answered.map((before) => askedAgain(c, before)));
    return {
      step,
      sync,
      challenges,
      answers,
      refusals,
      request,
      isSubmitting: request === 'submitting' || request === 'confirming',
      isStarting: request === 'starting',
      error,
      connectivity: active ? connectivityNow() : 'online',
      deadline: step.type === 'answer' ? step.deadline : (timedChallenges(step)[0]?.deadline ?? null),
      canSubmit,
      reasked: matches.includes('same') ? 'same' : matches.includes('other') ? 'other' : null,
    };
  }

  /** Rebuilds the snapshot, tells listeners when it changed, fires the events it implies and plans the next timer. */
  function update() {
    if (destroyed) return;
    const next = build(snapshot);
    const changed = (Object.keys(next) as (keyof MfaSnapshot)[]).some((key) => next[key] !== snapshot[key]);
    if (changed) {
      snapshot = next;
      for (const listener of [...listeners]) call(listener);
      react();
    }
    schedule();
  }

  /** Sends one analytics event: ids, kinds and statuses, never a value. */
  function emit(name: MfaEventName, challenges?: Challenge[] | null, failure?: MfaError | null, extra?: Partial<MfaEventMeta>) {
    call(o.onEvent, name, {
      connectionId: o.connectionId,
      step: snapshot.step.type,
      ...(sync ? { status: sync.status } : {}),
      ...(challenges ? { challengeIds: challenges.map((c) => c.id), challengeKinds: challenges.map((c) => c.kind) } : {}),
      ...(failure ? { errorKind: failure.kind } : {}),
      ...extra,
    });
  }

  function fail(failure: MfaError, fromWrite: boolean) {
    error = failure;
    errorFromWrite = fromWrite;
    call(o.onError, failure);
  }

  /** The events of a step or connectivity change, and the one-step re-send. */
  function react() {
    const { step } = snapshot;
    const previous = shownStep;
    if (stepKey(previous) !== stepKey(step)) {
      shownStep = step;
      emit('step_changed');
      call(o.onStepChange, step, previous);
      // Once per expiry: ours, then the server's `resync` for the same challenges, is one.
      const expired = timedChallenges(step.type === 'restart' ? previous : step.type === 'expired' ? step : IDLE);
      const key = expired.map((c) => c.id).join();
      if (key && key !== expiredKey) {
        expiredKey = key;
        emit('challenge_expired', expired);
        call(o.onExpire, expired);
      }
      if (step.type === 'answer') {
        emit('challenge_shown', step.challenges);
        if (step.deadline !== null && destination) destination.realtime = true;
        const armed = resend;
        resend = undefined;
        const offered = pinDestination(step.challenges);
        const match = armed && offered && matchDestination(offered, armed);
        if (offered && match) {
          emit('resend_auto', [offered]);
          setAnswer(offered.id, match.key);
          void submit();
        }
      } else if (step.type === 'done') {
        emit('sync_completed');
        call(o.onComplete, sync!);
      } else if (step.type === 'failed' || step.type === 'credentials' || step.type === 'config') {
        emit('sync_failed');
      }
    }
    const { connectivity } = snapshot;
    if (connectivity !== shownConnectivity) {
      shownConnectivity = connectivity;
      if (connectivity !== 'retrying') emit(connectivity, null, connectivity === 'online' ? null : readError);
    }
  }

  function clearTimers() {
    env().clearTimeout(pollTimer);
    env().clearTimeout(expiryTimer);
    pollTimer = expiryTimer = undefined;
  }

  /** One timer at the answer step's deadline, and one for the next read, planned by core's policy. */
  function schedule() {
    clearTimers();
    if (!active || destroyed) return;
    const { step } = snapshot;
    const e = env();
    const now = e.now();
    if (step.type === 'answer' && step.deadline !== null) {
      expiryTimer = e.setTimeout(update, Math.min(MAX_DELAY, Math.max(0, step.deadline - clock.now(now))));
    }
    if (o.autoStart === true && !autoStarted && canRead()) {
      autoStarted = true;
      return begin('sync_started');
    }
    // Reads wait for a write in flight (with autoStart, the start POST goes first, just above);
    // once it ended, taken, refused or in doubt, reads follow: an outcome in doubt needs one.
    if (!canRead() || reader || writer) return;
    // A healthy stream delivers every change once it has spoken after our last write; an answer
    // in doubt is checked by a read all the same.
    if (unsubscribePush && !pushBroken && !streamBehind && request !== 'confirming') return;
    const deadline = snapshot.deadline;
    const delay = nextPollDelay({
      // Learning an answer's fate cannot wait for the user: read as if nothing were known.
      phase: request === 'confirming' ? 'reading' : pollPhase(sync && (step as Step)),
      runElapsedMs: now - (runStartedAt ?? now),
      sinceLastReadMs: now - lastReadAt,
      deadlineInMs: deadline === null ? null : deadline - clock.now(now),
      // The one confirming read after a deadline is any read after it.
      expiryConfirmed: deadline !== null && clock.now(lastReadAt) > deadline,
      hidden: e.isHidden(),
      offline: e.isOffline(),
      error: readError,
      failures,
      random: e.random(),
      policy: o.pollPolicy,
    });
    if (delay !== null) pollTimer = e.setTimeout(read, Math.min(MAX_DELAY, delay));
  }

  const canRead = () => active && !destroyed && (o.enabled ?? true) && hasTransport();

  /**
   * Runs one request. On a 401 the partner may refresh its session, and the request is tried
   * once more. Failures are thrown as MfaError; unless aborted, first emitted as `request_failed`.
   */
  async function send(run: (t: SyncTransport) => Promise<SyncResult>, retried = false): Promise<SyncResult> {
    try {
      return await run(transport());
    } catch (e) {
      const failure = toMfaError(e);
      if (failure.kind === 'unauthorized' && !retried) {
        emit('unauthorized', null, failure);
        const refreshSession = o.onUnauthorized;
        if (refreshSession && (await Promise.resolve().then(refreshSession).then(() => true, () => false))) return send(run, true);
      }
      if (failure.kind !== 'aborted' && !destroyed) emit('request_failed', null, failure);
      throw failure;
    }
  }

  /** A sync arrived (read, written or pushed): feed the clock, reset the failures, settle an answer in doubt. */
  function accept(result: SyncResult, fromWrite: boolean) {
    clock.observe(result);
    lastReadAt = env().now();
    failures = 0;
    readError = null;
    if (fromWrite || !errorFromWrite) error = null;
    // Most polls bring the same sync again: keep the old object, so the snapshot (and renders) stay put.
    if (!same(result.sync, sync)) sync = result.sync;
    const pending = doubt;
    if (pending) {
      doubt = null;
      request = 'idle';
      if (pending.took(result.sync)) {
        error = null;
        taken(result.sync);
        pending.onTook(result.sync);
      } else if (pending.error.kind !== 'aborted') {
        // Not received: now, and only now, the user may send again; what they typed is still there.
        // (A POST aborted by a pause that never arrived failed in nothing: no error to report.)
        fail(pending.error, true);
        pending.onFailed(pending.error);
      }
      pending.settle();
    }
    if (o.autoStart === 'auto' && !autoStarted) {
      autoStarted = true;
      const { type } = deriveStep(result.sync, env().now(), clock.offsetMs);
      if (type === 'done' || type === 'failed' || type === 'restart') {
        update();
        return begin('sync_started');
      }
    }
    update();
  }

  /** A write was taken: a new run of fast polling, and the answers of challenges that are gone are dropped. */
  function taken(next: SyncState) {
    runStartedAt = env().now();
    answers = keepOnly(answers, next);
    refusals = keepOnly(refusals, next);
  }

  async function read() {
    if (reader || !canRead()) return;
    clearTimers();
    const controller = (reader = new AbortController());
    try {
      const result = await send((t) => t.getSync(o.connectionId, { signal: controller.signal }));
      if (reader !== controller) return;
      reader = null;
      accept(result, false);
    } catch (e) {
      if (reader !== controller) return;
      reader = null;
      const failure = e as MfaError;
      lastReadAt = env().now();
      if (failure.kind !== 'aborted') {
        failures += 1;
        readError = failure;
        const transient = isRetryableFailure(failure);
        if (transient && failures <= maxRetries()) emit('retrying', null, failure, { attempt: failures });
        // Retries ran out: say so once; polling goes on at the retry cap and recovers by itself.
        else if (!transient || failures === maxRetries() + 1) fail(failure, false);
      }
      update();
    }
  }

  /**
   * Posts after cancelling a read in flight (it could land after the POST and bring back what
   * the POST replaced). The sync it answers with starts a new run of fast polling.
   */
  async function post(
    state: 'starting' | 'submitting',
    event: MfaEventName,
    challenges: Challenge[] | null,
    run: (t: SyncTransport, signal: AbortSignal) => Promise<SyncResult>,
    outcome: Outcome & { onRefused: (error: MfaError) => void },
  ): Promise<void> {
    if (!active || destroyed) return;
    reader?.abort();
    reader = null;
    request = state;
    streamBehind = true;
    pushedDuringWrite = undefined;
    emit(event, challenges);
    const controller = (writer = new AbortController());
    update();
    try {
      const result = await send((t) => run(t, controller.signal));
      if (writer !== controller) return;
      writer = null;
      request = 'idle';
      if (pushedDuringWrite && same(pushedDuringWrite, result.sync)) streamBehind = false;
      taken(result.sync);
      outcome.onTook(result.sync);
      accept(result, true);
      return;
    } catch (e) {
      if (writer !== controller || destroyed) return;
      writer = null;
      const failure = e as MfaError;
      // Aborted here means paused (the last listener left): the server may have the POST all the
      // same, so it is confirmed by a read when a listener comes back, like a lost reply.
      if (failure.kind === 'aborted' || mayHaveArrived(failure)) {
        // The server may have acted on it: learn what happened before anything is sent again.
        request = 'confirming';
        emit('answer_in_doubt', challenges, failure);
        const known = new Promise<void>((settle) => (doubt = { ...outcome, error: failure, settle }));
        update();
        return known;
      } else {
        request = 'idle';
        fail(failure, true);
        outcome.onRefused(failure);
      }
      update();
    }
  }

  function setAnswer(challengeId: number, value: AnswerValue | undefined) {
    if (destroyed) return;
    answers = { ...answers, [challengeId]: value };
    // A changed answer is no longer refused.
    if (refusals[challengeId]) {
      const { [challengeId]: _gone, ...rest } = refusals;
      refusals = rest;
    }
    update();
  }

  function refuse(pending: Challenge[], list: AnswerRefusal[], failure?: MfaError) {
    refusals = Object.fromEntries(list.map((r) => [r.challengeId, r.reason]));
    emit('answer_refused', pending.filter((c) => refusals[c.id]), failure, { reasons: { ...refusals } });
  }

  async function submit(): Promise<void> {
    const { step } = snapshot;
    const pending = pendingChallenges(challengesOf(step));
    if (request !== 'idle' || !pending.length || !active) return;
    const allExpired = () => pending.map((c): AnswerRefusal => ({ challengeId: c.id, reason: 'expired' }));
    const built = step.type === 'expired' ? { ok: false as const, refusals: allExpired() } : buildAnswers(pending, answers, env().now(), clock.offsetMs);
    if (!built.ok) {
      refuse(pending, built.refusals);
      return update();
    }
    refusals = {};
    answered = [];
    const ids = pending.map((c) => c.id);
    // Taken when the answered challenges are no longer all pending, or the sync moved on.
    const stillAsked = (next: SyncState) => inProgress(next) && ids.every((id) => next.challenges.some((c) => c.id === id && c.shouldAnswer));
    const onTook = (next: SyncState) => {
      answered = pending;
      // Remember a PIN destination for a one-step re-send after an expiry.
      const stage = pinDestination(pending);
      if (stage) destination = { choice: stage.choices.find((c) => c.key === built.answers[0]?.answer), realtime: false };
      if (next.status !== 'resync') emit('answer_accepted', pending);
    };
    const onFailed = (failure: MfaError) => emit('answer_failed', pending, failure);
    await post('submitting', 'answer_submitted', pending, (t, signal) => t.answer(o.connectionId, built.answers, { signal }), {
      took: (next) => !stillAsked(next),
      onTook,
      onFailed,
      onRefused: (failure) => {
        if (failure.kind !== 'challenge_expired') return onFailed(failure);
        refuse(pending, allExpired(), failure);
        // The server now reads `resync`: read it so the step follows.
        queueMicrotask(read);
      },
    });
  }

  function begin(event: 'sync_started' | 'sync_restarted' | 'credentials_submitted', credentials?: Credentials) {
    if (request !== 'idle' || !hasTransport()) return;
    resend = event === 'sync_restarted' && o.autoResend && destination?.realtime ? destination.choice : undefined;
    answered = [];
    const before = sync;
    const challengeIds = (s: SyncState | null) => s?.challenges.map((c) => c.id).join();
    void post('starting', event, null, (t, signal) => t.startSync(o.connectionId, credentials, { signal }), {
      // A start was taken when a sync now runs that was not running before (or runs other challenges).
      took: (next) => inProgress(next) && (!before || !inProgress(before) || challengeIds(before) !== challengeIds(next)),
      onTook: () => {},
      onFailed: () => (resend = undefined),
      onRefused: () => (resend = undefined),
    });
  }

  function connectPush() {
    const subscribe = o.transport?.subscribe;
    if (!subscribe || unsubscribePush || !canRead()) return;
    pushBroken = false;
    unsubscribePush = subscribe.call(
      o.transport,
      o.connectionId,
      (result) => {
        if (writer) pushedDuringWrite = result.sync;
        else streamBehind = false;
        // A write's own reply wins; an answer in doubt is settled by our own read, never by a
        // pushed snapshot that may have been read before the answer arrived.
        if (!writer && request !== 'confirming') accept(result, false);
      },
      (failure) => {
        // The stream is gone for good: polling takes over from here.
        pushBroken = true;
        emit('push_failed', null, failure);
        update();
      },
    );
  }

  function disconnectPush() {
    unsubscribePush?.();
    unsubscribePush = undefined;
  }

  function activate() {
    active = true;
    wasOffline = env().isOffline();
    unsubscribePage = env().subscribe(() => {
      const offline = env().isOffline();
      // Back online: read now instead of waiting out the backoff.
      if (wasOffline && !offline && snapshot.step.type !== 'answer') queueMicrotask(refresh);
      wasOffline = offline;
      update();
    });
    unsubscribeClock = clock.subscribe(update);
    connectPush();
    update();
  }

  function deactivate() {
    active = false;
    clearTimers();
    unsubscribePage?.();
    unsubscribeClock?.();
    disconnectPush();
    reader?.abort();
    reader = null;
    const pendingWrite = writer;
    // React's StrictMode unsubscribes and subscribes again at once: abort only if nobody came back.
    queueMicrotask(() => {
      if (!active) pendingWrite?.abort();
    });
  }

  function refresh() {
    if (!reader && !writer) void read();
  }

  return {
    clock,
    subscribe(listener) {
      if (destroyed) return () => {};
      listeners.add(listener);
      if (listeners.size === 1) activate();
      return () => {
        if (listeners.delete(listener) && listeners.size === 0 && active) deactivate();
      };
    },
    getSnapshot: () => snapshot,
    setAnswer,
    submit,
    start: () => begin('sync_started'),
    restart: () => begin('sync_restarted'),
    requestAlternative: () => emit('alternative_requested', snapshot.challenges.filter((c) => c.kind === 'captcha' || c.kind === 'imageChoice')),
    submitCredentials: (credentials) => begin('credentials_submitted', credentials),
    refresh,
    setOptions(next) {
      const previous = o;
      o = next;
      if (next.connectionId !== previous.connectionId) {
        // Another connection: nothing of this one applies.
        reader?.abort();
        writer?.abort();
        reader = writer = null;
        disconnectPush();
        doubt?.settle();
        sync = null;
        answers = {};
        refusals = {};
        answered = [];
        error = readError = doubt = null;
        request = 'idle';
        failures = lastReadAt = 0;
        runStartedAt = null;
        autoStarted = false;
        destination = resend = undefined;
      } else if (next.transport !== previous.transport) disconnectPush();
      else if (!plansDiffer(previous, next)) return; // new callbacks only (a re-render): nothing to replan
      // A stream, like polling, only while reading is enabled.
      if (active && canRead()) connectPush();
      else disconnectPush();
      update();
    },
    destroy() {
      if (active) deactivate();
      doubt?.settle();
      writer?.abort();
      listeners.clear();
      destroyed = true;
    },
  };
}

