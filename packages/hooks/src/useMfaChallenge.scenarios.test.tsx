import type { AnswerValue } from '@mfa-kit/core';
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { BASE_URL, elapse, starKey, startSandbox, until, setupSandboxServer } from './sandbox.testkit';
import type { MfaEventMeta, MfaEventName, UseMfaChallengeOptions } from './types';
import { useMfaChallenge } from './useMfaChallenge';

setupSandboxServer();

function mount(connectionId: number, options: UseMfaChallengeOptions = {}) {
  const events: [MfaEventName, MfaEventMeta][] = [];
  const onComplete = vi.fn();
  const hook = renderHook(() =>
    useMfaChallenge(connectionId, {
      baseUrl: BASE_URL,
      autoStart: true,
      onEvent: (name, meta) => events.push([name, meta]),
      onComplete,
      ...options,
    }),
  );
  const names = () => events.map(([name]) => name);
  return { ...hook, events, names, onComplete };
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

const onlyChallenge = (result: Hook) => {
  const challenge = result.current.challenges.find((c) => c.shouldAnswer);
  if (!challenge) throw new Error('no challenge');
  return challenge;
};

describe('useMfaChallenge: every sandbox scenario from start to good', () => {
  it('no_mfa: starts, polls while syncing and completes', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa');
    const { result, names, onComplete } = mount(id);
    await until(() => result.current.step.type === 'wait');
    expect(result.current.step).toMatchObject({ type: 'wait', progress: { state: expect.any(String) } });
    await until(() => result.current.step.type === 'done');
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(onComplete.mock.calls[0]?.[0]).toMatchObject({ status: 'good' });
    expect(names()).toEqual(expect.arrayContaining(['sync_started', 'step_changed', 'sync_completed']));
    expect(sb.posts()).toHaveLength(1);
  });

  it('question: a wrong answer brings a new question, whose answer completes', async () => {
    const sb = startSandbox();
    const id = sb.create('question');
    const { result, names } = mount(id);
    await until(() => result.current.step.type === 'answer');
    const first = onlyChallenge(result);
    expect(first).toMatchObject({ kind: 'text', prompt: expect.stringContaining('Not Hotdog') });
    await answerWith(result, { [first.id]: 'Pied Piper' });
    await until(() => result.current.step.type === 'answer' && onlyChallenge(result).id !== first.id);
    // The answer to the challenge that disappeared is gone; nothing else was typed.
    expect(result.current.answers).toEqual({});
    const second = onlyChallenge(result);
    expect(second.prompt).toContain('first pet');
    await answerWith(result, { [second.id]: '  Rex ' });
    await until(() => result.current.step.type === 'done');
    expect(names()).toEqual(expect.arrayContaining(['challenge_shown', 'answer_submitted', 'answer_accepted']));
    expect(JSON.parse(sb.posts().at(-1)?.body ?? '{}')).toEqual({ answers: [{ challenge_id: second.id, answer: 'Rex' }] });
  });

  it('choices: answers with the choice key', async () => {
    const sb = startSandbox();
    const id = sb.create('choices');
    const { result } = mount(id);
    await until(() => result.current.step.type === 'answer');
    const challenge = onlyChallenge(result);
    expect(challenge.kind).toBe('choice');
    await answerWith(result, { [challenge.id]: 1 });
    await until(() => result.current.step.type === 'done');
  });

  it('realtime_pin: destination, then the PIN before its deadline', async () => {
    const sb = startSandbox();
    const id = sb.create('realtime_pin');
    const { result } = mount(id);
    await until(() => result.current.step.type === 'answer');
    const destination = onlyChallenge(result);
    expect(destination).toMatchObject({ kind: 'choice', deadline: null, wireType: 'question' });
    await answerWith(result, { [destination.id]: 1 });
    await until(() => result.current.step.type === 'answer' && onlyChallenge(result).kind === 'text');
    const step = result.current.step;
    expect(step.type === 'answer' && step.deadline).toBeGreaterThan(Date.now());
    const pin = sb.engine.outbox(id).at(-1)?.pin ?? '';
    expect(pin).toMatch(/^\d{6}$/);
    await answerWith(result, { [onlyChallenge(result).id]: pin });
    await until(() => result.current.step.type === 'done');
  });

  it('captcha: types the characters before the deadline', async () => {
    const sb = startSandbox();
    const id = sb.create('captcha');
    const { result } = mount(id);
    await until(() => result.current.step.type === 'answer');
    const challenge = onlyChallenge(result);
    expect(challenge.kind).toBe('captcha');
    await answerWith(result, { [challenge.id]: sb.engine.captcha(id)?.answer ?? '' });
    await until(() => result.current.step.type === 'done');
  });

  it('image_choices: picks the star', async () => {
    const sb = startSandbox();
    const id = sb.create('image_choices');
    const { result } = mount(id);
    await until(() => result.current.step.type === 'answer');
    const challenge = onlyChallenge(result);
    expect(challenge.kind).toBe('imageChoice');
    await answerWith(result, { [challenge.id]: starKey(result.current.sync) });
    await until(() => result.current.step.type === 'done');
  });

  it('multi: answers both questions in one POST and never the read-only notice', async () => {
    const sb = startSandbox();
    const id = sb.create('multi');
    const { result } = mount(id);
    await until(() => result.current.step.type === 'answer');
    const [pet, city, notice] = result.current.challenges;
    expect(notice?.shouldAnswer).toBe(false);
    await answerWith(result, { [pet!.id]: 'Rex', [city!.id]: 'Springfield' });
    await until(() => result.current.step.type === 'done');
    const body = JSON.parse(sb.posts().at(-1)?.body ?? '{}') as { answers: unknown[] };
    expect(body.answers).toEqual([
      { challenge_id: pet!.id, answer: 'Rex' },
      { challenge_id: city!.id, answer: 'Springfield' },
    ]);
  });

  it('incorrect_credentials: new credentials restart the sync to good', async () => {
    const sb = startSandbox();
    const id = sb.create('incorrect_credentials');
    const { result, names } = mount(id);
    await until(() => result.current.step.type === 'credentials');
    expect(names()).toContain('sync_failed');
    act(() => result.current.submitCredentials({ username: 'ada', passcode: 'correct' }));
    await until(() => result.current.step.type === 'done');
    expect(names()).toContain('credentials_submitted');
    expect(JSON.parse(sb.posts().at(-1)?.body ?? '{}')).toEqual({ username: 'ada', passcode: 'correct' });
  });

  it('user_config: shows the instructions, then restart() completes', async () => {
    const sb = startSandbox();
    const id = sb.create('user_config');
    const { result, names } = mount(id);
    await until(() => result.current.step.type === 'config');
    expect(result.current.step).toMatchObject({ type: 'config', instructions: expect.stringContaining('accept the new terms') });
    act(() => result.current.restart());
    await until(() => result.current.step.type === 'done');
    expect(names()).toContain('sync_restarted');
  });

  it('maintenance: fails without user action and stops polling', async () => {
    const sb = startSandbox();
    const id = sb.create('maintenance');
    const { result, names } = mount(id);
    await until(() => result.current.step.type === 'failed');
    expect(result.current.step).toEqual({ type: 'failed', status: 'maintenance' });
    expect(names()).toContain('sync_failed');
    const reads = sb.gets().length;
    await elapse(60_000);
    expect(sb.gets()).toHaveLength(reads);
  });

  it('start(): without autoStart it only reads, then starts on demand', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa');
    const { result, names } = mount(id, { autoStart: false });
    expect(result.current.step.type).toBe('idle');
    await until(() => result.current.sync !== null);
    expect(sb.posts()).toHaveLength(0);
    // The sandbox reads an unstarted connection as the unknown status `never_synced`.
    expect(result.current.step).toEqual({ type: 'failed', status: 'never_synced' });
    act(() => result.current.start());
    expect(result.current.isStarting).toBe(true);
    await until(() => result.current.step.type === 'done');
    expect(sb.posts()).toHaveLength(1);
    expect(names()).toContain('sync_started');
  });
});
