import {
  MfaError,
  buildAnswers,
  createServerClock,
  createSyncClient,
  deriveStep,
  isMfaError,
  isRetryableFailure,
  nextPollDelay,
  pendingChallenges,
  pollPhase,
} from '@mfa-kit/core';
import type {
  AnswerRefusal,
  AnswerRefusalReason,
  AnswerValue,
  Challenge,
  Choice,
  Credentials,
  ServerClock,
  Step,
  SyncClient,
  SyncResult,
  SyncState,
} from '@mfa-kit/core';
import { QueryClient, QueryClientContext, useMutation, useQuery } from '@tanstack/react-query';
import { useContext, useEffect, useId, useInsertionEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { listen } from './environment';
import { createPropGetters } from './propGetters';
import { HOOK_OWNS_REQUESTS, mfaQueryKeys } from './queryKeys';
import { defaultMfaStrings } from './strings';
import type { ChoiceNodes } from './useChoiceGroup';
import type { MfaConnectivity, MfaEventMeta, MfaEventName, MfaStep, UseMfaChallengeOptions, UseMfaChallengeResult } from './types';

const IDLE: MfaStep = { type: 'idle' };
/** Failed reads in a row before `connectivity` reads `offline` and `onError` is called. */
const DEFAULT_MAX_RETRIES = 4;
const NO_CHALLENGES: Challenge[] = [];

type Answers = Readonly<Record<number, AnswerValue | undefined>>;
type Refusals = Readonly<Record<number, AnswerRefusalReason>>;
type Refetch = (options: { cancelRefetch: boolean }) => unknown;

/**
 * A QueryClient for a hook used without a QueryClientProvider and without `options.queryClient`.
 * One per hook instance (never module-level: a server would share it between requests), with
 * no garbage-collection timers, so nothing is left behind after unmount.
 */
const createPrivateQueryClient = () => new QueryClient({ defaultOptions: { queries: { gcTime: Infinity }, mutations: { gcTime: Infinity } } });

/** Any thrown value as an {@link MfaError} (a foreign error is kept as its `cause`). */
const toMfaError = (error: unknown): MfaError =>
  isMfaError(error) ? error : new MfaError((error as Error | null)?.name === 'AbortError' ? 'aborted' : 'network', undefined, { cause: error });

/** The ids of challenges, as one string (for change detection). */
const idsOf = (challenges: Challenge[]) => challenges.map((c) => c.id).join();

/** Stable identity of a step for change detection: its type and its challenges, deadline or status, not its progress. */
const stepKey = (step: MfaStep) => {
  const { challenges, deadline, status } = step as { challenges?: Challenge[]; deadline?: number | null; status?: string };
  return [step.type, challenges && idsOf(challenges), deadline, status].join(';');
};

/** The challenges of a step (those of an `answer` or `expired` step, else none). */
const challengesOf = (step: MfaStep) => ('challenges' in step ? step.challenges : NO_CHALLENGES);

/** The realtime challenges of a step (those with a deadline), for `onExpire`. */
const timedChallenges = (step: MfaStep) => pendingChallenges(challengesOf(step)).filter((c) => c.deadline !== null);

/** Stage one of a PIN flow: the one answerable challenge is a choice without deadline (where to send the PIN). */
const destinationChallenge = ([only, ...more]: Challenge[]) => (!more.length && only?.kind === 'choice' && only.deadline === null ? only : undefined);

/**
 * The page as polling sees it; both `false` on the server and until mounted. `hidden`: a
 * background tab, re-read on `visibilitychange`. `offline`: `navigator.onLine === false` at
 * mount, then the browser's `online` / `offline` events; `onOnline` is called on each `online`.
 */
function usePageState(onOnline: () => void): { hidden: boolean; offline: boolean } {
  const [hidden, setHidden] = useState(false);
  const [offline, setOffline] = useState(false);
  useEffect(() => {
    const readHidden = () => setHidden(globalThis.document?.visibilityState === 'hidden');
    readHidden();
    setOffline(globalThis.navigator?.onLine === false);
    const stopVisibility = listen(globalThis.document, ['visibilitychange'], readHidden);
    const stopNetwork = listen(globalThis.window, ['online', 'offline'], ({ type }) => {
      setOffline(type === 'offline');
      if (type === 'online') onOnline();
    });
    return () => {
      stopVisibility();
      stopNetwork();
    };
  }, [onOnline]);
  return { hidden, offline };
}

/**
 * Drives one connection's sync, from start to `good`, for a custom MFA UI.
 *
 * - **Transport**: `client` (core's `createSyncClient`) or `{ baseUrl, headers }` for the
 *   partner's own backend; never a Quovo token.
 * - **QueryClient**: `options.queryClient`, else the nearest `QueryClientProvider`'s, else a
 *   private one per hook instance. Share the cache with {@link mfaQueryKeys} / {@link syncQueryOptions}.
 * - **Lifecycle**: `autoStart` or `start()`; `restart()` after `resync`, expiry, `user_config` or
 *   a failure; `submitCredentials()` after `incorrect_credentials`.
 * - **Polling**: core's `nextPollDelay` (see the README table): fast while syncing, none while the
 *   user answers (one confirming read after a realtime deadline), none on final statuses, paused
 *   in a hidden tab, 429 `Retry-After` honoured, backoff on network errors and 5xx, one retry
 *   after `onUnauthorized` on a 401. One timer at a time; the hook itself never ticks.
 * - **Answers**: `setAnswer`, then `submit()` posts every answerable challenge at once. Typed
 *   answers survive refetches and failed submits.
 * - **Events**: `onStepChange`, `onComplete`, `onExpire`, `onError`, `onEvent` — never with an
 *   answer, PIN or credential in them.
 * - **Prop getters** for forms, radio groups, code inputs, CAPTCHA images and submit buttons.
 *
 * Safe in StrictMode (one POST for `autoStart`), on the server (no `window` access during render)
 * and after unmount (timers cleared, requests aborted).
 *
 * @param connectionId the Quovo connection whose sync to drive.
 */
export function useMfaChallenge(connectionId: number, options: UseMfaChallengeOptions = {}): UseMfaChallengeResult {
  // --- Query client: explicit option, then the provider's, then a private one. ---
  const contextClient = useContext(QueryClientContext);
  const [privateClient] = useState(createPrivateQueryClient);
  const queryClient = options.queryClient ?? contextClient ?? privateClient;

  // --- Server clock ---
  const [ownClock] = useState(createServerClock);
  const clock = options.clock ?? ownClock;
  const readOffset = () => clock.offsetMs;
  const offsetMs = useSyncExternalStore(clock.subscribe, readOffset, readOffset);

  // --- What renders ---
  const [answers, setAnswers] = useState<Answers>({});
  const [refusals, setRefusals] = useState<Refusals>({});
  // The last error that stopped progress (after retries).
  const [error, setError] = useState<MfaError | null>(null);
  // Consecutive failed reads (0 after a success); the last one's error is the query's.
  const [failures, setFailures] = useState(0);
  const [expiryTick, setExpiryTick] = useState(0);
  const [isSubmitting, setSubmitting] = useState(false);
  const [isStarting, setStarting] = useState(false);
  const [runStartedAt, setRunStartedAt] = useState<number | null>(null);

  // Writes go through one mutation, whose variables are the request (never the answers or credentials).
  const mutate = useMutation({ mutationFn: (send: () => Promise<SyncResult>) => send(), ...HOOK_OWNS_REQUESTS }, queryClient).mutateAsync;

  // --- The session: this instance's bookkeeping and actions, created once, so the actions never
  // change identity. What must be read synchronously (the answers typed so far, a submit already
  // in flight, failures in a row) lives in its closure; `commit` hands it the last render. ---
  const [session] = useState(() => {
    // What the last committed render saw.
    let id = connectionId;
    let o = options;
    let cache = queryClient;
    let serverClock = clock;
    let step = IDLE;
    let sync: SyncState | null = null;
    let refetch: Refetch = () => {};
    let alive = false;
    // The POSTs' signal, aborted on a real unmount.
    let lifetime: AbortController | undefined;
    let typed: Answers = {};
    let failuresInRow = 0;
    // Where the error came from: a successful read clears a read error, not a refused write.
    let errorSource: 'read' | 'write' = 'read';
    let submitting = false;
    let starting = false;
    // The destination chosen at stage one of a PIN flow, and whether a deadline followed (a realtime flow).
    let destination: { choice?: Choice; realtime: boolean } | undefined;
    let resend: Choice | undefined;
    let autoStarted = false;
    let shownStep = IDLE;
    let shownConnectivity: MfaConnectivity = 'online';
    let expiredKey = '';

    /** Sends one analytics event: ids, kinds and statuses, never a value. */
    const emit = (name: MfaEventName, challenges?: Challenge[] | null, error?: MfaError | null, extra?: Partial<MfaEventMeta>) => {
      try {
        o.onEvent?.(name, {
          connectionId: id,
          step: step.type,
          ...(sync ? { status: sync.status } : {}),
          ...(challenges ? { challengeIds: challenges.map((c) => c.id), challengeKinds: challenges.map((c) => c.kind) } : {}),
          ...(error ? { errorKind: error.kind } : {}),
          ...extra,
        });
      } catch (error) {
        // An analytics callback must not break the flow.
        queueMicrotask(() => {
          throw error;
        });
      }
    };

    const fail = (error: MfaError, source: 'read' | 'write') => {
      errorSource = source;
      setError(error);
      o.onError?.(error);
    };

    /**
     * Runs one request on the given `client`, or on one made now from the current options
     * (`baseUrl`, `headers`, `fetch`…). On a 401 the partner may refresh its session, and the
     * request is tried once more. A failure is thrown as an MfaError; unless it is an abort or
     * comes after unmount, it is first emitted (`request_failed`) and given to `onFailure`.
     */
    const send = async (
      request: (client: SyncClient) => Promise<SyncResult>,
      onFailure: (error: MfaError) => void,
      retried?: boolean,
    ): Promise<SyncResult> => {
      try {
        // No `clock`: the hook observes it itself (in `settle`), for a given client as well.
        const { client, baseUrl = '', headers, getHeaders, fetch, timeoutMs, answerRoute } = o;
        return await request(client ?? createSyncClient({ baseUrl, headers, getHeaders, fetch, timeoutMs, answerRoute }));
      } catch (e) {
        const error = toMfaError(e);
        if (error.kind === 'unauthorized' && !retried) {
          emit('unauthorized', null, error);
          const refreshSession = o.onUnauthorized;
          if (refreshSession && (await Promise.resolve().then(refreshSession).then(() => true, () => false))) {
            return send(request, onFailure, true);
          }
        }
        if (error.kind !== 'aborted' && alive) {
          emit('request_failed', null, error);
          onFailure(error);
        }
        throw error;
      }
    };

    /** A successful read or write: feed the clock, reset the failure count, clear the error it cures. */
    const settle = (result: SyncResult, source: 'read' | 'write') => {
      serverClock.observe(result);
      setFailures((failuresInRow = 0));
      if (source === 'write' || errorSource === 'read') setError(null);
      // A POST starts a new run of fast polling; so does the first read.
      setRunStartedAt((at) => (source === 'write' || at === null ? Date.now() : at));
    };

    /**
     * Posts after cancelling a read in flight (it could land after the POST and bring back what
     * the POST replaced). The sync it answers with goes into the cache, starts a new run of fast
     * polling and prunes the answers of challenges that are gone; then `onSuccess`.
     */
    const post = async (
      setBusy: (busy: boolean) => void,
      event: MfaEventName,
      challenges: Challenge[] | null,
      request: (client: SyncClient, signal: AbortSignal) => Promise<SyncResult>,
      onSuccess: () => void,
      onFailure: (error: MfaError) => void,
    ): Promise<void> => {
      const queryKey = mfaQueryKeys.sync(id);
      const target = cache;
      setBusy(true);
      emit(event, challenges);
      try {
        await target.cancelQueries({ queryKey });
        const result = await mutate(() =>
          send(
            (client) => {
              if (lifetime?.signal.aborted !== false) lifetime = new AbortController();
              return request(client, lifetime.signal);
            },
            (error) => {
              onFailure(error);
              fail(error, 'write');
            },
          ),
        );
        if (!alive) return;
        settle(result, 'write');
        target.setQueryData(queryKey, result.sync);
        const keep = <T,>(record: Readonly<Record<number, T>>) =>
          Object.fromEntries(Object.entries(record).filter(([key]) => result.sync.challenges.some((c) => c.id === Number(key))));
        setAnswers((typed = keep(typed)));
        setRefusals(keep);
        onSuccess();
      } catch {
        // Reported by `send`.
      } finally {
        setBusy(false);
      }
    };

    const setAnswer = (challengeId: number, value: AnswerValue | undefined) => {
      setAnswers((typed = { ...typed, [challengeId]: value }));
      // A changed answer is no longer refused.
      setRefusals((current) => {
        const { [challengeId]: gone, ...rest } = current;
        return gone ? rest : current;
      });
    };

    const submit = async (): Promise<void> => {
      const current = step;
      const pending = pendingChallenges(challengesOf(current));
      // The flag, not state: two clicks in one frame both see `isSubmitting === false`.
      if (submitting || !pending.length) return;
      const allExpired = () => pending.map((c): AnswerRefusal => ({ challengeId: c.id, reason: 'expired' }));
      const refuse = (list: AnswerRefusal[], error?: MfaError) => {
        const reasons: Record<number, AnswerRefusalReason> = Object.fromEntries(list.map((r) => [r.challengeId, r.reason]));
        setRefusals(reasons);
        emit('answer_refused', pending.filter((c) => reasons[c.id]), error, { reasons });
        if (list.some((r) => r.reason === 'expired')) setExpiryTick(Date.now());
      };
      const built =
        current.type === 'expired' ? { ok: false as const, refusals: allExpired() } : buildAnswers(pending, typed, Date.now(), serverClock.offsetMs);
      if (!built.ok) return refuse(built.refusals);
      setRefusals({});
      return post(
        (busy) => setSubmitting((submitting = busy)),
        'answer_submitted',
        pending,
        (client, signal) => client.answer(id, built.answers, { signal }),
        () => {
          // Remember a PIN destination for a one-step re-send.
          const chosen = destinationChallenge(pending);
          if (chosen) destination = { choice: chosen.choices.find((c) => c.key === built.answers[0]?.answer), realtime: false };
          emit('answer_accepted', pending);
        },
        (error) => {
          if (error.kind !== 'challenge_expired') return emit('answer_failed', pending, error);
          refuse(allExpired(), error);
          // The server now reads `resync`: fetch it so the step follows.
          void refetch({ cancelRefetch: false });
        },
      );
    };

    const begin = (event: 'sync_started' | 'sync_restarted' | 'credentials_submitted', credentials?: Credentials) => {
      if (starting) return;
      resend = event === 'sync_restarted' && o.autoResend && destination?.realtime ? destination.choice : undefined;
      void post(
        (busy) => setStarting((starting = busy)),
        event,
        null,
        (client, signal) => client.startSync(id, credentials, { signal }),
        () => {},
        () => (resend = undefined),
      );
    };

    const refresh = () => {
      if (o.client || o.baseUrl) void refetch({ cancelRefetch: false });
    };

    return {
      commit: (...committed: [number, UseMfaChallengeOptions, QueryClient, ServerClock, MfaStep, SyncState | null, Refetch]) => {
        [id, o, cache, serverClock, step, sync, refetch] = committed;
      },

      /** Lifetime: alive between mount and a real unmount (not StrictMode's rehearsal), then the POSTs are aborted. */
      mount: () => {
        alive = true;
        return () => {
          alive = false;
          const controller = lifetime;
          // StrictMode unmounts and remounts synchronously; only abort if nobody came back.
          queueMicrotask(() => {
            if (!alive) controller?.abort();
          });
        };
      },

      /** After every commit: autoStart, then the events of a step or connectivity change. */
      afterCommit: (canAutoStart: boolean, connectivity: MfaConnectivity, readError: MfaError | null) => {
        // Once per hook instance, StrictMode's second effect pass included.
        if (canAutoStart && !autoStarted) {
          autoStarted = true;
          begin('sync_started');
        }

        const previous = shownStep;
        if (stepKey(previous) !== stepKey(step)) {
          shownStep = step;
          emit('step_changed');
          o.onStepChange?.(step, previous);
          // Once per expiry: ours, then the server's `resync` (read before our own timer fired, or
          // after the tab slept through it) for the same challenges, is one.
          const expired = timedChallenges(step.type === 'restart' ? previous : step.type === 'expired' ? step : IDLE);
          const key = idsOf(expired);
          if (key && key !== expiredKey) {
            expiredKey = key;
            emit('challenge_expired', expired);
            o.onExpire?.(expired);
          }
          if (step.type === 'answer') {
            emit('challenge_shown', step.challenges);
            if (step.deadline !== null && destination) destination.realtime = true;
            const armed = resend;
            resend = undefined;
            const offered = destinationChallenge(pendingChallenges(step.challenges));
            const match = armed && offered?.choices.find((c) => c.category === armed.category && c.value === armed.value);
            if (offered && match) {
              emit('resend_auto', [offered]);
              setAnswer(offered.id, match.key);
              void submit();
            }
          } else if (step.type === 'done') {
            emit('sync_completed');
            o.onComplete?.(sync!);
          } else if (['failed', 'credentials', 'config'].includes(step.type)) {
            emit('sync_failed');
          }
        }

        if (connectivity !== shownConnectivity) {
          shownConnectivity = connectivity;
          if (connectivity !== 'retrying') emit(connectivity, null, connectivity === 'offline' ? readError : null);
        }
      },

      /** The sync's read (the query function). */
      read: ({ signal }: { signal: AbortSignal }) =>
        send(
          (client) => client.getSync(id, { signal }),
          (error) => {
            setFailures(++failuresInRow);
            const max = o.maxRetries ?? DEFAULT_MAX_RETRIES;
            // Failures a later read may cure (core's one rule) are retried and make `connectivity` read `retrying`.
            const transient = isRetryableFailure(error);
            if (transient && failuresInRow <= max) emit('retrying', null, error, { attempt: failuresInRow });
            // Retries ran out: say so once; polling goes on at the retry cap and recovers by itself.
            else if (!transient || failuresInRow === max + 1) fail(error, 'read');
          },
        ).then((result) => {
          settle(result, 'read');
          return result.sync;
        }),

      /** Back online: read now instead of waiting out the backoff. */
      onOnline: () => {
        if (step.type !== 'answer') refresh();
      },

      api: {
        setAnswer,
        submit,
        start: () => begin('sync_started'),
        restart: () => begin('sync_restarted'),
        submitCredentials: (credentials: Credentials) => begin('credentials_submitted', credentials),
        refresh,
      },
    };
  });
  useEffect(() => session.mount(), [session]);

  // --- Reading the sync ---
  const autoStart = options.autoStart ?? false;
  const hasTransport = !!(options.client || options.baseUrl);
  const enabled = (options.enabled ?? true) && hasTransport;
  // With autoStart, reads wait for the start POST (which begins the first run of polling).
  const reading = enabled && (!autoStart || runStartedAt !== null);
  const query = useQuery(
    {
      queryKey: mfaQueryKeys.sync(connectionId),
      queryFn: session.read,
      enabled: reading,
      // The scheduler below owns every read after the first: no staleness, focus or reconnect
      // refetches of react-query's own, but always a fresh read on mount.
      staleTime: Infinity,
      refetchOnMount: 'always',
      ...HOOK_OWNS_REQUESTS,
    },
    queryClient,
  );
  const { refetch } = query;
  const sync = query.data ?? null;
  // The last read's failure (react-query keeps it until a read or a POST succeeds).
  const readError = query.error as MfaError | null;

  // --- The step ---
  const step = useMemo(() => (sync ? deriveStep(sync, Math.max(Date.now(), expiryTick), offsetMs) : IDLE), [sync, offsetMs, expiryTick]);
  const challenges = challengesOf(step);
  // The answer step's deadline, else the earliest realtime challenge's of an expired step.
  const stepDeadline = step.type === 'answer' ? step.deadline : (timedChallenges(step)[0]?.deadline ?? null);
  const canSubmit = step.type === 'answer' && step.challenges.some((c) => c.shouldAnswer);

  // --- Connectivity ---
  const { hidden, offline } = usePageState(session.onOnline);
  const retrying = !!readError && isRetryableFailure(readError);
  const connectivity: MfaConnectivity = offline || (retrying && failures > (options.maxRetries ?? DEFAULT_MAX_RETRIES)) ? 'offline' : retrying ? 'retrying' : 'online';

  // Before any effect of this commit runs, and never on the server.
  useInsertionEffect(() => session.commit(connectionId, options, queryClient, clock, step, sync, refetch));
  useEffect(() => session.afterCommit(autoStart && enabled, connectivity, readError));

  useEffect(() => {
    // A misconfiguration warning for development. `process` is guarded: an app loaded without a
    // bundler has none, and a ReferenceError here would throw into React.
    if (!hasTransport && (typeof process === 'undefined' || process.env.NODE_ENV !== 'production')) {
      console.warn('useMfaChallenge: no transport; pass `client` or `baseUrl`.');
    }
  }, [hasTransport]);

  // --- One timeout at a time: at the answer step's deadline, flip to `expired` (the countdown ticks
  // elsewhere); otherwise the next read, planned by core's nextPollDelay. ---
  const deadline = step.type === 'answer' ? step.deadline : null;
  // Nothing read yet is phase `reading`.
  const phase = pollPhase(sync && (step as Step));
  const scheduling = reading && !query.isFetching && !isSubmitting && !isStarting;
  // Reads are counted from the last read or write that settled, either way.
  const lastReadAt = Math.max(query.dataUpdatedAt, query.errorUpdatedAt);
  const pollPolicy = options.pollPolicy;
  useEffect(() => {
    const now = Date.now();
    const delay =
      deadline !== null
        ? Math.max(0, deadline - clock.now(now))
        : scheduling
          ? nextPollDelay({
              phase,
              runElapsedMs: now - (runStartedAt ?? now),
              sinceLastReadMs: now - lastReadAt,
              deadlineInMs: stepDeadline === null ? null : stepDeadline - clock.now(now),
              // The one confirming read after a deadline is any read after it.
              expiryConfirmed: stepDeadline !== null && clock.now(lastReadAt) > stepDeadline,
              hidden,
              offline,
              error: readError,
              failures,
              random: Math.random(),
              policy: pollPolicy,
            })
          : null;
    if (delay === null) return;
    const timer = setTimeout(() => (deadline !== null ? setExpiryTick(Date.now()) : refetch({ cancelRefetch: false })), delay);
    return () => clearTimeout(timer);
  }, [deadline, scheduling, phase, runStartedAt, lastReadAt, stepDeadline, clock, offsetMs, hidden, offline, readError, failures, pollPolicy, refetch]);

  // --- Prop getters ---
  const [choiceNodes] = useState(() => new Map<number, ChoiceNodes<number>>());
  const baseId = `mfa${useId().replace(/[^\w-]/g, '')}`;
  const result = {
    step,
    sync,
    challenges,
    answers,
    refusals,
    isSubmitting,
    isStarting,
    error,
    connectivity,
    clock,
    canSubmit,
    deadline: stepDeadline,
    ...session.api,
  };
  return { ...result, ...createPropGetters(result, baseId, { ...defaultMfaStrings, ...options.strings }, choiceNodes) };
}
