import { QueryClient, QueryObserver } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { createSyncClient } from './client';
import type { SyncState } from './model';
import { mfaSyncQueryKey, mfaSyncQueryOptions } from './session';
import { BASE_URL, elapse, onlyChallenge, open, setupSandboxServer, startSandbox, until } from './session.testkit';

setupSandboxServer();

/** A partner client whose defaults would change every behaviour the kit relies on, were they applied. */
function hostileClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: 5,
        retryDelay: 10,
        staleTime: Infinity,
        gcTime: 0,
        enabled: true,
        refetchOnMount: 'always',
        refetchOnWindowFocus: 'always',
        refetchOnReconnect: 'always',
        refetchInterval: 50,
        refetchIntervalInBackground: true,
        networkMode: 'offlineFirst',
        structuralSharing: false,
        select: () => 'not a sync',
        initialData: { bogus: true } as never,
      },
      mutations: {
        retry: 3,
        retryDelay: 10,
        networkMode: 'offlineFirst',
        gcTime: 0,
        onMutate: () => {
          throw new Error('the partner default ran');
        },
      },
    },
  });
}

/** A flow with two failed reads and a wrong answer: every request's method, path and time from the first, and the events. */
async function flow(queryClient?: QueryClient) {
  const sb = startSandbox();
  const id = sb.create('question', { timing: { authenticatingMs: 6000 } });
  const { session, snap, names } = open(id, { queryClient, pollPolicy: { jitter: 0 } });
  await until(() => snap().step.type === 'wait');
  sb.engine.setFaults({ status500: { times: 2 } });
  await until(() => snap().step.type === 'answer');
  session.setAnswer(onlyChallenge(session).id, 'wrong');
  await session.submit();
  await until(() => snap().step.type === 'answer' && snap().request === 'idle');
  const t0 = sb.requests[0]!.at;
  return { requests: sb.requests.map((r) => `${r.method} ${r.path} +${r.at - t0}`), events: names(), session, id, sb };
}

describe('createMfaSession over TanStack Query', () => {
  it("behaves the same on a partner's client with hostile defaults as on its own", async () => {
    const own = await flow();
    const partner = await flow(hostileClient());
    expect(partner.requests).toEqual(own.requests);
    expect(partner.events).toEqual(own.events);
    expect(own.requests.filter((r) => r.startsWith('GET')).length).toBeGreaterThan(3);
  });

  it('keeps the sync in the given client under the documented key, observed, and the writes as mutations', async () => {
    const queryClient = new QueryClient();
    const { session, id } = await flow(queryClient);
    expect(session.queryClient).toBe(queryClient);
    const query = queryClient.getQueryCache().find({ queryKey: mfaSyncQueryKey(id), exact: true });
    expect(query?.state.data).toEqual(session.getSnapshot().sync);
    expect(query?.getObserversCount()).toBe(1);
    expect(queryClient.getMutationCache().getAll().map((m) => m.options.mutationKey)).toEqual([['mfa-kit', 'answer', id]]);
    // Answers stay out of what Devtools show.
    expect(JSON.stringify(queryClient.getMutationCache().getAll().map((m) => m.state.variables))).not.toContain('wrong');
    session.destroy();
    expect(queryClient.getQueryCache().find({ queryKey: mfaSyncQueryKey(id) })).toBeUndefined();
  });

  it('lets other code read the same sync with mfaSyncQueryOptions, adding no request', async () => {
    const queryClient = new QueryClient();
    const sb = startSandbox();
    const id = sb.create('no_mfa', { timing: { authenticatingMs: 8000 } });
    const seen: (SyncState | undefined)[] = [];
    const badge = new QueryObserver(queryClient, mfaSyncQueryOptions(id));
    const stopBadge = badge.subscribe((result) => seen.push(result.data));
    const { snap } = open(id, { queryClient, pollPolicy: { jitter: 0 } });
    await until(() => snap().step.type === 'done');
    const withBadge = sb.gets().length;
    stopBadge();
    expect(seen.at(-1)).toMatchObject({ status: 'good' });

    const alone = startSandbox();
    const other = alone.create('no_mfa', { timing: { authenticatingMs: 8000 } });
    const { snap: snapAlone } = open(other, { queryClient: new QueryClient(), pollPolicy: { jitter: 0 } });
    await until(() => snapAlone().step.type === 'done');
    expect(withBadge).toBe(alone.gets().length);
  });

  it('shows a sync already in the cache (a server prefetch) with no read of its own', async () => {
    const sb = startSandbox();
    const id = sb.create('question');
    const client = createSyncClient({ baseUrl: BASE_URL });
    await client.startSync(id);
    let prefetched = (await client.getSync(id)).sync;
    for (let i = 0; i < 60 && prefetched.challenges.length === 0; i++) {
      await elapse(1000);
      prefetched = (await client.getSync(id)).sync;
    }
    expect(prefetched.challenges.length).toBeGreaterThan(0);
    const queryClient = new QueryClient();
    queryClient.setQueryData(mfaSyncQueryKey(id), prefetched);
    const reads = sb.gets().length;
    const { snap } = open(id, { queryClient, autoStart: false });
    expect(snap().step.type).toBe('answer');
    await elapse(10_000);
    expect(sb.gets()).toHaveLength(reads);
    expect(snap().step.type).toBe('answer');
  });

  it('reads a cached sync again when it is older than a minute (a challenge read long ago may be gone)', async () => {
    const sb = startSandbox();
    const id = sb.create('question');
    const queryClient = new QueryClient();
    queryClient.setQueryData(mfaSyncQueryKey(id), { connectionId: id, status: 'syncing', progress: { state: 'queued', percent: 0, message: null }, challenges: [], configInstructions: null }, { updatedAt: Date.now() - 61_000 });
    const { snap } = open(id, { queryClient, autoStart: false });
    expect(snap().step.type).toBe('idle');
    await until(() => sb.gets().length > 0, { step: 10, within: 100 });
  });
});

