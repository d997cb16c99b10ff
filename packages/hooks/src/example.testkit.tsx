/**
 * The README's example: a complete custom MFA UI built from the hooks' public exports alone.
 * Tests render it against the sandbox and Storybook shows it (Hooks/Headless), so the example
 * cannot rot.
 */
import type { Challenge } from '@mfa-kit/core';
import { useState } from 'react';
import { useCountdown, useMfaChallenge } from './index';
import type { UseMfaChallengeOptions, UseMfaChallengeResult } from './index';

const REASONS: Record<string, string> = {
  missing: 'Choose or type an answer.',
  empty: 'Type an answer.',
  expired: 'This code has expired. Ask for a new one.',
};

function ChallengeField({ mfa, challenge }: { mfa: UseMfaChallengeResult; challenge: Challenge }) {
  const ids = mfa.getIds(challenge.id);
  const refusal = mfa.refusals[challenge.id];
  const error = refusal ? <p id={ids.error}>{REASONS[refusal] ?? 'Check this answer.'}</p> : null;
  if (challenge.kind === 'choice' || challenge.kind === 'imageChoice') {
    return (
      <fieldset>
        <span id={ids.label}>{challenge.prompt}</span>
        <div {...mfa.getChoiceGroupProps({ challenge })}>
          {challenge.kind === 'choice'
            ? challenge.choices.map((choice) => (
                <div key={choice.key} {...mfa.getChoiceProps({ challenge, choice })}>
                  {choice.category ? `${choice.category}: ` : ''}
                  {choice.value}
                </div>
              ))
            : challenge.choices.map((choice) => (
                <div key={choice.key} {...mfa.getChoiceProps({ challenge, choice })}>
                  <img {...mfa.getChoiceImageProps({ challenge, choice })} />
                </div>
              ))}
        </div>
        {error}
      </fieldset>
    );
  }
  const isPin = challenge.kind === 'text' && challenge.deadline !== null;
  return (
    <div>
      {challenge.kind === 'captcha' ? <img {...mfa.getCaptchaImageProps({ challenge })} /> : null}
      <label id={ids.label} htmlFor={ids.input}>
        {challenge.prompt}
      </label>
      <input {...mfa.getCodeInputProps({ challenge, ...(isPin ? { format: 'numeric', length: 6 } : {}) })} />
      {error}
    </div>
  );
}

function Credentials({ onSubmit }: { onSubmit: (c: { username: string; passcode: string }) => void }) {
  const [username, setUsername] = useState('');
  const [passcode, setPasscode] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ username, passcode });
      }}
    >
      <label>
        Username <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" />
      </label>
      <label>
        Password <input type="password" value={passcode} onChange={(e) => setPasscode(e.target.value)} autoComplete="current-password" />
      </label>
      <button type="submit">Sign in again</button>
    </form>
  );
}

/** A complete MFA screen for one connection. */
export function CustomMfa({ connectionId, options }: { connectionId: number; options: UseMfaChallengeOptions }) {
  const mfa = useMfaChallenge(connectionId, { autoStart: true, ...options });
  const countdown = useCountdown(mfa.deadline, { clock: mfa.clock });
  const { step } = mfa;
  return (
    <section aria-label="Verify your identity">
      {mfa.connectivity !== 'online' ? <p role="status">Reconnecting…</p> : null}
      {step.type === 'idle' || step.type === 'wait' ? <p role="status">{step.type === 'wait' ? (step.progress.message ?? 'Working…') : 'Starting…'}</p> : null}
      {step.type === 'done' ? <p role="status">Your account is connected.</p> : null}
      {step.type === 'restart' || step.type === 'expired' ? (
        <button type="button" onClick={mfa.restart}>
          Send a new code
        </button>
      ) : null}
      {step.type === 'credentials' ? <Credentials onSubmit={mfa.submitCredentials} /> : null}
      {step.type === 'config' ? (
        <>
          <p>{step.instructions}</p>
          <button type="button" onClick={mfa.restart}>
            I have done this
          </button>
        </>
      ) : null}
      {step.type === 'failed' ? (
        <button type="button" onClick={mfa.restart}>
          Try again
        </button>
      ) : null}
      {step.type === 'answer' ? (
        <form {...mfa.getFormProps()}>
          {mfa.challenges.map((challenge) =>
            challenge.shouldAnswer ? <ChallengeField key={challenge.id} mfa={mfa} challenge={challenge} /> : <p key={challenge.id}>{challenge.prompt}</p>,
          )}
          {mfa.deadline !== null ? (
            <p>
              <span id={`time-left-${connectionId}`}>Time left</span>{' '}
              <span role="timer" aria-labelledby={`time-left-${connectionId}`} data-part="countdown" data-state={countdown.status}>
                {countdown.formatted}
              </span>
            </p>
          ) : null}
          <button {...mfa.getSubmitProps()}>Continue</button>
        </form>
      ) : null}
      <p aria-live="polite">{countdown.announcement?.text}</p>
      {mfa.error ? <p role="alert">Something went wrong ({mfa.error.kind}).</p> : null}
    </section>
  );
}
