import type { ServerClock } from '@mfa-kit/core';
import { createSyncClient } from '@mfa-kit/core';
import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act, render, renderHook, screen } from '@testing-library/react';
import { Profiler, StrictMode } from 'react';
import type * as React from 'react';
import { describe, expect, it, vi } from 'vitest';
import { mfaQueryKeys, syncQueryOptions } from './queryKeys';
import {
  BASE_URL,
  createTestQueryClient,
  elapse,
  hangingFetch,
  providerWrapper,
  settle,
  startSandbox,
  until,
  setupSandboxServer,
} from './sandbox.testkit';
import type { MfaEventMeta, MfaEventName } from './types';
import { useCountdown } from './useCountdown';
import { useMfaChallenge } from './useMfaChallenge';

setupSandboxServer();

describe('useMfaChallenge: React platform', () => {
  it('posts once under StrictMode with autoStart', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa');
    const { result } = renderHook(() => useMfaChallenge(id, { baseUrl: BASE_URL, autoStart: true }), { wrapper: StrictMode });
    await until(() => result.current.step.type === 'done');
    expect(sb.posts()).toHaveLength(1);
  });

  it('does not re-render the parent of a running countdown (only the countdown ticks)', async () => {
    const sb = startSandbox({ pinWindowMs: 120_000 });
    const id = sb.create('realtime_pin');
    const commits = { parent: 0, countdown: 0 };
    function Countdown({ deadline, clock }: { deadline: number | null; clock: ServerClock }) {
      const countdown = useCountdown(deadline, { clock });
      return <p data-testid="countdown">{countdown.formatted}</p>;
    }
    function Static({ label }: { label: string }) {
      return <h2>{label}</h2>;
    }
    let api: ReturnType<typeof useMfaChallenge> | null = null;
    function Flow() {
      const mfa = useMfaChallenge(id, { baseUrl: BASE_URL, autoStart: true });
      api = mfa;
      return (
        <>
          <Profiler id="parent" onRender={() => (commits.parent += 1)}>
            <Static label={mfa.step.type} />
          </Profiler>
          <Profiler id="countdown" onRender={() => (commits.countdown += 1)}>
            <Countdown deadline={mfa.deadline} clock={mfa.clock} />
          </Profiler>
        </>
      );
    }
    render(<Flow />);
    await until(() => api?.step.type === 'answer');
    act(() => api!.setAnswer(api!.challenges[0]!.id, 0));
    await act(async () => {
      await api!.submit();
    });
    await until(() => api?.deadline !== null);
    await elapse(2000);
    const parentAfterMount = commits.parent;
    const countdownBefore = commits.countdown;
    const shown = screen.getByTestId('countdown').textContent;
    await elapse(10_000, 500);
    expect(commits.parent).toBe(parentAfterMount);
    expect(commits.countdown - countdownBefore).toBeGreaterThanOrEqual(9);
    expect(screen.getByTestId('countdown').textContent).not.toBe(shown);
  });

  it('leaves no timer after unmount and aborts the POST in flight', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa');
    const hanging = hangingFetch();
    const { unmount, result } = renderHook(() => useMfaChallenge(id, { baseUrl: BASE_URL, autoStart: true, fetch: hanging.fetch }));
    await settle();
    expect(result.current.isStarting).toBe(true);
    expect(hanging.signals).toHaveLength(1);
    expect(vi.getTimerCount()).toBeGreaterThan(0); // the client's request timeout
    unmount();
    await settle();
    expect(hanging.signals[0]!.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves no timer after unmount and aborts the read in flight (inside a provider)', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa');
    const hanging = hangingFetch();
    const { unmount } = renderHook(() => useMfaChallenge(id, { baseUrl: BASE_URL, fetch: hanging.fetch }), {
      wrapper: providerWrapper(),
    });
    await settle();
    expect(hanging.signals).toHaveLength(1);
    unmount();
    await settle();
    expect(hanging.signals[0]!.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves no timer after unmount while polling', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa', { timing: { authenticatingMs: 60_000 } });
    const { unmount, result } = renderHook(() => useMfaChallenge(id, { baseUrl: BASE_URL, autoStart: true }));
    await until(() => result.current.step.type === 'wait');
    await elapse(3000);
    unmount();
    await settle();
    expect(vi.getTimerCount()).toBe(0);
    const reads = sb.gets().length;
    await elapse(10_000);
    expect(sb.gets()).toHaveLength(reads);
  });
});

describe('useMfaChallenge: QueryClient', () => {
  it('uses the provider\'s QueryClient, so partners share the cache through mfaQueryKeys', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa');
    const client = createTestQueryClient();
    const { result } = renderHook(() => useMfaChallenge(id, { baseUrl: BASE_URL, autoStart: true }), { wrapper: providerWrapper(client) });
    await until(() => result.current.step.type === 'done');
    expect(client.getQueryData(mfaQueryKeys.sync(id))).toMatchObject({ status: 'good' });
  });

  it('prefers options.queryClient over a provider', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa');
    const outer = createTestQueryClient();
    const own = createTestQueryClient();
    const { result } = renderHook(() => useMfaChallenge(id, { baseUrl: BASE_URL, autoStart: true, queryClient: own }), {
      wrapper: providerWrapper(outer),
    });
    await until(() => result.current.step.type === 'done');
    expect(own.getQueryData(mfaQueryKeys.sync(id))).toMatchObject({ status: 'good' });
    expect(outer.getQueryData(mfaQueryKeys.sync(id))).toBeUndefined();
  });

  it('keeps one identity for its actions, which act on the latest connection id', async () => {
    const sb = startSandbox();
    const first = sb.create('no_mfa');
    const second = sb.create('no_mfa');
    const { result, rerender } = renderHook(({ id }) => useMfaChallenge(id, { baseUrl: BASE_URL }), {
      initialProps: { id: first },
    });
    const actions = (({ setAnswer, submit, start, restart, submitCredentials, refresh }) => ({
      setAnswer,
      submit,
      start,
      restart,
      submitCredentials,
      refresh,
    }))(result.current);
    rerender({ id: second });
    for (const [name, action] of Object.entries(actions)) {
      expect(result.current[name as keyof typeof actions], name).toBe(action);
    }
    act(() => actions.start());
    await until(() => result.current.step.type === 'done');
    expect(sb.posts().map((p) => p.path)).toEqual([`/connections/${second}/sync`]);
  });

  it('lets another component read the same sync with syncQueryOptions', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa');
    const client = createTestQueryClient();
    const transport = createSyncClient({ baseUrl: BASE_URL });
    function Banner() {
      const { data } = useQuery({ ...syncQueryOptions(transport, id), enabled: false });
      return <p data-testid="banner">{data?.status ?? 'none'}</p>;
    }
    function Flow() {
      const mfa = useMfaChallenge(id, { client: transport, autoStart: true });
      return <p data-testid="flow">{mfa.step.type}</p>;
    }
    render(
      <QueryClientProvider client={client}>
        <Flow />
        <Banner />
      </QueryClientProvider>,
    );
    await until(() => screen.getByTestId('flow').textContent === 'done');
    // react-query tells other observers of a cache change on its next tick, not in the flow's
    // own render: wait for the banner too (it never reads by itself: `enabled: false`).
    await until(() => screen.getByTestId('banner').textContent !== 'none');
    expect(screen.getByTestId('banner').textContent).toBe('good');
  });
});

describe('useMfaChallenge: privacy', () => {
  it('never puts a PIN in an event, an error or a log', async () => {
    const sb = startSandbox();
    const id = sb.create('realtime_pin');
    const seen: unknown[] = [];
    const logs = [vi.spyOn(console, 'error'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'log'), vi.spyOn(console, 'info')];
    const { result } = renderHook(() =>
      useMfaChallenge(id, {
        baseUrl: BASE_URL,
        autoStart: true,
        onEvent: (name: MfaEventName, meta: MfaEventMeta) => seen.push({ name, meta }),
        onError: (error) => seen.push({ message: error.message, stack: error.stack, cause: String(error.cause), kind: error.kind }),
        onStepChange: (step) => seen.push({ step: step.type }),
      }),
    );
    await until(() => result.current.step.type === 'answer');
    act(() => result.current.setAnswer(result.current.challenges[0]!.id, 1));
    await act(async () => {
      await result.current.submit();
    });
    await until(() => result.current.challenges[0]?.kind === 'text');
    const pin = sb.engine.outbox(id).at(-1)!.pin;
    const pinChallenge = result.current.challenges[0]!;
    // A failed POST (its error is reported) and a wrong PIN (refused by the server), then the right one.
    sb.engine.setFaults({ status500: { times: 1 } });
    act(() => result.current.setAnswer(pinChallenge.id, pin));
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.error).not.toBeNull();
    seen.push({ error: result.current.error?.message });
    await act(async () => {
      await result.current.submit();
    });
    await until(() => result.current.step.type === 'done');
    const everything = JSON.stringify([seen, logs.map((spy) => spy.mock.calls)]);
    expect(everything).toContain('answer_submitted');
    expect(everything).not.toMatch(new RegExp(`(^|\\D)${pin}(\\D|$)`));
  });
});
