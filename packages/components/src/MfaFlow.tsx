import type { Challenge } from '@mfa-kit/core';
import { challengeField, codeLengthFromPrompt, useMfaChallenge, type UseMfaChallengeOptions, type UseMfaChallengeResult } from '@mfa-kit/hooks';
import { useId, useRef, useState } from 'react';
import { Announcer, useAnnounceOnChange } from './Announcer';
import { CaptchaChallenge } from './CaptchaChallenge';
import { ChoicePicker } from './ChoicePicker';
import { ConfigInstructions } from './ConfigInstructions';
import { ConnectivityNotice } from './ConnectivityNotice';
import { Countdown } from './Countdown';
import { CredentialsForm } from './CredentialsForm';
import { DonePanel } from './DonePanel';
import { FailedPanel } from './FailedPanel';
import { ImageChoicePicker } from './ImageChoicePicker';
import type { MfaMessages } from './messages';
import { MfaMessagesProvider, useMfaMessages } from './MfaMessagesProvider';
import type { HeadingLevel } from './Panel';
import { partProps } from './partProps';
import { PinInput } from './PinInput';
import { ProgressPanel } from './ProgressPanel';
import { QuestionChallenge } from './QuestionChallenge';
import { RestartPanel } from './RestartPanel';
import { UnstyledProvider, useUnstyled } from './UnstyledProvider';

/** Props of {@link MfaFlow}: every `useMfaChallenge` option, plus how the flow looks and speaks. */
export interface MfaFlowProps extends UseMfaChallengeOptions {
  /** The Quovo connection to sync. */
  connectionId: number;
  /**
   * After a restart in a realtime PIN flow, re-send to the destination chosen before, so the
   * restart is one click. @default true (the hook's own default is false)
   */
  autoResend?: boolean;
  /**
   * How the flow begins: `'auto'` reads the sync and starts one when none is running (a new,
   * finished or failed connection), `true` starts at once, `false` only follows. @default 'auto'
   */
  autoStart?: boolean | 'auto';
  /** Words to override, key by key (e.g. `messagesEs`); the hooks' words (alt text) included. @default English */
  messages?: Partial<MfaMessages>;
  /** Locale for `Intl` formatting of times and numbers. @default the enclosing MfaMessagesProvider's, else 'en' */
  locale?: string;
  /** Render none of our class names; style by `data-part` and `data-state`. @default the UnstyledProvider's value, else false */
  unstyled?: boolean;
  /** Force the light or dark tokens (`data-theme`); otherwise `prefers-color-scheme` decides. */
  theme?: 'light' | 'dark';
  /** Extra class names on the root. */
  className?: string;
  /** Level of the flow's headings. @default 2 */
  headingLevel?: HeadingLevel;
  /** Length of the realtime PIN, when known; draws slots and enables auto-submit. @default read from the question ("6-digit"), else unknown */
  pinLength?: number;
  /** `numeric` keeps the numeric keypad for the PIN and drops other characters. @default 'numeric' */
  pinFormat?: 'numeric' | 'text';
  /** Hide the PIN's characters. @default false */
  maskPin?: boolean;
  /** Submit as soon as a PIN of known length is complete (when it is the only answer). @default true */
  autoSubmitPin?: boolean;
  /** Countdown warning state from this many ms before expiry. @default 20000 */
  warningMs?: number;
  /** Countdown announcements at these ms left. @default [60000, 30000] */
  announceAt?: number[];
}

/**
 * The drop-in MFA flow: progress while syncing, every challenge (several at once as one form),
 * a countdown on realtime ones, expiry and `resync` with a one-click restart, the credentials
 * form, `user_config` instructions, done, failure with retry, and connectivity notices.
 *
 * @example
 * <MfaFlow connectionId={4224865} baseUrl="/api/quovo" onComplete={() => navigate('/accounts')} />
 */
export function MfaFlow({ messages, locale, unstyled, ...rest }: MfaFlowProps) {
  const isUnstyled = useUnstyled(unstyled);
  return (
    <MfaMessagesProvider messages={messages} locale={locale}>
      <UnstyledProvider unstyled={isUnstyled}>
        <FlowBody {...rest} />
      </UnstyledProvider>
    </MfaMessagesProvider>
  );
}

type FlowBodyProps = Omit<MfaFlowProps, 'messages' | 'locale' | 'unstyled'>;

function FlowBody({
  connectionId,
  autoResend = true,
  autoStart = 'auto',
  theme,
  className,
  headingLevel = 2,
  pinLength,
  pinFormat = 'numeric',
  maskPin = false,
  autoSubmitPin = true,
  warningMs,
  announceAt,
  ...options
}: FlowBodyProps) {
  const unstyled = useUnstyled();
  const { messages } = useMfaMessages();
  // One catalogue: the getters' words (alt text) come from the same messages as ours.
  const mfa = useMfaChallenge(connectionId, { ...options, autoResend, autoStart, messages });
  const { step } = mfa;
  const titleId = useId();
  // Presses of "I can't see the images": its help is shown from the first, and said at each.
  const [cantSee, setCantSee] = useState(0);
  // Counted so a refusal is said once per submit; the getters' own submit runs after this.
  const [submits, setSubmits] = useState(0);
  // The questions as the user saw them when they last sent their answers.
  const submittedPrompts = useRef<readonly string[]>([]);
  // The bank's new question already says the answer was wrong ("That PIN was not right. Enter
  // your pin:"): its words, on the field that takes focus, are the only ones; ours would say it twice.
  const reasked = mfa.reasked === 'same' && promptSaysRefused(mfa.challenges, submittedPrompts.current) ? null : mfa.reasked;

  // Expiry here and the server's `resync` that confirms it are one moment for the user: one
  // panel, the same button under the pointer.
  const expiredRef = useRef(false);
  // The PIN expired here, or the server refused a late answer as expired: same words either way.
  if (step.type === 'expired' || mfa.error?.kind === 'challenge_expired') expiredRef.current = true;
  else if (step.type !== 'restart') expiredRef.current = false;

  const panel = { headingLevel, unstyled };
  let body;
  switch (step.type) {
    case 'idle':
      body = mfa.error ? (
        <FailedPanel {...panel} status={mfa.error.kind} description={errorText(messages, mfa.error.kind)} onRetry={mfa.restart} busy={mfa.isStarting} />
      ) : (
        <ProgressPanel {...panel} progress={null} />
      );
      break;
    case 'wait':
      body = <ProgressPanel {...panel} progress={step.progress} />;
      break;
    case 'answer': {
      const answerable = mfa.challenges.filter((c: Challenge) => c.shouldAnswer);
      const Heading = `h${headingLevel}` as const;
      body = (
        <form
          {...mfa.getFormProps({
            'aria-labelledby': titleId,
            onSubmit: () => {
              submittedPrompts.current = mfa.challenges.map((c) => c.prompt);
              setSubmits((n) => n + 1);
            },
            ...partProps('form', mfa.isSubmitting ? 'submitting' : 'idle', undefined, unstyled),
          })}
        >
          <Heading {...mfa.getHeadingProps({ id: titleId, ...partProps('title', undefined, undefined, unstyled) })}>{messages.title}</Heading>
          {reasked ? <p {...partProps('reasked', reasked, undefined, unstyled)}>{reasked === 'same' ? messages.answerNotAccepted : messages.askedAgain}</p> : null}
          {step.deadline !== null ? <Countdown deadline={step.deadline} clock={mfa.clock} warningMs={warningMs} announceAt={announceAt} /> : null}
          {mfa.challenges.map((challenge: Challenge) => (
            <ChallengeField
              key={challenge.id}
              challenge={challenge}
              mfa={mfa}
              pinLength={pinLength}
              pinFormat={pinFormat}
              maskPin={maskPin}
              autoSubmit={autoSubmitPin && answerable.length === 1}
              cantSeeHelp={cantSee ? messages.cantSeeImagesHelp : undefined}
              onCantSee={() => {
                setCantSee((n) => n + 1);
                mfa.requestAlternative();
              }}
            />
          ))}
          {mfa.error ? (
            // Spoken by the flow's assertive region; focus comes here after a failed submit.
            <p tabIndex={-1} {...partProps('form-error', mfa.error.kind, undefined, unstyled)}>
              {errorText(messages, mfa.error.kind)}
            </p>
          ) : null}
          {answerable.length > 0 ? (
            <button {...mfa.getSubmitProps({ ...partProps('button', mfa.isSubmitting ? 'busy' : 'idle', undefined, unstyled), 'data-variant': 'primary' } as object)}>
              {mfa.isSubmitting ? messages.submitting : messages.submit}
            </button>
          ) : null}
        </form>
      );
      break;
    }
    case 'expired':
    case 'restart':
      body = <RestartPanel {...panel} reason={expiredRef.current ? 'expired' : 'resync'} onRestart={mfa.restart} busy={mfa.isStarting} />;
      break;
    case 'credentials':
      body = (
        <CredentialsForm
          {...panel}
          onSubmit={mfa.submitCredentials}
          busy={mfa.isStarting}
          error={mfa.error ? errorText(messages, mfa.error.kind) : undefined}
        />
      );
      break;
    case 'config':
      body = <ConfigInstructions {...panel} instructions={step.instructions} onRestart={mfa.restart} busy={mfa.isStarting} />;
      break;
    case 'done':
      body = <DonePanel {...panel} />;
      break;
    default:
      body = <FailedPanel {...panel} status={step.status} onRetry={mfa.restart} busy={mfa.isStarting} />;
  }
  // The partner's backend refuses this page (its Origin or Host): whatever the step, the user can
  // only be told the page cannot reach the service; a retry button would promise what it cannot do.
  const misconfigured = mfa.error?.kind === 'configuration';
  if (misconfigured) body = <FailedPanel {...panel} status="configuration" description={messages.configurationError} />;

  return (
    <div {...mfa.getRootProps({ ...partProps('flow', step.type, className, unstyled), 'data-theme': theme } as object)}>
      <Announcer>
        <FlowAnnouncements mfa={mfa} reasked={reasked} expired={expiredRef.current} submits={submits} cantSee={cantSee} />
        {/* One "Try again" at a time: when the failed panel offers its own, the notice only informs. */}
        <ConnectivityNotice connectivity={mfa.connectivity} onRetry={(step.type === 'idle' && mfa.error) || step.type === 'failed' || misconfigured ? undefined : mfa.refresh} />
        {body}
      </Announcer>
    </div>
  );
}

/** The words for a failed request: the configuration refusal has its own, without "try again". */
function errorText(messages: MfaMessages, kind: string): string {
  return kind === 'configuration' ? messages.configurationError : messages.requestError(kind);
}

/**
 * Whether the bank's new question already says that the answer was refused: a challenge asked
 * again whose prompt is one the user answered with words added ("That PIN was not right. Enter
 * your pin:" after "Enter your pin:"). Quovo has no refusal field; only the prompt can say it.
 */
function promptSaysRefused(challenges: readonly Challenge[], before: readonly string[]): boolean {
  return challenges.some((c) => c.shouldAnswer && !before.includes(c.prompt) && before.some((prompt) => prompt && c.prompt.includes(prompt)));
}

/**
 * What the flow says aloud, once, whether focus moves or not: a refused submit (focus may
 * already be on the field, so no focus event speaks), a request that failed, the bank asking
 * again, an expiry (wherever focus is), and the help "I can't see the images" brings (focus stays
 * on the button).
 */
function FlowAnnouncements({
  mfa,
  reasked,
  expired,
  submits,
  cantSee,
}: {
  mfa: UseMfaChallengeResult;
  reasked: UseMfaChallengeResult['reasked'];
  expired: boolean;
  submits: number;
  cantSee: number;
}) {
  const { messages } = useMfaMessages();
  const { refusals, error } = mfa;
  const first = Object.values(refusals)[0];
  // Once per refused submit (not again while the user fixes one of several answers).
  useAnnounceOnChange(first && submits, first && `${messages.refusalSummary(Object.keys(refusals).length)} ${messages.refusal(first)}`, 'assertive');
  // An expiry has the flow's own words below; the rest say what failed.
  useAnnounceOnChange(error?.kind !== 'challenge_expired' && error, error && errorText(messages, error.kind), 'assertive');
  useAnnounceOnChange(
    reasked && `${reasked}:${mfa.challenges.map((c) => c.id).join()}`,
    reasked === 'same' ? messages.answerNotAccepted : messages.askedAgain,
    'assertive',
  );
  useAnnounceOnChange(expired, `${messages.countdownExpired} ${messages.expiredBody}`, 'assertive');
  useAnnounceOnChange(cantSee, messages.cantSeeImagesHelp);
  return null;
}

interface ChallengeFieldProps {
  challenge: Challenge;
  mfa: UseMfaChallengeResult;
  pinLength: number | undefined;
  pinFormat: 'numeric' | 'text';
  maskPin: boolean;
  autoSubmit: boolean;
  /** "I can't see the images", on a CAPTCHA or picture choice. */
  onCantSee: () => void;
  /** What it brought, once pressed. */
  cantSeeHelp: string | undefined;
}

/** One challenge of the form, by core's `challengeField`, driven by the hook's prop getters alone. */
function ChallengeField({ challenge, mfa, pinLength, pinFormat, maskPin, autoSubmit, onCantSee, cantSeeHelp }: ChallengeFieldProps) {
  const unstyled = useUnstyled();
  const { messages } = useMfaMessages();
  const kind = challengeField(challenge);
  const refusal = mfa.refusals[challenge.id];
  const common = { ids: mfa.getIds(challenge.id), error: refusal ? messages.refusal(refusal) : undefined, label: challenge.prompt || undefined };

  let field;
  switch (kind) {
    case 'notice':
      // Shown for information only: its text, never an input, and nothing is sent for it.
      field = <p {...partProps('notice', undefined, undefined, unstyled)}>{challenge.prompt}</p>;
      break;
    case 'choice':
      if (challenge.kind !== 'choice') break;
      field = (
        <ChoicePicker
          {...common}
          choices={challenge.choices}
          groupProps={mfa.getChoiceGroupProps({ challenge })}
          getChoiceProps={(choice) => mfa.getChoiceProps({ challenge, choice })}
        />
      );
      break;
    case 'imageChoice':
      if (challenge.kind !== 'imageChoice') break;
      field = (
        <ImageChoicePicker
          {...common}
          choices={challenge.choices}
          groupProps={mfa.getChoiceGroupProps({ challenge })}
          getChoiceProps={(choice) => mfa.getChoiceProps({ challenge, choice })}
          getImageProps={(choice) => mfa.getChoiceImageProps({ challenge, choice })}
          onCantSee={onCantSee}
          cantSeeHelp={cantSeeHelp}
        />
      );
      break;
    case 'captcha':
      if (challenge.kind !== 'captcha') break;
      field = (
        <CaptchaChallenge
          {...common}
          image={challenge.image}
          onRequestNewImage={mfa.restart}
          onCantSee={onCantSee}
          cantSeeHelp={cantSeeHelp}
          imageProps={mfa.getCaptchaImageProps({ challenge })}
          inputProps={mfa.getCodeInputProps({ challenge, format: 'text' })}
        />
      );
      break;
    case 'pin': {
      const length = pinLength ?? codeLengthFromPrompt(challenge.prompt);
      field = (
        <PinInput
          {...common}
          hint={messages.pinHint}
          label={challenge.prompt || messages.questionFallbackLabel}
          length={length}
          format={pinFormat}
          mask={maskPin}
          autoSubmit={autoSubmit && length !== undefined}
          // No maxLength: a keyboard's clipboard suggestion arrives without a paste event, whole.
          inputProps={mfa.getCodeInputProps({ challenge, length, format: pinFormat, nativeMaxLength: false })}
        />
      );
      break;
    }
    default:
      field = <QuestionChallenge {...common} inputProps={mfa.getCodeInputProps({ challenge })} />;
  }
  return (
    <div {...partProps('challenge', kind === 'notice' ? 'readonly' : refusal ? 'invalid' : 'pending', undefined, unstyled)} data-kind={challenge.kind}>
      {field}
    </div>
  );
}
