import { describe, expect, it, vi } from 'vitest';
import type { AnswerValue } from './model';
import type { MfaSession } from './session';
import { elapse, onlyChallenge, open, setupSandboxServer, starKey, startSandbox, until } from './session.testkit';

setupSandboxServer();

async function answerWith(session: MfaSession, values: Record<number, AnswerValue>) {
  for (const [id, value] of Object.entries(values)) session.setAnswer(Number(id), value);
  await session.submit();
}

describe('createMfaSession: every sandbox scenario from start to good, in Node', () => {
  it('no_mfa: starts, polls while syncing and completes', async () => {
    const sb = startSandbox();
    const onComplete = vi.fn();
    const { snap, names } = open(sb.create('no_mfa'), { onComplete });
    await until(() => snap().step.type === 'wait');
    expect(snap().step).toMatchObject({ type: 'wait', progress: { state: expect.any(String) } });
    await until(() => snap().step.type === 'done');
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(onComplete.mock.calls[0]?.[0]).toMatchObject({ status: 'good' });
    expect(names()).toEqual(expect.arrayContaining(['sync_started', 'step_changed', 'sync_completed']));
    expect(sb.posts()).toHaveLength(1);
  });

  it('question: a wrong answer brings a new question, whose answer completes', async () => {
    const sb = startSandbox();
    const { session, snap, names } = open(sb.create('question'));
    await until(() => snap().step.type === 'answer');
    const first = onlyChallenge(session);
    expect(first).toMatchObject({ kind: 'text', prompt: expect.stringContaining('Not Hotdog') });
    await answerWith(session, { [first.id]: 'Pied Piper' });
    await until(() => snap().step.type === 'answer' && onlyChallenge(session).id !== first.id);
    expect(snap().answers).toEqual({});
    const second = onlyChallenge(session);
    expect(second.prompt).toContain('first pet');
    await answerWith(session, { [second.id]: '  Rex ' });
    await until(() => snap().step.type === 'done');
    expect(names()).toEqual(expect.arrayContaining(['challenge_shown', 'answer_submitted', 'answer_accepted']));
    expect(JSON.parse(sb.posts().at(-1)?.body ?? '{}')).toEqual({ answers: [{ challenge_id: second.id, answer: 'Rex' }] });
  });

  it('choices: answers with the choice key', async () => {
    const sb = startSandbox();
    const { session, snap } = open(sb.create('choices'));
    await until(() => snap().step.type === 'answer');
    expect(onlyChallenge(session).kind).toBe('choice');
    await answerWith(session, { [onlyChallenge(session).id]: 1 });
    await until(() => snap().step.type === 'done');
  });

  it('realtime_pin: destination, then the PIN before its deadline', async () => {
    const sb = startSandbox();
    const id = sb.create('realtime_pin');
    const { session, snap } = open(id);
    await until(() => snap().step.type === 'answer');
    const destination = onlyChallenge(session);
    expect(destination).toMatchObject({ kind: 'choice', deadline: null, wireType: 'question' });
    await answerWith(session, { [destination.id]: 1 });
    await until(() => snap().step.type === 'answer' && onlyChallenge(session).kind === 'text');
    expect(snap().deadline).toBeGreaterThan(Date.now());
    const pin = sb.engine.outbox(id).at(-1)?.pin ?? '';
    expect(pin).toMatch(/^\d{6}$/);
    await answerWith(session, { [onlyChallenge(session).id]: pin });
    await until(() => snap().step.type === 'done');
    expect(sb.answerPosts()).toHaveLength(2);
  });

  it('captcha: types the characters before the deadline', async () => {
    const sb = startSandbox();
    const id = sb.create('captcha');
    const { session, snap } = open(id);
    await until(() => snap().step.type === 'answer');
    expect(onlyChallenge(session).kind).toBe('captcha');
    await answerWith(session, { [onlyChallenge(session).id]: sb.engine.captcha(id)?.answer ?? '' });
    await until(() => snap().step.type === 'done');
  });

  it('image_choices: picks the star', async () => {
    const sb = startSandbox();
    const { session, snap } = open(sb.create('image_choices'));
    await until(() => snap().step.type === 'answer');
    expect(onlyChallenge(session).kind).toBe('imageChoice');
    await answerWith(session, { [onlyChallenge(session).id]: starKey(snap().sync) });
    await until(() => snap().step.type === 'done');
  });

  it('multi: answers both questions in one POST and never the read-only notice', async () => {
    const sb = startSandbox();
    const { session, snap } = open(sb.create('multi'));
    await until(() => snap().step.type === 'answer');
    const [pet, city, notice] = snap().challenges;
    expect(notice?.shouldAnswer).toBe(false);
    await answerWith(session, { [pet!.id]: 'Rex', [city!.id]: 'Springfield' });
    await until(() => snap().step.type === 'done');
    expect(JSON.parse(sb.posts().at(-1)?.body ?? '{}')).toEqual({
      answers: [
        { challenge_id: pet!.id, answer: 'Rex' },
        { challenge_id: city!.id, answer: 'Springfield' },
      ],
    });
  });

  it('incorrect_credentials: new credentials restart the sync to good', async () => {
    const sb = startSandbox();
    const { session, snap, names } = open(sb.create('incorrect_credentials'));
    await until(() => snap().step.type === 'credentials');
    expect(names()).toContain('sync_failed');
    session.submitCredentials({ username: 'ada', passcode: 'correct' });
    await until(() => snap().step.type === 'done');
    expect(names()).toContain('credentials_submitted');
    expect(JSON.parse(sb.posts().at(-1)?.body ?? '{}')).toEqual({ username: 'ada', passcode: 'correct' });
  });

  it('user_config: shows the instructions, then restart() completes', async () => {
    const sb = startSandbox();
    const { session, snap, names } = open(sb.create('user_config'));
    await until(() => snap().step.type === 'config');
    expect(snap().step).toMatchObject({ type: 'config', instructions: expect.stringContaining('accept the new terms') });
    session.restart();
    await until(() => snap().step.type === 'done');
    expect(names()).toContain('sync_restarted');
  });

  it('maintenance: fails without user action and stops polling', async () => {
    const sb = startSandbox();
    const { snap, names } = open(sb.create('maintenance'));
    await until(() => snap().step.type === 'failed');
    expect(snap().step).toEqual({ type: 'failed', status: 'maintenance' });
    expect(names()).toContain('sync_failed');
    const reads = sb.gets().length;
    await elapse(60_000);
    expect(sb.gets()).toHaveLength(reads);
  });

  it('start(): without autoStart it only reads, then starts on demand', async () => {
    const sb = startSandbox();
    const { session, snap, names } = open(sb.create('no_mfa'), { autoStart: false });
    expect(snap().step.type).toBe('idle');
    await until(() => snap().sync !== null);
    expect(sb.posts()).toHaveLength(0);
    // The sandbox reads an unstarted connection as the unknown status `never_synced`.
    expect(snap().step).toEqual({ type: 'failed', status: 'never_synced' });
    session.start();
    expect(snap().isStarting).toBe(true);
    expect(snap().request).toBe('starting');
    await until(() => snap().step.type === 'done');
    expect(sb.posts()).toHaveLength(1);
    expect(names()).toContain('sync_started');
  });

  it("autoStart 'auto': reads first, starts a never-synced connection by itself", async () => {
    const sb = startSandbox();
    const { snap } = open(sb.create('no_mfa'), { autoStart: 'auto' });
    await until(() => snap().step.type === 'done');
    expect(sb.requests.map((r) => r.method).slice(0, 2)).toEqual(['GET', 'POST']);
    expect(sb.posts()).toHaveLength(1);
  });

  it("autoStart 'auto': follows a sync that is already running, without starting another", async () => {
    const sb = startSandbox();
    const id = sb.create('choices');
    sb.engine.postSync(id);
    const { snap } = open(id, { autoStart: 'auto' });
    await until(() => snap().step.type === 'answer');
    expect(sb.posts()).toHaveLength(0);
  });
});
