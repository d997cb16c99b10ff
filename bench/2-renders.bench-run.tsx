// @vitest-environment jsdom
/**
 * Benchmark 2, renders: over 60 simulated seconds of a running PIN countdown, how often the
 * component holding `useMfaChallenge` re-renders (it should not) and how often the countdown
 * commits (about once a second). Measured on a partner's own UI (README pattern, React
 * Profiler around the parent and around the countdown) and on the drop-in `MfaFlow`, whose
 * hooks are wrapped here only to count calls. Prints figures; asserts nothing.
 */
import { MfaFlow } from '@mfa-kit/components';
import type * as Hooks from '@mfa-kit/hooks';
import { cleanup, render } from '@testing-library/react';
import { Profiler } from 'react';
import { it, vi } from 'vitest';
import { CustomFlow, newCounts } from './support/CustomFlow';
import { printTable } from './support/print';
import { BASE_URL, elapse, elapseUntil, startBenchSandbox } from './support/sandbox';
import { connectionAtStageTwo } from './support/stageTwo';

const WINDOW_MS = 60_000;

const calls = vi.hoisted(() => ({ useMfaChallenge: 0, useCountdown: 0 }));

// Counting wrappers only: each call goes to the real hook.
vi.mock('@mfa-kit/hooks', async (importOriginal) => {
  const real = await importOriginal<typeof Hooks>();
  return {
    ...real,
    useMfaChallenge: (...args: Parameters<typeof real.useMfaChallenge>) => {
      calls.useMfaChallenge += 1;
      return real.useMfaChallenge(...args);
    },
    useCountdown: (...args: Parameters<typeof real.useCountdown>) => {
      calls.useCountdown += 1;
      return real.useCountdown(...args);
    },
  };
});

async function measureCustomFlow() {
  const sb = startBenchSandbox({ pinWindowMs: 120_000 });
  const id = connectionAtStageTwo(sb.engine);
  const counts = newCounts();
  let deadline: number | null = null;
  render(
    <CustomFlow
      connectionId={id}
      autoStart={false}
      counts={counts}
      onResult={(mfa) => {
        deadline = mfa.deadline;
      }}
    />,
  );
  await elapseUntil(() => deadline !== null);
  await elapse(1_000);
  const atMount = { ...counts };
  Object.assign(counts, newCounts());
  const requestsBefore = sb.requests.length;
  await elapse(WINDOW_MS);
  const figures = { atMount, during: { ...counts }, requests: sb.requests.length - requestsBefore };
  cleanup();
  sb.close();
  return figures;
}

async function measureMfaFlow() {
  const sb = startBenchSandbox({ pinWindowMs: 120_000 });
  const id = connectionAtStageTwo(sb.engine);
  let commits = 0;
  calls.useMfaChallenge = 0;
  calls.useCountdown = 0;
  const { container } = render(
    <Profiler id="MfaFlow" onRender={() => (commits += 1)}>
      <MfaFlow connectionId={id} baseUrl={BASE_URL} autoStart={false} />
    </Profiler>,
  );
  await elapseUntil(() => container.querySelector('[role="timer"]') !== null);
  await elapse(1_000);
  const atMount = { flowBody: calls.useMfaChallenge, countdown: calls.useCountdown, commits };
  calls.useMfaChallenge = 0;
  calls.useCountdown = 0;
  commits = 0;
  const requestsBefore = sb.requests.length;
  await elapse(WINDOW_MS);
  const figures = { atMount, during: { flowBody: calls.useMfaChallenge, countdown: calls.useCountdown, commits }, requests: sb.requests.length - requestsBefore };
  cleanup();
  sb.close();
  return figures;
}

it('prints render and commit counts over 60 s of a running countdown', async () => {
  const custom = await measureCustomFlow();
  const flow = await measureMfaFlow();
  printTable(
    '2. Renders over 60 simulated seconds of a running PIN countdown (120 s window)',
    ['', 'until mounted (+1 s)', 'next 60 s', 'per second'],
    [
      ['own UI: parent renders (holds useMfaChallenge)', custom.atMount.parentRenders, custom.during.parentRenders, (custom.during.parentRenders / 60).toFixed(2)],
      ['own UI: countdown commits (Profiler)', custom.atMount.countdownCommits, custom.during.countdownCommits, (custom.during.countdownCommits / 60).toFixed(2)],
      ['own UI: whole-flow commits (Profiler)', custom.atMount.flowCommits, custom.during.flowCommits, (custom.during.flowCommits / 60).toFixed(2)],
      ['MfaFlow: flow body renders (useMfaChallenge calls)', flow.atMount.flowBody, flow.during.flowBody, (flow.during.flowBody / 60).toFixed(2)],
      ['MfaFlow: Countdown renders (useCountdown calls)', flow.atMount.countdown, flow.during.countdown, (flow.during.countdown / 60).toFixed(2)],
      ['MfaFlow: whole-flow commits (Profiler)', flow.atMount.commits, flow.during.commits, (flow.during.commits / 60).toFixed(2)],
      ['requests during the 60 s (own UI / MfaFlow)', '', `${custom.requests} / ${flow.requests}`, ''],
    ],
    [
      'Expected: parent / flow body 0 after mount; countdown about 1 per second (60).',
      'Fake time in 100 ms steps, one act() each, so React renders between ticks as a browser would.',
    ],
  );
});
