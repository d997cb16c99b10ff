import type { ServerClock } from '@mfa-kit/core';
import { act, render, renderHook, screen } from '@testing-library/react';
import { Profiler, StrictMode } from 'react';
import type * as React from 'react';
import { describe, expect, it, vi } from 'vitest';
import {
  BASE_URL,
  elapse,
  hangingFetch,
  settle,
  startSandbox,
  until,
  setupSandboxServer,
} from './sandbox.testkit';
import type { MfaEventMeta, MfaEventName } from '@mfa-kit/core';
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

  it('leaves no timer after unmount and aborts the read in flight', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa');
    const hanging = hangingFetch();
    const { unmount } = renderHook(() => useMfaChallenge(id, { baseUrl: BASE_URL, fetch: hanging.fetch }));
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

describe('useMfaChallenge: the adapter', () => {
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
    act(() => void result.current.submit());
    // The session reads the sync to learn the 500's outcome: not taken, so it may be sent again.
    await until(() => result.current.error !== null && result.current.canSubmit);
    seen.push({ error: result.current.error?.message });
    act(() => void result.current.submit());
    await until(() => result.current.step.type === 'done');
    const everything = JSON.stringify([seen, logs.map((spy) => spy.mock.calls)]);
    expect(everything).toContain('answer_submitted');
    expect(everything).not.toMatch(new RegExp(`(^|\\D)${pin}(\\D|$)`));
  });
});
