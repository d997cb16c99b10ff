/**
 * The README's example: a complete custom MFA UI built from the hooks' public exports alone.
 * Tests render it against the sandbox and Storybook shows it (Hooks/Headless), so the example
 * cannot rot. Keep it about 50 lines: the session and the getters do the work.
 */
import type { Challenge } from '@mfa-kit/core';
import { challengeField, useCountdown, useMfaChallenge, type UseMfaChallengeOptions, type UseMfaChallengeResult } from './index';

const CATEGORY: Record<string, string> = { Text: 'Text message', Voice: 'Voice call' };
const REFUSED: Record<string, string> = { missing: 'Choose or type an answer.', empty: 'Type an answer.', expired: 'This code has expired.' };

function Field({ mfa, challenge }: { mfa: UseMfaChallengeResult; challenge: Challenge }) {
  const field = challengeField(challenge);
  if (field === 'notice') return <p>{challenge.prompt}</p>;
  const refusal = mfa.refusals[challenge.id];
  const error = <p {...mfa.getErrorProps({ challenge })}>{refusal && (REFUSED[refusal] ?? 'Check this answer.')}</p>;
  if (challenge.kind === 'choice' || challenge.kind === 'imageChoice') {
    return (
      <fieldset>
        <span {...mfa.getLabelProps({ challenge })}>{challenge.prompt}</span>
        <div {...mfa.getChoiceGroupProps({ challenge })}>
          {challenge.kind === 'choice'
            ? challenge.choices.map((choice) => (
                <div key={choice.key} {...mfa.getChoiceProps({ challenge, choice })}>
                  {choice.category ? `${CATEGORY[choice.category] ?? choice.category}: ` : ''}
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
  return (
    <div>
      {challenge.kind === 'captcha' ? <img {...mfa.getCaptchaImageProps({ challenge })} /> : null}
      <label {...mfa.getLabelProps({ challenge })}>{challenge.prompt}</label>
      <input {...mfa.getCodeInputProps({ challenge, ...(field === 'pin' ? { format: 'numeric', length: 6 } : {}) })} />
      {error}
    </div>
  );
}

/** A complete MFA screen for one connection. */
export function CustomMfa({ connectionId, options }: { connectionId: number; options?: UseMfaChallengeOptions }) {
  const mfa = useMfaChallenge(connectionId, { baseUrl: '/api/quovo', autoStart: true, ...options });
  const countdown = useCountdown(mfa);
  const { step } = mfa;
  const signIn = (form: FormData) => mfa.submitCredentials({ username: String(form.get('username')), passcode: String(form.get('passcode')) });
  const status = { idle: 'Starting…', wait: 'Working…', done: 'Your account is connected.' }[step.type as string];
  return (
    <section aria-label="Verify your identity" {...mfa.getRootProps()}>
      {mfa.connectivity !== 'online' ? <p role="status">Reconnecting…</p> : null}
      {status ? <h2 {...mfa.getHeadingProps()}>{step.type === 'wait' ? (step.progress.message ?? status) : status}</h2> : null}
      {step.type === 'answer' ? (
        <form {...mfa.getFormProps()}>
          {mfa.challenges.map((challenge) => <Field key={challenge.id} mfa={mfa} challenge={challenge} />)}
          {mfa.deadline !== null ? <p role="timer" aria-label="Time left" data-state={countdown.status}>{countdown.formatted}</p> : null}
          <button {...mfa.getSubmitProps()}>Continue</button>
        </form>
      ) : step.type === 'credentials' ? (
        <form onSubmit={(e) => (e.preventDefault(), signIn(new FormData(e.currentTarget)))}>
          <h2 {...mfa.getHeadingProps()}>Sign in again at your bank</h2>
          <input name="username" aria-label="Username" autoComplete="username" />
          <input name="passcode" aria-label="Password" type="password" autoComplete="current-password" />
          <button type="submit">Sign in</button>
        </form>
      ) : status ? null : (
        <>
          <h2 {...mfa.getHeadingProps()}>{step.type === 'config' ? step.instructions : 'This code has expired or the sync stopped.'}</h2>
          <button type="button" onClick={mfa.restart}>Start again</button>
        </>
      )}
      <p aria-live="polite">{countdown.announcement?.text}</p>
      {mfa.error ? <p role="alert">Something went wrong ({mfa.error.kind}).</p> : null}
    </section>
  );
}
