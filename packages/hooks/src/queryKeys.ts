import type { ServerClock, SyncClient, SyncState } from '@mfa-kit/core';
import { queryOptions } from '@tanstack/react-query';

/**
 * Query keys of the hooks' cache entries, so a partner can read, prefetch or invalidate them
 * with its own QueryClient.
 *
 * @example
 * queryClient.invalidateQueries({ queryKey: mfaQueryKeys.all });
 * const sync = queryClient.getQueryData<SyncState>(mfaQueryKeys.sync(4224865));
 */
export const mfaQueryKeys = {
  /** Every key of this package starts with this. */
  all: ['mfa-kit'] as const,
  /** The sync of one connection (its data is core's `SyncState`). */
  sync: (connectionId: number) => ['mfa-kit', 'sync', connectionId] as const,
};

/**
 * React Query's own retries and refetches, all off: the hooks own the polling policy. Shared by
 * {@link syncQueryOptions} and `useMfaChallenge`'s reads and writes.
 */
export const HOOK_OWNS_REQUESTS = {
  retry: false,
  refetchOnWindowFocus: false,
  refetchOnReconnect: false,
  networkMode: 'always',
} as const;

/** Options of {@link syncQueryOptions}. */
export interface SyncQueryOptionsExtra {
  /** A server clock to feed with every response's `Date` header. */
  clock?: ServerClock;
}

/**
 * `queryOptions` for reading one connection's sync (`GET /connections/{id}/sync`), sharing the
 * cache entry that {@link useMfaChallenge} reads and writes. The data is core's `SyncState`.
 *
 * It does not poll and does not retry (`retry: false`, `refetchOnWindowFocus: false`,
 * `networkMode: 'always'`): `useMfaChallenge` owns the polling policy. Spread and override
 * when reading the sync elsewhere.
 *
 * @example
 * const { data } = useQuery({ ...syncQueryOptions(client, connectionId), enabled: false });
 */
export function syncQueryOptions(client: SyncClient, connectionId: number, extra: SyncQueryOptionsExtra = {}) {
  return queryOptions({
    queryKey: mfaQueryKeys.sync(connectionId),
    queryFn: async ({ signal }): Promise<SyncState> => {
      const result = await client.getSync(connectionId, { signal });
      extra.clock?.observe(result);
      return result.sync;
    },
    ...HOOK_OWNS_REQUESTS,
  });
}
