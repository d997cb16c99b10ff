/**
 * The runner, `createMfaSession` itself: carries out the machine's effects and feeds it events. It owns every handle (the
 * query observer, the write in flight, the two timers, the push subscription, the page and
 * clock subscriptions) and no decision: those are `transition`'s. Events that arrive while one
 * is handled (a callback calling `submit()`) wait their turn: no transition runs inside another.
 */
import { MutationCache, QueryCache, QueryClient, QueryObserver, isCancelledError, type Mutation } from '@tanstack/query-core';
import { callSafely } from '../callSafely';
import { createSyncClient, type SyncResult } from '../client';
import { createServerClock } from '../clock';
import { browserEnvironment } from '../environment';
import { MfaError, toMfaError } from '../errors';
import type { SyncState } from '../model';
import type { SyncTransport } from '../transport';
import { initialState, requestOf, same, transition, type Callback, type Effect, type MachineConfig, type MachineEvent } from './machine';
import { mfaSyncQueryKey, sessionQueryOptions } from './query';
import { buildSnapshot } from './snapshot';
import type { MfaSession, MfaSessionOptions } from './types';

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

/**
 * Creates the MFA session for one connection: a framework-free observer that reads the sync,
 * polls it by core's policy (or follows a push transport), posts answers, starts and restarts,
 * counts down to realtime deadlines, retries, and tells a UI what to show through immutable
 * snapshots. React, Vue or plain DOM code renders `getSnapshot()` and calls the actions.
 *
 * - **State**: one typed value changed only by a pure transition function (`session/machine.ts`);
 *   a runner carries out its effects.
 * - **TanStack Query**: the sync is a query under {@link mfaSyncQueryKey} in `queryClient` (the
 *   partner's, or one of the session's own), so Devtools show it and other code reads it with
 *   {@link mfaSyncQueryOptions} without a second poll loop. Starts and answers run as mutations;
 *   pushed syncs and write replies go in with `setQueryData`. A sync already in the cache when
 *   the session becomes active (a server prefetch, hydrated) is used instead of a first read.
 * - **Polling**: `nextPollDelay`: fast while syncing, none while the user answers (one confirming
 *   read after a realtime deadline), none at final statuses, paused in a hidden tab unless a
 *   realtime deadline runs, 429 `Retry-After` honoured, backoff on failures, one retry after
 *   `onUnauthorized` on a 401. One read timer at a time, plus one timer at the answer step's
 *   deadline, both on the injected environment's timers.
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
  const ownClient = !o.queryClient;
  // A session given no client has one of its own, with caches of its own: nothing the partner
  // configures reaches it, and nothing it does reaches the partner.
  const queryClient = o.queryClient ?? new QueryClient({ queryCache: new QueryCache(), mutationCache: new MutationCache() });

  let state = initialState(configOf(o));
  let snapshot = buildSnapshot(state);
  const listeners = new Set<() => void>();
  /** The `submit()` calls waiting for their write: a ticket is its place here. */
  const waiting: ((() => void) | undefined)[] = [];
  const queue: MachineEvent[] = [];
  /** An event is being handled: one that arrives meanwhile waits in `queue`. */
  let handling = false;

  // The handles of what the machine's effects opened (not data: the machine cannot hold them).
  let stopObserving: (() => void) | undefined;
  /** The last write: aborts it while in flight; its mutation stays in the cache until the next. */
  let lastWrite: { abort: AbortController; mutation: Mutation<SyncResult, unknown, unknown> } | undefined;
  const timers: { poll: unknown; deadline: unknown } = { poll: undefined, deadline: undefined };
  let unsubscribePush: (() => void) | undefined;
  /** Stops hearing the page and the shared clock (subscribed while active). */
  let detach: (() => void) | undefined;

  /** The partner's transport, else a client built from the transport options (the session observes the clock itself: `send`). */
  function transport(): SyncTransport {
    return o.transport ?? createSyncClient({ ...o, baseUrl: o.baseUrl ?? '', clock: undefined, environment: env() });
  }

  function dispatch(event: MachineEvent) {
    queue.push(event);
    if (handling) return;
    handling = true;
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        // The shared clock may have moved (a response, another session, while paused): the
        // machine hears it first, as an event of its own, effects and all.
        if (next.type !== 'clock' && clock.offsetMs !== state.offsetMs) {
          queue.unshift(next);
          next = { type: 'clock', offsetMs: clock.offsetMs };
        }
        const result = transition(state, next, env().now(), () => env().random());
        state = result.state;
        const previous = snapshot;
        snapshot = buildSnapshot(state, snapshot);
        if (snapshot !== previous) for (const listener of [...listeners]) callSafely(listener);
        for (const effect of result.effects) run(effect);
      }
    } finally {
      handling = false;
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
        const refreshSession = o.onUnauthorized;
        if (refreshSession && (await Promise.resolve().then(refreshSession).then(() => true, () => false))) return send(request, true);
      }
      throw failure;
    }
  }

  const queryOptions = () =>
    sessionQueryOptions(state.config.connectionId, async ({ queryKey, signal }) => (await send((t) => t.getSync(queryKey[2], { signal }))).sync);

  /**
   * Observed while active: Devtools list it as in use. The session's query has no
   * garbage-collection timer (`gcTime: Infinity`); a paused session takes its query out of the
   * cache unless other code observes it, and puts it back when it resumes.
   */
  function observe() {
    stopObserving ??= new QueryObserver(queryClient, queryOptions()).subscribe(() => {});
    if (state.sync && queryClient.getQueryData(mfaSyncQueryKey(state.config.connectionId)) === undefined) put(state.sync);
  }

  function unobserve() {
    stopObserving?.();
    stopObserving = undefined;
    const queryKey = mfaSyncQueryKey(state.config.connectionId);
    // A write whose fate is unknown: the cached sync may be from before it, so another session
    // must not take it as read (it reads first).
    if (requestOf(state.io) !== 'idle') void queryClient.invalidateQueries({ queryKey, exact: true, refetchType: 'none' });
    if (!queryClient.getQueryCache().find({ queryKey, exact: true })?.getObserversCount()) queryClient.removeQueries({ queryKey, exact: true });
  }

  /** A sync into the cache, into the session's own query (built with its options, so no timer starts). */
  function put(sync: SyncState) {
    queryClient.getQueryCache().build(queryClient, queryOptions());
    queryClient.setQueryData(mfaSyncQueryKey(state.config.connectionId), sync);
  }

  function read(id: number) {
    queryClient.fetchQuery(queryOptions()).then(
      (sync) => dispatch({ type: 'readDone', id, sync }),
      (error: unknown) => dispatch({ type: 'readFailed', id, error: isCancelledError(error) ? new MfaError('aborted', 'The read was cancelled.') : toMfaError(error) }),
    );
  }

  function write(effect: Extract<Effect, { type: 'write' }>) {
    const { id, event, answers, credentials } = effect;
    const connectionId = state.config.connectionId;
    const abort = new AbortController();
    const { signal } = abort;
    // Answers and credentials stay in this closure: a mutation's `variables` show in Devtools.
    const variables = { connectionId, challengeIds: answers?.map((a) => a.challenge_id) ?? [] };
    if (lastWrite) queryClient.getMutationCache().remove(lastWrite.mutation);
    const mutation = queryClient.getMutationCache().build(queryClient, {
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
    });
    lastWrite = { abort, mutation };
    mutation.execute(variables).then(
      (result) => dispatch({ type: 'writeDone', id, sync: result.sync }),
      (error: unknown) => dispatch({ type: 'writeFailed', id, error: toMfaError(error) }),
    );
  }

  function setTimers(poll: number | null, deadline: number | null) {
    const e = env();
    e.clearTimeout(timers.poll);
    e.clearTimeout(timers.deadline);
    timers.poll = poll === null ? undefined : e.setTimeout(() => ((timers.poll = undefined), dispatch({ type: 'pollDue' })), poll);
    timers.deadline = deadline === null ? undefined : e.setTimeout(() => ((timers.deadline = undefined), dispatch({ type: 'tick' })), deadline);
  }

  function push(on: boolean) {
    unsubscribePush?.();
    unsubscribePush = undefined;
    const subscribe = o.transport?.subscribe;
    if (!on || !subscribe) return;
    // A late callback of a stream already closed is not this stream's.
    const stream = new AbortController();
    const closed = stream.signal;
    const stop = subscribe.call(
      o.transport,
      state.config.connectionId,
      (result) => {
        if (closed.aborted) return;
        clock.observe(result);
        dispatch({ type: 'pushed', sync: result.sync });
      },
      (failure) => !closed.aborted && dispatch({ type: 'pushFailed', error: failure }),
    );
    unsubscribePush = () => (stream.abort(), stop());
  }


  function run(effect: Effect) {
    switch (effect.type) {
      case 'read':
        return read(effect.id);
      case 'abortRead':
        return void queryClient.cancelQueries({ queryKey: mfaSyncQueryKey(state.config.connectionId), exact: true });
      case 'write':
        return write(effect);
      case 'abortWrite':
        // Ordered only while the machine writes: the last write is the one in flight.
        return lastWrite?.abort.abort();
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
        return callSafely(o.onEvent, effect.name, effect.meta);
      case 'call':
        // The callback named, with the arguments the machine gave it (typed together by `Callback`).
        return callSafely(o[effect.callback.name] as ((...args: Callback['args']) => void) | undefined, ...effect.callback.args);
      case 'settle': {
        const resolve = waiting[effect.ticket];
        waiting[effect.ticket] = undefined;
        return resolve?.();
      }
    }
  }

  function activate() {
    observe();
    const e = env();
    const stopPage = e.subscribe(() => dispatch({ type: 'page', hidden: env().isHidden(), offline: env().isOffline() }));
    const stopClock = clock.subscribe(() => dispatch({ type: 'clock', offsetMs: clock.offsetMs }));
    detach = () => (stopPage(), stopClock());
    seed();
    dispatch({ type: 'activate', page: { hidden: e.isHidden(), offline: e.isOffline() } });
  }

  /**
   * A sync already in the cache (a server prefetch, hydrated) is a read the session need not
   * make: shown at once, even in a server render. Not one marked invalid, nor one older than
   * {@link SEED_MAX_AGE_MS} (a challenge read long ago may be gone): those are read again.
   */
  function seed() {
    const cached = queryClient.getQueryState(mfaSyncQueryKey(state.config.connectionId));
    const fresh = cached !== undefined && env().now() - cached.dataUpdatedAt <= SEED_MAX_AGE_MS;
    if (fresh && cached.data !== undefined && !cached.isInvalidated && state.sync === null) dispatch({ type: 'seeded', sync: cached.data, at: cached.dataUpdatedAt });
  }

  function deactivate() {
    detach?.();
    detach = undefined;
    dispatch({ type: 'pause' });
    unobserve();
  }

  seed();
  return {
    clock,
    queryClient,
    subscribe(listener) {
      if (state.life === 'destroyed') return () => {};
      listeners.add(listener);
      if (listeners.size === 1) activate();
      return () => {
        if (listeners.delete(listener) && listeners.size === 0 && state.life === 'active') deactivate();
      };
    },
    getSnapshot: () => snapshot,
    setAnswer: (challengeId, value) => dispatch({ type: 'setAnswer', challengeId, value }),
    // Settled by the machine's `settle` for this ticket (at once, when nothing is sent).
    submit: () => new Promise<void>((resolve) => dispatch({ type: 'submit', ticket: waiting.push(resolve) - 1 })),
    start: () => dispatch({ type: 'begin', event: 'sync_started' }),
    restart: () => dispatch({ type: 'begin', event: 'sync_restarted' }),
    requestAlternative: () => dispatch({ type: 'alternative' }),
    submitCredentials: (credentials) => dispatch({ type: 'begin', event: 'credentials_submitted', credentials }),
    refresh: () => dispatch({ type: 'refresh' }),
    setOptions(next) {
      const previous = o;
      o = next;
      const connection = next.connectionId !== previous.connectionId;
      const reconnect = next.transport !== previous.transport;
      // New callbacks only (a re-render): nothing to replan.
      if (!connection && !reconnect && !plansDiffer(previous, next)) return;
      if (connection && stopObserving) unobserve();
      dispatch({ type: 'configure', config: configOf(next), reconnect });
      if (connection && state.life === 'active') observe();
    },
    destroy() {
      if (state.life === 'destroyed') return;
      if (state.life === 'active') deactivate();
      dispatch({ type: 'destroy' });
      listeners.clear();
      if (lastWrite) queryClient.getMutationCache().remove(lastWrite.mutation);
      // The session's own cache goes with it. In a partner's, the sync stays only while other
      // code (a status badge) observes it.
      unobserve();
      if (ownClient) queryClient.clear();
      for (const resolve of waiting.splice(0)) resolve?.();
    },
  };
}
