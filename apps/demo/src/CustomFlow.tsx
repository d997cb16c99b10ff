import type { AnswerRefusalReason, Challenge, ChoiceChallenge, ImageChoiceChallenge, MfaError, SyncTransport } from '@mfa-kit/core';
import type { PropsWithRef, UseMfaChallengeResult } from '@mfa-kit/hooks';
import { challengeField, useCountdown, useMfaChallenge } from '@mfa-kit/hooks';
import type { ReactNode } from 'react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';

/** Props of {@link CustomFlow}. */
export interface CustomFlowProps {
  connectionId: number;
  /** Called once when the sync is good. */
  onComplete: () => void;
  /** Push (server-sent events) or polling, from the page's switch. */
  transport: SyncTransport;
}

/** How urgently a live region speaks. */
type Politeness = 'polite' | 'assertive';
/** Says words through the flow's live regions. */
type Say = (text: string, politeness?: Politeness) => void;

/** Tally's words, shared by the steps that show them and the regions that say them. */
const WORDS = {
  progressTitle: 'Connecting to your bank',
  answerTitle: 'Verify it’s you',
  expiredTitle: 'That PIN has expired',
  expiredBody: 'For your security, a PIN only works for a short time.',
  restartTitle: 'Let’s try that again',
  resend: 'Send a new PIN',
  doneTitle: 'All set',
  doneBody: 'Your account is linked. Balances and transactions will appear on your overview.',
  answerNotAccepted: 'That answer wasn’t accepted. Please try again.',
  askedAgain: 'Your bank asked another question.',
  newImage: 'Get a new image',
  cantSee: 'I can’t see the images',
  // The drop-in's words (messagesEn.cantSeeImagesHelp): Quovo v3 cannot swap a picture check for another kind.
  cantSeeHelp:
    'This bank only offers a picture check here, and it can’t be swapped for another kind. Ask the people who gave you this app for another way to connect your account.',
};

/**
 * The MFA flow on Tally's own markup and CSS: the headless `useMfaChallenge` and `useCountdown`
 * hooks supply state, actions and the accessibility props; every element and word is the app's.
 * It does what the drop-in does (every alternative, the same announcements, forced colours), so
 * partners can copy it.
 */
export function CustomFlow({ connectionId, onComplete, transport }: CustomFlowProps) {
  const mfa = useMfaChallenge(connectionId, { transport, autoStart: true, autoResend: true, onComplete });
  const [said, say] = useLiveRegions();
  // Presses of "I can't see the images": its help shows from the first, and is said at each.
  const [cantSee, setCantSee] = useState(0);
  // Each submit, and the questions as the user saw them then (kept here: the form is gone while
  // the bank checks, and comes back with its answer).
  const [sent, setSent] = useState<Sent>({ count: 0, prompts: [] });
  const { requestAlternative } = mfa;
  const onCantSee = useCallback(() => {
    setCantSee((n) => n + 1);
    say(WORDS.cantSeeHelp);
    requestAlternative();
  }, [requestAlternative, say]);
  // A failed request, said once (the callout shows it; it is not a region of its own).
  const { error } = mfa;
  useEffect(() => {
    if (error && error.kind !== 'challenge_expired') say(errorText(error), 'assertive');
  }, [error, say]);
  const connectivity = mfa.connectivity === 'online' ? '' : CONNECTIVITY[mfa.connectivity];
  // getRootProps: on every step change the hook moves focus to the new field or heading.
  return (
    <div {...onDiv(mfa.getRootProps({ className: 'tally-flow' }))}>
      {/* The live regions are there, empty, before anything is said: a region inserted with its
          words is skipped by most screen readers. Each message is a new node, so the same words
          said again are spoken again. */}
      {(['polite', 'assertive'] as const).map((politeness) => (
        <div key={politeness} className="visually-hidden" aria-live={politeness} aria-atomic="true">
          {said[politeness] ? <p key={said[politeness].id}>{said[politeness].text}</p> : null}
        </div>
      ))}
      <div role="status" className="tally-connectivity">
        {connectivity ? <p className="callout callout-warning">{connectivity}</p> : null}
      </div>
      {/* As the drop-in: a read now, while offline or while the server fails (not beside the failed step's own "Try again"). */}
      {(mfa.connectivity === 'offline' || mfa.connectivity === 'server_error') && mfa.step.type !== 'failed' ? (
        <button type="button" className="button button-secondary button-small tally-retry" onClick={mfa.refresh}>
          Try again
        </button>
      ) : null}
      <StepView mfa={mfa} say={say} cantSee={cantSee} onCantSee={onCantSee} sent={sent} onSend={setSent} />
    </div>
  );
}

/** How long words stay in a region: long enough to be read, short enough not to go stale. */
const CLEAR_AFTER_MS = 7000;

/**
 * The flow's two live regions, polite and assertive, and `say` to speak through them. Each
 * message is a new node (the same words said again are spoken again), cleared after a while so
 * no stale text lingers ("2 minutes left" beside a timer at 1:40).
 */
function useLiveRegions(): [Record<Politeness, { text: string; id: number } | null>, Say] {
  const [said, setSaid] = useState<Record<Politeness, { text: string; id: number } | null>>({ polite: null, assertive: null });
  const next = useRef(0);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);
  const say = useCallback<Say>((text, politeness = 'polite') => {
    const id = ++next.current;
    setSaid((current) => ({ ...current, [politeness]: { text, id } }));
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setSaid((current) => (current[politeness]?.id === id ? { ...current, [politeness]: null } : current));
    }, CLEAR_AFTER_MS);
    timers.current.add(timer);
  }, []);
  return [said, say];
}

/** The submits so far, and the prompts of the last one. */
interface Sent {
  count: number;
  prompts: readonly string[];
}

interface StepProps {
  mfa: UseMfaChallengeResult;
  say: Say;
  /** Presses of "I can't see the images" so far. */
  cantSee: number;
  onCantSee: () => void;
  sent: Sent;
  onSend: (sent: Sent) => void;
}

function StepView({ mfa, say, cantSee, onCantSee, sent, onSend }: StepProps) {
  const { step } = mfa;
  switch (step.type) {
    case 'idle':
    case 'wait':
      return <Progress mfa={mfa} say={say} />;
    case 'answer':
      return <AnswerForm mfa={mfa} say={say} cantSee={cantSee} onCantSee={onCantSee} sent={sent} onSend={onSend} />;
    case 'expired':
    case 'restart':
      return <Restart mfa={mfa} say={say} expired={step.type === 'expired' || mfa.error?.kind === 'challenge_expired'} />;
    case 'credentials':
      return <CredentialsForm mfa={mfa} />;
    case 'config':
      return (
        <Outcome title="Your bank needs you to do something first" tone="warning">
          <p className="pre-line">{step.instructions ?? 'Sign in to your bank’s website and follow the instructions there.'}</p>
          <button type="button" className="button" {...restartProps(mfa)}>
            I’ve done this, try again
          </button>
        </Outcome>
      );
    case 'done':
      return <Done say={say} />;
    case 'failed':
      return (
        <Outcome title="Your bank isn’t responding" tone="error">
          <p>
            The bank reported <code>{step.status}</code>. This is usually temporary.
          </p>
          <button type="button" className="button" {...restartProps(mfa)}>
            Try again
          </button>
        </Outcome>
      );
  }
}

/** Syncing: a fixed heading (focus lands on it) and the bank's message, said through the polite region. */
function Progress({ mfa, say }: { mfa: UseMfaChallengeResult; say: Say }) {
  const progress = mfa.step.type === 'wait' ? mfa.step.progress : null;
  const message = progress?.message ?? null;
  useEffect(() => {
    if (message) say(message);
  }, [message, say]);
  return (
    <div className="tally-progress">
      <h3 {...mfa.getHeadingProps({ className: 'tally-progress-title' })}>{WORDS.progressTitle}</h3>
      <progress max={100} value={progress?.percent ?? undefined} aria-label={WORDS.progressTitle} />
      <p className="muted">{message ?? 'Please wait…'}</p>
      {mfa.error && <p className="tally-error">{errorText(mfa.error)}</p>}
    </div>
  );
}

/**
 * Expiry: said assertively wherever focus is, in the words of the button that takes focus
 * (`data-autofocus`, which the hook's focus management looks for first).
 */
function Restart({ mfa, say, expired }: { mfa: UseMfaChallengeResult; say: Say; expired: boolean }) {
  useEffect(() => {
    if (expired) say(`Time is up. ${WORDS.resend} to try again.`, 'assertive');
  }, [expired, say]);
  return (
    <Outcome title={expired ? WORDS.expiredTitle : WORDS.restartTitle} tone="warning">
      <p>{expired ? WORDS.expiredBody : 'The verification timed out.'} We’ll send the new PIN where you chose before.</p>
      <button type="button" className="button" {...restartProps(mfa)} data-scope="mfa" data-autofocus="">
        {mfa.isStarting ? 'Sending…' : WORDS.resend}
      </button>
    </Outcome>
  );
}

/** Done: focus lands on the heading, which says the title; the polite region says the rest, once. */
function Done({ say }: { say: Say }) {
  useEffect(() => say(WORDS.doneBody), [say]);
  return (
    <Outcome title={WORDS.doneTitle} tone="success">
      <p>{WORDS.doneBody}</p>
    </Outcome>
  );
}

/**
 * A button that restarts the sync: `aria-disabled` while a restart is on its way, never
 * `disabled`, since disabling the focused button would drop focus to the page's `<body>`.
 */
function restartProps(mfa: UseMfaChallengeResult) {
  return {
    'aria-disabled': mfa.isStarting || undefined,
    onClick: () => {
      if (!mfa.isStarting) mfa.restart();
    },
  };
}

function Outcome({ title, tone, children }: { title: string; tone: 'success' | 'warning' | 'error'; children: ReactNode }) {
  return (
    <div className={`tally-outcome tally-outcome-${tone}`}>
      <h3 tabIndex={-1}>{title}</h3>
      {children}
    </div>
  );
}

/**
 * Whether the bank's new question already says the answer was refused: a prompt the user
 * answered, asked again with words added ("That PIN was not right. Enter your pin:"). Then its
 * words, on the field that takes focus, are the only ones (as in the drop-in).
 */
function promptSaysRefused(challenges: readonly Challenge[], before: readonly string[]): boolean {
  const earlier = before.filter((prompt) => prompt.trim() !== '');
  return challenges.some((c) => c.shouldAnswer && !earlier.includes(c.prompt) && earlier.some((prompt) => c.prompt.includes(prompt)));
}

function AnswerForm({ mfa, say, cantSee, onCantSee, sent, onSend }: StepProps) {
  const countdown = useCountdown(mfa);
  const titleId = useId();
  const announcement = countdown.announcement;
  // The time left, politely; the expiry has its own step and words (assertive, above).
  const timeText = announcement && announcement.reason !== 'expired' ? announcement.text : null;
  useEffect(() => {
    if (timeText) say(timeText);
  }, [timeText, say]);
  const submits = sent.count;
  const reasked = mfa.reasked === 'same' && promptSaysRefused(mfa.challenges, sent.prompts) ? null : mfa.reasked;
  const reaskedKey = reasked && `${reasked}:${mfa.challenges.map((c) => c.id).join()}`;
  useEffect(() => {
    if (reaskedKey) say(reaskedKey.startsWith('same') ? WORDS.answerNotAccepted : WORDS.askedAgain, 'assertive');
  }, [reaskedKey, say]);
  // A refused submit, said even when focus is already on the field (no focus move speaks then).
  // Once per submit, not again while the user fixes one of several answers.
  const firstRefusal = Object.values(mfa.refusals)[0];
  const spokenFor = useRef(0);
  useEffect(() => {
    if (!submits || !firstRefusal || spokenFor.current === submits) return;
    spokenFor.current = submits;
    say(refusalText(firstRefusal), 'assertive');
  }, [submits, firstRefusal, say]);
  const answerable = mfa.challenges.filter((c) => c.shouldAnswer).length;
  return (
    <form
      {...mfa.getFormProps({
        className: 'tally-form',
        'aria-labelledby': titleId,
        onSubmit: () => onSend({ count: sent.count + 1, prompts: mfa.challenges.map((c) => c.prompt) }),
      })}
    >
      <h3 {...mfa.getHeadingProps({ id: titleId, className: 'tally-form-title' })}>{WORDS.answerTitle}</h3>
      {reasked && <p className="callout callout-warning">{reasked === 'same' ? WORDS.answerNotAccepted : WORDS.askedAgain}</p>}
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
        <ChallengeField key={challenge.id} mfa={mfa} challenge={challenge} cantSee={cantSee} onCantSee={onCantSee} />
      ))}
      {mfa.error && <p className="callout callout-error">{errorText(mfa.error)}</p>}
      <div className="form-actions">
        <button {...mfa.getSubmitProps({ className: 'button' })}>{mfa.isSubmitting ? 'Checking…' : answerable > 1 ? 'Submit answers' : 'Verify'}</button>
      </div>
    </form>
  );
}

/**
 * Under a CAPTCHA or pictures: a new image (a restart brings new ones), and "I can't see the
 * images", whose help is shown under it, describes it and is said (by `onCantSee`).
 */
function ImageAlternatives({ mfa, cantSee, onCantSee }: { mfa: UseMfaChallengeResult; cantSee: number; onCantSee: () => void }) {
  const helpId = useId();
  return (
    <div className="tally-alternatives">
      <button type="button" className="button button-secondary button-small" {...restartProps(mfa)}>
        {WORDS.newImage}
      </button>
      <button type="button" className="link-button" onClick={onCantSee} aria-describedby={cantSee > 0 ? helpId : undefined}>
        {WORDS.cantSee}
      </button>
      {cantSee > 0 && (
        <p className="tally-note" id={helpId}>
          {WORDS.cantSeeHelp}
        </p>
      )}
    </div>
  );
}

function ChallengeField({ mfa, challenge, cantSee, onCantSee }: { mfa: UseMfaChallengeResult; challenge: Challenge; cantSee: number; onCantSee: () => void }) {
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
          {challenge.kind === 'imageChoice' && <ImageAlternatives mfa={mfa} cantSee={cantSee} onCantSee={onCantSee} />}
        </div>
      );
    case 'captcha':
      return (
        <div className="tally-field">
          {challenge.kind === 'captcha' && <img {...mfa.getCaptchaImageProps({ challenge, className: 'tally-captcha' })} />}
          <label {...mfa.getLabelProps({ challenge, className: 'tally-label' })}>{challenge.prompt || 'Type the characters in the image'}</label>
          <input {...mfa.getCodeInputProps({ challenge, format: 'text', className: 'tally-input' })} />
          {error}
          <ImageAlternatives mfa={mfa} cantSee={cantSee} onCantSee={onCantSee} />
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
        if (!mfa.isStarting && username.trim() && passcode) mfa.submitCredentials({ username: username.trim(), passcode });
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
        <button type="submit" className="button" aria-disabled={mfa.isStarting || undefined}>
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
      return 'This PIN has expired.';
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
      return 'That PIN expired before it arrived at the bank.';
    case 'not_found':
    case 'unauthorized':
      return 'This link session has ended. Choose your bank again.';
    default:
      return 'Something went wrong on our side. Please try again.';
  }
}
