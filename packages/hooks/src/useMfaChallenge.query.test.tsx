import { mfaSyncQueryKey, type SyncState } from '@mfa-kit/core';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act, render, renderHook, screen } from '@testing-library/react';
import * as React from 'react';
import { StrictMode, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { mfaSyncQueryOptions } from './index';
import { BASE_URL, elapse, hangingFetch, settle, setupSandboxServer, startSandbox, until } from './sandbox.testkit';
import { useMfaChallenge } from './useMfaChallenge';

setupSandboxServer();

/** React 19's `<Activity>`; React 18 has none. */
const Activity = (React as { Activity?: React.ComponentType<{ mode: 'visible' | 'hidden'; children: ReactNode }> }).Activity;

/** A partner client whose defaults would poll, refetch and retry on their own, were they applied to the kit. */
const hostileClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: { retry: 3, retryDelay: 1, staleTime: 0, refetchInterval: 100, refetchIntervalInBackground: true, refetchOnWindowFocus: 'always', refetchOnMount: 'always', networkMode: 'offlineFirst', gcTime: 0 },
      mutations: { retry: 3, retryDelay: 1 },
    },
  });

function Flow({ id, badge = false }: { id: number; badge?: boolean }) {
  const mfa = useMfaChallenge(id, { baseUrl: BASE_URL, autoStart: true, pollPolicy: { jitter: 0 } });
  return (
    <>
      <p data-testid="step">{mfa.step.type}</p>
      {badge ? <Badge id={id} /> : null}
    </>
  );
}

/** Partner code elsewhere in the app: a status badge on the same sync. */
function Badge({ id }: { id: number }) {
  const { data } = useQuery(mfaSyncQueryOptions(id));
  return <p data-testid="badge">{data?.status ?? 'unknown'}</p>;
}

/** GETs of a `no_mfa` flow from start to done, rendered by `ui`. */
async function readsOf(ui: (id: number) => React.ReactElement) {
  const sb = startSandbox();
  const id = sb.create('no_mfa', { timing: { authenticatingMs: 8000 } });
  const view = render(ui(id));
  await until(() => screen.getByTestId('step').textContent === 'done');
  await elapse(5000);
  const badge = screen.queryByTestId('badge')?.textContent;
  view.unmount();
  return { gets: sb.gets().length, id, badge };
}

describe('useMfaChallenge with React Query', () => {
  it('works with no QueryClientProvider (a client of its own)', async () => {
    const { gets } = await readsOf((id) => <Flow id={id} />);
    expect(gets).toBeGreaterThan(2);
  });

  it("keeps the sync in the provider's client, where a status badge reads it with no request of its own", async () => {
    const queryClient = new QueryClient();
    const alone = await readsOf((id) => <Flow id={id} />);
    const shared = await readsOf((id) => (
      <QueryClientProvider client={queryClient}>
        <Flow id={id} badge />
      </QueryClientProvider>
    ));
    expect(shared.gets).toBe(alone.gets);
    expect(shared.badge).toBe('good');
    expect(queryClient.getQueryData<SyncState>(mfaSyncQueryKey(shared.id))?.status).toBe('good');
  });

  it("polls by the kit's policy whatever the provider's client defaults say", async () => {
    const alone = await readsOf((id) => <Flow id={id} />);
    const hostile = await readsOf((id) => (
      <QueryClientProvider client={hostileClient()}>
        <Flow id={id} badge />
      </QueryClientProvider>
    ));
    expect(hostile.gets).toBe(alone.gets);
  });
});

describe('useMfaChallenge: lifecycle', () => {
  it('resolves a submit in flight at unmount, leaves no timer, and a remount does not send it again', async () => {
    const sb = startSandbox();
    const id = sb.create('question');
    const queryClient = new QueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <StrictMode>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </StrictMode>
    );
    const first = renderHook(() => useMfaChallenge(id, { baseUrl: BASE_URL, autoStart: true }), { wrapper });
    await until(() => first.result.current.step.type === 'answer');
    sb.engine.setFaults({ latency: { ms: 2000, times: 1 } }, id);
    act(() => first.result.current.setAnswer(first.result.current.challenges[0]!.id, 'Pied Piper'));
    let settled = false;
    act(() => void first.result.current.submit().then(() => (settled = true)));
    await settle();
    expect(first.result.current.request).toBe('submitting');
    first.unmount();
    await settle();
    expect(settled).toBe(true);
    // The sandbox's own latency timer ends; nothing of the kit's is left.
    await elapse(3000);
    expect(vi.getTimerCount()).toBe(0);
    const second = renderHook(() => useMfaChallenge(id, { baseUrl: BASE_URL }), { wrapper });
    await until(() => second.result.current.step.type === 'answer' && second.result.current.request === 'idle');
    await elapse(3000);
    expect(sb.answerPosts()).toHaveLength(1);
    second.unmount();
  });

  it('leaves no timer and no stream behind a StrictMode double mount and unmount', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa', { timing: { authenticatingMs: 60_000 } });
    const hanging = hangingFetch();
    const { unmount } = renderHook(() => useMfaChallenge(id, { baseUrl: BASE_URL, fetch: hanging.fetch }), { wrapper: StrictMode });
    await settle();
    unmount();
    await settle();
    expect(hanging.signals.length).toBeGreaterThan(0);
    expect(hanging.signals.every((signal) => signal.aborted)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(sb.posts()).toHaveLength(0);
  });

  it.skipIf(!Activity)('<Activity> hidden: pauses with nothing pending and keeps what was typed; shown: carries on (skipped on React 18: no Activity)', async () => {
    const sb = startSandbox();
    const id = sb.create('question');
    let api: ReturnType<typeof useMfaChallenge> | null = null;
    function Screen() {
      api = useMfaChallenge(id, { baseUrl: BASE_URL, autoStart: true });
      return <p>{api.step.type}</p>;
    }
    const A = Activity!;
    const view = render(
      <A mode="visible">
        <Screen />
      </A>,
    );
    await until(() => api?.step.type === 'answer');
    const challenge = api!.challenges[0]!;
    act(() => api!.setAnswer(challenge.id, 'typed'));
    view.rerender(
      <A mode="hidden">
        <Screen />
      </A>,
    );
    await settle();
    expect(vi.getTimerCount()).toBe(0);
    const requests = sb.requests.length;
    await elapse(30_000);
    expect(sb.requests).toHaveLength(requests);
    view.rerender(
      <A mode="visible">
        <Screen />
      </A>,
    );
    await settle();
    expect(api!.answers[challenge.id]).toBe('typed');
    expect(api!.step.type).toBe('answer');
    view.unmount();
    await settle();
    expect(vi.getTimerCount()).toBe(0);
  });
});
