import { describe, expect, it, vi } from 'vitest';
import { createSyncClient, type SyncResult } from './client';
import type { ServerClock } from './clock';
import { MfaError } from './errors';
import type { MfaSession } from './session';
import type { SyncTransport } from './transport';
import { BASE_URL, elapse, onlyChallenge, open, settle, setupSandboxServer, startSandbox, until } from './session.testkit';

setupSandboxServer();

async function chooseDestination(session: MfaSession, key: number) {
  await until(() => session.getSnapshot().step.type === 'answer');
  session.setAnswer(onlyChallenge(session).id, key);
  await session.submit();
  await until(() => session.getSnapshot().step.type === 'answer' && onlyChallenge(session).kind === 'text');
}

describe('createMfaSession: realtime deadlines', () => {
  it('announces an expiry that a clock shared with another session revealed while this one was paused', async () => {
    const sb = startSandbox({ pinWindowMs: 120_000 });
    const id = sb.create('realtime_pin');
    const onExpire = vi.fn();
    const { session, snap, stop, names } = open(id, { onExpire });
    await chooseDestination(session, 0);
    stop();
    // Another session's response: the server's clock is 5 minutes ahead of what this one knew.
    const now = Date.now();
    session.clock.observe({ date: new Date(now + 300_000).toUTCString(), sentAt: now, receivedAt: now });
    const again = session.subscribe(() => {});
    expect(snap().step.type).toBe('expired');
    expect(onExpire).toHaveBeenCalledTimes(1);
    expect(names()).toContain('challenge_expired');
    again();
  });

  it('does not poll while the user answers, expires at the deadline, confirms once, then restarts with a one-step re-send', async () => {
    const sb = startSandbox({ pinWindowMs: 30_000 });
    const id = sb.create('realtime_pin');
    const onExpire = vi.fn();
    const { session, snap, names, events } = open(id, { autoResend: true, onExpire });
    await chooseDestination(session, 3);
    const firstPin = onlyChallenge(session);

    const readsWhileAnswering = sb.gets().length;
    await elapse(25_000);
    expect(sb.gets()).toHaveLength(readsWhileAnswering);
    expect(snap().step.type).toBe('answer');

    // The session's own timer flips the step at the deadline, before the server is asked.
    await until(() => snap().step.type === 'expired', { step: 50 });
    expect(onExpire).toHaveBeenCalledTimes(1);
    expect(onExpire.mock.calls[0]?.[0]).toEqual([expect.objectContaining({ id: firstPin.id })]);

    // An answer typed now is refused here, with a reason, and nothing is sent.
    const postsBefore = sb.posts().length;
    session.setAnswer(firstPin.id, '123456');
    await session.submit();
    expect(snap().refusals).toEqual({ [firstPin.id]: 'expired' });
    expect(sb.posts()).toHaveLength(postsBefore);
    expect(events.find(([n]) => n === 'answer_refused')?.[1].reasons).toEqual({ [firstPin.id]: 'expired' });

    // One confirming read: the server now says resync. It is the expiry already shown, not a
    // second step: the same step object, no step_changed, no second onExpire.
    const shown = snap().step;
    const stepChanges = names().filter((n) => n === 'step_changed').length;
    await until(() => snap().sync?.status === 'resync');
    expect(sb.gets()).toHaveLength(readsWhileAnswering + 1);
    expect(snap().step).toBe(shown);
    expect(names().filter((n) => n === 'step_changed')).toHaveLength(stepChanges);
    expect(onExpire).toHaveBeenCalledTimes(1);
    await elapse(20_000);
    expect(sb.gets()).toHaveLength(readsWhileAnswering + 1);

    // Restart: stage one offers the same destination again and the session answers it by itself.
    session.restart();
    await until(() => snap().step.type === 'answer' && onlyChallenge(session).kind === 'text' && onlyChallenge(session).id !== firstPin.id);
    expect(names()).toContain('resend_auto');
    expect(JSON.parse(sb.posts().at(-1)?.body ?? '{}')).toMatchObject({ answers: [{ answer: 3 }] });
    expect(snap().answers[firstPin.id]).toBeUndefined();
    expect(snap().refusals).toEqual({});
    expect(sb.engine.outbox(id).at(-1)?.to).toBe('xxx-xxx-5309');
    session.setAnswer(onlyChallenge(session).id, sb.engine.outbox(id).at(-1)?.pin ?? '');
    await session.submit();
    await until(() => snap().step.type === 'done');
  });

  it('without autoResend, stage one waits for the user after a restart', async () => {
    const sb = startSandbox({ pinWindowMs: 10_000 });
    const { session, snap, names } = open(sb.create('realtime_pin'));
    await chooseDestination(session, 0);
    await until(() => snap().sync?.status === 'resync');
    expect(snap().step.type).toBe('expired');
    session.restart();
    await until(() => snap().step.type === 'answer');
    await elapse(5_000);
    expect(onlyChallenge(session).kind).toBe('choice');
    expect(names()).not.toContain('resend_auto');
  });

  it("reports the server's resync as an expiry when the local timer did not fire first", async () => {
    const sb = startSandbox({ captchaWindowMs: 20_000 });
    const id = sb.create('captcha');
    // A clock estimate that believes the server is 10 s behind: the server expires first.
    const behind: ServerClock = { observe: () => {}, offsetMs: -10_000, errorMs: 500, now: (local = Date.now()) => local - 10_000, subscribe: () => () => {} };
    const onExpire = vi.fn();
    const { session, snap } = open(id, { clock: behind, onExpire });
    await until(() => snap().step.type === 'answer');
    const captcha = onlyChallenge(session);
    const answer = sb.engine.captcha(id)?.answer ?? '';
    await elapse(21_000);
    expect(snap().step.type).toBe('answer');
    session.setAnswer(captcha.id, answer);
    await session.submit();
    expect(snap().refusals).toEqual({ [captcha.id]: 'expired' });
    expect(snap().error?.kind).toBe('challenge_expired');
    await until(() => snap().step.type === 'restart');
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it.each([420, -420])('keeps the deadline in server time with a server clock skewed by %i s', async (skewSeconds) => {
    const sb = startSandbox({ pinWindowMs: 120_000 });
    sb.engine.setFaults({ clockSkew: { seconds: skewSeconds } });
    const id = sb.create('realtime_pin');
    const { session, snap } = open(id);
    await chooseDestination(session, 1);
    const deadline = snap().deadline!;
    // The wire deadline is 7 minutes away from the browser's clock...
    expect(Math.abs(deadline - Date.now() - skewSeconds * 1000)).toBeLessThan(121_000);
    // ...but what the session counts down is what the server has left, within the Date header's resolution.
    const serverLeft = () => deadline - sb.engine.serverNow(id);
    expect(Math.abs(deadline - session.clock.now() - serverLeft())).toBeLessThanOrEqual(1000);
    expect(serverLeft()).toBeGreaterThan(110_000);
    await elapse(60_000, 1000);
    expect(snap().step.type).toBe('answer');
    await elapse(61_000, 1000);
    expect(snap().step.type).not.toBe('answer');
  });
});

describe('createMfaSession: an answer in doubt', () => {
  it('a PIN the bank took, whose reply was lost, ends in done with exactly one PIN POST', async () => {
    const sb = startSandbox();
    const id = sb.create('realtime_pin');
    const { session, snap, names } = open(id);
    await chooseDestination(session, 1);
    sb.engine.setFaults({ lostReply: { times: 1 } }, id);
    session.setAnswer(onlyChallenge(session).id, sb.engine.outbox(id).at(-1)?.pin ?? '');
    const states: string[] = [];
    session.subscribe(() => {
      states.push(snap().request);
      // A click while the outcome is unknown sends nothing.
      if (snap().request === 'confirming') void session.submit();
    });
    let settled = false;
    void session.submit().then(() => (settled = true));
    await until(() => settled);
    expect(states).toContain('confirming');
    await until(() => snap().step.type === 'done');
    expect(sb.answerPosts()).toHaveLength(2); // the destination, then the PIN once
    expect(names()).toEqual(expect.arrayContaining(['answer_in_doubt', 'answer_accepted']));
    expect(names()).not.toContain('answer_failed');
    expect(snap().error).toBeNull();
  });

  it('a PIN whose reply came after the client gave up ends in done with exactly one PIN POST', async () => {
    const sb = startSandbox();
    const id = sb.create('realtime_pin');
    const { session, snap, names } = open(id, { timeoutMs: 15_000 });
    await chooseDestination(session, 1);
    sb.engine.setFaults({ latency: { ms: 20_000, times: 1 } }, id);
    session.setAnswer(onlyChallenge(session).id, sb.engine.outbox(id).at(-1)?.pin ?? '');
    void session.submit();
    await until(() => snap().step.type === 'done');
    expect(names()).toContain('answer_in_doubt');
    expect(sb.answerPosts()).toHaveLength(2);
  });

  it('an answer that never arrived is offered again with the typed value kept, and only then sent again', async () => {
    const sb = startSandbox();
    const id = sb.create('question');
    const { session, snap, names } = open(id);
    await until(() => snap().step.type === 'answer');
    const challenge = onlyChallenge(session);
    sb.engine.setFaults({ drop: { times: 1 } }, id);
    session.setAnswer(challenge.id, 'Periscope');
    void session.submit();
    await until(() => names().includes('answer_failed'));
    // The confirming read found the same question still pending: it never arrived.
    expect(snap().request).toBe('idle');
    expect(snap().error?.kind).toBe('network');
    expect(snap().answers[challenge.id]).toBe('Periscope');
    expect(snap().canSubmit).toBe(true);
    expect(names()).toEqual(expect.arrayContaining(['answer_in_doubt', 'answer_failed']));
    expect(sb.answerPosts()).toHaveLength(1);
    void session.submit();
    await until(() => snap().step.type === 'done');
    expect(sb.answerPosts()).toHaveLength(2);
    expect(snap().error).toBeNull();
  });

  it.each([
    ['was lost after the server started the sync', { lostReply: { times: 1 } }, 'done', null],
    ['failed before the server acted (5xx)', { status500: { times: 1 } }, 'failed', 'server'],
  ] as const)('with autoStart, a start POST whose reply %s is confirmed by a read, not left hanging', async (_label, faults, step, errorKind) => {
    const sb = startSandbox();
    const id = sb.create('no_mfa');
    sb.engine.setFaults(faults, id);
    const { snap, names } = open(id);
    await until(() => snap().step.type === step);
    expect(names()).toContain('answer_in_doubt');
    expect(snap().request).toBe('idle');
    expect(snap().error?.kind ?? null).toBe(errorKind);
    expect(sb.posts()).toHaveLength(1);
  });

  it('a 5xx on an answer is checked before the answer can be sent again', async () => {
    const sb = startSandbox();
    const id = sb.create('choices');
    const { session, snap } = open(id);
    await until(() => snap().step.type === 'answer');
    sb.engine.setFaults({ status500: { times: 1 } }, id);
    session.setAnswer(onlyChallenge(session).id, 1);
    const reads = sb.gets().length;
    void session.submit();
    await until(() => snap().error !== null);
    expect(sb.gets().length).toBe(reads + 1);
    expect(snap().error?.kind).toBe('server');
    expect(snap().canSubmit).toBe(true);
  });

  it('keeps confirming through failed reads, and never posts meanwhile', async () => {
    const sb = startSandbox();
    const id = sb.create('question');
    const { session, snap } = open(id, {
      // The reply is lost, and the first confirming reads fail too.
      onEvent: (name) => name === 'answer_in_doubt' && sb.engine.setFaults({ drop: { times: 3 } }, id),
    });
    await until(() => snap().step.type === 'answer');
    const first = onlyChallenge(session);
    sb.engine.setFaults({ lostReply: { times: 1 } }, id);
    session.setAnswer(first.id, 'Pied Piper');
    void session.submit();
    await elapse(2000, 100);
    expect(snap().request).toBe('confirming');
    expect(snap().connectivity).toBe('retrying');
    expect(snap().canSubmit).toBe(false);
    await until(() => snap().request === 'idle');
    expect(sb.answerPosts()).toHaveLength(1);
    // The wrong answer was taken: the bank asks a new question.
    expect(onlyChallenge(session).id).not.toBe(first.id);
    expect(snap().error).toBeNull();
  });
});

describe('createMfaSession: transports and lifecycle', () => {
  it('follows a push transport instead of polling, and polls when the stream fails', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa', { timing: { authenticatingMs: 20_000 } });
    const client = createSyncClient({ baseUrl: BASE_URL });
    let push: { onSync: (r: SyncResult) => void; onError: (e: MfaError) => void } | undefined;
    const unsubscribe = vi.fn();
    const transport: SyncTransport = {
      ...client,
      subscribe: (_connectionId, onSync, onError) => ((push = { onSync, onError }), unsubscribe),
    };
    const { snap, names } = open(id, { transport });
    await until(() => snap().step.type === 'wait');
    // Once the stream has spoken after the start, it brings the changes: no reads.
    push!.onSync(await client.getSync(id));
    expect(snap().sync?.status).toBe('syncing');
    const reads = sb.gets().length;
    await elapse(10_000);
    expect(sb.gets()).toHaveLength(reads);
    push!.onError(new MfaError('network'));
    expect(names()).toContain('push_failed');
    await until(() => snap().step.type === 'done');
    expect(sb.gets().length).toBeGreaterThan(1);
  });

  it('after a write, reads by the policy until the stream speaks again (it may come from a process that never saw the write)', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa', { timing: { authenticatingMs: 20_000 } });
    const client = createSyncClient({ baseUrl: BASE_URL });
    let push: ((r: SyncResult) => void) | undefined;
    const transport: SyncTransport = { ...client, subscribe: (_connectionId, onSync) => ((push = onSync), () => {}) };
    const { session, snap } = open(id, { transport });
    session.start();
    await until(() => snap().step.type === 'wait');
    // The start's reply came, the stream said nothing since: reads go on.
    await elapse(5000);
    const whileSilent = sb.gets().length;
    expect(whileSilent).toBeGreaterThan(0);
    // The stream speaks: it has seen the start, and polling stops.
    push!(await client.getSync(id));
    const afterSpoke = sb.gets().length;
    await elapse(10_000);
    expect(sb.gets()).toHaveLength(afterSpoke);
  });

  it('trusts what the stream pushed while a write was in flight only when it was the write’s own outcome', async () => {
    for (const [pushed, readsAfter] of [
      ['the start’s reply (one server process: it saw the start go through)', false],
      ['the sync as it was before the start (another process, which did not)', true],
    ] as const) {
      const sb = startSandbox();
      const id = sb.create('no_mfa', { timing: { authenticatingMs: 20_000 } });
      const client = createSyncClient({ baseUrl: BASE_URL });
      const before = await client.getSync(id);
      let push: ((r: SyncResult) => void) | undefined;
      const transport: SyncTransport = {
        ...client,
        subscribe: (_connectionId, onSync) => ((push = onSync), () => {}),
        startSync: async (...args) => {
          const reply = await client.startSync(...args);
          push!(readsAfter ? before : reply);
          return reply;
        },
      };
      const { snap } = open(id, { transport });
      await until(() => snap().step.type === 'wait');
      const reads = sb.gets().length;
      await elapse(5000);
      expect(sb.gets().length > reads, pushed).toBe(readsAfter);
    }
  });

  it('closes its push stream while reading is disabled, and opens it again when enabled', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa', { timing: { authenticatingMs: 20_000 } });
    const client = createSyncClient({ baseUrl: BASE_URL });
    const unsubscribe = vi.fn();
    const subscribe = vi.fn(() => unsubscribe);
    const transport: SyncTransport = { ...client, subscribe };
    const { session } = open(id, { transport, autoStart: false });
    expect(subscribe).toHaveBeenCalledTimes(1);
    session.setOptions({ connectionId: id, transport, enabled: false });
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    session.setOptions({ connectionId: id, transport, enabled: true });
    expect(subscribe).toHaveBeenCalledTimes(2);
  });

  it("tells the partner when the user can't see the images, and sends nothing the protocol cannot honour", async () => {
    const sb = startSandbox();
    const { session, snap, events } = open(sb.create('image_choices'));
    await until(() => snap().step.type === 'answer');
    const first = onlyChallenge(session);
    session.requestAlternative();
    expect(events.find(([name]) => name === 'alternative_requested')?.[1]).toMatchObject({ challengeIds: [first.id], challengeKinds: ['imageChoice'] });
    await elapse(5000);
    expect(sb.posts()).toHaveLength(1);
    expect(onlyChallenge(session).id).toBe(first.id);
  });

  it('posts once when subscribed, unsubscribed and subscribed again at once (StrictMode)', async () => {
    const sb = startSandbox();
    const { session, stop, snap } = open(sb.create('no_mfa'));
    stop();
    const again = session.subscribe(() => {});
    await until(() => snap().step.type === 'done');
    expect(sb.posts()).toHaveLength(1);
    again();
  });

  it('confirms an answer that was in flight when the last listener left, before it can be sent again', async () => {
    const sb = startSandbox();
    const id = sb.create('question');
    const { session, snap, stop } = open(id);
    await until(() => snap().step.type === 'answer');
    const first = onlyChallenge(session);
    sb.engine.setFaults({ latency: { ms: 1000, times: 1 } }, id);
    session.setAnswer(first.id, 'Pied Piper');
    void session.submit();
    await settle();
    // The listener leaves (an unmount, a hidden <Activity>): the POST is aborted, but the server got it.
    stop();
    await elapse(3000);
    const again = session.subscribe(() => {});
    await until(() => snap().request === 'idle' && snap().step.type === 'answer');
    // The wrong answer was taken: the bank asks a new question, and nothing was posted twice.
    expect(onlyChallenge(session).id).not.toBe(first.id);
    expect(snap().error).toBeNull();
    expect(sb.answerPosts()).toHaveLength(1);
    again();
  });

  it('offers an answer again, with no error, when the POST aborted by a pause never reached the server', async () => {
    const sb = startSandbox();
    const id = sb.create('question');
    const client = createSyncClient({ baseUrl: BASE_URL });
    // An answer that never leaves the browser before it is aborted.
    const answer: SyncTransport['answer'] = (_id, _answers, options) =>
      new Promise((_, reject) => options?.signal?.addEventListener('abort', () => reject(new MfaError('aborted'))));
    const onError = vi.fn();
    const { session, snap, stop, names } = open(id, { transport: { ...client, answer }, onError });
    await until(() => snap().step.type === 'answer');
    const first = onlyChallenge(session);
    session.setAnswer(first.id, 'Periscope');
    void session.submit();
    stop();
    await settle();
    const reads = sb.gets().length;
    const again = session.subscribe(() => {});
    // Nothing can be sent until a read has shown the question still pending.
    expect(snap().canSubmit).toBe(false);
    await until(() => snap().request === 'idle');
    expect(sb.gets().length).toBeGreaterThan(reads);
    expect(snap().canSubmit).toBe(true);
    expect(snap().answers[first.id]).toBe('Periscope');
    expect(snap().error).toBeNull();
    expect(onError).not.toHaveBeenCalled();
    expect(names()).not.toContain('answer_failed');
    again();
  });

  it('leaves no timer after destroy, and aborts the read in flight', async () => {
    const sb = startSandbox();
    const { session, snap } = open(sb.create('no_mfa', { timing: { authenticatingMs: 60_000 } }));
    await until(() => snap().step.type === 'wait');
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    session.destroy();
    expect(vi.getTimerCount()).toBe(0);
    const requests = sb.requests.length;
    await elapse(30_000);
    expect(sb.requests).toHaveLength(requests);
    session.start();
    expect(sb.requests).toHaveLength(requests);
  });

  it('pauses without listeners and picks up again when subscribed', async () => {
    const sb = startSandbox();
    const { session, stop, snap } = open(sb.create('no_mfa', { timing: { authenticatingMs: 60_000 } }));
    await until(() => snap().step.type === 'wait');
    stop();
    await Promise.resolve();
    expect(vi.getTimerCount()).toBe(0);
    const reads = sb.gets().length;
    await elapse(10_000);
    expect(sb.gets()).toHaveLength(reads);
    const again = session.subscribe(() => {});
    await until(() => sb.gets().length > reads, { step: 10, within: 100 });
    again();
  });

  it('starts over for another connection', async () => {
    const sb = startSandbox();
    const first = sb.create('choices');
    const second = sb.create('no_mfa');
    const { session, snap } = open(first);
    await until(() => snap().step.type === 'answer');
    session.setAnswer(onlyChallenge(session).id, 1);
    session.setOptions({ connectionId: second, baseUrl: BASE_URL, autoStart: true });
    expect(snap().answers).toEqual({});
    expect(snap().step.type).toBe('idle');
    await until(() => snap().step.type === 'done');
  });

  it('never puts an answer or a PIN into an event or an error message', async () => {
    const sb = startSandbox();
    const id = sb.create('realtime_pin');
    const errors: MfaError[] = [];
    const { session, snap, events } = open(id, { onError: (e) => errors.push(e) });
    await chooseDestination(session, 1);
    const pin = sb.engine.outbox(id).at(-1)?.pin ?? '';
    sb.engine.setFaults({ drop: { times: 1 } }, id);
    session.setAnswer(onlyChallenge(session).id, pin);
    void session.submit();
    await until(() => snap().canSubmit);
    void session.submit();
    await until(() => snap().step.type === 'done');
    const said = JSON.stringify(events) + errors.map((e) => `${e.message} ${String(e.cause)}`).join();
    expect(errors.length).toBeGreaterThan(0);
    expect(said).not.toContain(pin);
  });
});
