/**
 * The proxy as the gatekeeper of answers: one write in flight per connection (an identical one
 * shares its outcome), and answers forwarded only to challenges pending in the last known sync,
 * once each, no longer than their kind allows.
 */
import { findChoice, MAX_ANSWER_LENGTH, pendingChallenges, type Choice, type ImageChoice, type MfaErrorKind, type SyncState, type WireAnswer } from '@mfa-kit/core/protocol';
import type { SyncOutcome } from './outcome';

/**
 * How far past a deadline (in the upstream's clock) an answer is still forwarded: the upstream's
 * `Date` has whole seconds, so the clock estimated from it may be up to a second ahead.
 */
const DEADLINE_GRACE_MS = 1000;

/** A sync the proxy saw, and where the upstream's clock stood against ours when it did. */
export interface KnownSync {
  state: SyncState;
  /** The upstream's clock minus ours, in ms, from its `Date` (0 without one). */
  offsetMs: number;
}

/** The last sync seen per connection, oldest forgotten first beyond `max` connections. */
export interface SyncMemory {
  get(connectionId: number): KnownSync | undefined;
  remember(connectionId: number, outcome: SyncOutcome, receivedAt: number): void;
}

/** Creates a {@link SyncMemory} holding at most `max` connections. */
export function createSyncMemory(max: number): SyncMemory {
  const known = new Map<number, KnownSync>();
  return {
    get: (connectionId) => known.get(connectionId),
    remember(connectionId, outcome, receivedAt) {
      if (!outcome.ok) return;
      const offsetMs = outcome.date ? Date.parse(outcome.date) - receivedAt : 0;
      // Re-inserted, so the map's order is least recently seen first.
      known.delete(connectionId);
      known.set(connectionId, { state: outcome.state, offsetMs: Number.isFinite(offsetMs) ? offsetMs : 0 });
      if (known.size > max) known.delete(known.keys().next().value!);
    },
  };
}

/** Why an answer body is not forwarded: a 4xx outcome in the kit's words, naming no answer. */
type Refusal = Extract<SyncOutcome, { ok: false }>;

function refusal(status: 400 | 409, id: string, message: string, kind: MfaErrorKind = 'server'): Refusal {
  return { ok: false, status, id, message, kind, retryAfter: null, date: null };
}

/**
 * The refusal of `answers` against the connection's last known sync, or `null` to forward them.
 * @param serverNow the upstream's clock now, epoch ms.
 */
export function refuseAnswers(known: SyncState, answers: readonly WireAnswer[], serverNow: number): Refusal | null {
  const ids = new Set(answers.map((answer) => answer.challenge_id));
  if (ids.size !== answers.length) return refusal(400, 'duplicate_answer', 'Send one answer per challenge.');
  const pending = new Map(pendingChallenges(known.challenges).map((challenge) => [challenge.id, challenge]));
  for (const { challenge_id: id, answer } of answers) {
    const challenge = pending.get(id);
    if (!challenge) return refusal(409, 'challenge_not_pending', 'A challenge answered is not waiting for an answer on this connection.');
    if (challenge.deadline !== null && serverNow > challenge.deadline + DEADLINE_GRACE_MS) {
      return refusal(409, 'challenge_expired', 'The challenge expired; the sync must start again.', 'challenge_expired');
    }
    if (challenge.kind === 'choice' || challenge.kind === 'imageChoice') {
      if (!findChoice<Choice | ImageChoice>(challenge.choices, answer)) return refusal(400, 'invalid_answer', 'An answer is not one of its challenge’s choices.');
    } else if (String(answer).length > MAX_ANSWER_LENGTH) {
      return refusal(400, 'answer_too_long', `An answer is longer than ${MAX_ANSWER_LENGTH} characters.`, 'answer_too_long');
    }
  }
  return null;
}

/** Runs a connection's writes one at a time; an identical write joins the one queued or under way. */
export interface WriteGate {
  /**
   * Runs `task` once every earlier write on the connection has landed, or joins the identical
   * write (same `key`) queued or under way. `task`'s signal fires only when every request
   * waiting on it has been aborted.
   */
  run(connectionId: number, key: string, signal: AbortSignal, task: (signal: AbortSignal) => Promise<SyncOutcome>): Promise<SyncOutcome>;
}

interface Shared {
  outcome: Promise<SyncOutcome>;
  waiting: number;
  abort: AbortController;
}

interface Lane {
  tail: Promise<unknown>;
  writes: Map<string, Shared>;
}

/** Creates this process's {@link WriteGate}. */
export function createWriteGate(aborted: SyncOutcome): WriteGate {
  const lanes = new Map<number, Lane>();
  return {
    run(connectionId, key, signal, task) {
      let lane = lanes.get(connectionId);
      if (!lane) {
        lane = { tail: Promise.resolve(), writes: new Map() };
        lanes.set(connectionId, lane);
      }
      let shared = lane.writes.get(key);
      if (!shared) {
        const abort = new AbortController();
        const outcome = lane.tail.then(() => (abort.signal.aborted ? aborted : task(abort.signal)));
        const current: Shared = { outcome, waiting: 0, abort };
        const owner = lane;
        owner.writes.set(key, current);
        owner.tail = outcome.catch(() => {});
        void owner.tail.then(() => {
          if (owner.writes.get(key) === current) owner.writes.delete(key);
          if (owner.writes.size === 0 && lanes.get(connectionId) === owner) lanes.delete(connectionId);
        });
        shared = current;
      }
      const joined = shared;
      joined.waiting += 1;
      const onAbort = () => {
        joined.waiting -= 1;
        if (joined.waiting === 0) joined.abort.abort();
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      return joined.outcome.finally(() => signal.removeEventListener('abort', onAbort));
    },
  };
}
