/**
 * The session's transition function, alone: a table of single steps, then model-based property
 * tests that drive it with random event sequences against a model server and check invariants
 * after every step. No timers, no requests: effects are data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MfaError } from '../errors';
import type { SyncState } from '../model';
import { initialState, transition, type Effect, type MachineConfig, type MachineEvent, type MachineState } from './machine';

const T0 = Date.UTC(2018, 0, 28, 13, 0, 0);
const CONFIG: MachineConfig = {
  connectionId: 7,
  enabled: true,
  autoStart: false,
  autoResend: false,
  hasTransport: true,
  hasPush: false,
  maxRetries: 4,
  pollPolicy: { jitter: 0 },
};

const syncing: SyncState = {
  connectionId: 7,
  status: 'syncing',
  progress: { state: 'authenticating', percent: 30, message: null },
  challenges: [],
  configInstructions: null,
};
const asking = (id: number): SyncState => ({
  ...syncing,
  status: 'questions',
  challenges: [{ id, connectionId: 7, kind: 'text', prompt: `Question ${id}?`, deadline: null, shouldAnswer: true, wireType: 'question' }],
});
const good: SyncState = { ...syncing, status: 'good' };

/** Runs events from `state`, returning the last state and every effect. */
function run(state: MachineState, events: MachineEvent[], now = T0) {
  const effects: Effect[] = [];
  for (const event of events) {
    const result = transition(state, event, now);
    state = result.state;
    effects.push(...result.effects);
  }
  return { state, effects };
}

const types = (effects: Effect[]) => effects.map((e) => (e.type === 'emit' ? `emit:${e.name}` : e.type === 'call' ? `call:${e.callback.name}` : e.type));
const active = (config: Partial<MachineConfig> = {}) => run(initialState({ ...CONFIG, ...config }), [{ type: 'activate', page: { hidden: false, offline: false } }]).state;
/** Active, showing `sync`, nothing in flight. */
const showing = (sync: SyncState, config: Partial<MachineConfig> = {}) => run(active(config), [{ type: 'pollDue' }, { type: 'readDone', id: 1, sync }]).state;
/** Showing question 1 answered and posted (write id 2, ticket 9). */
const posting = () => run(showing(asking(1)), [{ type: 'setAnswer', challengeId: 1, value: 'Rex' }, { type: 'submit', ticket: 9 }]).state;
const lost = new MfaError('network', 'no reply');

describe('transition: one step at a time', () => {
  it.each<[string, () => MachineState, MachineEvent, Partial<Record<'io' | 'request' | 'life', string>>, string[]]>([
    ['a paused session ignores a due poll', () => initialState(CONFIG), { type: 'pollDue' }, { io: 'idle' }, ['timers']],
    ['becoming active plans a read at once', () => initialState(CONFIG), { type: 'activate', page: { hidden: false, offline: false } }, { io: 'idle', life: 'active' }, ['timers']],
    ['a due poll reads', active, { type: 'pollDue' }, { io: 'reading' }, ['read', 'timers']],
    ['a submit aborts the read in flight, then posts', () => run(showing(asking(1)), [{ type: 'setAnswer', challengeId: 1, value: 'Rex' }, { type: 'refresh' }]).state, { type: 'submit', ticket: 3 }, { io: 'writing' }, ['abortRead', 'emit:answer_submitted', 'write', 'timers']],
    ['a submit with an answer missing is refused locally and settles', () => showing(asking(1)), { type: 'submit', ticket: 3 }, { io: 'idle' }, ['emit:answer_refused', 'settle', 'timers']],
    ['nothing is read while a write is in flight', posting, { type: 'pollDue' }, { io: 'writing' }, ['timers']],
    ['a second submit while writing sends nothing and settles', posting, { type: 'submit', ticket: 10 }, { io: 'writing' }, ['settle', 'timers']],
    ['a lost reply puts the answer in doubt, unsettled', posting, { type: 'writeFailed', id: 2, error: lost }, { io: 'confirming', request: 'confirming' }, ['emit:request_failed', 'emit:answer_in_doubt', 'timers']],
    ['a refused answer (HTTP 400) fails at once and settles', posting, { type: 'writeFailed', id: 2, error: new MfaError('server', 'bad', { status: 400 }) }, { io: 'idle' }, ['emit:request_failed', 'call:onError', 'emit:answer_failed', 'settle', 'timers']],
    ['a taken answer settles and polls again', posting, { type: 'writeDone', id: 2, sync: syncing }, { io: 'idle' }, ['emit:answer_accepted', 'cache', 'settle', 'emit:step_changed', 'call:onStepChange', 'timers']],
    ['a pause while writing resolves the waiting submit, and waits a microtask before it aborts', posting, { type: 'pause' }, { io: 'writing', life: 'paused' }, ['awaitPause', 'settle', 'timers']],
    ['… and aborts when nobody came back', () => run(posting(), [{ type: 'pause' }]).state, { type: 'pauseSettled' }, { io: 'writing' }, ['abortWrite', 'timers']],
    ['a destroyed session settles a submit and does nothing else', () => run(active(), [{ type: 'destroy' }]).state, { type: 'submit', ticket: 4 }, { life: 'destroyed' }, ['settle']],
  ])('%s', (_name, from, event, expected, effects) => {
    const result = transition(from(), event, T0);
    const request = result.state.io.type === 'writing' ? (result.state.io.write.event === 'answer_submitted' ? 'submitting' : 'starting') : result.state.io.type === 'confirming' ? 'confirming' : 'idle';
    expect({ io: result.state.io.type, request, life: result.state.life }).toMatchObject(expected);
    expect(types(result.effects)).toEqual(effects);
  });

  it.each<[string, SyncState, string, string[]]>([
    ['the answered question gone: taken, the flow goes on', asking(2), 'idle', ['emit:answer_accepted', 'settle']],
    ['the same question still pending: not taken, the user may send again', asking(1), 'idle', ['call:onError', 'emit:answer_failed', 'settle']],
  ])('a confirming read settles the doubt: %s', (_name, read, io, effects) => {
    const doubting = run(posting(), [{ type: 'writeFailed', id: 2, error: lost }, { type: 'pollDue' }]).state;
    expect(doubting.io).toMatchObject({ type: 'confirming', read: 3 });
    const result = transition(doubting, { type: 'readDone', id: 3, sync: read }, T0);
    expect(result.state.io.type).toBe(io);
    expect(types(result.effects)).toEqual(expect.arrayContaining(effects));
    expect(result.state.answers[1]).toBe(read.challenges[0]?.id === 1 ? 'Rex' : undefined);
  });

  // Behind a balancer, a stream's process may push a read it made before our write landed
  // elsewhere (e2e/processes.e2e.ts failed once so: the pre-start status after the start's reply,
  // then nothing more, since the feed counted as caught up and polling stopped).
  it('does not take a pushed copy of what our start replaced as the stream catching up: polling goes on', () => {
    const live = (state: MachineState) => ({ ...state, push: { ...state.push, feed: 'live' as const } });
    const done = live(showing(good, { hasPush: true }));
    const started = run(done, [{ type: 'begin', event: 'sync_started' }]).state;
    const write = started.io.type === 'writing' ? started.io.write.id : -1;
    const replied = run(started, [{ type: 'writeDone', id: write, sync: syncing }]).state;
    const stale = transition(replied, { type: 'pushed', sync: good }, T0);
    expect(stale.state.sync).toEqual(syncing);
    expect(stale.state.push.behind).toBe(true);
    const timers = stale.effects.filter((e): e is Extract<Effect, { type: 'timers' }> => e.type === 'timers');
    expect(timers.at(-1)?.poll).not.toBeNull();
    // The stream's next, newer sync is taken, and it is caught up again.
    const fresh = transition(stale.state, { type: 'pushed', sync: asking(1) }, T0);
    expect(fresh.state.sync).toEqual(asking(1));
    expect(fresh.state.push.behind).toBe(false);
  });

  it('does not take a final status pushed right after a start it never saw the sync before (the trace of the e2e failure)', () => {
    // Subscribed and started at once: no sync seen yet; the stream's process read `never_synced`
    // before the start landed elsewhere, and pushed it after the start's reply arrived.
    const live = { ...active({ hasPush: true }), push: { feed: 'live' as const, behind: false, heardDuringWrite: null, stale: null } };
    const started = run(live, [{ type: 'begin', event: 'sync_started' }]).state;
    const write = started.io.type === 'writing' ? started.io.write.id : -1;
    const replied = run(started, [{ type: 'writeDone', id: write, sync: syncing }]).state;
    const stale = transition(replied, { type: 'pushed', sync: { ...good, status: 'never_synced' } }, T0);
    expect(stale.state.sync).toEqual(syncing);
    expect(stale.state.push.behind).toBe(true);
    const timers = stale.effects.filter((e): e is Extract<Effect, { type: 'timers' }> => e.type === 'timers');
    expect(timers.at(-1)?.poll).not.toBeNull();
    // If it is the truth, polling confirms it: a read is always taken.
    const read = run(stale.state, [{ type: 'pollDue' }]).state;
    const id = read.io.type === 'reading' ? read.io.id : -1;
    expect(run(read, [{ type: 'readDone', id, sync: good }]).state.sync).toEqual(good);
  });

  it('does not take a pushed copy of the sync an answer replaced: the question stays answered', () => {
    const asked = { ...showing(asking(1), { hasPush: true }), push: { feed: 'live' as const, behind: false, heardDuringWrite: null, stale: null } };
    const sent = run(asked, [{ type: 'setAnswer', challengeId: 1, value: 'Rex' }, { type: 'submit', ticket: 9 }]).state;
    const write = sent.io.type === 'writing' ? sent.io.write.id : -1;
    const replied = run(sent, [{ type: 'writeDone', id: write, sync: syncing }]).state;
    const stale = transition(replied, { type: 'pushed', sync: asking(1) }, T0);
    expect(stale.state.sync).toEqual(syncing);
    expect(stale.state.shown.step.type).not.toBe('answer');
    expect(stale.state.push.behind).toBe(true);
  });

  it('ignores a pushed sync while an answer is in doubt: only its own read may settle it', () => {
    const doubting = run(posting(), [{ type: 'writeFailed', id: 2, error: lost }]).state;
    const pushed = transition({ ...doubting, push: { ...doubting.push, feed: 'live' } }, { type: 'pushed', sync: asking(2) }, T0);
    expect(pushed.state.io.type).toBe('confirming');
    expect(types(pushed.effects)).not.toContain('settle');
  });

  it('starts over for another connection by the initial state, settling the answer in doubt', () => {
    const doubting = run(posting(), [{ type: 'writeFailed', id: 2, error: lost }]).state;
    const { state, effects } = transition(doubting, { type: 'configure', config: { ...CONFIG, connectionId: 8 }, reconnect: false }, T0);
    expect(types(effects)).toContain('settle');
    expect(state).toMatchObject({ sync: null, answers: {}, io: { type: 'idle' }, config: { connectionId: 8 }, life: 'active' });
  });

  it('counts read failures: retrying up to maxRetries, then one onError, then still polling at the cap', () => {
    let state = active({ maxRetries: 2 });
    const effects: Effect[] = [];
    for (let i = 0; i < 4; i++) {
      const r = run(state, [{ type: 'pollDue' }, { type: 'readFailed', id: state.nextId, error: new MfaError('server', 'down', { status: 503 }) }]);
      state = r.state;
      effects.push(...r.effects);
    }
    expect(types(effects).filter((t) => t === 'emit:retrying' || t === 'call:onError')).toEqual(['emit:retrying', 'emit:retrying', 'call:onError']);
    expect(effects.at(-1)).toMatchObject({ type: 'timers', poll: expect.any(Number) });
  });

  it('ignores the reply of a read it aborted', () => {
    const state = run(showing(asking(1)), [{ type: 'setAnswer', challengeId: 1, value: 'Rex' }, { type: 'refresh' }, { type: 'submit', ticket: 3 }]).state;
    const late = transition(state, { type: 'readDone', id: 2, sync: good }, T0);
    expect(late.state.sync).toEqual(asking(1));
    expect(late.state.io.type).toBe('writing');
  });
});

describe('transition: a realtime deadline, then the server\'s resync', () => {
  const DEADLINE = T0 + 120_000;
  /** A realtime PIN (deadline two minutes after T0), as the sandbox's realtime_pin asks it. */
  const pin: SyncState = {
    ...syncing,
    status: 'challenges',
    challenges: [{ id: 5, connectionId: 7, kind: 'text', prompt: 'Enter your pin:', deadline: DEADLINE, shouldAnswer: true, wireType: 'text' }],
  };
  const resync: SyncState = { ...syncing, status: 'resync' };
  const stepChanges = (effects: Effect[]) => effects.filter((e) => e.type === 'call' && e.callback.name === 'onStepChange');
  const expiries = (effects: Effect[]) => effects.filter((e) => e.type === 'call' && e.callback.name === 'onExpire');
  /** Runs one event at its own moment, threading the state. */
  function at(state: MachineState, now: number, event: MachineEvent) {
    return transition(state, event, now);
  }
  /** The confirming read after the deadline: due, sent, answered `resync`. */
  function readResync(state: MachineState, now: number) {
    const due = at(state, now, { type: 'pollDue' });
    const read = due.effects.find((e): e is Extract<Effect, { type: 'read' }> => e.type === 'read');
    expect(read).toBeDefined();
    const done = at(due.state, now, { type: 'readDone', id: read!.id, sync: resync });
    return { state: done.state, effects: [...due.effects, ...done.effects] };
  }

  it('keeps the expiry shown at the deadline when the confirming read brings resync: no second step, no second onExpire', () => {
    const answering = showing(pin);
    expect(answering.shown.step.type).toBe('answer');
    const expired = at(answering, DEADLINE + 1, { type: 'tick' });
    expect(expired.state.shown.step).toEqual({ type: 'expired', challenges: pin.challenges });
    expect(stepChanges(expired.effects)).toHaveLength(1);
    expect(expiries(expired.effects)).toHaveLength(1);

    const confirmed = readResync(expired.state, DEADLINE + 2);
    expect(confirmed.state.sync?.status).toBe('resync');
    // The same step the user was told about: same key, so no focus move and nothing said again.
    expect(confirmed.state.shown.step).toEqual(expired.state.shown.step);
    expect(types(confirmed.effects)).not.toContain('emit:step_changed');
    expect(stepChanges(confirmed.effects)).toEqual([]);
    expect(expiries(confirmed.effects)).toEqual([]);
    // The server agreed: nothing more to read until the user acts.
    expect(confirmed.effects.at(-1)).toEqual({ type: 'timers', poll: null, deadline: null });
  });

  it('shows the same expiry when the resync is read before the deadline timer fired', () => {
    const confirmed = readResync(showing(pin), DEADLINE + 1);
    expect(confirmed.state.shown.step).toEqual({ type: 'expired', challenges: pin.challenges });
    expect(stepChanges(confirmed.effects)).toHaveLength(1);
    expect(expiries(confirmed.effects)).toHaveLength(1);
    // The timer that fires late changes nothing.
    const late = at(confirmed.state, DEADLINE + 2, { type: 'tick' });
    expect(stepChanges(late.effects)).toEqual([]);
  });

  it('shows a resync read before the deadline passed here as the restart step, as before', () => {
    const ended = readResync(showing(pin), DEADLINE - 60_000);
    expect(ended.state.shown.step).toEqual({ type: 'restart' });
  });

  it('keeps the expiry shown through a clock correction within the estimate\'s noise, and gives the PIN back for a real one', () => {
    const expired = at(showing(pin), DEADLINE + 1, { type: 'tick' }).state;
    // A reply whose Date header puts the server 0.8 s behind what we thought: the deadline is 0.8 s away again.
    const noise = at(expired, DEADLINE + 1, { type: 'clock', offsetMs: -800 });
    expect(noise.state.shown.step).toEqual(expired.shown.step);
    expect(stepChanges(noise.effects)).toEqual([]);
    // Still unconfirmed by the server: a read is planned after the corrected deadline.
    expect(noise.effects.at(-1)).toMatchObject({ type: 'timers', poll: expect.any(Number) });
    const { state: confirmed, effects } = readResync(noise.state, DEADLINE + 1_000);
    expect(confirmed.shown.step).toEqual(expired.shown.step);
    expect(stepChanges(effects)).toEqual([]);

    // A clock that was a minute wrong: the PIN is really still good.
    const wrong = at(expired, DEADLINE + 1, { type: 'clock', offsetMs: -60_000 });
    expect(wrong.state.shown.step).toMatchObject({ type: 'answer', deadline: DEADLINE });
  });

  it('leaves the kept expiry for the new run once the user restarts', () => {
    const confirmed = readResync(at(showing(pin), DEADLINE + 1, { type: 'tick' }).state, DEADLINE + 2);
    const restarting = at(confirmed.state, DEADLINE + 3, { type: 'begin', event: 'sync_restarted' });
    const write = restarting.effects.find((e): e is Extract<Effect, { type: 'write' }> => e.type === 'write');
    expect(write).toMatchObject({ event: 'sync_restarted' });
    const next = { ...pin, challenges: [{ ...pin.challenges[0]!, id: 6, deadline: DEADLINE + 130_000 }] };
    const again = at(restarting.state, DEADLINE + 4, { type: 'writeDone', id: write!.id, sync: next });
    expect(again.state.shown.step).toMatchObject({ type: 'answer', challenges: next.challenges });
    // A later resync with no deadline passed is the server's own restart.
    const ended = readResync(again.state, DEADLINE + 5);
    expect(ended.state.shown.step).toEqual({ type: 'restart' });
  });
});

/** What the model server may do with a request, as chosen by the test. */
type Fate = 'ok' | 'lostBefore' | 'lostAfter' | 'refused' | 'rateLimited';

/**
 * The random actions; each applies only when it makes sense in the current state, else does
 * nothing. Replies and submits weigh more, so sequences reach the interesting states often.
 */
const simple = <N extends string>(...names: N[]) => fc.constantFrom(...names).map((type) => ({ type }));
const action = fc.oneof(
  { arbitrary: simple('activate', 'pause', 'pauseSettled', 'tick', 'refresh', 'start', 'restart', 'pushFailed', 'destroy', 'toggleEnabled', 'hide', 'offline'), weight: 3 },
  // The poll timer fires (when one is armed).
  { arbitrary: simple('pollDue'), weight: 4 },
  { arbitrary: simple('submit'), weight: 3 },
  { arbitrary: simple('push'), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('answer' as const), value: fc.constantFrom('Rex', '', 'Pied Piper') }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('read' as const), fate: fc.constantFrom<Fate>('ok', 'ok', 'lostBefore', 'refused', 'rateLimited') }), weight: 4 },
  { arbitrary: fc.record({ type: fc.constant('write' as const), fate: fc.constantFrom<Fate>('ok', 'lostBefore', 'lostAfter', 'lostAfter', 'refused', 'rateLimited') }), weight: 4 },
  { arbitrary: fc.record({ type: fc.constant('abortedWrite' as const), arrived: fc.boolean() }), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 30_000 }).map((ms) => ({ type: 'wait' as const, ms })), weight: 2 },
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

const errorFor = (fate: Fate) =>
  fate === 'refused'
    ? new MfaError('server', 'refused', { status: 400 })
    : fate === 'rateLimited'
      ? new MfaError('rate_limited', 'slow down', { status: 429, retryAfterMs: 5000 })
      : new MfaError('network', 'no reply');

/**
 * Drives the machine against a model server: questions 1, 2, 3… one at a time; an answer the
 * server takes replaces its question, a start when nothing runs asks a new one. Checks the
 * invariants after every transition and returns what happened.
 */
function drive(actions: Action[], config: Partial<MachineConfig>) {
  let state = initialState({ ...CONFIG, ...config });
  let now = T0;
  const server = { sync: asking(1) as SyncState, next: 2, taken: new Set<number>() };
  let read = null as number | null;
  let write = null as Extract<Effect, { type: 'write' }> | null;
  let writeAborted = false;
  let pauseAwaited = false;
  let pollArmed = false;
  let ticket = 0;
  const open = new Set<number>();
  const violations: string[] = [];
  let page = { hidden: false, offline: false };

  const serve = (effect: Extract<Effect, { type: 'write' }>) => {
    if (effect.event === 'answer_submitted') {
      for (const answer of effect.answers ?? []) {
        if (server.taken.has(answer.challenge_id)) violations.push(`answer to ${answer.challenge_id} posted again after the server took it`);
      }
      const current = server.sync.challenges[0];
      if (current && effect.answers?.some((a) => a.challenge_id === current.id)) {
        server.taken.add(current.id);
        server.sync = server.next > 3 ? good : asking(server.next++);
      }
    } else if (server.sync.status === 'good') server.sync = asking(server.next++);
  };

  const step = (event: MachineEvent) => {
    const before = state;
    const result = transition(state, event, now, () => 0.5);
    state = result.state;
    for (const effect of result.effects) {
      if (effect.type === 'read') {
        if (write) violations.push('a read started while a write was in flight');
        read = effect.id;
      } else if (effect.type === 'abortRead') read = null;
      else if (effect.type === 'write') {
        if (read !== null) violations.push('a write started beside a read');
        if (write) violations.push('a second write started beside the first');
        write = effect;
        writeAborted = false;
      } else if (effect.type === 'abortWrite') writeAborted = true;
      else if (effect.type === 'awaitPause') pauseAwaited = true;
      else if (effect.type === 'timers') pollArmed = effect.poll !== null;
      else if (effect.type === 'settle') {
        if (!open.delete(effect.ticket)) violations.push(`ticket ${effect.ticket} settled twice or never opened`);
      }
    }
    // A doubt ends only by a read's reply (or by ending the session or its connection).
    if (before.io.type === 'confirming' && state.io.type !== 'confirming' && !['readDone', 'destroy', 'configure'].includes(event.type)) {
      violations.push(`a doubt ended by ${event.type}, not by a read`);
    }
    if (state.io.type === 'reading' && read === null) violations.push('the machine reads but no read was started');
  };

  for (const a of actions) {
    switch (a.type) {
      case 'activate':
        if (state.life === 'paused') step({ type: 'activate', page });
        break;
      case 'pause':
        if (state.life === 'active') {
          step({ type: 'pause' });
          read = null;
        }
        break;
      case 'pauseSettled':
        if (pauseAwaited) {
          pauseAwaited = false;
          step({ type: 'pauseSettled' });
        }
        break;
      case 'pollDue':
        if (pollArmed) step({ type: 'pollDue' });
        break;
      case 'wait':
        now += a.ms;
        break;
      case 'answer': {
        const challenge = state.sync?.challenges[0];
        if (challenge) step({ type: 'setAnswer', challengeId: challenge.id, value: a.value });
        break;
      }
      case 'submit':
        open.add(++ticket);
        step({ type: 'submit', ticket });
        break;
      case 'start':
      case 'restart':
        step({ type: 'begin', event: a.type === 'start' ? 'sync_started' : 'sync_restarted' });
        break;
      case 'push':
        step({ type: 'pushed', sync: server.sync });
        break;
      case 'pushFailed':
        step({ type: 'pushFailed', error: new MfaError('network') });
        break;
      case 'toggleEnabled':
        step({ type: 'configure', config: { ...state.config, enabled: !state.config.enabled }, reconnect: false });
        break;
      case 'hide':
      case 'offline':
        page = a.type === 'hide' ? { ...page, hidden: !page.hidden } : { ...page, offline: !page.offline };
        step({ type: 'page', ...page });
        break;
      case 'destroy':
        // Rarely: most sequences should live long enough to say something.
        if (ticket % 7 === 6) step({ type: 'destroy' });
        break;
      case 'read': {
        if (read === null) break;
        const id = read;
        read = null;
        if (a.fate === 'ok') step({ type: 'readDone', id, sync: server.sync });
        else step({ type: 'readFailed', id, error: errorFor(a.fate) });
        break;
      }
      case 'write': {
        if (!write || writeAborted) break;
        const w = write;
        write = null;
        if (a.fate === 'ok' || a.fate === 'lostAfter') serve(w);
        if (a.fate === 'ok') step({ type: 'writeDone', id: w.id, sync: server.sync });
        else step({ type: 'writeFailed', id: w.id, error: errorFor(a.fate) });
        break;
      }
      case 'abortedWrite': {
        if (!write || !writeAborted) break;
        const w = write;
        write = null;
        if (a.arrived) serve(w);
        step({ type: 'writeFailed', id: w.id, error: new MfaError('aborted') });
        break;
      }
      default:
        step({ type: a.type as 'tick' | 'refresh' });
    }
  }

  // Then a healthy world: active, visible, online, every request answered. A doubt must end
  // confirmed by a read, and every submit must settle.
  const settleDown = () => {
    if (state.life === 'paused') step({ type: 'activate', page: { hidden: false, offline: false } });
    if (page.hidden || page.offline) step({ type: 'page', hidden: false, offline: false });
    if (!state.config.enabled) step({ type: 'configure', config: { ...state.config, enabled: true }, reconnect: false });
    for (let i = 0; i < 20 && state.life !== 'destroyed'; i++) {
      if (write) {
        const w = write;
        write = null;
        if (writeAborted) step({ type: 'writeFailed', id: w.id, error: new MfaError('aborted') });
        else {
          serve(w);
          step({ type: 'writeDone', id: w.id, sync: server.sync });
        }
      } else if (read !== null) {
        const id = read;
        read = null;
        step({ type: 'readDone', id, sync: server.sync });
      } else {
        now += 60_000;
        step({ type: 'pollDue' });
      }
    }
  };
  settleDown();
  return { state, violations, open };
}

describe('transition: model-based properties over random event sequences', () => {
  const configs = fc.record({ hasPush: fc.boolean(), autoStart: fc.constantFrom<boolean | 'auto'>(false, true, 'auto'), maxRetries: fc.integer({ min: 0, max: 4 }) });

  it('never posts an answer the server took, never reads beside a write, and ends every doubt with a read', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 10, maxLength: 60, size: 'max' }), configs, (actions, config) => {
        const { violations } = drive([{ type: 'activate' }, ...actions], config);
        expect(violations).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('in a healthy world afterwards, settles every submit and leaves nothing in doubt', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 10, maxLength: 60, size: 'max' }), configs, (actions, config) => {
        const { state, open } = drive([{ type: 'activate' }, ...actions], config);
        if (state.life === 'destroyed') return;
        expect(state.io.type).not.toBe('confirming');
        expect([...open]).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
