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
  Credentials,
  PollError,
  SyncClient,
  SyncResult,
  SyncState,
} from '@mfa-kit/core';
import { QueryClient, QueryClientContext, useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useContext, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useDocumentHidden, useIsomorphicLayoutEffect, useNavigatorOffline } from './environment';
import { createPropGetters } from './propGetters';
import { HOOK_OWNS_REQUESTS, mfaQueryKeys } from './queryKeys';
import { defaultMfaStrings } from './strings';
import type { ChoiceNodes } from './useChoiceGroup';
import type {
  MfaConnectivity,
  MfaEventMeta,
  MfaEventName,
  MfaStep,
  UseMfaChallengeOptions,
  UseMfaChallengeResult,
} from './types';

const IDLE: MfaStep = { type: 'idle' };
const DEFAULT_MAX_RETRIES = 4;
const NO_CHALLENGES: Challenge[] = [];


/**
 * A QueryClient for a hook used without a QueryClientProvider and without `options.queryClient`.
 * One per hook instance (never module-level: a server would share it between requests), with
 * no garbage-collection timers, so nothing is left behind after unmount.
 */
function createPrivateQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { gcTime: Infinity }, mutations: { gcTime: Infinity } } });
}

/** Thrown by a request made without `client` or `baseUrl` (the dev warning below says so at mount). */
function missingClient(): never {
  throw new MfaError('network', 'useMfaChallenge: no transport; pass `client` or `baseUrl`.');
}

/** Any thrown value as an {@link MfaError}; the message of a foreign error is kept (it never holds answers). */
function toMfaError(error: unknown): MfaError {
  if (isMfaError(error)) return error;
  if (error instanceof Error && error.name === 'AbortError') return new MfaError('aborted', undefined, { cause: error });
  const detail = error instanceof Error ? `: ${error.message}` : '';
  return new MfaError('network', `The request could not be made${detail}`, { cause: error });
}

/** The ids of challenges, as one string (for change detection and event keys). */
const idsOf = (challenges: Challenge[]) => challenges.map((c) => c.id).join();

/** Stable identity of a step for change detection: its type and its challenges, deadline or status, not its progress. */
function stepKey(step: MfaStep): string {
  const { challenges, deadline, status } = step as Partial<{ challenges: Challenge[]; deadline: number | null; status: string }>;
  return `${step.type}:${challenges ? idsOf(challenges) : ''}:${deadline ?? ''}:${status ?? ''}`;
}

/** The realtime challenges of a step (those with a deadline), for `onExpire`. */
function timedChallenges(step: MfaStep): Challenge[] {
  if (step.type !== 'answer' && step.type !== 'expired') return [];
  return pendingChallenges(step.challenges).filter((c) => c.deadline !== null);
}

/** A flag read both while rendering (state) and synchronously (a ref: two clicks in one frame see it). */
function useBusy(): [boolean, { readonly current: boolean }, (busy: boolean) => void] {
  const [busy, setBusy] = useState(false);
  const ref = useRef(false);
  const set = useCallback((next: boolean) => {
    ref.current = next;
    // After unmount this is a no-op, as React documents.
    setBusy(next);
  }, []);
  return [busy, ref, set];
}

interface ReadState {
  /** Consecutive failed reads (0 after a success). */
  failures: number;
  /** The last read's failure, or `null` after a success. */
  error: PollError | null;
  /** Bumped on every read that settles, so the scheduler re-plans even when nothing else changed. */
  version: number;
}

interface Destination {
  category: string | null;
  value: string;
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
  const optionsRef = useRef(options);
  useIsomorphicLayoutEffect(() => {
    optionsRef.current = options;
  });

  // --- Query client: explicit option, then the provider's, then a private one. ---
  const contextClient = useContext(QueryClientContext);
  const privateClientRef = useRef<QueryClient | null>(null);
  const queryClient = options.queryClient ?? contextClient ?? (privateClientRef.current ??= createPrivateQueryClient());

  // --- Server clock ---
  const [ownClock] = useState(createServerClock);
  const clock = options.clock ?? ownClock;
  const readOffset = () => clock.offsetMs;
  const offsetMs = useSyncExternalStore(clock.subscribe, readOffset, readOffset);

  // --- Transport: created lazily, so rendering on the server never resolves a relative URL. ---
  const { client: givenClient, baseUrl, answerRoute, timeoutMs } = options;
  const client = useMemo<SyncClient | null>(() => {
    if (givenClient) return givenClient;
    if (!baseUrl) return null;
    let real: SyncClient | null = null;
    const get = () =>
      (real ??= createSyncClient({
        baseUrl,
        answerRoute,
        timeoutMs,
        headers: {},
        getHeaders: async () => {
          const { headers, getHeaders } = optionsRef.current;
          return { ...headers, ...(getHeaders ? await getHeaders() : {}) };
        },
        fetch: (input, init) => (optionsRef.current.fetch ?? globalThis.fetch)(input, init),
      }));
    return {
      getSync: (id, o) => get().getSync(id, o),
      startSync: (id, c, o) => get().startSync(id, c, o),
      answer: (id, a, o) => get().answer(id, a, o),
    };
  }, [givenClient, baseUrl, answerRoute, timeoutMs]);

  // --- Lifetime: one AbortController, aborted on a real unmount (not StrictMode's rehearsal). ---
  const aliveRef = useRef(false);
  const lifetimeRef = useRef<AbortController | null>(null);
  useEffect(() => {
    aliveRef.current = true;
    return () => {
      aliveRef.current = false;
      const controller = lifetimeRef.current;
      // StrictMode unmounts and remounts synchronously; only abort if nobody came back.
      queueMicrotask(() => {
        if (!aliveRef.current) controller?.abort();
      });
    };
  }, []);

  // --- Events ---
  const stepRef = useRef<MfaStep>(IDLE);
  const syncRef = useRef<SyncState | null>(null);
  /** Sends one analytics event: ids, kinds and statuses, never a value. */
  const emit = useCallback(
    (name: MfaEventName, challenges?: Challenge[] | null, extra?: Partial<MfaEventMeta>) => {
      const onEvent = optionsRef.current.onEvent;
      if (!onEvent) return;
      const status = syncRef.current?.status;
      const meta: MfaEventMeta = {
        connectionId,
        step: stepRef.current.type,
        ...(status ? { status } : {}),
        ...(challenges ? { challengeIds: challenges.map((c) => c.id), challengeKinds: challenges.map((c) => c.kind) } : {}),
        ...extra,
      };
      try {
        onEvent(name, meta);
      } catch (error) {
        // An analytics callback must not break the flow.
        queueMicrotask(() => {
          throw error;
        });
      }
    },
    [connectionId],
  );

  // --- State ---
  const [answers, setAnswers] = useState<Readonly<Record<number, AnswerValue | undefined>>>({});
  const answersRef = useRef(answers);
  const [refusals, setRefusals] = useState<Readonly<Record<number, AnswerRefusalReason>>>({});
  // Where the error came from: a successful read clears a read error, not a refused write.
  const [failure, setFailure] = useState<{ error: MfaError; source: 'read' | 'write' } | null>(null);
  const [readState, setReadState] = useState<ReadState>({ failures: 0, error: null, version: 0 });
  const [started, setStarted] = useState(false);
  const [expiryTick, setExpiryTick] = useState(0);
  const [isSubmitting, submittingRef, setSubmitting] = useBusy();
  const [isStarting, startingRef, setStarting] = useBusy();
  const failuresRef = useRef(0);
  const lastReadAtRef = useRef<number | null>(null);
  const runStartedAtRef = useRef<number | null>(null);
  const expiryConfirmedRef = useRef(false);
  const destinationRef = useRef<{ destination: Destination; realtime: boolean } | null>(null);
  const resendArmedRef = useRef<Destination | null>(null);

  const reportError = useCallback((err: MfaError, source: 'read' | 'write') => {
    setFailure({ error: err, source });
    optionsRef.current.onError?.(err);
  }, []);

  /** Runs a request; on a 401, lets the partner refresh its session and tries once more. */
  const withSession = useCallback(
    async <T,>(run: () => Promise<T>): Promise<T> => {
      try {
        return await run();
      } catch (e) {
        if (!isMfaError(e) || e.kind !== 'unauthorized') throw e;
        emit('unauthorized', null, { errorKind: 'unauthorized' });
        const refresh = optionsRef.current.onUnauthorized;
        if (!refresh) throw e;
        try {
          await refresh();
        } catch {
          throw e;
        }
        return run();
      }
    },
    [emit],
  );

  /** A successful read or write: feed the clock, reset the failure count. */
  const settleSuccess = useCallback(
    (result: SyncResult, source: 'read' | 'write') => {
      clock.observe(result);
      failuresRef.current = 0;
      lastReadAtRef.current = Date.now();
      runStartedAtRef.current ??= lastReadAtRef.current;
      setReadState((s) => ({ failures: 0, error: null, version: s.version + 1 }));
      setFailure((f) => (f && (source === 'write' || f.source === 'read') ? null : f));
    },
    [clock],
  );

  // --- Reading the sync ---
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const read = useCallback(
    async ({ signal }: { signal: AbortSignal }): Promise<SyncState> => {
      const transport = client ?? missingClient();
      try {
        const result = await withSession(() => transport.getSync(connectionId, { signal }));
        settleSuccess(result, 'read');
        return result.sync;
      } catch (e) {
        const err = toMfaError(e);
        if (err.kind === 'aborted' || !aliveRef.current) throw err;
        const failures = ++failuresRef.current;
        lastReadAtRef.current = Date.now();
        setReadState((s) => ({ failures, error: { kind: err.kind, retryAfterMs: err.retryAfterMs, status: err.status }, version: s.version + 1 }));
        emit('request_failed', null, { errorKind: err.kind });
        const max = optionsRef.current.maxRetries ?? DEFAULT_MAX_RETRIES;
        // Failures a later read may cure (core's one rule) are retried and make `connectivity` read `retrying`.
        const transient = isRetryableFailure(err);
        if (transient && failures <= max) emit('retrying', null, { errorKind: err.kind, attempt: failures });
        // Retries ran out: say so once; polling goes on at the retry cap and recovers by itself.
        else if (!transient || failures === max + 1) reportError(err, 'read');
        throw err;
      }
    },
    [client, connectionId, withSession, settleSuccess, emit, reportError],
  );

  const autoStart = options.autoStart ?? false;
  const enabled = (options.enabled ?? true) && client !== null;
  const query = useQuery(
    {
      queryKey: mfaQueryKeys.sync(connectionId),
      queryFn: read,
      enabled: enabled && (!autoStart || started),
      // The scheduler below owns every read after the first: no staleness, focus or reconnect
      // refetches of react-query's own, but always a fresh read on mount.
      staleTime: Infinity,
      refetchOnMount: 'always',
      ...HOOK_OWNS_REQUESTS,
    },
    queryClient,
  );
  const sync = query.data ?? null;
  const refetch = query.refetch;

  // --- The step ---
  const step = useMemo<MfaStep>(
    () => (sync ? deriveStep(sync, Math.max(Date.now(), expiryTick), offsetMs) : IDLE),
    [sync, offsetMs, expiryTick],
  );
  useIsomorphicLayoutEffect(() => {
    stepRef.current = step;
    syncRef.current = sync;
  });
  const challenges = step.type === 'answer' || step.type === 'expired' ? step.challenges : NO_CHALLENGES;
  // The answer step's deadline, else the earliest realtime challenge's of an expired step.
  const stepDeadline = step.type === 'answer' ? step.deadline : (timedChallenges(step)[0]?.deadline ?? null);
  const canSubmit = step.type === 'answer' && step.challenges.some((c) => c.shouldAnswer);

  // --- Writes: one mutation, whose variables are the request (never the answers or credentials). ---
  const mutate = useMutation(
    { mutationFn: (send: () => Promise<SyncResult>) => send(), ...HOOK_OWNS_REQUESTS },
    queryClient,
  ).mutateAsync;

  /**
   * Posts with the session retry, after cancelling a read in flight (it could land after the POST
   * and bring back what the POST replaced). The sync it answers with goes into the cache, starts a
   * new run of fast polling and prunes the answers of challenges that are gone; then `onSuccess`.
   * A failure is reported (`request_failed`, `onFailure(error)`, `onError`); one that came from
   * unmounting (or an abort) only calls `onFailure(null)`.
   * `setBusy(false)` at the end, either way.
   */
  const post = useCallback(
    async (
      setBusy: (busy: boolean) => void,
      request: (transport: SyncClient, signal: AbortSignal) => Promise<SyncResult>,
      onSuccess: () => void,
      onFailure: (err: MfaError | null) => void,
    ): Promise<void> => {
      try {
        await queryClient.cancelQueries({ queryKey: mfaQueryKeys.sync(connectionId) });
        const result = await mutate(() =>
          withSession(() => {
            lifetimeRef.current = lifetimeRef.current?.signal.aborted === false ? lifetimeRef.current : new AbortController();
            return request(client ?? missingClient(), lifetimeRef.current.signal);
          }),
        );
        if (!aliveRef.current) return;
        settleSuccess(result, 'write');
        runStartedAtRef.current = Date.now();
        queryClient.setQueryData(mfaQueryKeys.sync(connectionId), result.sync);
        const present = new Set(result.sync.challenges.map((c) => c.id));
        const keep = <T,>(record: Readonly<Record<number, T>>): Record<number, T> =>
          Object.fromEntries(Object.entries(record).filter(([id]) => present.has(Number(id)))) as Record<number, T>;
        answersRef.current = keep(answersRef.current);
        setAnswers(answersRef.current);
        setRefusals(keep);
        onSuccess();
      } catch (e) {
        const err = toMfaError(e);
        const live = err.kind !== 'aborted' && aliveRef.current;
        if (live) emit('request_failed', null, { errorKind: err.kind });
        onFailure(live ? err : null);
        if (live) reportError(err, 'write');
      } finally {
        setBusy(false);
      }
    },
    [queryClient, connectionId, mutate, withSession, client, settleSuccess, emit, reportError],
  );

  const setAnswer = useCallback((challengeId: number, value: AnswerValue | undefined) => {
    answersRef.current = { ...answersRef.current, [challengeId]: value };
    setAnswers(answersRef.current);
    setRefusals((r) => {
      if (r[challengeId] === undefined) return r;
      const next = { ...r };
      delete next[challengeId];
      return next;
    });
  }, []);

  const submit = useCallback(async (): Promise<void> => {
    // The ref, not state: two clicks in one frame both see `isSubmitting === false`.
    if (submittingRef.current) return;
    const current = stepRef.current;
    if (current.type !== 'answer' && current.type !== 'expired') return;
    const pending = pendingChallenges(current.challenges);
    if (pending.length === 0) return;
    const allExpired = () => pending.map((c): AnswerRefusal => ({ challengeId: c.id, reason: 'expired' }));
    const refuse = (list: AnswerRefusal[], extra?: Partial<MfaEventMeta>) => {
      const reasons = Object.fromEntries(list.map((r) => [r.challengeId, r.reason])) as Record<number, AnswerRefusalReason>;
      setRefusals(reasons);
      emit('answer_refused', pending.filter((c) => reasons[c.id] !== undefined), { reasons, ...extra });
      if (list.some((r) => r.reason === 'expired')) setExpiryTick(Date.now());
    };
    const built = current.type === 'expired' ? { ok: false as const, refusals: allExpired() } : buildAnswers(pending, answersRef.current, Date.now(), clock.offsetMs);
    if (!built.ok) return refuse(built.refusals);

    setSubmitting(true);
    setRefusals({});
    emit('answer_submitted', pending);
    return post(
      setSubmitting,
      (transport, signal) => transport.answer(connectionId, built.answers, { signal }),
      () => {
        // Remember a PIN destination (a lone choice without deadline) for a one-step re-send.
        const [choice] = pending;
        if (pending.length === 1 && choice?.kind === 'choice' && choice.deadline === null) {
          const picked = choice.choices.find((c) => c.key === built.answers[0]?.answer);
          destinationRef.current = picked ? { destination: { category: picked.category, value: picked.value }, realtime: false } : null;
        }
        emit('answer_accepted', pending);
      },
      (err) => {
        if (!err) return;
        if (err.kind !== 'challenge_expired') return emit('answer_failed', pending, { errorKind: err.kind });
        refuse(allExpired(), { errorKind: err.kind });
        // The server now reads `resync`: fetch it so the step follows.
        void refetch({ cancelRefetch: false });
      },
    );
  }, [submittingRef, clock, emit, setSubmitting, post, connectionId, refetch]);

  const runStart = useCallback(
    (event: 'sync_started' | 'sync_restarted' | 'credentials_submitted', credentials?: Credentials) => {
      if (startingRef.current) return;
      setStarting(true);
      emit(event);
      const remembered = destinationRef.current;
      resendArmedRef.current =
        event === 'sync_restarted' && optionsRef.current.autoResend && remembered?.realtime ? remembered.destination : null;
      void post(
        setStarting,
        (transport, signal) => transport.startSync(connectionId, credentials, { signal }),
        () => {
          expiryConfirmedRef.current = false;
          setStarted(true);
        },
        () => {
          resendArmedRef.current = null;
        },
      );
    },
    [startingRef, setStarting, emit, post, connectionId],
  );

  const start = useCallback(() => runStart('sync_started'), [runStart]);
  const restart = useCallback(() => runStart('sync_restarted'), [runStart]);
  const submitCredentials = useCallback((credentials: Credentials) => runStart('credentials_submitted', credentials), [runStart]);
  const refresh = useCallback(() => {
    if (client) void refetch({ cancelRefetch: false });
  }, [client, refetch]);

  // autoStart: once per hook instance, StrictMode's second effect pass included.
  const autoStartedRef = useRef(false);
  const canAutoStart = autoStart && enabled;
  useEffect(() => {
    if (!canAutoStart || autoStartedRef.current) return;
    autoStartedRef.current = true;
    start();
  }, [canAutoStart, start]);

  useEffect(() => {
    // A misconfiguration warning for development. `process` is guarded: an app loaded without a
    // bundler has none, and a ReferenceError here would throw into React.
    if (!givenClient && !baseUrl && (typeof process === 'undefined' || process.env.NODE_ENV !== 'production')) {
      console.warn('useMfaChallenge: no transport. Pass `client` (from createSyncClient) or `baseUrl` (your backend proxy, e.g. "/api/quovo").');
    }
  }, [givenClient, baseUrl]);

  // --- Step changes: events, expiry, completion, one-step re-send ---
  const prevStepRef = useRef<MfaStep>(IDLE);
  const expiredReportedRef = useRef<string | null>(null);
  useEffect(() => {
    const previous = prevStepRef.current;
    if (stepKey(previous) === stepKey(step)) return;
    prevStepRef.current = step;
    const o = optionsRef.current;
    emit('step_changed');
    o.onStepChange?.(step, previous);

    // Once per expiry: ours, then the server's `resync` for the same challenges, is one.
    const expire = (list: Challenge[]) => {
      const key = idsOf(list);
      if (list.length === 0 || expiredReportedRef.current === key) return;
      expiredReportedRef.current = key;
      emit('challenge_expired', list);
      o.onExpire?.(list);
    };

    switch (step.type) {
      case 'answer': {
        emit('challenge_shown', step.challenges);
        if (step.deadline !== null && destinationRef.current) destinationRef.current.realtime = true;
        const armed = resendArmedRef.current;
        resendArmedRef.current = null;
        const pending = pendingChallenges(step.challenges);
        const only = pending.length === 1 ? pending[0] : undefined;
        const match =
          armed && only?.kind === 'choice' && only.deadline === null
            ? only.choices.find((c) => c.category === armed.category && c.value === armed.value)
            : undefined;
        if (only && match) {
          emit('resend_auto', [only]);
          setAnswer(only.id, match.key);
          void submit();
        }
        break;
      }
      case 'expired':
        expire(timedChallenges(step));
        break;
      case 'restart':
        // The server said `resync` before our own timer did (or the tab slept through it).
        expire(timedChallenges(previous));
        break;
      case 'done':
        emit('sync_completed');
        if (syncRef.current) o.onComplete?.(syncRef.current);
        break;
      case 'failed':
      case 'credentials':
      case 'config':
        emit('sync_failed');
    }
  }, [step, emit, setAnswer, submit]);

  // --- One timeout at the earliest deadline: flip to `expired` (the countdown ticks elsewhere). ---
  const deadline = step.type === 'answer' ? step.deadline : null;
  useEffect(() => {
    if (deadline === null) return;
    const timer = setTimeout(() => setExpiryTick(Date.now()), Math.max(0, deadline - clock.now(Date.now())));
    return () => clearTimeout(timer);
  }, [deadline, offsetMs, clock]);

  // --- Connectivity ---
  const hidden = useDocumentHidden();
  const onNetworkChange = useCallback(
    (offline: boolean) => {
      // Back online: read now instead of waiting out the backoff.
      if (!offline && stepRef.current.type !== 'answer') refresh();
    },
    [refresh],
  );
  const navigatorOffline = useNavigatorOffline(onNetworkChange);
  const readError = readState.error;
  const connectivity: MfaConnectivity =
    navigatorOffline || (readError && isRetryableFailure(readError) && readState.failures > maxRetries)
      ? 'offline'
      : readError && isRetryableFailure(readError)
        ? 'retrying'
        : 'online';
  const prevConnectivityRef = useRef<MfaConnectivity>('online');
  useEffect(() => {
    if (prevConnectivityRef.current === connectivity) return;
    prevConnectivityRef.current = connectivity;
    if (connectivity !== 'retrying') emit(connectivity, null, readError && connectivity === 'offline' ? { errorKind: readError.kind } : {});
  }, [connectivity, emit, readError]);

  // --- The polling scheduler: one timeout, planned by core's nextPollDelay. ---
  const phase = sync ? pollPhase(step as Exclude<MfaStep, { type: 'idle' }>) : 'reading';
  const schedulerActive = enabled && (!autoStart || started) && !query.isFetching && !isSubmitting && !isStarting;
  const pollPolicy = options.pollPolicy;
  useEffect(() => {
    if (phase !== 'expired') expiryConfirmedRef.current = false;
    if (!schedulerActive) return;
    const now = Date.now();
    const delay = nextPollDelay({
      phase,
      runElapsedMs: now - (runStartedAtRef.current ?? now),
      sinceLastReadMs: now - (lastReadAtRef.current ?? now),
      deadlineInMs: stepDeadline === null ? null : stepDeadline - clock.now(now),
      expiryConfirmed: expiryConfirmedRef.current,
      hidden,
      offline: navigatorOffline,
      error: readState.error,
      failures: readState.failures,
      random: Math.random(),
      policy: pollPolicy,
    });
    if (delay === null) return;
    const timer = setTimeout(() => {
      if (phase === 'expired') expiryConfirmedRef.current = true;
      void refetch({ cancelRefetch: false });
    }, delay);
    return () => clearTimeout(timer);
  }, [phase, schedulerActive, step, stepDeadline, clock, offsetMs, hidden, navigatorOffline, readState, pollPolicy, refetch]);

  // --- Prop getters ---
  const choiceNodesRef = useRef(new Map<number, ChoiceNodes<number>>());
  const getters = createPropGetters({
    baseId: `mfa${useId().replace(/[^\w-]/g, '')}`,
    answers,
    refusals,
    setAnswer,
    submit,
    isSubmitting,
    canSubmit,
    strings: { ...defaultMfaStrings, ...options.strings },
    choiceNodes: choiceNodesRef.current,
  });

  return {
    step,
    sync,
    challenges,
    answers,
    setAnswer,
    refusals,
    submit,
    isSubmitting,
    start,
    restart,
    submitCredentials,
    isStarting,
    error: failure?.error ?? null,
    connectivity,
    clock,
    refresh,
    canSubmit,
    deadline: stepDeadline,
    ...getters,
  };
}
