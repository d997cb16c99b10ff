'use client';
// A custom UI on the headless hooks: every component that calls a hook lives in a client file.
import type { Challenge } from '@mfa-kit/core';
import { useCountdown, useMfaChallenge, type UseMfaChallengeResult } from '@mfa-kit/hooks';

function ChallengeField({ mfa, challenge }: { mfa: UseMfaChallengeResult; challenge: Challenge }) {
  const ids = mfa.getIds(challenge.id);
  if (challenge.kind === 'choice') {
    return (
      <fieldset>
        <span id={ids.label}>{challenge.prompt}</span>
        <div {...mfa.getChoiceGroupProps({ challenge })}>
          {challenge.choices.map((choice) => (
            <div key={choice.key} {...mfa.getChoiceProps({ challenge, choice })}>
              {choice.category ? `${choice.category}: ` : ''}
              {choice.value}
            </div>
          ))}
        </div>
      </fieldset>
    );
  }
  return (
    <div>
      {challenge.kind === 'captcha' ? <img {...mfa.getCaptchaImageProps({ challenge })} /> : null}
      <label id={ids.label} htmlFor={ids.input}>
        {challenge.prompt}
      </label>
      <input {...mfa.getCodeInputProps({ challenge })} />
    </div>
  );
}

export function CustomMfa({ connectionId }: { connectionId: number }) {
  // 'auto': a sync already running (or prefetched by the page) is followed, not started again.
  const mfa = useMfaChallenge(connectionId, { baseUrl: '/api/quovo', autoStart: 'auto' });
  const countdown = useCountdown(mfa.deadline, { clock: mfa.clock });
  const { step } = mfa;
  return (
    <section aria-label="Verify your identity">
      {step.type === 'wait' ? <p role="status">{step.progress.message ?? 'Working…'}</p> : null}
      {step.type === 'done' ? <p role="status">Your account is connected.</p> : null}
      {step.type === 'restart' || step.type === 'expired' || step.type === 'failed' ? (
        <button type="button" onClick={mfa.restart}>
          Start again
        </button>
      ) : null}
      {step.type === 'answer' ? (
        <form {...mfa.getFormProps()}>
          {mfa.challenges.map((c) => (c.shouldAnswer ? <ChallengeField key={c.id} mfa={mfa} challenge={c} /> : <p key={c.id}>{c.prompt}</p>))}
          {mfa.deadline !== null ? <p role="timer">{countdown.formatted}</p> : null}
          <button {...mfa.getSubmitProps()}>Continue</button>
        </form>
      ) : null}
      {mfa.error ? <p role="alert">Something went wrong ({mfa.error.kind}).</p> : null}
    </section>
  );
}
