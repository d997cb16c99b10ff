import type { ServerClock } from '@mfa-kit/core';
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { BASE_URL, elapse, startSandbox, until, setupSandboxServer } from './sandbox.testkit';
import type { MfaEventMeta, MfaEventName, UseMfaChallengeOptions } from './types';
import { useCountdown } from './useCountdown';
import { useMfaChallenge } from './useMfaChallenge';

setupSandboxServer();

function mount(connectionId: number, options: UseMfaChallengeOptions = {}) {
  const events: [MfaEventName, MfaEventMeta][] = [];
  const onExpire = vi.fn();
  const hook = renderHook(() => {
    const mfa = useMfaChallenge(connectionId, {
      baseUrl: BASE_URL,
      autoStart: true,
      onEvent: (name, meta) => events.push([name, meta]),
      onExpire,
      ...options,
    });
    const countdown = useCountdown(mfa.deadline, { clock: mfa.clock });
    return { ...mfa, countdown };
  });
  return { ...hook, events, names: () => events.map(([n]) => n), onExpire };
}
type Hook = ReturnType<typeof mount>['result'];

const pending = (result: Hook) => {
  const challenge = result.current.challenges.find((c) => c.shouldAnswer);
  if (!challenge) throw new Error('no challenge');
  return challenge;
};

async function chooseDestination(result: Hook, key: number) {
  await until(() => result.current.step.type === 'answer');
  const destination = pending(result);
  act(() => result.current.setAnswer(destination.id, key));
  await act(async () => {
    await result.current.submit();
  });
  await until(() => result.current.step.type === 'answer' && pending(result).kind === 'text');
}

describe('useMfaChallenge: realtime deadlines', () => {
  it('does not poll while the user answers, expires at the deadline, confirms once, then restarts with a one-step re-send', async () => {
    const sb = startSandbox({ pinWindowMs: 30_000 });
    const id = sb.create('realtime_pin');
    const { result, names, onExpire, events } = mount(id, { autoResend: true });
    await chooseDestination(result, 3);
    const firstPin = pending(result);

    // Answering: no polling at all.
    const readsWhileAnswering = sb.gets().length;
    await elapse(25_000);
    expect(sb.gets()).toHaveLength(readsWhileAnswering);
    expect(result.current.step.type).toBe('answer');

    // The hook's own timeout flips the step at the deadline, before the server is asked.
    await until(() => result.current.step.type === 'expired', { step: 50 });
    expect(onExpire).toHaveBeenCalledTimes(1);
    expect(onExpire.mock.calls[0]?.[0]).toEqual([expect.objectContaining({ id: firstPin.id })]);
    expect(result.current.countdown.status).toBe('expired');

    // An answer typed now is refused here, with a reason, and nothing is sent.
    const postsBefore = sb.posts().length;
    act(() => result.current.setAnswer(firstPin.id, '123456'));
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.refusals).toEqual({ [firstPin.id]: 'expired' });
    expect(sb.posts()).toHaveLength(postsBefore);
    expect(events.find(([n]) => n === 'answer_refused')?.[1].reasons).toEqual({ [firstPin.id]: 'expired' });

    // One confirming read: the server now says resync.
    await until(() => result.current.step.type === 'restart');
    expect(sb.gets()).toHaveLength(readsWhileAnswering + 1);
    expect(onExpire).toHaveBeenCalledTimes(1);
    await elapse(20_000);
    expect(sb.gets()).toHaveLength(readsWhileAnswering + 1);

    // Restart: stage one offers the same destination again and the hook answers it by itself.
    act(() => result.current.restart());
    await until(() => result.current.step.type === 'answer' && pending(result).kind === 'text' && pending(result).id !== firstPin.id);
    expect(names()).toContain('resend_auto');
    const resend = sb.posts().at(-1);
    expect(JSON.parse(resend?.body ?? '{}')).toMatchObject({ answers: [{ answer: 3 }] });
    expect(result.current.answers[firstPin.id]).toBeUndefined();
    expect(result.current.refusals).toEqual({});

    const pin = sb.engine.outbox(id).at(-1)?.pin ?? '';
    expect(sb.engine.outbox(id).at(-1)?.to).toBe('xxx-xxx-5309');
    act(() => result.current.setAnswer(pending(result).id, pin));
    await act(async () => {
      await result.current.submit();
    });
    await until(() => result.current.step.type === 'done');
  });

  it('without autoResend, stage one waits for the user after a restart', async () => {
    const sb = startSandbox({ pinWindowMs: 10_000 });
    const id = sb.create('realtime_pin');
    const { result, names } = mount(id);
    await chooseDestination(result, 0);
    await until(() => result.current.step.type === 'restart');
    act(() => result.current.restart());
    await until(() => result.current.step.type === 'answer');
    await elapse(5_000);
    expect(pending(result).kind).toBe('choice');
    expect(names()).not.toContain('resend_auto');
  });

  it('reports the server\'s resync as an expiry when the local timer did not fire first', async () => {
    const sb = startSandbox({ captchaWindowMs: 20_000 });
    const id = sb.create('captcha');
    // A clock estimate that believes the server is 10 s behind: the server expires first.
    const behind: ServerClock = {
      observe: () => {},
      offsetMs: -10_000,
      errorMs: 500,
      now: (local = Date.now()) => local - 10_000,
      subscribe: () => () => {},
    };
    const { result, onExpire } = mount(id, { clock: behind });
    await until(() => result.current.step.type === 'answer');
    const captcha = pending(result);
    const answer = sb.engine.captcha(id)?.answer ?? '';
    await elapse(21_000);
    expect(result.current.step.type).toBe('answer');
    // The server refuses with 409 challenge_expired; the hook says why and reads the resync.
    act(() => result.current.setAnswer(captcha.id, answer));
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.refusals).toEqual({ [captcha.id]: 'expired' });
    expect(result.current.error?.kind).toBe('challenge_expired');
    await until(() => result.current.step.type === 'restart' || result.current.step.type === 'expired');
    await until(() => result.current.step.type === 'restart');
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it.each([300, -300])('counts down correctly with a server clock skewed by %i s', async (skewSeconds) => {
    const sb = startSandbox({ pinWindowMs: 120_000 });
    sb.engine.setFaults({ clockSkew: { seconds: skewSeconds } });
    const id = sb.create('realtime_pin');
    const { result } = mount(id);
    await chooseDestination(result, 1);
    const step = result.current.step;
    if (step.type !== 'answer' || step.deadline === null) throw new Error('no deadline');
    // The wire deadline is 5 minutes away from the browser's clock...
    expect(Math.abs(step.deadline - Date.now() - skewSeconds * 1000)).toBeLessThan(121_000);
    // ...but the countdown shows what the server has left: within 0.5 s (the Date header's
    // resolution) plus the up-to-1 s since the countdown's last whole-second tick.
    const serverLeft = () => step.deadline! - sb.engine.serverNow(id);
    expect(Math.abs(result.current.countdown.timeLeftMs - serverLeft())).toBeLessThan(1500);
    expect(serverLeft()).toBeGreaterThan(110_000);
    expect(Math.abs(result.current.clock.offsetMs - skewSeconds * 1000)).toBeLessThanOrEqual(1000);
    await elapse(60_000, 1000);
    expect(Math.abs(result.current.countdown.timeLeftMs - serverLeft())).toBeLessThan(1500);
    expect(result.current.step.type).toBe('answer');
  });
});
