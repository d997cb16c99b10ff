import type { AnswerRefusalReason, Challenge, ChoiceChallenge, ImageChoiceChallenge, MfaError, SyncTransport } from '@mfa-kit/core';
import type { PropsWithRef, UseMfaChallengeResult } from '@mfa-kit/hooks';
import { challengeField, useCountdown, useMfaChallenge } from '@mfa-kit/hooks';
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';

/** Props of {@link CustomFlow}. */
export interface CustomFlowProps {
  connectionId: number;
  /** Called once when the sync is good. */
  onComplete: () => void;
  /** Push (server-sent events) or polling, from the page's switch. */
  transport: SyncTransport;
}

/**
 * The MFA flow on Tally's own markup and CSS: the headless `useMfaChallenge` and `useCountdown`
 * hooks supply state, actions and the accessibility props; every element and word is the app's.
 */
export function CustomFlow({ connectionId, onComplete, transport }: CustomFlowProps) {
  const mfa = useMfaChallenge(connectionId, { transport, autoStart: true, autoResend: true, onComplete });
  // One live region for the whole flow, there before anything is said: a region inserted with
  // its first words (the countdown's "You have 2 minutes") is not spoken by most screen readers.
  const [said, say] = useState('');
  // getRootProps: on every step change the hook moves focus to the new field or heading.
  return (
    <div {...onDiv(mfa.getRootProps({ className: 'tally-flow' }))}>
      <p className="visually-hidden" aria-live="polite">
        {said}
      </p>
      {mfa.connectivity !== 'online' && (
        <p className="callout callout-warning" role="status">
          {CONNECTIVITY[mfa.connectivity]}
        </p>
      )}
      <StepView mfa={mfa} say={say} />
    </div>
  );
}

function StepView({ mfa, say }: { mfa: UseMfaChallengeResult; say: (text: string) => void }) {
  const { step } = mfa;
  switch (step.type) {
    case 'idle':
    case 'wait': {
      const progress = step.type === 'wait' ? step.progress : null;
      return (
        <div className="tally-progress" role="status">
          <h3 {...mfa.getHeadingProps({ className: 'tally-progress-title' })}>{progress?.message ?? 'Connecting to your bank…'}</h3>
          <progress max={100} value={progress?.percent ?? undefined} aria-label="Connecting to your bank" />
          {mfa.error && <p className="tally-error">{errorText(mfa.error)}</p>}
        </div>
      );
    }
    case 'answer':
      return <AnswerForm mfa={mfa} say={say} />;
    case 'expired':
    case 'restart':
      return (
        <Outcome title="That code has expired" tone="warning">
          <p>For your security, codes only work for a short time. We’ll send you a new one.</p>
          <button type="button" className="button" onClick={mfa.restart} disabled={mfa.isStarting}>
            {mfa.isStarting ? 'Starting again…' : 'Send a new code'}
          </button>
        </Outcome>
      );
    case 'credentials':
      return <CredentialsForm mfa={mfa} />;
    case 'config':
      return (
        <Outcome title="Your bank needs you to do something first" tone="warning">
          <p className="pre-line">{step.instructions ?? 'Sign in to your bank’s website and follow the instructions there.'}</p>
          <button type="button" className="button" onClick={mfa.restart} disabled={mfa.isStarting}>
            I’ve done this, try again
          </button>
        </Outcome>
      );
    case 'done':
      return (
        <Outcome title="All set" tone="success">
          <p>Your account is linked. Balances and transactions will appear on your overview.</p>
        </Outcome>
      );
    case 'failed':
      return (
        <Outcome title="Your bank isn’t responding" tone="error">
          <p>
            The bank reported <code>{step.status}</code>. This is usually temporary.
          </p>
          <button type="button" className="button" onClick={mfa.restart} disabled={mfa.isStarting}>
            Try again
          </button>
        </Outcome>
      );
  }
}

function Outcome({ title, tone, children }: { title: string; tone: 'success' | 'warning' | 'error'; children: ReactNode }) {
  return (
    <div className={`tally-outcome tally-outcome-${tone}`}>
      <h3 tabIndex={-1}>{title}</h3>
      {children}
    </div>
  );
}

function AnswerForm({ mfa, say }: { mfa: UseMfaChallengeResult; say: (text: string) => void }) {
  const countdown = useCountdown(mfa);
  const announcement = countdown.announcement?.text;
  useEffect(() => {
    if (announcement) say(announcement);
  }, [announcement, say]);
  const answerable = mfa.challenges.filter((c) => c.shouldAnswer).length;
  return (
    <form {...mfa.getFormProps({ className: 'tally-form' })}>
      {mfa.deadline !== null && (
        <p className="tally-timer" data-state={countdown.status}>
          <svg className="tally-timer-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <circle cx="8" cy="9" r="6" />
            <path d="M8 6v3l2 1.5M6.5 1.5h3" />
          </svg>
          Time left to answer: <strong className="mono">{countdown.formatted}</strong>
        </p>
      )}
      {mfa.challenges.map((challenge) => (
        <ChallengeField key={challenge.id} mfa={mfa} challenge={challenge} />
      ))}
      {mfa.error && (
        <p className="callout callout-error" role="alert">
          {errorText(mfa.error)}
        </p>
      )}
      <div className="form-actions">
        <button {...mfa.getSubmitProps({ className: 'button' })}>{mfa.isSubmitting ? 'Checking…' : answerable > 1 ? 'Submit answers' : 'Verify'}</button>
      </div>
    </form>
  );
}

function ChallengeField({ mfa, challenge }: { mfa: UseMfaChallengeResult; challenge: Challenge }) {
  const field = challengeField(challenge);
  const refusal = mfa.refusals[challenge.id];
  const error = (
    <p {...mfa.getErrorProps({ challenge, className: 'tally-error' })}>{refusal ? refusalText(refusal) : null}</p>
  );
  const hintId = mfa.getIds(challenge.id).hint;

  switch (field) {
    case 'notice':
      return <p className="tally-note">{challenge.prompt}</p>;
    case 'choice':
    case 'imageChoice':
      if (challenge.kind !== 'choice' && challenge.kind !== 'imageChoice') return null;
      return (
        <div className="tally-field">
          <p {...mfa.getLabelProps({ challenge, className: 'tally-label' })}>{challenge.prompt}</p>
          <div {...onDiv(mfa.getChoiceGroupProps({ challenge, className: challenge.kind === 'choice' ? 'tally-choices' : 'tally-choices tally-choices-images' }))}>
            <ChoiceOptions mfa={mfa} challenge={challenge} />
          </div>
          {error}
        </div>
      );
    case 'captcha':
      return (
        <div className="tally-field">
          {challenge.kind === 'captcha' && <img {...mfa.getCaptchaImageProps({ challenge, className: 'tally-captcha' })} />}
          <label {...mfa.getLabelProps({ challenge, className: 'tally-label' })}>{challenge.prompt || 'Type the characters in the image'}</label>
          <input {...mfa.getCodeInputProps({ challenge, format: 'text', className: 'tally-input' })} />
          {error}
        </div>
      );
    default: {
      const pin = field === 'pin';
      return (
        <div className="tally-field">
          <label {...mfa.getLabelProps({ challenge, className: 'tally-label' })}>{challenge.prompt}</label>
          {pin && (
            <p className="tally-hint" id={hintId}>
              We sent it to the phone you chose. It can take a few seconds to arrive.
            </p>
          )}
          <input
            {...mfa.getCodeInputProps({
              challenge,
              format: pin ? 'numeric' : 'text',
              className: pin ? 'tally-input tally-input-code' : 'tally-input',
              'aria-describedby': pin ? hintId : undefined,
            })}
          />
          {error}
        </div>
      );
    }
  }
}

function ChoiceOptions({ mfa, challenge }: { mfa: UseMfaChallengeResult; challenge: ChoiceChallenge | ImageChoiceChallenge }) {
  if (challenge.kind === 'choice') {
    return challenge.choices.map((choice) => (
      <div key={choice.key} {...onDiv(mfa.getChoiceProps({ challenge, choice, className: 'tally-choice' }))}>
        <span className="tally-radio" aria-hidden="true" />
        <span>
          {choice.category && <span className="tally-choice-kind">{categoryText(choice.category)} </span>}
          <span className="mono">{choice.value}</span>
        </span>
      </div>
    ));
  }
  return challenge.choices.map((choice) => (
    <div key={choice.key} {...onDiv(mfa.getChoiceProps({ challenge, choice, className: 'tally-choice tally-choice-image' }))}>
      <img {...mfa.getChoiceImageProps({ challenge, choice })} />
    </div>
  ));
}

function CredentialsForm({ mfa }: { mfa: UseMfaChallengeResult }) {
  const [username, setUsername] = useState('');
  const [passcode, setPasscode] = useState('');
  return (
    <form
      className="tally-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (username.trim() && passcode) mfa.submitCredentials({ username: username.trim(), passcode });
      }}
    >
      <h3 tabIndex={-1}>Your bank didn’t accept that sign-in</h3>
      <p className="muted">Enter the username and password you use on your bank’s website.</p>
      <div className="tally-field">
        <label className="tally-label" htmlFor="tally-username">
          Username
        </label>
        <input id="tally-username" className="tally-input" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
      </div>
      <div className="tally-field">
        <label className="tally-label" htmlFor="tally-passcode">
          Password
        </label>
        <input
          id="tally-passcode"
          className="tally-input"
          type="password"
          autoComplete="current-password"
          required
          value={passcode}
          onChange={(e) => setPasscode(e.target.value)}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={mfa.isStarting}>
          {mfa.isStarting ? 'Signing in…' : 'Sign in again'}
        </button>
      </div>
    </form>
  );
}

/**
 * The choice getters are typed for any element (`Ref<HTMLElement>`); this app puts them on
 * `<div>`s, whose ref type is narrower.
 */
function onDiv(props: PropsWithRef<HTMLElement>): PropsWithRef<HTMLDivElement> {
  return props as PropsWithRef<HTMLDivElement>;
}

function categoryText(category: string): string {
  if (/voice/i.test(category)) return 'Voice call';
  if (/text|sms/i.test(category)) return 'Text message';
  if (/mail/i.test(category)) return 'Email';
  return category;
}

const CONNECTIVITY = {
  online: '',
  retrying: 'Reconnecting to your bank…',
  offline: 'You’re offline. We’ll carry on when the connection is back.',
  server_error: 'Your bank’s service is having trouble. We’ll keep trying.',
};

function refusalText(reason: AnswerRefusalReason): string {
  switch (reason) {
    case 'missing':
    case 'empty':
      return 'Enter an answer to continue.';
    case 'unknown_choice':
      return 'Choose one of the options.';
    case 'expired':
      return 'This code has expired.';
    default:
      return 'This answer can’t be sent.';
  }
}

function errorText(error: MfaError): string {
  switch (error.kind) {
    case 'network':
    case 'timeout':
      return 'We couldn’t reach your bank. Check your connection; we’ll keep trying.';
    case 'rate_limited':
      return 'Your bank is busy. We’ll try again in a moment.';
    case 'challenge_expired':
      return 'That code expired before it arrived at the bank.';
    case 'not_found':
    case 'unauthorized':
      return 'This link session has ended. Choose your bank again.';
    default:
      return 'Something went wrong on our side. Please try again.';
  }
}
