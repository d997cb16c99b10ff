// @vitest-environment jsdom
/**
 * Benchmark 1, network: requests per completed realtime PIN flow against the sandbox, with a
 * user who takes 10 s to choose where the PIN goes and 20 s to type it. Ours (the real
 * `useMfaChallenge`, rendered with React in jsdom) against a naive loop that reads the sync
 * every second. Fake time: the 30 s of thinking cost milliseconds. Prints figures; asserts nothing.
 */
import { createSyncClient } from '@mfa-kit/core';
import type { Challenge, SyncState } from '@mfa-kit/core';
import type { UseMfaChallengeResult } from '@mfa-kit/hooks';
import { act, cleanup, render } from '@testing-library/react';
import { it } from 'vitest';
import { CustomFlow, newCounts } from './support/CustomFlow';
import { fixed, printTable } from './support/print';
import { BASE_URL, elapse, elapseUntil, startBenchSandbox } from './support/sandbox';
import type { SeenRequest } from './support/sandbox';

const CHOOSE_MS = 10_000;
const TYPE_MS = 20_000;
/** Our polling has ±20 % jitter (Math.random), so ours is averaged over several flows; the naive loop is deterministic. */
const OUR_RUNS = 5;

/** Moments of one flow, in fake epoch ms. */
interface Timeline {
  stageOneShown: number;
  choicePosted: number;
  stageTwoShown: number;
  pinPosted: number;
  done: number;
}

interface FlowFigures {
  gets: number;
  posts: number;
  getsWhileChoosing: number;
  getsWhileTyping: number;
  seconds: number;
}

function figures(requests: SeenRequest[], t: Timeline, start: number): FlowFigures {
  const gets = requests.filter((r) => r.method === 'GET');
  const within = (from: number, to: number) => gets.filter((r) => r.at >= from && r.at < to).length;
  return {
    gets: gets.length,
    posts: requests.length - gets.length,
    getsWhileChoosing: within(t.stageOneShown, t.choicePosted),
    getsWhileTyping: within(t.stageTwoShown, t.pinPosted),
    seconds: (t.done - start) / 1000,
  };
}

const pendingOf = (challenges: Challenge[]) => challenges.find((c) => c.shouldAnswer);
const isStageOne = (c: Challenge | undefined) => c?.kind === 'choice';
const isStageTwo = (c: Challenge | undefined) => c?.kind === 'text' && c.deadline !== null;

/** Ours: the hook in a component, the user acting through its API on the same schedule. */
async function runOurs(): Promise<FlowFigures> {
  const sb = startBenchSandbox();
  const start = Date.now();
  const { id } = sb.engine.createConnection('realtime_pin');
  let mfa: UseMfaChallengeResult | null = null;
  const current = () => {
    if (!mfa) throw new Error('bench: the flow has not rendered');
    return mfa;
  };
  render(
    <CustomFlow
      connectionId={id}
      autoStart
      counts={newCounts()}
      onResult={(result) => {
        mfa = result;
      }}
    />,
  );
  const pending = () => pendingOf(current().challenges);
  const t = {} as Timeline;

  await elapseUntil(() => current().step.type === 'answer' && isStageOne(pending()));
  t.stageOneShown = Date.now();
  await elapse(CHOOSE_MS);
  const choice = pending();
  if (choice?.kind !== 'choice') throw new Error('bench: stage one is gone');
  act(() => current().setAnswer(choice.id, choice.choices[0]?.key));
  t.choicePosted = Date.now();
  await act(() => current().submit());

  await elapseUntil(() => current().step.type === 'answer' && isStageTwo(pending()));
  t.stageTwoShown = Date.now();
  const pinChallenge = pending();
  const pin = sb.engine.outbox(id).at(-1)?.pin ?? '';
  // One keystroke every 20/6 s: every keystroke re-renders the parent, which must not poll.
  for (let typed = 1; typed <= pin.length; typed++) {
    await elapse(TYPE_MS / pin.length);
    act(() => current().setAnswer(pinChallenge!.id, pin.slice(0, typed)));
  }
  t.pinPosted = Date.now();
  await act(() => current().submit());

  await elapseUntil(() => current().step.type === 'done');
  t.done = Date.now();
  cleanup();
  sb.close();
  return figures(sb.requests, t, start);
}

/** The naive client: POST /sync, then GET every second until `good`, the user on the same schedule. */
async function runNaive(): Promise<FlowFigures> {
  const sb = startBenchSandbox();
  const start = Date.now();
  const { id } = sb.engine.createConnection('realtime_pin');
  const client = createSyncClient({ baseUrl: BASE_URL });
  const t = {} as Timeline;
  let last: SyncState | null = null;

  const onSync = (sync: SyncState) => {
    last = sync;
    const challenge = pendingOf(sync.challenges);
    if (isStageOne(challenge) && t.stageOneShown === undefined && challenge?.kind === 'choice') {
      t.stageOneShown = Date.now();
      setTimeout(() => {
        t.choicePosted = Date.now();
        void client.answer(id, [{ challenge_id: challenge.id, answer: challenge.choices[0]?.key ?? 0 }]).then((r) => onSync(r.sync));
      }, CHOOSE_MS);
    } else if (isStageTwo(challenge) && t.stageTwoShown === undefined && challenge) {
      t.stageTwoShown = Date.now();
      const pin = sb.engine.outbox(id).at(-1)?.pin ?? '';
      setTimeout(() => {
        t.pinPosted = Date.now();
        void client.answer(id, [{ challenge_id: challenge.id, answer: pin }]).then((r) => onSync(r.sync));
      }, TYPE_MS);
    }
  };
  const timer = setInterval(() => {
    void client.getSync(id).then((r) => onSync(r.sync));
  }, 1000);
  await act(async () => {
    onSync((await client.startSync(id)).sync);
  });
  await elapseUntil(() => (last as SyncState | null)?.status === 'good');
  t.done = Date.now();
  clearInterval(timer);
  sb.close();
  return figures(sb.requests, t, start);
}

it('prints requests per realtime PIN flow, ours vs a naive 1 s loop', async () => {
  const runs: FlowFigures[] = [];
  for (let i = 0; i < OUR_RUNS; i++) runs.push(await runOurs());
  const mean = (key: keyof FlowFigures) => runs.reduce((sum, f) => sum + f[key], 0) / runs.length;
  const ours: FlowFigures = { gets: mean('gets'), posts: mean('posts'), getsWhileChoosing: mean('getsWhileChoosing'), getsWhileTyping: mean('getsWhileTyping'), seconds: mean('seconds') };
  const totals = runs.map((f) => f.gets + f.posts);
  const naive = await runNaive();
  const ratio = (a: number, b: number) => (b === 0 ? '–' : fixed(a / b, 2));
  const row = (label: string, key: keyof FlowFigures) => [label, fixed(ours[key], 1), fixed(naive[key], 0), ratio(ours[key], naive[key])];
  const total = (f: FlowFigures) => f.gets + f.posts;
  printTable(
    '1. Network: requests per completed realtime PIN flow (sandbox, 10 s to choose, 20 s to type)',
    ['', `ours (useMfaChallenge), mean of ${OUR_RUNS}`, 'naive (GET every 1 s)', 'ours / naive'],
    [
      ['requests, total', fixed(total(ours), 1), total(naive), ratio(total(ours), total(naive))],
      row('GET /sync', 'gets'),
      row('POST /sync (start, choice, PIN)', 'posts'),
      row('GETs while choosing (10 s)', 'getsWhileChoosing'),
      row('GETs while typing (20 s)', 'getsWhileTyping'),
      row('flow duration, simulated s', 'seconds'),
    ],
    [
      `Ours per flow, total requests: ${totals.join(', ')} (min ${Math.min(...totals)}, max ${Math.max(...totals)}).`,
      'Target: ours at most 1/5 of naive (ratio <= 0.20); no GET while the user types.',
      'Simulated time (Vitest fake timers); the sandbox engine reads the same clock.',
    ],
  );
});
