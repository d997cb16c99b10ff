/**
 * The session's control state and the one function that changes it. Pure: no timers, no
 * requests, no callbacks, no clock reads. `transition(state, event, now)` returns the next state
 * and the effects the runner (runner.ts) carries out: reads, writes, aborts, timers, the push
 * feed, the cache, events and callbacks. What is in flight is one value (`io`), so a read during
 * a write, or a doubt without its write, cannot be written down.
 */
import { buildAnswers, pendingChallenges, type AnswerRefusal, type AnswerRefusalReason } from '../answers';
import type { Credentials } from '../client';
import { isExpired, timeLeft } from '../clock';
import { isRetryableFailure, mayHaveArrived, type MfaError } from '../errors';
import type { AnswerValue, Challenge, Choice, SyncState, WireAnswer } from '../model';
import { nextPollDelay, pollPhase, type PollPolicy } from '../polling';
import { challengeField, matchDestination, pinDestination, stepKey } from '../rules';
import { deriveStep, isFinalStatus, type Step } from '../step';
import type { MfaConnectivity, MfaEventMeta, MfaEventName, MfaRequestState, MfaSessionBehaviour, MfaStep } from './types';

/** What of the options the machine plans by; callbacks and transports stay with the runner. */
export interface MachineConfig {
  connectionId: number;
  /** Read, poll and follow the push feed only while true. */
  enabled: boolean;
  autoStart: boolean | 'auto';
  autoResend: boolean;
  /** A transport or a base URL was given: requests can be made. */
  hasTransport: boolean;
  /** The transport has `subscribe`: pushed syncs replace polling. */
  hasPush: boolean;
  maxRetries: number;
  pollPolicy: Partial<PollPolicy> | undefined;
}

/** The kinds of write, named by the event each one emits. */
export type WriteEvent = 'sync_started' | 'sync_restarted' | 'credentials_submitted' | 'answer_submitted';

/** One write: what was sent, and how to tell from a later sync whether the server took it. */
export interface Write {
  id: number;
  /** The `submit()` call waiting for this write's outcome, or `null` (a start, an automatic re-send). */
  ticket: number | null;
  event: WriteEvent;
  /** The challenges answered (an answer), or `null` (a start). */
  challenges: Challenge[] | null;
  /**
   * The sync shown when it was sent: for a start, to tell whether a new run began; for any
   * write, once taken, what a stream may still push from before it.
   */
  before: SyncState | null;
  /** An answer to a PIN destination choice: the destination chosen, for a one-step re-send. */
  stage: { choice: Choice | undefined } | null;
}

/**
 * What is in flight, at most one thing:
 * - `idle`: nothing.
 * - `reading`: a read (`id`).
 * - `writing`: a start or an answer; no read runs beside it.
 * - `confirming`: a write whose reply was lost (or aborted by a pause); nothing is sent until a
 *   read (`read`, its id while in flight) tells whether the server took it.
 */
export type Io =
  | { type: 'idle' }
  | { type: 'reading'; id: number }
  | { type: 'writing'; write: Write }
  | { type: 'confirming'; write: Write; error: MfaError; read: number | null };

/** The push feed: `off` (not subscribed), `live`, or `broken` (failed for good: polling covers). */
export type Feed = 'off' | 'live' | 'broken';

/** The session's whole control state. */
export interface MachineState {
  config: MachineConfig;
  /** `active` while it has listeners; `paused` without; `destroyed` for good. */
  life: 'paused' | 'active' | 'destroyed';
  page: { hidden: boolean; offline: boolean };
  /** The server clock's offset (server − local, ms), as last told. */
  offsetMs: number;
  sync: SyncState | null;
  answers: Readonly<Record<number, AnswerValue | undefined>>;
  refusals: Readonly<Record<number, AnswerRefusalReason>>;
  /** The error shown, and what set it: a read's error is cleared by the next good read, a write's only by a write. */
  error: { error: MfaError; from: 'read' | 'write' } | null;
  /** Reads: the last one's failure, consecutive failures, and when the last one ended (local ms). */
  reads: { error: MfaError | null; failures: number; lastAt: number };
  io: Io;
  /** The next id for a read or a write. */
  nextId: number;
  /** When the current run began (a start, a restart, a taken answer), local ms. */
  runStartedAt: number | null;
  /** `autoStart` has had its one go. */
  autoStarted: boolean;
  /**
   * The push feed, and whether it is behind our last write: behind a load balancer the stream
   * may come from a process that never saw the write, so polling covers until it speaks. What it
   * pushed during a write counts only if it is the write's reply; what it pushes after that
   * counts only if it is not the sync the write replaced (`stale`): a process may push a read it
   * made before the write landed on another one.
   */
  push: { feed: Feed; behind: boolean; heardDuringWrite: SyncState | null; stale: SyncState | null };
  /** The PIN destination chosen at stage one, and whether a deadline followed (a realtime flow). */
  destination: { choice: Choice | undefined; realtime: boolean } | null;
  /** Armed by a restart: the destination to answer stage one with again. */
  resend: Choice | null;
  /** What the last taken answer answered, to tell when the bank asks again. */
  answered: Challenge[];
  /** What was last shown: events fire when these change. */
  shown: { step: MfaStep; connectivity: MfaConnectivity; expiredKey: string; wasOffline: boolean };
}

/** Everything that can happen to a session. */
export type MachineEvent =
  | { type: 'activate'; page: { hidden: boolean; offline: boolean } }
  | { type: 'pause' }
  /** A microtask after `pause`: a write still in flight with nobody back is aborted. */
  | { type: 'pauseSettled' }
  | { type: 'destroy' }
  | { type: 'configure'; config: MachineConfig; reconnect: boolean }
  | { type: 'page'; hidden: boolean; offline: boolean }
  | { type: 'clock'; offsetMs: number }
  /** The deadline timer fired: the step may have expired (nothing to do but what follows every event: `settle`). */
  | { type: 'tick' }
  | { type: 'pollDue' }
  | { type: 'refresh' }
  | { type: 'readDone'; id: number; sync: SyncState }
  | { type: 'readFailed'; id: number; error: MfaError }
  /** A sync found in the cache when the session became active (a server prefetch). */
  | { type: 'seeded'; sync: SyncState; at: number }
  | { type: 'writeDone'; id: number; sync: SyncState }
  | { type: 'writeFailed'; id: number; error: MfaError }
  | { type: 'pushed'; sync: SyncState }
  | { type: 'pushFailed'; error: MfaError }
  | { type: 'unauthorized'; error: MfaError }
  | { type: 'setAnswer'; challengeId: number; value: AnswerValue | undefined }
  /** `ticket`: the runner's handle for the `submit()` promise; always answered by one `settle`. */
  | { type: 'submit'; ticket: number }
  | { type: 'begin'; event: 'sync_started' | 'sync_restarted' | 'credentials_submitted'; credentials?: Credentials }
  | { type: 'alternative' };

type CallbackName = 'onStepChange' | 'onComplete' | 'onExpire' | 'onError';

/** A partner callback to call (`onStepChange`, `onComplete`, `onExpire`, `onError`), with its arguments. */
export type Callback = { [K in CallbackName]: { name: K; args: Parameters<NonNullable<MfaSessionBehaviour[K]>> } }[CallbackName];

/** What the runner does for the machine. */
export type Effect =
  | { type: 'read'; id: number }
  | { type: 'abortRead' }
  | { type: 'write'; id: number; event: WriteEvent; answers?: WireAnswer[]; credentials?: Credentials }
  | { type: 'abortWrite' }
  /** Tell the machine `pauseSettled` after a microtask (StrictMode subscribes again at once). */
  | { type: 'awaitPause' }
  /** The two timers, replaced: delays in ms, or `null` for none. */
  | { type: 'timers'; poll: number | null; deadline: number | null }
  | { type: 'push'; on: boolean }
  /** Put a sync that did not come from a read (a write's reply, a push) into the query cache. */
  | { type: 'cache'; sync: SyncState }
  | { type: 'emit'; name: MfaEventName; meta: MfaEventMeta }
  | { type: 'call'; callback: Callback }
  /** The `submit()` with this ticket is over: resolve its promise. */
  | { type: 'settle'; ticket: number };

const IDLE: MfaStep = { type: 'idle' };
const NONE: Challenge[] = [];
/** The longest delay a timer takes (2^31 − 1 ms); longer ones would fire at once. */
const MAX_DELAY = 2_147_483_647;

/** Equal as data (syncs, steps, policies: plain JSON values), whatever their identity. */
export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
export const challengesOf = (step: MfaStep) => ('challenges' in step ? step.challenges : NONE);
export const timedChallenges = (step: MfaStep) => pendingChallenges(challengesOf(step)).filter((c) => c.deadline !== null);
const inProgress = (sync: SyncState) => !isFinalStatus(sync.status);
const keepOnly = <T>(record: Readonly<Record<number, T>>, sync: SyncState) =>
  Object.fromEntries(Object.entries(record).filter(([id]) => sync.challenges.some((c) => c.id === Number(id)))) as Record<number, T>;
const challengeIds = (challenges: readonly Challenge[] | undefined) => challenges?.map((c) => c.id).join();
/** The id of the read in flight (a plain read, or the read of an answer in doubt), else `null`. */
const readOf = (io: Io) => (io.type === 'reading' ? io.id : io.type === 'confirming' ? io.read : null);

/**
 * How far a corrected server clock must put a deadline ahead before an expiry already shown is
 * taken back. Each offset estimate is within `rtt / 2 + 500` ms of the truth (clock.ts), so two
 * estimates from quick replies can disagree by a second or more: a correction smaller than this
 * is the estimate's noise, not time given back to the user.
 */
const EXPIRY_HOLD_MS = 2_000;

/**
 * The step the state shows at `now`: core's `deriveStep`, or `idle` before any sync, except that
 * an expiry is not taken back without a reason. The user was told "time is up" (focus moved,
 * the assertive region spoke); a second step right after it would move focus and speak again.
 * - The server's `resync` after a realtime deadline passed here is that same expiry: an
 *   `expired` step stays, and an `answer` step whose deadline has passed becomes `expired`,
 *   whichever of the deadline timer and the read came first. `restart()` is the way on.
 * - A clock correction that puts the same challenges' deadline less than
 *   `EXPIRY_HOLD_MS` ahead again keeps the `expired` step shown.
 * A `resync` before any deadline passed is the server's own `restart`; other challenges, a
 * status that moved on, or a clock that was really wrong show what the sync says.
 */
export function stepAt(s: MachineState, now: number): MfaStep {
  if (!s.sync) return IDLE;
  const step = deriveStep(s.sync, now, s.offsetMs);
  const shown = s.shown.step;
  if (step.type === 'restart') {
    if (shown.type === 'expired') return shown;
    if (shown.type === 'answer' && timedChallenges(shown).some((c) => isExpired(c.deadline, now, s.offsetMs))) return { type: 'expired', challenges: shown.challenges };
  }
  const sameAgain = step.type === 'answer' && shown.type === 'expired' && challengeIds(step.challenges) === challengeIds(shown.challenges);
  return sameAgain && step.deadline !== null && timeLeft(step.deadline, now, s.offsetMs) < EXPIRY_HOLD_MS ? shown : step;
}

/** The public request state: what kind of write is in flight, if any. */
export function requestOf(io: Io): MfaRequestState {
  if (io.type === 'writing') return io.write.event === 'answer_submitted' ? 'submitting' : 'starting';
  return io.type === 'confirming' ? 'confirming' : 'idle';
}

/** The earliest deadline of an `answer` or `expired` step, server-clock epoch ms, else `null`. */
export const deadlineOf = (step: MfaStep) => (step.type === 'answer' ? step.deadline : (timedChallenges(step)[0]?.deadline ?? null));

/** See `MfaConnectivity`. */
export function connectivityOf(s: MachineState): MfaConnectivity {
  if (s.life !== 'active') return 'online';
  const { error, failures } = s.reads;
  if (s.page.offline) return 'offline';
  if (!error || !isRetryableFailure(error)) return 'online';
  if (failures <= s.config.maxRetries) return 'retrying';
  return error.kind === 'network' || error.kind === 'timeout' ? 'offline' : 'server_error';
}

/** The state of a session for `config`, before anything happened. `setOptions` with another connection starts here again. */
export function initialState(config: MachineConfig): MachineState {
  return {
    config,
    life: 'paused',
    page: { hidden: false, offline: false },
    offsetMs: 0,
    sync: null,
    answers: {},
    refusals: {},
    error: null,
    reads: { error: null, failures: 0, lastAt: 0 },
    io: { type: 'idle' },
    nextId: 1,
    runStartedAt: null,
    autoStarted: false,
    push: { feed: 'off', behind: false, heardDuringWrite: null, stale: null },
    destination: null,
    resend: null,
    answered: [],
    shown: { step: IDLE, connectivity: 'online', expiredKey: '', wasOffline: false },
  };
}

/**
 * The one way the session's state changes: the next state for `event` at local time `now`, and
 * the effects to carry out, in order. `random` in `[0, 1)` draws the polling jitter; it is drawn
 * only when a read is planned.
 */
export function transition(state: MachineState, event: MachineEvent, now: number, random: () => number = () => 0.5): { state: MachineState; effects: Effect[] } {
  if (state.life === 'destroyed') return { state, effects: event.type === 'submit' ? [{ type: 'settle', ticket: event.ticket }] : [] };
  // The working copy: a fresh state object, changed here only, and the effects so far.
  const s: MachineState = { ...state };
  const effects: Effect[] = [];
  handle(event);
  // After every event: the events a new step or connectivity implies, then the timers.
  if (s.life !== 'destroyed') {
    react();
    plan();
  }
  return { state: s, effects };

  function fx(effect: Effect) {
    effects.push(effect);
  }

  function emit(name: MfaEventName, challenges?: Challenge[] | null, failure?: MfaError | null, extra?: Partial<MfaEventMeta>) {
    const meta: MfaEventMeta = {
      connectionId: s.config.connectionId,
      step: s.shown.step.type,
      ...(s.sync ? { status: s.sync.status } : {}),
      ...(challenges ? { challengeIds: challenges.map((c) => c.id), challengeKinds: challenges.map((c) => c.kind) } : {}),
      ...(failure ? { errorKind: failure.kind } : {}),
      ...extra,
    };
    fx({ type: 'emit', name, meta });
  }

  function fail(error: MfaError, from: 'read' | 'write') {
    s.error = { error, from };
    fx({ type: 'call', callback: { name: 'onError', args: [error] } });
  }

  function canRead() {
    return s.life === 'active' && s.config.enabled && s.config.hasTransport;
  }

  function handle(event: MachineEvent) {
    switch (event.type) {
      case 'activate':
        s.life = 'active';
        s.page = event.page;
        s.shown = { ...s.shown, wasOffline: event.page.offline };
        connectPush();
        // A sync seeded before (a server prefetch): `autoStart: 'auto'` decides on it now.
        return autoDecide();
      case 'pause':
        s.life = 'paused';
        disconnectPush();
        abortRead();
        if (s.io.type === 'writing') fx({ type: 'awaitPause' });
        // A paused session may never be resumed (an unmount, a hidden <Activity> that is then
        // removed): the `submit()` waiting on a write resolves now. The write's fate is not
        // forgotten: it is confirmed by a read before anything is sent again.
        if ((s.io.type === 'writing' || s.io.type === 'confirming') && s.io.write.ticket !== null) {
          settleWrite(s.io.write);
          s.io = { ...s.io, write: { ...s.io.write, ticket: null } };
        }
        return;
      case 'pauseSettled':
        if (s.life === 'paused' && s.io.type === 'writing') fx({ type: 'abortWrite' });
        return;
      case 'destroy':
        abandon();
        s.io = { type: 'idle' };
        s.life = 'destroyed';
        return fx({ type: 'timers', poll: null, deadline: null });
      case 'configure':
        return configure(event.config, event.reconnect);
      case 'page': {
        s.page = { hidden: event.hidden, offline: event.offline };
        const back = s.shown.wasOffline && !event.offline;
        s.shown = { ...s.shown, wasOffline: event.offline };
        // Back online: read now instead of waiting out the backoff.
        if (back && stepAt(s, now).type !== 'answer') read();
        return;
      }
      case 'clock':
        s.offsetMs = event.offsetMs;
        return;
      case 'pollDue':
      case 'refresh':
        return read();
      case 'readDone':
        if (endRead(event.id)) accept(event.sync, 'read');
        return;
      case 'seeded':
        if (s.sync || s.io.type !== 'idle') return;
        accept(event.sync, 'read');
        s.reads = { ...s.reads, lastAt: event.at };
        return;
      case 'readFailed':
        return readFailed(event.id, event.error);
      case 'writeDone':
        return writeDone(event.id, event.sync);
      case 'writeFailed':
        return writeFailed(event.id, event.error);
      case 'pushed':
        return pushed(event.sync);
      case 'pushFailed':
        // The stream is gone for good: polling takes over from here.
        if (s.push.feed !== 'live') return;
        s.push = { ...s.push, feed: 'broken' };
        return emit('push_failed', null, event.error);
      case 'unauthorized':
        return emit('unauthorized', null, event.error);
      case 'setAnswer':
        return setAnswer(event.challengeId, event.value);
      case 'submit':
        if (!submit(event.ticket)) fx({ type: 'settle', ticket: event.ticket });
        return;
      case 'begin':
        return begin(event.event, event.credentials);
      case 'alternative':
        return emit(
          'alternative_requested',
          challengesOf(s.shown.step).filter((c) => c.kind === 'captcha' || c.kind === 'imageChoice'),
        );
    }
  }

  function configure(config: MachineConfig, reconnect: boolean) {
    if (config.connectionId !== s.config.connectionId) {
      // Another connection: nothing of this one applies. What was shown stays, so the move to
      // `idle` is announced like any other step change.
      abandon();
      const kept = { life: s.life, page: s.page, offsetMs: s.offsetMs, nextId: s.nextId, shown: s.shown };
      Object.assign(s, initialState(config), kept);
    } else {
      s.config = config;
      if (reconnect) disconnectPush();
    }
    // A stream, like polling, only while reading is enabled.
    if (canRead()) connectPush();
    else disconnectPush();
  }

  /** Ends everything in flight for good: the push feed, a read, a write (the `submit()` waiting on it resolves). */
  function abandon() {
    disconnectPush();
    abortRead();
    if (s.io.type === 'writing') fx({ type: 'abortWrite' });
    if (s.io.type === 'writing' || s.io.type === 'confirming') settleWrite(s.io.write);
  }

  function connectPush() {
    if (!s.config.hasPush || s.push.feed === 'live' || !canRead()) return;
    s.push = { ...s.push, feed: 'live' };
    fx({ type: 'push', on: true });
  }

  function disconnectPush() {
    if (s.push.feed === 'off') return;
    if (s.push.feed === 'live') fx({ type: 'push', on: false });
    s.push = { ...s.push, feed: 'off' };
  }

  /** A read may start now: reading is on, and neither a read nor a write is in flight (an answer in doubt is read: that is how it is settled). */
  function mayReadNow() {
    const { io } = s;
    return canRead() && (io.type === 'idle' || (io.type === 'confirming' && io.read === null));
  }

  /** Ends the read in flight if `id` is its id (not one aborted or replaced since); false when it is not ours. */
  function endRead(id: number | null) {
    if (id === null || id !== readOf(s.io)) return false;
    s.io = s.io.type === 'confirming' ? { ...s.io, read: null } : { type: 'idle' };
    return true;
  }

  function abortRead() {
    if (endRead(readOf(s.io))) fx({ type: 'abortRead' });
  }

  function read() {
    const { io } = s;
    if (!mayReadNow()) return;
    const id = s.nextId++;
    s.io = io.type === 'confirming' ? { ...io, read: id } : { type: 'reading', id };
    fx({ type: 'read', id });
  }

  function readFailed(id: number, error: MfaError) {
    if (!endRead(id)) return;
    if (error.kind !== 'aborted') emit('request_failed', null, error);
    s.reads = { ...s.reads, lastAt: now };
    if (error.kind === 'aborted') return;
    const failures = s.reads.failures + 1;
    s.reads = { error, failures, lastAt: now };
    const max = s.config.maxRetries;
    const transient = isRetryableFailure(error);
    if (transient && failures <= max) emit('retrying', null, error, { attempt: failures });
    // Retries ran out: say so once; polling goes on at the retry cap and recovers by itself.
    else if (!transient || failures === max + 1) fail(error, 'read');
  }

  /** A sync arrived (read, written or pushed): reset the failures, settle an answer in doubt. */
  function accept(sync: SyncState, from: 'read' | 'write' | 'push') {
    s.reads = { error: null, failures: 0, lastAt: now };
    if (from === 'write' || s.error?.from !== 'write') s.error = null;
    // Most polls bring the same sync again: keep the old object, so the snapshot stays put.
    if (!same(sync, s.sync)) s.sync = sync;
    if (from !== 'read') fx({ type: 'cache', sync: s.sync! });
    // Read back as it was before our write (the bank asked the same again): no longer stale.
    else if (same(sync, s.push.stale)) s.push = { ...s.push, stale: null };
    if (s.io.type === 'confirming') {
      const { write, error } = s.io;
      s.io = { type: 'idle' };
      if (wasTaken(write, sync)) {
        s.error = null;
        taken(write, sync);
      } else if (error.kind !== 'aborted') {
        // Not received: now, and only now, the user may send again; what they typed is still there.
        // (A POST aborted by a pause that never arrived failed in nothing: no error to report.)
        fail(error, 'write');
        onFailed(write, error);
      }
      settleWrite(write);
    }
    autoDecide();
  }

  /** `autoStart: 'auto'`, once, on the first sync seen while active: start when nothing runs and no input is needed first. */
  function autoDecide() {
    if (s.config.autoStart !== 'auto' || s.autoStarted || !s.sync || s.life !== 'active') return;
    s.autoStarted = true;
    const { type } = deriveStep(s.sync, now, s.offsetMs);
    if (type === 'done' || type === 'failed' || type === 'restart') {
      react();
      begin('sync_started');
    }
  }

  /** A write was taken: a new run of fast polling, and the answers of challenges that are gone are dropped. */
  function taken(write: Write, next: SyncState) {
    s.runStartedAt = now;
    s.push = { ...s.push, stale: write.before };
    s.answers = keepOnly(s.answers, next);
    s.refusals = keepOnly(s.refusals, next);
    if (write.event !== 'answer_submitted') return;
    s.answered = write.challenges!;
    // Remember a PIN destination for a one-step re-send after an expiry.
    if (write.stage) s.destination = { choice: write.stage.choice, realtime: false };
    if (next.status !== 'resync') emit('answer_accepted', write.challenges);
  }

  function onFailed(write: Write, error: MfaError) {
    if (write.event === 'answer_submitted') emit('answer_failed', write.challenges, error);
    else s.resend = null;
  }

  function write(write: Omit<Write, 'id'>, payload: { answers?: WireAnswer[]; credentials?: Credentials }) {
    if (s.life !== 'active') return false;
    // A read in flight could land after the POST and bring back what the POST replaced.
    abortRead();
    const id = s.nextId++;
    s.io = { type: 'writing', write: { ...write, id } };
    s.push = { ...s.push, behind: true, heardDuringWrite: null, stale: null };
    emit(write.event, write.challenges);
    fx({ type: 'write', id, event: write.event, ...payload });
    return true;
  }

  /** The write in flight, when `id` is its id. */
  function ownWrite(id: number) {
    return s.io.type === 'writing' && s.io.write.id === id ? s.io.write : null;
  }

  function writeDone(id: number, sync: SyncState) {
    const write = ownWrite(id);
    if (!write) return;
    s.io = { type: 'idle' };
    if (s.push.heardDuringWrite && same(s.push.heardDuringWrite, sync)) s.push = { ...s.push, behind: false };
    taken(write, sync);
    accept(sync, 'write');
    settleWrite(write);
  }

  function writeFailed(id: number, error: MfaError) {
    const write = ownWrite(id);
    if (!write) return;
    if (error.kind !== 'aborted') emit('request_failed', null, error);
    // Aborted here means paused (the last listener left): the server may have the POST all the
    // same, so it is confirmed by a read when a listener comes back, like a lost reply.
    if (error.kind === 'aborted' || mayHaveArrived(error)) {
      s.io = { type: 'confirming', write, error, read: null };
      emit('answer_in_doubt', write.challenges, error);
      return;
    }
    s.io = { type: 'idle' };
    fail(error, 'write');
    if (write.event === 'answer_submitted' && error.kind === 'challenge_expired') {
      const pending = write.challenges!;
      refuse(pending, allExpired(pending), error);
      // The server now reads `resync`: read it so the step follows.
      read();
    } else onFailed(write, error);
    settleWrite(write);
  }

  function pushed(sync: SyncState) {
    if (s.push.feed !== 'live') return;
    if (s.io.type === 'writing') {
      s.push = { ...s.push, heardDuringWrite: sync };
      return;
    }
    // Still behind our write, the stream pushes the sync the write replaced, or a final status
    // (a start's reply showed a run going on): most likely its process read before the write
    // landed on another one. Not shown, not taken as caught up: polling goes on, and confirms it
    // if it is the truth.
    if (s.push.behind && (same(sync, s.push.stale) || isFinalStatus(sync.status))) return;
    s.push = { ...s.push, behind: false, stale: null };
    // An answer in doubt is settled by our own read, never by a pushed snapshot that may have
    // been read before the answer arrived.
    if (s.io.type !== 'confirming') accept(sync, 'push');
  }

  function setAnswer(challengeId: number, value: AnswerValue | undefined) {
    s.answers = { ...s.answers, [challengeId]: value };
    // A changed answer is no longer refused.
    if (s.refusals[challengeId]) {
      const { [challengeId]: _gone, ...rest } = s.refusals;
      s.refusals = rest;
    }
  }

  function refuse(pending: Challenge[], list: AnswerRefusal[], failure?: MfaError) {
    s.refusals = Object.fromEntries(list.map((r) => [r.challengeId, r.reason]));
    emit(
      'answer_refused',
      pending.filter((c) => s.refusals[c.id]),
      failure,
      { reasons: { ...s.refusals } },
    );
  }

  function settleWrite(write: Write) {
    if (write.ticket !== null) fx({ type: 'settle', ticket: write.ticket });
  }

  /** Posts every answerable challenge; false when nothing was sent. */
  function submit(ticket: number | null): boolean {
    const step = s.shown.step;
    const pending = pendingChallenges(challengesOf(step));
    if (requestOf(s.io) !== 'idle' || !pending.length || s.life !== 'active') return false;
    const built = step.type === 'expired' ? { ok: false as const, refusals: allExpired(pending) } : buildAnswers(pending, s.answers, now, s.offsetMs);
    if (!built.ok) {
      refuse(pending, built.refusals);
      return false;
    }
    s.refusals = {};
    s.answered = [];
    const stage = pinDestination(pending);
    return write(
      {
        ticket,
        event: 'answer_submitted',
        challenges: pending,
        before: s.sync,
        stage: stage ? { choice: stage.choices.find((c) => c.key === built.answers[0]?.answer) } : null,
      },
      { answers: built.answers },
    );
  }

  function begin(event: 'sync_started' | 'sync_restarted' | 'credentials_submitted', credentials?: Credentials) {
    if (requestOf(s.io) !== 'idle' || !s.config.hasTransport) return;
    s.resend = event === 'sync_restarted' && s.config.autoResend && s.destination?.realtime ? (s.destination.choice ?? null) : null;
    s.answered = [];
    write({ ticket: null, event, challenges: null, before: s.sync, stage: null }, credentials ? { credentials } : {});
  }

  /** The events of a step or connectivity change, and the one-step re-send. */
  function react() {
    const step = stepAt(s, now);
    const previous = s.shown.step;
    // What submit() answers is the step as shown, progress included.
    s.shown = { ...s.shown, step };
    if (stepKey(previous) !== stepKey(step)) {
      emit('step_changed');
      fx({ type: 'call', callback: { name: 'onStepChange', args: [step, previous] } });
      // Once per expiry: ours, then the server's `resync` for the same challenges, is one.
      const expired = timedChallenges(step.type === 'restart' ? previous : step.type === 'expired' ? step : IDLE);
      const key = challengeIds(expired);
      if (key && key !== s.shown.expiredKey) {
        s.shown = { ...s.shown, expiredKey: key };
        emit('challenge_expired', expired);
        fx({ type: 'call', callback: { name: 'onExpire', args: [expired] } });
      }
      if (step.type === 'answer') {
        emit('challenge_shown', step.challenges);
        if (step.deadline !== null && s.destination) s.destination = { ...s.destination, realtime: true };
        const armed = s.resend;
        s.resend = null;
        const offered = pinDestination(step.challenges);
        const match = armed && offered && matchDestination(offered, armed);
        if (offered && match) {
          emit('resend_auto', [offered]);
          setAnswer(offered.id, match.key);
          submit(null);
        }
      } else if (step.type === 'done') {
        emit('sync_completed');
        fx({ type: 'call', callback: { name: 'onComplete', args: [s.sync!] } });
      } else if (step.type === 'failed' || step.type === 'credentials' || step.type === 'config') {
        emit('sync_failed');
      }
    }
    const connectivity = connectivityOf(s);
    if (connectivity !== s.shown.connectivity) {
      s.shown = { ...s.shown, connectivity };
      if (connectivity !== 'retrying') emit(connectivity, null, connectivity === 'online' ? null : s.reads.error);
    }
  }

  /** One timer at the answer step's deadline, and one for the next read, planned by core's policy. */
  function plan() {
    if (s.life !== 'active') return fx({ type: 'timers', poll: null, deadline: null });
    if (s.config.autoStart === true && !s.autoStarted && canRead()) {
      s.autoStarted = true;
      begin('sync_started');
      react();
    }
    const step = stepAt(s, now);
    const deadline = deadlineOf(step);
    const serverNow = now + s.offsetMs;
    const deadlineTimer = step.type === 'answer' && step.deadline !== null ? Math.min(MAX_DELAY, Math.max(0, step.deadline - serverNow)) : null;
    fx({ type: 'timers', poll: pollDelay(step, deadline), deadline: deadlineTimer });
  }

  function pollDelay(step: MfaStep, deadline: number | null): number | null {
    // Reads wait for a write in flight; once it ended, taken, refused or in doubt, reads
    // follow: an outcome in doubt needs one.
    if (!mayReadNow()) return null;
    const confirming = s.io.type === 'confirming';
    // A healthy stream delivers every change once it has spoken after our last write; an
    // answer in doubt is checked by a read all the same.
    if (s.push.feed === 'live' && !s.push.behind && !confirming) return null;
    const delay = nextPollDelay({
      // Learning an answer's fate cannot wait for the user: read as if nothing were known.
      phase: confirming ? 'reading' : pollPhase(s.sync && (step as Step)),
      runElapsedMs: now - (s.runStartedAt ?? now),
      sinceLastReadMs: now - s.reads.lastAt,
      deadlineInMs: deadline === null ? null : deadline - (now + s.offsetMs),
      // The one confirming read after a deadline is any read after it.
      expiryConfirmed: deadline !== null && s.reads.lastAt + s.offsetMs > deadline,
      hidden: s.page.hidden,
      offline: s.page.offline,
      error: s.reads.error,
      failures: s.reads.failures,
      random: random(),
      policy: s.config.pollPolicy,
    });
    return delay === null ? null : Math.min(MAX_DELAY, delay);
  }
}

function allExpired(pending: Challenge[]): AnswerRefusal[] {
  return pending.map((c) => ({ challengeId: c.id, reason: 'expired' }));
}

/** Did the server take `write`, judging by a sync read after it? */
function wasTaken(write: Write, next: SyncState): boolean {
  if (write.event === 'answer_submitted') {
    // Taken when the answered challenges are no longer all pending, or the sync moved on.
    const ids = write.challenges!.map((c) => c.id);
    return !(inProgress(next) && ids.every((id) => next.challenges.some((c) => c.id === id && c.shouldAnswer)));
  }
  // A start was taken when a sync now runs that was not running before (or runs other challenges).
  const { before } = write;
  return inProgress(next) && (!before || !inProgress(before) || challengeIds(before.challenges) !== challengeIds(next.challenges));
}

/** Whether `c`, asked after `before` was answered, is the bank asking again: `same`, `other`, or neither. */
export function askedAgain(c: Challenge, before: Challenge): 'same' | 'other' | null {
  const field = challengeField(c);
  if (field !== challengeField(before)) return null;
  return c.prompt === before.prompt || field === 'pin' ? 'same' : 'other';
}
