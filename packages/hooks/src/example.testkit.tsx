/**
 * The README's example: a complete custom MFA UI built from the hooks' public exports alone.
 * Tests render it against the sandbox and Storybook shows it (Hooks/Headless), so the example
 * cannot rot. Keep it short (about 70 lines for every step, picker, CAPTCHA and the countdown):
 * the session and the getters do the work.
 */
import { challengeField, useCountdown, useMfaChallenge, type Challenge, type UseMfaChallengeOptions, type UseMfaChallengeResult } from './index';

const CATEGORY: Record<string, string> = { Text: 'Text message', Voice: 'Voice call' };
const REFUSED: Record<string, string> = { missing: 'Choose or type an answer.', empty: 'Type an answer.', expired: 'This code has expired.' };
const HEADING: Record<string, string> = {
  idle: 'Starting…', answer: 'Verify your identity', credentials: 'Sign in again at your bank', done: 'Your account is connected.',
  config: 'Finish a step at your bank', expired: 'This code has expired.', restart: 'Start again for a new code.', failed: 'The sync stopped.',
};

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
          {challenge.choices.map((choice) => (
            <div key={choice.key} {...mfa.getChoiceProps({ challenge, choice })}>
              {'image' in choice ? <img {...mfa.getChoiceImageProps({ challenge, choice })} /> : `${CATEGORY[choice.category ?? ''] ?? choice.category ?? ''} ${choice.value}`}
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
  return (
    <section aria-label="Connect your bank" {...mfa.getRootProps()}>
      <h2 {...mfa.getHeadingProps()}>{step.type === 'wait' ? (step.progress.message ?? 'Working…') : HEADING[step.type]}</h2>
      {mfa.connectivity !== 'online' ? <p role="status">Reconnecting…</p> : null}
      {step.type === 'answer' ? (
        <form {...mfa.getFormProps()}>
          {mfa.challenges.map((challenge) => <Field key={challenge.id} mfa={mfa} challenge={challenge} />)}
          {mfa.deadline !== null ? <p role="timer" aria-label="Time left" data-state={countdown.status}>{countdown.formatted}</p> : null}
          <button {...mfa.getSubmitProps()}>Continue</button>
        </form>
      ) : step.type === 'credentials' ? (
        <form onSubmit={(e) => (e.preventDefault(), signIn(new FormData(e.currentTarget)))}>
          <input name="username" aria-label="Username" autoComplete="username" />
          <input name="passcode" aria-label="Password" type="password" autoComplete="current-password" />
          <button type="submit">Sign in</button>
        </form>
      ) : ['expired', 'restart', 'failed', 'config'].includes(step.type) ? (
        <button type="button" onClick={mfa.restart}>Start again</button>
      ) : null}
      {step.type === 'config' && step.instructions ? <p>{step.instructions}</p> : null}
      <p aria-live="polite">{countdown.announcement?.text}</p>
      {mfa.error ? <p role="alert">Something went wrong ({mfa.error.kind}).</p> : null}
    </section>
  );
}
