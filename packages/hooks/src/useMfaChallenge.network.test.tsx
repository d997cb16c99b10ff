import { defaultPollPolicy, type AnswerValue } from '@mfa-kit/core';
import { act, renderHook } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BASE_URL, elapse, startSandbox, until, setupSandboxServer } from './sandbox.testkit';
import type { MfaEventMeta, MfaEventName, UseMfaChallengeOptions } from './types';
import { useMfaChallenge } from './useMfaChallenge';

setupSandboxServer();

function mount(connectionId: number, options: UseMfaChallengeOptions = {}) {
  const events: [MfaEventName, MfaEventMeta][] = [];
  const onError = vi.fn();
  const hook = renderHook(() =>
    useMfaChallenge(connectionId, {
      baseUrl: BASE_URL,
      autoStart: true,
      onEvent: (name, meta) => events.push([name, meta]),
      onError,
      ...options,
    }),
  );
  return { ...hook, events, names: () => events.map(([n]) => n), onError };
}
type Hook = ReturnType<typeof mount>['result'];

async function answerWith(result: Hook, values: Record<number, AnswerValue>) {
  act(() => {
    for (const [id, value] of Object.entries(values)) result.current.setAnswer(Number(id), value);
  });
  await act(async () => {
    await result.current.submit();
  });
}
const pending = (result: Hook) => result.current.challenges.find((c) => c.shouldAnswer)!;

let visibility: DocumentVisibilityState = 'visible';
afterEach(() => {
  visibility = 'visible';
});
function setVisibility(state: DocumentVisibilityState) {
  visibility = state;
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

describe('useMfaChallenge: polling through faults', () => {
  it('honours Retry-After on a 429: no read before it, then carries on', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa');
    const { result, names } = mount(id);
    await until(() => result.current.step.type === 'wait');
    sb.engine.setFaults({ status429: { times: 1, retryAfterSeconds: 7 } });
    await until(() => result.current.connectivity === 'retrying');
    const limited = sb.gets().at(-1)!;
    await until(() => result.current.step.type === 'done');
    const next = sb.gets()[sb.gets().indexOf(limited) + 1]!;
    expect(next.at - limited.at).toBeGreaterThanOrEqual(7000);
    expect(next.at - limited.at).toBeLessThan(7500);
    expect(names()).toContain('retrying');
    expect(result.current.connectivity).toBe('online');
    expect(result.current.error).toBeNull();
  });

  it.each([
    ['a 500', { status500: { times: 2 } }, 'server'],
    ['an HTML 502', { status502: { times: 2 } }, 'server'],
    ['malformed JSON', { malformedJson: { times: 2 } }, 'invalid_response'],
  ] as const)('retries %s with exponential backoff and recovers', async (_label, faults, kind) => {
    const sb = startSandbox();
    const id = sb.create('no_mfa', { timing: { authenticatingMs: 10_000 } });
    const { result, events, onError } = mount(id, { pollPolicy: { jitter: 0 } });
    await until(() => result.current.step.type === 'wait');
    sb.engine.setFaults(faults);
    await until(() => result.current.connectivity === 'retrying');
    await until(() => result.current.step.type === 'done');
    const retries = events.filter(([n]) => n === 'retrying').map(([, m]) => m);
    expect(retries.map((m) => m.attempt)).toEqual([1, 2]);
    expect(retries.every((m) => m.errorKind === kind)).toBe(true);
    // Without jitter: POST, a read 2 s later fails, retried after 1 s, then 2 s, then every 2 s.
    const gaps = sb.requests.map((r, i, all) => (i === 0 ? 0 : r.at - all[i - 1]!.at));
    expect(gaps.join(',')).toMatch(/^0,2000,1000,2000,2000,/);
    expect(onError).not.toHaveBeenCalled();
    expect(result.current.connectivity).toBe('online');
  });

  it('goes offline when retries run out, reports once, and comes back by itself', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa', { timing: { authenticatingMs: 60_000 } });
    const { result, names, onError } = mount(id, { maxRetries: 2 });
    await until(() => result.current.step.type === 'wait');
    sb.engine.setFaults({ drop: {} });
    await until(() => result.current.connectivity === 'retrying');
    await until(() => result.current.connectivity === 'offline');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ name: 'MfaError', kind: 'network' });
    expect(result.current.error?.kind).toBe('network');
    expect(names()).toContain('offline');
    // Typed state survives; the step is still the last one read.
    expect(result.current.step.type).toBe('wait');
    await elapse(60_000, 1000);
    expect(onError).toHaveBeenCalledTimes(1);
    sb.engine.setFaults({});
    await until(() => result.current.connectivity === 'online', { step: 500 });
    expect(result.current.error).toBeNull();
    expect(names()).toContain('online');
    await until(() => result.current.step.type === 'done');
  });

  it('pauses while the browser is offline and reads at once when it is back', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa', { timing: { authenticatingMs: 60_000 } });
    const { result, names } = mount(id);
    await until(() => result.current.step.type === 'wait');
    act(() => {
      window.dispatchEvent(new Event('offline'));
    });
    expect(result.current.connectivity).toBe('offline');
    const reads = sb.gets().length;
    await elapse(20_000);
    expect(sb.gets()).toHaveLength(reads);
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await until(() => sb.gets().length > reads, { step: 10, within: 50 });
    expect(result.current.connectivity).toBe('online');
    expect(names()).toEqual(expect.arrayContaining(['offline', 'online']));
  });

  it('pauses in a hidden tab and reads at once when it is visible again', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa', { timing: { authenticatingMs: 60_000 } });
    const { result } = mount(id);
    await until(() => result.current.step.type === 'wait');
    setVisibility('hidden');
    const reads = sb.gets().length;
    await elapse(30_000);
    expect(sb.gets()).toHaveLength(reads);
    setVisibility('visible');
    await until(() => sb.gets().length > reads, { step: 10, within: 50 });
  });

  it('on a 401 calls onUnauthorized and retries once', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa');
    const onUnauthorized = vi.fn(async () => {});
    sb.server.use(http.get(`${BASE_URL}/connections/:id/sync`, () => HttpResponse.json({ id: 'unauthorized', message: 'no session' }, { status: 401 }), { once: true }));
    const { result, names, onError } = mount(id, { onUnauthorized, autoStart: false });
    await until(() => result.current.sync !== null);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(names()).toContain('unauthorized');
    expect(onError).not.toHaveBeenCalled();
    expect(sb.gets()).toHaveLength(2);
  });

  it('stops on a second 401 and reports it', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa');
    const onUnauthorized = vi.fn();
    sb.server.use(http.get(`${BASE_URL}/connections/:id/sync`, () => HttpResponse.json({ id: 'unauthorized', message: 'no' }, { status: 401 })));
    const { result, onError } = mount(id, { onUnauthorized, autoStart: false });
    await until(() => result.current.error !== null);
    expect(result.current.error?.kind).toBe('unauthorized');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledTimes(1);
    await elapse(30_000);
    expect(sb.gets()).toHaveLength(2);
  });
});

describe('useMfaChallenge: answers', () => {
  it('a failed POST keeps what the user typed, and a retry succeeds', async () => {
    const sb = startSandbox();
    const id = sb.create('question');
    const { result, names } = mount(id);
    await until(() => result.current.step.type === 'answer');
    const challenge = pending(result);
    sb.engine.setFaults({ status500: { times: 1 } });
    await answerWith(result, { [challenge.id]: 'Periscope' });
    expect(result.current.error?.kind).toBe('server');
    expect(result.current.answers[challenge.id]).toBe('Periscope');
    expect(result.current.isSubmitting).toBe(false);
    expect(names()).toContain('answer_failed');
    await act(async () => {
      await result.current.submit();
    });
    expect(result.current.error).toBeNull();
    await until(() => result.current.step.type === 'done');
  });

  it('a second submit while one is in flight sends nothing', async () => {
    const sb = startSandbox();
    const id = sb.create('choices');
    const { result } = mount(id);
    await until(() => result.current.step.type === 'answer');
    sb.engine.setFaults({ latency: { ms: 2000, times: 1 } });
    act(() => result.current.setAnswer(pending(result).id, 1));
    const before = sb.posts().length;
    act(() => {
      void result.current.submit();
      void result.current.submit();
    });
    expect(result.current.isSubmitting).toBe(true);
    await act(async () => {
      await result.current.submit();
    });
    await until(() => !result.current.isSubmitting);
    expect(sb.posts()).toHaveLength(before + 1);
    await until(() => result.current.step.type === 'done');
  });

  it('refuses locally with reasons, and clears a reason when its answer changes', async () => {
    const sb = startSandbox();
    const id = sb.create('multi');
    const { result, events } = mount(id);
    await until(() => result.current.step.type === 'answer');
    const [pet, city] = result.current.challenges;
    const before = sb.posts().length;
    await answerWith(result, { [pet!.id]: '   ' });
    expect(result.current.refusals).toEqual({ [pet!.id]: 'empty', [city!.id]: 'missing' });
    expect(sb.posts()).toHaveLength(before);
    expect(events.find(([n]) => n === 'answer_refused')?.[1]).toMatchObject({ challengeIds: [pet!.id, city!.id] });
    act(() => result.current.setAnswer(city!.id, 'Springfield'));
    expect(result.current.refusals).toEqual({ [pet!.id]: 'empty' });
  });

  it('no refetch clears a field the user is typing in', async () => {
    const sb = startSandbox();
    const id = sb.create('multi');
    const { result } = mount(id);
    await until(() => result.current.step.type === 'answer');
    const [pet] = result.current.challenges;
    act(() => result.current.setAnswer(pet!.id, 'Re'));
    const reads = sb.gets().length;
    act(() => result.current.refresh());
    await until(() => sb.gets().length > reads);
    await elapse(2000);
    expect(result.current.answers).toEqual({ [pet!.id]: 'Re' });
  });

  it('resumes fast polling after a good POST', async () => {
    const sb = startSandbox();
    const id = sb.create('choices');
    const { result } = mount(id);
    await until(() => result.current.step.type === 'answer');
    const posted = sb.posts().length;
    await answerWith(result, { [pending(result).id]: 1 });
    const answeredAt = sb.posts()[posted]!.at;
    await until(() => result.current.step.type === 'done');
    const after = sb.gets().filter((r) => r.at > answeredAt);
    // The first read comes at the fast delay (plus at most its jitter), and reads go on to done.
    expect(after[0]!.at - answeredAt).toBeLessThanOrEqual(defaultPollPolicy.fastMs * (1 + defaultPollPolicy.jitter));
    expect(after.length).toBeGreaterThanOrEqual(2);
  });
});
