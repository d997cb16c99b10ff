import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { browserEnvironment } from './environment';
import { defaultPollPolicy } from './polling';
import { BASE_URL, controlledPage, elapse, onlyChallenge, open, settle, setupSandboxServer, startSandbox, until } from './session.testkit';

setupSandboxServer();

describe('createMfaSession: polling through faults', () => {
  it('honours Retry-After on a 429 to the 100 ms: no read before it, then carries on', async () => {
    const sb = startSandbox();
    const { snap, names } = open(sb.create('no_mfa'));
    await until(() => snap().step.type === 'wait');
    sb.engine.setFaults({ status429: { times: 1, retryAfterSeconds: 7 } });
    await until(() => snap().connectivity === 'retrying', { step: 10 });
    const limited = sb.gets().at(-1)!;
    await until(() => snap().step.type === 'done', { step: 10 });
    const next = sb.gets()[sb.gets().indexOf(limited) + 1]!;
    expect(next.at - limited.at).toBeGreaterThanOrEqual(7000);
    expect(next.at - limited.at).toBeLessThan(7100);
    expect(names()).toContain('retrying');
    expect(snap().connectivity).toBe('online');
    expect(snap().error).toBeNull();
  });

  it.each([
    ['a 500', { status500: { times: 2 } }, 'server'],
    ['an HTML 502', { status502: { times: 2 } }, 'server'],
    ['malformed JSON', { malformedJson: { times: 2 } }, 'invalid_response'],
  ] as const)('retries %s with exponential backoff and recovers', async (_label, faults, kind) => {
    const sb = startSandbox();
    const onError = vi.fn();
    const { snap, events } = open(sb.create('no_mfa', { timing: { authenticatingMs: 10_000 } }), { pollPolicy: { jitter: 0 }, onError });
    await until(() => snap().step.type === 'wait');
    sb.engine.setFaults(faults);
    await until(() => snap().connectivity === 'retrying');
    await until(() => snap().step.type === 'done');
    const retries = events.filter(([n]) => n === 'retrying').map(([, m]) => m);
    expect(retries.map((m) => m.attempt)).toEqual([1, 2]);
    expect(retries.every((m) => m.errorKind === kind)).toBe(true);
    // Without jitter: POST, a read 2 s later fails, retried after 1 s, then 2 s, then every 2 s.
    const gaps = sb.requests.map((r, i, all) => (i === 0 ? 0 : r.at - all[i - 1]!.at));
    expect(gaps.join(',')).toMatch(/^0,2000,1000,2000,2000,/);
    expect(onError).not.toHaveBeenCalled();
    expect(snap().connectivity).toBe('online');
  });

  it.each([
    ['500s', { status500: {} }],
    ['HTML 502 pages', { status502: {} }],
    ['garbage bodies', { malformedJson: {} }],
  ] as const)('calls endless %s a failing server, not offline', async (_label, faults) => {
    const sb = startSandbox();
    const onError = vi.fn();
    const { snap, names } = open(sb.create('no_mfa', { timing: { authenticatingMs: 60_000 } }), { maxRetries: 2, onError });
    await until(() => snap().step.type === 'wait');
    sb.engine.setFaults(faults);
    await until(() => snap().connectivity === 'server_error');
    expect(names()).toContain('server_error');
    expect(names()).not.toContain('offline');
    expect(onError).toHaveBeenCalledTimes(1);
    sb.engine.setFaults({});
    await until(() => snap().connectivity === 'online', { step: 500 });
  });

  it('goes offline when the server cannot be reached, reports once, and comes back by itself', async () => {
    const sb = startSandbox();
    const onError = vi.fn();
    const { snap, names } = open(sb.create('no_mfa', { timing: { authenticatingMs: 60_000 } }), { maxRetries: 2, onError });
    await until(() => snap().step.type === 'wait');
    sb.engine.setFaults({ drop: {} });
    await until(() => snap().connectivity === 'retrying');
    await until(() => snap().connectivity === 'offline');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ name: 'MfaError', kind: 'network' });
    expect(snap().error?.kind).toBe('network');
    expect(names()).toContain('offline');
    expect(snap().step.type).toBe('wait');
    await elapse(60_000, 1000);
    expect(onError).toHaveBeenCalledTimes(1);
    sb.engine.setFaults({});
    await until(() => snap().connectivity === 'online', { step: 500 });
    expect(snap().error).toBeNull();
    expect(names()).toContain('online');
    await until(() => snap().step.type === 'done');
  });

  it('pauses while the browser is offline and reads at once when it is back', async () => {
    const sb = startSandbox();
    const page = controlledPage();
    const { snap, names } = open(sb.create('no_mfa', { timing: { authenticatingMs: 60_000 } }), { environment: page.environment });
    await until(() => snap().step.type === 'wait');
    page.setOffline(true);
    expect(snap().connectivity).toBe('offline');
    const reads = sb.gets().length;
    await elapse(20_000);
    expect(sb.gets()).toHaveLength(reads);
    page.setOffline(false);
    await until(() => sb.gets().length > reads, { step: 10, within: 50 });
    expect(snap().connectivity).toBe('online');
    expect(names()).toEqual(expect.arrayContaining(['offline', 'online']));
  });

  it('pauses in a hidden tab and reads at once when it is visible again', async () => {
    const sb = startSandbox();
    const page = controlledPage();
    const { snap } = open(sb.create('no_mfa', { timing: { authenticatingMs: 60_000 } }), { environment: page.environment });
    await until(() => snap().step.type === 'wait');
    page.setHidden(true);
    const reads = sb.gets().length;
    await elapse(30_000);
    expect(sb.gets()).toHaveLength(reads);
    page.setHidden(false);
    await until(() => sb.gets().length > reads, { step: 10, within: 50 });
  });

  it('on a 401 calls onUnauthorized and retries once, then succeeds', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa');
    const onUnauthorized = vi.fn(async () => {});
    const onError = vi.fn();
    sb.server.use(http.get(`${BASE_URL}/connections/:id/sync`, () => HttpResponse.json({ id: 'unauthorized', message: 'no session' }, { status: 401 }), { once: true }));
    const { snap, names } = open(id, { onUnauthorized, onError, autoStart: false });
    await until(() => snap().sync !== null);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(names()).toContain('unauthorized');
    expect(onError).not.toHaveBeenCalled();
    expect(sb.gets()).toHaveLength(2);
  });

  it('stops on a second 401 and reports it', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa');
    const onUnauthorized = vi.fn();
    const onError = vi.fn();
    sb.server.use(http.get(`${BASE_URL}/connections/:id/sync`, () => HttpResponse.json({ id: 'unauthorized', message: 'no' }, { status: 401 })));
    const { snap } = open(id, { onUnauthorized, onError, autoStart: false });
    await until(() => snap().error !== null);
    expect(snap().error?.kind).toBe('unauthorized');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledTimes(1);
    await elapse(30_000);
    expect(sb.gets()).toHaveLength(2);
  });
});

describe('createMfaSession: answers', () => {
  it('a refused answer (HTTP 400) keeps what the user typed, and a retry succeeds', async () => {
    const sb = startSandbox();
    const { session, snap, names } = open(sb.create('question'));
    await until(() => snap().step.type === 'answer');
    const challenge = onlyChallenge(session);
    sb.server.use(http.post(`${BASE_URL}/connections/:id/sync`, () => HttpResponse.json({ id: 'bad_request', message: 'no' }, { status: 400 }), { once: true }));
    session.setAnswer(challenge.id, 'Periscope');
    await session.submit();
    expect(snap().error?.kind).toBe('server');
    expect(snap().answers[challenge.id]).toBe('Periscope');
    expect(snap().request).toBe('idle');
    expect(snap().canSubmit).toBe(true);
    expect(names()).toContain('answer_failed');
    await session.submit();
    expect(snap().error).toBeNull();
    await until(() => snap().step.type === 'done');
  });

  it('a second submit while one is in flight sends nothing', async () => {
    const sb = startSandbox();
    const { session, snap } = open(sb.create('choices'));
    await until(() => snap().step.type === 'answer');
    sb.engine.setFaults({ latency: { ms: 2000, times: 1 } });
    session.setAnswer(onlyChallenge(session).id, 1);
    const before = sb.posts().length;
    void session.submit();
    void session.submit();
    expect(snap().isSubmitting).toBe(true);
    expect(snap().canSubmit).toBe(false);
    await session.submit();
    await until(() => !snap().isSubmitting);
    expect(sb.posts()).toHaveLength(before + 1);
    await until(() => snap().step.type === 'done');
  });

  it('refuses locally with reasons, and clears a reason when its answer changes', async () => {
    const sb = startSandbox();
    const { session, snap, events } = open(sb.create('multi'));
    await until(() => snap().step.type === 'answer');
    const [pet, city] = snap().challenges;
    const before = sb.posts().length;
    session.setAnswer(pet!.id, '   ');
    await session.submit();
    expect(snap().refusals).toEqual({ [pet!.id]: 'empty', [city!.id]: 'missing' });
    expect(snap().answers[pet!.id]).toBe('   ');
    expect(sb.posts()).toHaveLength(before);
    expect(events.find(([n]) => n === 'answer_refused')?.[1]).toMatchObject({ challengeIds: [pet!.id, city!.id] });
    session.setAnswer(city!.id, 'Springfield');
    expect(snap().refusals).toEqual({ [pet!.id]: 'empty' });
  });

  it('no read clears a field the user is typing in', async () => {
    const sb = startSandbox();
    const { session, snap } = open(sb.create('multi'));
    await until(() => snap().step.type === 'answer');
    const [pet] = snap().challenges;
    session.setAnswer(pet!.id, 'Re');
    const reads = sb.gets().length;
    session.refresh();
    await until(() => sb.gets().length > reads);
    await elapse(2000);
    expect(snap().answers).toEqual({ [pet!.id]: 'Re' });
  });

  it('keeps the same snapshot, and renders nothing, when a read brings the same sync', async () => {
    const sb = startSandbox();
    const { session, snap, renders } = open(sb.create('question'));
    await until(() => snap().step.type === 'answer');
    const before = snap();
    const rendered = renders.count;
    const reads = sb.gets().length;
    session.refresh();
    await until(() => sb.gets().length > reads);
    await settle();
    expect(snap()).toBe(before);
    expect(renders.count).toBe(rendered);
  });

  it('resumes fast polling after a good POST', async () => {
    const sb = startSandbox();
    const { session, snap } = open(sb.create('choices'));
    await until(() => snap().step.type === 'answer');
    const posted = sb.posts().length;
    session.setAnswer(onlyChallenge(session).id, 1);
    await session.submit();
    const answeredAt = sb.posts()[posted]!.at;
    await until(() => snap().step.type === 'done');
    const after = sb.gets().filter((r) => r.at > answeredAt);
    expect(after[0]!.at - answeredAt).toBeLessThanOrEqual(defaultPollPolicy.fastMs * (1 + defaultPollPolicy.jitter));
    expect(after.length).toBeGreaterThanOrEqual(2);
  });

  it('says when the bank asks again after an answer: the same challenge, or another of its kind', async () => {
    const sb = startSandbox();
    const choices = open(sb.create('choices'));
    await until(() => choices.snap().step.type === 'answer');
    expect(choices.snap().reasked).toBeNull();
    choices.session.setAnswer(onlyChallenge(choices.session).id, 0);
    void choices.session.submit();
    await until(() => choices.snap().step.type === 'answer' && choices.snap().request === 'idle' && choices.snap().reasked !== null);
    // A wrong choice brings the same question back: the answer was refused.
    expect(choices.snap().reasked).toBe('same');
    choices.session.setAnswer(onlyChallenge(choices.session).id, 1);
    void choices.session.submit();
    expect(choices.snap().reasked).toBeNull();
    await until(() => choices.snap().step.type === 'done');

    const question = open(sb.create('question'));
    await until(() => question.snap().step.type === 'answer');
    question.session.setAnswer(onlyChallenge(question.session).id, 'Pied Piper');
    void question.session.submit();
    await until(() => question.snap().reasked !== null);
    expect(question.snap().reasked).toBe('other');
  });

  it('does not call stage two of a PIN flow a second asking, but calls a new PIN after a PIN one', async () => {
    const sb = startSandbox();
    const id = sb.create('realtime_pin');
    const { session, snap } = open(id);
    await until(() => snap().step.type === 'answer');
    session.setAnswer(onlyChallenge(session).id, 1);
    void session.submit();
    await until(() => snap().step.type === 'answer' && onlyChallenge(session).kind === 'text');
    expect(snap().reasked).toBeNull();
    session.setAnswer(onlyChallenge(session).id, '000000');
    void session.submit();
    await until(() => snap().reasked !== null);
    expect(snap().reasked).toBe('same');
  });

  it('sends a choice key in the type the server sent it, and reads "1.0" as no choice', async () => {
    const sb = startSandbox();
    const { session, snap } = open(sb.create('choices'));
    await until(() => snap().step.type === 'answer');
    const challenge = onlyChallenge(session);
    session.setAnswer(challenge.id, '1.0');
    await session.submit();
    expect(snap().refusals).toEqual({ [challenge.id]: 'unknown_choice' });
    session.setAnswer(challenge.id, '1');
    await session.submit();
    expect(JSON.parse(sb.answerPosts().at(-1)!.body)).toEqual({ answers: [{ challenge_id: challenge.id, answer: 1 }] });
  });
});

describe('createMfaSession: setOptions', () => {
  it('does not replan the next read when only callbacks change (a re-render), and does for a new policy', async () => {
    const sb = startSandbox();
    const id = sb.create('no_mfa', { timing: { authenticatingMs: 60_000 } });
    let plans = 0;
    // Every plan of a read draws its jitter once: counting draws counts plans.
    const environment = { ...browserEnvironment, random: () => (plans++, 0.5) };
    const base = { connectionId: id, baseUrl: BASE_URL, autoStart: true as const, environment, pollPolicy: { jitter: 0.2 } };
    const { session, snap } = open(id, base);
    await until(() => snap().step.type === 'wait');
    const planned = plans;
    for (let i = 0; i < 10; i++) session.setOptions({ ...base, pollPolicy: { jitter: 0.2 }, onEvent: () => {}, onStepChange: () => {} });
    expect(plans).toBe(planned);
    session.setOptions({ ...base, pollPolicy: { jitter: 0.2, fastMs: 500 } });
    expect(plans).toBe(planned + 1);
  });
});
