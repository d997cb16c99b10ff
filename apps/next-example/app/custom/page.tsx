import { mfaSyncQueryKey } from '@mfa-kit/core';
import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { readSyncOnServer } from '../../lib/quovo';
import { CustomMfa } from './CustomMfa';

/**
 * A Server Component: it reads the sync on the server (through the proxy that holds the token)
 * and hands it to the browser with `HydrationBoundary`, so the first challenge paints with no
 * browser read. `?prefetch=0` turns the prefetch off, for comparison.
 */
export default async function CustomPage({ searchParams }: { searchParams: Promise<{ connection?: string; prefetch?: string }> }) {
  const { connection, prefetch } = await searchParams;
  const connectionId = Number(connection);
  const queryClient = new QueryClient();
  const sync = prefetch === '0' ? null : await readSyncOnServer(connectionId);
  if (sync) queryClient.setQueryData(mfaSyncQueryKey(connectionId), sync);
  return (
    <main>
      <h1>Link your bank (custom UI)</h1>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <CustomMfa connectionId={connectionId} />
      </HydrationBoundary>
    </main>
  );
}
