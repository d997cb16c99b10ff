/**
 * The sync as a TanStack Query query: its key, and the options partner code reads it with.
 * Every option the kit relies on is set here, so a partner's `QueryClient` defaults (`retry`,
 * `staleTime`, `refetchOnWindowFocus`, `gcTime`…) never change what the session does.
 */
import { skipToken, type DataTag, type QueryFunction, type QueryObserverOptions } from '@tanstack/query-core';
import type { MfaError } from '../errors';
import type { SyncState } from '../model';

/** The query key of one connection's sync: `['mfa-kit', 'sync', connectionId]`. */
export type MfaSyncQueryKey = DataTag<readonly ['mfa-kit', 'sync', number], SyncState, MfaError>;

/**
 * The query key under which a session keeps its connection's sync: `['mfa-kit', 'sync',
 * connectionId]`. Use it to prefetch on the server (`setQueryData` then `dehydrate`), to read
 * the sync with `getQueryData`, or to find it in Devtools. Typed, so `getQueryData` returns a
 * `SyncState`.
 */
export function mfaSyncQueryKey(connectionId: number): MfaSyncQueryKey {
  return ['mfa-kit', 'sync', connectionId] as unknown as MfaSyncQueryKey;
}

/**
 * The options of the session's own read; it alone fetches. `enabled: false` and the
 * `refetchOn*: false` keep React Query from reading on its own (on mount, focus, reconnect,
 * `invalidateQueries`): the session's machine decides every read by the kit's polling policy.
 * @internal
 */
export function sessionQueryOptions(
  connectionId: number,
  queryFn: QueryFunction<SyncState, MfaSyncQueryKey>,
): QueryObserverOptions<SyncState, MfaError, SyncState, SyncState, MfaSyncQueryKey> {
  return {
    queryKey: mfaSyncQueryKey(connectionId),
    queryFn,
    enabled: false,
    // The policy retries (with its own backoff, counted in the snapshot); a retry here would be a second loop.
    retry: false,
    // Offline is the session's to handle (`connectivity`); TanStack's global onlineManager must not pause its reads.
    networkMode: 'always',
    staleTime: 0,
    // No garbage-collection timer while a session holds it (every fetch would start one): the
    // session removes it at `destroy` unless other code still observes it.
    gcTime: Infinity,
    refetchInterval: false,
    refetchOnMount: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    structuralSharing: true,
    initialData: undefined,
    placeholderData: undefined,
    select: undefined,
    throwOnError: false,
    meta: { mfaKit: true },
  };
}

/**
 * Options for reading a connection's sync anywhere with `useQuery` (or a `QueryObserver`), from
 * the cache of the session that drives it: a status badge, a banner, a server prefetch. They
 * never fetch (`queryFn: skipToken`): the session that drives the sync reads and polls it, so a
 * second component adds no request and no second poll loop. `data` is the last sync read,
 * written or pushed (or prefetched), `undefined` before the first.
 *
 * @example
 * const { data: sync } = useQuery(mfaSyncQueryOptions(connectionId));
 * return sync ? <Badge status={sync.status} /> : null;
 */
export function mfaSyncQueryOptions(connectionId: number): QueryObserverOptions<SyncState, MfaError, SyncState, SyncState, MfaSyncQueryKey> {
  return {
    queryKey: mfaSyncQueryKey(connectionId),
    queryFn: skipToken,
    staleTime: Infinity,
    retry: false,
    refetchOnMount: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    refetchInterval: false,
  };
}
