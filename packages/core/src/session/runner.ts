/**
 * The runner: carries out the machine's effects and feeds it events. It owns every handle (the
 * query observer, the write in flight, the two timers, the push subscription, the page and
 * clock subscriptions) and no decision: those are `transition`'s. Events that arrive while one
 * is handled (a callback calling `submit()`) wait their turn: no transition runs inside another.
 */
import { MutationCache, QueryCache, QueryClient, QueryObserver, isCancelledError, type Mutation } from '@tanstack/query-core';
import { createSyncClient, type SyncResult } from '../client';
import { createServerClock } from '../clock';
import { browserEnvironment } from '../environment';
import { MfaError, toMfaError } from '../errors';
import type { SyncState } from '../model';
import type { SyncTransport } from '../transport';
import { initialState, same, transition, type Callback, type Effect, type MachineConfig, type MachineEvent, type MachineState } from './machine';
import { mfaSyncQueryKey, sessionQueryOptions } from './query';
import { buildSnapshot } from './snapshot';
import type { MfaSession, MfaSessionOptions, MfaSnapshot } from './types';

const DEFAULT_MAX_RETRIES = 4;
/** How old a cached sync may be and still be shown without a read: a server prefetch, hydrated, is seconds old. */
const SEED_MAX_AGE_MS = 60_000;

/** What of the options the machine plans by. */
export function configOf(o: MfaSessionOptions): MachineConfig {
  return {
    connectionId: o.connectionId,
    enabled: o.enabled ?? true,
    autoStart: o.autoStart ?? false,
    autoResend: o.autoResend ?? false,
    hasTransport: !!(o.transport || o.baseUrl),
    hasPush: !!o.transport?.subscribe,
    maxRetries: o.maxRetries ?? DEFAULT_MAX_RETRIES,
    pollPolicy: o.pollPolicy,
  };
}

/** Whether two options plan reads differently; callbacks and headers are read when used, so they never need a replan. */
const plansDiffer = (a: MfaSessionOptions, b: MfaSessionOptions) =>
  (['baseUrl', 'enabled', 'autoStart', 'autoResend', 'maxRetries'] as const).some((key) => a[key] !== b[key]) || !same(a.pollPolicy, b.pollPolicy);

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
 * A query client of the session's own, for a session given none: caches of its own, so nothing
 * the partner configures reaches it, and nothing it does reaches the partner.
 */
function ownQueryClient() {
  return new QueryClient({ queryCache: new QueryCache(), mutationCache: new MutationCache() });
}

/**
 * What a session holds between events: the options it was last given, the machine's state (set
 * only from `transition`'s result) and the snapshot derived from it, and the handles of the
 * effects the runner carried out, which the machine orders but cannot hold (they are not data).
 * The runner's only mutable value; no field is a flag that must agree with another.
 */
interface Held {
  o: MfaSessionOptions;
  state: MachineState;
  snapshot: MfaSnapshot;
  /** An event is being handled; one that arrives meanwhile waits in the queue. */
  handling: boolean;
  /** The session's observer of its query, and its subscription while active. */
  observer?: QueryObserver<SyncState, MfaError, SyncState, SyncState, ReturnType<typeof mfaSyncQueryKey>>;
  unobserve?: () => void;
  /** Aborts the write in flight. */
  writer?: AbortController;
  /** The last write's mutation, kept for Devtools until the next one. */
  mutation?: Mutation<SyncResult, MfaError, unknown>;
  pollTimer?: unknown;
  deadlineTimer?: unknown;
  unsubscribePush?: () => void;
  unsubscribePage?: () => void;
  unsubscribeClock?: () => void;
  /** The last `submit()` ticket and push stream handed out: a late callback of an older stream is ignored. */
  tickets: number;
  streams: number;
}

/** The runner behind {@link createMfaSession}. */
export function runSession(options: MfaSessionOptions): MfaSession {
  const clock = options.clock ?? createServerClock();
  const ownClient = !options.queryClient;
  const queryClient = options.queryClient ?? ownQueryClient();
  const listeners = new Set<() => void>();
  const waiting = new Map<number, () => void>();
  const queue: MachineEvent[] = [];
  const state0 = initialState(configOf(options));
  /** Everything that changes between events, in one place (see {@link Held}). */
  const h: Held = { o: options, state: state0, snapshot: buildSnapshot(state0), handling: false, tickets: 0, streams: 0 };
  const env = () => h.o.environment ?? browserEnvironment;

  function transport(): SyncTransport {
    const { transport: given, baseUrl = '', headers, getHeaders, fetch, timeoutMs, answerRoute } = h.o;
    return given ?? createSyncClient({ baseUrl, headers, getHeaders, fetch, timeoutMs, answerRoute, environment: env() });
  }

  function dispatch(event: MachineEvent) {
    queue.push(event);
    if (h.handling) return;
    h.handling = true;
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        // The shared clock may have moved (a response, another session, while paused): the
        // machine hears it first, as an event of its own, effects and all.
        if (next.type !== 'clock' && clock.offsetMs !== h.state.offsetMs) {
          queue.unshift(next);
          next = { type: 'clock', offsetMs: clock.offsetMs };
        }
        const result = transition(h.state, next, env().now(), () => env().random());
        h.state = result.state;
        const previous = h.snapshot;
        h.snapshot = buildSnapshot(h.state, previous);
        if (h.snapshot !== previous) for (const listener of [...listeners]) call(listener);
        for (const effect of result.effects) run(effect);
      }
    } finally {
      h.handling = false;
    }
  }

  /**
   * Runs one request. On a 401 the partner may refresh its session, and the request is tried
   * once more. Failures are thrown as MfaError.
   */
  async function send(request: (t: SyncTransport) => Promise<SyncResult>, retried = false): Promise<SyncResult> {
    try {
      const result = await request(transport());
      clock.observe(result);
      return result;
    } catch (e) {
      const failure = toMfaError(e);
      if (failure.kind === 'unauthorized' && !retried) {
        dispatch({ type: 'unauthorized', error: failure });
        const refreshSession = h.o.onUnauthorized;
        if (refreshSession && (await Promise.resolve().then(refreshSession).then(() => true, () => false))) return send(request, true);
      }
      throw failure;
    }
  }

  const queryOptions = () =>
    sessionQueryOptions(h.state.config.connectionId, async ({ queryKey, signal }) => (await send((t) => t.getSync(queryKey[2], { signal }))).sync);

  /**
   * Observed while active: Devtools list it as in use. The session's query has no
   * garbage-collection timer (`gcTime: Infinity`); a paused session takes its query out of the
   * cache unless other code observes it, and puts it back when it resumes.
   */
  function observe() {
    const observer = (h.observer ??= new QueryObserver(queryClient, queryOptions()));
    observer.setOptions(queryOptions());
    h.unobserve ??= observer.subscribe(() => {});
    if (h.state.sync && queryClient.getQueryData(mfaSyncQueryKey(h.state.config.connectionId)) === undefined) put(h.state.sync);
  }

  function unobserve() {
    h.unobserve?.();
    h.unobserve = undefined;
    const queryKey = mfaSyncQueryKey(h.state.config.connectionId);
    // A write whose fate is unknown: the cached sync may be from before it, so another session
    // must not take it as read (it reads first).
    if (h.state.io.type === 'writing' || h.state.io.type === 'confirming') void queryClient.invalidateQueries({ queryKey, exact: true, refetchType: 'none' });
    if (!queryClient.getQueryCache().find({ queryKey, exact: true })?.getObserversCount()) queryClient.removeQueries({ queryKey, exact: true });
  }

  /** A sync into the cache, into the session's own query (built with its options, so no timer starts). */
  function put(sync: SyncState) {
    queryClient.getQueryCache().build(queryClient, queryOptions());
    queryClient.setQueryData(mfaSyncQueryKey(h.state.config.connectionId), sync);
  }

  function read(id: number) {
    queryClient.fetchQuery(queryOptions()).then(
      (sync) => dispatch({ type: 'readDone', id, sync }),
      (error: unknown) => dispatch({ type: 'readFailed', id, error: isCancelledError(error) ? new MfaError('aborted', 'The read was cancelled.') : toMfaError(error) }),
    );
  }

  function write(effect: Extract<Effect, { type: 'write' }>) {
    const { id, event, answers, credentials } = effect;
    const connectionId = h.state.config.connectionId;
    const controller = (h.writer = new AbortController());
    const { signal } = controller;
    // Answers and credentials stay in this closure: a mutation's `variables` show in Devtools.
    const variables = { connectionId, challengeIds: answers?.map((a) => a.challenge_id) ?? [] };
    if (h.mutation) queryClient.getMutationCache().remove(h.mutation);
    const mutation = (h.mutation = queryClient.getMutationCache().build(queryClient, {
      mutationKey: ['mfa-kit', event === 'answer_submitted' ? 'answer' : 'start', connectionId],
      mutationFn: () =>
        send((t) => (event === 'answer_submitted' ? t.answer(connectionId, answers ?? [], { signal }) : t.startSync(connectionId, credentials, { signal }))),
      // One attempt, whatever the partner's defaults: a retried POST could answer twice.
      retry: false,
      networkMode: 'always',
      // Kept until the next write or `destroy` (no timer): Devtools show the last one.
      gcTime: Infinity,
      scope: undefined,
      onMutate: undefined,
      onSuccess: undefined,
      onError: undefined,
      onSettled: undefined,
      meta: { mfaKit: true },
    }));
    mutation.execute(variables).then(
      (result) => {
        if (h.writer === controller) h.writer = undefined;
        dispatch({ type: 'writeDone', id, sync: result.sync });
      },
      (error: unknown) => {
        if (h.writer === controller) h.writer = undefined;
        dispatch({ type: 'writeFailed', id, error: toMfaError(error) });
      },
    );
  }

  function setTimers(poll: number | null, deadline: number | null) {
    const e = env();
    e.clearTimeout(h.pollTimer);
    e.clearTimeout(h.deadlineTimer);
    h.pollTimer = poll === null ? undefined : e.setTimeout(() => ((h.pollTimer = undefined), dispatch({ type: 'pollDue' })), poll);
    h.deadlineTimer = deadline === null ? undefined : e.setTimeout(() => ((h.deadlineTimer = undefined), dispatch({ type: 'tick' })), deadline);
  }

  function push(on: boolean) {
    h.unsubscribePush?.();
    h.unsubscribePush = undefined;
    const subscribe = h.o.transport?.subscribe;
    if (!on || !subscribe) return;
    // A late callback of a stream already closed is not this stream's.
    const stream = ++h.streams;
    h.unsubscribePush = subscribe.call(
      h.o.transport,
      h.state.config.connectionId,
      (result) => {
        if (stream !== h.streams) return;
        clock.observe(result);
        dispatch({ type: 'pushed', sync: result.sync });
      },
      (failure) => stream === h.streams && dispatch({ type: 'pushFailed', error: failure }),
    );
  }

  function callback(c: Callback) {
    if (c.name === 'onStepChange') call(h.o.onStepChange, c.step, c.previous);
    else if (c.name === 'onComplete') call(h.o.onComplete, c.sync);
    else if (c.name === 'onExpire') call(h.o.onExpire, c.challenges);
    else call(h.o.onError, c.error);
  }

  function run(effect: Effect) {
    switch (effect.type) {
      case 'read':
        return read(effect.id);
      case 'abortRead':
        return void queryClient.cancelQueries({ queryKey: mfaSyncQueryKey(h.state.config.connectionId), exact: true });
      case 'write':
        return write(effect);
      case 'abortWrite':
        h.writer?.abort();
        h.writer = undefined;
        return;
      case 'awaitPause':
        // React's StrictMode unsubscribes and subscribes again at once: abort only if nobody came back.
        return queueMicrotask(() => dispatch({ type: 'pauseSettled' }));
      case 'timers':
        return setTimers(effect.poll, effect.deadline);
      case 'push':
        return push(effect.on);
      case 'cache':
        return put(effect.sync);
      case 'emit':
        return call(h.o.onEvent, effect.name, effect.meta);
      case 'call':
        return callback(effect.callback);
      case 'settle': {
        const resolve = waiting.get(effect.ticket);
        waiting.delete(effect.ticket);
        return resolve?.();
      }
    }
  }

  function activate() {
    observe();
    const e = env();
    h.unsubscribePage = e.subscribe(() => dispatch({ type: 'page', hidden: env().isHidden(), offline: env().isOffline() }));
    h.unsubscribeClock = clock.subscribe(() => dispatch({ type: 'clock', offsetMs: clock.offsetMs }));
    seed();
    dispatch({ type: 'activate', page: { hidden: e.isHidden(), offline: e.isOffline() } });
  }

  /**
   * A sync already in the cache (a server prefetch, hydrated) is a read the session need not
   * make: shown at once, even in a server render. Not one marked invalid, nor one older than
   * {@link SEED_MAX_AGE_MS} (a challenge read long ago may be gone): those are read again.
   */
  function seed() {
    const cached = queryClient.getQueryState(mfaSyncQueryKey(h.state.config.connectionId));
    const fresh = cached !== undefined && env().now() - cached.dataUpdatedAt <= SEED_MAX_AGE_MS;
    if (fresh && cached.data !== undefined && !cached.isInvalidated && h.state.sync === null) dispatch({ type: 'seeded', sync: cached.data, at: cached.dataUpdatedAt });
  }

  function deactivate() {
    h.unsubscribePage?.();
    h.unsubscribeClock?.();
    h.unsubscribePage = h.unsubscribeClock = undefined;
    dispatch({ type: 'pause' });
    unobserve();
  }

  seed();
  return {
    clock,
    queryClient,
    subscribe(listener) {
      if (h.state.life === 'destroyed') return () => {};
      listeners.add(listener);
      if (listeners.size === 1) activate();
      return () => {
        if (listeners.delete(listener) && listeners.size === 0 && h.state.life === 'active') deactivate();
      };
    },
    getSnapshot: () => h.snapshot,
    setAnswer: (challengeId, value) => dispatch({ type: 'setAnswer', challengeId, value }),
    submit() {
      const ticket = ++h.tickets;
      const settled = new Promise<void>((resolve) => waiting.set(ticket, resolve));
      dispatch({ type: 'submit', ticket });
      return settled;
    },
    start: () => dispatch({ type: 'begin', event: 'sync_started' }),
    restart: () => dispatch({ type: 'begin', event: 'sync_restarted' }),
    requestAlternative: () => dispatch({ type: 'alternative' }),
    submitCredentials: (credentials) => dispatch({ type: 'begin', event: 'credentials_submitted', credentials }),
    refresh: () => dispatch({ type: 'refresh' }),
    setOptions(next) {
      const previous = h.o;
      h.o = next;
      const connection = next.connectionId !== previous.connectionId;
      const reconnect = next.transport !== previous.transport;
      // New callbacks only (a re-render): nothing to replan.
      if (!connection && !reconnect && !plansDiffer(previous, next)) return;
      if (connection && h.unobserve) unobserve();
      dispatch({ type: 'configure', config: configOf(next), reconnect });
      if (connection && h.state.life === 'active') observe();
    },
    destroy() {
      if (h.state.life === 'destroyed') return;
      if (h.state.life === 'active') deactivate();
      dispatch({ type: 'destroy' });
      listeners.clear();
      if (h.mutation) queryClient.getMutationCache().remove(h.mutation);
      // The session's own cache goes with it. In a partner's, the sync stays only while other
      // code (a status badge) observes it.
      unobserve();
      if (ownClient) queryClient.clear();
      for (const resolve of waiting.values()) resolve();
      waiting.clear();
    },
  };
}
