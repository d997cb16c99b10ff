/**
 * A partner's own MFA UI, as in the hooks README: the parent holds `useMfaChallenge`, a child
 * holds `useCountdown`, so only the child should tick. The benches read the hook's result
 * through `onResult` and count the parent's renders and both components' commits.
 */
import type { ServerClock } from '@mfa-kit/core';
import { useCountdown, useMfaChallenge } from '@mfa-kit/hooks';
import type { UseMfaChallengeResult } from '@mfa-kit/hooks';
import { Profiler } from 'react';
import type { ProfilerOnRenderCallback } from 'react';
import { BASE_URL } from './sandbox';

/** Render and commit counts of {@link CustomFlow}; reset them between phases of a bench. */
export interface FlowCounts {
  /** Times the parent's function body ran (it holds `useMfaChallenge`). */
  parentRenders: number;
  /** Profiler commits of the whole flow's subtree (the parent and everything under it). */
  flowCommits: number;
  /** Profiler commits of the countdown's subtree. */
  countdownCommits: number;
}

export const newCounts = (): FlowCounts => ({ parentRenders: 0, flowCommits: 0, countdownCommits: 0 });

function CountdownView({ deadline, clock }: { deadline: number | null; clock: ServerClock }) {
  const countdown = useCountdown(deadline, { clock });
  return (
    <p data-part="countdown" data-state={countdown.status}>
      {countdown.formatted}
    </p>
  );
}

function FlowParent({ connectionId, autoStart, counts, onResult }: CustomFlowProps) {
  counts.parentRenders += 1;
  const mfa = useMfaChallenge(connectionId, { baseUrl: BASE_URL, autoStart });
  onResult(mfa);
  const countCountdown: ProfilerOnRenderCallback = () => {
    counts.countdownCommits += 1;
  };
  return (
    <section aria-label="Verify your identity">
      <p role="status">{mfa.step.type}</p>
      {mfa.deadline !== null ? (
        <Profiler id="countdown" onRender={countCountdown}>
          <CountdownView deadline={mfa.deadline} clock={mfa.clock} />
        </Profiler>
      ) : null}
      {mfa.challenges.map((c) => (
        <input key={c.id} {...mfa.getCodeInputProps({ challenge: c })} />
      ))}
    </section>
  );
}

export interface CustomFlowProps {
  connectionId: number;
  autoStart: boolean;
  counts: FlowCounts;
  /** Called on every render of the parent with the hook's latest result. */
  onResult: (mfa: UseMfaChallengeResult) => void;
}

/** The flow, wrapped in a Profiler that counts the commits of its whole subtree. */
export function CustomFlow(props: CustomFlowProps) {
  const countFlow: ProfilerOnRenderCallback = () => {
    props.counts.flowCommits += 1;
  };
  return (
    <Profiler id="flow" onRender={countFlow}>
      <FlowParent {...props} />
    </Profiler>
  );
}
